import ServiceDomain

/// A ``Condition`` prepared for an evaluator's hot loop: value lists as arrays compared by equality (a policy's lists
/// are short, and comparing short strings beats hashing them), sector conditions decided once (the organisation is
/// fixed per evaluator), and custom conditions resolved to their instances.
///
/// It answers exactly as ``Condition/matches(_:in:)`` does; `CompiledConditionTests` checks that on every built-in
/// form.
indirect enum CompiledCondition: Sendable {
    case constant(Bool)
    case priority([Priority])
    case channel([Channel])
    case role([CustomerRole])
    case relationship(Set<CustomerRelationship>)
    case segment([String])
    case tag([String])
    case team([TeamID])
    case custom(any CaseCondition, PolicyContext)
    case all([CompiledCondition])
    case any([CompiledCondition])
    case not(CompiledCondition)

    init(_ condition: Condition, context: PolicyContext) {
        switch condition {
        case .always: self = .constant(true)
        case .priority(let values): self = .priority(Self.sorted(values))
        case .channel(let values): self = .channel(Self.sorted(values))
        case .role(let values): self = .role(Self.sorted(values))
        case .relationship(let values): self = .relationship(values)
        case .segment(let values): self = .segment(values.sorted())
        case .tag(let values): self = .tag(values.sorted())
        case .team(let values): self = .team(Self.sorted(values))
        case .sector(let values): self = .constant(context.organisation.map { values.contains($0.sector) } ?? false)
        case .custom(let name):
            if let custom = context.customConditions[name] {
                self = .custom(custom, context)
            } else {
                self = .constant(false)
            }
        case .all(let conditions): self = .all(conditions.map { CompiledCondition($0, context: context) })
        case .any(let conditions): self = .any(conditions.map { CompiledCondition($0, context: context) })
        case .not(let inner): self = .not(CompiledCondition(inner, context: context))
        }
    }

    /// Whether the case meets the condition.
    func matches(_ item: Case) -> Bool {
        switch self {
        case .constant(let value): return value
        case .priority(let values): return values.contains(item.facts.priority)
        case .channel(let values): return values.contains(item.channel)
        case .role(let values):
            guard let role = item.customer?.role else { return false }
            return values.contains(role)
        case .relationship(let values): return values.contains(item.customer?.relationship ?? .external)
        case .segment(let values):
            guard let segments = item.customer?.segments else { return false }
            return Self.overlaps(values, segments)
        case .tag(let values): return Self.overlaps(values, item.tags)
        case .team(let values):
            guard let team = item.facts.team else { return false }
            return values.contains(team)
        case .custom(let condition, let context): return condition.matches(item, in: context)
        case .all(let conditions):
            for condition in conditions where !condition.matches(item) { return false }
            return true
        case .any(let conditions):
            for condition in conditions where condition.matches(item) { return true }
            return false
        case .not(let condition): return !condition.matches(item)
        }
    }

    /// Whether the case met the condition when its priority and team were the given ones.
    ///
    /// The answer for an application of the policy at an earlier event; custom conditions are asked about `asOf`, the
    /// case as it stood then.
    func matches(_ item: Case, priority: Priority, team: TeamID?, asOf: Case) -> Bool {
        switch self {
        case .priority(let values): return values.contains(priority)
        case .team(let values):
            guard let team else { return false }
            return values.contains(team)
        case .custom(let condition, let context): return condition.matches(asOf, in: context)
        case .all(let conditions):
            for condition in conditions where !condition.matches(item, priority: priority, team: team, asOf: asOf) {
                return false
            }
            return true
        case .any(let conditions):
            for condition in conditions where condition.matches(item, priority: priority, team: team, asOf: asOf) {
                return true
            }
            return false
        case .not(let condition): return !condition.matches(item, priority: priority, team: team, asOf: asOf)
        case .constant, .channel, .role, .relationship, .segment, .tag: return matches(item)
        }
    }

    /// Whether the condition or any part of it is a custom condition.
    var hasCustom: Bool {
        switch self {
        case .custom: true
        case .all(let conditions), .any(let conditions): conditions.contains(where: \.hasCustom)
        case .not(let condition): condition.hasCustom
        case .constant, .priority, .channel, .role, .relationship, .segment, .tag, .team: false
        }
    }

    private static func sorted<Value: OpenVocabulary>(_ values: Set<Value>) -> [Value] {
        values.sorted { $0.rawValue < $1.rawValue }
    }

    /// Whether a case's set shares a value with a condition's list: by equality when both are short, else by hashing.
    @inline(__always)
    private static func overlaps(_ values: [String], _ set: Set<String>) -> Bool {
        if set.isEmpty || values.isEmpty { return false }
        if set.count * values.count <= 16 {
            for element in set where values.contains(element) { return true }
            return false
        }
        for value in values where set.contains(value) { return true }
        return false
    }
}
