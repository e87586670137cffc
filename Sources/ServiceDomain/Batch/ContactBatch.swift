import Foundation

/// Contacts as columns: the dimensions contacts are grouped by and the facts the contact KPIs read.
///
/// ```swift
/// let batch = ContactBatch(contacts)                     // or append contact by contact while importing
/// var level = BatchAccumulator(try ServiceLevel(threshold: 20, convention: .abandonedInDenominator), by: [.queue])
/// try level.add(batch)                                   // the state MetricAccumulator gives on the contacts
/// ```
///
/// Columns: `channel`, `queue` and `agent` (the agent who answered, `""` when none); `outcome` (0 queued, 1 answered,
/// 2 abandoned); instants `offeredAt` and `endedAt` (the answer or the abandonment, `.nan` while queued), in seconds
/// since the reference date; `handleTime` (talk + hold + wrap-up, 0 unless answered). About 40 bytes a contact.
public struct ContactBatch: RecordBatch, Hashable {
    /// What became of a contact, as the `outcome` column codes it.
    public enum Outcome: UInt8, Sendable, Hashable {
        /// Still waiting.
        case queued = 0
        /// Answered.
        case answered = 1
        /// Abandoned.
        case abandoned = 2
    }

    /// The channel of each contact.
    public private(set) var channel = EncodedColumn()
    /// The queue of each contact.
    public private(set) var queue = EncodedColumn()
    /// The agent who answered, `""` when none.
    public private(set) var agent = EncodedColumn()
    /// What became of each contact.
    public private(set) var outcome: [Outcome] = []
    /// When each contact was offered, in seconds since the reference date.
    public private(set) var offeredAt: [Double] = []
    /// When it was answered or abandoned, or `.nan` while queued.
    public private(set) var endedAt: [Double] = []
    /// Talk + hold + wrap-up in seconds; 0 unless answered.
    public private(set) var handleTime: [Double] = []

    /// An empty batch.
    public init() {}

    /// A batch of contacts, in order.
    ///
    /// - Parameter contacts: The contacts.
    public init(_ contacts: some Sequence<Contact>) {
        reserveCapacity(contacts.underestimatedCount)
        for contact in contacts { append(contact) }
    }

    /// The number of contacts.
    public var count: Int { offeredAt.count }

    /// Reserves room.
    ///
    /// - Parameter rows: The number of contacts expected in all.
    public mutating func reserveCapacity(_ rows: Int) {
        channel.reserveCapacity(rows)
        queue.reserveCapacity(rows)
        agent.reserveCapacity(rows)
        outcome.reserveCapacity(rows)
        offeredAt.reserveCapacity(rows)
        endedAt.reserveCapacity(rows)
        handleTime.reserveCapacity(rows)
    }

    /// Appends a contact.
    ///
    /// - Parameter contact: The contact (already checked when it was made).
    public mutating func append(_ contact: Contact) {
        channel.append(contact.channel.rawValue)
        queue.append(contact.queue)
        offeredAt.append(contact.offeredAt.timeIntervalSinceReferenceDate)
        handleTime.append(contact.handleTime)
        switch contact.outcome {
        case .queued:
            outcome.append(.queued)
            endedAt.append(.nan)
            agent.append("")
        case .answered(let at, let who):
            outcome.append(.answered)
            endedAt.append(at.timeIntervalSinceReferenceDate)
            agent.append(who?.rawValue ?? "")
        case .abandoned(let at):
            outcome.append(.abandoned)
            endedAt.append(at.timeIntervalSinceReferenceDate)
            agent.append("")
        }
    }

    /// Removes every contact, keeping each column's labels and capacity (for refilling while streaming).
    public mutating func removeAll() {
        channel.removeAllRows()
        queue.removeAllRows()
        agent.removeAllRows()
        outcome.removeAll(keepingCapacity: true)
        offeredAt.removeAll(keepingCapacity: true)
        endedAt.removeAll(keepingCapacity: true)
        handleTime.removeAll(keepingCapacity: true)
    }

    /// The encoded column of a name: `channel`, `queue` or `agent`.
    ///
    /// - Parameter name: The name.
    /// - Returns: The column, or `nil`.
    public func encodedColumn(named name: String) -> EncodedColumn? {
        switch name {
        case "channel": return channel
        case "queue": return queue
        case "agent": return agent
        default: return nil
        }
    }

    /// The instant column of a name: `offeredAt` or `endedAt`.
    ///
    /// - Parameter name: The name.
    /// - Returns: The column, or `nil`.
    public func instantColumn(named name: String) -> [Double]? {
        switch name {
        case "offeredAt": return offeredAt
        case "endedAt": return endedAt
        default: return nil
        }
    }

    /// Whether two batches hold the same rows.
    ///
    /// - Parameters:
    ///   - lhs: A batch.
    ///   - rhs: Another.
    /// - Returns: Whether every column agrees (instants and durations bit for bit).
    public static func == (lhs: ContactBatch, rhs: ContactBatch) -> Bool {
        func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }
        return lhs.channel == rhs.channel && lhs.queue == rhs.queue && lhs.agent == rhs.agent
            && lhs.outcome == rhs.outcome && bits(lhs.offeredAt) == bits(rhs.offeredAt)
            && bits(lhs.endedAt) == bits(rhs.endedAt) && bits(lhs.handleTime) == bits(rhs.handleTime)
    }

    /// Hashes the rows.
    ///
    /// - Parameter hasher: The hasher.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        hasher.combine(channel)
        hasher.combine(queue)
        for value in offeredAt.prefix(16) { hasher.combine(value.bitPattern) }
    }
}
