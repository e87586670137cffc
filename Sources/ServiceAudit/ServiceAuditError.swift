public import ServiceDomain

/// The error every `ServiceAudit` operation throws: a stable code, the offending field and a message.
///
/// Codes are the domain's (`ServiceDomainError.Code`) plus this module's own, such as `unknownReference` or
/// `badBands`. Paths name the offending field of a template or an answer set, as in `sections[2].items[4].weight` or
/// `answers.Q7`.
public struct ServiceAuditError: ServiceError {
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
}

extension ServiceDomainError.Code {
    /// A template, audit or action names something that is not there: a response set, an earlier item, a design
    /// factor, a finding, a built-in template.
    public static let unknownReference = Self(rawValue: "unknownReference")
    /// An answer names an item the template does not have.
    public static let unknownItem = Self(rawValue: "unknownItem")
    /// An answer chooses an option its item does not offer.
    public static let unknownOption = Self(rawValue: "unknownOption")
    /// An answer is of the wrong kind for its item (a number for a yes/no question, say).
    public static let wrongKind = Self(rawValue: "wrongKind")
    /// Not applicable was answered where the item does not allow it, or without a required reason.
    public static let notApplicableRefused = Self(rawValue: "notApplicableRefused")
    /// Score bands overlap or leave a gap.
    public static let badBands = Self(rawValue: "badBands")
}
