import Foundation
import ServiceAudit
import ServiceDomain
import Testing

/// Units of measurement items, and "must be ticked" checkboxes.
///
/// The built-in `contact-centre-delivery` template's SL-1 bands are ratios: below 0.7 fails, 0.7–0.8 partly, 0.8–0.9
/// meets, 0.9 and over exceeds. The issue's probe: a service level of 65 given in percent scored "exceeds" and its
/// critical check passed, while the same figure as 0.65 failed.
struct MeasurementUnitTests {
    let period = DateInterval(start: Date(timeIntervalSince1970: 1_793_491_200), duration: 30 * 86_400)

    func serviceLevel(_ value: Double, _ unit: MeasurementUnit) throws -> ServiceMeasurement {
        try ServiceMeasurement(
            indicator: .serviceLevel(convention: "abandonedInDenominator", threshold: 20),
            value: value,
            unit: unit,
            period: period,
            sampleSize: 900
        )
    }

    @Test func aPercentageIsScoredAsTheSameRatio() throws {
        let template = try BuiltInTemplates.template("contact-centre-delivery")
        #expect(template.itemsWithPaths.first { $0.item.id == "SL-1" }?.item.kind.measurementUnit == .ratio)
        for (value, unit) in [(65.0, MeasurementUnit.percent), (0.65, .ratio)] {
            let answers = try template.answers(from: [try serviceLevel(value, unit)])
            let result = try WeightedScoringRule().score(template, answers: answers)
            #expect(result.labels["SL-1"] == .doesNotMeet && result.failedItems.contains("SL-1"), "\(unit)")
        }
        // 85 % meets, as 0.85 does.
        let answers = try template.answers(from: [try serviceLevel(85, .percent)])
        #expect(try WeightedScoringRule().score(template, answers: answers).labels["SL-1"] == .meets)
        // The answer keeps the measurement's own value and unit; scoring converts.
        #expect(answers[0].measured?.unit == .percent && answers[0].value == .number(85))
    }

    @Test func aMeanOfMixedUnitsIsTakenInTheItemsUnit() throws {
        // 80 % (n 100) and 0.6 (n 300): (0.8 × 100 + 0.6 × 300) / 400 = 0.65, recorded as a ratio.
        let template = itemTemplate(unit: nil, aggregation: .mean)
        let answers = try template.answers(
            from: [try serviceLevel(80, .percent), try serviceLevel(0.6, .ratio)].map {
                try ServiceMeasurement(
                    indicator: $0.indicator,
                    value: $0.value,
                    unit: $0.unit,
                    period: period,
                    sampleSize: $0.unit == .percent ? 100 : 300
                )
            }
        )
        let answer = try #require(answers.first)
        #expect(answer.measured?.unit == .ratio)
        #expect(abs((answer.measured?.value ?? 0) - 0.65) < 1e-12)
    }

    @Test func aUnitThatDoesNotConvertIsRefused() throws {
        // A count is not a ratio: refused when answering and when scoring a measured answer made by hand.
        let template = itemTemplate(unit: nil, aggregation: .latest)
        let count = try serviceLevel(65, .count)
        #expect { try template.answers(from: [count]) } throws: {
            ($0 as? ServiceAuditError)?.code == .unitMismatch && ($0 as? ServiceAuditError)?.path == "answers.SL"
        }
        let answer = AuditAnswer.measured("SL", from: count)
        #expect { try WeightedScoringRule().score(template, answers: [answer]) } throws: {
            ($0 as? ServiceAuditError)?.code == .unitMismatch
        }
        // A template whose item declares a unit its indicator cannot be in.
        let wrong = itemTemplate(unit: .seconds, aggregation: .latest)
        #expect(wrong.validate().map(\.code) == [.unitMismatch])
        #expect(wrong.validate().map(\.path) == ["sections[0].items[0].unit"])
    }

    @Test func anItemInPercentTakesRatioMeasurements() throws {
        // Bands in percent (below 70 fails); a measurement of 0.75 is 75 %.
        let template = itemTemplate(unit: .percent, aggregation: .latest, scale: 100)
        #expect(template.validate().isEmpty)
        let answers = try template.answers(from: [try serviceLevel(0.75, .ratio)])
        let result = try WeightedScoringRule().score(template, answers: answers)
        #expect(result.failedItems.isEmpty && result.percent == 100)
        // The unit round-trips in JSON and is absent when not given.
        let json = String(decoding: try JSONEncoder().encode(template), as: UTF8.self)
        #expect(json.contains(#""unit":"percent""#))
        #expect(try JSONDecoder().decode(AuditTemplate.self, from: Data(json.utf8)) == template)
        let plain = String(
            decoding: try JSONEncoder().encode(itemTemplate(unit: nil, aggregation: .latest)),
            as: UTF8.self
        )
        #expect(!plain.contains(#""unit""#))
    }

    @Test func anIndicatorWithoutAStandardUnitNeedsOneUnitAcrossItsMeasurements() throws {
        let template = AuditTemplate(
            id: "own",
            version: SemanticVersion(1, 0, 0),
            title: "Own",
            sections: [
                AuditSection(
                    id: "S",
                    title: "S",
                    items: [
                        AuditItem(
                            id: "X",
                            prompt: "Own figure",
                            kind: .measurement(
                                indicator: "myScore",
                                aggregation: .mean,
                                bands: [ScoreBand(lower: nil, upper: nil, score: 1)]
                            )
                        )
                    ]
                )
            ]
        )
        let own = { (value: Double, unit: MeasurementUnit) in
            try ServiceMeasurement(indicator: "myScore", value: value, unit: unit, period: self.period)
        }
        #expect(Indicator("myScore").standardUnit == nil)
        #expect(try template.answers(from: [try own(3, .score), try own(4, .score)]).first?.value == .number(3.5))
        #expect(throws: ServiceAuditError.self) {
            try template.answers(from: [try own(3, .score), try own(4, .count)])
        }
    }

    @Test func standardUnitsFollowTheProducersNames() {
        #expect(Indicator.compliance(of: "firstReply").rawValue == "firstReply.compliance")
        #expect(Indicator.compliance(of: "firstReply").standardUnit == .ratio)
        #expect(Indicator.duration("firstReplyTime", "p90").standardUnit == .seconds)
        #expect(Indicator.netPromoterScore(of: "nps").rawValue == "nps.nps")
        #expect(Indicator.netPromoterScore(of: "nps").standardUnit == .score)
        #expect(Indicator.favourableShare(of: "csat").rawValue == "csat.favourableShare")
        #expect(
            Indicator.serviceLevel(convention: "abandonedInDenominator", threshold: 20.5).rawValue
                == "serviceLevel.abandonedInDenominator.20.5s"
        )
        #expect(Indicator("backlog.age.median").standardUnit == .seconds)
        #expect(Indicator("csat.mean").standardUnit == nil && Indicator("contacts.offered").standardUnit == .count)
        #expect(MeasurementUnit.percent.convert(65, to: .ratio) == 0.65)
        #expect(
            MeasurementUnit.ratio.convert(0.65, to: .percent) == 65
                && MeasurementUnit.count.convert(1, to: .ratio) == nil
        )
    }

    @Test func anUntickedMustTickBoxFails() throws {
        // `uncheckedFails`: unticked scores 0 of 1 and fails the item; critical, it fails the audit.
        let template = AuditTemplate(
            id: "tick",
            version: SemanticVersion(1, 0, 0),
            title: "Tick",
            sections: [
                AuditSection(
                    id: "S",
                    title: "S",
                    items: [
                        AuditItem(
                            id: "T",
                            prompt: "Fire exits clear",
                            kind: .checkbox(uncheckedFails: true),
                            critical: true
                        ),
                        AuditItem(id: "U", prompt: "Posters up", kind: .checkbox),
                    ]
                )
            ]
        )
        let unticked = try WeightedScoringRule().score(
            template,
            answers: [AuditAnswer(item: "T", .checked(false)), AuditAnswer(item: "U", .checked(false))]
        )
        #expect(unticked.failedItems == ["T"] && unticked.reasons == [.criticalItemFailed(item: "T")])
        #expect(unticked.percent == 0)
        let json = String(decoding: try JSONEncoder().encode(template), as: UTF8.self)
        #expect(json.contains(#""uncheckedFails":true"#))
        #expect(try JSONDecoder().decode(AuditTemplate.self, from: Data(json.utf8)) == template)
    }

    /// One service-level item, in ratio bands (or percent bands with `scale` 100): below 0.7 fails, else 1 point.
    func itemTemplate(unit: MeasurementUnit?, aggregation: MeasurementAggregation, scale: Double = 1) -> AuditTemplate {
        AuditTemplate(
            id: "sl",
            version: SemanticVersion(1, 0, 0),
            title: "Service level",
            sections: [
                AuditSection(
                    id: "S",
                    title: "S",
                    items: [
                        AuditItem(
                            id: "SL",
                            prompt: "Service level",
                            kind: .measurement(
                                indicator: "serviceLevel.abandonedInDenominator.20s",
                                aggregation: aggregation,
                                bands: [
                                    ScoreBand(lower: nil, upper: 0.7 * scale, score: 0, fails: true),
                                    ScoreBand(lower: 0.7 * scale, upper: nil, score: 1),
                                ],
                                unit: unit
                            )
                        )
                    ]
                )
            ]
        )
    }
}
