import Foundation
import ServiceDomain
import ServiceSatisfaction
import Testing

func responses(_ scores: [Double], weight: Double = 1) -> [SurveyResponse] {
    scores.enumerated().map { SurveyResponse(id: "R-\($0.offset)", score: $0.element, weight: weight) }
}

func tally(_ scale: RatingScale, _ scores: [Double], weight: Double = 1) throws -> ScaleTally {
    var tally = ScaleTally(scale: scale)
    try tally.add(contentsOf: responses(scores, weight: weight))
    return tally
}

func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance
}

struct ProportionIntervalTests {
    @Test func wilsonAgrestiCoullAndClopperPearsonForSevenOfTen() throws {
        // 7 of 10, 95 % (z = 1.959964). Wilson: centre (p + z²/2n)/(1 + z²/n) = 0.644503, half-width
        // z/(1 + z²/n)·√(p(1−p)/n + z²/4n²) = 0.247725 → (0.396778, 0.892209), as Newcombe (1998) tabulates
        // (0.3968, 0.8922). Agresti–Coull: ñ = n + z² = 13.8415, p̃ = (7 + z²/2)/ñ → (0.392325, 0.896662).
        let wilson = try ProportionInterval.interval(successes: 7, trials: 10)
        #expect(close(wilson.lower, 0.396_778_147_461_145) && close(wilson.upper, 0.892_208_732_593_699))
        let agresti = try ProportionInterval.interval(successes: 7, trials: 10, method: .agrestiCoull)
        #expect(close(agresti.lower, 0.392_325_297_977_270) && close(agresti.upper, 0.896_661_582_077_575))
        // Clopper–Pearson bounds are the p at which the binomial tails equal 2.5 %: check that defining property.
        let exact = try ProportionInterval.interval(successes: 7, trials: 10, method: .clopperPearson)
        func tail(atLeast k: Int, _ n: Int, _ p: Double) -> Double {
            var sum = 0.0
            for i in k...n {
                let logChoose: Double = lgamma(Double(n + 1)) - lgamma(Double(i + 1)) - lgamma(Double(n - i + 1))
                let term: Double = exp(logChoose) * pow(p, Double(i)) * pow(1 - p, Double(n - i))
                sum += term
            }
            return sum
        }
        #expect(abs(tail(atLeast: 7, 10, exact.lower) - 0.025) < 1e-12)
        #expect(abs((1 - tail(atLeast: 8, 10, exact.upper)) - 0.025) < 1e-12)
        #expect(exact.lower < wilson.lower && exact.upper > wilson.upper)  // Clopper–Pearson is the conservative one
    }

    @Test func allOrNothingKeepsAnHonestWidth() throws {
        // 0 of 10: Clopper–Pearson's upper bound is 1 − 0.025^(1/10) = 0.308497; 10 of 10 mirrors it.
        let none = try ProportionInterval.interval(successes: 0, trials: 10, method: .clopperPearson)
        #expect(none.lower == 0 && close(none.upper, 0.308_497_107_818_761))
        let all = try ProportionInterval.interval(successes: 10, trials: 10, method: .clopperPearson)
        #expect(close(all.lower, 0.691_502_892_181_239) && all.upper == 1)
        // Wilson stays wide; plain Wald collapses to zero width.
        #expect(try ProportionInterval.interval(successes: 10, trials: 10).width > 0.2)
        #expect(try ProportionInterval.interval(successes: 10, trials: 10, method: .wald).width == 0)
    }

    @Test func rejectsImpossibleCounts() {
        #expect { try ProportionInterval.interval(successes: 11, trials: 10) } throws: {
            ($0 as? ServiceSatisfactionError)?.path == "successes"
        }
        #expect { try ProportionInterval.interval(successes: 1, trials: 0) } throws: {
            ($0 as? ServiceSatisfactionError)?.path == "trials"
        }
        #expect { try ProportionInterval.interval(successes: 1, trials: 10, level: 1) } throws: {
            ($0 as? ServiceSatisfactionError)?.path == "level"
        }
    }
}

struct SatisfactionScoreTests {
    // Ten answers to "how likely are you to recommend us?": promoters 10, 9, 9, 10, 9 (5); passives 8, 7 (2);
    // detractors 6, 5, 3 (3).
    let ten: [Double] = [10, 9, 9, 8, 7, 6, 5, 10, 3, 9]

    @Test func netPromoterScoreWithAdjustedAndPlainWald() throws {
        let nps = try tally(.netPromoter, ten)
        // NPS = 50 % − 30 % = 20. Plain Wald: variance p + d − (p − d)² = 0.76, SE = √(0.76/10) → 20 ± 54.03.
        // Adjusted Wald: n' = 13, p' = 5.75/13, d' = 3.75/13 → (−30.326, 61.095).
        let adjusted = try nps.netPromoterScore()
        #expect(adjusted.value == 20 && adjusted.status == .ok && adjusted.interval?.method == .adjustedWald)
        #expect(close(adjusted.interval?.lower, -30.325_994_435_504_15, 1e-7))
        #expect(close(adjusted.interval?.upper, 61.095_225_204_734_92, 1e-7))
        let wald = try nps.netPromoterScore(method: .wald)
        #expect(close(wald.interval?.lower, -34.032_478_230_482_2, 1e-7))
        #expect(close(wald.interval?.upper, 74.032_478_230_482_2, 1e-7))
        let shares = try #require(try nps.promoterShares())
        #expect(shares.promoters == 0.5 && shares.passives == 0.2 && shares.detractors == 0.3)
    }

    @Test func everyPromoterIsDegenerateButStillHasAnInterval() throws {
        // 20 promoters: NPS 100. Plain Wald collapses to [100, 100]; adjusted Wald gives (69.68, 100] (clipped from
        // 104.23): n' = 23, p' = 20.75/23, d' = 0.75/23.
        let all = try tally(.netPromoter, Array(repeating: 10, count: 20))
        let adjusted = try all.netPromoterScore()
        #expect(adjusted.value == 100 && adjusted.status == .degenerate)
        #expect(close(adjusted.interval?.lower, 69.683_344_025_439_37, 1e-7) && adjusted.interval?.upper == 100)
        #expect(try all.netPromoterScore(method: .wald).interval?.width == 0)
    }

    @Test func csatTopTwoBoxAndMeanWithTInterval() throws {
        // Eight CSAT answers 5, 4, 4, 3, 5, 2, 4, 5: top-2-box 6/8 = 0.75; mean 4.0, sample variance 8/7, SE
        // √(8/7/8) = 0.377964; t(0.975; 7) = 2.364624 → 4 ± 0.893750.
        let csat = try tally(.satisfaction5, [5, 4, 4, 3, 5, 2, 4, 5])
        let share = try csat.favourableShare()
        #expect(share.value == 0.75 && share.interval?.method == .wilson && share.status == .ok)
        let mean = try csat.mean()
        #expect(mean.value == 4 && mean.interval?.method == .studentT)
        #expect(close(mean.interval?.lower, 4 - 2.364_624_251_592_785 * 0.377_964_473_009_227_2, 1e-9))
        #expect(close(mean.interval?.upper, 4 + 2.364_624_251_592_785 * 0.377_964_473_009_227_2, 1e-9))
    }

    @Test func effortScalesStateTheirDirection() throws {
        // CES asked as effort (1–5, lower is better): answers 1, 2, 2, 4, 5 → low effort (1–2) 3/5. Asked as
        // agreement (1–7, higher is better): 7, 6, 5, 3, 2 → agreement (5–7) 3/5.
        #expect(try tally(.effort5, [1, 2, 2, 4, 5]).favourableShare().value == 0.6)
        #expect(try tally(.effortAgreement7, [7, 6, 5, 3, 2]).favourableShare().value == 0.6)
        #expect(RatingScale.effort5.direction == .lowerIsBetter)
        #expect {
            try RatingScale(name: "bad", minimum: 1, maximum: 5, direction: .lowerIsBetter, favourable: 4...5)
        } throws: {
            ($0 as? ServiceSatisfactionError)?.path == "favourable"
        }
    }

    @Test func weightsCountThroughKish() throws {
        // Doubling every weight changes nothing: same shares, same effective n (Kish: (Σw)²/Σw² = n).
        let plain = try tally(.netPromoter, ten)
        let doubled = try tally(.netPromoter, ten, weight: 2)
        #expect(doubled.effectiveSampleSize == 10 && doubled.totalWeight == 20)
        let (twice, once) = (try doubled.netPromoterScore(), try plain.netPromoterScore())
        #expect(twice.value == once.value && twice.interval == once.interval)
        #expect(twice.standardError == once.standardError)
        // Only the counts behind it show the weights.
        #expect(twice.counts?.weight == 20 && once.counts?.weight == 10)
        // Unequal weights: Kish's n = (1 + 3)² / (1 + 9) = 1.6 for two responses.
        #expect(try SampleSize.kishEffective(weights: [1, 3]) == 1.6)
        var uneven = ScaleTally(scale: .satisfaction5)
        try uneven.add(SurveyResponse(id: "a", score: 5, weight: 3))
        try uneven.add(SurveyResponse(id: "b", score: 1, weight: 1))
        #expect(try uneven.mean().value == 4)  // (3·5 + 1·1) / 4
        #expect(uneven.effectiveSampleSize == 1.6)
        // A weight of zero counts the response but adds nothing.
        try uneven.add(SurveyResponse(id: "c", score: 3, weight: 0))
        #expect(uneven.count == 3 && uneven.totalWeight == 4)
    }

    @Test func emptyAndTinySamplesSaySo() throws {
        let none = ScaleTally(scale: .netPromoter)
        #expect(try none.netPromoterScore().status == .undefined)
        #expect(try none.netPromoterScore().value == nil)
        #expect(try none.mean().status == .undefined)
        let one = try tally(.satisfaction5, [4])
        let mean = try one.mean()
        #expect(mean.value == 4 && mean.status == .insufficientData && mean.interval == nil)
        let same = try tally(.satisfaction5, [4, 4, 4])
        #expect(try same.mean().status == .degenerate)
    }

    @Test func badResponsesNameThemselves() throws {
        var nps = ScaleTally(scale: .netPromoter)
        let bad: [(SurveyResponse, String, ServiceDomainError.Code)] = [
            (SurveyResponse(id: "R-11", score: 11), "score", .outOfRange),
            (SurveyResponse(id: "R-7.5", score: 7.5), "score", .outOfRange),
            (SurveyResponse(id: "R-nan", score: .nan), "score", .nonFinite),
            (SurveyResponse(id: "R-neg", score: 5, weight: -1), "weight", .outOfRange),
            (SurveyResponse(id: "R-inf", score: 5, weight: .infinity), "weight", .nonFinite),
        ]
        for (response, path, code) in bad {
            #expect { try nps.add(response) } throws: { error in
                guard let error = error as? ServiceSatisfactionError else { return false }
                return error.path == path && error.code == code && error.message.contains(response.id)
            }
        }
        #expect(nps.count == 0)
        #expect { try nps.add(contentsOf: responses([9, 10, 12])) } throws: {
            ($0 as? ServiceSatisfactionError)?.path == "responses[2].score"
        }
        #expect { try tally(.satisfaction5, [4]).netPromoterScore() } throws: {
            ($0 as? ServiceSatisfactionError)?.path == "scale"
        }
        var csat = ScaleTally(scale: .satisfaction5)
        #expect { try csat.merge(nps) } throws: { ($0 as? ServiceSatisfactionError)?.code == .differentScales }
    }

    @Test func shardsMergeToTheSinglePassTally() throws {
        var rng = SeededGenerator(seed: 5)
        for _ in 0..<30 {
            let all = (0..<Int.random(in: 0...400, using: &rng)).map {
                SurveyResponse(
                    id: "R-\($0)",
                    score: Double(Int.random(in: 0...10, using: &rng)),
                    weight: Double(Int.random(in: 0...3, using: &rng))
                )
            }
            var single = ScaleTally(scale: .netPromoter)
            try single.add(contentsOf: all)
            var shards = Array(repeating: ScaleTally(scale: .netPromoter), count: Int.random(in: 1...5, using: &rng))
            for response in all { try shards[Int.random(in: 0..<shards.count, using: &rng)].add(response) }
            var merged = ScaleTally(scale: .netPromoter)
            for shard in shards.shuffled(using: &rng) { try merged.merge(shard) }
            #expect(merged == single)
            #expect(try merged.netPromoterScore() == single.netPromoterScore())
            let decoded = try JSONDecoder().decode(ScaleTally.self, from: try JSONEncoder().encode(single))
            #expect(decoded == single)
        }
    }
}

struct ComparisonAndSampleSizeTests {
    @Test func twoProportionZTest() throws {
        // 45/100 vs 30/100 satisfied: pooled 0.375, SE √(0.375·0.625·(2/100)) = 0.068465, z = 2.190890,
        // p = 0.028460 (two-sided).
        let a = try tally(.satisfaction5, Array(repeating: 5, count: 45) + Array(repeating: 2, count: 55))
        let b = try tally(.satisfaction5, Array(repeating: 4, count: 30) + Array(repeating: 1, count: 70))
        let test = try SignificanceTest.compareFavourableShares(a, b)
        #expect(close(test.difference, 0.15) && close(test.z, 2.190_890_230_020_665))
        #expect(close(test.pValue, 0.028_459_736_916_310_57, 1e-12))
        #expect(test.isSignificant() && !test.isSignificant(at: 0.99))
    }

    @Test func netPromoterDifferenceTest() throws {
        // A: 50 promoters, 30 passives, 20 detractors (NPS 30); B: 40, 30, 30 (NPS 10). Variances 0.5 + 0.2 − 0.09
        // = 0.61 and 0.4 + 0.3 − 0.01 = 0.69; SE = √(0.0061 + 0.0069) = 11.40 points; z = 1.754116, p = 0.079411.
        func sample(_ promoters: Int, _ passives: Int, _ detractors: Int) throws -> ScaleTally {
            try tally(
                .netPromoter,
                Array(repeating: 9, count: promoters) + Array(repeating: 7, count: passives)
                    + Array(repeating: 2, count: detractors)
            )
        }
        let test = try SignificanceTest.compareNetPromoterScores(try sample(50, 30, 20), try sample(40, 30, 30))
        #expect(close(test.difference, 20) && close(test.standardError, 11.401_754_250_991_38, 1e-9))
        #expect(close(test.z, 1.754_116_038_614_059, 1e-9) && close(test.pValue, 0.079_410_625_998_942_25, 1e-9))
        #expect(!test.isSignificant())
        // Below the minimum sample: no number, a clear status.
        let small = try SignificanceTest.compareNetPromoterScores(try sample(5, 3, 2), try sample(4, 3, 3))
        #expect(small.status == .insufficientData && small.pValue == nil && small.difference == nil)
    }

    @Test func sampleSizes() throws {
        // ±5 points at 95 % with p = 0.5: n₀ = 1.959964² · 0.25 / 0.0025 = 384.15 → 385; for a population of 1 000,
        // 384.15 / (1 + 383.15/1000) = 277.7 → 278 (Krejcie & Morgan's table gives 278 for N = 1 000).
        #expect(try SampleSize.forProportion(margin: 0.05) == 385)
        #expect(try SampleSize.forProportion(margin: 0.05, population: 1_000) == 278)
        // NPS within ±5 points in the worst case (variance 1): 1.959964² / 0.05² = 1 536.6 → 1 537.
        #expect(try SampleSize.forNetPromoterScore(margin: 5) == 1_537)
        #expect { try SampleSize.forProportion(margin: 0) } throws: {
            ($0 as? ServiceSatisfactionError)?.path == "margin"
        }
        #expect { try SampleSize.forNetPromoterScore(margin: 5, promoters: 0.7, detractors: 0.5) } throws: {
            ($0 as? ServiceSatisfactionError)?.path == "detractors"
        }
        #expect { try SampleSize.kishEffective(weights: [1, .nan]) } throws: {
            ($0 as? ServiceSatisfactionError)?.path == "weights[1]"
        }
    }

    @Test func cronbachAlpha() throws {
        // Five respondents, three items. Checked against the covariance form α = k·c̄ / (v̄ + (k − 1)·c̄), with c̄ the
        // mean inter-item covariance and v̄ the mean item variance, computed independently below.
        let data: [[Double]] = [[4, 5, 4], [3, 3, 4], [5, 5, 5], [2, 3, 2], [4, 4, 3]]
        func covariance(_ i: Int, _ j: Int) -> Double {
            let a = data.map { $0[i] }
            let b = data.map { $0[j] }
            let ma = a.reduce(0, +) / 5
            let mb = b.reduce(0, +) / 5
            return zip(a, b).reduce(0) { $0 + ($1.0 - ma) * ($1.1 - mb) } / 4
        }
        let meanVariance = (covariance(0, 0) + covariance(1, 1) + covariance(2, 2)) / 3
        let meanCovariance = (covariance(0, 1) + covariance(0, 2) + covariance(1, 2)) / 3
        let expected = 3 * meanCovariance / (meanVariance + 2 * meanCovariance)
        #expect(close(try Reliability.cronbachAlpha(data), expected, 1e-12))
        // Identical items are perfectly consistent.
        #expect(close(try Reliability.cronbachAlpha([[1, 1], [3, 3], [4, 4]]), 1, 1e-12))
        #expect(try Reliability.cronbachAlpha([[2, 2], [2, 2]]) == nil)
        #expect { try Reliability.cronbachAlpha([[1, 2], [3]]) } throws: {
            ($0 as? ServiceSatisfactionError)?.path == "responses[1]"
        }
        #expect { try Reliability.cronbachAlpha([[1, 2]]) } throws: {
            ($0 as? ServiceSatisfactionError)?.path == "responses"
        }
    }
}

struct SegmentAndMeasurementTests {
    @Test func segmentsSplitTheAnswersAndMerge() throws {
        let answers = [
            SurveyResponse(id: "1", score: 10, segment: "gold"), SurveyResponse(id: "2", score: 9, segment: "gold"),
            SurveyResponse(id: "3", score: 3, segment: "standard"), SurveyResponse(id: "4", score: 8),
        ]
        var segmented = SegmentedTally(scale: .employeeNetPromoter)
        try segmented.add(contentsOf: answers)
        // Gold: two promoters → 100. Standard: one detractor → −100. Overall: 2 promoters, 1 detractor of 4 → 25.
        #expect(try segmented.segments["gold"]?.netPromoterScore().value == 100)
        #expect(try segmented.segments["standard"]?.netPromoterScore().value == -100)
        #expect(segmented.segments[""]?.count == 1)
        #expect(try segmented.overall.netPromoterScore().value == 25)
        var left = SegmentedTally(scale: .employeeNetPromoter)
        var right = SegmentedTally(scale: .employeeNetPromoter)
        try left.add(contentsOf: answers[0..<2])
        try right.add(contentsOf: answers[2...])
        try left.merge(right)
        #expect(left == segmented)
        #expect { try segmented.add(SurveyResponse(id: "bad", score: 11, segment: "gold")) } throws: {
            ($0 as? ServiceSatisfactionError)?.path == "score"
        }
        #expect(segmented.overall.count == 4 && segmented.segments["gold"]?.count == 2)
    }

    @Test func scoresExportAsMeasurements() throws {
        let period = DateInterval(start: Date(timeIntervalSince1970: 1_795_000_000), duration: 86_400 * 30)
        let nps = try tally(.netPromoter, [10, 9, 9, 8, 7, 6, 5, 10, 3, 9])
        let exported = Dictionary(
            uniqueKeysWithValues: nps.measurements(period: period).map { ($0.indicator.rawValue, $0) }
        )
        #expect(exported["nps.nps"]?.value == 20 && exported["nps.nps"]?.unit == .score)
        #expect(exported["nps.favourableShare"]?.value == 0.5 && exported["nps.mean"]?.value == 7.6)
        #expect(exported["nps.nps"]?.sampleSize == 10 && exported["nps.nps"]?.source == "ServiceSatisfaction")
        let csat = try tally(.satisfaction5, [5, 4])
        #expect(csat.measurements(period: period).map(\.indicator.rawValue) == ["csat.favourableShare", "csat.mean"])
        // Nothing answered, or only weightless answers: nothing to report, and every estimate says undefined.
        #expect(ScaleTally(scale: .netPromoter).measurements(period: period).isEmpty)
        let weightless = try tally(.netPromoter, [9, 10], weight: 0)
        #expect(try weightless.netPromoterScore().status == .undefined)
        #expect(try weightless.favourableShare().status == .undefined)
        #expect(weightless.effectiveSampleSize == 0)
    }
}

struct SurveyJSONTests {
    @Test func scalesAndResponsesRoundTripAndAreChecked() throws {
        let decoder = JSONDecoder()
        for scale in [RatingScale.netPromoter, .satisfaction5, .effort5, .effortAgreement7, .likert7] {
            #expect(try decoder.decode(RatingScale.self, from: try JSONEncoder().encode(scale)) == scale)
        }
        let text = #"{"name":"csat","minimum":1,"maximum":5,"direction":"higherIsBetter","favourable":[4,5]}"#
        #expect(try decoder.decode(RatingScale.self, from: Data(text.utf8)) == .satisfaction5)
        let bad = [
            #"{"name":"x","minimum":5,"maximum":1,"direction":"higherIsBetter","favourable":[4,5]}"#,
            #"{"name":"x","minimum":1,"maximum":5,"direction":"higherIsBetter","favourable":[1,2]}"#,
            #"{"name":"x","minimum":1,"maximum":5,"direction":"higherIsBetter","favourable":[5]}"#,
            #"{"name":"x","minimum":1,"maximum":5,"direction":"sideways","favourable":[4,5]}"#,
        ]
        for text in bad {
            #expect(throws: (any Error).self) { try decoder.decode(RatingScale.self, from: Data(text.utf8)) }
        }
        let response = try decoder.decode(SurveyResponse.self, from: Data(#"{"id":"R-1","score":9}"#.utf8))
        #expect(response == SurveyResponse(id: "R-1", score: 9))
        let estimate = try tally(.netPromoter, [10, 9, 3]).netPromoterScore()
        #expect(try decoder.decode(Estimate.self, from: try JSONEncoder().encode(estimate)) == estimate)
        let impossible =
            #"{"scale":{"name":"nps","minimum":0,"maximum":10,"direction":"higherIsBetter","favourable":[9,10]},"count":1,"weights":[1],"squaredWeights":1}"#
        #expect(throws: (any Error).self) { try decoder.decode(ScaleTally.self, from: Data(impossible.utf8)) }
    }
}
