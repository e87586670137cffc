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
        case .numeric(let bands), .measurement(_, _, let bands, _):
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
        // Every measurement item reads an indicator the library exports, so its unit is known and checked.
        for entry in template.itemsWithPaths {
            guard case .measurement(let indicator, _, _, _) = entry.item.kind else { continue }
            #expect(Indicator(indicator).standardUnit != nil, "\(id) \(entry.item.id): \(indicator)")
        }
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
            if case .measurement(let indicator, _, _, _) = entry.item.kind { return indicator }
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

struct MeasurementAnswerTests {
    @Test func measurementItemsAreAnsweredFromMeasurementsWithProvenance() throws {
        let template = try BuiltInTemplates.template("contact-centre-delivery")
        let october = DateInterval(start: Date(timeIntervalSince1970: 1_790_812_800), duration: 31 * 86_400)
        let november = DateInterval(start: october.end, duration: 30 * 86_400)
        func m(
            _ indicator: String,
            _ value: Double,
            _ period: DateInterval,
            _ n: Int?,
            _ scope: MeasurementScope = .organisation
        )
            throws -> ServiceMeasurement
        {
            try ServiceMeasurement(
                indicator: Indicator(indicator),
                value: value,
                unit: indicator.hasSuffix("median") ? .seconds : .ratio,
                period: period,
                scope: scope,
                sampleSize: n,
                source: "ServiceMetrics"
            )
        }
        let measurements = [
            // Service level: two months; `latest` takes November's 0.86.
            try m("serviceLevel.abandonedInDenominator.20s", 0.78, october, 900),
            try m("serviceLevel.abandonedInDenominator.20s", 0.86, november, 800),
            try m("contacts.abandonmentRate", 0.06, november, 800),
            try m("firstReplyTime.median", 2_000, november, 300),
            // A team's figure is ignored when answering for the organisation.
            try m("resolution.compliance", 0.5, november, 40, MeasurementScope(.team, id: "billing")),
        ]
        let answers = try template.answers(from: measurements, scope: .organisation)
        #expect(answers.map(\.item) == ["SL-1", "AB-1", "FR-1"])
        #expect(answers[0].value == .number(0.86) && answers[0].measured?.period == november)
        // SL 0.86 → 2/3 × 2; AB 0.06 → 1/2; FR 2 000 s → 2/2; RS unanswered → 0/2 × 2: (4 + 1 + 2 + 0)/(6 + 2 + 2 + 4).
        let result = try WeightedScoringRule(policy: template.scoring).score(template, answers: answers)
        #expect(near(result.percent, 700.0 / 14) && result.unanswered == 1)
    }

    @Test func severalMeasurementsAggregate() throws {
        // A mean weighted by sample size: (0.9 × 100 + 0.6 × 300) / 400 = 0.675; the minimum is 0.6.
        let period = DateInterval(start: Date(timeIntervalSince1970: 1_790_812_800), duration: 86_400)
        let measurements = try [(0.9, 100, "billing"), (0.6, 300, "support")].map { value, n, team in
            try ServiceMeasurement(
                indicator: "fcr",
                value: value,
                unit: .ratio,
                period: period,
                scope: MeasurementScope(.team, id: team),
                sampleSize: n,
                source: "ServiceMetrics"
            )
        }
        func template(_ aggregation: MeasurementAggregation) -> AuditTemplate {
            AuditTemplate(
                id: "fcr",
                version: SemanticVersion(1, 0, 0),
                title: "FCR",
                sections: [
                    AuditSection(
                        id: "S",
                        title: "S",
                        items: [
                            AuditItem(
                                id: "FCR",
                                prompt: "First-contact resolution across teams",
                                kind: .measurement(
                                    indicator: "fcr",
                                    aggregation: aggregation,
                                    bands: [
                                        ScoreBand(lower: nil, upper: 0.7, score: 0, fails: true),
                                        ScoreBand(lower: 0.7, upper: nil, score: 1),
                                    ]
                                )
                            )
                        ]
                    )
                ]
            )
        }
        let mean = try #require(template(.mean).answers(from: measurements).first)
        #expect(near(mean.measured?.value, 0.675) && mean.measured?.sampleSize == 400)
        #expect(mean.measured?.source == "mean of 2: ServiceMetrics")
        #expect(try template(.minimum).answers(from: measurements).first?.value == .number(0.6))
        #expect(try template(.maximum).answers(from: measurements).first?.value == .number(0.9))
        #expect(try template(.sum).answers(from: measurements).first?.value == .number(1.5))
        #expect(try template(.mean).answers(from: []).isEmpty)
        let json = try JSONEncoder().encode(template(.minimum))
        #expect(String(decoding: json, as: UTF8.self).contains(#""aggregation":"minimum""#))
        #expect(try JSONDecoder().decode(AuditTemplate.self, from: json) == template(.minimum))
    }
}

/// An option chosen twice in a multiple-choice answer is refused with its path.
///
/// Not de-duplicated in silence (the issue's probe). The template is a built-in one whose first single-choice item is made multiple-choice (no
/// built-in has one); chosen once, the same option scores.
@Test func anOptionChosenTwiceIsRefused() throws {
    let builtIn = try BuiltInTemplates.template("excellent-service-provider")
    let json = try #require(String(data: try JSONEncoder().encode(builtIn), encoding: .utf8))
    let range = try #require(json.range(of: #""kind":"singleChoice""#))
    let template = try JSONDecoder().decode(
        AuditTemplate.self,
        from: Data(json.replacingCharacters(in: range, with: #""kind":"multiChoice""#).utf8)
    )
    let item = try #require(
        template.itemsWithPaths.map(\.item).first {
            if case .multiChoice = $0.kind { return true }
            return false
        }
    )
    let option = try #require(template.options(of: item)?.first?.id)
    let rule = WeightedScoringRule(policy: template.scoring)
    var answers = try extremeAnswers(template, best: true).filter { $0.item != item.id }
    _ = try rule.score(template, answers: answers + [AuditAnswer(item: item.id, .choices([option]))])
    answers.append(AuditAnswer(item: item.id, .choices([option, option])))
    #expect {
        try rule.score(template, answers: answers)
    } throws: { error in
        let error = error as? ServiceAuditError
        return error?.code == .duplicateIdentifier && error?.path == "answers.\(item.id)"
    }
}
