/// The limits of a JSON document the library reads — a service-level configuration, a policy, a mapping, a state
/// from a shard — checked before it is decoded, so that an oversized or deeply nested file is an error that says so
/// rather than a decoder's "not valid JSON" or a stack that runs out.
///
/// ```swift
/// let configuration = try ServiceLevelConfiguration.load(from: data, limits: DocumentLimits(maximumBytes: 1 << 20))
/// ```
public struct DocumentLimits: Sendable, Hashable, Codable {
    /// The largest document accepted, in bytes: 64 MiB by default.
    public var maximumBytes: Int
    /// The deepest nesting of objects and arrays accepted: 128 by default.
    ///
    /// Foundation's decoder refuses more than 512 levels with a generic message, and no document of the library's
    /// nests beyond a few dozen.
    public var maximumDepth: Int

    /// The defaults: 64 MiB, 128 levels.
    public static let standard = DocumentLimits()

    /// Creates limits.
    ///
    /// - Parameters:
    ///   - maximumBytes: The largest document, in bytes (at least 1).
    ///   - maximumDepth: The deepest nesting (at least 1).
    public init(maximumBytes: Int = 64 << 20, maximumDepth: Int = 128) {
        self.maximumBytes = max(maximumBytes, 1)
        self.maximumDepth = max(maximumDepth, 1)
    }

    /// Checks a document's size and nesting (brackets outside strings), in one pass over its bytes.
    ///
    /// - Parameters:
    ///   - document: The document's bytes.
    ///   - source: The file's name, for the message.
    /// - Throws: ``ServiceDomainError`` with code `outOfRange`: path `document` when the document is too large, path
    ///   `line[N]` at the first bracket past the deepest nesting allowed.
    public func check(_ document: some Collection<UInt8>, source: String? = nil) throws(ServiceDomainError) {
        let prefix = source.map { "\($0): " } ?? ""
        guard document.count <= maximumBytes else {
            throw ServiceDomainError(
                .outOfRange,
                at: "document",
                "\(prefix)the document is \(document.count) bytes; the most accepted is \(maximumBytes) "
                    + "(DocumentLimits.maximumBytes)"
            )
        }
        var depth = 0
        var line = 1
        var inString = false
        var escaped = false
        for byte in document {
            if byte == UInt8(ascii: "\n") { line += 1 }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                guard depth <= maximumDepth else {
                    throw ServiceDomainError(
                        .outOfRange,
                        at: "line[\(line)]",
                        "\(prefix)line \(line): the document nests deeper than \(maximumDepth) levels "
                            + "(DocumentLimits.maximumDepth)"
                    )
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
    }
}
