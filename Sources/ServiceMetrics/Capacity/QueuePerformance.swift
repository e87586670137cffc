import ServiceDomain

/// A queueing model for one interval of a contact queue.
///
/// JSON: `{"erlangC": {}}` or `{"erlangA": {"averagePatience": 90}}`.
public enum QueueModel: Sendable, Hashable, Codable {
    /// Erlang C (M/M/N): customers wait as long as it takes. Optimistic when customers hang up in reality, and
    /// unstable (an ever-growing queue) unless there are more agents than Erlangs of traffic.
    case erlangC
    /// Erlang A (M/M/N+M): each waiting customer abandons after an exponentially distributed patience with this mean,
    /// in seconds. Always stable; usually needs fewer agents than Erlang C for the same target.
    case erlangA(averagePatience: Double)
}

/// How a service level is defined: the answer-time threshold and how abandoned contacts count.
public struct ServiceLevelDefinition: Sendable, Hashable, Codable {
    /// The threshold in seconds: "answered within this".
    public let threshold: Double
    /// How abandoned contacts count.
    public let convention: ServiceLevelConvention

    /// Creates a definition.
    ///
    /// - Parameters:
    ///   - threshold: Seconds; finite, not negative.
    ///   - convention: How abandoned contacts count.
    /// - Throws: ``ServiceMetricsError`` with code `nonFinite` or `outOfRange` (path `threshold`).
    public init(answeredWithin threshold: Double, convention: ServiceLevelConvention) throws(ServiceMetricsError) {
        try Check.notNegative(threshold, "threshold")
        self.threshold = threshold
        self.convention = convention
    }
}

/// What a queueing model predicts for one interval with a given number of agents.
///
/// All probabilities are over arriving contacts (Poisson arrivals see time averages).
public struct QueuePerformance: Sendable, Hashable, Codable {
    /// The model that produced the figures.
    public let model: QueueModel
    /// The agents answering.
    public let agents: Int
    /// The offered traffic in Erlangs.
    public let traffic: Double
    /// The probability that a contact waits at all (finds every agent busy).
    public let probabilityOfWaiting: Double
    /// The probability that a contact abandons before an answer; 0 under Erlang C.
    public let probabilityOfAbandoning: Double
    /// The mean wait of answered contacts, in seconds, counting those answered at once as zero.
    public let averageSpeedOfAnswer: Double
    /// The mean time in queue of every contact, answered or abandoned, in seconds.
    public let averageWait: Double
    /// The share of agents' time spent handling contacts: answered traffic ÷ agents.
    public let occupancy: Double
    /// The service level for the definition asked for, or `nil` when none was.
    public let serviceLevel: ServiceLevelFigure?
}

/// The answer of a model that can be unstable: figures, or the statement that the queue grows without bound.
///
/// JSON: `{"stable": {"performance": {…}}}` or `{"unstable": {"traffic": 12.5, "agents": 12}}`.
public enum QueueResult: Sendable, Hashable, Codable {
    /// The queue settles; these are its figures.
    case stable(performance: QueuePerformance)
    /// With this many agents for this traffic (agents ≤ Erlangs) the queue grows without bound: there is no
    /// steady-state service level, wait or occupancy to report.
    case unstable(traffic: Double, agents: Int)

    /// The figures, or `nil` when unstable.
    public var performance: QueuePerformance? {
        if case .stable(let performance) = self { return performance }
        return nil
    }
}
