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
        let standards = try #require(report.standards)
        let operations = try #require(report.operations)
        let satisfaction = try #require(report.satisfaction)
        #expect(standards.cases == 2 && operations.cases == 2)
        let line = try #require(standards.targets.first)
        #expect(line.kind == .firstReply && line.achieved == 1 && line.breached == 1 && line.compliance == 0.5)
        #expect(standards.worst.map(\.caseID) == ["B"] && standards.worst.first?.overrun == 1_800)
        #expect(standards.weekly.map(\.week) == ["2026-W48"])
        // Histogram: 1 h in "1–2 h", 2.5 h in "2–4 h".
        #expect(operations.firstReplyHistogram.map(\.count) == [0, 1, 1, 0, 0, 0, 0])
        // NPS of 10, 9, 3, 8: two promoters, one detractor of four → 25; the off-scale answer is counted as rejected.
        #expect(satisfaction.nps?.value == 25 && satisfaction.rejected == 1)
        let shares = try #require(satisfaction.npsShares)
        #expect(shares.promoters == 2 && shares.passives == 1 && shares.detractors == 1 && shares.answers == 4)
        #expect(report.warnings.contains { $0.code == .answersLeftOut })
        // A public body's NPS: shown, with the sector's reason it says little and the measures that fit.
        let unsuited = try #require(report.warnings.first { $0.code == .measureUnsuited })
        #expect(
            unsuited.message.contains("cannot take their custom elsewhere")
                && unsuited.message.contains("satisfaction (CSAT) and effort (CES) fit better")
        )
        #expect(report.staffing == nil && report.contactCentre == nil)
        #expect(
            report.omitted.map(\.section).contains(.contactCentre) && report.omitted.map(\.section).contains(.staffing)
        )
        #expect(report.measurements.contains { $0.indicator == "firstReply.compliance" && $0.value == 0.5 })
        // The NPS leaves the report under the name a scale tally exports it by (`<scale>.nps`), not a name of its own.
        #expect(report.measurements.contains { $0.indicator == "nps.nps" && $0.value == 25 && $0.unit == .score })
        #expect(!report.measurements.contains { $0.indicator == "nps.score" })
        // Both cases are by no agent, on priority normal, channel email.
        let byPriority = try #require(standards.breakdowns.first { $0.dimension == "priority" })
        #expect(byPriority.rows.map(\.group) == ["normal"] && byPriority.rows.first?.firstReply == 0.5)
        #expect(operations.backlog.map(\.count).reduce(0, +) == operations.open)
        let decoded = try JSONServiceReportRenderer.decoder().decode(
            ServiceReport.self,
            from: Data(JSONServiceReportRenderer().render(report).utf8)
        )
        #expect(decoded == report)
    }

    @Test func progressCountsTheCasesEvaluatedAndChangesNothing() throws {
        // 2,500 copies of one case: told at 0, 1,000 and 2,000 evaluated, then at the end.
        let base = try Self.input(cases: [])
        let item = try Case(
            id: "P",
            channel: .email,
            events: [CaseEvent(id: "1", at: try Self.at("2026-11-23T09:00:00Z"), kind: .created)]
        )
        var input = base
        input.cases = (0..<2_500).map { _ in item }
        var calls: [[Int]] = []
        let report = try ServiceReport.build(input) { calls.append([$0, $1]) }
        #expect(calls == [[0, 2_500], [1_000, 2_500], [2_000, 2_500], [2_500, 2_500]])
        #expect(report == (try ServiceReport.build(input)))
    }

    @Test func anEmptyInputLeavesEverySectionOutWithItsReason() throws {
        let report = try ServiceReport.build(try Self.input(cases: []))
        #expect(report.standards == nil && report.operations == nil && report.satisfaction == nil)
        #expect(Set(report.omitted.map(\.section)) == Set(ServiceReport.Section.allCases))
        let html = HTMLServiceReportRenderer().render(report)
        let markdown = MarkdownServiceReportRenderer().render(report)
        #expect(!html.contains("nan") && markdown.contains("Service standards: no cases given."))
    }

    @Test func aTicketPerRowExportDoesNotClaimFiguresItCannotHave() throws {
        // One row per ticket: created, first reply, solved; no replies in between. First-contact resolution would be
        // 100 % and periodic updates breached if measured; both are reported as not measurable instead.
        let cases = [
            try Case(
                id: "T1",
                channel: .email,
                events: [
                    CaseEvent(id: "1", at: try Self.at("2026-11-23T09:00:00Z"), kind: .created),
                    CaseEvent(id: "2", at: try Self.at("2026-11-23T10:00:00Z"), kind: .agentReply(agent: nil)),
                    CaseEvent(id: "3", at: try Self.at("2026-11-24T10:00:00Z"), kind: .statusChanged(.solved)),
                ]
            )
        ]
        var input = try Self.input(cases: cases)
        input.caseDetail = .milestones
        let report = try ServiceReport.build(input)
        let operations = try #require(report.operations)
        #expect(operations.firstContactResolution == nil && operations.reopenRate == nil)
        #expect(operations.unmeasured.map(\.figure).contains("first-contact resolution"))
        #expect(report.warnings.filter { $0.code == .notMeasurable }.count >= 4)
        #expect(
            MarkdownServiceReportRenderer().render(report).contains("| first-contact resolution | not measurable |")
        )
    }

    @Test func aPolicyThatMatchesNothingWarnsInsteadOfShowingAnEmptyTable() throws {
        // The policy's only target has a duration for priority normal; an urgent case gets no target.
        let item = try Case(
            id: "U",
            channel: .email,
            priority: .urgent,
            events: [CaseEvent(id: "1", at: try Self.at("2026-11-23T09:00:00Z"), kind: .created)]
        )
        let report = try ServiceReport.build(try Self.input(cases: [item]))
        #expect(report.warnings.contains { $0.code == .targetAppliesToNoCase })
    }

    @Test func theSampleSaysSoInItsTitleAndSuppliedDataDoesNot() throws {
        var input = try Self.input(cases: [])
        #expect(try ServiceReport.build(input).title == "Service report")
        input.dataSource = .sample
        #expect(try ServiceReport.build(input).title.contains("fictional sample data"))
    }

    @Test func changesAreTestedWithTheTwoProportionZTest() {
        // 90 of 100 against 80 of 100: pooled p = 0.85, se = √(0.85 · 0.15 · 0.02) = 0.050498, z = 1.9803,
        // two-sided p = 0.0477 (hand calculation; the same as R's prop.test without continuity correction).
        let test = SignificanceTest.compareProportions(successes: 90, of: 100, against: 80, of: 100)
        #expect(abs((test.z ?? 0) - 1.98030) < 1e-4 && abs((test.pValue ?? 0) - 0.04767) < 1e-4)
        #expect(test.isSignificant())
        #expect(
            SignificanceTest.compareProportions(successes: 5, of: 10, against: 5, of: 10).status == .insufficientData
        )
        #expect(SignificanceTest.compareProportions(successes: 11, of: 10, against: 5, of: 40).status == .undefined)
    }

    @Test func theReportingCalendarMustExist() throws {
        let input = try Self.input(cases: [])
        #expect(throws: ServiceStandardsError.self) {
            try ServiceReportInput(
                organisation: input.organisation,
                serviceLevels: try #require(input.serviceLevels),
                reportingCalendar: "elsewhere",
                cases: [],
                asOf: input.asOf
            )
        }
    }
}
