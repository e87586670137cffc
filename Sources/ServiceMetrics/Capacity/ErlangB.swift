import ServiceDomain

/// The Erlang B formula: the probability that an arriving contact finds every server busy and is lost, for a
/// system without a queue (M/M/c/c).
///
/// Computed with the recurrence `B(0) = 1`, `B(n) = A·B(n−1) / (n + A·B(n−1))`, which never forms factorials or
/// powers, so it is exact in floating point for tens of thousands of servers.
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
        var blocking = 1.0
        if servers > 0 {
            for n in 1...servers { blocking = next(blocking, servers: n, traffic: traffic) }
        }
        return blocking
    }

    /// One step of the recurrence: `B(n)` from `B(n − 1)`.
    @inline(__always)
    static func next(_ previous: Double, servers n: Int, traffic: Double) -> Double {
        let numerator = traffic * previous
        return numerator / (Double(n) + numerator)
    }
}
