public import ServiceDomain

/// The error every `ServiceMetrics` operation throws: a stable code, the offending field and a message.
///
/// Codes are the domain's (`ServiceDomainError.Code`) plus this module's own, such as
/// `unreachableTarget`. Paths name the offending argument or field, as in `traffic`,
/// `intervals[3].arrivals` or `records[12].talkTime`.
public struct ServiceMetricsError: ServiceError {
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
    /// A staffing target cannot be met with any number of agents the search allows.
    public static let unreachableTarget = Self(rawValue: "unreachableTarget")
    /// Two metric states cannot be merged: they were made with different settings.
    public static let incompatibleStates = Self(rawValue: "incompatibleStates")
}

/// Argument checks throwing this module's error.
typealias Check = Checks<ServiceMetricsError>
