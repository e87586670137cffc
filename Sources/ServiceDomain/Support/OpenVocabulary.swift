/// A string-backed, open set of named values: the shape of ``Channel``, ``Priority``, ``CustomerRole``, error codes
/// and identifiers.
///
/// Open vocabularies let users add their own values (a `Channel("whatsapp")`) without waiting for a release,
/// while the common values are built in as static members. A conformer encodes as its bare string and can be written
/// as a string literal.
///
/// Implementation requirements: a struct with a single stored `rawValue: String` and `init(rawValue:)`; everything
/// else has a default.
///
/// ```swift
/// public struct Region: OpenVocabulary {
///     public var rawValue: String
///     public init(rawValue: String) { self.rawValue = rawValue }
///     public static let north: Region = "north"
/// }
/// ```
public protocol OpenVocabulary: RawRepresentable<String>, Sendable, Hashable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// Creates a value from its string.
    ///
    /// - Parameter rawValue: The value's string.
    init(rawValue: String)
}

extension OpenVocabulary {
    /// Creates a value from its string.
    ///
    /// - Parameter rawValue: The value's string.
    public init(_ rawValue: String) { self.init(rawValue: rawValue) }

    /// Creates a value from a string literal.
    ///
    /// - Parameter value: The value's string.
    public init(stringLiteral value: String) { self.init(rawValue: value) }

    /// The value's string.
    public var description: String { rawValue }
}
