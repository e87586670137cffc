import Foundation
import ServiceAudit
import ServiceDomain
import Testing

/// An answer to every item of a template: the best one, or the worst one.
func extremeAnswers(_ template: AuditTemplate, best: Bool) throws -> [AuditAnswer] {
    try template.itemsWithPaths.map { entry in
        let item = entry.item
        switch item.kind {
        case .yesNo: return AuditAnswer(item: item.id, .yesNo(best))
        case .checkbox: return AuditAnswer(item: item.id, .checked(best))
        case .singleChoice:
            let options = template.options(of: item) ?? []
            let pick = best ? options.max { $0.score < $1.score } : options.min { $0.score < $1.score }
            return AuditAnswer(item: item.id, .choice(pick?.id ?? ""))
        case .multiChoice:
            let options = template.options(of: item) ?? []
            return AuditAnswer(item: item.id, .choices(best ? options.filter { $0.score > 0 }.map(\.id) : []))
        case .numeric(let bands), .measurement(_, let bands):
            let band = best ? bands.max { $0.score < $1.score } : bands.min { $0.score < $1.score }
            let value = band.map { band in
                if let lower = band.lower, let upper = band.upper { return (lower + upper) / 2 }
                if let lower = band.lower { return lower + 1 }
                return (band.upper ?? 1) - 1
            }
            return AuditAnswer(item: item.id, .number(value ?? 0))
        case .rating(let minimum, let maximum):
            return AuditAnswer(item: item.id, .number(Double(best ? maximum : minimum)))
        case .text: return AuditAnswer(item: item.id, .text("Noted."))
        case .date: return AuditAnswer(item: item.id, .date(try LocalDate("2026-11-23")))
        }
    }
}

struct BuiltInTemplateTests {
    @Test(arguments: BuiltInTemplates.identifiers)
    func loadsValidatesAndScores(id: String) throws {
        let template = try BuiltInTemplates.template(id)
        #expect(template.id == id && template.schemaVersion == 1 && !template.inspiredBy.isEmpty)
        #expect(template.validate().isEmpty, "\(template.validate())")
        let rule = WeightedScoringRule(policy: template.scoring)
        // The best answer to every item scores 100 % and passes; the worst scores 0 % and fails (or, for templates
        // whose worst answers are not failing ones, at least scores 0).
        let best = try rule.score(template, answers: try extremeAnswers(template, best: true))
        #expect(best.percent == 100 && best.passed && best.completion == 1, "\(id): \(best.reasons)")
        let worst = try rule.score(template, answers: try extremeAnswers(template, best: false))
        // (Answering "no" to every design factor disables every fit item of service-design-fit: nothing is scorable.)
        #expect(worst.percent == 0 || (id == "service-design-fit" && worst.percent == nil && worst.possible == 0))
        #expect(!worst.passed || template.scoring.passMark == nil)
        // The JSON round-trips.
        #expect(try JSONDecoder().decode(AuditTemplate.self, from: try JSONEncoder().encode(template)) == template)
    }

    @Test func complaintHandlingWorkedExample() throws {
        // Nine compliance items of weight 1 (best option 3): eight "meets" (2) and CH-5 "partly" (1): 17 of 27 =
        // 62.96 %, below the pass mark of 70 → failed; maturity "Developing" (40 ≤ 62.96 < 65).
        let template = try BuiltInTemplates.template("complaint-handling")
        let answers = template.itemsWithPaths.map {
            AuditAnswer(item: $0.item.id, .choice($0.item.id == "CH-5" ? "partly" : "meets"))
        }
        let result = try WeightedScoringRule(policy: template.scoring).score(template, answers: answers)
        #expect(near(result.percent, 1_700.0 / 27) && result.maturity == "Developing")
        #expect(result.reasons == [.belowPassMark(percent: try #require(result.percent), passMark: 70)])
    }

    @Test func contactCentreDeliveryFromMeasurements() throws {
        // Service level 0.85 → 2 of 3 (× 2); abandonment 0.04 → 2 of 2; median first reply 5 000 s → 1 of 2;
        // resolution compliance 0.97 → 2 of 2 (× 2). Earned 4 + 2 + 1 + 4 = 11 of 6 + 2 + 2 + 4 = 14 → 78.57 %,
        // passing 60, "Established".
        let template = try BuiltInTemplates.template("contact-centre-delivery")
        let period = DateInterval(start: Date(timeIntervalSince1970: 1_793_491_200), duration: 30 * 86_400)
        func measured(_ item: String, _ indicator: String, _ value: Double, _ unit: MeasurementUnit) throws
            -> AuditAnswer
        {
            .measured(
                item,
                from: try ServiceMeasurement(indicator: Indicator(indicator), value: value, unit: unit, period: period)
            )
        }
        let answers = [
            try measured("SL-1", "serviceLevel.abandonedInDenominator.20s", 0.85, .ratio),
            try measured("AB-1", "contacts.abandonmentRate", 0.04, .ratio),
            try measured("FR-1", "firstReplyTime.median", 5_000, .seconds),
            try measured("RS-1", "resolution.compliance", 0.97, .ratio),
        ]
        let result = try WeightedScoringRule(policy: template.scoring).score(template, answers: answers)
        #expect(near(result.percent, 1_100.0 / 14) && result.passed && result.maturity == "Established")
        // The items name the indicators that ServiceMetrics and ServiceStandards export.
        let indicators = template.itemsWithPaths.compactMap { entry -> String? in
            if case .measurement(let indicator, _) = entry.item.kind { return indicator }
            return nil
        }
        #expect(
            indicators == [
                "serviceLevel.abandonedInDenominator.20s", "contacts.abandonmentRate", "firstReplyTime.median",
                "resolution.compliance",
            ]
        )
    }

    @Test func serviceDesignFitAppliesItemsByProfile() throws {
        // Only two factors apply (capacity constrained, long delivery): the other five fit items are disabled.
        let template = try BuiltInTemplates.template("service-design-fit")
        var answers = ["INT", "CON", "INS", "DUR", "CAP", "FRE", "CPX"].map {
            AuditAnswer(item: "\($0)-0", .yesNo($0 == "CAP" || $0 == "DUR"))
        }
        answers += [AuditAnswer(item: "CAP-1", .choice("meets")), AuditAnswer(item: "DUR-1", .choice("doesNotMeet"))]
        let result = try WeightedScoringRule(policy: template.scoring).score(template, answers: answers)
        // Fit: 2 of 3 + 0 of 3 = 2 of 6 = 33.3 % (the profile answers weigh nothing); DUR-1 failed.
        #expect(near(result.percent, 100.0 / 3) && result.failedItems == ["DUR-1"] && result.completion == 1)
        #expect { try BuiltInTemplates.template("no-such-template") } throws: {
            ($0 as? ServiceAuditError)?.path == "id"
        }
        #expect(try BuiltInTemplates.all().count == 9)
    }
}
