/// Points earned out of points possible, weighted, mergeable: the scoring core shared by quality rubrics and audits.
///
/// Each scored item adds `weight × score / maximum` to ``earned`` and `weight` to ``possible``; the ratio is
/// `earned / possible`. Scores merge by adding both sums, so partial scores from shards, reviewers or periods combine
/// in any order.
///
/// ## Comparing with thresholds
/// Points are sums of binary floating-point numbers, so a score that is exactly 80 % in decimal arithmetic can come
/// out as 79.99999999999999 %. ``meets(_:)`` therefore compares with a tolerance: a score meets a threshold `t` when
/// `earned ≥ t × possible − 1e-9 × possible`, that is, when it falls short by less than one billionth of the possible
/// points. No real rubric or checklist has items that fine, so the rule never admits a genuinely lower score.
public struct WeightedScore: Sendable, Hashable, Codable {
    /// Points earned.
    public private(set) var earned: Double
    /// Points possible.
    public private(set) var possible: Double
    /// How many items were scored.
    public private(set) var count: Int

    /// The tolerance of ``meets(_:)``, as a share of the possible points.
    public static let tolerance = 1e-9

    /// An empty score.
    public init() {
        earned = 0
        possible = 0
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
        let newEarned = earned + weight * (score / maximum)
        let newPossible = possible + weight
        guard newEarned.isFinite, newPossible.isFinite else {
            throw ServiceDomainError(.outOfRange, at: "weight", "the total of the weights is too large to represent")
        }
        earned = newEarned
        possible = newPossible
        count += 1
    }

    /// Adds another score's points.
    ///
    /// - Parameter other: The other score.
    public mutating func merge(_ other: WeightedScore) {
        earned += other.earned
        possible += other.possible
        count += other.count
    }

    private enum CodingKeys: String, CodingKey {
        case earned
        case possible
        case count
    }

    /// Decodes a score, checking that it could have come from ``add(_:outOf:weight:)``: finite, not negative, earned
    /// not above possible (beyond rounding), and a count that is not negative.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed or impossible data.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        earned = try container.decode(Double.self, forKey: .earned)
        possible = try container.decode(Double.self, forKey: .possible)
        count = try container.decode(Int.self, forKey: .count)
        guard earned.isFinite, possible.isFinite, earned >= 0, possible >= 0, count >= 0,
            earned <= possible + Self.tolerance * max(possible, 1)
        else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: container.codingPath,
                    debugDescription: "impossible score: \(earned) earned of \(possible) possible over \(count) items"
                )
            )
        }
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
