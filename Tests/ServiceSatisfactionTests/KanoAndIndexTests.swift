import Foundation
import ServiceDomain
import ServiceSatisfaction
import Testing

struct KanoAndIndexTests {
    @Test func theEvaluationTableIsBergersTable() {
        // Berger et al. (1993), table 1, row by row (functional answer), columns like … dislike.
        let table: [KanoAnswer: [KanoCategory]] = [
            .like: [.questionable, .attractive, .attractive, .attractive, .oneDimensional],
            .mustBe: [.reverse, .indifferent, .indifferent, .indifferent, .mustBe],
            .neutral: [.reverse, .indifferent, .indifferent, .indifferent, .mustBe],
            .liveWith: [.reverse, .indifferent, .indifferent, .indifferent, .mustBe],
            .dislike: [.reverse, .reverse, .reverse, .reverse, .questionable],
        ]
        for (functional, row) in table {
            for (dysfunctional, expected) in zip(KanoAnswer.allCases, row) {
                #expect(KanoTally.category(functional: functional, dysfunctional: dysfunctional) == expected)
            }
        }
    }

    @Test func categoryCountsAndCoefficients() throws {
        // 8 attractive, 10 one-dimensional, 7 must-be, 5 indifferent: the mode is one-dimensional;
        // satisfaction (8 + 10)/30 = 0.6, dissatisfaction −(10 + 7)/30.
        var tally = KanoTally()
        for _ in 0..<8 { tally.add(functional: .like, dysfunctional: .neutral) }
        for _ in 0..<10 { tally.add(functional: .like, dysfunctional: .dislike) }
        for _ in 0..<7 { tally.add(functional: .neutral, dysfunctional: .dislike) }
        for _ in 0..<5 { tally.add(functional: .neutral, dysfunctional: .neutral) }
        #expect(tally.total == 30 && tally.category == .oneDimensional && tally.modalCategories == [.oneDimensional])
        #expect(tally.satisfactionCoefficient == 0.6 && tally.dissatisfactionCoefficient == -17.0 / 30)
        // Three more must-be make a tie of 10 and 10: must-be wins (M > O > A > I).
        var tied = tally
        for _ in 0..<3 { tied.add(functional: .mustBe, dysfunctional: .dislike) }
        #expect(tied.modalCategories == [.oneDimensional, .mustBe] && tied.category == .mustBe)
        // Merging and JSON.
        var merged = KanoTally()
        try merged.merge(tally)
        try merged.merge(tally)
        #expect(merged.counts[.attractive] == 16 && merged.total == 60)
        #expect(try JSONDecoder().decode(KanoTally.self, from: try JSONEncoder().encode(tally)) == tally)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(KanoTally.self, from: Data(#"{"counts": {"attractive": -1}}"#.utf8))
        }
        #expect(KanoTally().category == nil && KanoTally().satisfactionCoefficient == nil)
    }

    @Test func theSatisfactionIndex() throws {
        // (8, 7, 9) rescales to 7/9, 6/9, 8/9 of 100; equal weights give 21/27 × 100 = 77.78. 10s give 100, 1s 0.
        let typical = SatisfactionIndexResponse(overall: 8, versusExpectations: 7, versusIdeal: 9)
        #expect(abs(try SatisfactionIndex.index(typical) - 2_100.0 / 27) < 1e-12)
        let weighted = SatisfactionIndexResponse(overall: 10, versusExpectations: 1, versusIdeal: 1)
        #expect(try SatisfactionIndex.index(weighted, weights: (0.5, 0.25, 0.25)) == 50)
        // The mean of 77.78, 100 and 0 with a t interval on 2 df (SciPy: 59.259, SE 30.316, −71.18 … 189.70,
        // clipped to 0 … 100).
        let sample = [
            typical, SatisfactionIndexResponse(overall: 10, versusExpectations: 10, versusIdeal: 10),
            SatisfactionIndexResponse(overall: 1, versusExpectations: 1, versusIdeal: 1),
        ]
        let estimate = try SatisfactionIndex.estimate(sample)
        #expect(abs((estimate.value ?? 0) - 59.25925925925926) < 1e-9)
        #expect(abs((estimate.standardError ?? 0) - 30.316121377305375) < 1e-9 && estimate.degreesOfFreedom == 2)
        #expect(estimate.interval?.lower == 0 && estimate.interval?.upper == 100)
        #expect(try SatisfactionIndex.estimate([]).status == .undefined)
        #expect(try SatisfactionIndex.estimate([typical]).status == .insufficientData)
        #expect {
            try SatisfactionIndex.estimate([
                typical, SatisfactionIndexResponse(overall: 11, versusExpectations: 1, versusIdeal: 1),
            ])
        } throws: { ($0 as? ServiceSatisfactionError)?.path == "responses[1].overall" }
        #expect(throws: ServiceSatisfactionError.self) { try SatisfactionIndex.index(typical, weights: (0, 0, 0)) }
    }

    @Test func theImportancePerformanceGridSaysWhereItsLinesAre() throws {
        // Three attributes on 1–5 scales. Data means: importance 4, performance 3 → waiting time (5, 2) concentrate
        // here. Scale midpoints (3, 3): staff courtesy (3.5, 3.5) is important-and-good; with data means it is low
        // priority/possible overkill.
        let attributes = [
            ImportancePerformance.Attribute(name: "waiting time", importance: 5, performance: 2),
            .init(name: "courtesy", importance: 3.5, performance: 3.5),
            .init(name: "parking", importance: 3.5, performance: 3.5),
        ]
        let means = try ImportancePerformance.grid(attributes)
        #expect(means.importanceLine == 4 && means.performanceLine == 3 && means.crosshair == .dataMeans)
        #expect(means.placements.map(\.quadrant) == [.concentrateHere, .possibleOverkill, .possibleOverkill])
        let midpoints = try ImportancePerformance.grid(
            attributes,
            crosshair: .scaleMidpoints(importance: 1...5, performance: 1...5)
        )
        #expect(midpoints.importanceLine == 3 && midpoints.performanceLine == 3)
        #expect(midpoints.placements.map(\.quadrant) == [.concentrateHere, .keepUpTheGoodWork, .keepUpTheGoodWork])
        let fixed = try ImportancePerformance.grid(attributes, crosshair: .fixed(importance: 4.5, performance: 4))
        #expect(fixed.placements.map(\.quadrant) == [.concentrateHere, .lowPriority, .lowPriority])
        #expect(throws: ServiceSatisfactionError.self) {
            try ImportancePerformance.grid(
                attributes,
                crosshair: .scaleMidpoints(importance: 1...1, performance: 1...5)
            )
        }
        #expect(
            try JSONDecoder().decode(ImportancePerformance.Grid.self, from: try JSONEncoder().encode(midpoints))
                == midpoints
        )
    }
}
