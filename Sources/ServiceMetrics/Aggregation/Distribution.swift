import Foundation
import ServiceDomain

/// A mergeable summary of non-negative values (durations, counts): count, sum, mean, minimum, maximum and quantiles
/// with a bounded relative error.
///
/// Quantiles come from a relative-error sketch in the manner of DDSketch (Masson, Rim & Lee, VLDB 2019): a value `x`
/// is counted in bin `⌈log_γ x⌉` with `γ = (1 + α)/(1 − α)` — precisely, the smallest `i` with `x ≤ exp(i·ln γ)` as
/// `Double` computes it, so that a value on a boundary has one bin however it is found — and a bin answers with `2γⁱ/(γ + 1)`, which is within a
/// relative error `α` of every value the bin holds. The default `α` is 0.5 %, so quantiles are within 1 % of the
/// true value; one second to one year spans about 1 730 bins. At most ``maximumBins`` bins are kept: beyond that the
/// lowest bins are folded into the lowest kept one (the upper quantiles, which service reports read, keep their
/// accuracy). Values below 10⁻⁹ count as zero. While at most ``exactLimit`` values have been added, they are kept
/// too and quantiles are exact.
///
/// The quantile at `q` is the value of rank `⌊q·(n − 1)⌋` (from 0) in sorted order — the lower of the two middle
/// values for an even median — exactly on small inputs and within `α` otherwise.
///
/// Folding values in any order, in any number of shards merged in any order, gives the same state, so the same
/// quantiles; the sum, and so the mean, agree to rounding (exactly for whole numbers of seconds).
///
/// JSON: `{"relativeAccuracy": 0.005, "count": 3, "sum": 42, "min": 2, "max": 30, "zeroCount": 0,
/// "binOffset": 140, "bins": [1, 0, 2], "exact": [2, 10, 30]}` (`exact` absent once more than ``exactLimit`` values
/// have been added).
public struct Distribution: MetricState, Hashable {
    /// The default relative accuracy, 0.5 %.
    public static let defaultRelativeAccuracy = 0.005
    /// The most bins kept.
    public static let maximumBins = 4_096
    /// How many values are kept exactly.
    public static let exactLimit = 64
    /// Values below this count as zero.
    static let zeroThreshold = 1e-9

    /// The relative accuracy `α` of quantiles.
    public let relativeAccuracy: Double
    /// How many values were added.
    public private(set) var count = 0
    private var total = 0.0
    private var compensation = 0.0
    /// The smallest value, or `nil` when empty.
    public private(set) var min: Double?
    /// The largest value, or `nil` when empty.
    public private(set) var max: Double?
    private var zeroCount = 0
    private var binOffset = 0
    private var bins: [Int] = []
    private var exact: [Double]? = []
    private let logGamma: Double

    /// An empty distribution.
    ///
    /// - Parameter relativeAccuracy: The relative accuracy of quantiles, above 0 and below 1.
    /// - Throws: ``ServiceMetricsError`` with code `outOfRange` or `nonFinite` (path `relativeAccuracy`).
    public init(relativeAccuracy: Double = Distribution.defaultRelativeAccuracy) throws(ServiceMetricsError) {
        try Check.share(relativeAccuracy, "relativeAccuracy", open: true)
        self.relativeAccuracy = relativeAccuracy
        self.logGamma = log((1 + relativeAccuracy) / (1 - relativeAccuracy))
    }

    /// An empty distribution with the default accuracy.
    public init() {
        relativeAccuracy = Self.defaultRelativeAccuracy
        logGamma = log((1 + Self.defaultRelativeAccuracy) / (1 - Self.defaultRelativeAccuracy))
    }

    /// The sum of the values (compensated, so that rounding does not grow with the count).
    public var sum: Double { total + compensation }

    /// The mean, or `nil` when empty.
    public var mean: Double? { count == 0 ? nil : sum / Double(count) }

    /// Whether quantiles are exact (no more than ``exactLimit`` values so far).
    public var isExact: Bool { exact != nil }

    /// Adds a value.
    ///
    /// - Parameter value: A finite value, not negative.
    /// - Throws: ``ServiceMetricsError`` with code `nonFinite` or `outOfRange` (path `value`); the distribution is
    ///   unchanged then.
    public mutating func add(_ value: Double) throws(ServiceMetricsError) {
        try Check.notNegative(value, "value")
        add(checked: value)
    }

    /// Adds a value already checked to be finite and not negative.
    mutating func add(checked value: Double) {
        count += 1
        accumulate(value)
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
        var indices = [Int](repeating: 0, count: values.count)
        var binned = 0
        var low = Int.max
        var high = Int.min
        var smallest = min ?? .infinity
        var largest = max ?? -.infinity
        // The sums and extremes first (chains of additions and comparisons, no calls), then the bins' indices.
        var lowest = Double.infinity
        var highest = -Double.infinity
        for value in values {
            accumulate(value)
            lowest = Swift.min(lowest, value)
            highest = Swift.max(highest, value)
        }
        smallest = Swift.min(smallest, lowest)
        largest = Swift.max(largest, highest)
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
    }

    /// Adds another distribution's values.
    ///
    /// - Parameter other: A distribution with the same relative accuracy.
    /// - Throws: ``ServiceMetricsError`` with code `incompatibleStates` when the accuracies differ.
    public mutating func merge(_ other: Distribution) throws(ServiceMetricsError) {
        guard other.relativeAccuracy == relativeAccuracy else {
            throw ServiceMetricsError(
                .incompatibleStates,
                at: "relativeAccuracy",
                "cannot merge distributions of accuracy \(relativeAccuracy) and \(other.relativeAccuracy)"
            )
        }
        guard other.count > 0 else { return }
        if let mine = exact, let theirs = other.exact, count + other.count <= Self.exactLimit {
            exact = Self.mergeSorted(mine, theirs)
        } else {
            exact = nil
        }
        count += other.count
        accumulate(other.total)
        accumulate(other.compensation)
        min = Swift.min(min ?? .infinity, other.min ?? .infinity)
        max = Swift.max(max ?? -.infinity, other.max ?? -.infinity)
        zeroCount += other.zeroCount
        for (position, binCount) in other.bins.enumerated() where binCount > 0 {
            increment(other.binOffset + position, by: binCount)
        }
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

    private mutating func accumulate(_ value: Double) {
        // Neumaier's compensated summation.
        let next = total + value
        if abs(total) >= abs(value) {
            compensation += (total - next) + value
        } else {
            compensation += (value - next) + total
        }
        total = next
    }

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
        if index < lowestKept { index = lowestKept }
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
        let folded = bins[0..<excess].reduce(0, +)
        bins.removeFirst(excess)
        bins[0] += folded
        binOffset += excess
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
        case compensation
        case min
        case max
        case zeroCount
        case binOffset
        case bins
        case exact
    }

    /// Decodes a distribution, checking that it could have come from adding values.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed or impossible data.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let accuracy = try container.decode(Double.self, forKey: .relativeAccuracy)
        try self.init(relativeAccuracy: accuracy)
        count = try container.decode(Int.self, forKey: .count)
        total = try container.decode(Double.self, forKey: .sum)
        compensation = try container.decodeIfPresent(Double.self, forKey: .compensation) ?? 0
        min = try container.decodeIfPresent(Double.self, forKey: .min)
        max = try container.decodeIfPresent(Double.self, forKey: .max)
        zeroCount = try container.decode(Int.self, forKey: .zeroCount)
        binOffset = try container.decode(Int.self, forKey: .binOffset)
        bins = try container.decode([Int].self, forKey: .bins)
        exact = try container.decodeIfPresent([Double].self, forKey: .exact)
        let binned = bins.reduce(0) { $0 + Swift.max($1, 0) }
        let bounds = (min == nil) == (count == 0) && (max == nil) == (count == 0) && (min ?? 0) <= (max ?? 0)
        guard count >= 0, zeroCount >= 0, bins.allSatisfy({ $0 >= 0 }), binned + zeroCount == count,
            bins.count <= Self.maximumBins, total.isFinite, compensation.isFinite, bounds,
            (min ?? 0) >= 0, (max ?? 0).isFinite,
            exact.map({ $0.count == count && $0 == $0.sorted() && count <= Self.exactLimit })
                ?? (count > Self.exactLimit)
        else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: container.codingPath, debugDescription: "impossible distribution")
            )
        }
    }

    /// Encodes the distribution in its documented JSON form.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(relativeAccuracy, forKey: .relativeAccuracy)
        try container.encode(count, forKey: .count)
        try container.encode(total, forKey: .sum)
        if compensation != 0 { try container.encode(compensation, forKey: .compensation) }
        try container.encodeIfPresent(min, forKey: .min)
        try container.encodeIfPresent(max, forKey: .max)
        try container.encode(zeroCount, forKey: .zeroCount)
        try container.encode(binOffset, forKey: .binOffset)
        try container.encode(bins, forKey: .bins)
        try container.encodeIfPresent(exact, forKey: .exact)
    }

    /// Whether two distributions hold the same state.
    ///
    /// - Parameters:
    ///   - lhs: A distribution.
    ///   - rhs: Another.
    /// - Returns: Whether every field agrees.
    public static func == (lhs: Distribution, rhs: Distribution) -> Bool {
        lhs.relativeAccuracy == rhs.relativeAccuracy && lhs.count == rhs.count && lhs.sum == rhs.sum
            && lhs.min == rhs.min && lhs.max == rhs.max && lhs.zeroCount == rhs.zeroCount
            && lhs.binOffset == rhs.binOffset && lhs.bins == rhs.bins && lhs.exact == rhs.exact
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
