import Foundation
import ServiceDomain
import Testing

@testable import ServiceMetrics

/// The sketch past its bin cap, and its canonical encoding: what the documentation promises, checked against the
/// sorted values themselves (the true quantiles) and against the definition of a bin.
@Suite("Distribution: accuracy past the bin cap, and equal states encode to equal bytes")
struct DistributionCapTests {
    /// 10 000 values spread log-uniformly from 10⁻⁸ to 10¹⁴: at 0.5 % accuracy about 5 040 bins, past the 4 096 kept.
    static let wideValues: [Double] = {
        var generator = SeededGenerator(seed: 42)
        return (0..<10_000).map { _ in exp(Double.random(in: log(1e-8)...log(1e14), using: &generator)) }
    }()

    static func fold(_ values: some Sequence<Double>) throws -> Distribution {
        var sketch = Distribution()
        for value in values { try sketch.add(value) }
        return sketch
    }

    @Test("every quantile it calls accurate is within 0.5 % of the true one; the folded ranks are the lowest")
    func accuracyPastTheCap() throws {
        let sketch = try Self.fold(Self.wideValues)
        let sorted = Self.wideValues.sorted()
        let logGamma = log(1.005 / 0.995)
        // By definition: a value is folded when its bin is below the lowest kept, the highest bin less 4 095.
        let highest = Distribution.index(of: sorted.last ?? 1, logGamma: logGamma)
        let folded = sorted.filter { Distribution.index(of: $0, logGamma: logGamma) < highest - 4_095 }.count
        #expect(sketch.binCount == Distribution.maximumBins)
        #expect(sketch.collapsedCount == folded && folded > 0)
        var accurate = 0
        for step in 0...1_000 {
            let q = Double(step) / 1_000
            let truth = sorted[Int((q * Double(sorted.count - 1) + 1e-9).rounded(.down))]
            let estimate = try #require(try sketch.quantile(q))
            if sketch.isAccurate(at: q) {
                accurate += 1
                #expect(abs(estimate - truth) <= 0.005 * truth * (1 + 1e-9), "q = \(q)")
            } else {
                // A folded rank: its true value lies between the minimum and the lowest kept bin.
                #expect(truth < estimate && truth >= sketch.min ?? 0, "q = \(q)")
            }
        }
        // Ranks below the folded count are the inaccurate ones, and only those.
        let boundary = Double(folded) / Double(sorted.count - 1)
        #expect(accurate == (0...1_000).filter { Double($0) / 1_000 >= boundary - 1e-9 }.count)
        #expect(!sketch.isAccurate(at: 0) && sketch.isAccurate(at: 0.5) && sketch.isAccurate(at: 1))
    }

    @Test("a duration's measurements leave out a quantile the sketch cannot give within its accuracy")
    func measurementsLeaveOutFoldedQuantiles() throws {
        // Nine values in 10¹⁴ s and 91 tiny ones: the ranks up to 90 are folded, p95 and p99 are not.
        var values = Array(repeating: 1e-8, count: 51) + (0..<40).map { 1e-7 * Double($0 + 1) }
        values += Array(repeating: 1e14, count: 9)
        var tally = DurationTally()
        var sketch = Distribution()
        for value in values {
            try tally.add(value)
            try sketch.add(value)
        }
        let period = DateInterval(start: Date(timeIntervalSince1970: 0), duration: 86_400)
        let names = tally.measurements("wait", period: period, scope: .organisation).map(\.indicator.rawValue)
        #expect(sketch.collapsedCount == 91 && !sketch.isAccurate(at: 0.5) && sketch.isAccurate(at: 0.95))
        #expect(names == ["wait.mean", "wait.p95", "wait.p99"])
    }

    @Test("shards past the cap merge to the one-pass state, folded count included, in any order")
    func shardsPastTheCap() throws {
        let whole = try Self.fold(Self.wideValues)
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<5 {
            var shards = [Distribution](repeating: Distribution(), count: 7)
            for value in Self.wideValues.shuffled(using: &generator) {
                try shards[Int.random(in: 0..<7, using: &generator)].add(value)
            }
            shards.shuffle(using: &generator)
            var merged = shards[0]
            for shard in shards.dropFirst() { try merged.merge(shard) }
            #expect(merged == whole && merged.collapsedCount == whole.collapsedCount)
        }
    }

    @Test("equal states encode to equal bytes: sums of fractions merged in different orders")
    func canonicalEncoding() throws {
        var generator = SeededGenerator(seed: 11)
        let values = (0..<5_000).map { _ in Double.random(in: 0.001...3_600, using: &generator) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let reference = try encoder.encode(try Self.fold(values))
        for _ in 0..<5 {
            var shards = [Distribution](repeating: Distribution(), count: 5)
            for value in values.shuffled(using: &generator) {
                try shards[Int.random(in: 0..<5, using: &generator)].add(value)
            }
            var merged = shards[4]
            for shard in shards.dropLast().reversed() { try merged.merge(shard) }
            #expect(try encoder.encode(merged) == reference)
            #expect(try JSONDecoder().decode(Distribution.self, from: reference) == merged)
        }
        // The sum is the correctly rounded exact sum, whatever the order.
        #expect(try Self.fold(values.reversed()).sum == Self.fold(values).sum)
    }

    @Test("a value above 2^960 is refused with its path, so that no sum of values can overflow")
    func largestValue() {
        var sketch = Distribution()
        #expect(throws: ServiceMetricsError.self) { try sketch.add(1e300) }
        #expect(sketch.count == 0)
        #expect((try? sketch.add(Distribution.maximumValue)) != nil)
    }
}
