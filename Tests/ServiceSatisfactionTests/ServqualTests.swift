import Foundation
import ServiceDomain
import ServiceSatisfaction
import Testing

struct ServqualTests {
    /// Every item of the standard instrument answered with one expectation and one perception per dimension.
    static func uniform(
        _ respondent: String,
        _ scores: [ServqualDimension: (Double, Double)],
        importance: [ServqualDimension: Double]? = nil
    )
        -> ServqualResponse
    {
        var expectations: [String: Double] = [:]
        var perceptions: [String: Double] = [:]
        for item in ServqualInstrument.standard.items {
            expectations[item.id] = scores[item.dimension]?.0
            perceptions[item.id] = scores[item.dimension]?.1
        }
        return ServqualResponse(
            respondent: respondent,
            expectations: expectations,
            perceptions: perceptions,
            importance: importance
        )
    }

    @Test func theStandardInstrumentHasTheOriginalShape() {
        let counts = Dictionary(grouping: ServqualInstrument.standard.items, by: \.dimension).mapValues(\.count)
        #expect(counts == [.tangibles: 4, .reliability: 5, .responsiveness: 4, .assurance: 4, .empathy: 5])
        #expect(Set(ServqualInstrument.standard.items.map(\.id)).count == 22)
    }

    @Test func gapsByItemDimensionAndOverall() throws {
        // Two respondents. Gaps (P − E) per dimension: tangibles (5−6, 6−6) → −0.5; reliability (4−7, 5−7) → −2.5;
        // responsiveness (5−6, 5−6) → −1; assurance (6−6, 7−6) → 0.5; empathy (3−5, 4−6) → −2.
        // Overall = mean of the five dimension gaps = (−0.5 − 2.5 − 1 + 0.5 − 2) / 5 = −1.1. The mean of the 22 item
        // gaps would be (4·−0.5 + 5·−2.5 + 4·−1 + 4·0.5 + 5·−2) / 22 = −26.5/22 = −1.2045: not the overall gap.
        var tally = ServqualTally()
        try tally.add(
            Self.uniform(
                "A",
                [
                    .tangibles: (6, 5), .reliability: (7, 4), .responsiveness: (6, 5), .assurance: (6, 6),
                    .empathy: (5, 3),
                ],
                importance: [.tangibles: 10, .reliability: 30, .responsiveness: 20, .assurance: 20, .empathy: 20]
            )
        )
        try tally.add(
            Self.uniform(
                "B",
                [
                    .tangibles: (6, 6), .reliability: (7, 5), .responsiveness: (6, 5), .assurance: (6, 7),
                    .empathy: (6, 4),
                ],
                importance: [.tangibles: 10, .reliability: 40, .responsiveness: 20, .assurance: 10, .empathy: 20]
            )
        )
        let gaps = tally.dimensionGaps
        #expect(gaps == [.tangibles: -0.5, .reliability: -2.5, .responsiveness: -1, .assurance: 0.5, .empathy: -2])
        #expect(abs((tally.overallGap ?? 0) - -1.1) < 1e-12)
        #expect(tally.itemGaps["REL1"] == -2.5 && tally.itemGaps.count == 22)
        // Mean importance shares: tangibles 10 %, reliability 35 %, responsiveness 20 %, assurance 15 %, empathy 20 %.
        // Weighted gap = 0.1·−0.5 + 0.35·−2.5 + 0.2·−1 + 0.15·0.5 + 0.2·−2 = −1.45.
        #expect(abs((tally.weightedGap ?? 0) - -1.45) < 1e-12)
        // SERVPERF: mean perceptions per dimension 5.5, 4.5, 5, 6.5, 3.5 → overall 5.
        #expect(
            tally.performanceByDimension == [
                .tangibles: 5.5, .reliability: 4.5, .responsiveness: 5, .assurance: 6.5, .empathy: 3.5,
            ]
        )
        #expect(tally.performance == 5)
    }

    @Test func importanceConventionsAndServperfForms() throws {
        // A's gaps: tangibles −1, reliability −3, responsiveness −1, assurance 0, empathy −2; B's: 0, −2, −1, +1, −2.
        // A gives reliability 50 points, B only 10: each respondent's own weighting is
        // A: 0.1·−1 + 0.5·−3 + 0.1·−1 + 0.1·0 + 0.2·−2 = −2.1, B: 0.3·0 + 0.1·−2 + 0.2·−1 + 0.2·1 + 0.2·−2 = −0.6,
        // mean −1.35. From the mean allocation (20, 30, 15, 15, 20 %) over the dimension gaps (−0.5, −2.5, −1, 0.5,
        // −2): −0.1 − 0.75 − 0.15 + 0.075 − 0.4 = −1.325.
        var tally = ServqualTally()
        try tally.add(
            Self.uniform(
                "A",
                [
                    .tangibles: (6, 5), .reliability: (7, 4), .responsiveness: (6, 5), .assurance: (6, 6),
                    .empathy: (5, 3),
                ],
                importance: [.tangibles: 10, .reliability: 50, .responsiveness: 10, .assurance: 10, .empathy: 20]
            )
        )
        try tally.add(
            Self.uniform(
                "B",
                [
                    .tangibles: (6, 6), .reliability: (7, 5), .responsiveness: (6, 5), .assurance: (6, 7),
                    .empathy: (6, 4),
                ],
                importance: [.tangibles: 30, .reliability: 10, .responsiveness: 20, .assurance: 20, .empathy: 20]
            )
        )
        #expect(abs((tally.weightedGapPerRespondent ?? 0) - -1.35) < 1e-12)
        #expect(abs((tally.weightedGap ?? 0) - -1.325) < 1e-12)
        // SERVPERF: the mean of the dimension means is 5; over the 22 items (4, 5, 4, 4, 5 per dimension) it is
        // (4·5.5 + 5·4.5 + 4·5 + 4·6.5 + 5·3.5)/22 = 108/22.
        #expect(tally.performance == 5 && abs((tally.performanceOverItems ?? 0) - 108.0 / 22) < 1e-12)
        // Per dimension, item by item: reliability expects 7, perceives 4.5, gap −2.5, over REL1…REL5.
        let reliability = try #require(tally.dimensionSummaries.first { $0.dimension == .reliability })
        #expect(reliability.expectation == 7 && reliability.perception == 4.5 && reliability.gap == -2.5)
        #expect(reliability.items.map(\.id) == ["REL1", "REL2", "REL3", "REL4", "REL5"])
        #expect(reliability.items.allSatisfy { $0.respondents == 2 && $0.gap == -2.5 })
        #expect(tally.dimensionSummaries.map(\.dimension) == ServqualDimension.allCases)
        // The per-respondent sums merge and round-trip.
        var half = ServqualTally()
        try half.merge(tally)
        let decoded = try JSONDecoder().decode(ServqualTally.self, from: try JSONEncoder().encode(half))
        #expect(decoded == tally && decoded.weightedGapPerRespondent == tally.weightedGapPerRespondent)
    }

    @Test func partialAnswersAndMerging() throws {
        // An instrument that allows missing answers: a respondent who answered only perceptions counts for SERVPERF,
        // not for gaps. (The standard instrument refuses such a response: see badAnswersNameTheRespondentAndField.)
        let lenient = try ServqualInstrument(items: ServqualInstrument.standard.items, allowsMissingAnswers: true)
        var tally = ServqualTally(instrument: lenient)
        try tally.add(ServqualResponse(respondent: "P", expectations: [:], perceptions: ["TAN1": 4]))
        #expect(tally.itemGaps.isEmpty && tally.overallGap == nil && tally.weightedGap == nil)
        #expect(tally.performanceByDimension == [.tangibles: 4])
        var other = ServqualTally(instrument: lenient)
        try other.add(ServqualResponse(respondent: "Q", expectations: ["TAN1": 7], perceptions: ["TAN1": 6]))
        try tally.merge(other)
        #expect(tally.itemGaps == ["TAN1": -1] && tally.respondents == 2)
        #expect(tally.performanceByDimension == [.tangibles: 5])
        let data = try JSONEncoder().encode(tally)
        #expect(try JSONDecoder().decode(ServqualTally.self, from: data) == tally)
    }

    @Test func badAnswersNameTheRespondentAndField() throws {
        var tally = ServqualTally()
        #expect {
            try tally.add(ServqualResponse(respondent: "X", expectations: ["Z9": 5], perceptions: [:]))
        } throws: {
            ($0 as? ServiceSatisfactionError)?.path == "expectations.Z9"
        }
        #expect {
            try tally.add(ServqualResponse(respondent: "X", expectations: [:], perceptions: ["TAN1": 8]))
        } throws: {
            guard let error = $0 as? ServiceSatisfactionError else { return false }
            return error.path == "perceptions.TAN1" && error.message.contains("X")
        }
        #expect {
            try tally.add(
                ServqualResponse(respondent: "X", expectations: [:], perceptions: [:], importance: [.tangibles: 90])
            )
        } throws: { ($0 as? ServiceSatisfactionError)?.path == "importance" }
        // A response that leaves an item out is a shape error with the standard instrument.
        var partial = Self.uniform(
            "X",
            Dictionary(uniqueKeysWithValues: ServqualDimension.allCases.map { ($0, (5.0, 5.0)) })
        )
        partial = ServqualResponse(
            respondent: "X",
            expectations: partial.expectations.filter { $0.key != "EMP5" },
            perceptions: partial.perceptions
        )
        #expect { try tally.add(partial) } throws: {
            ($0 as? ServiceSatisfactionError)?.code == .empty
                && ($0 as? ServiceSatisfactionError)?.path == "expectations.EMP5"
        }
        #expect(tally.respondents == 0)
        #expect {
            try ServqualInstrument(items: [ServqualItem(id: "A", dimension: .tangibles, statement: "x")])
        } throws: { ($0 as? ServiceSatisfactionError)?.code == .empty }
    }
}

struct LoyaltyAndImportanceTests {
    @Test func importancePerformanceQuadrants() throws {
        // Means: importance (6 + 3 + 5 + 2)/4 = 4, performance (3 + 2 + 6 + 5)/4 = 4.
        let result = try ImportancePerformance.classify([
            .init(name: "speed", importance: 6, performance: 3),
            .init(name: "decor", importance: 3, performance: 2),
            .init(name: "courtesy", importance: 5, performance: 6),
            .init(name: "brochures", importance: 2, performance: 5),
        ])
        #expect(result.map(\.quadrant) == [.concentrateHere, .lowPriority, .keepUpTheGoodWork, .possibleOverkill])
        #expect { try ImportancePerformance.classify([]) } throws: { ($0 as? ServiceSatisfactionError)?.code == .empty }
    }

    @Test func retentionChurnAndRepeatPurchase() throws {
        // 200 customers at the start, 210 at the end of which 30 are new: (210 − 30)/200 = 90 % retained, 10 % churn.
        let year = try CustomerRetention(atStart: 200, atEnd: 210, gained: 30)
        #expect(year.retentionRate == 0.9 && abs(year.churnRate - 0.1) < 1e-15)
        #expect(try CustomerRetention.repeatPurchaseRate(repeatBuyers: 45, buyers: 180) == 0.25)
        #expect(try CustomerRetention.repeatPurchaseRate(repeatBuyers: 0, buyers: 0) == nil)
        #expect { try CustomerRetention(atStart: 100, atEnd: 20, gained: 30) } throws: {
            ($0 as? ServiceSatisfactionError)?.code == .inconsistent
        }
        #expect { try CustomerRetention(atStart: 0, atEnd: 5, gained: 1) } throws: {
            ($0 as? ServiceSatisfactionError)?.path == "atStart"
        }
    }
}
