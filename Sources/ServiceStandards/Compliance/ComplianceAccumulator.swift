public import Foundation
public import ServiceDomain

/// A dimension to group compliance by: a field of the case, the period in which it was created, or your own.
///
/// The same `GroupingDimension` that `ServiceMetrics` groups by, with built-ins such as `.priority`, `.channel`,
/// `.team`, `.customerRole` and `.created(.week, in: calendar)`.
public typealias CaseDimension = GroupingDimension<Case>

/// Folds cases into a ``ComplianceSummary``: evaluates each against a policy at an instant and adds it to its group.
///
/// ```swift
/// var accumulator = ComplianceAccumulator(evaluator: evaluator, dimensions: [.priority, .created(.week, in: london)])
/// for ticket in tickets { try accumulator.add(ticket, at: now) }
/// let summary = accumulator.summary                       // Codable; merge summaries from other shards
/// let figures = summary.measurements(period: lastMonth)  // for an audit
/// ```
public struct ComplianceAccumulator: Sendable {
    /// The evaluator.
    public let evaluator: PolicyEvaluator
    /// The grouping dimensions.
    public let dimensions: [CaseDimension]
    /// The summary so far.
    public private(set) var summary: ComplianceSummary

    /// Creates an accumulator.
    ///
    /// - Parameters:
    ///   - evaluator: The evaluator.
    ///   - dimensions: The grouping dimensions; none for one overall group.
    public init(evaluator: PolicyEvaluator, dimensions: [CaseDimension] = []) {
        self.evaluator = evaluator
        self.dimensions = dimensions
        self.summary = ComplianceSummary(dimensions: dimensions.map(\.name))
    }

    /// Evaluates a case and adds it.
    ///
    /// - Parameters:
    ///   - item: The case.
    ///   - now: The evaluation instant.
    /// - Throws: The evaluator's or a dimension's error; the summary is unchanged then.
    public mutating func add(_ item: Case, at now: Date) throws(ServiceStandardsError) {
        var key: [String] = []
        key.reserveCapacity(dimensions.count)
        for dimension in dimensions {
            do throws(ServiceDomainError) {
                key.append(try dimension.value(of: item))
            } catch {
                throw ServiceStandardsError(error, under: "dimensions.\(dimension.name)")
            }
        }
        try summary.add(caseID: item.id, group: key, evaluator: evaluator, item: item, at: now)
    }
}
