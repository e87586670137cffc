public import ServiceDomain

extension ContactVolume: BatchMetric {
    /// Counts contacts of a batch: offered, answered, abandoned (short abandons apart) and still queued.
    ///
    /// - Parameters:
    ///   - batch: The batch.
    ///   - rows: The rows.
    ///   - slots: Each row's state.
    ///   - states: The states.
    ///   - scratch: Unused.
    /// - Throws: Never in practice (counting cannot fail).
    public func fold(
        _ batch: ContactBatch,
        rows: Range<Int>,
        slots: [Int32],
        into states: inout [ContactTally],
        scratch: inout BatchScratch
    ) throws(BatchFoldError) {
        for row in rows {
            let wait = batch.endedAt[row] - batch.offeredAt[row]
            states[Int(slots[row - rows.lowerBound])].count(batch.outcome[row], wait: wait)
        }
    }
}

extension ServiceLevel: BatchMetric {
    /// Counts the answered and abandoned contacts of a batch, within the threshold or not.
    ///
    /// - Parameters:
    ///   - batch: The batch.
    ///   - rows: The rows.
    ///   - slots: Each row's state.
    ///   - states: The states.
    ///   - scratch: Unused.
    /// - Throws: Never in practice (counting cannot fail).
    public func fold(
        _ batch: ContactBatch,
        rows: Range<Int>,
        slots: [Int32],
        into states: inout [ServiceLevelTally],
        scratch: inout BatchScratch
    ) throws(BatchFoldError) {
        let threshold = definition.threshold
        for row in rows {
            let wait = batch.endedAt[row] - batch.offeredAt[row]
            let slot = Int(slots[row - rows.lowerBound])
            switch batch.outcome[row] {
            case .queued: continue
            case .answered: states[slot].count(answered: true, within: wait <= threshold)
            case .abandoned:
                guard wait >= shortAbandonThreshold else { continue }
                states[slot].count(answered: false, within: wait <= threshold)
            }
        }
    }
}

extension SpeedOfAnswer: BatchMetric {
    /// Adds the waits of a batch's answered contacts.
    ///
    /// - Parameters:
    ///   - batch: The batch.
    ///   - rows: The rows.
    ///   - slots: Each row's state.
    ///   - states: The states.
    ///   - scratch: Unused.
    /// - Throws: ``BatchFoldError`` for a wait the distribution refuses (not finite or negative).
    public func fold(
        _ batch: ContactBatch,
        rows: Range<Int>,
        slots: [Int32],
        into states: inout [Distribution],
        scratch: inout BatchScratch
    ) throws(BatchFoldError) {
        try foldAnswered(batch, rows, slots, &states) { batch.endedAt[$0] - batch.offeredAt[$0] }
    }
}

extension HandleTime: BatchMetric {
    /// Adds the handle times of a batch's answered contacts.
    ///
    /// - Parameters:
    ///   - batch: The batch.
    ///   - rows: The rows.
    ///   - slots: Each row's state.
    ///   - states: The states.
    ///   - scratch: Unused.
    /// - Throws: ``BatchFoldError`` for a handle time the distribution refuses (not finite or negative).
    public func fold(
        _ batch: ContactBatch,
        rows: Range<Int>,
        slots: [Int32],
        into states: inout [Distribution],
        scratch: inout BatchScratch
    ) throws(BatchFoldError) {
        try foldAnswered(batch, rows, slots, &states) { batch.handleTime[$0] }
    }
}

/// Adds `value(row)` of each answered contact of `rows` to its slot's distribution, in row order.
private func foldAnswered(
    _ batch: ContactBatch,
    _ rows: Range<Int>,
    _ slots: [Int32],
    _ states: inout [Distribution],
    _ value: (Int) -> Double
) throws(BatchFoldError) {
    for row in rows where batch.outcome[row] == .answered {
        do {
            try states[Int(slots[row - rows.lowerBound])].add(value(row))
        } catch {
            throw BatchFoldError(row: row, error)
        }
    }
}
