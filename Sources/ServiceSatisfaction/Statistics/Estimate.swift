import Foundation
import ServiceDomain

/// Whether an estimate can be trusted as a number.
public enum EstimateStatus: String, Sendable, Hashable, Codable {
    /// A value with a proper interval.
    case ok
    /// A value whose spread is zero in the sample (every answer the same, every respondent a promoter): the value is
    /// real, but intervals that rely on the sample's spread (Wald, t) collapse to zero width and say nothing.
    case degenerate
    /// No value: there is nothing to estimate from (no responses, or total weight zero).
    case undefined
    /// Too few responses for the figure asked for (a t interval from one response, a test below its minimum n).
    case insufficientData
}

/// How an interval was computed.
public enum IntervalMethod: String, Sendable, Hashable, Codable {
    /// Wilson's score interval for a proportion (the default).
    case wilson
    /// Agresti and Coull's "add z²/2 successes and failures" interval.
    case agrestiCoull
    /// The Clopper–Pearson "exact" interval from beta quantiles.
    case clopperPearson
    /// The plain Wald interval `p ± z·SE`.
    case wald
    /// The adjusted Wald interval for a net score (add ¾ promoter and ¾ detractor, n + 3).
    case adjustedWald
    /// The Student t interval for a mean.
    case studentT
    /// Newcombe's hybrid score interval for a difference of two proportions (from the two Wilson intervals).
    case newcombe
    /// Feldt's F-based interval for Cronbach's alpha.
    case feldt
}

/// A confidence interval.
public struct ConfidenceInterval: Sendable, Hashable, Codable {
    /// The lower bound.
    public let lower: Double
    /// The upper bound.
    public let upper: Double
    /// The confidence level, such as 0.95.
    public let level: Double
    /// How it was computed.
    public let method: IntervalMethod

    /// Whether a value lies within the bounds.
    ///
    /// - Parameter value: The value.
    /// - Returns: Whether `lower ≤ value ≤ upper`.
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }

    /// `upper − lower`.
    public var width: Double { upper - lower }
}

/// The weighted counts an estimate was computed from.
///
/// JSON: `{"weight": 120, "favourable": 84}` for a share, `{"weight": 120, "promoters": 60, "passives": 30,
/// "detractors": 30}` for a Net Promoter Score, `{"weight": 120}` for a mean (absent fields are `null`).
public struct EstimateCounts: Sendable, Hashable, Codable {
    /// The total weight (the number of responses when unweighted).
    public let weight: Double
    /// The weight of favourable answers, for a share.
    public let favourable: Double?
    /// The weight of promoters (9–10), for a Net Promoter Score.
    public let promoters: Double?
    /// The weight of passives (7–8), for a Net Promoter Score.
    public let passives: Double?
    /// The weight of detractors (0–6), for a Net Promoter Score.
    public let detractors: Double?

    /// Creates counts.
    ///
    /// - Parameters:
    ///   - weight: The total weight.
    ///   - favourable: Favourable weight, for a share.
    ///   - promoters: Promoter weight, for NPS.
    ///   - passives: Passive weight, for NPS.
    ///   - detractors: Detractor weight, for NPS.
    public init(
        weight: Double,
        favourable: Double? = nil,
        promoters: Double? = nil,
        passives: Double? = nil,
        detractors: Double? = nil
    ) {
        self.weight = weight
        self.favourable = favourable
        self.promoters = promoters
        self.passives = passives
        self.detractors = detractors
    }
}

/// A figure with its uncertainty: the value, its interval, and a status that says when not to trust either.
///
/// Besides the interval: the plug-in standard error of the value (`√(p(1 − p)/n)` for a share, `√(v/n)` for a Net
/// Promoter Score with `v = p + d − (p − d)²`, in points, `s/√n` for a mean, `n` the effective sample size); the
/// interval's centre when its method shifts it off the value (Wilson, Agresti–Coull, adjusted Wald); the degrees of
/// freedom of a t interval; and the weighted counts behind it.
public struct Estimate: Sendable, Hashable, Codable {
    /// The value, or `nil` when ``status`` is ``EstimateStatus/undefined``.
    public let value: Double?
    /// The interval, or `nil` when none can be given.
    public let interval: ConfidenceInterval?
    /// Whether the value and interval can be used.
    public let status: EstimateStatus
    /// How many responses it was computed from.
    public let sampleSize: Int
    /// Kish's effective sample size `(Σw)² / Σw²` (the sample size when every weight is 1).
    public let effectiveSampleSize: Double
    /// The plug-in standard error of the value, in its units; `nil` without a value or with too little data.
    public let standardError: Double?
    /// The centre of the interval when the method moves it off the value (Wilson's
    /// `(p + z²/2n)/(1 + z²/n)`, Agresti–Coull's `(x + z²/2)/(n + z²)`, the adjusted Wald `p' − d'`); `nil` when the
    /// interval is centred on the value (Wald, t) or has no centre (Clopper–Pearson).
    public let centre: Double?
    /// The degrees of freedom of a Student t interval (`n_eff − 1`); `nil` for other methods.
    public let degreesOfFreedom: Double?
    /// The weighted counts behind the value; `nil` when there were none.
    public let counts: EstimateCounts?

    init(
        value: Double?,
        interval: ConfidenceInterval?,
        status: EstimateStatus,
        sampleSize: Int,
        effectiveSampleSize: Double,
        standardError: Double? = nil,
        centre: Double? = nil,
        degreesOfFreedom: Double? = nil,
        counts: EstimateCounts? = nil
    ) {
        self.value = value
        self.interval = interval
        self.status = status
        self.sampleSize = sampleSize
        self.effectiveSampleSize = effectiveSampleSize
        self.standardError = standardError
        self.centre = centre
        self.degreesOfFreedom = degreesOfFreedom
        self.counts = counts
    }

    static func undefined(_ count: Int) -> Estimate {
        Estimate(value: nil, interval: nil, status: .undefined, sampleSize: count, effectiveSampleSize: 0)
    }
}

/// Confidence intervals for a proportion.
public enum ProportionInterval: Sendable {
    /// The methods for a proportion.
    public enum Method: String, Sendable, Hashable, Codable, CaseIterable {
        /// Wilson's score interval: good coverage at every n and p; the default.
        case wilson
        /// Agresti–Coull: Wald on the data plus z²/2 successes and z²/2 failures.
        case agrestiCoull
        /// Clopper–Pearson: inverts two one-sided binomial tests; conservative (at least the nominal coverage).
        case clopperPearson
        /// Plain Wald `p ± z·√(p(1 − p)/n)`: poor coverage, zero width at p = 0 or 1; for comparison only.
        case wald

        var interval: IntervalMethod {
            switch self {
            case .wilson: .wilson
            case .agrestiCoull: .agrestiCoull
            case .clopperPearson: .clopperPearson
            case .wald: .wald
            }
        }
    }

    /// The interval for `successes` out of `trials`.
    ///
    /// Fractional counts are allowed (weighted data: successes = p × effective n).
    ///
    /// - Parameters:
    ///   - successes: From 0 to `trials`.
    ///   - trials: Positive.
    ///   - level: The confidence level, strictly between 0 and 1.
    ///   - method: The method.
    /// - Returns: The interval, within 0…1.
    /// - Throws: ``ServiceSatisfactionError`` with code `outOfRange` or `nonFinite` for arguments outside their ranges.
    public static func interval(
        successes: Double,
        trials: Double,
        level: Double = 0.95,
        method: Method = .wilson
    ) throws(ServiceSatisfactionError) -> ConfidenceInterval {
        try Check.positive(trials, "trials")
        try Check.notNegative(successes, "successes")
        guard successes <= trials else {
            throw ServiceSatisfactionError(.outOfRange, at: "successes", "successes cannot exceed trials")
        }
        let z = try criticalValue(level)
        let n = trials
        let p = successes / n
        var lower: Double
        var upper: Double
        switch method {
        case .wilson:
            let z2 = z * z
            let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
            let half = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
            (lower, upper) = (centre - half, centre + half)
        case .agrestiCoull:
            let adjusted = n + z * z
            let centre = (successes + z * z / 2) / adjusted
            let half = z * (centre * (1 - centre) / adjusted).squareRoot()
            (lower, upper) = (centre - half, centre + half)
        case .clopperPearson:
            let tail = (1 - level) / 2
            lower = successes == 0 ? 0 : try BetaDistribution.quantile(tail, a: successes, b: n - successes + 1)
            upper = successes == n ? 1 : try BetaDistribution.quantile(1 - tail, a: successes + 1, b: n - successes)
        case .wald:
            let half = z * (p * (1 - p) / n).squareRoot()
            (lower, upper) = (p - half, p + half)
        }
        return ConfidenceInterval(lower: max(0, lower), upper: min(1, upper), level: level, method: method.interval)
    }

    /// The centre of a method's interval when it is not the observed share: Wilson's and Agresti–Coull's; `nil`
    /// for Wald (centred on the share) and Clopper–Pearson (no centre).
    static func centre(successes: Double, trials n: Double, z: Double, method: Method) -> Double? {
        switch method {
        case .wilson: (successes / n + z * z / (2 * n)) / (1 + z * z / n)
        case .agrestiCoull: (successes + z * z / 2) / (n + z * z)
        case .clopperPearson, .wald: nil
        }
    }

    /// The two-sided normal critical value for a confidence level.
    static func criticalValue(_ level: Double) throws(ServiceSatisfactionError) -> Double {
        try Check.share(level, "level", open: true)
        return try Normal.quantile(1 - (1 - level) / 2)
    }
}
