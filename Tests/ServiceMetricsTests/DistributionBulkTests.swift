import Foundation
import ServiceDomain
import Testing

@testable import ServiceMetrics

@Suite("Distribution: bins on their boundaries, one by one and by table")
struct DistributionBulkTests {
    /// Values on and around bin boundaries from 10⁻⁸ to 10¹² (`exp(k·log γ)`, and the doubles just below and above
    /// it), and random values across the range of `Double`, in an order that reaches binades out of order.
    static func values(logGamma: Double) -> [Double] {
        var values: [Double] = []
        var k = Int((log(1e-8) / logGamma).rounded(.down))
        while Double(k) * logGamma < log(1e12) {
            let boundary = exp(Double(k) * logGamma)
            values += [boundary.nextDown, boundary, boundary.nextUp, boundary.nextUp.nextUp]
            k += max(1, Int(0.01 / logGamma))
        }
        var rng = SeededGenerator(seed: 9)
        for _ in 0..<5_000 { values.append(exp(Double.random(in: log(1e-9)...log(1e288), using: &rng))) }
        values.shuffle(using: &rng)
        return values
    }

    /// A value's bin is by definition the smallest `k` with `value ≤ exp(k·log γ)`: checked here by that rule for the
    /// one-by-one path and the table's, on every value, and the sketches both paths build are equal — added whole,
    /// and in slices of 100 into one table (binades built in several steps, below and above those built before).
    @Test(
        "a value's bin is the smallest k with value ≤ exp(k·log γ), by either path",
        arguments: [0.01, 0.005, 0.001, 0.05, 0.3, 0.0001]
    )
    func boundaries(relativeAccuracy: Double) throws {
        let logGamma = log((1 + relativeAccuracy) / (1 - relativeAccuracy))
        let values = Self.values(logGamma: logGamma)
        var table = BinIndexTable(logGamma: logGamma)
        // 2⁻ᵇ ≤ log γ / 2 with b ≤ 12: a table for every accuracy here but the finest.
        #expect((table == nil) == (relativeAccuracy == 0.0001))
        table?.prepare(from: 1e-9, through: 1e288)
        for value in values {
            let index = Distribution.index(of: value, logGamma: logGamma)
            #expect(value <= exp(Double(index) * logGamma), "\(value)")
            #expect(value > exp(Double(index - 1) * logGamma), "\(value)")
            if let table { #expect(table.withLookup { $0.index(of: value) } == index, "\(value)") }
        }
        var one = try Distribution(relativeAccuracy: relativeAccuracy)
        for value in values { try one.add(value) }
        var whole = try Distribution(relativeAccuracy: relativeAccuracy)
        var fresh = BinIndexTable(logGamma: logGamma)
        values.withUnsafeBufferPointer { whole.add(checked: $0, table: &fresh) }
        #expect(whole == one)
        var sliced = try Distribution(relativeAccuracy: relativeAccuracy)
        var growing = BinIndexTable(logGamma: logGamma)
        values.withUnsafeBufferPointer { all in
            for start in stride(from: 0, to: all.count, by: 100) {
                sliced.add(
                    checked: UnsafeBufferPointer(rebasing: all[start..<min(all.count, start + 100)]),
                    table: &growing
                )
            }
        }
        #expect(sliced.count == values.count)
        #expect(sliced.sum == one.sum || abs(sliced.sum - one.sum) <= 1e-9 * one.sum)
        #expect(try sliced.quantile(0.5) == one.quantile(0.5))
        #expect(try sliced.quantile(0.99) == one.quantile(0.99))
    }
}
