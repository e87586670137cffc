public import Foundation
public import ServiceDomain

/// A KPI that counts a yes/no property over the cases it applies to.
///
/// The built-ins are ``CaseRate/firstContactResolution``, ``CaseRate/reopenRate`` and ``CaseRate/escalationRate``;
/// make your own with ``init(name:applies:hit:)``.
public struct CaseRate: Metric {
    /// The KPI's name, the measurement indicator (a ratio).
    public let name: String
    private let applies: @Sendable (CaseFacts) -> Bool
    private let hit: @Sendable (CaseFacts) -> Bool

    /// A rate over the cases for which `applies` holds: the share for which `hit` holds.
    ///
    /// - Parameters:
    ///   - name: The indicator name.
    ///   - applies: Whether a case is in the denominator.
    ///   - hit: Whether a case in the denominator counts as yes.
    public init(
        name: String,
        applies: @escaping @Sendable (CaseFacts) -> Bool,
        hit: @escaping @Sendable (CaseFacts) -> Bool
    ) {
        self.name = name
        self.applies = applies
        self.hit = hit
    }

    /// First-contact resolution ("one-touch" resolution, as helpdesks report it).
    ///
    /// Rule: among cases resolved now that had at least one public agent reply, the share resolved with exactly one
    /// public agent reply and never reopened. Cases closed without any public reply (spam, duplicates) are left out.
    public static let firstContactResolution = CaseRate(
        name: "firstContactResolution",
        applies: { $0.status.isResolved && $0.agentReplyCount > 0 },
        hit: { $0.agentReplyCount == 1 && $0.reopenCount == 0 }
    )

    /// Reopen rate: among cases resolved at least once, the share reopened at least once (a `reopened` event or a
    /// status change out of solved or closed).
    public static let reopenRate = CaseRate(
        name: "reopenRate",
        applies: { $0.firstResolvedAt != nil },
        hit: { $0.reopenCount > 0 }
    )

    /// Escalation rate: among all cases, the share escalated at least once.
    public static let escalationRate = CaseRate(
        name: "escalationRate",
        applies: { _ in true },
        hit: { $0.escalationCount > 0 }
    )

    /// An empty tally.
    ///
    /// - Returns: The tally.
    public func makeState() -> ShareTally { ShareTally() }

    /// Counts a case if the rate applies to it.
    ///
    /// - Parameters:
    ///   - record: The case.
    ///   - state: The tally.
    public func fold(_ record: Case, into state: inout ShareTally) {
        let facts = record.facts
        if applies(facts) { state.add(hit(facts)) }
    }

    /// The share, or `nil` when no case applied.
    ///
    /// - Parameter state: The tally.
    /// - Returns: The share.
    public func result(of state: ShareTally) -> Double? { state.share }

    /// The share as a ratio measurement named after the KPI.
    ///
    /// - Parameters:
    ///   - state: The tally.
    ///   - period: The period.
    ///   - scope: The scope.
    /// - Returns: The measurement, if any case applied.
    public func measurements(of state: ShareTally, period: DateInterval, scope: MeasurementScope)
        -> [ServiceMeasurement]
    {
        guard let share = state.share,
            let measurement = try? ServiceMeasurement(
                indicator: Indicator(name),
                value: share,
                unit: .ratio,
                period: period,
                scope: scope,
                sampleSize: state.total,
                source: "ServiceMetrics"
            )
        else { return [] }
        return [measurement]
    }
}
