import Foundation
import ServiceDomain

/// A mergeable summary of non-negative values (durations, counts): count, sum, mean, minimum, maximum and quantiles
/// with a bounded relative error.
///
/// Quantiles come from a relative-error sketch in the manner of DDSketch (Masson, Rim & Lee, VLDB 2019): a value `x`
/// is counted in bin `⌈log_γ x⌉` with `γ = (1 + α)/(1 − α)` — precisely, the smallest `i` with `x ≤ exp(i·ln γ)` as
/// `Double` computes it, so that a value on a boundary has one bin however it is found — and a bin answers with `2γⁱ/(γ + 1)`, which is within a
/// relative error `α` of every value the bin holds. The default `α` is 0.5 %, so quantiles are within 1 % of the
/// true value; one second to one year spans about 1 730 bins. Values below 10⁻⁹ count as zero (answered as the
/// minimum, so within 10⁻⁹ absolute). While at most ``exactLimit`` values have been added, they are kept too and
/// quantiles are exact.
///
/// **What holds past the bin cap.** At most ``maximumBins`` bins are kept (at the default accuracy a range of about
/// 6·10¹⁷ between the smallest and largest value above 10⁻⁹, such as a nanosecond to 19 years). Beyond that the lowest
/// bins are folded into the lowest kept one, as DDSketch does: ``collapsedCount`` says how many values were folded,
/// and the quantiles of their ranks (the lowest ones) are no longer within `α` — their true values lie between
/// ``min`` and the lowest kept bin. Every other quantile keeps its accuracy; ``isAccurate(at:)`` tells which is
/// which, and the measurements a tally produces leave out a quantile that is not.
///
/// The quantile at `q` is the value of rank `⌊q·(n − 1)⌋` (from 0) in sorted order — the lower of the two middle
/// values for an even median — exactly on small inputs and within `α` otherwise.
///
/// Folding values in any order, in any number of shards merged in any order, gives the same state — the same bins,
/// the same quantiles, and the same sum to the last bit: the sum is exact (a long accumulator), rounded once when
/// read, and encoded in one canonical form, so equal states encode to equal bytes. Values are at most
/// ``maximumValue``, so that no sum of them can overflow.
///
/// JSON: `{"relativeAccuracy": 0.005, "count": 3, "sum": 42, "min": 2, "max": 30, "zeroCount": 0,
/// "binOffset": 140, "bins": [1, 0, 2], "exact": [2, 10, 30]}` (`exact` absent once more than ``exactLimit`` values
/// have been added). When the exact sum is not a `Double`, `sum` is its rounding and `sumResidual` the rest of its
/// canonical expansion (each term the rounded remainder of the sum less the terms before it); `collapsed` is present
/// when values were folded below the bin cap. (`compensation`, written by earlier versions, is read and added.)
public struct Distribution: MetricState, Hashable {
    /// The default relative accuracy, 0.5 %.
    public static let defaultRelativeAccuracy = 0.005
    /// The most bins kept.
    public static let maximumBins = 4_096
    /// The finest relative accuracy a sketch takes, 10⁻⁶: finer bins would all be folded past the cap, and bin
    /// numbers of far finer ones would not fit an `Int` (a tampered shard with an accuracy of 10⁻¹⁰⁸ once trapped).
    public static let finestRelativeAccuracy = 1e-6
    /// How many values are kept exactly.
    public static let exactLimit = 64
    /// Values below this count as zero.
    static let zeroThreshold = 1e-9
    /// The largest value a distribution takes, 2⁹⁶⁰ (about 9.7·10²⁸⁸): far beyond any duration, and small enough
    /// that 2⁵³ such values add up to a finite sum.
    public static let maximumValue = 0x1p960

    /// The relative accuracy `α` of quantiles.
    public let relativeAccuracy: Double
    /// How many values were added.
    public private(set) var count = 0
    private var total = ExactSum()
    /// The smallest value, or `nil` when empty.
    public private(set) var min: Double?
    /// The largest value, or `nil` when empty.
    public private(set) var max: Double?
    private var zeroCount = 0
    private var binOffset = 0
    private var bins: [Int] = []
    private var exact: [Double]? = []
    /// Values counted in the lowest kept bin although they belong below it (see "What holds past the bin cap").
    public private(set) var collapsedCount = 0
    private let logGamma: Double

    /// An empty distribution.
    ///
    /// - Parameter relativeAccuracy: The relative accuracy of quantiles, from ``finestRelativeAccuracy`` (10⁻⁶) to
    ///   below 1.
    /// - Throws: ``ServiceMetricsError`` with code `outOfRange` or `nonFinite` (path `relativeAccuracy`).
    public init(relativeAccuracy: Double = Distribution.defaultRelativeAccuracy) throws(ServiceMetricsError) {
        try Check.share(relativeAccuracy, "relativeAccuracy", open: true)
        guard relativeAccuracy >= Self.finestRelativeAccuracy else {
            throw ServiceMetricsError(
                .outOfRange,
                at: "relativeAccuracy",
                "relativeAccuracy \(relativeAccuracy) is finer than the finest a sketch keeps, 1e-6"
            )
        }
        self.relativeAccuracy = relativeAccuracy
        self.logGamma = log((1 + relativeAccuracy) / (1 - relativeAccuracy))
    }

    /// An empty distribution with the default accuracy.
    public init() {
        relativeAccuracy = Self.defaultRelativeAccuracy
        logGamma = log((1 + Self.defaultRelativeAccuracy) / (1 - Self.defaultRelativeAccuracy))
    }

    /// The sum of the values: exact, rounded once to the nearest `Double`.
    public var sum: Double { total.value }

    /// The mean, or `nil` when empty.
    public var mean: Double? { count == 0 ? nil : sum / Double(count) }

    /// Whether quantiles are exact (no more than ``exactLimit`` values so far).
    public var isExact: Bool { exact != nil }

    /// Adds a value.
    ///
    /// - Parameter value: A finite value, not negative, at most ``maximumValue``.
    /// - Throws: ``ServiceMetricsError`` with code `nonFinite` or `outOfRange` (path `value`); the distribution is
    ///   unchanged then.
    public mutating func add(_ value: Double) throws(ServiceMetricsError) {
        try Self.check(value)
        add(checked: value)
    }

    /// Throws unless a value can be added: finite, not negative, at most ``maximumValue``.
    static func check(_ value: Double, _ path: String = "value") throws(ServiceMetricsError) {
        try Check.notNegative(value, path)
        guard value <= maximumValue else {
            throw ServiceMetricsError(.outOfRange, at: path, "\(path) \(value) is above the largest value, 2^960")
        }
    }

    /// Adds a value already checked to be finite and not negative.
    mutating func add(checked value: Double) {
        count += 1
        total.add(value)
        min = Swift.min(min ?? value, value)
        max = Swift.max(max ?? value, value)
        if value < Self.zeroThreshold {
            zeroCount += 1
        } else {
            increment(index(of: value), by: 1)
        }
        if exact != nil {
            if count > Self.exactLimit {
                exact = nil
            } else {
                insertSorted(value)
            }
        }
    }

    /// Adds values already checked to be finite and not negative, in order: the state ``add(_:)`` reaches adding
    /// them one by one, with the bins counted in a tight second pass (many independent increments in flight, so that
    /// bins out of cache cost one wait for several values rather than one each).
    mutating func add(checked values: UnsafeBufferPointer<Double>, table: inout BinIndexTable?) {
        guard values.count > 1 else {
            if let value = values.first { add(checked: value) }
            return
        }
        if table?.logGamma != logGamma { table = BinIndexTable(logGamma: logGamma) }
        // The bins' indices go to a buffer the table keeps from call to call (no allocation per group).
        var indices = table?.takeIndices(values.count) ?? [Int](repeating: 0, count: values.count)
        defer { table?.returnIndices(indices) }
        var smallest = min ?? .infinity
        var largest = max ?? -.infinity
        // The sums and extremes first (chains of additions and comparisons, no calls), then the bins' indices.
        var lowest = Double.infinity
        var highest = -Double.infinity
        // Whole numbers (durations in whole seconds) are summed in a local integer, exactly, and handed over once;
        // other values go to the exact sum one by one.
        var whole = 0
        for value in values {
            // A whole number below 2⁵³ converts to an Int and back unchanged (the values are not negative).
            if value < 0x1p53, Double(Int(value)) == value {
                let (sum, overflowed) = whole.addingReportingOverflow(Int(value))
                if overflowed {
                    total.add(integer: whole)
                    whole = Int(value)
                } else {
                    whole = sum
                }
            } else {
                total.add(value)
            }
            lowest = Swift.min(lowest, value)
            highest = Swift.max(highest, value)
        }
        total.add(integer: whole)
        smallest = Swift.min(smallest, lowest)
        largest = Swift.max(largest, highest)
        var binned = 0
        var low = Int.max
        var high = Int.min
        indices.withUnsafeMutableBufferPointer { indices in
            func bin(_ index: Int) {
                indices[binned] = index
                binned += 1
                low = Swift.min(low, index)
                high = Swift.max(high, index)
            }
            if table != nil, highest >= Self.zeroThreshold {
                table?.prepare(from: Swift.max(lowest, Self.zeroThreshold), through: highest)
                table?.withLookup { lookup in
                    for value in values {
                        if value < Self.zeroThreshold { zeroCount += 1 } else { bin(lookup.index(of: value)) }
                    }
                }
            } else {
                for value in values {
                    if value < Self.zeroThreshold { zeroCount += 1 } else { bin(index(of: value)) }
                }
            }
        }
        count += values.count
        min = smallest
        max = largest
        if exact != nil {
            if count > Self.exactLimit {
                exact = nil
            } else {
                for value in values { insertSorted(value) }
            }
        }
        guard binned > 0 else { return }
        // Make room for [low, high] (as single increments would, collapsing below the lowest kept bin), then count.
        cover(low, high)
        let offset = binOffset
        indices.withUnsafeBufferPointer { indices in
            bins.withUnsafeMutableBufferPointer { bins in
                for position in 0..<binned { bins[Swift.max(indices[position], offset) - offset] += 1 }
            }
        }
        // Values below the lowest kept bin were folded into it (only when the batch spans more than the cap).
        if low < offset { collapsedCount += indices[0..<binned].reduce(0) { $0 + ($1 < offset ? 1 : 0) } }
    }

    /// Adds another distribution's values.
    ///
    /// - Parameter other: A distribution with the same relative accuracy.
    /// - Throws: ``ServiceMetricsError`` with code `incompatibleStates` when the accuracies differ, `overflow`
    ///   (path `count`) when the counts together pass 2⁵³; the distribution is unchanged then.
    public mutating func merge(_ other: Distribution) throws(ServiceMetricsError) {
        guard other.relativeAccuracy == relativeAccuracy else {
            throw ServiceMetricsError(
                .incompatibleStates,
                at: "relativeAccuracy",
                "cannot merge distributions of accuracy \(relativeAccuracy) and \(other.relativeAccuracy)"
            )
        }
        guard other.count > 0 else { return }
        let merged = try Check.sum(count, other.count, "count")
        if let mine = exact, let theirs = other.exact, merged <= Self.exactLimit {
            exact = Self.mergeSorted(mine, theirs)
        } else {
            exact = nil
        }
        count = merged
        total.add(other.total)
        min = Swift.min(min ?? .infinity, other.min ?? .infinity)
        max = Swift.max(max ?? -.infinity, other.max ?? -.infinity)
        zeroCount += other.zeroCount
        mergeBins(other)
    }

    /// Adds another sketch's bins in one pass: the bins a one-pass fold of both sets of values keeps, with the values
    /// below the lowest kept bin folded into it and counted.
    private mutating func mergeBins(_ other: Distribution) {
        guard !other.bins.isEmpty else { return }
        guard !bins.isEmpty else {
            (binOffset, bins, collapsedCount) = (other.binOffset, other.bins, other.collapsedCount)
            return
        }
        let high = Swift.max(binOffset + bins.count, other.binOffset + other.bins.count) - 1
        let first = Swift.max(Swift.min(binOffset, other.binOffset), high - Self.maximumBins + 1)
        var merged = [Int](repeating: 0, count: high - first + 1)
        var collapsed = 0
        for (offset, counts, folded) in [
            (binOffset, bins, collapsedCount), (other.binOffset, other.bins, other.collapsedCount),
        ] {
            // A sketch's folded values sit in its lowest bin, which is at or below `first`: they stay folded.
            collapsed += folded
            for (position, binCount) in counts.enumerated() where binCount > 0 {
                let index = offset + position
                if index < first { collapsed += position == 0 ? binCount - folded : binCount }
                merged[Swift.max(index, first) - first] += binCount
            }
        }
        (binOffset, bins, collapsedCount) = (first, merged, collapsed)
    }

    /// Whether the quantile at `q` is exact or within the relative accuracy: false only for the ranks of values
    /// folded below the bin cap (see ``collapsedCount``).
    ///
    /// - Parameter q: From 0 to 1.
    /// - Returns: Whether ``quantile(_:)`` at `q` keeps the documented accuracy; `true` when empty.
    public func isAccurate(at q: Double) -> Bool {
        guard exact == nil, collapsedCount > 0, count > 0, q.isFinite, (0...1).contains(q) else { return true }
        let rank = Int((q * Double(count - 1) + 1e-9).rounded(.down))
        return rank < zeroCount || rank >= zeroCount + collapsedCount
    }

    /// The value at a quantile.
    ///
    /// - Parameter q: From 0 to 1.
    /// - Returns: The value of rank `⌊q·(n − 1)⌋`, exact or within the relative accuracy; `nil` when empty.
    /// - Throws: ``ServiceMetricsError`` with code `outOfRange` or `nonFinite` (path `q`).
    public func quantile(_ q: Double) throws(ServiceMetricsError) -> Double? {
        try Check.share(q, "q")
        guard count > 0, let min, let max else { return nil }
        // A tolerance keeps q·(n − 1) = 8.999999… from meaning rank 8 when the decimal answer is 9.
        let rank = Int((q * Double(count - 1) + 1e-9).rounded(.down))
        if let exact { return exact[rank] }
        if rank < zeroCount { return Swift.max(0, min) }
        var seen = zeroCount
        for (position, binCount) in bins.enumerated() {
            seen += binCount
            if seen > rank {
                let estimate = 2 * exp(Double(binOffset + position) * logGamma) / (exp(logGamma) + 1)
                return Swift.min(Swift.max(estimate, min), max)
            }
        }
        return max
    }

    /// The median (the 0.5 quantile), or `nil` when empty.
    public var median: Double? { try? quantile(0.5) }
    /// The 0.9 quantile, or `nil` when empty.
    public var p90: Double? { try? quantile(0.9) }
    /// The 0.95 quantile, or `nil` when empty.
    public var p95: Double? { try? quantile(0.95) }
    /// The 0.99 quantile, or `nil` when empty.
    public var p99: Double? { try? quantile(0.99) }

    /// The number of bins in use (memory grows with this, never with the count).
    public var binCount: Int { bins.count }

    // MARK: - Implementation

    private func index(of value: Double) -> Int { Self.index(of: value, logGamma: logGamma) }

    /// The bin of a value above the zero threshold: the smallest `i` with `value ≤ bound(i)`.
    ///
    /// `⌈log value / log γ⌉` is that bin unless the quotient is within 10⁻¹² (relative) of an integer — the two
    /// roundings, of the logarithm and of the bound, move it by far less — and near an integer the bounds decide.
    static func index(of value: Double, logGamma: Double) -> Int {
        let exponent = log(value) / logGamma
        // ⌈exponent⌉ by truncation and a correction (no libm call): finite and far inside Int's range.
        let truncated = Int(exponent)
        var index = Double(truncated) < exponent ? truncated + 1 : truncated
        let fraction = abs(exponent - Double(truncated))
        let margin = 1e-12 * Swift.max(1, abs(exponent))
        if fraction <= margin || 1 - fraction <= margin {
            while value > bound(index, logGamma: logGamma) { index += 1 }
            while value <= bound(index - 1, logGamma: logGamma) { index -= 1 }
        }
        return index
    }

    /// The upper bound of bin `index`: `exp(index · log γ)`.
    @inline(__always)
    static func bound(_ index: Int, logGamma: Double) -> Double { exp(Double(index) * logGamma) }

    /// Makes room for the bins `low...high`: the state `increment(high, by: 0)` then `increment(low, by: 0)` reach,
    /// growing the bins once when no collapse is needed.
    private mutating func cover(_ low: Int, _ high: Int) {
        let first = bins.isEmpty ? low : Swift.min(low, binOffset)
        let last = bins.isEmpty ? high : Swift.max(high, binOffset + bins.count - 1)
        guard last - first + 1 <= Self.maximumBins else {
            increment(high, by: 0)
            increment(low, by: 0)
            return
        }
        guard bins.isEmpty || first < binOffset || last >= binOffset + bins.count else { return }
        var grown = [Int](repeating: 0, count: last - first + 1)
        let shift = bins.isEmpty ? 0 : binOffset - first
        grown.withUnsafeMutableBufferPointer { grown in
            bins.withUnsafeBufferPointer { bins in
                _ = UnsafeMutableBufferPointer(rebasing: grown[shift..<(shift + bins.count)]).update(
                    fromContentsOf: bins
                )
            }
        }
        bins = grown
        binOffset = first
    }

    private mutating func increment(_ index: Int, by amount: Int) {
        if bins.isEmpty {
            binOffset = index
            bins = [amount]
            return
        }
        var index = index
        let lowestKept = binOffset + bins.count - Self.maximumBins
        if index < lowestKept {
            index = lowestKept
            collapsedCount += amount
        }
        if index < binOffset {
            bins.insert(contentsOf: repeatElement(0, count: binOffset - index), at: 0)
            binOffset = index
        } else if index >= binOffset + bins.count {
            bins.append(contentsOf: repeatElement(0, count: index - binOffset - bins.count + 1))
        }
        bins[index - binOffset] += amount
        collapse()
    }

    /// Folds the lowest bins into the lowest kept one while there are more than ``maximumBins``.
    private mutating func collapse() {
        let excess = bins.count - Self.maximumBins
        guard excess > 0 else { return }
        // Every value in the folded bins (those folded before included, since they sat in the lowest) now lies below
        // the lowest kept bin.
        let folded = bins[0..<excess].reduce(0, +)
        bins.removeFirst(excess)
        bins[0] += folded
        binOffset += excess
        collapsedCount = folded
    }

    private mutating func insertSorted(_ value: Double) {
        guard var values = exact else { return }
        exact = nil
        var position = values.count
        while position > 0, values[position - 1] > value { position -= 1 }
        values.insert(value, at: position)
        exact = values
    }

    private static func mergeSorted(_ a: [Double], _ b: [Double]) -> [Double] {
        var result: [Double] = []
        result.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i] <= b[j]) {
                result.append(a[i])
                i += 1
            } else {
                result.append(b[j])
                j += 1
            }
        }
        return result
    }

    // MARK: - Codable and Equatable

    private enum CodingKeys: String, CodingKey {
        case relativeAccuracy
        case count
        case sum
        case sumResidual
        case compensation
        case min
        case max
        case zeroCount
        case binOffset
        case bins
        case collapsed
        case exact
    }

    /// Decodes a distribution, checking that a fold of values could have produced it.
    ///
    /// The checks: every count from 0 to 2⁵³
    /// and the bins and the zero count adding up to the count; the bins in the range the values give (the highest
    /// holding the maximum, the lowest the minimum unless values were folded), none empty at either end, at most
    /// ``maximumBins``; the sum exact, not negative and between `count · min` and `count · max`; the exact values,
    /// when kept, sorted, from the minimum to the maximum and adding up to the sum. A state from an untrusted shard
    /// that passes can be merged without overflow.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` naming the field for malformed or impossible data; ``ServiceMetricsError`` (path
    ///   `relativeAccuracy`) for an accuracy outside (0, 1).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let accuracy = try container.decode(Double.self, forKey: .relativeAccuracy)
        try self.init(relativeAccuracy: accuracy)
        count = try container.decodeCount(forKey: .count)
        total = try container.decodeExactSum(forKey: .sum, residualKey: .sumResidual)
        if container.contains(.compensation) { total.add(try container.decodeFinite(forKey: .compensation)) }
        min = try container.decodeIfPresent(Double.self, forKey: .min)
        max = try container.decodeIfPresent(Double.self, forKey: .max)
        zeroCount = try container.decodeCount(forKey: .zeroCount)
        binOffset = try container.decode(Int.self, forKey: .binOffset)
        bins = try container.decodeCounts(forKey: .bins)
        collapsedCount = container.contains(.collapsed) ? try container.decodeCount(forKey: .collapsed) : 0
        exact = try container.decodeIfPresent([Double].self, forKey: .exact)
        try validateDecoded(container)
    }

    private func validateDecoded(_ container: KeyedDecodingContainer<CodingKeys>) throws {
        let sum = total.value
        try container.require(sum >= 0, forKey: .sum, "sum cannot be negative (\(sum))")
        for (key, value) in [(CodingKeys.min, min), (.max, max)] {
            try container.require(
                (value == nil) == (count == 0),
                forKey: key,
                "\(key.stringValue) is present exactly when the count is not 0"
            )
            if let value {
                try container.require(
                    value >= 0 && value <= Self.maximumValue,
                    forKey: key,
                    "\(key.stringValue) must be from 0 to 2^960, not \(value)"
                )
            }
        }
        let low = min ?? 0
        let high = max ?? 0
        try container.require(low <= high, forKey: .min, "min \(low) is above max \(high)")
        let n = Double(count)
        try container.require(
            count == 0 ? sum == 0 : sum >= low * n * (1 - 1e-12) && sum <= high * n * (1 + 1e-12),
            forKey: .sum,
            "sum \(sum) is not between count · min and count · max"
        )
        try container.require(zeroCount <= count, forKey: .zeroCount, "zeroCount \(zeroCount) is above the count")
        try container.require(
            (low < Self.zeroThreshold) == (zeroCount > 0) || count == 0,
            forKey: .zeroCount,
            "zeroCount must be positive exactly when min is below 1e-9"
        )
        try container.require(
            bins.count <= Self.maximumBins,
            forKey: .bins,
            "at most \(Self.maximumBins) bins, not \(bins.count)"
        )
        try container.require(
            bins.reduce(0, +) == count - zeroCount,
            forKey: .bins,
            "the bins count \(bins.reduce(0, +)) values, but count − zeroCount is \(count - zeroCount)"
        )
        if let first = bins.first, let last = bins.last {
            try container.require(first > 0 && last > 0, forKey: .bins, "the first and last bins cannot be empty")
            let top = Self.index(of: high, logGamma: logGamma)
            let bottom = Self.index(of: Swift.max(low, Self.zeroThreshold), logGamma: logGamma)
            let (lastIndex, overflowed) = binOffset.addingReportingOverflow(bins.count - 1)
            try container.require(
                !overflowed && lastIndex == top,
                forKey: .binOffset,
                "the highest bin must be the maximum's, \(top)"
            )
            // The lowest bin is the smallest value's above 1e-9: the minimum's when it is above, unless folded.
            let lowest =
                collapsedCount > 0
                ? binOffset > bottom : low >= Self.zeroThreshold ? binOffset == bottom : binOffset >= bottom
            try container.require(
                lowest,
                forKey: .binOffset,
                "the lowest bin must hold the smallest value above 1e-9 (the minimum's is \(bottom)), unless values were folded below it"
            )
        } else {
            try container.require(high < Self.zeroThreshold, forKey: .bins, "values above 1e-9 need bins")
        }
        try container.require(
            collapsedCount == 0 || (bins.count == Self.maximumBins && collapsedCount < bins[0]),
            forKey: .collapsed,
            "values are folded only below a full set of bins, into the lowest, which holds more than them"
        )
        if let exact {
            try container.require(
                exact.count == count && count <= Self.exactLimit && exact.allSatisfy(\.isFinite)
                    && exact == exact.sorted() && exact.first == min && exact.last == max
                    && ExactSum(adding: exact) == total,
                forKey: .exact,
                "exact holds the count's values in order, from min to max, adding up to the sum"
            )
        } else {
            try container.require(
                count > Self.exactLimit,
                forKey: .exact,
                "exact is present while at most \(Self.exactLimit) values have been added"
            )
        }
    }

    /// Encodes the distribution in its documented JSON form, the sum in its canonical expansion.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(relativeAccuracy, forKey: .relativeAccuracy)
        try container.encode(count, forKey: .count)
        try container.encode(total, forKey: .sum, residualKey: .sumResidual)
        try container.encodeIfPresent(min, forKey: .min)
        try container.encodeIfPresent(max, forKey: .max)
        try container.encode(zeroCount, forKey: .zeroCount)
        try container.encode(binOffset, forKey: .binOffset)
        try container.encode(bins, forKey: .bins)
        if collapsedCount > 0 { try container.encode(collapsedCount, forKey: .collapsed) }
        try container.encodeIfPresent(exact, forKey: .exact)
    }

    /// Whether two distributions hold the same state.
    ///
    /// - Parameters:
    ///   - lhs: A distribution.
    ///   - rhs: Another.
    /// - Returns: Whether every field agrees, the sums exactly.
    public static func == (lhs: Distribution, rhs: Distribution) -> Bool {
        lhs.relativeAccuracy == rhs.relativeAccuracy && lhs.count == rhs.count && lhs.total == rhs.total
            && lhs.min == rhs.min && lhs.max == rhs.max && lhs.zeroCount == rhs.zeroCount
            && lhs.binOffset == rhs.binOffset && lhs.bins == rhs.bins && lhs.exact == rhs.exact
            && lhs.collapsedCount == rhs.collapsedCount
    }

    /// Hashes the state.
    ///
    /// - Parameter hasher: The hasher.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        hasher.combine(sum)
        hasher.combine(bins)
    }
}

/// A sketch's bins by table, so that a value's bin is a lookup and a comparison instead of a logarithm.
///
/// Each binade (values from 2ᵉ to 2ᵉ⁺¹) is split by the top bits of the significand into sub-ranges narrower than
/// half a bin, each with the one bin boundary it can hold. Each entry is the bin of its sub-range's lowest value by
/// ``Distribution``'s own rule, so every value gets the bin that rule gives. Binades are built as values reach them
/// (256 logarithms and exponentials each at the default accuracy), once per fold.
package struct BinIndexTable: Sendable {
    /// The sketch's `log γ`.
    let logGamma: Double
    /// Significand bits that select a sub-range.
    private let bits: Int
    /// The biased exponent of the first binade covered.
    private var base = 0
    /// Whether each covered binade is built.
    private var built: [Bool] = []
    /// By binade (from `base`) then sub-range: the bin of the sub-range's lowest value and that bin's upper bound.
    private var entries: [Entry] = []

    struct Entry: Sendable {
        var index = 0
        var bound = 0.0
    }

    /// A buffer for bins' indices, lent to one sketch's batch add at a time.
    private var indices: [Int] = []

    /// The indices buffer, at least `count` long (its contents unspecified), leaving the table without it.
    mutating func takeIndices(_ count: Int) -> [Int] {
        var buffer: [Int] = []
        swap(&buffer, &indices)
        if buffer.count < count { buffer.append(contentsOf: repeatElement(0, count: count - buffer.count)) }
        return buffer
    }

    /// Gives the indices buffer back.
    mutating func returnIndices(_ buffer: [Int]) { indices = buffer }

    /// A table for a sketch with this `log γ`, or `nil` when its bins are so narrow that it would need more than
    /// 2¹² sub-ranges per binade.
    init?(logGamma: Double) {
        guard logGamma.isFinite, logGamma > 0 else { return nil }
        // Sub-ranges of relative width 2⁻ᵇ ≤ log γ / 2 hold at most one boundary.
        let needed = Swift.max(0, Int(log2(2 / logGamma).rounded(.up)))
        guard needed <= 12 else { return nil }
        self.logGamma = logGamma
        self.bits = needed
    }

    /// Builds every binade from that of `smallest` to that of `largest` (finite, at least the zero threshold).
    mutating func prepare(from smallest: Double, through largest: Double) {
        let first = Int(smallest.exponentBitPattern)
        let last = Int(largest.exponentBitPattern)
        let width = 1 << bits
        if built.isEmpty {
            base = first
            built = Array(repeating: false, count: last - first + 1)
            entries = Array(repeating: Entry(), count: (last - first + 1) * width)
        }
        if first < base {
            built.insert(contentsOf: repeatElement(false, count: base - first), at: 0)
            entries.insert(contentsOf: repeatElement(Entry(), count: (base - first) * width), at: 0)
            base = first
        }
        if last - base >= built.count {
            let added = last - base - built.count + 1
            built.append(contentsOf: repeatElement(false, count: added))
            entries.append(contentsOf: repeatElement(Entry(), count: added * width))
        }
        for biased in first...last where !built[biased - base] {
            let start = (biased - base) * width
            for sub in 0..<width {
                let lowest = Double(
                    sign: .plus,
                    exponentBitPattern: UInt(biased),
                    significandBitPattern: UInt64(sub) << UInt64(52 - bits)
                )
                let index = Distribution.index(of: lowest, logGamma: logGamma)
                entries[start + sub] = Entry(index: index, bound: Distribution.bound(index, logGamma: logGamma))
            }
            built[biased - base] = true
        }
    }

    /// Runs `body` with lookups into the built binades.
    func withLookup<R>(_ body: (Lookup) -> R) -> R {
        entries.withUnsafeBufferPointer { body(Lookup(entries: $0, base: base, bits: bits)) }
    }

    /// Lookups into a table's built binades.
    struct Lookup {
        let entries: UnsafeBufferPointer<Entry>
        let base: Int
        let bits: Int

        /// The bin of a value whose binade is built.
        @inline(__always)
        func index(of value: Double) -> Int {
            let pattern = value.bitPattern
            let binade = Int(truncatingIfNeeded: pattern >> 52) - base
            let sub = Int(truncatingIfNeeded: (pattern & 0xF_FFFF_FFFF_FFFF) >> UInt64(52 - bits))
            let entry = entries[binade << bits | sub]
            return value > entry.bound ? entry.index + 1 : entry.index
        }
    }
}
