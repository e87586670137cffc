public import Foundation
public import ServiceDomain

/// Where one cycle of one target stands at the evaluation instant.
public enum TargetState: String, Sendable, Hashable, Codable, CaseIterable {
    /// The cycle ended within its target.
    case achieved
    /// The cycle ran over its target (it may have ended or may still be running).
    case breached
    /// The cycle is running and its clock is counting.
    case active
    /// The cycle is running but its clock is stopped (a paused status, such as pending).
    case paused
    /// The cycle ended without the awaited event and without running over: the target did not apply.
    case notApplicable
}

/// The outcome of one cycle of one target for a case, at the evaluation instant.
///
/// Durations are in the target's clock: business seconds for business-hours targets, elapsed seconds otherwise.
public struct TargetOutcome: Sendable, Hashable, Codable {
    // Stored so that an outcome takes 64 bytes: the 32-bit fields fill the padding after the optional dates, and a
    // case's outcomes fit one small allocation.
    /// The target duration.
    public let target: TimeInterval
    /// Time counted so far (to the end of the cycle, or to the evaluation instant).
    public let elapsed: TimeInterval
    /// When the cycle started.
    public let startedAt: Date
    /// When the cycle ended, if it has.
    public let endedAt: Date?
    private let storedCycle: Int32
    /// When the target was or will be breached: past for a breach, future for an active cycle.
    ///
    /// `nil` when achieved, not applicable, or paused. On a business clock, a breach that falls exactly on a closing lands as the policy's
    /// ``EvaluationSemantics/breachLanding`` says (the next opening by default).
    public let breachAt: Date?
    private let storedRule: Int32
    private let storedApplication: Int32
    /// What the target measures.
    public let kind: TargetKind
    /// The state.
    public let state: TargetState
    /// Whether a running cycle has used at least the policy's warning share of its target.
    public let isWarning: Bool

    /// Which cycle of the target, from 0 (next-reply, periodic-update and resolution targets can have several); a
    /// cycle that no target applied to keeps its number, so numbers can skip.
    public var cycle: Int { Int(storedCycle) }
    /// The index of the policy rule whose target judged the cycle.
    public var ruleIndex: Int { Int(storedRule) }
    /// The index in ``CaseEvaluation/applications`` of the application whose target judged the cycle.
    public var application: Int { Int(storedApplication) }

    init(
        kind: TargetKind,
        cycle: Int,
        state: TargetState,
        target: TimeInterval,
        elapsed: TimeInterval,
        startedAt: Date,
        endedAt: Date?,
        breachAt: Date?,
        isWarning: Bool,
        ruleIndex: Int,
        application: Int
    ) {
        self.kind = kind
        self.storedCycle = Int32(truncatingIfNeeded: cycle)
        self.state = state
        self.target = target
        self.elapsed = elapsed
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.breachAt = breachAt
        self.isWarning = isWarning
        self.storedRule = Int32(truncatingIfNeeded: ruleIndex)
        self.storedApplication = Int32(truncatingIfNeeded: application)
    }

    /// The JSON keys, in the documented order.
    private enum CodingKeys: String, CodingKey {
        case kind, cycle, state, target, elapsed, startedAt, endedAt, breachAt, isWarning, rule, application
    }

    /// Decodes an outcome from its JSON form.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for a missing field, or a cycle, rule or application outside 0…2³¹ − 1.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func index(_ key: CodingKeys) throws -> Int32 {
            let value = try container.decode(Int.self, forKey: key)
            guard let stored = Int32(exactly: value), stored >= 0 else {
                throw DecodingError.dataCorruptedError(
                    forKey: key,
                    in: container,
                    debugDescription: "\(key.stringValue) must be a whole number from 0 to 2147483647, not \(value)"
                )
            }
            return stored
        }
        self.kind = try container.decode(TargetKind.self, forKey: .kind)
        self.storedCycle = try index(.cycle)
        self.state = try container.decode(TargetState.self, forKey: .state)
        self.target = try container.decode(TimeInterval.self, forKey: .target)
        self.elapsed = try container.decode(TimeInterval.self, forKey: .elapsed)
        self.startedAt = try container.decode(Date.self, forKey: .startedAt)
        self.endedAt = try container.decodeIfPresent(Date.self, forKey: .endedAt)
        self.breachAt = try container.decodeIfPresent(Date.self, forKey: .breachAt)
        self.isWarning = try container.decode(Bool.self, forKey: .isWarning)
        self.storedRule = try index(.rule)
        self.storedApplication = try index(.application)
    }

    /// Encodes the outcome in its JSON form.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(cycle, forKey: .cycle)
        try container.encode(state, forKey: .state)
        try container.encode(target, forKey: .target)
        try container.encode(elapsed, forKey: .elapsed)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encodeIfPresent(endedAt, forKey: .endedAt)
        try container.encodeIfPresent(breachAt, forKey: .breachAt)
        try container.encode(isWarning, forKey: .isWarning)
        try container.encode(ruleIndex, forKey: .rule)
        try container.encode(application, forKey: .application)
    }

    /// Time left before a breach; zero when over.
    public var remaining: TimeInterval { max(0, target - elapsed) }
    /// Time over the target; zero when within it.
    public var overrun: TimeInterval { max(0, elapsed - target) }
    /// Whether the cycle has ended.
    public var isFinal: Bool { endedAt != nil }
}

/// The evaluation of one case against a policy at an instant.
public struct CaseEvaluation: Sendable, Hashable, Codable {
    /// The case evaluated.
    public let caseID: CaseID
    /// The evaluation instant.
    public let evaluatedAt: Date
    /// The index of the rule in force at the evaluation instant: the latest application's that matched a rule, or
    /// `nil` when no application matched one (the case has no targets).
    public let ruleIndex: Int?
    /// The outcomes, by target kind then cycle.
    public let outcomes: [TargetOutcome]
    /// The policy's applications to the case, in order: at creation, then at each change of priority or team (one,
    /// at creation, under ``TargetSelection/currentPriority``, with the case's current priority and rule).
    public var applications: [TargetApplication] {
        guard let firstApplication else { return laterApplications }
        return laterApplications.isEmpty ? [firstApplication] : [firstApplication] + laterApplications
    }

    // The first application apart, so that the usual single one needs no array: an evaluation allocates only its
    // outcomes.
    private let firstApplication: TargetApplication?
    private let laterApplications: [TargetApplication]

    private enum CodingKeys: String, CodingKey {
        case caseID, evaluatedAt, ruleIndex, outcomes, applications
    }

    /// Creates an evaluation.
    ///
    /// - Parameters:
    ///   - caseID: The case.
    ///   - evaluatedAt: The evaluation instant.
    ///   - ruleIndex: The rule in force, if any.
    ///   - outcomes: The outcomes.
    ///   - applications: The policy's applications.
    public init(
        caseID: CaseID,
        evaluatedAt: Date,
        ruleIndex: Int?,
        outcomes: [TargetOutcome],
        applications: [TargetApplication]
    ) {
        self.caseID = caseID
        self.evaluatedAt = evaluatedAt
        self.ruleIndex = ruleIndex
        self.outcomes = outcomes
        self.firstApplication = applications.first
        self.laterApplications = Array(applications.dropFirst())
    }

    /// An evaluation from the evaluator: the first application apart, so that the usual single one needs no array.
    init(
        caseID: CaseID,
        evaluatedAt: Date,
        ruleIndex: Int?,
        outcomes: [TargetOutcome],
        first: TargetApplication?,
        later: [TargetApplication]
    ) {
        self.caseID = caseID
        self.evaluatedAt = evaluatedAt
        self.ruleIndex = ruleIndex
        self.outcomes = outcomes
        self.firstApplication = first
        self.laterApplications = later
    }

    /// Decodes an evaluation from its JSON form.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for a missing or malformed field.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            caseID: try container.decode(CaseID.self, forKey: .caseID),
            evaluatedAt: try container.decode(Date.self, forKey: .evaluatedAt),
            ruleIndex: try container.decodeIfPresent(Int.self, forKey: .ruleIndex),
            outcomes: try container.decode([TargetOutcome].self, forKey: .outcomes),
            applications: try container.decode([TargetApplication].self, forKey: .applications)
        )
    }

    /// Encodes the evaluation in its JSON form.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(caseID, forKey: .caseID)
        try container.encode(evaluatedAt, forKey: .evaluatedAt)
        try container.encodeIfPresent(ruleIndex, forKey: .ruleIndex)
        try container.encode(outcomes, forKey: .outcomes)
        try container.encode(applications, forKey: .applications)
    }

    /// The outcomes of one target kind.
    ///
    /// - Parameter kind: The target kind.
    /// - Returns: Its cycles' outcomes, in order.
    public func outcomes(of kind: TargetKind) -> [TargetOutcome] { outcomes.filter { $0.kind == kind } }

    /// Whether any cycle is breached.
    public var hasBreach: Bool { outcomes.contains { $0.state == .breached } }

    /// The same evaluation without the outcomes of some target kinds, such as the kinds a data source cannot measure.
    ///
    /// - Parameter kinds: The kinds to leave out.
    /// - Returns: The evaluation with the other kinds' outcomes, in order.
    public func excluding(_ kinds: Set<TargetKind>) -> CaseEvaluation {
        guard !kinds.isEmpty else { return self }
        return CaseEvaluation(
            caseID: caseID,
            evaluatedAt: evaluatedAt,
            ruleIndex: ruleIndex,
            outcomes: outcomes.filter { !kinds.contains($0.kind) },
            applications: applications
        )
    }
}
