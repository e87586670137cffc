public import ServiceDomain

/// How the columns of a helpdesk's export become `Case`s: which column holds which field, how values are spelt,
/// how instants, durations and numbers are written, and how the file is laid out.
///
/// Two shapes of export are read:
/// - ``Shape/ticketPerRow``: one row per ticket, the summary export every helpdesk offers. Each row becomes a case
///   with a `created` event and, as far as the row tells: an `agentReply` at the first reply; a `statusChanged` to
///   solved and to closed; and the current status (``Field/status``) at ``Field/statusChangedAt`` when it is pending,
///   on hold or open again after a solve (then a `reopened` event). Instants may be derived from duration columns
///   (``derived``): Zendesk exports "First reply time in minutes", not the reply's instant.
/// - ``Shape/eventPerRow``: one row per event (an audit-log or event-stream export). Rows are grouped by case, in the
///   order cases first appear; a case's events are put in time order (rows with equal instants keep their file
///   order); case fields (channel, priority, customer, team, tags) are read from the case's `created` row.
///
/// Values of the fields with a vocabulary — priority, channel, status, event type, customer role — are matched
/// without regard to case against ``values`` and then against the library's own names (`urgent`, `high`, `normal`,
/// `low`; `email`, `phone`, …; `pending`, `onHold`, …). A value that matches neither is *unmapped*: by default its rows
/// are left out and the value is reported once with its count (``unmappedValues``); it is never dropped silently.
///
/// JSON (every key but `shape` and `columns` optional; see `Documentation/DataFormats.md`):
/// ```json
/// {"shape": "ticketPerRow",
///  "dialect": {"delimiter": ","},
///  "columns": {"id": "Id", "created": "Created at", "status": "Status", "priority": "Priority",
///              "tags": "Tags", "solved": "Solved at"},
///  "derived": [{"field": "firstReply", "column": "First reply time in minutes", "format": "minutes"}],
///  "values": {"priority": {"P1": "urgent"}, "status": {"Hold": "onHold"}},
///  "timestamps": {"pattern": "yyyy-MM-dd HH:mm:ss xx", "timeZone": "UTC"},
///  "listSeparator": " ", "unmappedValues": "reject", "duplicateIDs": "reject"}
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
        /// The (latest) solve instant (ticket shape).
        case solved
        /// The close instant (ticket shape).
        case closed
        /// When the ticket entered its current status (ticket shape).
        case statusChangedAt
        /// How many times the ticket was reopened (ticket shape): a count above 0 adds ``CaseCSVMapping/reopenTag``.
        case reopens
        /// The case identifier (event shape).
        case `case`
        /// The event identifier, unique within its case (event shape; the row's line number when unmapped).
        case event
        /// The event's instant (event shape).
        case at
        /// The event's type: `created`, `assigned`, `agentReply`, `internalNote`, `customerReply`, `statusChanged`,
        /// `priorityChanged`, `escalated`, `reopened`, `scheduleChanged`, or what ``CaseCSVMapping/values`` maps to them
        /// (event shape).
        case type
        /// The status: the new one of a `statusChanged` event (event shape), or the ticket's current one (ticket
        /// shape).
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
        /// The case's tags, separated by ``CaseCSVMapping/listSeparator``, or gathered from repeated columns
        /// (`Labels[*]`).
        case tags
        /// The IANA time zone of the row's wall times, overriding the format's.
        case timeZone
        /// The business calendar of a `scheduleChanged` event (event shape).
        case schedule

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

        /// The fields a shape reads.
        ///
        /// - Parameter shape: The shape.
        /// - Returns: The fields.
        public static func read(by shape: Shape) -> Set<Field> {
            let common: Set<Field> = [
                .status, .agent, .channel, .priority, .team, .customer, .customerRole, .segments, .tags, .timeZone,
            ]
            return common.union(
                shape == .ticketPerRow
                    ? [.id, .created, .firstReply, .solved, .closed, .statusChangedAt, .reopens]
                    : [.case, .event, .at, .type, .schedule]
            )
        }

        /// The fields whose values a vocabulary checks.
        public static let vocabularies: [Field] = [.type, .status, .channel, .priority, .customerRole]
    }

    /// An instant computed from a duration column: "first reply = created + First reply time in minutes".
    ///
    /// JSON: `{"field": "firstReply", "column": "First reply time in minutes", "format": "minutes", "from":
    /// "created", "clock": "calendar"}` (`from`, `format` and `clock` optional: `created`, `minutes`, `calendar`).
    /// A recorded instant in the row wins over the derived one. The event carries
    /// `CaseEvent/derivedFrom` so that a report can say the instant was computed.
    public struct DerivedInstant: Sendable, Hashable, Codable {
        /// How the duration was counted.
        public enum Clock: String, Sendable, Hashable, Codable {
            /// Elapsed time.
            case calendar
            /// Business time on the calendar given to the import (Zendesk's "… in business minutes").
            case business
        }

        /// The instant computed (ticket shape): ``Field/firstReply``, ``Field/solved`` or ``Field/closed``.
        public let field: Field
        /// The duration's column.
        public let column: ColumnSource
        /// How the duration is written.
        public let format: DurationFormat
        /// The instant the duration counts from (``Field/created`` by default).
        public let from: Field
        /// The clock the duration was counted on.
        public let clock: Clock

        /// Creates a derivation.
        ///
        /// - Parameters:
        ///   - field: The instant computed.
        ///   - column: The duration's column.
        ///   - format: How the duration is written.
        ///   - from: The instant it counts from.
        ///   - clock: The clock it was counted on.
        /// - Throws: `ServiceDomainError/Code/outOfRange` (path `field` or `from`) for fields that are not
        ///   instants of the ticket shape, or a field derived from itself.
        public init(
            field: Field,
            column: ColumnSource,
            format: DurationFormat = .minutes,
            from: Field = .created,
            clock: Clock = .calendar
        ) throws(ServiceDomainError) {
            guard [.firstReply, .solved, .closed].contains(field) else {
                throw ServiceDomainError(.outOfRange, at: "field", "only firstReply, solved and closed can be derived")
            }
            guard [.created, .firstReply, .solved].contains(from), from != field else {
                throw ServiceDomainError(
                    .outOfRange,
                    at: "from",
                    "a derived instant counts from created, firstReply or solved, not from itself"
                )
            }
            self.field = field
            self.column = column
            self.format = format
            self.from = from
            self.clock = clock
        }

        private enum CodingKeys: String, CodingKey, CaseIterable {
            case field
            case column
            case format
            case from
            case clock
        }

        /// Decodes a derivation, checking it.
        ///
        /// - Parameter decoder: The decoder.
        /// - Throws: `DecodingError` for unknown keys or bad fields.
        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(allowed: Set(CodingKeys.allCases.map(\.rawValue)))
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let field = try container.decode(Field.self, forKey: .field)
            let column = try container.decode(ColumnSource.self, forKey: .column)
            let format = try container.decodeIfPresent(DurationFormat.self, forKey: .format) ?? .minutes
            let from = try container.decodeIfPresent(Field.self, forKey: .from) ?? .created
            let clock = try container.decodeIfPresent(Clock.self, forKey: .clock) ?? .calendar
            do throws(ServiceDomainError) {
                try self.init(field: field, column: column, format: format, from: from, clock: clock)
            } catch {
                throw DecodingError.invalid(error, codingPath: decoder.codingPath)
            }
        }
    }

    /// The shape of the export.
    public var shape: Shape
    /// The file's layout: delimiter, encoding, header rows.
    public var dialect: CSVDialect
    /// The column (or columns) of each field used.
    public var columns: [Field: ColumnSource]
    /// Instants computed from duration columns.
    public var derived: [DerivedInstant]
    /// Translations of values, per field, from the export's spelling (matched without regard to case) to this
    /// library's: `{"priority": {"P1": "urgent"}}`.
    public var values: [Field: [String: String]]
    /// How instants are written.
    public var timestamps: TimestampFormat
    /// How numbers (counts, durations) are written.
    public var numbers: NumberFormat
    /// The separator of the items of `tags` and `segments` (a space by default).
    public var listSeparator: String
    /// The channel of cases whose row has no channel (`email` by default).
    public var defaultChannel: Channel
    /// What to do with values no translation maps (``UnmappedValuePolicy/reject`` by default).
    public var unmappedValues: UnmappedValuePolicy
    /// What to do with a repeated ticket identifier in the ticket shape (``DuplicatePolicy/reject`` by default).
    public var duplicateIDs: DuplicatePolicy
    /// The tag given to a ticket whose ``Field/reopens`` count is above 0 (`reopened`): the export does not say
    /// when it was reopened, so no `reopened` event can be placed.
    public var reopenTag: String
    /// Whether each case's rows are together in the file (event shape; an audit log sorted by ticket).
    ///
    /// A case is then finished when another case's row comes, so that a streamed import holds one open case, and a
    /// row of a case already finished is reported. `false` by default: rows may come in any order, and every case is
    /// held to the end.
    public var rowsGroupedByCase: Bool

    /// Creates a mapping.
    ///
    /// - Parameters:
    ///   - shape: The shape.
    ///   - columns: The column of each field used.
    ///   - derived: Instants computed from durations.
    ///   - values: Translations of values.
    ///   - timestamps: How instants are written.
    ///   - numbers: How numbers are written.
    ///   - dialect: The file's layout.
    ///   - listSeparator: The separator of tags and segments.
    ///   - defaultChannel: The channel when a row has none.
    ///   - unmappedValues: What to do with unmapped values.
    ///   - duplicateIDs: What to do with repeated ticket identifiers.
    ///   - reopenTag: The tag of reopened tickets.
    ///   - rowsGroupedByCase: Whether each case's rows are together (event shape).
    /// - Throws: `ServiceDomainError/Code/empty` (path `columns.<field>`) when a required field has no column
    ///   (a ticket shape's first reply, solve or close may come from `derived` instead),
    ///   `ServiceDomainError/Code/outOfRange` (path `columns.<field>`) for a field the shape does not read,
    ///   `ServiceDomainError/Code/empty` (path `listSeparator`) for an empty separator, a translation to a value
    ///   that is not the library's for status and type (path `values.<field>.<value>`), and the format's errors
    ///   (path `timestamps…`, naming the token).
    public init(
        shape: Shape,
        columns: [Field: ColumnSource],
        derived: [DerivedInstant] = [],
        values: [Field: [String: String]] = [:],
        timestamps: TimestampFormat = .iso8601,
        numbers: NumberFormat = .standard,
        dialect: CSVDialect = .standard,
        listSeparator: String = " ",
        defaultChannel: Channel = .email,
        unmappedValues: UnmappedValuePolicy = .reject,
        duplicateIDs: DuplicatePolicy = .reject,
        reopenTag: String = "reopened",
        rowsGroupedByCase: Bool = false
    ) throws(ServiceDomainError) {
        guard !rowsGroupedByCase || shape == .eventPerRow else {
            throw ServiceDomainError(.outOfRange, at: "rowsGroupedByCase", "only an eventPerRow import groups rows")
        }
        for field in Field.required(by: shape) where (columns[field]?.columns ?? []).isEmpty {
            throw ServiceDomainError(
                .empty,
                at: "columns.\(field.rawValue)",
                "a \(shape.rawValue) import needs a column for \(field.rawValue)"
            )
        }
        let readable = Field.read(by: shape)
        for field in columns.keys.sorted() where !readable.contains(field) {
            throw ServiceDomainError(
                .outOfRange,
                at: "columns.\(field.rawValue)",
                "a \(shape.rawValue) import does not read \(field.rawValue)"
            )
        }
        if shape != .ticketPerRow, !derived.isEmpty {
            throw ServiceDomainError(.outOfRange, at: "derived[0]", "only a ticketPerRow import derives instants")
        }
        guard !listSeparator.isEmpty else {
            throw ServiceDomainError(.empty, at: "listSeparator", "the list separator cannot be empty")
        }
        for (field, closed) in [(Field.status, CaseStatus.allCases.map(\.rawValue)), (.type, CaseEventTypeName.all)] {
            try ValueVocabulary.checkTranslations(
                values[field] ?? [:],
                field: field.rawValue,
                closed: closed,
                noun: field.rawValue
            )
        }
        do throws(ServiceDomainError) {
            try timestamps.validate()
        } catch {
            throw error.nested(under: "timestamps")
        }
        self.shape = shape
        self.columns = columns
        self.derived = derived
        self.values = values
        self.timestamps = timestamps
        self.numbers = numbers
        self.dialect = dialect
        self.listSeparator = listSeparator
        self.defaultChannel = defaultChannel
        self.unmappedValues = unmappedValues
        self.duplicateIDs = duplicateIDs
        self.reopenTag = reopenTag
        self.rowsGroupedByCase = rowsGroupedByCase
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

    private init(unchecked shape: Shape, columns: [Field: ColumnSource]) {
        self.shape = shape
        self.columns = columns
        self.derived = []
        self.values = [:]
        self.timestamps = .iso8601
        self.numbers = .standard
        self.dialect = .standard
        self.listSeparator = " "
        self.defaultChannel = .email
        self.unmappedValues = .reject
        self.duplicateIDs = .reject
        self.reopenTag = "reopened"
        self.rowsGroupedByCase = false
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case shape
        case dialect
        case columns
        case derived
        case values
        case timestamps
        case numbers
        case listSeparator
        case defaultChannel
        case unmappedValues
        case duplicateIDs
        case reopenTag
        case rowsGroupedByCase
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
        let columns = try container.decodeFields(Field.self, forKey: .columns, as: ColumnSource.self)
        let values = try container.decodeFields(Field.self, forKey: .values, as: [String: String].self)
        let derived = try container.decodeIfPresent([DerivedInstant].self, forKey: .derived) ?? []
        let timestamps = try container.decodeIfPresent(TimestampFormat.self, forKey: .timestamps) ?? .iso8601
        let numbers = try container.decodeIfPresent(NumberFormat.self, forKey: .numbers) ?? .standard
        let dialect = try container.decodeIfPresent(CSVDialect.self, forKey: .dialect) ?? .standard
        let listSeparator = try container.decodeIfPresent(String.self, forKey: .listSeparator) ?? " "
        let defaultChannel = try container.decodeIfPresent(Channel.self, forKey: .defaultChannel) ?? .email
        let unmapped = try container.decodeIfPresent(UnmappedValuePolicy.self, forKey: .unmappedValues) ?? .reject
        let duplicates = try container.decodeIfPresent(DuplicatePolicy.self, forKey: .duplicateIDs) ?? .reject
        let reopenTag = try container.decodeIfPresent(String.self, forKey: .reopenTag) ?? "reopened"
        let grouped = try container.decodeIfPresent(Bool.self, forKey: .rowsGroupedByCase) ?? false
        do throws(ServiceDomainError) {
            try self.init(
                shape: shape,
                columns: columns,
                derived: derived,
                values: values,
                timestamps: timestamps,
                numbers: numbers,
                dialect: dialect,
                listSeparator: listSeparator,
                defaultChannel: defaultChannel,
                unmappedValues: unmapped,
                duplicateIDs: duplicates,
                reopenTag: reopenTag,
                rowsGroupedByCase: grouped
            )
        } catch {
            throw DecodingError.invalid(error, codingPath: decoder.codingPath)
        }
    }

    /// Encodes the documented JSON form, keys sorted by the encoder's settings; defaults left out.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(shape, forKey: .shape)
        if dialect != .standard { try container.encode(dialect, forKey: .dialect) }
        try container.encode(
            Dictionary(uniqueKeysWithValues: columns.map { ($0.key.rawValue, $0.value) }),
            forKey: .columns
        )
        if !derived.isEmpty { try container.encode(derived, forKey: .derived) }
        if !values.isEmpty {
            try container.encode(
                Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) }),
                forKey: .values
            )
        }
        try container.encode(timestamps, forKey: .timestamps)
        if numbers != .standard { try container.encode(numbers, forKey: .numbers) }
        try container.encode(listSeparator, forKey: .listSeparator)
        try container.encode(defaultChannel, forKey: .defaultChannel)
        try container.encode(unmappedValues, forKey: .unmappedValues)
        if shape == .ticketPerRow { try container.encode(duplicateIDs, forKey: .duplicateIDs) }
        if reopenTag != "reopened" { try container.encode(reopenTag, forKey: .reopenTag) }
        if rowsGroupedByCase { try container.encode(true, forKey: .rowsGroupedByCase) }
    }
}

/// The event type names of `CaseEvent/Kind`, as an import matches them.
enum CaseEventTypeName {
    static let all = [
        "created", "assigned", "agentReply", "internalNote", "customerReply", "statusChanged", "priorityChanged",
        "escalated", "reopened", "scheduleChanged",
    ]
}

extension CaseCSVMapping.Field {
    /// The field's position in `allCases`, for array-indexed tables on the import's hot path.
    @inline(__always) var ordinal: Int {
        switch self {
        case .id: 0
        case .created: 1
        case .firstReply: 2
        case .solved: 3
        case .closed: 4
        case .statusChangedAt: 5
        case .reopens: 6
        case .`case`: 7
        case .event: 8
        case .at: 9
        case .type: 10
        case .status: 11
        case .agent: 12
        case .channel: 13
        case .priority: 14
        case .team: 15
        case .customer: 16
        case .customerRole: 17
        case .segments: 18
        case .tags: 19
        case .timeZone: 20
        case .schedule: 21
        }
    }

    /// How many fields there are.
    static let count = 22
}
