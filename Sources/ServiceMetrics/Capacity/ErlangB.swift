import ServiceDomain

/// The Erlang B formula: the probability that an arriving contact finds every server busy and is lost, for a
/// system without a queue (M/M/c/c).
///
/// Computed with the recurrence on the reciprocal, `1/B(0) = 1`, `1/B(n) = 1 + (n/A)·1/B(n−1)` (the classic
/// `B(n) = A·B(n−1) / (n + A·B(n−1))` turned over), which never forms factorials or powers and adds only positive
/// terms, so it is exact in floating point for tens of thousands of servers; each step is one multiplication and one
/// addition, with no division on the chain. Past the range of `Double` the reciprocal is infinite and the blocking
/// probability 0, as it is to every printed digit.
public enum ErlangB: Sendable {
    /// The blocking probability for `traffic` Erlangs offered to `servers` servers.
    ///
    /// - Parameters:
    ///   - traffic: Offered load in Erlangs (arrival rate × mean holding time); finite and not negative.
    ///   - servers: The number of servers (agents, lines); not negative.
    /// - Returns: The probability, from 0 to 1, that a contact is blocked.
    /// - Throws: ``ServiceMetricsError`` with code `nonFinite` (path `traffic`) for NaN or infinite traffic and
    ///   `outOfRange` for negative traffic (path `traffic`) or servers (path `servers`).
    /// - Complexity: O(`servers`).
    public static func blockingProbability(traffic: Double, servers: Int) throws(ServiceMetricsError) -> Double {
        try Check.notNegative(traffic, "traffic")
        guard servers >= 0 else {
            throw ServiceMetricsError(
                .outOfRange,
                at: "servers",
                "the number of servers cannot be negative (\(servers))"
            )
        }
        return 1 / reciprocal(traffic: traffic, servers: servers, from: 1, at: 0)
    }

    /// `1/B(servers)` from `1/B(start)` = `value`, by the recurrence.
    ///
    /// With no traffic every server beyond the first blocks nothing: `1/B(n) = ∞` for `n ≥ 1`.
    @inline(__always)
    static func reciprocal(traffic: Double, servers: Int, from value: Double, at start: Int) -> Double {
        guard servers > start else { return value }
        guard traffic > 0 else { return .infinity }
        let perServer = 1 / traffic
        var inverse = value
        var n = Double(start)
        for _ in start..<servers {
            n += 1
            inverse = 1 + n * perServer * inverse
        }
        return inverse
    }
}
