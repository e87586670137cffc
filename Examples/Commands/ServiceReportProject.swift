// The service-report project file: every input of a report in one JSON document (README, "Your data").

public import CustomerServiceKit
import Foundation
import ServiceDomain

/// A `service-report.json` project: the files and settings of a report, so that a team runs the same report with
/// `service-report --project service-report.json` instead of a long command line.
///
/// Paths are relative to the project file's folder. Every field is optional; an option given on the command line
/// wins over the project's (for a file with its preset or mapping, the whole group: `--cases` replaces the project's
/// `cases`). Fields outside the documented ones are an error naming the field.
///
/// ```json
/// {
///   "organisation": {"id": "acme", "name": "Acme Support", "sector": "private"},
///   "policy": "policy.json",
///   "cases": {"file": "tickets.csv", "preset": "zendesk-tickets"},
///   "contacts": {"file": "calls.csv", "preset": "five9-call-log"},
///   "surveys": {"file": "csat.csv", "mapping": "csat-mapping.json"},
///   "audit": "audit.json",
///   "staffed": "staffed.csv",
///   "calendar": "uk",
///   "html": "report.html",
///   "strict": true
/// }
/// ```
public struct ServiceReportProject: Sendable, Decodable {
    /// A data file and how to read it.
    public struct Source: Sendable, Decodable {
        /// The file (a folder for `zendeskTables`).
        public var file: String
        /// A shipped preset's name.
        public var preset: String?
        /// A mapping file.
        public var mapping: String?
        /// Cases only: the built-in one-row-per-ticket mapping.
        public var ticketPerRow: Bool?

        private enum CodingKeys: String, CodingKey, CaseIterable { case file, preset, mapping, ticketPerRow }

        /// Decodes a source, rejecting unknown fields.
        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(allowed: Set(CodingKeys.allNames))
            let container = try decoder.container(keyedBy: CodingKeys.self)
            file = try container.decode(String.self, forKey: .file)
            preset = try container.decodeIfPresent(String.self, forKey: .preset)
            mapping = try container.decodeIfPresent(String.self, forKey: .mapping)
            ticketPerRow = try container.decodeIfPresent(Bool.self, forKey: .ticketPerRow)
        }
    }

    /// The organisation, written in the project or as the path of an organisation file.
    public enum OrganisationEntry: Sendable, Decodable {
        /// The organisation itself.
        case inline(Organisation)
        /// An organisation file.
        case file(String)

        /// Decodes a path (string) or an organisation (object).
        public init(from decoder: any Decoder) throws {
            if let path = try? decoder.singleValueContainer().decode(String.self) {
                self = .file(path)
            } else {
                self = .inline(try Organisation(from: decoder))
            }
        }
    }

    /// The organisation.
    public var organisation: OrganisationEntry?
    /// The service-level configuration file.
    public var policy: String?
    /// The ticket export.
    public var cases: Source?
    /// A folder of Zendesk's warehouse tables, instead of `cases`.
    public var zendeskTables: String?
    /// The contact export.
    public var contacts: Source?
    /// The survey answers.
    public var surveys: Source?
    /// A completed audit file.
    public var audit: String?
    /// Staffed agents per half hour (CSV: `interval,agents`).
    public var staffed: String?
    /// The evaluation instant (ISO 8601).
    public var asOf: String?
    /// The reporting calendar's ID in the policy.
    public var calendar: String?
    /// What standard output gets: `markdown`, `html` or `json`.
    public var format: String?
    /// Where to write the HTML page (default: `service-report.html` in the current folder).
    public var html: String?
    /// Not to write the HTML page.
    public var noHTML: Bool?
    /// Where to also write the JSON report.
    public var json: String?
    /// Stop at the first unusable row.
    public var stopAtBadRow: Bool?
    /// Exit 1 after the report when it has warnings.
    public var strict: Bool?

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case organisation, policy, cases, zendeskTables, contacts, surveys, audit, staffed, asOf, calendar, format
        case html, noHTML, json, stopAtBadRow, strict
    }

    /// Decodes a project, rejecting unknown fields.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: Set(CodingKeys.allNames))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        organisation = try container.decodeIfPresent(OrganisationEntry.self, forKey: .organisation)
        policy = try container.decodeIfPresent(String.self, forKey: .policy)
        cases = try container.decodeIfPresent(Source.self, forKey: .cases)
        zendeskTables = try container.decodeIfPresent(String.self, forKey: .zendeskTables)
        contacts = try container.decodeIfPresent(Source.self, forKey: .contacts)
        surveys = try container.decodeIfPresent(Source.self, forKey: .surveys)
        audit = try container.decodeIfPresent(String.self, forKey: .audit)
        staffed = try container.decodeIfPresent(String.self, forKey: .staffed)
        asOf = try container.decodeIfPresent(String.self, forKey: .asOf)
        calendar = try container.decodeIfPresent(String.self, forKey: .calendar)
        format = try container.decodeIfPresent(String.self, forKey: .format)
        html = try container.decodeIfPresent(String.self, forKey: .html)
        noHTML = try container.decodeIfPresent(Bool.self, forKey: .noHTML)
        json = try container.decodeIfPresent(String.self, forKey: .json)
        stopAtBadRow = try container.decodeIfPresent(Bool.self, forKey: .stopAtBadRow)
        strict = try container.decodeIfPresent(Bool.self, forKey: .strict)
    }

    /// Reads a project file.
    ///
    /// - Parameter path: The file.
    /// - Returns: The project.
    /// - Throws: ``DataError`` naming the file and the field.
    public static func read(_ path: String) throws -> ServiceReportProject {
        try decodeMapping(ServiceReportProject.self, path)
    }

    /// The project as command-line options, with paths resolved against `folder`, for the options the command line
    /// does not already give.
    ///
    /// - Parameters:
    ///   - folder: The project file's folder.
    ///   - given: The command line's options.
    /// - Returns: The valued options and the flags to add.
    func options(relativeTo folder: URL, given: Arguments) -> (values: [String: String], flags: [String]) {
        func path(_ file: String) -> String {
            file.hasPrefix("/") ? file : folder.appendingPathComponent(file).path
        }
        var values: [String: String] = [:]
        var flags: [String] = []
        func set(_ option: String, _ value: String?) {
            if let value, given.value(option) == nil { values[option] = value }
        }
        func flag(_ option: String, _ on: Bool?) {
            if on == true, !given.has(option) { flags.append(option) }
        }
        let caseOptions = ["--cases", "--zendesk-tables", "--preset", "--mapping"]
        if !caseOptions.contains(where: { given.value($0) != nil }), !given.has("--ticket-per-row") {
            if let cases {
                values["--cases"] = path(cases.file)
                values["--preset"] = cases.preset
                values["--mapping"] = cases.mapping.map(path)
                if cases.ticketPerRow == true { flags.append("--ticket-per-row") }
            }
            values["--zendesk-tables"] = zendeskTables.map(path)
        }
        for (source, prefix) in [(contacts, "--contacts"), (surveys, "--surveys")] {
            let group = [prefix, prefix + "-preset", prefix + "-mapping"]
            guard let source, !group.contains(where: { given.value($0) != nil }) else { continue }
            values[prefix] = path(source.file)
            values[prefix + "-preset"] = source.preset
            values[prefix + "-mapping"] = source.mapping.map(path)
        }
        if case .file(let file) = organisation { set("--organisation", path(file)) }
        set("--policy", policy.map(path))
        set("--audit", audit.map(path))
        set("--staffed", staffed.map(path))
        set("--as-of", asOf)
        set("--calendar", calendar)
        set("--format", format)
        set("--json", json.map(path))
        if given.value("--html") == nil, !given.has("--no-html") {
            set("--html", html.map(path))
            flag("--no-html", noHTML)
        }
        flag("--stop-at-bad-row", stopAtBadRow)
        flag("--strict", strict)
        return (values, flags)
    }
}

extension CodingKey where Self: CaseIterable {
    fileprivate static var allNames: [String] { allCases.map(\.stringValue) }
}
