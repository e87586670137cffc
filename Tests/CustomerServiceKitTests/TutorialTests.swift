import CustomerServiceKit
import Foundation
import Testing

/// `Documentation/Tutorial.md`, step 3, on its `tickets.csv`, with the figures the tutorial checks by hand.
struct TutorialTests {
    static let tickets = """
        id,created_at,first_reply_at,solved_at,channel,priority,team,agent,customer_id,customer_role,segments,tags
        T-1001,2026-11-23T09:12:00Z,2026-11-23T10:02:00Z,2026-11-23T15:40:00Z,email,normal,billing,A-1,C-17,consumer,standard,uk
        T-1002,2026-11-23T11:30:00Z,2026-11-23T11:41:00Z,2026-11-24T09:05:00Z,chat,high,technical,A-4,C-3,business,gold,uk
        T-1003,2026-11-23T17:55:00Z,2026-11-24T09:20:00Z,,email,normal,billing,A-2,C-21,consumer,standard,uk
        T-1004,2026-11-24T08:05:00Z,2026-11-24T16:50:00Z,2026-11-25T10:00:00Z,webForm,urgent,technical,A-4,C-8,consumer,standard,uk
        T-1005,2026-11-24T13:00:00Z,not recorded,,phone,low,accounts,,C-30,consumer,standard,uk

        """

    @Test func theTutorialsReportHasTheFiguresItExplains() throws {
        let office = try BusinessCalendar(timeZone: "Europe/London", weeklyHours: .weekdays(8, 18))
        let hour = 3_600.0
        func targets(firstReply: [Priority: Double]) throws -> [TargetKind: ServiceTarget] {
            [
                .firstReply: try ServiceTarget(
                    kind: .firstReply,
                    clock: .businessHours("office"),
                    durations: firstReply
                ),
                .resolution: try ServiceTarget(
                    kind: .resolution,
                    clock: .businessHours("office"),
                    durations: [.urgent: 8 * hour, .high: 16 * hour, .normal: 24 * hour, .low: 40 * hour],
                    pausedStatuses: [.pending, .onHold]
                ),
            ]
        }
        let policy = try ServiceLevelPolicy(
            id: "our-standards",
            name: "Our service standards",
            rules: [
                .init(
                    name: "Gold customers",
                    when: .segment(["gold"]),
                    targets: try targets(firstReply: [
                        .urgent: 0.5 * hour, .high: hour, .normal: 2 * hour, .low: 4 * hour,
                    ])
                ),
                .init(
                    name: "Everyone",
                    targets: try targets(firstReply: [
                        .urgent: hour, .high: 2 * hour, .normal: 4 * hour, .low: 8 * hour,
                    ])
                ),
            ]
        )
        let imported = try CaseCSVMapping.ticketPerRow.importCases(csv: Self.tickets)
        #expect(
            imported.problems.map(\.description) == [
                #"line 6, column first_reply_at: "not recorded" is not an ISO 8601 instant such as 2026-11-23T09:00:00Z or 2026-11-23T10:00:00+01:00"#
            ]
        )
        let report = try ServiceReport.build(
            try ServiceReportInput(
                organisation: try Organisation(id: "acme", name: "Acme Energy", sector: .private),
                serviceLevels: ServiceLevelConfiguration(policy: policy, calendars: ["office": office]),
                reportingCalendar: "office",
                cases: imported.cases,
                asOf: try InstantCoding.date(from: "2026-11-26T12:00:00Z")
            )
        )
        let byKind = Dictionary(uniqueKeysWithValues: (report.standards?.targets ?? []).map { ($0.kind, $0) })
        #expect(byKind[.firstReply]?.achieved == 3 && byKind[.firstReply]?.breached == 1)
        #expect(byKind[.resolution]?.achieved == 2 && byKind[.resolution]?.breached == 2)
        // T-1004: 8 h 45 min against 1 h; T-1003: 24 h 5 min against 24 h, still open.
        let overruns = report.standards?.worst.map { "\($0.caseID.rawValue) \($0.kind.rawValue) \(Int($0.overrun))" }
        #expect(overruns == ["T-1004 firstReply 27900", "T-1004 resolution 14100", "T-1003 resolution 300"])
    }
}
