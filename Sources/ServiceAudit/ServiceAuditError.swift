public import ServiceDomain

/// The error every `ServiceAudit` operation throws: a stable code, the offending field and a message.
///
/// Codes are the domain's (`ServiceDomainError.Code`) plus this module's own, such as `unknownReference` or
/// `badBands`. Paths name the offending field of a template or an answer set, as in `sections[2].items[4].weight` or
/// `answers.Q7`.
public struct ServiceAuditError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// What went wrong.
    public var code: Code
    /// The path of the offending field, or `nil` when the whole value is at fault.
    public var path: String?
    /// A human-readable explanation.
    public var message: String

    /// A stable error code: `ServiceDomainError`'s codes and this module's.
    public typealias Code = ServiceDomainError.Code

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: The stable code.
    ///   - path: The path of the offending field, if any.
    ///   - message: A human-readable explanation.
    public init(_ code: Code, at path: String? = nil, _ message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    /// Wraps a domain error, keeping its code, path and message; `prefix` is placed before its path.
    ///
    /// - Parameters:
    ///   - error: The domain error.
    ///   - prefix: The path of the value that was being checked, if any.
    public init(_ error: ServiceDomainError, under prefix: String? = nil) {
        let nested = prefix.map { error.nested(under: $0) } ?? error
        self.init(nested.code, at: nested.path, nested.message)
    }

    /// The code, the path when there is one, and the message.
    public var description: String {
        if let path { return "\(code.rawValue) at \(path): \(message)" }
        return "\(code.rawValue): \(message)"
    }

    /// The same error with its path placed under `prefix`.
    ///
    /// - Parameter prefix: The path of the enclosing value.
    /// - Returns: The error with the combined path.
    public func nested(under prefix: String) -> ServiceAuditError {
        ServiceAuditError(ServiceDomainError(code, at: path, message), under: prefix)
    }
}

extension ServiceDomainError.Code {
    /// An answer, option or response set names something the template does not have.
    public static let unknownReference = Self(rawValue: "unknownReference")
    /// An answer is of the wrong kind for its item (a number for a yes/no question, say).
    public static let wrongKind = Self(rawValue: "wrongKind")
    /// Not applicable was answered where the item does not allow it, or without a required reason.
    public static let notApplicableRefused = Self(rawValue: "notApplicableRefused")
    /// Score bands overlap or leave a gap.
    public static let badBands = Self(rawValue: "badBands")
}
