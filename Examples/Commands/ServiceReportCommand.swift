public import CustomerServiceKit
import Foundation
import SampleData

/// `service-report`: the shipped sample data (or your files) → a service report in Markdown and HTML.
public enum ServiceReportCommand: Sendable {
    /// The help text.
    public static let usage = """
        usage: service-report [--data DIR] [--cases FILE.csv [--mapping MAPPING.json | --ticket-per-row]]
                              [--surveys FILE.csv] [--as-of INSTANT] [--calendar ID]
                              [--html FILE | --no-html] [--json FILE] [--stop-at-bad-row]

        Applies a service-level policy to a year of cases, computes KPIs, satisfaction with confidence intervals, two
        audits and a staffing curve, prints the report as Markdown and writes it as a self-contained HTML page with
        SVG charts (no scripts, no network).

        Without options it reads the shipped sample data (a fictional energy supplier; see Examples/SampleData).
          --data DIR           a directory in the sample data's layout (see `swift run sample-data --help`)
          --cases FILE.csv     your ticket export instead of the data's cases
          --mapping FILE.json  how its columns map to cases (Documentation/DataFormats.md, "CSV import");
                               default: one row per event with the built-in column names
          --ticket-per-row     the built-in one-row-per-ticket mapping (id, created_at, first_reply_at, solved_at, …)
          --surveys FILE.csv   survey answers (response_id, survey, score, answered_at, segment, weight, case_id)
          --as-of INSTANT      evaluate at this ISO 8601 instant (default: the data's, or your cases' last event)
          --calendar ID        the calendar for weeks and business hours (default: uk, or the first one)
          --html FILE          where to write the HTML page (default: service-report.html)
          --no-html            do not write HTML
          --json FILE          also write the report as JSON
          --stop-at-bad-row    stop at the first unusable CSV row instead of skipping and counting them
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
            valued: ["--data", "--cases", "--mapping", "--surveys", "--as-of", "--calendar", "--html", "--json"],
            flags: ["--help", "-h", "--no-html", "--stop-at-bad-row", "--ticket-per-row"]
        )
        if options.has("--help") || options.has("-h") { return nil }
        guard options.positional.isEmpty else { throw UsageError("unexpected argument \(options.positional[0])") }
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
        if let path = options.value("--cases"), let mapping = try caseMapping(options) {
            let imported = try mapping.importCases(csv: try readText(path), onBadRecord: policy)
            if !imported.problems.isEmpty {
                notes.append(
                    "\(path): skipped \(imported.problems.count) unusable row(s) of \(imported.recordCount); "
                        + "first: \(imported.problems[0])"
                )
            }
            guard !imported.cases.isEmpty else { throw UsageError("\(path): no usable cases") }
            data.cases = imported.cases
            // Your cases are evaluated just after their last event unless you say otherwise.
            asOf = (imported.cases.compactMap { $0.events.last?.at }.max() ?? asOf).addingTimeInterval(1)
        } else {
            _ = try caseMapping(options)  // the mapping options without --cases are a mistake
        }
        if let path = options.value("--surveys") {
            let imported = try SurveyCSVMapping.standard.importAnswers(
                csv: try readText(path),
                scales: SampleDataSet.surveyScales,
                onBadRecord: policy
            )
            if !imported.problems.isEmpty {
                notes.append(
                    "\(path): skipped \(imported.problems.count) unusable row(s); first: \(imported.problems[0])"
                )
            }
            data.surveys = imported.answers
        }
        if let text = options.value("--as-of") { asOf = try InstantCoding.date(from: text) }
        let calendars = data.serviceLevels.calendars.keys.map(\.rawValue).sorted()
        let calendar = CalendarID(
            options.value("--calendar") ?? (calendars.contains("uk") ? "uk" : calendars.first ?? "uk")
        )
        guard data.serviceLevels.calendars[calendar] != nil else {
            throw UsageError("no calendar \"\(calendar.rawValue)\"; the data has \(calendars.joined(separator: ", "))")
        }
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

    static func write(_ text: String, to path: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw UsageError("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
