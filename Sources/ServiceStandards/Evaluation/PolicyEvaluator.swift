public import Foundation
public import ServiceDomain

/// Evaluates cases against a ``ServiceLevelPolicy``: a pure function of the policy, its calendars, the case and an
/// instant.
///
/// Made once per policy (it checks that every calendar and custom condition the policy names is supplied), then used
/// for any number of cases, from any number of threads.
///
/// ```swift
/// let evaluator = try PolicyEvaluator(policy: policy, calendars: ["london": london])
/// let result = try evaluator.evaluate(ticket, at: now)
/// for outcome in result.outcomes where outcome.state == .active && outcome.isWarning {
///     print(ticket.id, outcome.kind, "breaches at", outcome.breachAt!)
/// }
/// ```
///
/// Which targets apply is decided by the case as it stands at `now`: its current priority, team and tags. Events
/// after `now` are ignored, so replaying history gives the answers a live system would have given.
public struct PolicyEvaluator: Sendable {
    /// The policy.
    public let policy: ServiceLevelPolicy
    /// The business calendars by identifier.
    public let calendars: [CalendarID: BusinessCalendar]
    /// The organisation and custom conditions.
    public let context: PolicyContext

    /// Creates an evaluator, checking that the policy's calendars and custom conditions are all supplied.
    ///
    /// - Parameters:
    ///   - policy: The policy.
    ///   - calendars: Business calendars by the identifiers the policy's clocks name.
    ///   - organisation: The organisation, for sector conditions.
    ///   - customConditions: Custom conditions by the names the policy uses.
    /// - Throws: ``ServiceStandardsError`` with code `unknownCalendar` (path `rules[i].targets.<kind>.clock`) or
    ///   `unknownCondition` (path `rules[i].when`).
    public init(
        policy: ServiceLevelPolicy,
        calendars: [CalendarID: BusinessCalendar] = [:],
        organisation: Organisation? = nil,
        customConditions: [String: any CaseCondition] = [:]
    ) throws(ServiceStandardsError) {
        for (index, rule) in policy.rules.enumerated() {
            for (kind, target) in rule.targets.sorted(by: { $0.key < $1.key }) {
                if case .businessHours(let id) = target.clock, calendars[id] == nil {
                    throw ServiceStandardsError(
                        .unknownCalendar,
                        at: "rules[\(index)].targets.\(kind.rawValue).clock",
                        "no business calendar \"\(id)\" was supplied"
                    )
                }
            }
            if let missing = rule.condition.customNames.sorted().first(where: { customConditions[$0] == nil }) {
                throw ServiceStandardsError(
                    .unknownCondition,
                    at: "rules[\(index)].when",
                    "no custom condition \"\(missing)\" was supplied"
                )
            }
        }
        self.policy = policy
        self.calendars = calendars
        self.context = PolicyContext(organisation: organisation, customConditions: customConditions)
    }

    /// Evaluates a case at an instant.
    ///
    /// - Parameters:
    ///   - item: The case.
    ///   - now: The evaluation instant; events after it are ignored.
    /// - Returns: The matching rule and an outcome for each cycle of each target that has a duration for the case's
    ///   current priority.
    /// - Throws: ``ServiceStandardsError`` with code `outOfRange` (path `now`) when `now` precedes the case's creation,
    ///   `nonFinite` when it is not finite, or a calendar's error for instants it cannot handle.
    public func evaluate(_ item: Case, at now: Date) throws(ServiceStandardsError) -> CaseEvaluation {
        guard now.timeIntervalSince1970.isFinite else {
            throw ServiceStandardsError(.nonFinite, at: "now", "the evaluation instant is not finite")
        }
        guard now >= item.createdAt else {
            throw ServiceStandardsError(.outOfRange, at: "now", "the evaluation instant precedes the case's creation")
        }
        let view = try Self.asOf(item, now)
        guard let ruleIndex = policy.matchingRule(for: view, in: context) else {
            return CaseEvaluation(caseID: item.id, evaluatedAt: now, ruleIndex: nil, outcomes: [])
        }
        let rule = policy.rules[ruleIndex]
        let priority = view.facts.priority
        var outcomes: [TargetOutcome] = []
        for kind in TargetKind.allCases {
            guard let target = rule.targets[kind], let duration = target.duration(for: priority) else { continue }
            let clock = try Clock(target.clock, calendars: calendars)
            for (number, cycle) in Self.cycles(of: kind, in: view).enumerated() {
                outcomes.append(
                    try outcome(
                        kind: kind,
                        number: number,
                        cycle: cycle,
                        target: target,
                        duration: duration,
                        view,
                        now,
                        clock
                    )
                )
            }
        }
        return CaseEvaluation(caseID: item.id, evaluatedAt: now, ruleIndex: ruleIndex, outcomes: outcomes)
    }

    // MARK: - Cycles

    struct Cycle {
        let start: Date
        /// `nil` while the cycle is running.
        let end: Date?
        /// Whether the awaited event ended it (a reply, a resolution); `false` when the case was resolved instead.
        let met: Bool
    }

    /// The case as of `now`: the case itself when nothing happened after `now`, else its timeline up to `now`.
    static func asOf(_ item: Case, _ now: Date) throws(ServiceStandardsError) -> Case {
        guard item.facts.lastEventAt > now else { return item }
        do {
            return try Case(
                id: item.id,
                channel: item.channel,
                priority: item.priority,
                customer: item.customer,
                team: item.team,
                tags: item.tags,
                events: item.events.filter { $0.at <= now }
            )
        } catch {
            throw ServiceStandardsError(error)
        }
    }

    static func cycles(of kind: TargetKind, in item: Case) -> [Cycle] {
        let facts = item.facts
        switch kind {
        case .firstReply:
            if let reply = facts.firstAgentReplyAt, facts.firstResolvedAt.map({ reply <= $0 }) ?? true {
                return [Cycle(start: facts.createdAt, end: reply, met: true)]
            }
            if let resolved = facts.firstResolvedAt {
                return [Cycle(start: facts.createdAt, end: resolved, met: false)]
            }
            return [Cycle(start: facts.createdAt, end: nil, met: false)]
        case .nextReply, .periodicUpdate:
            return replyCycles(kind, item.events)
        case .resolution:
            var cycles: [Cycle] = []
            var start: Date? = facts.createdAt
            for period in facts.statusPeriods {
                if period.status.isResolved {
                    if let open = start { cycles.append(Cycle(start: open, end: period.start, met: true)) }
                    start = nil
                } else if start == nil {
                    start = period.start
                }
            }
            if let open = start { cycles.append(Cycle(start: open, end: nil, met: false)) }
            return cycles
        case .requesterWait, .agentWork:
            let end = facts.status.isResolved ? facts.solvedAt : nil
            return [Cycle(start: facts.createdAt, end: end, met: end != nil)]
        }
    }

    private static func replyCycles(_ kind: TargetKind, _ events: [CaseEvent]) -> [Cycle] {
        var cycles: [Cycle] = []
        var resolved = false
        var repliedOnce = false
        var waitingSince: Date?
        var customerWroteWhileResolved: Date?
        for event in events {
            var next: CaseStatus?
            switch event.kind {
            case .agentReply:
                if kind == .nextReply {
                    if repliedOnce, let since = waitingSince {
                        cycles.append(Cycle(start: since, end: event.at, met: true))
                    }
                    waitingSince = nil
                } else if !resolved {
                    if let since = waitingSince { cycles.append(Cycle(start: since, end: event.at, met: true)) }
                    waitingSince = event.at
                }
                repliedOnce = true
            case .customerReply where kind == .nextReply && repliedOnce:
                if resolved {
                    customerWroteWhileResolved = customerWroteWhileResolved ?? event.at
                } else if waitingSince == nil {
                    waitingSince = event.at
                }
            case .statusChanged(let status): next = status
            case .reopened: next = .open
            default: break
            }
            guard let next else { continue }
            let wasResolved = resolved
            resolved = next.isResolved
            if !wasResolved && resolved {
                if let since = waitingSince, since < event.at {
                    cycles.append(Cycle(start: since, end: event.at, met: false))
                }
                waitingSince = nil
                customerWroteWhileResolved = nil
            } else if wasResolved && !resolved {
                if kind == .nextReply { waitingSince = customerWroteWhileResolved }
                customerWroteWhileResolved = nil
            }
        }
        if let since = waitingSince { cycles.append(Cycle(start: since, end: nil, met: false)) }
        return cycles
    }

    // MARK: - Counting

    /// A target's clock with its calendar resolved.
    struct Clock {
        let calendar: BusinessCalendar?

        init(_ clock: TargetClock, calendars: [CalendarID: BusinessCalendar]) throws(ServiceStandardsError) {
            switch clock {
            case .calendarTime: calendar = nil
            case .businessHours(let id):
                guard let found = calendars[id] else {
                    throw ServiceStandardsError(.unknownCalendar, "no business calendar \"\(id)\" was supplied")
                }
                calendar = found
            }
        }

        func duration(_ start: Date, _ end: Date) throws(ServiceStandardsError) -> TimeInterval {
            guard let calendar else { return end.timeIntervalSince(start) }
            do { return try calendar.businessDuration(from: start, to: end) } catch {
                throw ServiceStandardsError(error)
            }
        }

        func adding(_ seconds: TimeInterval, to start: Date) throws(ServiceStandardsError) -> Date {
            guard let calendar else { return start.addingTimeInterval(seconds) }
            do { return try calendar.date(byAdding: seconds, to: start) } catch { throw ServiceStandardsError(error) }
        }
    }

    private func outcome(
        kind: TargetKind,
        number: Int,
        cycle: Cycle,
        target: ServiceTarget,
        duration: TimeInterval,
        _ item: Case,
        _ now: Date,
        _ clock: Clock
    ) throws(ServiceStandardsError) -> TargetOutcome {
        let end = cycle.end ?? now
        var elapsed = 0.0
        var breachAt: Date?
        var runningAtEnd = false
        for period in item.facts.statusPeriods {
            let periodEnd = period.end ?? now
            let from = max(period.start, cycle.start)
            let to = min(periodEnd, end)
            let counts = !period.status.isResolved && !target.pausedStatuses.contains(period.status)
            if period.end == nil { runningAtEnd = counts }
            guard counts, from < to else { continue }
            let counted = try clock.duration(from, to)
            if breachAt == nil, elapsed + counted > duration {
                breachAt = try clock.adding(duration - elapsed, to: from)
            }
            elapsed += counted
        }
        let state: TargetState
        switch (cycle.end, cycle.met) {
        case (.some, true): state = elapsed > duration ? .breached : .achieved
        case (.some, false): state = elapsed > duration ? .breached : .notApplicable
        case (.none, _):
            if elapsed > duration {
                state = .breached
            } else if runningAtEnd {
                state = .active
                breachAt = try clock.adding(duration - elapsed, to: now)
            } else {
                state = .paused
            }
        }
        let running = state == .active || state == .paused
        return TargetOutcome(
            kind: kind,
            cycle: number,
            state: state,
            target: duration,
            elapsed: elapsed,
            startedAt: cycle.start,
            endedAt: cycle.end,
            breachAt: state == .breached || state == .active ? breachAt : nil,
            isWarning: running && elapsed >= policy.warningShare * duration
        )
    }
}
