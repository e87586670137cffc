import Foundation
import ServiceDomain
import Testing

@testable import ServiceMetrics

@Suite("Distribution: bulk adds")
struct DistributionBulkTests {
    /// The bulk path finds a value's bin by multiplying by 1 / log γ and divides only near a bin boundary; values on
    /// and around every boundary from 10⁻⁸ to 10¹² (γᵏ, and the doubles just below and above it) must land in the bin
    /// the one-by-one path's division gives, so the two states are equal.
    @Test("values on bin boundaries land in the same bins as one by one", arguments: [0.01, 0.005, 0.001, 0.05])
    func boundaries(relativeAccuracy: Double) throws {
        let logGamma = log((1 + relativeAccuracy) / (1 - relativeAccuracy))
        var values: [Double] = []
        var k = Int((log(1e-8) / logGamma).rounded(.down))
        while Double(k) * logGamma < log(1e12) {
            let boundary = exp(Double(k) * logGamma)
            values += [boundary.nextDown, boundary, boundary.nextUp, boundary.nextUp.nextUp]
            k += 1
        }
        var one = try Distribution(relativeAccuracy: relativeAccuracy)
        for value in values { try one.add(value) }
        var bulk = try Distribution(relativeAccuracy: relativeAccuracy)
        values.withUnsafeBufferPointer { bulk.add(checked: $0) }
        #expect(bulk == one)
        #expect(bulk.count == values.count)
    }
}
