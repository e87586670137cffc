import Foundation
import ServiceDomain
import Testing

struct InstantCodingTests {
    @Test(arguments: [
        // The reference is Foundation's independent ISO 8601 parser; offsets, leap days and the supported range's
        // first instant are covered.
        "2026-11-23T09:00:00Z", "2026-11-23T10:00:00+01:00", "2026-11-23T03:30:00-05:30", "1999-12-31T23:59:59Z",
        "2024-02-29T12:00:00Z", "1800-01-01T00:00:00Z",
    ])
    func parsesLikeFoundation(text: String) throws {
        let ours = try InstantCoding.date(from: text)
        let foundation = try Date.ISO8601FormatStyle().parse(text)
        #expect(ours == foundation)
    }

    @Test func writesUTCWithMillisecondsOnlyWhenNeeded() throws {
        let whole = try InstantCoding.date(from: "2026-11-23T10:00:00+01:00")
        #expect(InstantCoding.string(from: whole) == "2026-11-23T09:00:00Z")
        let fractional = whole.addingTimeInterval(0.25)
        #expect(InstantCoding.string(from: fractional) == "2026-11-23T09:00:00.250Z")
        #expect(try InstantCoding.date(from: "2026-11-23T09:00:00.250Z") == fractional)
        #expect(
            InstantCoding.string(from: try InstantCoding.date(from: "1969-12-31T23:59:59Z")) == "1969-12-31T23:59:59Z"
        )
    }

    @Test(arguments: [
        "2026-11-23", "2026-11-23T09:00:00", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-23T24:00:00Z",
        "2026-11-23T09:00:00+1:00", "2026-11-23T09:00:00.Z", "", "yesterday",
    ])
    func rejectsMalformedInstants(text: String) {
        #expect { try InstantCoding.date(from: text) } throws: { ($0 as? ServiceDomainError)?.code == .malformed }
    }
}

struct LocalDateTests {
    @Test func dayNumbersAndWeekdays() throws {
        // 1970-01-01 is day 0, a Thursday; 2000-01-01 is day 10 957 (30 years × 365 + 7 leap days), a Saturday.
        #expect(try LocalDate("1970-01-01").dayNumber == 0)
        #expect(try LocalDate("1970-01-01").weekday == .thursday)
        #expect(try LocalDate("2000-01-01").dayNumber == 10_957)
        #expect(try LocalDate("2000-01-01").weekday == .saturday)
        #expect(try LocalDate("2026-11-23").weekday == .monday)
        #expect(try LocalDate("1969-12-31").dayNumber == -1)
        #expect(try LocalDate(dayNumber: 10_957) == (try LocalDate("2000-01-01")))
        #expect(try LocalDate("2024-02-28").adding(days: 1) == (try LocalDate("2024-02-29")))
        #expect(try LocalDate("2100-02-28").adding(days: 1) == (try LocalDate("2100-03-01")))  // 2100 is not leap
    }

    @Test func localTimeBounds() throws {
        #expect(try LocalTime("24:00") == .endOfDay)
        #expect(try LocalTime("09:30:15").secondsSinceMidnight == 34_215)
        #expect(try LocalTime("09:30:15").description == "09:30:15")
        #expect { try LocalTime("24:01") } throws: { ($0 as? ServiceDomainError)?.code == .outOfRange }
        #expect { try LocalTime("12:60") } throws: { ($0 as? ServiceDomainError)?.code == .outOfRange }
    }
}

struct HolidaySourceTests {
    @Test(arguments: [
        // Western Easter Sundays, from published tables of the Gregorian computus.
        (2000, "2000-04-23"), (2019, "2019-04-21"), (2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"),
        (2038, "2038-04-25"), (2285, "2285-03-22"),
    ])
    func easterSunday(year: Int, expected: String) throws {
        #expect(try EasterHoliday.easterSunday(year) == (try LocalDate(expected)))
    }

    @Test func englandAndWalesBankHolidays2026() throws {
        // The 2026 bank holidays of England and Wales as published by the UK government: 1 Jan, 3 Apr (Good Friday),
        // 6 Apr (Easter Monday), 4 May, 25 May, 31 Aug, 25 Dec, and 28 Dec (Boxing Day substitute: 26 Dec is a
        // Saturday).
        let rules: [any HolidaySource] = [
            FixedDateHoliday(name: "New Year's Day", month: 1, day: 1, observance: .nextWeekday),
            EasterHoliday(name: "Good Friday", daysFromEaster: -2),
            EasterHoliday(name: "Easter Monday", daysFromEaster: 1),
            NthWeekdayHoliday(name: "Early May", month: 5, weekday: .monday, ordinal: 1),
            NthWeekdayHoliday(name: "Spring", month: 5, weekday: .monday, ordinal: -1),
            NthWeekdayHoliday(name: "Summer", month: 8, weekday: .monday, ordinal: -1),
            FixedDateHoliday(name: "Christmas Day", month: 12, day: 25, observance: .nextWeekday),
            FixedDateHoliday(name: "Boxing Day", month: 12, day: 26, observance: .nextWeekday),
        ]
        let dates = try rules.holidays(in: 2026...2026).map(\.date.description).sorted()
        #expect(
            dates == [
                "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25",
                "2026-12-28",
            ]
        )
        let office = try BusinessCalendar(timeZone: "Europe/London", weeklyHours: .weekdays(9, 17))
        let withHolidays = try office.addingHolidays(from: rules, years: 2026...2026)
        #expect(try withHolidays.isOpen(at: InstantCoding.date(from: "2026-08-31T10:00:00Z")) == false)
        #expect(try office.isOpen(at: InstantCoding.date(from: "2026-08-31T10:00:00Z")))
    }

    @Test func weekendObservance() throws {
        // 25 Dec 2027 is a Saturday: next weekday → Monday 27th; nearest → Friday 24th. 1 Jan 2028 is a Saturday too.
        let next = try FixedDateHoliday(name: "X", month: 12, day: 25, observance: .nextWeekday).holidays(
            in: 2027...2027
        )
        #expect(next.map(\.date.description) == ["2027-12-27"])
        let nearest = try FixedDateHoliday(name: "X", month: 12, day: 25, observance: .nearestWeekday).holidays(
            in: 2027...2027
        )
        #expect(nearest.map(\.date.description) == ["2027-12-24"])
        // 29 February exists only in leap years.
        #expect(try FixedDateHoliday(name: "Leap", month: 2, day: 29).holidays(in: 2024...2028).count == 2)
    }

    @Test func rejectsImpossibleRules() {
        #expect { try FixedDateHoliday(name: "X", month: 2, day: 30).holidays(in: 2026...2026) } throws: {
            ($0 as? ServiceDomainError)?.code == .outOfRange
        }
        #expect {
            try NthWeekdayHoliday(name: "X", month: 5, weekday: .monday, ordinal: 5).holidays(in: 2026...2026)
        } throws: {
            ($0 as? ServiceDomainError)?.path == "ordinal"
        }
        #expect { try EasterHoliday(name: "X", daysFromEaster: 0).holidays(in: 1500...1600) } throws: {
            ($0 as? ServiceDomainError)?.code == .outOfRange
        }
    }
}

struct VocabularyTests {
    @Test func openVocabulariesEncodeAsBareStrings() throws {
        let encoder = JSONEncoder()
        #expect(
            String(decoding: try encoder.encode([Channel.webForm, Channel("whatsapp")]), as: UTF8.self)
                == #"["webForm","whatsapp"]"#
        )
        #expect(String(decoding: try encoder.encode(CaseID("C-1")), as: UTF8.self) == #""C-1""#)
        #expect(try JSONDecoder().decode(Priority.self, from: Data(#""p0""#.utf8)) == Priority("p0"))
        let code: ServiceDomainError.Code = "custom"
        #expect(code.description == "custom")
    }

    @Test func errorDescriptionsAndNesting() {
        let inner = ServiceDomainError(.outOfRange, at: "[2].end", "bad")
        #expect(inner.nested(under: "weeklyHours.monday").path == "weeklyHours.monday[2].end")
        #expect(ServiceDomainError(.empty, at: "id", "x").nested(under: "cases[4]").path == "cases[4].id")
        #expect(ServiceDomainError(.empty, "whole").nested(under: "cases[4]").path == "cases[4]")
        #expect(ServiceDomainError(.empty, at: "id", "needs one").description == "empty at id: needs one")
    }

    @Test(arguments: Sector.allCases)
    func sectorTraitsAreConsistent(sector: Sector) {
        let traits = sector.traits
        #expect(!traits.obligations.isEmpty && !traits.accountableTo.isEmpty && !traits.practices.isEmpty)
        let expected: [Sector: (ServiceDriver, CustomerRole)] = [
            .private: (.profit, .consumer), .public: (.citizens, .citizen), .voluntary: (.mission, .donor),
            .cooperative: (.members, .member),
        ]
        #expect(traits.primaryDriver == expected[sector]?.0)
        #expect(traits.customerRoles.contains(expected[sector]?.1 ?? "none"))
    }

    @Test func publicSectorPromisesEqualAccess() {
        #expect(Sector.public.traits.obligations.contains { $0.contains("equal access") })
        #expect(Sector.cooperative.traits.obligations.contains { $0.contains("democratic") })
    }

    @Test func customersDefaultTheirRelationshipFromTheirRole() throws {
        #expect(try Customer(id: "E-1", role: .employee).relationship == .internal)
        #expect(try Customer(id: "K-1", role: .citizen).relationship == .external)
        #expect(try Customer(id: "K-2", relationship: .internal, role: .consumer).relationship == .internal)
        #expect { try Customer(id: "", role: .donor) } throws: { ($0 as? ServiceDomainError)?.path == "id" }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Customer.self, from: Data(#"{"id":"","role":"donor"}"#.utf8))
        }
    }

    @Test func serviceProfileJSONAndFactorValues() throws {
        let json =
            #"{"capacityConstraint":"high","complexity":"medium","contactLevel":"high","deliveryDuration":"extended","frequencyOfUse":"regular","intermediaries":"direct","purchase":"individual"}"#
        let profile = try JSONDecoder().decode(ServiceProfile.self, from: Data(json.utf8))
        #expect(profile.value(of: .capacityConstraint) == "high")
        #expect(ServiceProfile.Factor.allCases.count == 7)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(String(decoding: try encoder.encode(profile), as: UTF8.self) == json)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(
                ServiceProfile.self,
                from: Data(json.replacingOccurrences(of: "\"medium\"", with: "\"extreme\"").utf8)
            )
        }
        let organisation = try Organisation(id: "council", name: "Riverside Council", sector: .public, profile: profile)
        #expect(try JSONDecoder().decode(Organisation.self, from: JSONEncoder().encode(organisation)) == organisation)
    }
}

struct ServiceMeasurementTests {
    let month = DateInterval(start: Date(timeIntervalSince1970: 1_790_812_800), duration: 31 * 86_400)

    @Test func jsonGoldenAndRoundTrip() throws {
        let m = try ServiceMeasurement(
            indicator: "firstReply.compliance",
            value: 0.93,
            unit: .ratio,
            period: month,
            scope: MeasurementScope(.team, id: "billing"),
            sampleSize: 1204,
            source: "ServiceStandards"
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(m), as: UTF8.self)
        #expect(
            text
                == #"{"indicator":"firstReply.compliance","period":{"end":"2026-11-01T00:00:00Z","start":"2026-10-01T00:00:00Z"},"sampleSize":1204,"scope":{"id":"billing","kind":"team"},"source":"ServiceStandards","unit":"ratio","value":0.93}"#
        )
        #expect(try JSONDecoder().decode(ServiceMeasurement.self, from: Data(text.utf8)) == m)
    }

    @Test func rejectsNonsense() {
        #expect { try ServiceMeasurement(indicator: "x", value: .nan, unit: .count, period: month) } throws: {
            ($0 as? ServiceDomainError)?.code == .nonFinite
        }
        #expect { try ServiceMeasurement(indicator: "x", value: 1.2, unit: .ratio, period: month) } throws: {
            ($0 as? ServiceDomainError)?.code == .outOfRange
        }
        #expect { try ServiceMeasurement(indicator: "x", value: 101, unit: .percent, period: month) } throws: {
            ($0 as? ServiceDomainError)?.path == "value"
        }
        #expect {
            try ServiceMeasurement(indicator: "x", value: 1, unit: .count, period: month, sampleSize: -1)
        } throws: {
            ($0 as? ServiceDomainError)?.path == "sampleSize"
        }
        // A period that ends before it starts is a decoding error, not a crash.
        let backwards =
            #"{"indicator":"x","value":1,"unit":"count","period":{"start":"2026-11-01T00:00:00Z","end":"2026-10-01T00:00:00Z"}}"#
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ServiceMeasurement.self, from: Data(backwards.utf8))
        }
    }
}

struct SendableTests {
    @Test func valuesCrossTaskBoundaries() async throws {
        let calendar = try BusinessCalendar(timeZone: "Europe/London", weeklyHours: .weekdays(9, 17))
        let c = try Case(
            id: "C",
            channel: .email,
            events: [CaseEvent(id: "e", at: Date(timeIntervalSince1970: 0), kind: .created)]
        )
        // 1_795_424_400 is Monday 2026-11-23 09:00Z (GMT in London): 09:00–10:00 is one open hour, 3600 s.
        let result = try await Task.detached {
            (
                try calendar.businessDuration(
                    from: Date(timeIntervalSince1970: 1_795_424_400),
                    to: Date(timeIntervalSince1970: 1_795_428_000)
                ), c.id
            )
        }.value
        #expect(result.0 == 3600)
        #expect(result.1 == "C")
    }
}

struct PeopleAndProfileTests {
    @Test func agentsAndTeamsRoundTripInTheirDocumentedForm() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let agent = Agent(id: "A-7", name: "Sam", team: "billing", channels: [.phone, .email])
        let agentJSON = String(decoding: try encoder.encode(agent), as: UTF8.self)
        #expect(agentJSON == #"{"channels":["email","phone"],"id":"A-7","name":"Sam","team":"billing"}"#)
        #expect(try JSONDecoder().decode(Agent.self, from: Data(agentJSON.utf8)) == agent)
        #expect(try JSONDecoder().decode(Agent.self, from: Data(#"{"id":"A-8"}"#.utf8)) == Agent(id: "A-8"))
        let team = Team(id: "billing", name: "Billing", parent: "finance", calendar: "london")
        let teamJSON = String(decoding: try encoder.encode(team), as: UTF8.self)
        #expect(teamJSON == #"{"calendar":"london","id":"billing","name":"Billing","parent":"finance"}"#)
        #expect(try JSONDecoder().decode(Team.self, from: Data(teamJSON.utf8)) == team)
    }

    @Test func organisationsNeedAnIdentifier() {
        #expect { try Organisation(id: "", name: "Nobody", sector: .voluntary) } throws: {
            ($0 as? ServiceDomainError)?.path == "id"
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Organisation.self, from: Data(#"{"id":"","name":"x","sector":"public"}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Organisation.self, from: Data(#"{"id":"o","name":"x","sector":"feudal"}"#.utf8))
        }
    }

    @Test func everyFactorReadsItsOwnField() {
        let profile = ServiceProfile(
            intermediaries: .intermediated,
            contactLevel: .low,
            purchase: .institutional,
            deliveryDuration: .ongoing,
            capacityConstraint: .medium,
            frequencyOfUse: .frequent,
            complexity: .high
        )
        let values = ServiceProfile.Factor.allCases.map { profile.value(of: $0) }
        #expect(values == ["intermediated", "low", "institutional", "ongoing", "medium", "frequent", "high"])
        #expect(Level.low < .medium && Level.medium < .high)
    }
}

struct ContactJSONTests {
    @Test(arguments: [
        #"{"abandonedAt":"2026-11-23T09:01:42Z","channel":"phone","id":"K-89","offeredAt":"2026-11-23T09:01:00Z","outcome":"abandoned"}"#,
        #"{"channel":"chat","id":"K-90","offeredAt":"2026-11-23T09:02:00Z","outcome":"queued"}"#,
    ])
    func abandonedAndQueuedRoundTrip(json: String) throws {
        let contact = try JSONDecoder().decode(Contact.self, from: Data(json.utf8))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(String(decoding: try encoder.encode(contact), as: UTF8.self) == json)
    }

    @Test(arguments: [
        #"{"id":"K","channel":"phone","offeredAt":"2026-11-23T09:00:00Z","outcome":"transferred"}"#,
        #"{"id":"K","channel":"phone","offeredAt":"2026-11-23T09:00:00Z","outcome":"queued","answeredAt":"2026-11-23T09:00:30Z"}"#,
        #"{"id":"K","channel":"phone","offeredAt":"2026-11-23T09:00:00Z","outcome":"answered"}"#,
        #"{"id":"K","channel":"phone","offeredAt":"2026-11-23T09:00:00Z","outcome":"answered","answeredAt":"2026-11-23T08:00:00Z"}"#,
        #"{"id":"K","channel":"phone","offeredAt":"2026-11-23T09:00:00Z","outcome":"abandoned","abandonedAt":"2026-11-23T09:00:30Z","talkTime":5}"#,
    ])
    func rejectsContradictoryContacts(json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Contact.self, from: Data(json.utf8)) }
    }
}

struct SeededGeneratorTests {
    @Test func matchesTheSplitMix64ReferenceSequence() {
        // The first outputs of SplitMix64 seeded with 0, from the reference implementation (Vigna, splitmix64.c).
        var rng = SeededGenerator(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(rng.next() == 0x06C4_5D18_8009_454F)
    }
}

struct HolidayObservanceLimitTests {
    @Test func observanceMovesEachHolidayOnItsOwn() throws {
        // 25 and 26 December 2027 are a Saturday and a Sunday: under `.nextWeekday` both land on Monday the 27th. The
        // documented remedy is to add the second substitute (Tuesday the 28th) explicitly.
        let rules: [any HolidaySource] = [
            FixedDateHoliday(name: "Christmas Day", month: 12, day: 25, observance: .nextWeekday),
            FixedDateHoliday(name: "Boxing Day", month: 12, day: 26, observance: .nextWeekday),
        ]
        #expect(try rules.holidays(in: 2027...2027).map(\.date.description) == ["2027-12-27", "2027-12-27"])
    }
}

struct InstantEncodingLimitTests {
    @Test(arguments: [Double.nan, .infinity, 1e300, -1e300, 253_402_300_800])
    func unrepresentableInstantsThrowWhenEncodedAndNeverTrap(seconds: Double) throws {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(!InstantCoding.isRepresentable(date))
        #expect(InstantCoding.string(from: date).hasPrefix("invalid("))
        let event = CaseEvent(id: "e", at: date, kind: .created)
        // The error must also be describable: Foundation's Date.description traps for a NaN date on Linux, so the
        // error carries the seconds instead.
        #expect {
            try JSONEncoder().encode(event)
        } throws: { error in
            error is EncodingError && !String(describing: error).isEmpty
        }
    }

    @Test func theLastRepresentableInstantRoundTrips() throws {
        let last = Date(timeIntervalSince1970: 253_402_300_799)
        #expect(InstantCoding.string(from: last) == "9999-12-31T23:59:59Z")
        #expect(try InstantCoding.date(from: "9999-12-31T23:59:59Z") == last)
        #expect(InstantCoding.string(from: Date(timeIntervalSince1970: -62_135_596_800)) == "0001-01-01T00:00:00Z")
    }
}

struct OverflowTests {
    @Test func extremeDayNumbersAndOffsetsThrowInsteadOfTrapping() throws {
        #expect { try LocalDate(dayNumber: .max) } throws: { ($0 as? ServiceDomainError)?.code == .outOfRange }
        #expect { try LocalDate(dayNumber: .min) } throws: { ($0 as? ServiceDomainError)?.code == .outOfRange }
        #expect { try LocalDate("2026-01-01").adding(days: .max) } throws: {
            ($0 as? ServiceDomainError)?.code == .outOfRange
        }
        #expect(try LocalDate(dayNumber: 2_932_896).description == "9999-12-31")
        #expect(try LocalDate(dayNumber: -719_162).description == "0001-01-01")
    }

    @Test func scoresThatWouldOverflowAreRejected() throws {
        var score = WeightedScore()
        try score.add(1, outOf: 1, weight: 1e308)
        #expect { try score.add(1, outOf: 1, weight: 1e308) } throws: { ($0 as? ServiceDomainError)?.path == "weight" }
        #expect(score.count == 1 && score.possible == 1e308)
    }
}
