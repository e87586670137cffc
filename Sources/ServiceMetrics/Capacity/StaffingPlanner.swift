public import Foundation
import ServiceDomain

/// What a staffing plan must achieve in every interval.
///
/// At least one of a service level, an average speed of answer and a maximum occupancy (to protect agents from
/// burnout) is required; shrinkage (the share of paid time not available for contacts: breaks, training, absence)
/// is optional. A service-level share of 0 is allowed: the figure is reported and the other targets decide.
public struct StaffingTargets: Sendable, Hashable, Codable {
    /// The service level to reach, if any: at least ``serviceLevelShare`` under this definition.
    public let serviceLevel: ServiceLevelDefinition?
    /// The share of contacts the service level must reach, from 0 to 1 (exclusive); 0 when only the figure is wanted.
    public let serviceLevelShare: Double?
    /// The highest average speed of answer allowed, in seconds.
    public let maximumAverageSpeedOfAnswer: Double?
    /// The highest occupancy allowed, from 0 (exclusive) to 1.
    public let maximumOccupancy: Double?
    /// The share of scheduled time lost to shrinkage, from 0 to 1 (exclusive).
    public let shrinkage: Double

    /// Creates targets.
    ///
    /// - Parameters:
    ///   - serviceLevel: A share and its definition: `(0.8, try ServiceLevelDefinition(answeredWithin: 20, …))`.
    ///   - maximumAverageSpeedOfAnswer: Seconds; finite, positive.
    ///   - maximumOccupancy: Above 0, at most 1.
    ///   - shrinkage: From 0 to below 1.
    /// - Throws: ``ServiceMetricsError`` with code `empty` when no service level, average speed of answer or
    ///   maximum occupancy is given, or `nonFinite`/`outOfRange` with the argument's path.
    public init(
        serviceLevel: (share: Double, definition: ServiceLevelDefinition)? = nil,
        maximumAverageSpeedOfAnswer: Double? = nil,
        maximumOccupancy: Double? = nil,
        shrinkage: Double = 0
    ) throws(ServiceMetricsError) {
        guard serviceLevel != nil || maximumAverageSpeedOfAnswer != nil || maximumOccupancy != nil else {
            throw ServiceMetricsError(
                .empty,
                "staffing needs a service-level, an average-speed-of-answer or a maximum-occupancy target"
            )
        }
        if let share = serviceLevel?.share {
            try Check.share(share, "serviceLevel.share")
            guard share < 1 else {
                throw ServiceMetricsError(.outOfRange, at: "serviceLevel.share", "a service level below 1 can be met")
            }
        }
        if let asa = maximumAverageSpeedOfAnswer { try Check.positive(asa, "maximumAverageSpeedOfAnswer") }
        if let occupancy = maximumOccupancy {
            try Check.share(occupancy, "maximumOccupancy")
            guard occupancy > 0 else {
                throw ServiceMetricsError(.outOfRange, at: "maximumOccupancy", "a maximum occupancy must be above 0")
            }
        }
        try Check.share(shrinkage, "shrinkage")
        guard shrinkage < 1 else {
            throw ServiceMetricsError(.outOfRange, at: "shrinkage", "shrinkage must be below 1 (\(shrinkage))")
        }
        self.serviceLevel = serviceLevel?.definition
        self.serviceLevelShare = serviceLevel?.share
        self.maximumAverageSpeedOfAnswer = maximumAverageSpeedOfAnswer
        self.maximumOccupancy = maximumOccupancy
        self.shrinkage = shrinkage
    }
}

/// A requirement that can decide how many agents an interval needs.
public enum StaffingConstraint: String, Sendable, Hashable, Codable, CaseIterable, CodingKeyRepresentable {
    /// Erlang C needs more agents than Erlangs of traffic before any target can be met.
    case stability
    /// The service-level target.
    case serviceLevel
    /// The average-speed-of-answer target.
    case averageSpeedOfAnswer
    /// The maximum occupancy.
    case occupancy
}

/// The staffing of one interval.
public struct IntervalStaffing: Sendable, Hashable, Codable {
    /// Agents needed on the phones (or chats) through the interval.
    public let agents: Int
    /// Agents to schedule so that `agents` remain after shrinkage: the smallest `s` with `s × (1 − shrinkage) ≥
    /// agents`.
    public let scheduledAgents: Int
    /// The binding constraints: those that alone would require `agents`.
    ///
    /// Empty when there is no traffic.
    public let binding: [StaffingConstraint]
    /// The model's figures at `agents`.
    public let performance: QueuePerformance
    /// Each constraint's own minimum: the fewest agents that meet it alone.
    ///
    /// Stability, for Erlang C, is the first whole number above the traffic. The binding constraints are those whose minimum is ``agents``.
    public let minimumAgents: MinimumAgents
}

/// The fewest agents each constraint needs on its own; `nil` for a constraint the targets do not set.
///
/// JSON: `{"stability": 11, "occupancy": 12, "averageSpeedOfAnswer": 13, "serviceLevel": 14}`.
public struct MinimumAgents: Sendable, Hashable, Codable {
    /// Erlang C's stability: more agents than Erlangs.
    public var stability: Int?
    /// The service-level target.
    public var serviceLevel: Int?
    /// The average-speed-of-answer target.
    public var averageSpeedOfAnswer: Int?
    /// The maximum occupancy.
    public var occupancy: Int?

    /// Minimums for the constraints given.
    ///
    /// - Parameter values: Each constraint's minimum.
    public init(_ values: [StaffingConstraint: Int] = [:]) {
        for (constraint, value) in values { self[constraint] = value }
    }

    /// One constraint's minimum.
    ///
    /// - Parameter constraint: The constraint.
    public subscript(_ constraint: StaffingConstraint) -> Int? {
        get {
            switch constraint {
            case .stability: stability
            case .serviceLevel: serviceLevel
            case .averageSpeedOfAnswer: averageSpeedOfAnswer
            case .occupancy: occupancy
            }
        }
        set {
            switch constraint {
            case .stability: stability = newValue
            case .serviceLevel: serviceLevel = newValue
            case .averageSpeedOfAnswer: averageSpeedOfAnswer = newValue
            case .occupancy: occupancy = newValue
            }
        }
    }
}

/// One interval of a forecast: when it starts, how long it lasts, and the work expected in it.
public struct IntervalForecast: Sendable, Hashable, Codable {
    /// The interval's start.
    public let start: Date
    /// Its length in seconds.
    public let length: Double
    /// The load expected.
    public let load: QueueLoad

    /// Creates an interval.
    ///
    /// - Parameters:
    ///   - start: The start.
    ///   - length: Seconds; finite, positive.
    ///   - arrivals: Contacts expected in the interval.
    ///   - averageHandleTime: Seconds.
    /// - Throws: ``ServiceMetricsError`` as ``QueueLoad/init(arrivals:per:averageHandleTime:)`` does.
    public init(start: Date, length: Double, arrivals: Double, averageHandleTime: Double) throws(ServiceMetricsError) {
        try Check.finite(start.timeIntervalSince1970, "start")
        self.start = start
        self.length = length
        self.load = try QueueLoad(arrivals: arrivals, per: length, averageHandleTime: averageHandleTime)
    }
}

/// A staffing plan for a day (or any run) of intervals.
public struct StaffingPlan: Sendable, Hashable, Codable {
    /// One entry per forecast interval, in the forecast's order.
    public let intervals: [Entry]

    /// A forecast interval and its staffing.
    public struct Entry: Sendable, Hashable, Codable {
        /// The forecast.
        public let forecast: IntervalForecast
        /// The staffing.
        public let staffing: IntervalStaffing
    }

    /// The most agents scheduled in any interval.
    public var peakScheduledAgents: Int { intervals.map(\.staffing.scheduledAgents).max() ?? 0 }

    /// Scheduled agent-hours over the plan: Σ scheduled agents × interval length ÷ 3600.
    public var scheduledAgentHours: Double {
        intervals.reduce(0) { $0 + Double($1.staffing.scheduledAgents) * $1.forecast.length / 3_600 }
    }
}

/// Finds the fewest agents that meet staffing targets under a queueing model, for one interval or a forecast.
///
/// ```swift
/// let planner = StaffingPlanner(
///     model: .erlangC,
///     targets: try StaffingTargets(
///         serviceLevel: (0.8, try ServiceLevelDefinition(answeredWithin: 20, convention: .abandonedInDenominator)),
///         maximumOccupancy: 0.85,
///         shrinkage: 0.3
///     )
/// )
/// let staffing = try planner.staff(try QueueLoad(arrivals: 120, per: 1_800, averageHandleTime: 240))
/// print(staffing.agents, staffing.scheduledAgents, staffing.binding)
/// ```
///
/// The search starts at ⌊traffic⌋ + 1 agents for Erlang C (fewer are unstable) and at 1 for Erlang A (which can
/// need fewer agents than Erlangs of traffic), widens by doubling steps until every target holds, then narrows by
/// bisection; service level, speed of answer and occupancy all improve as agents are added. Targets are compared
/// with a relative tolerance of 10⁻¹², so that binary floating point cannot turn an exact decimal boundary into
/// an extra agent: 21 Erlangs at a maximum occupancy of 0.7 need 30 agents, not 31, and 21 agents at 30 %
/// shrinkage need 30 scheduled.
public struct StaffingPlanner: Sendable, Hashable, Codable {
    /// The queueing model.
    public let model: QueueModel
    /// The targets.
    public let targets: StaffingTargets

    /// Creates a planner.
    ///
    /// - Parameters:
    ///   - model: The queueing model.
    ///   - targets: The targets.
    public init(model: QueueModel, targets: StaffingTargets) {
        self.model = model
        self.targets = targets
    }

    /// The constraints the targets set, in the order the planner reports them.
    var configured: [StaffingConstraint] {
        var constraints: [StaffingConstraint] = []
        if targets.serviceLevel != nil { constraints.append(.serviceLevel) }
        if targets.maximumAverageSpeedOfAnswer != nil { constraints.append(.averageSpeedOfAnswer) }
        if targets.maximumOccupancy != nil { constraints.append(.occupancy) }
        return constraints
    }

    /// The largest load staffed, 10⁷ Erlangs: a hundred times the busiest contact centres' intervals, and a bound
    /// that keeps every agent count an `Int` (a load of arrivals and handle times near `Double`'s limits once trapped).
    public static let maximumTraffic = 1e7

    static func checkTraffic(_ load: QueueLoad) throws(ServiceMetricsError) {
        let traffic = load.traffic
        guard traffic.isFinite, traffic <= maximumTraffic else {
            throw ServiceMetricsError(
                .outOfRange,
                at: "traffic",
                "a load of \(traffic) Erlangs is above the largest staffed, 1e7"
            )
        }
    }

    /// The staffing of one interval.
    ///
    /// - Parameter load: The interval's load.
    /// - Returns: Agents, scheduled agents, the binding constraints and the figures at that staffing.
    /// - Throws: ``ServiceMetricsError`` with code `unreachableTarget` when no number of agents up to the search's
    ///   limit (traffic + 40·√traffic + 1000) meets the targets, `outOfRange` (path `traffic`) for a load above
    ///   ``maximumTraffic``, or the model's errors.
    public func staff(_ load: QueueLoad) throws(ServiceMetricsError) -> IntervalStaffing {
        if case .erlangA(let patience) = model { try Check.positive(patience, "model.averagePatience") }
        try Self.checkTraffic(load)
        if load.arrivalRate == 0 {
            let performance = try evaluate(load, agents: 0)
            return IntervalStaffing(
                agents: 0,
                scheduledAgents: 0,
                binding: [],
                performance: performance.figures,
                minimumAgents: MinimumAgents(Dictionary(uniqueKeysWithValues: configured.map { ($0, 0) }))
            )
        }
        switch model {
        case .erlangC: return try staffErlangC(load)
        case .erlangA(let patience): return try staffErlangA(load, patience: patience)
        }
    }

    /// Erlang C staffing in one upward pass.
    ///
    /// The reciprocal Erlang B recurrence is carried from each number of agents to the next (each step the very
    /// operation `ErlangB.blockingProbability` repeats from zero), and every open constraint is checked at each number
    /// until all hold. The same answers and figures as the search, in O(traffic + margin) rather than
    /// O(traffic · log margin) per constraint.
    private func staffErlangC(_ load: QueueLoad) throws(ServiceMetricsError) -> IntervalStaffing {
        let traffic = load.traffic
        let lowest = lowestAgents(load)
        let limit = Int((traffic + 40 * (traffic + 1).squareRoot() + 1_000).rounded(.up))
        let handle = load.averageHandleTime
        // The number at which each constraint first holds; nil while open (a constraint without a target never is).
        var levelHolds: Int? = targets.serviceLevel == nil ? lowest : nil
        var speedHolds: Int? = targets.maximumAverageSpeedOfAnswer == nil ? lowest : nil
        var occupancyHolds: Int? = targets.maximumOccupancy == nil ? lowest : nil
        var inverse = ErlangB.reciprocal(traffic: traffic, servers: lowest, from: 1, at: 0)
        var agents = lowest
        while true {
            // The figures `ErlangC.result` computes, without building them until the answer is found.
            if let waiting = ErlangC.waiting(traffic: traffic, agents: agents, blocking: 1 / inverse) {
                let n = Double(agents)
                if levelHolds == nil, let definition = targets.serviceLevel {
                    let level = ErlangC.serviceLevel(
                        waiting: waiting,
                        agents: n,
                        traffic: traffic,
                        threshold: definition.threshold,
                        handle: handle
                    )
                    if Self.meets(.serviceLevel, figure: level, targets) { levelHolds = agents }
                }
                if speedHolds == nil {
                    let speed = ErlangC.averageSpeedOfAnswer(
                        waiting: waiting,
                        agents: n,
                        traffic: traffic,
                        handle: handle
                    )
                    if Self.meets(.averageSpeedOfAnswer, figure: speed, targets) { speedHolds = agents }
                }
                if occupancyHolds == nil, Self.meets(.occupancy, figure: traffic / n, targets) {
                    occupancyHolds = agents
                }
            }
            if levelHolds != nil, speedHolds != nil, occupancyHolds != nil {
                guard
                    case .stable(let performance) = ErlangC.result(
                        load,
                        agents: agents,
                        blocking: 1 / inverse,
                        serviceLevel: targets.serviceLevel
                    )
                else {
                    throw ServiceMetricsError(.unreachableTarget, "no stable staffing found")  // unreachable
                }
                var binding: [StaffingConstraint] = agents == lowest ? [.stability] : []
                if targets.serviceLevel != nil, levelHolds == agents { binding.append(.serviceLevel) }
                if targets.maximumAverageSpeedOfAnswer != nil, speedHolds == agents {
                    binding.append(.averageSpeedOfAnswer)
                }
                if targets.maximumOccupancy != nil, occupancyHolds == agents { binding.append(.occupancy) }
                var minimum = MinimumAgents()
                minimum.stability = lowest
                if targets.serviceLevel != nil { minimum.serviceLevel = levelHolds }
                if targets.maximumAverageSpeedOfAnswer != nil { minimum.averageSpeedOfAnswer = speedHolds }
                if targets.maximumOccupancy != nil { minimum.occupancy = occupancyHolds }
                return IntervalStaffing(
                    agents: agents,
                    scheduledAgents: Self.scheduled(agents, shrinkage: targets.shrinkage),
                    binding: binding,
                    performance: performance,
                    minimumAgents: minimum
                )
            }
            guard agents < limit else {
                throw ServiceMetricsError(
                    .unreachableTarget,
                    "no number of agents up to \(limit) meets the targets for \(traffic) Erlangs"
                )
            }
            inverse = ErlangB.reciprocal(traffic: traffic, servers: agents + 1, from: inverse, at: agents)
            agents += 1
        }
    }

    /// Erlang A staffing by one search for the fewest agents that meet every target at once.
    ///
    /// Each target only gets easier with more agents, so the number that meets all of them is the largest of the
    /// numbers that meet each: the search gallops from the traffic (up or down, doubling its steps) and bisects the
    /// bracket, and a target is binding when it fails with one agent fewer. The same answers as a search per target.
    private func staffErlangA(_ load: QueueLoad, patience: Double) throws(ServiceMetricsError) -> IntervalStaffing {
        let traffic = load.traffic
        let limit = Int((traffic + 40 * (traffic + 1).squareRoot() + 1_000).rounded(.up))
        var seen: [Int: QueuePerformance] = [:]
        func figures(_ agents: Int) throws(ServiceMetricsError) -> QueuePerformance {
            if let known = seen[agents] { return known }
            let performance = try ErlangA.analyse(
                load,
                averagePatience: patience,
                agents: agents,
                serviceLevel: targets.serviceLevel
            )
            seen[agents] = performance
            return performance
        }
        let constraints = configured
        func holds(_ agents: Int) throws(ServiceMetricsError) -> Bool {
            let performance = try figures(agents)
            return constraints.allSatisfy { Self.meets(performance, $0, targets) }
        }
        // A bracket: `failing` fails (0 stands for "no fewer agents to try"), `passing` holds.
        let guess = max(1, min(limit, Int(traffic.rounded())))
        var failing: Int
        var passing: Int
        var step = 1
        if try holds(guess) {
            passing = guess
            failing = 0
            while passing > 1 {
                let candidate = max(1, guess - step)
                if try holds(candidate) {
                    passing = candidate
                    step *= 2
                } else {
                    failing = candidate
                    break
                }
            }
        } else {
            failing = guess
            while true {
                guard failing < limit else {
                    throw ServiceMetricsError(
                        .unreachableTarget,
                        "no number of agents up to \(limit) meets the targets for \(traffic) Erlangs"
                    )
                }
                let candidate = min(limit, guess + step)
                if try holds(candidate) {
                    passing = candidate
                    break
                }
                failing = candidate
                step *= 2
            }
        }
        while passing - failing > 1 {
            let middle = failing + (passing - failing) / 2
            if try holds(middle) { passing = middle } else { failing = middle }
        }
        let agents = passing
        let performance = try figures(agents)
        let fewer = agents > 1 ? try figures(agents - 1) : nil
        let binding = constraints.filter { constraint in fewer.map { !Self.meets($0, constraint, targets) } ?? true }
        // Each constraint's own minimum: the binding ones' is `agents`; the others' lies below, found by bisection
        // over the cached figures (each constraint only gets easier with more agents).
        var minimum = MinimumAgents()
        for constraint in constraints {
            if binding.contains(constraint) {
                minimum[constraint] = agents
                continue
            }
            var (low, high) = (0, agents - 1)  // `high` holds; `low` fails, or is 0 ("no fewer to try")
            if try Self.meets(figures(1), constraint, targets) {
                high = 1
            } else {
                low = 1
            }
            while high - low > 1 {
                let middle = low + (high - low) / 2
                if try Self.meets(figures(middle), constraint, targets) { high = middle } else { low = middle }
            }
            minimum[constraint] = high
        }
        return IntervalStaffing(
            agents: agents,
            scheduledAgents: Self.scheduled(agents, shrinkage: targets.shrinkage),
            binding: binding,
            performance: performance,
            minimumAgents: minimum
        )
    }

    /// An Erlang A solver: load, mean patience, agents and service level to the figures.
    typealias ErlangASolver = (QueueLoad, Double, Int, ServiceLevelDefinition?) throws(ServiceMetricsError) ->
        QueuePerformance

    /// Staffing by a galloping and bisecting search per constraint, each candidate evaluated from zero: the planner
    /// as it was, kept as the reference the Erlang C pass and the Erlang A search are tested against (with the Erlang
    /// A solver it was given).
    func staffBySearch(
        _ load: QueueLoad,
        erlangA: ErlangASolver? = nil
    ) throws(ServiceMetricsError) -> IntervalStaffing {
        try Self.checkTraffic(load)
        let solver = erlangA
        var minimum: [StaffingConstraint: Int] = [:]
        var constraints: [StaffingConstraint] = []
        if targets.serviceLevel != nil { constraints.append(.serviceLevel) }
        if targets.maximumAverageSpeedOfAnswer != nil { constraints.append(.averageSpeedOfAnswer) }
        if targets.maximumOccupancy != nil { constraints.append(.occupancy) }
        let lowest = lowestAgents(load)
        if model == .erlangC { minimum[.stability] = lowest }
        for constraint in constraints {
            minimum[constraint] = try search(load, from: lowest, erlangA: solver) {
                Self.meets($0, constraint, targets)
            }
        }
        let agents = minimum.values.max() ?? lowest
        guard let performance = try evaluate(load, agents: agents, erlangA: solver).stable else {
            throw ServiceMetricsError(.unreachableTarget, "no stable staffing found")  // unreachable: agents > traffic
        }
        let binding = StaffingConstraint.allCases.filter { minimum[$0] == agents }
        return IntervalStaffing(
            agents: agents,
            scheduledAgents: Self.scheduled(agents, shrinkage: targets.shrinkage),
            binding: binding,
            performance: performance,
            minimumAgents: MinimumAgents(minimum)
        )
    }

    /// A plan for a forecast: each interval staffed on its own.
    ///
    /// - Parameter forecast: The intervals.
    /// - Returns: The plan.
    /// - Throws: As ``staff(_:)``, with the interval's index in the path (`intervals[3]`).
    public func plan(_ forecast: [IntervalForecast]) throws(ServiceMetricsError) -> StaffingPlan {
        var entries: [StaffingPlan.Entry] = []
        entries.reserveCapacity(forecast.count)
        for (index, interval) in forecast.enumerated() {
            do {
                entries.append(StaffingPlan.Entry(forecast: interval, staffing: try staff(interval.load)))
            } catch {
                throw error.nested(under: "intervals[\(index)]")
            }
        }
        return StaffingPlan(intervals: entries)
    }

    /// Agents to schedule so that `agents` remain after shrinkage, with the planner's tolerance.
    ///
    /// - Parameters:
    ///   - agents: Agents needed.
    ///   - shrinkage: From 0 to below 1.
    /// - Returns: The smallest `s` with `s × (1 − shrinkage) ≥ agents`.
    public static func scheduled(_ agents: Int, shrinkage: Double) -> Int {
        guard agents > 0, shrinkage > 0, shrinkage < 1 else { return max(agents, 0) }
        let available = 1 - shrinkage
        var candidate = Int((Double(agents) / available).rounded(.up))
        while candidate > agents, atMost(Double(agents), Double(candidate - 1) * available) { candidate -= 1 }
        while !atMost(Double(agents), Double(candidate) * available) { candidate += 1 }
        return candidate
    }

    // MARK: - Search

    private struct Evaluation {
        let result: QueueResult
        var stable: QueuePerformance? { result.performance }
        var figures: QueuePerformance {
            switch result {
            case .stable(let performance): return performance
            case .unstable(let traffic, let agents):
                return QueuePerformance(
                    model: .erlangC,
                    agents: agents,
                    traffic: traffic,
                    probabilityOfWaiting: 0,
                    probabilityOfAbandoning: 0,
                    averageSpeedOfAnswer: 0,
                    averageWait: 0,
                    occupancy: 0,
                    serviceLevel: nil
                )
            }
        }
    }

    private func lowestAgents(_ load: QueueLoad) -> Int {
        switch model {
        case .erlangC: return Int(load.traffic.rounded(.down)) + 1
        case .erlangA: return 1
        }
    }

    private func evaluate(
        _ load: QueueLoad,
        agents: Int,
        erlangA: ErlangASolver? = nil
    ) throws(ServiceMetricsError) -> Evaluation {
        switch model {
        case .erlangC:
            return Evaluation(result: try ErlangC.analyse(load, agents: agents, serviceLevel: targets.serviceLevel))
        case .erlangA(let patience):
            let performance: QueuePerformance
            if let erlangA {
                performance = try erlangA(load, patience, agents, targets.serviceLevel)
            } else {
                performance = try ErlangA.analyse(
                    load,
                    averagePatience: patience,
                    agents: agents,
                    serviceLevel: targets.serviceLevel
                )
            }
            return Evaluation(result: .stable(performance: performance))
        }
    }

    /// The fewest agents from `lowest` up for which `accepts` holds, assuming it keeps holding with more agents.
    private func search(
        _ load: QueueLoad,
        from lowest: Int,
        erlangA solver: ErlangASolver?,
        accepts: (QueuePerformance) -> Bool
    ) throws(ServiceMetricsError) -> Int {
        let traffic = load.traffic
        let limit = Int((traffic + 40 * (traffic + 1).squareRoot() + 1_000).rounded(.up))
        func holds(_ agents: Int) throws(ServiceMetricsError) -> Bool {
            guard let performance = try evaluate(load, agents: agents, erlangA: solver).stable else { return false }
            return accepts(performance)
        }
        if try holds(lowest) { return lowest }
        var failing = lowest
        var step = 1
        var passing = lowest + step
        while try !holds(passing) {
            failing = passing
            guard passing < limit else {
                throw ServiceMetricsError(
                    .unreachableTarget,
                    "no number of agents up to \(limit) meets the targets for \(traffic) Erlangs"
                )
            }
            step *= 2
            passing = min(limit, lowest + step)
        }
        while passing - failing > 1 {
            let middle = failing + (passing - failing) / 2
            if try holds(middle) { passing = middle } else { failing = middle }
        }
        return passing
    }

    /// Whether `value ≤ limit`, allowing a relative error of 10⁻¹².
    static func atMost(_ value: Double, _ limit: Double) -> Bool {
        value <= limit + 1e-12 * max(abs(limit), abs(value))
    }

    private static func meets(
        _ performance: QueuePerformance,
        _ constraint: StaffingConstraint,
        _ targets: StaffingTargets
    ) -> Bool {
        let figure: Double?
        switch constraint {
        case .stability: figure = nil
        case .serviceLevel: figure = performance.serviceLevel?.value
        case .averageSpeedOfAnswer: figure = performance.averageSpeedOfAnswer
        case .occupancy: figure = performance.occupancy
        }
        return meets(constraint, figure: figure, targets)
    }

    /// Whether a constraint holds, given its figure: the service level, the average speed of answer or the
    /// occupancy (`nil` for stability, or for a service level that cannot be computed).
    private static func meets(_ constraint: StaffingConstraint, figure: Double?, _ targets: StaffingTargets) -> Bool {
        switch constraint {
        case .stability: return true
        case .serviceLevel:
            guard let share = targets.serviceLevelShare else { return false }
            // A share of 0 is met by any staffing, even one whose figure is undefined.
            guard share > 0 else { return true }
            guard let figure else { return false }
            return atMost(share, figure)
        case .averageSpeedOfAnswer:
            guard let limit = targets.maximumAverageSpeedOfAnswer, let figure else { return true }
            return atMost(figure, limit)
        case .occupancy:
            guard let limit = targets.maximumOccupancy, let figure else { return true }
            return atMost(figure, limit)
        }
    }
}
