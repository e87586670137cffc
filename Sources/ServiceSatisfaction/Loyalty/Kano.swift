import Foundation
import ServiceDomain

/// An answer to one half of a Kano question pair: "How do you feel if the feature is there?" (functional) and
/// "… if it is not?" (dysfunctional).
public enum KanoAnswer: String, Sendable, Hashable, Codable, CaseIterable {
    /// I like it that way.
    case like
    /// It must be that way.
    case mustBe
    /// I am neutral.
    case neutral
    /// I can live with it that way.
    case liveWith
    /// I dislike it that way.
    case dislike
}

/// The Kano categories (Kano, Seraku, Takahashi and Tsuji 1984).
public enum KanoCategory: String, Sendable, Hashable, Codable, CaseIterable, CodingKeyRepresentable {
    /// Attractive (delighter): liked when there, not missed when absent.
    case attractive
    /// One-dimensional (performance): liked when there, disliked when absent.
    case oneDimensional
    /// Must-be (basic): expected; only its absence is noticed.
    case mustBe
    /// Indifferent: neither.
    case indifferent
    /// Reverse: its presence is disliked.
    case reverse
    /// Questionable: a contradictory pair of answers (liked both ways, or disliked both ways).
    case questionable
}

/// One feature's Kano answers, counted by category: mergeable.
///
/// JSON: `{"counts": {"attractive": 12, "mustBe": 30, …}}`.
public struct KanoTally: Sendable, Hashable, Codable {
    /// Respondents per category.
    public private(set) var counts: [KanoCategory: Int]

    /// An empty tally.
    public init() { counts = [:] }

    /// The category of a functional/dysfunctional pair, by the standard evaluation table (Berger et al. 1993,
    /// *Center for Quality Management Journal* 2(4), table 1):
    ///
    /// | functional \ dysfunctional | like | must be | neutral | live with | dislike |
    /// |---|---|---|---|---|---|
    /// | like | Q | A | A | A | O |
    /// | must be | R | I | I | I | M |
    /// | neutral | R | I | I | I | M |
    /// | live with | R | I | I | I | M |
    /// | dislike | R | R | R | R | Q |
    ///
    /// - Parameters:
    ///   - functional: The answer with the feature.
    ///   - dysfunctional: The answer without it.
    /// - Returns: The category.
    public static func category(functional: KanoAnswer, dysfunctional: KanoAnswer) -> KanoCategory {
        switch (functional, dysfunctional) {
        case (.like, .like), (.dislike, .dislike): .questionable
        case (.like, .dislike): .oneDimensional
        case (.like, _): .attractive
        case (.dislike, _), (_, .like): .reverse
        case (_, .dislike): .mustBe
        default: .indifferent
        }
    }

    /// Adds one respondent's pair.
    ///
    /// - Parameters:
    ///   - functional: The answer with the feature.
    ///   - dysfunctional: The answer without it.
    public mutating func add(functional: KanoAnswer, dysfunctional: KanoAnswer) {
        counts[Self.category(functional: functional, dysfunctional: dysfunctional), default: 0] += 1
    }

    /// Adds another tally.
    ///
    /// - Parameter other: Another tally of the same feature.
    /// - Throws: ``ServiceSatisfactionError`` with code `overflow` (path `counts`) past 2⁵³; unchanged then.
    public mutating func merge(_ other: KanoTally) throws(ServiceSatisfactionError) {
        _ = try Check.sum(total, other.total, "counts")
        for (category, count) in other.counts { counts[category, default: 0] += count }
    }

    /// Respondents counted.
    public var total: Int { counts.values.reduce(0, +) }

    /// The categories with the most respondents (more than one on a tie); empty without respondents.
    public var modalCategories: [KanoCategory] {
        guard let top = counts.values.max(), top > 0 else { return [] }
        return KanoCategory.allCases.filter { counts[$0] == top }
    }

    /// The feature's category: the mode, or `nil` without respondents.
    ///
    /// A tie is broken by the rule "must-be > one-dimensional > attractive > indifferent" (the category that hurts
    /// most if ignored, after Berger and others, 1993), then reverse, then questionable.
    public var category: KanoCategory? {
        let tied = modalCategories
        let order: [KanoCategory] = [.mustBe, .oneDimensional, .attractive, .indifferent, .reverse, .questionable]
        return order.first { tied.contains($0) }
    }

    /// The customer-satisfaction coefficient `(A + O) / (A + O + M + I)`.
    ///
    /// How much the feature can raise satisfaction, 0…1 (Berger and others, 1993); `nil` when no respondent falls in
    /// those four categories.
    public var satisfactionCoefficient: Double? {
        let (a, o, m, i) = parts
        let base = a + o + m + i
        return base == 0 ? nil : Double(a + o) / Double(base)
    }

    /// The dissatisfaction coefficient `−(O + M) / (A + O + M + I)`: how much its absence lowers satisfaction,
    /// −1…0; `nil` when no respondent falls in those four categories.
    public var dissatisfactionCoefficient: Double? {
        let (a, o, m, i) = parts
        let base = a + o + m + i
        return base == 0 ? nil : -Double(o + m) / Double(base)
    }

    private var parts: (Int, Int, Int, Int) {
        (counts[.attractive] ?? 0, counts[.oneDimensional] ?? 0, counts[.mustBe] ?? 0, counts[.indifferent] ?? 0)
    }

    private enum CodingKeys: String, CodingKey {
        case counts
    }

    /// Decodes a tally, checking that every count lies in 0…2⁵³ and their sum too.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` naming the field for malformed or impossible counts.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        counts = try container.decode([KanoCategory: Int].self, forKey: .counts)
        var sum = 0
        for count in counts.values {
            try container.require(count >= 0 && count <= 1 << 53, forKey: .counts, "counts lie in 0…2⁵³")
            sum += count
        }
        try container.require(sum <= 1 << 53, forKey: .counts, "the counts add up to more than 2⁵³")
    }
}

/// One respondent's answers to the three questions of an ACSI-style satisfaction index, each on a 1–10 scale:
/// overall satisfaction, how the experience compared with expectations, and how close it came to the ideal.
public struct SatisfactionIndexResponse: Sendable, Hashable, Codable {
    /// Overall satisfaction, 1 (very dissatisfied) to 10 (very satisfied).
    public let overall: Double
    /// Compared with expectations, 1 (falls short) to 10 (exceeds).
    public let versusExpectations: Double
    /// Compared with an ideal provider, 1 (far from) to 10 (close to).
    public let versusIdeal: Double

    /// Creates a response.
    ///
    /// - Parameters:
    ///   - overall: Overall satisfaction, 1–10.
    ///   - versusExpectations: Against expectations, 1–10.
    ///   - versusIdeal: Against the ideal, 1–10.
    public init(overall: Double, versusExpectations: Double, versusIdeal: Double) {
        self.overall = overall
        self.versusExpectations = versusExpectations
        self.versusIdeal = versusIdeal
    }
}

/// An ACSI-style 0–100 customer satisfaction index from its three standard questions.
///
/// Each answer is rescaled from 1–10 to 0–100 (`(x − 1)/9 × 100`) and the three are combined with weights (equal by
/// default; the ACSI itself estimates them per industry by partial least squares, which a user can pass in). The
/// index of a sample is the mean of its respondents' indices, with a Student t interval.
public enum SatisfactionIndex: Sendable {
    /// One respondent's index.
    ///
    /// - Parameters:
    ///   - response: The three answers, each a whole point of 1–10.
    ///   - weights: The questions' weights (overall, versus expectations, versus ideal): finite, not negative, not
    ///     all zero; normalised to sum to 1.
    /// - Returns: The index, 0…100.
    /// - Throws: ``ServiceSatisfactionError`` with code `outOfRange`/`nonFinite` for an answer (paths `overall`,
    ///   `versusExpectations`, `versusIdeal`) or a weight (path `weights`).
    public static func index(
        _ response: SatisfactionIndexResponse,
        weights: (Double, Double, Double) = (1, 1, 1)
    ) throws(ServiceSatisfactionError) -> Double {
        let normalised = try normalise(weights)
        var total = 0.0
        for (value, weight, path) in [
            (response.overall, normalised.0, "overall"),
            (response.versusExpectations, normalised.1, "versusExpectations"),
            (response.versusIdeal, normalised.2, "versusIdeal"),
        ] {
            guard value.isFinite else { throw ServiceSatisfactionError(.nonFinite, at: path, "not finite") }
            guard value.rounded() == value, (1...10).contains(value) else {
                throw ServiceSatisfactionError(.outOfRange, at: path, "\(value) is not a whole point of 1…10")
            }
            total += weight * (value - 1) / 9 * 100
        }
        return total
    }

    /// The index of a sample: the mean respondent index with its Student t interval on `n − 1` degrees of freedom.
    ///
    /// - Parameters:
    ///   - responses: The responses.
    ///   - weights: The questions' weights.
    ///   - level: The confidence level.
    /// - Returns: The estimate; ``EstimateStatus/undefined`` without responses, ``EstimateStatus/insufficientData``
    ///   (no interval) with one, ``EstimateStatus/degenerate`` when every respondent's index is the same.
    /// - Throws: As ``index(_:weights:)``, with the path under `responses[i]`.
    public static func estimate(
        _ responses: [SatisfactionIndexResponse],
        weights: (Double, Double, Double) = (1, 1, 1),
        level: Double = 0.95
    ) throws(ServiceSatisfactionError) -> Estimate {
        try Check.share(level, "level", open: true)
        var values: [Double] = []
        for (position, response) in responses.enumerated() {
            do throws(ServiceSatisfactionError) {
                values.append(try index(response, weights: weights))
            } catch {
                throw ServiceSatisfactionError(
                    error.code,
                    at: "responses[\(position)].\(error.path ?? "")",
                    error.message
                )
            }
        }
        let n = Double(values.count)
        guard !values.isEmpty else { return .undefined(0) }
        let mean = values.reduce(0, +) / n
        guard values.count > 1 else {
            return Estimate(
                value: mean,
                interval: nil,
                status: .insufficientData,
                sampleSize: 1,
                effectiveSampleSize: 1,
                counts: EstimateCounts(weight: 1)
            )
        }
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        let se = (variance / n).squareRoot()
        let t = try StudentT.quantile(1 - (1 - level) / 2, degreesOfFreedom: n - 1)
        return Estimate(
            value: mean,
            interval: ConfidenceInterval(
                lower: max(0, mean - t * se),
                upper: min(100, mean + t * se),
                level: level,
                method: .studentT
            ),
            status: variance == 0 ? .degenerate : .ok,
            sampleSize: values.count,
            effectiveSampleSize: n,
            standardError: se,
            degreesOfFreedom: n - 1,
            counts: EstimateCounts(weight: n)
        )
    }

    private static func normalise(_ weights: (Double, Double, Double)) throws(ServiceSatisfactionError)
        -> (Double, Double, Double)
    {
        for weight in [weights.0, weights.1, weights.2] {
            try Check.notNegative(weight, "weights")
        }
        let sum = weights.0 + weights.1 + weights.2
        guard sum > 0, sum.isFinite else {
            throw ServiceSatisfactionError(.outOfRange, at: "weights", "the weights must not all be zero")
        }
        return (weights.0 / sum, weights.1 / sum, weights.2 / sum)
    }
}
