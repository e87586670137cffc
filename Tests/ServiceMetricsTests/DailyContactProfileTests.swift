import Foundation
import ServiceDomain
import ServiceMetrics
import Testing

struct DailyContactProfileTests {
    static func at(_ text: String) throws -> Date { try InstantCoding.date(from: text) }

    @Test func averagesEachIntervalOverTheDaysWithContacts() throws {
        // Two days in London (BST in July: local = UTC + 1 h). Day 1: two calls at 09:05 and 09:20 local, one
        // answered with 300 s handling, one abandoned after 60 s; day 2: one call at 09:10 answered with 500 s and one
        // at 10:40 answered with 200 s, each after 30 s.
        let calls = [
            try Contact(
                id: "1",
                channel: .phone,
                offeredAt: try Self.at("2026-07-01T08:05:00Z"),
                outcome: .answered(at: try Self.at("2026-07-01T08:05:30Z"), agent: nil),
                talkTime: 240,
                wrapUpTime: 60
            ),
            try Contact(
                id: "2",
                channel: .phone,
                offeredAt: try Self.at("2026-07-01T08:20:00Z"),
                outcome: .abandoned(at: try Self.at("2026-07-01T08:21:00Z"))
            ),
            try Contact(
                id: "3",
                channel: .phone,
                offeredAt: try Self.at("2026-07-02T08:10:00Z"),
                outcome: .answered(at: try Self.at("2026-07-02T08:10:30Z"), agent: nil),
                talkTime: 500
            ),
            try Contact(
                id: "4",
                channel: .phone,
                offeredAt: try Self.at("2026-07-02T09:40:00Z"),
                outcome: .answered(at: try Self.at("2026-07-02T09:40:30Z"), agent: nil),
                talkTime: 200
            ),
        ]
        let london = try #require(TimeZone(identifier: "Europe/London"))
        let profile = try DailyContactProfile(calls, timeZone: london)
        #expect(profile.days == 2)
        // 09:00–09:30: three calls over two days = 1.5; handle (300 + 500) / 2 = 400 s. 10:30: 0.5 calls, 200 s.
        #expect(profile.intervals.map(\.label) == ["09:00", "10:30"])
        #expect(profile.intervals.map(\.calls) == [1.5, 0.5])
        #expect(profile.intervals.map(\.averageHandleTime) == [400, 200])
        // Patience: waits 30 + 60 + 30 + 30 = 150 s over one abandonment.
        #expect(profile.averagePatience == 150)
        #expect(try profile.load(of: profile.intervals[0]).traffic == 1.5 / 1_800 * 400)
        #expect(try JSONDecoder().decode(DailyContactProfile.self, from: JSONEncoder().encode(profile)) == profile)
    }

    @Test(arguments: [0, 59, 7, 1_000, 90_000])
    func intervalsMustDivideTheDay(length: Int) throws {
        let utc = try #require(TimeZone(identifier: "UTC"))
        #expect { try DailyContactProfile([], timeZone: utc, intervalLength: length) } throws: {
            ($0 as? ServiceMetricsError)?.path == "intervalLength"
        }
    }

    @Test func withoutAnAnsweredCallThereIsNothingToPlan() throws {
        let utc = try #require(TimeZone(identifier: "UTC"))
        let lost = try Contact(
            id: "1",
            channel: .phone,
            offeredAt: try Self.at("2026-07-01T08:05:00Z"),
            outcome: .abandoned(at: try Self.at("2026-07-01T08:06:00Z"))
        )
        #expect { try DailyContactProfile([lost], timeZone: utc) } throws: {
            ($0 as? ServiceMetricsError)?.code == .empty
        }
        #expect { try DailyContactProfile([], timeZone: utc) } throws: { ($0 as? ServiceMetricsError)?.code == .empty }
    }
}
