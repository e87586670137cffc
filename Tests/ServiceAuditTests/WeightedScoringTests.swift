import Foundation
import ServiceAudit
import ServiceDomain
import Testing

/// The worked template. Possible points are maximum × weight:
/// - S1 (weight 1): Q1 yes/no, weight 2, critical, "no" fails (2); Q2 compliance choice, best 3 (3); Q3 rating 1–5, N/A
///   allowed (4). Total 9.
/// - S2 (weight 3): Q4 numeric bands <10 → 0 fails, 10–20 → 1, ≥20 → 2 (2); Q5 checkbox, only when Q1 is yes (1);
///   Q6 text (unscored); Q7 measurement of first-reply compliance, <0.8 → 0 fails, ≥0.8 → 1, weight 2 (2). Total 5.
func workedTemplate(_ policy: ScoringPolicy = ScoringPolicy(), s2PassMark: Double? = nil) -> AuditTemplate {
    AuditTemplate(
        id: "worked",
        version: SemanticVersion(1, 0, 0),
        title: "Worked example",
        scoring: policy,
        responseSets: [
            "compliance": [
                ChoiceOption(id: "exceeds", label: "Exceeds", score: 3, result: .exceeds),
                ChoiceOption(id: "meets", label: "Meets", score: 2, result: .meets),
                ChoiceOption(id: "partly", label: "Partly", score: 1, result: .partly),
                ChoiceOption(id: "doesNotMeet", label: "Does not meet", score: 0, fails: true, result: .doesNotMeet),
            ]
        ],
        sections: [
            AuditSection(
                id: "S1",
                title: "Responsiveness",
                items: [
                    AuditItem(
                        id: "Q1",
                        prompt: "Published response standards?",
                        kind: .yesNo(noFails: true),
                        weight: 2,
                        critical: true
                    ),
                    AuditItem(
                        id: "Q2",
                        prompt: "Call-backs on time?",
                        kind: .singleChoice(options: [], responseSet: "compliance")
                    ),
                    AuditItem(
                        id: "Q3",
                        prompt: "Courtesy rating",
                        kind: .rating(minimum: 1, maximum: 5),
                        notApplicable: .allowed
                    ),
                ]
            ),
            AuditSection(
                id: "S2",
                title: "Delivery",
                weight: 3,
                passMark: s2PassMark,
                items: [
                    AuditItem(
                        id: "Q4",
                        prompt: "Cases closed per agent-day",
                        kind: .numeric(bands: [
                            ScoreBand(lower: nil, upper: 10, score: 0, fails: true),
                            ScoreBand(lower: 10, upper: 20, score: 1),
                            ScoreBand(lower: 20, upper: nil, score: 2),
                        ]),
                        notApplicable: .allowedWithReason
                    ),
                    AuditItem(
                        id: "Q5",
                        prompt: "Standards on the website?",
                        kind: .checkbox,
                        enabledWhen: ItemCondition(item: "Q1", equals: "yes")
                    ),
                    AuditItem(id: "Q6", prompt: "Notes", kind: .text),
                    AuditItem(
                        id: "Q7",
                        prompt: "First-reply compliance",
                        kind: .measurement(
                            indicator: "firstReply.compliance",
                            bands: [
                                ScoreBand(lower: nil, upper: 0.8, score: 0, fails: true, result: .doesNotMeet),
                                ScoreBand(lower: 0.8, upper: nil, score: 1, result: .meets),
                            ]
                        ),
                        weight: 2
                    ),
                ]
            ),
        ]
    )
}

func measuredCompliance(_ value: Double) throws -> AuditAnswer {
    let period = DateInterval(start: Date(timeIntervalSince1970: 1_793_491_200), duration: 30 * 86_400)
    let measurement = try ServiceMeasurement(
        indicator: "firstReply.compliance",
        value: value,
        unit: .ratio,
        period: period,
        sampleSize: 1_204,
        source: "ServiceStandards"
    )
    return .measured("Q7", from: measurement)
}

/// The base answers, with some replaced or removed.
///
/// Q1 yes (2/2), Q2 partly (1/3), Q3 4 (3/4), Q4 15 (1/2), Q5 ticked (1/1), Q6 text, Q7 measured 0.93 (2/2). S1 = 6/9 = 66.67 %, S2 = 4/5 = 80 %, pooled 10/14 = 71.43 %.
func baseAnswers(replacing changes: [String: AuditAnswer?] = [:]) throws -> [AuditAnswer] {
    var answers: [String: AuditAnswer] = [
        "Q1": AuditAnswer(item: "Q1", .yesNo(true)), "Q2": AuditAnswer(item: "Q2", .choice("partly")),
        "Q3": AuditAnswer(item: "Q3", .number(4)), "Q4": AuditAnswer(item: "Q4", .number(15)),
        "Q5": AuditAnswer(item: "Q5", .checked(true)), "Q6": AuditAnswer(item: "Q6", .text("Good team.")),
        "Q7": try measuredCompliance(0.93),
    ]
    for (item, answer) in changes { answers[item] = answer }
    return answers.keys.sorted().compactMap { answers[$0] }
}

func score(_ policy: ScoringPolicy = ScoringPolicy(), _ answers: [AuditAnswer], s2PassMark: Double? = nil) throws
    -> AuditResult
{
    try WeightedScoringRule(policy: policy).score(workedTemplate(policy, s2PassMark: s2PassMark), answers: answers)
}

func near(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) < 1e-9 } ?? false }

struct WeightedScoringTests {
    @Test func theDefaultRulePoolsEveryItem() throws {
        #expect(workedTemplate().validate().isEmpty)
        let result = try score(ScoringPolicy(), try baseAnswers())
        #expect(near(result.percent, 1_000.0 / 14))
        #expect(result.earned == 10 && result.possible == 14)
        #expect(near(result.sections[0].percent, 600.0 / 9) && near(result.sections[1].percent, 80))
        // Six scored items answered; Q6 (text) is not counted towards completion by default.
        #expect(result.passed && result.failedItems.isEmpty && result.completion == 1 && result.answered == 6)
        #expect(result.outcome == .passed && result.sections.allSatisfy { $0.outcome == .passed })
    }

    @Test func weightedSectionsRollUp() throws {
        // (1 × 66.67 + 3 × 80) / 4 = 76.67.
        let result = try score(ScoringPolicy(rollUp: .weightedSections), try baseAnswers())
        #expect(near(result.percent, (600.0 / 9 + 240) / 4))
    }

    @Test(arguments: [
        // Q3 answered N/A. Excluded: S1 = 3/5, pooled 7/10. Full marks: S1 7/9, pooled 11/14. Zero: S1 3/9, pooled 7/14.
        (ScoringPolicy.NotApplicableHandling.excluded, 70.0), (.fullMarks, 1_100.0 / 14), (.zero, 50.0),
    ])
    func notApplicableHandling(handling: ScoringPolicy.NotApplicableHandling, expected: Double) throws {
        let answers = try baseAnswers(replacing: ["Q3": AuditAnswer(item: "Q3", .notApplicable(reason: nil))])
        let result = try score(ScoringPolicy(notApplicable: handling), answers)
        #expect(near(result.percent, expected))
        #expect(result.notApplicable == 1 && result.completion == 1)
    }

    @Test func unansweredHandling() throws {
        // Q4 unanswered. Zero: S2 = 3/5, pooled 9/14. Excluded: S2 = 3/3, pooled 9/12 = 75. Completion counts the six
        // scored items (Q6 is text): 5 responded of 6 either way; with `.allItems` Q6 counts too, 6 of 7.
        let answers = try baseAnswers(replacing: ["Q4": Optional<AuditAnswer>.none])
        let zero = try score(ScoringPolicy(unanswered: .zero), answers)
        #expect(near(zero.percent, 900.0 / 14) && zero.unanswered == 1 && near(zero.completion, 5.0 / 6))
        let excluded = try score(ScoringPolicy(unanswered: .excluded), answers)
        #expect(near(excluded.percent, 75) && near(excluded.completion, 5.0 / 6))
        let everyItem = try score(ScoringPolicy(unanswered: .zero, completion: .allItems), answers)
        #expect(everyItem.answered == 6 && everyItem.unanswered == 1 && near(everyItem.completion, 6.0 / 7))
    }

    @Test(arguments: [
        // Q1 answered no: it fails (critical) and Q5 is disabled (left out). S1 = 0 + 1 + 3 = 4/9; S2 = Q4 1/2 + Q7 2/2
        // = 3/4; pooled 7/13 = 53.85. Zero audit → 0. Zero section → S1 0/9, pooled 3/13. Cap at 50 → 50.
        (ScoringPolicy.CriticalFailureHandling.failOnly, 700.0 / 13), (.zeroAudit, 0.0), (.zeroSection, 300.0 / 13),
        (.capAt(50), 50.0),
    ])
    func criticalFailureHandling(handling: ScoringPolicy.CriticalFailureHandling, expected: Double) throws {
        let answers = try baseAnswers(replacing: ["Q1": AuditAnswer(item: "Q1", .yesNo(false))])
        let result = try score(ScoringPolicy(criticalFailure: handling), answers)
        #expect(near(result.percent, expected), "\(handling)")
        #expect(!result.passed && result.reasons == [.criticalItemFailed(item: "Q1")])
        #expect(result.criticalFailures == ["Q1"] && result.failedItems == ["Q1"])
        // Q5 disabled: five scored items enabled and answered (Q6, text, not counted).
        #expect(result.answered == 5 && result.completion == 1)
    }

    @Test func passMarksGatesAndMaturity() throws {
        // Overall 71.43 against 75: fails; S2 80 against its own 85: fails.
        let marked = try score(ScoringPolicy(passMark: 75), try baseAnswers(), s2PassMark: 85)
        #expect(marked.reasons.count == 2)
        #expect(marked.reasons.contains(.sectionBelowPassMark(section: "S2", percent: 80, passMark: 85)))
        // Gates: Q2 rated does-not-meet (0/3) with the gate on; at most 0 "partly" per section with Q2 partly.
        let doesNotMeet = try baseAnswers(replacing: ["Q2": AuditAnswer(item: "Q2", .choice("doesNotMeet"))])
        let gated = try score(ScoringPolicy(gates: .init(noDoesNotMeet: true)), doesNotMeet)
        #expect(gated.reasons == [.ratedDoesNotMeet(item: "Q2")] && gated.failedItems == ["Q2"])
        let partly = try score(ScoringPolicy(gates: .init(maximumPartlyPerSection: 0)), try baseAnswers())
        #expect(partly.reasons == [.tooManyPartly(section: "S1", count: 1, allowed: 0)])
        // Maturity: 71.43 reaches "Established" (60) but not "Leading" (80).
        let levels: [ScoringPolicy.MaturityLevel] = [
            .init(name: "Emerging", minimum: 0), .init(name: "Established", minimum: 60),
            .init(name: "Leading", minimum: 80),
        ]
        #expect(try score(ScoringPolicy(maturity: levels), try baseAnswers()).maturity == "Established")
    }

    @Test func boundaryComparisonsIgnoreBinaryRoundingOnly() throws {
        // Ten ticked-or-not items of weight 0.1, seven ticked: 0.1 added seven times over 0.1 added ten times is not
        // exactly 70 % in binary floating point, but it reaches a pass mark of 70 — and not one of 70.001.
        let items = (0..<10).map { AuditItem(id: "C\($0)", prompt: "Item \($0)", kind: .checkbox, weight: 0.1) }
        let template = AuditTemplate(
            id: "boundary",
            version: SemanticVersion(1, 0, 0),
            title: "Boundary",
            sections: [AuditSection(id: "S", title: "S", items: items)]
        )
        let answers = (0..<10).map { AuditAnswer(item: "C\($0)", .checked($0 < 7)) }
        let at70 = try WeightedScoringRule(policy: ScoringPolicy(passMark: 70)).score(template, answers: answers)
        #expect(near(at70.percent, 70) && at70.passed)
        let above = try WeightedScoringRule(policy: ScoringPolicy(passMark: 70.001)).score(template, answers: answers)
        #expect(!above.passed)
        #expect(ScoringPolicy.reaches(69.99999999999999, 70) && !ScoringPolicy.reaches(69.9999, 70))
    }

    @Test func measuredAnswersKeepProvenanceAndCanBeOverridden() throws {
        // Measured 0.75 falls in the failing band; a person overrides it to 0.85 with a reason.
        let low = try measuredCompliance(0.75)
        #expect(low.measured?.source == "ServiceStandards" && low.measured?.sampleSize == 1_204)
        let failing = try score(ScoringPolicy(), try baseAnswers(replacing: ["Q7": low]))
        #expect(failing.failedItems == ["Q7"] && near(failing.percent, 800.0 / 14))
        let overridden = try low.overridden(
            with: 0.85,
            reason: "Two days of outage excluded, as agreed with the auditee."
        )
        #expect(overridden.measured == low.measured && overridden.overrideReason != nil)
        let passing = try score(ScoringPolicy(), try baseAnswers(replacing: ["Q7": overridden]))
        #expect(passing.failedItems.isEmpty)
        #expect { try low.overridden(with: 0.9, reason: "  ") } throws: {
            ($0 as? ServiceAuditError)?.path == "overrideReason"
        }
    }

    @Test func badAnswersAreRefusedWithTheirPath() throws {
        let cases: [(AuditAnswer, ServiceDomainError.Code)] = [
            (AuditAnswer(item: "Q9", .yesNo(true)), .unknownItem),
            (AuditAnswer(item: "Q1", .number(1)), .wrongKind),
            (AuditAnswer(item: "Q1", .notApplicable(reason: "n/a")), .notApplicableRefused),
            (AuditAnswer(item: "Q4", .notApplicable(reason: nil)), .notApplicableRefused),
            (AuditAnswer(item: "Q4", .number(.nan)), .nonFinite),
            (AuditAnswer(item: "Q3", .number(4.5)), .outOfRange),
            (AuditAnswer(item: "Q3", .number(.infinity)), .nonFinite),
            (AuditAnswer(item: "Q2", .choice("brilliant")), .unknownOption),
        ]
        for (answer, code) in cases {
            let answers = try baseAnswers(replacing: [answer.item: answer])
            #expect(throws: ServiceAuditError.self) { try score(ScoringPolicy(), answers) }
            #expect { try score(ScoringPolicy(), answers) } throws: { error in
                guard let error = error as? ServiceAuditError else { return false }
                return error.code == code && error.path == "answers.\(answer.item)"
            }
        }
        var twice = try baseAnswers()
        twice.append(AuditAnswer(item: "Q1", .yesNo(false)))
        #expect { try score(ScoringPolicy(), twice) } throws: {
            ($0 as? ServiceAuditError)?.code == .duplicateIdentifier
        }
    }

    static let edges: [(Double, Double, Double, [String])] = [
        (10, 0.8, 1_000.0 / 14, []), (20, 0.8, 1_100.0 / 14, []), (9.999, 0.8, 900.0 / 14, ["Q4"]),
        (15, 0.799_999, 800.0 / 14, ["Q7"]),
    ]

    // Bands include their lower limit and exclude their upper one: 10 is in [10, 20) (1 of 2), 20 in [20, ∞)
    // (2 of 2), 9.999 in (−∞, 10) (0, failing). Q7 at exactly 0.8 meets (1 of 1); just below it fails.
    @Test(arguments: edges)
    func bandEdges(q4: Double, q7: Double, expected: Double, failed: [String]) throws {
        let answers = try baseAnswers(replacing: [
            "Q4": AuditAnswer(item: "Q4", .number(q4)), "Q7": try measuredCompliance(q7),
        ])
        let result = try score(ScoringPolicy(), answers)
        #expect(near(result.percent, expected) && result.failedItems == failed)
    }

    @Test func aValidatedTemplateScoresTheSame() throws {
        let template = workedTemplate(ScoringPolicy(passMark: 75))
        let validated = try ValidatedAuditTemplate(template)
        let answers = try baseAnswers(replacing: ["Q1": AuditAnswer(item: "Q1", .yesNo(false))])
        #expect(
            try WeightedScoringRule(policy: template.scoring).score(validated, answers: answers)
                == WeightedScoringRule(policy: template.scoring).score(template, answers: answers)
        )
        #expect(
            try GatedComplianceRule().score(validated, answers: answers)
                == GatedComplianceRule().score(template, answers: answers)
        )
        #expect(
            try RADARScoringRule().score(validated, answers: answers)
                == RADARScoringRule().score(template, answers: answers)
        )
        let invalid = AuditTemplate(id: "", version: SemanticVersion(1, 0, 0), title: "x", sections: [])
        #expect { try ValidatedAuditTemplate(invalid) } throws: { ($0 as? ServiceAuditError)?.path == "id" }
    }
}

/// Outcomes, raw percentages and the policy checks, on the worked template above.
struct AuditOutcomeTests {
    @Test func theRuleScoresUnderTheTemplatesOwnPolicyByDefault() throws {
        // The template's own pass mark of 75 fails the base answers (71.43 %); a rule given no policy applies it.
        let template = workedTemplate(ScoringPolicy(passMark: 75))
        let answers = try baseAnswers()
        let own = try WeightedScoringRule().score(template, answers: answers)
        #expect(own == (try WeightedScoringRule(policy: template.scoring).score(template, answers: answers)))
        #expect(own.outcome == .failed && own.reasons == [.belowPassMark(percent: 1_000.0 / 14, passMark: 75)])
        // An explicit policy overrides the template's: no pass mark, so the same answers pass.
        #expect(try WeightedScoringRule(policy: ScoringPolicy()).score(template, answers: answers).passed)
    }

    @Test func nothingScorableUnderAPassMarkIsNeitherPassedNorFailed() throws {
        // One section of one N/A-able rating, answered N/A and excluded: no percentage, so a pass mark of 50 can
        // neither be met nor missed. Before, this failed as "below the pass mark at 0 %".
        let template = AuditTemplate(
            id: "na",
            version: SemanticVersion(1, 0, 0),
            title: "All N/A",
            scoring: ScoringPolicy(passMark: 50),
            sections: [
                AuditSection(
                    id: "S",
                    title: "S",
                    passMark: 60,
                    items: [
                        AuditItem(
                            id: "R",
                            prompt: "Rating",
                            kind: .rating(minimum: 1, maximum: 5),
                            notApplicable: .allowed
                        )
                    ]
                )
            ]
        )
        let result = try WeightedScoringRule().score(
            template,
            answers: [AuditAnswer(item: "R", .notApplicable(reason: nil))]
        )
        #expect(result.percent == nil && result.rawPercent == nil && result.reasons.isEmpty)
        #expect(result.outcome == .notScorable && !result.passed)
        #expect(result.sections[0].outcome == .notScorable && result.sections[0].passMark == 60)
        #expect(result.answered == 0 && result.notApplicable == 1 && result.completion == 1)
        // Without a pass mark nothing asks for a figure: the audit passes.
        let unmarked = try WeightedScoringRule(policy: ScoringPolicy()).score(
            template,
            answers: [AuditAnswer(item: "R", .notApplicable(reason: nil))]
        )
        #expect(unmarked.outcome == .passed)
    }

    @Test func aCriticalFailureFailsItsOwnSectionOnly() throws {
        // Q1 (in S1) fails critically: S1 failed, S2 passed; S2's pass mark of 85 against its 3/4 = 75 % fails it too.
        let answers = try baseAnswers(replacing: ["Q1": AuditAnswer(item: "Q1", .yesNo(false))])
        let result = try score(ScoringPolicy(), answers)
        #expect(result.sections.map(\.outcome) == [.failed, .passed])
        let marked = try score(ScoringPolicy(), answers, s2PassMark: 85)
        #expect(marked.sections.map(\.outcome) == [.failed, .failed])
        #expect(marked.reasons.contains(.sectionBelowPassMark(section: "S2", percent: 75, passMark: 85)))
    }

    @Test(arguments: [
        // Q1 answered no (worked in criticalFailureHandling): the answers' own points are 7/13 whatever the handling;
        // S1's raw points stay 4 when zeroSection takes its earned points to 0.
        (ScoringPolicy.CriticalFailureHandling.zeroSection, 300.0 / 13, 0.0), (.zeroAudit, 0.0, 4.0),
        (.capAt(50), 50.0, 4.0), (.failOnly, 700.0 / 13, 4.0),
    ])
    func theRawPercentIsBeforeAnyCriticalEffect(
        handling: ScoringPolicy.CriticalFailureHandling,
        percent: Double,
        s1Earned: Double
    ) throws {
        let answers = try baseAnswers(replacing: ["Q1": AuditAnswer(item: "Q1", .yesNo(false))])
        let result = try score(ScoringPolicy(criticalFailure: handling), answers)
        #expect(near(result.percent, percent) && near(result.rawPercent, 700.0 / 13), "\(handling)")
        #expect(result.sections[0].rawEarned == 4 && result.sections[0].earned == s1Earned)
        #expect(near(result.sections[0].rawPercent, 400.0 / 9))
        #expect(result.earned == 7 && result.possible == 13)
    }

    @Test func policiesAreCheckedWithTheirPath() throws {
        func codes(_ policy: ScoringPolicy) -> [String?] { policy.validate(at: "scoring").map(\.path) }
        #expect(codes(ScoringPolicy()).isEmpty)
        #expect(codes(ScoringPolicy(passMark: 101)) == ["scoring.passMark"])
        #expect(codes(ScoringPolicy(criticalFailure: .capAt(.nan))) == ["scoring.criticalFailure.capAt"])
        #expect(
            codes(ScoringPolicy(gates: .init(maximumPartlyPerSection: -1))) == ["scoring.gates.maximumPartlyPerSection"]
        )
        // Levels lowest first from 0, ascending, named once.
        let descending: [ScoringPolicy.MaturityLevel] = [
            .init(name: "A", minimum: 0), .init(name: "B", minimum: 80),
            .init(name: "C", minimum: 60),
        ]
        #expect(codes(ScoringPolicy(maturity: descending)) == ["scoring.maturity[2].minimum"])
        #expect(codes(ScoringPolicy(maturity: [.init(name: "A", minimum: 10)])) == ["scoring.maturity[0].minimum"])
        let twice: [ScoringPolicy.MaturityLevel] = [.init(name: "A", minimum: 0), .init(name: "A", minimum: 50)]
        #expect(codes(ScoringPolicy(maturity: twice)) == ["scoring.maturity[1].name"])
        // In a template, under `scoring`; given to a rule, under `policy`.
        let template = workedTemplate(ScoringPolicy(passMark: -1))
        #expect(template.validate().map(\.path) == ["scoring.passMark"])
        #expect {
            try WeightedScoringRule(policy: ScoringPolicy(passMark: 200)).score(workedTemplate(), answers: [])
        } throws: { ($0 as? ServiceAuditError)?.path == "policy.passMark" }
    }

    @Test func aSectionAndAnItemCannotShareAnIdentifier() throws {
        // Reasons name sections and items by identifier: one name for both would make "S1 failed" ambiguous.
        let template = AuditTemplate(
            id: "clash",
            version: SemanticVersion(1, 0, 0),
            title: "Clash",
            sections: [
                AuditSection(id: "A", title: "A", items: [AuditItem(id: "B", prompt: "B", kind: .checkbox)]),
                AuditSection(id: "B", title: "B", items: [AuditItem(id: "A", prompt: "A", kind: .checkbox)]),
            ]
        )
        let problems = template.validate()
        #expect(problems.map(\.code) == [.duplicateIdentifier, .duplicateIdentifier])
        #expect(problems.map(\.path) == ["sections[1].id", "sections[1].items[0].id"] as [String?])
    }

    @Test func resultsEncodeTheirVerdicts() throws {
        let result = try score(ScoringPolicy(), try baseAnswers())
        let json = try JSONEncoder().encode(result)
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(object["outcome"] as? String == "passed")
        let sections = try #require(object["sections"] as? [[String: Any]])
        #expect(sections[0]["outcome"] as? String == "passed" && sections[0]["rawEarned"] as? Double == 6)
        #expect(try JSONDecoder().decode(AuditResult.self, from: json) == result)
    }
}
