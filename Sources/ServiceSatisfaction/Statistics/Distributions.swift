import Foundation
import ServiceDomain

/// The standard normal distribution.
///
/// `cdf` is `½·erfc(−x/√2)` from the platform's `erfc`; `quantile` starts from Acklam's rational approximation
/// (relative error 1.15 × 10⁻⁹) and polishes it with two Halley steps against `cdf`, which brings it to full double
/// precision (checked against published table values in `DistributionTests`).
public enum Normal: Sendable {
    /// P(Z ≤ x).
    ///
    /// - Parameter x: A value.
    /// - Returns: The probability.
    public static func cdf(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    /// The density at `x`.
    ///
    /// - Parameter x: A value.
    /// - Returns: The density.
    public static func density(_ x: Double) -> Double { exp(-0.5 * x * x) / (2 * Double.pi).squareRoot() }

    /// The value `z` with P(Z ≤ z) = p.
    ///
    /// - Parameter p: A probability strictly between 0 and 1.
    /// - Returns: The quantile; −∞ for 0 and +∞ for 1.
    /// - Throws: ``ServiceSatisfactionError`` with code `outOfRange` or `nonFinite` (path `p`) outside 0…1.
    public static func quantile(_ p: Double) throws(ServiceSatisfactionError) -> Double {
        try Check.share(p, "p")
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        var x = acklam(p)
        for _ in 0..<2 {
            let error = cdf(x) - p
            let u = error / density(x)
            x -= u / (1 + 0.5 * x * u)
        }
        return x
    }

    private static func acklam(_ p: Double) -> Double {
        let a = [
            -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
            -3.066479806614716e+01, 2.506628277459239e+00,
        ]
        let b = [
            -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
            -1.328068155288572e+01,
        ]
        let c = [
            -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
            4.374664141464968e+00, 2.938163982698783e+00,
        ]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        if p < low || p > 1 - low {
            let q = (-2 * log(p < low ? p : 1 - p)).squareRoot()
            let value =
                (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
            return p < low ? value : -value
        }
        let q = p - 0.5
        let r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }
}

/// The beta distribution and the regularised incomplete beta function.
///
/// `I_x(a, b)` is evaluated by its continued fraction (modified Lentz's method), on the side of the symmetry
/// `I_x(a, b) = 1 − I_{1−x}(b, a)` where the fraction converges fast, with the prefactor
/// `xᵃ(1 − x)ᵇ / (a·B(a, b))` formed in log space through `lgamma`. Quantiles are found by bisection to the last
/// representable digit, so they are deterministic and monotone.
public enum BetaDistribution: Sendable {
    /// The regularised incomplete beta function `I_x(a, b)`: P(X ≤ x) for X ~ Beta(a, b).
    ///
    /// - Parameters:
    ///   - x: From 0 to 1.
    ///   - a: Positive.
    ///   - b: Positive.
    /// - Returns: The probability.
    /// - Throws: ``ServiceSatisfactionError`` with code `outOfRange` or `nonFinite` for an argument outside its range.
    public static func cdf(_ x: Double, a: Double, b: Double) throws(ServiceSatisfactionError) -> Double {
        try Check.share(x, "x")
        try Check.positive(a, "a")
        try Check.positive(b, "b")
        return regularised(x, a, b)
    }

    /// The value `x` with `I_x(a, b) = p`.
    ///
    /// - Parameters:
    ///   - p: From 0 to 1.
    ///   - a: Positive.
    ///   - b: Positive.
    /// - Returns: The quantile.
    /// - Throws: ``ServiceSatisfactionError`` with code `outOfRange` or `nonFinite` for an argument outside its range.
    public static func quantile(_ p: Double, a: Double, b: Double) throws(ServiceSatisfactionError) -> Double {
        try Check.share(p, "p")
        try Check.positive(a, "a")
        try Check.positive(b, "b")
        if p == 0 { return 0 }
        if p == 1 { return 1 }
        var low = 0.0
        var high = 1.0
        for _ in 0..<1_100 {
            let middle = 0.5 * (low + high)
            guard middle > low, middle < high else { break }
            if regularised(middle, a, b) < p { low = middle } else { high = middle }
        }
        return 0.5 * (low + high)
    }

    static func regularised(_ x: Double, _ a: Double, _ b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = a * log(x) + b * log1p(-x) - (lgamma(a) + lgamma(b) - lgamma(a + b))
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * fraction(x, a, b) / a
        }
        return 1 - exp(logFront) * fraction(1 - x, b, a) / b
    }

    /// The continued fraction of `I_x(a, b)` by the modified Lentz method.
    private static func fraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        for m in 1...10_000 {
            let m = Double(m)
            // Even step.
            var numerator = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + numerator * d
            if abs(d) < tiny { d = tiny }
            c = 1 + numerator / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            result *= d * c
            // Odd step.
            numerator = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + numerator * d
            if abs(d) < tiny { d = tiny }
            c = 1 + numerator / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            result *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return result
    }
}

/// Student's t distribution with ν degrees of freedom.
///
/// `cdf` uses `P(|T| > t) = I_{ν/(ν+t²)}(ν/2, ½)`; `quantile` brackets and bisects `cdf` to the last digit.
public enum StudentT: Sendable {
    /// P(T ≤ t).
    ///
    /// - Parameters:
    ///   - t: A value.
    ///   - degreesOfFreedom: ν, positive (fractions allowed).
    /// - Returns: The probability.
    /// - Throws: ``ServiceSatisfactionError`` with code `outOfRange` or `nonFinite` for a bad ν or a NaN `t`.
    public static func cdf(_ t: Double, degreesOfFreedom: Double) throws(ServiceSatisfactionError) -> Double {
        try Check.positive(degreesOfFreedom, "degreesOfFreedom")
        guard !t.isNaN else { throw ServiceSatisfactionError(.nonFinite, at: "t", "t is not a number") }
        return distribution(t, degreesOfFreedom)
    }

    static func distribution(_ t: Double, _ nu: Double) -> Double {
        if t.isInfinite { return t > 0 ? 1 : 0 }
        let tail = 0.5 * BetaDistribution.regularised(nu / (nu + t * t), nu / 2, 0.5)
        return t > 0 ? 1 - tail : tail
    }

    /// The value `t` with P(T ≤ t) = p.
    ///
    /// - Parameters:
    ///   - p: A probability from 0 to 1.
    ///   - degreesOfFreedom: ν, positive.
    /// - Returns: The quantile (±∞ at 0 and 1).
    /// - Throws: ``ServiceSatisfactionError`` with code `outOfRange` or `nonFinite` for an argument outside its range.
    public static func quantile(_ p: Double, degreesOfFreedom: Double) throws(ServiceSatisfactionError) -> Double {
        try Check.share(p, "p")
        try Check.positive(degreesOfFreedom, "degreesOfFreedom")
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        let upper = p > 0.5
        let target = upper ? p : 1 - p
        var high = 1.0
        while distribution(high, degreesOfFreedom) < target, high < 1e300 { high *= 2 }
        var low = 0.0
        for _ in 0..<2_000 {
            let middle = 0.5 * (low + high)
            guard middle > low, middle < high else { break }
            if distribution(middle, degreesOfFreedom) < target { low = middle } else { high = middle }
        }
        let value = 0.5 * (low + high)
        return upper ? value : -value
    }
}
