import Foundation
import ServiceDomain
import Testing

@testable import ServiceImport

@Suite("Imports into batches")
struct BatchImportTests {
    /// A ticket export read into columns holds the very rows the cases read from it make, with the same problems and
    /// accounting: two usable tickets of five rows (a bad timestamp, a reply before the creation, a short row).
    @Test("a ticket export into a CaseBatch: the cases' rows, problems and accounting")
    func ticketsIntoABatch() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tickets-\(UUID()).csv")
        try Data(CaseImportTests.tickets.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let imported = try CaseCSVMapping.ticketPerRow.importBatch(contentsOf: file)
        let cases = try CaseCSVMapping.ticketPerRow.importCases(contentsOf: file)
        #expect(imported.batch == (try CaseBatch(cases.cases)))
        #expect(imported.batch.count == 2)
        #expect(imported.problems == cases.problems && imported.problems.count == 3)
        #expect(imported.summary == cases.summary)
        #expect(imported.summary.rowsRead == imported.summary.rowsImported + imported.problems.count)
    }

    /// The same for contacts: the batch holds the imported contacts' rows, in order.
    @Test("a contact export into a ContactBatch")
    func contactsIntoABatch() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("calls-\(UUID()).csv")
        try Data(
            """
            contact_id,channel,queue,offered_at,answered_at,abandoned_at,agent_id,talk_seconds,hold_seconds,wrap_seconds
            K-1,phone,billing,2026-11-23T09:00:00Z,2026-11-23T09:00:25Z,,A-1,300,10,30
            K-2,phone,billing,2026-11-23T09:01:00Z,,2026-11-23T09:01:40Z,,,,
            K-3,phone,moves,2026-11-23T09:02:00Z,,,,,,

            """.utf8
        ).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let mapping = try ContactCSVMapping(
            shape: .contactPerRow,
            columns: [
                .id: "contact_id", .channel: "channel", .queue: "queue", .offered: "offered_at",
                .answered: "answered_at", .abandoned: "abandoned_at", .agent: "agent_id", .talk: "talk_seconds",
                .hold: "hold_seconds", .wrap: "wrap_seconds",
            ]
        )
        let imported = try mapping.importBatch(contentsOf: file)
        let contacts = try mapping.importContacts(contentsOf: file)
        #expect(imported.batch == ContactBatch(contacts.contacts))
        #expect(imported.batch.count == contacts.contacts.count)
        #expect(imported.summary == contacts.summary)
    }
}

@Suite("Event exports: a cap on events per case")
struct EventCapTests {
    /// A runaway case (a bot replying to itself 50 times) past a cap of 20 events is left out with every one of its
    /// rows, reported at the row past the cap; the other case is imported; rows read = imported + merged + left out.
    @Test("a case with more events than the cap is left out and reported, the rest imported")
    func runawayCase() throws {
        var lines = [
            "case_id,event_id,at,type,status,agent,team,channel,priority,customer_id,customer_role,segments,tags"
        ]
        lines.append("B-1,0,2026-11-23T09:00:00Z,created,,,,email,,,,,")
        lines.append("OK,0,2026-11-23T09:00:00Z,created,,,,chat,,,,,")
        for number in 1...50 {
            let minute = String(format: "%02d", number)
            lines.append("B-1,\(number),2026-11-23T10:\(minute):00Z,agentReply,,BOT,,,,,,,")
        }
        lines.append("OK,1,2026-11-23T09:05:00Z,agentReply,,A-1,,,,,,,")
        let csv = lines.joined(separator: "\n")
        let capped = try CaseCSVMapping.eventPerRow.importCases(
            csv: csv,
            options: ImportOptions(maximumEventsPerCase: 20)
        )
        #expect(capped.cases.map(\.id) == ["OK"])
        // The 21st event of B-1 is its row 22 of the file (line 23 with the header): the problem names it.
        let first = try #require(capped.problems.first { $0.reason.contains("more than 20 events") })
        #expect(first.line == 23)
        #expect(capped.problems.count == 51)
        let summary = capped.summary
        #expect(summary.rowsRead == 53)
        #expect(summary.rowsRead == summary.rowsImported + summary.rowsMerged + capped.problems.count)
        // Without the cap, both cases are imported.
        let uncapped = try CaseCSVMapping.eventPerRow.importCases(csv: csv)
        #expect(uncapped.cases.count == 2 && uncapped.problems.isEmpty)
    }
}
