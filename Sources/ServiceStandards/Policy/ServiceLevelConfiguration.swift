public import Foundation
public import ServiceDomain

/// A service-level policy with the business calendars it names, as one JSON document.
///
/// ```json
/// {"calendars": {"london": {"timeZone": "Europe/London", "weeklyHours": {…}, "holidays": […]}},
///  "policy": {"id": "council-standard", "rules": […]}}
/// ```
///
/// ```swift
/// let configuration = try ServiceLevelConfiguration.load(from: Data(contentsOf: url))
/// let evaluator = try configuration.evaluator(organisation: council)
/// ```
public struct ServiceLevelConfiguration: Sendable, Hashable, Codable {
    /// The business calendars by identifier.
    public let calendars: [CalendarID: BusinessCalendar]
    /// The policy.
    public let policy: ServiceLevelPolicy

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - policy: The policy.
    ///   - calendars: The calendars its clocks name.
    public init(policy: ServiceLevelPolicy, calendars: [CalendarID: BusinessCalendar]) {
        self.policy = policy
        self.calendars = calendars
    }

    /// Reads a configuration from JSON, reporting the path of any bad field (`calendars.london.timeZone`,
    /// `policy.rules[2].targets.firstReply.durations.urgent`).
    ///
    /// - Parameters:
    ///   - data: The JSON document.
    ///   - limits: The largest and deepest document accepted.
    /// - Returns: The configuration.
    /// - Throws: ``ServiceStandardsError`` naming the offending field; `outOfRange` (path `document` or `line[N]`)
    ///   past the limits.
    public static func load(from data: Data, limits: DocumentLimits = .standard) throws(ServiceStandardsError)
        -> ServiceLevelConfiguration
    {
        try JSONLoading.decode(ServiceLevelConfiguration.self, from: data, limits: limits)
    }

    /// An evaluator for the policy on these calendars.
    ///
    /// - Parameters:
    ///   - organisation: The organisation, for sector conditions.
    ///   - customConditions: Custom conditions by name.
    /// - Returns: The evaluator.
    /// - Throws: ``ServiceStandardsError`` with code `unknownCalendar` when the policy names a calendar the document
    ///   does not define (path `policy.rules[i].targets.<kind>.clock`), or `unknownCondition`.
    public func evaluator(organisation: Organisation? = nil, customConditions: [String: any CaseCondition] = [:])
        throws(ServiceStandardsError) -> PolicyEvaluator
    {
        do {
            return try PolicyEvaluator(
                policy: policy,
                calendars: calendars,
                organisation: organisation,
                customConditions: customConditions
            )
        } catch {
            throw ServiceStandardsError(error.code, at: error.path.map { "policy." + $0 }, error.message)
        }
    }

    private enum CodingKeys: String, CodingKey {
        case calendars
        case policy
    }

    /// Decodes the configuration from its documented JSON form.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` with the coding path of the offending field.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: ["calendars", "policy"])
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let raw = try container.nestedContainer(keyedBy: NameKey.self, forKey: .calendars)
        var calendars: [CalendarID: BusinessCalendar] = [:]
        for key in raw.allKeys {
            calendars[CalendarID(key.stringValue)] = try raw.decode(BusinessCalendar.self, forKey: key)
        }
        self.calendars = calendars
        self.policy = try container.decode(ServiceLevelPolicy.self, forKey: .policy)
    }

    /// Encodes the configuration in its documented JSON form.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var raw = container.nestedContainer(keyedBy: NameKey.self, forKey: .calendars)
        for (id, calendar) in calendars.sorted(by: { $0.key < $1.key }) {
            try raw.encode(calendar, forKey: NameKey(id.rawValue))
        }
        try container.encode(policy, forKey: .policy)
    }
}
