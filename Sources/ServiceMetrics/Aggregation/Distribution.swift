import Foundation
import ServiceDomain

/// A mergeable summary of non-negative values (durations, counts): count, sum, mean, minimum, maximum and quantiles
/// with a bounded relative error.
///
/// Quantiles come from a relative-error sketch in the manner of DDSketch (Masson, Rim & Lee, VLDB 2019): a value `x`
/// is counted in bin `⌈log_γ x⌉` with `γ = (1 + α)/(1 − α)`, and a bin answers with `2γⁱ/(γ + 1)`, which is within a
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
    mutating func add(checked values: UnsafeBufferPointer<Double>) {
        guard values.count > 1 else {
            if let value = values.first { add(checked: value) }
            return
        }
        var indices = [Int](repeating: 0, count: values.count)
        var binned = 0
        var low = Int.max
        var high = Int.min
        var smallest = min ?? .infinity
        var largest = max ?? -.infinity
        // The sums and extremes first (chains of additions and comparisons, no calls), then the bins' indices.
        for value in values {
            accumulate(value)
            smallest = Swift.min(smallest, value)
            largest = Swift.max(largest, value)
        }
        let inverse = 1 / logGamma
        for value in values {
            if value < Self.zeroThreshold {
                zeroCount += 1
            } else {
                let index = index(of: value, inverse: inverse)
                indices[binned] = index
                binned += 1
                low = Swift.min(low, index)
                high = Swift.max(high, index)
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
        increment(high, by: 0)
        increment(low, by: 0)
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

    /// ``index(of:)`` with a multiplication by `inverse` (= 1 / logGamma) for the division, and the division itself
    /// only when the product is within 10⁻¹³ (relative) of an integer: the two differ by at most two units in the last
    /// place, so anywhere else they have the same ceiling, and the index is always the one ``index(of:)`` gives.
    @inline(__always)
    private func index(of value: Double, inverse: Double) -> Int {
        let logarithm = log(value)
        let quotient = logarithm * inverse
        let truncated = Int(quotient)
        let fraction = abs(quotient - Double(truncated))
        let margin = 1e-13 * abs(quotient)
        guard fraction > margin, 1 - fraction > margin else {
            let exponent = logarithm / logGamma
            let exact = Int(exponent)
            return Double(exact) < exponent ? exact + 1 : exact
        }
        return Double(truncated) < quotient ? truncated + 1 : truncated
    }

    private func index(of value: Double) -> Int {
        // ⌈log_γ value⌉, by truncation and a correction (the same value as `.rounded(.up)`, without a libm call):
        // the quotient is finite and far inside Int's range for every value above the zero threshold.
        let exponent = log(value) / logGamma
        let truncated = Int(exponent)
        return Double(truncated) < exponent ? truncated + 1 : truncated
    }

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
