// The sample data the examples run on: a fictional energy supplier's customer service for one year.
//
// The shipped files (Examples/SampleData/Data) are the output of `SampleGenerator()` with its default settings;
// `swift run sample-data` writes them again, and a test checks that it writes the same bytes.

public import CustomerServiceKit
public import Foundation

/// Everything a service report needs: who, the promises, and what happened.
public struct SampleDataSet: Sendable {
    /// The organisation.
    public var organisation: Organisation
    /// The service-level policy and the business calendars it names.
    public var serviceLevels: ServiceLevelConfiguration
    /// The cases, with their event timelines.
    public var cases: [Case]
    /// The contact-centre contacts (phone queues).
    public var contacts: [Contact]
    /// Survey answers: `nps` (0–10), `csat` (1–5) and `ces` (1–5, lower is better).
    public var surveys: [SurveyAnswer]
    /// SERVQUAL questionnaires on the standard 22-item instrument.
    public var servqual: [ServqualResponse]
    /// One completed audit against a built-in template.
    public var audit: Audit
    /// The instant the data was taken: later events are not in it, and evaluation happens then.
    public var asOf: Date

    /// The scales of the surveys in ``surveys``, by name.
    public static let surveyScales = ServiceReportInput.defaultSurveyScales

    /// The names of the files of a data set, in a directory.
    public enum File: String, CaseIterable, Sendable {
        /// The organisation, as JSON.
        case organisation = "organisation.json"
        /// The policy and calendars, as JSON (`ServiceLevelConfiguration`).
        case serviceLevels = "service-levels.json"
        /// The cases, one row per event (`CaseCSVMapping.eventPerRow`).
        case cases = "cases.csv"
        /// The contacts, as a JSON array.
        case contacts = "contacts.json"
        /// The survey answers (`SurveyCSVMapping.standard`).
        case surveys = "surveys.csv"
        /// The SERVQUAL questionnaires, as a JSON array.
        case servqual = "servqual.json"
        /// The audit, as JSON; its template is built in.
        case audit = "audit.json"
        /// When the data was taken: `{"asOf": "…"}`.
        case manifest = "manifest.json"
    }

    /// The files, encoded: sorted JSON keys, CSV with CRLF line ends, so that equal data gives equal bytes.
    ///
    /// - Returns: The bytes of each file.
    /// - Throws: Encoding errors.
    public func encoded() throws -> [File: Data] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var files: [File: Data] = [:]
        files[.organisation] = try encoder.encode(organisation)
        files[.serviceLevels] = try encoder.encode(serviceLevels)
        files[.contacts] = try encoder.encode(contacts)
        files[.servqual] = try encoder.encode(servqual)
        files[.audit] = try encoder.encode(audit)
        files[.manifest] = try encoder.encode(["asOf": InstantCoding.string(from: asOf)])
        // The sample layout has no schedule column: refuse rather than drop a schedule change.
        for item in cases {
            if let event = item.events.first(where: { if case .scheduleChanged = $0.kind { true } else { false } }) {
                throw SampleDataError(
                    file: File.cases.rawValue,
                    message:
                        "case \(item.id) event \(event.id) is a schedule change, which the sample layout cannot hold"
                )
            }
        }
        files[.cases] = Data(Self.casesCSV(cases).utf8)
        files[.surveys] = Data(Self.surveysCSV(surveys).utf8)
        return files
    }

    /// Writes the files into a directory, creating it if needed.
    ///
    /// - Parameter directory: The directory.
    /// - Throws: File-system and encoding errors.
    public func write(to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (file, data) in try encoded() {
            try data.write(to: directory.appendingPathComponent(file.rawValue))
        }
    }

    /// Reads a data set from a directory of the files ``write(to:)`` writes.
    ///
    /// - Parameters:
    ///   - directory: The directory.
    ///   - onBadRecord: What to do with unusable CSV rows.
    /// - Returns: The data set and the CSV rows left out, by file.
    /// - Throws: `SampleDataError` naming the file for missing or unreadable files, or the import's error.
    public static func load(from directory: URL, onBadRecord: BadRecordPolicy = .skip) throws -> (
        SampleDataSet, problems: [File: [ImportProblem]]
    ) {
        func data(_ file: File) throws -> Data {
            do {
                return try Data(contentsOf: directory.appendingPathComponent(file.rawValue))
            } catch {
                throw SampleDataError(file: file.rawValue, message: "cannot be read: \(error.localizedDescription)")
            }
        }
        func decode<T: Decodable>(_ type: T.Type, _ file: File) throws -> T {
            do {
                return try JSONDecoder().decode(type, from: try data(file))
            } catch let error as SampleDataError {
                throw error
            } catch {
                throw SampleDataError(file: file.rawValue, message: "\(error)")
            }
        }
        func text(_ file: File) throws -> String {
            guard let text = String(data: try data(file), encoding: .utf8) else {
                throw SampleDataError(file: file.rawValue, message: "is not UTF-8 text")
            }
            return text
        }
        let cases = try CaseCSVMapping.eventPerRow.importCases(csv: try text(.cases), onBadRecord: onBadRecord)
        let surveys = try SurveyCSVMapping.standard.importAnswers(
            csv: try text(.surveys),
            scales: surveyScales,
            onBadRecord: onBadRecord
        )
        let manifest = try decode([String: String].self, .manifest)
        guard let asOfText = manifest["asOf"] else {
            throw SampleDataError(file: File.manifest.rawValue, message: "has no \"asOf\"")
        }
        let set = SampleDataSet(
            organisation: try decode(Organisation.self, .organisation),
            serviceLevels: try decode(ServiceLevelConfiguration.self, .serviceLevels),
            cases: cases.cases,
            contacts: try decode([Contact].self, .contacts),
            surveys: surveys.answers,
            servqual: try decode([ServqualResponse].self, .servqual),
            audit: try decode(Audit.self, .audit),
            asOf: try InstantCoding.date(from: asOfText)
        )
        return (set, [.cases: cases.problems, .surveys: surveys.problems])
    }

    /// The directory of the shipped data set (a resource of this module).
    public static var shippedDirectory: URL? {
        Bundle.module.url(forResource: "Data", withExtension: nil)
    }

    /// The shipped data set.
    ///
    /// - Returns: The data set.
    /// - Throws: `SampleDataError` when the resources are missing, or the load's errors.
    public static func shipped() throws -> SampleDataSet {
        guard let directory = shippedDirectory else {
            throw SampleDataError(file: "Data", message: "the shipped sample data is missing from the bundle")
        }
        return try load(from: directory, onBadRecord: .stop).0
    }

    static func casesCSV(_ cases: [Case]) -> String {
        var text = CSVDocument.record([
            "case_id", "event_id", "at", "type", "status", "agent", "team", "channel", "priority", "customer_id",
            "customer_role", "segments", "tags",
        ])
        for item in cases {
            for event in item.events {
                var status = ""
                var agent = ""
                var team = ""
                var priority = ""
                switch event.kind {
                case .assigned(let who, let group):
                    agent = who?.rawValue ?? ""
                    team = group?.rawValue ?? ""
                case .agentReply(let who), .internalNote(let who): agent = who?.rawValue ?? ""
                case .statusChanged(let next): status = next.rawValue
                case .priorityChanged(let next): priority = next.rawValue
                case .escalated(let group): team = group?.rawValue ?? ""
                case .created, .customerReply, .reopened: break
                case .scheduleChanged: break  // refused by `encoded()` before any row is written
                }
                var caseFields = ["", "", "", "", ""]
                if case .created = event.kind {
                    priority = item.priority.rawValue
                    team = item.team?.rawValue ?? ""
                    caseFields = [
                        item.channel.rawValue, item.customer?.id.rawValue ?? "", item.customer?.role.rawValue ?? "",
                        (item.customer?.segments ?? []).sorted().joined(separator: " "),
                        item.tags.sorted().joined(separator: " "),
                    ]
                }
                text += CSVDocument.record(
                    [
                        item.id.rawValue, event.id.rawValue, InstantCoding.string(from: event.at), event.kind.typeName,
                        status, agent, team, caseFields[0], priority,
                    ] + caseFields[1...]
                )
            }
        }
        return text
    }

    static func surveysCSV(_ answers: [SurveyAnswer]) -> String {
        var text = CSVDocument.record(["response_id", "survey", "score", "answered_at", "segment", "weight", "case_id"])
        for answer in answers {
            let response = answer.response
            text += CSVDocument.record([
                response.id, answer.survey, String(Int(response.score)),
                answer.at.map(InstantCoding.string(from:)) ?? "",
                response.segment ?? "", response.weight == 1 ? "" : String(response.weight),
                answer.caseID?.rawValue ?? "",
            ])
        }
        return text
    }
}

/// A sample-data file that is missing or unreadable.
public struct SampleDataError: Error, CustomStringConvertible, Sendable {
    /// The file's name.
    public let file: String
    /// What is wrong.
    public let message: String

    /// `cases.csv: …`.
    public var description: String { "\(file): \(message)" }
}
