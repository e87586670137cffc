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
    // Stored with the one-byte fields last, so that an outcome takes 64 bytes rather than 80: a case's outcomes then
    // fit one small allocation.
    /// Which cycle of the target, from 0 (next-reply, periodic-update and resolution targets can have several).
    public let cycle: Int
    /// The target duration.
    public let target: TimeInterval
    /// Time counted so far (to the end of the cycle, or to the evaluation instant).
    public let elapsed: TimeInterval
    /// When the cycle started.
    public let startedAt: Date
    /// When the cycle ended, if it has.
    public let endedAt: Date?
    /// When the target was or will be breached: past for a breach, future for an active cycle; `nil` when achieved,
    /// not applicable, or paused.
    public let breachAt: Date?
    /// What the target measures.
    public let kind: TargetKind
    /// The state.
    public let state: TargetState
    /// Whether a running cycle has used at least the policy's warning share of its target.
    public let isWarning: Bool

    init(
        kind: TargetKind,
        cycle: Int,
        state: TargetState,
        target: TimeInterval,
        elapsed: TimeInterval,
        startedAt: Date,
        endedAt: Date?,
        breachAt: Date?,
        isWarning: Bool
    ) {
        self.kind = kind
        self.cycle = cycle
        self.state = state
        self.target = target
        self.elapsed = elapsed
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.breachAt = breachAt
        self.isWarning = isWarning
    }

    /// The JSON keys, in the documented order.
    private enum CodingKeys: String, CodingKey {
        case kind, cycle, state, target, elapsed, startedAt, endedAt, breachAt, isWarning
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
    /// The index of the rule that applied, or `nil` when none matched (the case has no targets).
    public let ruleIndex: Int?
    /// The outcomes, by target kind then cycle.
    public let outcomes: [TargetOutcome]

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
            outcomes: outcomes.filter { !kinds.contains($0.kind) }
        )
    }
}
