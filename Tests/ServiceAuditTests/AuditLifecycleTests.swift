import Foundation
import ServiceAudit
import ServiceDomain
import Testing

let auditPeriod = DateInterval(start: Date(timeIntervalSince1970: 1_793_491_200), duration: 30 * 86_400)

struct FindingAndActionTests {
    @Test func findingsAreDraftedByAPolicyAndDecidedByAPerson() throws {
        // Q1 no (critical fail), Q2 exceeds, Q4 8 (fails, band below 10).
        let answers = try baseAnswers(replacing: [
            "Q1": AuditAnswer(item: "Q1", .yesNo(false)), "Q2": AuditAnswer(item: "Q2", .choice("exceeds")),
            "Q4": AuditAnswer(item: "Q4", .number(8)),
        ])
        let template = workedTemplate()
        let result = try WeightedScoringRule().score(template, answers: answers)
        var findings = FindingPolicy().draft(from: result, template: template)
        #expect(findings.map(\.id) == ["F-Q1", "F-Q2", "F-Q4"])
        #expect(findings.map(\.severity) == [.majorNonconformity, .goodPractice, .minorNonconformity])
        #expect(findings.allSatisfy { $0.status == .draft })
        // A user's policy: failures are observations, no good-practice findings.
        let lenient = FindingPolicy(criticalFailure: .minorNonconformity, failure: .observation, exceeds: nil)
        #expect(lenient.draft(from: result, template: template).map(\.severity) == [.minorNonconformity, .observation])
        try findings[0].confirm()
        #expect { try findings[0].dismiss(reason: "changed my mind") } throws: {
            ($0 as? ServiceAuditError)?.code == .invalidTransition
        }
        #expect { try findings[2].dismiss(reason: " ") } throws: {
            ($0 as? ServiceAuditError)?.path == "dismissalReason"
        }
        try findings[2].dismiss(reason: "Band set too high for a small team")
        #expect(findings[2].status == .dismissed)
    }

    /// Decoding runs the initialiser's checks (the issue's probes: an empty owner, due before raised, a reopen
    /// count of −3), and a round trip keeps status and reopens.
    @Test func actionsDecodeWithTheInitialisersChecks() throws {
        func decode(_ json: String) throws -> CorrectiveAction {
            try JSONDecoder().decode(CorrectiveAction.self, from: Data(json.utf8))
        }
        let base = #""id":"A-1","finding":"F","description":"x","priority":"high","raised":"2026-11-02""#
        let good = try decode("{\(base),\"owner\":\"me\",\"due\":\"2026-11-30\"}")
        #expect(good.status == .open && good.reopenCount == 0 && good.priority == .high)
        var reopened = good
        try reopened.advance(to: .done)
        try reopened.reopen()
        #expect(try JSONDecoder().decode(CorrectiveAction.self, from: JSONEncoder().encode(reopened)) == reopened)
        let probes: [(String, String)] = [
            (#""owner":" ","due":"2026-11-30""#, "owner"),
            (#""owner":"me","due":"2026-11-01""#, "due"),
            (#""owner":"me","due":"2026-11-30","status":"inProgress","reopenCount":-3"#, "reopenCount"),
            (#""owner":"me","due":"2026-11-30","status":"open","reopenCount":2"#, "reopenCount"),
        ]
        for (fields, path) in probes {
            #expect("\(fields)") {
                try decode("{\(base),\(fields)}")
            } throws: { ($0 as? ServiceAuditError)?.path == path }
        }
    }

    @Test func actionsMoveReopenAndAge() throws {
        let raised = try LocalDate("2026-11-02")
        var action = try CorrectiveAction(
            id: "A-1",
            finding: "F-Q1",
            description: "Publish response standards on the website",
            owner: "Head of service",
            due: try LocalDate("2026-11-30"),
            priority: .high,
            raised: raised
        )
        #expect(action.age(on: try LocalDate("2026-11-23")) == 21)
        let lastDay = try LocalDate("2026-11-30")
        let dayAfter = try LocalDate("2026-12-01")
        let later = try LocalDate("2026-12-15")
        #expect(!action.isOverdue(on: lastDay) && action.isOverdue(on: dayAfter))
        try action.advance(to: .inProgress)
        try action.advance(to: .done)
        #expect(!action.isOverdue(on: later))
        try action.reopen()
        #expect(action.status == .inProgress && action.reopenCount == 1 && action.isOverdue(on: later))
        #expect { try action.advance(to: .verified) } throws: { ($0 as? ServiceAuditError)?.code == .invalidTransition }
        #expect {
            try CorrectiveAction(id: "A-2", finding: "F", description: "x", owner: "", due: raised, raised: raised)
        } throws: { ($0 as? ServiceAuditError)?.path == "owner" }
        #expect {
            try CorrectiveAction(
                id: "A-3",
                finding: "F",
                description: "x",
                owner: "me",
                due: try LocalDate("2026-11-01"),
                raised: raised
            )
        } throws: { ($0 as? ServiceAuditError)?.path == "due" }
    }
}

struct AuditRecordTests {
    @Test func anAuditPinsItsTemplateAndFollowsItsStatusFlow() throws {
        let template = workedTemplate()
        var audit = try Audit(
            id: "AUD-1",
            template: template,
            subject: .team("billing"),
            auditors: ["R. Patel"],
            period: auditPeriod
        )
        #expect(audit.template.version == SemanticVersion(1, 0, 0) && audit.template.digest.hasPrefix("fnv1a64:"))
        try audit.transition(to: .inProgress)
        for answer in try baseAnswers() { try audit.record(answer) }
        try audit.record(AuditAnswer(item: "Q2", .choice("meets")))  // replaces the earlier answer
        #expect(audit.answers.count == 7)
        // Q2 meets (2/3): S1 7/9, pooled 11/14.
        #expect(near(try audit.score(with: template).percent, 1_100.0 / 14))
        try audit.transition(to: .submitted)
        #expect { try audit.record(AuditAnswer(item: "Q3", .number(5))) } throws: {
            ($0 as? ServiceAuditError)?.code == .invalidTransition
        }
        try audit.transition(to: .rejected)
        try audit.transition(to: .inProgress)
        try audit.transition(to: .submitted)
        try audit.transition(to: .approved)
        #expect { try audit.setFindings([]) } throws: { ($0 as? ServiceAuditError)?.code == .invalidTransition }
        #expect { try audit.transition(to: .inProgress) } throws: {
            ($0 as? ServiceAuditError)?.code == .invalidTransition
        }
        #expect(try JSONDecoder().decode(Audit.self, from: try JSONEncoder().encode(audit)) == audit)
    }

    @Test func scoringUnderAnotherVersionIsExplicit() throws {
        let template = workedTemplate()
        var audit = try Audit(
            id: "AUD-2",
            template: template,
            subject: .organisation,
            auditors: ["A"],
            period: auditPeriod
        )
        try audit.transition(to: .inProgress)
        for answer in try baseAnswers() { try audit.record(answer) }
        // Version 1.1.0 drops Q6 (the text item) and Q3: the pin refuses it; rescore sets Q3 and Q6 aside.
        let sections = template.sections.map { section in
            AuditSection(
                id: section.id,
                title: section.title,
                weight: section.weight,
                passMark: section.passMark,
                items: section.items.filter { $0.id != "Q3" && $0.id != "Q6" }
            )
        }
        let newer = AuditTemplate(
            id: template.id,
            version: SemanticVersion(1, 1, 0),
            title: template.title,
            scoring: template.scoring,
            responseSets: template.responseSets,
            sections: sections
        )
        #expect { try audit.score(with: newer) } throws: { ($0 as? ServiceAuditError)?.path == "template" }
        let (result, setAside) = try audit.rescore(with: newer)
        // Without Q3: S1 = 3/5, S2 = 4/5, pooled 7/10.
        #expect(setAside == ["Q3", "Q6"] && near(result.percent, 70))
        // A changed template with the same version is caught by the digest.
        let edited = workedTemplate(ScoringPolicy(passMark: 50))
        #expect { try audit.score(with: edited) } throws: { ($0 as? ServiceAuditError)?.path == "template" }
    }

    @Test func comparingTwoAuditsMatchesItemsByID() throws {
        let template = workedTemplate()
        func audit(_ id: String, start: TimeInterval, _ answers: [AuditAnswer]) throws -> (
            audit: Audit, result: AuditResult
        ) {
            var audit = try Audit(
                id: id,
                template: template,
                subject: .organisation,
                auditors: ["A"],
                period: DateInterval(start: Date(timeIntervalSince1970: start), duration: 86_400)
            )
            try audit.transition(to: .inProgress)
            for answer in answers { try audit.record(answer) }
            return (audit, try audit.score(with: template))
        }
        // Spring: Q4 fails (8) and Q7 fails (0.75). Autumn: Q4 fixed (25), Q7 still fails, Q2 now fails.
        var spring = try audit(
            "spring",
            start: 1_775_000_000,
            try baseAnswers(replacing: ["Q4": AuditAnswer(item: "Q4", .number(8)), "Q7": try measuredCompliance(0.75)])
        )
        let findings = FindingPolicy().draft(from: spring.result, template: template)
        try spring.audit.setFindings(findings)
        let raised = try LocalDate("2026-04-01")
        try spring.audit.setAction(
            try CorrectiveAction(
                id: "A-7",
                finding: "F-Q7",
                description: "Add weekend cover",
                owner: "Ops",
                due: raised,
                raised: raised
            )
        )
        #expect {
            try spring.audit.setAction(
                try CorrectiveAction(
                    id: "A-8",
                    finding: "F-Q9",
                    description: "x",
                    owner: "Ops",
                    due: raised,
                    raised: raised
                )
            )
        } throws: { ($0 as? ServiceAuditError)?.code == .unknownReference }
        let autumn = try audit(
            "autumn",
            start: 1_790_000_000,
            try baseAnswers(replacing: [
                "Q4": AuditAnswer(item: "Q4", .number(25)), "Q7": try measuredCompliance(0.75),
                "Q2": AuditAnswer(item: "Q2", .choice("doesNotMeet")),
            ])
        )
        let comparison = try AuditComparison(earlier: spring, later: autumn)
        // Spring: S1 6/9, S2 Q4 0/2 + Q5 1/1 + Q7 0/2 = 1/5 → pooled 7/14 = 50. Autumn: S1 Q2 0/3 → 5/9; S2 Q4 2/2 +
        // Q5 1/1 + Q7 0/2 = 3/5 → pooled 8/14 = 57.14. Delta +7.14; S1 −11.11, S2 +40.
        #expect(near(comparison.overallDelta, 100.0 / 14))
        #expect(near(comparison.sectionDeltas["S1"], -100.0 / 9) && near(comparison.sectionDeltas["S2"], 40))
        #expect(
            comparison.newFailures == ["Q2"] && comparison.resolvedFailures == ["Q4"]
                && comparison.repeatFailures == ["Q7"]
        )
        #expect(comparison.carriedOverActions == ["A-7"])
        let trend = AuditComparison.trend([autumn, spring])
        #expect(trend.map(\.percent).count == 2 && near(trend.first?.percent, 50))
    }
}

struct CrossVersionComparisonTests {
    @Test func itemsMatchByIDAcrossVersions() throws {
        // Version 1.1.0 drops Q3 and adds Q8 (a yes/no that fails on "no") to S1.
        let old = workedTemplate()
        let sections = old.sections.map { section in
            AuditSection(
                id: section.id,
                title: section.title,
                weight: section.weight,
                items: section.items.filter { $0.id != "Q3" }
                    + (section.id == "S1"
                        ? [AuditItem(id: "Q8", prompt: "Escalation path published?", kind: .yesNo(noFails: true))] : [])
            )
        }
        let new = AuditTemplate(
            id: old.id,
            version: SemanticVersion(1, 1, 0),
            title: old.title,
            responseSets: old.responseSets,
            sections: sections
        )
        var first = try Audit(id: "v1", template: old, subject: .organisation, auditors: ["A"], period: auditPeriod)
        try first.transition(to: .inProgress)
        for answer in try baseAnswers(replacing: ["Q4": AuditAnswer(item: "Q4", .number(5))]) {
            try first.record(answer)
        }
        var second = try Audit(
            id: "v2",
            template: new,
            subject: .organisation,
            auditors: ["A"],
            period: DateInterval(start: auditPeriod.end, duration: auditPeriod.duration)
        )
        try second.transition(to: .inProgress)
        for answer in try baseAnswers(replacing: ["Q3": Optional<AuditAnswer>.none]) { try second.record(answer) }
        try second.record(AuditAnswer(item: "Q8", .yesNo(false)))
        let earlier = try first.score(with: old)
        let later = try second.score(with: new)
        let comparison = try AuditComparison(earlier: (first, earlier), later: (second, later))
        // v1: Q4 failed. v2: Q4 fixed (15), Q8 new and failing. S1 v1 = 6/9; v2 = Q1 2/2 + Q2 1/3 + Q8 0/1 = 3/6.
        #expect(
            comparison.newFailures == ["Q8"] && comparison.resolvedFailures == ["Q4"]
                && comparison.repeatFailures.isEmpty
        )
        #expect(near(comparison.sectionDeltas["S1"], 50 - 600.0 / 9))
        // v1 pooled: S1 6/9 + S2 (0 + 1 + 2)/5 → 9/14; v2: 3/6 + 4/5 → 7/11.
        #expect(near(comparison.overallDelta, 700.0 / 11 - 900.0 / 14))
    }
}
