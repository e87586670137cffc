public import Foundation
public import ServiceDomain

/// Zendesk Support's data model as a warehouse sync writes it — one CSV file per table — read into full case timelines
/// and business calendars.
///
/// A ticket export holds one row per ticket and loses the timeline; the tables keep it. The tables and the columns read
/// are those of Fivetran's Zendesk connector (the schema its `dbt_zendesk_source` package documents; other syncs that
/// mirror the Zendesk API use the same names):
///
/// | file | columns read |
/// |---|---|
/// | `ticket.csv` (required) | `id`, `created_at`, `updated_at`, `status`, `priority`, `via_channel`, `group_id`, `assignee_id`, `requester_id` |
/// | `ticket_field_history.csv` | `ticket_id`, `field_name`, `updated`, `value` (fields `status`, `priority`, `assignee_id`, `group_id`) |
/// | `ticket_comment.csv` | `ticket_id`, `user_id`, `created`, `public` |
/// | `user.csv` | `id`, `role` (`end-user`, `agent`, `admin`) |
/// | `ticket_tag.csv` | `ticket_id`, `tag` |
/// | `schedule.csv` | `id`, `start_time`, `end_time` (minutes from Sunday 00:00), `time_zone` |
/// | `schedule_holiday.csv` | `schedule_id`, `name`, `start_date`, `end_date` |
/// | `ticket_schedule.csv` | `ticket_id`, `schedule_id`, `created_at` |
/// | `sla_policy_history.csv` | `id`, `title` |
///
/// Each ticket becomes a case: `created` at `created_at`, with the priority and group in force then (the field
/// history's values at the creation instant, else the ticket row's); a status change for each change of `status`
/// (`hold` is on hold; `deleted` is closed; a change from solved or closed to an unsolved status is a `reopened`
/// event, followed by the status when it is pending or on hold); a priority change for each change of `priority`;
/// an assignment for each change of `assignee_id` or `group_id`; and for each comment after the first (the ticket's
/// description), a public agent reply when a public comment's author is an agent or an admin, a customer reply when it
/// is an end user, and an internal note when the comment is private. Events at the same instant keep comments before
/// field changes (a reply "submitted as pending" replies, then pauses). A ticket with no status history has the ticket
/// row's status (when not new or open) at its `updated_at`, as a ticket export would be read.
///
/// The field history's `sla_policy` changes give each ticket's SLA policy history (``Result/slaPolicies``): which
/// policy applied from when, by title where `sla_policy_history` names the id, the value as written otherwise, and
/// `nil` where the policy was removed. They are recorded as read; evaluating them is the service-level policy's work.
///
/// Schedules become `BusinessCalendar`s named `zendesk-<id>`, with their holidays; `ticket_schedule` says which
/// schedule each ticket is on (``Result/ticketCalendars``: the latest by `created_at`), and each of its rows becomes a
/// `scheduleChanged` event at its `created_at` (at the creation for a schedule set before), so that targets on the
/// case's schedule (`TargetClock.caseSchedule`) count each stretch on the schedule then in force. Zendesk names zones as Rails does (`Eastern Time (US &
/// Canada)`); the common names are translated to IANA identifiers, and IANA identifiers are accepted as they are.
///
/// Instants are read as ISO 8601, or as `yyyy-MM-dd HH:mm:ss` (with an optional fraction, and an optional offset or
/// `UTC`) in UTC, as warehouses write them.
///
/// Every row of every table is accounted for in its own ``ImportSummary``: a history or comment row of a ticket that
/// is not in `ticket.csv` is reported, and so is every row of a ticket whose timeline cannot be built.
public struct ZendeskTables: Sendable {
    /// The tables.
    public enum Table: String, Sendable, Hashable, CaseIterable {
        /// Tickets, one row each (required).
        case ticket
        /// Changes of ticket fields.
        case ticketFieldHistory = "ticket_field_history"
        /// Comments.
        case ticketComment = "ticket_comment"
        /// Users, for the role of comment authors.
        case user
        /// Ticket tags.
        case ticketTag = "ticket_tag"
        /// Schedules: one row per weekly interval.
        case schedule
        /// Schedule holidays.
        case scheduleHoliday = "schedule_holiday"
        /// Which schedule a ticket is on.
        case ticketSchedule = "ticket_schedule"
        /// SLA policies, by id and title; which policy a ticket was on comes from the field history's `sla_policy`.
        case slaPolicyHistory = "sla_policy_history"

        /// The file's name: `ticket_field_history.csv`.
        public var fileName: String { rawValue + ".csv" }
    }

    /// The tables' CSV text.
    public var tables: [Table: String]

    /// Tables given as text.
    ///
    /// - Parameter tables: The CSV text of each table present; `ticket` is required.
    public init(tables: [Table: String]) { self.tables = tables }

    /// The tables in a folder, by their file names (`ticket.csv`, `ticket_field_history.csv`, …); absent files are
    /// absent tables.
    ///
    /// - Parameter folder: The folder.
    /// - Throws: `ServiceDomainError/Code/empty` (path `ticket.csv`) when the folder has no `ticket.csv`, and
    ///   `ServiceDomainError/Code/malformed` for a file that cannot be read.
    public init(folder: URL) throws(ServiceDomainError) {
        var tables: [Table: String] = [:]
        for table in Table.allCases {
            let url = folder.appendingPathComponent(table.fileName)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw ServiceDomainError(.malformed, at: table.fileName, "cannot read \(url.path)")
            }
            tables[table] = String(decoding: data, as: UTF8.self)
        }
        guard tables[.ticket] != nil else {
            throw ServiceDomainError(.empty, at: "ticket.csv", "\(folder.path) has no ticket.csv")
        }
        self.tables = tables
    }

    /// What the tables gave.
    public struct Result: Sendable {
        /// The cases, in `ticket.csv`'s order.
        public let cases: [Case]
        /// The calendars of the schedules, by `zendesk-<schedule id>`.
        public let calendars: [CalendarID: BusinessCalendar]
        /// The schedule each ticket is on, where `ticket_schedule` says.
        public let ticketCalendars: [CaseID: CalendarID]
        /// Each ticket's SLA policy history, in time order, where the field history records one.
        public let slaPolicies: [CaseID: [AppliedSLAPolicy]]
        /// The rows left out, by table, in line order.
        public let problems: [ImportProblem]
        /// The accounting of each table present.
        public let summaries: [Table: ImportSummary]
    }

    /// Builds the cases and calendars.
    ///
    /// - Parameter options: Skip or stop at bad rows.
    /// - Returns: The cases, calendars and accounting.
    /// - Throws: `ServiceDomainError/Code/empty` without a ticket table, the readers' errors (a missing column names
    ///   its table: path `ticket_comment.csv.columns.public`), and with ``BadRecordPolicy/stop`` the first problem.
    public func read(options: ImportOptions = ImportOptions()) throws(ServiceDomainError) -> Result {
        guard let ticketText = tables[.ticket] else {
            throw ServiceDomainError(.empty, at: "ticket.csv", "the ticket table is required")
        }
        var problems: [ImportProblem] = []
        var summaries: [Table: ImportSummary] = [:]
        func report(_ problem: ImportProblem) throws(ServiceDomainError) {
            if options.onBadRecord == .stop { throw problem.error }
            problems.append(problem)
        }

        // Users' roles.
        var roles: [String: String] = [:]
        try readTable(.user, columns: ["id", "role"], options: options, summaries: &summaries, report: report) {
            values,
            line in
            roles[values[0]] = values[1].lowercased()
            return nil
        }

        // Tickets.
        struct Ticket {
            let line: Int
            let id: String
            let created: Date
            let status: CaseStatus?
            let priority: Priority
            let channel: Channel
            let group: String
            let assignee: String
            let requester: String
            let updated: Date?
            var history: [(line: Int, at: Date, field: String, value: String)] = []
            var slaPolicies: [(line: Int, at: Date, value: String)] = []
            var comments: [(line: Int, at: Date, author: String, isPublic: Bool)] = []
            var tags: Set<String> = []
            var taggedLines: [Int] = []
        }
        var tickets: [Ticket] = []
        var index: [String: Int] = [:]
        let channels = ValueVocabulary(
            field: "via_channel",
            translations: Self.channels,
            known: Channel.builtIn.map(\.rawValue),
            open: true
        )
        try readTable(
            .ticket,
            text: ticketText,
            columns: [
                "id", "created_at", "status", "priority", "via_channel", "group_id", "assignee_id", "requester_id",
                "updated_at",
            ],
            options: options,
            summaries: &summaries,
            report: report
        ) { values, line in
            guard !values[0].isEmpty else { return "the ticket has no id" }
            guard index[values[0]] == nil else { return "ticket \(quoted(values[0])) is already on an earlier line" }
            guard let created = Self.instant(values[1]) else {
                return "created_at \(quoted(values[1])) is not an instant"
            }
            let status = values[2].isEmpty ? nil : Self.status(values[2])
            if !values[2].isEmpty, status == nil { return "status \(quoted(values[2])) is not a Zendesk status" }
            guard let priority = Self.priority(values[3]) else {
                return "priority \(quoted(values[3])) is not a Zendesk priority"
            }
            index[values[0]] = tickets.count
            tickets.append(
                Ticket(
                    line: line,
                    id: values[0],
                    created: created,
                    status: status,
                    priority: priority,
                    channel: Channel(channels.resolve(values[4]) ?? values[4].lowercased()),
                    group: values[5],
                    assignee: values[6],
                    requester: values[7],
                    updated: Self.instant(values[8])
                )
            )
            return nil
        }
        // SLA policy titles, for the field history's policy ids.
        var policyTitles: [String: String] = [:]
        try readTable(
            .slaPolicyHistory,
            columns: ["id", "title"],
            options: options,
            summaries: &summaries,
            report: report
        ) {
            values,
            _ in
            guard !values[0].isEmpty else { return "the policy has no id" }
            policyTitles[values[0]] = values[1]
            return nil
        }
        // Field history, comments and tags join their ticket.
        try readTable(
            .ticketFieldHistory,
            columns: ["ticket_id", "field_name", "updated", "value"],
            options: options,
            summaries: &summaries,
            report: report,
            merged: true
        ) { values, line in
            guard let position = index[values[0]] else { return "no ticket \(quoted(values[0])) in ticket.csv" }
            guard ["status", "priority", "assignee_id", "group_id", "sla_policy"].contains(values[1]) else {
                return nil
            }
            guard let at = Self.instant(values[2]) else { return "updated \(quoted(values[2])) is not an instant" }
            if values[1] == "sla_policy" {
                tickets[position].slaPolicies.append((line, at, values[3]))
            } else {
                tickets[position].history.append((line, at, values[1], values[3]))
            }
            return nil
        }
        try readTable(
            .ticketComment,
            columns: ["ticket_id", "user_id", "created", "public"],
            options: options,
            summaries: &summaries,
            report: report,
            merged: true
        ) { values, line in
            guard let position = index[values[0]] else { return "no ticket \(quoted(values[0])) in ticket.csv" }
            guard let at = Self.instant(values[2]) else { return "created \(quoted(values[2])) is not an instant" }
            guard let isPublic = Self.boolean(values[3]) else {
                return "public \(quoted(values[3])) is neither true nor false"
            }
            tickets[position].comments.append((line, at, values[1], isPublic))
            return nil
        }
        try readTable(
            .ticketTag,
            columns: ["ticket_id", "tag"],
            options: options,
            summaries: &summaries,
            report: report,
            merged: true
        ) {
            values,
            line in
            guard let position = index[values[0]] else { return "no ticket \(quoted(values[0])) in ticket.csv" }
            if !values[1].isEmpty { tickets[position].tags.insert(values[1]) }
            return nil
        }

        // Schedules.
        var intervals: [String: (zone: String, line: Int, spans: [(Int, Int)])] = [:]
        try readTable(
            .schedule,
            columns: ["id", "start_time", "end_time", "time_zone"],
            options: options,
            summaries: &summaries,
            report: report
        ) { values, line in
            guard let start = Int(values[1]), let end = Int(values[2]), start >= 0, end > start, end <= 10_080 else {
                return "start_time \(quoted(values[1])) and end_time \(quoted(values[2])) are not minutes of the week"
            }
            intervals[values[0], default: (values[3], line, [])].spans.append((start, end))
            return nil
        }
        var holidays: [String: [Holiday]] = [:]
        try readTable(
            .scheduleHoliday,
            columns: ["schedule_id", "name", "start_date", "end_date"],
            options: options,
            summaries: &summaries,
            report: report
        ) { values, line in
            guard intervals[values[0]] != nil || tables[.schedule] == nil else {
                return "no schedule \(quoted(values[0])) in schedule.csv"
            }
            guard let first = try? LocalDate(String(values[2].prefix(10))),
                let last = try? LocalDate(String(values[3].prefix(10))), first <= last,
                last.dayNumber - first.dayNumber < 366
            else { return "start_date \(quoted(values[2])) to end_date \(quoted(values[3])) is not a range of dates" }
            for day in first.dayNumber...last.dayNumber {
                guard let date = try? LocalDate(dayNumber: day),
                    !(holidays[values[0]] ?? []).contains(where: { $0.date == date })
                else { continue }
                holidays[values[0], default: []].append(Holiday(date, name: values[1]))
            }
            return nil
        }
        var calendars: [CalendarID: BusinessCalendar] = [:]
        for (id, schedule) in intervals.sorted(by: { $0.key < $1.key }) {
            do throws(ServiceDomainError) {
                calendars[CalendarID("zendesk-\(id)")] = try Self.calendar(
                    spans: schedule.spans,
                    zone: schedule.zone,
                    holidays: holidays[id] ?? []
                )
            } catch {
                try report(
                    ImportProblem(
                        file: Table.schedule.fileName,
                        line: schedule.line,
                        reason: "schedule \(quoted(id)) cannot be a calendar: \(error.message)",
                        rows: schedule.spans.count
                    )
                )
                summaries[.schedule]?.rowsImported -= schedule.spans.count
                summaries[.schedule]?.rowsRejected += schedule.spans.count
            }
        }
        var ticketCalendars: [CaseID: (Date, CalendarID)] = [:]
        // Every schedule row, for the tickets' `scheduleChanged` events.
        var scheduleRows: [CaseID: [(at: Date, calendar: CalendarID, line: Int)]] = [:]
        try readTable(
            .ticketSchedule,
            columns: ["ticket_id", "schedule_id", "created_at"],
            options: options,
            summaries: &summaries,
            report: report
        ) { values, line in
            guard index[values[0]] != nil else { return "no ticket \(quoted(values[0])) in ticket.csv" }
            guard let at = Self.instant(values[2]) else { return "created_at \(quoted(values[2])) is not an instant" }
            let calendar = CalendarID("zendesk-\(values[1])")
            guard calendars[calendar] != nil else { return "no usable schedule \(quoted(values[1]))" }
            let id = CaseID(values[0])
            scheduleRows[id, default: []].append((at, calendar, line))
            if let current = ticketCalendars[id], current.0 > at { return nil }
            ticketCalendars[id] = (at, calendar)
            return nil
        }

        // Timelines.
        var cases: [Case] = []
        var slaPolicies: [CaseID: [AppliedSLAPolicy]] = [:]
        var rejectedJoined: [Table: Int] = [:]
        for ticket in tickets {
            do throws(ServiceDomainError) {
                var item = try Self.timeline(
                    ticket.id,
                    ticket.created,
                    current: ticket.status.map { ($0, ticket.updated) },
                    ticket.priority,
                    ticket.channel,
                    group: ticket.group,
                    assignee: ticket.assignee,
                    requester: ticket.requester,
                    tags: ticket.tags,
                    history: ticket.history.map { ($0.at, $0.field, $0.value) },
                    comments: ticket.comments.map { ($0.at, $0.author, $0.isPublic) },
                    roles: roles
                )
                // Each schedule row is a move to that schedule, from the row's time (from creation for a schedule
                // set before the ticket existed), so that targets on the case's schedule follow it.
                if let rows = scheduleRows[item.id], !rows.isEmpty {
                    let moves = rows.sorted { ($0.at, $0.line) < ($1.at, $1.line) }.map { row in
                        CaseEvent(
                            id: CaseEventID("schedule-\(row.line)"),
                            at: max(row.at, item.createdAt),
                            kind: .scheduleChanged(row.calendar)
                        )
                    }
                    item = try Case(
                        id: item.id,
                        channel: item.channel,
                        priority: item.priority,
                        customer: item.customer,
                        team: item.team,
                        tags: item.tags,
                        sorting: item.events + moves
                    )
                }
                cases.append(item)
                if !ticket.slaPolicies.isEmpty {
                    slaPolicies[CaseID(ticket.id)] = ticket.slaPolicies.enumerated()
                        .sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
                        .map { entry in
                            let value = entry.element.value
                            return AppliedSLAPolicy(
                                at: entry.element.at,
                                policy: value.isEmpty ? nil : policyTitles[value] ?? value,
                                policyID: value.isEmpty || policyTitles[value] == nil ? nil : value
                            )
                        }
                }
            } catch {
                try report(
                    ImportProblem(
                        file: Table.ticket.fileName,
                        line: ticket.line,
                        reason: "ticket \(quoted(ticket.id)): \(error.message)"
                    )
                )
                let joined =
                    (ticket.history.map(\.line) + ticket.slaPolicies.map(\.line)).map { (Table.ticketFieldHistory, $0) }
                    + ticket.comments.map { (Table.ticketComment, $0.line) }
                for (table, line) in joined {
                    try report(
                        ImportProblem(
                            file: table.fileName,
                            line: line,
                            reason: "ticket \(quoted(ticket.id)) left out: its timeline is invalid"
                        )
                    )
                }
                rejectedJoined[.ticket, default: 0] += 1
                rejectedJoined[.ticketFieldHistory, default: 0] += ticket.history.count + ticket.slaPolicies.count
                rejectedJoined[.ticketComment, default: 0] += ticket.comments.count
            }
        }
        for (table, count) in rejectedJoined {
            if table == .ticket {
                summaries[table]?.rowsImported -= count
            } else {
                summaries[table]?.rowsMerged -= count
            }
            summaries[table]?.rowsRejected += count
        }
        summaries[.ticket]?.records = cases.count
        problems.sort { ($0.file ?? "", $0.line) < ($1.file ?? "", $1.line) }
        return Result(
            cases: cases,
            calendars: calendars,
            ticketCalendars: ticketCalendars.mapValues(\.1),
            slaPolicies: slaPolicies,
            problems: problems,
            summaries: summaries
        )
    }

    /// Reads one table's rows; an absent table is skipped.
    ///
    /// `body` gets the named columns' values (trimmed) and the line, and returns a reason to leave the row out, or
    /// `nil`.
    private func readTable(
        _ table: Table,
        text: String? = nil,
        columns: [String],
        options: ImportOptions,
        summaries: inout [Table: ImportSummary],
        report: (ImportProblem) throws(ServiceDomainError) -> Void,
        merged: Bool = false,
        _ body: ([String], Int) -> String?
    ) throws(ServiceDomainError) {
        guard let text = text ?? tables[table] else { return }
        let file = table.fileName
        let reader: CSVReader
        do throws(ServiceDomainError) {
            var limits = options
            limits.source = file
            reader = try CSVReader(text: text, dialect: .standard, options: limits)
        } catch {
            throw error.nested(under: file)
        }
        let resolver = ColumnResolver(header: reader.header)
        var indexes: [Int] = []
        for column in columns {
            do throws(ServiceDomainError) {
                indexes.append(try resolver.column(for: column, path: "columns.\(column)"))
            } catch {
                throw error.nested(under: file)
            }
        }
        var summary = ImportSummary(file: file)
        while let row = try reader.next() {
            switch row {
            case .problem(let problem):
                summary.rowsRejected += 1
                try report(problem)
            case .record(let record):
                if let reason = body(indexes.map { record[$0].trimmingSpacesAndTabs }, record.line) {
                    summary.rowsRejected += 1
                    try report(ImportProblem(file: file, line: record.line, reason: reason))
                } else if merged {
                    summary.rowsMerged += 1
                } else {
                    summary.rowsImported += 1
                }
            }
        }
        summary.rowsRead = reader.rowsRead
        summary.bytesRead = reader.bytesRead
        summaries[table] = summary
    }

    /// A ticket's case from its row, history and comments.
    static func timeline(
        _ id: String,
        _ created: Date,
        current: (status: CaseStatus, updated: Date?)?,
        _ currentPriority: Priority,
        _ channel: Channel,
        group: String,
        assignee: String,
        requester: String,
        tags: Set<String>,
        history: [(at: Date, field: String, value: String)],
        comments: [(at: Date, author: String, isPublic: Bool)],
        roles: [String: String]
    ) throws(ServiceDomainError) -> Case {
        let history = history.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
            .map(\.element)
        let comments = comments.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
            .map(\.element)
        // Values at creation: the history's at the creation instant (a second's slack), else the ticket row's.
        let atCreation = history.filter { $0.at <= created.addingTimeInterval(1) }
        func initial(_ field: String) -> String? { atCreation.last { $0.field == field }?.value }
        var priority = initial("priority").flatMap(Self.priority) ?? currentPriority
        var status = initial("status").flatMap(Self.status) ?? .new
        var assigneeNow = initial("assignee_id") ?? (history.contains { $0.field == "assignee_id" } ? "" : assignee)
        var groupNow = initial("group_id") ?? (history.contains { $0.field == "group_id" } ? "" : group)
        let initialPriority = priority
        let initialGroup = groupNow
        var events = [CaseEvent(id: "created", at: created, kind: .created)]
        if status != .new, status != .open {
            events.append(CaseEvent(id: "status-0", at: created, kind: .statusChanged(status)))
        }
        // Comments first at equal instants; the first comment is the description.
        var merged: [(at: Date, order: Int, event: CaseEvent.Kind?, change: (field: String, value: String)?)] = []
        for (position, comment) in comments.enumerated() where position > 0 {
            let role = roles[comment.author] ?? (comment.author == requester ? "end-user" : "")
            let agent = comment.author.isEmpty ? nil : AgentID(comment.author)
            let kind: CaseEvent.Kind =
                !comment.isPublic
                ? .internalNote(agent: agent)
                : (role == "agent" || role == "admin") ? .agentReply(agent: agent) : .customerReply
            merged.append((comment.at, 0, kind, nil))
        }
        for change in history where change.at > created.addingTimeInterval(1) {
            merged.append((change.at, 1, nil, (change.field, change.value)))
        }
        merged = merged.enumerated().sorted {
            ($0.element.at, $0.element.order, $0.offset) < ($1.element.at, $1.element.order, $1.offset)
        }
        .map(\.element)
        for (position, entry) in merged.enumerated() {
            let eventID = CaseEventID("e\(position + 1)")
            if let kind = entry.event {
                events.append(CaseEvent(id: eventID, at: entry.at, kind: kind))
                continue
            }
            guard let change = entry.change else { continue }
            switch change.field {
            case "status":
                guard let next = Self.status(change.value) else {
                    throw ServiceDomainError(
                        .malformed,
                        at: "status",
                        "status \(quoted(change.value)) is not a Zendesk status"
                    )
                }
                guard next != status else { continue }
                if status.isResolved, !next.isResolved {
                    events.append(CaseEvent(id: eventID, at: entry.at, kind: .reopened))
                    if next == .pending || next == .onHold {
                        events.append(
                            CaseEvent(id: CaseEventID("\(eventID.rawValue)s"), at: entry.at, kind: .statusChanged(next))
                        )
                    }
                } else {
                    events.append(CaseEvent(id: eventID, at: entry.at, kind: .statusChanged(next)))
                }
                status = next
            case "priority":
                guard let next = Self.priority(change.value), next != priority else { continue }
                events.append(CaseEvent(id: eventID, at: entry.at, kind: .priorityChanged(next)))
                priority = next
            case "assignee_id", "group_id":
                if change.field == "assignee_id" { assigneeNow = change.value } else { groupNow = change.value }
                events.append(
                    CaseEvent(
                        id: eventID,
                        at: entry.at,
                        kind: .assigned(
                            agent: assigneeNow.isEmpty ? nil : AgentID(assigneeNow),
                            team: groupNow.isEmpty ? nil : TeamID(groupNow)
                        )
                    )
                )
            default: continue
            }
        }
        // Without a status history, the ticket row's status is placed at its last update (as ticket exports are read).
        if !history.contains(where: { $0.field == "status" }), let current, current.status != .new,
            current.status != .open
        {
            guard let updated = current.updated else {
                throw ServiceDomainError(
                    .empty,
                    at: "updated_at",
                    "the ticket is \(current.status.rawValue) with no status history and no updated_at to place it"
                )
            }
            events.append(CaseEvent(id: "status-now", at: updated, kind: .statusChanged(current.status)))
        }
        return try Case(
            id: CaseID(id),
            channel: channel,
            priority: initialPriority,
            customer: requester.isEmpty ? nil : try Customer(id: CustomerID(requester), role: .consumer),
            team: initialGroup.isEmpty ? nil : TeamID(initialGroup),
            tags: tags,
            sorting: events
        )
    }

    /// A schedule's calendar: intervals in minutes from Sunday 00:00 local, split at midnights.
    static func calendar(spans: [(Int, Int)], zone: String, holidays: [Holiday]) throws(ServiceDomainError)
        -> BusinessCalendar
    {
        let sundayFirst: [Weekday] = [.sunday, .monday, .tuesday, .wednesday, .thursday, .friday, .saturday]
        var days: [Weekday: [OpeningInterval]] = [:]
        for (start, end) in spans.sorted(by: { $0.0 < $1.0 }) {
            var from = start
            while from < end {
                let day = from / 1_440
                let until = min(end, (day + 1) * 1_440)
                let open = try LocalTime(hour: (from % 1_440) / 60, minute: from % 60)
                let close =
                    until % 1_440 == 0
                    ? LocalTime.endOfDay : try LocalTime(hour: (until % 1_440) / 60, minute: until % 60)
                days[sundayFirst[day % 7], default: []].append(try OpeningInterval(start: open, end: close))
                from = until
            }
        }
        // Touching pieces (an interval split at midnight meets the next day's) stay separate intervals of their days.
        return try BusinessCalendar(
            timeZone: Self.zones[zone] ?? zone,
            weeklyHours: WeeklyHours(days),
            holidays: holidays
        )
    }

    /// Reads a warehouse instant: ISO 8601, or `yyyy-MM-dd HH:mm:ss[.fraction][ offset| UTC]` in UTC.
    static func instant(_ text: String) -> Date? {
        if let date = try? InstantCoding.date(from: text) { return date }
        var value = text
        if value.hasSuffix(" UTC") { value.removeLast(4) }
        for pattern in Self.patterns {
            if let date = try? pattern.instant(from: value) { return date }
        }
        return nil
    }

    static let patterns: [TimestampFormat.Reading] = [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.S", "yyyy-MM-dd HH:mm:ssXXX", "yyyy-MM-dd HH:mm:ss.SXXX",
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.S",
    ].compactMap { try? TimestampFormat.pattern($0, timeZone: "UTC").reading() }

    static func status(_ value: String) -> CaseStatus? {
        switch value.lowercased() {
        case "new": .new
        case "open": .open
        case "pending": .pending
        case "hold", "on-hold", "on_hold": .onHold
        case "solved": .solved
        case "closed", "deleted": .closed
        default: nil
        }
    }

    static func priority(_ value: String) -> Priority? {
        switch value.lowercased() {
        case "", "-", "null": .normal
        case "low": .low
        case "normal": .normal
        case "high": .high
        case "urgent": .urgent
        default: nil
        }
    }

    static func boolean(_ value: String) -> Bool? {
        switch value.lowercased() {
        case "true", "t", "1", "yes": true
        case "false", "f", "0", "no": false
        default: nil
        }
    }

    /// `via_channel` values of the Zendesk API.
    static let channels: [String: String] = [
        "email": "email", "web": "webForm", "web_form": "webForm", "web_widget": "webForm", "chat": "chat",
        "native_messaging": "chat", "messaging": "chat", "voice": "phone", "phone": "phone", "sms": "chat",
        "twitter": "socialMedia", "facebook": "socialMedia", "instagram_dm": "socialMedia", "whatsapp": "socialMedia",
        "mobile": "selfService", "mobile_sdk": "selfService", "help_center": "selfService", "api": "api",
        "rule": "api", "closed_ticket": "followUp", "side_conversation": "sideConversation",
    ]

    /// Rails time zone names (as Zendesk writes them) to IANA identifiers, the common ones.
    static let zones: [String: String] = [
        "Eastern Time (US & Canada)": "America/New_York", "Central Time (US & Canada)": "America/Chicago",
        "Mountain Time (US & Canada)": "America/Denver", "Pacific Time (US & Canada)": "America/Los_Angeles",
        "Arizona": "America/Phoenix", "Alaska": "America/Juneau", "Hawaii": "Pacific/Honolulu",
        "Atlantic Time (Canada)": "America/Halifax", "Newfoundland": "America/St_Johns",
        "Mexico City": "America/Mexico_City", "Bogota": "America/Bogota", "Lima": "America/Lima",
        "Santiago": "America/Santiago", "Buenos Aires": "America/Argentina/Buenos_Aires",
        "Brasilia": "America/Sao_Paulo",
        "UTC": "UTC", "London": "Europe/London", "Edinburgh": "Europe/London", "Dublin": "Europe/Dublin",
        "Lisbon": "Europe/Lisbon", "Amsterdam": "Europe/Amsterdam", "Berlin": "Europe/Berlin",
        "Brussels": "Europe/Brussels",
        "Copenhagen": "Europe/Copenhagen", "Madrid": "Europe/Madrid", "Paris": "Europe/Paris", "Rome": "Europe/Rome",
        "Stockholm": "Europe/Stockholm", "Vienna": "Europe/Vienna", "Warsaw": "Europe/Warsaw",
        "Zurich": "Europe/Zurich",
        "Prague": "Europe/Prague", "Athens": "Europe/Athens", "Helsinki": "Europe/Helsinki",
        "Istanbul": "Europe/Istanbul",
        "Moscow": "Europe/Moscow", "Cairo": "Africa/Cairo", "Johannesburg": "Africa/Johannesburg",
        "Nairobi": "Africa/Nairobi", "Dubai": "Asia/Dubai", "Abu Dhabi": "Asia/Dubai", "Mumbai": "Asia/Kolkata",
        "New Delhi": "Asia/Kolkata", "Kolkata": "Asia/Kolkata", "Singapore": "Asia/Singapore",
        "Hong Kong": "Asia/Hong_Kong", "Beijing": "Asia/Shanghai", "Tokyo": "Asia/Tokyo", "Seoul": "Asia/Seoul",
        "Sydney": "Australia/Sydney", "Melbourne": "Australia/Melbourne", "Brisbane": "Australia/Brisbane",
        "Perth": "Australia/Perth", "Auckland": "Pacific/Auckland",
    ]
}

/// An SLA policy a Zendesk ticket was put on, from its field history.
///
/// JSON: `{"at": "2026-03-02T09:00:00Z", "policy": "Standard", "policyID": "101"}`; `policy` is absent where the
/// policy was removed, `policyID` where the history's value names no policy of `sla_policy_history`.
public struct AppliedSLAPolicy: Sendable, Hashable, Codable {
    /// When the policy was applied (or removed).
    public let at: Date
    /// The policy's title, or the history's value when the policy table does not know it; `nil` when removed.
    public let policy: String?
    /// The policy's id, when the policy table knows it.
    public let policyID: String?

    /// Creates an application.
    ///
    /// - Parameters:
    ///   - at: When.
    ///   - policy: The policy's title or value.
    ///   - policyID: The policy's id.
    public init(at: Date, policy: String?, policyID: String?) {
        self.at = at
        self.policy = policy
        self.policyID = policyID
    }

    private enum CodingKeys: String, CodingKey {
        case at
        case policy
        case policyID
    }

    /// Decodes an application.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for a missing or malformed instant.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            at: try container.decodeInstant(forKey: .at),
            policy: try container.decodeIfPresent(String.self, forKey: .policy),
            policyID: try container.decodeIfPresent(String.self, forKey: .policyID)
        )
    }

    /// Encodes the documented form.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeInstant(at, forKey: .at)
        try container.encodeIfPresent(policy, forKey: .policy)
        try container.encodeIfPresent(policyID, forKey: .policyID)
    }
}
