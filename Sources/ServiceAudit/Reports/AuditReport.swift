import Foundation
import ServiceDomain

/// What an audit report shows: the template, the audit when there is one, its result, findings and actions.
public struct AuditReport: Sendable, Hashable, Codable {
    /// The template.
    public let template: AuditTemplate
    /// The audit, when the result came from one.
    public let audit: Audit?
    /// The scored result.
    public let result: AuditResult

    /// Creates a report.
    ///
    /// - Parameters:
    ///   - template: The template.
    ///   - audit: The audit.
    ///   - result: The result.
    public init(template: AuditTemplate, audit: Audit? = nil, result: AuditResult) {
        self.template = template
        self.audit = audit
        self.result = result
    }
}

/// Turns an ``AuditReport`` into a document.
///
/// Implementation requirements: deterministic output for equal reports; no network or file access. A user's HTML or
/// PDF renderer conforms the same way as the built-in ``MarkdownAuditRenderer`` and ``JSONAuditRenderer``.
public protocol AuditReportRenderer: Sendable {
    /// The document's media type, such as `text/markdown`.
    var mediaType: String { get }

    /// Renders a report.
    ///
    /// - Parameter report: The report.
    /// - Returns: The document.
    /// - Throws: ``ServiceAuditError`` when the report cannot be rendered.
    func render(_ report: AuditReport) throws(ServiceAuditError) -> String
}

/// Renders a report as Markdown: the outcome and why, the score, a table of sections, failed items with their prompts,
/// findings and corrective actions.
public struct MarkdownAuditRenderer: AuditReportRenderer {
    /// Creates the renderer.
    public init() {}

    /// `text/markdown`.
    public var mediaType: String { "text/markdown" }

    /// Renders a report.
    ///
    /// - Parameter report: The report.
    /// - Returns: The Markdown document.
    public func render(_ report: AuditReport) -> String {
        let result = report.result
        let prompts = Dictionary(report.template.itemsWithPaths.map { ($0.item.id, $0.item.prompt) }) { first, _ in
            first
        }
        var lines = ["# \(report.template.title) (\(report.template.id) \(report.template.version))", ""]
        if let audit = report.audit {
            lines.append(
                "Audit \(audit.id) of \(Self.describe(audit.subject)), by \(audit.auditors.joined(separator: ", ")); status \(audit.status.rawValue)."
            )
            lines.append("")
        }
        let score = result.percent.map { Self.format($0) + " %" } ?? "no scorable items"
        lines.append(
            "**\(result.outcome.label)** — score \(score)"
                + (result.maturity.map { ", maturity \($0)" } ?? "") + "."
        )
        lines.append("")
        lines.append(
            "Answered \(result.answered), not applicable \(result.notApplicable), unanswered \(result.unanswered); completion \(Self.format(result.completion * 100)) %."
        )
        if !result.reasons.isEmpty {
            lines += ["", "## Why it failed", ""]
            lines += result.reasons.map { "- " + Self.describe($0) }
        }
        lines += [
            "", "## Sections", "", "| section | earned | possible | score | failed items |", "|---|---:|---:|---:|---|",
        ]
        for section in result.sections {
            let percent = section.percent.map { Self.format($0) + " %" } ?? "—"
            lines.append(
                "| \(Self.escape(section.title)) | \(Self.format(section.earned)) | \(Self.format(section.possible)) | \(percent) | "
                    + "\(section.failedItems.joined(separator: ", ")) |"
            )
        }
        if !result.failedItems.isEmpty {
            lines += ["", "## Failed items", ""]
            let critical = Set(result.criticalFailures)
            lines += result.failedItems.map { id in
                "- \(id)\(critical.contains(id) ? " (critical)" : ""): \(prompts[id] ?? "")"
            }
        }
        if let audit = report.audit, !audit.findings.isEmpty {
            lines += ["", "## Findings", ""]
            lines += audit.findings.map {
                "- \($0.id) [\($0.severity.rawValue), \($0.status.rawValue)]: \($0.statement)"
            }
        }
        if let audit = report.audit, !audit.actions.isEmpty {
            lines += [
                "", "## Corrective actions", "", "| action | finding | owner | due | priority | status |",
                "|---|---|---|---|---|---|",
            ]
            lines += audit.actions.map {
                "| \(Self.escape($0.description)) | \($0.finding) | \(Self.escape($0.owner)) | \($0.due) | \($0.priority.rawValue) | \($0.status.rawValue) |"
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escape(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }

    static func describe(_ subject: AuditSubject) -> String {
        switch subject {
        case .organisation: "the organisation"
        case .team(let team): "team \(team.rawValue)"
        case .site(let site): "site \(site)"
        case .competitor(let name): "competitor \(name)"
        }
    }

    static func describe(_ reason: FailureReason) -> String {
        switch reason {
        case .criticalItemFailed(let item): "critical item \(item) failed"
        case .belowPassMark(let percent, let mark):
            "score \(format(percent)) % is below the pass mark of \(format(mark)) %"
        case .sectionBelowPassMark(let section, let percent, let mark):
            "section \(section) scored \(format(percent)) %, below its pass mark of \(format(mark)) %"
        case .ratedDoesNotMeet(let item): "item \(item) was rated does not meet"
        case .tooManyPartly(let section, let count, let allowed):
            "section \(section) has \(count) items rated partly; at most \(allowed) allowed"
        }
    }
}

/// Renders a report as JSON (sorted keys, pretty-printed): the report's own documented form.
public struct JSONAuditRenderer: AuditReportRenderer {
    /// Creates the renderer.
    public init() {}

    /// `application/json`.
    public var mediaType: String { "application/json" }

    /// Renders a report.
    ///
    /// - Parameter report: The report.
    /// - Returns: The JSON document.
    /// - Throws: ``ServiceAuditError`` with code `malformed` if encoding fails.
    public func render(_ report: AuditReport) throws(ServiceAuditError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            return String(decoding: try encoder.encode(report), as: UTF8.self)
        } catch {
            throw ServiceAuditError(.malformed, at: "report", "the report cannot be encoded: \(error)")
        }
    }
}
