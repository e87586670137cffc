/// What a service standard promises: how well (a quality standard) or how fast (a delivery standard).
///
/// Customer-service management distinguishes *quality standards* — responsiveness, accuracy, professionalism and
/// effectiveness of each interaction — from *delivery standards*, the measurable promises about time: response time,
/// resolution time and, for long-running work, regular progress updates.
public enum StandardDimension: String, Sendable, Hashable, Codable, CaseIterable {
    /// Willingness and speed in helping: the customer is acknowledged and helped promptly.
    case responsiveness
    /// The information and outcome given are correct and complete.
    case accuracy
    /// Courtesy, competence and conduct of the people serving the customer.
    case professionalism
    /// The customer's need is actually met.
    case effectiveness
    /// How soon the customer receives a first (or next) response.
    case responseTime
    /// How soon the customer's matter is resolved.
    case resolutionTime
    /// How often a customer with an open, long-running matter hears of its progress.
    case progressUpdate

    /// Whether the dimension is a quality standard (how well) or a delivery standard (how fast).
    public var category: StandardCategory {
        switch self {
        case .responsiveness, .accuracy, .professionalism, .effectiveness: .quality
        case .responseTime, .resolutionTime, .progressUpdate: .delivery
        }
    }

    /// The dimensions of one category, in declaration order.
    ///
    /// - Parameter category: The category.
    /// - Returns: Its dimensions.
    public static func dimensions(of category: StandardCategory) -> [StandardDimension] {
        allCases.filter { $0.category == category }
    }
}

/// The two kinds of service standard.
public enum StandardCategory: String, Sendable, Hashable, Codable, CaseIterable {
    /// How well the service is given: judged by review, rubric or survey.
    case quality
    /// How fast the service is given: measured against time targets.
    case delivery
}
