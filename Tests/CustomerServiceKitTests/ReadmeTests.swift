import CustomerServiceKit
import Foundation
import Testing

/// The README's quickstart, line for line, with its hand-computed figures checked.
struct ReadmeTests {
    @Test func quickstartFiguresAreRight() throws {
        let calendar = try BusinessCalendar(
            timeZone: "Europe/London",
            weeklyHours: .weekdays([OpeningInterval("09:00", "12:30"), OpeningInterval("13:30", "17:30")]),
            holidays: [Holiday(LocalDate("2026-12-25"), name: "Christmas Day")]
        )
        let ticket = try Case(
            id: "C-1042",
            channel: .email,
            priority: .high,
            events: [
                CaseEvent(id: "e1", at: InstantCoding.date(from: "2026-12-24T16:00:00Z"), kind: .created),
                CaseEvent(
                    id: "e2",
                    at: InstantCoding.date(from: "2026-12-29T09:45:00Z"),
                    kind: .agentReply(agent: "A-7")
                ),
            ]
        )
        let reply = try #require(ticket.facts.firstAgentReplyAt)
        // 1.5 h (Thursday 16:00–17:30) + 7.5 h (Monday) + 0.75 h (Tuesday 09:00–09:45) = 9.75 h = 35 100 s.
        #expect(try calendar.businessDuration(from: ticket.createdAt, to: reply) == 35_100)
        // 8 h: 1.5 h on Thursday, then 3.5 h Monday morning and 3 h from 13:30 → Monday 16:30 (GMT).
        #expect(
            try calendar.date(byAdding: 8 * 3600, to: ticket.createdAt)
                == (try InstantCoding.date(from: "2026-12-28T16:30:00Z"))
        )
    }
}
