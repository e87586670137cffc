public import ServiceDomain

/// The error every `ServiceStandards` operation throws: a stable code, the offending field and a message.
///
/// Paths name fields in the caller's data, as in `rules[2].targets.firstReply.durations.urgent`. Codes are the
/// domain's (`ServiceDomainError.Code`) plus this module's own, such as `unknownCalendar`.
public struct ServiceStandardsError: ServiceError {
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
    /// A policy names a business calendar that was not supplied.
    public static let unknownCalendar = Self(rawValue: "unknownCalendar")
    /// A policy names a custom condition that was not supplied.
    public static let unknownCondition = Self(rawValue: "unknownCondition")
    /// A recorded rule names no rule of the policy.
    public static let unknownRule = Self(rawValue: "unknownRule")
    /// A helpdesk preset was given a metric it does not have.
    public static let unknownMetric = Self(rawValue: "unknownMetric")
    /// A required field is missing from a document.
    public static let missingField = Self(rawValue: "missingField")
    /// A field has the wrong JSON type.
    public static let wrongType = Self(rawValue: "wrongType")
}
