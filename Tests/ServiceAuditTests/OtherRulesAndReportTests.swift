import Foundation
import ServiceAudit
import ServiceDomain
import Testing

struct ComplianceAndRADARRuleTests {
    @Test func gatedComplianceCountsComplyingItems() throws {
        // Base answers: Q1–Q5 and Q7 judged (Q6 is text), none failing → 100 %.
        #expect(try GatedComplianceRule().score(workedTemplate(), answers: try baseAnswers()).percent == 100)
        // Q4 = 8 and Q7 = 0.75 fail: 4 of 6 comply (66.67 %); S1 3/3, S2 1/3; a pass mark of 70 fails it.
        let answers = try baseAnswers(replacing: [
            "Q4": AuditAnswer(item: "Q4", .number(8)), "Q7": try measuredCompliance(0.75),
        ])
        let result = try GatedComplianceRule(policy: ScoringPolicy(passMark: 70)).score(
            workedTemplate(),
            answers: answers
        )
        #expect(near(result.percent, 400.0 / 6) && result.earned == 4 && result.possible == 6)
        #expect(near(result.sections[0].percent, 100) && near(result.sections[1].percent, 100.0 / 3))
        #expect(result.reasons.count == 1 && result.rule == "gatedCompliance")
        if case .belowPassMark(let percent, let mark) = result.reasons.first {
            #expect(near(percent, 400.0 / 6) && mark == 70)
        }
    }

    @Test func radarScoresPartsFromAttributePercentages() throws {
        // S1 is a part of 1 point: Q1 100 % (weight 2), Q2 1/3 (weight 1), Q3 3/4 (weight 1) → (2 + 1/3 + 3/4) / 4 =
        // 77.08 % → 0.7708 points. S2 is a part of 3 points: Q4 50 %, Q5 100 %, Q7 100 % (weight 2) → 3.5/4 = 87.5 %
        // → 2.625 points. Total 3.3958 of 4 = 84.90 %.
        let result = try RADARScoringRule().score(workedTemplate(), answers: try baseAnswers())
        let s1 = (2 + 1.0 / 3 + 0.75) / 4
        #expect(near(result.sections[0].percent, s1 * 100) && near(result.sections[1].earned, 2.625))
        #expect(near(result.percent, (s1 + 2.625) / 4 * 100) && result.possible == 4)
        // A part with every attribute N/A drops out: Q1–Q3 can't all be N/A here, so answer only S2's items.
        let onlyS2 = try baseAnswers().filter { ["Q4", "Q5", "Q6", "Q7"].contains($0.item) }
        let partial = try RADARScoringRule(policy: ScoringPolicy()).score(workedTemplate(), answers: onlyS2)
        // Q5 needs Q1 = yes, which is unanswered now: disabled. S2: Q4 50 % (w1), Q7 100 % (w2) → 83.33 %.
        #expect(partial.sections[0].percent == nil && near(partial.percent, 250.0 / 3))
    }
}

struct ReportTests {
    @Test func markdownAndJSONReports() throws {
        let template = workedTemplate(ScoringPolicy(passMark: 75))
        var audit = try Audit(
            id: "AUD-9",
            template: template,
            subject: .competitor("Rival Ltd"),
            auditors: ["J. Smith"],
            period: auditPeriod
        )
        try audit.transition(to: .inProgress)
        for answer in try baseAnswers(replacing: ["Q1": AuditAnswer(item: "Q1", .yesNo(false))]) {
            try audit.record(answer)
        }
        let result = try audit.score(with: template)
        try audit.setFindings(FindingPolicy().draft(from: result, template: template))
        let raised = try LocalDate("2026-11-02")
        try audit.setAction(
            try CorrectiveAction(
                id: "A-1",
                finding: "F-Q1",
                description: "Publish standards | online",
                owner: "Head of service",
                due: raised,
                raised: raised
            )
        )
        let report = AuditReport(template: template, audit: audit, result: result)
        let markdown = MarkdownAuditRenderer().render(report)
        #expect(markdown.hasPrefix("# Worked example (worked 1.0.0)"))
        #expect(markdown.contains("competitor Rival Ltd") && markdown.contains("**Failed** — score 53.8 %"))
        #expect(markdown.contains("- critical item Q1 failed"))
        #expect(markdown.contains("- score 53.8 % is below the pass mark of 75.0 %"))
        #expect(markdown.contains("| Responsiveness | 4.0 | 9.0 | 44.4 % | Q1 |"))
        #expect(markdown.contains("- Q1 (critical): Published response standards?"))
        #expect(markdown.contains("Publish standards \\| online"))  // table cells escape their pipes
        let json = try JSONAuditRenderer().render(report)
        #expect(try JSONDecoder().decode(AuditReport.self, from: Data(json.utf8)) == report)
        #expect(
            JSONAuditRenderer().mediaType == "application/json" && MarkdownAuditRenderer().mediaType == "text/markdown"
        )
    }
}
