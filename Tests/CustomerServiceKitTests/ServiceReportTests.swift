import CustomerServiceKit
import Foundation
import Testing

struct ServiceReportBuildTests {
    static func at(_ text: String) throws -> Date { try InstantCoding.date(from: text) }

    static func input(cases: [Case], contacts: [Contact] = [], surveys: [SurveyAnswer] = []) throws
        -> ServiceReportInput
    {
        let office = try BusinessCalendar(timeZone: "UTC", weeklyHours: .weekdays(9, 17))
        let policy = try ServiceLevelPolicy(
            id: "p",
            name: "Two-hour reply",
            rules: [
                .init(
                    name: "all",
                    targets: [
                        .firstReply: try ServiceTarget(
                            kind: .firstReply,
                            clock: .businessHours("office"),
                            durations: [.normal: 7_200]
                        )
                    ]
                )
            ]
        )
        return try ServiceReportInput(
            organisation: try Organisation(id: "o", name: "Org", sector: .public),
            serviceLevels: ServiceLevelConfiguration(policy: policy, calendars: ["office": office]),
            reportingCalendar: "office",
            cases: cases,
            contacts: contacts,
            surveys: surveys,
            asOf: try at("2026-11-27T12:00:00Z")
        )
    }

    @Test func aSmallWorkedExample() throws {
        // Office hours Mon–Fri 09:00–17:00 UTC, first reply within 2 business hours.
        // A: Monday 09:00, replied 10:00 → 1 h, achieved. B: Monday 16:00, replied Tuesday 10:30 → 1 h + 1.5 h = 2.5 h,
        // breached by 0.5 h. C: created after the evaluation instant → not in the report.
        func ticket(_ id: CaseID, _ created: String, _ reply: String?) throws -> Case {
            var events = [CaseEvent(id: "1", at: try Self.at(created), kind: .created)]
            if let reply { events.append(CaseEvent(id: "2", at: try Self.at(reply), kind: .agentReply(agent: nil))) }
            return try Case(id: id, channel: .email, events: events)
        }
        let cases = [
            try ticket("A", "2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z"),
            try ticket("B", "2026-11-23T16:00:00Z", "2026-11-24T10:30:00Z"),
            try ticket("C", "2026-11-28T09:00:00Z", nil),
        ]
        let surveys =
            [10.0, 9, 3, 8].enumerated().map {
                SurveyAnswer(survey: "nps", response: SurveyResponse(id: "R\($0.offset)", score: $0.element))
            } + [SurveyAnswer(survey: "nps", response: SurveyResponse(id: "bad", score: 11))]
        let report = try ServiceReport.build(try Self.input(cases: cases, surveys: surveys))
        #expect(report.standards.cases == 2 && report.operations.cases == 2)
        let line = try #require(report.standards.targets.first)
        #expect(line.kind == .firstReply && line.achieved == 1 && line.breached == 1 && line.compliance == 0.5)
        #expect(report.standards.worst.map(\.caseID) == ["B"] && report.standards.worst.first?.overrun == 1_800)
        #expect(report.standards.weekly.map(\.week) == ["2026-W48"])
        // Histogram: 1 h in "1–2 h", 2.5 h in "2–4 h".
        #expect(report.operations.firstReplyHistogram.map(\.count) == [0, 1, 1, 0, 0, 0, 0])
        // NPS of 10, 9, 3, 8: two promoters, one detractor of four → 25; the off-scale answer is counted as rejected.
        #expect(report.satisfaction.nps?.value == 25 && report.satisfaction.rejected == 1)
        #expect(report.staffing == nil && report.operations.contacts == nil)
        #expect(report.measurements.contains { $0.indicator == "firstReply.compliance" && $0.value == 0.5 })
        let decoded = try JSONDecoder().decode(ServiceReport.self, from: JSONEncoder().encode(report))
        #expect(decoded == report)
    }

    @Test func anEmptyInputGivesAnEmptyReportNotACrash() throws {
        let report = try ServiceReport.build(try Self.input(cases: []))
        #expect(report.standards.cases == 0 && report.standards.targets.isEmpty && report.satisfaction.nps == nil)
        let html = HTMLServiceReportRenderer().render(report)
        let markdown = MarkdownServiceReportRenderer().render(report)
        #expect(html.contains("<svg") && !html.contains("nan") && markdown.contains("| cases | 0 |"))
    }

    @Test func theReportingCalendarMustExist() throws {
        let input = try Self.input(cases: [])
        #expect(throws: ServiceStandardsError.self) {
            try ServiceReportInput(
                organisation: input.organisation,
                serviceLevels: input.serviceLevels,
                reportingCalendar: "elsewhere",
                cases: [],
                asOf: input.asOf
            )
        }
    }
}
