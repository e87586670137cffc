import Foundation
import ServiceDomain

/// Audits of the same template set side by side — our organisation and each competitor in a competitive appraisal,
/// or several sites: overall and per-section percentages, one column per subject.
public struct SideBySide: Sendable, Hashable, Codable {
    /// One section across the subjects.
    public struct Row: Sendable, Hashable, Codable {
        /// The section.
        public let id: String
        /// Its title.
        public let title: String
        /// Each subject's percentage, in subject order; `nil` where nothing was scorable.
        public let percents: [Double?]
    }

    /// The subjects, in the order given.
    public let subjects: [String]
    /// Each subject's overall percentage.
    public let overall: [Double?]
    /// The sections.
    public let sections: [Row]

    /// Lines results up.
    ///
    /// - Parameter entries: A name and a result per subject, all scored against templates with the same sections.
    /// - Throws: ``ServiceAuditError`` with code `empty` (path `entries`) for no entries, or `inconsistent` (path
    ///   `entries[i]`) when a result's sections differ from the first's.
    public init(_ entries: [(subject: String, result: AuditResult)]) throws(ServiceAuditError) {
        guard let first = entries.first else {
            throw ServiceAuditError(.empty, at: "entries", "nothing to compare")
        }
        let ids = first.result.sections.map(\.id)
        for (index, entry) in entries.enumerated() where entry.result.sections.map(\.id) != ids {
            throw ServiceAuditError(
                .inconsistent,
                at: "entries[\(index)]",
                "\(entry.subject) was scored on other sections"
            )
        }
        subjects = entries.map(\.subject)
        overall = entries.map(\.result.percent)
        sections = first.result.sections.enumerated().map { index, section in
            Row(id: section.id, title: section.title, percents: entries.map { $0.result.sections[index].percent })
        }
    }

    /// The subject with the highest percentage in each section and overall (`overall` as the key), ties to the first
    /// listed; sections nobody scored are left out.
    public var leaders: [String: String] {
        var result: [String: String] = [:]
        func leader(_ values: [Double?]) -> String? {
            var best: (Int, Double)?
            for (index, value) in values.enumerated() {
                guard let value else { continue }
                if best == nil || value > (best?.1 ?? -.infinity) { best = (index, value) }
            }
            return best.map { subjects[$0.0] }
        }
        for row in sections { result[row.id] = leader(row.percents) }
        result["overall"] = leader(overall)
        return result
    }

    /// A Markdown table: one row per section and one for the overall score, one column per subject.
    ///
    /// - Returns: The table.
    public func markdown() -> String {
        func cell(_ value: Double?) -> String { value.map { String(format: "%.1f %%", $0) } ?? "—" }
        var lines = ["| section | " + subjects.joined(separator: " | ") + " |"]
        lines.append("|---|" + String(repeating: "---:|", count: subjects.count))
        for row in sections {
            lines.append("| \(row.title) | " + row.percents.map(cell).joined(separator: " | ") + " |")
        }
        lines.append("| **overall** | " + overall.map(cell).joined(separator: " | ") + " |")
        return lines.joined(separator: "\n") + "\n"
    }
}
