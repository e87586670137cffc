import Foundation
import ServiceDomain
import ServiceStandards
import Testing

struct QualityRubricTests {
    static let rubric: QualityRubric = {
        let criteria = [
            QualityCriterion(id: "greeting", name: "Greeting", dimension: .professionalism, weight: 1),
            QualityCriterion(id: "accuracy", name: "Accuracy", dimension: .accuracy, weight: 3),
            QualityCriterion(id: "conduct", name: "Conduct", dimension: .professionalism, weight: 2),
            QualityCriterion(id: "outcome", name: "Outcome", dimension: .effectiveness, weight: 4, critical: true),
        ]
        return (try? QualityRubric(id: "r", passMark: 0.7, criteria: criteria)) ?? .standardInteraction
    }()
    static let reviewed = Date(timeIntervalSince1970: 1_796_112_000)

    @Test func workedExampleWithANotApplicableCriterion() throws {
        // Ratings on 1–5 scales earn (rating − 1) / 4 of their weight. Greeting 5 → 1 × 1 = 1; accuracy 4 → 3/4 × 3 =
        // 2.25; conduct 3 → 1/2 × 2 = 1; outcome not rated (N/A) → out of both sums. 4.25 of 6 = 70.83 % ≥ 70 %.
        let review = InteractionReview(
            id: "R-1",
            agent: "A-7",
            reviewedAt: Self.reviewed,
            ratings: ["greeting": 5, "accuracy": 4, "conduct": 3]
        )
        let score = try Self.rubric.score(review)
        #expect(score.overall.earned == 4.25 && score.overall.possible == 6 && score.overall.count == 3)
        #expect(score.passed)
        // Professionalism: greeting 1 of 1 and conduct 1 of 2 → 2 of 3.
        #expect(score.byDimension[.professionalism]?.earned == 2 && score.byDimension[.professionalism]?.possible == 3)
        #expect(score.byDimension[.effectiveness] == nil)
    }

    @Test func aCriticalCriterionAtTheBottomFailsTheReview() throws {
        // Everything else perfect (6 of 6) but outcome rated 1: 6 of 10 = 60 %, and the critical failure fails it.
        let review = InteractionReview(
            id: "R-2",
            reviewedAt: Self.reviewed,
            ratings: ["greeting": 5, "accuracy": 5, "conduct": 5, "outcome": 1]
        )
        let score = try Self.rubric.score(review)
        #expect(score.criticalFailures == ["outcome"] && !score.passed)
    }

    @Test func passMarkComparisonIsNotFooledByBinaryRounding() throws {
        // Weights 0.1, 0.7 and 0.2, full marks on the first two, none on the third: 0.1 + 0.7 is 0.7999999999999999
        // in binary floating point, of 1.0 possible. Exactly 80 % in decimal; it must meet an 80 % pass mark.
        let rubric = try QualityRubric(
            id: "fp",
            passMark: 0.8,
            criteria: [
                QualityCriterion(id: "a", name: "", dimension: .accuracy, weight: 0.1),
                QualityCriterion(id: "b", name: "", dimension: .accuracy, weight: 0.7),
                QualityCriterion(id: "c", name: "", dimension: .accuracy, weight: 0.2),
            ]
        )
        let score = try rubric.score(
            InteractionReview(id: "R", reviewedAt: Self.reviewed, ratings: ["a": 5, "b": 5, "c": 1])
        )
        #expect(score.overall.earned < 0.8)  // the naive comparison would fail…
        #expect(score.overall.meets(0.8) == true && score.passed)  // …the documented rule does not
        // A genuinely lower score still fails: a / b / c = 5 / 5 / 1 with b at 4 earns 0.625 < 0.8.
        let lower = try rubric.score(
            InteractionReview(id: "R", reviewedAt: Self.reviewed, ratings: ["a": 5, "b": 4, "c": 1])
        )
        #expect(!lower.passed)
    }

    @Test func rejectsBadRubricsAndRatings() {
        #expect {
            try QualityRubric(
                id: "r",
                passMark: 0.8,
                criteria: [QualityCriterion(id: "a", name: "", dimension: .accuracy, weight: .nan)]
            )
        } throws: { ($0 as? ServiceStandardsError)?.path == "criteria[0].weight" }
        #expect {
            try QualityRubric(
                id: "r",
                passMark: 0.8,
                criteria: [QualityCriterion(id: "a", name: "", dimension: .accuracy, weight: -1)]
            )
        } throws: { ($0 as? ServiceStandardsError)?.code == .outOfRange }
        #expect {
            try QualityRubric(
                id: "r",
                passMark: 0.8,
                criteria: [
                    QualityCriterion(id: "a", name: "", dimension: .accuracy, weight: 1),
                    QualityCriterion(id: "a", name: "", dimension: .accuracy, weight: 1),
                ]
            )
        } throws: { ($0 as? ServiceStandardsError)?.path == "criteria[1]" }
        #expect {
            try QualityRubric(
                id: "r",
                passMark: 0.8,
                criteria: [QualityCriterion(id: "a", name: "", dimension: .accuracy, weight: 1, minimum: 5, maximum: 5)]
            )
        } throws: { ($0 as? ServiceStandardsError)?.path == "criteria[0].scale" }
        #expect { try QualityRubric(id: "r", passMark: 1.5, criteria: []) } throws: {
            ($0 as? ServiceStandardsError)?.path == "passMark"
        }
        #expect {
            try Self.rubric.score(InteractionReview(id: "R", reviewedAt: Self.reviewed, ratings: ["accuracy": 9]))
        } throws: { ($0 as? ServiceStandardsError)?.path == "ratings.accuracy" }
        #expect {
            try Self.rubric.score(InteractionReview(id: "R", reviewedAt: Self.reviewed, ratings: ["charm": 3]))
        } throws: { ($0 as? ServiceStandardsError)?.path == "ratings.charm" }
    }

    @Test func builtInRubricPassesItsOwnChecksAndRoundTrips() throws {
        let data = try JSONEncoder().encode(QualityRubric.standardInteraction)
        let decoded = try JSONDecoder().decode(QualityRubric.self, from: data)
        #expect(decoded == .standardInteraction)
        #expect(Set(decoded.criteria.map(\.dimension)) == Set(StandardDimension.dimensions(of: .quality)))
        let bad = #"{"id":"x","passMark":0.8,"criteria":[{"id":"a","dimension":"accuracy","weight":-2}]}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(QualityRubric.self, from: Data(bad.utf8)) }
    }

    @Test func summariesRollUpByAgentAndMergeAcrossShards() throws {
        // Ratings on 1–5 scales with integer weights earn quarter points, which binary floating point adds exactly, so
        // shards merged in any order equal one pass.
        var rng = SeededGenerator(seed: 3)
        let agents: [AgentID] = ["A-1", "A-2", "A-3"]
        let scores = try (0..<300).map { n -> (String, ReviewScore) in
            let ratings = Dictionary(
                uniqueKeysWithValues: Self.rubric.criteria.map { ($0.id, Int.random(in: 1...5, using: &rng)) }
            )
            let agent = agents[n % 3]
            return (
                agent.rawValue,
                try Self.rubric.score(
                    InteractionReview(id: "R\(n)", agent: agent, reviewedAt: Self.reviewed, ratings: ratings)
                )
            )
        }
        var single = QualitySummary()
        for (agent, score) in scores { try single.add(score, group: agent) }
        var first = QualitySummary()
        var second = QualitySummary()
        for (agent, score) in scores[..<120] { try first.add(score, group: agent) }
        for (agent, score) in scores[120...] { try second.add(score, group: agent) }
        try second.merge(first)
        #expect(second == single)
        #expect(single.groups["A-1"]?.reviews == 100)
        let total = single.groups.values.reduce(0) { $0 + $1.overall.possible }
        #expect(total == 300 * 10)  // every criterion rated: weights 1 + 3 + 2 + 4 = 10 per review
    }
}

struct WeightedScoreTests {
    @Test func rejectsNonsense() {
        var score = WeightedScore()
        #expect { try score.add(.nan, outOf: 5) } throws: { ($0 as? ServiceDomainError)?.path == "score" }
        #expect { try score.add(1, outOf: 5, weight: .infinity) } throws: {
            ($0 as? ServiceDomainError)?.path == "weight"
        }
        #expect { try score.add(6, outOf: 5) } throws: { ($0 as? ServiceDomainError)?.code == .outOfRange }
        #expect { try score.add(1, outOf: 0) } throws: { ($0 as? ServiceDomainError)?.path == "maximum" }
        #expect { try score.add(1, outOf: 5, weight: -1) } throws: { ($0 as? ServiceDomainError)?.path == "weight" }
        #expect(score.ratio == nil && score.meets(0.5) == nil && score.count == 0)
    }
}

struct ExtremeInputTests {
    @Test func aScaleSpanningAllIntegersScoresWithoutOverflow() throws {
        let rubric = try QualityRubric(
            id: "wide",
            passMark: 0.5,
            criteria: [
                QualityCriterion(id: "a", name: "", dimension: .accuracy, weight: 1, minimum: .min, maximum: .max)
            ]
        )
        let score = try rubric.score(
            InteractionReview(id: "R", reviewedAt: Date(timeIntervalSince1970: 0), ratings: ["a": .max])
        )
        #expect(score.overall.ratio == 1)
    }

    @Test func targetsLongerThanTenYearsAreRejected() {
        #expect { try ServiceTarget(kind: .resolution, clock: .calendarTime, durations: [.low: 1e300]) } throws: {
            ($0 as? ServiceStandardsError)?.path == "durations.low"
        }
        let json =
            #"{"id": "p", "rules": [{"targets": {"resolution": {"clock": "calendar", "durations": {"low": 1e12}}}}]}"#
        #expect { try ServiceLevelPolicy.load(from: Data(json.utf8)) } throws: {
            ($0 as? ServiceStandardsError)?.path == "rules[0].targets.resolution.durations.low"
        }
    }
}
