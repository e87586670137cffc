import Foundation
public import ServiceDomain

/// A semantic version, `major.minor.patch`; JSON: `"1.2.0"`.
public struct SemanticVersion: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Incompatible changes: item ids removed or re-meant.
    public let major: Int
    /// Compatible additions.
    public let minor: Int
    /// Wording and guidance fixes.
    public let patch: Int

    /// Creates a version.
    ///
    /// - Parameters:
    ///   - major: Not negative.
    ///   - minor: Not negative.
    ///   - patch: Not negative.
    public init(_ major: Int, _ minor: Int, _ patch: Int) {
        self.major = max(0, major)
        self.minor = max(0, minor)
        self.patch = max(0, patch)
    }

    /// Parses `1.2.0`.
    ///
    /// - Parameter text: The version.
    /// - Throws: ``ServiceAuditError`` with code `malformed` (path `version`).
    public init(_ text: String) throws(ServiceAuditError) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 3, let major = parts[0], let minor = parts[1], let patch = parts[2],
            major >= 0, minor >= 0, patch >= 0
        else {
            throw ServiceAuditError(.malformed, at: "version", "\"\(text)\" is not a version such as 1.2.0")
        }
        self.init(major, minor, patch)
    }

    /// `1.2.0`.
    public var description: String { "\(major).\(minor).\(patch)" }

    /// Orders versions by major, minor, then patch.
    ///
    /// - Parameters:
    ///   - lhs: A version.
    ///   - rhs: Another.
    /// - Returns: Whether `lhs` is older.
    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }

    /// Decodes `"1.2.0"`.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: ``ServiceAuditError`` for a malformed version.
    public init(from decoder: any Decoder) throws {
        try self.init(try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes `"1.2.0"`.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// The outcome label an answer can carry, as maturity and compliance audits grade.
public enum ResultLabel: String, Sendable, Hashable, Codable, CaseIterable {
    /// Better than the requirement.
    case exceeds
    /// Meets the requirement.
    case meets
    /// Partly meets it.
    case partly
    /// Does not meet it.
    case doesNotMeet
}

/// One option of a choice item: its score, whether choosing it fails the item, and an optional result label.
public struct ChoiceOption: Sendable, Hashable, Codable {
    /// The option's stable identifier.
    public let id: String
    /// What the auditor sees.
    public let label: String
    /// Points for choosing it; finite, not negative.
    public let score: Double
    /// Whether choosing it fails the item (a nonconformity).
    public let fails: Bool
    /// The result label it stands for, if any.
    public let result: ResultLabel?

    /// Creates an option.
    ///
    /// - Parameters:
    ///   - id: The identifier.
    ///   - label: The label.
    ///   - score: The points.
    ///   - fails: Whether it fails the item.
    ///   - result: Its result label.
    public init(id: String, label: String, score: Double, fails: Bool = false, result: ResultLabel? = nil) {
        self.id = id
        self.label = label
        self.score = score
        self.fails = fails
        self.result = result
    }

    private enum CodingKeys: String, CodingKey {
        case id
        case label
        case score
        case fails
        case result
    }

    /// Decodes an option; `fails` defaults to `false`.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed data.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        label = try container.decodeIfPresent(String.self, forKey: .label) ?? id
        score = try container.decode(Double.self, forKey: .score)
        fails = try container.decodeIfPresent(Bool.self, forKey: .fails) ?? false
        result = try container.decodeIfPresent(ResultLabel.self, forKey: .result)
    }
}

/// A band of a numeric or measurement item: values from `lower` (inclusive) to `upper` (exclusive) earn `score`.
///
/// Bands must tile their range: sorted by `lower`, each starting where the previous ended. Use `null` (absent) for an
/// open end.
public struct ScoreBand: Sendable, Hashable, Codable {
    /// The lowest value in the band, or `nil` for no lower limit.
    public let lower: Double?
    /// The first value above the band, or `nil` for no upper limit.
    public let upper: Double?
    /// Points for a value in the band.
    public let score: Double
    /// Whether a value in the band fails the item.
    public let fails: Bool
    /// The result label, if any.
    public let result: ResultLabel?

    /// Creates a band.
    ///
    /// - Parameters:
    ///   - lower: Inclusive lower limit, or `nil`.
    ///   - upper: Exclusive upper limit, or `nil`.
    ///   - score: Points.
    ///   - fails: Whether it fails the item.
    ///   - result: Its result label.
    public init(lower: Double?, upper: Double?, score: Double, fails: Bool = false, result: ResultLabel? = nil) {
        self.lower = lower
        self.upper = upper
        self.score = score
        self.fails = fails
        self.result = result
    }

    private enum CodingKeys: String, CodingKey {
        case lower
        case upper
        case score
        case fails
        case result
    }

    /// Decodes a band; `fails` defaults to `false`.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed data.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        lower = try container.decodeIfPresent(Double.self, forKey: .lower)
        upper = try container.decodeIfPresent(Double.self, forKey: .upper)
        score = try container.decode(Double.self, forKey: .score)
        fails = try container.decodeIfPresent(Bool.self, forKey: .fails) ?? false
        result = try container.decodeIfPresent(ResultLabel.self, forKey: .result)
    }

    /// Whether a value falls in the band.
    ///
    /// - Parameter value: The value.
    /// - Returns: `lower ≤ value < upper`, open ends unlimited.
    public func contains(_ value: Double) -> Bool {
        (lower.map { value >= $0 } ?? true) && (upper.map { value < $0 } ?? true)
    }
}

/// How a measurement item combines several measurements of its indicator.
public enum MeasurementAggregation: String, Sendable, Hashable, Codable, CaseIterable {
    /// The measurement whose period ends last (the larger sample on a tie).
    case latest
    /// The mean, weighted by sample size when every measurement has one.
    case mean
    /// The lowest value: the weakest team or site.
    case minimum
    /// The highest value.
    case maximum
    /// The sum (for counts).
    case sum
}

/// What an item asks for and how its answer scores.
public enum ItemKind: Sendable, Hashable {
    /// Yes (1 point) or no (0 points, failing when `noFails`).
    case yesNo(noFails: Bool)
    /// A tick box: ticked 1 point, not ticked 0 (failing the item when `uncheckedFails`: a "must be ticked" item).
    ///
    /// JSON: `{"kind": "checkbox"}`, or `{"kind": "checkbox", "uncheckedFails": true}`.
    case checkbox(uncheckedFails: Bool)
    /// One option; its score, failing flag and label apply. `responseSet` names shared options, else `options`.
    case singleChoice(options: [ChoiceOption], responseSet: String?)
    /// Any number of options; scores add up, and any failing option fails the item.
    case multiChoice(options: [ChoiceOption], responseSet: String?)
    /// A number scored by bands.
    case numeric(bands: [ScoreBand])
    /// A whole-number rating from `minimum` to `maximum`, scoring `answer − minimum` of `maximum − minimum`.
    case rating(minimum: Int, maximum: Int)
    /// Free text, unscored.
    case text
    /// A date, unscored.
    case date
    /// Answered from measurements with this indicator, combined by `aggregation` when there are several, scored by
    /// bands in `unit`; a person may override the value with a reason.
    ///
    /// `unit` is the unit of the band limits; `nil` means the indicator's `Indicator.standardUnit`
    /// (a compliance rate is a ratio), or for an indicator without one, the measurements' own unit. A measurement in
    /// another unit is converted when it can be (a ratio and a percentage) and refused when not (`unitMismatch`).
    case measurement(
        indicator: String,
        aggregation: MeasurementAggregation = .latest,
        bands: [ScoreBand],
        unit: MeasurementUnit? = nil
    )

    /// A tick box whose unticked answer scores 0 without failing the item.
    public static var checkbox: ItemKind { .checkbox(uncheckedFails: false) }

    /// The kind's name in JSON.
    public var name: String {
        switch self {
        case .yesNo: "yesNo"
        case .checkbox: "checkbox"
        case .singleChoice: "singleChoice"
        case .multiChoice: "multiChoice"
        case .numeric: "numeric"
        case .rating: "rating"
        case .text: "text"
        case .date: "date"
        case .measurement: "measurement"
        }
    }

    /// The unit a measurement item's bands are in: its own `unit`, else its indicator's standard unit; `nil` for
    /// other kinds and for an indicator without a standard unit.
    public var measurementUnit: MeasurementUnit? {
        guard case .measurement(let indicator, _, _, let unit) = self else { return nil }
        return unit ?? Indicator(rawValue: indicator).standardUnit
    }

    /// Whether answers to the item earn points.
    public var isScored: Bool {
        switch self {
        case .text, .date: false
        default: true
        }
    }
}

/// Whether an item may be answered "not applicable".
public enum NotApplicableRule: String, Sendable, Hashable, Codable {
    /// It may not.
    case notAllowed
    /// It may.
    case allowed
    /// It may, with a written reason.
    case allowedWithReason
}

/// Whether an answer needs evidence attached.
public enum EvidenceRequirement: String, Sendable, Hashable, Codable {
    /// None needed.
    case none
    /// Welcome but optional.
    case optional
    /// Required for the answer to count as complete.
    case required
}

/// An item that appears only when another item has a given answer, such as "only if Q3 is yes".
public struct ItemCondition: Sendable, Hashable, Codable {
    /// The item whose answer decides.
    public let item: String
    /// The answer that enables this item: `"yes"`/`"no"` for yes/no items, `"checked"`, or an option id.
    public let equals: String

    /// Creates a condition.
    ///
    /// - Parameters:
    ///   - item: The deciding item.
    ///   - equals: The enabling answer.
    public init(item: String, equals: String) {
        self.item = item
        self.equals = equals
    }
}

/// One question of an audit.
///
/// JSON (flat, with `kind` naming the kind and its own fields beside it):
/// ```json
/// {"id": "REL-3", "prompt": "Are promised call-backs made on time?", "guidance": "Sample ten call-backs.",
///  "kind": "singleChoice", "responseSet": "compliance", "weight": 2, "critical": true,
///  "notApplicable": "allowedWithReason", "evidence": "required", "enabledWhen": {"item": "REL-1", "equals": "yes"}}
/// {"id": "SL-1", "prompt": "Service level (80 % in 20 s)", "kind": "measurement",
///  "indicator": "serviceLevel.abandonedInDenominator.20s",
///  "bands": [{"upper": 0.7, "score": 0, "fails": true}, {"lower": 0.7, "upper": 0.8, "score": 1},
///            {"lower": 0.8, "score": 2}]}
/// ```
public struct AuditItem: Sendable, Hashable, Codable {
    /// The stable identifier: answers, findings and comparisons across versions use it.
    public let id: String
    /// The question.
    public let prompt: String
    /// Advice for the auditor.
    public let guidance: String
    /// What is asked and how it scores.
    public let kind: ItemKind
    /// The item's weight; finite, not negative.
    public let weight: Double
    /// Whether failing it is a critical failure.
    public let critical: Bool
    /// Whether "not applicable" is allowed.
    public let notApplicable: NotApplicableRule
    /// Whether evidence is needed.
    public let evidence: EvidenceRequirement
    /// When the item applies, if only sometimes.
    public let enabledWhen: ItemCondition?

    /// Creates an item.
    ///
    /// - Parameters:
    ///   - id: The stable identifier.
    ///   - prompt: The question.
    ///   - guidance: Advice for the auditor.
    ///   - kind: What is asked.
    ///   - weight: The weight.
    ///   - critical: Whether failing it is critical.
    ///   - notApplicable: Whether N/A is allowed.
    ///   - evidence: Whether evidence is needed.
    ///   - enabledWhen: When the item applies.
    public init(
        id: String,
        prompt: String,
        guidance: String = "",
        kind: ItemKind,
        weight: Double = 1,
        critical: Bool = false,
        notApplicable: NotApplicableRule = .notAllowed,
        evidence: EvidenceRequirement = .none,
        enabledWhen: ItemCondition? = nil
    ) {
        self.id = id
        self.prompt = prompt
        self.guidance = guidance
        self.kind = kind
        self.weight = weight
        self.critical = critical
        self.notApplicable = notApplicable
        self.evidence = evidence
        self.enabledWhen = enabledWhen
    }

    private enum CodingKeys: String, CodingKey {
        case id
        case prompt
        case guidance
        case kind
        case weight
        case critical
        case notApplicable
        case evidence
        case enabledWhen
        case noFails
        case uncheckedFails
        case unit
        case options
        case responseSet
        case bands
        case minimum
        case maximum
        case indicator
        case aggregation
    }

    /// Decodes an item from its flat JSON form; `weight` defaults to 1, `critical` to `false`, `notApplicable` to
    /// `notAllowed`, `evidence` to `none`.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed data or an unknown kind (semantic checks are ``AuditTemplate/validate()``'s).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        prompt = try c.decode(String.self, forKey: .prompt)
        guidance = try c.decodeIfPresent(String.self, forKey: .guidance) ?? ""
        weight = try c.decodeIfPresent(Double.self, forKey: .weight) ?? 1
        critical = try c.decodeIfPresent(Bool.self, forKey: .critical) ?? false
        notApplicable = try c.decodeIfPresent(NotApplicableRule.self, forKey: .notApplicable) ?? .notAllowed
        evidence = try c.decodeIfPresent(EvidenceRequirement.self, forKey: .evidence) ?? EvidenceRequirement.none
        enabledWhen = try c.decodeIfPresent(ItemCondition.self, forKey: .enabledWhen)
        let name = try c.decode(String.self, forKey: .kind)
        switch name {
        case "yesNo": kind = .yesNo(noFails: try c.decodeIfPresent(Bool.self, forKey: .noFails) ?? false)
        case "checkbox":
            kind = .checkbox(uncheckedFails: try c.decodeIfPresent(Bool.self, forKey: .uncheckedFails) ?? false)
        case "singleChoice", "multiChoice":
            let options = try c.decodeIfPresent([ChoiceOption].self, forKey: .options) ?? []
            let set = try c.decodeIfPresent(String.self, forKey: .responseSet)
            kind =
                name == "singleChoice"
                ? .singleChoice(options: options, responseSet: set) : .multiChoice(options: options, responseSet: set)
        case "numeric": kind = .numeric(bands: try c.decode([ScoreBand].self, forKey: .bands))
        case "rating":
            kind = .rating(
                minimum: try c.decode(Int.self, forKey: .minimum),
                maximum: try c.decode(Int.self, forKey: .maximum)
            )
        case "text": kind = .text
        case "date": kind = .date
        case "measurement":
            kind = .measurement(
                indicator: try c.decode(String.self, forKey: .indicator),
                aggregation: try c.decodeIfPresent(MeasurementAggregation.self, forKey: .aggregation) ?? .latest,
                bands: try c.decode([ScoreBand].self, forKey: .bands),
                unit: try c.decodeIfPresent(MeasurementUnit.self, forKey: .unit)
            )
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind,
                in: c,
                debugDescription: "unknown item kind \"\(name)\""
            )
        }
    }

    /// Encodes the item in its flat JSON form.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(prompt, forKey: .prompt)
        if !guidance.isEmpty { try c.encode(guidance, forKey: .guidance) }
        try c.encode(kind.name, forKey: .kind)
        switch kind {
        case .yesNo(let noFails): if noFails { try c.encode(true, forKey: .noFails) }
        case .checkbox(let uncheckedFails): if uncheckedFails { try c.encode(true, forKey: .uncheckedFails) }
        case .text, .date: break
        case .singleChoice(let options, let set), .multiChoice(let options, let set):
            if !options.isEmpty { try c.encode(options, forKey: .options) }
            try c.encodeIfPresent(set, forKey: .responseSet)
        case .numeric(let bands): try c.encode(bands, forKey: .bands)
        case .rating(let minimum, let maximum):
            try c.encode(minimum, forKey: .minimum)
            try c.encode(maximum, forKey: .maximum)
        case .measurement(let indicator, let aggregation, let bands, let unit):
            try c.encode(indicator, forKey: .indicator)
            try c.encode(aggregation, forKey: .aggregation)
            try c.encode(bands, forKey: .bands)
            try c.encodeIfPresent(unit, forKey: .unit)
        }
        try c.encode(weight, forKey: .weight)
        if critical { try c.encode(true, forKey: .critical) }
        try c.encode(notApplicable, forKey: .notApplicable)
        try c.encode(evidence, forKey: .evidence)
        try c.encodeIfPresent(enabledWhen, forKey: .enabledWhen)
    }
}

/// A section of a template: items, and sections nested inside it.
public struct AuditSection: Sendable, Hashable, Codable {
    /// The section's stable identifier.
    public let id: String
    /// Its title.
    public let title: String
    /// Its weight in a weighted-sections roll-up; finite, not negative.
    public let weight: Double
    /// The percentage (0…100) the section must reach, if it has its own pass mark.
    public let passMark: Double?
    /// Its items.
    public let items: [AuditItem]
    /// Sections inside it.
    public let sections: [AuditSection]

    /// Creates a section.
    ///
    /// - Parameters:
    ///   - id: The identifier.
    ///   - title: The title.
    ///   - weight: The weight.
    ///   - passMark: The section's pass mark in percent.
    ///   - items: The items.
    ///   - sections: Nested sections.
    public init(
        id: String,
        title: String,
        weight: Double = 1,
        passMark: Double? = nil,
        items: [AuditItem],
        sections: [AuditSection] = []
    ) {
        self.id = id
        self.title = title
        self.weight = weight
        self.passMark = passMark
        self.items = items
        self.sections = sections
    }

    private enum CodingKeys: String, CodingKey {
        case id
        case title
        case weight
        case passMark
        case items
        case sections
    }

    /// Decodes a section; `weight` defaults to 1, `items` and `sections` to empty.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed data.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? id
        weight = try c.decodeIfPresent(Double.self, forKey: .weight) ?? 1
        passMark = try c.decodeIfPresent(Double.self, forKey: .passMark)
        items = try c.decodeIfPresent([AuditItem].self, forKey: .items) ?? []
        sections = try c.decodeIfPresent([AuditSection].self, forKey: .sections) ?? []
    }

    /// Every item of the section and its nested sections, in order.
    public var allItems: [AuditItem] { items + sections.flatMap(\.allItems) }
}

/// A source a template draws on, credited by name.
public struct Attribution: Sendable, Hashable, Codable {
    /// What is credited.
    public let name: String
    /// Where to find it, if public.
    public let url: String?

    /// Creates an attribution.
    ///
    /// - Parameters:
    ///   - name: What is credited.
    ///   - url: Where to find it.
    public init(name: String, url: String? = nil) {
        self.name = name
        self.url = url
    }
}

/// Where a template applies: to which sectors, and to which service-design profiles.
public struct Applicability: Sendable, Hashable, Codable {
    /// The sectors it suits; empty for every sector.
    public let sectors: [Sector]
    /// Design factors it is written for, as `factor: values` pairs — the factor's name in `ServiceProfile.Factor`
    /// and one value or several separated by commas (`"complexity": "medium,high"`); empty for any profile.
    public let profile: [String: String]

    /// Creates an applicability.
    ///
    /// - Parameters:
    ///   - sectors: The sectors; empty for all.
    ///   - profile: Design factors; empty for any.
    public init(sectors: [Sector] = [], profile: [String: String] = [:]) {
        self.sectors = sectors
        self.profile = profile
    }

    /// Whether the template suits a sector.
    ///
    /// - Parameter sector: The sector.
    /// - Returns: Whether it is listed, or no sector is.
    public func applies(to sector: Sector) -> Bool { sectors.isEmpty || sectors.contains(sector) }

    /// Whether the template suits a service's design profile: every listed factor has one of its listed values.
    ///
    /// - Parameter serviceProfile: The profile.
    /// - Returns: Whether it applies (always, when no factor is listed).
    public func applies(to serviceProfile: ServiceProfile) -> Bool {
        profile.allSatisfy { name, values in
            guard let factor = ServiceProfile.Factor(rawValue: name) else { return false }
            return Self.alternatives(values).contains(serviceProfile.value(of: factor))
        }
    }

    static func alternatives(_ values: String) -> [String] {
        values.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// The values a factor can take.
    static func allowedValues(_ factor: ServiceProfile.Factor) -> [String] {
        switch factor {
        case .intermediaries: IntermediaryUse.allCases.map(\.rawValue)
        case .contactLevel, .capacityConstraint, .complexity: Level.allCases.map(\.rawValue)
        case .purchase: PurchaseType.allCases.map(\.rawValue)
        case .deliveryDuration: DeliveryDuration.allCases.map(\.rawValue)
        case .frequencyOfUse: UsageFrequency.allCases.map(\.rawValue)
        }
    }
}

/// An audit checklist as data: versioned, validated, scored by a policy the organisation chooses.
///
/// See `Documentation/AuthoringAuditTemplates.md` for the JSON form and a complete example.
public struct AuditTemplate: Sendable, Hashable, Codable {
    /// The version of the template JSON format this library reads.
    public static let currentSchemaVersion = 1

    /// The template family's stable identifier: audits of any version of it compare.
    public let id: String
    /// The template's version.
    public let version: SemanticVersion
    /// The JSON format's version.
    public let schemaVersion: Int
    /// The title.
    public let title: String
    /// What the audit establishes.
    public let summary: String
    /// The public frameworks its structure draws on.
    public let inspiredBy: [Attribution]
    /// The scoring policy audits use unless told otherwise.
    public let scoring: ScoringPolicy
    /// Named option lists shared by choice items.
    public let responseSets: [String: [ChoiceOption]]
    /// Where it applies.
    public let applicability: Applicability
    /// The sections.
    public let sections: [AuditSection]

    /// Creates a template; call ``validate()`` before use.
    ///
    /// - Parameters:
    ///   - id: The family identifier.
    ///   - version: The version.
    ///   - title: The title.
    ///   - summary: The summary.
    ///   - inspiredBy: Attributions.
    ///   - scoring: The default scoring policy.
    ///   - responseSets: Shared option lists.
    ///   - applicability: Where it applies.
    ///   - sections: The sections.
    public init(
        id: String,
        version: SemanticVersion,
        title: String,
        summary: String = "",
        inspiredBy: [Attribution] = [],
        scoring: ScoringPolicy = ScoringPolicy(),
        responseSets: [String: [ChoiceOption]] = [:],
        applicability: Applicability = Applicability(),
        sections: [AuditSection]
    ) {
        self.id = id
        self.version = version
        self.schemaVersion = Self.currentSchemaVersion
        self.title = title
        self.summary = summary
        self.inspiredBy = inspiredBy
        self.scoring = scoring
        self.responseSets = responseSets
        self.applicability = applicability
        self.sections = sections
    }

    private enum CodingKeys: String, CodingKey {
        case id
        case version
        case schemaVersion
        case title
        case summary
        case inspiredBy
        case scoring
        case responseSets
        case applicability
        case sections
    }

    /// Decodes a template; optional fields take their defaults.
    ///
    /// A schema version newer than this library reads is refused.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed data; ``ServiceAuditError`` (path `schemaVersion`) for an unknown format.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try c.decode(Int.self, forKey: .schemaVersion)
        guard schemaVersion >= 1, schemaVersion <= Self.currentSchemaVersion else {
            throw ServiceAuditError(
                .outOfRange,
                at: "schemaVersion",
                "schema version \(schemaVersion) is not one this library reads (1…\(Self.currentSchemaVersion))"
            )
        }
        id = try c.decode(String.self, forKey: .id)
        version = try c.decode(SemanticVersion.self, forKey: .version)
        title = try c.decode(String.self, forKey: .title)
        summary = try c.decodeIfPresent(String.self, forKey: .summary) ?? ""
        inspiredBy = try c.decodeIfPresent([Attribution].self, forKey: .inspiredBy) ?? []
        scoring = try c.decodeIfPresent(ScoringPolicy.self, forKey: .scoring) ?? ScoringPolicy()
        responseSets = try c.decodeIfPresent([String: [ChoiceOption]].self, forKey: .responseSets) ?? [:]
        applicability = try c.decodeIfPresent(Applicability.self, forKey: .applicability) ?? Applicability()
        sections = try c.decode([AuditSection].self, forKey: .sections)
    }

    /// Every item in order, with its path (`sections[1].sections[0].items[2]`).
    public var itemsWithPaths: [(item: AuditItem, path: String)] {
        func walk(_ sections: [AuditSection], _ prefix: String) -> [(AuditItem, String)] {
            sections.enumerated().flatMap { index, section -> [(AuditItem, String)] in
                let path = "\(prefix)sections[\(index)]"
                return section.items.enumerated().map { ($1, "\(path).items[\($0)]") }
                    + walk(section.sections, path + ".")
            }
        }
        return walk(sections, "")
    }

    /// The options of a choice item: its own, or its response set's.
    ///
    /// - Parameter item: The item.
    /// - Returns: The options, or `nil` for an item that is not a choice.
    public func options(of item: AuditItem) -> [ChoiceOption]? {
        switch item.kind {
        case .singleChoice(let options, let set), .multiChoice(let options, let set):
            if let set { return responseSets[set] ?? [] }
            return options
        default: return nil
        }
    }
}
