public import Foundation
public import ServiceDomain

/// The clock a duration KPI reads: elapsed (calendar) time, or the open hours of a business calendar.
public enum MetricClock: Sendable, Hashable {
    /// Wall-clock seconds.
    case calendar
    /// Seconds while the calendar is open.
    case business(BusinessCalendar)

    func duration(from start: Date, to end: Date) throws(ServiceMetricsError) -> Double {
        switch self {
        case .calendar: return end.timeIntervalSince(start)
        case .business(let calendar):
            do throws(ServiceDomainError) {
                return try calendar.businessDuration(from: start, to: end)
            } catch {
                throw ServiceMetricsError(error)
            }
        }
    }
}

/// The state of a time-to-event KPI: the distribution of times for records that reached the event, and how many
/// have not (yet).
public struct DurationTally: MetricState, Hashable {
    /// The times, in seconds.
    public private(set) var times = Distribution()
    /// Records counted that have not reached the event.
    public private(set) var pending = 0

    /// An empty tally.
    public init() {}

    private enum CodingKeys: String, CodingKey {
        case times
        case pending
    }

    /// Decodes a tally, checking its times as ``Distribution`` does and a pending count from 0 to 2⁵³.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed or impossible data.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        times = try container.decode(Distribution.self, forKey: .times)
        pending = try container.decodeCount(forKey: .pending)
        try container.require(
            times.count <= StateLimits.maximumCount - pending,
            forKey: .pending,
            "the times and pending cases together pass 2^53"
        )
    }

    mutating func add(_ seconds: Double?) throws(ServiceMetricsError) {
        if let seconds { try times.add(seconds) } else { pending += 1 }
    }

    /// Adds times already checked to be finite and not negative, in order, and `pending` cases without one.
    mutating func add(checked values: UnsafeBufferPointer<Double>, pending: Int, table: inout BinIndexTable?) {
        times.add(checked: values, table: &table)
        self.pending += pending
    }

    /// Adds a time already checked to be finite and not negative, or one pending for `.nan`.
    mutating func add(checked seconds: Double) {
        if seconds.isNaN { pending += 1 } else { times.add(checked: seconds) }
    }

    /// Adds another tally.
    ///
    /// - Parameter other: The other tally.
    /// - Throws: As ``Distribution/merge(_:)``, and `overflow` (path `pending`) past 2⁵³; unchanged then.
    public mutating func merge(_ other: DurationTally) throws(ServiceMetricsError) {
        let waiting = try Check.sum(pending, other.pending, "pending")
        try times.merge(other.times)
        pending = waiting
    }

    func measurements(_ stem: String, period: DateInterval, scope: MeasurementScope) -> [ServiceMeasurement] {
        // A quantile the sketch cannot give within its accuracy (values folded below the bin cap) is left out.
        func quantile(_ q: Double) -> Double? { times.isAccurate(at: q) ? try? times.quantile(q) : nil }
        let figures: [(String, Double?)] = [
            ("mean", times.mean), ("median", quantile(0.5)), ("p90", quantile(0.9)), ("p95", quantile(0.95)),
            ("p99", quantile(0.99)),
        ]
        return figures.compactMap { suffix, value in
            value.flatMap {
                try? ServiceMeasurement(
                    indicator: .duration(stem, suffix),
                    value: $0,
                    unit: .seconds,
                    period: period,
                    scope: scope,
                    sampleSize: times.count,
                    source: "ServiceMetrics"
                )
            }
        }
    }
}

/// First reply time: from a case's creation to its first public agent reply.
///
/// Definition: every case is counted; a case with a public agent reply adds `firstAgentReplyAt − createdAt` on the
/// chosen clock (business time counts only open hours, as helpdesks report "first reply time (business hours)");
/// internal notes and automatic messages are not replies; a case without a reply is counted in
/// ``DurationTally/pending``. Measurements: `firstReplyTime.mean`, `.median`, `.p90`, `.p95`, `.p99` in seconds.
public struct FirstReplyTime: Metric {
    /// The clock.
    public let clock: MetricClock

    /// Creates the KPI.
    ///
    /// - Parameter clock: Calendar or business time.
    public init(clock: MetricClock = .calendar) { self.clock = clock }

    /// `firstReplyTime`.
    public var name: String { "firstReplyTime" }

    /// An empty tally.
    ///
    /// - Returns: The tally.
    public func makeState() -> DurationTally { DurationTally() }

    /// Adds a case.
    ///
    /// - Parameters:
    ///   - record: The case.
    ///   - state: The tally.
    /// - Throws: A business calendar's error for instants it cannot handle.
    public func fold(_ record: Case, into state: inout DurationTally) throws(ServiceMetricsError) {
        let facts = record.facts
        try state.add(
            try facts.firstAgentReplyAt.map { reply throws(ServiceMetricsError) in
                try clock.duration(from: facts.createdAt, to: reply)
            }
        )
    }

    /// The tally itself: its distribution answers count, mean and quantiles.
    ///
    /// - Parameter state: The tally.
    /// - Returns: The tally.
    public func result(of state: DurationTally) -> DurationTally { state }

    /// Mean and quantiles as measurements.
    ///
    /// - Parameters:
    ///   - state: The tally.
    ///   - period: The period.
    ///   - scope: The scope.
    /// - Returns: The measurements.
    public func measurements(of state: DurationTally, period: DateInterval, scope: MeasurementScope)
        -> [ServiceMeasurement]
    {
        state.measurements(name, period: period, scope: scope)
    }
}

/// Resolution time: from a case's creation to its resolution.
///
/// Definition: every case is counted; a case resolved now (solved or closed) adds the time from creation to
/// ``Resolution/final`` (its last resolution, the usual "full resolution time") or ``Resolution/first`` (its first,
/// even if reopened since) on the chosen clock; a case not resolved now is counted in ``DurationTally/pending``
/// (for ``Resolution/first``, a case resolved once counts even when reopened). Time pending or on hold is included:
/// this is the customer's elapsed wait. Measurements: `resolutionTime.mean`, `.median`, `.p90`, `.p95`, `.p99`.
public struct ResolutionTime: Metric {
    /// Which resolution ends the clock.
    public enum Resolution: String, Sendable, Hashable, Codable {
        /// The first time the case was resolved.
        case first
        /// The resolution it is in now.
        case final
    }

    /// The clock.
    public let clock: MetricClock
    /// Which resolution ends the clock.
    public let resolution: Resolution

    /// Creates the KPI.
    ///
    /// - Parameters:
    ///   - clock: Calendar or business time.
    ///   - resolution: First or final resolution.
    public init(clock: MetricClock = .calendar, resolution: Resolution = .final) {
        self.clock = clock
        self.resolution = resolution
    }

    /// `resolutionTime`, or `firstResolutionTime`.
    public var name: String { resolution == .final ? "resolutionTime" : "firstResolutionTime" }

    /// An empty tally.
    ///
    /// - Returns: The tally.
    public func makeState() -> DurationTally { DurationTally() }

    /// Adds a case.
    ///
    /// - Parameters:
    ///   - record: The case.
    ///   - state: The tally.
    /// - Throws: A business calendar's error for instants it cannot handle.
    public func fold(_ record: Case, into state: inout DurationTally) throws(ServiceMetricsError) {
        let facts = record.facts
        let end = resolution == .final ? facts.solvedAt : facts.firstResolvedAt
        try state.add(
            try end.map { end throws(ServiceMetricsError) in
                try clock.duration(from: facts.createdAt, to: end)
            }
        )
    }

    /// The tally itself.
    ///
    /// - Parameter state: The tally.
    /// - Returns: The tally.
    public func result(of state: DurationTally) -> DurationTally { state }

    /// Mean and quantiles as measurements.
    ///
    /// - Parameters:
    ///   - state: The tally.
    ///   - period: The period.
    ///   - scope: The scope.
    /// - Returns: The measurements.
    public func measurements(of state: DurationTally, period: DateInterval, scope: MeasurementScope)
        -> [ServiceMeasurement]
    {
        state.measurements(name, period: period, scope: scope)
    }
}

/// Public agent replies per resolved case.
///
/// Definition: cases resolved now; each adds its number of public agent replies (internal notes excluded) to a
/// ``Distribution``, whose mean is "replies per case" and whose quantiles show the long tail.
public struct RepliesPerCase: Metric {
    /// Creates the KPI.
    public init() {}

    /// `repliesPerCase`.
    public var name: String { "repliesPerCase" }

    /// An empty distribution.
    ///
    /// - Returns: The distribution.
    public func makeState() -> Distribution { Distribution() }

    /// Adds a case if it is resolved.
    ///
    /// - Parameters:
    ///   - record: The case.
    ///   - state: The distribution.
    /// - Throws: ``ServiceMetricsError`` for a value the distribution refuses (not finite or negative).
    public func fold(_ record: Case, into state: inout Distribution) throws(ServiceMetricsError) {
        guard record.facts.status.isResolved else { return }
        try state.add(Double(record.facts.agentReplyCount))
    }

    /// The distribution.
    ///
    /// - Parameter state: The distribution.
    /// - Returns: The distribution.
    public func result(of state: Distribution) -> Distribution { state }

    /// The mean as `repliesPerCase.mean`.
    ///
    /// - Parameters:
    ///   - state: The distribution.
    ///   - period: The period.
    ///   - scope: The scope.
    /// - Returns: The measurement, if any case was counted.
    public func measurements(of state: Distribution, period: DateInterval, scope: MeasurementScope)
        -> [ServiceMeasurement]
    {
        guard let mean = state.mean,
            let measurement = try? ServiceMeasurement(
                indicator: "repliesPerCase.mean",
                value: mean,
                unit: .count,
                period: period,
                scope: scope,
                sampleSize: state.count,
                source: "ServiceMetrics"
            )
        else { return [] }
        return [measurement]
    }
}
