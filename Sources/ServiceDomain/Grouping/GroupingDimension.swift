public import Foundation

/// A dimension to group records by: a field of the record, the period an instant falls in, or your own function.
///
/// Compliance summaries (`ServiceStandards`) and metrics (`ServiceMetrics`) group by the same dimensions:
/// ```swift
/// let byWeek = try GroupingDimension<Case>.created(.week, timeZone: "Europe/London")
/// let byTier = GroupingDimension<Case>(name: "tier") { $0.customer?.segments.contains("gold") == true ? "gold" : "standard" }
/// ```
/// A record's value is a string; a record without a value for the dimension (no team, no customer) has `""`.
public struct GroupingDimension<Record>: Sendable {
    /// The dimension's name, used in summaries and measurement scopes.
    public let name: String
    private let value: @Sendable (Record) throws(ServiceDomainError) -> String
    /// Where a record batch keeps the dimension: a built-in column, or `nil` for your own function (a batch built
    /// with the dimension keeps its values in a column of the dimension's name).
    package let column: BatchColumn?

    /// How a columnar batch answers a dimension.
    package enum BatchColumn: Sendable {
        /// An encoded column of the batch, by name.
        case field(String)
        /// The period of an instant column of the batch, by name.
        case period(TimeBucketing, instant: String)
    }

    /// A dimension computed by your own function.
    ///
    /// - Parameters:
    ///   - name: The dimension's name.
    ///   - value: The record's value for the dimension.
    public init(name: String, value: @escaping @Sendable (Record) throws(ServiceDomainError) -> String) {
        self.name = name
        self.value = value
        self.column = nil
    }

    package init(
        name: String,
        column: BatchColumn,
        value: @escaping @Sendable (Record) throws(ServiceDomainError) -> String
    ) {
        self.name = name
        self.value = value
        self.column = column
    }

    /// A dimension read from a string property of the record.
    ///
    /// - Parameters:
    ///   - name: The dimension's name.
    ///   - keyPath: The property, such as `\Contact.queue`.
    public init(name: String, keyPath: any KeyPath<Record, String> & Sendable) {
        self.init(name: name) { $0[keyPath: keyPath] }
    }

    /// The value of the dimension for a record.
    ///
    /// - Parameter record: The record.
    /// - Returns: The value.
    /// - Throws: The dimension's error.
    public func value(of record: Record) throws(ServiceDomainError) -> String { try value(record) }

    /// The period an instant of the record falls in.
    ///
    /// - Parameters:
    ///   - name: The dimension's name.
    ///   - bucketing: The period and time zone.
    ///   - instant: The record's instant.
    /// - Returns: The dimension.
    public static func period(
        _ name: String,
        _ bucketing: TimeBucketing,
        of instant: @escaping @Sendable (Record) -> Date
    ) -> GroupingDimension {
        GroupingDimension(name: name) { (record: Record) throws(ServiceDomainError) -> String in
            try bucketing.label(of: instant(record))
        }
    }
}

extension GroupingDimension where Record == Case {
    /// The case's current priority.
    public static var priority: GroupingDimension {
        GroupingDimension(name: "priority", column: .field("priority")) { $0.facts.priority.rawValue }
    }
    /// The channel the case came in through.
    public static var channel: GroupingDimension {
        GroupingDimension(name: "channel", column: .field("channel")) { $0.channel.rawValue }
    }
    /// The case's current team, or `""`.
    public static var team: GroupingDimension {
        GroupingDimension(name: "team", column: .field("team")) { $0.facts.team?.rawValue ?? "" }
    }
    /// The customer's segments, sorted and joined by commas (`"business,gold"`), or `""`: a case belongs to exactly
    /// one group, that of its whole set of segments.
    public static var segment: GroupingDimension {
        GroupingDimension(name: "segment", column: .field("segment")) {
            ($0.customer?.segments ?? []).sorted().joined(separator: ",")
        }
    }
    /// `internal` or `external` (a case without a customer is external): internal customers' operational-level
    /// agreements reported apart from customer SLAs. (A `CaseBatch` keeps it as a column when built with it, like a
    /// dimension of your own.)
    public static var customerRelationship: GroupingDimension {
        GroupingDimension(name: "customerRelationship") { ($0.customer?.relationship ?? .external).rawValue }
    }

    /// The customer's role, or `""`.
    public static var customerRole: GroupingDimension {
        GroupingDimension(name: "customerRole", column: .field("customerRole")) { $0.customer?.role.rawValue ?? "" }
    }

    /// The period in which the case was created, named `createdHour`, `createdDay`, `createdWeek` or `createdMonth`.
    ///
    /// - Parameters:
    ///   - bucket: Hour, day, week or month.
    ///   - calendar: The calendar whose time zone decides the local date.
    /// - Returns: The dimension.
    public static func created(_ bucket: TimeBucket, in calendar: BusinessCalendar) -> GroupingDimension {
        created(createdName(bucket), TimeBucketing(bucket, in: calendar))
    }

    /// The period in which the case was created, in an IANA time zone.
    ///
    /// - Parameters:
    ///   - bucket: Hour, day, week or month.
    ///   - identifier: The time zone identifier.
    /// - Returns: The dimension, named as ``created(_:in:)`` names it.
    /// - Throws: ``ServiceDomainError/Code/unknownTimeZone`` for an unknown time zone.
    public static func created(_ bucket: TimeBucket, timeZone identifier: String) throws(ServiceDomainError)
        -> GroupingDimension
    {
        created(createdName(bucket), try TimeBucketing(bucket, timeZone: identifier))
    }

    private static func created(_ name: String, _ bucketing: TimeBucketing) -> GroupingDimension {
        GroupingDimension(name: name, column: .period(bucketing, instant: "createdAt")) {
            (record: Case) throws(ServiceDomainError) -> String in try bucketing.label(of: record.createdAt)
        }
    }

    private static func createdName(_ bucket: TimeBucket) -> String {
        "created" + bucket.rawValue.prefix(1).uppercased() + bucket.rawValue.dropFirst()
    }
}

extension GroupingDimension where Record == Contact {
    /// The contact's channel.
    public static var channel: GroupingDimension {
        GroupingDimension(name: "channel", column: .field("channel")) { $0.channel.rawValue }
    }
    /// The queue the contact was offered to.
    public static var queue: GroupingDimension {
        GroupingDimension(name: "queue", column: .field("queue")) { $0.queue }
    }
    /// The agent who answered, or `""`.
    public static var agent: GroupingDimension {
        GroupingDimension(name: "agent", column: .field("agent")) { contact in
            if case .answered(_, let agent?) = contact.outcome { return agent.rawValue }
            return ""
        }
    }

    /// The period in which the contact was offered, named `offeredHour`, `offeredDay`, `offeredWeek` or
    /// `offeredMonth`.
    ///
    /// - Parameters:
    ///   - bucket: Hour, day, week or month.
    ///   - identifier: The time zone identifier.
    /// - Returns: The dimension.
    /// - Throws: ``ServiceDomainError/Code/unknownTimeZone`` for an unknown time zone.
    public static func offered(_ bucket: TimeBucket, timeZone identifier: String) throws(ServiceDomainError)
        -> GroupingDimension
    {
        let name = "offered" + bucket.rawValue.prefix(1).uppercased() + bucket.rawValue.dropFirst()
        let bucketing = try TimeBucketing(bucket, timeZone: identifier)
        return GroupingDimension(name: name, column: .period(bucketing, instant: "offeredAt")) {
            (record: Contact) throws(ServiceDomainError) -> String in try bucketing.label(of: record.offeredAt)
        }
    }
}
