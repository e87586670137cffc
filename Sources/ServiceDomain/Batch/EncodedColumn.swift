/// A column of strings stored as small integers: each distinct value (a *label*) once, and one code per row.
///
/// Dimensions such as channel, priority, team, agent, queue or segment take a handful of values over millions of
/// rows; a fold that groups by them compares and hashes integers instead of strings. Codes are given in order of
/// first appearance, so the same rows appended in the same order encode to the same column.
///
/// ```swift
/// var channels = EncodedColumn()
/// channels.append("email"); channels.append("chat"); channels.append("email")
/// channels.codes    // [0, 1, 0]
/// channels.labels   // ["email", "chat"]
/// channels[2]       // "email"
/// ```
public struct EncodedColumn: Sendable, Hashable {
    /// Each distinct value once, in order of first appearance; a row's code indexes it.
    public private(set) var labels: [String] = []
    /// One code per row.
    public private(set) var codes: [UInt32] = []
    private var lookup: [String: UInt32] = [:]

    /// An empty column.
    public init() {}

    /// A column holding the given values in order.
    ///
    /// - Parameter values: The rows' values.
    public init(_ values: some Sequence<String>) {
        for value in values { append(value) }
    }

    /// The number of rows.
    public var count: Int { codes.count }

    /// The value of a row.
    ///
    /// - Parameter row: A row, from 0 to `count − 1`.
    public subscript(row: Int) -> String { labels[Int(codes[row])] }

    /// Appends a row.
    ///
    /// - Parameter value: The row's value.
    public mutating func append(_ value: String) {
        codes.append(code(for: value))
    }

    /// The code of a value, adding it to the labels when it is new.
    ///
    /// - Parameter value: A value.
    /// - Returns: Its code.
    public mutating func code(for value: String) -> UInt32 {
        if let code = lookup[value] { return code }
        let code = UInt32(labels.count)
        labels.append(value)
        lookup[value] = code
        return code
    }

    /// Reserves room for rows.
    ///
    /// - Parameter rows: The number of rows expected in all.
    public mutating func reserveCapacity(_ rows: Int) { codes.reserveCapacity(rows) }

    /// Removes every row, keeping the labels (and so the codes of values already seen).
    public mutating func removeAllRows() { codes.removeAll(keepingCapacity: true) }

    /// Whether two columns hold the same values row by row.
    ///
    /// - Parameters:
    ///   - lhs: A column.
    ///   - rhs: Another.
    /// - Returns: Whether they have the same labels and codes.
    public static func == (lhs: EncodedColumn, rhs: EncodedColumn) -> Bool {
        lhs.labels == rhs.labels && lhs.codes == rhs.codes
    }

    /// Hashes the labels and codes.
    ///
    /// - Parameter hasher: The hasher.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(labels)
        hasher.combine(codes)
    }
}
