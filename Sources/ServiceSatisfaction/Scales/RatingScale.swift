import Foundation
import ServiceDomain

/// A survey scale: its whole-number points, which end is better, and which points count as favourable.
///
/// The direction and thresholds are explicit because scales disagree: the Customer Effort Score is asked both as
/// "how much effort did it take?" on 1–5, where *lower* is better, and as "the company made it easy" on a 1–7
/// agreement scale, where *higher* is better.
///
/// JSON: `{"name": "csat", "minimum": 1, "maximum": 5, "direction": "higherIsBetter", "favourable": [4, 5]}`.
public struct RatingScale: Sendable, Hashable, Codable {
    /// Which end of the scale is better.
    public enum Direction: String, Sendable, Hashable, Codable {
        /// Higher points are better (satisfaction, agreement, likelihood to recommend).
        case higherIsBetter
        /// Lower points are better (effort).
        case lowerIsBetter
    }

    /// The scale's name.
    public let name: String
    /// The lowest point.
    public let minimum: Int
    /// The highest point.
    public let maximum: Int
    /// Which end is better.
    public let direction: Direction
    /// The points that count as favourable (satisfied, low effort, promoter), a run at the better end.
    public let favourable: ClosedRange<Int>

    /// Creates a scale.
    ///
    /// - Parameters:
    ///   - name: The scale's name.
    ///   - minimum: The lowest point.
    ///   - maximum: The highest point; above `minimum`, at most 100 points in all.
    ///   - direction: Which end is better.
    ///   - favourable: The favourable points: within the scale and including its better end.
    /// - Throws: ``ServiceSatisfactionError`` with code `outOfRange` (path `maximum` or `favourable`).
    public init(
        name: String,
        minimum: Int,
        maximum: Int,
        direction: Direction,
        favourable: ClosedRange<Int>
    ) throws(ServiceSatisfactionError) {
        guard maximum > minimum, maximum - minimum <= 100 else {
            throw ServiceSatisfactionError(
                .outOfRange,
                at: "maximum",
                "a scale needs 2 to 101 points, \(minimum)…\(maximum)"
            )
        }
        let best = direction == .higherIsBetter ? maximum : minimum
        guard favourable.lowerBound >= minimum, favourable.upperBound <= maximum, favourable.contains(best) else {
            throw ServiceSatisfactionError(
                .outOfRange,
                at: "favourable",
                "favourable points \(favourable) must lie in \(minimum)…\(maximum) and include the better end, \(best)"
            )
        }
        self.name = name
        self.minimum = minimum
        self.maximum = maximum
        self.direction = direction
        self.favourable = favourable
    }

    /// The number of points.
    public var pointCount: Int { maximum - minimum + 1 }

    /// Checks that a response fits the scale: a whole point of it, with a finite weight that is 0 or from
    /// ``SurveyResponse/minimumPositiveWeight`` to ``SurveyResponse/maximumWeight``.
    ///
    /// - Parameter response: The response.
    /// - Throws: ``ServiceSatisfactionError`` with code `nonFinite` or `outOfRange` and path `score` or `weight`.
    public func check(_ response: SurveyResponse) throws(ServiceSatisfactionError) {
        let score = response.score
        guard score.isFinite else {
            throw ServiceSatisfactionError(.nonFinite, at: "score", "response \(response.id): the score is not finite")
        }
        guard score.rounded() == score, score >= Double(minimum), score <= Double(maximum) else {
            throw ServiceSatisfactionError(
                .outOfRange,
                at: "score",
                "response \(response.id): \(score) is not a whole point of \(minimum)…\(maximum)"
            )
        }
        guard response.weight.isFinite else {
            throw ServiceSatisfactionError(
                .nonFinite,
                at: "weight",
                "response \(response.id): the weight is not finite"
            )
        }
        guard response.weight >= 0 else {
            throw ServiceSatisfactionError(.outOfRange, at: "weight", "response \(response.id): the weight is negative")
        }
        guard response.weight == 0 || response.weight >= SurveyResponse.minimumPositiveWeight else {
            throw ServiceSatisfactionError(
                .outOfRange,
                at: "weight",
                "response \(response.id): the weight \(response.weight) is below the smallest a response takes, 1e-100 "
                    + "(its square would underflow and the effective sample size with it); use 0 for no weight"
            )
        }
        guard response.weight <= SurveyResponse.maximumWeight else {
            throw ServiceSatisfactionError(
                .outOfRange,
                at: "weight",
                "response \(response.id): the weight \(response.weight) is above the largest a response takes, 1e100"
            )
        }
    }

    /// Likelihood to recommend, 0–10, with promoters (9–10) favourable: the Net Promoter scale, also for employee NPS.
    public static let netPromoter = RatingScale(checked: "nps", 0, 10, .higherIsBetter, 9...10)
    /// Employee likelihood to recommend the organisation as a place to work, 0–10: the employee NPS (eNPS) scale,
    /// scored like ``netPromoter`` (internal customers are customers too).
    public static let employeeNetPromoter = RatingScale(checked: "enps", 0, 10, .higherIsBetter, 9...10)
    /// Customer satisfaction, 1–5 (very dissatisfied … very satisfied); favourable (top-2-box) 4–5.
    public static let satisfaction5 = RatingScale(checked: "csat", 1, 5, .higherIsBetter, 4...5)
    /// Customer effort asked as effort, 1–5 (very low … very high effort); lower is better; favourable 1–2.
    public static let effort5 = RatingScale(checked: "ces5", 1, 5, .lowerIsBetter, 1...2)
    /// Customer effort asked as agreement with "the company made it easy to handle my issue", 1–7; favourable 5–7.
    public static let effortAgreement7 = RatingScale(checked: "ces7", 1, 7, .higherIsBetter, 5...7)
    /// A 5-point agreement (Likert) scale; favourable 4–5.
    public static let likert5 = RatingScale(checked: "likert5", 1, 5, .higherIsBetter, 4...5)
    /// A 7-point agreement (Likert) scale, as SERVQUAL uses; favourable 5–7.
    public static let likert7 = RatingScale(checked: "likert7", 1, 7, .higherIsBetter, 5...7)

    private init(
        checked name: String,
        _ minimum: Int,
        _ maximum: Int,
        _ direction: Direction,
        _ favourable: ClosedRange<Int>
    ) {
        self.name = name
        self.minimum = minimum
        self.maximum = maximum
        self.direction = direction
        self.favourable = favourable
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case minimum
        case maximum
        case direction
        case favourable
    }

    /// Decodes a scale, checking it as ``init(name:minimum:maximum:direction:favourable:)`` does.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed data, ``ServiceSatisfactionError`` for an impossible scale.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let bounds = try container.decode([Int].self, forKey: .favourable)
        guard bounds.count == 2, bounds[0] <= bounds[1] else {
            throw ServiceSatisfactionError(.outOfRange, at: "favourable", "favourable must be [lowest, highest]")
        }
        try self.init(
            name: container.decode(String.self, forKey: .name),
            minimum: container.decode(Int.self, forKey: .minimum),
            maximum: container.decode(Int.self, forKey: .maximum),
            direction: container.decode(Direction.self, forKey: .direction),
            favourable: bounds[0]...bounds[1]
        )
    }

    /// Encodes the scale in its documented JSON form.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(minimum, forKey: .minimum)
        try container.encode(maximum, forKey: .maximum)
        try container.encode(direction, forKey: .direction)
        try container.encode([favourable.lowerBound, favourable.upperBound], forKey: .favourable)
    }
}

/// One answer to a rating question.
///
/// JSON: `{"id": "R-17", "score": 9, "weight": 1.4, "segment": "gold"}` (`weight` defaults to 1, `segment` is
/// optional).
public struct SurveyResponse: Sendable, Hashable, Codable {
    /// The response's identifier, used in error messages.
    public let id: String
    /// The answer: a point of the scale.
    public let score: Double
    /// The response's weight (post-stratification, say); 1 when unweighted.
    public let weight: Double
    /// The respondent's segment, if any.
    public let segment: String?

    /// The largest weight a response takes, 10¹⁰⁰: far beyond any survey weight, and small enough that the squares of
    /// 2⁵³ such weights add up to a finite sum (so that no tally of checked responses can overflow).
    public static let maximumWeight = 1e100

    /// The smallest positive weight a response takes, 10⁻¹⁰⁰.
    ///
    /// Every square is then a normal number, so Kish's effective sample size, `(Σw)²/Σw²`, never divides by an
    /// underflowed zero. A weight of 0 is allowed.
    public static let minimumPositiveWeight = 1e-100

    /// Creates a response; the scale checks the score when the response is added.
    ///
    /// - Parameters:
    ///   - id: The identifier.
    ///   - score: The answer.
    ///   - weight: The weight.
    ///   - segment: The segment.
    public init(id: String, score: Double, weight: Double = 1, segment: String? = nil) {
        self.id = id
        self.score = score
        self.weight = weight
        self.segment = segment
    }

    private enum CodingKeys: String, CodingKey {
        case id
        case score
        case weight
        case segment
    }

    /// Decodes a response; `weight` defaults to 1.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed data.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        score = try container.decode(Double.self, forKey: .score)
        weight = try container.decodeIfPresent(Double.self, forKey: .weight) ?? 1
        segment = try container.decodeIfPresent(String.self, forKey: .segment)
    }
}
