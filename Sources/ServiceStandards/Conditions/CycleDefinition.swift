import Foundation
public import ServiceDomain

/// An event that starts, stops, cancels, resets or resumes a condition-built clock.
///
/// JSON form: a string (`"created"`, `"agentReply"`, `"customerReply"`, `"internalNote"`, `"resolved"`, `"reopened"`,
/// `"priorityChanged"`, `"assigned"`, `"escalated"`, `"scheduleChanged"`) or `{"statusEntered": ["pending"]}`.
public enum CycleTrigger: Sendable, Hashable, Codable {
    /// The case's creation.
    case created
    /// A public agent reply.
    case agentReply
    /// A customer reply.
    case customerReply
    /// An internal note.
    case internalNote
    /// The case became solved or closed from an unresolved status.
    case resolved
    /// The case left solved or closed (a reopen).
    case reopened
    /// The status changed to one of these.
    case statusEntered(Set<CaseStatus>)
    /// The priority changed.
    case priorityChanged
    /// An assignment.
    case assigned
    /// An escalation.
    case escalated
    /// A move to another schedule.
    case scheduleChanged

    private static let names: [String: CycleTrigger] = [
        "created": .created, "agentReply": .agentReply, "customerReply": .customerReply,
        "internalNote": .internalNote, "resolved": .resolved, "reopened": .reopened,
        "priorityChanged": .priorityChanged, "assigned": .assigned, "escalated": .escalated,
        "scheduleChanged": .scheduleChanged,
    ]

    private enum CodingKeys: String, CodingKey {
        case statusEntered
    }

    /// Decodes a trigger from its name or `{"statusEntered": [...]}`.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` naming an unknown trigger.
    public init(from decoder: any Decoder) throws {
        if let name = try? decoder.singleValueContainer().decode(String.self) {
            guard let trigger = Self.names[name] else {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: decoder.codingPath,
                        debugDescription: "unknown trigger \"\(name)\"; expected "
                            + Self.names.keys.sorted().joined(separator: ", ") + " or {\"statusEntered\": [...]}"
                    )
                )
            }
            self = trigger
            return
        }
        try decoder.rejectUnknownKeys(allowed: ["statusEntered"])
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self = .statusEntered(try container.decode(Set<CaseStatus>.self, forKey: .statusEntered))
    }

    /// Encodes the trigger in its JSON form.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        if case .statusEntered(let statuses) = self {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(statuses.map(\.rawValue).sorted(), forKey: .statusEntered)
            return
        }
        var container = encoder.singleValueContainer()
        try container.encode(Self.names.first { $0.value == self }?.key ?? "created")
    }
}

/// The kind of agreement a target belongs to, as ServiceNow names them.
///
/// JSON form: `"customer"`, `"operationalLevel"` or `"underpinningContract"`.
public enum AgreementType: String, Sendable, Hashable, Codable, CaseIterable {
    /// A service-level agreement with the customer.
    case customer
    /// An operational-level agreement between internal teams (Zendesk's group SLAs).
    case operationalLevel
    /// An underpinning contract with a supplier.
    case underpinningContract
}

/// When a condition-built clock's cycles start, stop, pause and restart: the Jira Service Management and ServiceNow
/// model of an SLA, over the case's events.
///
/// For each event in order, with the status after it:
/// 1. a running cycle ends *met* on a `stop` trigger (and a new one starts at the same event on a `reset` trigger),
///    ends met and restarts on a `reset` trigger alone, or ends *not met* on a `cancel` trigger;
/// 2. with no cycle running, a `resume` trigger continues the last cycle (one cycle over the case's life, as
///    requester wait is), otherwise a `start` trigger starts one — when the case is not resolved, after one of the
///    `requiresFirst` triggers has happened (if any), and while fewer than `maximumCycles` have started;
/// 3. with ``retroactiveStart``, a start trigger while the case is resolved starts the cycle when the case reopens,
///    dated at the trigger (a customer's reply that reopens a solved ticket).
///
/// The clock pauses in ``pausedStatuses`` and in solved and closed, as every built-in target's does. The six
/// built-in kinds are presets of this model (``firstReply``, …) and give the built-in evaluator's results.
///
/// JSON form: `{"start": ["customerReply"], "stop": ["agentReply"], "cancel": ["resolved"], "requiresFirst":
/// ["agentReply"], "retroactiveStart": true, "pauseWhile": ["pending"]}` (every field but `start` optional).
public struct CycleDefinition: Sendable, Hashable, Codable {
    /// Triggers that start a cycle when none is running.
    public var start: [CycleTrigger]
    /// Triggers that end the running cycle, met.
    public var stop: [CycleTrigger]
    /// Triggers that end the running cycle without the awaited event.
    public var cancel: [CycleTrigger]
    /// Triggers that end the running cycle, met, and start the next at the same event.
    public var reset: [CycleTrigger]
    /// Triggers that continue the last ended cycle as the same cycle.
    public var resume: [CycleTrigger]
    /// Triggers one of which must have happened before a start counts (none: any start counts).
    public var requiresFirst: [CycleTrigger]
    /// The most cycles a case can have; `nil` for no limit.
    public var maximumCycles: Int?
    /// Whether a start while the case is resolved starts the cycle at the reopen, dated at the trigger.
    public var retroactiveStart: Bool
    /// Statuses that pause the clock (solved and closed always do).
    public var pausedStatuses: Set<CaseStatus>

    /// Creates a definition.
    ///
    /// - Parameters:
    ///   - start: Triggers that start a cycle.
    ///   - stop: Triggers that end it, met.
    ///   - cancel: Triggers that end it, not met.
    ///   - reset: Triggers that end it, met, and start the next.
    ///   - resume: Triggers that continue the last ended cycle.
    ///   - requiresFirst: Triggers one of which must precede a start.
    ///   - maximumCycles: The most cycles; `nil` for no limit.
    ///   - retroactiveStart: Whether a start while resolved starts the cycle at the reopen.
    ///   - pausedStatuses: Statuses that pause the clock.
    public init(
        start: [CycleTrigger],
        stop: [CycleTrigger] = [],
        cancel: [CycleTrigger] = [],
        reset: [CycleTrigger] = [],
        resume: [CycleTrigger] = [],
        requiresFirst: [CycleTrigger] = [],
        maximumCycles: Int? = nil,
        retroactiveStart: Bool = false,
        pausedStatuses: Set<CaseStatus> = []
    ) {
        self.start = start
        self.stop = stop
        self.cancel = cancel
        self.reset = reset
        self.resume = resume
        self.requiresFirst = requiresFirst
        self.maximumCycles = maximumCycles
        self.retroactiveStart = retroactiveStart
        self.pausedStatuses = pausedStatuses
    }

    private enum CodingKeys: String, CodingKey {
        case start, stop, cancel, reset, resume, requiresFirst, maximumCycles, retroactiveStart
        case pausedStatuses = "pauseWhile"
    }

    /// Decodes a definition, rejecting unknown fields and a maximum below 1.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` naming the field.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: [
            "start", "stop", "cancel", "reset", "resume", "requiresFirst", "maximumCycles", "retroactiveStart",
            "pauseWhile",
        ])
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let maximum = try container.decodeIfPresent(Int.self, forKey: .maximumCycles)
        if let maximum, maximum < 1 {
            throw DecodingError.dataCorruptedError(
                forKey: .maximumCycles,
                in: container,
                debugDescription: "maximumCycles must be at least 1, not \(maximum)"
            )
        }
        self.init(
            start: try container.decode([CycleTrigger].self, forKey: .start),
            stop: try container.decodeIfPresent([CycleTrigger].self, forKey: .stop) ?? [],
            cancel: try container.decodeIfPresent([CycleTrigger].self, forKey: .cancel) ?? [],
            reset: try container.decodeIfPresent([CycleTrigger].self, forKey: .reset) ?? [],
            resume: try container.decodeIfPresent([CycleTrigger].self, forKey: .resume) ?? [],
            requiresFirst: try container.decodeIfPresent([CycleTrigger].self, forKey: .requiresFirst) ?? [],
            maximumCycles: maximum,
            retroactiveStart: try container.decodeIfPresent(Bool.self, forKey: .retroactiveStart) ?? false,
            pausedStatuses: try container.decodeIfPresent(Set<CaseStatus>.self, forKey: .pausedStatuses) ?? []
        )
    }

    /// Encodes the definition; empty lists and defaults are left out.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(start, forKey: .start)
        if !stop.isEmpty { try container.encode(stop, forKey: .stop) }
        if !cancel.isEmpty { try container.encode(cancel, forKey: .cancel) }
        if !reset.isEmpty { try container.encode(reset, forKey: .reset) }
        if !resume.isEmpty { try container.encode(resume, forKey: .resume) }
        if !requiresFirst.isEmpty { try container.encode(requiresFirst, forKey: .requiresFirst) }
        try container.encodeIfPresent(maximumCycles, forKey: .maximumCycles)
        if retroactiveStart { try container.encode(true, forKey: .retroactiveStart) }
        if !pausedStatuses.isEmpty {
            try container.encode(pausedStatuses.map(\.rawValue).sorted(), forKey: .pausedStatuses)
        }
    }

    // MARK: - The built-in kinds as presets

    /// ``TargetKind/firstReply``: creation → the first public agent reply; ended not met by a resolution first.
    public static let firstReply = CycleDefinition(
        start: [.created],
        stop: [.agentReply],
        cancel: [.resolved],
        maximumCycles: 1
    )
    /// ``TargetKind/nextReply``: the oldest unanswered customer reply after the first agent reply → the next agent
    /// reply; a customer's reply while solved starts the cycle at the reopen.
    public static let nextReply = CycleDefinition(
        start: [.customerReply],
        stop: [.agentReply],
        cancel: [.resolved],
        requiresFirst: [.agentReply],
        retroactiveStart: true
    )
    /// ``TargetKind/periodicUpdate``: each public agent reply → the next, paused while pending or on hold.
    public static let periodicUpdate = CycleDefinition(
        start: [.agentReply],
        cancel: [.resolved],
        reset: [.agentReply],
        pausedStatuses: [.pending, .onHold]
    )
    /// ``TargetKind/resolution``: creation (or a reopen) → solved or closed.
    public static let resolution = CycleDefinition(start: [.created, .reopened], stop: [.resolved])
    /// ``TargetKind/requesterWait``: creation → the final resolution, one cycle over reopens, paused while pending.
    public static let requesterWait = CycleDefinition(
        start: [.created],
        stop: [.resolved],
        resume: [.reopened],
        pausedStatuses: [.pending]
    )
    /// ``TargetKind/agentWork``: as requester wait, paused while pending or on hold.
    public static let agentWork = CycleDefinition(
        start: [.created],
        stop: [.resolved],
        resume: [.reopened],
        pausedStatuses: [.pending, .onHold]
    )

    /// The preset of a built-in kind.
    ///
    /// - Parameter kind: The kind.
    /// - Returns: Its definition, with the kind's default pauses.
    public static func preset(_ kind: TargetKind) -> CycleDefinition {
        switch kind {
        case .firstReply: firstReply
        case .nextReply: nextReply
        case .periodicUpdate: periodicUpdate
        case .resolution: resolution
        case .requesterWait: requesterWait
        case .agentWork: agentWork
        }
    }
}
