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

    /// Creates an instrument.
    ///
    /// - Parameters:
    ///   - items: The items: unique identifiers, every dimension present.
    ///   - scale: The answer scale.
    /// - Throws: ``ServiceSatisfactionError`` with code `duplicateIdentifier` (path `items[i].id`) or `empty` (path
    ///   `items`) when a dimension has no item.
    public init(items: [ServqualItem], scale: RatingScale = .likert7) throws(ServiceSatisfactionError) {
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
    }

    /// A 22-item instrument with the original's shape.
    ///
    /// 4 tangibles, 5 reliability, 4 responsiveness, 4 assurance and 5 empathy items on a 7-point scale, identified `TAN1`…`TAN4`, `REL1`…`REL5`, `RSP1`…`RSP4`, `ASU1`…`ASU4` and
    /// `EMP1`…`EMP5`. The statements are this library's paraphrases; use your own wording with
    /// ``init(items:scale:)``.
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

    /// Adds a respondent's answers; items a respondent skipped are left out of that item's means.
    ///
    /// - Parameter response: The answers.
    /// - Throws: ``ServiceSatisfactionError``: `outOfRange` for an item not in the instrument (path
    ///   `expectations.<id>` or `perceptions.<id>`), `outOfRange`/`nonFinite` for a score that is not a point of
    ///   the scale, and `inconsistent` (path `importance`) for importance points that are negative or do not sum to
    ///   100. The tally is unchanged then.
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
            for (dimension, value) in points { importance[dimension, default: 0] += value }
            importanceCount += 1
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
