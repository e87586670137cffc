public import Foundation
public import ServiceDomain

/// Time a case spends in a set of statuses, over a chosen stretch of its life, on a calendar or business clock: agent
/// wait, requester wait, on-hold time, time new, time open — the status figures every helpdesk report shows.
///
/// Definition: the case's status periods (`CaseFacts.statusPeriods`) are clipped to the stretch the ``Span`` names,
/// and the time of those whose status is in ``statuses`` is summed on ``clock`` (business time counts only open
/// hours). The spans:
///
/// | span | from | to | a case not yet resolved |
/// |---|---|---|---|
/// | ``Span/firstResolution`` | creation | the first resolution | pending |
/// | ``Span/finalResolution`` | the start of the last resolution cycle (creation, or the last reopen) | the resolution it is in now | pending |
/// | ``Span/fullResolution`` | creation | the resolution it is in now, every reopened cycle included | pending |
/// | ``Span/eachResolutionCycle`` | each cycle's start (creation, each reopen) | its resolution | each resolved cycle adds a time; a running cycle is pending |
/// | ``Span/wholeCase(at:)`` | creation | the instant given | every case adds a time (events after the instant are ignored) |
///
/// The presets follow the usual helpdesk names: ``agentWait(span:clock:)`` (pending: waiting on the customer, Zendesk's "agent wait
/// time"), ``requesterWait(span:clock:)`` (new, open and on-hold: Zendesk's "requester wait time"), ``onHold(span:clock:)`` (on-hold: waiting on
/// a third party), ``new(span:clock:)`` and ``open(span:clock:)``. Measurements: `<name>.<span>.mean`, `.median`, `.p90`, `.p95`, `.p99` in
/// seconds, such as `agentWaitTime.fullResolution.median`.
public struct TimeInStatus: Metric {
    /// The stretch of a case's life whose time is counted.
    public enum Span: Sendable, Hashable {
        /// Creation to the first resolution.
        case firstResolution
        /// The last resolution cycle: from creation or the last reopen to the resolution the case is in now.
        case finalResolution
        /// Creation to the resolution the case is in now, including every reopened cycle.
        case fullResolution
        /// Each resolution cycle on its own: a reopened case adds one time per resolved cycle.
        case eachResolutionCycle
        /// Creation to an instant, for every case, resolved or not.
        case wholeCase(at: Date)

        /// The span's name in measurement indicators.
        public var name: String {
            switch self {
            case .firstResolution: "firstResolution"
            case .finalResolution: "finalResolution"
            case .fullResolution: "fullResolution"
            case .eachResolutionCycle: "eachResolutionCycle"
            case .wholeCase: "wholeCase"
            }
        }
    }

    /// The statuses whose time is counted.
    public let statuses: Set<CaseStatus>
    /// The stem of the measurement indicators, such as `agentWaitTime`.
    public let label: String
    /// The stretch of the case's life.
    public let span: Span
    /// The clock.
    public let clock: MetricClock

    /// Creates the KPI for any set of statuses.
    ///
    /// - Parameters:
    ///   - statuses: The statuses to count; resolved statuses may be included (time spent solved before a reopen).
    ///   - label: The stem of the indicators; not empty.
    ///   - span: The stretch of each case's life.
    ///   - clock: Calendar or business time.
    /// - Throws: ``ServiceMetricsError`` with code `empty` for no statuses or an empty label.
    public init(
        statuses: Set<CaseStatus>,
        label: String,
        span: Span = .fullResolution,
        clock: MetricClock = .calendar
    ) throws(ServiceMetricsError) {
        guard !statuses.isEmpty else {
            throw ServiceMetricsError(.empty, at: "statuses", "time in status needs at least one status")
        }
        guard !label.isEmpty else { throw ServiceMetricsError(.empty, at: "label", "the label names the indicators") }
        self.statuses = statuses
        self.label = label
        self.span = span
        self.clock = clock
    }

    private init(_ statuses: Set<CaseStatus>, _ label: String, _ span: Span, _ clock: MetricClock) {
        self.statuses = statuses
        self.label = label
        self.span = span
        self.clock = clock
    }

    /// Agent wait time: time pending, waiting on the customer (`agentWaitTime`).
    public static func agentWait(span: Span = .fullResolution, clock: MetricClock = .calendar) -> TimeInStatus {
        TimeInStatus([.pending], "agentWaitTime", span, clock)
    }

    /// Requester wait time: time new, open or on hold, when the customer waits on the organisation
    /// (`requesterWaitTime`).
    public static func requesterWait(span: Span = .fullResolution, clock: MetricClock = .calendar) -> TimeInStatus {
        TimeInStatus([.new, .open, .onHold], "requesterWaitTime", span, clock)
    }

    /// On-hold time: time waiting on a third party (`onHoldTime`).
    public static func onHold(span: Span = .fullResolution, clock: MetricClock = .calendar) -> TimeInStatus {
        TimeInStatus([.onHold], "onHoldTime", span, clock)
    }

    /// Time new: before anyone picked the case up (`timeNew`).
    public static func new(span: Span = .fullResolution, clock: MetricClock = .calendar) -> TimeInStatus {
        TimeInStatus([.new], "timeNew", span, clock)
    }

    /// Time open: being worked (`timeOpen`).
    public static func open(span: Span = .fullResolution, clock: MetricClock = .calendar) -> TimeInStatus {
        TimeInStatus([.open], "timeOpen", span, clock)
    }

    /// `<label>.<span>`, such as `agentWaitTime.fullResolution`.
    public var name: String { "\(label).\(span.name)" }

    /// An empty tally.
    ///
    /// - Returns: The tally.
    public func makeState() -> DurationTally { DurationTally() }

    /// Adds a case.
    ///
    /// - Parameters:
    ///   - record: The case.
    ///   - state: The tally; unchanged when the call throws.
    /// - Throws: A business calendar's error for instants it cannot handle.
    public func fold(_ record: Case, into state: inout DurationTally) throws(ServiceMetricsError) {
        let facts = record.facts
        // The resolution cycles: (start, end) with `end` nil while the cycle runs.
        var cycles: [(start: Date, end: Date?)] = []
        var start: Date? = facts.createdAt
        for period in facts.statusPeriods {
            if period.status.isResolved {
                if let open = start { cycles.append((open, period.start)) }
                start = nil
            } else if start == nil {
                start = period.start
            }
        }
        if let open = start { cycles.append((open, nil)) }
        // The windows to sum, each a time (nil: pending).
        var windows: [(from: Date, to: Date)?] = []
        switch span {
        case .firstResolution:
            let first = cycles[0]
            windows = [first.end.map { (facts.createdAt, $0) }]
        case .finalResolution:
            let last = cycles[cycles.count - 1]
            windows = [last.end.map { (last.start, $0) }]
        case .fullResolution:
            windows = [cycles[cycles.count - 1].end.map { (facts.createdAt, $0) }]
        case .eachResolutionCycle:
            windows = cycles.map { cycle in cycle.end.map { (cycle.start, $0) } }
        case .wholeCase(let instant):
            windows = [instant >= facts.createdAt ? (facts.createdAt, instant) : nil]
        }
        // Into a copy, then the state: a calendar error leaves the state unchanged.
        var updated = state
        for window in windows {
            try updated.add(
                try window.map { window throws(ServiceMetricsError) in
                    try seconds(in: facts.statusPeriods, from: window.from, to: window.to)
                }
            )
        }
        state = updated
    }

    /// The time of the periods in ``statuses`` between two instants, on the clock.
    private func seconds(in periods: [CaseFacts.StatusPeriod], from: Date, to: Date) throws(ServiceMetricsError)
        -> Double
    {
        var total = 0.0
        for period in periods where statuses.contains(period.status) {
            let start = max(period.start, from)
            let end = min(period.end ?? to, to)
            guard end > start else { continue }
            total += try clock.duration(from: start, to: end)
        }
        return total
    }

    /// The tally itself: count, mean and quantiles of the times, and the cases still pending.
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
