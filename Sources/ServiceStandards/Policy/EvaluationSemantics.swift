public import Foundation
public import ServiceDomain

/// Which target judges a cycle when the rule or priority that applies to a case changes during its life.
///
/// A policy is *applied* when a case is created and again at each event that changes its priority or team (the
/// inputs of the built-in conditions) or escalates it: each application matches the rules on the case as it stood
/// then and fixes the targets of the matching rule for that priority (see ``TargetApplication``).
///
/// JSON form: `"inForceWhenStarted"`, `"inForceWhileRunning"` or `"currentPriority"`.
public enum TargetSelection: String, Sendable, Hashable, Codable, CaseIterable {
    /// Each cycle is judged against the target in force when it started; a later change of priority or team affects
    /// only the cycles that start after it. A fulfilled cycle keeps its verdict.
    case inForceWhenStarted
    /// A running cycle takes the target of each new application, measured from its start; a cycle that has ended
    /// keeps the target in force when it ended, so a fulfilled cycle keeps its verdict. This is Zendesk's rule: when
    /// a ticket's priority changes, the SLA policy is applied again and the targets of active metrics are updated,
    /// while fulfilled ones are not re-judged (Zendesk help, "Defining and using SLA policies": "If your ticket has
    /// changed in priority … the targets on the ticket will be updated").
    case inForceWhileRunning
    /// Every cycle is judged against the rule and priority of the case as it stands at the evaluation instant: the
    /// library's behaviour before applied targets, kept for reports that want "today's standard applied to the whole
    /// history". A change of priority re-judges cycles that ended long before it.
    case currentPriority
}

/// What a cycle that awaited a reply is when the case is resolved first, within its target.
///
/// JSON form: `"notApplicable"` or `"fulfilled"`.
public enum ResolvedFirst: String, Sendable, Hashable, Codable, CaseIterable {
    /// Not applicable: the reply was never needed, and the cycle counts in neither achieved nor breached (the
    /// library's default; compliance is then among cycles that were decided by the awaited event or a breach).
    case notApplicable
    /// Achieved: solving the case fulfils the target, as Zendesk's SLA metrics do (a reply metric is fulfilled by
    /// the agent's public comment or by the ticket being solved; Zendesk help, "Defining SLA policies").
    case fulfilled
}

/// How a policy's targets are applied and measured, where helpdesks differ; every choice has a name.
///
/// JSON form (in a policy, all fields optional):
/// `{"targets": "inForceWhenStarted", "breachLanding": "atNextOpening", "resolvedFirst": "notApplicable"}`.
public struct EvaluationSemantics: Sendable, Hashable, Codable {
    /// Which target judges a cycle when the applicable rule or priority changes.
    public var targets: TargetSelection
    /// Where a breach instant on a business clock lands when the target runs out exactly at a closing.
    public var breachLanding: BusinessTimeLanding
    /// What a cycle awaiting a reply is when the case is resolved first, within its target (over it, it is breached
    /// either way).
    public var resolvedFirst: ResolvedFirst

    /// Creates semantics.
    ///
    /// - Parameters:
    ///   - targets: Which target judges a cycle; ``TargetSelection/inForceWhenStarted`` by default.
    ///   - breachLanding: Where a breach instant at a closing lands; the next opening by default (the moment the
    ///     business clock would move past the target).
    ///   - resolvedFirst: A reply cycle ended by the resolution within target; not applicable by default.
    public init(
        targets: TargetSelection = .inForceWhenStarted,
        breachLanding: BusinessTimeLanding = .atNextOpening,
        resolvedFirst: ResolvedFirst = .notApplicable
    ) {
        self.targets = targets
        self.breachLanding = breachLanding
        self.resolvedFirst = resolvedFirst
    }

    private enum CodingKeys: String, CodingKey {
        case targets, breachLanding, resolvedFirst
    }

    /// Decodes the semantics; absent fields take their defaults and unknown fields are rejected.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` naming an unknown field or value.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: ["targets", "breachLanding", "resolvedFirst"])
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            targets: try container.decodeIfPresent(TargetSelection.self, forKey: .targets) ?? .inForceWhenStarted,
            breachLanding: try container.decodeIfPresent(BusinessTimeLanding.self, forKey: .breachLanding)
                ?? .atNextOpening,
            resolvedFirst: try container.decodeIfPresent(ResolvedFirst.self, forKey: .resolvedFirst) ?? .notApplicable
        )
    }
}

/// One application of a policy to a case: when, why, and the rule and priority it fixed.
///
/// A case's history lists the application at creation and then each later one that changed the rule or the priority
/// in force; an event that leaves both as they were applies nothing new and is not listed.
public struct TargetApplication: Sendable, Hashable, Codable {
    /// Why the policy was applied.
    public enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
        /// The case was created.
        case created
        /// The priority changed.
        case priorityChanged
        /// The team changed (an assignment or an escalation to another team).
        case teamChanged
        /// Both changed in one event.
        case priorityAndTeamChanged
        /// The case was escalated without a change of priority or team (a custom condition may read escalations).
        case escalated
        /// The helpdesk recorded another rule (policy) applied, such as Zendesk's SLA policy history.
        case policyChanged
    }

    /// When the policy was applied.
    public let at: Date
    /// Why.
    public let reason: Reason
    /// The index of the event that caused it in the case's events (0 for creation); for a recorded policy change,
    /// the first event at or after it (the number of events when it came after all of them).
    public let eventPosition: Int
    /// The rule that matched, or `nil` when none did (no targets from then on).
    public let ruleIndex: Int?
    /// The case's priority from then on, which selects each target's duration.
    public let priority: Priority
}

/// A rule a helpdesk recorded as applied to a case from an instant, such as an entry of Zendesk's SLA policy history
/// (`ZendeskTables.Result.slaPolicies`): the policy's rules are matched by name, and from the instant on the recorded
/// rule is in force instead of the one the conditions would choose.
///
/// JSON form: `{"at": "2026-03-02T11:05:00Z", "rule": "VIP queue"}` (`rule` absent or `null`: no rule from then on).
public struct RecordedRule: Sendable, Hashable, Codable {
    /// From when.
    public let at: Date
    /// The rule's name, or `nil` when the helpdesk removed the policy.
    public let rule: String?

    /// Creates an entry.
    ///
    /// - Parameters:
    ///   - at: From when.
    ///   - rule: The rule's name; `nil` for none.
    public init(at: Date, rule: String?) {
        self.at = at
        self.rule = rule
    }
}
