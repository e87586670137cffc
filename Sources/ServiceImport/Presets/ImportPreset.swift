public import Foundation
public import ServiceDomain

/// A named, shipped mapping document for a tool's export: Zendesk, Freshdesk, Jira Service Management, ServiceNow,
/// Intercom, Five9, Genesys Cloud, Amazon Connect, Qualtrics, SurveyMonkey.
///
/// Each preset follows the tool's documented export layout (its column names, timestamp and duration formats, the
/// spellings of its priorities, statuses and channels), and its ``notes`` say what the export cannot tell and how the
/// preset deals with it. Choose one in code (`try ImportPreset.named("zendesk-csv-export").caseMapping()`), or on
/// the command line (`service-report --cases tickets.csv --preset zendesk-csv-export`); write one out with
/// ``mappingJSON`` as the start of your own mapping.
///
/// JSON (the shipped documents): `{"name": "…", "tool": "Zendesk", "kind": "cases", "summary": "…", "notes": […],
/// "mapping": {…}}`.
public struct ImportPreset: Sendable, Hashable {
    /// What a preset's mapping reads.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Tickets: a ``CaseCSVMapping``.
        case cases
        /// Calls and other contacts: a ``ContactCSVMapping``.
        case contacts
        /// Survey responses: a `SurveyCSVMapping` of ServiceSatisfaction.
        case surveys
    }

    /// The preset's name, starting with its tool (`zendesk-csv-export`).
    public let name: String
    /// The tool whose export it reads.
    public let tool: String
    /// What it reads.
    public let kind: Kind
    /// One line on the export it reads and where to get it.
    public let summary: String
    /// What the export cannot tell, and how the preset deals with it.
    public let notes: [String]
    /// The mapping document, as JSON.
    public let mapping: Data

    /// The names of the shipped presets, one per tool export, sorted.
    public static let names = [
        "amazon-connect-contact-records",
        "five9-call-log",
        "freshdesk-ticket-export",
        "genesys-cloud-interactions",
        "intercom-conversations",
        "jira-service-management-issues",
        "qualtrics-responses",
        "servicenow-incidents",
        "surveymonkey-responses",
        "zendesk-csv-export",
    ]

    /// Every shipped preset, in the order of ``names``.
    ///
    /// - Returns: The presets.
    /// - Throws: `ServiceDomainError/Code/malformed` if a shipped document is missing or unreadable (a packaging
    ///   fault, tested).
    public static func all() throws(ServiceDomainError) -> [ImportPreset] {
        var presets: [ImportPreset] = []
        for name in names { presets.append(try named(name)) }
        return presets
    }

    /// A shipped preset by name.
    ///
    /// - Parameter name: The name (exact, or without regard to case).
    /// - Returns: The preset.
    /// - Throws: `ServiceDomainError/Code/outOfRange` (path `preset`) for an unknown name, listing the closest
    ///   names; `ServiceDomainError/Code/malformed` for an unreadable document.
    public static func named(_ name: String) throws(ServiceDomainError) -> ImportPreset {
        guard let known = names.first(where: { $0 == name || $0.lowercased() == name.lowercased() }) else {
            let resolver = ColumnResolver(header: names)
            throw ServiceDomainError(
                .outOfRange,
                at: "preset",
                "no preset is named \(quoted(name))" + resolver.suggestions(name)
            )
        }
        let path = "Documents/\(known).json"
        guard let url = Bundle.module.url(forResource: known, withExtension: "json", subdirectory: "Documents"),
            let data = try? Data(contentsOf: url)
        else {
            throw ServiceDomainError(.malformed, at: path, "the preset is missing from the bundle")
        }
        return try parse(data, path: path)
    }

    /// The names of the preset documents the bundle holds (for the test that ``names`` lists them all).
    package static var bundledNames: [String] {
        guard let folder = Bundle.module.resourceURL?.appendingPathComponent("Documents"),
            let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { return [] }
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Reads a preset document.
    ///
    /// - Parameters:
    ///   - data: The JSON document.
    ///   - path: Its name, for errors.
    /// - Returns: The preset.
    /// - Throws: `ServiceDomainError/Code/malformed` for a document that is not a preset.
    public static func parse(_ data: Data, path: String = "preset") throws(ServiceDomainError) -> ImportPreset {
        struct Document: Decodable {
            let name: String
            let tool: String
            let kind: Kind
            let summary: String
            let notes: [String]
        }
        do {
            let document = try JSONDecoder().decode(Document.self, from: data)
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                let mapping = object["mapping"]
            else {
                throw ServiceDomainError(.malformed, at: path, "the preset has no mapping")
            }
            let mappingData = try JSONSerialization.data(
                withJSONObject: mapping,
                options: [.sortedKeys, .prettyPrinted]
            )
            return ImportPreset(
                name: document.name,
                tool: document.tool,
                kind: document.kind,
                summary: document.summary,
                notes: document.notes,
                mapping: mappingData
            )
        } catch let error as ServiceDomainError {
            throw error
        } catch {
            throw ServiceDomainError(.malformed, at: path, "the preset cannot be read: \(error)")
        }
    }

    /// The mapping document as pretty-printed JSON with sorted keys, for a user to copy and edit.
    public var mappingJSON: String { String(decoding: mapping, as: UTF8.self) + "\n" }

    /// The preset's case mapping.
    ///
    /// - Returns: The mapping.
    /// - Throws: `ServiceDomainError/Code/outOfRange` (path `preset`) when the preset is not for cases, or the
    ///   mapping's decoding error.
    public func caseMapping() throws(ServiceDomainError) -> CaseCSVMapping {
        try decode(CaseCSVMapping.self, kind: .cases)
    }

    /// The preset's contact mapping.
    ///
    /// - Returns: The mapping.
    /// - Throws: `ServiceDomainError/Code/outOfRange` (path `preset`) when the preset is not for contacts, or the
    ///   mapping's decoding error.
    public func contactMapping() throws(ServiceDomainError) -> ContactCSVMapping {
        try decode(ContactCSVMapping.self, kind: .contacts)
    }

    /// Decodes the mapping as a type, checking the kind.
    ///
    /// - Parameters:
    ///   - type: The mapping type.
    ///   - kind: The kind it reads.
    /// - Returns: The mapping.
    /// - Throws: `ServiceDomainError/Code/outOfRange` for another kind, `ServiceDomainError/Code/malformed` for a
    ///   mapping that does not decode.
    public func decode<Mapping: Decodable>(_ type: Mapping.Type, kind: Kind) throws(ServiceDomainError) -> Mapping {
        guard self.kind == kind else {
            throw ServiceDomainError(
                .outOfRange,
                at: "preset",
                "\(name) reads \(self.kind.rawValue), not \(kind.rawValue)"
            )
        }
        do {
            return try JSONDecoder().decode(Mapping.self, from: mapping)
        } catch {
            throw ServiceDomainError(.malformed, at: "preset.\(name)", "the preset's mapping does not decode: \(error)")
        }
    }
}
