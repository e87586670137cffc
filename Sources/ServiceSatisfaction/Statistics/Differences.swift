import Foundation
import ServiceDomain

/// One side of a Net Promoter comparison: the promoter and detractor shares and the effective sample size.
struct NetPromoterSide {
    let promoters: Double
    let detractors: Double
    let n: Double

    init?(_ tally: ScaleTally) throws(ServiceSatisfactionError) {
        guard let shares = try tally.promoterShares() else { return nil }
        promoters = shares.promoters
        detractors = shares.detractors
        n = tally.effectiveSampleSize
    }

    /// The score (a proportion), its per-response variance and the sample size, raw or adjusted (¾ of a promoter and
    /// ¾ of a detractor added, `n + 3`).
    func adjusted(_ adjust: Bool) -> (score: Double, variance: Double, size: Double) {
        let size = adjust ? n + 3 : n
        let p = adjust ? (promoters * n + 0.75) / size : promoters
        let d = adjust ? (detractors * n + 0.75) / size : detractors
        let score = p - d
        return (score, max(0, p + d - score * score), size)
    }
}

/// A difference between two independent samples (two periods, two segments) with its confidence interval.
///
/// JSON: `{"difference": 11.4, "interval": {…}, "standardError": 6.2, "status": "ok"}`.
public struct DifferenceEstimate: Sendable, Hashable, Codable {
    /// `a − b` from the raw figures (a proportion, or NPS points); `nil` when a side has no responses.
    public let difference: Double?
    /// The interval for the difference; `nil` without one.
    public let interval: ConfidenceInterval?
    /// The standard error the interval used (the adjusted one for an adjusted-Wald interval); `nil` for Newcombe's
    /// interval, which is not built from one.
    public let standardError: Double?
    /// ``EstimateStatus/ok``; ``EstimateStatus/degenerate`` when both sides have no spread (the interval is then a
    /// point for Wald); ``EstimateStatus/undefined`` when a side has no weight.
    public let status: EstimateStatus
}

/// Confidence intervals for the change in a score between two independent samples.
public enum DifferenceInterval: Sendable {
    /// The interval for the difference of two Net Promoter Scores, `NPS(a) − NPS(b)`, in points.
    ///
    /// Wald: `(s₁ − s₂) ± z·√(v₁/n₁ + v₂/n₂)` with `s = p − d` and `v = p + d − s²` on each side. Adjusted Wald
    /// (the default; Rocks 2016, and the comparison Sauro and Lewis published from it): each side first gets ¾ of a
    /// promoter, ¾ of a detractor and `n + 3`, and the interval is centred on the adjusted difference. `n` is each
    /// side's effective sample size. Bounds are clipped to −200…200.
    ///
    /// - Parameters:
    ///   - a: The first tally, on the 0–10 scale.
    ///   - b: The second tally.
    ///   - level: The confidence level, strictly between 0 and 1.
    ///   - method: ``IntervalMethod/adjustedWald`` or ``IntervalMethod/wald``.
    /// - Returns: The difference; ``EstimateStatus/undefined`` when a side has no weight.
    /// - Throws: ``ServiceSatisfactionError``: `differentScales`; `outOfRange` for a scale other than 0–10 (path
    ///   `scale`), a level outside 0…1 or another method (path `method`).
    public static func netPromoterScores(
        _ a: ScaleTally,
        _ b: ScaleTally,
        level: Double = 0.95,
        method: IntervalMethod = .adjustedWald
    ) throws(ServiceSatisfactionError) -> DifferenceEstimate {
        try SignificanceTest.sameScale(a, b)
        guard method == .adjustedWald || method == .wald else {
            throw ServiceSatisfactionError(
                .outOfRange,
                at: "method",
                "NPS difference intervals are adjustedWald or wald"
            )
        }
        let z = try ProportionInterval.criticalValue(level)
        guard let first = try NetPromoterSide(a), let second = try NetPromoterSide(b) else {
            return DifferenceEstimate(difference: nil, interval: nil, standardError: nil, status: .undefined)
        }
        let raw = (first.promoters - first.detractors) - (second.promoters - second.detractors)
        let (one, two) = (first.adjusted(method == .adjustedWald), second.adjusted(method == .adjustedWald))
        let se = (one.variance / one.size + two.variance / two.size).squareRoot()
        let centre = one.score - two.score
        return DifferenceEstimate(
            difference: raw * 100,
            interval: ConfidenceInterval(
                lower: max(-200, (centre - z * se) * 100),
                upper: min(200, (centre + z * se) * 100),
                level: level,
                method: method
            ),
            standardError: se * 100,
            status: se == 0 ? .degenerate : .ok
        )
    }

    /// The interval for the difference of two favourable shares (CSAT top-2-box, say), `share(a) − share(b)`.
    ///
    /// With weights, each side's counts are its weighted share × its effective sample size.
    ///
    /// - Parameters:
    ///   - a: The first tally.
    ///   - b: The second tally, on the same scale.
    ///   - level: The confidence level.
    ///   - method: ``IntervalMethod/newcombe`` (default) or ``IntervalMethod/wald``.
    /// - Returns: The difference.
    /// - Throws: As ``proportions(successes:of:against:of:level:method:)``, and `differentScales`.
    public static func favourableShares(
        _ a: ScaleTally,
        _ b: ScaleTally,
        level: Double = 0.95,
        method: IntervalMethod = .newcombe
    ) throws(ServiceSatisfactionError) -> DifferenceEstimate {
        try SignificanceTest.sameScale(a, b)
        guard let p1 = a.share(of: a.scale.favourable), let p2 = b.share(of: b.scale.favourable) else {
            return DifferenceEstimate(difference: nil, interval: nil, standardError: nil, status: .undefined)
        }
        let (n1, n2) = (a.effectiveSampleSize, b.effectiveSampleSize)
        return try shares(p1, n1, p2, n2, level: level, method: method)
    }

    /// The interval for the difference of two proportions given as counts, `x₁/n₁ − x₂/n₂`.
    ///
    /// Newcombe's hybrid score interval (method 10 of Newcombe 1998, *Statistics in Medicine* 17:873–890), the
    /// default: with `(l₁, u₁)` and `(l₂, u₂)` the two Wilson intervals, `δ − √((p₁ − l₁)² + (u₂ − p₂)²)` to
    /// `δ + √((u₁ − p₁)² + (p₂ − l₂)²)`; it keeps its coverage near 0 and 1 and never leaves −1…1. Wald (method 1):
    /// `δ ± z·√(p₁q₁/n₁ + p₂q₂/n₂)`, clipped to −1…1.
    ///
    /// - Parameters:
    ///   - successes: Successes in the first sample, 0…`total`.
    ///   - total: The first sample's size; positive.
    ///   - otherSuccesses: Successes in the second sample.
    ///   - otherTotal: The second sample's size; positive.
    ///   - level: The confidence level.
    ///   - method: ``IntervalMethod/newcombe`` (default) or ``IntervalMethod/wald``.
    /// - Returns: The difference.
    /// - Throws: ``ServiceSatisfactionError`` with code `outOfRange` for counts outside their ranges (paths
    ///   `successes`, `total`, `otherSuccesses`, `otherTotal`), a level outside 0…1, or another method (`method`).
    public static func proportions(
        successes: Double,
        of total: Double,
        against otherSuccesses: Double,
        of otherTotal: Double,
        level: Double = 0.95,
        method: IntervalMethod = .newcombe
    ) throws(ServiceSatisfactionError) -> DifferenceEstimate {
        for (value, limit, path) in [
            (successes, total, "successes"), (otherSuccesses, otherTotal, "otherSuccesses"),
        ] {
            try Check.notNegative(value, path)
            guard value <= limit else {
                throw ServiceSatisfactionError(.outOfRange, at: path, "\(value) successes exceed the \(limit) trials")
            }
        }
        try Check.positive(total, "total")
        try Check.positive(otherTotal, "otherTotal")
        return try shares(
            successes / total,
            total,
            otherSuccesses / otherTotal,
            otherTotal,
            level: level,
            method: method
        )
    }

    private static func shares(
        _ p1: Double,
        _ n1: Double,
        _ p2: Double,
        _ n2: Double,
        level: Double,
        method: IntervalMethod
    ) throws(ServiceSatisfactionError) -> DifferenceEstimate {
        let delta = p1 - p2
        switch method {
        case .newcombe:
            let first = try ProportionInterval.interval(successes: min(n1, p1 * n1), trials: n1, level: level)
            let second = try ProportionInterval.interval(successes: min(n2, p2 * n2), trials: n2, level: level)
            let below = ((p1 - first.lower) * (p1 - first.lower) + (second.upper - p2) * (second.upper - p2))
            let above = ((first.upper - p1) * (first.upper - p1) + (p2 - second.lower) * (p2 - second.lower))
            return DifferenceEstimate(
                difference: delta,
                interval: ConfidenceInterval(
                    lower: max(-1, delta - below.squareRoot()),
                    upper: min(1, delta + above.squareRoot()),
                    level: level,
                    method: .newcombe
                ),
                standardError: nil,
                status: (p1 == 0 || p1 == 1) && (p2 == 0 || p2 == 1) ? .degenerate : .ok
            )
        case .wald:
            let z = try ProportionInterval.criticalValue(level)
            let se = (p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2).squareRoot()
            return DifferenceEstimate(
                difference: delta,
                interval: ConfidenceInterval(
                    lower: max(-1, delta - z * se),
                    upper: min(1, delta + z * se),
                    level: level,
                    method: .wald
                ),
                standardError: se,
                status: se == 0 ? .degenerate : .ok
            )
        default:
            throw ServiceSatisfactionError(.outOfRange, at: "method", "share difference intervals are newcombe or wald")
        }
    }
}
