public import Foundation

/// Turns a ``ServiceReport`` into a document.
///
/// Implementation requirements: deterministic output for equal reports; no network or file access. Conform your own
/// (a PDF, a dashboard) the way ``MarkdownServiceReportRenderer`` and ``HTMLServiceReportRenderer`` do: walk
/// ``ServiceReport/document()`` so that every rendering shows the same figures.
public protocol ServiceReportRenderer: Sendable {
    /// The document's media type, such as `text/html`.
    var mediaType: String { get }

    /// Renders a report.
    ///
    /// - Parameter report: The report.
    /// - Returns: The document.
    func render(_ report: ServiceReport) -> String
}

/// Renders a report as Markdown for a terminal or a wiki: headings, tables and lists; charts are left out (their
/// figures are in the tables).
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
        let document = report.document()
        var lines = ["# \(document.title)", "", document.subtitle]
        if !document.warnings.isEmpty {
            lines += ["", "**Warnings**", ""]
            lines += document.warnings.map { "- ⚠ \(Self.cell($0))" }
        }
        if !document.omitted.isEmpty {
            lines += ["", "Not in this report:", ""]
            lines += document.omitted.map { "- \($0)" }
        }
        for part in document.parts {
            lines += ["", "## \(part.heading)"]
            for block in part.blocks {
                switch block {
                case .paragraph(let text): lines += ["", text]
                case .list(let items): lines += [""] + items.map { "- \($0)" }
                case .chart: continue
                case .table(let table):
                    lines += ["", "\(table.title):", ""]
                    lines.append("| " + table.header.map(Self.cell).joined(separator: " | ") + " |")
                    lines.append("|" + table.header.indices.map { $0 == 0 ? "---|" : "---:|" }.joined())
                    lines += table.rows.map { "| " + $0.map(Self.cell).joined(separator: " | ") + " |" }
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A table cell: pipes escaped, line breaks as spaces.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}

/// Renders a report as one self-contained HTML page: inline CSS and SVG charts, no scripts, no external resources.
///
/// The page shows the same document as the Markdown, with a chart beside each table that has one; it reads at phone
/// width (tables and charts scroll sideways; charts scale down no further than legible) and prints without the page's colours.
public struct HTMLServiceReportRenderer: ServiceReportRenderer {
    /// The most rows a table beside a chart shows open.
    ///
    /// A longer one, such as a year of weeks, is folded into a `<details>` element that opens on request; tables
    /// without a chart are always open.
    public static let longestOpenTable = 24

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
        let document = report.document()
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(document.title))</title>
            <style>
            body{font-family:system-ui,"DejaVu Sans",sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222;\
            line-height:1.4}
            h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ccc}
            .scroll{overflow-x:auto;margin:1em 0}table{border-collapse:collapse}
            caption{text-align:left;font-weight:600;padding:4px 0}
            td,th{border-bottom:1px solid #ddd;padding:4px 10px;text-align:right;white-space:nowrap}
            td:first-child,th:first-child{text-align:left;white-space:normal}
            figure{margin:1.5em 0}figcaption{color:#555;font-size:.9em}figure .scroll{margin:0}
            svg{display:block;width:100%;min-width:540px;height:auto}
            .warnings{border-left:4px solid #b35c00;background:#fff4e5;padding:.5em 1em}
            .omitted{color:#555}p,li,figcaption{overflow-wrap:anywhere}summary{cursor:pointer;color:#1f4e8c}
            @media print{body{max-width:none;margin:0}.warnings{background:none}h2{break-after:avoid}\
            figure,table{break-inside:avoid}}
            </style></head><body>
            <h1>\(e(document.title))</h1>
            <p>\(e(document.subtitle))</p>

            """
        if !document.warnings.isEmpty {
            html += "<section class=\"warnings\" aria-label=\"Warnings\"><h2>Warnings</h2><ul>"
            html += document.warnings.map { "<li>⚠ \(e($0))</li>" }.joined() + "</ul></section>\n"
        }
        if !document.omitted.isEmpty {
            html += "<section class=\"omitted\"><p>Not in this report:</p><ul>"
            html += document.omitted.map { "<li>\(e($0))</li>" }.joined() + "</ul></section>\n"
        }
        for part in document.parts {
            html += "<section><h2>\(e(part.heading))</h2>\n"
            for (index, block) in part.blocks.enumerated() {
                switch block {
                case .paragraph(let text): html += "<p>\(e(text))</p>\n"
                case .list(let items): html += "<ul>" + items.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n"
                case .chart(let chart):
                    html += "<figure><div class=\"scroll\">\(SVGChart.render(chart))</div>"
                    html += "<figcaption>\(e(chart.description))</figcaption></figure>\n"
                case .table(let table):
                    // A long table that gives a chart's figures opens on request, so that the page stays a dashboard.
                    let folded: Bool
                    if index > 0, case .chart = part.blocks[index - 1] {
                        folded = table.rows.count > Self.longestOpenTable
                    } else {
                        folded = false
                    }
                    if folded { html += "<details><summary>\(e(table.title)): \(table.rows.count) rows</summary>" }
                    html += "<div class=\"scroll\"><table><caption>\(e(table.title))</caption><tr>"
                    html += table.header.map { "<th scope=\"col\">\(e($0))</th>" }.joined() + "</tr>"
                    for row in table.rows {
                        html += "<tr>" + row.map { "<td>\(e($0))</td>" }.joined() + "</tr>"
                    }
                    html += "</table></div>" + (folded ? "</details>" : "") + "\n"
                }
            }
            html += "</section>\n"
        }
        html += "</body></html>\n"
        return html
    }
}

/// Renders a report as its JSON document: the ``ServiceReport`` value with sorted keys, dates in ISO 8601 (schema in
/// `Documentation/ServiceReport.md`).
public struct JSONServiceReportRenderer: ServiceReportRenderer {
    /// Creates the renderer.
    public init() {}

    /// `application/json`.
    public var mediaType: String { "application/json" }

    /// Renders a report.
    ///
    /// - Parameter report: The report.
    /// - Returns: The JSON text, pretty-printed, ending in a newline.
    public func render(_ report: ServiceReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(InstantCoding.string(from: date))
        }
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity",
            negativeInfinity: "-Infinity",
            nan: "NaN"
        )
        guard let data = try? encoder.encode(report) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A decoder for the renderer's output.
    ///
    /// - Returns: A decoder that reads the ISO 8601 instants the renderer writes.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            do {
                return try InstantCoding.date(from: text)
            } catch {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "not an ISO 8601 instant: \(text)"
                )
            }
        }
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity",
            negativeInfinity: "-Infinity",
            nan: "NaN"
        )
        return decoder
    }
}
