import Foundation
import ServiceDomain
import ServiceStandards
import Testing

func at(_ text: String) throws -> Date { try InstantCoding.date(from: text) }

func event(_ id: String, _ time: String, _ kind: CaseEvent.Kind) throws -> CaseEvent {
    CaseEvent(id: CaseEventID(id), at: try at(time), kind: kind)
}

let hourSeconds: TimeInterval = 3600

/// The policy of these worked examples.
///
/// Business hours: UTC, Monday–Friday 09:00–17:00, closed Christmas Day
/// (Friday 2026-12-25).
/// Rule 0 (urgent, high): first reply 2 h (high) / 1 h (urgent), next reply 4 h, periodic update 24 h of calendar
/// time, resolution 16 h without pending/on-hold, requester wait 10 h, agent work 6 h — all business hours except
/// the periodic update.
/// Rule 1 (everything else, calendar time): resolution 24 h.
func examplePolicy() throws -> (PolicyEvaluator, ServiceLevelPolicy) {
    let office: CalendarID = "office"
    let business = TargetClock.businessHours(office)
    let policy = try ServiceLevelPolicy(
        id: "example",
        rules: [
            .init(
                name: "Urgent and high",
                when: .priority([.urgent, .high]),
                targets: [
                    .firstReply: try ServiceTarget(
                        kind: .firstReply,
                        clock: business,
                        durations: [.high: 2 * hourSeconds, .urgent: hourSeconds]
                    ),
                    .nextReply: try ServiceTarget(
                        kind: .nextReply,
                        clock: business,
                        durations: [.high: 4 * hourSeconds, .urgent: 2 * hourSeconds]
                    ),
                    .periodicUpdate: try ServiceTarget(
                        kind: .periodicUpdate,
                        clock: .calendarTime,
                        durations: [.high: 24 * hourSeconds]
                    ),
                    .resolution: try ServiceTarget(
                        kind: .resolution,
                        clock: business,
                        durations: [.high: 16 * hourSeconds],
                        pausedStatuses: [.pending, .onHold]
                    ),
                    .requesterWait: try ServiceTarget(
                        kind: .requesterWait,
                        clock: business,
                        durations: [.high: 10 * hourSeconds]
                    ),
                    .agentWork: try ServiceTarget(
                        kind: .agentWork,
                        clock: business,
                        durations: [.high: 6 * hourSeconds]
                    ),
                ]
            ),
            .init(
                name: "Everything else",
                targets: [
                    .resolution: try ServiceTarget(
                        kind: .resolution,
                        clock: .calendarTime,
                        durations: [.normal: 24 * hourSeconds, .low: 72 * hourSeconds]
                    )
                ]
            ),
        ]
    )
    let calendar = try BusinessCalendar(
        timeZone: "UTC",
        weeklyHours: .weekdays(9, 17),
        holidays: [Holiday(LocalDate("2026-12-25"), name: "Christmas Day")]
    )
    return (try PolicyEvaluator(policy: policy, calendars: [office: calendar]), policy)
}

struct PolicyEvaluatorTests {
    @Test func aCaseOverAWeekendWithPauseAndTwoReplyCycles() throws {
        let (evaluator, _) = try examplePolicy()
        let item = try Case(
            id: "A",
            channel: .email,
            priority: .high,
            events: [
                event("1", "2026-11-27T16:00:00Z", .created),  // Friday
                event("2", "2026-11-30T09:30:00Z", .agentReply(agent: "A-1")),  // Monday
                event("3", "2026-11-30T09:31:00Z", .statusChanged(.pending)),
                event("4", "2026-11-30T13:00:00Z", .customerReply),
                event("5", "2026-11-30T13:00:00Z", .statusChanged(.open)),
                event("6", "2026-11-30T16:00:00Z", .agentReply(agent: "A-1")),
                event("7", "2026-11-30T16:05:00Z", .statusChanged(.solved)),
            ]
        )
        let result = try evaluator.evaluate(item, at: at("2026-12-01T12:00:00Z"))
        #expect(result.ruleIndex == 0)
        // First reply: Friday 16:00–17:00 (1 h) + Monday 09:00–09:30 (0.5 h) = 5 400 s ≤ 7 200 s.
        let first = try #require(result.outcomes(of: .firstReply).first)
        #expect(first.state == .achieved && first.elapsed == 5_400 && first.breachAt == nil)
        // Next reply: the customer wrote at 13:00, the agent answered at 16:00: 3 h ≤ 4 h.
        #expect(result.outcomes(of: .nextReply).map(\.elapsed) == [3 * hourSeconds])
        #expect(result.outcomes(of: .nextReply).map(\.state) == [.achieved])
        // Resolution without pending: new Fri 16:00–17:00 and Mon 09:00–09:31 (1 h 31 min), pending 09:31–13:00
        // paused, open 13:00–16:05 (3 h 5 min): 4 h 36 min = 16 560 s.
        #expect(result.outcomes(of: .resolution).map(\.elapsed) == [16_560])
        // Requester wait (new, open, on-hold) and agent work (new, open) are the same 16 560 s here.
        #expect(result.outcomes(of: .requesterWait).first?.elapsed == 16_560)
        #expect(result.outcomes(of: .agentWork).first?.state == .achieved)
        // Periodic update, calendar time, paused while pending: cycle 0 from the 09:30 reply to the 16:00 reply
        // counts 09:30–09:31 (new) and 13:00–16:00 (open) = 10 860 s, achieved; cycle 1 from the 16:00 reply ends at
        // the 16:05 solve without another reply: 300 s, not applicable.
        #expect(result.outcomes(of: .periodicUpdate).map(\.elapsed) == [10_860, 300])
        #expect(result.outcomes(of: .periodicUpdate).map(\.state) == [.achieved, .notApplicable])
        #expect(!result.hasBreach)
    }

    @Test func activeWithWarningThenBreachedWhileOpen() throws {
        let (evaluator, _) = try examplePolicy()
        let item = try Case(
            id: "B",
            channel: .phone,
            priority: .high,
            events: [event("1", "2026-12-01T10:00:00Z", .created)]
        )
        // At 11:30: 1.5 h of 2 h used (75 %: the warning share); the target breaches at 12:00.
        let early = try #require(
            try evaluator.evaluate(item, at: at("2026-12-01T11:30:00Z")).outcomes(of: .firstReply).first
        )
        #expect(early.state == .active && early.elapsed == 5_400 && early.remaining == 1_800 && early.isWarning)
        #expect(early.breachAt == (try at("2026-12-01T12:00:00Z")))
        // At 16:30: 10:00–16:30 = 6.5 h counted, breached at 12:00 by 4.5 h.
        let late = try #require(
            try evaluator.evaluate(item, at: at("2026-12-01T16:30:00Z")).outcomes(of: .firstReply).first
        )
        #expect(late.state == .breached && late.overrun == 4.5 * hourSeconds)
        #expect(late.breachAt == (try at("2026-12-01T12:00:00Z")))
        // At 10:30 a new case is not yet at the warning share (0.5 h of 2 h).
        #expect(
            try evaluator.evaluate(item, at: at("2026-12-01T10:30:00Z")).outcomes(of: .firstReply).first?.isWarning
                == false
        )
        // An active target at the end of the day breaches the next morning: at 16:30 Friday with 1 h left → Monday 09:30.
        let friday = try Case(
            id: "F",
            channel: .phone,
            priority: .high,
            events: [event("1", "2026-12-04T15:30:00Z", .created)]
        )
        let outcome = try #require(
            try evaluator.evaluate(friday, at: at("2026-12-04T16:30:00Z")).outcomes(of: .firstReply).first
        )
        #expect(outcome.breachAt == (try at("2026-12-07T09:30:00Z")))
    }

    @Test func pausedWhilePending() throws {
        let (evaluator, _) = try examplePolicy()
        let item = try Case(
            id: "C",
            channel: .email,
            priority: .high,
            events: [
                event("1", "2026-12-01T10:00:00Z", .created),
                event("2", "2026-12-01T10:30:00Z", .agentReply(agent: nil)),
                event("3", "2026-12-01T10:31:00Z", .statusChanged(.pending)),
            ]
        )
        let result = try evaluator.evaluate(item, at: at("2026-12-01T15:00:00Z"))
        // Resolution excludes pending: 10:00–10:31 = 1 860 s, and the clock is stopped.
        let resolution = try #require(result.outcomes(of: .resolution).first)
        #expect(resolution.state == .paused && resolution.elapsed == 1_860 && resolution.breachAt == nil)
        // Periodic update also pauses while pending: 60 s counted from the 10:30 reply.
        #expect(result.outcomes(of: .periodicUpdate).first?.state == .paused)
    }

    @Test func reopenStartsNewResolutionAndNextReplyCycles() throws {
        let (evaluator, _) = try examplePolicy()
        let item = try Case(
            id: "D",
            channel: .email,
            priority: .high,
            events: [
                event("1", "2026-12-02T09:00:00Z", .created),
                event("2", "2026-12-02T09:20:00Z", .agentReply(agent: nil)),
                event("3", "2026-12-02T10:00:00Z", .statusChanged(.solved)),
                event("4", "2026-12-03T09:00:00Z", .customerReply), event("5", "2026-12-03T09:00:00Z", .reopened),
                event("6", "2026-12-03T09:45:00Z", .agentReply(agent: nil)),
                event("7", "2026-12-03T11:00:00Z", .statusChanged(.solved)),
            ]
        )
        let result = try evaluator.evaluate(item, at: at("2026-12-04T09:00:00Z"))
        // Resolution: Wed 09:00–10:00 (1 h), then from the reopen Thu 09:00–11:00 (2 h); both achieved.
        #expect(result.outcomes(of: .resolution).map(\.elapsed) == [hourSeconds, 2 * hourSeconds])
        #expect(result.outcomes(of: .resolution).map(\.cycle) == [0, 1])
        // The customer's reply that reopened the case starts a next-reply cycle: 09:00–09:45.
        #expect(result.outcomes(of: .nextReply).map(\.elapsed) == [2_700])
        // Requester wait is cumulative over both cycles: 1 h + 2 h.
        #expect(result.outcomes(of: .requesterWait).first?.elapsed == 3 * hourSeconds)
        // First reply never restarts: 20 min.
        #expect(result.outcomes(of: .firstReply).map(\.elapsed) == [1_200])
    }

    @Test func nightsWeekendsAndAHolidayAreNotCounted() throws {
        let (evaluator, _) = try examplePolicy()
        // Created Thursday 24 December 16:30, answered Monday 28 December 10:00: Thursday 0.5 h; Friday is Christmas
        // Day (closed), then a weekend; Monday 09:00–10:00 1 h. 1.5 h ≤ 2 h.
        let item = try Case(
            id: "E",
            channel: .email,
            priority: .high,
            events: [
                event("1", "2026-12-24T16:30:00Z", .created),
                event("2", "2026-12-28T10:00:00Z", .agentReply(agent: nil)),
            ]
        )
        let first = try #require(
            try evaluator.evaluate(item, at: at("2026-12-28T12:00:00Z")).outcomes(of: .firstReply).first
        )
        #expect(first.elapsed == 1.5 * hourSeconds && first.state == .achieved)
    }

    @Test func calendarTimeAcrossAFallBackDayCountsTheRepeatedHour() throws {
        // Rule 1's resolution target is 24 h of calendar time. Created Saturday 31 October 2026 12:00 in New York
        // (16:00Z, EDT) and solved Sunday 1 November 12:00 (17:00Z, EST): the wall clock says 24 h but 25 h passed,
        // so the target was breached by 1 h, at 2026-11-01T16:00Z (11:00 EST).
        let (evaluator, _) = try examplePolicy()
        let item = try Case(
            id: "G",
            channel: .phone,
            priority: .normal,
            events: [
                event("1", "2026-10-31T12:00:00-04:00", .created),
                event("2", "2026-11-01T12:00:00-05:00", .statusChanged(.solved)),
            ]
        )
        let result = try evaluator.evaluate(item, at: at("2026-11-02T00:00:00Z"))
        #expect(result.ruleIndex == 1)
        let resolution = try #require(result.outcomes(of: .resolution).first)
        #expect(resolution.state == .breached && resolution.overrun == hourSeconds)
        #expect(resolution.breachAt == (try at("2026-11-01T16:00:00Z")))
    }

    @Test func firstReplyIsNotApplicableWhenSolvedWithoutOne() throws {
        let (evaluator, _) = try examplePolicy()
        let item = try Case(
            id: "H",
            channel: .chat,
            priority: .high,
            events: [
                event("1", "2026-12-01T10:00:00Z", .created),
                event("2", "2026-12-01T10:10:00Z", .statusChanged(.solved)),
            ]
        )
        let result = try evaluator.evaluate(item, at: at("2026-12-01T12:00:00Z"))
        #expect(result.outcomes(of: .firstReply).map(\.state) == [.notApplicable])
    }

    @Test func eventsAfterNowAreIgnoredAndPrioritiesWithoutATargetHaveNone() throws {
        let (evaluator, _) = try examplePolicy()
        let item = try Case(
            id: "I",
            channel: .phone,
            priority: .high,
            events: [
                event("1", "2026-12-01T10:00:00Z", .created),
                event("2", "2026-12-01T13:00:00Z", .agentReply(agent: nil)),
            ]
        )
        // At 11:00 the reply has not happened yet: active with 1 h counted.
        let outcome = try #require(
            try evaluator.evaluate(item, at: at("2026-12-01T11:00:00Z")).outcomes(of: .firstReply).first
        )
        #expect(outcome.state == .active && outcome.elapsed == hourSeconds)
        // Priority normal matches rule 1, which has only a resolution target.
        let normal = try Case(id: "J", channel: .phone, events: [event("1", "2026-12-01T10:00:00Z", .created)])
        #expect(try evaluator.evaluate(normal, at: at("2026-12-01T11:00:00Z")).outcomes.map(\.kind) == [.resolution])
        // An unknown priority has no durations anywhere: no outcomes.
        let odd = try Case(
            id: "K",
            channel: .phone,
            priority: "p0",
            events: [event("1", "2026-12-01T10:00:00Z", .created)]
        )
        #expect(try evaluator.evaluate(odd, at: at("2026-12-01T11:00:00Z")).outcomes.isEmpty)
        #expect {
            try evaluator.evaluate(item, at: at("2026-12-01T09:00:00Z"))
        } throws: { ($0 as? ServiceStandardsError)?.path == "now" }
    }
}
