public import Foundation
public import ServiceDomain

/// A target built from conditions: a ``CycleDefinition``, a clock, durations per priority, breach stages and the
/// agreement it belongs to — the Jira Service Management and ServiceNow model of an SLA.
///
/// JSON form: `{"name": "Time to first response", "cycles": {...}, "clock": {"businessHours": "office"},
/// "durations": {"normal": 14400}, "stages": [0.5, 0.75, 1], "agreement": "customer"}` (`stages` and `agreement`
/// optional: `[1]` and `customer`).
public struct ConditionTarget: Sendable, Hashable, Codable {
    /// A name for people.
    public let name: String
    /// When cycles start, stop and pause.
    public let cycles: CycleDefinition
    /// How time is counted: calendar time or a business calendar.
    public let clock: TargetClock
    /// Seconds per priority (the priority in force when a cycle starts); a priority without one has no target.
    public let durations: [Priority: TimeInterval]
    /// Shares of the target at which to report an instant, ascending, each in (0, 1]: the notification stages.
    public let stages: [Double]
    /// The kind of agreement.
    public let agreement: AgreementType

    /// Creates a target.
    ///
    /// - Parameters:
    ///   - name: A name for people.
    ///   - cycles: The cycle definition.
    ///   - clock: Calendar time or business hours (not the case's schedule).
    ///   - durations: Seconds per priority; each finite, positive and at most ten years.
    ///   - stages: Shares of the target to report instants for; `[1]` by default.
    ///   - agreement: The kind of agreement; a customer SLA by default.
    /// - Throws: ``ServiceStandardsError`` with code `nonFinite` or `outOfRange` (path `durations.<priority>` or
    ///   `stages[i]`), or `inconsistent` (path `clock`) for the case's schedule, which condition-built targets do not
    ///   read.
    public init(
        name: String,
        cycles: CycleDefinition,
        clock: TargetClock,
        durations: [Priority: TimeInterval],
        stages: [Double] = [1],
        agreement: AgreementType = .customer
    ) throws(ServiceStandardsError) {
        // The durations pass the same checks as a built-in target's.
        _ = try ServiceTarget(kind: .resolution, clock: .calendarTime, durations: durations)
        guard clock != .caseSchedule else {
            throw ServiceStandardsError(.inconsistent, at: "clock", "a condition-built target counts on one calendar")
        }
        for (index, share) in stages.enumerated() {
            guard share.isFinite, share > 0, share <= 1, index == 0 || share > stages[index - 1] else {
                throw ServiceStandardsError(
                    .outOfRange,
                    at: "stages[\(index)]",
                    "stages are ascending shares of the target in (0, 1], not \(share)"
                )
            }
        }
        self.name = name
        self.cycles = cycles
        self.clock = clock
        self.durations = durations
        self.stages = stages
        self.agreement = agreement
    }

    private enum CodingKeys: String, CodingKey {
        case name, cycles, clock, durations, stages, agreement
    }

    /// Decodes a target, running the initialiser's checks.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` naming the bad field.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: ["name", "cycles", "clock", "durations", "stages", "agreement"])
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let raw = try container.decode([String: Double].self, forKey: .durations)
        do {
            try self.init(
                name: try container.decodeIfPresent(String.self, forKey: .name) ?? "",
                cycles: try container.decode(CycleDefinition.self, forKey: .cycles),
                clock: try container.decode(TargetClock.self, forKey: .clock),
                durations: Dictionary(uniqueKeysWithValues: raw.map { (Priority($0.key), $0.value) }),
                stages: try container.decodeIfPresent([Double].self, forKey: .stages) ?? [1],
                agreement: try container.decodeIfPresent(AgreementType.self, forKey: .agreement) ?? .customer
            )
        } catch let error as ServiceStandardsError {
            let key: CodingKeys =
                error.path?.hasPrefix("stages") == true ? .stages : error.path == "clock" ? .clock : .durations
            throw DecodingError.dataCorruptedError(
                forKey: key,
                in: container,
                debugDescription: "\(error.path ?? ""): \(error.message)"
            )
        }
    }

    /// Encodes the target in its JSON form.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if !name.isEmpty { try container.encode(name, forKey: .name) }
        try container.encode(cycles, forKey: .cycles)
        try container.encode(clock, forKey: .clock)
        try container.encode(
            Dictionary(uniqueKeysWithValues: durations.map { ($0.key.rawValue, $0.value) }),
            forKey: .durations
        )
        if stages != [1] { try container.encode(stages, forKey: .stages) }
        if agreement != .customer { try container.encode(agreement, forKey: .agreement) }
    }
}

/// One cycle of a condition-built target at the evaluation instant.
public struct ConditionOutcome: Sendable, Hashable, Codable {
    /// A stage: the instant at which a share of the target is (or will be) used.
    public struct Stage: Sendable, Hashable, Codable {
        /// The share of the target.
        public let share: Double
        /// When it was or will be reached; `nil` when it will not be (the cycle ended first, or is paused).
        public let at: Date?
    }

    /// The target's name.
    public let target: String
    /// The kind of agreement.
    public let agreement: AgreementType
    /// Which cycle, from 0.
    public let cycle: Int
    /// The state.
    public let state: TargetState
    /// The target duration for the priority in force when the cycle started.
    public let duration: TimeInterval
    /// Time counted.
    public let elapsed: TimeInterval
    /// When the cycle started.
    public let startedAt: Date
    /// When it ended, if it has.
    public let endedAt: Date?
    /// When the target was or will be breached, as ``TargetOutcome/breachAt``.
    public let breachAt: Date?
    /// The stages' instants.
    public let stages: [Stage]
}

/// Evaluates condition-built targets against cases: cycles by their ``CycleDefinition``, time counted period by
/// period on each target's clock.
public struct ConditionTargetEvaluator: Sendable {
    /// The targets.
    public let targets: [ConditionTarget]
    /// The business calendars by identifier.
    public let calendars: [CalendarID: BusinessCalendar]

    /// Creates an evaluator, checking that every calendar a target names is supplied.
    ///
    /// - Parameters:
    ///   - targets: The targets.
    ///   - calendars: Business calendars by identifier.
    /// - Throws: ``ServiceStandardsError`` with code `unknownCalendar` (path `targets[i].clock`).
    public init(targets: [ConditionTarget], calendars: [CalendarID: BusinessCalendar] = [:])
        throws(ServiceStandardsError)
    {
        for (index, target) in targets.enumerated() {
            if case .businessHours(let id) = target.clock, calendars[id] == nil {
                throw ServiceStandardsError(
                    .unknownCalendar,
                    at: "targets[\(index)].clock",
                    "no business calendar \"\(id)\" was supplied"
                )
            }
        }
        self.targets = targets
        self.calendars = calendars
    }

    /// A cycle as event positions.
    struct Cycle: Equatable {
        var start: Int
        var end: Int?
        var met: Bool
    }

    /// The cycles of a definition over a case's events, by the rules of ``CycleDefinition``.
    static func cycles(_ definition: CycleDefinition, _ item: Case) -> [Cycle] {
        var cycles: [Cycle] = []
        var running: Int?
        var status = CaseStatus.new
        var prior = definition.requiresFirst.isEmpty
        var remembered: Int?
        for (position, event) in item.events.enumerated() {
            let before = status
            switch event.kind {
            case .statusChanged(let next): status = next
            case .reopened: status = .open
            default: break
            }
            let wasResolved = before.isResolved
            let isResolved = status.isResolved
            func matches(_ triggers: [CycleTrigger]) -> Bool {
                triggers.contains { trigger in
                    switch (trigger, event.kind) {
                    case (.created, .created), (.agentReply, .agentReply), (.customerReply, .customerReply),
                        (.internalNote, .internalNote), (.priorityChanged, .priorityChanged), (.assigned, .assigned),
                        (.escalated, .escalated), (.scheduleChanged, .scheduleChanged):
                        return true
                    case (.resolved, _): return !wasResolved && isResolved
                    case (.reopened, _): return wasResolved && !isResolved
                    case (.statusEntered(let statuses), _): return status != before && statuses.contains(status)
                    default: return false
                    }
                }
            }
            func canStart() -> Bool { prior && (definition.maximumCycles.map { cycles.count < $0 } ?? true) }
            var ended = false
            if let index = running {
                if matches(definition.stop) {
                    cycles[index].end = position
                    cycles[index].met = true
                    running = nil
                    ended = true
                    if matches(definition.reset), canStart() {
                        cycles.append(Cycle(start: position, end: nil, met: false))
                        running = cycles.count - 1
                    }
                } else if matches(definition.reset) {
                    cycles[index].end = position
                    cycles[index].met = true
                    running = nil
                    ended = true
                    if canStart() {
                        cycles.append(Cycle(start: position, end: nil, met: false))
                        running = cycles.count - 1
                    }
                } else if matches(definition.cancel) {
                    if cycles[index].start < position {
                        cycles[index].end = position
                    } else {
                        // Started and cancelled by the same event: no cycle.
                        cycles.removeLast()
                    }
                    running = nil
                    ended = true
                }
            }
            if matches([.resolved]) { remembered = nil }
            if running == nil, !ended {
                if matches(definition.resume), let last = cycles.indices.last, cycles[last].end != nil {
                    cycles[last].end = nil
                    cycles[last].met = false
                    running = last
                } else if matches(definition.start), canStart() {
                    if isResolved {
                        if definition.retroactiveStart, remembered == nil { remembered = position }
                    } else {
                        cycles.append(Cycle(start: position, end: nil, met: false))
                        running = cycles.count - 1
                    }
                }
            }
            if wasResolved, !isResolved {
                if running == nil, let start = remembered, canStart() {
                    cycles.append(Cycle(start: start, end: nil, met: false))
                    running = cycles.count - 1
                }
                remembered = nil
            }
            if matches(definition.requiresFirst) { prior = true }
        }
        return cycles
    }

    /// Evaluates a case at an instant.
    ///
    /// - Parameters:
    ///   - item: The case.
    ///   - now: The evaluation instant; events after it are ignored.
    /// - Returns: Every target's cycles, target by target.
    /// - Throws: ``ServiceStandardsError`` with code `outOfRange` (path `now`) when `now` precedes the case's creation,
    ///   or a calendar's error for instants it cannot handle.
    public func evaluate(_ item: Case, at now: Date) throws(ServiceStandardsError) -> [ConditionOutcome] {
        guard now.timeIntervalSince1970.isFinite, now >= item.createdAt else {
            throw ServiceStandardsError(.outOfRange, at: "now", "the evaluation instant precedes the case's creation")
        }
        let view: Case
        do {
            view = try item.asOf(now)
        } catch {
            throw ServiceStandardsError(error)
        }
        let events = view.events
        let periods = view.facts.statusPeriods
        var outcomes: [ConditionOutcome] = []
        do throws(ServiceDomainError) {
            for target in targets {
                var calendar: BusinessCalendar?
                if case .businessHours(let id) = target.clock { calendar = calendars[id] }
                func length(_ from: Date, _ to: Date) throws(ServiceDomainError) -> Double {
                    try calendar?.businessDuration(from: from, to: to) ?? to.timeIntervalSince(from)
                }
                func adding(_ seconds: Double, to from: Date, _ landing: BusinessTimeLanding) throws(ServiceDomainError)
                    -> Date
                {
                    try calendar?.date(byAdding: seconds, to: from, landing: landing)
                        ?? from.addingTimeInterval(seconds)
                }
                for (number, cycle) in Self.cycles(target.cycles, view).enumerated() {
                    let startedAt = events[cycle.start].at
                    let endedAt = cycle.end.map { events[$0].at }
                    let end = endedAt ?? now
                    let priority =
                        view.facts.targetChanges.last { $0.position <= cycle.start }?.priority ?? view.priority
                    guard let duration = target.durations[priority] else { continue }
                    // The counted stretches of the cycle, in order.
                    var stretches: [(from: Date, to: Date, seconds: Double)] = []
                    var runningNow = false
                    for period in periods {
                        let counts = !period.status.isResolved && !target.cycles.pausedStatuses.contains(period.status)
                        if period.end == nil { runningNow = counts }
                        guard counts else { continue }
                        let from = max(period.start, startedAt)
                        let to = min(period.end ?? now, end)
                        guard to > from else { continue }
                        stretches.append((from, to, try length(from, to)))
                    }
                    let elapsed = stretches.reduce(0) { $0 + $1.seconds }
                    // The instant at which `amount` of counted time is used: in the stretch where it is crossed
                    // (strictly, for a breach), or ahead of `now` while the clock runs.
                    func instant(reaching amount: Double, strictly: Bool, _ landing: BusinessTimeLanding)
                        throws(ServiceDomainError) -> Date?
                    {
                        var used = 0.0
                        for stretch in stretches {
                            if strictly ? used + stretch.seconds > amount : used + stretch.seconds >= amount {
                                return try adding(amount - used, to: stretch.from, landing)
                            }
                            used += stretch.seconds
                        }
                        guard endedAt == nil, runningNow else { return nil }
                        return try adding(amount - used, to: now, landing)
                    }
                    let state: TargetState
                    switch (endedAt, cycle.met) {
                    case _ where elapsed > duration: state = .breached
                    case (.some, true): state = .achieved
                    case (.some, false): state = .notApplicable
                    case (.none, _): state = runningNow ? .active : .paused
                    }
                    let breachAt =
                        state == .breached || state == .active
                        ? try instant(reaching: duration, strictly: true, .atNextOpening) : nil
                    var stages: [ConditionOutcome.Stage] = []
                    for share in target.stages {
                        stages.append(
                            .init(share: share, at: try instant(reaching: share * duration, strictly: false, .atClose))
                        )
                    }
                    outcomes.append(
                        ConditionOutcome(
                            target: target.name,
                            agreement: target.agreement,
                            cycle: number,
                            state: state,
                            duration: duration,
                            elapsed: elapsed,
                            startedAt: startedAt,
                            endedAt: endedAt,
                            breachAt: breachAt,
                            stages: stages
                        )
                    )
                }
            }
        } catch {
            throw ServiceStandardsError(error)
        }
        return outcomes
    }
}
