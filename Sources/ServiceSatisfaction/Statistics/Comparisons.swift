import Foundation
import ServiceDomain

/// The result of comparing a score between two periods or segments.
public struct DifferenceTest: Sendable, Hashable, Codable {
    /// `a − b` (a proportion, or NPS points), or `nil` when a side has no responses.
    public let difference: Double?
    /// The standard error of the difference under the test's null hypothesis.
    public let standardError: Double?
    /// The test statistic.
    public let z: Double?
    /// The two-sided p-value; `nil` when it is undefined (a standard error of zero: ``status`` says
    /// ``EstimateStatus/degenerate``) or no number is given.
    public let pValue: Double?
    /// Whether the figures can be used: ``EstimateStatus/insufficientData`` below the minimum responses (no number is
    /// given then), ``EstimateStatus/degenerate`` when the standard error is zero (both sides all one answer): the
    /// difference stands, the p-value is undefined — not 1 — and the result is never significant.
    public let status: EstimateStatus
    /// How the test was done.
    public let method: Method

    /// The tests.
    public enum Method: String, Sendable, Hashable, Codable {
        /// The pooled two-proportion z-test.
        case twoProportionZ
        /// The z-test of two independent Net Promoter Scores, each with variance `p + d − (p − d)²`.
        case netPromoterZ
        /// The adjusted-Wald z-test of two Net Promoter Scores (Sauro and Lewis): each side with ¾ of a promoter and ¾
        /// of a detractor added and `n + 3`, `z = (NPS'₁ − NPS'₂) / √(v'₁/n'₁ + v'₂/n'₂)`.
        case netPromoterAdjustedWaldZ
    }

    /// Whether the difference is significant at a level (p < 1 − level).
    ///
    /// - Parameter level: Such as 0.95.
    /// - Returns: `false` unless the status is ``EstimateStatus/ok`` and the p-value is below `1 − level`.
    public func isSignificant(at level: Double = 0.95) -> Bool {
        guard status == .ok, let pValue else { return false }
        return pValue < 1 - level
    }
}

/// Tests of change between two periods or segments.
public enum SignificanceTest: Sendable {
    /// The smallest effective sample, per side, for which a test gives a number; below it the result is
    /// ``EstimateStatus/insufficientData``.
    public static let defaultMinimumSampleSize = 30.0

    /// Compares the favourable shares (CSAT top-2-box, say) of two tallies with the pooled two-proportion z-test.
    ///
    /// `z = (p₁ − p₂) / √(p̂(1 − p̂)(1/n₁ + 1/n₂))` with `p̂` the pooled share; with weights, `n` is each side's
    /// effective sample size.
    ///
    /// - Parameters:
    ///   - a: The first tally.
    ///   - b: The second tally, on the same scale.
    ///   - minimumSampleSize: Below this effective n on either side, no number is given.
    /// - Returns: The test.
    /// - Throws: ``ServiceSatisfactionError`` with code `differentScales`.
    public static func compareFavourableShares(
        _ a: ScaleTally,
        _ b: ScaleTally,
        minimumSampleSize: Double = defaultMinimumSampleSize
    ) throws(ServiceSatisfactionError) -> DifferenceTest {
        try sameScale(a, b)
        guard let p1 = a.share(of: a.scale.favourable), let p2 = b.share(of: b.scale.favourable) else {
            return empty(.twoProportionZ, .undefined)
        }
        let (n1, n2) = (a.effectiveSampleSize, b.effectiveSampleSize)
        guard n1 >= minimumSampleSize, n2 >= minimumSampleSize else { return empty(.twoProportionZ, .insufficientData) }
        let pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
        let se = (pooled * (1 - pooled) * (1 / n1 + 1 / n2)).squareRoot()
        return result(difference: p1 - p2, se: se, .twoProportionZ)
    }

    /// Compares two proportions given as counts (an SLA compliance rate, say) with the pooled two-proportion z-test.
    ///
    /// `z = (x₁/n₁ − x₂/n₂) / √(p̂(1 − p̂)(1/n₁ + 1/n₂))` with `p̂ = (x₁ + x₂)/(n₁ + n₂)`.
    ///
    /// - Parameters:
    ///   - successes: Successes in the first sample.
    ///   - total: The first sample's size.
    ///   - otherSuccesses: Successes in the second sample.
    ///   - otherTotal: The second sample's size.
    ///   - minimumSampleSize: Below this n on either side, no number is given.
    /// - Returns: The test of `first − second`; ``EstimateStatus/undefined`` for an empty side or counts that are
    ///   negative or above their total.
    public static func compareProportions(
        successes: Int,
        of total: Int,
        against otherSuccesses: Int,
        of otherTotal: Int,
        minimumSampleSize: Double = defaultMinimumSampleSize
    ) -> DifferenceTest {
        guard total > 0, otherTotal > 0, (0...total).contains(successes), (0...otherTotal).contains(otherSuccesses)
        else { return empty(.twoProportionZ, .undefined) }
        let (n1, n2) = (Double(total), Double(otherTotal))
        guard n1 >= minimumSampleSize, n2 >= minimumSampleSize else { return empty(.twoProportionZ, .insufficientData) }
        let (p1, p2) = (Double(successes) / n1, Double(otherSuccesses) / n2)
        let pooled = Double(successes + otherSuccesses) / (n1 + n2)
        let se = (pooled * (1 - pooled) * (1 / n1 + 1 / n2)).squareRoot()
        return result(difference: p1 - p2, se: se, .twoProportionZ)
    }

    /// Compares two Net Promoter Scores (in points) with a z-test on independent samples.
    ///
    /// `z = (NPS₁ − NPS₂) / √(v₁/n₁ + v₂/n₂)` with `v = p + d − (p − d)²` on each side (proportions, then scaled to
    /// points).
    ///
    /// - Parameters:
    ///   - a: The first tally, on the 0–10 scale.
    ///   - b: The second tally.
    ///   - minimumSampleSize: Below this effective n on either side, no number is given.
    ///   - method: ``DifferenceTest/Method/netPromoterZ`` (default) or
    ///     ``DifferenceTest/Method/netPromoterAdjustedWaldZ``, whose difference and standard error are the adjusted
    ///     ones.
    /// - Returns: The test.
    /// - Throws: ``ServiceSatisfactionError`` with code `differentScales`, or `outOfRange` (path `scale` or
    ///   `method`).
    public static func compareNetPromoterScores(
        _ a: ScaleTally,
        _ b: ScaleTally,
        minimumSampleSize: Double = defaultMinimumSampleSize,
        method: DifferenceTest.Method = .netPromoterZ
    ) throws(ServiceSatisfactionError) -> DifferenceTest {
        try sameScale(a, b)
        guard method == .netPromoterZ || method == .netPromoterAdjustedWaldZ else {
            throw ServiceSatisfactionError(.outOfRange, at: "method", "\(method.rawValue) is not an NPS test")
        }
        guard let first = try NetPromoterSide(a), let second = try NetPromoterSide(b) else {
            return empty(method, .undefined)
        }
        guard first.n >= minimumSampleSize, second.n >= minimumSampleSize else {
            return empty(method, .insufficientData)
        }
        let adjusted = method == .netPromoterAdjustedWaldZ
        let (one, two) = (first.adjusted(adjusted), second.adjusted(adjusted))
        let se = (one.variance / one.size + two.variance / two.size).squareRoot()
        return result(difference: (one.score - two.score) * 100, se: se * 100, method)
    }

    static func sameScale(_ a: ScaleTally, _ b: ScaleTally) throws(ServiceSatisfactionError) {
        guard a.scale == b.scale else {
            throw ServiceSatisfactionError(
                .differentScales,
                at: "scale",
                "cannot compare \(a.scale.name) with \(b.scale.name)"
            )
        }
    }

    private static func empty(_ method: DifferenceTest.Method, _ status: EstimateStatus) -> DifferenceTest {
        DifferenceTest(difference: nil, standardError: nil, z: nil, pValue: nil, status: status, method: method)
    }

    private static func result(difference: Double, se: Double, _ method: DifferenceTest.Method) -> DifferenceTest {
        guard se > 0 else {
            return DifferenceTest(
                difference: difference,
                standardError: se,
                z: nil,
                pValue: nil,
                status: .degenerate,
                method: method
            )
        }
        let z = difference / se
        return DifferenceTest(
            difference: difference,
            standardError: se,
            z: z,
            pValue: erfc(abs(z) / 2.0.squareRoot()),
            status: .ok,
            method: method
        )
    }
}

/// How a sample size is corrected for a finite population of `N`.
public enum FinitePopulationCorrection: String, Sendable, Hashable, Codable, CaseIterable {
    /// No correction: `n = n₀` (an effectively infinite population).
    case none
    /// The simple form `n = n₀ / (1 + n₀/N)`.
    case simple
    /// Cochran's form `n = n₀ / (1 + (n₀ − 1)/N)` (Cochran 1977, *Sampling Techniques*, eq. 4.2), the default.
    case cochran
}

/// A required sample size with the parts it was computed from.
///
/// JSON: `{"criticalValue": 1.96, "variance": 0.25, "margin": 0.05, "initial": 384.15, "population": 1000,
/// "correction": "cochran", "corrected": 277.74, "required": 278}`.
public struct SampleSizePlan: Sendable, Hashable, Codable {
    /// The two-sided normal critical value `z` of the confidence level.
    public let criticalValue: Double
    /// The variance per response used: `p(1 − p)` for a proportion, `p + d − (p − d)²` for NPS (proportion units).
    public let variance: Double
    /// The margin of error in proportion units (NPS points ÷ 100).
    public let margin: Double
    /// `n₀ = z²·variance/margin²`, before any correction.
    public let initial: Double
    /// The population size, if one was given.
    public let population: Int?
    /// The correction applied (``FinitePopulationCorrection/none`` without a population).
    public let correction: FinitePopulationCorrection
    /// `n` after the correction, before rounding.
    public let corrected: Double
    /// `corrected` rounded up (a value within 10⁻⁹ of a whole number is that number), at least 1.
    public let required: Int
}

/// How many responses a survey needs.
public enum SampleSize: Sendable {
    /// Responses needed to estimate a proportion within a margin of error.
    ///
    /// `n₀ = z²·p(1 − p)/e²`, then with a finite population `N` Cochran's `n = n₀ / (1 + (n₀ − 1)/N)`, rounded up
    /// (``plan(proportionMargin:level:proportion:population:correction:)`` gives the parts and the other correction).
    ///
    /// - Parameters:
    ///   - margin: The margin of error `e` as a proportion, strictly between 0 and 1 (0.05 for ±5 points).
    ///   - level: The confidence level.
    ///   - proportion: The expected proportion, strictly between 0 and 1; 0.5 (the most conservative) by default.
    ///   - population: The population size, for the finite population correction.
    /// - Returns: The number of responses.
    /// - Throws: ``ServiceSatisfactionError`` with code `outOfRange` or `nonFinite` and the argument's path.
    public static func forProportion(
        margin: Double,
        level: Double = 0.95,
        proportion: Double = 0.5,
        population: Int? = nil
    ) throws(ServiceSatisfactionError) -> Int {
        try plan(proportionMargin: margin, level: level, proportion: proportion, population: population).required
    }

    /// The sample-size plan for a proportion, with its parts.
    ///
    /// - Parameters:
    ///   - margin: The margin of error as a proportion, strictly between 0 and 1.
    ///   - level: The confidence level.
    ///   - proportion: The planning proportion, strictly between 0 and 1: at exactly 0 or 1 the variance is 0 and no
    ///     sample size follows.
    ///   - population: The population size, if finite.
    ///   - correction: The finite-population correction; Cochran's by default.
    /// - Returns: The plan.
    /// - Throws: ``ServiceSatisfactionError`` with code `outOfRange` or `nonFinite` and the argument's path.
    public static func plan(
        proportionMargin margin: Double,
        level: Double = 0.95,
        proportion: Double = 0.5,
        population: Int? = nil,
        correction: FinitePopulationCorrection = .cochran
    ) throws(ServiceSatisfactionError) -> SampleSizePlan {
        try Check.share(margin, "margin", open: true)
        try Check.share(proportion, "proportion", open: true)
        let z = try ProportionInterval.criticalValue(level)
        return try plan(z, proportion * (1 - proportion), margin, population, correction)
    }

    /// Responses needed to estimate a Net Promoter Score within a margin of error in points.
    ///
    /// `n₀ = z²·(p + d − (p − d)²)/e²` with `e` in proportion units (margin ÷ 100); the worst case, half promoters and
    /// half detractors, has variance 1.
    ///
    /// - Parameters:
    ///   - margin: The margin in NPS points, strictly between 0 and 200.
    ///   - level: The confidence level.
    ///   - promoters: The expected promoter share.
    ///   - detractors: The expected detractor share; with `promoters`, at most 1.
    ///   - population: The population size, for the finite population correction.
    /// - Returns: The number of responses.
    /// - Throws: ``ServiceSatisfactionError`` with code `outOfRange` or `nonFinite` and the argument's path.
    public static func forNetPromoterScore(
        margin: Double,
        level: Double = 0.95,
        promoters: Double = 0.5,
        detractors: Double = 0.5,
        population: Int? = nil
    ) throws(ServiceSatisfactionError) -> Int {
        try plan(
            netPromoterMargin: margin,
            level: level,
            promoters: promoters,
            detractors: detractors,
            population: population
        ).required
    }

    /// The sample-size plan for a Net Promoter Score, with its parts.
    ///
    /// - Parameters:
    ///   - margin: The margin in NPS points, strictly between 0 and 200.
    ///   - level: The confidence level.
    ///   - promoters: The expected promoter share.
    ///   - detractors: The expected detractor share; with `promoters`, at most 1, and not a mix with no variance
    ///     (all promoters, all detractors, or all passives).
    ///   - population: The population size, if finite.
    ///   - correction: The finite-population correction; Cochran's by default.
    /// - Returns: The plan.
    /// - Throws: ``ServiceSatisfactionError`` with code `outOfRange` or `nonFinite` and the argument's path.
    public static func plan(
        netPromoterMargin margin: Double,
        level: Double = 0.95,
        promoters: Double = 0.5,
        detractors: Double = 0.5,
        population: Int? = nil,
        correction: FinitePopulationCorrection = .cochran
    ) throws(ServiceSatisfactionError) -> SampleSizePlan {
        try Check.positive(margin, "margin")
        guard margin < 200 else {
            throw ServiceSatisfactionError(.outOfRange, at: "margin", "an NPS margin is below 200")
        }
        try Check.share(promoters, "promoters")
        try Check.share(detractors, "detractors")
        guard promoters + detractors <= 1 + 1e-12 else {
            throw ServiceSatisfactionError(.outOfRange, at: "detractors", "promoters and detractors exceed 1 together")
        }
        let z = try ProportionInterval.criticalValue(level)
        let score = promoters - detractors
        let variance = promoters + detractors - score * score
        guard variance > 0 else {
            throw ServiceSatisfactionError(
                .outOfRange,
                at: "promoters",
                "a mix with no variance (all one category) gives no sample size"
            )
        }
        return try plan(z, variance, margin / 100, population, correction)
    }

    private static func plan(
        _ z: Double,
        _ variance: Double,
        _ margin: Double,
        _ population: Int?,
        _ correction: FinitePopulationCorrection
    ) throws(ServiceSatisfactionError) -> SampleSizePlan {
        let n0 = z * z * variance / (margin * margin)
        var n = n0
        var applied = FinitePopulationCorrection.none
        if let population {
            guard population > 0 else {
                throw ServiceSatisfactionError(.outOfRange, at: "population", "a population must be positive")
            }
            let size = Double(population)
            switch correction {
            case .none: break
            case .simple: n = n0 / (1 + n0 / size)
            case .cochran: n = n0 / (1 + (n0 - 1) / size)
            }
            applied = correction
        }
        let nearest = n.rounded()
        let required: Int
        if abs(n - nearest) <= 1e-9 * max(1, n) {
            required = max(1, Int(nearest))
        } else {
            guard n < 0x1p62 else {
                throw ServiceSatisfactionError(.outOfRange, at: "margin", "the margin is too small: \(n) responses")
            }
            required = max(1, Int(n.rounded(.up)))
        }
        return SampleSizePlan(
            criticalValue: z,
            variance: variance,
            margin: margin,
            initial: n0,
            population: population,
            correction: applied,
            corrected: n,
            required: required
        )
    }

    /// Kish's effective sample size of a set of weights: `(Σw)² / Σw²`.
    ///
    /// - Parameter weights: Finite, non-negative weights, at least one of them positive.
    /// - Returns: The effective size.
    /// - Throws: ``ServiceSatisfactionError`` with code `empty` (path `weights`) for no weights or none positive,
    ///   `nonFinite` or `outOfRange` (path `weights[i]`).
    public static func kishEffective(weights: [Double]) throws(ServiceSatisfactionError) -> Double {
        try WeightSummary(weights).effectiveSampleSize
    }
}

/// What a set of survey weights does to the precision of estimates (Kish 1965).
///
/// JSON: `{"count": 4, "positive": 3, "total": 6, "squares": 14, "effectiveSampleSize": 2.571, "designEffect": 1.167,
/// "efficiency": 0.857}`.
public struct WeightSummary: Sendable, Hashable, Codable {
    /// Weights given.
    public let count: Int
    /// Weights above zero: the respondents that count.
    public let positive: Int
    /// `Σw`.
    public let total: Double
    /// `Σw²`.
    public let squares: Double
    /// Kish's effective sample size `(Σw)² / Σw²`.
    public let effectiveSampleSize: Double
    /// Kish's design effect due to weighting, `positive · Σw² / (Σw)²` (1 for equal weights).
    public let designEffect: Double
    /// `1 / designEffect`: the share of the respondents' information the weights keep.
    public let efficiency: Double

    /// Summarises weights.
    ///
    /// Sums are exact (order-independent) before the one rounding of each figure.
    ///
    /// - Parameter weights: Finite, non-negative weights, at least one of them positive.
    /// - Throws: ``ServiceSatisfactionError`` with code `empty` (path `weights`) for no weights or none positive,
    ///   `nonFinite` or `outOfRange` (path `weights[i]`).
    public init(_ weights: [Double]) throws(ServiceSatisfactionError) {
        guard !weights.isEmpty else { throw ServiceSatisfactionError(.empty, at: "weights", "no weights") }
        var sum = ExactSum()
        var squares = ExactSum()
        var positive = 0
        for (index, weight) in weights.enumerated() {
            try Check.notNegative(weight, "weights[\(index)]")
            guard weight <= SurveyResponse.maximumWeight,
                weight == 0 || weight >= SurveyResponse.minimumPositiveWeight
            else {
                throw ServiceSatisfactionError(
                    .outOfRange,
                    at: "weights[\(index)]",
                    "a weight is 0 or from 10⁻¹⁰⁰ to 10¹⁰⁰, not \(weight)"
                )
            }
            if weight > 0 { positive += 1 }
            sum.add(weight)
            squares.add(weight * weight)
        }
        guard positive > 0 else { throw ServiceSatisfactionError(.empty, at: "weights", "no weight is positive") }
        count = weights.count
        self.positive = positive
        total = sum.value
        self.squares = squares.value
        effectiveSampleSize = total * total / self.squares
        designEffect = Double(positive) * self.squares / (total * total)
        efficiency = 1 / designEffect
    }
}

/// Internal-consistency reliability of multi-item scales.
public enum Reliability: Sendable {
    /// Cronbach's alpha: `k/(k − 1) · (1 − Σ s²ᵢ / s²ₜ)`, with `s²ᵢ` each item's sample variance and `s²ₜ` that of
    /// respondents' totals.
    ///
    /// - Parameter responses: One row per respondent, one column per item; every row the same length.
    /// - Returns: Alpha (at most 1; negative when items disagree), or `nil` when the totals do not vary.
    /// - Throws: ``ServiceSatisfactionError`` with code `outOfRange` for fewer than two items
    ///   or respondents (path `responses`), `inconsistent` for rows of different lengths (path `responses[i]`), and
    ///   `nonFinite` for a value that is not finite (path `responses[i][j]`).
    public static func cronbachAlpha(_ responses: [[Double]]) throws(ServiceSatisfactionError) -> Double? {
        guard responses.count >= 2, let k = responses.first?.count, k >= 2 else {
            throw ServiceSatisfactionError(
                .outOfRange,
                at: "responses",
                "alpha needs at least 2 respondents and 2 items"
            )
        }
        for (row, answers) in responses.enumerated() {
            guard answers.count == k else {
                throw ServiceSatisfactionError(.inconsistent, at: "responses[\(row)]", "every row needs \(k) items")
            }
            for (column, value) in answers.enumerated() where !value.isFinite {
                throw ServiceSatisfactionError(
                    .nonFinite,
                    at: "responses[\(row)][\(column)]",
                    "the answer is not finite"
                )
            }
        }
        func variance(_ values: [Double]) -> Double {
            let mean = values.reduce(0, +) / Double(values.count)
            return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        }
        let itemVariances = (0..<k).map { column in variance(responses.map { $0[column] }) }
        let totalVariance = variance(responses.map { $0.reduce(0, +) })
        guard totalVariance > 0 else { return nil }
        return Double(k) / Double(k - 1) * (1 - itemVariances.reduce(0, +) / totalVariance)
    }
}

/// Why a reliability figure could not be computed, or that it could.
public enum ReliabilityStatus: String, Sendable, Hashable, Codable {
    /// Every figure is computed.
    case ok
    /// Fewer than two items: there is no internal consistency to measure.
    case tooFewItems
    /// Fewer than two respondents (three for the interval): no variance.
    case tooFewRespondents
    /// The respondents' totals do not vary: alpha is undefined.
    case zeroVariance
}

/// Cronbach's alpha and the item statistics around it.
///
/// JSON: `{"status": "ok", "items": 4, "respondents": 10, "alpha": 0.83, "standardizedAlpha": 0.84,
/// "interval": {…}, "alphaIfDeleted": [0.8, …], "itemRestCorrelations": [0.6, …]}`.
public struct ReliabilityAnalysis: Sendable, Hashable, Codable {
    /// Whether the figures are there.
    public let status: ReliabilityStatus
    /// Items (columns).
    public let items: Int
    /// Respondents (rows).
    public let respondents: Int
    /// Cronbach's alpha, `k/(k − 1) · (1 − Σ s²ᵢ / s²ₜ)`.
    public let alpha: Double?
    /// Standardized alpha from the mean inter-item correlation `r̄`: `k·r̄ / (1 + (k − 1)·r̄)`; `nil` when an item
    /// does not vary.
    public let standardizedAlpha: Double?
    /// Feldt's interval (Feldt 1965; Feldt, Woodruff and Salih 1987):
    /// `1 − (1 − α)·F(1 − γ/2; n − 1, (n − 1)(k − 1))` to `1 − (1 − α)·F(γ/2; …)` with `γ = 1 − level`.
    public let interval: ConfidenceInterval?
    /// Alpha with each item left out, in item order; `nil` entries with only two items or when the rest's totals do
    /// not vary.
    public let alphaIfDeleted: [Double?]
    /// Each item's Pearson correlation with the sum of the other items; `nil` when either does not vary.
    public let itemRestCorrelations: [Double?]
}

extension Reliability {
    /// Cronbach's alpha with standardized alpha, Feldt's interval, alpha if each item is deleted and item–rest
    /// correlations; a status instead of an error when there is too little to compute from.
    ///
    /// - Parameters:
    ///   - responses: One row per respondent, one column per item; every row the same length.
    ///   - level: The interval's confidence level, strictly between 0 and 1.
    /// - Returns: The analysis.
    /// - Throws: ``ServiceSatisfactionError`` with code `inconsistent` for rows of different lengths (path
    ///   `responses[i]`), `nonFinite` for a value that is not finite (path `responses[i][j]`), `outOfRange` for the
    ///   level.
    public static func analyse(_ responses: [[Double]], level: Double = 0.95) throws(ServiceSatisfactionError)
        -> ReliabilityAnalysis
    {
        try Check.share(level, "level", open: true)
        let k = responses.first?.count ?? 0
        for (row, answers) in responses.enumerated() {
            guard answers.count == k else {
                throw ServiceSatisfactionError(.inconsistent, at: "responses[\(row)]", "every row needs \(k) items")
            }
            for (column, value) in answers.enumerated() where !value.isFinite {
                throw ServiceSatisfactionError(
                    .nonFinite,
                    at: "responses[\(row)][\(column)]",
                    "the answer is not finite"
                )
            }
        }
        let n = responses.count
        func empty(_ status: ReliabilityStatus) -> ReliabilityAnalysis {
            ReliabilityAnalysis(
                status: status,
                items: k,
                respondents: n,
                alpha: nil,
                standardizedAlpha: nil,
                interval: nil,
                alphaIfDeleted: Array(repeating: nil, count: k),
                itemRestCorrelations: Array(repeating: nil, count: k)
            )
        }
        guard k >= 2 else { return empty(.tooFewItems) }
        guard n >= 2 else { return empty(.tooFewRespondents) }
        let columns = (0..<k).map { column in responses.map { $0[column] } }
        let totals = responses.map { $0.reduce(0, +) }
        func alpha(of items: [Int]) -> Double? {
            guard items.count >= 2 else { return nil }
            let sums = responses.map { row in items.reduce(0) { $0 + row[$1] } }
            let total = variance(sums)
            guard total > 0 else { return nil }
            let parts = items.reduce(0) { $0 + variance(columns[$1]) }
            return Double(items.count) / Double(items.count - 1) * (1 - parts / total)
        }
        guard let value = alpha(of: Array(0..<k)) else { return empty(.zeroVariance) }
        var correlations: [Double] = []
        var standardized: Double?
        if columns.allSatisfy({ variance($0) > 0 }) {
            for i in 0..<k { for j in (i + 1)..<k { correlations.append(correlation(columns[i], columns[j]) ?? 0) } }
            let mean = correlations.reduce(0, +) / Double(correlations.count)
            standardized = Double(k) * mean / (1 + Double(k - 1) * mean)
        }
        var interval: ConfidenceInterval?
        if n >= 3 {
            let (d1, d2) = (Double(n - 1), Double((n - 1) * (k - 1)))
            let tail = (1 - level) / 2
            let upperF = try FDistribution.quantile(1 - tail, d1, d2)
            let lowerF = try FDistribution.quantile(tail, d1, d2)
            interval = ConfidenceInterval(
                lower: 1 - (1 - value) * upperF,
                upper: 1 - (1 - value) * lowerF,
                level: level,
                method: .feldt
            )
        }
        return ReliabilityAnalysis(
            status: .ok,
            items: k,
            respondents: n,
            alpha: value,
            standardizedAlpha: standardized,
            interval: interval,
            alphaIfDeleted: (0..<k).map { left in alpha(of: (0..<k).filter { $0 != left }) },
            itemRestCorrelations: (0..<k).map { item in
                correlation(columns[item], zip(totals, columns[item]).map { $0 - $1 })
            }
        )
    }

    /// The sample variance (`n − 1`), from a two-pass mean.
    static func variance(_ values: [Double]) -> Double {
        let mean = values.reduce(0, +) / Double(values.count)
        return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
    }

    /// Pearson's correlation, or `nil` when either side does not vary.
    static func correlation(_ x: [Double], _ y: [Double]) -> Double? {
        let (mx, my) = (x.reduce(0, +) / Double(x.count), y.reduce(0, +) / Double(y.count))
        var (sxy, sxx, syy) = (0.0, 0.0, 0.0)
        for (a, b) in zip(x, y) {
            sxy += (a - mx) * (b - my)
            sxx += (a - mx) * (a - mx)
            syy += (b - my) * (b - my)
        }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }
}

/// Snedecor's F distribution, through the beta distribution: if `X ~ Beta(d₁/2, d₂/2)` then
/// `d₂X / (d₁(1 − X)) ~ F(d₁, d₂)`.
enum FDistribution {
    static func quantile(_ p: Double, _ d1: Double, _ d2: Double) throws(ServiceSatisfactionError) -> Double {
        let x = try BetaDistribution.quantile(p, a: d1 / 2, b: d2 / 2)
        return d2 * x / (d1 * (1 - x))
    }
}
