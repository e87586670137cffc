import Foundation
import ServiceDomain
import ServiceImport
import Testing

/// `ZendeskTables` on `Fixtures/zendesk-tables`: the tables of a Fivetran-style Zendesk sync, with all their columns
/// (those the import does not read included), `… UTC` and ISO 8601 instants, and rows with something wrong.
struct ZendeskTablesTests {
    static func read() throws -> ZendeskTables.Result {
        let folder = try Fixture.url("zendesk-tables")
        return try ZendeskTables(folder: folder).read()
    }

    @Test func everyRowOfEveryTableIsAccountedFor() throws {
        let result = try Self.read()
        let summaries = result.summaries
        #expect(summaries.values.allSatisfy { $0.isBalanced })
        // By hand: tickets 1, 2 and 4 become cases; ticket 5's timeline is invalid (a comment before its creation).
        #expect(result.cases.map(\.id) == ["1", "2", "4"])
        #expect(summaries[.ticket].map { "\($0.rowsRead) \($0.rowsImported) \($0.rowsRejected)" } == "4 3 1")
        // 18 history rows: 17 join tickets 1 and 2 (the subject change is joined and not read; two are SLA policy
        // changes), 1 names ticket 99.
        #expect(
            summaries[.ticketFieldHistory].map { "\($0.rowsRead) \($0.rowsMerged) \($0.rowsRejected)" } == "18 17 1"
        )
        #expect(summaries[.slaPolicyHistory]?.rowsImported == 1)
        // 12 comments: 8 joined; "maybe" is not a boolean; ticket 5's three are left out with it.
        #expect(summaries[.ticketComment].map { "\($0.rowsRead) \($0.rowsMerged) \($0.rowsRejected)" } == "12 8 4")
        #expect(summaries[.schedule].map { "\($0.rowsRead) \($0.rowsImported) \($0.rowsRejected)" } == "7 6 1")
        #expect(summaries[.ticketTag]?.rowsMerged == 3 && summaries[.user]?.rowsImported == 4)
        #expect(
            result.problems.map { "\($0.file ?? "") \($0.line)" } == [
                "schedule.csv 2",  // end_time before start_time
                "ticket.csv 5",  // ticket 5
                "ticket_comment.csv 10",  // public = maybe
                "ticket_comment.csv 11", "ticket_comment.csv 12", "ticket_comment.csv 13",  // ticket 5's comments
                "ticket_field_history.csv 17",  // ticket 99
            ]
        )
    }

    @Test func aTicketsWholeTimelineFromItsHistoryAndComments() throws {
        let ticket = try #require(try Self.read().cases.first { $0.id == "1" })
        // The description (comment 7001) is the creation; the reply "submitted as pending" replies first; the reopen
        // on the 3rd follows a solve; the priority at creation was normal although the ticket row says high now.
        // The schedule rows are moves: onto schedule 7 at creation, onto 8 (the night desk) on the 3rd at 08:00.
        #expect(
            ticket.timeline == [
                "created@2026-03-02T09:00:00Z", "scheduleChanged@2026-03-02T09:00:00Z", "assigned@2026-03-02T09:10:00Z",
                "agentReply@2026-03-02T09:30:00Z", "status:pending@2026-03-02T09:30:00Z",
                "customerReply@2026-03-02T11:00:00Z", "status:open@2026-03-02T11:00:00Z",
                "priority:high@2026-03-02T11:05:00Z", "internalNote@2026-03-02T11:10:00Z",
                "agentReply@2026-03-02T12:00:00Z", "status:solved@2026-03-02T12:00:00Z",
                "reopened@2026-03-03T08:00:00Z",
                "scheduleChanged@2026-03-03T08:00:00Z", "status:solved@2026-03-03T09:00:00Z",
                "status:closed@2026-03-07T09:00:00Z",
            ]
        )
        #expect(ticket.facts.scheduleChanges.map(\.calendar) == ["zendesk-7", "zendesk-8"])
        #expect(ticket.priority == .normal && ticket.facts.priority == .high)
        #expect(ticket.team == "10" && ticket.channel == .email && ticket.customer?.id == "900")
        #expect(ticket.tags == ["billing", "vip"])
        #expect(ticket.events[2].kind == .assigned(agent: "501", team: "10"))
        #expect(ticket.events[3].kind == .agentReply(agent: "501"))
        let hold = try #require(try Self.read().cases.first { $0.id == "2" })
        #expect(
            hold.timeline == [
                "created@2026-03-02T10:00:00Z", "scheduleChanged@2026-03-02T10:00:00Z",
                "agentReply@2026-03-02T10:20:00Z",
                "status:onHold@2026-03-02T10:30:00Z", "status:solved@2026-03-02T13:00:00Z",
            ]
        )
        #expect(hold.channel == .webForm)
    }

    @Test func theSLAPolicyHistoryIsRecordedByTitle() throws {
        // Ticket 1: policy 101 (titled "Standard" in sla_policy_history) at creation, then "VIP queue", which the
        // policy table does not know, at 11:05.
        let history = try #require(try Self.read().slaPolicies["1"])
        #expect(
            history == [
                AppliedSLAPolicy(at: try at("2026-03-02T09:00:00Z"), policy: "Standard", policyID: "101"),
                AppliedSLAPolicy(at: try at("2026-03-02T11:05:00Z"), policy: "VIP queue", policyID: nil),
            ]
        )
        #expect(try Self.read().slaPolicies["2"] == nil)
        let encoded = try JSONEncoder().encode(history[0])
        #expect(try JSONDecoder().decode(AppliedSLAPolicy.self, from: encoded) == history[0])
    }

    @Test func schedulesBecomeCalendarsWithTheirHolidays() throws {
        let result = try Self.read()
        let office = try #require(result.calendars["zendesk-7"])
        #expect(office.timeZone.identifier == "Europe/London")
        // Monday 2 March 09:00 to the next Monday 09:00: five days of 8 hours.
        let week = try office.businessDuration(from: at("2026-03-02T09:00:00Z"), to: at("2026-03-09T09:00:00Z"))
        #expect(week == 40 * 3_600)
        // The early May bank holiday (Monday 4 May, BST): the week from Monday 09:00 BST has four open days.
        let mayWeek = try office.businessDuration(from: at("2026-05-04T08:00:00Z"), to: at("2026-05-11T08:00:00Z"))
        #expect(mayWeek == 32 * 3_600)
        // The night desk, in New York: Tuesday 22:00 to Wednesday 06:00, split at midnight.
        let night = try #require(result.calendars["zendesk-8"])
        #expect(night.timeZone.identifier == "America/New_York")
        let nights = try night.businessDuration(from: at("2026-03-02T00:00:00Z"), to: at("2026-03-09T00:00:00Z"))
        #expect(nights == 8 * 3_600)
        // The latest schedule of each ticket.
        #expect(result.ticketCalendars == ["1": "zendesk-8", "2": "zendesk-7"])
    }

    @Test func withoutAStatusHistoryTheTicketsStatusIsPlacedAtItsLastUpdate() throws {
        let tickets = """
            id,created_at,updated_at,status,priority,via_channel,group_id,assignee_id,requester_id
            1,2026-03-02 09:00:00 UTC,2026-03-02 10:00:00 UTC,solved,normal,email,,,900
            2,2026-03-02 09:00:00 UTC,,pending,normal,email,,,900
            3,2026-03-02 09:00:00 UTC,,open,normal,email,,,900

            """
        let result = try ZendeskTables(tables: [.ticket: tickets]).read()
        #expect(
            try #require(result.cases.first { $0.id == "1" }).timeline == [
                "created@2026-03-02T09:00:00Z", "status:solved@2026-03-02T10:00:00Z",
            ]
        )
        // Pending with nowhere to place it: reported, not silently open.
        #expect(result.cases.map(\.id) == ["1", "3"])
        #expect(result.problems.map(\.line) == [3])
    }

    @Test func withoutATicketTableNothingIsRead() {
        #expect(throws: ServiceDomainError.self) { try ZendeskTables(tables: [.user: "id,role\n"]).read() }
        #expect {
            try ZendeskTables(tables: [.ticket: "id,created_at\n1,2026-03-02 09:00:00\n"]).read()
        } throws: { error in
            // Missing columns name the table and the closest columns.
            (error as? ServiceDomainError)?.path?.hasPrefix("ticket.csv.columns.") == true
        }
    }
}
