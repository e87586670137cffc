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

struct SideBySideTests {
    @Test func competitorsSideBySide() throws {
        // The built-in mystery shop, applied to us and to a competitor.
        let template = try BuiltInTemplates.template("competitive-appraisal")
        let rule = WeightedScoringRule(policy: template.scoring)
        let us = try rule.score(template, answers: try extremeAnswers(template, best: true))
        // Rival: easy to reach (5 → 4/4), 60 s wait (1/2), courtesy 3 (2/4), accuracy 5 (4/4 × 2), not resolved (0/2),
        // follow-up N/A (allowed), notes. Reach 5/6 = 83.3 %; contact (2 + 8 + 0)/(4 + 8 + 2) = 71.4 %; after: nothing
        // scorable; overall 15/20 = 75 %.
        let rival = try rule.score(
            template,
            answers: [
                AuditAnswer(item: "MS-1", .number(5)), AuditAnswer(item: "MS-2", .number(60)),
                AuditAnswer(item: "MS-3", .number(3)), AuditAnswer(item: "MS-4", .number(5)),
                AuditAnswer(item: "MS-5", .yesNo(false)), AuditAnswer(item: "MS-6", .notApplicable(reason: nil)),
                AuditAnswer(item: "MS-7", .text("Answers faster at lunchtime.")),
            ]
        )
        let table = try SideBySide([("Us", us), ("Rival Ltd", rival)])
        #expect(table.subjects == ["Us", "Rival Ltd"] && table.overall[0] == 100 && near(table.overall[1], 75))
        #expect(near(table.sections[0].percents[1], 500.0 / 6) && table.sections[2].percents[1] == nil)
        #expect(table.leaders == ["reach": "Us", "contact": "Us", "after": "Us", "overall": "Us"])
        #expect(table.markdown().contains("| Reaching the service | 100.0 % | 83.3 % |"))
        #expect(table.markdown().contains("| Afterwards | 100.0 % | — |"))
        #expect { try SideBySide([]) } throws: { ($0 as? ServiceAuditError)?.code == .empty }
        let other = try WeightedScoringRule().score(workedTemplate(), answers: try baseAnswers())
        #expect { try SideBySide([("Us", us), ("Other", other)]) } throws: {
            ($0 as? ServiceAuditError)?.path == "entries[1]"
        }
    }
}
