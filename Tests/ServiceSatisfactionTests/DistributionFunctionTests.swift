import Foundation
import ServiceDomain
import ServiceSatisfaction
import Testing

struct DistributionFunctionTests {
    @Test(arguments: [
        // Standard normal table (e.g. NIST/SEMATECH e-Handbook, §1.3.6.7.1), to the digits tables print:
        (0.975, 1.959963984540054), (0.95, 1.644853626951472), (0.995, 2.575829303548901),
        (0.999, 3.090232306167813), (0.5, 0.0), (0.025, -1.959963984540054), (1e-10, -6.361340902404056),
    ])
    func normalQuantilesMatchTables(p: Double, z: Double) throws {
        let value = try Normal.quantile(p)
        #expect(abs(value - z) <= 1e-12 * max(1, abs(z)), "z(\(p)) = \(value)")
        #expect(abs(Normal.cdf(value) - p) <= 1e-14 * max(p, 1e-300) + 1e-16)
    }

    @Test(arguments: [
        // Student t table (two-sided 95 %, 99 %, one-sided 95 %): t(0.975; 1) = 12.7062, t(0.975; 10) = 2.2281,
        // t(0.995; 5) = 4.0321, t(0.95; 30) = 1.6973, t(0.975; 100) = 1.9840 — to 12 digits from R's qt().
        (0.975, 1.0, 12.70620473617471), (0.975, 10.0, 2.228138851986274), (0.995, 5.0, 4.032142983557536),
        (0.95, 30.0, 1.697260886514057), (0.975, 100.0, 1.983971518523552), (0.025, 10.0, -2.228138851986274),
    ])
    func tQuantilesMatchTables(p: Double, nu: Double, t: Double) throws {
        let value = try StudentT.quantile(p, degreesOfFreedom: nu)
        #expect(abs(value - t) <= 1e-10 * abs(t), "t(\(p); \(nu)) = \(value)")
        #expect(abs(try StudentT.cdf(value, degreesOfFreedom: nu) - p) < 1e-13)
    }

    @Test func tConvergesToTheNormal() throws {
        let t = try StudentT.quantile(0.975, degreesOfFreedom: 1e7)
        #expect(abs(t - 1.959963984540054) < 1e-6)
        // ν = 1 is the Cauchy distribution: P(T ≤ 1) = ¾ exactly.
        #expect(abs(try StudentT.cdf(1, degreesOfFreedom: 1) - 0.75) < 1e-14)
        // ν = 2 has the closed form P(T ≤ t) = ½ + t / (2√(2 + t²)).
        for t in [-3.0, -0.5, 0.7, 4.2] {
            let expected = 0.5 + t / (2 * (2 + t * t).squareRoot())
            #expect(abs(try StudentT.cdf(t, degreesOfFreedom: 2) - expected) < 1e-14)
        }
    }

    @Test func betaAgreesWithClosedForms() throws {
        // I_x(1, 1) = x; I_x(a, 1) = xᵃ; I_x(1, b) = 1 − (1 − x)ᵇ; I_½(a, a) = ½.
        for x in [0.001, 0.2, 0.5, 0.93] {
            #expect(abs(try BetaDistribution.cdf(x, a: 1, b: 1) - x) < 1e-14)
            #expect(abs(try BetaDistribution.cdf(x, a: 3.5, b: 1) - pow(x, 3.5)) < 1e-14)
            #expect(abs(try BetaDistribution.cdf(x, a: 1, b: 7) - (1 - pow(1 - x, 7))) < 1e-14)
        }
        #expect(abs(try BetaDistribution.cdf(0.5, a: 40, b: 40) - 0.5) < 1e-13)
        // A binomial tail: I_p(k, n − k + 1) = P(Bin(n, p) ≥ k); for n = 10, k = 7, p = 0.5: 176/1024.
        #expect(abs(try BetaDistribution.cdf(0.5, a: 7, b: 4) - 176.0 / 1_024) < 1e-14)
        // Quantiles invert the CDF.
        for (p, a, b) in [(0.025, 7.0, 4.0), (0.975, 8.0, 3.0), (1e-6, 0.5, 20.0), (0.5, 200.0, 3.0)] {
            let x = try BetaDistribution.quantile(p, a: a, b: b)
            #expect(abs(try BetaDistribution.cdf(x, a: a, b: b) - p) < 1e-12 * max(p, 1e-3))
        }
    }

    @Test func rejectsArgumentsOutsideTheirRanges() throws {
        #expect { try Normal.quantile(1.5) } throws: { ($0 as? ServiceSatisfactionError)?.path == "p" }
        #expect { try Normal.quantile(.nan) } throws: { ($0 as? ServiceSatisfactionError)?.code == .nonFinite }
        #expect { try StudentT.quantile(0.9, degreesOfFreedom: 0) } throws: {
            ($0 as? ServiceSatisfactionError)?.path == "degreesOfFreedom"
        }
        #expect { try StudentT.cdf(.nan, degreesOfFreedom: 3) } throws: {
            ($0 as? ServiceSatisfactionError)?.path == "t"
        }
        #expect { try BetaDistribution.cdf(0.5, a: -1, b: 2) } throws: {
            ($0 as? ServiceSatisfactionError)?.path == "a"
        }
        #expect(try Normal.quantile(0) == -.infinity)
        #expect(try StudentT.quantile(1, degreesOfFreedom: 4) == .infinity)
    }
}
