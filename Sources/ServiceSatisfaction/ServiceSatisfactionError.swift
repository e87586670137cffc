public import ServiceDomain

/// The error every `ServiceSatisfaction` operation throws: a stable code, the offending field and a message.
///
/// Codes are the domain's (`ServiceDomainError.Code`) plus this module's own, such as `differentScales`. Paths name
/// the offending response or argument, as in `responses[3].score` or `level`.
public struct ServiceSatisfactionError: ServiceError {
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
    /// Two satisfaction states cannot be merged: they were made on different scales.
    public static let differentScales = Self(rawValue: "differentScales")
    /// An iterative method did not converge within its iterations (raking whose margins cannot all be met).
    public static let notConverged = Self(rawValue: "notConverged")
}

/// Argument checks throwing this module's error.
typealias Check = Checks<ServiceSatisfactionError>
