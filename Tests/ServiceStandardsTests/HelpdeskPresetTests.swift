import Foundation
import ServiceDomain
import ServiceStandards
import Testing

/// Helpdesk presets: each metric measured as its vendor documents it, on worked examples (UTC; Monday 2026-11-23).
struct HelpdeskPresetTests {
    static let office: CalendarID = "office"

    static func evaluate(
        _ preset: HelpdeskPreset,
        _ targets: [String: [Priority: TimeInterval]],
        clock: TargetClock = .calendarTime,
        _ events: [CaseEvent],
        at now: String = "2026-11-23T18:00:00Z"
    ) throws -> CaseEvaluation {
        let policy = try preset.policy(id: preset.id, rules: [.init(name: "All", clock: clock, targets: targets)])
        let calendar = try BusinessCalendar(timeZone: "UTC", weeklyHours: .weekdays(9, 17))
        let evaluator = try PolicyEvaluator(policy: policy, calendars: [office: calendar])
        return try evaluator.evaluate(try Case(id: "Z", channel: .email, events: events), at: try at(now))
    }

    /// Replied 09:00, pending 09:30–11:00, replied again 12:00.
    static func updates() throws -> [CaseEvent] {
        [
            try event("1", "2026-11-23T08:55:00Z", .created),
            try event("2", "2026-11-23T09:00:00Z", .agentReply(agent: "a")),
            try event("3", "2026-11-23T09:30:00Z", .statusChanged(.pending)),
            try event("4", "2026-11-23T11:00:00Z", .statusChanged(.open)),
            try event("5", "2026-11-23T12:00:00Z", .agentReply(agent: "a")),
        ]
    }

    @Test func zendeskPeriodicAndPausableUpdates() throws {
        // Periodic update runs through pending: 09:00–12:00 = 3 h. Pausable update stops for it: 1.5 h.
        let periodic = try Self.evaluate(.zendesk, ["Periodic update": [.normal: 7_200]], Self.updates())
        #expect(periodic.outcomes(of: .periodicUpdate).first?.elapsed == 10_800)
        #expect(periodic.outcomes(of: .periodicUpdate).first?.state == .breached)
        let pausable = try Self.evaluate(.zendesk, ["pausable update": [.normal: 7_200]], Self.updates())
        #expect(pausable.outcomes(of: .periodicUpdate).first?.elapsed == 5_400)
        #expect(pausable.outcomes(of: .periodicUpdate).first?.state == .achieved)
        // One rule has one of them; a metric Zendesk lacks is named with the ones it has.
        #expect {
            try HelpdeskPreset.zendesk.policy(
                id: "p",
                rules: [
                    .init(name: "r", clock: .calendarTime, targets: ["Periodic update": [:], "Pausable update": [:]])
                ]
            )
        } throws: { error in
            (error as? ServiceStandardsError)?.code == .inconsistent
        }
        #expect {
            try HelpdeskPreset.zendesk.policy(
                id: "p",
                rules: [.init(name: "r", clock: .calendarTime, targets: ["Resolution time": [.normal: 60]])]
            )
        } throws: { error in
            let failure = error as? ServiceStandardsError
            return failure?.code == .unknownMetric && failure?.path == "rules[0].targets.Resolution time"
                && failure?.message.contains("\"First reply time\"") == true
        }
    }

    @Test func zendeskSolvingFulfilsAReplyMetricAndBreachesLandAtTheClose() throws {
        // Solved 30 minutes after creation without a reply: the first reply is fulfilled.
        let solved = try Self.evaluate(
            .zendesk,
            ["First reply time": [.normal: 3_600]],
            [
                try event("1", "2026-11-23T09:00:00Z", .created),
                try event("2", "2026-11-23T09:30:00Z", .statusChanged(.solved)),
            ]
        )
        #expect(solved.outcomes.first?.state == .achieved)
        // Four business hours from 13:00 run out at the 17:00 close, and are due then.
        let late = try Self.evaluate(
            .zendesk,
            ["First reply time": [.normal: 14_400]],
            clock: .businessHours(Self.office),
            [try event("1", "2026-11-23T13:00:00Z", .created)],
            at: "2026-11-24T12:00:00Z"
        )
        #expect(late.outcomes.first?.breachAt == (try at("2026-11-23T17:00:00Z")))
        // Requester wait pauses while pending; agent work while pending and on hold (fixed by the kinds).
        let waits = try Self.evaluate(
            .zendesk,
            ["Requester wait time": [.normal: 86_400], "Agent work time": [.normal: 86_400]],
            [
                try event("1", "2026-11-23T09:00:00Z", .created),
                try event("2", "2026-11-23T10:00:00Z", .statusChanged(.onHold)),
                try event("3", "2026-11-23T11:00:00Z", .statusChanged(.pending)),
                try event("4", "2026-11-23T12:00:00Z", .statusChanged(.solved)),
            ]
        )
        #expect(waits.outcomes(of: .requesterWait).first?.elapsed == 7_200)
        #expect(waits.outcomes(of: .agentWork).first?.elapsed == 3_600)
        #expect(HelpdeskPreset.zendesk.semantics.targets == .inForceWhileRunning)
    }

    @Test func freshdeskResponsesPauseAndEveryResponseIsTheNextReply() throws {
        // First response: created 09:00, pending 09:30–10:00, answered 11:00: 1.5 h. Every response: the customer
        // writes at 12:00, the agent answers at 12:45.
        let result = try Self.evaluate(
            .freshdesk,
            ["First response time": [.normal: 3_600], "Every response time": [.normal: 3_600]],
            [
                try event("1", "2026-11-23T09:00:00Z", .created),
                try event("2", "2026-11-23T09:30:00Z", .statusChanged(.pending)),
                try event("3", "2026-11-23T10:00:00Z", .statusChanged(.open)),
                try event("4", "2026-11-23T11:00:00Z", .agentReply(agent: "a")),
                try event("5", "2026-11-23T12:00:00Z", .customerReply),
                try event("6", "2026-11-23T12:45:00Z", .agentReply(agent: "a")),
            ]
        )
        #expect(result.outcomes(of: .firstReply).map(\.elapsed) == [5_400])
        #expect(result.outcomes(of: .firstReply).map(\.state) == [.breached])
        #expect(result.outcomes(of: .nextReply).map(\.elapsed) == [2_700])
    }

    @Test func jiraResolvingMeetsTheFirstResponseAndServiceNowKeepsTheStartingTarget() throws {
        let resolved = try Self.evaluate(
            .jiraServiceManagement,
            ["Time to first response": [.normal: 3_600], "Time to resolution": [.normal: 7_200]],
            [
                try event("1", "2026-11-23T09:00:00Z", .created),
                try event("2", "2026-11-23T09:20:00Z", .statusChanged(.pending)),
                try event("3", "2026-11-23T09:50:00Z", .statusChanged(.solved)),
            ]
        )
        // Resolved at 09:50 without a comment, within the hour: the first response is met (resolution stops it).
        // Resolution paused while waiting for the customer, 09:20–09:50: 20 minutes.
        #expect(resolved.outcomes(of: .firstReply).map(\.state) == [.achieved])
        #expect(resolved.outcomes(of: .resolution).map(\.elapsed) == [1_200])
        #expect(HelpdeskPreset.serviceNow.semantics.targets == .inForceWhenStarted)
        #expect(HelpdeskPreset.all.map(\.id) == ["zendesk", "freshdesk", "jira-service-management", "servicenow"])
        #expect(HelpdeskPreset.named("freshdesk") == .freshdesk && HelpdeskPreset.named("kayako") == nil)
        // A preset's policy writes its semantics, so the JSON reads back the same answers.
        let policy = try HelpdeskPreset.zendesk.policy(
            id: "p",
            rules: [.init(name: "r", clock: .calendarTime, targets: ["First reply time": [.normal: 60]])]
        )
        #expect(try ServiceLevelPolicy.load(from: try JSONEncoder().encode(policy)) == policy)
    }

    @Test func zendeskNextReplyAfterASolveAndFirstReplyAcrossTheClockChange() throws {
        // Solved at 10:00; the customer writes at 11:00, which reopens the ticket at 11:05; the agent answers at
        // 11:35. The next reply starts at the customer's comment (the oldest unanswered one), not at the reopen; its
        // clock runs from the reopen, as no clock runs while a case is solved: 30 minutes.
        let reopened = try Self.evaluate(
            .zendesk,
            ["Next reply time": [.normal: 3_600]],
            [
                try event("1", "2026-11-23T09:00:00Z", .created),
                try event("2", "2026-11-23T09:30:00Z", .agentReply(agent: "a")),
                try event("3", "2026-11-23T10:00:00Z", .statusChanged(.solved)),
                try event("4", "2026-11-23T11:00:00Z", .customerReply),
                try event("5", "2026-11-23T11:05:00Z", .reopened),
                try event("6", "2026-11-23T11:35:00Z", .agentReply(agent: "a")),
            ]
        )
        let next = try #require(reopened.outcomes(of: .nextReply).first)
        let comment = try at("2026-11-23T11:00:00Z")
        #expect(next.startedAt == comment && next.elapsed == 1_800 && next.state == .achieved)
        // London office hours over the end of summer time (Sunday 25 October 2026): created Friday 16:00 BST
        // (15:00Z), answered Monday 10:00 GMT (10:00Z): Friday 16:00–17:00 and Monday 09:00–10:00, 2 business hours.
        let policy = try HelpdeskPreset.zendesk.policy(
            id: "z",
            rules: [
                .init(name: "All", clock: .businessHours("london"), targets: ["First reply time": [.normal: 7_200]])
            ]
        )
        let london = try BusinessCalendar(timeZone: "Europe/London", weeklyHours: .weekdays(9, 17))
        let item = try Case(
            id: "D",
            channel: .email,
            events: [
                try event("1", "2026-10-23T15:00:00Z", .created),
                try event("2", "2026-10-26T10:00:00Z", .agentReply(agent: "a")),
            ]
        )
        let first = try #require(
            try PolicyEvaluator(policy: policy, calendars: ["london": london]).evaluate(
                item,
                at: try at("2026-10-26T12:00:00Z")
            )
            .outcomes.first
        )
        #expect(first.elapsed == 7_200 && first.state == .achieved)
    }
}
