import Foundation

/// Records held column by column, for folds that group millions of them.
///
/// A batch keeps each dimension as an ``EncodedColumn`` (small integer codes with their labels beside) and each
/// instant as a `Double` column of seconds since the reference date — the very value a `Date` holds, so that a fold
/// over a batch computes exactly what a fold over the records computes. Folds in `ServiceMetrics`
/// (`BatchAccumulator`) read batches; the record types stay the vocabulary, and a batch is made from them (or filled
/// row by row by an importer) cheaply.
public protocol RecordBatch: Sendable {
    /// The number of rows.
    var count: Int { get }
    /// The encoded column a dimension reads: a built-in field (`"channel"`, `"priority"`, …) or the column of a
    /// dimension of your own, by its name; `nil` when the batch has none.
    ///
    /// - Parameter name: The column's name.
    /// - Returns: The column.
    func encodedColumn(named name: String) -> EncodedColumn?
    /// An instant column (`"createdAt"`, `"offeredAt"`), in seconds since the reference date; `nil` when the batch
    /// has none.
    ///
    /// - Parameter name: The column's name.
    /// - Returns: The column.
    func instantColumn(named name: String) -> [Double]?
}

/// Cases as columns: the dimensions cases are grouped by and the facts the case KPIs read.
///
/// ```swift
/// let batch = try CaseBatch(cases)                       // or append case by case while importing
/// var fold = BatchAccumulator(FirstReplyTime(), by: [.channel, .priority, .created(.day, in: calendar)])
/// try fold.add(batch)
/// fold.state == MetricAccumulator(…).state              // the same groups and states
/// ```
///
/// Columns: `channel`, `priority` (current), `team` (current, `""` when none), `segment` (the customer's segments
/// sorted and joined by commas), `customerRole`; instants `createdAt`, `firstAgentReplyAt`, `firstResolvedAt` and
/// `solvedAt` (`.nan` when the case has none); `agentReplyCount` and `isResolved`. A dimension of your own is kept
/// in a column of its name when the batch is made with it. A batch is about 60 bytes a case, whatever the length of
/// its timeline.
public struct CaseBatch: RecordBatch, Hashable {
    /// The channel of each case.
    public private(set) var channel = EncodedColumn()
    /// The current priority of each case.
    public private(set) var priority = EncodedColumn()
    /// The current team of each case, `""` when none.
    public private(set) var team = EncodedColumn()
    /// The customer's segments, sorted and joined by commas, or `""`.
    public private(set) var segment = EncodedColumn()
    /// The customer's role, or `""`.
    public private(set) var customerRole = EncodedColumn()
    /// Creation instants, in seconds since the reference date.
    public private(set) var createdAt: [Double] = []
    /// First public agent reply, or `.nan`.
    public private(set) var firstAgentReplyAt: [Double] = []
    /// First resolution, or `.nan`.
    public private(set) var firstResolvedAt: [Double] = []
    /// Resolution the case is in now (``CaseFacts/solvedAt``), or `.nan`.
    public private(set) var solvedAt: [Double] = []
    /// Public agent replies.
    public private(set) var agentReplyCount: [Int] = []
    /// Whether the case is resolved now.
    public private(set) var isResolved: [Bool] = []
    /// Columns of your own dimensions, by name.
    public private(set) var customColumns: [String: EncodedColumn] = [:]
    private let customDimensions: [GroupingDimension<Case>]

    /// An empty batch.
    ///
    /// - Parameter dimensions: Dimensions of your own (made with `GroupingDimension(name:value:)`) to keep a column
    ///   for; built-in ones need none.
    public init(keeping dimensions: [GroupingDimension<Case>] = []) {
        customDimensions = dimensions.filter { $0.column == nil }
        for dimension in customDimensions { customColumns[dimension.name] = EncodedColumn() }
    }

    /// A batch of cases, in order.
    ///
    /// - Parameters:
    ///   - cases: The cases.
    ///   - dimensions: Dimensions of your own to keep a column for.
    /// - Throws: A dimension's error, with the case's position (path `records[i].dimensions.<name>`).
    public init(_ cases: some Sequence<Case>, keeping dimensions: [GroupingDimension<Case>] = [])
        throws(ServiceDomainError)
    {
        self.init(keeping: dimensions)
        reserveCapacity(cases.underestimatedCount)
        for (position, record) in cases.enumerated() {
            do throws(ServiceDomainError) {
                try append(record)
            } catch {
                throw error.nested(under: "records[\(position)]")
            }
        }
    }

    /// The number of cases.
    public var count: Int { createdAt.count }

    /// Reserves room.
    ///
    /// - Parameter rows: The number of cases expected in all.
    public mutating func reserveCapacity(_ rows: Int) {
        for column in [\CaseBatch.channel, \.priority, \.team, \.segment, \.customerRole] as [WritableKeyPath] {
            self[keyPath: column].reserveCapacity(rows)
        }
        createdAt.reserveCapacity(rows)
        firstAgentReplyAt.reserveCapacity(rows)
        firstResolvedAt.reserveCapacity(rows)
        solvedAt.reserveCapacity(rows)
        agentReplyCount.reserveCapacity(rows)
        isResolved.reserveCapacity(rows)
    }

    /// Appends a case.
    ///
    /// - Parameter record: The case.
    /// - Throws: A dimension of your own's error (path `dimensions.<name>`); the batch is unchanged then.
    public mutating func append(_ record: Case) throws(ServiceDomainError) {
        var custom: [(String, String)] = []
        for dimension in customDimensions {
            do throws(ServiceDomainError) {
                custom.append((dimension.name, try dimension.value(of: record)))
            } catch {
                throw error.nested(under: "dimensions.\(dimension.name)")
            }
        }
        for (name, value) in custom { customColumns[name]?.append(value) }
        let facts = record.facts
        channel.append(record.channel.rawValue)
        priority.append(facts.priority.rawValue)
        team.append(facts.team?.rawValue ?? "")
        segment.append((record.customer?.segments ?? []).sorted().joined(separator: ","))
        customerRole.append(record.customer?.role.rawValue ?? "")
        createdAt.append(facts.createdAt.timeIntervalSinceReferenceDate)
        firstAgentReplyAt.append(facts.firstAgentReplyAt?.timeIntervalSinceReferenceDate ?? .nan)
        firstResolvedAt.append(facts.firstResolvedAt?.timeIntervalSinceReferenceDate ?? .nan)
        solvedAt.append(facts.solvedAt?.timeIntervalSinceReferenceDate ?? .nan)
        agentReplyCount.append(facts.agentReplyCount)
        isResolved.append(facts.status.isResolved)
    }

    /// Removes every case, keeping each column's labels and capacity (for refilling while streaming).
    public mutating func removeAll() {
        for column in [\CaseBatch.channel, \.priority, \.team, \.segment, \.customerRole] as [WritableKeyPath] {
            self[keyPath: column].removeAllRows()
        }
        for name in customColumns.keys { customColumns[name]?.removeAllRows() }
        createdAt.removeAll(keepingCapacity: true)
        firstAgentReplyAt.removeAll(keepingCapacity: true)
        firstResolvedAt.removeAll(keepingCapacity: true)
        solvedAt.removeAll(keepingCapacity: true)
        agentReplyCount.removeAll(keepingCapacity: true)
        isResolved.removeAll(keepingCapacity: true)
    }

    /// The encoded column of a name: `channel`, `priority`, `team`, `segment`, `customerRole`, or a dimension of
    /// your own.
    ///
    /// - Parameter name: The name.
    /// - Returns: The column, or `nil`.
    public func encodedColumn(named name: String) -> EncodedColumn? {
        switch name {
        case "channel": return channel
        case "priority": return priority
        case "team": return team
        case "segment": return segment
        case "customerRole": return customerRole
        default: return customColumns[name]
        }
    }

    /// The instant column of a name: `createdAt`, `firstAgentReplyAt`, `firstResolvedAt` or `solvedAt`.
    ///
    /// - Parameter name: The name.
    /// - Returns: The column, or `nil`.
    public func instantColumn(named name: String) -> [Double]? {
        switch name {
        case "createdAt": return createdAt
        case "firstAgentReplyAt": return firstAgentReplyAt
        case "firstResolvedAt": return firstResolvedAt
        case "solvedAt": return solvedAt
        default: return nil
        }
    }

    /// Whether two batches hold the same rows.
    ///
    /// - Parameters:
    ///   - lhs: A batch.
    ///   - rhs: Another.
    /// - Returns: Whether every column agrees (instants bit for bit).
    public static func == (lhs: CaseBatch, rhs: CaseBatch) -> Bool {
        func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }
        return lhs.channel == rhs.channel && lhs.priority == rhs.priority && lhs.team == rhs.team
            && lhs.segment == rhs.segment && lhs.customerRole == rhs.customerRole
            && bits(lhs.createdAt) == bits(rhs.createdAt) && bits(lhs.firstAgentReplyAt) == bits(rhs.firstAgentReplyAt)
            && bits(lhs.firstResolvedAt) == bits(rhs.firstResolvedAt) && bits(lhs.solvedAt) == bits(rhs.solvedAt)
            && lhs.agentReplyCount == rhs.agentReplyCount && lhs.isResolved == rhs.isResolved
            && lhs.customColumns == rhs.customColumns
    }

    /// Hashes the row count and the creation instants.
    ///
    /// - Parameter hasher: The hasher.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for value in createdAt { hasher.combine(value.bitPattern) }
    }
}
