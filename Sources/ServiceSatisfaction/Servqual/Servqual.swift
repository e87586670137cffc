import Foundation
import ServiceDomain

/// The five dimensions of service quality in the SERVQUAL gap model (Parasuraman, Zeithaml and Berry, 1988).
public enum ServqualDimension: String, Sendable, Hashable, Codable, CodingKeyRepresentable, CaseIterable, Comparable {
    /// Physical facilities, equipment and the appearance of staff.
    case tangibles
    /// Performing the promised service dependably and accurately.
    case reliability
    /// Willingness to help customers and give prompt service.
    case responsiveness
    /// Knowledge and courtesy of staff and their ability to inspire trust.
    case assurance
    /// Caring, individual attention to customers.
    case empathy

    /// Orders dimensions as the model lists them.
    ///
    /// - Parameters:
    ///   - lhs: A dimension.
    ///   - rhs: Another.
    /// - Returns: Whether `lhs` comes first.
    public static func < (lhs: ServqualDimension, rhs: ServqualDimension) -> Bool {
        let order = allCases
        return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
    }
}

/// One paired item of a SERVQUAL questionnaire: the same statement asked as an expectation and as a perception.
public struct ServqualItem: Sendable, Hashable, Codable {
    /// The item's identifier, such as `REL1`.
    public let id: String
    /// Its dimension.
    public let dimension: ServqualDimension
    /// The statement, in the instrument's own words.
    public let statement: String

    /// Creates an item.
    ///
    /// - Parameters:
    ///   - id: The identifier.
    ///   - dimension: The dimension.
    ///   - statement: The statement.
    public init(id: String, dimension: ServqualDimension, statement: String) {
        self.id = id
        self.dimension = dimension
        self.statement = statement
    }
}

/// A SERVQUAL questionnaire: its items and the agreement scale both halves are answered on.
public struct ServqualInstrument: Sendable, Hashable, Codable {
    /// The items.
    public let items: [ServqualItem]
    /// The answer scale; 7-point agreement in the original.
    public let scale: RatingScale
    /// Whether a response may leave items unanswered (left out of those items' means); `false` by default, when a
    /// response must answer both halves of every item.
    public let allowsMissingAnswers: Bool

    /// Creates an instrument.
    ///
    /// JSON: `{"items": […], "scale": {…}}`, with `"allowsMissingAnswers": true` when it is allowed.
    ///
    /// - Parameters:
    ///   - items: The items: unique identifiers, every dimension present.
    ///   - scale: The answer scale.
    ///   - allowsMissingAnswers: Whether a response may skip items.
    /// - Throws: ``ServiceSatisfactionError`` with code `duplicateIdentifier` (path `items[i].id`) or `empty` (path
    ///   `items`) when a dimension has no item.
    public init(
        items: [ServqualItem],
        scale: RatingScale = .likert7,
        allowsMissingAnswers: Bool = false
    ) throws(ServiceSatisfactionError) {
        var seen: Set<String> = []
        for (index, item) in items.enumerated() where !seen.insert(item.id).inserted {
            throw ServiceSatisfactionError(
                .duplicateIdentifier,
                at: "items[\(index)].id",
                "item \(item.id) appears twice"
            )
        }
        for dimension in ServqualDimension.allCases where !items.contains(where: { $0.dimension == dimension }) {
            throw ServiceSatisfactionError(.empty, at: "items", "no item measures \(dimension.rawValue)")
        }
        self.items = items
        self.scale = scale
        self.allowsMissingAnswers = allowsMissingAnswers
    }

    private enum CodingKeys: String, CodingKey {
        case items
        case scale
        case allowsMissingAnswers
    }

    /// Decodes an instrument, checking it as the initialiser does.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed data or an instrument the initialiser refuses.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                items: container.decode([ServqualItem].self, forKey: .items),
                scale: container.decode(RatingScale.self, forKey: .scale),
                allowsMissingAnswers: container.decodeIfPresent(Bool.self, forKey: .allowsMissingAnswers) ?? false
            )
        } catch let error as ServiceSatisfactionError {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: container.codingPath, debugDescription: error.description)
            )
        }
    }

    /// Encodes the documented form.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(scale, forKey: .scale)
        if allowsMissingAnswers { try container.encode(true, forKey: .allowsMissingAnswers) }
    }

    /// A 22-item instrument with the original's shape.
    ///
    /// 4 tangibles, 5 reliability, 4 responsiveness, 4 assurance and 5 empathy items on a 7-point scale, identified `TAN1`…`TAN4`, `REL1`…`REL5`, `RSP1`…`RSP4`, `ASU1`…`ASU4` and
    /// `EMP1`…`EMP5`. The statements are this library's paraphrases; use your own wording with
    /// ``init(items:scale:allowsMissingAnswers:)``.
    public static let standard: ServqualInstrument = {
        let statements: [(ServqualDimension, [String])] = [
            (
                .tangibles,
                [
                    "Equipment is modern.", "Facilities look appealing.", "Staff look neat and professional.",
                    "Materials such as leaflets and statements are clear and attractive.",
                ]
            ),
            (
                .reliability,
                [
                    "Things promised by a given time are done by then.",
                    "Customers' problems are handled with real interest.",
                    "The service is right the first time.", "The service is delivered when promised.",
                    "Records are kept free of errors.",
                ]
            ),
            (
                .responsiveness,
                [
                    "Customers are told exactly when things will be done.", "Service is prompt.",
                    "Staff are always willing to help.", "Staff are never too busy to respond.",
                ]
            ),
            (
                .assurance,
                [
                    "Staff behaviour instils confidence.", "Customers feel safe in their dealings.",
                    "Staff are consistently courteous.", "Staff know enough to answer questions.",
                ]
            ),
            (
                .empathy,
                [
                    "Customers get individual attention.", "Opening hours suit all customers.",
                    "Staff give customers personal attention.", "Customers' best interests come first.",
                    "Staff understand customers' specific needs.",
                ]
            ),
        ]
        let prefixes: [ServqualDimension: String] = [
            .tangibles: "TAN", .reliability: "REL", .responsiveness: "RSP", .assurance: "ASU", .empathy: "EMP",
        ]
        var items: [ServqualItem] = []
        for (dimension, texts) in statements {
            let prefix = prefixes[dimension] ?? dimension.rawValue
            for (index, text) in texts.enumerated() {
                items.append(ServqualItem(id: "\(prefix)\(index + 1)", dimension: dimension, statement: text))
            }
        }
        return ServqualInstrument(unchecked: items, scale: .likert7)
    }()

    private init(unchecked items: [ServqualItem], scale: RatingScale) {
        self.items = items
        self.scale = scale
        self.allowsMissingAnswers = false
    }
}

/// One respondent's SERVQUAL answers: expectation and perception per item, and optionally the 100 importance
/// points the respondent allocated across the five dimensions.
public struct ServqualResponse: Sendable, Hashable, Codable {
    /// The respondent, used in error messages.
    public let respondent: String
    /// Expectation scores by item identifier.
    public let expectations: [String: Double]
    /// Perception scores by item identifier.
    public let perceptions: [String: Double]
    /// Importance points by dimension, summing to 100, if asked.
    public let importance: [ServqualDimension: Double]?

    /// Creates a response.
    ///
    /// - Parameters:
    ///   - respondent: The respondent.
    ///   - expectations: Expectation scores by item.
    ///   - perceptions: Perception scores by item.
    ///   - importance: Importance points by dimension.
    public init(
        respondent: String,
        expectations: [String: Double],
        perceptions: [String: Double],
        importance: [ServqualDimension: Double]? = nil
    ) {
        self.respondent = respondent
        self.expectations = expectations
        self.perceptions = perceptions
        self.importance = importance
    }
}

/// SERVQUAL answers summed per item and dimension: mergeable, and enough for every gap score.
public struct ServqualTally: Sendable, Hashable, Codable {
    /// The instrument.
    public let instrument: ServqualInstrument
    /// Per item: answers counted, and the sums of expectation and perception scores.
    public private(set) var items: [String: ItemSums]
    /// Importance points summed per dimension, and how many respondents gave them.
    public private(set) var importance: [ServqualDimension: Double] = [:]
    /// Respondents who allocated importance points.
    public private(set) var importanceCount = 0
    /// Respondents added.
    public private(set) var respondents = 0
    /// The sum over respondents who allocated importance points (and whose every dimension has a gap) of their own
    /// importance-weighted gap, `Σ_d points_d/100 × gap_d` on their own answers.
    public private(set) var respondentWeightedGaps = 0.0
    /// How many respondents ``respondentWeightedGaps`` adds up.
    public private(set) var respondentWeightedCount = 0

    /// Sums for one item.
    public struct ItemSums: Sendable, Hashable, Codable {
        /// Respondents who answered both halves.
        public var count = 0
        /// The sum of their expectation scores.
        public var expectation = 0.0
        /// The sum of their perception scores.
        public var perception = 0.0
        /// Respondents who answered the perception half (for SERVPERF).
        public var perceptionCount = 0
        /// The sum of all perception scores (for SERVPERF).
        public var perceptionOnly = 0.0
    }

    /// An empty tally.
    ///
    /// - Parameter instrument: The instrument.
    public init(instrument: ServqualInstrument = .standard) {
        self.instrument = instrument
        self.items = Dictionary(instrument.items.map { ($0.id, ItemSums()) }) { first, _ in first }
    }

    private enum CodingKeys: String, CodingKey {
        case instrument
        case items
        case importance
        case importanceCount
        case respondents
        case respondentWeightedGaps
        case respondentWeightedCount
    }

    /// Encodes the documented form (the per-respondent weighted gaps only when there are some).
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(instrument, forKey: .instrument)
        try container.encode(items, forKey: .items)
        try container.encode(importance, forKey: .importance)
        try container.encode(importanceCount, forKey: .importanceCount)
        try container.encode(respondents, forKey: .respondents)
        if respondentWeightedCount > 0 {
            try container.encode(respondentWeightedGaps, forKey: .respondentWeightedGaps)
            try container.encode(respondentWeightedCount, forKey: .respondentWeightedCount)
        }
    }

    /// Decodes a tally, checking that its items are the instrument's and that no count or sum is impossible: counts
    /// from 0 to 2⁵³ (respondents at least every item's, perception answers at least the paired ones), every sum of
    /// scores between its count times the scale's lowest and highest point, and importance points finite, not
    /// negative and adding up to 100 per respondent who gave them.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` naming the field for malformed or impossible data.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        instrument = try container.decode(ServqualInstrument.self, forKey: .instrument)
        items = try container.decode([String: ItemSums].self, forKey: .items)
        importance = try container.decode([ServqualDimension: Double].self, forKey: .importance)
        importanceCount = try container.decodeCount(forKey: .importanceCount)
        respondents = try container.decodeCount(forKey: .respondents)
        respondentWeightedGaps = try container.decodeIfPresent(Double.self, forKey: .respondentWeightedGaps) ?? 0
        respondentWeightedCount =
            container.contains(.respondentWeightedCount)
            ? try container.decodeCount(forKey: .respondentWeightedCount) : 0
        let span = Double(instrument.scale.maximum - instrument.scale.minimum)
        try container.require(
            respondentWeightedCount <= importanceCount && respondentWeightedGaps.isFinite
                && abs(respondentWeightedGaps) <= span * Double(respondentWeightedCount) * (1 + 1e-12),
            forKey: .respondentWeightedGaps,
            "respondentWeightedGaps must be finite, within ±\(span) per respondent, for at most importanceCount"
        )
        try container.require(
            Set(items.keys) == Set(instrument.items.map(\.id)),
            forKey: .items,
            "the items must be the instrument's, each once"
        )
        let low = Double(instrument.scale.minimum)
        let high = Double(instrument.scale.maximum)
        func within(_ sum: Double, _ count: Int) -> Bool {
            sum.isFinite && sum >= low * Double(count) && sum <= high * Double(count)
        }
        for (id, sums) in items.sorted(by: { $0.key < $1.key }) {
            try container.require(
                sums.count >= 0 && sums.count <= sums.perceptionCount && sums.perceptionCount <= respondents,
                forKey: .items,
                "items.\(id): 0 ≤ count ≤ perceptionCount ≤ respondents must hold"
            )
            try container.require(
                within(sums.expectation, sums.count) && within(sums.perception, sums.count)
                    && within(sums.perceptionOnly, sums.perceptionCount),
                forKey: .items,
                "items.\(id): each sum of scores must lie between its count times \(low) and \(high)"
            )
        }
        try container.require(
            importanceCount <= respondents,
            forKey: .importanceCount,
            "importanceCount (\(importanceCount)) cannot pass respondents (\(respondents))"
        )
        let points = importance.values.reduce(0, +)
        try container.require(
            importance.values.allSatisfy { $0.isFinite && $0 >= 0 }
                && abs(points - 100 * Double(importanceCount)) <= 1e-9 * Swift.max(points, 1),
            forKey: .importance,
            "importance points must be finite, not negative, and 100 per respondent who gave them"
        )
    }

    /// Adds a respondent's answers.
    ///
    /// A response must answer both halves of every item unless the instrument allows missing answers; then items a
    /// respondent skipped are left out of those items' means.
    ///
    /// - Parameter response: The answers.
    /// - Throws: ``ServiceSatisfactionError``: `outOfRange` for an item not in the instrument (path
    ///   `expectations.<id>` or `perceptions.<id>`), `empty` for an item not answered when answers may not be
    ///   missing (the same paths), `outOfRange`/`nonFinite` for a score that is not a point of the scale, and
    ///   `inconsistent` (path `importance`) for importance points that are negative or do not sum to 100. The tally
    ///   is unchanged then.
    public mutating func add(_ response: ServqualResponse) throws(ServiceSatisfactionError) {
        let scale = instrument.scale
        for (half, scores) in [("expectations", response.expectations), ("perceptions", response.perceptions)] {
            for (id, score) in scores.sorted(by: { $0.key < $1.key }) {
                guard items[id] != nil else {
                    throw ServiceSatisfactionError(
                        .outOfRange,
                        at: "\(half).\(id)",
                        "respondent \(response.respondent): \(id) is not an item of the instrument"
                    )
                }
                guard score.isFinite else {
                    throw ServiceSatisfactionError(
                        .nonFinite,
                        at: "\(half).\(id)",
                        "respondent \(response.respondent): not finite"
                    )
                }
                guard score.rounded() == score, score >= Double(scale.minimum), score <= Double(scale.maximum) else {
                    throw ServiceSatisfactionError(
                        .outOfRange,
                        at: "\(half).\(id)",
                        "respondent \(response.respondent): \(score) is not a point of \(scale.minimum)…\(scale.maximum)"
                    )
                }
            }
        }
        if let points = response.importance {
            let total = points.values.reduce(0, +)
            guard points.values.allSatisfy({ $0.isFinite && $0 >= 0 }), abs(total - 100) <= 1e-9 else {
                throw ServiceSatisfactionError(
                    .inconsistent,
                    at: "importance",
                    "respondent \(response.respondent): importance points must be non-negative and sum to 100, not \(total)"
                )
            }
        }
        if !instrument.allowsMissingAnswers {
            for item in instrument.items {
                for (half, scores) in [("expectations", response.expectations), ("perceptions", response.perceptions)]
                where scores[item.id] == nil {
                    throw ServiceSatisfactionError(
                        .empty,
                        at: "\(half).\(item.id)",
                        "respondent \(response.respondent): \(item.id) is not answered, and the instrument needs every item"
                    )
                }
            }
        }
        if let points = response.importance {
            for (dimension, value) in points { importance[dimension, default: 0] += value }
            importanceCount += 1
            if let own = Self.weightedGap(of: response, instrument: instrument, points: points) {
                respondentWeightedGaps += own
                respondentWeightedCount += 1
            }
        }
        for (id, perception) in response.perceptions {
            items[id]?.perceptionCount += 1
            items[id]?.perceptionOnly += perception
            if let expectation = response.expectations[id] {
                items[id]?.count += 1
                items[id]?.expectation += expectation
                items[id]?.perception += perception
            }
        }
        respondents += 1
    }

    /// Adds another tally.
    ///
    /// - Parameter other: A tally of the same instrument.
    /// - Throws: ``ServiceSatisfactionError`` with code `differentScales` for another instrument, `overflow` (path
    ///   `respondents`) past 2⁵³; unchanged then.
    public mutating func merge(_ other: ServqualTally) throws(ServiceSatisfactionError) {
        guard other.instrument == instrument else {
            throw ServiceSatisfactionError(.differentScales, at: "instrument", "the tallies use different instruments")
        }
        // Every count is at most the respondents', so one check covers them all.
        _ = try Check.sum(respondents, other.respondents, "respondents")
        for (id, sums) in other.items {
            items[id]?.count += sums.count
            items[id]?.expectation += sums.expectation
            items[id]?.perception += sums.perception
            items[id]?.perceptionCount += sums.perceptionCount
            items[id]?.perceptionOnly += sums.perceptionOnly
        }
        for (dimension, value) in other.importance { importance[dimension, default: 0] += value }
        importanceCount += other.importanceCount
        respondents += other.respondents
        respondentWeightedGaps += other.respondentWeightedGaps
        respondentWeightedCount += other.respondentWeightedCount
    }

    /// One respondent's own importance-weighted gap: `Σ_d points_d/100 × (mean of the respondent's item gaps in d)`;
    /// `nil` when a dimension has no item the respondent answered both halves of.
    static func weightedGap(
        of response: ServqualResponse,
        instrument: ServqualInstrument,
        points: [ServqualDimension: Double]
    ) -> Double? {
        var sums: [ServqualDimension: (Double, Int)] = [:]
        for item in instrument.items {
            guard let e = response.expectations[item.id], let p = response.perceptions[item.id] else { continue }
            let current = sums[item.dimension] ?? (0, 0)
            sums[item.dimension] = (current.0 + p - e, current.1 + 1)
        }
        guard sums.count == ServqualDimension.allCases.count else { return nil }
        return ServqualDimension.allCases.reduce(0) { total, dimension in
            let (sum, count) = sums[dimension] ?? (0, 1)
            return total + (points[dimension] ?? 0) / 100 * sum / Double(count)
        }
    }

    /// The gap (mean perception − mean expectation over respondents who answered both) of each item answered.
    public var itemGaps: [String: Double] {
        items.compactMapValues { $0.count == 0 ? nil : ($0.perception - $0.expectation) / Double($0.count) }
    }

    /// The gap of each dimension: the mean of its items' gaps (items nobody answered left out).
    public var dimensionGaps: [ServqualDimension: Double] {
        average(itemGaps)
    }

    /// The overall gap: the mean of the five dimension gaps (not of the 22 item gaps, which would over-weight the
    /// dimensions with more items); `nil` unless every dimension has a gap.
    public var overallGap: Double? {
        let gaps = dimensionGaps
        guard gaps.count == ServqualDimension.allCases.count else { return nil }
        return gaps.values.reduce(0, +) / Double(gaps.count)
    }

    /// The importance-weighted overall gap: each dimension's gap × its mean share of the importance points; `nil`
    /// without importance answers or without every dimension's gap.
    public var weightedGap: Double? {
        let gaps = dimensionGaps
        guard importanceCount > 0, gaps.count == ServqualDimension.allCases.count else { return nil }
        return ServqualDimension.allCases.reduce(0) { sum, dimension in
            sum + (gaps[dimension] ?? 0) * (importance[dimension] ?? 0) / (100 * Double(importanceCount))
        }
    }

    /// SERVPERF (Cronin and Taylor, 1992): perceptions only — the mean perception of each dimension (the mean of its
    /// items' means).
    public var performanceByDimension: [ServqualDimension: Double] {
        average(
            items.compactMapValues { $0.perceptionCount == 0 ? nil : $0.perceptionOnly / Double($0.perceptionCount) }
        )
    }

    /// SERVPERF overall: the mean of the five dimensions' perception means; `nil` unless every dimension has one.
    public var performance: Double? {
        let means = performanceByDimension
        guard means.count == ServqualDimension.allCases.count else { return nil }
        return means.values.reduce(0, +) / Double(means.count)
    }

    /// The importance-weighted gap from each respondent's own points.
    ///
    /// The mean over respondents who allocated points
    /// (and answered every dimension) of `Σ_d points_d/100 × their own gap in d`; `nil` without such respondents.
    /// ``weightedGap`` is the other convention, the overall dimension gaps weighted by the mean allocation.
    public var weightedGapPerRespondent: Double? {
        respondentWeightedCount == 0 ? nil : respondentWeightedGaps / Double(respondentWeightedCount)
    }

    /// SERVPERF overall as the mean of every item's mean perception.
    ///
    /// Items with more answers do not count more; the
    /// dimensions with more items do); `nil` unless every item has a perception. ``performance`` is the mean of
    /// the dimension means.
    public var performanceOverItems: Double? {
        var total = 0.0
        for item in instrument.items {
            guard let sums = items[item.id], sums.perceptionCount > 0 else { return nil }
            total += sums.perceptionOnly / Double(sums.perceptionCount)
        }
        return total / Double(instrument.items.count)
    }

    /// Per dimension in the model's order, the mean expectation, perception and gap (each the mean of its items'
    /// means over respondents who answered both halves), item by item; dimensions without such answers are left out.
    public var dimensionSummaries: [ServqualDimensionSummary] {
        ServqualDimension.allCases.compactMap { dimension in
            let lines = instrument.items.filter { $0.dimension == dimension }.compactMap {
                item -> ServqualItemSummary? in
                guard let sums = items[item.id], sums.count > 0 else { return nil }
                let n = Double(sums.count)
                return ServqualItemSummary(
                    id: item.id,
                    respondents: sums.count,
                    expectation: sums.expectation / n,
                    perception: sums.perception / n,
                    gap: (sums.perception - sums.expectation) / n
                )
            }
            guard !lines.isEmpty else { return nil }
            let count = Double(lines.count)
            return ServqualDimensionSummary(
                dimension: dimension,
                expectation: lines.reduce(0) { $0 + $1.expectation } / count,
                perception: lines.reduce(0) { $0 + $1.perception } / count,
                gap: lines.reduce(0) { $0 + $1.gap } / count,
                items: lines
            )
        }
    }

    private func average(_ byItem: [String: Double]) -> [ServqualDimension: Double] {
        var sums: [ServqualDimension: (Double, Int)] = [:]
        for item in instrument.items {
            guard let value = byItem[item.id] else { continue }
            let current = sums[item.dimension] ?? (0, 0)
            sums[item.dimension] = (current.0 + value, current.1 + 1)
        }
        return sums.mapValues { $0.0 / Double($0.1) }
    }
}

/// One item's means over the respondents who answered both halves.
public struct ServqualItemSummary: Sendable, Hashable, Codable {
    /// The item.
    public let id: String
    /// Respondents who answered both halves.
    public let respondents: Int
    /// Mean expectation.
    public let expectation: Double
    /// Mean perception.
    public let perception: Double
    /// Mean perception − mean expectation.
    public let gap: Double
}

/// One dimension's mean expectation, perception and gap (means of its items' means), with its items.
public struct ServqualDimensionSummary: Sendable, Hashable, Codable {
    /// The dimension.
    public let dimension: ServqualDimension
    /// The mean of its items' mean expectations.
    public let expectation: Double
    /// The mean of its items' mean perceptions.
    public let perception: Double
    /// The mean of its items' gaps (equal to perception − expectation).
    public let gap: Double
    /// Its items, in the instrument's order.
    public let items: [ServqualItemSummary]
}
