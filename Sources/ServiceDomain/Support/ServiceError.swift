/// What every error of this library is: a stable code, the path of the offending field, and a message.
///
/// Each module throws its own concrete type (`ServiceDomainError`, `ServiceStandardsError`, `ServiceMetricsError`,
/// `ServiceSatisfactionError`, `ServiceAuditError`) so that typed throws say where an error came from; all of them
/// conform to this protocol, share the codes of ``ServiceDomainError/Code``, and convert into one another with their
/// path kept, so that a caller can handle any of them alike:
///
/// ```swift
/// func report(_ error: any ServiceError) {
///     log("\(error.code.rawValue) at \(error.path ?? "-"): \(error.message)")
/// }
/// ```
public protocol ServiceError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// What went wrong, as a stable code.
    var code: ServiceDomainError.Code { get }
    /// The path of the offending field, or `nil` when the whole value is at fault.
    var path: String? { get }
    /// A human-readable explanation.
    var message: String { get }

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: The stable code.
    ///   - path: The path of the offending field, if any.
    ///   - message: A human-readable explanation.
    init(_ code: ServiceDomainError.Code, at path: String?, _ message: String)
}

extension ServiceError {
    /// The code, the path when there is one, and the message.
    public var description: String {
        if let path { return "\(code.rawValue) at \(path): \(message)" }
        return "\(code.rawValue): \(message)"
    }

    /// Converts another of the library's errors, keeping its code and message; `prefix` is placed before its path.
    ///
    /// - Parameters:
    ///   - error: The error.
    ///   - prefix: The path of the value that was being checked, if any.
    public init(_ error: some ServiceError, under prefix: String? = nil) {
        var path = error.path
        if let prefix {
            switch path {
            case nil: path = prefix
            case let inner? where inner.hasPrefix("["): path = prefix + inner
            case let inner?: path = prefix + "." + inner
            }
        }
        self.init(error.code, at: path, error.message)
    }

    /// The same error with its path placed under `prefix`, as in `cases[4]` + `events[2]` → `cases[4].events[2]`.
    ///
    /// - Parameter prefix: The path of the enclosing value.
    /// - Returns: The error with the combined path.
    public func nested(under prefix: String) -> Self { Self(self, under: prefix) }
}

/// Argument checks shared by the modules, throwing each module's own error type.
package enum Checks<E: ServiceError> {
    /// Throws `nonFinite` unless the value is finite.
    package static func finite(_ value: Double, _ path: String) throws(E) {
        guard value.isFinite else { throw E(.nonFinite, at: path, "\(path) must be finite, not \(value)") }
    }

    /// Throws unless the value is finite and not negative.
    package static func notNegative(_ value: Double, _ path: String) throws(E) {
        try finite(value, path)
        guard value >= 0 else { throw E(.outOfRange, at: path, "\(path) cannot be negative (\(value))") }
    }

    /// Throws unless the value is finite and positive.
    package static func positive(_ value: Double, _ path: String) throws(E) {
        try finite(value, path)
        guard value > 0 else { throw E(.outOfRange, at: path, "\(path) must be positive (\(value))") }
    }

    /// Throws unless the value is a share: from 0 to 1, or strictly between them when `open`.
    package static func share(_ value: Double, _ path: String, open: Bool = false) throws(E) {
        try finite(value, path)
        let inside = open ? (value > 0 && value < 1) : (value >= 0 && value <= 1)
        guard inside else {
            let range = open ? "strictly between 0 and 1" : "from 0 to 1"
            throw E(.outOfRange, at: path, "\(path) must be \(range) (\(value))")
        }
    }
}
