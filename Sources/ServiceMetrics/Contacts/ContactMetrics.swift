public import Foundation
public import ServiceDomain

/// How contacts on a queue ended, with short abandons set apart.
///
/// A *short abandon* is a contact abandoned after waiting less than the short-abandon threshold (a misdial, a caller
/// who hung up at the greeting). Contact centres leave them out of abandonment and service-level figures; with a
/// threshold of 0 (the default) none is set apart.
public struct ContactTally: MetricState, Hashable {
    /// The short-abandon threshold in seconds.
    public let shortAbandonThreshold: Double
    /// Contacts offered to the queue (every contact counted).
    public private(set) var offered = 0
    /// Contacts answered.
    public private(set) var answered = 0
    /// Contacts abandoned after at least the short-abandon threshold.
    public private(set) var abandoned = 0
    /// Contacts abandoned within the short-abandon threshold.
    public private(set) var shortAbandoned = 0
    /// Contacts still waiting when the data was taken.
    public private(set) var queued = 0

    /// An empty tally.
    ///
    /// - Parameter shortAbandonThreshold: Seconds; finite, not negative.
    /// - Throws: ``ServiceMetricsError`` with code `nonFinite` or `outOfRange` (path `shortAbandonThreshold`).
    public init(shortAbandonThreshold: Double = 0) throws(ServiceMetricsError) {
        try Check.notNegative(shortAbandonThreshold, "shortAbandonThreshold")
        self.shortAbandonThreshold = shortAbandonThreshold
    }

    private enum CodingKeys: String, CodingKey {
        case shortAbandonThreshold
        case offered
        case answered
        case abandoned
        case shortAbandoned
        case queued
    }

    /// Decodes a tally, checking that its counts lie in 0...2⁵³ and add up to the offered contacts.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed or impossible data, ``ServiceMetricsError`` for a bad threshold.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(shortAbandonThreshold: container.decode(Double.self, forKey: .shortAbandonThreshold))
        offered = try container.decodeCount(forKey: .offered)
        answered = try container.decodeCount(forKey: .answered)
        abandoned = try container.decodeCount(forKey: .abandoned)
        shortAbandoned = try container.decodeCount(forKey: .shortAbandoned)
        queued = try container.decodeCount(forKey: .queued)
        // Each part is at most 2⁵³, so their sum cannot overflow.
        try container.require(
            answered + abandoned + shortAbandoned + queued == offered,
            forKey: .offered,
            "offered (\(offered)) must be answered + abandoned + shortAbandoned + queued"
        )
    }

    /// Abandoned ÷ (answered + abandoned), short abandons excluded; `nil` when nothing was answered or abandoned.
    public var abandonmentRate: Double? {
        let decided = answered + abandoned
        return decided == 0 ? nil : Double(abandoned) / Double(decided)
    }

    mutating func add(_ contact: Contact) {
        let outcome: ContactBatch.Outcome
        switch contact.outcome {
        case .queued: outcome = .queued
        case .answered: outcome = .answered
        case .abandoned: outcome = .abandoned
        }
        count(outcome, wait: contact.waitTime ?? 0)
    }

    /// Counts one contact from its outcome and wait: what ``add(_:)`` counts, and what a `ContactBatch` row gives.
    mutating func count(_ outcome: ContactBatch.Outcome, wait: Double) {
        offered += 1
        switch outcome {
        case .queued: queued += 1
        case .answered: answered += 1
        case .abandoned: if wait < shortAbandonThreshold { shortAbandoned += 1 } else { abandoned += 1 }
        }
    }

    /// Adds another tally.
    ///
    /// - Parameter other: A tally with the same short-abandon threshold.
    /// - Throws: ``ServiceMetricsError`` with code `incompatibleStates` when the thresholds differ, `overflow` (path
    ///   `offered`) past 2⁵³; unchanged then.
    public mutating func merge(_ other: ContactTally) throws(ServiceMetricsError) {
        guard other.shortAbandonThreshold == shortAbandonThreshold else {
            throw ServiceMetricsError(
                .incompatibleStates,
                at: "shortAbandonThreshold",
                "contact tallies have different short-abandon thresholds"
            )
        }
        offered = try Check.sum(offered, other.offered, "offered")
        answered += other.answered
        abandoned += other.abandoned
        shortAbandoned += other.shortAbandoned
        queued += other.queued
    }
}

/// Contact volumes: offered, answered, abandoned (short abandons apart), still queued, and the abandonment rate.
public struct ContactVolume: Metric {
    private let empty: ContactTally

    /// Creates the KPI.
    ///
    /// - Parameter shortAbandonThreshold: Seconds; finite, not negative.
    /// - Throws: ``ServiceMetricsError`` with code `nonFinite` or `outOfRange` (path `shortAbandonThreshold`).
    public init(shortAbandonThreshold: Double = 0) throws(ServiceMetricsError) {
        empty = try ContactTally(shortAbandonThreshold: shortAbandonThreshold)
    }

    /// The short-abandon threshold in seconds.
    public var shortAbandonThreshold: Double { empty.shortAbandonThreshold }

    /// `contacts`.
    public var name: String { "contacts" }

    /// An empty tally.
    ///
    /// - Returns: The tally.
    public func makeState() -> ContactTally { empty }

    /// Counts a contact.
    ///
    /// - Parameters:
    ///   - record: The contact.
    ///   - state: The tally.
    public func fold(_ record: Contact, into state: inout ContactTally) {
        state.add(record)
    }

    /// The tally.
    ///
    /// - Parameter state: The tally.
    /// - Returns: The tally.
    public func result(of state: ContactTally) -> ContactTally { state }

    /// `contacts.offered`, `.answered`, `.abandoned` (counts) and `contacts.abandonmentRate` (ratio).
    ///
    /// - Parameters:
    ///   - state: The tally.
    ///   - period: The period.
    ///   - scope: The scope.
    /// - Returns: The measurements.
    public func measurements(of state: ContactTally, period: DateInterval, scope: MeasurementScope)
        -> [ServiceMeasurement]
    {
        let figures: [(String, Double?, MeasurementUnit)] = [
            ("contacts.offered", Double(state.offered), .count), ("contacts.answered", Double(state.answered), .count),
            ("contacts.abandoned", Double(state.abandoned), .count),
            ("contacts.abandonmentRate", state.abandonmentRate, .ratio),
        ]
        return figures.compactMap { indicator, value, unit in
            value.flatMap {
                try? ServiceMeasurement(
                    indicator: Indicator(indicator),
                    value: $0,
                    unit: unit,
                    period: period,
                    scope: scope,
                    sampleSize: state.offered,
                    source: "ServiceMetrics"
                )
            }
        }
    }
}

/// Service level: the share of contacts answered within a threshold, under a stated convention.
///
/// Counts: answered contacts, and those answered within the threshold (wait ≤ threshold); abandoned contacts, and
/// those abandoned within it; short abandons (wait below the short-abandon threshold) are left out of every count;
/// contacts still queued are not yet decided and are left out. The ``ServiceLevelConvention`` then gives the figure.
public struct ServiceLevel: Metric {
    /// The threshold and convention.
    public let definition: ServiceLevelDefinition
    /// The short-abandon threshold in seconds.
    public let shortAbandonThreshold: Double

    /// Creates the KPI.
    ///
    /// - Parameters:
    ///   - threshold: Seconds; finite, not negative.
    ///   - convention: How abandoned contacts count; required, because the conventions differ.
    ///   - shortAbandonThreshold: Seconds; finite, not negative.
    /// - Throws: ``ServiceMetricsError`` with code `nonFinite` or `outOfRange` and the argument's path.
    public init(threshold: Double, convention: ServiceLevelConvention, shortAbandonThreshold: Double = 0)
        throws(ServiceMetricsError)
    {
        definition = try ServiceLevelDefinition(answeredWithin: threshold, convention: convention)
        try Check.notNegative(shortAbandonThreshold, "shortAbandonThreshold")
        self.shortAbandonThreshold = shortAbandonThreshold
    }

    /// `serviceLevel`.
    public var name: String { "serviceLevel" }

    /// An empty tally.
    ///
    /// - Returns: The tally.
    public func makeState() -> ServiceLevelTally { ServiceLevelTally() }

    /// Counts a contact.
    ///
    /// - Parameters:
    ///   - record: The contact.
    ///   - state: The tally.
    public func fold(_ record: Contact, into state: inout ServiceLevelTally) {
        guard let wait = record.waitTime else { return }
        switch record.outcome {
        case .queued: return
        case .answered: state.count(answered: true, within: wait <= definition.threshold)
        case .abandoned:
            guard wait >= shortAbandonThreshold else { return }
            state.count(answered: false, within: wait <= definition.threshold)
        }
    }

    /// The figure under the KPI's convention.
    ///
    /// - Parameter state: The tally.
    /// - Returns: The figure; its value is `nil` when the denominator is empty.
    public func result(of state: ServiceLevelTally) -> ServiceLevelFigure {
        ServiceLevelFigure(
            value: state.value(definition.convention),
            threshold: definition.threshold,
            convention: definition.convention
        )
    }

    /// `serviceLevel.<convention>.<threshold>s` as a ratio, such as `serviceLevel.abandonedInDenominator.20s`.
    ///
    /// - Parameters:
    ///   - state: The tally.
    ///   - period: The period.
    ///   - scope: The scope.
    /// - Returns: The measurement, when defined.
    public func measurements(of state: ServiceLevelTally, period: DateInterval, scope: MeasurementScope)
        -> [ServiceMeasurement]
    {
        guard let value = state.value(definition.convention),
            let measurement = try? ServiceMeasurement(
                indicator: .serviceLevel(convention: definition.convention.rawValue, threshold: definition.threshold),
                value: value,
                unit: .ratio,
                period: period,
                scope: scope,
                sampleSize: state.answered + state.abandoned,
                source: "ServiceMetrics"
            )
        else { return [] }
        return [measurement]
    }
}

/// The counts behind a service level.
public struct ServiceLevelTally: MetricState, Hashable {
    /// Answered contacts.
    public private(set) var answered = 0
    /// Answered within the threshold.
    public private(set) var answeredWithin = 0
    /// Abandoned contacts (short abandons excluded).
    public private(set) var abandoned = 0
    /// Abandoned within the threshold.
    public private(set) var abandonedWithin = 0

    /// An empty tally.
    public init() {}

    private enum CodingKeys: String, CodingKey {
        case answered
        case answeredWithin
        case abandoned
        case abandonedWithin
    }

    /// Decodes a tally, checking `0 ≤ within ≤ total` for answered and abandoned contacts, and the two together at
    /// most 2⁵³.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed or impossible data.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        answered = try container.decodeCount(forKey: .answered)
        answeredWithin = try container.decodeCount(forKey: .answeredWithin)
        abandoned = try container.decodeCount(forKey: .abandoned)
        abandonedWithin = try container.decodeCount(forKey: .abandonedWithin)
        try container.require(
            answeredWithin <= answered,
            forKey: .answeredWithin,
            "answeredWithin (\(answeredWithin)) cannot pass answered (\(answered))"
        )
        try container.require(
            abandonedWithin <= abandoned,
            forKey: .abandonedWithin,
            "abandonedWithin (\(abandonedWithin)) cannot pass abandoned (\(abandoned))"
        )
        try container.require(
            answered <= StateLimits.maximumCount - abandoned,
            forKey: .abandoned,
            "answered and abandoned together pass 2^53"
        )
    }

    mutating func count(answered isAnswered: Bool, within: Bool) {
        if isAnswered {
            answered += 1
            if within { answeredWithin += 1 }
        } else {
            abandoned += 1
            if within { abandonedWithin += 1 }
        }
    }

    /// The share under a convention, or `nil` when its denominator is empty (and always for
    /// ``ServiceLevelConvention/offeredWait``, which records cannot give).
    ///
    /// - Parameter convention: The convention.
    /// - Returns: The share.
    public func value(_ convention: ServiceLevelConvention) -> Double? {
        let numerator: Int
        let denominator: Int
        switch convention {
        case .abandonedInDenominator: (numerator, denominator) = (answeredWithin, answered + abandoned)
        case .answeredOnly: (numerator, denominator) = (answeredWithin, answered)
        case .abandonedWithinThresholdMet:
            (numerator, denominator) = (answeredWithin + abandonedWithin, answered + abandoned)
        case .offeredWait: return nil
        }
        return denominator == 0 ? nil : Double(numerator) / Double(denominator)
    }

    /// Adds another tally.
    ///
    /// - Parameter other: The other tally.
    /// - Throws: ``ServiceMetricsError`` with code `overflow` when answered and abandoned contacts together pass
    ///   2⁵³; unchanged then.
    public mutating func merge(_ other: ServiceLevelTally) throws(ServiceMetricsError) {
        let newAnswered = try Check.sum(answered, other.answered, "answered")
        let newAbandoned = try Check.sum(abandoned, other.abandoned, "abandoned")
        _ = try Check.sum(newAnswered, newAbandoned, "abandoned")
        answered = newAnswered
        answeredWithin += other.answeredWithin
        abandoned = newAbandoned
        abandonedWithin += other.abandonedWithin
    }
}

/// Average speed of answer: the wait of answered contacts.
///
/// Definition: answered contacts only (abandoned and queued ones are not answers); each adds `answeredAt −
/// offeredAt`. The distribution's mean is the ASA; its quantiles show the long waits the mean hides.
public struct SpeedOfAnswer: Metric {
    /// Creates the KPI.
    public init() {}

    /// `speedOfAnswer`.
    public var name: String { "speedOfAnswer" }

    /// An empty distribution.
    ///
    /// - Returns: The distribution.
    public func makeState() -> Distribution { Distribution() }

    /// Adds an answered contact's wait.
    ///
    /// - Parameters:
    ///   - record: The contact.
    ///   - state: The distribution.
    /// - Throws: ``ServiceMetricsError`` for a value the distribution refuses (not finite or negative).
    public func fold(_ record: Contact, into state: inout Distribution) throws(ServiceMetricsError) {
        guard record.isAnswered, let wait = record.waitTime else { return }
        try state.add(wait)
    }

    /// The distribution.
    ///
    /// - Parameter state: The distribution.
    /// - Returns: The distribution.
    public func result(of state: Distribution) -> Distribution { state }

    /// `speedOfAnswer.mean` (the ASA) and `.p90`, in seconds.
    ///
    /// - Parameters:
    ///   - state: The distribution.
    ///   - period: The period.
    ///   - scope: The scope.
    /// - Returns: The measurements.
    public func measurements(of state: Distribution, period: DateInterval, scope: MeasurementScope)
        -> [ServiceMeasurement]
    {
        [("speedOfAnswer.mean", state.mean), ("speedOfAnswer.p90", state.p90)].compactMap { indicator, value in
            value.flatMap {
                try? ServiceMeasurement(
                    indicator: Indicator(indicator),
                    value: $0,
                    unit: .seconds,
                    period: period,
                    scope: scope,
                    sampleSize: state.count,
                    source: "ServiceMetrics"
                )
            }
        }
    }
}

/// Handle time: talk + hold + wrap-up of answered contacts.
///
/// Definition: answered contacts only; the distribution's mean is the average handle time (AHT), and the total
/// (its sum) is the agent time the contacts took — the numerator of ``AgentTimeUsage``.
public struct HandleTime: Metric {
    /// Creates the KPI.
    public init() {}

    /// `handleTime`.
    public var name: String { "handleTime" }

    /// An empty distribution.
    ///
    /// - Returns: The distribution.
    public func makeState() -> Distribution { Distribution() }

    /// Adds an answered contact's handle time.
    ///
    /// - Parameters:
    ///   - record: The contact.
    ///   - state: The distribution.
    /// - Throws: ``ServiceMetricsError`` for a value the distribution refuses (not finite or negative).
    public func fold(_ record: Contact, into state: inout Distribution) throws(ServiceMetricsError) {
        guard record.isAnswered else { return }
        try state.add(record.handleTime)
    }

    /// The distribution.
    ///
    /// - Parameter state: The distribution.
    /// - Returns: The distribution.
    public func result(of state: Distribution) -> Distribution { state }

    /// `handleTime.mean` (the AHT) in seconds.
    ///
    /// - Parameters:
    ///   - state: The distribution.
    ///   - period: The period.
    ///   - scope: The scope.
    /// - Returns: The measurement, if any contact was answered.
    public func measurements(of state: Distribution, period: DateInterval, scope: MeasurementScope)
        -> [ServiceMeasurement]
    {
        guard let mean = state.mean,
            let measurement = try? ServiceMeasurement(
                indicator: "handleTime.mean",
                value: mean,
                unit: .seconds,
                period: period,
                scope: scope,
                sampleSize: state.count,
                source: "ServiceMetrics"
            )
        else { return [] }
        return [measurement]
    }
}

/// How agents' staffed time was used: occupancy and utilisation.
///
/// - **Occupancy** = handle time ÷ (handle time + available idle time): of the time agents were ready for contacts,
///   the share spent on them (the queueing models' occupancy).
/// - **Utilisation** = handle time ÷ staffed (paid, logged-in) time: breaks, meetings and training lower it, not
///   occupancy.
public struct AgentTimeUsage: Sendable, Hashable, Codable {
    /// Seconds handling contacts (talk + hold + wrap-up).
    public let handleTime: Double
    /// Seconds available and waiting for a contact.
    public let idleTime: Double
    /// Seconds staffed in all.
    public let staffedTime: Double

    /// Creates a usage.
    ///
    /// - Parameters:
    ///   - handleTime: Seconds; finite, not negative.
    ///   - idleTime: Seconds; finite, not negative.
    ///   - staffedTime: Seconds; finite, at least handle + idle time.
    /// - Throws: ``ServiceMetricsError`` with code `nonFinite` or `outOfRange`, or `inconsistent` (path
    ///   `staffedTime`) when the staffed time is shorter than handle plus idle time.
    public init(handleTime: Double, idleTime: Double, staffedTime: Double) throws(ServiceMetricsError) {
        try Check.notNegative(handleTime, "handleTime")
        try Check.notNegative(idleTime, "idleTime")
        try Check.notNegative(staffedTime, "staffedTime")
        guard StaffingPlanner.atMost(handleTime + idleTime, staffedTime) else {
            throw ServiceMetricsError(
                .inconsistent,
                at: "staffedTime",
                "staffed time \(staffedTime) s is shorter than handle plus idle time \(handleTime + idleTime) s"
            )
        }
        self.handleTime = handleTime
        self.idleTime = idleTime
        self.staffedTime = staffedTime
    }

    /// Handle ÷ (handle + idle), or `nil` when both are zero.
    public var occupancy: Double? {
        let ready = handleTime + idleTime
        return ready == 0 ? nil : handleTime / ready
    }

    /// Handle ÷ staffed, or `nil` when nothing was staffed.
    public var utilisation: Double? { staffedTime == 0 ? nil : min(1, handleTime / staffedTime) }
}
