import Foundation
import ServiceDomain
import ServiceImport
import Testing

/// The helpdesk presets on fixtures written here after each tool's export layout: 50 regular rows (a pattern stated
/// per suite, so that any one of them can be checked by hand) and a few rows with something to say.
private func importFixture(_ preset: String, zone: String? = nil) throws -> CaseImport {
    var mapping = try ImportPreset.named(preset).caseMapping()
    if let zone, let pattern = mapping.timestamps.pattern {
        mapping.timestamps = .pattern(pattern, timeZone: zone, twoDigitYearStart: mapping.timestamps.twoDigitYearStart)
    }
    return try mapping.importCases(csv: try Fixture.text("\(preset).csv"), options: ImportOptions(source: preset))
}

/// The freshdesk-ticket-export preset on its fixture.
///
/// `freshdesk-ticket-export` on `Fixtures/freshdesk-ticket-export.csv`, read in Europe/London (BST in April 2026).
/// Tickets 300 + i (lines 2–51): created 2026-04-01 09:00 local + 7 h × i, first response after 30 + i minutes,
/// resolved after 5 + (i mod 6) hours; every fourth (i mod 4 = 3) closed two days after; odd ones tagged
/// "meter,reading".
struct FreshdeskPresetTests {
    @Test func accountsForEveryRow() throws {
        let result = try importFixture("freshdesk-ticket-export", zone: "Europe/London")
        #expect(result.summary.rowsRead == 56)
        #expect(result.summary.rowsImported == 53)
        #expect(result.summary.rowsRejected == 3)
        #expect(result.summary.isBalanced)
        #expect(
            result.problems.map { "\($0.line) \($0.column ?? "-") \($0.rows)" } == [
                "54 Status 2",  // "Awaiting parts", a custom status nobody mapped, on lines 54 and 55
                "56 Initial response time 1",  // a response an hour before the ticket
            ]
        )
        #expect(result.summary.unmappedValues.map(\.value) == ["Awaiting parts"])
    }

    @Test func regularTicketsByHand() throws {
        let result = try importFixture("freshdesk-ticket-export", zone: "Europe/London")
        // 300: 09:00 BST = 08:00Z; response 08:30Z; resolved 14:00 BST = 13:00Z.
        #expect(
            try result.case("300").timeline == [
                "created@2026-04-01T08:00:00Z", "agentReply@2026-04-01T08:30:00Z", "status:solved@2026-04-01T13:00:00Z",
            ]
        )
        // 303: created 2026-04-02 06:00 BST = 05:00Z, response after 33 min, resolved after 8 h (13:00Z), closed two
        // days later.
        #expect(
            try result.case("303").timeline == [
                "created@2026-04-02T05:00:00Z", "agentReply@2026-04-02T05:33:00Z", "status:solved@2026-04-02T13:00:00Z",
                "status:closed@2026-04-04T13:00:00Z",
            ]
        )
        let odd = try result.case("301")
        #expect(odd.priority == .normal)  // Medium
        #expect(odd.channel == .webForm)  // Portal
        #expect(odd.tags == ["meter", "reading"])
        #expect(try result.case("302").channel == .phone && result.case("304").channel == .webForm)  // Feedback Widget
        #expect(try result.case("300").tags.isEmpty)
    }

    @Test func waitingStatusesPauseFromTheLastUpdate() throws {
        let result = try importFixture("freshdesk-ticket-export", zone: "Europe/London")
        #expect(
            try result.case("400").timeline == [
                "created@2026-04-02T09:00:00Z", "agentReply@2026-04-02T09:20:00Z",
                "status:pending@2026-04-02T09:25:00Z",
            ]
        )
        #expect(
            try result.case("401").timeline == [
                "created@2026-04-03T10:00:00Z", "agentReply@2026-04-03T10:05:00Z", "status:onHold@2026-04-03T11:00:00Z",
            ]
        )
        let whatsapp = try result.case("405")
        #expect(whatsapp.channel == .socialMedia && whatsapp.priority == .urgent)
        #expect(whatsapp.timeline == ["created@2026-04-07T08:00:00Z", "status:open@2026-04-07T08:00:00Z"])
    }
}

/// The jira-service-management-issues preset on its fixture.
///
/// `jira-service-management-issues` on `Fixtures/jira-service-management-issues.csv`: three `Labels`, two `Watchers`
/// and two `Comment` columns, dates as `dd/MMM/yy h:mm a`, read in Europe/London. Requests HELP-(100 + i) (lines
/// 2–51): created 2026-03-02 08:05 + 11 h × i (all before the change to summer time), resolved 3 + (i mod 4) hours
/// later; labels cycle vpn+remote, laptop, none.
struct JiraPresetTests {
    @Test func accountsForEveryRow() throws {
        let result = try importFixture("jira-service-management-issues", zone: "Europe/London")
        #expect(result.summary.rowsRead == 55)
        #expect(result.summary.rowsImported == 53)
        #expect(result.summary.isBalanced)
        #expect(result.problems.map { "\($0.line) \($0.column ?? "-")" } == ["55 Status", "56 Created"])
        #expect(result.problems[1].reason.contains("1 to 12"))  // "13:00 PM"
    }

    @Test func repeatedLabelColumnsAreGathered() throws {
        let result = try importFixture("jira-service-management-issues", zone: "Europe/London")
        #expect(try result.case("HELP-100").tags == ["vpn", "remote"])
        #expect(try result.case("HELP-101").tags == ["laptop"])
        #expect(try result.case("HELP-102").tags.isEmpty)
        #expect(try result.case("HELP-151").tags == ["printer", "office"])
        // Highest → urgent, High, Medium → normal, Low, Lowest → low.
        #expect(
            try (0..<5).map { try result.case("HELP-\(100 + $0)").priority } == [.urgent, .high, .normal, .low, .low]
        )
    }

    @Test func twelveHourClockTwoDigitYearsAndTheSpringGap() throws {
        let result = try importFixture("jira-service-management-issues", zone: "Europe/London")
        // 02/Mar/26 8:05 AM (GMT) → 08:05Z; resolved 3 h later.
        #expect(
            try result.case("HELP-100").timeline == [
                "created@2026-03-02T08:05:00Z", "status:solved@2026-03-02T11:05:00Z",
            ]
        )
        // 12:30 AM is half past midnight; waiting for the customer since 2:40 PM.
        #expect(
            try result.case("HELP-150").timeline == [
                "created@2026-03-03T00:30:00Z", "status:pending@2026-03-03T14:40:00Z",
            ]
        )
        // 12:05 PM is five past noon.
        #expect(try result.case("HELP-151").createdAt == at("2026-03-04T12:05:00Z"))
        // 29/Mar/26 1:30 AM does not exist in London (clocks go from 01:00 GMT to 02:00 BST): it moves forward by the
        // gap, read with the offset before the change, 01:30Z.
        #expect(try result.case("HELP-152").createdAt == at("2026-03-29T01:30:00Z"))
    }
}

/// The servicenow-incidents preset on its fixture.
///
/// `servicenow-incidents` on `Fixtures/servicenow-incidents.csv`, read in America/New_York (summer time ends
/// 2026-11-01 02:00 EDT). Incidents INC(10 + i) (lines 2–51): opened 2026-10-20 09:00 + 5 h × i, resolved after
/// 2 + (i mod 5) hours, even ones closed three days after the resolve.
struct ServiceNowPresetTests {
    @Test func accountsForEveryRow() throws {
        let result = try importFixture("servicenow-incidents", zone: "America/New_York")
        #expect(result.summary.rowsRead == 54)
        #expect(result.summary.rowsImported == 52)
        #expect(result.summary.isBalanced)
        #expect(result.problems.map { "\($0.line) \($0.column ?? "-")" } == ["54 reopen_count", "55 sys_updated_on"])
        #expect(result.problems[0].reason.contains("\"0x1\""))
    }

    @Test func incidentsByHand() throws {
        let result = try importFixture("servicenow-incidents", zone: "America/New_York")
        // INC0000010: 09:00 EDT = 13:00Z, resolved 15:00Z, closed three days later at 11:00 EDT = 15:00Z.
        let first = try result.case("INC0000010")
        #expect(
            first.timeline == [
                "created@2026-10-20T13:00:00Z", "status:solved@2026-10-20T15:00:00Z",
                "status:closed@2026-10-23T15:00:00Z",
            ]
        )
        #expect(first.priority == .urgent && first.channel == .email && first.team == "Network")
        // INC0000058 (i = 48): opened 2026-10-30 09:00 EDT, resolved 14:00 EDT = 18:00Z, closed 2026-11-02 14:00 EST
        // = 19:00Z: the offset changes between the two.
        #expect(
            try result.case("INC0000058").timeline.suffix(2) == [
                "status:solved@2026-10-30T18:00:00Z", "status:closed@2026-11-02T19:00:00Z",
            ]
        )
        #expect(try result.case("INC0000017").tags == ["reopened"])  // reopen_count 1
        // 01:30 on 1 November happens twice; the first (EDT) is meant: 05:30Z. On hold since 10:00 EST = 15:00Z.
        #expect(
            try result.case("INC0000900").timeline == [
                "created@2026-11-01T05:30:00Z", "status:onHold@2026-11-02T15:00:00Z",
            ]
        )
        #expect(try result.case("INC0000901").channel == .chat)  // virtual_agent
    }
}

/// The intercom-conversations preset on its fixture.
///
/// `intercom-conversations` on `Fixtures/intercom-conversations.csv`. Conversations 215000000 + i (lines 2–51):
/// started 2026-05-04 07:00Z + 173 min × i, first response after 40 + 3 i seconds, closed 600 s after it.
struct IntercomPresetTests {
    @Test func accountsForEveryRow() throws {
        let result = try importFixture("intercom-conversations")
        #expect(result.summary.rowsRead == 54)
        #expect(result.summary.rowsImported == 52)
        #expect(result.summary.isBalanced)
        #expect(
            result.problems.map { "\($0.line) \($0.column ?? "-")" } == [
                "54 First response time (seconds)",  // -5
                "55 First response time (seconds)",  // 1e3: no exponents
            ]
        )
    }

    @Test func conversationsByHand() throws {
        let result = try importFixture("intercom-conversations")
        // 215000001: 07:00 + 173 min = 09:53Z; response after 43 s; closed 600 s later.
        #expect(
            try result.case("215000001").timeline == [
                "created@2026-05-04T09:53:00Z", "agentReply@2026-05-04T09:53:43Z", "status:solved@2026-05-04T10:03:43Z",
            ]
        )
        #expect(try result.case("215000001").tags == ["pricing", "trial"])
        #expect(
            try result.case("215000900").timeline == [
                "created@2026-05-06T10:00:00Z", "agentReply@2026-05-06T10:01:30Z",
                "status:pending@2026-05-06T10:30:00Z",
            ]
        )
        // "1h 2m" is read as a duration whatever the unit; open again after the close: a reopen at the last update.
        let reopened = try result.case("215000901")
        #expect(
            reopened.timeline == [
                "created@2026-05-06T11:00:00Z", "status:solved@2026-05-06T12:00:00Z", "agentReply@2026-05-06T12:02:00Z",
                "reopened@2026-05-07T08:00:00Z",
            ]
        )
        #expect(reopened.tags == ["reopened"] && reopened.channel == .email)
    }
}
