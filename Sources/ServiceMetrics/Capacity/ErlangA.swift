import Foundation
import ServiceDomain

/// The Erlang A model (M/M/N+M, Palm's queue): Poisson arrivals, exponential handle times, `N` agents, and customers
/// who abandon after an exponentially distributed patience.
///
/// The number of contacts in the system is a birth–death process (births at the arrival rate λ, deaths at
/// `min(k, N)·μ + max(k − N, 0)·θ` with μ = 1 / handle time and θ = 1 / mean patience). With `a = Nμ/θ` and
/// `x = λ/θ`, every figure is a closed form in two convergent series of positive terms,
/// `S(x) = Σₖ xᵏ / ((a+1)(a+2)…(a+1+k))` and `T(x) = Σₖ xᵏ Hₖ / ((a+1)…(a+1+k))` with `Hₖ = Σᵢ≤ₖ 1/(a+1+i)`,
/// which are the lower incomplete gamma function `γ(a+1, x) = x^(a+1) e^(−x) S(x)` and its derivative in `a`
/// (Mandelbaum and Zeltyn, *The Palm/Erlang-A queue, with applications to call centers*, 2007):
/// - the queue places above `N` have weights `xʲ / ((a+1)…(a+j))` relative to the state `N`, summing to
///   `1 + x·S(x)`; with the Erlang B blocking `B` of `N` agents, `P(wait) = B / ((1 − B)/(1 + x·S) + B)`;
/// - a waiting contact is answered with probability `a·S / (1 + x·S)`, and `P(abandon) = θ × mean time in queue`
///   (Little's law for the queue);
/// - its offered wait `V` (the time to reach an agent if it never gave up) has `P(V > t | wait) =
///   γ(a, x·e^(−θt)) / γ(a, x)`, because the weights keep their form as time passes with `x` replaced by `x·e^(−θt)`;
///   so the answered within `t` are `[γ(a+1, x) − γ(a+1, y)] / (x·γ(a, x))` of the waiting, with `y = x·e^(−θt)`,
///   the abandoned within `t` follow by integrating `γ`, and the mean wait of the answered is `a·T / (θ(1 + x·S))`.
///
/// Each series is summed with rescaling (no overflow for any load) until its remaining tail is below 10⁻¹⁷ of the sum,
/// so a figure costs O(√x + max(0, x − a)) operations after the Erlang B recurrence, rather than a chain of queue
/// places per uniformisation step. Answers satisfy Little's law to rounding, agree with the closed forms for θ = μ
/// (where the system is an M/M/∞ queue), and approach ``ErlangC``'s as patience grows. The model is always stable,
/// so it can need fewer agents than Erlangs of traffic.
public enum ErlangA: Sendable {
    /// The most series terms (queue places) the solver sums; a patience that allows a longer queue is refused.
    public static let maximumQueueStates = 2_000_000

    /// The figures for one interval.
    ///
    /// - Parameters:
    ///   - load: The offered load.
    ///   - averagePatience: Mean seconds a waiting customer stays before abandoning; finite, positive.
    ///   - agents: Agents answering; not negative.
    ///   - serviceLevel: The service level to report, if any.
    /// - Returns: The figures.
    /// - Throws: ``ServiceMetricsError`` with code `outOfRange` for negative agents (path `agents`), a patience that
    ///   is not positive or allows a queue longer than ``maximumQueueStates`` (path `averagePatience`), and
    ///   `nonFinite` for a patience that is not finite.
    public static func analyse(
        _ load: QueueLoad,
        averagePatience: Double,
        agents: Int,
        serviceLevel: ServiceLevelDefinition? = nil
    ) throws(ServiceMetricsError) -> QueuePerformance {
        try Check.positive(averagePatience, "averagePatience")
        guard agents >= 0 else {
            throw ServiceMetricsError(.outOfRange, at: "agents", "the number of agents cannot be negative (\(agents))")
        }
        let blocking = try ErlangB.blockingProbability(traffic: load.traffic, servers: agents)
        return try performance(
            load,
            patience: averagePatience,
            agents: agents,
            blocking: blocking,
            serviceLevel: serviceLevel
        )
    }

    static func performance(
        _ load: QueueLoad,
        patience: Double,
        agents: Int,
        blocking: Double,
        serviceLevel: ServiceLevelDefinition?
    ) throws(ServiceMetricsError) -> QueuePerformance {
        let model = QueueModel.erlangA(averagePatience: patience)
        let n = Double(agents)
        // No arrivals, or no chance that every agent is busy: everyone is answered at once.
        guard
            let queue = try Queue(load, patience: patience, agents: agents, blocking: blocking, harmonic: true)
        else {
            return QueuePerformance(
                model: model,
                agents: agents,
                traffic: load.traffic,
                probabilityOfWaiting: 0,
                probabilityOfAbandoning: 0,
                averageSpeedOfAnswer: 0,
                averageWait: 0,
                occupancy: agents == 0 ? 0 : load.traffic / n,
                serviceLevel: serviceLevel.map {
                    ServiceLevelFigure(value: 1, threshold: $0.threshold, convention: $0.convention)
                }
            )
        }
        let abandoning = queue.waiting * queue.abandonedIfWaiting
        let answeredWait =
            queue.waiting * queue.a * queue.series.harmonicSum / (queue.theta * queue.queueWeight)
        let level = try serviceLevel.map { definition throws(ServiceMetricsError) in
            ServiceLevelFigure(
                value: try queue.breakdown(definition.threshold, shortAbandon: definition.shortAbandonThreshold)
                    .value(definition.convention),
                threshold: definition.threshold,
                convention: definition.convention
            )
        }
        return QueuePerformance(
            model: model,
            agents: agents,
            traffic: load.traffic,
            probabilityOfWaiting: min(1, queue.waiting),
            probabilityOfAbandoning: min(1, abandoning),
            averageSpeedOfAnswer: queue.answered > 0 ? answeredWait / queue.answered : 0,
            averageWait: abandoning * patience,
            occupancy: agents == 0 ? 0 : min(1, load.arrivalRate * queue.answered * load.averageHandleTime / n),
            serviceLevel: level
        )
    }

    /// Every service-level convention's figure at one threshold, from one computation: answered, abandoned and
    /// offered wait within the threshold, short abandons, and each convention's share.
    ///
    /// - Parameters:
    ///   - load: The offered load.
    ///   - averagePatience: Mean patience in seconds; finite, positive.
    ///   - agents: Agents answering; not negative.
    ///   - threshold: The answer-time threshold in seconds; finite, not negative.
    ///   - shortAbandonThreshold: Abandons within this many seconds are left out of the figures; `nil` keeps them.
    /// - Returns: The breakdown.
    /// - Throws: As ``analyse(_:averagePatience:agents:serviceLevel:)``; `nonFinite`/`outOfRange` for a threshold.
    public static func serviceLevels(
        _ load: QueueLoad,
        averagePatience: Double,
        agents: Int,
        threshold: Double,
        shortAbandonThreshold: Double? = nil
    ) throws(ServiceMetricsError) -> ServiceLevelBreakdown {
        // The definition checks the thresholds.
        _ = try ServiceLevelDefinition(
            answeredWithin: threshold,
            convention: .abandonedInDenominator,
            shortAbandonThreshold: shortAbandonThreshold
        )
        try Check.positive(averagePatience, "averagePatience")
        guard agents >= 0 else {
            throw ServiceMetricsError(.outOfRange, at: "agents", "the number of agents cannot be negative (\(agents))")
        }
        let blocking = try ErlangB.blockingProbability(traffic: load.traffic, servers: agents)
        guard
            let queue = try Queue(load, patience: averagePatience, agents: agents, blocking: blocking, harmonic: false)
        else {
            return ServiceLevelBreakdown(
                threshold: threshold,
                shortAbandonThreshold: shortAbandonThreshold,
                answeredWithin: 1,
                abandonedWithin: 0,
                answered: 1,
                shortAbandoned: 0,
                shortAbandonedWithin: 0,
                offeredWaitWithin: 1
            )
        }
        return try queue.breakdown(threshold, shortAbandon: shortAbandonThreshold)
    }

    /// The queue's state for one interval: the series at `x`, and the shares that wait, are answered at once, are
    /// answered or abandon once waiting — what every figure is built from.
    struct Queue {
        let series: Series
        let a: Double
        let x: Double
        let theta: Double
        let patience: Double
        /// The queue's weight `1 + x·S`, in the series' scale: `e^(−L) + x·s`.
        let queueWeight: Double
        let waiting: Double
        let immediate: Double
        let answeredIfWaiting: Double
        let abandonedIfWaiting: Double
        /// P(answered).
        let answered: Double

        /// The state, or `nil` when nobody waits (no arrivals, or no chance that every agent is busy).
        init?(_ load: QueueLoad, patience: Double, agents: Int, blocking: Double, harmonic: Bool)
            throws(ServiceMetricsError)
        {
            guard load.arrivalRate > 0, blocking > 0 else { return nil }
            self.patience = patience
            theta = 1 / patience
            a = Double(agents) / load.averageHandleTime * patience  // Nμ/θ
            x = load.arrivalRate * patience  // λ/θ
            series = try Series(a: a, x: x, harmonic: harmonic, patience: patience)
            queueWeight = series.unit + x * series.sum
            answeredIfWaiting = min(1, a * series.sum / queueWeight)
            abandonedIfWaiting = max(0, (series.unit + (x - a) * series.sum) / queueWeight)
            // P(k < N) / P(k ≥ N) = (1 − B) / (B·(1 + x·S)).
            let head = (1 - blocking) * series.unit / queueWeight
            waiting = agents == 0 ? 1 : blocking / (head + blocking)
            immediate = agents == 0 ? 0 : head / (head + blocking)
            answered = max(0, 1 - waiting * abandonedIfWaiting)
        }

        /// Within `t` seconds of arriving, of the contacts that wait: the share answered, the share abandoned, and
        /// the share whose offered wait has ended (`P(V ≤ t | wait) = 1 − γ(a, y)/γ(a, x)`, `y = x·e^(−θt)`).
        func within(_ t: Double) throws(ServiceMetricsError) -> (answered: Double, abandoned: Double, offered: Double) {
            let decay = theta * t
            let y = x * exp(-decay)
            let later = try Series(a: a, x: y, harmonic: false, patience: patience)
            // (y/x)^(a+1)·e^(x−y), with both series' scales: the weight of the answers still to come after t.
            let carried = exp(later.logScale - series.logScale - decay * (a + 1) + (x - y))
            let laterWeight = later.unit + y * later.sum
            let answeredWithin = max(0, min(answeredIfWaiting, a * (series.sum - carried * later.sum) / queueWeight))
            let abandonedWithin = max(
                0,
                min(
                    abandonedIfWaiting,
                    abandonedIfWaiting - carried * (later.unit + (y - a) * later.sum) / queueWeight
                )
            )
            // γ(a, x) ∝ x^a·e^(−x)·(1 + x·S(x))/a, so γ(a, y)/γ(a, x) = (y/x)^a·e^(x−y)·(1 + y·S(y))/(1 + x·S(x)).
            let remaining = carried * exp(decay) * laterWeight / queueWeight
            return (answeredWithin, abandonedWithin, max(0, min(1, 1 - remaining)))
        }

        /// Every convention's figure at a threshold, with short abandons left out when a threshold for them is given.
        func breakdown(_ threshold: Double, shortAbandon: Double?) throws(ServiceMetricsError) -> ServiceLevelBreakdown
        {
            let parts = try within(threshold)
            var short = 0.0
            var shortWithin = 0.0
            if let shortAbandon {
                let shortParts = shortAbandon == threshold ? parts : try within(shortAbandon)
                short = waiting * shortParts.abandoned
                // The short abandons that are also within the threshold: all of them when s ≤ T, else those within T.
                shortWithin = waiting * (shortAbandon <= threshold ? shortParts.abandoned : parts.abandoned)
            }
            return ServiceLevelBreakdown(
                threshold: threshold,
                shortAbandonThreshold: shortAbandon,
                answeredWithin: immediate + waiting * parts.answered,
                abandonedWithin: waiting * parts.abandoned,
                answered: answered,
                shortAbandoned: short,
                shortAbandonedWithin: shortWithin,
                offeredWaitWithin: immediate + waiting * parts.offered
            )
        }
    }

    /// `S(x) = Σₖ xᵏ / ((a+1)…(a+1+k))` and, when asked, `T(x) = Σₖ xᵏ Hₖ / ((a+1)…(a+1+k))`, both held as
    /// `e^logScale × sum`, rescaled whenever the partial sum passes 10²⁵⁰.
    struct Series {
        /// The natural logarithm of the scale both sums are held in.
        var logScale = 0.0
        /// `S(x) · e^(−logScale)`.
        var sum = 0.0
        /// `T(x) · e^(−logScale)` (0 unless asked for).
        var harmonicSum = 0.0
        /// `e^(−logScale)`: the number 1 in the sums' scale.
        var unit: Double { exp(-logScale) }

        init(a: Double, x: Double, harmonic: Bool, patience: Double) throws(ServiceMetricsError) {
            let big = 1e250
            let logBig = log(big)
            var denominator = a + 1
            var term = 1 / denominator
            var harmonicNumber = term
            var k = 0
            while true {
                sum += term
                if harmonic { harmonicSum += term * harmonicNumber }
                k += 1
                denominator += 1
                let ratio = x / denominator
                term *= ratio
                // Past the peak the ratios fall, so the tail after this term is below term × ratio / (1 − ratio).
                if ratio < 1, term < sum * 1e-17 * (1 - ratio) { break }
                if sum > big {
                    sum /= big
                    harmonicSum /= big
                    term /= big
                    logScale += logBig
                }
                if harmonic { harmonicNumber += 1 / denominator }
                guard k < ErlangA.maximumQueueStates else {
                    throw ServiceMetricsError(
                        .outOfRange,
                        at: "averagePatience",
                        "a patience of \(patience) s lets the queue grow beyond \(ErlangA.maximumQueueStates) places for this load"
                    )
                }
            }
        }
    }
}
