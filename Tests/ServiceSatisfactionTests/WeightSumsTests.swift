import Foundation
import ServiceDomain
import Testing

@testable import ServiceSatisfaction

/// The weight sums' own rounding of their window against `ExactSum` (itself checked against CPython's `math.fsum`
/// in ExactSumTests), on sums built from an LCG's fractional weights from 10⁻⁶ to 10⁶, one sum per point.
struct WeightSumsTests {
    @Test func theWindowRoundsAsExactSumDoes() {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        var sums = WeightSums(count: 11)
        var references = [ExactSum](repeating: ExactSum(), count: 11)
        for _ in 0..<20_000 {
            let point = Int(next() % 11)
            let weight = Double(next() % 1_000_000 + 1) * pow(10, Double(Int(next() % 13)) - 12)
            sums.add(weight, to: point)
            references[point].add(weight)
            #expect(sums.value(point).bitPattern == references[point].value.bitPattern)
        }
        for point in 0..<11 { #expect(sums.value(point) == sums.exact(point).value) }
    }
}
