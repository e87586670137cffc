/// How a service is designed, by the seven factors the service-design literature names: who stands between the
/// organisation and the customer, how much contact there is, who buys, how long delivery takes, how tightly capacity
/// is constrained, how often customers use it, and how complex it is.
///
/// Each factor changes which standards matter: a capacity-constrained service needs queue and reservation
/// standards; long delivery needs regular progress updates; a complex one needs escalation paths; frequent use
/// rewards recognising the customer. `ServiceStandards` turns a profile into recommended standards.
///
/// JSON form: `{"intermediaries": "direct", "contactLevel": "high", "purchase": "individual",
/// "deliveryDuration": "extended", "capacityConstraint": "high", "frequencyOfUse": "regular", "complexity": "medium"}`.
public struct ServiceProfile: Sendable, Hashable, Codable {
    /// Whether the service reaches customers directly or through intermediaries (agents, brokers, partners).
    public var intermediaries: IntermediaryUse
    /// How much the customer is in contact with the organisation's people while being served.
    public var contactLevel: Level
    /// Who buys: individuals for themselves, or institutions through a buying process.
    public var purchase: PurchaseType
    /// How long one delivery of the service lasts.
    public var deliveryDuration: DeliveryDuration
    /// How tightly fixed capacity (seats, beds, agents, appointments) limits the service.
    public var capacityConstraint: Level
    /// How often a customer uses the service.
    public var frequencyOfUse: UsageFrequency
    /// How complex the service is to deliver and to understand.
    public var complexity: Level

    /// Creates a profile.
    ///
    /// - Parameters:
    ///   - intermediaries: Direct or through intermediaries.
    ///   - contactLevel: How much contact the customer has.
    ///   - purchase: Individual or institutional purchase.
    ///   - deliveryDuration: How long delivery lasts.
    ///   - capacityConstraint: How tightly capacity limits the service.
    ///   - frequencyOfUse: How often customers use it.
    ///   - complexity: How complex it is.
    public init(
        intermediaries: IntermediaryUse,
        contactLevel: Level,
        purchase: PurchaseType,
        deliveryDuration: DeliveryDuration,
        capacityConstraint: Level,
        frequencyOfUse: UsageFrequency,
        complexity: Level
    ) {
        self.intermediaries = intermediaries
        self.contactLevel = contactLevel
        self.purchase = purchase
        self.deliveryDuration = deliveryDuration
        self.capacityConstraint = capacityConstraint
        self.frequencyOfUse = frequencyOfUse
        self.complexity = complexity
    }

    /// The seven design factors, in the order the literature lists them.
    public enum Factor: String, Sendable, Hashable, Codable, CaseIterable {
        /// ``ServiceProfile/intermediaries``.
        case intermediaries
        /// ``ServiceProfile/contactLevel``.
        case contactLevel
        /// ``ServiceProfile/purchase``.
        case purchase
        /// ``ServiceProfile/deliveryDuration``.
        case deliveryDuration
        /// ``ServiceProfile/capacityConstraint``.
        case capacityConstraint
        /// ``ServiceProfile/frequencyOfUse``.
        case frequencyOfUse
        /// ``ServiceProfile/complexity``.
        case complexity
    }

    /// The value of one factor as its stable string, for rules and templates that match on factors generically.
    ///
    /// - Parameter factor: The factor.
    /// - Returns: The factor's value, such as `"high"` or `"direct"`.
    public func value(of factor: Factor) -> String {
        switch factor {
        case .intermediaries: intermediaries.rawValue
        case .contactLevel: contactLevel.rawValue
        case .purchase: purchase.rawValue
        case .deliveryDuration: deliveryDuration.rawValue
        case .capacityConstraint: capacityConstraint.rawValue
        case .frequencyOfUse: frequencyOfUse.rawValue
        case .complexity: complexity.rawValue
        }
    }
}

/// A three-step level: low, medium or high.
public enum Level: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Low.
    case low
    /// Medium.
    case medium
    /// High.
    case high

    /// Orders levels from low to high.
    ///
    /// - Parameters:
    ///   - lhs: A level.
    ///   - rhs: Another level.
    /// - Returns: Whether `lhs` is lower.
    public static func < (lhs: Level, rhs: Level) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// Whether a service reaches customers directly or through intermediaries.
public enum IntermediaryUse: String, Sendable, Hashable, Codable, CaseIterable {
    /// The organisation deals with customers itself.
    case direct
    /// Some customers are reached directly, some through intermediaries.
    case mixed
    /// Customers are mostly reached through intermediaries (agents, brokers, resellers, partners).
    case intermediated
}

/// Who buys the service.
public enum PurchaseType: String, Sendable, Hashable, Codable, CaseIterable {
    /// Individuals buying for themselves.
    case individual
    /// Both individuals and institutions.
    case mixed
    /// Institutions, through a buying process with several people involved.
    case institutional
}

/// How long one delivery of the service lasts.
public enum DeliveryDuration: String, Sendable, Hashable, Codable, CaseIterable {
    /// A single short encounter (a call, a visit).
    case brief
    /// Days to weeks (a repair, an application, a claim).
    case extended
    /// A continuing relationship (a tenancy, a membership, a care package).
    case ongoing
}

/// How often a customer uses the service.
public enum UsageFrequency: String, Sendable, Hashable, Codable, CaseIterable {
    /// Rarely: once or a few times in a lifetime.
    case occasional
    /// From time to time: a few times a year.
    case regular
    /// Often: weekly or daily.
    case frequent
}
