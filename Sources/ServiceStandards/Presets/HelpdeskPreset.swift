public import Foundation
public import ServiceDomain

/// A helpdesk's service-level model: the metrics it names, what each measures in this library's terms, and the
/// semantics it follows where helpdesks differ — so that a policy written "the Zendesk way" gives Zendesk's answers.
///
/// ```swift
/// let policy = try HelpdeskPreset.zendesk.policy(
///     id: "support",
///     rules: [.init(name: "Everyone", clock: .businessHours("office"), targets: [
///         "First reply time": [.urgent: 3_600, .normal: 14_400],
///         "Requester wait time": [.normal: 86_400],
///     ])]
/// )
/// ```
///
/// Each metric's rule is in its ``Metric/rule``; the presets' doc comments cite the vendor documentation they follow.
/// Where the vendors differ, the difference is a named field of ``EvaluationSemantics`` or of the metric's pauses,
/// never a hidden choice.
public struct HelpdeskPreset: Sendable, Hashable, Identifiable {
    /// One metric of a helpdesk.
    public struct Metric: Sendable, Hashable {
        /// The helpdesk's name for it, such as "First reply time".
        public let name: String
        /// What it measures here.
        public let kind: TargetKind
        /// The statuses that stop its clock.
        public let pausedStatuses: Set<CaseStatus>
        /// When it starts, stops and pauses, in the helpdesk's terms.
        public let rule: String
    }

    /// A rule of a preset policy: a condition, a clock, and durations by the helpdesk's metric names.
    public struct Rule: Sendable, Hashable {
        /// A name for people.
        public let name: String
        /// The condition; `.always` for every case.
        public let condition: Condition
        /// The clock of every target of the rule.
        public let clock: TargetClock
        /// Seconds per priority, by metric name.
        public let targets: [String: [Priority: TimeInterval]]

        /// Creates a rule.
        ///
        /// - Parameters:
        ///   - name: A name for people.
        ///   - condition: The condition.
        ///   - clock: The clock of its targets.
        ///   - targets: Seconds per priority, by the helpdesk's metric names.
        public init(
            name: String,
            when condition: Condition = .always,
            clock: TargetClock,
            targets: [String: [Priority: TimeInterval]]
        ) {
            self.name = name
            self.condition = condition
            self.clock = clock
            self.targets = targets
        }
    }

    /// A stable identifier: `zendesk`, `freshdesk`, `jira-service-management`, `servicenow`.
    public let id: String
    /// The helpdesk's name.
    public let name: String
    /// The semantics it follows.
    public let semantics: EvaluationSemantics
    /// Its metrics.
    public let metrics: [Metric]

    /// The metric with a name, compared without regard to case.
    ///
    /// - Parameter name: The helpdesk's name for it.
    /// - Returns: The metric, or `nil`.
    public func metric(named name: String) -> Metric? {
        metrics.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// A policy whose targets are the helpdesk's metrics, with its semantics.
    ///
    /// - Parameters:
    ///   - id: The policy's identifier.
    ///   - name: A name for people.
    ///   - rules: The rules, in order; the first that matches a case applies.
    ///   - schedules: How each case's schedule is chosen, for rules on ``TargetClock/caseSchedule``.
    /// - Returns: The policy.
    /// - Throws: ``ServiceStandardsError`` with code `unknownMetric` (path `rules[i].targets.<metric>`) for a metric the
    ///   helpdesk does not have, `inconsistent` for two metrics that measure the same kind in one rule (Zendesk's
    ///   periodic and pausable update), and the errors of ``ServiceTarget`` and ``ServiceLevelPolicy``.
    public func policy(id: String, name: String = "", rules: [Rule], schedules: ScheduleSelection? = nil)
        throws(ServiceStandardsError) -> ServiceLevelPolicy
    {
        var built: [ServiceLevelPolicy.Rule] = []
        for (index, rule) in rules.enumerated() {
            var targets: [TargetKind: ServiceTarget] = [:]
            var names: [TargetKind: String] = [:]
            for (metricName, durations) in rule.targets.sorted(by: { $0.key < $1.key }) {
                let path = "rules[\(index)].targets.\(metricName)"
                guard let metric = metric(named: metricName) else {
                    throw ServiceStandardsError(
                        .unknownMetric,
                        at: path,
                        "\(self.name) has no metric \"\(metricName)\"; it has "
                            + metrics.map { "\"\($0.name)\"" }.joined(separator: ", ")
                    )
                }
                if let other = names[metric.kind] {
                    throw ServiceStandardsError(
                        .inconsistent,
                        at: path,
                        "\"\(metricName)\" and \"\(other)\" both measure \(metric.kind.rawValue); a rule has one of them"
                    )
                }
                names[metric.kind] = metricName
                do throws(ServiceStandardsError) {
                    targets[metric.kind] = try ServiceTarget(
                        kind: metric.kind,
                        clock: rule.clock,
                        durations: durations,
                        pausedStatuses: metric.kind.hasFixedPauses ? nil : metric.pausedStatuses
                    )
                } catch {
                    throw error.nested(under: path)
                }
            }
            built.append(.init(name: rule.name, when: rule.condition, targets: targets))
        }
        return try ServiceLevelPolicy(id: id, name: name, rules: built, semantics: semantics, schedules: schedules)
    }

    /// Zendesk SLA policies (Zendesk help, "Defining SLA policies" and "Viewing and understanding SLA targets").
    ///
    /// Semantics: a re-applied policy (on a priority or policy change) updates the targets of active metrics and
    /// never re-judges fulfilled ones (``TargetSelection/inForceWhileRunning``); solving a ticket fulfils a reply
    /// metric (``ResolvedFirst/fulfilled``); a target that runs out at a closing is due at the closing, as Zendesk's
    /// business-hours library computes it (`BusinessTimeLanding.atClose`). Zendesk reports whole minutes; the
    /// library keeps seconds.
    public static let zendesk = HelpdeskPreset(
        id: "zendesk",
        name: "Zendesk",
        semantics: EvaluationSemantics(
            targets: .inForceWhileRunning,
            breachLanding: .atClose,
            resolvedFirst: .fulfilled
        ),
        metrics: [
            Metric(
                name: "First reply time",
                kind: .firstReply,
                pausedStatuses: [],
                rule: "from creation to the first public agent comment; never paused"
            ),
            Metric(
                name: "Next reply time",
                kind: .nextReply,
                pausedStatuses: [],
                rule: "from the oldest unanswered end-user comment to the next public agent comment; never paused"
            ),
            Metric(
                name: "Periodic update",
                kind: .periodicUpdate,
                pausedStatuses: [],
                rule: "between public agent comments; never paused"
            ),
            Metric(
                name: "Pausable update",
                kind: .periodicUpdate,
                pausedStatuses: [.pending, .onHold],
                rule: "between public agent comments, paused while pending or on hold"
            ),
            Metric(
                name: "Requester wait time",
                kind: .requesterWait,
                pausedStatuses: [.pending],
                rule: "time in new, open and on-hold until solved; paused while pending"
            ),
            Metric(
                name: "Agent work time",
                kind: .agentWork,
                pausedStatuses: [.pending, .onHold],
                rule: "time in new and open until solved; paused while pending or on hold"
            ),
        ]
    )

    /// Freshdesk SLA policies (Freshdesk support, "Understanding SLA policies" and "Setting SLA timer" for statuses
    /// that pause the timer).
    ///
    /// Semantics: when the priority changes the due times are worked out again from the ticket's creation for the
    /// targets still running (``TargetSelection/inForceWhileRunning``); a resolved ticket ends its response targets
    /// without a verdict (``ResolvedFirst/notApplicable``). Business hours are per group: put the rules on
    /// ``TargetClock/caseSchedule`` with ``ScheduleSelection`` rules on the team.
    public static let freshdesk = HelpdeskPreset(
        id: "freshdesk",
        name: "Freshdesk",
        semantics: EvaluationSemantics(targets: .inForceWhileRunning),
        metrics: [
            Metric(
                name: "First response time",
                kind: .firstReply,
                pausedStatuses: [.pending, .onHold],
                rule: "from creation to the first agent response; the timer stops in statuses set to pause it "
                    + "(pending, waiting on a third party)"
            ),
            Metric(
                name: "Every response time",
                kind: .nextReply,
                pausedStatuses: [.pending, .onHold],
                rule: "from each customer reply to the next agent response; paused as the first response"
            ),
            Metric(
                name: "Resolution time",
                kind: .resolution,
                pausedStatuses: [.pending, .onHold],
                rule: "from creation (or reopening) to resolution; paused as the first response"
            ),
        ]
    )

    /// Jira Service Management SLA goals (Atlassian support, "Create service level agreements (SLAs)"): the shipped
    /// "Time to first response" and "Time to resolution" metrics with their default conditions.
    ///
    /// Semantics: when an issue changes so that another goal matches, the running SLA is measured against the new
    /// goal (``TargetSelection/inForceWhileRunning``); resolving an issue meets a first-response SLA (its stop
    /// conditions include "Resolution: set", ``ResolvedFirst/fulfilled``). "Waiting for customer" pauses, which
    /// maps to pending.
    public static let jiraServiceManagement = HelpdeskPreset(
        id: "jira-service-management",
        name: "Jira Service Management",
        semantics: EvaluationSemantics(targets: .inForceWhileRunning, resolvedFirst: .fulfilled),
        metrics: [
            Metric(
                name: "Time to first response",
                kind: .firstReply,
                pausedStatuses: [],
                rule: "start: issue created; stop: comment for customers, or resolution set"
            ),
            Metric(
                name: "Time to resolution",
                kind: .resolution,
                pausedStatuses: [.pending],
                rule: "start: issue created; pause: status Waiting for customer; stop: resolution set"
            ),
        ]
    )

    /// ServiceNow task SLAs (ServiceNow docs, "SLA definitions"): the usual response and resolution SLAs of incident
    /// management.
    ///
    /// Semantics: an SLA definition attaches when its start condition holds and keeps the target it attached with
    /// (``TargetSelection/inForceWhenStarted``); a priority change that cancels one and attaches another with a
    /// retroactive start is ``TargetSelection/inForceWhileRunning``, a choice the policy can make. Resolving an
    /// incident completes a response SLA (``ResolvedFirst/fulfilled``). "On hold" (awaiting caller) pauses.
    public static let serviceNow = HelpdeskPreset(
        id: "servicenow",
        name: "ServiceNow",
        semantics: EvaluationSemantics(targets: .inForceWhenStarted, resolvedFirst: .fulfilled),
        metrics: [
            Metric(
                name: "Response",
                kind: .firstReply,
                pausedStatuses: [],
                rule: "start: incident created; stop: first work note or comment to the caller, or resolved"
            ),
            Metric(
                name: "Resolution",
                kind: .resolution,
                pausedStatuses: [.pending, .onHold],
                rule: "start: incident created or reopened; pause: on hold; stop: resolved"
            ),
        ]
    )

    /// Every preset.
    public static let all: [HelpdeskPreset] = [.zendesk, .freshdesk, .jiraServiceManagement, .serviceNow]

    /// The preset with an identifier.
    ///
    /// - Parameter id: `zendesk`, `freshdesk`, `jira-service-management` or `servicenow`.
    /// - Returns: The preset, or `nil`.
    public static func named(_ id: String) -> HelpdeskPreset? { all.first { $0.id == id } }
}
