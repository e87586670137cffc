import Foundation
import ServiceDomain

/// A dimension as a batch answers it, independent of the record type (so the grouping code is not generic).
struct BatchDimension: Sendable {
    let name: String
    let column: Column

    enum Column: Sendable {
        case field(String)
        case period(TimeBucketing, instant: String)
    }

    init<Record>(_ dimension: GroupingDimension<Record>) {
        name = dimension.name
        switch dimension.column {
        case .field(let field)?: column = .field(field)
        case .period(let bucketing, let instant)?: column = .period(bucketing, instant: instant)
        case nil: column = .field(dimension.name)
        }
    }
}

/// The groups seen so far, numbered in order of first appearance ("slots"), and the assignment of a batch's rows to
/// them with integer keys: a row's key is its dimensions' codes in mixed radix, looked up in a dense table (or a
/// dictionary when the key space is large); each distinct key's labels are looked up by string once per batch.
struct SlotTable: Sendable {
    let dimensions: [BatchDimension]
    /// Each slot's key, by dimension.
    private(set) var keys: [[String]] = []
    private var index: [[String]: Int32] = [:]

    init(dimensions: [BatchDimension]) { self.dimensions = dimensions }

    var count: Int { keys.count }

    func slot(of key: [String]) -> Int32? { index[key] }

    mutating func slot(for key: [String]) -> Int32 {
        if let slot = index[key] { return slot }
        let slot = Int32(keys.count)
        keys.append(key)
        index[key] = slot
        return slot
    }

    /// Keeps the first `count` slots.
    mutating func truncate(to count: Int) {
        guard count < keys.count else { return }
        for key in keys[count...] { index[key] = nil }
        keys.removeLast(keys.count - count)
    }

    /// Checks that the batch has a column for every dimension.
    ///
    /// - Throws: `inconsistent` (path `dimensions.<name>`) for the first dimension it lacks.
    func checkColumns(of batch: some RecordBatch) throws(ServiceMetricsError) {
        for dimension in dimensions {
            switch dimension.column {
            case .field(let name) where batch.encodedColumn(named: name) == nil: throw Self.missing(dimension)
            case .period(_, let name) where batch.instantColumn(named: name) == nil: throw Self.missing(dimension)
            default: continue
            }
        }
    }

    /// The error for a batch without the column a dimension reads.
    private static func missing(_ dimension: BatchDimension) -> ServiceMetricsError {
        switch dimension.column {
        case .field:
            return ServiceMetricsError(
                .inconsistent,
                at: "dimensions.\(dimension.name)",
                "the batch keeps no column for the dimension \"\(dimension.name)\"; make the batch keeping the "
                    + "dimension"
            )
        case .period(_, let name):
            return ServiceMetricsError(
                .inconsistent,
                at: "dimensions.\(dimension.name)",
                "the batch keeps no instant column \"\(name)\" for the dimension \"\(dimension.name)\""
            )
        }
    }

    /// Where a dimension's codes come from for the rows being assigned.
    private enum Source {
        /// An encoded column: the code is the row's code.
        case field(EncodedColumn)
        /// Bucket numbers in `scratch.numbers[index]`, less `first`.
        case period(index: Int, first: Int, TimeBucketing)
    }

    /// Assigns each row of `rows` to a slot, creating slots for new groups, into `scratch.slots` (by
    /// `row − rows.lowerBound`), for the rows before the first failure (all of them when nothing failed).
    ///
    /// A row's key is its dimensions' codes in mixed radix, looked up in a dense table of slots (a dictionary of
    /// code lists when there are more than 2²² combinations); only a key not seen before in these rows has its labels
    /// looked up, by string, in the slots of earlier batches.
    ///
    /// - Returns: The first failure, if any.
    mutating func assign(_ batch: some RecordBatch, rows: Range<Int>, scratch: inout BatchScratch) -> (
        row: Int, error: ServiceMetricsError
    )? {
        let base = rows.lowerBound
        var end = rows.upperBound
        var failure: (row: Int, error: ServiceMetricsError)?
        func fail(_ row: Int, _ error: ServiceMetricsError) {
            if row < end {
                end = row
                failure = (row, error)
            }
        }
        var sources: [Source] = []
        var cardinalities: [Int] = []
        var periods = 0
        for dimension in dimensions {
            switch dimension.column {
            case .field(let name):
                guard let column = batch.encodedColumn(named: name) else { return (base, Self.missing(dimension)) }
                sources.append(.field(column))
                cardinalities.append(Swift.max(column.labels.count, 1))
            case .period(let bucketing, let name):
                guard let instants = batch.instantColumn(named: name) else { return (base, Self.missing(dimension)) }
                let shift = Date.timeIntervalBetween1970AndReferenceDate
                var low = Double.infinity
                var high = -Double.infinity
                for row in rows where instants[row].isFinite {
                    low = Swift.min(low, instants[row] + shift)
                    high = Swift.max(high, instants[row] + shift)
                }
                let offsets = scratch.zoneOffsets(bucketing, from: low, through: high)
                if scratch.numbers.count <= periods { scratch.numbers.append([]) }
                scratch.numbers[periods].removeAll(keepingCapacity: true)
                if let (row, error) = bucketing.bucketNumbers(
                    of: instants,
                    rows: rows,
                    offsets: offsets,
                    into: &scratch.numbers[periods]
                ) {
                    fail(row, ServiceMetricsError(error, under: "dimensions.\(dimension.name)"))
                }
                var first = Int.max
                var last = Int.min
                scratch.numbers[periods].withUnsafeBufferPointer { numbers in
                    for number in numbers.prefix(end - base) {
                        first = Swift.min(first, number)
                        last = Swift.max(last, number)
                    }
                }
                if first > last { (first, last) = (0, 0) }
                sources.append(.period(index: periods, first: first, bucketing))
                cardinalities.append(last - first + 1)
                periods += 1
            }
        }
        var count = end - base
        var space = 1
        var dense = true
        for cardinality in cardinalities {
            let (product, overflowed) = space.multipliedReportingOverflow(by: cardinality)
            space = product
            if overflowed || product > 1 << 22 { dense = false }
        }
        func code(_ dimension: Int, _ position: Int) -> Int {
            switch sources[dimension] {
            case .field(let column): return Int(column.codes[base + position])
            case .period(let index, let first, _): return scratch.numbers[index][position] - first
            }
        }
        func newSlot(_ position: Int, codes: [Int]) -> Int32? {
            // A group an earlier chunk of the same batch met: by its codes, without its labels.
            var absolute = codes
            for (dimension, source) in sources.enumerated() {
                if case .period(_, let first, _) = source { absolute[dimension] += first }
            }
            if let known = scratch.known[absolute] { return known }
            var key: [String] = []
            key.reserveCapacity(codes.count)
            for (dimension, code) in codes.enumerated() {
                switch sources[dimension] {
                case .field(let column): key.append(column.labels[code])
                case .period(_, let first, let bucketing):
                    do throws(ServiceDomainError) {
                        key.append(try bucketing.label(ofBucket: code + first))
                    } catch {
                        fail(
                            base + position,
                            ServiceMetricsError(error, under: "dimensions.\(dimensions[dimension].name)")
                        )
                        return nil
                    }
                }
            }
            let made = slot(for: key)
            scratch.known[absolute] = made
            return made
        }
        scratch.slots.removeAll(keepingCapacity: true)
        if dense {
            // The buffer only grows (no zeroing per chunk): the first dimension writes every key, the others
            // extend it; with no dimensions nothing writes it and every key stays 0, the one overall group.
            if scratch.keys.count < count {
                scratch.keys.append(contentsOf: repeatElement(0, count: count - scratch.keys.count))
            }
            for (dimension, source) in sources.enumerated() {
                let radix = dimension == 0 ? 0 : cardinalities[dimension]
                scratch.keys.withUnsafeMutableBufferPointer { keys in
                    switch source {
                    case .field(let column):
                        column.codes.withUnsafeBufferPointer { codes in
                            for position in 0..<count {
                                keys[position] = keys[position] &* radix &+ Int(codes[base + position])
                            }
                        }
                    case .period(let index, let first, _):
                        scratch.numbers[index].withUnsafeBufferPointer { numbers in
                            for position in 0..<count {
                                keys[position] = keys[position] &* radix &+ (numbers[position] &- first)
                            }
                        }
                    }
                }
            }
            scratch.table.removeAll(keepingCapacity: true)
            scratch.table.append(contentsOf: repeatElement(-1, count: space))
            scratch.slots.append(contentsOf: repeatElement(0, count: count))
            var position = 0
            while position < count {
                // Runs of rows whose groups are known, without a bounds check or a reference count per row.
                position = scratch.keys.withUnsafeBufferPointer { keys in
                    scratch.table.withUnsafeBufferPointer { table in
                        scratch.slots.withUnsafeMutableBufferPointer { slots in
                            var position = position
                            while position < count {
                                let slot = table[keys[position]]
                                if slot < 0 { break }
                                slots[position] = slot
                                position += 1
                            }
                            return position
                        }
                    }
                }
                guard position < count else { break }
                let key = scratch.keys[position]
                guard let made = newSlot(position, codes: sources.indices.map { code($0, position) }) else {
                    count = position
                    break
                }
                scratch.table[key] = made
                scratch.slots[position] = made
                position += 1
            }
            scratch.slots.removeLast(scratch.slots.count - count)
        } else {
            var local: [[Int]: Int32] = [:]
            var position = 0
            while position < count {
                let key = sources.indices.map { code($0, position) }
                var slot = local[key] ?? -1
                if slot < 0 {
                    guard let made = newSlot(position, codes: key) else {
                        count = position
                        break
                    }
                    slot = made
                    local[key] = made
                }
                scratch.slots.append(slot)
                position += 1
            }
        }
        return failure
    }
}

/// Buffers a batch fold reuses from chunk to chunk, so that folding a large batch allocates (and the system zeroes)
/// them once rather than once per chunk.
///
/// A metric's ``BatchMetric/fold(_:rows:slots:into:scratch:)`` may use ``values`` and ``grouped`` freely; their
/// contents on entry are unspecified.
public struct BatchScratch: Sendable {
    /// A buffer of doubles for the metric.
    public var values: [Double] = []
    /// Another buffer of doubles for the metric.
    public var grouped: [Double] = []
    /// A buffer of integers for the metric.
    public var offsets: [Int] = []
    var keys: [Int] = []
    var numbers: [[Int]] = []
    var table: [Int32] = []
    var slots: [Int32] = []
    /// The slots of the groups met so far in the batch being folded, by their codes (column codes, and absolute
    /// bucket numbers for periods): the same batch's codes mean the same labels in every chunk.
    var known: [[Int]: Int32] = [:]
    /// Sketch bins by table, for the sketches the metric folds into.
    var bins: BinIndexTable?
    private var zones: [(bucketing: TimeBucketing, low: Double, high: Double, offsets: ZoneOffsets)] = []

    /// Empty buffers.
    public init() {}

    /// A zone's offsets over a span, from an earlier chunk's table when it covers the span.
    mutating func zoneOffsets(_ bucketing: TimeBucketing, from low: Double, through high: Double) -> ZoneOffsets {
        if let known = zones.first(where: {
            $0.bucketing.timeZoneIdentifier == bucketing.timeZoneIdentifier && $0.low <= low && $0.high >= high
        }) {
            return known.offsets
        }
        // Widen the span a little so that the next chunk of the same period is likely covered too.
        let margin = 86_400 * 31 + Swift.max(0, high - low)
        let table = ZoneOffsets(zone: bucketing.zone, from: low - margin, through: high + margin)
        zones.removeAll { $0.bucketing.timeZoneIdentifier == bucketing.timeZoneIdentifier }
        zones.append((bucketing, low - margin, high + margin, table))
        return table
    }
}
