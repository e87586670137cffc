import Foundation
import ServiceAudit
import ServiceDomain
import Testing

struct TemplateValidationTests {
    @Test func everyProblemIsReportedWithItsPath() {
        let template = AuditTemplate(
            id: "bad",
            version: SemanticVersion(0, 1, 0),
            title: "Bad",
            scoring: ScoringPolicy(passMark: 120, maturity: [.init(name: "x", minimum: .nan)]),
            sections: [
                AuditSection(
                    id: "S1",
                    title: "One",
                    weight: -1,
                    items: [
                        AuditItem(id: "A", prompt: "a", kind: .checkbox, weight: .nan),
                        AuditItem(id: "B", prompt: "b", kind: .singleChoice(options: [], responseSet: "missing")),
                        AuditItem(
                            id: "C",
                            prompt: "c",
                            kind: .numeric(bands: [
                                ScoreBand(lower: nil, upper: 10, score: 0), ScoreBand(lower: 12, upper: 20, score: 1),
                                ScoreBand(lower: 18, upper: nil, score: -2),
                            ])
                        ),
                        AuditItem(
                            id: "D",
                            prompt: "d",
                            kind: .checkbox,
                            enabledWhen: ItemCondition(item: "E", equals: "yes")
                        ),
                    ]
                ),
                AuditSection(
                    id: "S1",
                    title: "Again",
                    items: [
                        AuditItem(id: "A", prompt: "again", kind: .rating(minimum: 3, maximum: 3), weight: -0.5),
                        AuditItem(
                            id: "E",
                            prompt: "e",
                            kind: .singleChoice(
                                options: [
                                    ChoiceOption(id: "x", label: "x", score: 1),
                                    ChoiceOption(id: "x", label: "y", score: .infinity),
                                ],
                                responseSet: nil
                            )
                        ),
                    ]
                ),
            ]
        )
        let problems = template.validate().map { "\($0.path ?? "") \($0.code.rawValue)" }
        #expect(
            problems == [
                "scoring.passMark outOfRange",
                "scoring.maturity[0].minimum nonFinite",
                "sections[0].weight outOfRange",
                "sections[0].items[0].weight nonFinite",
                "sections[0].items[1].responseSet unknownReference",
                "sections[0].items[2].bands[1].lower badBands",  // a gap: 10 … 12
                "sections[0].items[2].bands[2].score outOfRange",
                "sections[0].items[2].bands[2].lower badBands",  // an overlap: 18 < 20
                "sections[0].items[3].enabledWhen.item unknownReference",  // E comes later
                "sections[1].id duplicateIdentifier",
                "sections[1].items[0].id duplicateIdentifier",
                "sections[1].items[0].weight outOfRange",
                "sections[1].items[0].maximum outOfRange",
                "sections[1].items[1].options[1].id duplicateIdentifier",
                "sections[1].items[1].options[1].score nonFinite",
            ]
        )
        // Scoring refuses an invalid template with its first problem.
        #expect { try WeightedScoringRule().score(template, answers: []) } throws: {
            ($0 as? ServiceAuditError)?.path == "scoring.passMark"
        }
    }

    @Test func templatesRoundTripThroughTheirJSONForm() throws {
        let template = workedTemplate(
            ScoringPolicy(
                notApplicable: .fullMarks,
                criticalFailure: .capAt(60),
                passMark: 70,
                gates: .init(noDoesNotMeet: true, maximumPartlyPerSection: 2),
                maturity: [.init(name: "Established", description: "Standards met", minimum: 60)]
            )
        )
        let data = try JSONEncoder().encode(template)
        #expect(try JSONDecoder().decode(AuditTemplate.self, from: data) == template)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""kind":"measurement""#) && text.contains(#""criticalFailure":{"capAt":60}"#))
        #expect(text.contains(#""version":"1.0.0""#))
    }

    @Test func aHandWrittenTemplateDecodesWithDefaults() throws {
        let json = """
            {"id": "mini", "version": "2.1.0", "schemaVersion": 1, "title": "Mini audit",
             "inspiredBy": [{"name": "Public complaint-handling principles"}],
             "scoring": {"passMark": 50, "criticalFailure": "zeroSection"},
             "sections": [{"id": "S", "title": "Basics", "items": [
                {"id": "Q1", "prompt": "Is there a complaints procedure?", "kind": "yesNo", "noFails": true,
                 "critical": true},
                {"id": "Q2", "prompt": "How many channels take complaints?", "kind": "numeric",
                 "bands": [{"upper": 2, "score": 0}, {"lower": 2, "score": 1}]}]}]}
            """
        let template = try JSONDecoder().decode(AuditTemplate.self, from: Data(json.utf8))
        #expect(template.version == SemanticVersion(2, 1, 0) && template.validate().isEmpty)
        #expect(template.scoring.criticalFailure == .zeroSection && template.scoring.unanswered == .zero)
        let item = template.sections[0].items[0]
        #expect(item.weight == 1 && item.notApplicable == .notAllowed && item.evidence == .none && item.critical)
        let result = try WeightedScoringRule(policy: template.scoring).score(
            template,
            answers: [AuditAnswer(item: "Q1", .yesNo(true)), AuditAnswer(item: "Q2", .number(3))]
        )
        #expect(result.percent == 100 && result.passed)
        // A newer schema, a bad version string and an unknown kind are refused.
        for bad in [
            json.replacingOccurrences(of: #""schemaVersion": 1"#, with: #""schemaVersion": 2"#),
            json.replacingOccurrences(of: #""2.1.0""#, with: #""2.1""#),
            json.replacingOccurrences(of: #""kind": "numeric""#, with: #""kind": "slider""#),
        ] {
            #expect(throws: (any Error).self) { try JSONDecoder().decode(AuditTemplate.self, from: Data(bad.utf8)) }
        }
    }

    /// Issue 20: two weights of 10³⁰⁸ passed validation and failed later, when scored, at `answers.B.weight`.
    @Test func weightsTooLargeToScoreAreCaughtByValidation() throws {
        func template(_ weight: Double) throws -> AuditTemplate {
            let json = """
                {"id": "heavy", "version": "1.0.0", "schemaVersion": 1, "title": "Heavy",
                 "sections": [{"id": "S", "title": "S", "items": [
                    {"id": "A", "prompt": "A?", "kind": "yesNo", "weight": \(weight)},
                    {"id": "B", "prompt": "B?", "kind": "yesNo", "weight": \(weight)}]}]}
                """
            return try JSONDecoder().decode(AuditTemplate.self, from: Data(json.utf8))
        }
        let heavy = try template(1e308)
        #expect(heavy.validate().map(\.path) == ["sections[0].items[0].weight", "sections[0].items[1].weight"])
        #expect(heavy.validate().allSatisfy { $0.code == .outOfRange })
        // The largest weight allowed scores: both answered yes is 100 %, one of two is 50 %.
        let largest = try template(AuditTemplate.largestWeight)
        #expect(largest.validate().isEmpty)
        let rule = WeightedScoringRule(policy: largest.scoring)
        let both = try rule.score(
            largest,
            answers: [AuditAnswer(item: "A", .yesNo(true)), AuditAnswer(item: "B", .yesNo(true))]
        )
        let one = try rule.score(
            largest,
            answers: [AuditAnswer(item: "A", .yesNo(true)), AuditAnswer(item: "B", .yesNo(false))]
        )
        #expect(both.percent == 100 && one.percent == 50)
    }

    @Test func answersRoundTripThroughTheirJSONForm() throws {
        let answers =
            try baseAnswers() + [
                AuditAnswer(
                    item: "X",
                    .notApplicable(reason: "No phone line"),
                    note: "Checked with the manager",
                    evidence: [
                        EvidenceReference(
                            uri: "https://files.example/1.jpg",
                            mediaType: "image/jpeg",
                            digest: "sha256:ab"
                        )
                    ]
                ),
                AuditAnswer(item: "Y", .choices(["a", "b"])),
                AuditAnswer(item: "Z", .date(try LocalDate("2026-11-23"))),
            ]
        let data = try JSONEncoder().encode(answers)
        #expect(try JSONDecoder().decode([AuditAnswer].self, from: data) == answers)
        let twoValues = #"{"item": "Q1", "yes": true, "number": 3}"#
        #expect(throws: (any Error).self) { try JSONDecoder().decode(AuditAnswer.self, from: Data(twoValues.utf8)) }
        #expect(SemanticVersion(1, 2, 0) < SemanticVersion(1, 10, 0))
    }
}

struct GuideExampleTests {
    /// The complete template in `Documentation/AuthoringAuditTemplates.md` decodes, validates and scores.
    @Test func theGuidesTemplateIsValid() throws {
        let guide = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Documentation/AuthoringAuditTemplates.md")
        let text = try String(contentsOf: guide, encoding: .utf8)
        let start = try #require(text.range(of: "```json\n"))
        let end = try #require(text.range(of: "\n```", range: start.upperBound..<text.endIndex))
        let json = String(text[start.upperBound..<end.lowerBound])
        let template = try JSONDecoder().decode(AuditTemplate.self, from: Data(json.utf8))
        #expect(template.validate().isEmpty)
        // CH-1 meets (2/2), CH-2 yes (1/1), CH-3 meets (2/2 × 2), CH-4 measured 0.9 (1/2): 8 of 9 → 88.9 %;
        // CH-5 is enabled by CH-3 = meets and is text.
        let answers = [
            AuditAnswer(item: "CH-1", .choice("meets")), AuditAnswer(item: "CH-2", .yesNo(true)),
            AuditAnswer(item: "CH-3", .choice("meets")), AuditAnswer(item: "CH-4", .number(0.9)),
            AuditAnswer(item: "CH-5", .text("The quality manager, monthly.")),
        ]
        let result = try WeightedScoringRule(policy: template.scoring).score(template, answers: answers)
        #expect(near(result.percent, 800.0 / 9) && result.passed && result.maturity == "Established")
    }
}

struct ApplicabilityTests {
    @Test func templatesApplyBySectorAndDesignProfile() throws {
        let applicability = Applicability(
            sectors: [.public, .voluntary],
            profile: ["complexity": "medium, high", "deliveryDuration": "ongoing"]
        )
        #expect(applicability.applies(to: .public) && !applicability.applies(to: .private))
        let council = ServiceProfile(
            intermediaries: .direct,
            contactLevel: .high,
            purchase: .individual,
            deliveryDuration: .ongoing,
            capacityConstraint: .high,
            frequencyOfUse: .regular,
            complexity: .high
        )
        #expect(applicability.applies(to: council))
        var simple = council
        simple.complexity = .low
        #expect(!applicability.applies(to: simple))
        #expect(Applicability().applies(to: simple) && Applicability().applies(to: .private))
        // Unknown factors and values are validation problems with their paths.
        let template = AuditTemplate(
            id: "t",
            version: SemanticVersion(1, 0, 0),
            title: "t",
            applicability: Applicability(profile: ["complexity": "extreme", "colour": "blue"]),
            sections: [AuditSection(id: "S", title: "S", items: [AuditItem(id: "A", prompt: "a", kind: .checkbox)])]
        )
        #expect(
            template.validate().map(\.path) == ["applicability.profile.colour", "applicability.profile.complexity"]
        )
    }
}

struct AnswerValidationTests {
    @Test func everyAnswerProblemIsListed() throws {
        let template = workedTemplate()
        #expect(template.validate(try baseAnswers()).isEmpty)
        let answers = [
            AuditAnswer(item: "Q1", .number(3)), AuditAnswer(item: "Q2", .choice("brilliant")),
            AuditAnswer(item: "Q3", .number(.nan)), AuditAnswer(item: "Q4", .notApplicable(reason: " ")),
            AuditAnswer(item: "Q1", .yesNo(true)), AuditAnswer(item: "Q99", .checked(true)),
        ]
        let problems = template.validate(answers).map { "\($0.path ?? "") \($0.code.rawValue)" }
        #expect(
            problems == [
                "answers.Q1 wrongKind", "answers.Q2 unknownOption", "answers.Q3 nonFinite",
                "answers.Q4 notApplicableRefused",
                "answers.Q1 duplicateIdentifier", "answers.Q99 unknownItem",
            ]
        )
    }
}

struct AuditErrorTests {
    @Test func errorsDescribeThemselvesAndNest() throws {
        let error = ServiceAuditError(.badBands, at: "bands[1]", "a gap")
        #expect(error.description == "badBands at bands[1]: a gap")
        #expect(error.nested(under: "sections[0].items[2]").path == "sections[0].items[2].bands[1]")
        #expect(ServiceAuditError(.empty, "no sections").description == "empty: no sections")
        let wrapped = ServiceAuditError(ServiceDomainError(.outOfRange, at: "score", "too high"), under: "answers.Q1")
        #expect(wrapped.path == "answers.Q1.score" && wrapped.code == .outOfRange)
        #expect(try JSONDecoder().decode(ServiceAuditError.self, from: try JSONEncoder().encode(error)) == error)
    }
}
