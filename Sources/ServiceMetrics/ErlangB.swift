public import ServiceDomain

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
    /// - Throws: `ServiceDomainError` with code `nonFinite` (path `traffic`) for NaN or infinite traffic and
    ///   `outOfRange` for negative traffic (path `traffic`) or servers (path `servers`).
    /// - Complexity: O(`servers`).
    public static func blockingProbability(traffic: Double, servers: Int) throws(ServiceDomainError) -> Double {
        guard traffic.isFinite else {
            throw ServiceDomainError(.nonFinite, at: "traffic", "offered traffic must be finite, not \(traffic)")
        }
        guard traffic >= 0 else {
            throw ServiceDomainError(.outOfRange, at: "traffic", "offered traffic cannot be negative (\(traffic))")
        }
        guard servers >= 0 else {
            throw ServiceDomainError(
                .outOfRange,
                at: "servers",
                "the number of servers cannot be negative (\(servers))"
            )
        }
        var blocking = 1.0
        if servers > 0 {
            for n in 1...servers {
                let numerator = traffic * blocking
                blocking = numerator / (Double(n) + numerator)
            }
        }
        return blocking
    }
}
