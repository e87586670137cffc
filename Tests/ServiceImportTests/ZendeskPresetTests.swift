import Foundation
import ServiceDomain
import ServiceImport
import Testing

/// `zendesk-csv-export` on `Fixtures/zendesk-csv-export.csv`: Zendesk Support's ticket CSV export, 41 columns in the
/// export's order, instants with the account's UTC offset (+0100, and +0200 after the 29 March 2026 change in
/// Europe/Paris), a subject with a quoted comma, quotes and a line break.
///
/// The file: 60 regular tickets (lines 2–61; ticket 1000 + i created 2026-03-02 08:00Z + 13 h × i, first reply after
/// 15 + i minutes, solved after 120 + 10 i minutes, every fifth closed a minute after the solve) and 11 rows with
/// something to say (lines 62–73; ticket 2001's subject spans lines 62–63).
struct ZendeskPresetTests {
    static func imported() throws -> CaseImport {
        let mapping = try ImportPreset.named("zendesk-csv-export").caseMapping()
        return try mapping.importCases(
            csv: try Fixture.text("zendesk-csv-export.csv"),
            options: ImportOptions(source: "zendesk-csv-export.csv")
        )
    }

    @Test func everyRowIsAccountedFor() throws {
        let result = try Self.imported()
        let summary = result.summary
        // 71 data rows: 63 tickets (59 regular ones, 1003 being repeated, and 2001, 2002, 2003, 2008), and 8 rows
        // left out (by hand: 3 Medium, 1 bad instant, 2 of the repeated 1003, 1 unknown Via, 1 non-numeric reply
        // time).
        #expect(summary.rowsRead == 71)
        #expect(summary.rowsImported == 63)
        #expect(summary.rowsMerged == 0)
        #expect(summary.rowsRejected == 8)
        #expect(summary.isBalanced)
        #expect(result.cases.count == 63)
        #expect(result.problems.reduce(0) { $0 + $1.rows } == 8)
        #expect(summary.duplicateRows == 2)
        // Every imported ticket with a first reply had it derived from "First reply time in minutes": 59 regular
        // ones and 2001–2003.
        #expect(summary.derivedInstants == 62)
    }

    @Test func rowsLeftOutNameTheirLineColumnAndValue() throws {
        let problems = try Self.imported().problems
        let described = problems.map { "\($0.line) \($0.column ?? "-") \($0.rows)" }
        #expect(
            described == [
                "5 - 1",  // 1003, repeated on line 70: every row of it is left out
                "66 Priority 3",  // "Medium" on lines 66–68
                "69 Created at 1",  // 25:00
                "70 - 1",
                "72 Via 1",  // "Carrier pigeon"
                "73 First reply time in minutes 1",  // "abc"
            ]
        )
        #expect(problems.allSatisfy { $0.file == "zendesk-csv-export.csv" })
        #expect(problems[1].reason.contains("\"Medium\""))
        #expect(problems[2].reason.contains("2026-03-02 25:00:00 +0100"))
        let unmapped = try Self.imported().summary.unmappedValues
        #expect(
            unmapped.map(\.description) == [
                "priority \"Medium\" is not mapped (3 rows from line 66, left out)",
                "channel \"Carrier pigeon\" is not mapped (1 row from line 72, left out)",
            ]
        )
    }

    @Test func aRegularTicketKeepsItsOffsetsAndDerivedReply() throws {
        let result = try Self.imported()
        // Ticket 1000: created 09:00 +0100 = 08:00Z, reply 15 min later, solved at 11:00 +0100, closed (status Closed)
        // at "Updated at" 11:01 +0100.
        let first = try result.case("1000")
        #expect(
            first.timeline == [
                "created@2026-03-02T08:00:00Z", "agentReply@2026-03-02T08:15:00Z", "status:solved@2026-03-02T10:00:00Z",
                "status:closed@2026-03-02T10:01:00Z",
            ]
        )
        #expect(first.events[1].derivedFrom == "created + First reply time in minutes")
        #expect(first.events[1].kind == .agentReply(agent: "Agent A"))
        #expect(first.priority == .low && first.channel == .email && first.team == "Billing")
        #expect(first.customer?.id == "U500")
        #expect(first.tags == ["billing", "meter_0"])
        // Ticket 1050: created 2026-03-02 08:00Z + 650 h = 2026-03-29 10:00Z, written "12:00:00 +0200" after the
        // change to summer time.
        #expect(try result.case("1050").createdAt == at("2026-03-29T10:00:00Z"))
        // Ticket 1003 is left out with its repeat.
        #expect(!result.cases.contains { $0.id == "1003" })
    }

    @Test func currentStatusesBecomeEvents() throws {
        let result = try Self.imported()
        // 2001, Pending since its last update (11:30 +0100); the subject's line break and quotes are one field.
        #expect(
            try result.case("2001").timeline == [
                "created@2026-03-03T09:00:00Z", "agentReply@2026-03-03T09:45:00Z",
                "status:pending@2026-03-03T10:30:00Z",
            ]
        )
        #expect(try result.case("2001").facts.status == .pending)
        // 2002, on Hold: created 2026-03-27 15:00Z, reply after 1,000 minutes (2026-03-28 07:40Z), hold from
        // 2026-03-30 09:00 +0200 = 07:00Z.
        #expect(
            try result.case("2002").timeline == [
                "created@2026-03-27T15:00:00Z", "agentReply@2026-03-28T07:40:00Z", "status:onHold@2026-03-30T07:00:00Z",
            ]
        )
        // 2003, Open after a solve with Reopens 1: reopened at its last update, tagged.
        let reopened = try result.case("2003")
        #expect(
            reopened.timeline == [
                "created@2026-03-05T08:00:00Z", "agentReply@2026-03-05T08:05:00Z", "status:solved@2026-03-05T11:00:00Z",
                "reopened@2026-03-06T07:15:00Z",
            ]
        )
        #expect(reopened.tags.contains("reopened") && reopened.facts.status == .open && reopened.priority == .urgent)
        // 2008, New, via Twitter.
        let fresh = try result.case("2008")
        #expect(fresh.timeline == ["created@2026-03-31T21:59:00Z"])
        #expect(fresh.channel == .socialMedia)
    }

    @Test func stoppingAtTheFirstBadRowNamesFileLineAndColumn() throws {
        let mapping = try ImportPreset.named("zendesk-csv-export").caseMapping()
        #expect {
            try mapping.importCases(
                csv: try Fixture.text("zendesk-csv-export.csv"),
                options: ImportOptions(source: "zendesk-csv-export.csv", onBadRecord: .stop)
            )
        } throws: { error in
            guard let error = error as? ServiceDomainError else { return false }
            // The first problem met in reading order: the impossible hour on line 69 (unmapped values are counted to
            // the end of the file, and the repeat of 1003 comes on line 70).
            return error.code == .badRecord && error.path == "line[69].Created at"
                && error.message.hasPrefix("zendesk-csv-export.csv: line 69:")
        }
    }

    @Test func streamingFromTheFileGivesTheSameCases() throws {
        let mapping = try ImportPreset.named("zendesk-csv-export").caseMapping()
        let streamed = try mapping.importCases(contentsOf: try Fixture.url("zendesk-csv-export.csv"))
        let whole = try Self.imported()
        #expect(streamed.cases == whole.cases)
        #expect(streamed.summary.rowsRead == 71 && streamed.summary.file == "zendesk-csv-export.csv")
    }
}
