import Foundation
import ServiceDomain
import ServiceStandards
import Testing

/// Targets fixed when the policy is applied: worked examples on UTC office hours (Monday–Friday 09:00–17:00; Monday
/// is 2026-11-23), each figure counted by hand in its comment.
///
/// The rules follow Zendesk's documented behaviour: the policy is applied at creation and again when the priority
/// changes, a fulfilled target is never re-judged, and an active one takes the new target ("Defining and using SLA
/// policies": "If your ticket has changed in priority … the targets on the ticket will be updated").
struct AppliedTargetsTests {
    static let office: CalendarID = "office"

    /// The policy of these examples.
    ///
    /// Rule 0 (team billing): resolution 4 h. Rule 1 (everyone): first and next reply 4 h for normal, 90 min for
    /// high; resolution 16 h for normal, 8 h for high. All in business hours.
    static func evaluator(_ targets: TargetSelection, landing: BusinessTimeLanding = .atNextOpening) throws
        -> PolicyEvaluator
    {
        let business = TargetClock.businessHours(office)
        let replies: [Priority: TimeInterval] = [.normal: 4 * hourSeconds, .high: 90 * 60]
        let policy = try ServiceLevelPolicy(
            id: "applied",
            rules: [
                .init(
                    name: "Billing",
                    when: .team(["billing"]),
                    targets: [
                        .resolution: try ServiceTarget(
                            kind: .resolution,
                            clock: business,
                            durations: [.normal: 4 * hourSeconds, .high: 4 * hourSeconds]
                        )
                    ]
                ),
                .init(
                    name: "Everyone",
                    targets: [
                        .firstReply: try ServiceTarget(kind: .firstReply, clock: business, durations: replies),
                        .nextReply: try ServiceTarget(kind: .nextReply, clock: business, durations: replies),
                        .resolution: try ServiceTarget(
                            kind: .resolution,
                            clock: business,
                            durations: [.normal: 16 * hourSeconds, .high: 8 * hourSeconds]
                        ),
                    ]
                ),
            ],
            semantics: EvaluationSemantics(targets: targets, breachLanding: landing)
        )
        let calendar = try BusinessCalendar(timeZone: "UTC", weeklyHours: .weekdays(9, 17))
        return try PolicyEvaluator(policy: policy, calendars: [office: calendar])
    }

    static func item(_ events: [CaseEvent], team: TeamID? = nil) throws -> Case {
        try Case(id: "T", channel: .email, priority: .normal, team: team, events: events)
    }

    @Test func aFirstReplyMetUnderNormalStaysMetWhenThePriorityRises() throws {
        // Created 09:00 normal, replied 11:00 (2 h, within 4 h), then raised to high (90 min) at 12:00.
        let item = try Self.item([
            event("1", "2026-11-23T09:00:00Z", .created),
            event("2", "2026-11-23T11:00:00Z", .agentReply(agent: "a")),
            event("3", "2026-11-23T12:00:00Z", .priorityChanged(.high)),
        ])
        let now = try at("2026-11-23T18:00:00Z")
        for selection in [TargetSelection.inForceWhenStarted, .inForceWhileRunning] {
            let result = try Self.evaluator(selection).evaluate(item, at: now)
            let first = try #require(result.outcomes(of: .firstReply).first)
            #expect(first.state == .achieved && first.target == 4 * hourSeconds && first.elapsed == 2 * hourSeconds)
            #expect(first.ruleIndex == 1 && first.application == 0)
            // Two applications: at creation (normal) and at the priority change (high), both under rule 1.
            #expect(result.applications.map(\.reason) == [.created, .priorityChanged])
            #expect(result.applications.map(\.priority) == [.normal, .high])
            #expect(result.applications.map(\.eventPosition) == [0, 2] && result.ruleIndex == 1)
        }
        // The old reading applies today's high target to the whole case: 2 h against 90 min, breached.
        let current = try Self.evaluator(.currentPriority).evaluate(item, at: now)
        let first = try #require(current.outcomes(of: .firstReply).first)
        #expect(first.state == .breached && first.target == 90 * 60)
        #expect(current.applications.count == 1 && current.applications[0].priority == .high)
    }

    @Test func aRunningFirstReplyTakesTheNewTargetOnlyWhileRunning() throws {
        // Created 09:00 normal, raised to high at 10:00, replied at 11:00: 2 h of business time.
        let item = try Self.item([
            event("1", "2026-11-23T09:00:00Z", .created),
            event("2", "2026-11-23T10:00:00Z", .priorityChanged(.high)),
            event("3", "2026-11-23T11:00:00Z", .agentReply(agent: "a")),
        ])
        let now = try at("2026-11-23T18:00:00Z")
        // In force when it started (normal, 4 h): achieved.
        let started = try #require(try Self.evaluator(.inForceWhenStarted).evaluate(item, at: now).outcomes.first)
        #expect(started.kind == .firstReply && started.state == .achieved && started.target == 4 * hourSeconds)
        // Zendesk: the running metric took the high target (90 min) at 10:00 and breached at 09:00 + 90 min = 10:30.
        let running = try #require(try Self.evaluator(.inForceWhileRunning).evaluate(item, at: now).outcomes.first)
        #expect(running.state == .breached && running.target == 90 * 60 && running.application == 1)
        #expect(running.breachAt == (try at("2026-11-23T10:30:00Z")))
    }

    @Test func eachNextReplyCarriesTheTargetInForceWhenItStarted() throws {
        // Cycle 0: the customer writes at 10:00 (normal), the priority rises at 10:30, the agent answers at 12:30
        // (2.5 h). Cycle 1: the customer writes at 13:00 (high), the agent answers at 14:00 (1 h).
        let item = try Self.item([
            event("1", "2026-11-23T09:00:00Z", .created),
            event("2", "2026-11-23T09:30:00Z", .agentReply(agent: "a")),
            event("3", "2026-11-23T10:00:00Z", .customerReply),
            event("4", "2026-11-23T10:30:00Z", .priorityChanged(.high)),
            event("5", "2026-11-23T12:30:00Z", .agentReply(agent: "a")),
            event("6", "2026-11-23T13:00:00Z", .customerReply),
            event("7", "2026-11-23T14:00:00Z", .agentReply(agent: "a")),
        ])
        let now = try at("2026-11-23T18:00:00Z")
        let started = try Self.evaluator(.inForceWhenStarted).evaluate(item, at: now).outcomes(of: .nextReply)
        #expect(started.map(\.target) == [4 * hourSeconds, 90 * 60])
        #expect(started.map(\.state) == [.achieved, .achieved] && started.map(\.elapsed) == [9_000, 3_600])
        #expect(started.map(\.application) == [0, 1])
        // Zendesk: cycle 0 was still waiting at 10:30, so it took the 90-minute target and breached at 11:30.
        let running = try Self.evaluator(.inForceWhileRunning).evaluate(item, at: now).outcomes(of: .nextReply)
        #expect(running.map(\.target) == [90 * 60, 90 * 60] && running.map(\.state) == [.breached, .achieved])
        #expect(running.first?.breachAt == (try at("2026-11-23T11:30:00Z")))
    }

    @Test func aTeamChangeAppliesAnotherRuleToCyclesThatStartAfterIt() throws {
        // Created 09:00 without a team (rule 1: resolution 16 h), assigned to billing at 10:00 (rule 0: 4 h), solved
        // at 15:00 (6 h), reopened Tuesday 09:00 and solved again at 14:00 (5 h).
        let item = try Self.item([
            event("1", "2026-11-23T09:00:00Z", .created),
            event("2", "2026-11-23T10:00:00Z", .assigned(agent: "b", team: "billing")),
            event("3", "2026-11-23T15:00:00Z", .statusChanged(.solved)),
            event("4", "2026-11-24T09:00:00Z", .reopened),
            event("5", "2026-11-24T14:00:00Z", .statusChanged(.solved)),
        ])
        let result = try Self.evaluator(.inForceWhenStarted).evaluate(item, at: try at("2026-11-24T18:00:00Z"))
        #expect(result.applications.map(\.reason) == [.created, .teamChanged])
        #expect(result.applications.map(\.ruleIndex) == [1, 0] && result.ruleIndex == 0)
        let resolution = result.outcomes(of: .resolution)
        // Cycle 0 started under rule 1 (16 h): 6 h, achieved. Cycle 1 started under billing's 4 h: 5 h, breached.
        #expect(
            resolution.map(\.ruleIndex) == [1, 0] && resolution.map(\.target) == [16 * hourSeconds, 4 * hourSeconds]
        )
        #expect(resolution.map(\.state) == [.achieved, .breached])
        // Rule 0 has no first-reply target, but the first reply started under rule 1 and is still judged by it: no
        // reply by the 15:00 solve, 6 h against 4 h, breached (a cycle ended by a resolution after running over).
        let first = result.outcomes(of: .firstReply)
        #expect(first.map(\.state) == [.breached] && first.map(\.ruleIndex) == [1] && first.map(\.elapsed) == [21_600])
    }

    @Test func aChangeThatKeepsTheRuleAndPriorityAppliesNothingNew() throws {
        // An assignment to another agent in the same team, and a priority "change" to the same value.
        let item = try Self.item(
            [
                event("1", "2026-11-23T09:00:00Z", .created),
                event("2", "2026-11-23T10:00:00Z", .assigned(agent: "c", team: "support")),
                event("3", "2026-11-23T11:00:00Z", .priorityChanged(.normal)),
            ],
            team: "support"
        )
        #expect(item.facts.targetChanges.isEmpty)
        let result = try Self.evaluator(.inForceWhenStarted).evaluate(item, at: try at("2026-11-23T12:00:00Z"))
        #expect(result.applications.count == 1 && result.applications[0].ruleIndex == 1)
    }

    @Test(arguments: [
        (BusinessTimeLanding.atNextOpening, "2026-11-24T09:00:00Z"),
        (.atClose, "2026-11-23T17:00:00Z"),
    ])
    func aBreachAtAClosingLandsAsTheSemanticsSay(landing: BusinessTimeLanding, expected: String) throws {
        // Created Monday 13:00, normal, no reply: the 4-hour first-reply target runs out at the 17:00 close.
        let item = try Self.item([event("1", "2026-11-23T13:00:00Z", .created)])
        let result = try Self.evaluator(.inForceWhenStarted, landing: landing).evaluate(
            item,
            at: try at("2026-11-24T12:00:00Z")
        )
        let first = try #require(result.outcomes(of: .firstReply).first)
        let breach = try at(expected)
        #expect(first.state == .breached && first.breachAt == breach)
    }

    @Test(arguments: [(ResolvedFirst.notApplicable, TargetState.notApplicable), (.fulfilled, .achieved)])
    func aCaseSolvedBeforeAnyReply(resolvedFirst: ResolvedFirst, expected: TargetState) throws {
        // Solved at 10:00 without a reply: within the 4-hour first-reply target, not applicable or (Zendesk)
        // fulfilled. Solved at 14:00 instead, 5 h on: breached under both readings.
        let policy = try ServiceLevelPolicy(
            id: "p",
            rules: [
                .init(
                    name: "r",
                    targets: [
                        .firstReply: try ServiceTarget(
                            kind: .firstReply,
                            clock: .calendarTime,
                            durations: [.normal: 14_400]
                        )
                    ]
                )
            ],
            semantics: EvaluationSemantics(resolvedFirst: resolvedFirst)
        )
        let evaluator = try PolicyEvaluator(policy: policy)
        for (solvedAt, state) in [("2026-11-23T10:00:00Z", expected), ("2026-11-23T14:00:00Z", TargetState.breached)] {
            let item = try Self.item([
                event("1", "2026-11-23T09:00:00Z", .created), event("2", solvedAt, .statusChanged(.solved)),
            ])
            let outcome = try evaluator.evaluate(item, at: try at("2026-11-23T18:00:00Z")).outcomes.first
            #expect(outcome?.state == state, "\(solvedAt)")
        }
    }

    @Test(arguments: [TargetSelection.inForceWhenStarted, .inForceWhileRunning])
    func aRecordedPolicyHistoryDecidesTheRule(selection: TargetSelection) throws {
        // Zendesk recorded "Standard" at creation (09:00) and "VIP queue" from 10:00; the first reply came at 10:30.
        // Started under Standard (4 h), the first reply is achieved; under inForceWhileRunning it took VIP's 1 h
        // at 10:00 and breached then.
        let policy = try ServiceLevelPolicy(
            id: "zendesk",
            rules: [
                .init(
                    name: "VIP queue",
                    when: .tag(["vip"]),
                    targets: [
                        .firstReply: try ServiceTarget(
                            kind: .firstReply,
                            clock: .calendarTime,
                            durations: [.normal: 3_600]
                        )
                    ]
                ),
                .init(
                    name: "Standard",
                    targets: [
                        .firstReply: try ServiceTarget(
                            kind: .firstReply,
                            clock: .calendarTime,
                            durations: [.normal: 14_400]
                        )
                    ]
                ),
            ],
            semantics: EvaluationSemantics(targets: selection)
        )
        let evaluator = try PolicyEvaluator(policy: policy)
        let item = try Self.item([
            event("1", "2026-11-23T09:00:00Z", .created),
            event("2", "2026-11-23T10:30:00Z", .agentReply(agent: "a")),
        ])
        let history = [
            RecordedRule(at: try at("2026-11-23T10:00:00Z"), rule: "VIP queue"),
            RecordedRule(at: try at("2026-11-23T09:00:00Z"), rule: "Standard"),
        ]
        let result = try evaluator.evaluate(item, at: try at("2026-11-23T12:00:00Z"), recordedRules: history)
        #expect(result.applications.map(\.reason) == [.created, .policyChanged])
        #expect(result.applications.map(\.ruleIndex) == [1, 0] && result.applications[1].eventPosition == 1)
        let first = try #require(result.outcomes.first)
        if selection == .inForceWhenStarted {
            #expect(first.state == .achieved && first.ruleIndex == 1 && first.target == 14_400)
        } else {
            let breach = try at("2026-11-23T10:00:00Z")
            #expect(first.state == .breached && first.ruleIndex == 0 && first.breachAt == breach)
        }
        // Without the history the conditions decide (no "vip" tag: Standard throughout).
        #expect(try evaluator.evaluate(item, at: try at("2026-11-23T12:00:00Z")).outcomes.first?.ruleIndex == 1)
        // A removed policy (no rule) leaves later cycles without targets; an unknown name is an error naming it.
        let removed = [RecordedRule(at: try at("2026-11-23T09:00:00Z"), rule: nil)]
        #expect(
            try evaluator.evaluate(item, at: try at("2026-11-23T12:00:00Z"), recordedRules: removed).outcomes.isEmpty
        )
        #expect {
            try evaluator.evaluate(
                item,
                at: try at("2026-11-23T12:00:00Z"),
                recordedRules: [RecordedRule(at: try at("2026-11-23T09:00:00Z"), rule: "Gold")]
            )
        } throws: { error in
            (error as? ServiceStandardsError)?.code == .unknownRule
                && (error as? ServiceStandardsError)?.path == "recordedRules[0].rule"
        }
    }

    @Test func theSemanticsAndTheOutcomesHaveAStableJSONForm() throws {
        let json = """
            {"id": "p", "semantics": {"targets": "inForceWhileRunning", "breachLanding": "atClose"},
             "rules": [{"targets": {"firstReply": {"clock": "calendar", "durations": {"normal": 60}}}}]}
            """
        let policy = try ServiceLevelPolicy.load(from: Data(json.utf8))
        #expect(policy.semantics == EvaluationSemantics(targets: .inForceWhileRunning, breachLanding: .atClose))
        let encoded = String(decoding: try JSONEncoder().encode(policy), as: UTF8.self)
        #expect(encoded.contains(#""semantics":{"#) && encoded.contains(#""breachLanding":"atClose""#))
        // The defaults are not written, so older documents read back unchanged.
        let plain = try ServiceLevelPolicy(id: "p", rules: [])
        #expect(!String(decoding: try JSONEncoder().encode(plain), as: UTF8.self).contains("semantics"))
        // An unknown field or value is an error naming it.
        for bad in [#"{"targets": "latest"}"#, #"{"landing": "atClose"}"#] {
            #expect(throws: (any Error).self) {
                try JSONDecoder().decode(EvaluationSemantics.self, from: Data(bad.utf8))
            }
        }
        // An outcome carries its rule and application in JSON; a negative index is refused.
        let item = try Self.item([event("1", "2026-11-23T09:00:00Z", .created)])
        let evaluation = try Self.evaluator(.inForceWhenStarted).evaluate(item, at: try at("2026-11-23T10:00:00Z"))
        let data = try JSONEncoder().encode(evaluation)
        #expect(try JSONDecoder().decode(CaseEvaluation.self, from: data) == evaluation)
        let outcome = String(decoding: try JSONEncoder().encode(evaluation.outcomes[0]), as: UTF8.self)
        #expect(outcome.contains(#""rule":1"#) && outcome.contains(#""application":0"#))
        let negative = outcome.replacingOccurrences(of: #""rule":1"#, with: #""rule":-1"#)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(TargetOutcome.self, from: Data(negative.utf8))
        }
    }
}

/// `PolicyEvaluator.explain`: the account of every outcome, checked against the figure it explains.
struct CaseExplanationTests {
    @Test func theAccountOfAPriorityChangeReadsStepByStep() throws {
        // Created 09:00 normal, pending 09:30–10:00, raised to high at 10:15, replied at 11:00.
        let item = try Case(
            id: "E",
            channel: .email,
            events: [
                event("1", "2026-11-23T09:00:00Z", .created),
                event("2", "2026-11-23T09:30:00Z", .statusChanged(.pending)),
                event("3", "2026-11-23T10:00:00Z", .statusChanged(.open)),
                event("4", "2026-11-23T10:15:00Z", .priorityChanged(.high)),
                event("5", "2026-11-23T11:00:00Z", .agentReply(agent: "a")),
            ]
        )
        let evaluator = try AppliedTargetsTests.evaluator(.inForceWhileRunning)
        let explanation = try evaluator.explain(item, at: try at("2026-11-23T12:00:00Z"))
        #expect(explanation.applications.map(\.reason) == [.created, .priorityChanged])
        let first = try #require(explanation.cycles.first { $0.outcome.kind == .firstReply })
        // The first reply's clock does not pause while pending: 2 h counted over three periods, against the
        // 90-minute target the priority change brought while it ran; breached at 10:30.
        #expect(first.periods.map(\.status) == [.new, .pending, .open] && first.periods.allSatisfy(\.counted))
        #expect(first.countedTotal == 7_200 && first.countedTotal == first.outcome.elapsed)
        #expect(first.outcome.state == .breached && first.outcome.application == 1)
        let text = explanation.text
        #expect(text.contains("Case E evaluated at 2026-11-23T12:00:00Z"))
        #expect(text.contains("1. 2026-11-23T10:15:00Z priorityChanged (event 3): rule 1 \"Everyone\", priority high"))
        #expect(
            text.contains("firstReply cycle 0: 2026-11-23T09:00:00Z → 2026-11-23T11:00:00Z; judged by application 1")
        )
        #expect(text.contains("breached: 2.00 h of 1.50 h, breached at 2026-11-23T10:30:00Z"))
        let data = try JSONEncoder().encode(explanation)
        #expect(try JSONDecoder().decode(CaseExplanation.self, from: data) == explanation)
    }

    @Test func everyCycleOfRandomCasesIsAccountedForExactly() throws {
        let (evaluator, _) = try examplePolicy()
        var rng = SeededGenerator(seed: 31)
        var cycles = 0
        for number in 0..<300 {
            let item = try AppliedTargetsReferenceTests.caseWithChanges(number, using: &rng)
            let now = item.facts.lastEventAt.addingTimeInterval(Double(number % 7) * 3_600)
            let explanation = try evaluator.explain(item, at: now)
            #expect(explanation.cycles.map(\.outcome) == (try evaluator.evaluate(item, at: now)).outcomes)
            for cycle in explanation.cycles {
                #expect(cycle.countedTotal == cycle.outcome.elapsed, "\(item.id) \(cycle.outcome.kind)")
                cycles += 1
            }
        }
        #expect(cycles > 800)  // 856 cycles compared
    }
}
