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
///     if let breachAt = outcome.breachAt { print(ticket.id, outcome.kind, "breaches at", breachAt) }
/// }
/// ```
///
/// Which targets apply is decided by the case as it stands at `now`: its current priority, team and tags. Events
/// after `now` are ignored, so replaying history gives the answers a live system would have given.
public struct PolicyEvaluator: Sendable {
    /// The policy.
    public var policy: ServiceLevelPolicy { storage.policy }
    /// The business calendars by identifier.
    public var calendars: [CalendarID: BusinessCalendar] { storage.calendars }
    /// The organisation and custom conditions.
    public var context: PolicyContext { storage.context }

    /// Everything the evaluator holds, in one shared reference: copying an evaluator costs one retain.
    private let storage: Storage

    final class Storage: Sendable {
        let policy: ServiceLevelPolicy
        let calendars: [CalendarID: BusinessCalendar]
        let context: PolicyContext
        /// Each rule's condition, compiled, in order.
        let conditions: [CompiledCondition]
        /// Each rule compiled: its targets in kind order and their durations by priority.
        let rules: [CompiledRule]
        /// The distinct business calendars the targets use, by slot.
        let slotCalendars: [BusinessCalendar]
        let warningShare: Double

        init(
            policy: ServiceLevelPolicy,
            calendars: [CalendarID: BusinessCalendar],
            context: PolicyContext,
            rules: [CompiledRule],
            slotCalendars: [BusinessCalendar]
        ) {
            self.policy = policy
            self.calendars = calendars
            self.context = context
            self.conditions = policy.rules.map { CompiledCondition($0.condition, context: context) }
            self.rules = rules
            self.slotCalendars = slotCalendars
            self.warningShare = policy.warningShare
        }

        /// The index of the first rule whose condition holds.
        func matchingRule(for item: Case) -> Int? {
            // Through a buffer, each condition is borrowed rather than copied out of the array (a retain per rule).
            conditions.withUnsafeBufferPointer { buffer in
                for index in buffer.indices where buffer[index].matches(item) { return index }
                return nil
            }
        }
    }

    /// A rule ready for evaluation: plain values only, so the hot loop copies nothing that is reference-counted.
    struct CompiledRule: Sendable {
        /// The rule's targets in kind order.
        let targets: [CompiledTarget]
        /// Every priority that at least one target has a duration for.
        let priorities: [Priority]
        /// `durations[p * targets.count + t]`: target `t`'s duration for `priorities[p]`, or NaN when it has none.
        let durations: [Double]

        init(_ targets: [(CompiledTarget, [Priority: TimeInterval])]) {
            self.targets = targets.map(\.0)
            let priorities = Set(targets.flatMap(\.1.keys)).sorted { $0.rawValue < $1.rawValue }
            self.priorities = priorities
            self.durations = priorities.flatMap { priority in targets.map { $0.1[priority] ?? .nan } }
        }
    }

    /// A target ready for evaluation.
    struct CompiledTarget: Sendable {
        let kind: TargetKind
        /// The slot of the business calendar among the evaluator's distinct calendars, or -1 for calendar time.
        let slot: Int
        /// The bit of every status that stops the clock (resolved statuses always do).
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
        var slots: [CalendarID: Int] = [:]
        var slotCalendars: [BusinessCalendar] = []
        let rules = policy.rules.map { rule in
            CompiledRule(
                TargetKind.allCases.compactMap { kind -> (CompiledTarget, [Priority: TimeInterval])? in
                    guard let target = rule.targets[kind] else { return nil }
                    var slot = -1
                    if case .businessHours(let id) = target.clock, let calendar = calendars[id] {
                        slot = slots[id] ?? slotCalendars.count
                        if slot == slotCalendars.count { slotCalendars.append(calendar) }
                        slots[id] = slot
                    }
                    var mask: UInt8 = 0
                    for status in CaseStatus.allCases where status.isResolved || target.pausedStatuses.contains(status)
                    {
                        mask |= CompactTimeline.bit(status)
                    }
                    return (CompiledTarget(kind: kind, slot: slot, pausedMask: mask), target.durations)
                }
            )
        }
        self.storage = Storage(
            policy: policy,
            calendars: calendars,
            context: PolicyContext(organisation: organisation, customConditions: customConditions),
            rules: rules,
            slotCalendars: slotCalendars
        )
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
        var outcomes: [TargetOutcome] = []
        // One allocation sized for the usual case (a few cycles per target) instead of repeated doubling, and small
        // enough (15 × 64 bytes) for the allocator's fast per-thread cache.
        outcomes.reserveCapacity(15)
        let ruleIndex = try forEachOutcome(of: item, at: now, breachInstants: true) { outcomes.append($0) }
        return CaseEvaluation(caseID: item.id, evaluatedAt: now, ruleIndex: ruleIndex, outcomes: outcomes)
    }

    /// Evaluates a case and hands each outcome to `visit` as it is found, allocating nothing: for monitors and folds
    /// that look at every outcome once and keep few of them.
    ///
    /// The outcomes and their order are those of ``evaluate(_:at:)``. If evaluation throws, it does so before the
    /// first outcome is visited, so a caller never sees half a case.
    ///
    /// ```swift
    /// var atRisk: [TargetOutcome] = []
    /// try evaluator.evaluate(ticket, at: now) { outcome in
    ///     if outcome.state == .active && outcome.isWarning { atRisk.append(outcome) }
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - item: The case.
    ///   - now: The evaluation instant; events after it are ignored.
    ///   - breachInstants: Whether to find ``TargetOutcome/breachAt``; `false` leaves it `nil` and saves a calendar
    ///     search per breached or active cycle (every other field is the same).
    ///   - visit: Called with each outcome, by target kind then cycle.
    /// - Returns: The index of the matching rule, or `nil` when none matched.
    /// - Throws: As ``evaluate(_:at:)``.
    @discardableResult
    public func evaluate(
        _ item: Case,
        at now: Date,
        breachInstants: Bool = true,
        forEachOutcome visit: (TargetOutcome) -> Void
    ) throws(ServiceStandardsError) -> Int? {
        try forEachOutcome(of: item, at: now, breachInstants: breachInstants, visit)
    }

    /// Evaluates a case and hands each outcome to `visit`, without collecting them: the fold's fast path.
    ///
    /// With `breachInstants` false, outcomes carry no ``TargetOutcome/breachAt`` (a compliance tally never reads it);
    /// every other field is the same.
    ///
    /// - Returns: The index of the matching rule, or `nil`.
    func forEachOutcome(
        of item: Case,
        at now: Date,
        breachInstants: Bool,
        _ visit: (TargetOutcome) -> Void
    ) throws(ServiceStandardsError) -> Int? {
        guard now.timeIntervalSince1970.isFinite else {
            throw ServiceStandardsError(.nonFinite, at: "now", "the evaluation instant is not finite")
        }
        guard now >= item.createdAt else {
            throw ServiceStandardsError(.outOfRange, at: "now", "the evaluation instant precedes the case's creation")
        }
        if item.facts.lastEventAt > now {
            return try evaluateCore(try Self.truncated(item, now), now.timeIntervalSince1970, breachInstants, visit)
        }
        return try evaluateCore(item, now.timeIntervalSince1970, breachInstants, visit)
    }

    private func evaluateCore(
        _ item: Case,
        _ now: Double,
        _ breachInstants: Bool,
        _ visit: (TargetOutcome) -> Void
    ) throws(ServiceStandardsError) -> Int? {
        let storage = storage
        guard let ruleIndex = storage.matchingRule(for: item) else { return nil }
        let rule = storage.rules[ruleIndex]
        // A target without a duration for the case's priority does not apply; when none has one, nothing does.
        guard let priorityIndex = rule.priorities.firstIndex(of: item.facts.priority) else { return ruleIndex }
        // Check the calendars' range before any outcome is visited, so that nothing can throw after the first visit
        // and a fold never keeps half a case.
        if !storage.slotCalendars.isEmpty {
            guard item.createdAt >= BusinessCalendar.earliestSupportedInstant,
                Date(timeIntervalSince1970: now) < BusinessCalendar.supportedInstantsEnd
            else {
                throw ServiceStandardsError(
                    .outOfRange,
                    at: "now",
                    "business calendars work with instants from 1800 to 2400; case \(item.id) is outside them"
                )
            }
        }
        let timeline = item.facts.compact
        let count = timeline.instants.count + 1
        let slots = storage.slotCalendars.count
        let warningShare = storage.warningShare
        let targetCount = rule.targets.count
        // One stack buffer, no heap: the instants (events, then now), the calendar-time clock, one clock per calendar.
        // Everything below reads plain memory; the only reference-counted values touched are the calendars.
        return try withUnsafeTemporaryAllocation(of: Double.self, capacity: count * (slots + 2)) {
            (scratch) throws(ServiceStandardsError) -> Int? in
            let instants = UnsafeMutableBufferPointer(rebasing: scratch[0..<count])
            _ = timeline.instants.withUnsafeBufferPointer { instants.initialize(fromContentsOf: $0) }
            instants[count - 1] = now
            let elapsedClock = UnsafeMutableBufferPointer(rebasing: scratch[count..<(2 * count)])
            for position in 0..<count { elapsedClock[position] = instants[position] - instants[0] }
            let times = UnsafeBufferPointer(instants)
            var ready: UInt64 = 0
            // Where the last computed readings start, for breach instants on the same calendar.
            var lastOrigin: (slot: Int, origin: OpenTimeOrigin?) = (-1, nil)
            try timeline.codes.withUnsafeBufferPointer { (codes) throws(ServiceStandardsError) in
                try timeline.periods.withUnsafeBufferPointer { (periods) throws(ServiceStandardsError) in
                    // The rule's arrays read once, and the calendar kept across targets that share it: no
                    // reference counting per target.
                    let targets = rule.targets
                    let durations = rule.durations
                    var calendar: BusinessCalendar?
                    var calendarSlot = -1
                    for targetIndex in 0..<targetCount {
                        let duration = durations[priorityIndex * targetCount + targetIndex]
                        guard !duration.isNaN else { continue }
                        let compiledTarget = targets[targetIndex]
                        var clock = UnsafeBufferPointer(elapsedClock)
                        var origin: OpenTimeOrigin?
                        let slot = compiledTarget.slot
                        if slot < 0 {
                            calendar = nil
                            calendarSlot = -1
                        } else {
                            if calendarSlot != slot {
                                calendar = storage.slotCalendars[slot]
                                calendarSlot = slot
                            }
                            let start = (2 + slot) * count
                            let readings = UnsafeMutableBufferPointer(rebasing: scratch[start..<(start + count)])
                            if slot >= 64 || ready & (1 << UInt64(slot)) == 0 {
                                // The instants are a case's (finite, in order) then `now` (not before them), all
                                // within the calendars' range (checked above): the readings need no checks of their own.
                                lastOrigin = (slot, calendar?.openTimeReadings(ascending: times, into: readings))
                                if slot < 64 { ready |= 1 << UInt64(slot) }
                            }
                            // Without the origin (another calendar's readings came since), breach instants are
                            // found by the calendar's own search: the same answers, one index lookup more.
                            if lastOrigin.slot == slot { origin = lastOrigin.origin }
                            clock = UnsafeBufferPointer(readings)
                        }
                        let measure = Measure(
                            kind: compiledTarget.kind,
                            duration: duration,
                            pausedMask: compiledTarget.pausedMask,
                            warningShare: warningShare,
                            periods: periods,
                            instants: times,
                            clock: clock
                        )
                        var number = 0
                        try Self.forEachCycle(of: compiledTarget.kind, codes: codes, periods: periods) {
                            (cycle) throws(ServiceStandardsError) in
                            let measured = measure.measure(cycle)
                            var breachAt: Date?
                            if breachInstants, let breach = measured.breach {
                                breachAt = try Self.instant(
                                    adding: breach.seconds,
                                    to: breach.position,
                                    times,
                                    clock,
                                    calendar,
                                    origin
                                )
                            }
                            visit(measure.outcome(number: number, cycle: cycle, measured, breachAt: breachAt))
                            number += 1
                        }
                    }
                }
            }
            return ruleIndex
        }
    }

    // MARK: - Cycles

    /// A cycle as positions on the timeline: event indices, and `instants.count` for the evaluation instant.
    struct Cycle {
        let start: Int
        /// `nil` while the cycle is running.
        let end: Int?
        /// Whether the awaited event ended it (a reply, a resolution); `false` when the case was resolved instead.
        let met: Bool
    }

    /// The case as of `now`: its timeline up to `now`.
    static func truncated(_ item: Case, _ now: Date) throws(ServiceStandardsError) -> Case {
        do {
            return try item.asOf(now)
        } catch {
            throw ServiceStandardsError(error)
        }
    }

    /// Calls `body` with each cycle of a target kind, in order.
    @inline(__always)
    static func forEachCycle<E: Error>(
        of kind: TargetKind,
        codes: UnsafeBufferPointer<UInt8>,
        periods: UnsafeBufferPointer<CompactTimeline.Period>,
        _ body: (Cycle) throws(E) -> Void
    ) throws(E) {
        // The codes as locals: read once per call rather than once per event.
        let resolvedBits = CompactTimeline.resolvedBits
        let agentReply = CompactTimeline.agentReply
        let statusBase = CompactTimeline.statusBase
        switch kind {
        case .firstReply:
            var resolvedAt: Int?
            var resolved = false
            for (position, code) in codes.enumerated() {
                if code == agentReply {
                    try body(Cycle(start: 0, end: position, met: true))
                    return
                }
                if code & statusBase != 0 {
                    let now = code & resolvedBits != 0
                    if now && !resolved && resolvedAt == nil { resolvedAt = position }
                    resolved = now
                }
                if let resolvedAt {
                    try body(Cycle(start: 0, end: resolvedAt, met: false))
                    return
                }
            }
            try body(Cycle(start: 0, end: nil, met: false))
        case .nextReply, .periodicUpdate:
            try replyCycles(kind, codes, body)
        case .resolution:
            var start: Int? = 0
            for period in periods {
                if period.bit & resolvedBits != 0 {
                    if let open = start { try body(Cycle(start: open, end: Int(period.start), met: true)) }
                    start = nil
                } else if start == nil {
                    start = Int(period.start)
                }
            }
            if let open = start { try body(Cycle(start: open, end: nil, met: false)) }
        case .requesterWait, .agentWork:
            let last = periods[periods.count - 1]
            if last.bit & resolvedBits != 0 {
                try body(Cycle(start: 0, end: Int(last.start), met: true))
            } else {
                try body(Cycle(start: 0, end: nil, met: false))
            }
        }
    }

    @inline(__always)
    private static func replyCycles<E: Error>(
        _ kind: TargetKind,
        _ codes: UnsafeBufferPointer<UInt8>,
        _ body: (Cycle) throws(E) -> Void
    ) throws(E) {
        let agentReply = CompactTimeline.agentReply
        let customerReply = CompactTimeline.customerReply
        let statusBase = CompactTimeline.statusBase
        let resolvedBits = CompactTimeline.resolvedBits
        var resolved = false
        var repliedOnce = false
        var waitingSince: Int?
        var customerWroteWhileResolved: Int?
        for (position, code) in codes.enumerated() {
            if code == agentReply {
                if kind == .nextReply {
                    if repliedOnce, let since = waitingSince { try body(Cycle(start: since, end: position, met: true)) }
                    waitingSince = nil
                } else if !resolved {
                    if let since = waitingSince { try body(Cycle(start: since, end: position, met: true)) }
                    waitingSince = position
                }
                repliedOnce = true
            } else if code == customerReply {
                guard kind == .nextReply, repliedOnce else { continue }
                if resolved {
                    customerWroteWhileResolved = customerWroteWhileResolved ?? position
                } else if waitingSince == nil {
                    waitingSince = position
                }
            } else if code & statusBase != 0 {
                let wasResolved = resolved
                resolved = code & resolvedBits != 0
                if !wasResolved && resolved {
                    if let since = waitingSince, since < position {
                        try body(Cycle(start: since, end: position, met: false))
                    }
                    waitingSince = nil
                    customerWroteWhileResolved = nil
                } else if wasResolved && !resolved {
                    if kind == .nextReply { waitingSince = customerWroteWhileResolved }
                    customerWroteWhileResolved = nil
                }
            }
        }
        if let since = waitingSince { try body(Cycle(start: since, end: nil, met: false)) }
    }

    // MARK: - Counting

    /// Everything needed to measure the cycles of one target for one case, as plain values and buffers: nothing
    /// reference-counted, so that copying it costs nothing.
    struct Measure {
        let kind: TargetKind
        let duration: TimeInterval
        let pausedMask: UInt8
        let warningShare: Double
        let periods: UnsafeBufferPointer<CompactTimeline.Period>
        /// The events' instants, then the evaluation instant.
        let instants: UnsafeBufferPointer<Double>
        /// The target's clock reading at each of `instants`.
        let clock: UnsafeBufferPointer<Double>

        /// A cycle's state and time counted, and where its breach instant lies: `seconds` of the clock after the
        /// instant at `position`.
        struct Measured {
            let state: TargetState
            let elapsed: TimeInterval
            let breach: (position: Int, seconds: TimeInterval)?
        }

        @inline(__always)
        func measure(_ cycle: Cycle) -> Measured {
            let nowPosition = instants.count - 1
            let cycleEnd = cycle.end ?? nowPosition
            let startReading = clock[cycle.start]
            let endReading = clock[cycleEnd]
            var elapsed = 0.0
            var breachFrom = -1
            var breachLeft = 0.0
            var runningAtEnd = false
            for period in periods {
                let counts = period.bit & pausedMask == 0
                if Int(period.end) == nowPosition { runningAtEnd = counts }
                guard counts else { continue }
                // Readings are monotone in time, so the reading of max(a, b) is the max of the readings.
                let from = max(clock[Int(period.start)], startReading)
                let to = min(clock[Int(period.end)], endReading)
                guard to > from else { continue }
                if breachFrom < 0, elapsed + (to - from) > duration {
                    breachFrom = max(Int(period.start), cycle.start)
                    breachLeft = duration - elapsed
                }
                elapsed += to - from
            }
            // The clock ran over in the period where it crossed the target (always found when elapsed > duration).
            let overrun: (position: Int, seconds: TimeInterval)? = breachFrom >= 0 ? (breachFrom, breachLeft) : nil
            switch (cycle.end, cycle.met) {
            case (.some, true), (.some, false):
                if elapsed > duration { return Measured(state: .breached, elapsed: elapsed, breach: overrun) }
                return Measured(state: cycle.met ? .achieved : .notApplicable, elapsed: elapsed, breach: nil)
            case (.none, _):
                if elapsed > duration { return Measured(state: .breached, elapsed: elapsed, breach: overrun) }
                if runningAtEnd {
                    return Measured(state: .active, elapsed: elapsed, breach: (nowPosition, duration - elapsed))
                }
                return Measured(state: .paused, elapsed: elapsed, breach: nil)
            }
        }

        @inline(__always)
        func outcome(number: Int, cycle: Cycle, _ measured: Measured, breachAt: Date?) -> TargetOutcome {
            let running = measured.state == .active || measured.state == .paused
            return TargetOutcome(
                kind: kind,
                cycle: number,
                state: measured.state,
                target: duration,
                elapsed: measured.elapsed,
                startedAt: Date(timeIntervalSince1970: instants[cycle.start]),
                endedAt: cycle.end.map { Date(timeIntervalSince1970: instants[$0]) },
                breachAt: breachAt,
                isWarning: running && measured.elapsed >= warningShare * duration
            )
        }
    }

    /// The instant `seconds` of a target's clock after the instant at `position`: elapsed time without a calendar,
    /// business time with one.
    private static func instant(
        adding seconds: TimeInterval,
        to position: Int,
        _ instants: UnsafeBufferPointer<Double>,
        _ clock: UnsafeBufferPointer<Double>,
        _ calendar: BusinessCalendar?,
        _ origin: OpenTimeOrigin?
    ) throws(ServiceStandardsError) -> Date {
        let start = instants[position]
        guard let calendar else { return Date(timeIntervalSince1970: start + seconds) }
        do throws(ServiceDomainError) {
            return Date(
                timeIntervalSince1970: try calendar.instant(
                    adding: seconds,
                    toReading: clock[position],
                    of: start,
                    origin: origin
                )
            )
        } catch {
            throw ServiceStandardsError(error)
        }
    }
}
