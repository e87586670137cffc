public import Foundation
public import ServiceDomain

/// A dimension to group compliance by: a field of the case, the period in which it was created, or your own.
public struct CaseDimension: Sendable {
    /// The dimension's name, used in summaries and measurement scopes.
    public let name: String
    private let value: @Sendable (Case) throws(ServiceStandardsError) -> String

    /// A dimension computed by your own function.
    ///
    /// - Parameters:
    ///   - name: The dimension's name.
    ///   - value: The case's value for the dimension.
    public init(name: String, value: @escaping @Sendable (Case) throws(ServiceStandardsError) -> String) {
        self.name = name
        self.value = value
    }

    /// The value of the dimension for a case.
    ///
    /// - Parameter item: The case.
    /// - Returns: The value.
    /// - Throws: The dimension's error.
    public func value(of item: Case) throws(ServiceStandardsError) -> String { try value(item) }

    /// The case's current priority.
    public static let priority = CaseDimension(name: "priority") { $0.facts.priority.rawValue }
    /// The channel the case came in through.
    public static let channel = CaseDimension(name: "channel") { $0.channel.rawValue }
    /// The case's current team, or `""`.
    public static let team = CaseDimension(name: "team") { $0.facts.team?.rawValue ?? "" }
    /// The customer's role, or `""`.
    public static let customerRole = CaseDimension(name: "customerRole") { $0.customer?.role.rawValue ?? "" }

    /// The period in which the case was created, in a calendar's time zone: `2026-11-23` (day), `2026-W48` (ISO
    /// week) or `2026-11` (month).
    ///
    /// - Parameters:
    ///   - bucket: Day, week or month.
    ///   - calendar: The calendar whose time zone decides the local date.
    /// - Returns: The dimension, named `createdDay`, `createdWeek` or `createdMonth`.
    public static func created(_ bucket: TimeBucket, in calendar: BusinessCalendar) -> CaseDimension {
        CaseDimension(name: "created" + bucket.rawValue.prefix(1).uppercased() + bucket.rawValue.dropFirst()) {
            (item: Case) throws(ServiceStandardsError) -> String in
            do throws(ServiceDomainError) {
                return bucket.label(of: try calendar.localDate(of: item.createdAt))
            } catch {
                throw ServiceStandardsError(error)
            }
        }
    }
}

/// A calendar period to bucket by.
public enum TimeBucket: String, Sendable, Hashable, Codable, CaseIterable {
    /// A local date, `2026-11-23`.
    case day
    /// An ISO 8601 week, `2026-W48` (weeks start on Monday; week 1 holds the year's first Thursday).
    case week
    /// A month, `2026-11`.
    case month

    /// The label of the bucket holding a date.
    ///
    /// - Parameter date: The local date.
    /// - Returns: The bucket's label.
    public func label(of date: LocalDate) -> String {
        switch self {
        case .day: return date.description
        case .month: return String(date.description.prefix(7))
        case .week:
            // The ISO week-numbering year is the year of the week's Thursday.
            let thursday = date.dayNumber - (date.weekday.isoNumber - 4)
            guard let anchor = try? LocalDate(dayNumber: thursday),
                let januaryFirst = try? LocalDate(year: anchor.year, month: 1, day: 1)
            else { return date.description }
            let week = (thursday - januaryFirst.dayNumber) / 7 + 1
            return "\(anchor.year)-W" + (week < 10 ? "0" : "") + String(week)
        }
    }
}

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
        for dimension in dimensions { key.append(try dimension.value(of: item)) }
        try summary.add(caseID: item.id, group: key, evaluator: evaluator, item: item, at: now)
    }
}
