public import ServiceDomain

/// A test of a case, used by a ``ServiceLevelPolicy`` rule to decide whether its targets apply.
///
/// The built-in ``Condition`` covers priority, channel, customer role and segment, tags, team and the organisation's
/// sector, combined with all/any/not, and has a JSON form. A condition of your own conforms to this protocol and is
/// named in policies as `{"custom": "name"}`, resolved when the ``PolicyEvaluator`` is made.
///
/// Implementation requirements: a value type; pure — the same case and context give the same answer; cheap, since
/// it runs for every case a policy evaluates.
///
/// ```swift
/// struct LongRunning: CaseCondition {
///     func matches(_ item: Case, in context: PolicyContext) -> Bool {
///         item.tags.contains("project") || item.facts.escalationCount > 0
///     }
/// }
/// let evaluator = try PolicyEvaluator(policy: policy, calendars: calendars, customConditions: ["longRunning": LongRunning()])
/// ```
public protocol CaseCondition: Sendable {
    /// Whether the case meets the condition.
    ///
    /// - Parameters:
    ///   - item: The case, as of the evaluation instant.
    ///   - context: The organisation and custom conditions the policy runs with.
    /// - Returns: Whether the condition holds.
    func matches(_ item: Case, in context: PolicyContext) -> Bool
}

/// What a policy evaluation knows besides the case: the organisation and the custom conditions by name.
public struct PolicyContext: Sendable {
    /// The organisation whose policy this is, for sector conditions; `nil` when not given.
    public var organisation: Organisation?
    /// Custom conditions by the name policies use in `{"custom": "name"}`.
    public var customConditions: [String: any CaseCondition]

    /// Creates a context.
    ///
    /// - Parameters:
    ///   - organisation: The organisation, if any.
    ///   - customConditions: Custom conditions by name.
    public init(organisation: Organisation? = nil, customConditions: [String: any CaseCondition] = [:]) {
        self.organisation = organisation
        self.customConditions = customConditions
    }
}

/// The built-in case conditions, combinable and encodable.
///
/// JSON forms (each an object with one key):
/// `{"priority": ["urgent", "high"]}`, `{"channel": ["phone"]}`, `{"role": ["citizen"]}`, `{"relationship": ["internal"]}`, `{"segment": ["gold"]}`,
/// `{"tag": ["complaint"]}`, `{"team": ["billing"]}`, `{"sector": ["public"]}`, `{"custom": "vip"}`,
/// `{"all": [ … ]}`, `{"any": [ … ]}`, `{"not": { … }}`, and `{"always": true}`.
/// A list matches when the case has any of its values; `segment` and `tag` match when the case has any of them.
///
/// A note for programs run under LeakSanitizer: a condition's payloads are referenced through pointers that carry the
/// enum's case in their spare high bits, which the leak scanner does not recognise as pointers. A decoded policy kept
/// for the life of the process (in a global or a `static let`) is therefore reported as leaked at exit although it is
/// reachable; one made, used and released is freed like any value (the test suite decodes and drops policies
/// throughout and passes `swift test --sanitize=address` with leak detection on).
public indirect enum Condition: CaseCondition, Hashable, Codable {
    /// Every case.
    case always
    /// The case's current priority is one of these.
    case priority(Set<Priority>)
    /// The case came in through one of these channels.
    case channel(Set<Channel>)
    /// The customer plays one of these roles.
    case role(Set<CustomerRole>)
    /// The customer is inside or outside the organisation: `{"relationship": ["internal"]}` picks the internal
    /// customers, whose targets are the operational-level agreements between teams. A case without a customer is
    /// external.
    case relationship(Set<CustomerRelationship>)
    /// The customer is in at least one of these segments.
    case segment(Set<String>)
    /// The case has at least one of these tags.
    case tag(Set<String>)
    /// The case's current team is one of these.
    case team(Set<TeamID>)
    /// The organisation is in one of these sectors.
    case sector(Set<Sector>)
    /// A condition supplied by name in the ``PolicyContext``.
    case custom(String)
    /// All of these hold (true when empty).
    case all([Condition])
    /// At least one of these holds (false when empty).
    case any([Condition])
    /// This does not hold.
    case not(Condition)

    /// Whether the case meets the condition.
    ///
    /// - Parameters:
    ///   - item: The case.
    ///   - context: The organisation and custom conditions.
    /// - Returns: Whether the condition holds; an unknown custom name does not match (``PolicyEvaluator`` rejects
    ///   such policies when it is made).
    public func matches(_ item: Case, in context: PolicyContext) -> Bool {
        switch self {
        case .always: return true
        case .priority(let values): return Self.has(values, item.facts.priority)
        case .channel(let values): return Self.has(values, item.channel)
        // Optional chaining reads one field; mapping over the customer would copy every field of it.
        case .role(let values):
            guard let role = item.customer?.role else { return false }
            return Self.has(values, role)
        case .relationship(let values): return values.contains(item.customer?.relationship ?? .external)
        case .segment(let values):
            guard let segments = item.customer?.segments else { return false }
            return Self.overlaps(values, segments)
        case .tag(let values): return Self.overlaps(values, item.tags)
        case .team(let values): return item.facts.team.map { Self.has(values, $0) } ?? false
        case .sector(let values): return context.organisation.map { Self.has(values, $0.sector) } ?? false
        case .custom(let name): return context.customConditions[name]?.matches(item, in: context) ?? false
        case .all(let conditions): return conditions.allSatisfy { $0.matches(item, in: context) }
        case .any(let conditions): return conditions.contains { $0.matches(item, in: context) }
        case .not(let condition): return !condition.matches(item, in: context)
        }
    }

    /// Membership by equality for small sets, where comparing beats hashing; by hashing for large ones.
    @inline(__always)
    private static func has<T: Hashable>(_ values: Set<T>, _ value: T) -> Bool {
        values.count <= 8 ? values.contains { $0 == value } : values.contains(value)
    }

    private static func overlaps(_ values: Set<String>, _ other: Set<String>) -> Bool {
        if values.isEmpty || other.isEmpty { return false }
        if values.count * other.count <= 16 { return values.contains { value in other.contains { $0 == value } } }
        return !values.isDisjoint(with: other)
    }

    /// The custom condition names used anywhere inside this condition.
    public var customNames: Set<String> {
        switch self {
        case .custom(let name): [name]
        case .all(let conditions), .any(let conditions): conditions.reduce(into: []) { $0.formUnion($1.customNames) }
        case .not(let condition): condition.customNames
        default: []
        }
    }

    /// Decodes a condition from its one-key JSON object.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for an unknown key, more than one key, or a value of the wrong type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: NameKey.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: container.codingPath,
                    debugDescription:
                        "a condition is an object with exactly one key, such as {\"priority\": [\"urgent\"]}"
                )
            )
        }
        switch key.stringValue {
        case "always": self = .always
        case "priority":
            let value = try container.decode(Set<Priority>.self, forKey: key)
            self = .priority(value)
        case "channel":
            let value = try container.decode(Set<Channel>.self, forKey: key)
            self = .channel(value)
        case "role":
            let value = try container.decode(Set<CustomerRole>.self, forKey: key)
            self = .role(value)
        case "relationship":
            let value = try container.decode(Set<CustomerRelationship>.self, forKey: key)
            self = .relationship(value)
        case "segment":
            let value = try container.decode(Set<String>.self, forKey: key)
            self = .segment(value)
        case "tag":
            let value = try container.decode(Set<String>.self, forKey: key)
            self = .tag(value)
        case "team":
            let value = try container.decode(Set<TeamID>.self, forKey: key)
            self = .team(value)
        case "sector":
            let value = try container.decode(Set<Sector>.self, forKey: key)
            self = .sector(value)
        case "custom":
            let value = try container.decode(String.self, forKey: key)
            self = .custom(value)
        case "all":
            let value = try container.decode([Condition].self, forKey: key)
            self = .all(value)
        case "any":
            let value = try container.decode([Condition].self, forKey: key)
            self = .any(value)
        case "not":
            let value = try container.decode(Condition.self, forKey: key)
            self = .not(value)
        default:
            throw DecodingError.dataCorruptedError(
                forKey: key,
                in: container,
                debugDescription:
                    "unknown condition \"\(key.stringValue)\"; expected one of always, priority, channel, "
                    + "role, relationship, segment, tag, team, sector, custom, all, any, not"
            )
        }
    }

    /// Encodes the condition as its one-key JSON object, with sorted lists.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: NameKey.self)
        switch self {
        case .always: try container.encode(true, forKey: NameKey("always"))
        case .priority(let v): try container.encode(v.map(\.rawValue).sorted(), forKey: NameKey("priority"))
        case .channel(let v): try container.encode(v.map(\.rawValue).sorted(), forKey: NameKey("channel"))
        case .role(let v): try container.encode(v.map(\.rawValue).sorted(), forKey: NameKey("role"))
        case .relationship(let v):
            try container.encode(v.map(\.rawValue).sorted(), forKey: NameKey("relationship"))
        case .segment(let v): try container.encode(v.sorted(), forKey: NameKey("segment"))
        case .tag(let v): try container.encode(v.sorted(), forKey: NameKey("tag"))
        case .team(let v): try container.encode(v.map(\.rawValue).sorted(), forKey: NameKey("team"))
        case .sector(let v): try container.encode(v.map(\.rawValue).sorted(), forKey: NameKey("sector"))
        case .custom(let name): try container.encode(name, forKey: NameKey("custom"))
        case .all(let conditions): try container.encode(conditions, forKey: NameKey("all"))
        case .any(let conditions): try container.encode(conditions, forKey: NameKey("any"))
        case .not(let condition): try container.encode(condition, forKey: NameKey("not"))
        }
    }
}
