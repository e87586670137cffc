import Foundation
import ServiceDomain
import Testing

struct TimeBucketingTests {
    static func instant(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text))
    }

    @Test func labelsFollowTheLocalClockAcrossADaylightSavingChange() throws {
        // Europe/London moves from GMT to BST at 01:00 UTC on 2026-03-29: 00:30Z is 00:30 local, 01:30Z is 02:30.
        let hours = try TimeBucketing(.hour, timeZone: "Europe/London")
        #expect(try hours.label(of: Self.instant("2026-03-29T00:30:00Z")) == "2026-03-29T00")
        #expect(try hours.label(of: Self.instant("2026-03-29T01:30:00Z")) == "2026-03-29T02")
    }

    @Test(arguments: [
        // 03:00Z on Monday 2026-11-23 is 22:00 on Sunday 2026-11-22 in New York (EST, UTC−5). 2026-01-01 is a
        // Thursday, so ISO week 1 starts on Monday 2025-12-29 and Monday 2026-11-16 starts week 47
        // (322 days later = 46 weeks).
        (TimeBucket.hour, "2026-11-22T22"), (.day, "2026-11-22"), (.week, "2026-W47"), (.month, "2026-11"),
    ])
    func labelsEachPeriod(bucket: TimeBucket, expected: String) throws {
        let bucketing = try TimeBucketing(bucket, timeZone: "America/New_York")
        #expect(try bucketing.label(of: Self.instant("2026-11-23T03:00:00Z")) == expected)
    }

    @Test func sharesTheCalendarsTimeZone() throws {
        let calendar = try BusinessCalendar(timeZone: "Asia/Tokyo", weeklyHours: .weekdays(9, 17))
        let days = TimeBucketing(.day, in: calendar)
        // 20:00Z is 05:00 the next day in Tokyo (UTC+9).
        #expect(try days.label(of: Self.instant("2026-11-23T20:00:00Z")) == "2026-11-24")
        #expect(days == (try TimeBucketing(.day, timeZone: "Asia/Tokyo")))
    }

    @Test func rejectsUnknownZonesAndUnusableInstants() throws {
        #expect { try TimeBucketing(.day, timeZone: "Mars/Olympus_Mons") } throws: {
            ($0 as? ServiceDomainError)?.code == .unknownTimeZone
        }
        #expect { try TimeBucketing(.day, timeZone: "") } throws: {
            ($0 as? ServiceDomainError)?.path == "timeZone"
        }
        let days = try TimeBucketing(.day, timeZone: "UTC")
        #expect { try days.label(of: Date(timeIntervalSince1970: .nan)) } throws: {
            ($0 as? ServiceDomainError)?.code == .nonFinite
        }
        #expect { try days.label(of: Date(timeIntervalSince1970: 1e12)) } throws: {
            ($0 as? ServiceDomainError)?.code == .outOfRange
        }
    }

    @Test func roundTripsThroughJSONAndChecksTheZoneOnDecoding() throws {
        let weeks = try TimeBucketing(.week, timeZone: "Europe/London")
        let data = try JSONEncoder().encode(weeks)
        #expect(String(decoding: data, as: UTF8.self).contains("\"timeZone\":\"Europe\\/London\""))
        #expect(try JSONDecoder().decode(TimeBucketing.self, from: data) == weeks)
        #expect {
            try JSONDecoder().decode(
                TimeBucketing.self,
                from: Data(#"{"bucket":"day","timeZone":"Nowhere/Here"}"#.utf8)
            )
        } throws: { ($0 as? ServiceDomainError)?.code == .unknownTimeZone }
    }

    @Test func groupsContactsByTheirOwnFields() throws {
        let contact = try Contact(
            id: "K-1",
            channel: .phone,
            queue: "billing",
            offeredAt: Self.instant("2026-11-23T09:00:05Z"),
            outcome: .answered(at: Self.instant("2026-11-23T09:00:31Z"), agent: "A-7"),
            talkTime: 300
        )
        #expect(try GroupingDimension<Contact>.queue.value(of: contact) == "billing")
        #expect(try GroupingDimension<Contact>.agent.value(of: contact) == "A-7")
        #expect(try GroupingDimension<Contact>.offered(.hour, timeZone: "UTC").value(of: contact) == "2026-11-23T09")
        #expect(try GroupingDimension<Contact>.offered(.hour, timeZone: "UTC").name == "offeredHour")
    }

    @Test func keyPathsAndSegmentsGroupCases() throws {
        let customer = try Customer(id: "K-1", role: .consumer, segments: ["gold", "business"])
        let item = try Case(
            id: "C-1",
            channel: .email,
            customer: customer,
            events: [CaseEvent(id: "1", at: try Self.instant("2026-11-23T09:00:00Z"), kind: .created)]
        )
        #expect(try GroupingDimension<Case>.segment.value(of: item) == "business,gold")
        let plain = try Case(
            id: "C-2",
            channel: .email,
            events: [CaseEvent(id: "1", at: try Self.instant("2026-11-23T09:00:00Z"), kind: .created)]
        )
        #expect(try GroupingDimension<Case>.segment.value(of: plain) == "")
        let queue = GroupingDimension<Contact>(name: "queue", keyPath: \.queue)
        let contact = try Contact(
            id: "K",
            channel: .chat,
            queue: "sales",
            offeredAt: try Self.instant("2026-11-23T09:00:00Z"),
            outcome: .queued
        )
        #expect(try queue.value(of: contact) == "sales")
    }
}
