public import Foundation
public import ServiceDomain

/// The open backlog at an instant, with its age profile.
///
/// Definition: a case is in the backlog at `instant` when it was created at or before it and its status then was not
/// solved or closed (pending and on-hold cases are in the backlog: they are still owed an outcome). Its age is
/// `instant − createdAt`, counted in the first bucket whose upper bound exceeds it (`< 1 d`, `< 3 d`, …, and one
/// last bucket for older cases).
public struct Backlog: Metric {
    /// The instant the backlog is taken at.
    public let instant: Date
    /// The buckets' upper bounds in seconds, ascending.
    public let ageBounds: [Double]

    /// Creates the KPI.
    ///
    /// - Parameters:
    ///   - instant: The instant.
    ///   - ageBounds: Upper bounds in seconds, positive and strictly ascending; by default 1, 3, 7 and 30 days.
    /// - Throws: ``ServiceMetricsError`` with code `nonFinite` or `outOfRange` (path `ageBounds[i]` or `instant`).
    public init(at instant: Date, ageBounds: [Double] = [86_400, 259_200, 604_800, 2_592_000])
        throws(ServiceMetricsError)
    {
        try Check.finite(instant.timeIntervalSince1970, "instant")
        for (position, bound) in ageBounds.enumerated() {
            try Check.positive(bound, "ageBounds[\(position)]")
            if position > 0, bound <= ageBounds[position - 1] {
                throw ServiceMetricsError(
                    .outOfRange,
                    at: "ageBounds[\(position)]",
                    "age bounds must be strictly ascending"
                )
            }
        }
        self.instant = instant
        self.ageBounds = ageBounds
    }

    /// `backlog`.
    public var name: String { "backlog" }

    /// An empty tally with this KPI's bounds.
    ///
    /// - Returns: The tally.
    public func makeState() -> BacklogTally { BacklogTally(ageBounds: ageBounds) }

    /// Counts a case if it is open at the instant.
    ///
    /// - Parameters:
    ///   - record: The case.
    ///   - state: The tally.
    /// - Throws: ``ServiceMetricsError`` with code `incompatibleStates` for a tally made with other bounds.
    public func fold(_ record: Case, into state: inout BacklogTally) throws(ServiceMetricsError) {
        let facts = record.facts
        guard facts.createdAt <= instant else { return }
        // The status period holding the instant (periods are in order; the last one is open-ended).
        var status = CaseStatus.new
        for period in facts.statusPeriods where period.start <= instant {
            status = period.status
        }
        guard !status.isResolved else { return }
        try state.add(age: instant.timeIntervalSince(facts.createdAt))
    }

    /// The tally.
    ///
    /// - Parameter state: The tally.
    /// - Returns: The tally.
    public func result(of state: BacklogTally) -> BacklogTally { state }

    /// `backlog.open` (a count) and `backlog.age.median` and `.p90` (seconds).
    ///
    /// - Parameters:
    ///   - state: The tally.
    ///   - period: The period.
    ///   - scope: The scope.
    /// - Returns: The measurements.
    public func measurements(of state: BacklogTally, period: DateInterval, scope: MeasurementScope)
        -> [ServiceMeasurement]
    {
        let figures: [(String, Double?, MeasurementUnit)] = [
            ("backlog.open", Double(state.open), .count), ("backlog.age.median", state.ages.median, .seconds),
            ("backlog.age.p90", state.ages.p90, .seconds),
        ]
        return figures.compactMap { indicator, value, unit in
            value.flatMap {
                try? ServiceMeasurement(
                    indicator: Indicator(indicator),
                    value: $0,
                    unit: unit,
                    period: period,
                    scope: scope,
                    sampleSize: state.open,
                    source: "ServiceMetrics"
                )
            }
        }
    }
}

/// The open cases at an instant, by age bucket.
public struct BacklogTally: MetricState, Hashable {
    /// The buckets' upper bounds in seconds.
    public let ageBounds: [Double]
    /// Open cases per bucket: `counts[i]` is younger than `ageBounds[i]` (and not younger than the bound before);
    /// the last entry counts cases at least as old as the last bound.
    public private(set) var counts: [Int]
    /// The distribution of ages.
    public private(set) var ages = Distribution()

    /// An empty tally.
    ///
    /// - Parameter ageBounds: The upper bounds.
    public init(ageBounds: [Double]) {
        self.ageBounds = ageBounds
        self.counts = Array(repeating: 0, count: ageBounds.count + 1)
    }

    /// The open cases.
    public var open: Int { ages.count }

    mutating func add(age: Double) throws(ServiceMetricsError) {
        try ages.add(max(0, age))
        let bucket = ageBounds.firstIndex { age < $0 } ?? ageBounds.count
        counts[bucket] += 1
    }

    /// Adds another tally.
    ///
    /// - Parameter other: A tally with the same bounds.
    /// - Throws: ``ServiceMetricsError`` with code `incompatibleStates` when the bounds differ.
    public mutating func merge(_ other: BacklogTally) throws(ServiceMetricsError) {
        guard other.ageBounds == ageBounds else {
            throw ServiceMetricsError(.incompatibleStates, at: "ageBounds", "backlog tallies have different age bounds")
        }
        try ages.merge(other.ages)
        // Every bucket's count is at most the ages' count, which the merge above checked.
        for index in counts.indices { counts[index] += other.counts[index] }
    }

    private enum CodingKeys: String, CodingKey {
        case ageBounds
        case counts
        case ages
    }

    /// Decodes a tally, checking increasing finite bounds, one count per bucket, and that the counts add up to the
    /// ages.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed or impossible data.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ageBounds = try container.decode([Double].self, forKey: .ageBounds)
        counts = try container.decodeCounts(forKey: .counts)
        ages = try container.decode(Distribution.self, forKey: .ages)
        try container.require(
            ageBounds.allSatisfy(\.isFinite) && zip(ageBounds, ageBounds.dropFirst()).allSatisfy { $0 < $1 },
            forKey: .ageBounds,
            "ageBounds must be finite and increasing"
        )
        try container.require(
            counts.count == ageBounds.count + 1,
            forKey: .counts,
            "one count per bucket: \(ageBounds.count + 1), not \(counts.count)"
        )
        try container.require(
            counts.reduce(0, +) == ages.count,
            forKey: .counts,
            "the buckets count \(counts.reduce(0, +)) cases, the ages \(ages.count)"
        )
    }
}

/// Cases created and cases solved per period: the inflow against the outflow.
///
/// Definition: a case counts as created in the period holding `createdAt`, and as solved in the period holding
/// `solvedAt` when it is resolved now (its last resolution; a case solved, reopened and solved again counts once,
/// when it was last solved). Periods are local hours, days, ISO weeks or months in a time zone.
public struct CreatedVersusSolved: Metric {
    /// The periods.
    public let bucketing: TimeBucketing

    /// Creates the KPI.
    ///
    /// - Parameter bucketing: The periods and time zone.
    public init(by bucketing: TimeBucketing) { self.bucketing = bucketing }

    /// `createdVersusSolved`.
    public var name: String { "createdVersusSolved" }

    /// An empty tally.
    ///
    /// - Returns: The tally.
    public func makeState() -> FlowTally { FlowTally() }

    /// Counts a case's creation and, if resolved, its resolution.
    ///
    /// - Parameters:
    ///   - record: The case.
    ///   - state: The tally.
    /// - Throws: A bucketing error for instants outside the supported years.
    public func fold(_ record: Case, into state: inout FlowTally) throws(ServiceMetricsError) {
        let facts = record.facts
        do throws(ServiceDomainError) {
            let created = try bucketing.label(of: facts.createdAt)
            let solved = try facts.solvedAt.map { date throws(ServiceDomainError) in try bucketing.label(of: date) }
            state.count(created: created, solved: solved)
        } catch {
            throw ServiceMetricsError(error)
        }
    }

    /// The tally.
    ///
    /// - Parameter state: The tally.
    /// - Returns: The tally.
    public func result(of state: FlowTally) -> FlowTally { state }
}

/// Created and solved counts per period label.
public struct FlowTally: MetricState, Hashable {
    /// Counts for one period.
    public struct Counts: Sendable, Hashable, Codable {
        /// Cases created in the period.
        public var created = 0
        /// Cases solved in the period.
        public var solved = 0

        /// Counts for a period.
        ///
        /// - Parameters:
        ///   - created: Cases created.
        ///   - solved: Cases solved.
        public init(created: Int = 0, solved: Int = 0) {
            self.created = created
            self.solved = solved
        }

        /// Solved minus created: positive when the backlog shrank.
        public var net: Int { solved - created }
    }

    /// The counts by period label.
    public private(set) var periods: [String: Counts] = [:]

    /// An empty tally.
    public init() {}

    private enum CodingKeys: String, CodingKey {
        case periods
    }

    /// Decodes a tally, checking that every count lies in 0...2⁵³.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed or impossible data.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        periods = try container.decode([String: Counts].self, forKey: .periods)
        let limit = StateLimits.maximumCount
        try container.require(
            periods.values.allSatisfy { (0...limit).contains($0.created) && (0...limit).contains($0.solved) },
            forKey: .periods,
            "every count of created and solved cases must lie in 0...2^53"
        )
    }

    mutating func count(created: String, solved: String?) {
        periods[created, default: Counts()].created += 1
        if let solved { periods[solved, default: Counts()].solved += 1 }
    }

    /// The periods in order (labels sort chronologically).
    public var ordered: [(period: String, counts: Counts)] {
        periods.keys.sorted().compactMap { key in periods[key].map { (key, $0) } }
    }

    /// Adds another tally.
    ///
    /// - Parameter other: The other tally.
    /// - Throws: ``ServiceMetricsError`` with code `overflow` (path `periods[label]`) when a count passes 2⁵³;
    ///   unchanged then.
    public mutating func merge(_ other: FlowTally) throws(ServiceMetricsError) {
        var merged = periods
        for (period, counts) in other.periods {
            let mine = merged[period] ?? Counts()
            merged[period] = Counts(
                created: try Check.sum(mine.created, counts.created, "periods[\(period)].created"),
                solved: try Check.sum(mine.solved, counts.solved, "periods[\(period)].solved")
            )
        }
        periods = merged
    }
}
