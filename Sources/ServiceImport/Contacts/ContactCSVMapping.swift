public import Foundation
public import ServiceDomain

/// How the columns of a contact-centre export — call detail records, interaction logs — become `Contact`s.
///
/// Two shapes are read:
/// - ``Shape/contactPerRow``: one row per contact (Five9's call log, Genesys Cloud's interaction export, Amazon
///   Connect's contact records flattened to CSV). The offer instant is required (a date and a time may sit in two
///   columns: `"offered": ["DATE", "TIME"]`). The outcome comes from the answer or abandon instant, or from an
///   ``Field/outcome`` column (mapped to `answered`, `abandoned` or `queued`) with the wait as a duration
///   (``Field/wait``): an answered contact was answered at offer + wait, an abandoned one abandoned then. Talk, hold
///   and after-contact work are durations (``durations`` says how bare numbers are counted; `h:mm:ss` and `1m 20s`
///   are read whatever it says).
/// - ``Shape/eventPerRow``: one row per event of a contact (`offered`, `answered`, `abandoned`, `held`, `resumed`,
///   `ended`, `wrapEnded`, or what ``values`` maps to them). A contact is offered at its first `offered` event;
///   answered at `answered`; talk runs from the answer to `ended` less the time between each `held` and the next
///   `resumed`; after-contact work runs from `ended` to `wrapEnded`.
///
/// As for cases, values of `outcome`, `type` and `channel` that match no translation and no library name are reported
/// once with their count and their rows left out (or kept, for channels, with ``UnmappedValuePolicy/keep``); a
/// repeated contact identifier in the row shape follows ``duplicateIDs``.
///
/// JSON: `{"shape": "contactPerRow", "columns": {"id": "CALL ID", "offered": ["DATE", "TIME"], "outcome":
/// "DISPOSITION", "wait": "QUEUE WAIT TIME", "talk": "TALK TIME", "agent": "AGENT"}, "values": {"outcome":
/// {"Abandon": "abandoned"}}, "timestamps": {"pattern": "yyyy/MM/dd HH:mm:ss", "timeZone": "America/New_York"},
/// "durations": "seconds"}`.
public struct ContactCSVMapping: Sendable, Hashable, Codable {
    /// The shape of the export.
    public enum Shape: String, Sendable, Hashable, Codable {
        /// One row per contact.
        case contactPerRow
        /// One row per event of a contact.
        case eventPerRow
    }

    /// A field a column can supply.
    public enum Field: String, Sendable, Hashable, Codable, CaseIterable {
        /// The contact's identifier.
        case id
        /// When the contact was offered to the queue (row shape).
        case offered
        /// When it was answered (row shape).
        case answered
        /// When the caller abandoned (row shape).
        case abandoned
        /// When the contact left the queue, answered or not (row shape): an unanswered contact was abandoned then.
        /// Amazon Connect's `Queue.DequeueTimestamp` is such an instant.
        case dequeued
        /// How long it waited in the queue, a duration (row shape).
        case wait
        /// The outcome: `answered`, `abandoned`, `queued`, or what ``ContactCSVMapping/values`` maps to them (row
        /// shape).
        case outcome
        /// The event's instant (event shape).
        case at
        /// The event's type (event shape).
        case type
        /// The agent who answered.
        case agent
        /// The queue (skill, campaign).
        case queue
        /// The channel (`phone` when empty, unless ``ContactCSVMapping/defaultChannel`` says otherwise).
        case channel
        /// Talk time, a duration (row shape).
        case talk
        /// Hold time, a duration (row shape).
        case hold
        /// After-contact work, a duration (row shape).
        case wrap
        /// The IANA time zone of the row's wall times.
        case timeZone
    }

    /// The shape of the export.
    public var shape: Shape
    /// The file's layout.
    public var dialect: CSVDialect
    /// The column (or columns) of each field used.
    public var columns: [Field: ColumnSource]
    /// Translations of values, per field (matched without regard to case).
    public var values: [Field: [String: String]]
    /// How instants are written.
    public var timestamps: TimestampFormat
    /// The unit of bare-number durations.
    public var durations: DurationFormat
    /// How numbers are written.
    public var numbers: NumberFormat
    /// The channel of contacts whose row has none (`phone` by default).
    public var defaultChannel: Channel
    /// What to do with values no translation maps.
    public var unmappedValues: UnmappedValuePolicy
    /// What to do with a repeated contact identifier (row shape).
    public var duplicateIDs: DuplicatePolicy

    /// The event types of the event shape.
    public static let eventTypes = ["offered", "answered", "abandoned", "held", "resumed", "ended", "wrapEnded"]
    /// The outcomes of the row shape.
    public static let outcomes = ["answered", "abandoned", "queued"]

    /// Creates a mapping.
    ///
    /// - Parameters:
    ///   - shape: The shape.
    ///   - columns: The column of each field used.
    ///   - values: Translations of values.
    ///   - timestamps: How instants are written.
    ///   - durations: The unit of bare-number durations.
    ///   - numbers: How numbers are written.
    ///   - dialect: The file's layout.
    ///   - defaultChannel: The channel when a row has none.
    ///   - unmappedValues: What to do with unmapped values.
    ///   - duplicateIDs: What to do with repeated identifiers.
    /// - Throws: `ServiceDomainError/Code/empty` (path `columns.<field>`) for a missing required column (`id`,
    ///   and `offered` or `at` and `type`), `ServiceDomainError/Code/outOfRange` for a field the shape does not
    ///   read or a translation to a value that is not an outcome or event type, and the format's errors.
    public init(
        shape: Shape,
        columns: [Field: ColumnSource],
        values: [Field: [String: String]] = [:],
        timestamps: TimestampFormat = .iso8601,
        durations: DurationFormat = .seconds,
        numbers: NumberFormat = .standard,
        dialect: CSVDialect = .standard,
        defaultChannel: Channel = .phone,
        unmappedValues: UnmappedValuePolicy = .reject,
        duplicateIDs: DuplicatePolicy = .reject
    ) throws(ServiceDomainError) {
        let required: [Field] = shape == .contactPerRow ? [.id, .offered] : [.id, .at, .type]
        for field in required where (columns[field]?.columns ?? []).isEmpty {
            throw ServiceDomainError(
                .empty,
                at: "columns.\(field.rawValue)",
                "a \(shape.rawValue) import needs a column for \(field.rawValue)"
            )
        }
        let rowOnly: Set<Field> = [.offered, .answered, .abandoned, .dequeued, .wait, .outcome, .talk, .hold, .wrap]
        let eventOnly: Set<Field> = [.at, .type]
        for field in Field.allCases where columns[field] != nil {
            if shape == .contactPerRow ? eventOnly.contains(field) : rowOnly.contains(field) {
                throw ServiceDomainError(
                    .outOfRange,
                    at: "columns.\(field.rawValue)",
                    "a \(shape.rawValue) import does not read \(field.rawValue)"
                )
            }
        }
        for (field, closed) in [(Field.outcome, Self.outcomes), (.type, Self.eventTypes)] {
            try ValueVocabulary.checkTranslations(
                values[field] ?? [:],
                field: field.rawValue,
                closed: closed,
                noun: "contact \(field.rawValue)"
            )
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
        self.durations = durations
        self.numbers = numbers
        self.dialect = dialect
        self.defaultChannel = defaultChannel
        self.unmappedValues = unmappedValues
        self.duplicateIDs = duplicateIDs
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case shape
        case dialect
        case columns
        case values
        case timestamps
        case durations
        case numbers
        case defaultChannel
        case unmappedValues
        case duplicateIDs
    }

    /// Decodes a mapping from its documented JSON form, checking it.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` naming the bad field.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: Set(CodingKeys.allCases.map(\.rawValue)))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let shape = try container.decode(Shape.self, forKey: .shape)
        let mappedColumns = try container.decodeFields(Field.self, forKey: .columns, as: ColumnSource.self)
        let mappedValues = try container.decodeFields(Field.self, forKey: .values, as: [String: String].self)
        let timestamps = try container.decodeIfPresent(TimestampFormat.self, forKey: .timestamps) ?? .iso8601
        let durations = try container.decodeIfPresent(DurationFormat.self, forKey: .durations) ?? .seconds
        let numbers = try container.decodeIfPresent(NumberFormat.self, forKey: .numbers) ?? .standard
        let dialect = try container.decodeIfPresent(CSVDialect.self, forKey: .dialect) ?? .standard
        let channel = try container.decodeIfPresent(Channel.self, forKey: .defaultChannel) ?? .phone
        let unmapped = try container.decodeIfPresent(UnmappedValuePolicy.self, forKey: .unmappedValues) ?? .reject
        let duplicates = try container.decodeIfPresent(DuplicatePolicy.self, forKey: .duplicateIDs) ?? .reject
        do throws(ServiceDomainError) {
            try self.init(
                shape: shape,
                columns: mappedColumns,
                values: mappedValues,
                timestamps: timestamps,
                durations: durations,
                numbers: numbers,
                dialect: dialect,
                defaultChannel: channel,
                unmappedValues: unmapped,
                duplicateIDs: duplicates
            )
        } catch {
            throw DecodingError.invalid(error, codingPath: decoder.codingPath)
        }
    }

    /// Encodes the documented form.
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
        if !values.isEmpty {
            try container.encode(
                Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) }),
                forKey: .values
            )
        }
        try container.encode(timestamps, forKey: .timestamps)
        try container.encode(durations, forKey: .durations)
        if numbers != .standard { try container.encode(numbers, forKey: .numbers) }
        try container.encode(defaultChannel, forKey: .defaultChannel)
        try container.encode(unmappedValues, forKey: .unmappedValues)
        if shape == .contactPerRow { try container.encode(duplicateIDs, forKey: .duplicateIDs) }
    }
}

/// The contacts an import produced, the rows it could not use, and its accounting.
public struct ContactImport: Sendable, Hashable {
    /// The contacts, in the order they first appear in the file.
    public let contacts: [Contact]
    /// The rows left out, in file order.
    public let problems: [ImportProblem]
    /// The accounting.
    public let summary: ImportSummary
}

extension ContactCSVMapping {
    /// Reads the contacts of an export held in memory.
    ///
    /// - Parameters:
    ///   - text: The whole document.
    ///   - delimiter: The field separator, overriding the dialect's.
    ///   - options: The file's name, skip or stop, progress.
    /// - Returns: The contacts, the problems and the accounting.
    /// - Throws: The reader's errors, `ServiceDomainError/Code/malformed` (path `columns.<field>`) for a mapped
    ///   column the file lacks, and with ``BadRecordPolicy/stop`` the first problem's error.
    public func importContacts(
        csv text: String,
        delimiter: Character? = nil,
        options: ImportOptions = ImportOptions()
    ) throws(ServiceDomainError) -> ContactImport {
        var dialect = self.dialect
        if let delimiter { dialect.delimiter = delimiter }
        return try importContacts(
            from: CSVReader(text: text, dialect: dialect, options: options),
            options: options
        )
    }

    /// Reads the contacts of a file, in chunks.
    ///
    /// - Parameters:
    ///   - url: The file.
    ///   - options: Skip or stop, progress.
    /// - Returns: The contacts, the problems and the accounting.
    /// - Throws: As ``importContacts(csv:delimiter:options:)``.
    public func importContacts(contentsOf url: URL, options: ImportOptions = ImportOptions())
        throws(ServiceDomainError) -> ContactImport
    {
        var options = options
        if options.source == nil { options.source = url.lastPathComponent }
        return try importContacts(
            from: CSVReader(contentsOf: url, dialect: dialect, options: options),
            options: options
        )
    }

    /// Reads the contacts from a reader positioned after the header.
    ///
    /// - Parameters:
    ///   - reader: The reader.
    ///   - options: Skip or stop, progress.
    /// - Returns: The contacts, the problems and the accounting.
    /// - Throws: As ``importContacts(csv:delimiter:options:)``.
    public func importContacts(from reader: CSVReader, options: ImportOptions = ImportOptions())
        throws(ServiceDomainError) -> ContactImport
    {
        let source = options.source ?? reader.source
        var rows = try ContactRowReader(mapping: self, header: reader.header, source: source)
        var summary = ImportSummary(file: source)
        var problems: [ImportProblem] = []
        var problemRows = 0
        func report(_ problem: ImportProblem) throws(ServiceDomainError) {
            problemRows += problem.rows
            if options.onBadRecord == .stop { throw problem.error }
            problems.append(problem)
        }
        var contacts: [Contact?] = []
        var lineOf: [Int] = []
        var index: [ContactID: Int] = [:]
        var rejected: Set<ContactID> = []
        // Event shape: rows per contact until the end.
        var order: [String] = []
        var events: [String: [(line: Int, row: ContactRowReader.EventRow)]] = [:]
        var spoiled: [String: Int] = [:]
        while let row = try reader.next() {
            if let progress = options.progress, reader.rowsRead % options.progressInterval == 0 {
                progress(ImportProgress(rows: reader.rowsRead, bytes: reader.bytesRead, problems: problemRows))
            }
            switch row {
            case .problem(let problem):
                try report(problem.inFile(source))
            case .record(let record):
                switch shape {
                case .contactPerRow:
                    let made: Contact?
                    do throws(ImportProblem) {
                        made = try rows.contact(record)
                    } catch {
                        try report(error)
                        continue
                    }
                    guard let contact = made else { continue }
                    if duplicateIDs != .unchecked, let earlier = index[contact.id] {
                        summary.duplicateRows += 1
                        let id = quoted(contact.id.rawValue)
                        switch duplicateIDs {
                        case .keepFirst, .unchecked:
                            try report(
                                rows.problem(
                                    record,
                                    .id,
                                    "contact \(id) repeats line \(lineOf[earlier]); the first is kept"
                                )
                            )
                        case .keepLast:
                            try report(
                                ImportProblem(
                                    file: source,
                                    line: lineOf[earlier],
                                    column: rows.sources[.id]?.name,
                                    reason: "contact \(id) repeats on line \(record.line); the last is kept"
                                )
                            )
                            contacts[earlier] = contact
                            lineOf[earlier] = record.line
                        case .reject:
                            try report(
                                rows.problem(
                                    record,
                                    .id,
                                    "contact \(id) repeats line \(lineOf[earlier]); every row of it is left out"
                                )
                            )
                            if rejected.insert(contact.id).inserted {
                                summary.duplicateRows += 1
                                try report(
                                    ImportProblem(
                                        file: source,
                                        line: lineOf[earlier],
                                        column: rows.sources[.id]?.name,
                                        reason:
                                            "contact \(id) repeats on line \(record.line); every row of it is left out"
                                    )
                                )
                                contacts[earlier] = nil
                            }
                        }
                        continue
                    }
                    if duplicateIDs != .unchecked { index[contact.id] = contacts.count }
                    contacts.append(contact)
                    lineOf.append(record.line)
                case .eventPerRow:
                    let id = rows.text(.id, record)
                    if events[id] == nil, spoiled[id] == nil {
                        order.append(id)
                        events[id] = []
                    }
                    do throws(ImportProblem) {
                        if let parsed = try rows.event(record) {
                            events[id]?.append((record.line, parsed))
                        } else {
                            events[id]?.append((record.line, .unmapped))
                        }
                    } catch {
                        try report(error)
                        if spoiled[id] == nil { spoiled[id] = record.line }
                    }
                }
            }
        }
        if shape == .eventPerRow {
            for id in order {
                let list = events[id] ?? []
                let culprit =
                    spoiled[id]
                    ?? list.first(where: {
                        if case .unmapped = $0.row { true } else { false }
                    })?.line
                if let culprit {
                    for entry in list {
                        if case .unmapped = entry.row { continue }
                        try report(
                            ImportProblem(
                                file: source,
                                line: entry.line,
                                reason: "contact \(quoted(id)) left out: line \(culprit) is unusable"
                            )
                        )
                    }
                    continue
                }
                do throws(ImportProblem) {
                    contacts.append(try rows.eventContact(id: id, list))
                    summary.rowsMerged += list.count - 1
                } catch {
                    try report(error)
                    for entry in list.dropFirst() {
                        try report(
                            ImportProblem(
                                file: source,
                                line: entry.line,
                                reason: "contact \(quoted(id)) left out: line \(error.line) is unusable"
                            )
                        )
                    }
                }
            }
        }
        summary.unmappedValues = rows.unmapped.values(policy: unmappedValues).map {
            UnmappedValue(
                field: $0.field,
                value: $0.value,
                rows: $0.rows,
                firstLine: $0.firstLine,
                policy: rows.isOpen($0.field) ? unmappedValues : .reject
            )
        }
        for value in summary.unmappedValues where value.policy == .reject {
            try report(
                ImportProblem(
                    file: source,
                    line: value.firstLine,
                    column: rows.columnName(value.field),
                    reason: "\(value.field) \(quoted(value.value)) is not mapped to a library value"
                        + " (map it in \"values\": {\"\(value.field)\": {…}})",
                    rows: value.rows
                )
            )
        }
        let kept = contacts.compactMap { $0 }
        summary.rowsImported = kept.count
        summary.records = kept.count
        summary.duplicatePolicy = shape == .contactPerRow ? duplicateIDs : nil
        summary.rowsRead = reader.rowsRead
        summary.bytesRead = reader.bytesRead
        summary.rowsRejected = problemRows
        problems.sort { $0.line < $1.line }
        options.progress?(ImportProgress(rows: reader.rowsRead, bytes: reader.bytesRead, problems: problemRows))
        return ContactImport(contacts: kept, problems: problems, summary: summary)
    }
}

/// Reads contact rows by a mapping, with the columns resolved once.
struct ContactRowReader {
    let mapping: ContactCSVMapping
    let source: String?
    let sources: [ContactCSVMapping.Field: ResolvedSource]
    let vocabularies: [ContactCSVMapping.Field: ValueVocabulary]
    let timestamps: TimestampFormat.Reading
    var zones = ZoneCache()
    var unmapped = UnmappedTally()

    enum EventRow {
        case event(type: String, at: Date, agent: AgentID?, queue: String, channel: Channel?)
        case unmapped
    }

    init(mapping: ContactCSVMapping, header: [String], source: String?) throws(ServiceDomainError) {
        let resolver = ColumnResolver(header: header)
        let sources = try ResolvedSource.resolve(mapping.columns, resolver: resolver)
        self.mapping = mapping
        self.source = source
        self.sources = sources
        self.vocabularies = [
            .outcome: ValueVocabulary(
                field: "outcome",
                translations: mapping.values[.outcome] ?? [:],
                known: ContactCSVMapping.outcomes,
                open: false
            ),
            .type: ValueVocabulary(
                field: "type",
                translations: mapping.values[.type] ?? [:],
                known: ContactCSVMapping.eventTypes,
                open: false
            ),
            .channel: ValueVocabulary(
                field: "channel",
                translations: mapping.values[.channel] ?? [:],
                known: Channel.builtIn.map(\.rawValue),
                open: true
            ),
        ]
        self.timestamps = try mapping.timestamps.reading()
    }

    func isOpen(_ field: String) -> Bool { field == "channel" }

    func columnName(_ field: String) -> String? {
        ContactCSVMapping.Field(rawValue: field).flatMap { sources[$0]?.name }
    }

    func text(_ field: ContactCSVMapping.Field, _ record: CSVRecord) -> String { sources[field]?.text(record) ?? "" }

    func problem(_ record: CSVRecord, _ field: ContactCSVMapping.Field, _ reason: String) -> ImportProblem {
        ImportProblem(file: source, line: record.line, column: sources[field]?.name, reason: reason)
    }

    /// A vocabulary value, `nil` when empty; `.none` inside `.some` when unmapped (tallied).
    mutating func word(_ field: ContactCSVMapping.Field, _ record: CSVRecord) -> String?? {
        let value = text(field, record)
        guard !value.isEmpty else { return .some(nil) }
        guard let vocabulary = vocabularies[field] else { return .some(value) }
        if let resolved = vocabulary.resolve(value) { return .some(resolved) }
        unmapped.add(field: field.rawValue, value: value, line: record.line)
        if vocabulary.open, mapping.unmappedValues == .keep { return .some(value) }
        return nil
    }

    mutating func zone(_ record: CSVRecord) throws(ImportProblem) -> TimeZone? {
        let name = text(.timeZone, record)
        guard !name.isEmpty else { return nil }
        guard let zone = zones.zone(named: name) else {
            throw problem(record, .timeZone, "no IANA time zone is named \(quoted(name))")
        }
        return zone
    }

    func instant(_ field: ContactCSVMapping.Field, _ record: CSVRecord, zone: TimeZone?) throws(ImportProblem) -> Date?
    {
        let value = text(field, record)
        guard !value.isEmpty else { return nil }
        do throws(ServiceDomainError) {
            return try timestamps.instant(from: value, zone: zone)
        } catch {
            throw problem(record, field, error.message)
        }
    }

    func duration(_ field: ContactCSVMapping.Field, _ record: CSVRecord) throws(ImportProblem) -> TimeInterval? {
        let value = text(field, record)
        guard !value.isEmpty else { return nil }
        let seconds: TimeInterval
        do throws(ServiceDomainError) {
            seconds = try mapping.durations.seconds(from: value, numbers: mapping.numbers)
        } catch {
            throw problem(record, field, error.message)
        }
        guard seconds >= 0 else { throw problem(record, field, "\(quoted(value)) is a negative duration") }
        return seconds
    }

    /// One contact row, or `nil` when a value is unmapped.
    mutating func contact(_ record: CSVRecord) throws(ImportProblem) -> Contact? {
        let id = text(.id, record)
        guard !id.isEmpty else { throw problem(record, .id, "the contact has no identifier") }
        let zone = try zone(record)
        guard let offered = try instant(.offered, record, zone: zone) else {
            throw problem(record, .offered, "the contact has no offer instant")
        }
        guard let outcomeWord = word(.outcome, record), let channelWord = word(.channel, record) else { return nil }
        let answered = try instant(.answered, record, zone: zone)
        var abandoned = try instant(.abandoned, record, zone: zone)
        var abandonField = ContactCSVMapping.Field.abandoned
        if abandoned == nil, answered == nil, let dequeued = try instant(.dequeued, record, zone: zone) {
            abandoned = dequeued
            abandonField = .dequeued
        }
        let wait = try duration(.wait, record)
        let agentText = text(.agent, record)
        let agent = agentText.isEmpty ? nil : AgentID(agentText)
        let outcome: Contact.Outcome
        switch (outcomeWord, answered, abandoned) {
        case (_, .some, .some):
            throw problem(record, .abandoned, "the contact has both an answer and an abandon instant")
        case ("abandoned"?, .some, _), ("queued"?, .some, _):
            throw problem(
                record,
                .answered,
                "the contact is \(quoted(text(.outcome, record))) yet has an answer instant"
            )
        case ("answered"?, _, .some), ("queued"?, _, .some):
            throw problem(
                record,
                .abandoned,
                "the contact is \(quoted(text(.outcome, record))) yet has an abandon instant"
            )
        case (_, .some(let at), nil):
            outcome = .answered(at: at, agent: agent)
        case (_, nil, .some(let at)):
            outcome = .abandoned(at: at)
        case ("answered"?, nil, nil):
            guard let wait else {
                throw problem(record, .wait, "an answered contact needs an answer instant or its wait")
            }
            outcome = .answered(at: offered.addingTimeInterval(wait), agent: agent)
        case ("abandoned"?, nil, nil):
            guard let wait else {
                throw problem(record, .wait, "an abandoned contact needs an abandon instant or its wait")
            }
            outcome = .abandoned(at: offered.addingTimeInterval(wait))
        case ("queued"?, nil, nil):
            outcome = .queued
        case (nil, nil, nil) where sources[.outcome] == nil:
            // Without an outcome column, a contact neither answered nor abandoned is still in the queue.
            outcome = .queued
        default:
            throw problem(
                record,
                .outcome,
                "the row says neither when the contact was answered or abandoned nor its outcome"
            )
        }
        let talk = try duration(.talk, record) ?? 0
        let hold = try duration(.hold, record) ?? 0
        let wrap = try duration(.wrap, record) ?? 0
        do throws(ServiceDomainError) {
            return try Contact(
                id: ContactID(id),
                channel: channelWord.map(Channel.init(rawValue:)) ?? mapping.defaultChannel,
                queue: text(.queue, record),
                offeredAt: offered,
                outcome: outcome,
                talkTime: talk,
                holdTime: hold,
                wrapUpTime: wrap
            )
        } catch {
            let field: ContactCSVMapping.Field =
                switch error.path {
                case "talkTime": .talk
                case "holdTime": .hold
                case "wrapUpTime": .wrap
                case "answeredAt": answered == nil ? .wait : .answered
                case "abandonedAt": abandoned == nil ? .wait : abandonField
                default: .id
                }
            throw problem(record, field, error.message)
        }
    }

    /// One event row, or `nil` when a value is unmapped.
    mutating func event(_ record: CSVRecord) throws(ImportProblem) -> EventRow? {
        let zone = try zone(record)
        guard let at = try instant(.at, record, zone: zone) else {
            throw problem(record, .at, "the event has no instant")
        }
        guard let typeWord = word(.type, record), let channelWord = word(.channel, record) else { return nil }
        guard let type = typeWord else { throw problem(record, .type, "the row has no event type") }
        let agentText = text(.agent, record)
        return .event(
            type: type,
            at: at,
            agent: agentText.isEmpty ? nil : AgentID(agentText),
            queue: text(.queue, record),
            channel: channelWord.map(Channel.init(rawValue:))
        )
    }

    /// A contact of the event shape from its rows.
    func eventContact(id: String, _ rows: [(line: Int, row: EventRow)]) throws(ImportProblem) -> Contact {
        var events: [(line: Int, type: String, at: Date, agent: AgentID?, queue: String, channel: Channel?)] = []
        for entry in rows {
            if case .event(let type, let at, let agent, let queue, let channel) = entry.row {
                events.append((entry.line, type, at, agent, queue, channel))
            }
        }
        events = events.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
        let firstLine = rows.first?.line ?? 0
        guard let offer = events.first(where: { $0.type == "offered" }) else {
            throw ImportProblem(file: source, line: firstLine, reason: "contact \(quoted(id)) has no offered event")
        }
        let answer = events.first { $0.type == "answered" }
        let abandon = events.first { $0.type == "abandoned" }
        let end = events.last { $0.type == "ended" }
        let wrapEnd = events.last { $0.type == "wrapEnded" }
        if let answer, let abandon {
            throw ImportProblem(
                file: source,
                line: max(answer.line, abandon.line),
                reason: "contact \(quoted(id)) is both answered and abandoned"
            )
        }
        var hold = 0.0
        var heldSince: Date?
        for event in events {
            if event.type == "held", heldSince == nil { heldSince = event.at }
            if event.type == "resumed", let since = heldSince {
                hold += event.at.timeIntervalSince(since)
                heldSince = nil
            }
        }
        if let since = heldSince, let end { hold += end.at.timeIntervalSince(since) }
        var talk = 0.0
        if let answer, let end { talk = max(end.at.timeIntervalSince(answer.at) - hold, 0) }
        var wrap = 0.0
        if let end, let wrapEnd { wrap = max(wrapEnd.at.timeIntervalSince(end.at), 0) }
        let outcome: Contact.Outcome =
            if let answer {
                .answered(at: answer.at, agent: answer.agent ?? events.first { $0.agent != nil }?.agent)
            } else if let abandon {
                .abandoned(at: abandon.at)
            } else {
                .queued
            }
        do throws(ServiceDomainError) {
            return try Contact(
                id: ContactID(id),
                channel: offer.channel ?? events.first { $0.channel != nil }?.channel ?? mapping.defaultChannel,
                queue: offer.queue.isEmpty ? events.first { !$0.queue.isEmpty }?.queue ?? "" : offer.queue,
                offeredAt: offer.at,
                outcome: outcome,
                talkTime: answer == nil ? 0 : talk,
                holdTime: answer == nil ? 0 : hold,
                wrapUpTime: answer == nil ? 0 : wrap
            )
        } catch {
            throw ImportProblem(file: source, line: offer.line, reason: "contact \(quoted(id)): \(error.message)")
        }
    }
}

extension ContactCSVMapping {
    /// Reads a contact export into columns.
    ///
    /// The contacts are read as ``importContacts(contentsOf:options:)`` reads them (held until the end of the file,
    /// to find repeated identifiers) and then laid out as a batch.
    ///
    /// - Parameters:
    ///   - url: The file.
    ///   - options: Skip or stop, progress.
    /// - Returns: The batch, the problems and the accounting.
    /// - Throws: As ``importContacts(contentsOf:options:)``.
    public func importBatch(contentsOf url: URL, options: ImportOptions = ImportOptions())
        throws(ServiceDomainError) -> (batch: ContactBatch, problems: [ImportProblem], summary: ImportSummary)
    {
        let imported = try importContacts(contentsOf: url, options: options)
        return (ContactBatch(imported.contacts), imported.problems, imported.summary)
    }
}
