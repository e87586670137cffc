import Foundation

/// How the columns of a helpdesk's CSV export become ``Case``s: which column holds which field, how values are
/// spelt, how instants are written.
///
/// Two shapes of export are read:
/// - ``Shape/ticketPerRow``: one row per ticket with its creation, first public reply and solve instants (the summary
///   export most helpdesks offer). Each row becomes a case with a `created`, an `agentReply` and a
///   `statusChanged(solved)` event, as far as its instants are filled in.
/// - ``Shape/eventPerRow``: one row per event (an audit-log or event-stream export). Rows are grouped by case, in the
///   order cases first appear; a case's events are put in time order (rows with equal instants keep their file
///   order); case fields (channel, priority, customer, team, tags) are read from the case's `created` row.
///
/// JSON (every key but `shape` and `columns` optional; see `Documentation/DataFormats.md`):
/// ```json
/// {"shape": "eventPerRow",
///  "columns": {"case": "Ticket", "at": "When", "type": "What", "agent": "Agent", "status": "Status",
///              "channel": "Via", "priority": "Priority"},
///  "values": {"type": {"Public reply": "agentReply", "Ticket created": "created"},
///             "priority": {"P1": "urgent", "P2": "high", "P3": "normal", "P4": "low"}},
///  "timestamps": {"pattern": "dd/MM/yyyy HH:mm", "timeZone": "Europe/London"},
///  "listSeparator": " "}
/// ```
public struct CaseCSVMapping: Sendable, Hashable, Codable {
    /// The shape of the export.
    public enum Shape: String, Sendable, Hashable, Codable {
        /// One row per ticket.
        case ticketPerRow
        /// One row per event.
        case eventPerRow
    }

    /// A field a column can supply.
    public enum Field: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
        /// The case identifier (ticket shape).
        case id
        /// The creation instant (ticket shape).
        case created
        /// The first public agent reply's instant (ticket shape).
        case firstReply
        /// The solve instant (ticket shape).
        case solved
        /// The case identifier (event shape).
        case `case`
        /// The event identifier, unique within its case (event shape; the row's line number when unmapped).
        case event
        /// The event's instant (event shape).
        case at
        /// The event's type: `created`, `assigned`, `agentReply`, `internalNote`, `customerReply`, `statusChanged`,
        /// `priorityChanged`, `escalated`, `reopened`, or what ``CaseCSVMapping/values`` maps to them (event shape).
        case type
        /// The new status of a `statusChanged` event (event shape).
        case status
        /// The agent of an event, or who sent the first reply (ticket shape).
        case agent
        /// The channel.
        case channel
        /// The priority (event shape: of the case at creation, or the new one of a `priorityChanged` event).
        case priority
        /// The team (event shape: of an `assigned` or `escalated` event as well).
        case team
        /// The customer identifier; a case without one has no customer.
        case customer
        /// The customer's role (default `consumer`).
        case customerRole
        /// The customer's segments, separated by ``CaseCSVMapping/listSeparator``.
        case segments
        /// The case's tags, separated by ``CaseCSVMapping/listSeparator``.
        case tags

        /// Orders fields as declared.
        ///
        /// - Parameters:
        ///   - lhs: A field.
        ///   - rhs: Another.
        /// - Returns: Whether `lhs` is declared first.
        public static func < (lhs: Field, rhs: Field) -> Bool {
            let order = Field.allCases
            return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
        }

        /// The fields a shape requires.
        ///
        /// - Parameter shape: The shape.
        /// - Returns: The required fields.
        public static func required(by shape: Shape) -> [Field] {
            shape == .ticketPerRow ? [.id, .created] : [.case, .at, .type]
        }
    }

    /// The shape of the export.
    public var shape: Shape
    /// The column name (as in the header) of each field used.
    public var columns: [Field: String]
    /// Translations of values, per field, from the export's spelling to this library's.
    ///
    /// `{"priority": {"P1": "urgent"}}`; values without a translation are used as written.
    public var values: [Field: [String: String]]
    /// How instants are written.
    public var timestamps: TimestampFormat
    /// The separator of the items of `tags` and `segments` (a space by default).
    public var listSeparator: String
    /// The channel of cases whose row has no channel (`email` by default).
    public var defaultChannel: Channel

    /// Creates a mapping.
    ///
    /// - Parameters:
    ///   - shape: The shape.
    ///   - columns: The column of each field used.
    ///   - values: Translations of values.
    ///   - timestamps: How instants are written.
    ///   - listSeparator: The separator of tags and segments.
    ///   - defaultChannel: The channel when a row has none.
    /// - Throws: ``ServiceDomainError/Code/empty`` (path `columns.<field>`) when a required field has no column,
    ///   ``ServiceDomainError/Code/outOfRange`` (path `columns.<field>`) for a field the shape does not read,
    ///   ``ServiceDomainError/Code/empty`` (path `listSeparator`) for an empty separator, and the format's errors.
    public init(
        shape: Shape,
        columns: [Field: String],
        values: [Field: [String: String]] = [:],
        timestamps: TimestampFormat = .iso8601,
        listSeparator: String = " ",
        defaultChannel: Channel = .email
    ) throws(ServiceDomainError) {
        for field in Field.required(by: shape) where (columns[field] ?? "").isEmpty {
            throw ServiceDomainError(
                .empty,
                at: "columns.\(field.rawValue)",
                "a \(shape.rawValue) import needs a column for \(field.rawValue)"
            )
        }
        let other: Set<Field> =
            shape == .ticketPerRow ? [.case, .event, .at, .type, .status] : [.id, .created, .firstReply, .solved]
        for field in columns.keys.sorted() where other.contains(field) {
            throw ServiceDomainError(
                .outOfRange,
                at: "columns.\(field.rawValue)",
                "a \(shape.rawValue) import does not read \(field.rawValue)"
            )
        }
        guard !listSeparator.isEmpty else {
            throw ServiceDomainError(.empty, at: "listSeparator", "the list separator cannot be empty")
        }
        do throws(ServiceDomainError) {
            try timestamps.validate()
        } catch {
            throw error.nested(under: "timestamps")
        }
        self.shape = shape
        self.columns = columns
        self.values = values
        self.timestamps = timestamps
        self.listSeparator = listSeparator
        self.defaultChannel = defaultChannel
    }

    /// The built-in mapping for one row per ticket.
    ///
    /// Columns `id`, `created_at`, `first_reply_at`, `solved_at`, `channel`, `priority`, `team`, `agent`,
    /// `customer_id`, `customer_role`, `segments`, `tags`; ISO 8601 instants; spaces between tags.
    public static var ticketPerRow: CaseCSVMapping {
        CaseCSVMapping(
            unchecked: .ticketPerRow,
            columns: [
                .id: "id", .created: "created_at", .firstReply: "first_reply_at", .solved: "solved_at",
                .channel: "channel", .priority: "priority", .team: "team", .agent: "agent", .customer: "customer_id",
                .customerRole: "customer_role", .segments: "segments", .tags: "tags",
            ]
        )
    }

    /// The built-in mapping for one row per event.
    ///
    /// Columns `case_id`, `event_id`, `at`, `type`, `status`, `agent`, `team`, `channel`, `priority`, `customer_id`,
    /// `customer_role`, `segments`, `tags`; ISO 8601 instants; event types and statuses spelt as in this library's
    /// JSON; spaces between tags. The shipped sample data's `cases.csv` has this shape.
    public static var eventPerRow: CaseCSVMapping {
        CaseCSVMapping(
            unchecked: .eventPerRow,
            columns: [
                .case: "case_id", .event: "event_id", .at: "at", .type: "type", .status: "status", .agent: "agent",
                .team: "team", .channel: "channel", .priority: "priority", .customer: "customer_id",
                .customerRole: "customer_role", .segments: "segments", .tags: "tags",
            ]
        )
    }

    private init(unchecked shape: Shape, columns: [Field: String]) {
        self.shape = shape
        self.columns = columns
        self.values = [:]
        self.timestamps = .iso8601
        self.listSeparator = " "
        self.defaultChannel = .email
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case shape
        case columns
        case values
        case timestamps
        case listSeparator
        case defaultChannel
    }

    /// Decodes a mapping from its documented JSON form, checking it.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` naming the path of the bad field (`columns.created`, `values.priority`): unknown
    ///   keys or fields, a missing required column, a bad timestamp format.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: Set(CodingKeys.allCases.map(\.rawValue)))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let shape = try container.decode(Shape.self, forKey: .shape)
        let columns = try Self.decodeFields(container, .columns, as: String.self)
        let values = try Self.decodeFields(container, .values, as: [String: String].self)
        let timestamps = try container.decodeIfPresent(TimestampFormat.self, forKey: .timestamps) ?? .iso8601
        let listSeparator = try container.decodeIfPresent(String.self, forKey: .listSeparator) ?? " "
        let defaultChannel = try container.decodeIfPresent(Channel.self, forKey: .defaultChannel) ?? .email
        do throws(ServiceDomainError) {
            try self.init(
                shape: shape,
                columns: columns,
                values: values,
                timestamps: timestamps,
                listSeparator: listSeparator,
                defaultChannel: defaultChannel
            )
        } catch {
            throw DecodingError.invalid(error, codingPath: decoder.codingPath)
        }
    }

    private static func decodeFields<Value: Decodable>(
        _ container: KeyedDecodingContainer<CodingKeys>,
        _ key: CodingKeys,
        as type: Value.Type
    ) throws -> [Field: Value] {
        guard container.contains(key) else { return [:] }
        let nested = try container.nestedContainer(keyedBy: NameKey.self, forKey: key)
        var result: [Field: Value] = [:]
        for name in nested.allKeys {
            guard let field = Field(rawValue: name.stringValue) else {
                throw DecodingError.dataCorruptedError(
                    forKey: name,
                    in: nested,
                    debugDescription: "unknown field \"\(name.stringValue)\"; expected "
                        + Field.allCases.map(\.rawValue).joined(separator: ", ")
                )
            }
            result[field] = try nested.decode(Value.self, forKey: name)
        }
        return result
    }

    /// Encodes the documented JSON form, keys sorted.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(shape, forKey: .shape)
        try container.encode(
            Dictionary(uniqueKeysWithValues: columns.map { ($0.key.rawValue, $0.value) }),
            forKey: .columns
        )
        if !values.isEmpty {
            try container.encode(
                Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) }),
                forKey: .values
            )
        }
        try container.encode(timestamps, forKey: .timestamps)
        try container.encode(listSeparator, forKey: .listSeparator)
        try container.encode(defaultChannel, forKey: .defaultChannel)
    }
}
