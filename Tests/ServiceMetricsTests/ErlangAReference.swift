import Foundation
import ServiceDomain

@testable import ServiceMetrics

/// The Erlang A solver as it was before the closed forms (commit 5bbe9ae).
///
/// The birth–death chain's queue places summed one by one in log space, and the service level by uniformisation of
/// the chain of places. Kept here, slow and independent, as the reference the closed forms and the planner's search
/// are checked against.
enum ErlangAReference {
    static let maximumQueueStates = 2_000_000

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
    static func analyse(
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
        let lambda = load.arrivalRate
        let h = load.averageHandleTime
        let n = Double(agents)
        // No arrivals, or no chance that every agent is busy: everyone is answered at once.
        if lambda == 0 || blocking == 0 {
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
        let mu = 1 / h
        let theta = 1 / patience
        let serving = n * mu
        // Log weights of the states N, N+1, … relative to P(k ≤ N) = 1: log B, then × λ / (Nμ + jθ) for each place.
        var logs: [Double] = [log(blocking)]
        var logWeight = logs[0]
        var largest = logWeight
        let peak = (lambda - serving) / theta  // the weights rise until here, then fall ever faster
        var place = 0
        while true {
            place += 1
            logWeight += log(lambda / (serving + Double(place) * theta))
            if Double(place) > peak, logWeight < largest - 44 { break }
            guard logs.count < maximumQueueStates else {
                throw ServiceMetricsError(
                    .outOfRange,
                    at: "averagePatience",
                    "a patience of \(patience) s lets the queue grow beyond \(maximumQueueStates) places for this load"
                )
            }
            logs.append(logWeight)
            largest = max(largest, logWeight)
        }
        // P(k < N) = 1 − B, in the same scale.
        let head = agents == 0 ? -Double.infinity : log1p(-blocking)
        let scale = max(head, largest)
        var total = head.isFinite ? exp(head - scale) : 0
        var arriving = [Double](repeating: 0, count: logs.count)
        for (j, value) in logs.enumerated() {
            arriving[j] = exp(value - scale)
            total += arriving[j]
        }
        let immediate = (head.isFinite ? exp(head - scale) : 0) / total
        var waiting = 0.0
        var abandoning = 0.0
        var waitSum = 0.0
        var answeredWaitSum = 0.0
        // Stage recursions over the places ahead: P(answered | j ahead), E[time in queue], E[time · 1{answered}].
        var answeredAhead = 1.0
        var timeAhead = 0.0
        var answeredTimeAhead = 0.0
        for j in arriving.indices {
            arriving[j] /= total
            let progress = serving + Double(j) * theta
            let exit = progress + theta
            let moveOn = progress / exit
            answeredTimeAhead = moveOn * (answeredAhead / exit + answeredTimeAhead)
            answeredAhead *= moveOn
            timeAhead = 1 / exit + moveOn * timeAhead
            waiting += arriving[j]
            abandoning += arriving[j] * (1 - answeredAhead)
            waitSum += arriving[j] * timeAhead
            answeredWaitSum += arriving[j] * answeredTimeAhead
        }
        let answered = max(0, 1 - abandoning)
        let level = serviceLevel.map { definition in
            figure(
                definition,
                arriving: arriving,
                immediate: immediate,
                answered: answered,
                serving: serving,
                theta: theta
            )
        }
        return QueuePerformance(
            model: model,
            agents: agents,
            traffic: load.traffic,
            probabilityOfWaiting: min(1, waiting),
            probabilityOfAbandoning: min(1, abandoning),
            averageSpeedOfAnswer: answered > 0 ? answeredWaitSum / answered : 0,
            averageWait: waitSum,
            occupancy: agents == 0 ? 0 : min(1, lambda * answered * h / n),
            serviceLevel: level
        )
    }

    /// The service level: the mass of arriving contacts answered (or abandoned) within the threshold, by
    /// uniformisation of the chain of queue places.
    private static func figure(
        _ definition: ServiceLevelDefinition,
        arriving: [Double],
        immediate: Double,
        answered: Double,
        serving: Double,
        theta: Double
    ) -> ServiceLevelFigure {
        let places = arriving.count
        // The fastest stage sets the uniformisation rate.
        let rate = serving + Double(places) * theta
        let x = rate * definition.threshold
        var mass = arriving
        var next = mass
        var answeredBy = 0.0
        var abandonedBy = 0.0
        var answeredWithin = 0.0
        var abandonedWithin = 0.0
        var weightSeen = 0.0
        let logX = log(x)
        let lastStep = Int((x + 40 * x.squareRoot() + 100).rounded(.up))
        var step = 0
        while true {
            let weight = x == 0 ? (step == 0 ? 1 : 0) : exp(-x + Double(step) * logX - lgamma(Double(step + 1)))
            answeredWithin += weight * answeredBy
            abandonedWithin += weight * abandonedBy
            weightSeen += weight
            let remaining = mass.reduce(0, +)
            if weightSeen >= 1 - 1e-15 || step >= lastStep || remaining < 1e-17 {
                // Past here the absorbed masses no longer change (or the Poisson weights are spent).
                let rest = max(0, 1 - weightSeen)
                answeredWithin += rest * answeredBy
                abandonedWithin += rest * abandonedBy
                break
            }
            // One uniformised step: each place moves one closer (or is answered from place 0), abandons, or stays.
            for j in 0..<places {
                let progress = serving + Double(j) * theta
                var value = mass[j] * (1 - (progress + theta) / rate)
                if j + 1 < places { value += mass[j + 1] * (serving + Double(j + 1) * theta) / rate }
                next[j] = value
                abandonedBy += mass[j] * theta / rate
            }
            answeredBy += mass[0] * serving / rate
            swap(&mass, &next)
            step += 1
        }
        let answeredInTime = immediate + answeredWithin
        let value: Double?
        switch definition.convention {
        case .abandonedInDenominator: value = answeredInTime
        case .answeredOnly: value = answered > 0 ? answeredInTime / answered : nil
        case .abandonedWithinThresholdMet: value = answeredInTime + abandonedWithin
        case .offeredWait: value = nil  // checked against the tagged-customer chain in ErlangAConventionTests
        }
        return ServiceLevelFigure(
            value: value.map { min(1, max(0, $0)) },
            threshold: definition.threshold,
            convention: definition.convention
        )
    }
}
