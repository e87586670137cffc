public import Foundation
public import ServiceDomain

/// A metric that folds a columnar batch of its records directly, without making a record per row.
///
/// The built-in case KPIs (``FirstReplyTime``, ``ResolutionTime``, ``RepliesPerCase``) read a `CaseBatch`.
/// ``BatchAccumulator`` assigns each row to its group's state and calls ``fold(_:rows:slots:into:scratch:)`` once per
/// chunk of rows, so that the loop over rows runs in the metric's own (specialised) code.
///
/// Implementation requirements: folding the rows of a batch gives, group by group, the state that folding the
/// records they were made from with ``Metric/fold(_:into:)`` in the same order gives.
public protocol BatchMetric<Record>: Metric {
    /// The batch the metric reads.
    associatedtype Batch: RecordBatch

    /// Adds rows of a batch, each to the state of its slot.
    ///
    /// - Parameters:
    ///   - batch: The batch.
    ///   - rows: The rows to add, in order.
    ///   - slots: For each row of `rows` (by `row − rows.lowerBound`), the index of its state in `states`.
    ///   - states: The states.
    ///   - scratch: Buffers the metric may use, kept from one chunk to the next.
    /// - Throws: ``BatchFoldError`` for the first row the metric cannot use; the rows before it stay added and that
    ///   row's state is unchanged.
    func fold(
        _ batch: Batch,
        rows: Range<Int>,
        slots: [Int32],
        into states: inout [State],
        scratch: inout BatchScratch
    ) throws(BatchFoldError)
}

/// The first row of a batch a fold could not use, and why.
public struct BatchFoldError: Error, Sendable, Hashable {
    /// The row.
    public let row: Int
    /// The metric's error for it.
    public let error: ServiceMetricsError

    /// Creates the error.
    ///
    /// - Parameters:
    ///   - row: The row.
    ///   - error: The metric's error.
    public init(row: Int, _ error: ServiceMetricsError) {
        self.row = row
        self.error = error
    }
}

/// Folds columnar batches into a metric's state per group: the fast path of ``MetricAccumulator``.
///
/// ```swift
/// var fold = BatchAccumulator(FirstReplyTime(), by: [.channel, .priority, .created(.day, in: calendar)])
/// try fold.add(try CaseBatch(cases))                 // or batch after batch while importing
/// try fold.add(otherBatch, concurrency: 2)          // the rows split over two threads, then merged
/// fold.state                                        // a GroupedState, as MetricAccumulator's
/// ```
///
/// Rows are grouped by integer keys (each dimension's codes; time buckets from the zone's precomputed offsets) and
/// each group's state is updated in place. The state is the one ``MetricAccumulator`` makes from the same records in
/// the same order: the same groups, counts, quantile bins, minima and maxima, and sums added in the same order, so
/// equal to the last bit. A fold split over threads merges its parts in row order; counts, bins and extremes are
/// exact, and sums are compensated sums of the parts (equal to one pass for whole numbers of seconds, and otherwise
/// to within the last digit).
///
/// Memory grows with the number of groups, never with the rows folded.
public struct BatchAccumulator<M: BatchMetric>: Sendable {
    /// The metric.
    public let metric: M
    /// The grouping dimensions, outermost first.
    public let dimensions: [GroupingDimension<M.Record>]
    private var table: SlotTable
    private var states: [M.State] = []

    /// Creates an accumulator.
    ///
    /// - Parameters:
    ///   - metric: The metric.
    ///   - dimensions: The grouping dimensions; none for one overall group. A dimension of your own needs a batch
    ///     made keeping it (`CaseBatch(cases, keeping: [dimension])`).
    public init(_ metric: M, by dimensions: [GroupingDimension<M.Record>] = []) {
        self.metric = metric
        self.dimensions = dimensions
        self.table = SlotTable(dimensions: dimensions.map(BatchDimension.init))
    }

    /// Adds every row of a batch.
    ///
    /// - Parameter batch: The batch.
    /// - Throws: The first failing row's error (path `records[i]…`, the row in the batch); the rows before it stay
    ///   added, as ``MetricAccumulator/add(contentsOf:)`` leaves them.
    public mutating func add(_ batch: M.Batch) throws(ServiceMetricsError) {
        try add(batch, rows: 0..<batch.count)
    }

    /// Adds rows of a batch.
    ///
    /// - Parameters:
    ///   - batch: The batch.
    ///   - rows: The rows, within `0..<batch.count`.
    /// - Throws: As ``add(_:)``, and `outOfRange` (path `rows`) for rows outside the batch.
    public mutating func add(_ batch: M.Batch, rows: Range<Int>) throws(ServiceMetricsError) {
        guard rows.lowerBound >= 0, rows.upperBound <= batch.count else {
            throw ServiceMetricsError(.outOfRange, at: "rows", "rows \(rows) lie outside a batch of \(batch.count)")
        }
        try table.checkColumns(of: batch)
        // Chunks keep the per-row buffers (keys, slots, values) reused and within the cache's reach.
        var scratch = BatchScratch()
        var start = rows.lowerBound
        while start < rows.upperBound {
            let end = Swift.min(rows.upperBound, start + Swift.max(1, chunkRows))
            try addChunk(batch, rows: start..<end, scratch: &scratch)
            start = end
        }
    }

    /// Rows per chunk: the per-row buffers hold this many rows (about 40 MB at 2²⁰), reused chunk after chunk.
    ///
    /// One chunk of 2²⁰ rows measured faster than four of 2¹⁸ (each group's bins are visited once per chunk, so a
    /// larger chunk touches each bin's cache line for more values); tests set it small to cross chunk boundaries.
    package var chunkRows = 1 << 20

    private mutating func addChunk(_ batch: M.Batch, rows: Range<Int>, scratch: inout BatchScratch)
        throws(ServiceMetricsError)
    {
        let before = table.count
        let failure = table.assign(batch, rows: rows, scratch: &scratch)
        var slots: [Int32] = []
        swap(&slots, &scratch.slots)
        defer { swap(&slots, &scratch.slots) }
        states.append(contentsOf: (states.count..<table.count).map { _ in metric.makeState() })
        var stop = failure
        do throws(BatchFoldError) {
            try metric.fold(
                batch,
                rows: rows.lowerBound..<(rows.lowerBound + slots.count),
                slots: slots,
                into: &states,
                scratch: &scratch
            )
        } catch {
            stop = (error.row, error.error)
        }
        guard let stop else { return }
        // Keep the groups that a row before the failing one reached (slots are made in order of first appearance).
        let folded = slots.prefix(stop.row - rows.lowerBound)
        let kept = Swift.max(before, Int(folded.max() ?? -1) + 1)
        table.truncate(to: kept)
        states.removeLast(states.count - kept)
        throw stop.error.nested(under: "records[\(stop.row)]")
    }

    /// Adds every row of a batch, split into `concurrency` parts folded on as many threads and merged in row order.
    ///
    /// - Parameters:
    ///   - batch: The batch.
    ///   - concurrency: The number of threads, at least 1 (for example the machine's active processor count).
    /// - Throws: As ``add(_:)``, for the first failing row in row order; the state is unchanged then. `outOfRange`
    ///   (path `concurrency`) for fewer than one thread.
    public mutating func add(_ batch: M.Batch, concurrency: Int) throws(ServiceMetricsError) {
        guard concurrency >= 1 else {
            throw ServiceMetricsError(
                .outOfRange,
                at: "concurrency",
                "concurrency must be at least 1, not \(concurrency)"
            )
        }
        let parts = Swift.min(concurrency, Swift.max(1, batch.count / 4_096))
        guard parts > 1 else { return try add(batch) }
        let size = (batch.count + parts - 1) / parts
        let empty = BatchAccumulator(metric, by: dimensions)
        let results = PartResults<M>(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            var accumulator = empty
            let rows = (part * size)..<Swift.min(batch.count, (part + 1) * size)
            do throws(ServiceMetricsError) {
                try accumulator.add(batch, rows: rows)
                results.set(part, .success(accumulator))
            } catch {
                results.set(part, .failure(error))
            }
        }
        var merged = self
        for result in results.values {
            switch result {
            case .success(let part)?: try merged.merge(part)
            case .failure(let error)?: throw error
            case nil: throw ServiceMetricsError(.inconsistent, "a part of the fold did not finish")
            }
        }
        self = merged
    }

    /// Merges another batch accumulator's states, group by group.
    ///
    /// - Parameter other: An accumulator with the same dimensions.
    /// - Throws: As ``GroupedState/merge(_:)``.
    public mutating func merge(_ other: BatchAccumulator) throws(ServiceMetricsError) {
        guard other.table.dimensions.map(\.name) == table.dimensions.map(\.name) else {
            throw ServiceMetricsError(.incompatibleStates, at: "dimensions", "the accumulators group differently")
        }
        for (slot, key) in other.table.keys.enumerated() {
            try merge(key: key, other.states[slot])
        }
    }

    /// Merges another shard's states.
    ///
    /// - Parameter other: States grouped by the same dimensions.
    /// - Throws: As ``GroupedState/merge(_:)``.
    public mutating func merge(_ other: GroupedState<M.State>) throws(ServiceMetricsError) {
        guard other.dimensions == table.dimensions.map(\.name) else {
            throw ServiceMetricsError(
                .incompatibleStates,
                at: "dimensions",
                "cannot merge groups by \(other.dimensions) into groups by \(table.dimensions.map(\.name))"
            )
        }
        for key in other.keys {
            if let state = other.groups[key] { try merge(key: key, state) }
        }
    }

    private mutating func merge(key: [String], _ state: M.State) throws(ServiceMetricsError) {
        if let slot = table.slot(of: key) {
            do {
                try states[Int(slot)].merge(state)
            } catch {
                throw error.nested(under: "groups[\(key.joined(separator: ","))]")
            }
        } else {
            let adopted = try metric.adopting(state, group: key)
            _ = table.slot(for: key)
            states.append(adopted)
        }
    }

    /// The states so far, by group, as ``MetricAccumulator/state`` holds them.
    public var state: GroupedState<M.State> {
        GroupedState(dimensions: table.dimensions.map(\.name), groups: zip(table.keys, states).map { ($0, $1) })
    }

    /// The result of each group, in key order.
    public var results: [(key: [String], result: M.Result)] {
        order.map { (table.keys[$0], metric.result(of: states[$0])) }
    }

    /// The result of one group, or `nil` when it has no records.
    ///
    /// - Parameter key: The group's values, one per dimension.
    /// - Returns: The result.
    public func result(for key: [String]) -> M.Result? {
        table.slot(of: key).map { metric.result(of: states[Int($0)]) }
    }

    /// Every group's measurements, scoped by group, in key order.
    ///
    /// - Parameter period: The period the records cover.
    /// - Returns: The measurements.
    public func measurements(period: DateInterval) -> [ServiceMeasurement] {
        let names = table.dimensions.map(\.name)
        return order.flatMap { slot in
            metric.measurements(
                of: states[slot],
                period: period,
                scope: MeasurementScope(grouping: names, key: table.keys[slot])
            )
        }
    }

    private var order: [Int] {
        table.keys.indices.sorted { table.keys[$0].lexicographicallyPrecedes(table.keys[$1]) }
    }
}

/// The parts of a parallel fold, each written once by its own thread.
private final class PartResults<M: BatchMetric>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Result<BatchAccumulator<M>, ServiceMetricsError>?]

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ part: Int, _ result: Result<BatchAccumulator<M>, ServiceMetricsError>) {
        lock.lock()
        storage[part] = result
        lock.unlock()
    }

    var values: [Result<BatchAccumulator<M>, ServiceMetricsError>?] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
