import Foundation
import ServiceDomain

/// Importance–performance analysis (Martilla and James, 1977): each attribute placed in a quadrant by whether its
/// importance and its performance are above the cut-offs (by default the means over the attributes).
public enum ImportancePerformance: Sendable {
    /// A quadrant of the grid.
    public enum Quadrant: String, Sendable, Hashable, Codable {
        /// Important and under-performing: where improvement pays most.
        case concentrateHere
        /// Important and performing well.
        case keepUpTheGoodWork
        /// Unimportant and under-performing.
        case lowPriority
        /// Unimportant but performing well: effort that may be better spent elsewhere.
        case possibleOverkill
    }

    /// An attribute's figures.
    public struct Attribute: Sendable, Hashable, Codable {
        /// The attribute's name.
        public let name: String
        /// Its importance (mean rating, or derived importance).
        public let importance: Double
        /// Its performance (mean rating).
        public let performance: Double

        /// Creates an attribute.
        ///
        /// - Parameters:
        ///   - name: The name.
        ///   - importance: The importance.
        ///   - performance: The performance.
        public init(name: String, importance: Double, performance: Double) {
            self.name = name
            self.importance = importance
            self.performance = performance
        }
    }

    /// Places attributes in quadrants; a value equal to its cut-off counts as high.
    ///
    /// - Parameters:
    ///   - attributes: The attributes; at least one.
    ///   - importanceCut: The importance cut-off; the mean importance by default.
    ///   - performanceCut: The performance cut-off; the mean performance by default.
    /// - Returns: Each attribute's quadrant, in the given order.
    /// - Throws: ``ServiceSatisfactionError`` with code `empty` (path `attributes`) or `nonFinite` (path
    ///   `attributes[i]`).
    public static func classify(
        _ attributes: [Attribute],
        importanceCut: Double? = nil,
        performanceCut: Double? = nil
    ) throws(ServiceSatisfactionError) -> [(name: String, quadrant: Quadrant)] {
        guard !attributes.isEmpty else { throw ServiceSatisfactionError(.empty, at: "attributes", "no attributes") }
        for (index, attribute) in attributes.enumerated()
        where !attribute.importance.isFinite || !attribute.performance.isFinite {
            throw ServiceSatisfactionError(
                .nonFinite,
                at: "attributes[\(index)]",
                "\(attribute.name) has a non-finite figure"
            )
        }
        let importanceLine = importanceCut ?? attributes.map(\.importance).reduce(0, +) / Double(attributes.count)
        let performanceLine = performanceCut ?? attributes.map(\.performance).reduce(0, +) / Double(attributes.count)
        return attributes.map { attribute in
            let important = attribute.importance >= importanceLine
            let performing = attribute.performance >= performanceLine
            let quadrant: Quadrant
            switch (important, performing) {
            case (true, false): quadrant = .concentrateHere
            case (true, true): quadrant = .keepUpTheGoodWork
            case (false, false): quadrant = .lowPriority
            case (false, true): quadrant = .possibleOverkill
            }
            return (attribute.name, quadrant)
        }
    }
}

extension ImportancePerformance {
    /// Where the grid's lines cross.
    public enum Crosshair: Sendable, Hashable, Codable {
        /// The means over the attributes (Martilla and James's data-centred grid).
        case dataMeans
        /// The midpoints of the scales each axis was measured on (a 1–5 scale's 3): the scale-centred grid, which
        /// does not move when every attribute improves.
        case scaleMidpoints(importance: ClosedRange<Double>, performance: ClosedRange<Double>)
        /// Lines given by the analyst.
        case fixed(importance: Double, performance: Double)
    }

    /// One attribute's place on the grid.
    public struct Placement: Sendable, Hashable, Codable {
        /// The attribute.
        public let attribute: Attribute
        /// Its quadrant.
        public let quadrant: Quadrant
    }

    /// A grid: the crosshair used and every attribute's quadrant.
    public struct Grid: Sendable, Hashable, Codable {
        /// The importance line.
        public let importanceLine: Double
        /// The performance line.
        public let performanceLine: Double
        /// How the lines were chosen.
        public let crosshair: Crosshair
        /// The attributes in the given order.
        public let placements: [Placement]
    }

    /// Places attributes on a grid whose crosshair is stated and returned; a value on a line counts as high.
    ///
    /// - Parameters:
    ///   - attributes: The attributes; at least one.
    ///   - crosshair: Where the lines cross: the data means (the default), the scales' midpoints, or given values.
    /// - Returns: The grid, with the lines used.
    /// - Throws: ``ServiceSatisfactionError`` with code `empty` (path `attributes`), `nonFinite` (path
    ///   `attributes[i]` or `crosshair`), or `outOfRange` (path `crosshair`) for an empty scale range.
    public static func grid(_ attributes: [Attribute], crosshair: Crosshair = .dataMeans)
        throws(ServiceSatisfactionError) -> Grid
    {
        let importance: Double
        let performance: Double
        switch crosshair {
        case .dataMeans:
            guard !attributes.isEmpty else {
                throw ServiceSatisfactionError(.empty, at: "attributes", "no attributes")
            }
            importance = attributes.map(\.importance).reduce(0, +) / Double(attributes.count)
            performance = attributes.map(\.performance).reduce(0, +) / Double(attributes.count)
        case .scaleMidpoints(let importanceScale, let performanceScale):
            for range in [importanceScale, performanceScale] {
                guard range.lowerBound.isFinite, range.upperBound.isFinite else {
                    throw ServiceSatisfactionError(.nonFinite, at: "crosshair", "a scale's ends must be finite")
                }
                guard range.upperBound > range.lowerBound else {
                    throw ServiceSatisfactionError(.outOfRange, at: "crosshair", "a scale needs two different ends")
                }
            }
            importance = (importanceScale.lowerBound + importanceScale.upperBound) / 2
            performance = (performanceScale.lowerBound + performanceScale.upperBound) / 2
        case .fixed(let i, let p):
            guard i.isFinite, p.isFinite else {
                throw ServiceSatisfactionError(.nonFinite, at: "crosshair", "the lines must be finite")
            }
            (importance, performance) = (i, p)
        }
        let placed = try classify(attributes, importanceCut: importance, performanceCut: performance)
        return Grid(
            importanceLine: importance,
            performanceLine: performance,
            crosshair: crosshair,
            placements: zip(attributes, placed).map { Placement(attribute: $0, quadrant: $1.quadrant) }
        )
    }
}

/// Customer retention over a period: the economics behind excellent service (keeping customers costs less than
/// finding new ones).
public struct CustomerRetention: Sendable, Hashable, Codable {
    /// Customers at the start of the period.
    public let atStart: Int
    /// Customers at the end.
    public let atEnd: Int
    /// Customers gained during the period.
    public let gained: Int

    /// Creates the figures.
    ///
    /// - Parameters:
    ///   - atStart: Customers at the start; positive.
    ///   - atEnd: Customers at the end; not negative.
    ///   - gained: New customers in the period; at most `atEnd`, and `atEnd − gained` at most `atStart`.
    /// - Throws: ``ServiceSatisfactionError`` with code `outOfRange` or `inconsistent` and the argument's path.
    public init(atStart: Int, atEnd: Int, gained: Int) throws(ServiceSatisfactionError) {
        guard atStart > 0 else {
            throw ServiceSatisfactionError(.outOfRange, at: "atStart", "no customers at the start")
        }
        guard atEnd >= 0, gained >= 0 else {
            throw ServiceSatisfactionError(.outOfRange, at: atEnd < 0 ? "atEnd" : "gained", "counts cannot be negative")
        }
        guard gained <= atEnd, atEnd - gained <= atStart else {
            throw ServiceSatisfactionError(
                .inconsistent,
                at: "gained",
                "\(atEnd) at the end less \(gained) gained must lie between 0 and the \(atStart) at the start"
            )
        }
        self.atStart = atStart
        self.atEnd = atEnd
        self.gained = gained
    }

    /// Customer retention rate `(E − N) / S`: the share of the starting customers still customers at the end.
    public var retentionRate: Double { Double(atEnd - gained) / Double(atStart) }

    /// Churn rate, `1 − retention`.
    public var churnRate: Double { 1 - retentionRate }

    /// The share of customers who bought at least twice among those who bought at least once.
    ///
    /// - Parameters:
    ///   - repeatBuyers: Customers with two or more purchases in the period.
    ///   - buyers: Customers with at least one.
    /// - Returns: The rate, or `nil` without buyers.
    /// - Throws: ``ServiceSatisfactionError`` with code `outOfRange` (path `repeatBuyers`) unless
    ///   `0 ≤ repeatBuyers ≤ buyers`.
    public static func repeatPurchaseRate(repeatBuyers: Int, buyers: Int) throws(ServiceSatisfactionError) -> Double? {
        guard repeatBuyers >= 0, repeatBuyers <= max(buyers, 0) else {
            throw ServiceSatisfactionError(.outOfRange, at: "repeatBuyers", "repeat buyers must lie in 0…buyers")
        }
        return buyers <= 0 ? nil : Double(repeatBuyers) / Double(buyers)
    }
}
