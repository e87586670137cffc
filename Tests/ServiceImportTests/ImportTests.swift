import Foundation
import ServiceDomain
import Testing

@testable import ServiceImport

struct CSVDocumentTests {
    @Test func readsQuotedFieldsLineBreaksAndDoubledQuotes() throws {
        // RFC 4180 §2: fields with commas, CRLF and doubled quotes are quoted. A BOM and empty lines are ignored.
        let text =
            "\u{FEFF}id,note,count\r\n"  // line 1
            + "1,\"Smith, J.\",3\r\n"  // line 2
            + "\r\n"  // line 3: empty, skipped
            + "2,\"two\nlines, \"\"quoted\"\"\",4\n"  // lines 4–5: one record
            + "3,,5"  // line 6: empty field, no final line break
        let document = try CSVDocument(parsing: text)
        #expect(document.header == ["id", "note", "count"])
        #expect(document.records.map(\.line) == [2, 4, 6])
        #expect(document.records[0].fields == ["1", "Smith, J.", "3"])
        #expect(document.records[1].fields == ["2", "two\nlines, \"quoted\"", "4"])
        #expect(document.records[2].fields == ["3", "", "5"])
        #expect(document.problems.isEmpty)
        #expect(document.column("count") == 2 && document.column("Count") == nil)
    }

    @Test func malformedRecordsAreReportedWithTheirLines() throws {
        let text = "a,b\n1,2\n3\n4,5\"x\n\"6\"7,8\n9,10,11\n12,13\n"
        let document = try CSVDocument(parsing: text)
        #expect(document.records.map(\.line) == [2, 7])
        #expect(document.problems.map(\.line) == [3, 4, 5, 6])
        #expect(document.problems[0].reason == "1 field where the header has 2")
        #expect(document.problems[1].reason.contains("a quote inside an unquoted field"))
        #expect(document.problems[2].reason.contains("text after the closing quote"))
        #expect(document.problems[3].reason == "3 fields where the header has 2")
    }

    @Test func semicolonsAndTabsAsDelimiters() throws {
        #expect(try CSVDocument(parsing: "a;b\n\"1;5\";2\n", delimiter: ";").records[0].fields == ["1;5", "2"])
        #expect(try CSVDocument(parsing: "a\tb\n1\t2\n", delimiter: "\t").records[0].fields == ["1", "2"])
    }

    @Test(arguments: [
        ("", ServiceDomainError.Code.empty, nil as String?),
        ("\n\n", .empty, nil),
        ("a,b\n1,\"open\n2,3\n", .malformed, "line[2]"),
        ("a,\"b\"x\n", .malformed, "line[1]"),
    ])
    func unreadableDocumentsThrow(text: String, code: ServiceDomainError.Code, path: String?) {
        #expect {
            try CSVDocument(parsing: text)
        } throws: { error in
            guard let error = error as? ServiceDomainError else { return false }
            return error.code == code && error.path == path
        }
    }

    @Test func aQuoteOrLineBreakCannotBeTheDelimiter() {
        for delimiter: Character in ["\"", "\n", "é"] {
            #expect(throws: ServiceDomainError.self) { try CSVDocument(parsing: "a\n", delimiter: delimiter) }
        }
    }

    @Test func writtenRecordsReadBackUnchanged() throws {
        // Property: any fields, written with `record(_:)` and read back, are the same fields.
        var rng = SeededGenerator(seed: 42)
        let alphabet = Array("ab ,\"\n\r;é1")
        for _ in 0..<300 {
            let width = Int.random(in: 1...5, using: &rng)
            let fields = (0..<width).map { _ in
                String((0..<Int.random(in: 0...6, using: &rng)).compactMap { _ in alphabet.randomElement(using: &rng) })
            }
            let text = CSVDocument.record((0..<width).map { "c\($0)" }) + CSVDocument.record(fields)
            let document = try CSVDocument(parsing: text)
            // A record of one empty field is an empty line, which the reader skips.
            if width == 1, fields[0].isEmpty {
                #expect(document.records.isEmpty)
            } else {
                #expect(document.records.first?.fields == fields)
            }
        }
    }
}

struct TimestampFormatTests {
    @Test func patternsReadWallTimesInTheirZoneAcrossDaylightSaving() throws {
        let london = TimestampFormat.pattern("dd/MM/yyyy HH:mm", timeZone: "Europe/London")
        // 2026-01-15 09:00 GMT is 09:00Z; 2026-07-15 09:00 BST is 08:00Z.
        #expect(try london.instant(from: "15/01/2026 09:00") == InstantCoding.date(from: "2026-01-15T09:00:00Z"))
        #expect(try london.instant(from: "15/07/2026 09:00") == InstantCoding.date(from: "2026-07-15T08:00:00Z"))
        // 29 March 2026, 01:30 does not exist in London (clocks go from 01:00 GMT to 02:00 BST): moved forward by the
        // gap, 02:30 BST = 01:30Z. 25 October 2026, 01:30 happens twice: the first, 01:30 BST = 00:30Z.
        #expect(try london.instant(from: "29/03/2026 01:30") == InstantCoding.date(from: "2026-03-29T01:30:00Z"))
        #expect(try london.instant(from: "25/10/2026 01:30") == InstantCoding.date(from: "2026-10-25T00:30:00Z"))
        #expect(
            try TimestampFormat.unixSeconds.instant(from: " 1795424400 ") == Date(timeIntervalSince1970: 1_795_424_400)
        )
    }

    @Test(arguments: ["31/02/2026 09:00", "15/13/2026 09:00", "15/01/2026 24:00", "15/01/2026", "15-01-2026 09:00", ""])
    func textsThatDoNotFitArerejected(text: String) {
        let format = TimestampFormat.pattern("dd/MM/yyyy HH:mm", timeZone: "Europe/London")
        #expect { try format.instant(from: text) } throws: { ($0 as? ServiceDomainError)?.code == .malformed }
    }

    @Test func outOfRangeAndNonNumericInstants() {
        // Exponents are not decimal numbers: "1e300" is refused before its size is looked at.
        #expect { try TimestampFormat.unixSeconds.instant(from: "1e300") } throws: {
            ($0 as? ServiceDomainError)?.code == .malformed
        }
        #expect { try TimestampFormat.unixSeconds.instant(from: "99999999999999") } throws: {
            ($0 as? ServiceDomainError)?.code == .outOfRange
        }
        #expect { try TimestampFormat.unixSeconds.instant(from: "0x10") } throws: {
            ($0 as? ServiceDomainError)?.code == .malformed
        }
        #expect { try TimestampFormat.unixSeconds.instant(from: "nan") } throws: {
            ($0 as? ServiceDomainError)?.code == .malformed
        }
    }

    @Test(arguments: [
        (TimestampFormat.pattern("dd/MM/yyy", timeZone: "UTC"), "pattern"),
        (.pattern("HH:mm", timeZone: "UTC"), "pattern"),
        (.pattern("dd/MM/yyyy hh:mm", timeZone: "UTC"), "pattern"),
        (.pattern("dd/MM/yyyy HH:mm a", timeZone: "UTC"), "pattern"),
        (.pattern("dd/MM/yyyy HH:mm zzzz", timeZone: "UTC"), "pattern"),
        (.pattern("dd/MM/yyyy 'T", timeZone: "UTC"), "pattern"),
        (.pattern("dd/MM/yyyy", timeZone: "UTC", twoDigitYearStart: 1492), "twoDigitYearStart"),
        (.pattern("yyyy-MM-dd yyyy", timeZone: "UTC"), "pattern"),
        (.pattern("yyyy-MM-ddTHH", timeZone: "UTC"), "pattern"),
        (.pattern("yyyy-MM-dd", timeZone: "Mars/Base"), "timeZone"),
    ])
    func badPatternsAreRejected(format: TimestampFormat, path: String) {
        #expect { try format.validate() } throws: { ($0 as? ServiceDomainError)?.path == path }
    }
}

struct CaseImportTests {
    static let tickets = """
        id,created_at,first_reply_at,solved_at,channel,priority,team,agent,customer_id,customer_role,segments,tags
        T-1,2026-11-23T09:00:00Z,2026-11-23T09:45:00Z,2026-11-23T15:00:00Z,phone,high,billing,A-7,C-1,member,gold,refund vip
        T-2,2026-11-23T10:00:00Z,,,email,,,,,,,
        T-3,2026-11-23T11:00:00Z,yesterday,,email,normal,,,,,,
        T-4,2026-11-23T12:00:00Z,2026-11-23T11:00:00Z,,email,normal,,,,,,
        T-5,2026-11-23T13:00:00Z
        """

    @Test func ticketRowsBecomeCasesAndBadRowsAreReported() throws {
        let result = try CaseCSVMapping.ticketPerRow.importCases(csv: Self.tickets)
        #expect(result.cases.map(\.id) == ["T-1", "T-2"] && result.recordCount == 5)
        let first = result.cases[0]
        // Worked example: first reply 45 min after creation, solved 6 h after.
        #expect(first.facts.firstAgentReplyAt?.timeIntervalSince(first.facts.createdAt) == 45.0 * 60)
        #expect(first.facts.solvedAt?.timeIntervalSince(first.facts.createdAt) == 6.0 * 3_600)
        #expect(first.channel == .phone && first.priority == .high && first.team == "billing")
        #expect(
            first.customer?.role == .member && first.customer?.segments == ["gold"] && first.tags == ["refund", "vip"]
        )
        #expect(result.cases[1].priority == .normal && result.cases[1].customer == nil)
        // Line 4: an unreadable instant; line 5: a reply before creation; line 6: too few fields.
        #expect(result.problems.map(\.line) == [4, 5, 6])
        #expect(result.problems[0].column == "first_reply_at")
        #expect(result.problems[1].column == "created_at" || result.problems[1].column == "first_reply_at")
        #expect(result.problems[2].column == nil)
    }

    @Test func stoppingAtTheFirstBadRecordThrowsItsLine() {
        #expect {
            try CaseCSVMapping.ticketPerRow.importCases(csv: Self.tickets, onBadRecord: .stop)
        } throws: { error in
            guard let error = error as? ServiceDomainError else { return false }
            return error.code == .badRecord && error.path == "line[4].first_reply_at"
        }
    }

    static let events = """
        case_id,event_id,at,type,status,agent,team,channel,priority,customer_id,customer_role,segments,tags
        K-1,2,2026-11-23T09:30:00Z,agentReply,,A-1,,,,,,,
        K-1,1,2026-11-23T09:00:00Z,created,,,,chat,urgent,C-9,citizen,,
        K-2,1,2026-11-23T10:00:00Z,created,,,,email,,,,,
        K-1,3,2026-11-23T09:31:00Z,statusChanged,solved,,,,,,,,
        K-2,2,2026-11-23T10:05:00Z,teleported,,,,,,,,,
        K-2,3,2026-11-23T10:10:00Z,agentReply,,,,,,,,,
        K-3,1,2026-11-23T11:00:00Z,created,,,,email,,,,,
        K-3,2,2026-11-23T11:05:00Z,reopened,,,,,,,,,
        """

    @Test func eventRowsAreGroupedOrderedAndWholeCasesLeftOut() throws {
        let result = try CaseCSVMapping.eventPerRow.importCases(csv: Self.events)
        // K-1's rows are out of order in the file: sorted by instant, created first.
        #expect(result.cases.map(\.id) == ["K-1"])
        let k1 = result.cases[0]
        #expect(k1.events.map(\.id) == ["1", "2", "3"] && k1.channel == .chat && k1.priority == .urgent)
        #expect(k1.facts.status == .solved && k1.customer?.role == .citizen)
        #expect(k1.facts.firstAgentReplyAt == (try InstantCoding.date(from: "2026-11-23T09:30:00Z")))
        // K-2: line 6 has an unknown type, so lines 4 and 7 are left out with it. K-3 reopens a case that is open.
        #expect(result.problems.map(\.line) == [4, 6, 7, 8, 9])
        #expect(result.problems[1].column == "type" && result.problems[1].reason.contains("teleported"))
        #expect(result.problems[0].reason == "case \"K-2\" left out: line 6 is unusable")
        #expect(result.problems.contains { $0.line == 9 && $0.reason.contains("K-3") })
    }

    @Test func aMappingTranslatesColumnsValuesAndWallTimes() throws {
        let mapping = try JSONDecoder().decode(
            CaseCSVMapping.self,
            from: Data(
                """
                {"shape": "eventPerRow",
                 "columns": {"case": "Ticket", "at": "When", "type": "What", "priority": "Prio"},
                 "values": {"type": {"Opened": "created", "Public reply": "agentReply"}, "priority": {"P1": "urgent"}},
                 "timestamps": {"pattern": "dd/MM/yyyy HH:mm", "timeZone": "Europe/London"},
                 "defaultChannel": "phone"}
                """.utf8
            )
        )
        let text = "Ticket;When;What;Prio\n9;01/07/2026 09:00;Opened;P1\n9;01/07/2026 10:15;Public reply;\n"
        let result = try mapping.importCases(csv: text, delimiter: ";")
        let item = try #require(result.cases.first)
        // 09:00 BST is 08:00Z; the reply 75 minutes later.
        #expect(item.facts.createdAt == (try InstantCoding.date(from: "2026-07-01T08:00:00Z")))
        #expect(item.facts.firstAgentReplyAt?.timeIntervalSince(item.facts.createdAt) == 75.0 * 60)
        #expect(item.priority == .urgent && item.channel == .phone && item.events.map(\.id) == ["L2", "L3"])
        // And the mapping survives JSON.
        #expect(try JSONDecoder().decode(CaseCSVMapping.self, from: JSONEncoder().encode(mapping)) == mapping)
    }

    @Test func aMappedColumnMissingFromTheFileIsAnError() {
        #expect {
            try CaseCSVMapping.ticketPerRow.importCases(csv: "id,created\nT-1,2026-11-23T09:00:00Z\n")
        } throws: { ($0 as? ServiceDomainError)?.path == "columns.created" }
    }

    @Test(arguments: [
        (#"{"shape": "ticketPerRow", "columns": {"id": "id"}}"#, "columns.created"),
        (#"{"shape": "ticketPerRow", "columns": {"id": "id", "created": "c", "colour": "x"}}"#, "colour"),
        (#"{"shape": "ticketPerRow", "columns": {"id": "id", "created": "c", "at": "x"}}"#, "columns.at"),
        (#"{"shape": "eventPerRow", "columns": {"case": "a", "at": "b", "type": "c"}, "colour": 1}"#, "colour"),
        (#"{"shape": "byRow", "columns": {}}"#, "shape"),
        (
            #"{"shape": "eventPerRow", "columns": {"case": "a", "at": "b", "type": "c"}, "timestamps": {"pattern": "yyyy", "timeZone": "UTC"}}"#,
            "timestamps"
        ),
        (
            #"{"shape": "eventPerRow", "columns": {"case": "a", "at": "b", "type": "c"}, "listSeparator": ""}"#,
            "listSeparator"
        ),
    ])
    func malformedMappingsNameTheBadField(json: String, path: String) {
        #expect {
            try JSONDecoder().decode(CaseCSVMapping.self, from: Data(json.utf8))
        } throws: { error in
            "\(error)".contains(path)
        }
    }
}

struct FieldTrimmingTests {
    @Test(arguments: [
        (" a b ", "a b"), ("\tx\t", "x"), ("", ""), ("  \t ", ""), ("é ", "é"), ("no-blanks", "no-blanks"),
        ("\u{00A0}kept\u{00A0}", "\u{00A0}kept\u{00A0}"),  // only spaces and tabs are trimmed, as CSV exports pad
    ])
    func spacesAndTabsAreTrimmed(raw: String, trimmed: String) {
        #expect(raw.trimmingSpacesAndTabs == trimmed)
    }

    @Test func listItemsAreSplitTrimmedAndNonEmpty() {
        #expect(" vip  refund\trush ".listItems(separatedBy: " ") == ["vip", "refund\trush"])
        #expect("a, b,,c ".listItems(separatedBy: ",") == ["a", "b", "c"])
        #expect("a::b :: c".listItems(separatedBy: "::") == ["a", "b", "c"])
        #expect("".listItems(separatedBy: ",").isEmpty)
    }
}
