public import CustomerServiceKit
import Foundation
import SampleData

/// `service-report`: the shipped sample data (or your files) → a service report in Markdown and HTML.
public enum ServiceReportCommand: Sendable {
    /// The help text.
    public static let usage = """
        usage: service-report [--data DIR]
                              [--cases FILE [--preset NAME | --mapping MAPPING.json | --ticket-per-row]
                               [--unique-ids] [--max-events-per-case N] | --zendesk-tables DIR]
                              [--contacts FILE (--contacts-preset NAME | --contacts-mapping MAPPING.json)]
                              [--surveys FILE [--surveys-preset NAME | --surveys-mapping MAPPING.json]]
                              [--policy CONFIG.json] [--organisation ORG.json] [--audit AUDIT.json]
                              [--staffed STAFFED.csv] [--project service-report.json]
                              [--as-of INSTANT] [--calendar ID] [--format markdown|html|json]
                              [--html FILE | --no-html] [--json FILE] [--stop-at-bad-row] [--strict] [--quiet]
                              [--emit-state STATE.json]
               service-report merge STATE.json… [options above but the case export]
               service-report --presets | --print-preset NAME

        Applies a service-level policy to a year of cases, computes KPIs, satisfaction with confidence intervals, two
        audits and a staffing curve, prints the report as Markdown and writes it as a self-contained HTML page with
        SVG charts (no scripts, no network).

        Without inputs it reads the shipped sample data (a fictional energy supplier; see Examples/SampleData) and
        says so in its title. With any of your files, the report holds only what they give: each section without its
        data is left out with the reason, and no sample figure appears.
          --data DIR               a whole directory in the sample data's layout (see `swift run sample-data --help`)
          --cases FILE             your ticket export
          --preset NAME            read it with a shipped preset (`--presets` lists them: zendesk-…, freshdesk-…,
                                   jira-…, servicenow-…, intercom-…)
          --mapping FILE.json      or with your own column mapping (Documentation/DataFormats.md, "CSV import");
                                   default: one row per event with the built-in column names
          --ticket-per-row         or the built-in one-row-per-ticket mapping (id, created_at, first_reply_at, …)
          --max-events-per-case N  leave out (and report) a case of an event export with more than N events
          --unique-ids             the ticket export's ids are unique (a warehouse table's key): not checked for
                                   repeats, so that memory holds the report's groups only, however long the file
          --zendesk-tables DIR     or whole timelines from a warehouse sync of Zendesk's tables (ticket.csv,
                                   ticket_field_history.csv, ticket_comment.csv, user.csv, …)
          --contacts FILE          your call or contact export instead of the data's contacts
          --contacts-preset NAME   read it with a shipped preset (five9-…, genesys-…, amazon-connect-…)
          --contacts-mapping FILE  or with your own contact mapping
          --surveys FILE           survey answers (default columns: response_id, survey, score, answered_at, …)
          --surveys-preset NAME    read them with a shipped preset (qualtrics-…, surveymonkey-…)
          --surveys-mapping FILE   or with your own survey mapping
          --presets                list the shipped presets, one a line: name, kind, summary
          --print-preset NAME      print a preset's mapping, as the start of your own
          --policy FILE            your service-level policy and calendars (a ServiceLevelConfiguration, JSON);
                                   without it there is no standards section and durations are elapsed hours (UTC)
          --organisation FILE      your organisation: {"id", "name", "sector", "profile"} (JSON)
          --audit FILE             a completed audit (JSON) against a built-in template
          --staffed FILE           agents actually staffed per half hour (CSV: interval,agents; 09:30,12.5), set
                                   beside the staffing plan
          --project FILE           every input above in one JSON file (README, "A project file"); paths in it are
                                   relative to its folder, and options given here win over it
          --as-of INSTANT          evaluate at this ISO 8601 instant (default: the data's, or just after your last
                                   event)
          --calendar ID            the policy's calendar for weeks and business hours (default: uk, or the first
                                   one); also the calendar of durations a mapping counts in business time
          --format FORMAT          what standard output gets: markdown (default), html or json (schema:
                                   Documentation/ServiceReport.md)
          --html FILE              where to write the HTML page (default: service-report.html)
          --no-html                do not write HTML
          --json FILE              also write the report as JSON
          --stop-at-bad-row        stop at the first unusable row instead of skipping and counting them
          --strict                 exit 1 after the report when it has warnings
          --quiet                  no progress (rows read, cases evaluated) on standard error
          --emit-state FILE        also write the cases' mergeable state (JSON; needs --as-of), for merge
          merge STATE.json…        the report of every shard's cases at once, from their --emit-state files (the
                                   same instant, policy and organisation); contacts, surveys and audit as options

        Every import prints its accounting on standard error: rows read = imported + merged + left out, with each
        value no translation maps and how many rows carry it. Warnings (cases no rule matched, targets that applied to
        no case, unmapped values, rows left out above 5%, figures that cannot be measured) head the report and go to
        standard error.

        --version prints the version. Exit status: 0 done; 1 a problem with the data or files (named, with the line and
        field where there is one); 2 a mistake in the arguments (followed by this text).
        """

    /// What a run produced.
    public struct Output: Sendable {
        /// The report.
        public var report: ServiceReport
        /// The Markdown document.
        public var markdown: String
        /// The HTML page.
        public var html: String
        /// Notes for standard error: rows skipped, files written.
        public var notes: [String]
        /// Where the HTML was written, if it was.
        public var htmlPath: String?
        /// What goes to standard output: the report in the `--format` asked for (Markdown by default).
        public var text: String = ""
        /// Why the run fails after printing (`--strict` with warnings), if it does.
        public var failure: String?
    }

    /// Runs the command.
    ///
    /// - Parameter arguments: The arguments, without the program name.
    /// - Returns: The output, or `nil` after `--help`.
    /// - Throws: ``UsageError`` for bad arguments or unreadable files; the library's errors for bad data.
    public static func run(_ arguments: [String]) throws -> Output? {
        var options = try Arguments(
            arguments,
            valued: [
                "--data", "--cases", "--mapping", "--preset", "--zendesk-tables", "--contacts", "--contacts-preset",
                "--contacts-mapping",
                "--surveys", "--surveys-preset", "--surveys-mapping", "--print-preset", "--as-of", "--calendar",
                "--html", "--json", "--policy", "--organisation", "--audit", "--format", "--project", "--staffed",
                "--emit-state", "--max-events-per-case",
            ],
            flags: [
                "--help", "-h", "--no-html", "--stop-at-bad-row", "--ticket-per-row", "--presets", "--strict",
                "--quiet", "--unique-ids",
            ]
        )
        if options.has("--help") || options.has("-h") { return nil }
        // `service-report merge STATE…`: the cases come from the states of earlier runs.
        let merging = options.positional.first == "merge"
        let statePaths = merging ? Array(options.positional.dropFirst()) : []
        guard merging || options.positional.isEmpty else {
            throw UsageError("unexpected argument \(options.positional[0])")
        }
        if merging {
            guard !statePaths.isEmpty else { throw UsageError("merge needs one or more state files (--emit-state)") }
            for option in ["--cases", "--zendesk-tables", "--data", "--emit-state"] where options.value(option) != nil {
                throw UsageError("merge takes its cases from the state files; \(option) does not go with it")
            }
        }
        guard !options.has("--presets"), options.value("--print-preset") == nil else {
            throw UsageError("--presets and --print-preset print a listing instead of a report: use listing(_:)")
        }
        var project: ServiceReportProject?
        if let path = options.value("--project") {
            guard options.value("--data") == nil else {
                throw UsageError("--data reads a whole directory; give either it or --project")
            }
            let loaded = try ServiceReportProject.read(path)
            let added = loaded.options(
                relativeTo: URL(fileURLWithPath: path).deletingLastPathComponent(),
                given: options
            )
            options.add(values: added.values, flags: added.flags)
            project = loaded
        }
        let policy: BadRecordPolicy = options.has("--stop-at-bad-row") ? .stop : .skip
        var notes: [String] = []
        let userFiles = [
            "--cases", "--zendesk-tables", "--contacts", "--surveys", "--policy", "--organisation", "--audit",
            "--staffed", "--project",
        ].filter { options.value($0) != nil }
        if options.value("--data") != nil, !userFiles.isEmpty {
            throw UsageError("--data reads a whole directory; give either it or your own files (\(userFiles[0]))")
        }

        // The sample data only with no inputs at all; otherwise only what was given.
        var data: SampleDataSet?
        var dataSource = ServiceReport.DataSource.supplied
        if let directory = options.value("--data") {
            let (loaded, problems) = try SampleDataSet.load(from: URL(fileURLWithPath: directory), onBadRecord: policy)
            data = loaded
            for (file, list) in problems.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where !list.isEmpty {
                notes.append("\(file.rawValue): skipped \(list.count) unusable row(s); first: \(list[0])")
            }
        } else if userFiles.isEmpty, !merging {
            data = try SampleDataSet.shipped()
            dataSource = .sample
        }
        var organisation = data?.organisation
        if let path = options.value("--organisation") {
            organisation = try decodeMapping(Organisation.self, path)
        } else if case .inline(let given)? = project?.organisation {
            organisation = given
        }
        let serviceLevels: ServiceLevelConfiguration?
        if let path = options.value("--policy") {
            serviceLevels = try decodeMapping(ServiceLevelConfiguration.self, path)
        } else {
            serviceLevels = data?.serviceLevels
        }
        let calendars = (serviceLevels?.calendars.keys.map(\.rawValue) ?? []).sorted()
        let calendarID = options.value("--calendar") ?? (calendars.contains("uk") ? "uk" : calendars.first)
        var businessCalendar = BusinessCalendar.alwaysOpen
        if let calendarID {
            guard let found = serviceLevels?.calendars[CalendarID(calendarID)] else {
                throw UsageError(
                    calendars.isEmpty
                        ? "--calendar needs --policy: the calendars are in the service-level configuration"
                        : "no calendar \"\(calendarID)\"; the policy has \(calendars.joined(separator: ", "))"
                )
            }
            businessCalendar = found
        }
        var cases = data?.cases ?? []
        var contacts = data?.contacts ?? []
        var surveys = data?.surveys ?? []
        var caseDetail = ServiceReportInput.CaseDetail.timelines
        var asOf = data?.asOf
        var summaries: [ImportSummary] = []
        let quiet = options.has("--quiet")
        var maximumEvents: Int?
        if let text = options.value("--max-events-per-case") {
            guard let value = Int(text), value >= 1 else {
                throw UsageError(
                    "--max-events-per-case is a whole number of at least 1, not \(text.truncatedForMessage(40))"
                )
            }
            maximumEvents = value
        }
        func importOptions(_ path: String) -> ImportOptions {
            ImportOptions(
                onBadRecord: policy,
                maximumEventsPerCase: maximumEvents,
                progress: terminalProgress(path, quiet: quiet)
            )
        }
        func account(_ summary: ImportSummary, _ problems: [ImportProblem]) {
            notes.append(summary.description)
            summaries.append(summary)
            if let first = problems.first { notes.append("first row left out: \(first)") }
        }
        // A case export is streamed into the report (twice without --as-of: first to find its last instant), so
        // that memory holds the report's groups, not the cases.
        var caseExport: (mapping: CaseCSVMapping, path: String)?
        var lastCaseInstant: Date?
        // Where the export's accounting goes among the notes and summaries, once it has been read.
        let caseAccount = (notes: notes.count, summaries: summaries.count)
        if var mapping = try caseMapping(options), let path = options.value("--cases") {
            if options.has("--unique-ids") {
                guard mapping.shape == .ticketPerRow else {
                    throw UsageError("--unique-ids is for one-row-per-ticket exports, whose rows it would check")
                }
                mapping.duplicateIDs = .unchecked
            }
            caseExport = (mapping, path)
            if mapping.shape == .ticketPerRow {
                caseDetail = mapping.columns[.reopens] == nil ? .milestones : .milestonesWithReopens
            }
            if options.value("--as-of") == nil {
                _ = try streamCases(mapping, path, calendar: businessCalendar, options: importOptions(path)) {
                    if let last = $0.events.last?.at { lastCaseInstant = max(lastCaseInstant ?? last, last) }
                }
            }
        }
        var states: [(path: String, state: ServiceReportAccumulator.State)] = []
        for path in statePaths {
            let file = try decodeMapping(StateFile.self, path)
            guard file.schema == StateFile.schemaVersion else {
                throw DataError("\(path): state schema \(file.schema); this build reads \(StateFile.schemaVersion)")
            }
            states.append((path, file.cases))
            // The shards' import accounting, so that rows they left out and values they could not map are warned of.
            summaries += file.imports ?? []
        }
        if let first = states.first?.state.report {
            caseDetail = first.caseDetail
            if options.value("--as-of") == nil { asOf = first.asOf }
        }
        if let folder = options.value("--zendesk-tables") {
            guard options.value("--cases") == nil else {
                throw UsageError("choose one of --cases and --zendesk-tables")
            }
            let tables = try ZendeskTables(folder: URL(fileURLWithPath: folder)).read(options: importOptions(folder))
            for table in ZendeskTables.Table.allCases {
                if let summary = tables.summaries[table] {
                    notes.append(summary.description)
                    summaries.append(summary)
                }
            }
            if let first = tables.problems.first { notes.append("first row left out: \(first)") }
            guard !tables.cases.isEmpty else {
                throw nothingUsable(
                    tables.summaries[.ticket] ?? ImportSummary(file: folder),
                    tables.problems,
                    what: "tickets"
                )
            }
            cases = tables.cases
        }
        if let mapping = try contactMapping(options), let path = options.value("--contacts") {
            let imported = try mapping.importContacts(contentsOf: try readableFile(path), options: importOptions(path))
            account(imported.summary, imported.problems)
            contacts = imported.contacts
        }
        if let mapping = try surveyMapping(options), let path = options.value("--surveys") {
            let imported = try mapping.importSurvey(
                contentsOf: try readableFile(path),
                scales: SampleDataSet.surveyScales,
                options: importOptions(path)
            )
            account(imported.summary, imported.problems)
            surveys = imported.answers
        }
        var audit: (Audit, AuditTemplate)?
        if let path = options.value("--audit") {
            let loaded = try decodeMapping(Audit.self, path)
            do {
                audit = (loaded, try BuiltInTemplates.template(loaded.template.id))
            } catch {
                throw DataError("\(path): \(error)")
            }
        } else if let data {
            audit = (data.audit, try BuiltInTemplates.template(data.audit.template.id))
        }
        if let text = options.value("--as-of") {
            asOf = try InstantCoding.date(from: text)
        } else if asOf == nil {
            // Your data is evaluated just after its last event unless you say otherwise.
            let last =
                cases.compactMap { $0.events.last?.at } + [lastCaseInstant].compactMap { $0 }
                + contacts.map(\.offeredAt) + surveys.compactMap(\.at)
            asOf = (last.max() ?? Date()).addingTimeInterval(1)
        }
        let instant = asOf ?? Date()
        do {
            _ = try businessCalendar.businessDuration(from: instant.addingTimeInterval(-86_400), to: instant)
        } catch {
            throw UsageError("--as-of \(InstantCoding.string(from: instant)): outside the calendar's years (\(error))")
        }
        var input = try ServiceReportInput(
            organisation: organisation,
            calendar: businessCalendar,
            serviceLevels: serviceLevels,
            cases: cases,
            caseDetail: caseDetail,
            contacts: contacts,
            surveys: surveys,
            servqual: data?.servqual ?? [],
            audit: audit,
            asOf: instant,
            dataSource: dataSource
        )
        input.imports = summaries
        if let path = options.value("--staffed") {
            guard !contacts.isEmpty else {
                throw UsageError("--staffed needs contacts (--contacts): staffing is planned from the calls")
            }
            input.staffedAgents = try staffedAgents(path)
        }
        var accumulator = try ServiceReportAccumulator(for: input)
        for (path, state) in states {
            do {
                try accumulator.merge(state)
            } catch {
                throw DataError("\(path): \(error)")
            }
        }
        if let (mapping, path) = caseExport {
            var failure: (any Error)?
            let (summary, problems) = try streamCases(
                mapping,
                path,
                calendar: businessCalendar,
                options: importOptions(path)
            ) { item in
                guard failure == nil else { return }
                do { try accumulator.add(item) } catch { failure = error }
            }
            if let failure { throw failure }
            guard summary.rowsImported > 0 else { throw nothingUsable(summary, problems, what: "cases") }
            var lines = [summary.description]
            if let first = problems.first { lines.append("first row left out: \(first)") }
            notes.insert(contentsOf: lines, at: caseAccount.notes)
            summaries.insert(summary, at: caseAccount.summaries)
            input.imports = summaries
        }
        if let path = options.value("--emit-state") {
            guard options.value("--as-of") != nil else {
                throw UsageError(
                    "--emit-state needs --as-of: shards merge only when they are evaluated at the same instant"
                )
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let state = StateFile(
                schema: StateFile.schemaVersion,
                cases: accumulator.state,
                imports: Array(summaries[caseAccount.summaries...].prefix(caseExport == nil ? 0 : 1))
            )
            try write(String(decoding: try encoder.encode(state), as: UTF8.self), to: path)
            notes.append("wrote \(path) (\(accumulator.caseCount) cases)")
        }
        let line = terminalLine("service-report", quiet: quiet)
        let report = try ServiceReport.build(
            input,
            cases: accumulator,
            progress: line.map { line in { line("\($0) of \($1) cases evaluated") } }
        )
        var output = Output(
            report: report,
            markdown: MarkdownServiceReportRenderer().render(report),
            html: HTMLServiceReportRenderer().render(report),
            notes: notes + report.warnings.map { "warning: \($0.message)" },
            htmlPath: nil
        )
        let format = options.value("--format") ?? "markdown"
        switch format {
        case "markdown": output.text = output.markdown
        case "html": output.text = output.html
        case "json": output.text = JSONServiceReportRenderer().render(report)
        default: throw UsageError("--format is markdown, html or json, not \(format)")
        }
        if !options.has("--no-html") {
            let path = options.value("--html") ?? "service-report.html"
            try write(output.html, to: path)
            output.htmlPath = path
            output.notes.append("wrote \(path)")
        }
        if let path = options.value("--json") {
            try write(JSONServiceReportRenderer().render(report), to: path)
            output.notes.append("wrote \(path)")
        }
        if options.has("--strict"), !report.warnings.isEmpty {
            output.failure = "--strict: \(report.warnings.count) warning(s)"
        }
        return output
    }

    /// The text `--presets` or `--print-preset NAME` prints instead of a report, or `nil` without them.
    ///
    /// - Parameter arguments: The arguments, without the program name.
    /// - Returns: The preset list (one a line: name, kind, summary) or a preset's mapping JSON.
    /// - Throws: ``UsageError`` for an unknown preset or other options beside these.
    public static func listing(_ arguments: [String]) throws -> String? {
        switch arguments.first {
        case "--presets":
            guard arguments.count == 1 else { throw UsageError("--presets takes no other option") }
            return try presetList()
        case "--print-preset":
            guard arguments.count == 2 else { throw UsageError("--print-preset takes one preset name") }
            do {
                return try ImportPreset.named(arguments[1]).mappingJSON
            } catch {
                throw UsageError("\(error.message) (`--presets` lists them)")
            }
        default:
            return nil
        }
    }

    /// Reads staffed agents per half hour: a CSV with a header and two columns, the local start (`09:30`, or `9:30`)
    /// and the agents staffed (`12.5`), as workforce-management tools export their "staffed" or "scheduled open"
    /// figure.
    ///
    /// - Parameter path: The file.
    /// - Returns: Agents by half hour, keyed `HH:MM`.
    /// - Throws: ``DataError`` naming the file, line and field.
    static func staffedAgents(_ path: String) throws -> [String: Double] {
        var staffed: [String: Double] = [:]
        var lines = try readText(path).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard lines.count > 1 else { throw DataError("\(path): no rows after the header") }
        for (index, line) in lines.enumerated().dropFirst() {
            let at = "\(path):\(index + 1)"
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard fields.count == 2 else {
                throw DataError("\(at): expected 2 fields (interval, agents), found \(fields.count)")
            }
            let parts = fields[0].split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour),
                minute == 0 || minute == 30, parts[1].count == 2
            else {
                throw DataError(
                    "\(at): interval \"\(fields[0].truncatedForMessage(40))\" is not a half hour such as 09:30"
                )
            }
            guard let agents = Double(fields[1]), agents.isFinite, agents >= 0 else {
                throw DataError("\(at): agents \"\(fields[1].truncatedForMessage(40))\" is not a number of at least 0")
            }
            let key = String(format: "%02d:%02d", hour, minute)
            guard staffed[key] == nil else { throw DataError("\(at): interval \(key) is given twice") }
            staffed[key] = agents
        }
        return staffed
    }

    /// A file of `--emit-state`: the cases' state of one run (one shard), for `service-report merge`.
    ///
    /// JSON: `{"schema": 1, "cases": {…ServiceReportAccumulator.State…}, "imports": [{…ImportSummary…}]}`.
    struct StateFile: Codable {
        static let schemaVersion = 1
        /// The layout's version.
        var schema: Int
        /// The cases' state.
        var cases: ServiceReportAccumulator.State
        /// The accounting of the shard's case export.
        var imports: [ImportSummary]?
    }

    /// Streams a case export, handing each case to `body`; the accounting and the first problems (by line, at most
    /// 100) come back.
    static func streamCases(
        _ mapping: CaseCSVMapping,
        _ path: String,
        calendar: BusinessCalendar,
        options: ImportOptions,
        _ body: (Case) -> Void
    ) throws -> (ImportSummary, [ImportProblem]) {
        let url = try readableFile(path)
        let reader = try CSVReader(contentsOf: url, dialect: mapping.dialect)
        var options = options
        if options.source == nil { options.source = url.lastPathComponent }
        var problems: [ImportProblem] = []
        let summary = try mapping.streamCases(
            from: reader,
            calendar: calendar,
            options: options,
            problem: { found in
                problems.append(found)
                if problems.count > 200 {
                    problems.sort { $0.line < $1.line }
                    problems.removeLast(problems.count - 100)
                }
            },
            case: body
        )
        problems.sort { $0.line < $1.line }
        return (summary, Array(problems.prefix(100)))
    }

    static func write(_ text: String, to path: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw DataError("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
