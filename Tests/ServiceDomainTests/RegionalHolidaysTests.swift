import Foundation
import ServiceDomain
import Testing

struct RegionalHolidaysTests {
    static func dates(_ source: RegionalHolidays, _ year: Int) throws -> [String] {
        try source.holidays(in: year...year).map(\.date.description)
    }

    @Test func englandAndWales2026And2027AsProclaimed() throws {
        // gov.uk/bank-holidays. 2026: Boxing Day is a Saturday, its substitute Monday 28 December.
        #expect(
            try Self.dates(.englandAndWales, 2026) == [
                "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25",
                "2026-12-28",
            ]
        )
        // 2027: Christmas Day on a Saturday (substitute Monday 27) and Boxing Day on a Sunday (substitute Tuesday 28).
        #expect(
            try Self.dates(.englandAndWales, 2027) == [
                "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27",
                "2027-12-28",
            ]
        )
        let names = try RegionalHolidays.englandAndWales.holidays(in: 2027...2027).map(\.name)
        #expect(names.suffix(2) == ["Christmas Day (substitute day)", "Boxing Day (substitute day)"])
    }

    @Test func christmasOnASundayMovesPastBoxingDay() throws {
        // 2022: Christmas Day on a Sunday, Boxing Day on Monday 26, Christmas's substitute Tuesday 27 (gov.uk).
        // New Year's Day 2022 on a Saturday: substitute Monday 3 January.
        let dates = try Self.dates(.englandAndWales, 2022)
        #expect(dates.first == "2022-01-03" && dates.suffix(2) == ["2022-12-26", "2022-12-27"])
    }

    @Test func unitedStatesFederal2026() throws {
        // OPM's 2026 federal holidays: Independence Day on a Saturday is observed on Friday 3 July.
        #expect(
            try Self.dates(.unitedStatesFederal, 2026) == [
                "2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-03", "2026-09-07",
                "2026-10-12", "2026-11-11", "2026-11-26", "2026-12-25",
            ]
        )
        // Juneteenth only from 2021; 2022's New Year's Day (a Saturday) is observed on 31 December 2021.
        #expect(try !Self.dates(.unitedStatesFederal, 2020).contains("2020-06-19"))
        #expect(try Self.dates(.unitedStatesFederal, 2022).contains("2021-12-31"))
    }

    @Test func aCalendarClosesOnThem() throws {
        let london = try BusinessCalendar(timeZone: "Europe/London", weeklyHours: .weekdays(9, 17))
            .addingHolidays(from: RegionalHolidays.englandAndWales, years: 2027...2027)
        // Tuesday 28 December 2027 is Boxing Day's substitute: closed all day.
        #expect(try !london.isOpen(at: InstantCoding.date(from: "2027-12-28T12:00:00Z")))
        #expect(try london.isOpen(at: InstantCoding.date(from: "2027-12-29T12:00:00Z")))
    }

    @Test func yearsOutsideTheRulesAreRejected() throws {
        #expect(throws: ServiceDomainError.self) { try RegionalHolidays.englandAndWales.holidays(in: 1500...1600) }
        #expect(
            try JSONDecoder().decode(RegionalHolidays.self, from: Data(#"{"region": "unitedStatesFederal"}"#.utf8))
                == .unitedStatesFederal
        )
    }
}
