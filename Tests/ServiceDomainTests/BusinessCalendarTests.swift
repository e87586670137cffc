import Foundation
import ServiceDomain
import Testing

/// Worked examples, each computed by hand in its comment.
///
/// Transition dates are from the IANA tz database rules:
/// US zones change on the second Sunday of March and the first Sunday of November at 02:00 local time; the EU
/// at 01:00 UTC on the last Sundays of March and October; Australia/Sydney on the first Sundays of October (02:00
/// standard → 03:00) and April (03:00 daylight → 02:00).
struct BusinessCalendarTests {
    // MARK: Adding business time: where a result on a closing lands

    /// Monday–Friday 09:00–17:00 in London, November 2026 (no daylight-saving change; Monday is the 23rd).
    static func officeHours() throws -> BusinessCalendar {
        try BusinessCalendar(timeZone: "Europe/London", weeklyHours: .weekdays([interval("09:00", "17:00")]))
    }

    @Test(arguments: [
        // Eight hours from Monday 09:00 run out at the Monday close.
        ("2026-11-23T09:00:00Z", 8.0, "2026-11-23T17:00:00Z", "2026-11-24T09:00:00Z"),
        // Four hours from Friday 13:00 run out at the Friday close; the next opening is Monday.
        ("2026-11-27T13:00:00Z", 4, "2026-11-27T17:00:00Z", "2026-11-30T09:00:00Z"),
        // Three hours from 13:00 end inside the day: both conventions agree.
        ("2026-11-23T13:00:00Z", 3, "2026-11-23T16:00:00Z", "2026-11-23T16:00:00Z"),
        // Two hours from Saturday 10:00 (closed): Monday 09:00 + 2 h.
        ("2026-11-28T10:00:00Z", 2, "2026-11-30T11:00:00Z", "2026-11-30T11:00:00Z"),
        // Zero from Saturday 10:00: the instant itself, or the next opening.
        ("2026-11-28T10:00:00Z", 0, "2026-11-28T10:00:00Z", "2026-11-30T09:00:00Z"),
        // Twelve hours from Monday 13:00: 4 h Monday, 8 h Tuesday to the Tuesday close.
        ("2026-11-23T13:00:00Z", 12, "2026-11-24T17:00:00Z", "2026-11-25T09:00:00Z"),
    ])
    func addingLandsAtTheCloseOrTheNextOpening(start: String, hours: Double, atClose: String, atOpening: String)
        throws
    {
        let calendar = try Self.officeHours()
        let from = try instant(start)
        #expect(try calendar.date(byAdding: hours * hour, to: from, landing: .atClose) == (try instant(atClose)))
        #expect(
            try calendar.date(byAdding: hours * hour, to: from, landing: .atNextOpening) == (try instant(atOpening))
        )
        #expect(try calendar.date(byAdding: hours * hour, to: from) == (try instant(atOpening)))
    }

    @Test func goingBackIgnoresTheLanding() throws {
        // Two hours back from Monday 11:00 run out at the 09:00 opening; the earliest such instant is Friday 17:00.
        let calendar = try Self.officeHours()
        let from = try instant("2026-11-30T11:00:00Z")
        for landing in BusinessTimeLanding.allCases {
            #expect(
                try calendar.date(byAdding: -2 * hour, to: from, landing: landing)
                    == (try instant("2026-11-27T17:00:00Z"))
            )
        }
    }

    // MARK: Daylight saving

    @Test func springForwardDayOutsideTheGapKeepsEightHours() throws {
        // New York, Sunday 2026-03-08: 02:00 EST jumps to 03:00 EDT. 09:00–17:00 EDT is 13:00Z–21:00Z: 8 h.
        let calendar = try BusinessCalendar(
            timeZone: "America/New_York",
            weeklyHours: WeeklyHours([.sunday: [interval("09:00", "17:00")]])
        )
        let d = try calendar.businessDuration(
            from: instant("2026-03-08T00:00:00-05:00"),
            to: instant("2026-03-09T00:00:00-04:00")
        )
        #expect(d == 8 * hour)
    }

    @Test func springForwardGapInsideTheIntervalLeavesSevenHours() throws {
        // 01:00–09:00 on 2026-03-08 in New York: 01:00 EST = 06:00Z, 09:00 EDT = 13:00Z, so 7 h.
        let calendar = try BusinessCalendar(
            timeZone: "America/New_York",
            weeklyHours: WeeklyHours([.sunday: [interval("01:00", "09:00")]])
        )
        let d = try calendar.businessDuration(
            from: instant("2026-03-08T00:00:00Z"),
            to: instant("2026-03-09T00:00:00Z")
        )
        #expect(d == 7 * hour)
    }

    @Test func fallBackRepeatedHourInsideTheIntervalGivesNineHours() throws {
        // New York, Sunday 2026-11-01: 02:00 EDT falls back to 01:00 EST. 00:00 EDT = 04:00Z, 08:00 EST = 13:00Z: 9 h.
        let calendar = try BusinessCalendar(
            timeZone: "America/New_York",
            weeklyHours: WeeklyHours([.sunday: [interval("00:00", "08:00")]])
        )
        let d = try calendar.businessDuration(
            from: instant("2026-11-01T00:00:00Z"),
            to: instant("2026-11-02T00:00:00Z")
        )
        #expect(d == 9 * hour)
        // And 09:00–17:00 that day, after the change, stays 8 h.
        let later = try BusinessCalendar(
            timeZone: "America/New_York",
            weeklyHours: WeeklyHours([.sunday: [interval("09:00", "17:00")]])
        )
        #expect(
            try later.businessDuration(from: instant("2026-11-01T00:00:00Z"), to: instant("2026-11-02T12:00:00Z"))
                == 8 * hour
        )
    }

    @Test(arguments: [
        // London: Sunday 2026-03-29 loses an hour (23 h), Sunday 2026-10-25 gains one (25 h).
        ("Europe/London", "2026-03-29", 23.0),
        ("Europe/London", "2026-10-25", 25.0),
        // Sydney, southern hemisphere: Sunday 2026-10-04 starts daylight time (23 h), 2026-04-05 ends it (25 h).
        ("Australia/Sydney", "2026-10-04", 23.0),
        ("Australia/Sydney", "2026-04-05", 25.0),
        // Kolkata (+05:30) and UTC never change: 24 h.
        ("Asia/Kolkata", "2026-03-29", 24.0),
        ("UTC", "2026-10-25", 24.0),
    ])
    func wholeDayLengthFollowsTheZone(zone: String, day: String, hours: Double) throws {
        let calendar = try BusinessCalendar(timeZone: zone, weeklyHours: .alwaysOpen.restricted(to: .sunday))
        let local = try date(day)
        let start = calendar.instant(on: local, at: .startOfDay)
        let end = calendar.instant(on: local, at: .endOfDay)
        #expect(end.timeIntervalSince(start) == hours * hour)
        let wide = try calendar.businessDuration(
            from: start.addingTimeInterval(-86_400),
            to: end.addingTimeInterval(86_400)
        )
        #expect(wide == hours * hour)
    }

    @Test func skippedWallTimeMovesForwardAndRepeatedWallTimeMeansTheFirst() throws {
        let newYork = try BusinessCalendar(timeZone: "America/New_York", weeklyHours: .alwaysOpen)
        // 02:30 does not exist on 2026-03-08; moved forward by the one-hour gap it is 03:30 EDT = 07:30Z.
        #expect(
            newYork.instant(on: try date("2026-03-08"), at: try LocalTime("02:30"))
                == (try instant("2026-03-08T07:30:00Z"))
        )
        // 01:30 occurs twice on 2026-11-01 (05:30Z in EDT, 06:30Z in EST); the first is meant.
        #expect(
            newYork.instant(on: try date("2026-11-01"), at: try LocalTime("01:30"))
                == (try instant("2026-11-01T05:30:00Z"))
        )
    }

    // MARK: Weekly hours, holidays, exceptions

    @Test func holidaysAndExceptionsReplaceTheWeeklyHours() throws {
        // Mon–Fri 09:00–12:00 and 13:00–17:00 (7 h a day); Christmas Day (Friday) closed; Christmas Eve 09:00–13:00.
        // From Wednesday 23rd 10:00 to Monday 28th 10:00: Wed 2 h + 4 h, Thu 4 h, Fri 0, weekend 0, Mon 1 h = 11 h.
        let calendar = try BusinessCalendar(
            timeZone: "UTC",
            weeklyHours: .weekdays([interval("09:00", "12:00"), interval("13:00", "17:00")]),
            holidays: [Holiday(date("2026-12-25"), name: "Christmas Day")],
            exceptions: [DateException(date("2026-12-24"), hours: [interval("09:00", "13:00")], name: "Christmas Eve")]
        )
        let d = try calendar.businessDuration(
            from: instant("2026-12-23T10:00:00Z"),
            to: instant("2026-12-28T10:00:00Z")
        )
        #expect(d == 11 * hour)
        #expect(calendar.hours(on: try date("2026-12-25")).isEmpty)
        #expect(calendar.hours(on: try date("2026-12-24")) == [try interval("09:00", "13:00")])
        // The lunch break is closed.
        #expect(try calendar.isOpen(at: instant("2026-12-23T12:30:00Z")) == false)
        #expect(try calendar.isOpen(at: instant("2026-12-23T13:00:00Z")))
    }

    @Test func anExceptionCanOpenAHolidayOrAWeekend() throws {
        // Saturday 2026-11-28 opens 10:00–14:00 although weekends are closed: 4 h that weekend.
        let calendar = try BusinessCalendar(
            timeZone: "Europe/London",
            weeklyHours: .weekdays(9, 17),
            exceptions: [DateException(date("2026-11-28"), hours: [interval("10:00", "14:00")])]
        )
        let d = try calendar.businessDuration(
            from: instant("2026-11-27T17:00:00Z"),
            to: instant("2026-11-30T09:00:00Z")
        )
        #expect(d == 4 * hour)
    }

    @Test func overnightShiftBelongsToTheDayItStarts() throws {
        // Mon–Fri 22:00–06:00 UTC. Friday's shift runs to Saturday 06:00; nothing starts on Saturday or Sunday.
        // Saturday 00:00 → Monday 00:00 therefore holds 6 h.
        let calendar = try BusinessCalendar(timeZone: "UTC", weeklyHours: .weekdays([interval("22:00", "06:00")]))
        #expect(
            try calendar.businessDuration(from: instant("2026-11-28T00:00:00Z"), to: instant("2026-11-30T00:00:00Z"))
                == 6 * hour
        )
        // A whole working week Monday 00:00 → next Monday 00:00 holds five 8-hour shifts = 40 h.
        #expect(
            try calendar.businessDuration(from: instant("2026-11-23T00:00:00Z"), to: instant("2026-11-30T00:00:00Z"))
                == 40 * hour
        )
        #expect(try calendar.isOpen(at: instant("2026-11-28T05:59:00Z")))
        #expect(try calendar.isOpen(at: instant("2026-11-28T06:00:00Z")) == false)
    }

    @Test func twentyFourSevenAndTwentyFourHundredClosing() throws {
        let always = BusinessCalendar.alwaysOpen
        let a = try instant("2026-01-01T00:00:00Z")
        let b = try instant("2026-02-01T12:34:56Z")
        #expect(try always.businessDuration(from: a, to: b) == b.timeIntervalSince(a))
        #expect(try always.nextClosing(after: a) == nil)
        // 24:00 closes at midnight; 17:00–24:00 Monday is 7 h.
        let evening = try BusinessCalendar(
            timeZone: "UTC",
            weeklyHours: WeeklyHours([.monday: [interval("17:00", "24:00")]])
        )
        #expect(
            try evening.businessDuration(from: instant("2026-11-23T00:00:00Z"), to: instant("2026-11-24T00:00:00Z"))
                == 7 * hour
        )
    }

    @Test func kolkataHalfHourOffset() throws {
        // Mon–Fri 09:00–17:30 IST (+05:30). Friday 2026-11-20 16:00 IST → Monday 2026-11-23 10:00 IST:
        // 1.5 h on Friday + 1 h on Monday = 2.5 h.
        let calendar = try BusinessCalendar(
            timeZone: "Asia/Kolkata",
            weeklyHours: .weekdays([interval("09:00", "17:30")])
        )
        let friday = try instant("2026-11-20T16:00:00+05:30")
        #expect(try calendar.businessDuration(from: friday, to: instant("2026-11-23T10:00:00+05:30")) == 2.5 * hour)
        // Adding 8.5 h: 1.5 h on Friday, then 7 h from Monday 09:00 → Monday 16:00 IST = 10:30Z.
        #expect(try calendar.date(byAdding: 8.5 * hour, to: friday) == (try instant("2026-11-23T10:30:00Z")))
    }

    // MARK: Adding and subtracting

    @Test func addingLandsOnTheNextOpeningWhenTimeRunsOutAtAClosing() throws {
        let calendar = try BusinessCalendar(timeZone: "UTC", weeklyHours: .weekdays(9, 17))
        let monday = try instant("2026-11-23T09:00:00Z")
        // 7 h 59 min from Monday 09:00 is Monday 16:59.
        #expect(try calendar.date(byAdding: 7 * hour + 59 * 60, to: monday) == (try instant("2026-11-23T16:59:00Z")))
        // 8 h runs out at Monday 17:00, a closing; the clock next moves at Tuesday 09:00.
        #expect(try calendar.date(byAdding: 8 * hour, to: monday) == (try instant("2026-11-24T09:00:00Z")))
        // Adding nothing on a Saturday gives Monday's opening; on an open instant, the instant itself.
        #expect(
            try calendar.date(byAdding: 0, to: instant("2026-11-28T12:00:00Z")) == (try instant("2026-11-30T09:00:00Z"))
        )
        #expect(
            try calendar.date(byAdding: 0, to: instant("2026-11-23T10:00:00Z")) == (try instant("2026-11-23T10:00:00Z"))
        )
        // 40 h from Monday 09:00 is a whole week: lands on the next Monday's opening.
        #expect(try calendar.date(byAdding: 40 * hour, to: monday) == (try instant("2026-11-30T09:00:00Z")))
    }

    @Test func subtractingLandsOnThePreviousClosing() throws {
        let calendar = try BusinessCalendar(timeZone: "UTC", weeklyHours: .weekdays(9, 17))
        // 1 h back from Tuesday 10:00 reaches Tuesday 09:00, an opening; the clock last moved at Monday 17:00.
        #expect(
            try calendar.date(bySubtracting: hour, from: instant("2026-11-24T10:00:00Z"))
                == (try instant("2026-11-23T17:00:00Z"))
        )
        // 30 min back from Tuesday 10:00 is 09:30.
        #expect(
            try calendar.date(bySubtracting: 1800, from: instant("2026-11-24T10:00:00Z"))
                == (try instant("2026-11-24T09:30:00Z"))
        )
        // 9 h back from Tuesday 10:00: 1 h Tuesday, 8 h Monday → Monday 09:00 is an opening → previous closing,
        // Friday 2026-11-20 17:00.
        #expect(
            try calendar.date(bySubtracting: 9 * hour, from: instant("2026-11-24T10:00:00Z"))
                == (try instant("2026-11-20T17:00:00Z"))
        )
    }

    @Test func nextOpeningAndClosing() throws {
        let calendar = try BusinessCalendar(
            timeZone: "UTC",
            weeklyHours: .weekdays([interval("09:00", "12:00"), interval("13:00", "17:00")])
        )
        #expect(
            try calendar.nextOpening(after: instant("2026-11-27T17:30:00Z")) == (try instant("2026-11-30T09:00:00Z"))
        )
        #expect(
            try calendar.nextOpening(after: instant("2026-11-30T10:00:00Z")) == (try instant("2026-11-30T13:00:00Z"))
        )
        #expect(
            try calendar.nextClosing(after: instant("2026-11-30T10:00:00Z")) == (try instant("2026-11-30T12:00:00Z"))
        )
        #expect(
            try calendar.nextClosing(after: instant("2026-11-30T12:00:00Z")) == (try instant("2026-11-30T17:00:00Z"))
        )
        let intervals = try calendar.openIntervals(
            in: DateInterval(start: instant("2026-11-30T10:00:00Z"), end: instant("2026-11-30T14:00:00Z"))
        )
        #expect(intervals.map(\.duration) == [2 * hour, hour])
    }

    @Test func spansAcrossManyIndexWindows() throws {
        // Mon–Fri 09:00–17:00 UTC, no holidays: 2026 has 261 weekdays, so 2 088 h.
        let calendar = try BusinessCalendar(timeZone: "UTC", weeklyHours: .weekdays(9, 17))
        let d = try calendar.businessDuration(
            from: instant("2026-01-01T00:00:00Z"),
            to: instant("2027-01-01T00:00:00Z")
        )
        #expect(d == 261 * 8 * hour)
        #expect(
            try calendar.businessDuration(from: instant("2027-01-01T00:00:00Z"), to: instant("2026-01-01T00:00:00Z"))
                == -d
        )
        // And adding it back from 2026-01-01 00:00 runs out at Thursday 2026-12-31 17:00, whose next opening is
        // Friday 2027-01-01 09:00.
        #expect(
            try calendar.date(byAdding: d, to: instant("2026-01-01T00:00:00Z")) == (try instant("2027-01-01T09:00:00Z"))
        )
    }

    // MARK: Bad input

    @Test func rejectsUnknownTimeZone() {
        #expect {
            _ = try BusinessCalendar(timeZone: "Mars/Olympus_Mons", weeklyHours: .alwaysOpen)
        } throws: { error in
            (error as? ServiceDomainError)?.code == .unknownTimeZone
                && (error as? ServiceDomainError)?.path == "timeZone"
        }
        #expect(throws: ServiceDomainError.self) { try BusinessCalendar(timeZone: "", weeklyHours: .alwaysOpen) }
    }

    @Test func rejectsEmptyAndMalformedIntervals() {
        #expect(
            throws: ServiceDomainError(
                .invalidInterval,
                at: "end",
                "09:00–09:00 is empty; write 00:00–24:00 for a whole day"
            )
        ) {
            try OpeningInterval("09:00", "09:00")
        }
        #expect { try OpeningInterval("24:00", "09:00") } throws: {
            ($0 as? ServiceDomainError)?.code == .invalidInterval
        }
        #expect { try OpeningInterval("09:00", "24:30") } throws: { ($0 as? ServiceDomainError)?.path == "end" }
        #expect { try OpeningInterval("9am", "17:00") } throws: { ($0 as? ServiceDomainError)?.code == .malformed }
        #expect { try LocalDate("2025-02-29") } throws: { ($0 as? ServiceDomainError)?.code == .outOfRange }
        #expect { try LocalDate("2025/02/01") } throws: { ($0 as? ServiceDomainError)?.code == .malformed }
    }

    @Test func rejectsOverlappingIntervals() throws {
        #expect {
            try WeeklyHours([.monday: [interval("09:00", "12:00"), interval("11:00", "13:00")]])
        } throws: { error in
            (error as? ServiceDomainError)?.code == .overlappingIntervals
                && (error as? ServiceDomainError)?.path == "monday[1]"
        }
        // Sunday's overnight shift runs into Monday's first interval.
        #expect {
            try WeeklyHours([.sunday: [interval("22:00", "06:00")], .monday: [interval("05:00", "09:00")]])
        } throws: { ($0 as? ServiceDomainError)?.path == "monday[0]" }
        #expect {
            try DateException(date("2026-12-24"), hours: [interval("09:00", "13:00"), interval("12:00", "14:00")])
        } throws: { ($0 as? ServiceDomainError)?.path == "hours[1]" }
        #expect {
            try BusinessCalendar(
                timeZone: "UTC",
                weeklyHours: .closed,
                exceptions: [
                    DateException(date("2026-12-24"), hours: []), DateException(date("2026-12-24"), hours: []),
                ]
            )
        } throws: { ($0 as? ServiceDomainError)?.path == "exceptions[1]" }
    }

    @Test func rejectsNonFiniteAndUnsupportedInstants() throws {
        let calendar = try BusinessCalendar(timeZone: "UTC", weeklyHours: .weekdays(9, 17))
        let now = try instant("2026-11-23T10:00:00Z")
        #expect { try calendar.date(byAdding: .nan, to: now) } throws: {
            ($0 as? ServiceDomainError)?.code == .nonFinite
        }
        #expect { try calendar.date(byAdding: .infinity, to: now) } throws: {
            ($0 as? ServiceDomainError)?.path == "duration"
        }
        #expect {
            try calendar.businessDuration(from: Date(timeIntervalSince1970: .nan), to: now)
        } throws: { ($0 as? ServiceDomainError)?.path == "start" }
        #expect {
            try calendar.isOpen(at: instant("1700-01-01T00:00:00Z"))
        } throws: { ($0 as? ServiceDomainError)?.code == .outOfRange }
        #expect {
            try calendar.date(byAdding: 1e12, to: now)
        } throws: { ($0 as? ServiceDomainError)?.code == .outOfRange }
    }

    @Test func aCalendarThatNeverOpensSaysSo() throws {
        let closed = try BusinessCalendar(timeZone: "UTC", weeklyHours: .closed)
        let now = try instant("2026-11-23T10:00:00Z")
        #expect { try closed.date(byAdding: hour, to: now) } throws: {
            ($0 as? ServiceDomainError)?.code == .neverOpens
        }
        #expect(try closed.nextOpening(after: now) == nil)
        #expect(try closed.businessDuration(from: now, to: now.addingTimeInterval(86_400 * 30)) == 0)
        // Open on one date only: time before it can be added; time beyond it cannot.
        let once = try BusinessCalendar(
            timeZone: "UTC",
            weeklyHours: .closed,
            exceptions: [DateException(date("2026-12-01"), hours: [interval("09:00", "10:00")])]
        )
        #expect(try once.date(byAdding: 1800, to: now) == (try instant("2026-12-01T09:30:00Z")))
        #expect { try once.date(byAdding: 2 * hour, to: now) } throws: {
            ($0 as? ServiceDomainError)?.code == .neverOpens
        }
        #expect { try once.date(bySubtracting: hour, from: now) } throws: {
            ($0 as? ServiceDomainError)?.code == .neverOpens
        }
    }

    // MARK: JSON

    @Test func jsonRoundTripAndGoldenShape() throws {
        let json = """
            {"exceptions":[{"date":"2026-12-24","hours":[{"end":"13:00","start":"09:00"}],"name":"Christmas Eve"}],\
            "holidays":[{"date":"2026-12-25","name":"Christmas Day"}],"timeZone":"Europe/London",\
            "weeklyHours":{"monday":[{"end":"12:30","start":"09:00"},{"end":"17:30","start":"13:30"}],\
            "friday":[{"end":"06:00","start":"22:00"}]}}
            """
        let calendar = try JSONDecoder().decode(BusinessCalendar.self, from: Data(json.utf8))
        #expect(calendar.timeZoneIdentifier == "Europe/London")
        #expect(calendar.weeklyHours[.monday].count == 2)
        #expect(calendar.weeklyHours[.friday].first?.isOvernight == true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let again = try JSONDecoder().decode(BusinessCalendar.self, from: encoder.encode(calendar))
        #expect(again == calendar)
        let text = String(decoding: try encoder.encode(calendar), as: UTF8.self)
        #expect(text.contains(#""monday":[{"end":"12:30","start":"09:00"},{"end":"17:30","start":"13:30"}]"#))
    }

    @Test(arguments: [
        #"{"timeZone":"Nowhere/Land","weeklyHours":{}}"#,
        #"{"timeZone":"UTC","weeklyHours":{"funday":[]}}"#,
        #"{"timeZone":"UTC","weeklyHours":{"monday":[{"start":"09:00","end":"09:00"}]}}"#,
        #"{"timeZone":"UTC","weeklyHours":{"monday":[{"start":"09:00","end":"12:00"},{"start":"10:00","end":"11:00"}]}}"#,
        #"{"timeZone":"UTC","weeklyHours":{},"holidays":[{"date":"2026-13-01"}]}"#,
        #"{"timeZone":"UTC","weeklyHours":{"monday":[{"start":"25:00","end":"26:00"}]}}"#,
        #"{"weeklyHours":{}}"#,
    ])
    func rejectsMalformedJSON(json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(BusinessCalendar.self, from: Data(json.utf8)) }
    }
}

extension WeeklyHours {
    /// These weekly hours on one day only.
    func restricted(to day: Weekday) throws -> WeeklyHours { try WeeklyHours([day: self[day]]) }
}

struct BusinessCalendarRangeAndReadingsTests {
    @Test func supportedRangeIsEighteenHundredToTwentyFourHundred() throws {
        #expect(InstantCoding.string(from: BusinessCalendar.earliestSupportedInstant) == "1800-01-01T00:00:00Z")
        #expect(InstantCoding.string(from: BusinessCalendar.supportedInstantsEnd) == "2400-01-01T00:00:00Z")
        let calendar = try BusinessCalendar(timeZone: "UTC", weeklyHours: .weekdays(9, 17))
        #expect(try calendar.isOpen(at: BusinessCalendar.earliestSupportedInstant) == false)  // a Wednesday, midnight
        #expect(throws: ServiceDomainError.self) { try calendar.isOpen(at: BusinessCalendar.supportedInstantsEnd) }
    }

    @Test func readingsAgreeWithPairwiseDurations() throws {
        // The batched readings used by policy evaluation must equal businessDuration from the first instant, for
        // ascending instants across several windows (the fast path) and with an instant out of order (exact answers
        // one by one).
        var rng = SeededGenerator(seed: 99)
        let calendar = try BusinessCalendarPropertyTests.randomCalendar(zone: "Europe/London", using: &rng)
        for round in 0..<100 {
            var instants: [Double] = [BusinessCalendarPropertyTests.randomInstant(using: &rng).timeIntervalSince1970]
            for _ in 0..<12 {
                instants.append((instants.last ?? 0) + Double.random(in: 0...4e6, using: &rng).rounded())
            }
            if round.isMultiple(of: 2) { instants.append(instants[3]) }  // out of order
            let readings = try calendar.openTimeReadings(instants)
            let first = Date(timeIntervalSince1970: instants[0])
            for (t, reading) in zip(instants, readings) {
                #expect(reading == (try calendar.businessDuration(from: first, to: Date(timeIntervalSince1970: t))))
            }
        }
        #expect {
            try calendar.openTimeReadings([0, .nan])
        } throws: { ($0 as? ServiceDomainError)?.path == "instants[1]" }
        // An unusable instant is named by its position even after one out of order.
        #expect {
            try calendar.openTimeReadings([10, 0, .nan])
        } throws: { ($0 as? ServiceDomainError)?.path == "instants[2]" }
    }
}

extension BusinessCalendarRangeAndReadingsTests {
    @Test func addingToAReadingAgreesWithDateByAdding() throws {
        // The evaluator finds breach instants from readings; the answer must be date(byAdding:to:) exactly, whether
        // it lies in the readings' first window (the fast path) or beyond it (the fallback).
        var rng = SeededGenerator(seed: 7)
        let calendar = try BusinessCalendarPropertyTests.randomCalendar(zone: "America/New_York", using: &rng)
        var fastPathAnswers = 0
        for _ in 0..<200 {
            var instants: [Double] = [BusinessCalendarPropertyTests.randomInstant(using: &rng).timeIntervalSince1970]
            for _ in 0..<6 { instants.append((instants.last ?? 0) + Double.random(in: 0...2e6, using: &rng).rounded()) }
            var readings = [Double](repeating: 0, count: instants.count)
            let origin = try instants.withUnsafeBufferPointer { (source) throws(ServiceDomainError) in
                try readings.withUnsafeMutableBufferPointer { (target) throws(ServiceDomainError) in
                    try calendar.openTimeReadings(source, into: target)
                }
            }
            for (position, start) in instants.enumerated() {
                let seconds = Double.random(in: 0...(60 * 3_600), using: &rng).rounded()
                let expected = try calendar.date(byAdding: seconds, to: Date(timeIntervalSince1970: start))
                let found = try calendar.instant(
                    adding: seconds,
                    toReading: readings[position],
                    of: start,
                    origin: origin
                )
                #expect(found == expected.timeIntervalSince1970)
                // The index's windows are 2^24 s long, counted from 1970.
                let windowUpper = ((instants[0] / 16_777_216).rounded(.down) + 1) * 16_777_216
                if origin != nil, found < windowUpper { fastPathAnswers += 1 }
            }
        }
        #expect(fastPathAnswers > 500)  // most answers came from the readings' first window
    }
}

struct AbsurdInstantTests {
    @Test(arguments: [1e300, -1e300, 1e20])
    func outOfRangeMessagesNameTheInstantWithoutTrapping(seconds: Double) throws {
        let calendar = try BusinessCalendar(timeZone: "UTC", weeklyHours: .weekdays(9, 17))
        #expect {
            try calendar.isOpen(at: Date(timeIntervalSince1970: seconds))
        } throws: { error in
            (error as? ServiceDomainError)?.message.hasPrefix("invalid(") == true && !String(describing: error).isEmpty
        }
    }
}

/// Weekly hours edited from a date: the old hours before it, the new ones from it, holidays over both.
struct WeeklyHoursChangeTests {
    /// Monday–Friday 09:00–17:00 in London until Sunday 2026-11-29; from Monday 2026-11-30, 08:00–20:00.
    static func extended() throws -> BusinessCalendar {
        try BusinessCalendar(
            timeZone: "Europe/London",
            weeklyHours: .weekdays([interval("09:00", "17:00")]),
            holidays: [Holiday(LocalDate("2026-12-25"), name: "Christmas Day")],
            hoursChanges: [
                WeeklyHoursChange(
                    from: try LocalDate("2026-11-30"),
                    weeklyHours: .weekdays([interval("08:00", "20:00")])
                )
            ]
        )
    }

    @Test func durationsAndAdditionsUseTheHoursOfEachDate() throws {
        let calendar = try Self.extended()
        // Friday 16:00–17:00 (old hours) and Monday 08:00–10:00 (new): 3 h.
        #expect(
            try calendar.businessDuration(from: instant("2026-11-27T16:00:00Z"), to: instant("2026-11-30T10:00:00Z"))
                == 3 * hour
        )
        // Twelve hours from Friday 16:00: 1 h on Friday, 11 h of Monday's 08:00–20:00: Monday 19:00.
        #expect(
            try calendar.date(byAdding: 12 * hour, to: instant("2026-11-27T16:00:00Z"))
                == (try instant("2026-11-30T19:00:00Z"))
        )
        #expect(calendar.hours(on: try LocalDate("2026-11-27")) == [try interval("09:00", "17:00")])
        #expect(calendar.hours(on: try LocalDate("2026-12-01")) == [try interval("08:00", "20:00")])
        // A holiday closes a date under the new hours too.
        #expect(calendar.hours(on: try LocalDate("2026-12-25")).isEmpty)
    }

    @Test func aChangeSplitsDurationsExactlyAtItsDate() throws {
        // Over random spans across the change, the duration is the old calendar's up to local midnight of the change
        // and the new hours' after it.
        let calendar = try Self.extended()
        let old = try BusinessCalendar(timeZone: "Europe/London", weeklyHours: .weekdays([interval("09:00", "17:00")]))
        let new = try BusinessCalendar(timeZone: "Europe/London", weeklyHours: .weekdays([interval("08:00", "20:00")]))
        let midnight = try instant("2026-11-30T00:00:00Z")  // London is on UTC in winter
        var rng = SeededGenerator(seed: 5)
        for _ in 0..<200 {
            let a = midnight.addingTimeInterval(-Double.random(in: 0...(20 * 86_400), using: &rng).rounded())
            let b = midnight.addingTimeInterval(Double.random(in: 0...(20 * 86_400), using: &rng).rounded())
            let expected = try old.businessDuration(from: a, to: midnight) + new.businessDuration(from: midnight, to: b)
            #expect(try calendar.businessDuration(from: a, to: b) == expected)
            let back = try calendar.date(byAdding: expected, to: a, landing: .atClose)
            #expect(try calendar.businessDuration(from: a, to: back) == expected)
        }
    }

    @Test func hoursThatStopForGoodMeanTheCalendarNeverOpensAgain() throws {
        // Open 09:00–17:00 until 2026-11-30, closed every day from 2026-12-01: 8 h are left, 100 h never come.
        let closing = try BusinessCalendar(
            timeZone: "UTC",
            weeklyHours: .weekdays(9, 17),
            hoursChanges: [WeeklyHoursChange(from: try LocalDate("2026-12-01"), weeklyHours: WeeklyHours([:]))]
        )
        let monday = try instant("2026-11-30T09:00:00Z")
        #expect(
            try closing.date(byAdding: 8 * hour, to: monday, landing: .atClose) == (try instant("2026-11-30T17:00:00Z"))
        )
        #expect {
            try closing.date(byAdding: 100 * hour, to: monday)
        } throws: { error in
            (error as? ServiceDomainError)?.code == .neverOpens
        }
        // Going back from December still finds the old hours.
        #expect(
            try closing.date(byAdding: -hour, to: try instant("2026-12-10T12:00:00Z"))
                == (try instant("2026-11-30T16:00:00Z"))
        )
    }

    @Test func theJSONFormAndItsChecks() throws {
        let calendar = try Self.extended()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(calendar)
        #expect(String(decoding: data, as: UTF8.self).contains(#""hoursChanges":[{"from":"2026-11-30""#))
        #expect(try JSONDecoder().decode(BusinessCalendar.self, from: data) == calendar)
        #expect(
            calendar
                != (try BusinessCalendar(
                    timeZone: "Europe/London",
                    weeklyHours: calendar.weeklyHours,
                    holidays: calendar.holidays
                ))
        )
        #expect {
            try BusinessCalendar(
                timeZone: "UTC",
                weeklyHours: .weekdays(9, 17),
                hoursChanges: [
                    WeeklyHoursChange(from: try LocalDate("2026-01-05"), weeklyHours: .weekdays(8, 16)),
                    WeeklyHoursChange(from: try LocalDate("2026-01-05"), weeklyHours: .weekdays(10, 18)),
                ]
            )
        } throws: { error in
            (error as? ServiceDomainError)?.path == "hoursChanges[1]"
        }
        let unknown =
            #"{"timeZone": "UTC", "weeklyHours": {}, "hoursChanges": [{"from": "2026-01-05", "weeklyHours": {}, "until": "x"}]}"#
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(BusinessCalendar.self, from: Data(unknown.utf8))
        }
    }
}
