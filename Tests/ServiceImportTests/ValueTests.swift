import Foundation
import ServiceDomain
import ServiceImport
import Testing

struct TimestampPatternTests {
    /// Each row: pattern, zone, value, the instant by hand.
    @Test(arguments: [
        // Zendesk: an offset in the value wins over the zone.
        ("yyyy-MM-dd HH:mm:ss xx", "America/New_York", "2026-03-02 09:14:00 +0100", "2026-03-02T08:14:00Z"),
        ("yyyy-MM-dd'T'HH:mm:ssXXX", "UTC", "2026-03-02T09:14:00-05:30", "2026-03-02T14:44:00Z"),
        ("yyyy-MM-dd'T'HH:mm:ss.SSSX", "UTC", "2026-03-02T09:14:00.250Z", "2026-03-02T09:14:00.250Z"),
        ("yyyy-MM-dd HH:mm:ss Z", "UTC", "2026-03-02 09:14:00 -0800", "2026-03-02T17:14:00Z"),
        // Jira: month abbreviations in any case, two-digit years, a 12-hour clock.
        ("dd/MMM/yy h:mm a", "Europe/London", "02/mar/26 9:14 pm", "2026-03-02T21:14:00Z"),
        ("dd/MMM/yy h:mm a", "Europe/London", "02/Mar/26 12:00 AM", "2026-03-02T00:00:00Z"),
        ("dd/MMM/yy h:mm a", "Europe/London", "02/Mar/26 12:00 PM", "2026-03-02T12:00:00Z"),
        ("d MMMM yyyy HH:mm", "Europe/London", "2 September 2026 09:14", "2026-09-02T08:14:00Z"),
        ("d MMM yyyy", "UTC", "2 Sept 2026", "2026-09-02T00:00:00Z"),
        ("EEE, d MMM yyyy HH:mm:ss", "UTC", "Wed, 2 Dec 2026 06:00:00", "2026-12-02T06:00:00Z"),
        ("M/d/yyyy H:mm", "America/Chicago", "3/9/2026 7:05", "2026-03-09T12:05:00Z"),
        ("yyyyMMddHHmmss", "Asia/Kolkata", "20260302091400", "2026-03-02T03:44:00Z"),
        // The spring gap moves forward by its length; the autumn overlap means the first occurrence.
        ("yyyy-MM-dd HH:mm", "America/New_York", "2026-03-08 02:30", "2026-03-08T07:30:00Z"),
        ("yyyy-MM-dd HH:mm", "America/New_York", "2026-11-01 01:30", "2026-11-01T05:30:00Z"),
        // With an offset, an overlap is no longer ambiguous.
        ("yyyy-MM-dd HH:mm xxx", "America/New_York", "2026-11-01 01:30 -05:00", "2026-11-01T06:30:00Z"),
    ])
    func patternsReadWhatTheToolsWrite(pattern: String, zone: String, value: String, expected: String) throws {
        let format = TimestampFormat.pattern(pattern, timeZone: zone)
        #expect(try format.instant(from: value) == InstantCoding.date(from: expected))
    }

    @Test func twoDigitYearsFallInTheStatedHundred() throws {
        let from1970 = TimestampFormat.pattern("dd/MM/yy", timeZone: "UTC")
        #expect(try from1970.instant(from: "01/01/69") == InstantCoding.date(from: "2069-01-01T00:00:00Z"))
        #expect(try from1970.instant(from: "01/01/70") == InstantCoding.date(from: "1970-01-01T00:00:00Z"))
        let from2000 = TimestampFormat.pattern("dd/MM/yy", timeZone: "UTC", twoDigitYearStart: 2000)
        #expect(try from2000.instant(from: "01/01/99") == InstantCoding.date(from: "2099-01-01T00:00:00Z"))
    }

    @Test(arguments: [
        ("yyyy-MM-dd HH:mm:ss Q", "\"Q\""), ("yyyy-MM-dd zzzz", "\"zzzz\""), ("yyyy-MM-ddTHH", "\"T\""),
        ("yyyy-MM-dd hh:mm", "needs AM/PM"), ("yyyy-MM-dd yyyy", "each once"),
    ])
    func aBadPatternNamesItsToken(pattern: String, named: String) {
        #expect { try TimestampFormat.pattern(pattern, timeZone: "UTC").validate() } throws: { error in
            guard let error = error as? ServiceDomainError else { return false }
            return error.path == "pattern" && error.message.contains(named)
        }
    }

    @Test(arguments: ["2026-03-02 9:14", "2026-03-02 09:14 extra", "2026-02-30 09:14", "2026-03-02 24:00", "0x10"])
    func aValueThatDoesNotFitNamesItself(value: String) {
        let format = TimestampFormat.pattern("yyyy-MM-dd HH:mm", timeZone: "UTC")
        #expect { try format.instant(from: value) } throws: { error in
            (error as? ServiceDomainError)?.message.contains("\"\(value)\"") == true
        }
    }

    @Test func unixInstantsAreDecimalOnly() throws {
        #expect(
            try TimestampFormat.unixMilliseconds.instant(from: "1795424400500").timeIntervalSince1970 == 1_795_424_400.5
        )
        for bad in ["0x10", "1e9", "nan", "inf", "1_000"] {
            #expect(throws: ServiceDomainError.self) { try TimestampFormat.unixSeconds.instant(from: bad) }
        }
    }

    @Test func formatsRoundTripThroughJSON() throws {
        for format in [
            TimestampFormat.iso8601, .unixSeconds, .unixMilliseconds,
            .pattern("dd/MMM/yy h:mm a", timeZone: "Europe/London", twoDigitYearStart: 2000),
        ] {
            #expect(try JSONDecoder().decode(TimestampFormat.self, from: JSONEncoder().encode(format)) == format)
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(
                TimestampFormat.self,
                from: Data(#"{"pattern": "yyyy Q", "timeZone": "UTC"}"#.utf8)
            )
        }
    }
}

struct DurationAndNumberTests {
    @Test(arguments: [
        ("90", DurationFormat.seconds, 90.0), ("90", .minutes, 5_400), ("1.5", .hours, 5_400), ("2", .days, 172_800),
        ("1500", .milliseconds, 1.5), ("1:05:30", .seconds, 3_930), ("27:00:00", .minutes, 97_200),
        ("00:04:12.5", .seconds, 252.5), ("4:12", .minutesSeconds, 252), ("1h 20m", .seconds, 4_800),
        ("2d 3h", .minutes, 183_600), ("45s", .hours, 45), ("1 hour 20 minutes", .seconds, 4_800),
        ("90 min", .hours, 5_400),
        ("-2h 30m", .seconds, -9_000),
    ])
    func durationsInEverySpelling(text: String, format: DurationFormat, seconds: Double) throws {
        #expect(try format.seconds(from: text) == seconds)
    }

    @Test(arguments: ["", "abc", "1:5:30", "12:30", "1:60:00", "1e3", "0x10", "1h 20x", "--5"])
    func notDurations(text: String) {
        #expect(throws: ServiceDomainError.self) { try DurationFormat.seconds.seconds(from: text) }
    }

    @Test func numbersWithGroupingAndDecimalCommas() throws {
        let european = try NumberFormat(decimalSeparator: ",", groupingSeparator: ".")
        #expect(try european.number(from: "1.234.567,5") == 1_234_567.5)
        #expect(try european.number(from: "-0,25") == -0.25)
        #expect(throws: ServiceDomainError.self) { try european.number(from: "1.2345,5") }
        let english = try NumberFormat(groupingSeparator: ",")
        #expect(try english.number(from: "12,345.75") == 12_345.75)
        #expect(try english.number(from: "12345") == 12_345)
        #expect(try NumberFormat.standard.number(from: ".5") == 0.5)
        for bad in ["0x9", "1e308", "nan", "infinity", "1,000", "", "+", "5.", "1234567890123456"] {
            #expect(throws: ServiceDomainError.self, "\(bad)") { try NumberFormat.standard.number(from: bad) }
        }
        #expect(throws: ServiceDomainError.self) { try NumberFormat(decimalSeparator: ",", groupingSeparator: ",") }
    }
}

struct CaseImportPolicyTests {
    static let tickets = """
        id,created,priority,channel
        T-1,2026-03-02T09:00:00Z,P1,Email
        T-2,2026-03-02T10:00:00Z,P9,Email
        T-1,2026-03-02T11:00:00Z,P2,Email
        T-3,2026-03-02T12:00:00Z,P9,Pigeon
        T-1,2026-03-02T13:00:00Z,P3,Email

        """

    func mapping(_ duplicates: DuplicatePolicy, unmapped: UnmappedValuePolicy = .reject) throws -> CaseCSVMapping {
        try CaseCSVMapping(
            shape: .ticketPerRow,
            columns: [.id: "id", .created: "created", .priority: "priority", .channel: "channel"],
            values: [.priority: ["p1": "urgent", "P2": "high", "P3": "normal"]],
            unmappedValues: unmapped,
            duplicateIDs: duplicates
        )
    }

    @Test func duplicatePoliciesKeepTheFirstTheLastOrNone() throws {
        let first = try mapping(.keepFirst).importCases(csv: Self.tickets)
        #expect(first.cases.map(\.id) == ["T-1"])
        #expect(first.cases[0].priority == .urgent)
        #expect(first.problems.map(\.line) == [3, 4, 5, 6])  // P9 (2 rows, from line 3), the repeats on 4 and 6
        #expect(first.summary.duplicateRows == 2 && first.summary.isBalanced)

        let last = try mapping(.keepLast).importCases(csv: Self.tickets)
        #expect(last.cases.map(\.priority) == [.normal])
        #expect(last.summary.rowsImported == 1 && last.summary.isBalanced)

        // Unchecked: every row is a case, and the summary says that repeats were not looked for.
        let unchecked = try mapping(.unchecked, unmapped: .keep).importCases(csv: Self.tickets)
        #expect(unchecked.cases.map(\.id) == ["T-1", "T-2", "T-1", "T-3", "T-1"])
        #expect(unchecked.summary.description.contains("identifiers not checked for repeats"))

        let none = try mapping(.reject).importCases(csv: Self.tickets)
        #expect(none.cases.isEmpty)
        #expect(none.summary.duplicateRows == 3 && none.summary.rowsRejected == 5 && none.summary.isBalanced)
    }

    @Test func unmappedValuesAreCountedOnceAndKeptOnlyWhenAsked() throws {
        let rejected = try mapping(.keepFirst).importCases(csv: Self.tickets)
        // Line 5 carries two unmapped values: each is counted on it, and the row is left out once.
        #expect(
            rejected.summary.unmappedValues.map(\.description) == [
                "priority \"P9\" is not mapped (2 rows from line 3, left out)",
                "channel \"Pigeon\" is not mapped (1 row from line 5, left out)",
            ]
        )
        #expect(rejected.summary.rowsRejected == 4 && rejected.summary.isBalanced)
        // Kept as written: the rows are imported, and the values still reported.
        let kept = try mapping(.keepFirst, unmapped: .keep).importCases(csv: Self.tickets)
        #expect(kept.cases.map(\.id) == ["T-1", "T-2", "T-3"])
        #expect(kept.cases[1].priority == "P9")
        #expect(
            kept.summary.unmappedValues.map { "\($0.field) \($0.value) \($0.rows) \($0.policy)" } == [
                "priority P9 2 keep", "channel Pigeon 1 keep",
            ]
        )
        #expect(kept.summary.isBalanced)
    }

    @Test func eventRowsMergeIntoTheirCase() throws {
        let csv = """
            case,at,type,status
            C-1,2026-03-02T09:00:00Z,Ticket created,
            C-2,2026-03-02T09:30:00Z,Ticket created,
            C-1,2026-03-02T09:10:00Z,Public reply,
            C-1,2026-03-02T10:00:00Z,Status,Solved
            C-2,2026-03-02T09:40:00Z,Status,Parked

            """
        let mapping = try CaseCSVMapping(
            shape: .eventPerRow,
            columns: [.case: "case", .at: "at", .type: "type", .status: "status"],
            values: [
                .type: ["Ticket created": "created", "Public reply": "agentReply", "Status": "statusChanged"],
                .status: ["Solved": "solved"],
            ]
        )
        let result = try mapping.importCases(csv: csv)
        #expect(result.cases.map(\.id) == ["C-1"])
        #expect(result.summary.rowsImported == 1 && result.summary.rowsMerged == 2)
        // C-2 is left out whole: its status "Parked" is unmapped (line 6), and its creation row is reported for it.
        #expect(result.summary.rowsRejected == 2 && result.summary.isBalanced)
        #expect(result.problems.map(\.line) == [3, 6])
        #expect(result.problems[0].reason == "case \"C-2\" left out: line 6 is unusable")
    }

    @Test func aReplyDerivedInBusinessMinutesLandsOnTheCalendar() throws {
        // Created Friday 16:00 in London; 90 business minutes on 09:00–17:00 weekdays: 60 on Friday, 30 on Monday.
        let calendar = try BusinessCalendar(
            timeZone: "Europe/London",
            weeklyHours: .weekdays([OpeningInterval("09:00", "17:00")])
        )
        let mapping = try CaseCSVMapping(
            shape: .ticketPerRow,
            columns: [.id: "id", .created: "created"],
            derived: [.init(field: .firstReply, column: "frt", format: .minutes, clock: .business)]
        )
        let csv = "id,created,frt\nT-1,2026-03-06T16:00:00Z,90\n"
        let result = try mapping.importCases(csv: csv, calendar: calendar)
        #expect(try result.case("T-1").timeline == ["created@2026-03-06T16:00:00Z", "agentReply@2026-03-09T09:30:00Z"])
        #expect(result.cases[0].events[1].derivedFrom == "created + frt (business time)")
        #expect { try mapping.importCases(csv: csv) } throws: {
            ($0 as? ServiceDomainError)?.path == "derived[0].clock"
        }
    }

    @Test func progressIsReportedAndEndsWithTheTotals() throws {
        final class Box: @unchecked Sendable {
            var seen: [ImportProgress] = []
            let lock = NSLock()
        }
        let box = Box()
        let mapping = try CaseCSVMapping(shape: .ticketPerRow, columns: [.id: "id", .created: "created"])
        var csv = "id,created\n"
        for i in 0..<25 { csv += "T-\(i),2026-03-02T09:00:00Z\n" }
        csv += "bad,yesterday\n"
        _ = try mapping.importCases(
            csv: csv,
            options: ImportOptions(progressInterval: 10) { progress in
                box.lock.withLock { box.seen.append(progress) }
            }
        )
        #expect(box.seen.map(\.rows) == [10, 20, 26])
        #expect(box.seen.last?.problems == 1)
        #expect(box.seen.last?.bytes == csv.utf8.count)
    }

    @Test func aStatusNeedsItsInstantAndTranslationsMustBeLibraryValues() throws {
        #expect {
            try CaseCSVMapping(shape: .ticketPerRow, columns: [.id: "id", .created: "c", .status: "s"]).importCases(
                csv: "id,c,s\n"
            )
        } throws: {
            ($0 as? ServiceDomainError)?.path == "columns.statusChangedAt"
        }
        #expect {
            try CaseCSVMapping(
                shape: .eventPerRow,
                columns: [.case: "c", .at: "a", .type: "t"],
                values: [.status: ["Hold": "waiting"]]
            )
        } throws: { ($0 as? ServiceDomainError)?.path == "values.status.Hold" }
    }
}

struct ShapeTests {
    @Test func eachRowMayCarryItsOwnTimeZone() throws {
        // Wall times of offices in two zones, the zone in a column of its own (summer time in both on 1 July).
        let mapping = try CaseCSVMapping(
            shape: .ticketPerRow,
            columns: [.id: "id", .created: "opened", .timeZone: "office zone"],
            timestamps: .pattern("yyyy-MM-dd HH:mm", timeZone: "UTC")
        )
        let csv = """
            id,opened,office zone
            L-1,2026-07-01 09:00,Europe/London
            N-1,2026-07-01 09:00,America/New_York
            U-1,2026-07-01 09:00,
            X-1,2026-07-01 09:00,Mars/Olympus

            """
        let result = try mapping.importCases(csv: csv)
        #expect(try result.case("L-1").createdAt == at("2026-07-01T08:00:00Z"))
        #expect(try result.case("N-1").createdAt == at("2026-07-01T13:00:00Z"))
        #expect(try result.case("U-1").createdAt == at("2026-07-01T09:00:00Z"))
        #expect(result.problems.map { "\($0.line) \($0.column ?? "-")" } == ["5 office zone"])
    }

    @Test func anUnknownFieldNameInAMappingIsNamed() {
        for json in [
            #"{"shape": "contactPerRow", "columns": {"id": "a", "offered": "b", "colour": "c"}}"#,
            #"{"shape": "ticketPerRow", "columns": {"id": "a", "created": "b"}, "values": {"colour": {"x": "y"}}}"#,
        ] {
            #expect { () throws -> Void in
                if json.contains("contactPerRow") {
                    _ = try JSONDecoder().decode(ContactCSVMapping.self, from: Data(json.utf8))
                } else {
                    _ = try JSONDecoder().decode(CaseCSVMapping.self, from: Data(json.utf8))
                }
            } throws: { error in
                "\(error)".contains("unknown field \"colour\"")
            }
        }
    }

    @Test func callDetailRecordsOneRowPerEvent() throws {
        // A CDR stream: each call's events in rows, not in order; talk runs from the answer to the end less the hold.
        let mapping = try ContactCSVMapping(
            shape: .eventPerRow,
            columns: [.id: "call", .at: "when", .type: "event", .agent: "agent", .queue: "queue"],
            values: [
                .type: [
                    "Queued": "offered", "Connected": "answered", "Hangup": "abandoned", "Hold": "held",
                    "Unhold": "resumed", "Disconnected": "ended", "ACW done": "wrapEnded",
                ]
            ]
        )
        let csv = """
            call,when,event,agent,queue
            K-1,2026-03-02T09:00:00Z,Queued,,billing
            K-2,2026-03-02T09:01:00Z,Queued,,billing
            K-1,2026-03-02T09:00:30Z,Connected,A-7,
            K-1,2026-03-02T09:02:00Z,Hold,A-7,
            K-1,2026-03-02T09:03:00Z,Unhold,A-7,
            K-1,2026-03-02T09:06:30Z,Disconnected,A-7,
            K-2,2026-03-02T09:01:45Z,Hangup,,
            K-1,2026-03-02T09:07:30Z,ACW done,A-7,
            K-3,2026-03-02T09:05:00Z,Transferred,,

            """
        let result = try mapping.importContacts(csv: csv)
        let answered = try #require(result.contacts.first { $0.id == "K-1" })
        // Answered 30 s after the offer; 6 min connected, of which 1 min on hold: 5 min talk; 1 min after-call work.
        #expect(answered.outcome == .answered(at: try at("2026-03-02T09:00:30Z"), agent: "A-7"))
        #expect(answered.talkTime == 300 && answered.holdTime == 60 && answered.wrapUpTime == 60)
        #expect(answered.queue == "billing")
        let abandoned = try #require(result.contacts.first { $0.id == "K-2" })
        #expect(abandoned.outcome == .abandoned(at: try at("2026-03-02T09:01:45Z")))
        // K-3's only row has an event type nobody mapped: left out and counted.
        #expect(result.summary.rowsRead == 9 && result.summary.rowsImported == 2 && result.summary.rowsMerged == 6)
        #expect(result.summary.isBalanced)
        #expect(result.summary.unmappedValues.map(\.value) == ["Transferred"])
    }
}

struct GroupedEventTests {
    static let csv = """
        case_id,at,type,status
        C-1,2026-03-02T09:00:00Z,created,
        C-1,2026-03-02T09:10:00Z,agentReply,
        C-2,2026-03-02T09:05:00Z,created,
        C-2,2026-03-02T09:20:00Z,statusChanged,solved
        C-1,2026-03-02T10:00:00Z,statusChanged,solved
        C-3,2026-03-02T11:00:00Z,created,

        """

    func mapping(grouped: Bool) throws -> CaseCSVMapping {
        try CaseCSVMapping(
            shape: .eventPerRow,
            columns: [.case: "case_id", .at: "at", .type: "type", .status: "status"],
            rowsGroupedByCase: grouped
        )
    }

    @Test func groupedRowsFinishEachCaseWhenTheNextBegins() throws {
        var finished: [String] = []
        let reader = try CSVReader(text: Self.csv)
        let summary = try mapping(grouped: true).streamCases(
            from: reader,
            problem: { _ in },
            case: { finished.append("\($0.id.rawValue):\($0.events.count)") }
        )
        // C-1 is finished when C-2's first row comes, with its two rows; its late solve on line 6 is reported.
        #expect(finished == ["C-1:2", "C-2:2", "C-3:1"])
        #expect(summary.rowsRejected == 1 && summary.isBalanced)
        let result = try mapping(grouped: true).importCases(csv: Self.csv)
        #expect(result.problems.map(\.line) == [6])
        #expect(result.problems[0].reason.contains("not together"))
    }

    @Test func ungroupedRowsMayComeInAnyOrder() throws {
        let result = try mapping(grouped: false).importCases(csv: Self.csv)
        #expect(result.cases.map { "\($0.id.rawValue):\($0.events.count)" } == ["C-1:3", "C-2:2", "C-3:1"])
        #expect(result.problems.isEmpty)
        #expect(throws: ServiceDomainError.self) {
            try CaseCSVMapping(shape: .ticketPerRow, columns: [.id: "id", .created: "c"], rowsGroupedByCase: true)
        }
    }
}
