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

    private static func sameScale(_ a: ScaleTally, _ b: ScaleTally) throws(ServiceSatisfactionError) {
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

/// How many responses a survey needs.
public enum SampleSize: Sendable {
    /// Responses needed to estimate a proportion within a margin of error.
    ///
    /// `n₀ = z²·p(1 − p)/e²`, then with a finite population `N`: `n = n₀ / (1 + (n₀ − 1)/N)`, rounded up (a result
    /// within 10⁻⁹ of a whole number is that number).
    ///
    /// - Parameters:
    ///   - margin: The margin of error `e` as a proportion, strictly between 0 and 1 (0.05 for ±5 points).
    ///   - level: The confidence level.
    ///   - proportion: The expected proportion; 0.5 (the most conservative) by default.
    ///   - population: The population size, for the finite population correction.
    /// - Returns: The number of responses.
    /// - Throws: ``ServiceSatisfactionError`` with code `outOfRange` or `nonFinite` and the argument's path.
    public static func forProportion(
        margin: Double,
        level: Double = 0.95,
        proportion: Double = 0.5,
        population: Int? = nil
    ) throws(ServiceSatisfactionError) -> Int {
        try Check.share(margin, "margin", open: true)
        try Check.share(proportion, "proportion")
        let z = try ProportionInterval.criticalValue(level)
        return try corrected(z * z * proportion * (1 - proportion) / (margin * margin), population)
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
        let e = margin / 100
        return try corrected(z * z * variance / (e * e), population)
    }

    /// Kish's effective sample size of a set of weights: `(Σw)² / Σw²`.
    ///
    /// - Parameter weights: Finite, non-negative weights.
    /// - Returns: The effective size; 0 when the weights sum to zero.
    /// - Throws: ``ServiceSatisfactionError`` with code `nonFinite` or `outOfRange` (path `weights[i]`).
    public static func kishEffective(weights: [Double]) throws(ServiceSatisfactionError) -> Double {
        var sum = 0.0
        var squares = 0.0
        for (index, weight) in weights.enumerated() {
            try Check.notNegative(weight, "weights[\(index)]")
            sum += weight
            squares += weight * weight
        }
        return squares == 0 ? 0 : sum * sum / squares
    }

    private static func corrected(_ n0: Double, _ population: Int?) throws(ServiceSatisfactionError) -> Int {
        var n = n0
        if let population {
            guard population > 0 else {
                throw ServiceSatisfactionError(.outOfRange, at: "population", "a population must be positive")
            }
            n = n0 / (1 + (n0 - 1) / Double(population))
        }
        let nearest = n.rounded()
        if abs(n - nearest) <= 1e-9 * max(1, n) { return max(1, Int(nearest)) }
        return max(1, Int(n.rounded(.up)))
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
