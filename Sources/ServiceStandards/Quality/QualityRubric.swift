public import Foundation
public import ServiceDomain

/// A rubric for reviewing interactions against quality standards: criteria with weights and rating scales.
///
/// Reviewers rate each criterion on its scale; a criterion they leave out is not applicable and drops out of both
/// the earned and the possible points. A rating earns `weight × (rating − minimum) / (maximum − minimum)`, so the
/// bottom of a scale earns nothing and the top earns the full weight. Scores use the shared `WeightedScore`
/// (its threshold rule included), the same core the audit module scores checklists with.
///
/// JSON form:
/// ```json
/// {"id": "interaction-v1", "name": "Interaction quality", "passMark": 0.8,
///  "criteria": [{"id": "greeting", "name": "Greeting", "dimension": "professionalism", "weight": 1,
///                "scale": {"minimum": 1, "maximum": 5}, "critical": false}, …]}
/// ```
public struct QualityRubric: Sendable, Hashable, Codable {
    /// The rubric's identifier.
    public let id: String
    /// A name for people.
    public let name: String
    /// The share of possible points a review needs to pass, in 0...1.
    public let passMark: Double
    /// The criteria, in order.
    public let criteria: [QualityCriterion]

    /// Creates a rubric, checking its criteria.
    ///
    /// - Parameters:
    ///   - id: The identifier; not empty.
    ///   - name: A name for people.
    ///   - passMark: The pass mark, 0...1.
    ///   - criteria: The criteria; identifiers unique.
    /// - Throws: ``ServiceStandardsError`` naming the field: `id` (empty), `passMark` (outside 0...1 or not finite),
    ///   `criteria[i]` (duplicate identifier), `criteria[i].weight` (NaN, infinite or negative),
    ///   `criteria[i].scale` (minimum not below maximum).
    public init(id: String, name: String = "", passMark: Double, criteria: [QualityCriterion])
        throws(ServiceStandardsError)
    {
        guard !id.isEmpty else { throw ServiceStandardsError(.empty, at: "id", "a rubric needs an identifier") }
        guard passMark.isFinite, (0...1).contains(passMark) else {
            throw ServiceStandardsError(.outOfRange, at: "passMark", "a pass mark must lie in 0...1, not \(passMark)")
        }
        var seen: Set<String> = []
        for (index, criterion) in criteria.enumerated() {
            guard seen.insert(criterion.id).inserted else {
                throw ServiceStandardsError(
                    .duplicateIdentifier,
                    at: "criteria[\(index)]",
                    "criterion \"\(criterion.id)\" appears twice"
                )
            }
            guard criterion.weight.isFinite else {
                throw ServiceStandardsError(.nonFinite, at: "criteria[\(index)].weight", "a weight must be finite")
            }
            guard criterion.weight >= 0 else {
                throw ServiceStandardsError(.outOfRange, at: "criteria[\(index)].weight", "a weight cannot be negative")
            }
            guard criterion.minimum < criterion.maximum else {
                throw ServiceStandardsError(
                    .outOfRange,
                    at: "criteria[\(index)].scale",
                    "the scale's minimum must be below its maximum"
                )
            }
        }
        self.id = id
        self.name = name
        self.passMark = passMark
        self.criteria = criteria
    }

    /// Scores a review.
    ///
    /// - Parameter review: The review.
    /// - Returns: The overall and per-dimension scores, whether it passed, and the critical criteria it failed.
    /// - Throws: ``ServiceStandardsError`` with path `ratings.<criterion>` for a criterion the rubric does not have
    ///   (code `malformed`) or a rating off its scale (code `outOfRange`).
    public func score(_ review: InteractionReview) throws(ServiceStandardsError) -> ReviewScore {
        for name in review.ratings.keys.sorted() where !criteria.contains(where: { $0.id == name }) {
            throw ServiceStandardsError(.malformed, at: "ratings.\(name)", "the rubric has no criterion \"\(name)\"")
        }
        var overall = WeightedScore()
        var byDimension: [StandardDimension: WeightedScore] = [:]
        var criticalFailures: [String] = []
        for criterion in criteria {
            guard let rating = review.ratings[criterion.id] else { continue }
            guard rating >= criterion.minimum, rating <= criterion.maximum else {
                throw ServiceStandardsError(
                    .outOfRange,
                    at: "ratings.\(criterion.id)",
                    "review \(review.id): \(rating) is off the scale \(criterion.minimum)...\(criterion.maximum)"
                )
            }
            // In Double: a scale such as Int.min...Int.max would overflow in Int.
            let points = Double(rating) - Double(criterion.minimum)
            let span = Double(criterion.maximum) - Double(criterion.minimum)
            do {
                try overall.add(points, outOf: span, weight: criterion.weight)
                try byDimension[criterion.dimension, default: WeightedScore()].add(
                    points,
                    outOf: span,
                    weight: criterion.weight
                )
            } catch {
                throw ServiceStandardsError(error, under: "ratings.\(criterion.id)")
            }
            if criterion.critical, rating == criterion.minimum { criticalFailures.append(criterion.id) }
        }
        let passed = criticalFailures.isEmpty && (overall.meets(passMark) ?? false)
        return ReviewScore(
            reviewID: review.id,
            overall: overall,
            byDimension: byDimension,
            criticalFailures: criticalFailures,
            passed: passed
        )
    }

    private enum CodingKeys: String, CodingKey {
        case id
        case name
        case passMark
        case criteria
    }

    /// Decodes the rubric from its documented JSON form, checking it as the initialiser does.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed or invalid data.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: ["id", "name", "passMark", "criteria"])
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                id: container.decode(String.self, forKey: .id),
                name: container.decodeIfPresent(String.self, forKey: .name) ?? "",
                passMark: container.decode(Double.self, forKey: .passMark),
                criteria: container.decode([QualityCriterion].self, forKey: .criteria)
            )
        } catch let error as ServiceStandardsError {
            throw DecodingError.dataCorruptedError(
                forKey: error.path?.hasPrefix("criteria") == true ? .criteria : .passMark,
                in: container,
                debugDescription: error.description
            )
        }
    }

    /// A general interaction rubric over the four quality standards, rated 1–5: greeting and courtesy, accuracy of
    /// information, professionalism, effectiveness of the resolution (critical) and responsiveness; pass mark 80 %.
    public static let standardInteraction: QualityRubric = {
        let criteria = [
            QualityCriterion(id: "greeting", name: "Greeting and courtesy", dimension: .professionalism, weight: 1),
            QualityCriterion(id: "accuracy", name: "Accuracy of information", dimension: .accuracy, weight: 3),
            QualityCriterion(
                id: "professionalism",
                name: "Professional conduct",
                dimension: .professionalism,
                weight: 2
            ),
            QualityCriterion(
                id: "effectiveness",
                name: "The need was met",
                dimension: .effectiveness,
                weight: 4,
                critical: true
            ),
            QualityCriterion(
                id: "responsiveness",
                name: "Prompt and willing help",
                dimension: .responsiveness,
                weight: 2
            ),
        ]
        // Valid by construction (unique ids, weights 1–4, scales 1...5); a test decodes it through the checks.
        return QualityRubric(unchecked: "standard-interaction", criteria: criteria)
    }()

    private init(unchecked id: String, criteria: [QualityCriterion]) {
        self.id = id
        self.name = "Interaction quality"
        self.passMark = 0.8
        self.criteria = criteria
    }
}

/// One criterion of a ``QualityRubric``.
public struct QualityCriterion: Sendable, Hashable, Codable {
    /// The criterion's identifier, unique in its rubric.
    public let id: String
    /// A name for people.
    public let name: String
    /// The quality standard it measures.
    public let dimension: StandardDimension
    /// Its weight; finite and not negative.
    public let weight: Double
    /// The lowest rating (earns nothing).
    public let minimum: Int
    /// The highest rating (earns the full weight).
    public let maximum: Int
    /// Whether a rating at the bottom of the scale fails the whole review.
    public let critical: Bool

    /// Creates a criterion; the rubric checks it.
    ///
    /// - Parameters:
    ///   - id: The identifier.
    ///   - name: A name for people.
    ///   - dimension: The quality standard it measures.
    ///   - weight: Its weight.
    ///   - minimum: The lowest rating; 1 by default.
    ///   - maximum: The highest rating; 5 by default.
    ///   - critical: Whether the lowest rating fails the review.
    public init(
        id: String,
        name: String,
        dimension: StandardDimension,
        weight: Double,
        minimum: Int = 1,
        maximum: Int = 5,
        critical: Bool = false
    ) {
        self.id = id
        self.name = name
        self.dimension = dimension
        self.weight = weight
        self.minimum = minimum
        self.maximum = maximum
        self.critical = critical
    }

    private enum CodingKeys: String, CodingKey {
        case id
        case name
        case dimension
        case weight
        case scale
        case critical
    }

    private struct Scale: Codable {
        let minimum: Int
        let maximum: Int
    }

    /// Decodes the criterion from its documented JSON form.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed data.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: ["id", "name", "dimension", "weight", "scale", "critical"])
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let scale = try container.decodeIfPresent(Scale.self, forKey: .scale) ?? Scale(minimum: 1, maximum: 5)
        self.init(
            id: try container.decode(String.self, forKey: .id),
            name: try container.decodeIfPresent(String.self, forKey: .name) ?? "",
            dimension: try container.decode(StandardDimension.self, forKey: .dimension),
            weight: try container.decode(Double.self, forKey: .weight),
            minimum: scale.minimum,
            maximum: scale.maximum,
            critical: try container.decodeIfPresent(Bool.self, forKey: .critical) ?? false
        )
    }

    /// Encodes the criterion in its documented JSON form.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(dimension, forKey: .dimension)
        try container.encode(weight, forKey: .weight)
        try container.encode(Scale(minimum: minimum, maximum: maximum), forKey: .scale)
        try container.encode(critical, forKey: .critical)
    }
}

/// A reviewer's ratings of one interaction.
public struct InteractionReview: Sendable, Hashable, Codable {
    /// The review's identifier.
    public let id: String
    /// The case reviewed, if any.
    public let caseID: CaseID?
    /// The agent reviewed, if any.
    public let agent: AgentID?
    /// The agent's team, if any.
    public let team: TeamID?
    /// When the review was made.
    public let reviewedAt: Date
    /// Ratings by criterion identifier; a missing criterion is not applicable.
    public let ratings: [String: Int]

    /// Creates a review.
    ///
    /// - Parameters:
    ///   - id: The review's identifier.
    ///   - caseID: The case reviewed.
    ///   - agent: The agent reviewed.
    ///   - team: The agent's team.
    ///   - reviewedAt: When it was made.
    ///   - ratings: Ratings by criterion identifier.
    public init(
        id: String,
        caseID: CaseID? = nil,
        agent: AgentID? = nil,
        team: TeamID? = nil,
        reviewedAt: Date,
        ratings: [String: Int]
    ) {
        self.id = id
        self.caseID = caseID
        self.agent = agent
        self.team = team
        self.reviewedAt = reviewedAt
        self.ratings = ratings
    }
}

/// The score of one review.
public struct ReviewScore: Sendable, Hashable, Codable {
    /// The review scored.
    public let reviewID: String
    /// The overall score.
    public let overall: WeightedScore
    /// The score of each quality standard the rubric covers.
    public let byDimension: [StandardDimension: WeightedScore]
    /// The critical criteria rated at the bottom of their scale.
    public let criticalFailures: [String]
    /// Whether the review passed: no critical failure and the overall score meets the pass mark.
    public let passed: Bool
}

/// Review scores rolled up per group (agent, team, period…), mergeable and `Codable`.
///
/// JSON: `{"groups": {"A-17": {"overall": {…score…}, "byDimension": {"accuracy": {…}}, "reviews": 3, "passed": 2}}}`.
public struct QualitySummary: Sendable, Hashable, Codable {
    /// Per group key: the overall score, the per-dimension scores, and the counts of reviews and passes.
    public private(set) var groups: [String: Group] = [:]

    /// The roll-up of one group.
    public struct Group: Sendable, Hashable, Codable {
        /// All reviews' points together.
        public var overall = WeightedScore()
        /// Each quality standard's points.
        public var byDimension: [StandardDimension: WeightedScore] = [:]
        /// Reviews counted.
        public var reviews = 0
        /// Reviews that passed.
        public var passed = 0

        /// An empty roll-up.
        public init() {}

        private enum CodingKeys: String, CodingKey {
            case overall, byDimension, reviews, passed
        }

        /// Decodes a roll-up, checking its scores as `WeightedScore` does and `0 ≤ passed ≤ reviews ≤ 2⁵³`.
        ///
        /// - Parameter decoder: The decoder.
        /// - Throws: `DecodingError` naming the field for malformed or impossible data.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            overall = try container.decode(WeightedScore.self, forKey: .overall)
            byDimension = try container.decode([StandardDimension: WeightedScore].self, forKey: .byDimension)
            reviews = try container.decodeCount(forKey: .reviews)
            passed = try container.decodeCount(forKey: .passed)
            try container.require(passed <= reviews, forKey: .passed, "passed (\(passed)) cannot pass reviews")
        }

        /// Adds another roll-up.
        mutating func merge(_ other: Group) throws(ServiceStandardsError) {
            typealias Check = Checks<ServiceStandardsError>
            var merged = self
            merged.reviews = try Check.sum(reviews, other.reviews, "reviews")
            merged.passed += other.passed
            do throws(ServiceDomainError) {
                try merged.overall.merge(other.overall)
                for (dimension, points) in other.byDimension {
                    try merged.byDimension[dimension, default: WeightedScore()].merge(points)
                }
            } catch {
                throw ServiceStandardsError(error)
            }
            self = merged
        }
    }

    /// An empty summary.
    public init() {}

    /// Adds a review's score to a group.
    ///
    /// - Parameters:
    ///   - score: The score.
    ///   - group: The group key, such as an agent's identifier or `"2026-W48"`.
    /// - Throws: ``ServiceStandardsError`` with code `overflow` (path `groups[key]…`) when the group's points or
    ///   reviews would pass what a score holds; the summary is unchanged then.
    public mutating func add(_ score: ReviewScore, group: String) throws(ServiceStandardsError) {
        var review = Group()
        review.overall = score.overall
        review.byDimension = score.byDimension
        review.reviews = 1
        review.passed = score.passed ? 1 : 0
        try merge(key: group, review)
    }

    /// Adds another summary.
    ///
    /// - Parameter other: The other summary.
    /// - Throws: ``ServiceStandardsError`` with code `overflow` (path `groups[key]…`) when a group's points or
    ///   reviews would pass what a score holds; the summary is unchanged then.
    public mutating func merge(_ other: QualitySummary) throws(ServiceStandardsError) {
        var merged = self
        for (key, group) in other.groups { try merged.merge(key: key, group) }
        self = merged
    }

    private mutating func merge(key: String, _ group: Group) throws(ServiceStandardsError) {
        var current = groups[key] ?? Group()
        do throws(ServiceStandardsError) {
            try current.merge(group)
            groups[key] = current
        } catch {
            throw error.nested(under: "groups[\(key)]")
        }
    }
}
