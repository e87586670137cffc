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
    /// Each rule's targets in kind order, with their calendars resolved and pauses as bit masks.
    private let compiled: [[CompiledTarget]]

    /// A target ready for evaluation.
    struct CompiledTarget: Sendable {
        let kind: TargetKind
        let target: ServiceTarget
        /// The calendar of a business-hours clock; `nil` for calendar time.
        let calendar: BusinessCalendar?
        /// The slot of `calendar` among the evaluator's distinct calendars, or -1 for calendar time.
        let slot: Int
        /// The ``bit(_:)`` of every status that stops the clock (resolved statuses always do).
        let pausedMask: UInt8
    }

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
        var slots: [CalendarID: Int] = [:]
        self.compiled = policy.rules.map { rule in
            TargetKind.allCases.compactMap { kind -> CompiledTarget? in
                guard let target = rule.targets[kind] else { return nil }
                var calendar: BusinessCalendar?
                var slot = -1
                if case .businessHours(let id) = target.clock {
                    calendar = calendars[id]
                    slot = slots[id] ?? slots.count
                    slots[id] = slot
                }
                var mask: UInt8 = 0
                for status in CaseStatus.allCases where status.isResolved || target.pausedStatuses.contains(status) {
                    mask |= Self.bit(status)
                }
                return CompiledTarget(kind: kind, target: target, calendar: calendar, slot: slot, pausedMask: mask)
            }
        }
        self.slotCount = slots.count
    }

    private let slotCount: Int

    /// A status as one bit, for pause masks.
    static func bit(_ status: CaseStatus) -> UInt8 {
        switch status {
        case .new: 1
        case .open: 2
        case .pending: 4
        case .onHold: 8
        case .solved: 16
        case .closed: 32
        }
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
        let priority = view.facts.priority
        let timeline = Timeline(view, now: now)
        var readings = [[Double]?](repeating: nil, count: slotCount)
        var outcomes: [TargetOutcome] = []
        outcomes.reserveCapacity(compiled[ruleIndex].count * 2)
        for compiledTarget in compiled[ruleIndex] {
            guard let duration = compiledTarget.target.duration(for: priority) else { continue }
            let clock: [Double]
            if let calendar = compiledTarget.calendar {
                if let cached = readings[compiledTarget.slot] {
                    clock = cached
                } else {
                    do { clock = try calendar.openTimeReadings(timeline.instants) } catch {
                        throw ServiceStandardsError(error)
                    }
                    readings[compiledTarget.slot] = clock
                }
            } else {
                clock = timeline.instants.map { $0 - timeline.instants[0] }
            }
            for (number, cycle) in Self.cycles(of: compiledTarget.kind, in: view).enumerated() {
                outcomes.append(
                    try outcome(number: number, cycle: cycle, compiledTarget, duration, timeline, clock, now)
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

    /// A case's instants (its events' and `now`, ascending) and its status periods as positions among them.
    struct Timeline {
        let instants: [Double]
        /// Each status period: the status's bit, and the positions of its start and end in `instants`.
        let periods: [(bit: UInt8, start: Int, end: Int)]

        init(_ item: Case, now: Date) {
            var instants = item.events.map(\.at.timeIntervalSince1970)
            instants.append(now.timeIntervalSince1970)
            self.instants = instants
            var periods: [(bit: UInt8, start: Int, end: Int)] = []
            periods.reserveCapacity(item.facts.statusPeriods.count)
            for period in item.facts.statusPeriods {
                let start = Self.position(of: period.start.timeIntervalSince1970, in: instants)
                let end =
                    period.end.map { Self.position(of: $0.timeIntervalSince1970, in: instants) } ?? instants.count - 1
                periods.append((PolicyEvaluator.bit(period.status), start, end))
            }
            self.periods = periods
        }

        /// The position of the first instant not earlier than `t` (instants are ascending and contain `t`).
        static func position(of t: Double, in instants: [Double]) -> Int {
            var low = 0
            var high = instants.count - 1
            while low < high {
                let middle = (low + high) >> 1
                if instants[middle] < t { low = middle + 1 } else { high = middle }
            }
            return low
        }

        func position(of date: Date) -> Int { Self.position(of: date.timeIntervalSince1970, in: instants) }
    }

    private func outcome(
        number: Int,
        cycle: Cycle,
        _ compiledTarget: CompiledTarget,
        _ duration: TimeInterval,
        _ timeline: Timeline,
        _ clock: [Double],
        _ now: Date
    ) throws(ServiceStandardsError) -> TargetOutcome {
        let cycleStart = timeline.position(of: cycle.start)
        let cycleEnd = cycle.end.map { timeline.position(of: $0) } ?? timeline.instants.count - 1
        let startReading = clock[cycleStart]
        let endReading = clock[cycleEnd]
        var elapsed = 0.0
        var breachFrom: Int?
        var breachLeft = 0.0
        var runningAtEnd = false
        for period in timeline.periods {
            let counts = period.bit & compiledTarget.pausedMask == 0
            if period.end == timeline.instants.count - 1 { runningAtEnd = counts }
            guard counts else { continue }
            // Readings are monotone in time, so the reading of max(a, b) is the max of the readings.
            let from = max(clock[period.start], startReading)
            let to = min(clock[period.end], endReading)
            guard to > from else { continue }
            if breachFrom == nil, elapsed + (to - from) > duration {
                breachFrom = max(period.start, cycleStart)
                breachLeft = duration - elapsed
            }
            elapsed += to - from
        }
        var breachAt: Date?
        if let breachFrom {
            breachAt = try add(
                breachLeft,
                to: Date(timeIntervalSince1970: timeline.instants[breachFrom]),
                compiledTarget
            )
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
                breachAt = try add(duration - elapsed, to: now, compiledTarget)
            } else {
                state = .paused
            }
        }
        let running = state == .active || state == .paused
        return TargetOutcome(
            kind: compiledTarget.kind,
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

    private func add(_ seconds: TimeInterval, to start: Date, _ compiledTarget: CompiledTarget)
        throws(ServiceStandardsError) -> Date
    {
        guard let calendar = compiledTarget.calendar else { return start.addingTimeInterval(seconds) }
        do { return try calendar.date(byAdding: seconds, to: start) } catch { throw ServiceStandardsError(error) }
    }
}
