public import Foundation
public import ServiceDomain

/// The average day of a queue, from its history: calls offered and handle time per interval of the local day, and the
/// callers' patience — the input of a staffing plan.
///
/// Calls per interval are averaged over the local days that have any contact; handle time is the mean over answered
/// contacts in the interval (the overall mean when none was answered there). Patience assumes exponential patience:
/// its maximum-likelihood mean is the total time all callers waited divided by the number who abandoned (Garnett,
/// Mandelbaum and Reiman 2002; the estimator used for Erlang A).
public struct DailyContactProfile: Sendable, Hashable, Codable {
    /// One interval of the average day.
    public struct Interval: Sendable, Hashable, Codable {
        /// Seconds from local midnight to the interval's start.
        public let start: Int
        /// Average contacts offered in the interval per day.
        public let calls: Double
        /// Mean handle time of its answered contacts, seconds.
        public let averageHandleTime: Double

        /// The start as `HH:mm`.
        public var label: String {
            let minutes = start / 60
            return (minutes / 60 < 10 ? "0" : "") + "\(minutes / 60):" + (minutes % 60 < 10 ? "0" : "")
                + "\(minutes % 60)"
        }
    }

    /// The interval length, seconds.
    public let intervalLength: Int
    /// The local days averaged.
    public let days: Int
    /// The intervals with at least one contact, in order.
    public let intervals: [Interval]
    /// Callers' mean patience, seconds, or `nil` when nobody abandoned.
    public let averagePatience: Double?

    /// Builds the profile of contacts.
    ///
    /// - Parameters:
    ///   - contacts: The contacts.
    ///   - timeZone: The zone of the local day.
    ///   - intervalLength: Seconds; a divisor of 86,400 between 60 and 86,400 (1,800 by default).
    /// - Throws: ``ServiceMetricsError`` with code `outOfRange` (path `intervalLength`) for another length, and `empty`
    ///   (path `contacts`) when no contact was answered (no handle time to plan with).
    public init(_ contacts: [Contact], timeZone: TimeZone, intervalLength: Int = 1_800) throws(ServiceMetricsError) {
        guard intervalLength >= 60, intervalLength <= 86_400, 86_400 % intervalLength == 0 else {
            throw ServiceMetricsError(
                .outOfRange,
                at: "intervalLength",
                "an interval must divide the day into whole intervals of at least a minute (got \(intervalLength) s)"
            )
        }
        var days: Set<Int> = []
        var slots: [Int: (calls: Int, handle: Double, answered: Int)] = [:]
        var waited = 0.0
        var abandoned = 0
        var handleTotal = 0.0
        var answeredTotal = 0
        for contact in contacts {
            let local =
                contact.offeredAt.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: contact.offeredAt))
            let day = Int((local / 86_400).rounded(.down))
            days.insert(day)
            let slot = Int(((local - Double(day) * 86_400) / Double(intervalLength)).rounded(.down))
            var entry = slots[slot] ?? (0, 0, 0)
            entry.calls += 1
            if contact.isAnswered {
                entry.handle += contact.handleTime
                entry.answered += 1
                handleTotal += contact.handleTime
                answeredTotal += 1
            }
            slots[slot] = entry
            waited += contact.waitTime ?? 0
            if contact.isAbandoned { abandoned += 1 }
        }
        guard answeredTotal > 0 else {
            throw ServiceMetricsError(.empty, at: "contacts", "no answered contact: no handle time to plan with")
        }
        let overall = handleTotal / Double(answeredTotal)
        self.intervalLength = intervalLength
        self.days = days.count
        self.intervals = slots.keys.sorted().compactMap { slot in
            guard let entry = slots[slot] else { return nil }
            return Interval(
                start: slot * intervalLength,
                calls: Double(entry.calls) / Double(days.count),
                averageHandleTime: entry.answered > 0 ? entry.handle / Double(entry.answered) : overall
            )
        }
        self.averagePatience = abandoned > 0 ? waited / Double(abandoned) : nil
    }

    /// The queue load of an interval.
    ///
    /// - Parameter interval: An interval of this profile.
    /// - Returns: Its load.
    /// - Throws: ``ServiceMetricsError`` for a load the queue model rejects.
    public func load(of interval: Interval) throws(ServiceMetricsError) -> QueueLoad {
        try QueueLoad(
            arrivals: interval.calls,
            per: Double(intervalLength),
            averageHandleTime: interval.averageHandleTime
        )
    }
}
