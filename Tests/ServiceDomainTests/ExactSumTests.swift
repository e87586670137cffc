import Foundation
import ServiceDomain
import Testing

/// The exact sum behind every mergeable state's totals, checked against hand-worked sums and against an independent
/// algorithm: Shewchuk's non-overlapping partials with the final correctly rounded step, as CPython's `math.fsum`
/// implements it (Modules/mathmodule.c; Shewchuk, "Adaptive Precision Floating-Point Arithmetic", 1997).
struct ExactSumTests {
    /// CPython's `math.fsum`, transcribed: the correctly rounded sum of finite values (no overflow in the partials).
    static func fsum(_ values: [Double]) -> Double {
        var partials: [Double] = []
        for value in values {
            var x = value
            var i = 0
            for j in partials.indices {
                var y = partials[j]
                if abs(x) < abs(y) { swap(&x, &y) }
                let hi = x + y
                let lo = y - (hi - x)
                if lo != 0 {
                    partials[i] = lo
                    i += 1
                }
                x = hi
            }
            partials.removeSubrange(i...)
            partials.append(x)
        }
        var n = partials.count
        guard n > 0 else { return 0 }
        n -= 1
        var hi = partials[n]
        var lo = 0.0
        while n > 0 {
            let x = hi
            n -= 1
            let y = partials[n]
            hi = x + y
            let yr = hi - x
            lo = y - yr
            if lo != 0 { break }
        }
        if n > 0, (lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0) {
            let y = lo * 2
            let x = hi + y
            let yr = x - hi
            if y == yr { hi = x }
        }
        return hi
    }

    static func sum(_ values: [Double]) -> ExactSum {
        var sum = ExactSum()
        for value in values { sum.add(value) }
        return sum
    }

    @Test func aWholePartCancelledByTheWideDigitsIsZero() {
        // 1 goes to the whole-number part, 0.5 and −1.5 to the wide digits: the sum is exactly 0. isZero used to look
        // at each part alone and say no, so an expansion ran on with 63 zeros after its first term.
        var sum = ExactSum()
        sum.add(1)
        sum.add(0.5)
        sum.add(-1.5)
        #expect(sum.isZero && sum.value == 0 && sum.expansion == [0])
        // 0.3 + 0.7000000000000001 + 0.4 = 1.4000000000000001 − 2⁻⁵⁴: two terms, and no zeros after them.
        let three = Self.sum([0.3, 0.7000000000000001, 0.4])
        #expect(three.expansion == [1.4000000000000001, -0x1p-54])
    }

    @Test(
        "hand-worked sums: cancellation, ties to even, subnormals, whole numbers past 2^63",
        arguments: [
            ([1e100, 1, -1e100] as [Double], 1.0),
            // Ten times the double nearest 0.1 is 1.000000000000000055511151231257827…, which rounds to 1.
            (Array(repeating: 0.1, count: 10), 1.0),
            // 1 + 2⁻⁵³ lies halfway between 1 and 1 + 2⁻⁵²: ties go to the even one, 1.
            ([1, 0x1p-53], 1.0),
            // A little above halfway rounds up.
            ([1, 0x1p-53, 0x1p-106], 1 + 0x1p-52),
            ([1e308, 1e308, -1e308], 1e308),
            ([0x1p-1074, 0x1p-1074, 0x1p-1074], 3 * 0x1p-1074),
            ([-0.5, 0.25], -0.25),
            // 4 096 × 2⁵² = 2⁶⁴: the machine integer overflows halfway and the rest goes to the wide digits.
            (Array(repeating: 0x1p52, count: 4_096), 0x1p64),
            ([Double](), 0),
        ] as [([Double], Double)]
    )
    func handWorked(values: [Double], expected: Double) {
        #expect(Self.sum(values).value == expected)
        // The reference agrees with the hand calculation (where its partials do not overflow, which CPython handles
        // apart).
        if values.allSatisfy({ abs($0) < 1e300 }) { #expect(Self.fsum(values) == expected) }
    }

    @Test("random values over the whole exponent range: the same bits as the reference, in any order and any shards")
    func matchesReference() {
        var generator = SeededGenerator(seed: 20_261_204)
        for trial in 0..<300 {
            let count = Int.random(in: 1...400, using: &generator)
            let values = (0..<count).map { _ -> Double in
                let exponent =
                    trial % 3 == 0
                    ? Int.random(in: -1074...1000, using: &generator)
                    : Int.random(in: -60...60, using: &generator)
                let magnitude = Double(
                    sign: .plus,
                    exponent: exponent,
                    significand: .random(in: 1..<2, using: &generator)
                )
                return Bool.random(using: &generator) ? magnitude : -magnitude
            }
            let sum = Self.sum(values)
            #expect(sum.value.bitPattern == Self.fsum(values).bitPattern, "trial \(trial)")
            var shards = [ExactSum(), ExactSum(), ExactSum()]
            for value in values.shuffled(using: &generator) {
                shards[Int.random(in: 0..<3, using: &generator)].add(value)
            }
            var merged = shards[2]
            merged.add(shards[0])
            merged.add(shards[1])
            #expect(merged == sum && merged.value.bitPattern == sum.value.bitPattern, "trial \(trial)")
            #expect(merged.expansion == sum.expansion, "trial \(trial)")
        }
    }

    @Test("the expansion is canonical and gives the sum back exactly")
    func expansion() throws {
        #expect(Self.sum([]).expansion == [0])
        #expect(Self.sum([3, 4]).expansion == [7])
        #expect(Self.sum([1, 0x1p-60]).expansion == [1, 0x1p-60])
        // 0.1 + 0.2: the rounded sum 0.30000000000000004, then the exact remainder.
        let terms = try #require(Self.sum([0.1, 0.2]).expansion)
        #expect(terms.count == 2 && terms[0] == 0.1 + 0.2 && terms[1] == -0x1p-55)
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<100 {
            let values = (0..<50).map { _ in Double.random(in: -1e6...1e6, using: &generator) }
            let sum = Self.sum(values)
            let expansion = try #require(sum.expansion)
            #expect(ExactSum(adding: expansion) == sum)
            #expect(expansion.count <= 40 && zip(expansion, expansion.dropFirst()).allSatisfy { abs($1) < abs($0) })
        }
    }

    @Test("whole numbers take the fast path and still equal the same values added the wide way")
    func wholeNumbersAgree() {
        var fast = ExactSum()
        var wide = ExactSum()
        for value in stride(from: 0.0, to: 10_000, by: 1) {
            fast.add(value)
            wide.add(value + 0.5)
            wide.add(-0.5)
        }
        #expect(fast == wide && fast.value == 49_995_000)
    }
}
