public import ServiceDomain

/// A standard recommended for a service because of how it is designed, with the reason.
public struct StandardRecommendation: Sendable, Hashable, Codable {
    /// The rule that made the recommendation.
    public let ruleID: String
    /// The design factor that triggered it.
    public let factor: ServiceProfile.Factor
    /// The standard dimension it concerns.
    public let dimension: StandardDimension
    /// The target kind to set, when the recommendation is a delivery target.
    public let target: TargetKind?
    /// What to put in place.
    public let recommendation: String
    /// Why, in terms of the profile.
    public let reason: String

    /// Creates a recommendation.
    ///
    /// - Parameters:
    ///   - ruleID: The rule that made it.
    ///   - factor: The triggering design factor.
    ///   - dimension: The standard dimension.
    ///   - target: The target kind, for delivery targets.
    ///   - recommendation: What to put in place.
    ///   - reason: Why.
    public init(
        ruleID: String,
        factor: ServiceProfile.Factor,
        dimension: StandardDimension,
        target: TargetKind? = nil,
        recommendation: String,
        reason: String
    ) {
        self.ruleID = ruleID
        self.factor = factor
        self.dimension = dimension
        self.target = target
        self.recommendation = recommendation
        self.reason = reason
    }
}

/// A rule that reads a `ServiceProfile` and recommends standards.
///
/// The built-in rules (``DesignRules/builtIn``) cover the seven design factors. A rule of your own:
///
/// ```swift
/// struct OutOfHoursCover: DesignRule {
///     let id = "outOfHoursCover"
///     func recommendations(for profile: ServiceProfile) -> [StandardRecommendation] {
///         guard profile.frequencyOfUse == .frequent, profile.complexity == .high else { return [] }
///         return [StandardRecommendation(ruleID: id, factor: .frequencyOfUse, dimension: .responsiveness,
///             recommendation: "an out-of-hours escalation line", reason: "frequent, complex use")]
///     }
/// }
/// let advice = DesignRules.recommendations(for: profile, rules: DesignRules.builtIn + [OutOfHoursCover()])
/// ```
///
/// Implementation requirements: a value type; pure; a stable `id`.
public protocol DesignRule: Sendable {
    /// A stable identifier.
    var id: String { get }
    /// The standards this rule recommends for a profile; empty when the rule does not apply.
    ///
    /// - Parameter profile: The service-design profile.
    /// - Returns: The recommendations.
    func recommendations(for profile: ServiceProfile) -> [StandardRecommendation]
}

/// A design rule from a test on the profile and the recommendations it makes, for rules that are data.
public struct ProfileDesignRule: DesignRule {
    /// The rule's identifier.
    public let id: String
    private let applies: @Sendable (ServiceProfile) -> Bool
    private let made: [StandardRecommendation]

    /// Creates a rule.
    ///
    /// - Parameters:
    ///   - id: The identifier.
    ///   - factor: The factor the rule reads.
    ///   - applies: Whether the rule applies to a profile.
    ///   - recommendations: What it recommends, as (dimension, target, recommendation, reason).
    public init(
        id: String,
        factor: ServiceProfile.Factor,
        applies: @escaping @Sendable (ServiceProfile) -> Bool,
        recommendations: [(StandardDimension, TargetKind?, String, String)]
    ) {
        self.id = id
        self.applies = applies
        self.made = recommendations.map {
            StandardRecommendation(
                ruleID: id,
                factor: factor,
                dimension: $0.0,
                target: $0.1,
                recommendation: $0.2,
                reason: $0.3
            )
        }
    }

    /// The recommendations when the rule applies.
    ///
    /// - Parameter profile: The profile.
    /// - Returns: The recommendations, or none.
    public func recommendations(for profile: ServiceProfile) -> [StandardRecommendation] {
        applies(profile) ? made : []
    }
}

/// The built-in design rules and the function that applies a set of rules.
public enum DesignRules: Sendable {
    /// Applies rules to a profile.
    ///
    /// - Parameters:
    ///   - profile: The service-design profile.
    ///   - rules: The rules; the built-ins by default.
    /// - Returns: Every rule's recommendations, in rule order.
    public static func recommendations(
        for profile: ServiceProfile,
        rules: [any DesignRule] = builtIn
    ) -> [StandardRecommendation] {
        rules.flatMap { $0.recommendations(for: profile) }
    }

    /// One rule per design factor, from the service-design literature.
    public static let builtIn: [any DesignRule] = [
        ProfileDesignRule(
            id: "capacityConstrained",
            factor: .capacityConstraint,
            applies: { $0.capacityConstraint >= .medium },
            recommendations: [
                (
                    .responseTime, .firstReply, "a queue standard: the share of contacts answered within a stated time",
                    "capacity is fixed, so demand queues; customers judge the wait"
                ),
                (
                    .responsiveness, nil, "a reservation standard: how far ahead an appointment or slot can be booked",
                    "when capacity is constrained, booking spreads demand"
                ),
            ]
        ),
        ProfileDesignRule(
            id: "longDelivery",
            factor: .deliveryDuration,
            applies: { $0.deliveryDuration != .brief },
            recommendations: [
                (
                    .progressUpdate, .periodicUpdate, "regular progress updates while a matter is open",
                    "delivery takes days or longer, so customers need to know where things stand"
                )
            ]
        ),
        ProfileDesignRule(
            id: "complexService",
            factor: .complexity,
            applies: { $0.complexity == .high },
            recommendations: [
                (
                    .effectiveness, nil, "an escalation path to specialists, with its own response standard",
                    "complex cases outgrow the first person who takes them"
                ),
                (
                    .resolutionTime, .resolution, "a contingency plan when a resolution target is at risk",
                    "complex work is harder to predict"
                ),
            ]
        ),
        ProfileDesignRule(
            id: "frequentUse",
            factor: .frequencyOfUse,
            applies: { $0.frequencyOfUse == .frequent },
            recommendations: [
                (
                    .professionalism, nil,
                    "recognise returning customers: their history to hand, no repeated questions",
                    "customers who use the service often expect to be known"
                )
            ]
        ),
        ProfileDesignRule(
            id: "highContact",
            factor: .contactLevel,
            applies: { $0.contactLevel == .high },
            recommendations: [
                (
                    .professionalism, nil, "standards for each contact task: greeting, courtesy, explaining next steps",
                    "in a high-contact service the interaction is the service"
                ),
                (
                    .accuracy, nil, "an accuracy check on information given in person",
                    "more contact means more chances to inform or misinform"
                ),
            ]
        ),
        ProfileDesignRule(
            id: "intermediaries",
            factor: .intermediaries,
            applies: { $0.intermediaries != .direct },
            recommendations: [
                (
                    .responsiveness, nil, "state who owns customer contact at each step, and the hand-off standard",
                    "with intermediaries between you and the customer, ownership of contact blurs"
                )
            ]
        ),
        ProfileDesignRule(
            id: "institutionalPurchase",
            factor: .purchase,
            applies: { $0.purchase != .individual },
            recommendations: [
                (
                    .responsiveness, nil, "a named account contact and an agreed escalation route for each client",
                    "institutional buyers involve several people and expect continuity"
                )
            ]
        ),
    ]
}
