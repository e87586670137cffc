public import Foundation
public import ServiceDomain

/// What a service-level target measures.
///
/// | kind | a cycle starts | and ends (met) | clock runs while |
/// |---|---|---|---|
/// | `firstReply` | at creation | at the first public agent reply | status not paused |
/// | `nextReply` | at a customer reply after the first agent reply (the oldest unanswered one) | at the next public agent reply | status not paused |
/// | `periodicUpdate` | at each public agent reply | at the next public agent reply | status not paused (default pauses: pending, on-hold) |
/// | `resolution` | at creation, and again at each reopen | when the case becomes solved or closed | status not paused (default: none; add pending and on-hold for "without waiting time") |
/// | `requesterWait` | at creation | at the final resolution | status is new, open or on-hold |
/// | `agentWork` | at creation | at the final resolution | status is new or open |
///
/// Clocks never run while a case is solved or closed. A cycle still waiting when the case is resolved ends there: it
/// is breached if it had already run over, otherwise not applicable (a reply that was never needed).
///
/// Reopening restarts `resolution` (a new cycle from the reopen) and, when a customer's reply reopened the case, starts
/// a `nextReply` cycle at that reply; `requesterWait` and `agentWork` are cumulative over the case's life and carry on;
/// `firstReply` never restarts.
public enum TargetKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Creation → first public agent reply.
    case firstReply
    /// Each customer reply → the following public agent reply.
    case nextReply
    /// Each public agent reply → the next, while the case is being worked.
    case periodicUpdate
    /// Creation (or reopen) → solved.
    case resolution
    /// Time the requester waits: new, open and on-hold.
    case requesterWait
    /// Time agents work: new and open.
    case agentWork

    /// Orders kinds as declared.
    ///
    /// - Parameters:
    ///   - lhs: A kind.
    ///   - rhs: Another kind.
    /// - Returns: Whether `lhs` is declared first.
    public static func < (lhs: TargetKind, rhs: TargetKind) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }

    /// The statuses that pause this kind's clock unless a target says otherwise.
    public var defaultPausedStatuses: Set<CaseStatus> {
        switch self {
        case .firstReply, .nextReply, .resolution: []
        case .periodicUpdate: [.pending, .onHold]
        case .requesterWait: [.pending]
        case .agentWork: [.pending, .onHold]
        }
    }

    /// Whether the paused statuses are fixed by the kind's definition (requester wait, agent work).
    public var hasFixedPauses: Bool { self == .requesterWait || self == .agentWork }
}

/// How a target's time is counted: in the business hours of a named calendar, in the business hours of the case's
/// own schedule, or in elapsed calendar time.
///
/// JSON form: `"calendar"`, `"schedule"` or `{"businessHours": "london"}`.
public enum TargetClock: Sendable, Hashable, Codable {
    /// Elapsed time, around the clock.
    case calendarTime
    /// Open time of the business calendar with this identifier.
    case businessHours(CalendarID)
    /// Open time of the case's schedule in force in each interval: the policy's ``ServiceLevelPolicy/schedules``
    /// choose it at creation and at each change of priority or team, until a `scheduleChanged` event sets it; from
    /// then on the latest such event's calendar applies. A ticket moved to another group's hours is counted on the
    /// old hours before the move and the new ones after it.
    case caseSchedule

    private enum CodingKeys: String, CodingKey {
        case businessHours
    }

    /// Decodes `"calendar"`, `"schedule"` or `{"businessHours": "<calendar id>"}`.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for any other form.
    public init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            switch text {
            case "calendar": self = .calendarTime
            case "schedule": self = .caseSchedule
            default:
                throw DecodingError.dataCorrupted(
                    DecodingError.Context(
                        codingPath: decoder.codingPath,
                        debugDescription:
                            "a clock is \"calendar\", \"schedule\" or {\"businessHours\": \"<calendar id>\"}, "
                            + "not \"\(text)\""
                    )
                )
            }
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self = .businessHours(try container.decode(CalendarID.self, forKey: .businessHours))
    }

    /// Encodes `"calendar"`, `"schedule"` or `{"businessHours": "<calendar id>"}`.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .calendarTime:
            var container = encoder.singleValueContainer()
            try container.encode("calendar")
        case .caseSchedule:
            var container = encoder.singleValueContainer()
            try container.encode("schedule")
        case .businessHours(let id):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .businessHours)
        }
    }
}

/// One target of a rule: a duration per priority, a clock, and the statuses that pause it.
///
/// JSON form: `{"clock": {"businessHours": "london"}, "durations": {"urgent": 3600, "high": 14400},
/// "pauseWhile": ["pending"]}`; durations are seconds; `pauseWhile` is optional and not allowed for
/// `requesterWait` and `agentWork`, whose pauses are fixed. A target is decoded as part of a
/// ``ServiceLevelPolicy``, whose key (`"firstReply"`, …) gives its kind.
public struct ServiceTarget: Sendable, Hashable, Encodable {
    /// How time is counted.
    public let clock: TargetClock
    /// The target duration in seconds for each priority; a priority without one has no target.
    public let durations: [Priority: TimeInterval]
    /// The statuses during which the clock stops.
    public let pausedStatuses: Set<CaseStatus>

    /// Creates a target.
    ///
    /// - Parameters:
    ///   - kind: What the target measures (decides the default and fixed pauses).
    ///   - clock: How time is counted.
    ///   - durations: Seconds per priority; each finite and positive.
    ///   - pausedStatuses: Statuses that stop the clock; `nil` for the kind's default.
    /// - Throws: ``ServiceStandardsError`` with code `nonFinite` or `outOfRange` and path `durations.<priority>` for a
    ///   bad duration, or `inconsistent` (path `pauseWhile`) when pauses are given for a kind whose pauses are fixed.
    public init(
        kind: TargetKind,
        clock: TargetClock,
        durations: [Priority: TimeInterval],
        pausedStatuses: Set<CaseStatus>? = nil
    ) throws(ServiceStandardsError) {
        for (priority, seconds) in durations.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            guard seconds.isFinite else {
                throw ServiceStandardsError(.nonFinite, at: "durations.\(priority)", "a target duration must be finite")
            }
            guard seconds > 0, seconds <= Self.longestDuration else {
                throw ServiceStandardsError(
                    .outOfRange,
                    at: "durations.\(priority)",
                    "a target duration must be positive and at most ten years (\(Self.longestDuration) s), not \(seconds)"
                )
            }
        }
        if kind.hasFixedPauses, let pausedStatuses, pausedStatuses != kind.defaultPausedStatuses {
            throw ServiceStandardsError(
                .inconsistent,
                at: "pauseWhile",
                "\(kind.rawValue) counts fixed statuses; its pauses cannot be changed"
            )
        }
        self.clock = clock
        self.durations = durations
        self.pausedStatuses = pausedStatuses ?? kind.defaultPausedStatuses
    }

    /// The longest target duration accepted: ten years of 365.25 days, in seconds.
    public static let longestDuration: TimeInterval = 315_576_000

    /// The target for a priority, if any.
    ///
    /// - Parameter priority: The case's current priority.
    /// - Returns: The duration in seconds, or `nil` when this priority has no target.
    public func duration(for priority: Priority) -> TimeInterval? { durations[priority] }

    private enum CodingKeys: String, CodingKey {
        case clock
        case durations
        case pauseWhile
    }

    static func decode(kind: TargetKind, from container: KeyedDecodingContainer<NameKey>, key: NameKey) throws
        -> ServiceTarget
    {
        let names = try container.nestedContainer(keyedBy: NameKey.self, forKey: key)
        for field in names.allKeys where !["clock", "durations", "pauseWhile"].contains(field.stringValue) {
            throw DecodingError.dataCorruptedError(
                forKey: field,
                in: names,
                debugDescription: "unknown field \"\(field.stringValue)\"; expected clock, durations, pauseWhile"
            )
        }
        let nested = try container.nestedContainer(keyedBy: CodingKeys.self, forKey: key)
        let clock = try nested.decode(TargetClock.self, forKey: .clock)
        let raw = try nested.nestedContainer(keyedBy: NameKey.self, forKey: .durations)
        var durations: [Priority: TimeInterval] = [:]
        for priorityKey in raw.allKeys {
            durations[Priority(priorityKey.stringValue)] = try raw.decode(Double.self, forKey: priorityKey)
        }
        let pauses = try nested.decodeIfPresent(Set<CaseStatus>.self, forKey: .pauseWhile)
        do {
            return try ServiceTarget(kind: kind, clock: clock, durations: durations, pausedStatuses: pauses)
        } catch {
            // The initialiser's checks are the only ones; its path names the field to report.
            if let path = error.path, path.hasPrefix("durations.") {
                throw DecodingError.dataCorruptedError(
                    forKey: NameKey(String(path.dropFirst("durations.".count))),
                    in: raw,
                    debugDescription: error.message
                )
            }
            throw DecodingError.dataCorruptedError(forKey: .pauseWhile, in: nested, debugDescription: error.message)
        }
    }

    /// Encodes the target in its documented JSON form.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(clock, forKey: .clock)
        var raw = container.nestedContainer(keyedBy: NameKey.self, forKey: .durations)
        for (priority, seconds) in durations.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            try raw.encode(seconds, forKey: NameKey(priority.rawValue))
        }
        try container.encode(pausedStatuses.map(\.rawValue).sorted(), forKey: .pauseWhile)
    }
}
