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
    /// Short abandons, for a queueing model: contacts abandoning within this many seconds are left out of the figure
    /// altogether (numerator and denominator), as many ACDs report; `nil` keeps them. (Contact records take their
    /// short-abandon threshold from the metric that counts them.)
    public let shortAbandonThreshold: Double?

    /// Creates a definition.
    ///
    /// JSON: `{"threshold": 20, "convention": "abandonedInDenominator"}`, with `"shortAbandonThreshold": 5` when
    /// short abandons are left out.
    ///
    /// - Parameters:
    ///   - threshold: Seconds; finite, not negative.
    ///   - convention: How abandoned contacts count.
    ///   - shortAbandonThreshold: Seconds; finite, not negative; `nil` to keep short abandons.
    /// - Throws: ``ServiceMetricsError`` with code `nonFinite` or `outOfRange` (path `threshold` or
    ///   `shortAbandonThreshold`).
    public init(
        answeredWithin threshold: Double,
        convention: ServiceLevelConvention,
        shortAbandonThreshold: Double? = nil
    ) throws(ServiceMetricsError) {
        try Check.notNegative(threshold, "threshold")
        if let shortAbandonThreshold { try Check.notNegative(shortAbandonThreshold, "shortAbandonThreshold") }
        self.threshold = threshold
        self.convention = convention
        self.shortAbandonThreshold = shortAbandonThreshold
    }

    private enum CodingKeys: String, CodingKey {
        case threshold
        case convention
        case shortAbandonThreshold
    }

    /// Decodes a definition, checking it as the initialiser does.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed data or values the initialiser refuses.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                answeredWithin: container.decode(Double.self, forKey: .threshold),
                convention: container.decode(ServiceLevelConvention.self, forKey: .convention),
                shortAbandonThreshold: container.decodeIfPresent(Double.self, forKey: .shortAbandonThreshold)
            )
        } catch let error as ServiceMetricsError {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: container.codingPath, debugDescription: error.description)
            )
        }
    }

    /// Encodes the documented form.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(threshold, forKey: .threshold)
        try container.encode(convention, forKey: .convention)
        try container.encodeIfPresent(shortAbandonThreshold, forKey: .shortAbandonThreshold)
    }
}

/// Every service-level convention's figure for one threshold, from one computation, with the parts behind them.
///
/// All are probabilities over arriving contacts.
public struct ServiceLevelBreakdown: Sendable, Hashable, Codable {
    /// The threshold in seconds.
    public let threshold: Double
    /// The short-abandon threshold applied, if any.
    public let shortAbandonThreshold: Double?
    /// P(answered within the threshold).
    public let answeredWithin: Double
    /// P(abandoned within the threshold).
    public let abandonedWithin: Double
    /// P(answered).
    public let answered: Double
    /// P(abandoned within the short-abandon threshold): 0 without one.
    public let shortAbandoned: Double
    /// P(offered wait within the threshold).
    public let offeredWaitWithin: Double
    /// The figure under each convention, short abandons left out when a threshold is given (not from the offered
    /// wait, which is what an abandoned caller would have waited); absent when its denominator is zero.
    public let values: [ServiceLevelConvention: Double]

    /// The figure under one convention, as ``values`` holds it.
    ///
    /// - Parameter convention: The convention.
    /// - Returns: The share, or `nil` when undefined.
    public func value(_ convention: ServiceLevelConvention) -> Double? { values[convention] }

    /// Combines the parts into every convention's figure.
    init(
        threshold: Double,
        shortAbandonThreshold: Double?,
        answeredWithin: Double,
        abandonedWithin: Double,
        answered: Double,
        shortAbandoned: Double,
        shortAbandonedWithin: Double,
        offeredWaitWithin: Double
    ) {
        self.threshold = threshold
        self.shortAbandonThreshold = shortAbandonThreshold
        self.answeredWithin = answeredWithin
        self.abandonedWithin = abandonedWithin
        self.answered = answered
        self.shortAbandoned = shortAbandoned
        self.offeredWaitWithin = offeredWaitWithin
        // Short abandons leave the denominator; those within the threshold leave the numerator of the convention
        // that counts abandons within it as met.
        let kept = 1 - shortAbandoned
        func share(_ numerator: Double, _ denominator: Double) -> Double? {
            denominator > 0 ? min(1, max(0, numerator / denominator)) : nil
        }
        var values: [ServiceLevelConvention: Double] = [:]
        values[.abandonedInDenominator] = share(answeredWithin, kept)
        values[.answeredOnly] = share(answeredWithin, answered)
        values[.abandonedWithinThresholdMet] = share(answeredWithin + abandonedWithin - shortAbandonedWithin, kept)
        // The offered wait is what an abandoned caller would have waited: short abandons stay in it.
        values[.offeredWait] = min(1, max(0, offeredWaitWithin))
        self.values = values
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
