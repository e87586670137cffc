import ServiceDomain

/// How an audit's answers become a score and an outcome: every switch on which organisations disagree.
///
/// The defaults are the rule the leading audit tools document: an item earns its answer's score × weight out of its
/// maximum × weight; "not applicable" leaves both sums; an unanswered item counts 0 of its maximum; the percentage is
/// earned ÷ possible pooled over all items; a failed critical item fails the audit but keeps its score.
///
/// JSON: `{"notApplicable": "excluded", "unanswered": "zero", "rollUp": "pooled", "criticalFailure": "failOnly",
/// "passMark": 80, "gates": {"noDoesNotMeet": true, "maximumPartlyPerSection": 2},
/// "maturity": [{"name": "Emerging", "minimum": 0}, {"name": "Established", "minimum": 60}], "completion": "scoredItems"}`
/// — every field optional.
public struct ScoringPolicy: Sendable, Hashable, Codable {
    /// What "not applicable" answers count as.
    public enum NotApplicableHandling: String, Sendable, Hashable, Codable {
        /// They leave both sums (the default).
        case excluded
        /// They earn their maximum.
        case fullMarks
        /// They earn nothing of their maximum.
        case zero
    }

    /// What unanswered items count as.
    public enum UnansweredHandling: String, Sendable, Hashable, Codable {
        /// 0 of their maximum (the default).
        case zero
        /// They leave both sums; completeness is reported apart.
        case excluded
    }

    /// Which enabled items an audit's completion counts.
    public enum CompletionScope: String, Sendable, Hashable, Codable {
        /// Scored items only (the default, as audit tools count completion): text and date items are notes.
        case scoredItems
        /// Every enabled item, text and date items too.
        case allItems
    }

    /// How item scores roll up into the audit's percentage.
    public enum RollUp: String, Sendable, Hashable, Codable {
        /// Earned ÷ possible over every item (the default).
        case pooled
        /// The weighted mean of the top-level sections' percentages; a section with nothing scorable drops out.
        case weightedSections
    }

    /// What a failed critical item does to the score; it always fails the audit.
    public enum CriticalFailureHandling: Sendable, Hashable, Codable {
        /// The score stands (the default).
        case failOnly
        /// The audit's percentage becomes 0.
        case zeroAudit
        /// The item's top-level section earns nothing.
        case zeroSection
        /// The audit's percentage is capped at this level (0…100).
        case capAt(Double)

        /// Decodes `"failOnly"`, `"zeroAudit"`, `"zeroSection"` or `{"capAt": 60}`.
        ///
        /// - Parameter decoder: The decoder.
        /// - Throws: `DecodingError` for anything else.
        public init(from decoder: any Decoder) throws {
            if let name = try? decoder.singleValueContainer().decode(String.self) {
                switch name {
                case "failOnly": self = .failOnly
                case "zeroAudit": self = .zeroAudit
                case "zeroSection": self = .zeroSection
                default:
                    throw DecodingError.dataCorrupted(
                        DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "unknown rule \(name)")
                    )
                }
                return
            }
            let container = try decoder.container(keyedBy: CapKey.self)
            self = .capAt(try container.decode(Double.self, forKey: .capAt))
        }

        /// Encodes the documented form.
        ///
        /// - Parameter encoder: The encoder.
        /// - Throws: The encoder's errors.
        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .failOnly, .zeroAudit, .zeroSection:
                var container = encoder.singleValueContainer()
                let name =
                    switch self {
                    case .zeroAudit: "zeroAudit"
                    case .zeroSection: "zeroSection"
                    default: "failOnly"
                    }
                try container.encode(name)
            case .capAt(let level):
                var container = encoder.container(keyedBy: CapKey.self)
                try container.encode(level, forKey: .capAt)
            }
        }

        private enum CapKey: String, CodingKey {
            case capAt
        }
    }

    /// Conditions on answer labels that fail the audit whatever its score.
    public struct Gates: Sendable, Hashable, Codable {
        /// No item may be rated "does not meet".
        public var noDoesNotMeet: Bool
        /// At most this many items per top-level section may be rated "partly".
        public var maximumPartlyPerSection: Int?

        /// Creates gates.
        ///
        /// - Parameters:
        ///   - noDoesNotMeet: Whether any "does not meet" fails the audit.
        ///   - maximumPartlyPerSection: The most "partly" answers allowed per section.
        public init(noDoesNotMeet: Bool = false, maximumPartlyPerSection: Int? = nil) {
            self.noDoesNotMeet = noDoesNotMeet
            self.maximumPartlyPerSection = maximumPartlyPerSection
        }

        private enum CodingKeys: String, CodingKey {
            case noDoesNotMeet
            case maximumPartlyPerSection
        }

        /// Decodes gates; absent fields are off.
        ///
        /// - Parameter decoder: The decoder.
        /// - Throws: `DecodingError` for malformed data.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            noDoesNotMeet = try c.decodeIfPresent(Bool.self, forKey: .noDoesNotMeet) ?? false
            maximumPartlyPerSection = try c.decodeIfPresent(Int.self, forKey: .maximumPartlyPerSection)
        }
    }

    /// A named maturity level reached from a minimum percentage.
    public struct MaturityLevel: Sendable, Hashable, Codable {
        /// The level's name.
        public let name: String
        /// What it means.
        public let description: String
        /// The lowest percentage (0…100) that reaches it.
        public let minimum: Double

        /// Creates a level.
        ///
        /// - Parameters:
        ///   - name: The name.
        ///   - description: What it means.
        ///   - minimum: The lowest percentage reaching it.
        public init(name: String, description: String = "", minimum: Double) {
            self.name = name
            self.description = description
            self.minimum = minimum
        }

        private enum CodingKeys: String, CodingKey {
            case name
            case description
            case minimum
        }

        /// Decodes a level; `description` defaults to empty.
        ///
        /// - Parameter decoder: The decoder.
        /// - Throws: `DecodingError` for malformed data.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            description = try c.decodeIfPresent(String.self, forKey: .description) ?? ""
            minimum = try c.decode(Double.self, forKey: .minimum)
        }
    }

    /// What N/A counts as.
    public var notApplicable: NotApplicableHandling
    /// What unanswered items count as.
    public var unanswered: UnansweredHandling
    /// How scores roll up.
    public var rollUp: RollUp
    /// What a failed critical item does to the score.
    public var criticalFailure: CriticalFailureHandling
    /// The overall pass mark in percent, if any.
    public var passMark: Double?
    /// Label gates.
    public var gates: Gates
    /// Maturity levels, lowest first: the first at 0, each minimum above the one before.
    public var maturity: [MaturityLevel]
    /// Which items completion counts.
    public var completion: CompletionScope

    /// Creates a policy; every argument defaults to the documented default rule.
    ///
    /// - Parameters:
    ///   - notApplicable: What N/A counts as.
    ///   - unanswered: What unanswered items count as.
    ///   - rollUp: How scores roll up.
    ///   - criticalFailure: What a failed critical item does.
    ///   - passMark: The overall pass mark in percent.
    ///   - gates: Label gates.
    ///   - maturity: Maturity levels, lowest first.
    ///   - completion: Which items completion counts.
    public init(
        notApplicable: NotApplicableHandling = .excluded,
        unanswered: UnansweredHandling = .zero,
        rollUp: RollUp = .pooled,
        criticalFailure: CriticalFailureHandling = .failOnly,
        passMark: Double? = nil,
        gates: Gates = Gates(),
        maturity: [MaturityLevel] = [],
        completion: CompletionScope = .scoredItems
    ) {
        self.completion = completion
        self.notApplicable = notApplicable
        self.unanswered = unanswered
        self.rollUp = rollUp
        self.criticalFailure = criticalFailure
        self.passMark = passMark
        self.gates = gates
        self.maturity = maturity
    }

    private enum CodingKeys: String, CodingKey {
        case notApplicable
        case unanswered
        case rollUp
        case criticalFailure
        case passMark
        case gates
        case maturity
        case completion
    }

    /// Decodes a policy; absent fields take the defaults.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed data.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        notApplicable = try c.decodeIfPresent(NotApplicableHandling.self, forKey: .notApplicable) ?? .excluded
        unanswered = try c.decodeIfPresent(UnansweredHandling.self, forKey: .unanswered) ?? .zero
        rollUp = try c.decodeIfPresent(RollUp.self, forKey: .rollUp) ?? .pooled
        criticalFailure = try c.decodeIfPresent(CriticalFailureHandling.self, forKey: .criticalFailure) ?? .failOnly
        passMark = try c.decodeIfPresent(Double.self, forKey: .passMark)
        gates = try c.decodeIfPresent(Gates.self, forKey: .gates) ?? Gates()
        maturity = try c.decodeIfPresent([MaturityLevel].self, forKey: .maturity) ?? []
        completion = try c.decodeIfPresent(CompletionScope.self, forKey: .completion) ?? .scoredItems
    }

    /// Encodes the documented form; `passMark` when there is one, `completion` when it is not the default.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(notApplicable, forKey: .notApplicable)
        try c.encode(unanswered, forKey: .unanswered)
        try c.encode(rollUp, forKey: .rollUp)
        try c.encode(criticalFailure, forKey: .criticalFailure)
        try c.encodeIfPresent(passMark, forKey: .passMark)
        try c.encode(gates, forKey: .gates)
        try c.encode(maturity, forKey: .maturity)
        if completion != .scoredItems { try c.encode(completion, forKey: .completion) }
    }

    /// Every problem of the policy, each with its path under `prefix`; empty when the policy is sound.
    ///
    /// Checks: the pass mark and a cap within 0…100; a "partly" gate not negative; maturity levels within 0…100, the
    /// first at 0 (so that every percentage reaches a level), each minimum above the one before, names unique.
    ///
    /// - Parameter prefix: The policy's path (`scoring` in a template).
    /// - Returns: The problems, in field order.
    public func validate(at prefix: String = "") -> [ServiceAuditError] {
        var problems: [ServiceAuditError] = []
        let dot = prefix.isEmpty ? "" : prefix + "."
        func problem(_ code: ServiceAuditError.Code, _ path: String, _ message: String) {
            problems.append(ServiceAuditError(code, at: dot + path, message))
        }
        func percent(_ value: Double, _ path: String) {
            if !value.isFinite {
                problem(.nonFinite, path, "must be finite, not \(value)")
            } else if value < 0 || value > 100 {
                problem(.outOfRange, path, "must lie in 0…100, not \(value)")
            }
        }
        if let passMark { percent(passMark, "passMark") }
        if case .capAt(let cap) = criticalFailure { percent(cap, "criticalFailure.capAt") }
        for (index, level) in maturity.enumerated() {
            let path = "maturity[\(index)]"
            percent(level.minimum, path + ".minimum")
            guard level.minimum.isFinite else { continue }
            if index == 0, level.minimum != 0 {
                problem(
                    .outOfRange,
                    path + ".minimum",
                    "the lowest maturity level must start at 0, not \(level.minimum), so that every score has one"
                )
            }
            if index > 0, !(level.minimum > maturity[index - 1].minimum) {
                problem(
                    .outOfRange,
                    path + ".minimum",
                    "maturity levels go lowest first: \(level.minimum) is not above \(maturity[index - 1].minimum)"
                )
            }
            if maturity[..<index].contains(where: { $0.name == level.name }) {
                problem(.duplicateIdentifier, path + ".name", "level \(level.name) appears twice")
            }
        }
        if let most = gates.maximumPartlyPerSection, most < 0 {
            problem(.outOfRange, "gates.maximumPartlyPerSection", "cannot be negative")
        }
        return problems
    }

    /// The comparison rule for pass marks, caps and maturity levels: a percentage reaches a mark when it falls short
    /// by less than 10⁻⁹ of a percentage point, so that 69.99999999999999 (seven items of weight 0.1) reaches 70.
    ///
    /// - Parameters:
    ///   - percent: The percentage.
    ///   - mark: The mark.
    /// - Returns: Whether the percentage reaches the mark.
    public static func reaches(_ percent: Double, _ mark: Double) -> Bool { percent >= mark - 1e-9 }

    /// The name of the highest maturity level a percentage reaches, or `nil` without a percentage or a level reached.
    ///
    /// - Parameter percent: The percentage.
    /// - Returns: The level's name.
    public func maturityLevel(at percent: Double?) -> String? {
        percent.flatMap { value in
            maturity.filter { Self.reaches(value, $0.minimum) }.max { $0.minimum < $1.minimum }?.name
        }
    }
}
