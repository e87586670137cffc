import Foundation
import ServiceDomain
import Testing

@testable import ServiceStandards

/// One case of thousands of events (a bot loop, a mail storm), which the evaluator and the explanation once handled
/// in time quadratic in its events: the figures must still add up. (Their speed is measured in `Benchmarks/`,
/// `case-scale-benchmark`, never here.)
@Suite("A case of thousands of events")
struct LongCaseTests {
    static func longCase(_ size: Int) throws -> (Case, Date) {
        let start = Date(timeIntervalSince1970: 1_767_600_000)  // 2026-01-05, a Monday
        var events = [CaseEvent(id: "0", at: start, kind: .created)]
        var at = start
        for number in 1..<size {
            at = at.addingTimeInterval(Double(60 + number % 240))
            let kind: CaseEvent.Kind
            switch number % 6 {
            case 0, 2: kind = .customerReply
            case 1, 3: kind = .agentReply(agent: "A")
            case 4: kind = .statusChanged(.pending)
            default: kind = .statusChanged(.open)
            }
            events.append(CaseEvent(id: CaseEventID(String(number)), at: at, kind: kind))
        }
        return (try Case(id: "C", channel: .email, events: events), at.addingTimeInterval(3_600))
    }

    /// Every cycle's explanation adds up to the time the evaluation counted: on elapsed time exactly (whole seconds),
    /// and on business hours to a microsecond; every next-reply cycle is one customer message to the next agent
    /// reply, and the resolution clock counts only the open periods (a hand count: 2 of every 6 events are
    /// pending, and pending pauses resolution).
    @Test("the explanation of every cycle adds up to its elapsed time", arguments: [false, true])
    func explanationAddsUp(businessHours: Bool) throws {
        let (item, now) = try Self.longCase(3_000)
        let clock: TargetClock = businessHours ? .businessHours("office") : .calendarTime
        let policy = try ServiceLevelPolicy(
            id: "p",
            rules: [
                .init(
                    name: "all",
                    targets: [
                        .nextReply: try ServiceTarget(kind: .nextReply, clock: clock, durations: [.normal: 600]),
                        .resolution: try ServiceTarget(
                            kind: .resolution,
                            clock: clock,
                            durations: [.normal: 10 * 86_400],
                            pausedStatuses: [.pending]
                        ),
                    ]
                )
            ]
        )
        let office = try BusinessCalendar(timeZone: "Europe/London", weeklyHours: .weekdays(9, 17))
        let evaluator = try PolicyEvaluator(policy: policy, calendars: ["office": office])
        let explanation = try evaluator.explain(item, at: now)
        let nextReplies = explanation.cycles.filter { $0.outcome.kind == .nextReply }
        // 3,000 events: a customer message at positions 6k and 6k + 2, each answered at 6k + 1 and 6k + 3.
        #expect(nextReplies.count == 999)
        for cycle in explanation.cycles {
            let counted = cycle.periods.filter(\.counted).reduce(0.0) { $0 + $1.seconds }
            #expect(abs(counted - cycle.outcome.elapsed) <= (businessHours ? 1e-6 : 0), "\(cycle.outcome.kind)")
        }
        if !businessHours {
            // Resolution counts every second since creation but the pending stretches (position 6k + 4 to 6k + 5).
            var pending = 0.0
            let instants = item.events.map(\.at)
            for index in stride(from: 4, to: instants.count - 1, by: 6) {
                pending += instants[index + 1].timeIntervalSince(instants[index])
            }
            let resolution = try #require(explanation.cycles.first { $0.outcome.kind == .resolution })
            #expect(resolution.outcome.elapsed == now.timeIntervalSince(instants[0]) - pending)
        }
    }
}
