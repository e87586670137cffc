public import CustomerServiceKit
import Foundation
import SampleData

/// `service-report`: the shipped sample data (or your files) → a service report in Markdown and HTML.
public enum ServiceReportCommand: Sendable {
    /// The help text.
    public static let usage = """
        usage: service-report [--data DIR]
                              [--cases FILE [--preset NAME | --mapping MAPPING.json | --ticket-per-row]
                               | --zendesk-tables DIR]
                              [--contacts FILE (--contacts-preset NAME | --contacts-mapping MAPPING.json)]
                              [--surveys FILE [--surveys-preset NAME | --surveys-mapping MAPPING.json]]
                              [--as-of INSTANT] [--calendar ID] [--html FILE | --no-html] [--json FILE]
                              [--stop-at-bad-row]
               service-report --presets | --print-preset NAME

        Applies a service-level policy to a year of cases, computes KPIs, satisfaction with confidence intervals, two
        audits and a staffing curve, prints the report as Markdown and writes it as a self-contained HTML page with
        SVG charts (no scripts, no network).

        Without options it reads the shipped sample data (a fictional energy supplier; see Examples/SampleData).
          --data DIR               a directory in the sample data's layout (see `swift run sample-data --help`)
          --cases FILE             your ticket export instead of the data's cases
          --preset NAME            read it with a shipped preset (`--presets` lists them: zendesk-…, freshdesk-…,
                                   jira-…, servicenow-…, intercom-…)
          --mapping FILE.json      or with your own column mapping (Documentation/DataFormats.md, "CSV import");
                                   default: one row per event with the built-in column names
          --ticket-per-row         or the built-in one-row-per-ticket mapping (id, created_at, first_reply_at, …)
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
          --as-of INSTANT          evaluate at this ISO 8601 instant (default: the data's, or your cases' last event)
          --calendar ID            the calendar for weeks and business hours (default: uk, or the first one); also
                                   the calendar of durations a mapping counts in business time
          --html FILE              where to write the HTML page (default: service-report.html)
          --no-html                do not write HTML
          --json FILE              also write the report as JSON
          --stop-at-bad-row        stop at the first unusable row instead of skipping and counting them

        Every import prints its accounting on standard error: rows read = imported + merged + left out, with each
        value no translation maps and how many rows carry it.

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
    }

    /// Runs the command.
    ///
    /// - Parameter arguments: The arguments, without the program name.
    /// - Returns: The output, or `nil` after `--help`.
    /// - Throws: ``UsageError`` for bad arguments or unreadable files; the library's errors for bad data.
    public static func run(_ arguments: [String]) throws -> Output? {
        let options = try Arguments(
            arguments,
            valued: [
                "--data", "--cases", "--mapping", "--preset", "--zendesk-tables", "--contacts", "--contacts-preset",
                "--contacts-mapping",
                "--surveys", "--surveys-preset", "--surveys-mapping", "--print-preset", "--as-of", "--calendar",
                "--html", "--json",
            ],
            flags: ["--help", "-h", "--no-html", "--stop-at-bad-row", "--ticket-per-row", "--presets"]
        )
        if options.has("--help") || options.has("-h") { return nil }
        guard options.positional.isEmpty else { throw UsageError("unexpected argument \(options.positional[0])") }
        guard !options.has("--presets"), options.value("--print-preset") == nil else {
            throw UsageError("--presets and --print-preset print a listing instead of a report: use listing(_:)")
        }
        let policy: BadRecordPolicy = options.has("--stop-at-bad-row") ? .stop : .skip
        var notes: [String] = []

        var data: SampleDataSet
        if let directory = options.value("--data") {
            let (loaded, problems) = try SampleDataSet.load(from: URL(fileURLWithPath: directory), onBadRecord: policy)
            data = loaded
            for (file, list) in problems.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where !list.isEmpty {
                notes.append("\(file.rawValue): skipped \(list.count) unusable row(s); first: \(list[0])")
            }
        } else {
            data = try SampleDataSet.shipped()
        }
        var asOf = data.asOf
        let calendars = data.serviceLevels.calendars.keys.map(\.rawValue).sorted()
        let calendar = CalendarID(
            options.value("--calendar") ?? (calendars.contains("uk") ? "uk" : calendars.first ?? "uk")
        )
        guard let businessCalendar = data.serviceLevels.calendars[calendar] else {
            throw UsageError("no calendar \"\(calendar.rawValue)\"; the data has \(calendars.joined(separator: ", "))")
        }
        let importOptions = ImportOptions(onBadRecord: policy)
        func account(_ summary: ImportSummary, _ problems: [ImportProblem]) {
            notes.append(summary.description)
            if let first = problems.first { notes.append("first row left out: \(first)") }
        }
        if let mapping = try caseMapping(options), let path = options.value("--cases") {
            let imported = try mapping.importCases(
                contentsOf: try readableFile(path),
                calendar: businessCalendar,
                options: importOptions
            )
            account(imported.summary, imported.problems)
            guard !imported.cases.isEmpty else {
                throw nothingUsable(imported.summary, imported.problems, what: "cases")
            }
            data.cases = imported.cases
            // Your cases are evaluated just after their last event unless you say otherwise.
            asOf = (imported.cases.compactMap { $0.events.last?.at }.max() ?? asOf).addingTimeInterval(1)
        }
        if let folder = options.value("--zendesk-tables") {
            guard options.value("--cases") == nil else {
                throw UsageError("choose one of --cases and --zendesk-tables")
            }
            let tables = try ZendeskTables(folder: URL(fileURLWithPath: folder)).read(options: importOptions)
            for table in ZendeskTables.Table.allCases {
                if let summary = tables.summaries[table] { notes.append(summary.description) }
            }
            if let first = tables.problems.first { notes.append("first row left out: \(first)") }
            notes.append("\(folder): \(tables.calendars.count) schedule(s) read; the report uses its own calendars")
            guard !tables.cases.isEmpty else {
                throw nothingUsable(
                    tables.summaries[.ticket] ?? ImportSummary(file: folder),
                    tables.problems,
                    what: "tickets"
                )
            }
            data.cases = tables.cases
            asOf = (tables.cases.compactMap { $0.events.last?.at }.max() ?? asOf).addingTimeInterval(1)
        }
        if let mapping = try contactMapping(options), let path = options.value("--contacts") {
            let imported = try mapping.importContacts(contentsOf: try readableFile(path), options: importOptions)
            account(imported.summary, imported.problems)
            data.contacts = imported.contacts
        }
        if let mapping = try surveyMapping(options), let path = options.value("--surveys") {
            let imported = try mapping.importSurvey(
                contentsOf: try readableFile(path),
                scales: SampleDataSet.surveyScales,
                options: importOptions
            )
            account(imported.summary, imported.problems)
            data.surveys = imported.answers
        }
        if let text = options.value("--as-of") { asOf = try InstantCoding.date(from: text) }
        let template = try BuiltInTemplates.template(data.audit.template.id)
        let input = try ServiceReportInput(
            organisation: data.organisation,
            serviceLevels: data.serviceLevels,
            reportingCalendar: calendar,
            cases: data.cases,
            contacts: data.contacts,
            surveys: data.surveys,
            servqual: data.servqual,
            audit: (data.audit, template),
            asOf: asOf
        )
        let report = try ServiceReport.build(input)
        var output = Output(
            report: report,
            markdown: MarkdownServiceReportRenderer().render(report),
            html: HTMLServiceReportRenderer().render(report),
            notes: notes,
            htmlPath: nil
        )
        if !options.has("--no-html") {
            let path = options.value("--html") ?? "service-report.html"
            try write(output.html, to: path)
            output.htmlPath = path
            output.notes.append("wrote \(path)")
        }
        if let path = options.value("--json") {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try write(String(decoding: try encoder.encode(report), as: UTF8.self), to: path)
            output.notes.append("wrote \(path)")
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

    static func write(_ text: String, to path: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw DataError("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
