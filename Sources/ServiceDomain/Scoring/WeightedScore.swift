/// Points earned out of points possible, weighted, mergeable: the scoring core shared by quality rubrics and audits.
///
/// Each scored item adds `weight × score / maximum` to ``earned`` and `weight` to ``possible``; the ratio is
/// `earned / possible`. Scores merge by adding both sums, so partial scores from shards, reviewers or periods combine
/// in any order. Both sums are exact (rounded once, when read), so a merge gives one pass's points to the last bit and
/// equal scores encode to equal bytes.
///
/// JSON: `{"earned": 7.5, "possible": 10, "count": 4}`; when a sum is not a `Double`, `earnedResidual` or
/// `possibleResidual` holds the rest of its canonical expansion.
///
/// ## Comparing with thresholds
/// Points are sums of binary floating-point numbers, so a score that is exactly 80 % in decimal arithmetic can come
/// out as 79.99999999999999 %. ``meets(_:)`` therefore compares with a tolerance: a score meets a threshold `t` when
/// `earned ≥ t × possible − 1e-9 × possible`, that is, when it falls short by less than one billionth of the possible
/// points. No real rubric or checklist has items that fine, so the rule never admits a genuinely lower score.
public struct WeightedScore: Sendable, Hashable, Codable {
    /// Points earned.
    public var earned: Double { earnedSum.value }
    /// Points possible.
    public var possible: Double { possibleSum.value }
    /// How many items were scored.
    public private(set) var count: Int
    private var earnedSum = ExactSum()
    private var possibleSum = ExactSum()

    /// The tolerance of ``meets(_:)``, as a share of the possible points.
    public static let tolerance = 1e-9

    /// An empty score.
    public init() {
        count = 0
    }

    /// Adds one item's score.
    ///
    /// - Parameters:
    ///   - score: The item's score, from 0 to `maximum`.
    ///   - maximum: The item's maximum score; positive.
    ///   - weight: The item's weight; finite and not negative (a zero weight counts the item but adds no points).
    /// - Throws: ``ServiceDomainError/Code/nonFinite`` (paths `score`, `maximum`, `weight`) for NaN or infinity,
    ///   ``ServiceDomainError/Code/outOfRange`` for a negative weight, a maximum that is not positive, or a score
    ///   outside 0...maximum.
    public mutating func add(_ score: Double, outOf maximum: Double, weight: Double = 1) throws(ServiceDomainError) {
        for (value, name) in [(score, "score"), (maximum, "maximum"), (weight, "weight")] where !value.isFinite {
            throw ServiceDomainError(.nonFinite, at: name, "\(name) must be finite, not \(value)")
        }
        guard weight >= 0 else { throw ServiceDomainError(.outOfRange, at: "weight", "a weight cannot be negative") }
        guard maximum > 0 else {
            throw ServiceDomainError(.outOfRange, at: "maximum", "a maximum score must be positive, not \(maximum)")
        }
        guard score >= 0, score <= maximum else {
            throw ServiceDomainError(.outOfRange, at: "score", "\(score) is outside 0...\(maximum)")
        }
        var newEarned = earnedSum
        newEarned.add(weight * (score / maximum))
        var newPossible = possibleSum
        newPossible.add(weight)
        guard newPossible.value.isFinite, count < StateLimits.maximumCount else {
            throw ServiceDomainError(.outOfRange, at: "weight", "the total of the weights is too large to represent")
        }
        earnedSum = newEarned
        possibleSum = newPossible
        count += 1
    }

    /// Adds another score's points.
    ///
    /// - Parameter other: The other score.
    /// - Throws: ``ServiceDomainError/Code/overflow`` (path `possible` or `count`) when the points together are not
    ///   finite or the items pass 2⁵³; the score is unchanged then.
    public mutating func merge(_ other: WeightedScore) throws(ServiceDomainError) {
        let items = try Checks<ServiceDomainError>.sum(count, other.count, "count")
        var newEarned = earnedSum
        newEarned.add(other.earnedSum)
        var newPossible = possibleSum
        newPossible.add(other.possibleSum)
        guard newPossible.value.isFinite else {
            throw ServiceDomainError(.overflow, at: "possible", "the possible points together are not finite")
        }
        earnedSum = newEarned
        possibleSum = newPossible
        count = items
    }

    private enum CodingKeys: String, CodingKey {
        case earned
        case earnedResidual
        case possible
        case possibleResidual
        case count
    }

    /// Decodes a score, checking that it could have come from ``add(_:outOf:weight:)``: finite, not negative, earned
    /// not above possible (beyond rounding), nothing possible without items, and a count from 0 to 2⁵³.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` naming the field for malformed or impossible data.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        earnedSum = try container.decodeExactSum(forKey: .earned, residualKey: .earnedResidual, notNegative: true)
        possibleSum = try container.decodeExactSum(forKey: .possible, residualKey: .possibleResidual, notNegative: true)
        count = try container.decodeCount(forKey: .count)
        let earned = earnedSum.value
        let possible = possibleSum.value
        try container.require(
            earned >= 0 && possible >= 0 && earned <= possible + Self.tolerance * max(possible, 1),
            forKey: .earned,
            "impossible score: \(earned) earned of \(possible) possible over \(count) items"
        )
        try container.require(count > 0 || possible == 0, forKey: .count, "points are possible only with items")
    }

    /// Encodes the score, each sum in its canonical expansion.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(earnedSum, forKey: .earned, residualKey: .earnedResidual)
        try container.encode(possibleSum, forKey: .possible, residualKey: .possibleResidual)
        try container.encode(count, forKey: .count)
    }

    /// `earned / possible`, or `nil` when nothing was possible.
    public var ratio: Double? { possible > 0 ? earned / possible : nil }

    /// Whether the score reaches a threshold, with the tolerance described above; `nil` when nothing was possible.
    ///
    /// - Parameter threshold: A share from 0 to 1, such as 0.8 for 80 %.
    /// - Returns: Whether the score meets it.
    public func meets(_ threshold: Double) -> Bool? {
        guard possible > 0 else { return nil }
        return earned >= threshold * possible - Self.tolerance * possible
    }
}
