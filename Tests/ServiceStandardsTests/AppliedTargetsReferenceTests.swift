import Foundation
import ServiceDomain
import ServiceStandards
import Testing

/// Applied targets against a reference written from the documented rule, not from the evaluator: for each cycle of
/// the cycle reference (``EvaluatorReferenceTests``), the priority in force is replayed from the events up to the
/// instant that decides (the cycle's start, or its end or the evaluation instant while running), the rule is the
/// policy's own `matchingRule` on the case as it stood then, and the time is summed period by period.
struct AppliedTargetsReferenceTests {
    /// A random case with priority changes and team assignments inserted between its events, each at an instant of
    /// its own.
    static func caseWithChanges(_ number: Int, using rng: inout SeededGenerator) throws -> Case {
        let base = try randomCase(number, using: &rng)
        var events: [CaseEvent] = []
        for (index, event) in base.events.enumerated() {
            events.append(event)
            guard index + 1 < base.events.count, Int.random(in: 0..<3, using: &rng) == 0 else { continue }
            let next = base.events[index + 1].at
            let gap = next.timeIntervalSince(event.at)
            guard gap >= 2 else { continue }
            let at = event.at.addingTimeInterval((gap / 2).rounded(.down))
            let kind: CaseEvent.Kind =
                Bool.random(using: &rng)
                ? .priorityChanged([Priority.urgent, .high, .normal, .low].randomElement(using: &rng) ?? .normal)
                : .assigned(agent: nil, team: ["billing", "support"].randomElement(using: &rng))
            events.append(CaseEvent(id: CaseEventID("x\(index)"), at: at, kind: kind))
        }
        return try Case(id: base.id, channel: base.channel, priority: base.priority, events: events)
    }

    @Test(arguments: [TargetSelection.inForceWhenStarted, .inForceWhileRunning])
    func appliedTargetsAgreeWithTheReference(selection: TargetSelection) throws {
        let (plain, example) = try examplePolicy()
        let policy = try ServiceLevelPolicy(
            id: example.id,
            rules: example.rules,
            semantics: EvaluationSemantics(targets: selection)
        )
        let evaluator = try PolicyEvaluator(policy: policy, calendars: plain.calendars)
        let calendar = try #require(plain.calendars["office"])
        let context = PolicyContext(organisation: nil, customConditions: [:])
        var rng = SeededGenerator(seed: selection == .inForceWhenStarted ? 21 : 22)
        var checked = 0
        var changedRule = 0
        for number in 0..<400 {
            let item = try Self.caseWithChanges(number, using: &rng)
            let last = item.facts.lastEventAt.timeIntervalSince1970
            let first = item.createdAt.timeIntervalSince1970
            let now = Date(timeIntervalSince1970: Bool.random(using: &rng) ? last + 3600 : (first + last) / 2)
            let view = try item.asOf(now)
            let result = try evaluator.evaluate(item, at: now)
            // The streaming form gives the same outcomes.
            var streamed: [TargetOutcome] = []
            try evaluator.evaluate(item, at: now) { streamed.append($0) }
            #expect(streamed == result.outcomes)
            for kind in TargetKind.allCases {
                let cycles = EvaluatorReferenceTests.referenceCycles(kind, view)
                var expected: [(cycle: Int, rule: Int, target: ServiceTarget, duration: Double)] = []
                for (index, cycle) in cycles.enumerated() {
                    let decides = selection == .inForceWhenStarted ? cycle.start : (cycle.end ?? now)
                    let then = try view.asOf(decides)
                    guard let rule = policy.matchingRule(for: then, in: context),
                        let target = policy.rules[rule].targets[kind],
                        let duration = target.duration(for: then.facts.priority)
                    else { continue }
                    expected.append((index, rule, target, duration))
                }
                let actual = result.outcomes(of: kind)
                #expect(actual.map(\.cycle) == expected.map(\.cycle), "\(item.id) \(kind) cycles")
                for (outcome, want) in zip(actual, expected) {
                    let cycle = cycles[want.cycle]
                    let clockCalendar: BusinessCalendar? = want.target.clock == .calendarTime ? nil : calendar
                    let elapsed = try EvaluatorReferenceTests.referenceElapsed(
                        cycle,
                        view,
                        paused: want.target.pausedStatuses,
                        calendar: clockCalendar,
                        now: now
                    )
                    #expect(outcome.ruleIndex == want.rule && outcome.target == want.duration, "\(item.id) \(kind)")
                    #expect(outcome.elapsed == elapsed, "\(item.id) \(kind) cycle \(outcome.cycle)")
                    let state = EvaluatorReferenceTests.referenceState(
                        cycle,
                        elapsed: elapsed,
                        duration: want.duration,
                        now: view.facts.statusPeriods.last?.status ?? .new,
                        paused: want.target.pausedStatuses
                    )
                    #expect(outcome.state == state, "\(item.id) \(kind) cycle \(outcome.cycle) state")
                    if outcome.ruleIndex != result.applications[0].ruleIndex { changedRule += 1 }
                    checked += 1
                }
            }
        }
        // Over a thousand cycles compared, and dozens judged by a rule other than the creation's (79 and more).
        #expect(checked > 1_000 && changedRule > 50, "\(checked) cycles, \(changedRule) under another rule")
    }

    /// The tuned single-application path and the general path give identical outcomes: a policy whose conditions
    /// include an always-true custom condition takes the general path for every case.
    @Test(arguments: [TargetSelection.inForceWhenStarted, .inForceWhileRunning])
    func theSingleApplicationPathEqualsTheGeneralOne(selection: TargetSelection) throws {
        struct Always: CaseCondition {
            func matches(_ item: Case, in context: PolicyContext) -> Bool { true }
        }
        let (plain, example) = try examplePolicy()
        let semantics = EvaluationSemantics(targets: selection)
        let fast = try PolicyEvaluator(
            policy: try ServiceLevelPolicy(id: "p", rules: example.rules, semantics: semantics),
            calendars: plain.calendars
        )
        let general = try PolicyEvaluator(
            policy: try ServiceLevelPolicy(
                id: "p",
                rules: example.rules.map {
                    .init(name: $0.name, when: .all([.custom("always"), $0.condition]), targets: $0.targets)
                },
                semantics: semantics
            ),
            calendars: plain.calendars,
            customConditions: ["always": Always()]
        )
        var rng = SeededGenerator(seed: 23)
        for number in 0..<300 {
            let item =
                number.isMultiple(of: 2)
                ? try randomCase(number, using: &rng) : try Self.caseWithChanges(number, using: &rng)
            let now = item.facts.lastEventAt.addingTimeInterval(Double(number % 5) * 3_600)
            let a = try fast.evaluate(item, at: now)
            let b = try general.evaluate(item, at: now)
            #expect(a == b, "\(item.id)")
        }
    }
}
