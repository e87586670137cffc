import Foundation

/// The cases an import produced, and the records it could not use.
public struct CaseImport: Sendable, Hashable {
    /// The cases, in the order they first appear in the file.
    public let cases: [Case]
    /// The records left out, in file order, each with its line and reason.
    ///
    /// Empty when every record was used.
    public let problems: [ImportProblem]
    /// How many data records the file held (its rows after the header, well-formed or not).
    public let recordCount: Int

    /// Creates a result.
    ///
    /// - Parameters:
    ///   - cases: The cases.
    ///   - problems: The records left out.
    ///   - recordCount: The data records in the file.
    public init(cases: [Case], problems: [ImportProblem], recordCount: Int) {
        self.cases = cases
        self.problems = problems
        self.recordCount = recordCount
    }
}

extension CaseCSVMapping {
    /// Reads the cases of a CSV export.
    ///
    /// A record that cannot be used — a malformed CSV record, an instant that does not fit the format, an unknown
    /// event type or status, or a case whose timeline is invalid (events before creation, no creation, a reopen of a
    /// case that is not solved) — is reported with its line and, where one is at fault, its column. In the event shape
    /// a case is imported whole or not at all: when one of its rows is unusable, its other rows are reported as well
    /// (reason: which line spoiled the case), so that no case is built from part of its timeline.
    ///
    /// - Parameters:
    ///   - text: The whole CSV document.
    ///   - delimiter: The field separator.
    ///   - onBadRecord: Skip unusable records (the default) or stop at the first.
    /// - Returns: The cases and the problems.
    /// - Throws: The document's errors (see ``CSVDocument/init(parsing:delimiter:)``),
    ///   ``ServiceDomainError/Code/malformed`` (path `columns.<field>`) when a mapped column is not in the header, and
    ///   with ``BadRecordPolicy/stop`` the first problem's error (code ``ServiceDomainError/Code/badRecord``, path
    ///   `line[N].<column>`).
    public func importCases(
        csv text: String,
        delimiter: Character = ",",
        onBadRecord: BadRecordPolicy = .skip
    ) throws(ServiceDomainError) -> CaseImport {
        try importCases(from: CSVDocument(parsing: text, delimiter: delimiter), onBadRecord: onBadRecord)
    }

    /// Reads the cases of a parsed CSV document; see ``importCases(csv:delimiter:onBadRecord:)``.
    ///
    /// - Parameters:
    ///   - document: The document.
    ///   - onBadRecord: Skip unusable records or stop at the first.
    /// - Returns: The cases and the problems.
    /// - Throws: As ``importCases(csv:delimiter:onBadRecord:)``.
    public func importCases(from document: CSVDocument, onBadRecord: BadRecordPolicy = .skip)
        throws(ServiceDomainError) -> CaseImport
    {
        let reader = try RowReader(mapping: self, document: document)
        var problems = document.problems
        var cases: [Case] = []
        // With `.stop` the whole file is still read, so that the error is the first problem by line, whether it
        // came from the CSV syntax or from a field.
        func report(_ problem: ImportProblem) { problems.append(problem) }
        switch shape {
        case .ticketPerRow:
            for record in document.records {
                do throws(ImportProblem) {
                    cases.append(try reader.ticket(record))
                } catch {
                    report(error)
                }
            }
        case .eventPerRow:
            var order: [String] = []
            var rows: [String: [CSVRecord]] = [:]
            for record in document.records {
                let id = reader.text(.case, record)
                if rows[id] == nil { order.append(id) }
                rows[id, default: []].append(record)
            }
            for id in order {
                let records = rows[id] ?? []
                do throws(ImportProblem) {
                    cases.append(try reader.eventCase(id: id, records))
                } catch {
                    report(error)
                    for other in records where other.line != error.line {
                        report(
                            ImportProblem(
                                line: other.line,
                                reason: "case \"\(id)\" left out: line \(error.line) is unusable"
                            )
                        )
                    }
                }
            }
        }
        problems.sort { $0.line < $1.line }
        if onBadRecord == .stop, let first = problems.first { throw first.error }
        return CaseImport(
            cases: cases,
            problems: problems,
            recordCount: document.records.count + document.problems.count
        )
    }
}

/// Reads the fields of records by a mapping, with the column indexes looked up once.
private struct RowReader {
    let mapping: CaseCSVMapping
    let index: [CaseCSVMapping.Field: Int]
    let timestamps: TimestampFormat.Reading

    init(mapping: CaseCSVMapping, document: CSVDocument) throws(ServiceDomainError) {
        let index = try document.indexes(of: mapping.columns)
        self.mapping = mapping
        self.index = index
        self.timestamps = try TimestampFormat.Reading(mapping.timestamps)
    }

    /// The field's text, translated, trimmed; `""` when the field has no column.
    func text(_ field: CaseCSVMapping.Field, _ record: CSVRecord) -> String {
        guard let column = index[field] else { return "" }
        let raw = record[column].trimmingSpacesAndTabs
        return mapping.values[field]?[raw] ?? raw
    }

    func problem(_ record: CSVRecord, _ field: CaseCSVMapping.Field, _ reason: String) -> ImportProblem {
        ImportProblem(line: record.line, column: mapping.columns[field], reason: reason)
    }

    func instant(_ field: CaseCSVMapping.Field, _ record: CSVRecord) throws(ImportProblem) -> Date? {
        let value = text(field, record)
        guard !value.isEmpty else { return nil }
        do throws(ServiceDomainError) {
            return try timestamps.instant(from: value)
        } catch {
            throw problem(record, field, error.message)
        }
    }

    func list(_ field: CaseCSVMapping.Field, _ record: CSVRecord) -> Set<String> {
        Set(text(field, record).listItems(separatedBy: mapping.listSeparator))
    }

    func optional<T: RawRepresentable>(_ field: CaseCSVMapping.Field, _ record: CSVRecord) -> T?
    where T.RawValue == String {
        let value = text(field, record)
        return value.isEmpty ? nil : T(rawValue: value)
    }

    /// The case fields of a record: channel, priority, customer, team, tags.
    func caseFields(_ record: CSVRecord) throws(ImportProblem) -> (Channel, Priority, Customer?, TeamID?, Set<String>) {
        let channel: Channel = optional(.channel, record) ?? mapping.defaultChannel
        let priority: Priority = optional(.priority, record) ?? .normal
        var customer: Customer?
        let customerID = text(.customer, record)
        if !customerID.isEmpty {
            do throws(ServiceDomainError) {
                customer = try Customer(
                    id: CustomerID(customerID),
                    role: optional(.customerRole, record) ?? .consumer,
                    segments: list(.segments, record)
                )
            } catch {
                throw problem(record, .customer, error.message)
            }
        }
        return (channel, priority, customer, optional(.team, record), list(.tags, record))
    }

    /// One ticket row: created, first reply, solved.
    func ticket(_ record: CSVRecord) throws(ImportProblem) -> Case {
        let id = text(.id, record)
        guard !id.isEmpty else { throw problem(record, .id, "the ticket has no identifier") }
        guard let created = try instant(.created, record) else {
            throw problem(record, .created, "the ticket has no creation instant")
        }
        // Event ids name the field each event came from, so that a validation error can blame its column.
        var events = [CaseEvent(id: "created", at: created, kind: .created)]
        if let reply = try instant(.firstReply, record) {
            events.append(CaseEvent(id: "firstReply", at: reply, kind: .agentReply(agent: optional(.agent, record))))
        }
        if let solved = try instant(.solved, record) {
            events.append(CaseEvent(id: "solved", at: solved, kind: .statusChanged(.solved)))
        }
        // A first reply and a solve at one instant, or a solve before the reply: keep time order, blame the solve.
        events.sort { $0.at < $1.at }
        switch try makeCase(id, fieldsFrom: record, events: events) {
        case .success(let item): return item
        case .failure(let error):
            let field = Self.eventIndex(error.path).flatMap { i in
                events.indices.contains(i) ? CaseCSVMapping.Field(rawValue: events[i].id.rawValue) : nil
            }
            throw problem(record, field ?? .id, error.message)
        }
    }

    /// A case with the case fields of a record and the given events, or the case's own validation error (for the
    /// caller to blame the right row and column).
    func makeCase(_ id: String, fieldsFrom record: CSVRecord, events: [CaseEvent]) throws(ImportProblem)
        -> Result<Case, ServiceDomainError>
    {
        let (channel, priority, customer, team, tags) = try caseFields(record)
        return Result { () throws(ServiceDomainError) in
            try Case(
                id: CaseID(id),
                channel: channel,
                priority: priority,
                customer: customer,
                team: team,
                tags: tags,
                events: events
            )
        }
    }

    /// One case of the event shape from its rows.
    func eventCase(id: String, _ records: [CSVRecord]) throws(ImportProblem) -> Case {
        guard let first = records.first else { throw ImportProblem(line: 0, reason: "no rows") }
        guard !id.isEmpty else { throw problem(first, .case, "the row has no case identifier") }
        var events: [(record: CSVRecord, event: CaseEvent)] = []
        var creation: CSVRecord?
        for record in records {
            guard let at = try instant(.at, record) else { throw problem(record, .at, "the event has no instant") }
            let kind = try eventKind(record)
            if case .created = kind, creation == nil { creation = record }
            let eventID = text(.event, record)
            events.append(
                (record, CaseEvent(id: CaseEventID(eventID.isEmpty ? "L\(record.line)" : eventID), at: at, kind: kind))
            )
        }
        // Stable: equal instants keep their file order.
        events = events.enumerated().sorted { ($0.element.event.at, $0.offset) < ($1.element.event.at, $1.offset) }
            .map(\.element)
        switch try makeCase(id, fieldsFrom: creation ?? first, events: events.map(\.event)) {
        case .success(let item): return item
        case .failure(let error):
            let culprit = Self.eventIndex(error.path).flatMap { events.indices.contains($0) ? events[$0].record : nil }
            throw problem(culprit ?? first, culprit == nil ? .case : .type, "case \"\(id)\": \(error.message)")
        }
    }

    func eventKind(_ record: CSVRecord) throws(ImportProblem) -> CaseEvent.Kind {
        let agent: AgentID? = optional(.agent, record)
        let team: TeamID? = optional(.team, record)
        switch text(.type, record) {
        case "created": return .created
        case "assigned": return .assigned(agent: agent, team: team)
        case "agentReply": return .agentReply(agent: agent)
        case "internalNote": return .internalNote(agent: agent)
        case "customerReply": return .customerReply
        case "statusChanged":
            let value = text(.status, record)
            guard let status = CaseStatus(rawValue: value) else {
                throw problem(
                    record,
                    .status,
                    "unknown status \"\(value)\"; expected "
                        + CaseStatus.allCases.map(\.rawValue).joined(separator: ", ")
                )
            }
            return .statusChanged(status)
        case "priorityChanged":
            guard let priority: Priority = optional(.priority, record) else {
                throw problem(record, .priority, "a priority change without the new priority")
            }
            return .priorityChanged(priority)
        case "escalated": return .escalated(team: team)
        case "reopened": return .reopened
        case let other:
            throw problem(
                record,
                .type,
                "unknown event type \"\(other)\"; expected created, assigned, agentReply, internalNote, customerReply, "
                    + "statusChanged, priorityChanged, escalated or reopened (or map yours in \"values\")"
            )
        }
    }

    /// The index in `events[3]`-style paths.
    static func eventIndex(_ path: String?) -> Int? {
        guard let path, path.hasPrefix("events["), let close = path.firstIndex(of: "]") else { return nil }
        return Int(path[path.index(path.startIndex, offsetBy: 7)..<close])
    }
}

/// A problem can be thrown where a single record is read; ``ImportProblem/error`` is its ``ServiceDomainError`` form.
extension ImportProblem: Error {}
