import Foundation
import ServiceDomain

/// Answers to one rating question, kept as weighted counts per scale point: mergeable, `Codable`, and enough for
/// every score of the scale (NPS, CSAT, CES, Likert means and shares) with its interval.
///
/// Responses are checked as they are added: a score that is not a point of the scale, or a weight that is NaN,
/// infinite or negative, fails with a typed error naming the response, and the tally is unchanged. Weights of zero
/// are allowed (the response is counted but carries no weight).
///
/// ```swift
/// var nps = ScaleTally(scale: .netPromoter)
/// try nps.add(contentsOf: responses)
/// let score = try nps.netPromoterScore()      // value in −100…100 with an adjusted-Wald 95 % interval
/// ```
///
/// Weight sums are exact (order-independent): a tally merged from shards equals the tally of one pass to the last
/// bit, with fractional weights too.
///
/// JSON: `{"scale": {…}, "count": 120, "weights": [3, 0, 1, …], "squaredWeights": 120}` (one weight sum per point,
/// lowest first, each rounded once), with `"weightResiduals": {"3": [1.2e-17]}` and `"squaredWeightsResidual": […]`
/// holding the rest of a sum's canonical expansion when it is not exact as a `Double`.
public struct ScaleTally: Sendable, Hashable, Codable {
    /// The scale.
    public let scale: RatingScale
    /// The summed weight of the responses at each point, lowest point first.
    public private(set) var weights: [Double]
    /// How many responses were added.
    public private(set) var count = 0
    /// The sum of the squared weights, for Kish's effective sample size.
    public private(set) var squaredWeights = 0.0
    /// The exact sums: one per point, then the squares'.
    ///
    /// ``weights`` and ``squaredWeights`` are their rounded values.
    private(set) var sums: WeightSums

    /// An empty tally.
    ///
    /// - Parameter scale: The scale.
    public init(scale: RatingScale) {
        self.scale = scale
        self.weights = Array(repeating: 0, count: scale.pointCount)
        self.sums = WeightSums(count: scale.pointCount + 1)
    }

    /// Rounds the exact sums into ``weights`` and ``squaredWeights``.
    mutating func refresh() {
        for point in weights.indices { weights[point] = sums.value(point) }
        squaredWeights = sums.value(scale.pointCount)
    }

    /// Changes the exact sums (a batch loop), then rounds them.
    mutating func updateSums(adding added: Int, _ body: (inout WeightSums) -> Void) {
        body(&sums)
        count += added
        refresh()
    }

    /// Adds a response.
    ///
    /// - Parameter response: The response.
    /// - Throws: ``ServiceSatisfactionError`` with code `nonFinite` or `outOfRange` and path `score` or `weight`.
    public mutating func add(_ response: SurveyResponse) throws(ServiceSatisfactionError) {
        try scale.check(response)
        let point = Int(response.score) - scale.minimum
        let weight = response.weight
        if weight != 0 {
            sums.add(weight, to: point)
            sums.add(weight * weight, to: scale.pointCount)
            weights[point] = sums.value(point)
            squaredWeights = sums.value(scale.pointCount)
        }
        count += 1
    }

    /// Adds responses in order.
    ///
    /// - Parameter responses: The responses.
    /// - Throws: The first bad response's error, its path prefixed with `responses[i]`; the ones before it stay added.
    public mutating func add(contentsOf responses: some Sequence<SurveyResponse>) throws(ServiceSatisfactionError) {
        for (position, response) in responses.enumerated() {
            do {
                try add(response)
            } catch {
                throw error.nested(under: "responses[\(position)]")
            }
        }
    }

    /// Adds another tally's responses.
    ///
    /// - Parameter other: A tally on the same scale.
    /// - Throws: ``ServiceSatisfactionError`` with code `differentScales`, or `overflow` (path `count`) past 2⁵³;
    ///   unchanged then.
    public mutating func merge(_ other: ScaleTally) throws(ServiceSatisfactionError) {
        guard other.scale == scale else {
            throw ServiceSatisfactionError(
                .differentScales,
                at: "scale",
                "cannot merge answers on \(other.scale.name) into answers on \(scale.name)"
            )
        }
        // Counts within 2⁵³ of weights within 10¹⁰⁰ keep every sum finite.
        let merged = try Check.sum(count, other.count, "count")
        sums.add(other.sums)
        count = merged
        refresh()
    }

    /// The total weight (the number of responses when unweighted).
    public var totalWeight: Double { weights.reduce(0, +) }

    /// Kish's effective sample size `(Σw)² / Σw²`: what a weighted sample is worth in unweighted responses.
    public var effectiveSampleSize: Double {
        squaredWeights == 0 ? 0 : totalWeight * totalWeight / squaredWeights
    }

    /// The weighted share of responses on some points, or `nil` without weight.
    ///
    /// - Parameter points: The points.
    /// - Returns: The share.
    public func share(of points: ClosedRange<Int>) -> Double? {
        let total = totalWeight
        guard total > 0 else { return nil }
        return weight(of: points) / total
    }

    /// The weight of responses on some points (their number when unweighted).
    ///
    /// - Parameter points: The points.
    /// - Returns: The weight.
    public func weight(of points: ClosedRange<Int>) -> Double {
        var part = 0.0
        for point in points.clamped(to: scale.minimum...scale.maximum) { part += weights[point - scale.minimum] }
        return part
    }

    // MARK: - Scores

    /// The share of favourable answers (CSAT's top-2-box, CES's share of low effort) with its interval.
    ///
    /// With weights, the interval uses the weighted share and Kish's effective sample size.
    ///
    /// - Parameters:
    ///   - level: The confidence level, strictly between 0 and 1.
    ///   - method: The interval method; Wilson by default.
    /// - Returns: The share (0…1); ``EstimateStatus/degenerate`` when every answer is or none is favourable,
    ///   ``EstimateStatus/undefined`` without weight.
    /// - Throws: ``ServiceSatisfactionError`` for a level outside 0…1.
    public func favourableShare(
        level: Double = 0.95,
        method: ProportionInterval.Method = .wilson
    ) throws(ServiceSatisfactionError) -> Estimate {
        try Check.share(level, "level", open: true)
        guard let share = share(of: scale.favourable) else { return .undefined(count) }
        let n = effectiveSampleSize
        let interval = try ProportionInterval.interval(
            successes: min(n, share * n),
            trials: n,
            level: level,
            method: method
        )
        let total = totalWeight
        return Estimate(
            value: share,
            interval: interval,
            status: share == 0 || share == 1 ? .degenerate : .ok,
            sampleSize: count,
            effectiveSampleSize: n,
            standardError: (share * (1 - share) / n).squareRoot(),
            centre: ProportionInterval.centre(
                successes: min(n, share * n),
                trials: n,
                z: try ProportionInterval.criticalValue(level),
                method: method
            ),
            counts: EstimateCounts(weight: total, favourable: weight(of: scale.favourable))
        )
    }

    /// The weighted mean score with a Student t interval.
    ///
    /// The variance uses reliability weights, `Σw(x − m)² / (Σw − Σw²/Σw)` (the usual `n − 1` form when
    /// unweighted), the standard error is `s / √n_eff` and the t distribution has `n_eff − 1` degrees of freedom.
    ///
    /// - Parameter level: The confidence level, strictly between 0 and 1.
    /// - Returns: The mean; ``EstimateStatus/insufficientData`` (no interval) with an effective sample of one or
    ///   less, ``EstimateStatus/degenerate`` when every answer is the same, ``EstimateStatus/undefined`` without
    ///   weight.
    /// - Throws: ``ServiceSatisfactionError`` for a level outside 0…1.
    public func mean(level: Double = 0.95) throws(ServiceSatisfactionError) -> Estimate {
        try Check.share(level, "level", open: true)
        let total = totalWeight
        guard total > 0 else { return .undefined(count) }
        var sum = 0.0
        for (index, weight) in weights.enumerated() { sum += weight * Double(scale.minimum + index) }
        let mean = sum / total
        let n = effectiveSampleSize
        guard n > 1 + 1e-9, total - squaredWeights / total > 0 else {
            return Estimate(
                value: mean,
                interval: nil,
                status: .insufficientData,
                sampleSize: count,
                effectiveSampleSize: n,
                counts: EstimateCounts(weight: total)
            )
        }
        var squares = 0.0
        for (index, weight) in weights.enumerated() {
            let deviation = Double(scale.minimum + index) - mean
            squares += weight * deviation * deviation
        }
        let variance = squares / (total - squaredWeights / total)
        let t = try StudentT.quantile(1 - (1 - level) / 2, degreesOfFreedom: n - 1)
        let half = t * (variance / n).squareRoot()
        return Estimate(
            value: mean,
            interval: ConfidenceInterval(lower: mean - half, upper: mean + half, level: level, method: .studentT),
            status: variance == 0 ? .degenerate : .ok,
            sampleSize: count,
            effectiveSampleSize: n,
            standardError: (variance / n).squareRoot(),
            degreesOfFreedom: n - 1,
            counts: EstimateCounts(weight: total)
        )
    }

    /// The weighted shares of promoters (9–10), passives (7–8) and detractors (0–6), or `nil` without weight.
    ///
    /// - Throws: ``ServiceSatisfactionError`` with code `outOfRange` (path `scale`) unless the scale is 0–10.
    public func promoterShares() throws(ServiceSatisfactionError) -> (
        promoters: Double, passives: Double, detractors: Double
    )? {
        guard scale.minimum == 0, scale.maximum == 10 else {
            throw ServiceSatisfactionError(.outOfRange, at: "scale", "the Net Promoter Score needs a 0–10 scale")
        }
        guard let promoters = share(of: 9...10), let passives = share(of: 7...8), let detractors = share(of: 0...6)
        else { return nil }
        return (promoters, passives, detractors)
    }

    /// The Net Promoter Score, from −100 to 100: the percentage of promoters minus that of detractors.
    ///
    /// The interval treats the score as a difference of two proportions from one multinomial sample, with variance
    /// `p + d − (p − d)²` per response (`p`, `d` the promoter and detractor shares). The default is the adjusted Wald
    /// interval (Rocks 2016, *The American Statistician* 70(4); the adjusted-Wald method of Sauro and Lewis): add ¾
    /// of a promoter and ¾ of a detractor and 3 to `n`, then `p' − d' ± z·√(var'/n')`. Plain Wald, centred on the
    /// raw score, collapses to zero width when every answer is a promoter. With weights, `n` is Kish's effective
    /// sample size. Bounds are clipped to −100…100; the value is always the raw score.
    ///
    /// - Parameters:
    ///   - level: The confidence level, strictly between 0 and 1.
    ///   - method: ``IntervalMethod/adjustedWald`` (default) or ``IntervalMethod/wald``.
    /// - Returns: The score; ``EstimateStatus/degenerate`` when every answer falls in one category,
    ///   ``EstimateStatus/undefined`` without weight.
    /// - Throws: ``ServiceSatisfactionError`` for a scale other than 0–10 (path `scale`), a level outside 0…1 or a
    ///   method other than those two (path `method`).
    public func netPromoterScore(
        level: Double = 0.95,
        method: IntervalMethod = .adjustedWald
    ) throws(ServiceSatisfactionError) -> Estimate {
        guard method == .adjustedWald || method == .wald else {
            throw ServiceSatisfactionError(.outOfRange, at: "method", "NPS intervals are adjustedWald or wald")
        }
        let z = try ProportionInterval.criticalValue(level)
        guard let shares = try promoterShares() else { return .undefined(count) }
        let n = effectiveSampleSize
        let (p, d) = (shares.promoters, shares.detractors)
        let centre: Double
        let variance: Double
        let size: Double
        if method == .adjustedWald {
            size = n + 3
            let adjustedP = (p * n + 0.75) / size
            let adjustedD = (d * n + 0.75) / size
            centre = adjustedP - adjustedD
            variance = adjustedP + adjustedD - centre * centre
        } else {
            size = n
            centre = p - d
            variance = p + d - centre * centre
        }
        let half = z * (max(0, variance) / size).squareRoot()
        let single = [shares.promoters, shares.passives, shares.detractors].contains(1)
        return Estimate(
            value: (p - d) * 100,
            interval: ConfidenceInterval(
                lower: max(-100, (centre - half) * 100),
                upper: min(100, (centre + half) * 100),
                level: level,
                method: method
            ),
            status: single ? .degenerate : .ok,
            sampleSize: count,
            effectiveSampleSize: n,
            standardError: (max(0, p + d - (p - d) * (p - d)) / n).squareRoot() * 100,
            centre: method == .adjustedWald ? centre * 100 : nil,
            counts: EstimateCounts(
                weight: totalWeight,
                promoters: weight(of: 9...10),
                passives: weight(of: 7...8),
                detractors: weight(of: 0...6)
            )
        )
    }

    private enum CodingKeys: String, CodingKey {
        case scale
        case count
        case weights
        case squaredWeights
        case weightResiduals
        case squaredWeightsResidual
    }

    /// Encodes the documented form: rounded sums, and the residuals of those that are not exact.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scale, forKey: .scale)
        try container.encode(count, forKey: .count)
        try container.encode(weights, forKey: .weights)
        try container.encode(squaredWeights, forKey: .squaredWeights)
        var residuals: [String: [Double]] = [:]
        for point in weights.indices {
            let terms = sums.expansion(point)
            if terms.count > 1 { residuals[String(point)] = Array(terms.dropFirst()) }
        }
        if !residuals.isEmpty { try container.encode(residuals, forKey: .weightResiduals) }
        let squares = sums.expansion(scale.pointCount)
        if squares.count > 1 { try container.encode(Array(squares.dropFirst()), forKey: .squaredWeightsResidual) }
    }

    /// Decodes a tally, checking one finite, non-negative weight per point.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed or impossible data.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sums = WeightSums(count: 0)
        scale = try container.decode(RatingScale.self, forKey: .scale)
        count = try container.decodeCount(forKey: .count)
        weights = try container.decode([Double].self, forKey: .weights)
        squaredWeights = try container.decodeFinite(forKey: .squaredWeights, notNegative: true)
        let residuals = try container.decodeIfPresent([String: [Double]].self, forKey: .weightResiduals) ?? [:]
        let squaresResidual = try container.decodeIfPresent([Double].self, forKey: .squaredWeightsResidual) ?? []
        try container.require(
            residuals.keys.allSatisfy { Int($0).map { (0..<weights.count).contains($0) } ?? false }
                && residuals.values.allSatisfy { $0.count < 64 && $0.allSatisfy(\.isFinite) }
                && squaresResidual.count < 64 && squaresResidual.allSatisfy(\.isFinite),
            forKey: .weightResiduals,
            "residuals are fewer than 64 finite numbers, keyed by a point's index"
        )
        let n = Double(count)
        let largest = SurveyResponse.maximumWeight
        try container.require(
            weights.count == scale.pointCount,
            forKey: .weights,
            "one weight per point of the scale: \(scale.pointCount), not \(weights.count)"
        )
        try container.require(
            weights.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= n * largest },
            forKey: .weights,
            "every weight must be finite, not negative, and at most count × 1e100"
        )
        try container.require(
            squaredWeights <= n * largest * largest,
            forKey: .squaredWeights,
            "squaredWeights must be at most count × 1e200"
        )
        // Σw² ≤ (Σw)² ≤ n · Σw² for weights that are not negative (the second is Cauchy–Schwarz), with room for
        // rounding.
        let total = weights.reduce(0, +)
        try container.require(
            total * total <= n * squaredWeights * (1 + 1e-9) + 1e-300
                && squaredWeights <= total * total * (1 + 1e-9) + 1e-300,
            forKey: .squaredWeights,
            "squaredWeights \(squaredWeights) is impossible for \(count) responses of total weight \(total)"
        )
        sums = WeightSums(
            expansions: weights.indices.map { [weights[$0]] + (residuals[String($0)] ?? []) } + [
                [squaredWeights] + squaresResidual
            ]
        )
        // The sums' rounded values are the fields as written (a residual cannot move them).
        let decodedWeights = weights
        let decodedSquares = squaredWeights
        refresh()
        try container.require(
            weights == decodedWeights && squaredWeights == decodedSquares,
            forKey: .weightResiduals,
            "a residual changes the rounded sum it belongs to: it is not the rest of a canonical expansion"
        )
    }
}
