import Foundation

/// Turns a ``ServiceReport`` into a document.
///
/// Implementation requirements: deterministic output for equal reports; no network or file access. Conform your own
/// (a PDF, a dashboard's JSON) the way ``MarkdownServiceReportRenderer`` and ``HTMLServiceReportRenderer`` do.
public protocol ServiceReportRenderer: Sendable {
    /// The document's media type, such as `text/html`.
    var mediaType: String { get }

    /// Renders a report.
    ///
    /// - Parameter report: The report.
    /// - Returns: The document.
    func render(_ report: ServiceReport) -> String
}

/// Shared wording of figures.
enum Wording {
    static func percent(_ share: Double?) -> String {
        guard let share, share.isFinite else { return "—" }
        return String(format: "%.1f%%", share * 100)
    }

    static func hours(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "—" }
        return String(format: "%.1f h", seconds / 3_600)
    }

    static func seconds(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "—" }
        return String(format: "%.0f s", value)
    }

    static func number(_ value: Double?, _ digits: Int = 1) -> String {
        guard let value, value.isFinite else { return "—" }
        return String(format: "%.\(digits)f", value)
    }

    static func interval(_ estimate: Estimate?, scale: Double = 1, digits: Int = 1, unit: String = "") -> String {
        guard let estimate, let value = estimate.value else { return "—" }
        let number = { (value: Double) in String(format: "%.\(digits)f", value * scale) + unit }
        var text = number(value)
        if let interval = estimate.interval {
            text += " (95% interval \(number(interval.lower)) to \(number(interval.upper)))"
        }
        return text + ", n = \(estimate.sampleSize)"
    }

    static func date(_ instant: Date) -> String { String(InstantCoding.string(from: instant).prefix(10)) }
}

/// Renders a report as Markdown for a terminal or a wiki: headings, tables, no charts.
public struct MarkdownServiceReportRenderer: ServiceReportRenderer {
    /// Creates the renderer.
    public init() {}

    /// `text/markdown`.
    public var mediaType: String { "text/markdown" }

    /// Renders a report.
    ///
    /// - Parameter report: The report.
    /// - Returns: The Markdown document.
    public func render(_ report: ServiceReport) -> String {
        var lines: [String] = []
        lines.append("# \(report.title): \(report.organisation)")
        lines.append("")
        lines.append(
            "\(report.sector.rawValue.capitalized) sector. Cases created \(Wording.date(report.period.start)) to "
                + "\(Wording.date(report.asOf)), evaluated at \(InstantCoding.string(from: report.asOf)); weeks and "
                + "intervals in \(report.timeZone)."
        )
        let standards = report.standards
        lines += ["", "## Service standards: \(standards.policy)", ""]
        lines.append("\(standards.cases) cases evaluated, \(standards.unmatched) matched no rule.")
        lines += [
            "", "| target | compliance | achieved | breached | active | paused |", "|---|---:|---:|---:|---:|---:|",
        ]
        for target in standards.targets {
            lines.append(
                "| \(target.kind.rawValue) | \(Wording.percent(target.compliance)) | \(target.achieved) | "
                    + "\(target.breached) | \(target.active) | \(target.paused) |"
            )
        }
        if !standards.worst.isEmpty {
            lines += ["", "Largest breaches:"]
            lines += standards.worst.prefix(5).map {
                "- \($0.caseID.rawValue), \($0.kind.rawValue): \(Wording.hours($0.overrun)) over target"
            }
        }
        let operations = report.operations
        lines += ["", "## Operations", ""]
        lines += [
            "| measure | value |", "|---|---:|",
            "| cases | \(operations.cases) |",
            "| open at the end | \(operations.open) |",
            "| first reply, median (business hours) | \(Wording.hours(operations.firstReplyMedian)) |",
            "| first reply, 90th percentile | \(Wording.hours(operations.firstReplyP90)) |",
            "| resolution, median (business hours) | \(Wording.hours(operations.resolutionMedian)) |",
            "| first-contact resolution | \(Wording.percent(operations.firstContactResolution)) |",
            "| reopened | \(Wording.percent(operations.reopenRate)) |",
            "| escalated | \(Wording.percent(operations.escalationRate)) |",
        ]
        if let contacts = operations.contacts {
            lines += [
                "| calls offered | \(contacts.offered) |",
                "| calls answered | \(contacts.answered) |",
                "| abandonment | \(Wording.percent(contacts.abandonmentRate)) |",
                "| service level (20 s) | \(Wording.percent(contacts.serviceLevel)) |",
                "| average speed of answer | \(Wording.seconds(contacts.averageSpeedOfAnswer)) |",
                "| average handle time | \(Wording.seconds(contacts.averageHandleTime)) |",
            ]
        }
        lines += ["", "First reply in business hours:"]
        lines += operations.firstReplyHistogram.map { "- \($0.label): \($0.count)" }
        let satisfaction = report.satisfaction
        lines += ["", "## Customer satisfaction", ""]
        lines.append("- Net Promoter Score: \(Wording.interval(satisfaction.nps, digits: 0))")
        for (segment, estimate) in satisfaction.npsBySegment.sorted(by: { $0.key < $1.key }) {
            lines.append("  - \(segment): \(Wording.interval(estimate, digits: 0))")
        }
        lines.append(
            "- CSAT, share satisfied (4–5 of 5): \(Wording.interval(satisfaction.csat, scale: 100, unit: "%"))"
        )
        lines.append("- Customer effort (1–5, lower is easier): \(Wording.interval(satisfaction.ces, digits: 2))")
        if !satisfaction.servqualGaps.isEmpty {
            lines.append(
                "- SERVQUAL gaps (perception − expectation): "
                    + satisfaction.servqualGaps.sorted { $0.key < $1.key }
                    .map { "\($0.key) \(Wording.number($0.value, 2))" }.joined(separator: ", ")
            )
        }
        if satisfaction.rejected > 0 {
            lines.append("- \(satisfaction.rejected) answers left out (off-scale or unknown survey)")
        }
        for audit in report.audits {
            lines += ["", "## Audit: \(audit.title)", ""]
            lines.append(
                "\(audit.passed ? "Passed" : "Failed") with \(Wording.number(audit.percent))%"
                    + (audit.maturity.map { ", maturity \($0)" } ?? "") + " (\(audit.source))."
            )
            lines += ["", "| section | score |", "|---|---:|"]
            lines += audit.sections.map { "| \($0.title) | \(Wording.number($0.percent))% |" }
            if !audit.findings.isEmpty {
                lines.append("")
                lines.append(
                    "Findings: "
                        + audit.findings.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
                        .joined(separator: ", ")
                )
            }
            lines += audit.actions.map { "- Action \($0)" }
        }
        if let staffing = report.staffing {
            lines += ["", "## Staffing", ""]
            lines.append("Average of \(staffing.days) days of calls; \(staffing.targets).")
            lines += [
                "", "| interval | calls | AHT | Erlang C | Erlang A | to schedule |", "|---|---:|---:|---:|---:|---:|",
            ]
            lines += staffing.intervals.map {
                "| \($0.start) | \(Wording.number($0.calls)) | \(Wording.seconds($0.averageHandleTime)) | \($0.erlangC) | "
                    + "\($0.erlangA) | \($0.scheduled) |"
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Renders a report as one self-contained HTML page: inline CSS and SVG charts, no scripts, no external resources.
///
/// Charts: SLA compliance by week, the first-reply distribution, the NPS breakdown, audit section scores and the
/// staffing curve.
public struct HTMLServiceReportRenderer: ServiceReportRenderer {
    /// Creates the renderer.
    public init() {}

    /// `text/html`.
    public var mediaType: String { "text/html" }

    /// Renders a report.
    ///
    /// - Parameter report: The report.
    /// - Returns: The HTML page.
    public func render(_ report: ServiceReport) -> String {
        let e = SVGChart.escape
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(report.title)): \(e(report.organisation))</title>
            <style>
            body{font-family:system-ui,sans-serif;max-width:780px;margin:2em auto;padding:0 1em;color:#222}
            table{border-collapse:collapse;margin:1em 0}td,th{border-bottom:1px solid #ddd;padding:4px 10px;text-align:right}
            td:first-child,th:first-child{text-align:left}figure{margin:1.5em 0}figcaption{color:#555;font-size:.9em}
            svg{max-width:100%;height:auto}
            </style></head><body>
            <h1>\(e(report.title)): \(e(report.organisation))</h1>
            <p>\(e(report.sector.rawValue.capitalized)) sector. Cases created \(Wording.date(report.period.start)) to \
            \(Wording.date(report.asOf)); weeks and intervals in \(e(report.timeZone)).</p>

            """
        let standards = report.standards
        html += "<h2>Service standards: \(e(standards.policy))</h2>\n"
        html += "<table><tr><th>target</th><th>compliance</th><th>achieved</th><th>breached</th><th>active</th></tr>"
        for target in standards.targets {
            html +=
                "<tr><td>\(e(target.kind.rawValue))</td><td>\(Wording.percent(target.compliance))</td>"
                + "<td>\(target.achieved)</td><td>\(target.breached)</td><td>\(target.active)</td></tr>"
        }
        html += "</table>\n"
        html += figure(
            SVGChart.shareLines(
                title: "SLA compliance by week",
                labels: standards.weekly.map(\.week),
                series: [
                    ("first reply", standards.weekly.map(\.firstReply)),
                    ("resolution", standards.weekly.map(\.resolution)),
                ],
                target: 0.8
            ),
            caption: "SLA compliance by ISO week of creation (achieved among decided cycles)."
        )
        let operations = report.operations
        html += "<h2>Operations</h2>\n<table><tr><th>measure</th><th>value</th></tr>"
        var rows: [(String, String)] = [
            ("cases", "\(operations.cases)"), ("open at the end", "\(operations.open)"),
            ("first reply, median (business hours)", Wording.hours(operations.firstReplyMedian)),
            ("resolution, median (business hours)", Wording.hours(operations.resolutionMedian)),
            ("first-contact resolution", Wording.percent(operations.firstContactResolution)),
            ("reopened", Wording.percent(operations.reopenRate)),
        ]
        if let contacts = operations.contacts {
            rows += [
                ("calls offered", "\(contacts.offered)"), ("abandonment", Wording.percent(contacts.abandonmentRate)),
                ("service level (20 s)", Wording.percent(contacts.serviceLevel)),
                ("average handle time", Wording.seconds(contacts.averageHandleTime)),
            ]
        }
        html += rows.map { "<tr><td>\(e($0.0))</td><td>\(e($0.1))</td></tr>" }.joined() + "</table>\n"
        html += figure(
            SVGChart.bars(
                title: "First reply in business hours",
                labels: operations.firstReplyHistogram.map(\.label),
                values: operations.firstReplyHistogram.map { Double($0.count) }
            ) { String(Int($0.rounded())) },
            caption: "Cases by time to first reply, in business hours."
        )
        let satisfaction = report.satisfaction
        html += "<h2>Customer satisfaction</h2>\n<ul>"
        html += "<li>Net Promoter Score: \(e(Wording.interval(satisfaction.nps, digits: 0)))</li>"
        html += "<li>CSAT, share satisfied: \(e(Wording.interval(satisfaction.csat, scale: 100, unit: "%")))</li>"
        html += "<li>Customer effort (1–5, lower is easier): \(e(Wording.interval(satisfaction.ces, digits: 2)))</li>"
        html += "</ul>\n"
        if !satisfaction.npsShares.isEmpty {
            html += figure(
                SVGChart.stackedShare(
                    title: "NPS breakdown",
                    parts: [
                        ("promoters (9–10)", satisfaction.npsShares["promoters"] ?? 0),
                        ("passives (7–8)", satisfaction.npsShares["passives"] ?? 0),
                        ("detractors (0–6)", satisfaction.npsShares["detractors"] ?? 0),
                    ],
                    colours: ["#2ca02c", "#bbbbbb", "#d62728"]
                ),
                caption: "Net Promoter Score breakdown: promoters minus detractors is the score."
            )
        }
        for audit in report.audits {
            html += "<h2>Audit: \(e(audit.title))</h2>\n"
            html +=
                "<p>\(audit.passed ? "Passed" : "Failed") with \(Wording.number(audit.percent))%"
                + e(audit.maturity.map { ", maturity \($0)" } ?? "") + " (\(e(audit.source))).</p>\n"
            html += figure(
                SVGChart.percentBars(
                    title: "Audit section scores: \(audit.title)",
                    labels: audit.sections.map(\.title),
                    percents: audit.sections.map(\.percent)
                ),
                caption: "Section scores, percent of the points available."
            )
            if !audit.actions.isEmpty {
                html += "<ul>" + audit.actions.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n"
            }
        }
        if let staffing = report.staffing {
            html += "<h2>Staffing</h2>\n<p>Average of \(staffing.days) days of calls; \(e(staffing.targets)).</p>\n"
            html += figure(
                SVGChart.lines(
                    title: "Agents needed per half hour",
                    labels: staffing.intervals.map(\.start),
                    series: [
                        ("Erlang C", staffing.intervals.map { Double($0.erlangC) }),
                        ("Erlang A", staffing.intervals.map { Double($0.erlangA) }),
                        ("to schedule", staffing.intervals.map { Double($0.scheduled) }),
                    ]
                ) { String(Int($0.rounded())) },
                caption: "Agents on the phones per half hour under Erlang C and Erlang A, and agents to schedule."
            )
        }
        html += "</body></html>\n"
        return html
    }

    private func figure(_ svg: String, caption: String) -> String {
        "<figure>\(svg)<figcaption>\(SVGChart.escape(caption))</figcaption></figure>\n"
    }
}
