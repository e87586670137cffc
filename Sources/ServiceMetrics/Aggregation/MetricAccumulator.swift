public import Foundation
public import ServiceDomain

/// A metric's states by group: one state per combination of dimension values.
///
/// JSON: `{"dimensions": ["channel"], "groups": [{"key": ["email"], "state": {…}}, …]}`, groups sorted by key.
public struct GroupedState<State: MetricState>: MetricState {
    /// The grouping dimensions' names.
    public let dimensions: [String]
    /// The state of each group, by its values (one per dimension; `[]` for the single group when there are none).
    public private(set) var groups: [[String]: State]

    /// An empty grouping.
    ///
    /// - Parameter dimensions: The dimensions' names.
    public init(dimensions: [String]) {
        self.dimensions = dimensions
        self.groups = [:]
    }

    init(dimensions: [String], groups: [([String], State)]) {
        self.dimensions = dimensions
        self.groups = Dictionary(groups) { first, _ in first }
    }

    /// The group keys in order.
    public var keys: [[String]] { groups.keys.sorted { $0.lexicographicallyPrecedes($1) } }

    /// Updates one group's state, creating it from `empty` first.
    ///
    /// - Parameters:
    ///   - key: The group's values.
    ///   - empty: A state holding nothing.
    ///   - body: The update; when it throws, the group is left as it was.
    /// - Throws: What `body` throws.
    public mutating func update(
        _ key: [String],
        empty: @autoclosure () -> State,
        _ body: (inout State) throws(ServiceMetricsError) -> Void
    ) throws(ServiceMetricsError) {
        var state = groups[key] ?? empty()
        try body(&state)
        groups[key] = state
    }

    /// Replaces one group's state.
    mutating func set(_ key: [String], _ value: State) { groups[key] = value }

    /// Merges another grouping group by group.
    ///
    /// - Parameter other: A grouping over the same dimensions.
    /// - Throws: ``ServiceMetricsError`` with code `incompatibleStates` when the dimensions differ, or a group's
    ///   merge error (path `groups[key]`).
    public mutating func merge(_ other: GroupedState) throws(ServiceMetricsError) {
        guard other.dimensions == dimensions else {
            throw ServiceMetricsError(
                .incompatibleStates,
                at: "dimensions",
                "cannot merge groups by \(other.dimensions) into groups by \(dimensions)"
            )
        }
        var merged = groups
        for (key, state) in other.groups {
            if var mine = merged[key] {
                do {
                    try mine.merge(state)
                } catch {
                    throw error.nested(under: "groups[\(key.joined(separator: ","))]")
                }
                merged[key] = mine
            } else {
                merged[key] = state
            }
        }
        groups = merged
    }

    private enum CodingKeys: String, CodingKey {
        case dimensions
        case groups
    }

    private struct Group: Codable {
        let key: [String]
        let state: State
    }

    /// Decodes a grouping, checking that every key has one value per dimension and appears once.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed data, duplicate keys or keys of the wrong length.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        dimensions = try container.decode([String].self, forKey: .dimensions)
        var groups: [[String]: State] = [:]
        for group in try container.decode([Group].self, forKey: .groups) {
            guard group.key.count == dimensions.count, groups.updateValue(group.state, forKey: group.key) == nil else {
                throw DecodingError.dataCorrupted(
                    DecodingError.Context(
                        codingPath: container.codingPath + [CodingKeys.groups],
                        debugDescription: "group \(group.key) is repeated or does not match the dimensions"
                    )
                )
            }
        }
        self.groups = groups
    }

    /// Encodes the grouping with its groups sorted by key, so equal states encode to equal bytes.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(dimensions, forKey: .dimensions)
        try container.encode(keys.compactMap { key in groups[key].map { Group(key: key, state: $0) } }, forKey: .groups)
    }
}

/// Folds records into a metric's state per group, and merges shards.
///
/// ```swift
/// let weeks = try GroupingDimension<Contact>.offered(.week, timeZone: "Europe/London")
/// var accumulator = MetricAccumulator(ServiceLevel(threshold: 20, convention: .abandonedInDenominator), by: [.queue, weeks])
/// for contact in contacts { try accumulator.add(contact) }
/// try accumulator.merge(otherShard.state)               // from another thread or process
/// for (key, level) in accumulator.results { print(key, level.value ?? .nan) }
/// ```
///
/// Memory grows with the number of groups (and each state's own bounded size), never with the number of records.
public struct MetricAccumulator<M: Metric>: Sendable {
    /// The metric.
    public let metric: M
    /// The grouping dimensions, outermost first.
    public let dimensions: [GroupingDimension<M.Record>]
    /// The states so far.
    public private(set) var state: GroupedState<M.State>

    /// Creates an accumulator.
    ///
    /// - Parameters:
    ///   - metric: The metric.
    ///   - dimensions: The grouping dimensions; none for one overall group.
    public init(_ metric: M, by dimensions: [GroupingDimension<M.Record>] = []) {
        self.metric = metric
        self.dimensions = dimensions
        self.state = GroupedState(dimensions: dimensions.map(\.name))
    }

    /// Adds a record to its group.
    ///
    /// - Parameter record: The record.
    /// - Throws: The metric's error, or a dimension's (path `dimensions.<name>`); the state is unchanged then.
    public mutating func add(_ record: M.Record) throws(ServiceMetricsError) {
        var key: [String] = []
        key.reserveCapacity(dimensions.count)
        for dimension in dimensions {
            do throws(ServiceDomainError) {
                key.append(try dimension.value(of: record))
            } catch {
                throw ServiceMetricsError(error, under: "dimensions.\(dimension.name)")
            }
        }
        let metric = metric
        try state.update(key, empty: metric.makeState()) { (group) throws(ServiceMetricsError) in
            try metric.fold(record, into: &group)
        }
    }

    /// Adds records in order.
    ///
    /// - Parameter records: The records.
    /// - Throws: The first failing record's error with its position (path `records[i]…`); the records before it stay
    ///   added.
    public mutating func add(contentsOf records: some Sequence<M.Record>) throws(ServiceMetricsError) {
        for (position, record) in records.enumerated() {
            do {
                try add(record)
            } catch {
                throw error.nested(under: "records[\(position)]")
            }
        }
    }

    /// Merges another shard's states.
    ///
    /// - Parameter other: States grouped by the same dimensions.
    /// - Throws: As ``GroupedState/merge(_:)``.
    public mutating func merge(_ other: GroupedState<M.State>) throws(ServiceMetricsError) {
        var checked = other
        for (key, state) in other.groups where self.state.groups[key] == nil {
            checked.set(key, try metric.adopting(state, group: key))
        }
        try state.merge(checked)
    }

    /// The result of each group, in key order.
    public var results: [(key: [String], result: M.Result)] {
        state.keys.compactMap { key in state.groups[key].map { (key, metric.result(of: $0)) } }
    }

    /// The result of one group, or `nil` when it has no records.
    ///
    /// - Parameter key: The group's values, one per dimension.
    /// - Returns: The result.
    public func result(for key: [String]) -> M.Result? {
        state.groups[key].map { metric.result(of: $0) }
    }

    /// Every group's measurements, scoped by group (see `MeasurementScope.init(grouping:key:)`).
    ///
    /// - Parameter period: The period the records cover.
    /// - Returns: The measurements, in key order.
    public func measurements(period: DateInterval) -> [ServiceMeasurement] {
        state.keys.flatMap { key -> [ServiceMeasurement] in
            guard let group = state.groups[key] else { return [] }
            return metric.measurements(
                of: group,
                period: period,
                scope: MeasurementScope(grouping: state.dimensions, key: key)
            )
        }
    }
}
