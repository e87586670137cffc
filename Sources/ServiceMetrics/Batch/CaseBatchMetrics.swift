import Foundation
public import ServiceDomain

extension FirstReplyTime: BatchMetric {
    /// Adds cases of a batch: the time from creation to the first public agent reply, or one pending.
    ///
    /// - Parameters:
    ///   - batch: The batch.
    ///   - rows: The rows.
    ///   - slots: Each row's state.
    ///   - states: The states.
    ///   - scratch: Reused buffers.
    /// - Throws: ``BatchFoldError`` for a business calendar's error.
    public func fold(
        _ batch: CaseBatch,
        rows: Range<Int>,
        slots: [Int32],
        into states: inout [DurationTally],
        scratch: inout BatchScratch
    ) throws(BatchFoldError) {
        try foldDurations(
            from: batch.createdAt,
            to: batch.firstAgentReplyAt,
            clock: clock,
            rows,
            slots,
            &states,
            &scratch
        )
    }
}

extension ResolutionTime: BatchMetric {
    /// Adds cases of a batch: the time from creation to the final (or first) resolution, or one pending.
    ///
    /// - Parameters:
    ///   - batch: The batch.
    ///   - rows: The rows.
    ///   - slots: Each row's state.
    ///   - states: The states.
    ///   - scratch: Reused buffers.
    /// - Throws: ``BatchFoldError`` for a business calendar's error.
    public func fold(
        _ batch: CaseBatch,
        rows: Range<Int>,
        slots: [Int32],
        into states: inout [DurationTally],
        scratch: inout BatchScratch
    ) throws(BatchFoldError) {
        let ends = resolution == .final ? batch.solvedAt : batch.firstResolvedAt
        try foldDurations(from: batch.createdAt, to: ends, clock: clock, rows, slots, &states, &scratch)
    }
}

extension RepliesPerCase: BatchMetric {
    /// Adds the resolved cases of a batch: each one's public agent replies.
    ///
    /// - Parameters:
    ///   - batch: The batch.
    ///   - rows: The rows.
    ///   - slots: Each row's state.
    ///   - states: The states.
    ///   - scratch: Reused buffers.
    /// - Throws: ``BatchFoldError`` never in practice (reply counts are finite and not negative).
    public func fold(
        _ batch: CaseBatch,
        rows: Range<Int>,
        slots: [Int32],
        into states: inout [Distribution],
        scratch: inout BatchScratch
    ) throws(BatchFoldError) {
        for row in rows where batch.isResolved[row] {
            do {
                try states[Int(slots[row - rows.lowerBound])].add(Double(batch.agentReplyCount[row]))
            } catch {
                throw BatchFoldError(row: row, error)
            }
        }
    }
}

/// Folds durations (`.nan` for pending) row by row into their slots' tallies.
///
/// The times are computed and checked in row order first, so that the first bad row stops the fold with everything
/// before it added; the rows are then partitioned by slot (a stable counting sort) and each tally takes its own rows
/// in row order, so that its quantile bins stay in cache while it does — the same additions in the same order per
/// tally as the row-by-row fold, without a cache miss per row once the groups' bins outgrow the cache.
private func foldDurations(
    from starts: [Double],
    to ends: [Double],
    clock: MetricClock,
    _ rows: Range<Int>,
    _ slots: [Int32],
    _ states: inout [DurationTally],
    _ scratch: inout BatchScratch
) throws(BatchFoldError) {
    let base = rows.lowerBound
    let count = rows.count
    if scratch.values.count < count {
        scratch.values.append(contentsOf: repeatElement(.nan, count: count - scratch.values.count))
    }
    var stop: BatchFoldError?
    if case .business = clock {
        for position in 0..<count {
            let row = base + position
            let end = ends[row]
            scratch.values[position] = .nan
            if end.isNaN { continue }
            let value: Double
            do throws(ServiceMetricsError) {
                value = try clock.duration(
                    from: Date(timeIntervalSinceReferenceDate: starts[row]),
                    to: Date(timeIntervalSinceReferenceDate: end)
                )
                try Distribution.check(value)
            } catch {
                stop = BatchFoldError(row: row, error)
                break
            }
            scratch.values[position] = value
        }
    } else {
        // Calendar time: a subtraction per row, without a bounds check or a reference count.
        let failed = starts.withUnsafeBufferPointer { starts in
            ends.withUnsafeBufferPointer { ends in
                scratch.values.withUnsafeMutableBufferPointer { values -> Int? in
                    for position in 0..<count {
                        let end = ends[base + position]
                        let value = end - starts[base + position]
                        // A pending case (no end) stays NaN; a bad time stops the fold at its row.
                        values[position] = value
                        if !end.isNaN, !(value >= 0 && value <= Distribution.maximumValue) { return position }
                    }
                    return nil
                }
            }
        }
        if let failed {
            do throws(ServiceMetricsError) {
                try Distribution.check(ends[base + failed] - starts[base + failed])
            } catch {
                stop = BatchFoldError(row: base + failed, error)
            }
        }
    }
    let folded = stop.map { $0.row - base } ?? count
    if states.count <= 8 || folded < 4 * states.count {
        for position in 0..<folded { states[Int(slots[position])].add(checked: scratch.values[position]) }
    } else {
        // A stable counting sort of the times by slot (pending cases only counted), then each tally takes its own
        // times in row order.
        let slotCount = states.count
        scratch.offsets.removeAll(keepingCapacity: true)
        scratch.offsets.append(contentsOf: repeatElement(0, count: 3 * slotCount + 1))
        if scratch.grouped.count < folded {
            scratch.grouped.append(contentsOf: repeatElement(0, count: folded - scratch.grouped.count))
        }
        scratch.values.withUnsafeBufferPointer { values in
            scratch.offsets.withUnsafeMutableBufferPointer { offsets in
                // offsets[0...slotCount]: where each slot's times start; offsets[slotCount + 1 + slot]: its pending;
                // offsets[2 · slotCount + 1 + slot]: where its next time goes.
                for position in 0..<folded {
                    let slot = Int(slots[position])
                    if values[position].isNaN {
                        offsets[slotCount + 1 + slot] += 1
                    } else {
                        offsets[slot + 1] += 1
                    }
                }
                for slot in 0..<slotCount { offsets[slot + 1] += offsets[slot] }
                scratch.grouped.withUnsafeMutableBufferPointer { grouped in
                    let next = 2 * slotCount + 1
                    for slot in 0..<slotCount { offsets[next + slot] = offsets[slot] }
                    slots.withUnsafeBufferPointer { slots in
                        for position in 0..<folded where !values[position].isNaN {
                            let slot = next + Int(slots[position])
                            grouped[offsets[slot]] = values[position]
                            offsets[slot] += 1
                        }
                    }
                    for slot in 0..<slotCount {
                        let times = UnsafeBufferPointer(rebasing: grouped[offsets[slot]..<offsets[slot + 1]])
                        let pending = offsets[slotCount + 1 + slot]
                        if !times.isEmpty || pending > 0 {
                            states[slot].add(checked: times, pending: pending, table: &scratch.bins)
                        }
                    }
                }
            }
        }
    }
    if let stop { throw stop }
}
