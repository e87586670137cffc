import Foundation
import ServiceDomain
import ServiceStandards
import Testing

/// Condition-built targets: the built-in kinds as presets of the model, and the model's own worked examples.
struct ConditionTargetTests {
    /// Every built-in kind's preset, with the built-in target's clock, durations and pauses, gives the built-in
    /// evaluator's cycles, times, states and breach instants on random cases (counted here period by period, not with
    /// the evaluator's batched readings).
    @Test func theBuiltInKindsArePresetsWithUnchangedResults() throws {
        let (evaluator, policy) = try examplePolicy()
        let calendars = evaluator.calendars
        var rng = SeededGenerator(seed: 61)
        var compared = 0
        for number in 0..<10_000 {
            let item =
                try number.isMultiple(of: 3)
                ? MinuteReplayReferenceTests.minuteCase(number, using: &rng) : randomCase(number, using: &rng)
            let now = item.facts.lastEventAt.addingTimeInterval(Double(number % 9) * 1_800)
            let result = try evaluator.evaluate(item, at: now)
            guard let ruleIndex = result.ruleIndex else { continue }
            for (kind, target) in policy.rules[ruleIndex].targets {
                var definition = CycleDefinition.preset(kind)
                definition.pausedStatuses = target.pausedStatuses
                let condition = try ConditionTarget(
                    name: kind.rawValue,
                    cycles: definition,
                    clock: target.clock,
                    durations: target.durations
                )
                let built = try ConditionTargetEvaluator(targets: [condition], calendars: calendars).evaluate(
                    item,
                    at: now
                )
                let expected = result.outcomes(of: kind)
                #expect(built.map(\.startedAt) == expected.map(\.startedAt), "\(item.id) \(kind) starts")
                #expect(built.map(\.endedAt) == expected.map(\.endedAt), "\(item.id) \(kind) ends")
                #expect(built.map(\.elapsed) == expected.map(\.elapsed), "\(item.id) \(kind) elapsed")
                #expect(built.map(\.state) == expected.map(\.state), "\(item.id) \(kind) states")
                #expect(built.map(\.breachAt) == expected.map(\.breachAt), "\(item.id) \(kind) breach instants")
                compared += expected.count
            }
        }
        #expect(compared > 20_000, "\(compared) cycles compared")
    }

    @Test func aServiceNowStyleResolutionWithStagesAndAnOperationalLevelAgreement() throws {
        // An OLA for the second-line team: starts when the case is escalated, pauses on hold, stops when solved;
        // 4 h with notifications at 50 % and 75 %. Escalated 10:00, on hold 11:00–12:00, solved 15:00: 4 h counted,
        // within target. The 50 % stage (2 h) is reached at 13:00 (1 h before the hold, 1 h after), 75 % at 14:00.
        let target = try ConditionTarget(
            name: "Second line",
            cycles: CycleDefinition(start: [.escalated], stop: [.resolved], pausedStatuses: [.onHold]),
            clock: .calendarTime,
            durations: [.normal: 14_400],
            stages: [0.5, 0.75, 1],
            agreement: .operationalLevel
        )
        let item = try Case(
            id: "N",
            channel: .phone,
            events: [
                event("1", "2026-11-23T09:00:00Z", .created),
                event("2", "2026-11-23T10:00:00Z", .escalated(team: "second-line")),
                event("3", "2026-11-23T11:00:00Z", .statusChanged(.onHold)),
                event("4", "2026-11-23T12:00:00Z", .statusChanged(.open)),
                event("5", "2026-11-23T15:00:00Z", .statusChanged(.solved)),
            ]
        )
        let outcome = try #require(
            try ConditionTargetEvaluator(targets: [target]).evaluate(item, at: try at("2026-11-23T18:00:00Z")).first
        )
        #expect(outcome.agreement == .operationalLevel && outcome.state == .achieved && outcome.elapsed == 14_400)
        let escalatedAt = try at("2026-11-23T10:00:00Z")
        #expect(outcome.startedAt == escalatedAt)
        #expect(
            outcome.stages.map(\.at) == [
                try at("2026-11-23T13:00:00Z"), try at("2026-11-23T14:00:00Z"), try at("2026-11-23T15:00:00Z"),
            ]
        )
        // Still running at 14:00 (3 h used): the full target will be reached at 15:00, the earlier stages are past.
        let running = try #require(
            try ConditionTargetEvaluator(targets: [target]).evaluate(item, at: try at("2026-11-23T14:00:00Z")).first
        )
        let due = try at("2026-11-23T15:00:00Z")
        #expect(running.state == .active && running.breachAt == due)
        #expect(running.stages.last?.at == due)
    }

    @Test func theJSONFormAndItsChecks() throws {
        let json = """
            {"name": "Time to first response", "cycles": {"start": ["created"], "stop": ["agentReply"],
             "cancel": [{"statusEntered": ["solved", "closed"]}], "maximumCycles": 1},
             "clock": "calendar", "durations": {"high": 3600}, "stages": [0.5, 1], "agreement": "underpinningContract"}
            """
        let target = try JSONDecoder().decode(ConditionTarget.self, from: Data(json.utf8))
        #expect(
            target.cycles.cancel == [.statusEntered([.solved, .closed])] && target.agreement == .underpinningContract
        )
        #expect(try JSONDecoder().decode(ConditionTarget.self, from: try JSONEncoder().encode(target)) == target)
        for bad in [
            json.replacingOccurrences(of: "[0.5, 1]", with: "[0.75, 0.5]"),
            json.replacingOccurrences(of: #""maximumCycles": 1"#, with: #""maximumCycles": 0"#),
            json.replacingOccurrences(of: #""agentReply""#, with: #""agentAnswered""#),
            json.replacingOccurrences(of: "3600", with: "-1"),
        ] {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(ConditionTarget.self, from: Data(bad.utf8)) }
        }
        #expect(throws: ServiceStandardsError.self) {
            try ConditionTargetEvaluator(
                targets: [
                    try ConditionTarget(
                        name: "x",
                        cycles: .resolution,
                        clock: .businessHours("mars"),
                        durations: [.normal: 60]
                    )
                ]
            )
        }
    }

    @Test func requesterWaitEndsAtTheSolveWhenTheCaseIsClosedLater() throws {
        // Solved at 11:00 and closed at 15:00: the final resolution is the solve (CaseFacts.solvedAt), and the
        // built-in evaluator ends requester wait there.
        let (evaluator, _) = try examplePolicy()
        let item = try Case(
            id: "C",
            channel: .email,
            priority: .high,
            events: [
                event("1", "2026-12-01T09:00:00Z", .created),
                event("2", "2026-12-01T11:00:00Z", .statusChanged(.solved)),
                event("3", "2026-12-01T15:00:00Z", .statusChanged(.closed)),
            ]
        )
        let wait = try #require(
            try evaluator.evaluate(item, at: try at("2026-12-02T09:00:00Z")).outcomes(of: .requesterWait).first
        )
        let solvedAt = try at("2026-12-01T11:00:00Z")
        #expect(wait.endedAt == solvedAt && wait.endedAt == item.facts.solvedAt)
    }
}
