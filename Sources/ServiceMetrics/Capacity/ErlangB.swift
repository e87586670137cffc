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

    /// The fewest servers (trunks, seats, appointment slots) for which `traffic` Erlangs are blocked with
    /// probability at most `maximumBlocking`: the staffing question of a capacity-constrained service with no queue.
    ///
    /// The blocking probability falls as servers are added, so the answer is the first `n` whose `B(n)` reaches the
    /// target (within a relative 10⁻¹², as the staffing planner compares targets). Erlang's tables: 10 Erlangs at 1 %
    /// need 18 servers, 5 Erlangs 11.
    ///
    /// - Parameters:
    ///   - traffic: Offered load in Erlangs; finite, not negative, at most `StaffingPlanner.maximumTraffic`.
    ///   - maximumBlocking: The highest blocking probability allowed, strictly between 0 and 1.
    /// - Returns: The servers, their blocking probability, and the carried and lost traffic.
    /// - Throws: ``ServiceMetricsError`` with code `nonFinite` or `outOfRange` (paths `traffic`, `maximumBlocking`).
    /// - Complexity: O(servers).
    public static func servers(traffic: Double, maximumBlocking: Double) throws(ServiceMetricsError) -> ErlangBStaffing
    {
        try Check.notNegative(traffic, "traffic")
        try Check.share(maximumBlocking, "maximumBlocking", open: true)
        guard traffic <= StaffingPlanner.maximumTraffic else {
            throw ServiceMetricsError(
                .outOfRange,
                at: "traffic",
                "a load of \(traffic) Erlangs is above the largest staffed, 1e7"
            )
        }
        guard traffic > 0 else {
            return ErlangBStaffing(servers: 0, traffic: 0, blocking: 0, carriedTraffic: 0, lostTraffic: 0)
        }
        var servers = 0
        var inverse = 1.0
        // 1/B rises with each server; stop at the first 1/B ≥ 1/target (the comparison on B with its tolerance).
        while 1 / inverse > maximumBlocking * (1 + 1e-12) {
            inverse = reciprocal(traffic: traffic, servers: servers + 1, from: inverse, at: servers)
            servers += 1
        }
        let blocking = 1 / inverse
        return ErlangBStaffing(
            servers: servers,
            traffic: traffic,
            blocking: blocking,
            carriedTraffic: traffic * (1 - blocking),
            lostTraffic: traffic * blocking
        )
    }
}

/// The servers a loss system needs, and what they carry.
public struct ErlangBStaffing: Sendable, Hashable, Codable {
    /// The fewest servers that meet the blocking target.
    public let servers: Int
    /// The offered traffic in Erlangs.
    public let traffic: Double
    /// The blocking probability with that many servers.
    public let blocking: Double
    /// Traffic carried, `traffic × (1 − blocking)`: also the mean number of busy servers.
    public let carriedTraffic: Double
    /// Traffic lost, `traffic × blocking`.
    public let lostTraffic: Double
}
