public import Foundation
public import ServiceDomain

/// The state of a metric over some records: small, `Codable`, and mergeable.
///
/// Implementation requirements: merging must be associative and commutative, with a freshly made state as its
/// identity, so that folding shards (threads, processes, days) and merging them in any order gives the state one
/// pass over all the records gives. Memory must not grow with the number of records folded.
public protocol MetricState: Sendable, Codable, Equatable {
    /// Adds another state's records to this one.
    ///
    /// - Parameter other: A state of the same metric.
    /// - Throws: ``ServiceMetricsError`` with code `incompatibleStates` when the two were made with different
    ///   settings.
    mutating func merge(_ other: Self) throws(ServiceMetricsError)
}

/// A KPI: folds records into a mergeable state and reads a result from it.
///
/// The built-in KPIs (``FirstReplyTime``, ``ServiceLevel``, …) are metrics; ``MetricAccumulator`` groups any metric
/// by dimensions and time buckets and merges shards. To write your own, say the share of cases tagged `vip`:
///
/// ```swift
/// struct VIPShare: Metric {
///     var name: String { "vipShare" }
///     func makeState() -> ShareTally { ShareTally() }
///     func fold(_ record: Case, into state: inout ShareTally) throws(ServiceMetricsError) {
///         state.add(record.tags.contains("vip"))
///     }
///     func result(of state: ShareTally) -> Double? { state.share }
/// }
/// var accumulator = MetricAccumulator(VIPShare(), by: [.channel])
/// for ticket in tickets { try accumulator.add(ticket) }
/// ```
///
/// Implementation requirements: `fold` either adds the record or throws and leaves the state unchanged; the state
/// follows ``MetricState``'s rules; everything is a value (no shared mutable state).
public protocol Metric<Record>: Sendable {
    /// What the metric reads: `Case`, `Contact`, or your own type.
    associatedtype Record
    /// The mergeable state.
    associatedtype State: MetricState
    /// What a state answers.
    associatedtype Result

    /// The metric's name, the stem of its measurement indicators.
    var name: String { get }

    /// A state holding no records.
    ///
    /// - Returns: The empty state.
    func makeState() -> State

    /// Adds a record.
    ///
    /// - Parameters:
    ///   - record: The record.
    ///   - state: The state to add it to; unchanged when the call throws.
    /// - Throws: ``ServiceMetricsError`` for a record the metric cannot use.
    func fold(_ record: Record, into state: inout State) throws(ServiceMetricsError)

    /// The result of a state.
    ///
    /// - Parameter state: The state.
    /// - Returns: The result.
    func result(of state: State) -> Result

    /// The state's figures as measurements, for audits and reports.
    ///
    /// - Parameters:
    ///   - state: The state.
    ///   - period: The period the records cover.
    ///   - scope: What the figures are about.
    /// - Returns: The measurements; by default none.
    func measurements(of state: State, period: DateInterval, scope: MeasurementScope) -> [ServiceMeasurement]
}

extension Metric {
    /// A shard's state for a group new to an accumulator: merged into this metric's empty state, so that a state made
    /// with other settings (another accuracy or threshold) is refused rather than taken in as it is.
    ///
    /// - Throws: The state's merge error, its path under `groups[key]`.
    func adopting(_ state: State, group key: [String]) throws(ServiceMetricsError) -> State {
        var fresh = makeState()
        do {
            try fresh.merge(state)
        } catch {
            throw error.nested(under: "groups[\(key.joined(separator: ","))]")
        }
        return fresh
    }

    /// No measurements.
    ///
    /// - Parameters:
    ///   - state: The state.
    ///   - period: The period.
    ///   - scope: The scope.
    /// - Returns: An empty array.
    public func measurements(of state: State, period: DateInterval, scope: MeasurementScope) -> [ServiceMeasurement] {
        []
    }

    /// The result over a sequence of records, in one pass.
    ///
    /// - Parameter records: The records.
    /// - Returns: The result.
    /// - Throws: The first record's error, its path prefixed with `records[i]`.
    public func evaluate(_ records: some Sequence<Record>) throws(ServiceMetricsError) -> Result {
        var state = makeState()
        for (position, record) in records.enumerated() {
            do {
                try fold(record, into: &state)
            } catch {
                throw error.nested(under: "records[\(position)]")
            }
        }
        return result(of: state)
    }
}

/// A count of yes/no outcomes: the state of rate KPIs (first-contact resolution, reopen rate).
public struct ShareTally: MetricState, Hashable {
    /// Records that counted as yes.
    public private(set) var hits = 0
    /// Records counted.
    public private(set) var total = 0

    /// An empty tally.
    public init() {}

    /// Counts one record.
    ///
    /// - Parameter hit: Whether it counts as yes.
    public mutating func add(_ hit: Bool) {
        total += 1
        if hit { hits += 1 }
    }

    /// `hits ÷ total`, or `nil` when nothing was counted.
    public var share: Double? { total == 0 ? nil : Double(hits) / Double(total) }

    /// Adds another tally.
    ///
    /// - Parameter other: The other tally.
    /// - Throws: ``ServiceMetricsError`` with code `overflow` (path `total`) past 2⁵³; unchanged then.
    public mutating func merge(_ other: ShareTally) throws(ServiceMetricsError) {
        let merged = try Check.sum(total, other.total, "total")
        hits += other.hits
        total = merged
    }

    private enum CodingKeys: String, CodingKey {
        case hits
        case total
    }

    /// Decodes a tally, checking `0 ≤ hits ≤ total ≤ 2⁵³`.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed or impossible data.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        hits = try container.decodeCount(forKey: .hits)
        total = try container.decodeCount(forKey: .total)
        try container.require(hits <= total, forKey: .hits, "hits \(hits) must lie in 0...total (\(total))")
    }
}
