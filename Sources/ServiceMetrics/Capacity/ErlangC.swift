import Foundation
import ServiceDomain

/// The Erlang C model (M/M/N): Poisson arrivals, exponential handle times, `N` agents, and customers who wait as
/// long as it takes.
///
/// With traffic `A` Erlangs, handle time `h` and Erlang B blocking `B(N, A)`:
/// - probability of waiting `C = N·B / (N − A·(1 − B))` (computed from the Erlang B recurrence, never from
///   factorials, so it is exact for tens of thousands of agents);
/// - service level `1 − C·exp(−(N − A)·t / h)` for threshold `t` (there is no abandonment, so the three
///   ``ServiceLevelConvention``s agree);
/// - average speed of answer `C·h / (N − A)`;
/// - occupancy `A / N`.
///
/// With `N ≤ A` the queue grows without bound and the result is ``QueueResult/unstable(traffic:agents:)``.
public enum ErlangC: Sendable {
    /// The figures for one interval.
    ///
    /// - Parameters:
    ///   - load: The offered load.
    ///   - agents: Agents answering; not negative.
    ///   - serviceLevel: The service level to report, if any.
    /// - Returns: The figures, or ``QueueResult/unstable(traffic:agents:)`` when `agents` ≤ the traffic.
    /// - Throws: ``ServiceMetricsError`` with code `outOfRange` (path `agents`) for a negative number of agents.
    /// - Complexity: O(`agents`).
    public static func analyse(
        _ load: QueueLoad,
        agents: Int,
        serviceLevel: ServiceLevelDefinition? = nil
    ) throws(ServiceMetricsError) -> QueueResult {
        guard agents >= 0 else {
            throw ServiceMetricsError(.outOfRange, at: "agents", "the number of agents cannot be negative (\(agents))")
        }
        let blocking = try ErlangB.blockingProbability(traffic: load.traffic, servers: agents)
        return result(load, agents: agents, blocking: blocking, serviceLevel: serviceLevel)
    }

    /// The probability that a contact waits, or `nil` when the queue is unstable.
    ///
    /// - Parameters:
    ///   - traffic: Erlangs; finite, not negative.
    ///   - agents: Agents; not negative.
    /// - Returns: `C(N, A)`, or `nil` when `agents` ≤ `traffic`.
    /// - Throws: As ``ErlangB/blockingProbability(traffic:servers:)``.
    public static func probabilityOfWaiting(traffic: Double, agents: Int) throws(ServiceMetricsError) -> Double? {
        let blocking = try ErlangB.blockingProbability(traffic: traffic, servers: agents)
        return waiting(traffic: traffic, agents: agents, blocking: blocking)
    }

    static func waiting(traffic a: Double, agents: Int, blocking b: Double) -> Double? {
        let n = Double(agents)
        guard n > a else { return nil }
        return min(1, n * b / (n - a * (1 - b)))
    }

    /// The average speed of answer of a stable queue with waiting probability `c`.
    static func averageSpeedOfAnswer(waiting c: Double, agents n: Double, traffic a: Double, handle h: Double) -> Double
    {
        c * h / (n - a)
    }

    /// The share answered within `threshold` seconds of a stable queue with waiting probability `c`.
    static func serviceLevel(
        waiting c: Double,
        agents n: Double,
        traffic a: Double,
        threshold: Double,
        handle h: Double
    ) -> Double {
        max(0, 1 - c * exp(-(n - a) * threshold / h))
    }

    static func result(
        _ load: QueueLoad,
        agents: Int,
        blocking: Double,
        serviceLevel: ServiceLevelDefinition?
    ) -> QueueResult {
        let a = load.traffic
        guard let c = waiting(traffic: a, agents: agents, blocking: blocking) else {
            return .unstable(traffic: a, agents: agents)
        }
        let n = Double(agents)
        let h = load.averageHandleTime
        let asa = averageSpeedOfAnswer(waiting: c, agents: n, traffic: a, handle: h)
        let level = serviceLevel.map { definition in
            ServiceLevelFigure(
                value: Self.serviceLevel(waiting: c, agents: n, traffic: a, threshold: definition.threshold, handle: h),
                threshold: definition.threshold,
                convention: definition.convention
            )
        }
        return .stable(
            performance: QueuePerformance(
                model: .erlangC,
                agents: agents,
                traffic: a,
                probabilityOfWaiting: c,
                probabilityOfAbandoning: 0,
                averageSpeedOfAnswer: asa,
                averageWait: asa,
                occupancy: a / n,
                serviceLevel: level
            )
        )
    }
}
