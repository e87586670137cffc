package import Foundation

/// A time zone's offsets from UTC over a span of instants, precomputed once so that bucketing millions of instants
/// reads a table instead of asking Foundation for each.
///
/// The table is built by reading the zone's offset every six hours across the span and, wherever two readings
/// differ, finding the exact second of the change by bisection; an instant's offset is then a binary search among
/// the changes (none at all in UTC and in zones without daylight saving). Offsets change at whole seconds in the
/// IANA data, so the table gives the offset Foundation gives for every instant of the span. Over spans longer than
/// about 140 years the table is not built and each instant asks Foundation, as before.
package struct ZoneOffsets: Sendable {
    /// The first instant (seconds since 1970) of each segment after the first, ascending.
    private let changes: [Double]
    /// The offset of each segment, in seconds: `offsets[0]` before `changes[0]`, `offsets[i + 1]` from `changes[i]`.
    private let offsets: [Double]
    private let zone: TimeZone
    private let tabulated: Bool

    private static let step = 21_600.0
    private static let longestSpan = 140 * 366 * 86_400.0

    /// The offsets of `zone` for instants from `low` through `high` (seconds since 1970).
    package init(zone: TimeZone, from low: Double, through high: Double) {
        self.zone = zone
        let start = (Swift.max(low, BusinessCalendar.lowestSeconds)).rounded(.down) - 1
        let end = (Swift.min(high, BusinessCalendar.endSeconds)).rounded(.up) + 1
        guard start.isFinite, end.isFinite, end - start <= Self.longestSpan else {
            changes = []
            offsets = []
            tabulated = false
            return
        }
        func offset(_ t: Double) -> Double { CalendarIndex.offset(at: t, in: zone) }
        var changes: [Double] = []
        var offsets = [offset(start)]
        var a = start
        while a < end {
            let b = Swift.min(a + Self.step, end)
            let next = offset(b)
            if next != offsets[offsets.count - 1] {
                // The first whole second in (a, b] with the new offset.
                var low = a
                var high = b
                while high - low > 1 {
                    let middle = (low + (high - low) / 2).rounded(.down)
                    if offset(middle) == next { high = middle } else { low = middle }
                }
                changes.append(high)
                offsets.append(next)
            }
            a = b
        }
        self.changes = changes
        self.offsets = offsets
        tabulated = true
    }

    /// The single offset of the whole span, when the zone does not change offset within it.
    package var constant: Double? { tabulated && changes.isEmpty ? offsets[0] : nil }

    /// The offset from UTC, in seconds, at an instant of the span (seconds since 1970).
    package func offset(at t: Double) -> Double {
        guard tabulated else { return CalendarIndex.offset(at: t, in: zone) }
        if changes.isEmpty { return offsets[0] }
        var low = 0
        var high = changes.count
        while low < high {
            let middle = (low + high) / 2
            if changes[middle] <= t { low = middle + 1 } else { high = middle }
        }
        return offsets[low]
    }
}

extension TimeBucketing {
    /// The number of the bucket holding an instant: the local hour since 1970 (for hours), the local day number
    /// (days), the day number of the ISO week's Monday (weeks), or `12·year + month − 1` (months).
    ///
    /// Computed as ``label(of:)`` computes the label, so that equal numbers mean equal labels.
    ///
    /// - Parameters:
    ///   - t: The instant in seconds since 1970.
    ///   - offsets: The zone's offsets over a span holding `t`.
    /// - Returns: The bucket number.
    /// - Throws: As ``label(of:)``.
    package func bucketNumber(ofSeconds t: Double, offsets: ZoneOffsets) throws(ServiceDomainError) -> Int {
        try BusinessCalendar.checkSeconds(t, path: "date")
        let local = t + offsets.offset(at: t)
        let day = (local / 86_400).rounded(.down)
        switch bucket {
        case .day: return Int(day)
        case .hour: return Int(day) * 24 + Int(((local - day * 86_400) / 3_600).rounded(.down))
        case .week: return Int(day) - ((Int(day) + 3) % 7 + 7) % 7
        case .month:
            let (year, month, _) = Civil.civil(fromDays: Int(day))
            return year * 12 + month - 1
        }
    }

    /// The bucket numbers of instants, as ``bucketNumber(ofSeconds:offsets:)`` gives them one by one.
    ///
    /// - Parameters:
    ///   - instants: Instants in seconds since the reference date (a `Date`'s own value).
    ///   - rows: The instants to bucket.
    ///   - offsets: The zone's offsets over a span holding them.
    ///   - numbers: Receives one number per row, in order, up to the first instant that fails.
    /// - Returns: The first row whose instant fails, with its error, if any.
    package func bucketNumbers(
        of instants: [Double],
        rows: Range<Int>,
        offsets: ZoneOffsets,
        into numbers: inout [Int]
    ) -> (row: Int, error: ServiceDomainError)? {
        let shift = Date.timeIntervalBetween1970AndReferenceDate
        numbers.reserveCapacity(numbers.count + rows.count)
        if bucket == .day, let offset = offsets.constant {
            // The common case, without a search or a branch per row beyond the range check, and the floor by
            // truncation and a correction (the same value as `.rounded(.down)`, without a libm call).
            let start = numbers.count
            numbers.append(contentsOf: repeatElement(0, count: rows.count))
            var failure: (row: Int, error: ServiceDomainError)?
            instants.withUnsafeBufferPointer { instants in
                numbers.withUnsafeMutableBufferPointer { numbers in
                    for row in rows {
                        let t = instants[row] + shift
                        if let error = BusinessCalendar.secondsError(t, path: "date") {
                            failure = (row, error)
                            return
                        }
                        let days = (t + offset) / 86_400
                        let truncated = Int(days)
                        numbers[start + row - rows.lowerBound] = Double(truncated) > days ? truncated - 1 : truncated
                    }
                }
            }
            if let failure {
                numbers.removeLast(rows.upperBound - failure.row)
                return failure
            }
            return nil
        }
        for row in rows {
            let t = instants[row] + shift
            do throws(ServiceDomainError) {
                numbers.append(try bucketNumber(ofSeconds: t, offsets: offsets))
            } catch {
                return (row, error)
            }
        }
        return nil
    }

    /// The label of a bucket number from ``bucketNumber(ofSeconds:offsets:)``: the label ``label(of:)`` gives for
    /// every instant in the bucket.
    ///
    /// - Parameter number: A bucket number.
    /// - Returns: The label.
    /// - Throws: ``ServiceDomainError/Code/outOfRange`` for a number outside the supported years.
    package func label(ofBucket number: Int) throws(ServiceDomainError) -> String {
        switch bucket {
        case .day, .week: return bucket.label(of: try LocalDate(dayNumber: number))
        case .hour:
            let day = number >= 0 ? number / 24 : (number - 23) / 24
            return bucket.label(of: try LocalDate(dayNumber: day), hour: number - day * 24)
        case .month:
            let year = number >= 0 ? number / 12 : (number - 11) / 12
            return bucket.label(of: try LocalDate(year: year, month: number - year * 12 + 1, day: 1))
        }
    }
}
