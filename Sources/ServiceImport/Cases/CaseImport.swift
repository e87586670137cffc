public import Foundation
public import ServiceDomain

/// The cases an import produced, the rows it could not use, and its accounting.
public struct CaseImport: Sendable, Hashable {
    /// The cases, in the order they first appear in the file.
    public let cases: [Case]
    /// The rows left out, in file order, each with its line and reason; a problem may stand for several rows (an
    /// unmapped value), see ``ImportProblem/rows``.
    public let problems: [ImportProblem]
    /// The accounting: rows read, imported, merged and left out.
    public let summary: ImportSummary

    /// How many data records the file held (its rows after the header, well-formed or not).
    public var recordCount: Int { summary.rowsRead }

    /// Creates a result.
    ///
    /// - Parameters:
    ///   - cases: The cases.
    ///   - problems: The rows left out.
    ///   - summary: The accounting.
    public init(cases: [Case], problems: [ImportProblem], summary: ImportSummary) {
        self.cases = cases
        self.problems = problems
        self.summary = summary
    }
}

extension CaseCSVMapping {
    /// Reads the cases of a CSV export held in memory.
    ///
    /// A row that cannot be used — a malformed CSV record, an instant that does not fit the format, an unmapped
    /// value, a repeated ticket identifier, or a case whose timeline is invalid (events before creation, no
    /// creation, a reopen of a case that is not solved) — is reported with its line and, where one is at fault, its
    /// column. In the event shape a case is imported whole or not at all: when one of its rows is unusable, its other
    /// rows are reported as well (reason: which line spoiled the case), so that no case is built from part of its
    /// timeline.
    ///
    /// - Parameters:
    ///   - text: The whole CSV document.
    ///   - delimiter: The field separator, overriding the mapping's dialect.
    ///   - calendar: The business calendar for durations counted in business time (``DerivedInstant/Clock/business``).
    ///   - options: The file's name, skip or stop, progress.
    /// - Returns: The cases, the problems and the accounting.
    /// - Throws: The reader's errors (see ``CSVReader``), `ServiceDomainError/Code/malformed` (path
    ///   `columns.<field>`) when a mapped column is not in the header (the message lists the closest names), and
    ///   with ``BadRecordPolicy/stop`` the first problem's error (code `ServiceDomainError/Code/badRecord`, path
    ///   `line[N].<column>`).
    public func importCases(
        csv text: String,
        delimiter: Character? = nil,
        calendar: BusinessCalendar? = nil,
        options: ImportOptions = ImportOptions()
    ) throws(ServiceDomainError) -> CaseImport {
        var dialect = self.dialect
        if let delimiter { dialect.delimiter = delimiter }
        let reader = try CSVReader(text: text, dialect: dialect, options: options)
        return try importCases(from: reader, calendar: calendar, options: options)
    }

    /// Reads the cases of a CSV export held in memory; see ``importCases(csv:delimiter:calendar:options:)``.
    ///
    /// - Parameters:
    ///   - text: The whole CSV document.
    ///   - delimiter: The field separator.
    ///   - onBadRecord: Skip unusable records (the default) or stop at the first.
    /// - Returns: The cases and the problems.
    /// - Throws: As ``importCases(csv:delimiter:calendar:options:)``.
    public func importCases(
        csv text: String,
        delimiter: Character? = nil,
        onBadRecord: BadRecordPolicy
    ) throws(ServiceDomainError) -> CaseImport {
        try importCases(csv: text, delimiter: delimiter, options: ImportOptions(onBadRecord: onBadRecord))
    }

    /// Reads the cases of a file, in chunks.
    ///
    /// - Parameters:
    ///   - url: The file.
    ///   - calendar: The business calendar for durations counted in business time.
    ///   - options: Skip or stop, progress (the file's name defaults to the URL's last component).
    /// - Returns: The cases, the problems and the accounting.
    /// - Throws: As ``importCases(csv:delimiter:calendar:options:)``.
    public func importCases(
        contentsOf url: URL,
        calendar: BusinessCalendar? = nil,
        options: ImportOptions = ImportOptions()
    ) throws(ServiceDomainError) -> CaseImport {
        let reader = try CSVReader(contentsOf: url, dialect: dialect, options: options)
        var options = options
        if options.source == nil { options.source = url.lastPathComponent }
        return try importCases(from: reader, calendar: calendar, options: options)
    }

    /// Reads the cases from a reader into an array; see ``importCases(csv:delimiter:calendar:options:)``.
    ///
    /// - Parameters:
    ///   - reader: The reader, positioned after the header.
    ///   - calendar: The business calendar for durations counted in business time.
    ///   - options: Skip or stop, progress.
    /// - Returns: The cases, the problems and the accounting.
    /// - Throws: As ``importCases(csv:delimiter:calendar:options:)``.
    public func importCases(
        from reader: CSVReader,
        calendar: BusinessCalendar? = nil,
        options: ImportOptions = ImportOptions()
    ) throws(ServiceDomainError) -> CaseImport {
        var cases: [Case] = []
        var problems: [ImportProblem] = []
        let summary = try streamCases(
            from: reader,
            calendar: calendar,
            options: options,
            problem: { problems.append($0) },
            case: { cases.append($0) }
        )
        problems.sort { $0.line < $1.line }
        return CaseImport(cases: cases, problems: problems, summary: summary)
    }

    /// Reads a parsed document's cases; see ``importCases(csv:delimiter:calendar:options:)``.
    ///
    /// - Parameters:
    ///   - document: The document.
    ///   - onBadRecord: Skip unusable records or stop at the first.
    /// - Returns: The cases and the problems.
    /// - Throws: As ``importCases(csv:delimiter:calendar:options:)``.
    public func importCases(from document: CSVDocument, onBadRecord: BadRecordPolicy = .skip)
        throws(ServiceDomainError) -> CaseImport
    {
        var text = CSVDocument.record(document.header, delimiter: document.dialect.delimiter ?? ",")
        var lines: [Int] = []
        for record in document.records {
            text += CSVDocument.record(record.fields, delimiter: document.dialect.delimiter ?? ",")
            lines.append(record.line)
        }
        var plain = dialect
        plain.delimiter = document.dialect.delimiter
        plain.headerRow = 1
        plain.rowsAfterHeader = 0
        var mapping = self
        mapping.dialect = plain
        // Lines of the rewritten text are mapped back to the document's.
        let result = try mapping.importCases(csv: text, options: ImportOptions(onBadRecord: .skip))
        func original(_ line: Int) -> Int { lines.indices.contains(line - 2) ? lines[line - 2] : line }
        var problems = document.problems
        problems += result.problems.map {
            ImportProblem(file: $0.file, line: original($0.line), column: $0.column, reason: $0.reason, rows: $0.rows)
        }
        problems.sort { $0.line < $1.line }
        if onBadRecord == .stop, let first = problems.first { throw first.error }
        var summary = result.summary
        summary.rowsRead += document.problems.count
        summary.rowsRejected += document.problems.count
        return CaseImport(cases: result.cases, problems: problems, summary: summary)
    }

    /// Reads cases one at a time, handing each to `case` as soon as it is complete, so that memory stays bounded by
    /// the reader's chunk and the cases still open.
    ///
    /// In the ticket shape a case is complete with its row, unless ``duplicateIDs`` is ``DuplicatePolicy/reject`` or
    /// ``DuplicatePolicy/keepLast``: then every case is held to the end, as a later row may still repeat it. In the
    /// event shape every case is held to the end, as its rows may be anywhere in the file, unless
    /// ``rowsGroupedByCase`` says each case's rows are together: then a case is complete when another case's row
    /// comes, and memory holds one open case and the finished identifiers. The identifiers seen are
    /// kept to find repeats, unless the policy is ``DuplicatePolicy/unchecked``.
    ///
    /// - Parameters:
    ///   - reader: The reader, positioned after the header.
    ///   - calendar: The business calendar for durations counted in business time.
    ///   - options: Skip or stop, progress.
    ///   - problem: Called with each problem, in the order found (not always by line).
    ///   - case: Called with each case.
    /// - Returns: The accounting.
    /// - Throws: As ``importCases(csv:delimiter:calendar:options:)``; with ``BadRecordPolicy/stop`` the first
    ///   problem found.
    public func streamCases(
        from reader: CSVReader,
        calendar: BusinessCalendar? = nil,
        options: ImportOptions = ImportOptions(),
        problem: (ImportProblem) -> Void,
        case: (Case) -> Void
    ) throws(ServiceDomainError) -> ImportSummary {
        let source = options.source ?? reader.source
        var rows = try CaseRowReader(mapping: self, header: reader.header, calendar: calendar, source: source)
        var summary = ImportSummary(file: source)
        summary.duplicatePolicy = shape == .ticketPerRow ? duplicateIDs : nil
        var problemRows = 0
        func report(_ found: ImportProblem) throws(ServiceDomainError) {
            problemRows += found.rows
            if options.onBadRecord == .stop { throw found.error }
            problem(found)
        }
        func emit(_ made: Case) {
            summary.derivedInstants += made.events.count { $0.derivedFrom != nil }
            `case`(made)
        }
        func tick() {
            guard let progress = options.progress, reader.rowsRead % options.progressInterval == 0 else { return }
            progress(ImportProgress(rows: reader.rowsRead, bytes: reader.bytesRead, problems: problemRows))
        }
        switch shape {
        case .ticketPerRow:
            var assembler = TicketAssembler(policy: duplicateIDs)
            while let row = try reader.next() {
                tick()
                switch row {
                case .problem(let found):
                    try report(found.inFile(source))
                case .record(let record):
                    let ticket: Case?
                    do throws(ImportProblem) {
                        ticket = try rows.ticket(record)
                    } catch {
                        try report(error)
                        continue
                    }
                    guard let ticket else { continue }
                    for rejected in assembler.add(ticket, line: record.line, emit: emit) {
                        try report(rejected.inFile(source))
                    }
                }
            }
            for rejected in assembler.finish(emit: emit) { try report(rejected.inFile(source)) }
            summary.rowsImported = assembler.kept
            summary.records = assembler.kept
            summary.duplicateRows = assembler.duplicateRows
        case .eventPerRow:
            var order: [String] = []
            var open: [String: OpenCase] = [:]
            // With rowsGroupedByCase, a case is finished when another case's row comes; the finished identifiers are
            // kept to catch a case whose rows are not together.
            var current: String?
            var finished: Set<String> = []
            func finish(_ id: String) throws(ServiceDomainError) {
                guard let item = open.removeValue(forKey: id) else { return }
                if let culprit = item.spoiledBy ?? item.unmappedLine.map({ ($0, nil) }) {
                    if let error = culprit.1 { try report(error) }
                    for line in item.lines where line != culprit.0 || culprit.1 == nil {
                        guard !rows.unmappedLines.contains(line) else { continue }
                        try report(
                            ImportProblem(
                                file: source,
                                line: line,
                                column: nil,
                                reason: "case \(quoted(id)) left out: line \(culprit.0) is unusable"
                            )
                        )
                    }
                    return
                }
                let made: Result<Case, ImportProblem> = Result { () throws(ImportProblem) in
                    try rows.eventCase(id: id, item)
                }
                switch made {
                case .success(let made):
                    emit(made)
                    summary.rowsImported += 1
                    summary.rowsMerged += item.lines.count - 1
                    summary.records += 1
                case .failure(let error):
                    try report(error)
                    for line in item.lines where line != error.line {
                        try report(
                            ImportProblem(
                                file: source,
                                line: line,
                                reason: "case \(quoted(id)) left out: line \(error.line) is unusable"
                            )
                        )
                    }
                }
            }
            while let row = try reader.next() {
                tick()
                switch row {
                case .problem(let found):
                    try report(found.inFile(source))
                case .record(let record):
                    let id = rows.text(.case, record)
                    if rowsGroupedByCase {
                        if let previous = current, previous != id {
                            try finish(previous)
                            finished.insert(previous)
                        }
                        current = id
                        if finished.contains(id) {
                            try report(
                                rows.problem(
                                    record,
                                    .case,
                                    "the rows of case \(quoted(id)) are not together (the mapping says rowsGroupedByCase):"
                                        + " the case was finished before this line"
                                )
                            )
                            continue
                        }
                    }
                    if open[id] == nil {
                        if !rowsGroupedByCase { order.append(id) }
                        open[id] = OpenCase()
                    }
                    do throws(ImportProblem) {
                        if let parsed = try rows.event(record, wantsFields: { open[id]?.wantsFields(of: $0) ?? true }) {
                            open[id]?.add(parsed, line: record.line)
                            if let limit = options.maximumEventsPerCase, let events = open[id]?.events.count,
                                events > limit
                            {
                                open[id]?.overflow(
                                    line: record.line,
                                    ImportProblem(
                                        file: source,
                                        line: record.line,
                                        column: nil,
                                        reason: "case \(quoted(id)) has more than \(limit) events "
                                            + "(ImportOptions.maximumEventsPerCase); it is left out"
                                    )
                                )
                            }
                        } else {
                            open[id]?.spoil(line: record.line, by: nil)
                        }
                    } catch {
                        open[id]?.spoil(line: record.line, by: error)
                    }
                }
            }
            if let current { try finish(current) }
            for id in order { try finish(id) }
        }
        // Unmapped values: one problem per value with the rows that carry it; a row carrying two is left out once.
        summary.unmappedValues = rows.unmapped.values(policy: unmappedValues).map {
            let open = CaseCSVMapping.Field(rawValue: $0.field).map {
                [.channel, .priority, .customerRole].contains($0)
            }
            return UnmappedValue(
                field: $0.field,
                value: $0.value,
                rows: $0.rows,
                firstLine: $0.firstLine,
                policy: open == true ? unmappedValues : .reject
            )
        }
        problemRows += rows.unmappedLines.count
        for value in summary.unmappedValues where value.policy == .reject {
            let found = ImportProblem(
                file: source,
                line: value.firstLine,
                column: rows.columnName(value.field),
                reason: "\(value.field) \(quoted(value.value)) is not mapped to a library value"
                    + " (map it in \"values\": {\"\(value.field)\": {…}})",
                rows: value.rows
            )
            if options.onBadRecord == .stop { throw found.error }
            problem(found)
        }
        summary.rowsRead = reader.rowsRead
        summary.bytesRead = reader.bytesRead
        summary.rowsRejected = problemRows
        options.progress?(ImportProgress(rows: reader.rowsRead, bytes: reader.bytesRead, problems: problemRows))
        return summary
    }
}

/// The rows of an event-shaped case while the file is read.
struct OpenCase {
    var events: [(line: Int, event: CaseEvent)] = []
    var lines: [Int] = []
    var spoiledBy: (Int, ImportProblem?)?
    var unmappedLine: Int?
    /// The case fields of the row they come from — the earliest creation row, else the earliest row — kept alone, so
    /// that an open case holds one set of fields, not one per row.
    var fields: (isCreation: Bool, at: Date, line: Int, fields: CaseRowReader.CaseFields)?

    mutating func add(_ parsed: (CaseEvent, CaseRowReader.CaseFields?), line: Int) {
        lines.append(line)
        // A case already left out keeps only its lines, for the report.
        guard spoiledBy == nil else { return }
        events.append((line, parsed.0))
        guard let rowFields = parsed.1, wantsFields(of: parsed.0) else { return }
        fields = (parsed.0.kind == .created, parsed.0.at, line, rowFields)
    }

    /// Whether a row with this event would give the case its fields (so that only such rows build them).
    func wantsFields(of event: CaseEvent) -> Bool {
        guard let current = fields else { return true }
        let isCreation = event.kind == .created
        return (isCreation && !current.isCreation) || (isCreation == current.isCreation && event.at < current.at)
    }

    /// The case has more events than allowed: it is left out for this line, and its events are let go.
    mutating func overflow(line: Int, _ problem: ImportProblem) {
        if spoiledBy == nil { spoiledBy = (line, problem) }
        events = []
    }

    /// A row is unusable: with an error, the case is left out for it; with none, its value was unmapped (the rows are
    /// reported with the value).
    mutating func spoil(line: Int, by error: ImportProblem?) {
        lines.append(line)
        if let error {
            if spoiledBy == nil { spoiledBy = (line, error) }
        } else if unmappedLine == nil {
            unmappedLine = line
        }
    }
}

/// Keeps, holds or rejects ticket rows by identifier.
struct TicketAssembler {
    let policy: DuplicatePolicy
    private var seen: [CaseID: Int] = [:]
    private var held: [(line: Int, ticket: Case?)] = []
    private var rejectedIDs: Set<CaseID> = []
    private(set) var kept = 0
    private(set) var duplicateRows = 0

    init(policy: DuplicatePolicy) { self.policy = policy }

    /// Adds a ticket; returns the rows this makes unusable.
    mutating func add(_ ticket: Case, line: Int, emit: (Case) -> Void) -> [ImportProblem] {
        if policy == .unchecked {
            kept += 1
            emit(ticket)
            return []
        }
        guard let index = seen[ticket.id] else {
            if policy == .keepFirst {
                seen[ticket.id] = line
                kept += 1
                emit(ticket)
            } else {
                seen[ticket.id] = held.count
                held.append((line, ticket))
            }
            return []
        }
        duplicateRows += 1
        switch policy {
        case .keepFirst, .unchecked:
            return [
                ImportProblem(
                    line: line,
                    reason: "ticket \(quoted(ticket.id.rawValue)) repeats line \(index); the first row is kept"
                )
            ]
        case .keepLast:
            let earlier = held[index].line
            held[index] = (line, ticket)
            return [
                ImportProblem(
                    line: earlier,
                    reason: "ticket \(quoted(ticket.id.rawValue)) repeats on line \(line); the last row is kept"
                )
            ]
        case .reject:
            var problems = [
                ImportProblem(
                    line: line,
                    reason: "ticket \(quoted(ticket.id.rawValue)) repeats line \(held[index].line); every row of "
                        + "it is left out"
                )
            ]
            if rejectedIDs.insert(ticket.id).inserted {
                duplicateRows += 1
                problems.append(
                    ImportProblem(
                        line: held[index].line,
                        reason: "ticket \(quoted(ticket.id.rawValue)) repeats on line \(line); every row of it is "
                            + "left out"
                    )
                )
                held[index].ticket = nil
            }
            return problems
        }
    }

    /// Emits the held tickets in order.
    mutating func finish(emit: (Case) -> Void) -> [ImportProblem] {
        for entry in held {
            guard let ticket = entry.ticket else { continue }
            kept += 1
            emit(ticket)
        }
        held = []
        return []
    }
}

/// Reads the fields of rows by a mapping, with the columns resolved once.
struct CaseRowReader {
    let mapping: CaseCSVMapping
    let source: String?
    /// The resolved source of each field, by ``CaseCSVMapping/Field/ordinal``.
    let sourceTable: [ResolvedSource?]
    let derived: [(CaseCSVMapping.DerivedInstant, ResolvedSource)]
    /// The vocabulary of each field that has one, by ordinal.
    let vocabularyTable: [ValueVocabulary?]
    let timestamps: TimestampFormat.Reading
    let calendar: BusinessCalendar?
    var zones = ZoneCache()
    var unmapped = UnmappedTally()
    var unmappedLines: Set<Int> = []

    init(mapping: CaseCSVMapping, header: [String], calendar: BusinessCalendar?, source: String?)
        throws(ServiceDomainError)
    {
        let resolver = ColumnResolver(header: header)
        let sources = try ResolvedSource.resolve(mapping.columns, resolver: resolver) { $0 == .tags || $0 == .segments }
        var derived: [(CaseCSVMapping.DerivedInstant, ResolvedSource)] = []
        for (index, derivation) in mapping.derived.enumerated() {
            if derivation.clock == .business, calendar == nil {
                throw ServiceDomainError(
                    .empty,
                    at: "derived[\(index)].clock",
                    "\(derivation.field.rawValue) is derived from business time: the import needs a business calendar"
                )
            }
            derived.append(
                (
                    derivation,
                    try ResolvedSource(
                        derivation.column,
                        resolver: resolver,
                        path: "derived[\(index)].column",
                        allowsList: false
                    )
                )
            )
        }
        if mapping.shape == .ticketPerRow, sources[.status] != nil, sources[.statusChangedAt] == nil {
            throw ServiceDomainError(
                .empty,
                at: "columns.statusChangedAt",
                "a ticket's current status is placed at the instant it changed: map statusChangedAt with status"
            )
        }
        var vocabularies: [CaseCSVMapping.Field: ValueVocabulary] = [:]
        let known: [CaseCSVMapping.Field: ([String], Bool)] = [
            .type: (CaseEventTypeName.all, false),
            .status: (CaseStatus.allCases.map(\.rawValue), false),
            .channel: (Channel.builtIn.map(\.rawValue), true),
            .priority: (Priority.builtIn.map(\.rawValue), true),
            .customerRole: (CustomerRole.builtIn.map(\.rawValue), true),
        ]
        for (field, entry) in known {
            vocabularies[field] = ValueVocabulary(
                field: field.rawValue,
                translations: mapping.values[field] ?? [:],
                known: entry.0,
                open: entry.1
            )
        }
        self.mapping = mapping
        self.source = source
        var sourceTable = [ResolvedSource?](repeating: nil, count: CaseCSVMapping.Field.count)
        for (field, resolved) in sources { sourceTable[field.ordinal] = resolved }
        self.sourceTable = sourceTable
        var vocabularyTable = [ValueVocabulary?](repeating: nil, count: CaseCSVMapping.Field.count)
        for (field, vocabulary) in vocabularies { vocabularyTable[field.ordinal] = vocabulary }
        self.vocabularyTable = vocabularyTable
        self.derived = derived
        self.timestamps = try mapping.timestamps.reading()
        self.calendar = calendar
    }

    @inline(__always) func source(_ field: CaseCSVMapping.Field) -> ResolvedSource? { sourceTable[field.ordinal] }

    func columnName(_ field: String) -> String? {
        CaseCSVMapping.Field(rawValue: field).flatMap { source($0)?.name }
    }

    /// The field's text, trimmed; `""` when the field has no column.
    func text(_ field: CaseCSVMapping.Field, _ record: CSVRecord) -> String {
        source(field)?.text(record) ?? ""
    }

    func problem(_ record: CSVRecord, _ field: CaseCSVMapping.Field, _ reason: String) -> ImportProblem {
        ImportProblem(file: source, line: record.line, column: source(field)?.name, reason: reason)
    }

    /// A vocabulary field's value in the library's spelling; `nil` when empty; throws `Unmapped` when no
    /// translation maps it and the policy rejects.
    mutating func word(_ field: CaseCSVMapping.Field, _ record: CSVRecord) throws(Unmapped) -> String? {
        let value = text(field, record)
        guard !value.isEmpty else { return nil }
        guard let vocabulary = vocabularyTable[field.ordinal] else { return value }
        if let resolved = vocabulary.resolve(value) { return resolved }
        unmapped.add(field: field.rawValue, value: value, line: record.line)
        if mapping.unmappedValues == .keep, vocabulary.open { return value }
        unmappedLines.insert(record.line)
        throw Unmapped()
    }

    struct Unmapped: Error {}

    mutating func zone(_ record: CSVRecord) throws(ImportProblem) -> TimeZone? {
        let name = text(.timeZone, record)
        guard !name.isEmpty else { return nil }
        guard let zone = zones.zone(named: name) else {
            throw problem(record, .timeZone, "no IANA time zone is named \(quoted(name))")
        }
        return zone
    }

    func instant(_ field: CaseCSVMapping.Field, _ record: CSVRecord, zone: TimeZone?) throws(ImportProblem) -> Date? {
        let value = text(field, record)
        guard !value.isEmpty else { return nil }
        do throws(ServiceDomainError) {
            return try timestamps.instant(from: value, zone: zone)
        } catch {
            throw problem(record, field, error.message)
        }
    }

    func list(_ field: CaseCSVMapping.Field, _ record: CSVRecord) -> Set<String> {
        guard let source = source(field) else { return [] }
        if source.gathers {
            return Set(source.parts(record).flatMap { $0.listItems(separatedBy: mapping.listSeparator) })
        }
        let text = source.text(record)
        return text.isEmpty ? [] : Set(text.listItems(separatedBy: mapping.listSeparator))
    }

    struct CaseFields {
        var channel: Channel
        var priority: Priority
        var customer: Customer?
        var team: TeamID?
        var tags: Set<String>
    }

    /// Whether a record's case-field values (channel, priority, role) are all mapped, each unmapped one counted.
    mutating func caseWordsAreMapped(_ record: CSVRecord) throws(ImportProblem) -> Bool {
        var mapped = true
        for field in [CaseCSVMapping.Field.channel, .priority, .customerRole] {
            do throws(Unmapped) {
                _ = try word(field, record)
            } catch {
                mapped = false
            }
        }
        return mapped
    }

    /// The case fields of a record: channel, priority, customer, team, tags.
    mutating func caseFields(_ record: CSVRecord) throws(ImportProblem) -> CaseFields? {
        // Every vocabulary field is looked at, so that each unmapped value is counted on every row that carries it.
        var unmappedHere = false
        func look(_ field: CaseCSVMapping.Field) -> String? {
            do throws(Unmapped) {
                return try word(field, record)
            } catch {
                unmappedHere = true
                return nil
            }
        }
        let channel = look(.channel)
        let priority = look(.priority)
        let role = look(.customerRole)
        guard !unmappedHere else { return nil }
        var customer: Customer?
        let customerID = text(.customer, record)
        if !customerID.isEmpty {
            do throws(ServiceDomainError) {
                customer = try Customer(
                    id: CustomerID(customerID),
                    role: role.map(CustomerRole.init(rawValue:)) ?? .consumer,
                    segments: list(.segments, record)
                )
            } catch {
                throw problem(record, .customer, error.message)
            }
        }
        let team = text(.team, record)
        return CaseFields(
            channel: channel.map(Channel.init(rawValue:)) ?? mapping.defaultChannel,
            priority: priority.map(Priority.init(rawValue:)) ?? .normal,
            customer: customer,
            team: team.isEmpty ? nil : TeamID(team),
            tags: list(.tags, record)
        )
    }

    /// One ticket row, or `nil` when a value is unmapped (counted, reported at the end).
    mutating func ticket(_ record: CSVRecord) throws(ImportProblem) -> Case? {
        let id = text(.id, record)
        guard !id.isEmpty else { throw problem(record, .id, "the ticket has no identifier") }
        let zone = try zone(record)
        guard let created = try instant(.created, record, zone: zone) else {
            throw problem(record, .created, "the ticket has no creation instant")
        }
        let statusWord: String?
        var statusUnmapped = false
        do throws(Unmapped) {
            statusWord = try word(.status, record)
        } catch {
            statusWord = nil
            statusUnmapped = true
        }
        guard var fields = try caseFields(record), !statusUnmapped else { return nil }
        // Indexed by field ordinal: a dictionary keyed by the field would hash its name on every row.
        var recorded = FieldValues<Date>()
        var derivedFrom = FieldValues<String>()
        for field in [CaseCSVMapping.Field.firstReply, .solved, .closed, .statusChangedAt] {
            recorded[field] = try instant(field, record, zone: zone)
        }
        recorded[.created] = created
        for (derivation, column) in derived where recorded[derivation.field] == nil {
            let value = column.text(record)
            guard !value.isEmpty else { continue }
            let seconds: TimeInterval
            do throws(ServiceDomainError) {
                seconds = try derivation.format.seconds(from: value, numbers: mapping.numbers)
            } catch {
                throw ImportProblem(file: source, line: record.line, column: column.name, reason: error.message)
            }
            guard seconds >= 0 else {
                throw ImportProblem(
                    file: source,
                    line: record.line,
                    column: column.name,
                    reason: "\(quoted(value)) is negative: \(derivation.field.rawValue) cannot precede "
                        + derivation.from.rawValue
                )
            }
            guard let start = recorded[derivation.from] else {
                throw ImportProblem(
                    file: source,
                    line: record.line,
                    column: column.name,
                    reason: "\(derivation.field.rawValue) counts from \(derivation.from.rawValue), which the row lacks"
                )
            }
            let at: Date
            if derivation.clock == .business, let calendar {
                do throws(ServiceDomainError) {
                    at = try calendar.date(byAdding: seconds, to: start)
                } catch {
                    throw ImportProblem(file: source, line: record.line, column: column.name, reason: error.message)
                }
            } else {
                at = start.addingTimeInterval(seconds)
            }
            recorded[derivation.field] = at
            derivedFrom[derivation.field] =
                "\(derivation.from.rawValue) + \(column.name)"
                + (derivation.clock == .business ? " (business time)" : "")
        }
        // Event ids name the field each event came from, so that a validation error can blame its column.
        var events = [CaseEvent(id: "created", at: created, kind: .created)]
        let agent = text(.agent, record)
        if let reply = recorded[.firstReply] {
            events.append(
                CaseEvent(
                    id: "firstReply",
                    at: reply,
                    kind: .agentReply(agent: agent.isEmpty ? nil : AgentID(agent)),
                    derivedFrom: derivedFrom[.firstReply]
                )
            )
        }
        var solved = recorded[.solved]
        var closed = recorded[.closed]
        let statusAt = recorded[.statusChangedAt]
        let status = statusWord.flatMap(CaseStatus.init(rawValue:))
        switch status {
        case .solved?:
            if solved == nil, closed == nil { solved = statusAt }
        case .closed?:
            if closed == nil { closed = statusAt }
        default: break
        }
        if let status, status.isResolved, solved == nil, closed == nil {
            throw problem(
                record,
                .statusChangedAt,
                "the ticket is \(quoted(text(.status, record))) but neither its solve nor its status change has an instant"
            )
        }
        if let status, status == .pending || status == .onHold, statusAt == nil {
            throw problem(
                record,
                .statusChangedAt,
                "the ticket is \(quoted(text(.status, record))) but the instant its status changed is empty"
            )
        }
        if let at = solved {
            events.append(
                CaseEvent(id: "solved", at: at, kind: .statusChanged(.solved), derivedFrom: derivedFrom[.solved])
            )
        }
        if let at = closed {
            events.append(
                CaseEvent(id: "closed", at: at, kind: .statusChanged(.closed), derivedFrom: derivedFrom[.closed])
            )
        }
        if let status, !status.isResolved {
            let resolvedAt = [solved, closed].compactMap { $0 }.max()
            if status == .new, resolvedAt != nil {
                throw problem(
                    record,
                    .status,
                    "the ticket is \(quoted(text(.status, record))) yet has a solve or close"
                )
            }
            if let resolvedAt {
                // Open again after a solve: a reopen at the status change.
                guard let statusAt, statusAt > resolvedAt else {
                    throw problem(
                        record,
                        .statusChangedAt,
                        "the ticket is \(quoted(text(.status, record))) after a solve, but its status changed "
                            + "before the solve or no change instant is given"
                    )
                }
                events.append(CaseEvent(id: "reopen", at: statusAt, kind: .reopened))
            }
            if status != .new, status != .open || resolvedAt == nil, let statusAt {
                events.append(CaseEvent(id: "statusChangedAt", at: statusAt, kind: .statusChanged(status)))
            }
        }
        let reopenText = text(.reopens, record)
        if !reopenText.isEmpty {
            guard let count = try? mapping.numbers.number(from: reopenText), count >= 0, count == count.rounded()
            else {
                throw problem(record, .reopens, "\(quoted(reopenText)) is not a count of reopens")
            }
            if count > 0 { fields.tags.insert(mapping.reopenTag) }
        }
        do throws(ServiceDomainError) {
            return try Case(
                id: CaseID(id),
                channel: fields.channel,
                priority: fields.priority,
                customer: fields.customer,
                team: fields.team,
                tags: fields.tags,
                sorting: events
            )
        } catch {
            let sorted = events.enumerated().sorted {
                ($0.element.at, $0.element.kind == .created ? 0 : 1, $0.offset)
                    < ($1.element.at, $1.element.kind == .created ? 0 : 1, $1.offset)
            }.map(\.element)
            let blamed = Self.eventIndex(error.path).flatMap { sorted.indices.contains($0) ? sorted[$0].id : nil }
            let field: CaseCSVMapping.Field =
                switch blamed?.rawValue {
                case "firstReply": .firstReply
                case "solved": .solved
                case "closed": .closed
                case "reopen", "statusChangedAt": .statusChangedAt
                default: .id
                }
            let derivation = derivedFrom[field].map { " (derived: \($0))" } ?? ""
            throw problem(record, field, error.message + derivation)
        }
    }

    /// One row of the event shape: its event and, for a creation row or the case's first, its case fields; `nil`
    /// when a value is unmapped.
    mutating func event(_ record: CSVRecord, wantsFields: (CaseEvent) -> Bool) throws(ImportProblem)
        -> (CaseEvent, CaseFields?)?
    {
        guard !text(.case, record).isEmpty else { throw problem(record, .case, "the row has no case identifier") }
        let zone = try zone(record)
        guard let at = try instant(.at, record, zone: zone) else {
            throw problem(record, .at, "the event has no instant")
        }
        let made: CaseEvent.Kind?
        do throws(Unmapped) {
            made = try eventKind(record)
        } catch {
            return nil
        }
        guard let kind = made else { throw problem(record, .type, "the row has no event type") }
        let eventID = text(.event, record)
        let event = CaseEvent(id: CaseEventID(eventID.isEmpty ? "L\(record.line)" : eventID), at: at, kind: kind)
        // Every row's vocabulary values are checked; the case fields are built only from the row that gives them.
        guard wantsFields(event) else { return try caseWordsAreMapped(record) ? (event, nil) : nil }
        guard let fields = try caseFields(record) else { return nil }
        return (event, fields)
    }

    /// A case of the event shape from its parsed rows.
    func eventCase(id: String, _ item: OpenCase) throws(ImportProblem) -> Case {
        // Stable: equal instants keep their file order.
        let sorted = item.events.enumerated().sorted {
            ($0.element.event.at, $0.offset) < ($1.element.event.at, $1.offset)
        }.map(\.element)
        guard let chosen = item.fields else {
            throw ImportProblem(file: source, line: item.lines.first ?? 0, reason: "case \(quoted(id)) has no rows")
        }
        let fields = chosen.fields
        do throws(ServiceDomainError) {
            return try Case(
                id: CaseID(id),
                channel: fields.channel,
                priority: fields.priority,
                customer: fields.customer,
                team: fields.team,
                tags: fields.tags,
                events: sorted.map(\.event)
            )
        } catch {
            let culprit = Self.eventIndex(error.path).flatMap { sorted.indices.contains($0) ? sorted[$0].line : nil }
            throw ImportProblem(
                file: source,
                line: culprit ?? chosen.line,
                column: culprit == nil ? source(.case)?.name : source(.type)?.name,
                reason: "case \(quoted(id)): \(error.message)"
            )
        }
    }

    mutating func eventKind(_ record: CSVRecord) throws(Unmapped) -> CaseEvent.Kind? {
        let agentText = text(.agent, record)
        let teamText = text(.team, record)
        let agent = agentText.isEmpty ? nil : AgentID(agentText)
        let team = teamText.isEmpty ? nil : TeamID(teamText)
        switch try word(.type, record) {
        case nil: return nil
        case "created": return .created
        case "assigned": return .assigned(agent: agent, team: team)
        case "agentReply": return .agentReply(agent: agent)
        case "internalNote": return .internalNote(agent: agent)
        case "customerReply": return .customerReply
        case "statusChanged":
            guard let status = try word(.status, record).flatMap(CaseStatus.init(rawValue:)) else {
                unmapped.add(field: "status", value: "(empty)", line: record.line)
                unmappedLines.insert(record.line)
                throw Unmapped()
            }
            return .statusChanged(status)
        case "priorityChanged":
            guard let priority = try word(.priority, record) else {
                unmapped.add(field: "priority", value: "(empty)", line: record.line)
                unmappedLines.insert(record.line)
                throw Unmapped()
            }
            return .priorityChanged(Priority(priority))
        case "escalated": return .escalated(team: team)
        case "reopened": return .reopened
        case "scheduleChanged":
            let calendar = text(.schedule, record)
            guard !calendar.isEmpty else {
                unmapped.add(field: "schedule", value: "(empty)", line: record.line)
                unmappedLines.insert(record.line)
                throw Unmapped()
            }
            return .scheduleChanged(CalendarID(calendar))
        default: return nil
        }
    }

    /// The index in `events[3]`-style paths.
    static func eventIndex(_ path: String?) -> Int? {
        guard let path, path.hasPrefix("events["), let close = path.firstIndex(of: "]") else { return nil }
        return Int(path[path.index(path.startIndex, offsetBy: 7)..<close])
    }
}

/// A problem can be thrown where a single record is read; ``ImportProblem/error`` is its `ServiceDomainError` form.
extension ImportProblem: Error {}

/// A value per field, in an array indexed by ``CaseCSVMapping/Field/ordinal``.
struct FieldValues<Value> {
    private var values = [Value?](repeating: nil, count: CaseCSVMapping.Field.count)

    subscript(field: CaseCSVMapping.Field) -> Value? {
        get { values[field.ordinal] }
        set { values[field.ordinal] = newValue }
    }
}

/// The result of importing a case export into a `CaseBatch`: the columns, the rows left out and the accounting.
public struct CaseBatchImport: Sendable, Hashable {
    /// The cases, as columns, in the order they were completed.
    public let batch: CaseBatch
    /// The rows left out, in file order.
    public let problems: [ImportProblem]
    /// The accounting: rows read, imported, merged and left out.
    public let summary: ImportSummary
}

extension CaseCSVMapping {
    /// Reads a case export straight into columns: each case goes into the batch as soon as it is complete and is
    /// not kept, so memory holds the batch (about 60 bytes a case) and the cases still open (see
    /// ``streamCases(from:calendar:options:problem:case:)`` for when that is all of them).
    ///
    /// - Parameters:
    ///   - url: The file.
    ///   - calendar: The business calendar for durations counted in business time.
    ///   - options: Skip or stop, progress (the file's name defaults to the URL's last component).
    ///   - dimensions: Dimensions of your own to keep a column for.
    /// - Returns: The batch, the problems and the accounting.
    /// - Throws: As ``importCases(contentsOf:calendar:options:)``, and a dimension of your own's error for a case
    ///   (path `records[i].dimensions.<name>`, `i` counting the cases imported before it).
    public func importBatch(
        contentsOf url: URL,
        calendar: BusinessCalendar? = nil,
        options: ImportOptions = ImportOptions(),
        keeping dimensions: [GroupingDimension<Case>] = []
    ) throws(ServiceDomainError) -> CaseBatchImport {
        let reader = try CSVReader(contentsOf: url, dialect: dialect, options: options)
        var options = options
        if options.source == nil { options.source = url.lastPathComponent }
        var batch = CaseBatch(keeping: dimensions)
        var problems: [ImportProblem] = []
        var failure: ServiceDomainError?
        let summary = try streamCases(
            from: reader,
            calendar: calendar,
            options: options,
            problem: { problems.append($0) },
            case: { item in
                guard failure == nil else { return }
                do throws(ServiceDomainError) {
                    try batch.append(item)
                } catch {
                    failure = error.nested(under: "records[\(batch.count)]")
                }
            }
        )
        if let failure { throw failure }
        problems.sort { $0.line < $1.line }
        return CaseBatchImport(batch: batch, problems: problems, summary: summary)
    }
}
