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
        /// Which target judges a cycle.
        let selection: TargetSelection
        /// Where breach instants at a closing land.
        let breachLanding: BusinessTimeLanding
        /// Whether a resolution fulfils a cycle that awaited another event.
        let resolutionFulfils: Bool
        /// Whether any rule's or schedule rule's condition is custom (then applications see the case as it stood).
        let hasCustom: Bool
        /// Whether any target is on the case's schedule.
        let usesCaseSchedule: Bool
        /// The schedule rules' conditions, compiled, in order.
        let scheduleConditions: [CompiledCondition]
        /// Each calendar's slot among ``slotCalendars``.
        let calendarSlots: [CalendarID: Int]
        /// Every rule's target of every kind for every priority, flat: rule `r`'s entry for priority index `p` and
        /// kind index `k` is at `choiceBases[r] + p * 6 + k`.
        let choices: [Choice]
        /// Where each rule's entries start in ``choices``.
        let choiceBases: [Int]

        init(
            policy: ServiceLevelPolicy,
            calendars: [CalendarID: BusinessCalendar],
            context: PolicyContext,
            rules: [CompiledRule],
            slotCalendars: [BusinessCalendar],
            calendarSlots: [CalendarID: Int]
        ) {
            self.policy = policy
            self.calendars = calendars
            self.context = context
            self.conditions = policy.rules.map { CompiledCondition($0.condition, context: context) }
            self.rules = rules
            self.slotCalendars = slotCalendars
            self.warningShare = policy.warningShare
            self.selection = policy.semantics.targets
            self.breachLanding = policy.semantics.breachLanding
            self.resolutionFulfils = policy.semantics.resolvedFirst == .fulfilled
            let scheduleConditions = (policy.schedules?.rules ?? []).map {
                CompiledCondition($0.when, context: context)
            }
            self.scheduleConditions = scheduleConditions
            self.hasCustom = conditions.contains(where: \.hasCustom) || scheduleConditions.contains(where: \.hasCustom)
            self.usesCaseSchedule = policy.rules.contains { $0.targets.values.contains { $0.clock == .caseSchedule } }
            self.calendarSlots = calendarSlots
            var choices: [Choice] = []
            var bases: [Int] = []
            for rule in rules {
                bases.append(choices.count)
                for priorityIndex in rule.priorities.indices {
                    for kindIndex in 0..<PolicyEvaluator.kindCount {
                        let target = rule.kindSlots[kindIndex]
                        guard target >= 0 else {
                            choices.append(.none)
                            continue
                        }
                        let compiled = rule.targets[target]
                        choices.append(
                            Choice(
                                duration: rule.durations[priorityIndex * rule.targets.count + target],
                                slot: Int32(compiled.slot),
                                pausedMask: compiled.pausedMask
                            )
                        )
                    }
                }
            }
            self.choices = choices
            self.choiceBases = bases
        }

        /// The index of the first rule whose condition holds.
        func matchingRule(for item: Case) -> Int? {
            // Through a buffer, each condition is borrowed rather than copied out of the array (a retain per rule).
            conditions.withUnsafeBufferPointer { buffer in
                for index in buffer.indices where buffer[index].matches(item) { return index }
                return nil
            }
        }

        /// Whether every change of priority or team kept the rule and the priority of the case's creation, so that
        /// one application judges the whole case (custom conditions absent: the rules read priority and team only).
        func keepsOneApplication(_ item: Case) -> Bool {
            let first = matchingRule(for: item, priority: item.priority, team: item.team, asOf: item)
            for change in item.facts.targetChanges {
                guard change.priority == item.priority,
                    matchingRule(for: item, priority: change.priority, team: change.team, asOf: item) == first
                else { return false }
            }
            return true
        }

        /// The index of the first rule whose condition held when the case had this priority and team.
        func matchingRule(for item: Case, priority: Priority, team: TeamID?, asOf: Case) -> Int? {
            conditions.withUnsafeBufferPointer { buffer in
                for index in buffer.indices
                where buffer[index].matches(item, priority: priority, team: team, asOf: asOf) {
                    return index
                }
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
        /// For each kind in declaration order, the index of its target in ``targets``, or -1.
        let kindSlots: [Int]

        init(_ targets: [(CompiledTarget, [Priority: TimeInterval])]) {
            self.targets = targets.map(\.0)
            self.kindSlots = TargetKind.allCases.map { kind in targets.firstIndex { $0.0.kind == kind } ?? -1 }
            let priorities = Set(targets.flatMap(\.1.keys)).sorted { $0.rawValue < $1.rawValue }
            self.priorities = priorities
            self.durations = priorities.flatMap { priority in targets.map { $0.1[priority] ?? .nan } }
        }
    }

    /// A target's duration for one priority, its calendar slot and pauses: a plain value for the hot loop.
    struct Choice: Sendable {
        /// The duration, or NaN when the kind has no target for the priority.
        let duration: Double
        /// The calendar slot, or -1 for calendar time.
        let slot: Int32
        /// The paused statuses' bits.
        let pausedMask: UInt8

        /// No target.
        static let none = Choice(duration: .nan, slot: -1, pausedMask: 0)
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
        if let schedules = policy.schedules {
            if calendars[schedules.defaultCalendar] == nil {
                throw ServiceStandardsError(
                    .unknownCalendar,
                    at: "schedules.default",
                    "no business calendar \"\(schedules.defaultCalendar)\" was supplied"
                )
            }
            for (index, rule) in schedules.rules.enumerated() {
                if calendars[rule.calendar] == nil {
                    throw ServiceStandardsError(
                        .unknownCalendar,
                        at: "schedules.rules[\(index)].calendar",
                        "no business calendar \"\(rule.calendar)\" was supplied"
                    )
                }
                if let missing = rule.when.customNames.sorted().first(where: { customConditions[$0] == nil }) {
                    throw ServiceStandardsError(
                        .unknownCondition,
                        at: "schedules.rules[\(index)].when",
                        "no custom condition \"\(missing)\" was supplied"
                    )
                }
            }
        }
        var slots: [CalendarID: Int] = [:]
        var slotCalendars: [BusinessCalendar] = []
        let rules = policy.rules.map { rule in
            CompiledRule(
                TargetKind.allCases.compactMap { kind -> (CompiledTarget, [Priority: TimeInterval])? in
                    guard let target = rule.targets[kind] else { return nil }
                    var slot = target.clock == .caseSchedule ? Self.scheduleSlot : -1
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
        // On the case's schedule, any supplied calendar can be moved to: each gets a slot, in identifier order.
        if policy.rules.contains(where: { $0.targets.values.contains { $0.clock == .caseSchedule } }) {
            for (id, calendar) in calendars.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where slots[id] == nil {
                slots[id] = slotCalendars.count
                slotCalendars.append(calendar)
            }
        }
        self.storage = Storage(
            policy: policy,
            calendars: calendars,
            context: PolicyContext(organisation: organisation, customConditions: customConditions),
            rules: rules,
            slotCalendars: slotCalendars,
            calendarSlots: slots
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
        try collect(item, at: now, recorded: [])
    }

    /// An evaluation with its outcomes and applications collected, the recorded rules resolved and sorted.
    private func collect(_ item: Case, at now: Date, recorded: [(at: Date, rule: Int?)])
        throws(ServiceStandardsError) -> CaseEvaluation
    {
        var outcomes: [TargetOutcome] = []
        // One allocation sized for the usual case (a few cycles per target) instead of repeated doubling, and small
        // enough (15 × 64 bytes) for the allocator's fast per-thread cache.
        outcomes.reserveCapacity(15)
        var applications: [TargetApplication] = []
        var first: TargetApplication?
        try checkInstant(item, now)
        let cut = item.facts.lastEventAt > now ? try Self.truncated(item, now) : item
        let ruleIndex = try evaluateCore(
            cut,
            now.timeIntervalSince1970,
            true,
            true,
            { application in
                if first == nil { first = application } else { applications.append(application) }
            },
            { outcomes.append($0) },
            recorded: recorded
        )
        return CaseEvaluation(
            caseID: item.id,
            evaluatedAt: now,
            ruleIndex: ruleIndex,
            outcomes: outcomes,
            first: first,
            later: applications
        )
    }

    /// Evaluates a case with the rules a helpdesk recorded as applied (its SLA policy history): from each entry on,
    /// the named rule is in force instead of the one the conditions choose, and the application's reason is
    /// ``TargetApplication/Reason/policyChanged``; priority changes still fix new durations under the rule in force.
    ///
    /// - Parameters:
    ///   - item: The case.
    ///   - now: The evaluation instant; events and entries after it are ignored.
    ///   - recordedRules: The recorded rules, in any order.
    /// - Returns: The evaluation.
    /// - Throws: As ``evaluate(_:at:)``; ``ServiceStandardsError`` with code `unknownRule` (path
    ///   `recordedRules[i].rule`) for a name no rule of the policy has.
    public func evaluate(_ item: Case, at now: Date, recordedRules: [RecordedRule]) throws(ServiceStandardsError)
        -> CaseEvaluation
    {
        var recorded: [(at: Date, rule: Int?)] = []
        for (index, entry) in recordedRules.enumerated() where entry.at <= now {
            guard let name = entry.rule else {
                recorded.append((entry.at, nil))
                continue
            }
            guard let rule = policy.rules.firstIndex(where: { $0.name == name }) else {
                throw ServiceStandardsError(
                    .unknownRule,
                    at: "recordedRules[\(index)].rule",
                    "the policy has no rule named \"\(name)\""
                )
            }
            recorded.append((entry.at, rule))
        }
        recorded.sort { $0.at < $1.at }
        return try collect(item, at: now, recorded: recorded)
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
        try checkInstant(item, now)
        if item.facts.lastEventAt > now {
            return try evaluateCore(
                try Self.truncated(item, now),
                now.timeIntervalSince1970,
                breachInstants,
                false,
                { _ in },
                visit
            )
        }
        return try evaluateCore(item, now.timeIntervalSince1970, breachInstants, false, { _ in }, visit)
    }

    /// The policy's applications to a case, as ``CaseEvaluation/applications`` reports them.
    ///
    /// The policy is applied at creation and again at each event that changes the priority or the team; each
    /// application matches the rules with the priority and team of that moment (custom conditions see the case as it
    /// stood then) and fixes the matching rule's targets for that priority. Under
    /// ``TargetSelection/currentPriority`` there is one application, with the current priority and rule.
    ///
    /// - Parameters:
    ///   - item: The case.
    ///   - now: The evaluation instant; events after it are ignored.
    /// - Returns: The applications, in order.
    /// - Throws: As ``evaluate(_:at:)``.
    public func applications(of item: Case, at now: Date) throws(ServiceStandardsError) -> [TargetApplication] {
        try checkInstant(item, now)
        return try applications(of: item.facts.lastEventAt > now ? try Self.truncated(item, now) : item)
    }

    /// The applications of a case already cut at the evaluation instant.
    func applications(of item: Case) throws(ServiceStandardsError) -> [TargetApplication] {
        let storage = storage
        let facts = item.facts
        guard storage.selection == .currentPriority || (facts.targetChanges.isEmpty && !storage.hasCustom) else {
            return try applications(of: item, recorded: [])
        }
        return [
            TargetApplication(
                at: item.createdAt,
                reason: .created,
                eventPosition: 0,
                ruleIndex: storage.matchingRule(for: item),
                priority: facts.priority
            )
        ]
    }

    /// The applications of a case already cut at the evaluation instant, with recorded rules (sorted by instant):
    /// the latest recorded entry at or before each point decides the rule; before the first, the conditions do.
    ///
    /// Linear in the case's changes and entries after one sort: the points come in the order of event positions and
    /// instants, and the priority, team and recorded rule in force are carried forward rather than looked up.
    func applications(of item: Case, recorded: [(at: Date, rule: Int?)]) throws(ServiceStandardsError)
        -> [TargetApplication]
    {
        let storage = storage
        let events = item.events
        let changes = item.facts.targetChanges
        func asOf(_ instant: Date) throws(ServiceStandardsError) -> Case {
            storage.hasCustom ? try Self.truncated(item, instant) : item
        }
        // The first event at or after an instant (the number of events when after all of them).
        func position(of instant: Date) -> Int {
            var low = 0
            var high = events.count
            while low < high {
                let middle = (low + high) / 2
                if events[middle].at < instant { low = middle + 1 } else { high = middle }
            }
            return low
        }
        // The points: creation, each change of priority or team, each recorded entry; in event order.
        struct Point {
            let at: Date
            let position: Int
            let reason: TargetApplication.Reason
        }
        var points = [Point(at: item.createdAt, position: 0, reason: .created)]
        for change in changes {
            let reason: TargetApplication.Reason =
                change.priorityChanged
                ? (change.teamChanged ? .priorityAndTeamChanged : .priorityChanged)
                : (change.teamChanged ? .teamChanged : .escalated)
            points.append(Point(at: change.at, position: change.position, reason: reason))
        }
        for entry in recorded where entry.at > item.createdAt {
            points.append(Point(at: entry.at, position: position(of: entry.at), reason: .policyChanged))
        }
        points.sort { ($0.position, $0.at) < ($1.position, $1.at) }
        // Along the sorted points, positions and instants only grow: what is in force is carried forward.
        var priority = item.priority
        var team = item.team
        var nextChange = 0
        var recordedRule: Int??
        var nextEntry = 0
        var result: [TargetApplication] = []
        for point in points {
            while nextChange < changes.count, changes[nextChange].position <= point.position,
                changes[nextChange].at <= point.at
            {
                priority = changes[nextChange].priority
                team = changes[nextChange].team
                nextChange += 1
            }
            while nextEntry < recorded.count, recorded[nextEntry].at <= point.at {
                recordedRule = .some(recorded[nextEntry].rule)
                nextEntry += 1
            }
            let rule: Int?
            if let recordedRule {
                rule = recordedRule
            } else {
                rule = storage.matchingRule(for: item, priority: priority, team: team, asOf: try asOf(point.at))
            }
            // Only an application that changes the rule or the priority in force fixes new targets.
            if let previous = result.last, previous.ruleIndex == rule, previous.priority == priority { continue }
            result.append(
                TargetApplication(
                    at: point.at,
                    reason: point.reason,
                    eventPosition: point.position,
                    ruleIndex: rule,
                    priority: priority
                )
            )
        }
        return result
    }

    /// The number of target kinds.
    static var kindCount: Int { 6 }

    /// The target kind at an index in declaration order, without an array (`allCases` builds one on every call).
    @inline(__always)
    static func kind(_ index: Int) -> TargetKind {
        switch index {
        case 0: .firstReply
        case 1: .nextReply
        case 2: .periodicUpdate
        case 3: .resolution
        case 4: .requesterWait
        default: .agentWork
        }
    }

    /// An application as the hot loop needs it: plain integers.
    struct Applied {
        /// The position of the event that applied the policy.
        let position: Int
        /// The rule, or -1 for none.
        let rule: Int
        /// The priority's index in the rule's ``CompiledRule/priorities``, or -1 when no target has a duration for it.
        let priorityIndex: Int
    }

    /// Evaluates a case already cut at `now`, handing the applications to `record` (when `records`) before any outcome.
    private func evaluateCore(
        _ item: Case,
        _ now: Double,
        _ breachInstants: Bool,
        _ records: Bool,
        _ record: (TargetApplication) -> Void,
        _ visit: (TargetOutcome) -> Void,
        recorded: [(at: Date, rule: Int?)] = []
    ) throws(ServiceStandardsError) -> Int? {
        let storage = storage
        let facts = item.facts
        // The usual case: one application — the priority and team never changed, the current rule judges all, or
        // every change kept the rule and the priority (an assignment within the rule's teams, an escalation).
        var single =
            !storage.usesCaseSchedule && recorded.isEmpty
            && (storage.selection == .currentPriority || (facts.targetChanges.isEmpty && !storage.hasCustom))
        if !single, recorded.isEmpty, !storage.usesCaseSchedule, !storage.hasCustom,
            storage.selection != .currentPriority
        {
            single = storage.keepsOneApplication(item)
        }
        if single {
            let matched = storage.matchingRule(for: item)
            if records {
                record(
                    TargetApplication(
                        at: item.createdAt,
                        reason: .created,
                        eventPosition: 0,
                        ruleIndex: matched,
                        priority: facts.priority
                    )
                )
            }
            guard let ruleIndex = matched else { return nil }
            let priorityIndex = storage.rules[ruleIndex].priorities.firstIndex(of: facts.priority) ?? -1
            // A target without a duration for the case's priority does not apply; when none has one, nothing does.
            guard priorityIndex >= 0 else { return ruleIndex }
            try evaluateSingle(item, now, breachInstants, ruleIndex, priorityIndex, visit)
            return ruleIndex
        }
        let applications = try recorded.isEmpty ? applications(of: item) : applications(of: item, recorded: recorded)
        if records { applications.forEach(record) }
        let applied = applications.map { application in
            Applied(
                position: application.eventPosition,
                rule: application.ruleIndex ?? -1,
                priorityIndex: application.ruleIndex.flatMap {
                    storage.rules[$0].priorities.firstIndex(of: application.priority)
                } ?? -1
            )
        }
        try applied.withUnsafeBufferPointer { (buffer) throws(ServiceStandardsError) in
            try evaluateApplied(item, now, breachInstants, buffer, visit)
        }
        return applications.last { $0.ruleIndex != nil }?.ruleIndex
    }

    /// Visits the outcomes of a case with one application (the usual case).
    ///
    /// Each target of the rule in kind order, its clock read once: the same outcomes as ``evaluateApplied(_:_:_:_:_:)`` with that one application, on a
    /// path tuned for it.
    private func evaluateSingle(
        _ item: Case,
        _ now: Double,
        _ breachInstants: Bool,
        _ ruleIndex: Int,
        _ priorityIndex: Int,
        _ visit: (TargetOutcome) -> Void
    ) throws(ServiceStandardsError) {
        let storage = storage
        let rule = storage.rules[ruleIndex]
        try Self.checkCalendarRange(item, now, storage)
        let timeline = item.facts.compact
        let count = timeline.instants.count + 1
        let slots = storage.slotCalendars.count
        let warningShare = storage.warningShare
        let targetCount = rule.targets.count
        // One stack buffer, no heap: the instants (events, then now), the calendar-time clock, one clock per calendar.
        // Everything below reads plain memory; the only reference-counted values touched are the calendars.
        let landing = storage.breachLanding
        try withUnsafeTemporaryAllocation(of: Double.self, capacity: count * (slots + 2)) {
            (scratch) throws(ServiceStandardsError) in
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
                            resolutionFulfils: storage.resolutionFulfils,
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
                                    origin,
                                    landing
                                )
                            }
                            visit(
                                measure.outcome(
                                    number: number,
                                    cycle: cycle,
                                    measured,
                                    breachAt: breachAt,
                                    rule: ruleIndex,
                                    application: 0
                                )
                            )
                            number += 1
                        }
                    }
                }
            }
        }
    }

    /// Visits the outcomes of a case under its applications, in kind then cycle order.
    private func evaluateApplied(
        _ item: Case,
        _ now: Double,
        _ breachInstants: Bool,
        _ applied: UnsafeBufferPointer<Applied>,
        _ visit: (TargetOutcome) -> Void
    ) throws(ServiceStandardsError) {
        let storage = storage
        try Self.checkCalendarRange(item, now, storage)
        let timeline = item.facts.compact
        let count = timeline.instants.count + 1
        let slots = storage.slotCalendars.count
        let warningShare = storage.warningShare
        let selection = storage.selection
        let landing = storage.breachLanding
        let single = applied.count == 1
        // One stack buffer, no heap: the instants (events, then now), the calendar-time clock, one clock per calendar.
        // Everything below reads plain memory; the only reference-counted values touched are the calendars.
        // The case's schedule as calendar slots, checked before any outcome is visited.
        let segments = try storage.usesCaseSchedule ? scheduleSlots(of: item) : []
        try withUnsafeTemporaryAllocation(of: Double.self, capacity: count * (slots + 3)) {
            (scratch) throws(ServiceStandardsError) in
            let instants = UnsafeMutableBufferPointer(rebasing: scratch[0..<count])
            _ = timeline.instants.withUnsafeBufferPointer { instants.initialize(fromContentsOf: $0) }
            instants[count - 1] = now
            let nowPosition = count - 1
            let elapsedClock = UnsafeMutableBufferPointer(rebasing: scratch[count..<(2 * count)])
            for position in 0..<count { elapsedClock[position] = instants[position] - instants[0] }
            let times = UnsafeBufferPointer(instants)
            var clocks = Clocks(
                scratch: scratch,
                count: count,
                times: times,
                elapsed: UnsafeBufferPointer(elapsedClock),
                calendars: storage.slotCalendars
            )
            clocks.segments = segments
            let choices = storage.choices
            let bases = storage.choiceBases
            try timeline.codes.withUnsafeBufferPointer { (codes) throws(ServiceStandardsError) in
                try timeline.periods.withUnsafeBufferPointer { (periods) throws(ServiceStandardsError) in
                    // The target of a kind under an application (NaN duration when it has none): arithmetic on the
                    // evaluator's flat table, nothing reference-counted.
                    @inline(__always) func choice(_ application: Applied, _ kindIndex: Int) -> Choice {
                        guard application.rule >= 0, application.priorityIndex >= 0 else { return .none }
                        return choices[bases[application.rule] + application.priorityIndex * Self.kindCount + kindIndex]
                    }
                    for kindIndex in 0..<Self.kindCount {
                        let kind = Self.kind(kindIndex)
                        // Skip a kind no application has a target for.
                        var applies = false
                        for application in applied where !choice(application, kindIndex).duration.isNaN {
                            applies = true
                            break
                        }
                        guard applies else { continue }
                        // With one application every cycle of the kind has the same target: its clock is read once.
                        let fixed = single ? choice(applied[0], kindIndex) : Choice.none
                        let (fixedClock, fixedCalendar, fixedOrigin) =
                            single ? clocks.clock(Int(fixed.slot)) : (UnsafeBufferPointer(elapsedClock), nil, nil)
                        var number = 0
                        try Self.forEachCycle(of: kind, codes: codes, periods: periods) {
                            (cycle) throws(ServiceStandardsError) in
                            defer { number += 1 }
                            // The application in force: the last at or before the cycle's start (or its end, or now,
                            // while running, for `inForceWhileRunning`).
                            var chosen = 0
                            if !single {
                                let position =
                                    selection == .inForceWhileRunning ? (cycle.end ?? nowPosition) : cycle.start
                                var low = 0
                                var high = applied.count
                                while high - low > 1 {
                                    let middle = (low + high) / 2
                                    if applied[middle].position <= position { low = middle } else { high = middle }
                                }
                                chosen = low
                            }
                            let application = applied[chosen]
                            let compiledTarget = single ? fixed : choice(application, kindIndex)
                            let duration = compiledTarget.duration
                            guard !duration.isNaN else { return }
                            let ruleIndex = application.rule
                            // The clock of the target in force; its calendar and origin only for a breach instant.
                            let clock: UnsafeBufferPointer<Double>
                            var other: (calendar: BusinessCalendar?, origin: OpenTimeOrigin?) = (nil, nil)
                            if single {
                                clock = fixedClock
                            } else {
                                let found = clocks.clock(Int(compiledTarget.slot))
                                clock = found.0
                                other = (found.1, found.2)
                            }
                            let measure = Measure(
                                kind: kind,
                                duration: duration,
                                pausedMask: compiledTarget.pausedMask,
                                warningShare: warningShare,
                                resolutionFulfils: storage.resolutionFulfils,
                                periods: periods,
                                instants: times,
                                clock: clock
                            )
                            let measured = measure.measure(cycle)
                            var breachAt: Date?
                            if breachInstants, let breach = measured.breach {
                                if compiledTarget.slot == Int32(Self.scheduleSlot) {
                                    breachAt = try Self.instantOnSchedule(
                                        adding: breach.seconds,
                                        to: breach.position,
                                        times,
                                        segments,
                                        storage.slotCalendars,
                                        landing
                                    )
                                } else {
                                    breachAt =
                                        single
                                        ? try Self.instant(
                                            adding: breach.seconds,
                                            to: breach.position,
                                            times,
                                            clock,
                                            fixedCalendar,
                                            fixedOrigin,
                                            landing
                                        )
                                        : try Self.instant(
                                            adding: breach.seconds,
                                            to: breach.position,
                                            times,
                                            clock,
                                            other.calendar,
                                            other.origin,
                                            landing
                                        )
                                }
                            }
                            visit(
                                measure.outcome(
                                    number: number,
                                    cycle: cycle,
                                    measured,
                                    breachAt: breachAt,
                                    rule: ruleIndex,
                                    application: chosen
                                )
                            )
                        }
                    }
                }
            }
        }
    }

    /// The clock readings of one case, per calendar slot, computed on first use into the evaluation's scratch memory.
    struct Clocks {
        let scratch: UnsafeMutableBufferPointer<Double>
        let count: Int
        let times: UnsafeBufferPointer<Double>
        let elapsed: UnsafeBufferPointer<Double>
        let calendars: [BusinessCalendar]
        /// The slots whose readings are computed (slots from 64 on are computed on every use).
        var ready: UInt64 = 0
        /// Where the last computed readings start, for breach instants on the same calendar.
        var lastOrigin: (slot: Int, origin: OpenTimeOrigin?) = (-1, nil)
        /// The case's schedule: from each event position on, the calendar slot in force.
        var segments: [(position: Int, slot: Int)] = []
        /// Whether the schedule's composite readings are computed.
        var scheduleReady = false

        /// The readings of a slot's calendar at the case's instants (elapsed time for slot -1, the case's schedule for
        /// slot -2), the calendar, and the origin for breach instants when the readings were the last computed.
        mutating func clock(_ slot: Int) -> (UnsafeBufferPointer<Double>, BusinessCalendar?, OpenTimeOrigin?) {
            if slot == PolicyEvaluator.scheduleSlot { return (schedule(), nil, nil) }
            guard slot >= 0 else { return (elapsed, nil, nil) }
            let calendar = calendars[slot]
            let start = (2 + slot) * count
            let readings = UnsafeMutableBufferPointer(rebasing: scratch[start..<(start + count)])
            if slot >= 64 || ready & (1 << UInt64(slot)) == 0 {
                // The instants are a case's (finite, in order) then `now` (not before them), all within the
                // calendars' range (checked before): the readings need no checks of their own.
                lastOrigin = (slot, calendar.openTimeReadings(ascending: times, into: readings))
                if slot < 64 { ready |= 1 << UInt64(slot) }
            }
            // Without the origin (another calendar's readings came since), breach instants are found by the
            // calendar's own search: the same answers, one index lookup more.
            return (UnsafeBufferPointer(readings), calendar, lastOrigin.slot == slot ? lastOrigin.origin : nil)
        }

        /// The readings on the case's schedule: each step between two instants counted on the calendar in force from
        /// the earlier one, so that a move to another schedule changes the hours from the moving event on.
        mutating func schedule() -> UnsafeBufferPointer<Double> {
            let start = (2 + calendars.count) * count
            let composite = UnsafeMutableBufferPointer(rebasing: scratch[start..<(start + count)])
            guard !scheduleReady else { return UnsafeBufferPointer(composite) }
            scheduleReady = true
            composite[0] = 0
            for (index, segment) in segments.enumerated() {
                let readings = clock(segment.slot).0
                let end = index + 1 < segments.count ? segments[index + 1].position : count - 1
                var position = segment.position
                while position < end {
                    composite[position + 1] = composite[position] + (readings[position + 1] - readings[position])
                    position += 1
                }
            }
            return UnsafeBufferPointer(composite)
        }
    }

    /// The slot that stands for the case's schedule.
    static let scheduleSlot = -2

    /// The instant `seconds` of the case's schedule after the instant at `position`: counted on the calendar in force,
    /// and on the next one from each move on.
    static func instantOnSchedule(
        adding seconds: TimeInterval,
        to position: Int,
        _ instants: UnsafeBufferPointer<Double>,
        _ segments: [(position: Int, slot: Int)],
        _ calendars: [BusinessCalendar],
        _ landing: BusinessTimeLanding
    ) throws(ServiceStandardsError) -> Date {
        var index = segments.lastIndex { $0.position <= position } ?? 0
        var from = Date(timeIntervalSince1970: instants[position])
        var remaining = seconds
        do throws(ServiceDomainError) {
            while true {
                let calendar = calendars[segments[index].slot]
                let reached = try calendar.date(byAdding: remaining, to: from, landing: landing)
                guard index + 1 < segments.count else { return reached }
                let boundary = Date(timeIntervalSince1970: instants[segments[index + 1].position])
                guard reached > boundary else { return reached }
                remaining -= try calendar.businessDuration(from: from, to: boundary)
                from = boundary
                index += 1
            }
        } catch {
            throw ServiceStandardsError(error)
        }
    }

    /// A stretch of a case's schedule: from which event on, and the calendar.
    public struct ScheduleSegment: Sendable, Hashable, Codable {
        /// When it began.
        public let from: Date
        /// The event that began it (0 for creation).
        public let eventPosition: Int
        /// The calendar.
        public let calendar: CalendarID
        /// Whether a `scheduleChanged` event set it (rather than the policy's schedule rules).
        public let explicit: Bool
    }

    /// The case's schedule for targets on ``TargetClock/caseSchedule``: the calendar in force from each event on.
    ///
    /// The policy's ``ServiceLevelPolicy/schedules`` choose the calendar at creation and at each change of priority or
    /// team (custom conditions see the case as it stood then) until the first `scheduleChanged` event; from then on
    /// the events decide. A change to the calendar already in force starts no new stretch.
    ///
    /// - Parameters:
    ///   - item: The case.
    ///   - now: The evaluation instant; events after it are ignored.
    /// - Returns: The stretches in order; empty when the policy has no ``ServiceLevelPolicy/schedules``.
    /// - Throws: As ``evaluate(_:at:)``; ``ServiceStandardsError`` with code `unknownCalendar` (path
    ///   `events[i].calendar`) for a move to a calendar that was not supplied.
    public func schedule(of item: Case, at now: Date) throws(ServiceStandardsError) -> [ScheduleSegment] {
        try checkInstant(item, now)
        return try scheduleSegments(of: item.facts.lastEventAt > now ? try Self.truncated(item, now) : item)
    }

    func scheduleSegments(of item: Case) throws(ServiceStandardsError) -> [ScheduleSegment] {
        let storage = storage
        guard let selection = storage.policy.schedules else { return [] }
        let facts = item.facts
        func chosen(_ priority: Priority, _ team: TeamID?, _ instant: Date) throws(ServiceStandardsError) -> CalendarID
        {
            let asOf = storage.hasCustom ? try Self.truncated(item, instant) : item
            for (index, condition) in storage.scheduleConditions.enumerated()
            where condition.matches(item, priority: priority, team: team, asOf: asOf) {
                return selection.rules[index].calendar
            }
            return selection.defaultCalendar
        }
        var segments = [
            ScheduleSegment(
                from: item.createdAt,
                eventPosition: 0,
                calendar: try chosen(item.priority, item.team, item.createdAt),
                explicit: false
            )
        ]
        let firstExplicit = facts.scheduleChanges.first?.position ?? Int.max
        for change in facts.targetChanges where change.position < firstExplicit {
            let calendar = try chosen(change.priority, change.team, change.at)
            if calendar != segments[segments.count - 1].calendar {
                segments.append(
                    .init(from: change.at, eventPosition: change.position, calendar: calendar, explicit: false)
                )
            }
        }
        for change in facts.scheduleChanges {
            guard storage.calendars[change.calendar] != nil else {
                throw ServiceStandardsError(
                    .unknownCalendar,
                    at: "events[\(change.position)].calendar",
                    "case \(item.id) moves to calendar \"\(change.calendar)\", which was not supplied"
                )
            }
            if change.calendar != segments[segments.count - 1].calendar {
                segments.append(
                    .init(from: change.at, eventPosition: change.position, calendar: change.calendar, explicit: true)
                )
            }
        }
        return segments
    }

    /// The schedule as calendar slots for the hot loop.
    func scheduleSlots(of item: Case) throws(ServiceStandardsError) -> [(position: Int, slot: Int)] {
        let slots = storage.calendarSlots
        return try scheduleSegments(of: item).map { segment in (segment.eventPosition, slots[segment.calendar] ?? 0) }
    }

    /// Checks the calendars' range before any outcome is visited, so that nothing can throw after the first visit and
    /// a fold never keeps half a case.
    private static func checkCalendarRange(_ item: Case, _ now: Double, _ storage: Storage)
        throws(ServiceStandardsError)
    {
        guard !storage.slotCalendars.isEmpty else { return }
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

    /// Checks that an evaluation instant is usable for a case.
    private func checkInstant(_ item: Case, _ now: Date) throws(ServiceStandardsError) {
        guard now.timeIntervalSince1970.isFinite else {
            throw ServiceStandardsError(.nonFinite, at: "now", "the evaluation instant is not finite")
        }
        guard now >= item.createdAt else {
            throw ServiceStandardsError(.outOfRange, at: "now", "the evaluation instant precedes the case's creation")
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
            // One cycle over the case's life, ended at the final resolution: where the last run of solved and closed
            // periods began (solved then closed ends at the solve).
            var index = periods.count - 1
            if periods[index].bit & resolvedBits != 0 {
                while index > 0, periods[index - 1].bit & resolvedBits != 0 { index -= 1 }
                try body(Cycle(start: 0, end: Int(periods[index].start), met: true))
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
        /// Whether a cycle ended by the case's resolution within its target is achieved (else not applicable).
        let resolutionFulfils: Bool
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
            // Whether the clock runs in the period that reaches the evaluation instant (the last one).
            let runningAtEnd = periods.last.map { Int($0.end) == nowPosition && $0.bit & pausedMask == 0 } ?? false
            // Only the periods that overlap the cycle can count (readings are monotone, periods contiguous and in
            // order): from the first that ends after the cycle's start, by bisection, to the last that starts before
            // its end, so that measuring every cycle of a case is linear in its events rather than quadratic.
            var first = 0
            var past = periods.count
            while first < past {
                let middle = (first + past) / 2
                if Int(periods[middle].end) > cycle.start { past = middle } else { first = middle + 1 }
            }
            for period in periods[first...] {
                if Int(period.start) >= cycleEnd { break }
                guard period.bit & pausedMask == 0 else { continue }
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
                let state: TargetState = cycle.met || resolutionFulfils ? .achieved : .notApplicable
                return Measured(state: state, elapsed: elapsed, breach: nil)
            case (.none, _):
                if elapsed > duration { return Measured(state: .breached, elapsed: elapsed, breach: overrun) }
                if runningAtEnd {
                    return Measured(state: .active, elapsed: elapsed, breach: (nowPosition, duration - elapsed))
                }
                return Measured(state: .paused, elapsed: elapsed, breach: nil)
            }
        }

        @inline(__always)
        func outcome(number: Int, cycle: Cycle, _ measured: Measured, breachAt: Date?, rule: Int, application: Int)
            -> TargetOutcome
        {
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
                isWarning: running && measured.elapsed >= warningShare * duration,
                ruleIndex: rule,
                application: application
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
        _ origin: OpenTimeOrigin?,
        _ landing: BusinessTimeLanding
    ) throws(ServiceStandardsError) -> Date {
        let start = instants[position]
        guard let calendar else { return Date(timeIntervalSince1970: start + seconds) }
        do throws(ServiceDomainError) {
            return Date(
                timeIntervalSince1970: try calendar.instant(
                    adding: seconds,
                    toReading: clock[position],
                    of: start,
                    origin: origin,
                    landing: landing
                )
            )
        } catch {
            throw ServiceStandardsError(error)
        }
    }
}
