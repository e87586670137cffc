public import Foundation

/// One measured figure — an indicator's value for a period and a scope — the currency between modules.
///
/// Standards compliance, KPIs and survey scores all leave their modules as measurements, so that an audit can be
/// answered from them without importing the modules that made them.
///
/// The type is named `ServiceMeasurement`, not `Measurement`, so that it never clashes with Foundation's
/// `Measurement<UnitType>` in a file that imports both.
///
/// JSON form:
/// ```json
/// {"indicator": "firstReply.compliance", "value": 0.93, "unit": "ratio",
///  "period": {"start": "2026-10-01T00:00:00Z", "end": "2026-11-01T00:00:00Z"},
///  "scope": {"kind": "team", "id": "billing"}, "sampleSize": 1204, "source": "ServiceStandards"}
/// ```
public struct ServiceMeasurement: Sendable, Hashable, Codable {
    /// What was measured, such as `firstReply.compliance`.
    public let indicator: Indicator
    /// The value; always finite.
    public let value: Double
    /// The unit of ``value``.
    public let unit: MeasurementUnit
    /// The period the value covers.
    public let period: DateInterval
    /// What the value is about: the whole organisation, a team, a channel, a segment.
    public let scope: MeasurementScope
    /// How many records the value was computed from, when known.
    public let sampleSize: Int?
    /// Where the value came from (a module, a system, a person), for provenance; may be empty.
    public let source: String

    /// Creates a measurement.
    ///
    /// - Parameters:
    ///   - indicator: What was measured.
    ///   - value: The value; finite.
    ///   - unit: The unit of the value.
    ///   - period: The period the value covers.
    ///   - scope: What the value is about.
    ///   - sampleSize: How many records it was computed from; not negative.
    ///   - source: Where it came from.
    /// - Throws: ``ServiceDomainError/Code/nonFinite`` (path `value`) for NaN or infinity,
    ///   ``ServiceDomainError/Code/outOfRange`` (path `sampleSize`) for a negative sample size, or (path `value`)
    ///   for a ratio outside 0...1 or a percentage outside 0...100.
    public init(
        indicator: Indicator,
        value: Double,
        unit: MeasurementUnit,
        period: DateInterval,
        scope: MeasurementScope = .organisation,
        sampleSize: Int? = nil,
        source: String = ""
    ) throws(ServiceDomainError) {
        guard value.isFinite else {
            throw ServiceDomainError(.nonFinite, at: "value", "\(indicator) must have a finite value, not \(value)")
        }
        if unit == .ratio, !(0...1).contains(value) {
            throw ServiceDomainError(.outOfRange, at: "value", "a ratio must lie in 0...1, not \(value)")
        }
        if unit == .percent, !(0...100).contains(value) {
            throw ServiceDomainError(.outOfRange, at: "value", "a percentage must lie in 0...100, not \(value)")
        }
        if let sampleSize, sampleSize < 0 {
            throw ServiceDomainError(.outOfRange, at: "sampleSize", "a sample size cannot be negative (\(sampleSize))")
        }
        self.indicator = indicator
        self.value = value
        self.unit = unit
        self.period = period
        self.scope = scope
        self.sampleSize = sampleSize
        self.source = source
    }

    private enum CodingKeys: String, CodingKey {
        case indicator
        case value
        case unit
        case period
        case scope
        case sampleSize
        case source
    }

    private enum PeriodKeys: String, CodingKey {
        case start
        case end
    }

    /// Decodes the value from its documented JSON form, checking it as the validating initialiser does.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed or invalid data, with the coding path of the offending field.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let periodContainer = try container.nestedContainer(keyedBy: PeriodKeys.self, forKey: .period)
        let start = try periodContainer.decodeInstant(forKey: .start)
        let end = try periodContainer.decodeInstant(forKey: .end)
        guard end >= start else {
            throw DecodingError.dataCorruptedError(
                forKey: .end,
                in: periodContainer,
                debugDescription: "the period ends before it starts"
            )
        }
        do {
            try self.init(
                indicator: container.decode(Indicator.self, forKey: .indicator),
                value: container.decode(Double.self, forKey: .value),
                unit: container.decode(MeasurementUnit.self, forKey: .unit),
                period: DateInterval(start: start, end: end),
                scope: container.decodeIfPresent(MeasurementScope.self, forKey: .scope) ?? .organisation,
                sampleSize: container.decodeIfPresent(Int.self, forKey: .sampleSize),
                source: container.decodeIfPresent(String.self, forKey: .source) ?? ""
            )
        } catch let error as ServiceDomainError {
            throw DecodingError.invalid(error, codingPath: container.codingPath)
        }
    }

    /// Encodes the value in its documented JSON form.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(indicator, forKey: .indicator)
        try container.encode(value, forKey: .value)
        try container.encode(unit, forKey: .unit)
        var periodContainer = container.nestedContainer(keyedBy: PeriodKeys.self, forKey: .period)
        try periodContainer.encodeInstant(period.start, forKey: .start)
        try periodContainer.encodeInstant(period.end, forKey: .end)
        try container.encode(scope, forKey: .scope)
        try container.encodeIfPresent(sampleSize, forKey: .sampleSize)
        if !source.isEmpty { try container.encode(source, forKey: .source) }
    }
}

/// The name of a measured indicator, such as `firstReply.compliance` or `nps`.
///
/// An open set; modules document the
/// indicators they produce.
public struct Indicator: OpenVocabulary {
    /// The indicator's stable name.
    public var rawValue: String
    /// Creates an indicator from its name.
    ///
    /// - Parameter rawValue: The indicator's stable name.
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// The unit of a measured value.
///
/// An open set.
public struct MeasurementUnit: OpenVocabulary {
    /// The unit's stable name.
    public var rawValue: String
    /// Creates a unit from its name.
    ///
    /// - Parameter rawValue: The unit's stable name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A share from 0 to 1.
    public static let ratio: MeasurementUnit = "ratio"
    /// A share from 0 to 100.
    public static let percent: MeasurementUnit = "percent"
    /// A duration in seconds.
    public static let seconds: MeasurementUnit = "seconds"
    /// A count of things.
    public static let count: MeasurementUnit = "count"
    /// A score on the indicator's own scale (NPS from −100 to 100, a mean rating).
    public static let score: MeasurementUnit = "score"
}

/// What a measurement is about: the whole organisation, or one team, agent, channel, segment, priority or site.
///
/// JSON form: `{"kind": "team", "id": "billing"}`; the organisation as a whole is `{"kind": "organisation"}`.
public struct MeasurementScope: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The kind of thing measured.
    public var kind: Kind
    /// Which one; empty for the whole organisation.
    public var id: String

    /// Creates a scope.
    ///
    /// - Parameters:
    ///   - kind: The kind of thing measured.
    ///   - id: Which one; empty for the whole organisation.
    public init(_ kind: Kind, id: String = "") {
        self.kind = kind
        self.id = id
    }

    /// The whole organisation.
    public static let organisation = MeasurementScope(.organisation)

    /// The scope of one group of a grouped summary: the organisation for no dimensions, the dimension's own kind for
    /// one of `team`, `channel`, `priority`, `segment` or `agent` (`team:billing`), and otherwise kind `group` with
    /// the pairs as its id (`group:priority=urgent;channel=email`).
    ///
    /// - Parameters:
    ///   - dimensions: The grouping dimensions' names.
    ///   - key: The group's values, one per dimension.
    public init(grouping dimensions: [String], key: [String]) {
        if key.isEmpty {
            self = .organisation
        } else if dimensions.count == 1, ["team", "channel", "priority", "segment", "agent"].contains(dimensions[0]) {
            self.init(Kind(dimensions[0]), id: key[0])
        } else {
            self.init("group", id: zip(dimensions, key).map { "\($0)=\($1)" }.joined(separator: ";"))
        }
    }

    /// `team:billing`, or `organisation`.
    public var description: String { id.isEmpty ? kind.rawValue : "\(kind.rawValue):\(id)" }

    /// The kind of thing a measurement is about.
    ///
    /// An open set.
    public struct Kind: OpenVocabulary {
        /// The kind's stable name.
        public var rawValue: String
        /// Creates a kind from its name.
        ///
        /// - Parameter rawValue: The kind's stable name.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The whole organisation.
        public static let organisation: Kind = "organisation"
        /// A team.
        public static let team: Kind = "team"
        /// An agent.
        public static let agent: Kind = "agent"
        /// A channel.
        public static let channel: Kind = "channel"
        /// A customer segment.
        public static let segment: Kind = "segment"
        /// A priority.
        public static let priority: Kind = "priority"
        /// A site or office.
        public static let site: Kind = "site"
    }

    private enum CodingKeys: String, CodingKey {
        case kind
        case id
    }

    /// Decodes the value from its documented JSON form, checking it as the validating initialiser does.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed or invalid data, with the coding path of the offending field.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(Kind.self, forKey: .kind)
        id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
    }

    /// Encodes the value in its documented JSON form.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        if !id.isEmpty { try container.encode(id, forKey: .id) }
    }
}
