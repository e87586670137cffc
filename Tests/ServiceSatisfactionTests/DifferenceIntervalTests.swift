import Foundation
import ServiceSatisfaction
import Testing

/// A 0–10 tally with so many promoters (10), passives (8) and detractors (3).
func npsTally(promoters: Int, passives: Int, detractors: Int) throws -> ScaleTally {
    try tally(
        .netPromoter,
        Array(repeating: 10, count: promoters) + Array(repeating: 8, count: passives)
            + Array(repeating: 3, count: detractors)
    )
}

func agrees(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    a.map { abs($0 - b) <= tolerance * max(1, abs(b)) } ?? false
}

struct DifferenceIntervalTests {
    @Test func newcombesWorkedExampleA() throws {
        // Newcombe (1998), Statistics in Medicine 17:873–890, Table II, example (a): 56/70 against 48/80, δ = 0.2.
        // Method 10 (hybrid score): 0.0524 to 0.3339; method 1 (Wald): 0.0575 to 0.3425.
        let newcombe = try DifferenceInterval.proportions(successes: 56, of: 70, against: 48, of: 80)
        #expect(agrees(newcombe.difference, 0.2) && newcombe.interval?.method == .newcombe)
        #expect(
            abs((newcombe.interval?.lower ?? 0) - 0.0524) < 5e-5 && abs((newcombe.interval?.upper ?? 0) - 0.3339) < 5e-5
        )
        // To full precision against scipy (norm.ppf(0.975) and the formula): 0.052431472402365, 0.333872654036906.
        #expect(agrees(newcombe.interval?.lower, 0.052431472402365, 1e-8))
        #expect(agrees(newcombe.interval?.upper, 0.333872654036906, 1e-8))
        let wald = try DifferenceInterval.proportions(successes: 56, of: 70, against: 48, of: 80, method: .wald)
        #expect(abs((wald.interval?.lower ?? 0) - 0.0575) < 5e-5 && abs((wald.interval?.upper ?? 0) - 0.3425) < 5e-5)
        #expect(agrees(wald.standardError, (0.8 * 0.2 / 70 + 0.6 * 0.4 / 80).squareRoot()))
    }

    @Test func newcombeStaysInsideItsRangeAtTheEdges() throws {
        // 10/10 against 0/10: Wald collapses to the point 1; Newcombe gives a proper interval below 1.
        let newcombe = try DifferenceInterval.proportions(successes: 10, of: 10, against: 0, of: 10)
        let wald = try DifferenceInterval.proportions(successes: 10, of: 10, against: 0, of: 10, method: .wald)
        #expect(newcombe.difference == 1 && (newcombe.interval?.lower ?? 1) < 1 && newcombe.interval?.upper == 1)
        #expect(wald.interval?.width == 0 && wald.status == .degenerate)
        #expect(throws: ServiceSatisfactionError.self) {
            try DifferenceInterval.proportions(successes: 11, of: 10, against: 0, of: 10)
        }
        #expect(throws: ServiceSatisfactionError.self) {
            try DifferenceInterval.proportions(successes: 1, of: 10, against: 0, of: 10, method: .studentT)
        }
    }

    @Test func netPromoterDifference() throws {
        // A: 60 promoters, 25 passives, 15 detractors (NPS 45); B: 40, 30, 30 (NPS 10). Difference 35 points.
        // By hand (z = 1.959964): Wald SE = √((0.75 − 0.45²)/100 + (0.7 − 0.1²)/100) = √(0.005475 + 0.0069) = 0.111243,
        // interval 35 ± 21.80 = 13.197 … 56.803. Adjusted Wald: A' = (60.75, 15.75)/103, B' = (40.75, 30.75)/103,
        // centre 100 × (0.441748 − 0.097087) = 34.466, SE 10.957, interval 12.505 … 55.456.
        let a = try npsTally(promoters: 60, passives: 25, detractors: 15)
        let b = try npsTally(promoters: 40, passives: 30, detractors: 30)
        let wald = try DifferenceInterval.netPromoterScores(a, b, method: .wald)
        #expect(agrees(wald.difference, 35) && agrees(wald.standardError, 11.124297730643494, 1e-9))
        #expect(
            agrees(wald.interval?.lower, 13.196777094638087, 1e-8)
                && agrees(wald.interval?.upper, 56.80322290536189, 1e-8)
        )
        let adjusted = try DifferenceInterval.netPromoterScores(a, b)
        #expect(agrees(adjusted.difference, 35) && adjusted.interval?.method == .adjustedWald)
        #expect(agrees(adjusted.interval?.lower, 12.50511535949743, 1e-8))
        #expect(agrees(adjusted.interval?.upper, 55.45604968904625, 1e-8))
        // The tests: z = 3.1463, p = 0.001654 raw; adjusted z = 3.1012, p = 0.001927.
        let raw = try SignificanceTest.compareNetPromoterScores(a, b)
        #expect(agrees(raw.z, 3.146266024828462, 1e-9) && agrees(raw.pValue, 0.0016536951637003427, 1e-6))
        let test = try SignificanceTest.compareNetPromoterScores(a, b, method: .netPromoterAdjustedWaldZ)
        #expect(agrees(test.z, 3.1012465251748838, 1e-9) && agrees(test.pValue, 0.0019270777997017158, 1e-6))
        #expect(test.isSignificant())
    }

    @Test func aZeroStandardErrorLeavesThePValueUndefined() throws {
        // Every answer a promoter on both sides: the difference is 0 and nothing varies. Not p = 1.
        let a = try npsTally(promoters: 40, passives: 0, detractors: 0)
        let test = try SignificanceTest.compareNetPromoterScores(a, a)
        #expect(test.status == .degenerate && test.pValue == nil && test.difference == 0 && !test.isSignificant())
        let shares = SignificanceTest.compareProportions(successes: 40, of: 40, against: 40, of: 40)
        #expect(shares.status == .degenerate && shares.pValue == nil)
        // The adjusted-Wald test still has spread (¾ of a detractor on each side).
        let adjusted = try SignificanceTest.compareNetPromoterScores(a, a, method: .netPromoterAdjustedWaldZ)
        #expect(adjusted.status == .ok && adjusted.pValue == 1)
    }

    @Test func estimatesCarryTheirStandardErrorCentreAndCounts() throws {
        // 60 promoters, 25 passives, 15 detractors: NPS 45, SE 100 × √((0.75 − 0.2025)/100) = 7.3993; adjusted
        // centre 100 × (60.75 − 15.75)/103 = 43.689.
        let a = try npsTally(promoters: 60, passives: 25, detractors: 15)
        let nps = try a.netPromoterScore()
        #expect(agrees(nps.standardError, 100 * (0.5475 / 100).squareRoot()) && agrees(nps.centre, 4_500.0 / 103))
        #expect(nps.counts == EstimateCounts(weight: 100, promoters: 60, passives: 25, detractors: 15))
        #expect(try a.netPromoterScore(method: .wald).centre == nil)
        // CSAT 84 of 120 favourable: SE √(0.7 × 0.3/120); Wilson centre (0.7 + z²/240)/(1 + z²/120).
        let csat = try tally(.satisfaction5, Array(repeating: 5, count: 84) + Array(repeating: 2, count: 36))
        let share = try csat.favourableShare()
        let z2 = 1.959963984540054 * 1.959963984540054
        #expect(
            agrees(share.standardError, (0.21 / 120).squareRoot())
                && agrees(share.centre, (0.7 + z2 / 240) / (1 + z2 / 120))
        )
        #expect(share.counts == EstimateCounts(weight: 120, favourable: 84))
        #expect(try csat.favourableShare(method: .clopperPearson).centre == nil)
        // The mean: t with n − 1 = 119 degrees of freedom; SE s/√n.
        let mean = try csat.mean()
        #expect(mean.degreesOfFreedom == 119 && mean.counts?.weight == 120 && mean.standardError != nil)
        let json = try JSONEncoder().encode(nps)
        #expect(try JSONDecoder().decode(Estimate.self, from: json) == nps)
    }
}
