import Foundation
import ServiceDomain
import ServiceSatisfaction
import Testing

/// Sample-size plans, weight summaries, post-stratification, raking and reliability.
///
/// Reference values were computed
/// independently with NumPy 2.4 and SciPy 1.17 (`scipy.stats.norm.ppf`, `scipy.stats.f.ppf`, `numpy.corrcoef`, and
/// a ten-line NumPy raking loop run to convergence), as quoted beside each.
struct PlanningAndWeightingTests {
    func near(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        a.map { abs($0 - b) <= tolerance * max(1, abs(b)) } ?? false
    }

    @Test func aSampleSizePlanShowsItsParts() throws {
        // ±5 points at 95 %, p = 0.5: n₀ = 1.959964² × 0.25 / 0.0025 = 384.1459 → 385.
        let plan = try SampleSize.plan(proportionMargin: 0.05)
        #expect(near(plan.initial, 384.14588206941255) && plan.variance == 0.25 && plan.required == 385)
        #expect(plan.correction == .none && plan.corrected == plan.initial && plan.population == nil)
        // N = 50: Cochran's n₀/(1 + (n₀ − 1)/N) = 44.3437, the simple n₀/(1 + n₀/N) = 44.2416; both → 45.
        let cochran = try SampleSize.plan(proportionMargin: 0.05, population: 50)
        let simple = try SampleSize.plan(proportionMargin: 0.05, population: 50, correction: .simple)
        #expect(near(cochran.corrected, 44.34370704785465) && cochran.correction == .cochran && cochran.required == 45)
        #expect(near(simple.corrected, 44.24156694039472) && simple.correction == .simple && simple.required == 45)
        #expect(try SampleSize.forProportion(margin: 0.05, population: 1_000) == 278)
        // A planning proportion of exactly 0 or 1 has no variance: an error, not "1 response".
        for p in [0.0, 1.0] {
            #expect { try SampleSize.plan(proportionMargin: 0.05, proportion: p) } throws: {
                ($0 as? ServiceSatisfactionError)?.path == "proportion"
            }
        }
        #expect(throws: ServiceSatisfactionError.self) {
            try SampleSize.plan(netPromoterMargin: 5, promoters: 1, detractors: 0)
        }
        #expect(try SampleSize.plan(netPromoterMargin: 5).variance == 1)
    }

    @Test func weightSummariesFollowKish() throws {
        // [1, 2, 3, 0]: Σw = 6, Σw² = 14, n_eff = 36/14 = 2.5714; three positive weights, deff = 3 × 14/36 = 1.1667.
        let summary = try WeightSummary([1, 2, 3, 0])
        #expect(summary.count == 4 && summary.positive == 3 && summary.total == 6 && summary.squares == 14)
        #expect(near(summary.effectiveSampleSize, 36.0 / 14) && near(summary.designEffect, 42.0 / 36))
        #expect(near(summary.efficiency, 36.0 / 42))
        #expect(try WeightSummary([2, 2, 2]).designEffect == 1)
        // No weights, or none positive, is an error (it used to be an effective n of 0).
        #expect { try SampleSize.kishEffective(weights: []) } throws: {
            ($0 as? ServiceSatisfactionError)?.code == .empty
        }
        #expect { try WeightSummary([0, 0]) } throws: { ($0 as? ServiceSatisfactionError)?.code == .empty }
        #expect { try WeightSummary([1, -1]) } throws: { ($0 as? ServiceSatisfactionError)?.path == "weights[1]" }
    }

    @Test func postStratificationMeetsThePopulationShares() throws {
        // 60 north and 40 south against a 50/50 population: north 50/60 = 0.8333, south 50/40 = 1.25; total 100.
        let cells = Array(repeating: "north", count: 60) + Array(repeating: "south", count: 40)
        let weights = try Weighting.postStratify(cells: cells, population: ["north": 0.5, "south": 0.5])
        #expect(near(weights[0], 5.0 / 6) && weights[99] == 1.25 && near(weights.reduce(0, +), 100))
        // The weights feed every estimate: a CSAT where north answers 5 and south 2 is 60 % raw and 50 % weighted.
        var csat = ScaleTally(scale: .satisfaction5)
        for (index, cell) in cells.enumerated() {
            try csat.add(SurveyResponse(id: "R\(index)", score: cell == "north" ? 5 : 2, weight: weights[index]))
        }
        #expect(near(try csat.favourableShare().value, 0.5))
        // A respondent outside the population's cells, shares not summing to 1, a populated cell with nobody in it.
        #expect { try Weighting.postStratify(cells: ["east"], population: ["north": 1]) } throws: {
            ($0 as? ServiceSatisfactionError)?.path == "cells[0]"
        }
        #expect { try Weighting.postStratify(cells: ["north"], population: ["north": 0.7]) } throws: {
            ($0 as? ServiceSatisfactionError)?.code == .inconsistent
        }
        #expect { try Weighting.postStratify(cells: ["north"], population: ["north": 0.5, "south": 0.5]) } throws: {
            ($0 as? ServiceSatisfactionError)?.path == "population.south"
        }
    }

    @Test func rakingConvergesToBothMargins() throws {
        // 100 respondents: men young 30, men old 20, women young 10, women old 40; targets sex 50/50, age 30/70.
        // NumPy IPF to convergence: 0.7847495629784678 (MY), 1.3228756555322922 (MO), 0.6457513110645892 (FY),
        // 1.0885621722338497 (FO).
        let sex = Array(repeating: "M", count: 50) + Array(repeating: "F", count: 50)
        let age =
            Array(repeating: "Y", count: 30) + Array(repeating: "O", count: 20) + Array(repeating: "Y", count: 10)
            + Array(repeating: "O", count: 40)
        let result = try Weighting.rake([
            RakingMargin(name: "sex", categories: sex, targets: ["M": 0.5, "F": 0.5]),
            RakingMargin(name: "age", categories: age, targets: ["Y": 0.3, "O": 0.7]),
        ])
        #expect(near(result.weights[0], 0.7847495629784678, 1e-8) && near(result.weights[30], 1.3228756555322922, 1e-8))
        #expect(
            near(result.weights[50], 0.6457513110645892, 1e-8) && near(result.weights[60], 1.0885621722338497, 1e-8)
        )
        #expect(result.maximumDeviation <= 1e-10 && result.iterations > 1 && near(result.summary.total, 100))
        // Contradictory margins (everyone is both "a" and "b"-shares that cannot both hold) do not converge.
        let one = Array(repeating: "x", count: 4)
        #expect {
            try Weighting.rake(
                [
                    RakingMargin(name: "a", categories: ["p", "p", "q", "q"], targets: ["p": 0.5, "q": 0.5]),
                    RakingMargin(name: "b", categories: ["r", "r", "r", "s"], targets: ["r": 0.9, "s": 0.1]),
                    RakingMargin(
                        name: "c",
                        categories: ["p", "q", "q", "q"].map { $0 == "p" ? "u" : "v" },
                        targets: ["u": 0.9, "v": 0.1]
                    ),
                ],
                maximumIterations: 50
            )
        } throws: { ($0 as? ServiceSatisfactionError)?.code == .notConverged }
        #expect {
            try Weighting.rake([
                RakingMargin(name: "a", categories: one, targets: ["x": 1]),
                RakingMargin(name: "b", categories: ["x"], targets: ["x": 1]),
            ])
        } throws: {
            ($0 as? ServiceSatisfactionError)?.path == "margins[1]"
        }
    }

    @Test func reliabilityAnalysis() throws {
        // Ten respondents, four items (1–5). NumPy/SciPy: alpha 0.9203539823008848, standardized 0.9213322470698773,
        // Feldt 95 % 0.7904628292804841 … 0.9777801428209514 (F on 9 and 27 df), alpha if deleted and item–rest
        // correlations as below.
        let rows: [[Double]] = [
            [4, 5, 4, 3], [3, 4, 3, 3], [5, 5, 4, 5], [2, 3, 2, 2], [4, 4, 5, 4], [3, 3, 3, 2], [5, 4, 5, 5],
            [2, 2, 3, 1], [4, 5, 4, 4], [3, 4, 2, 3],
        ]
        let analysis = try Reliability.analyse(rows)
        #expect(analysis.status == .ok && analysis.items == 4 && analysis.respondents == 10)
        #expect(near(analysis.alpha, 0.9203539823008848) && near(analysis.standardizedAlpha, 0.9213322470698773))
        #expect(near(analysis.interval?.lower, 0.7904628292804841, 1e-7))
        #expect(near(analysis.interval?.upper, 0.9777801428209514, 1e-7) && analysis.interval?.method == .feldt)
        let deleted = [0.8470149253731344, 0.9257322175732219, 0.9318181818181819, 0.8674188998589563]
        let rest = [0.9636855731584677, 0.7267949674655187, 0.7063046178186344, 0.9080745960493352]
        #expect(zip(analysis.alphaIfDeleted, deleted).allSatisfy { near($0, $1) })
        #expect(zip(analysis.itemRestCorrelations, rest).allSatisfy { near($0, $1) })
        #expect(try Reliability.cronbachAlpha(rows) == analysis.alpha)
        // Statuses instead of nil: one item, one respondent, totals that do not vary.
        #expect(try Reliability.analyse([[1], [2]]).status == .tooFewItems)
        #expect(try Reliability.analyse([[1, 2]]).status == .tooFewRespondents)
        #expect(try Reliability.analyse([[1, 1], [1, 1], [1, 1]]).status == .zeroVariance)
        #expect(throws: ServiceSatisfactionError.self) { try Reliability.analyse([[1, 2], [1]]) }
    }
}
