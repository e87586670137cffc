import Foundation

/// Small, dependency-free SVG charts for reports: deterministic text, no scripts, readable without a network.
///
/// ``render(_:)`` draws a ``ReportChart``: a `<title>` and `<desc>` for screen readers, axis titles, a legend above
/// the plot (series and reference lines, wrapped to the width) so that no label sits on a line, x labels thinned so
/// that they never overlap and anchored so that none is cut at an edge, whatever the number of points (1, 3, 53).
public enum SVGChart: Sendable {
    /// The width of every chart, in CSS pixels (the page scales it down on narrow screens).
    public static let width = 720.0
    static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b"]
    /// Colours of a score against its pass mark: meets, near (within ``nearMargin`` points below), misses.
    static let status = (meets: "#2e7d32", near: "#b26a00", misses: "#c62828")
    /// How far below the pass mark, in points, a score counts as near.
    public static let nearMargin = 10.0

    /// Draws a chart.
    ///
    /// - Parameter chart: The chart.
    /// - Returns: One `<svg>` element.
    public static func render(_ chart: ReportChart) -> String {
        switch chart.kind {
        case .lines: lines(chart)
        case .bars: bars(chart)
        case .scoreBars: scoreBars(chart)
        case .stacked: stacked(chart)
        }
    }

    /// The estimated width of text in the charts' sans-serif font, in pixels (a little wide, never narrow).
    ///
    /// - Parameters:
    ///   - text: The text.
    ///   - size: The font size.
    /// - Returns: The width.
    public static func textWidth(_ text: String, size: Double) -> Double {
        var width = 0.0
        for character in text {
            switch character {
            case "i", "l", "j", "t", "f", "r", ".", ",", ":", ";", "'", "|", "!", " ", "(", ")", "[", "]":
                width += 0.38
            case "m", "w", "M", "W", "%", "—", "–", "≥", "−":
                width += 0.92
            default:
                width += character.isUppercase ? 0.72 : 0.62
            }
        }
        return width * size
    }

    // MARK: - Kinds

    static func lines(_ chart: ReportChart) -> String {
        var items = chart.series.enumerated().map {
            LegendItem(name: $0.element.name, colour: colour($0.offset), dashed: false)
        }
        items += chart.references.map { LegendItem(name: $0.name, colour: "#666", dashed: true) }
        let (legendBody, legendHeight) = legend(items, top: 8)
        let plot = Plot(x: 70, y: legendHeight + 14, width: width - 70 - 24, height: 180)
        let height = plot.y + plot.height + 52
        let values =
            chart.series.flatMap { $0.values.compactMap { $0 }.filter(\.isFinite) } + chart.references.map(\.value)
        let range = valueRange(values, unit: chart.unit)
        var body = legendBody + axes(chart, plot: plot, range: range, height: height)
        let count = chart.labels.count
        let step = plot.width / Double(max(1, count))
        func x(_ index: Int) -> Double { plot.x + step * (Double(index) + 0.5) }
        func y(_ value: Double) -> Double {
            plot.y + plot.height * (1 - (clamp(value, range) - range.lo) / (range.hi - range.lo))
        }
        body += xLabels(chart.labels, positions: (0..<count).map(x), baseline: plot.y + plot.height + 16)
        for reference in chart.references {
            body += line(plot.x, y(reference.value), plot.x + plot.width, y(reference.value), "#666", dashed: true)
        }
        for (number, series) in chart.series.enumerated() {
            let stroke = colour(number)
            var segment: [String] = []
            func flush() {
                if segment.count > 1 {
                    body +=
                        "<polyline fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"2\" points=\"\(segment.joined(separator: " "))\"/>"
                }
                segment = []
            }
            for index in 0..<count {
                guard let value = series.values[safe: index] ?? nil, value.isFinite else {
                    flush()
                    continue
                }
                segment.append("\(f(x(index))),\(f(y(value)))")
                body +=
                    "<circle cx=\"\(f(x(index)))\" cy=\"\(f(y(value)))\" r=\"\(count > 60 ? 1.5 : 3)\" fill=\"\(stroke)\">"
                    + "<title>\(escape("\(series.name), \(chart.labels[index]): \(chart.word(value))"))</title></circle>"
            }
            flush()
        }
        return svg(chart, body, height: height)
    }

    static func bars(_ chart: ReportChart) -> String {
        let plot = Plot(x: 70, y: 24, width: width - 70 - 24, height: 180)
        let height = plot.y + plot.height + 52
        let values = chart.series.first?.values ?? []
        let range = valueRange(values.compactMap { $0 }.filter(\.isFinite), unit: chart.unit)
        var body = axes(chart, plot: plot, range: range, height: height)
        let step = plot.width / Double(max(1, chart.labels.count))
        let positions = chart.labels.indices.map { plot.x + step * (Double($0) + 0.5) }
        for (index, centre) in positions.enumerated() {
            guard let value = values[safe: index] ?? nil, value.isFinite else { continue }
            let top = plot.y + plot.height * (1 - (clamp(value, range) - range.lo) / (range.hi - range.lo))
            body += rect(centre - step * 0.35, top, step * 0.7, plot.y + plot.height - top, palette[0])
            let label = chart.word(value)
            if textWidth(label, size: 11) <= step {
                body += text(centre, top - 4, label, anchor: "middle", size: 11)
            }
        }
        body += xLabels(chart.labels, positions: positions, baseline: plot.y + plot.height + 16)
        return svg(chart, body, height: height)
    }

    static func scoreBars(_ chart: ReportChart) -> String {
        let mark = chart.references.first?.value
        var items: [LegendItem] = []
        if let mark {
            items = [
                LegendItem(name: "meets (≥ \(chart.word(mark)))", colour: status.meets, dashed: false),
                LegendItem(name: "near (within \(Int(nearMargin)) points)", colour: status.near, dashed: false),
                LegendItem(name: "misses", colour: status.misses, dashed: false),
            ]
            items += chart.references.map { LegendItem(name: $0.name, colour: "#666", dashed: true) }
        }
        let (legendBody, legendHeight) = legend(items, top: 8)
        let labelSize = 11.0
        let longest = chart.labels.map { textWidth($0, size: labelSize) }.max() ?? 0
        let left = min(max(longest, 60), 280) + 16
        let barWidth = width - left - 70
        let row = 26.0
        let top = legendHeight + 12
        let plotHeight = row * Double(max(1, chart.labels.count))
        let height = top + plotHeight + 48
        var body = legendBody
        for tick in 0...4 {
            let x = left + barWidth * Double(tick) / 4
            body += line(x, top, x, top + plotHeight, "#eee")
            body += text(x, top + plotHeight + 14, "\(tick * 25)%", anchor: "middle", size: 10)
        }
        body += text(left + barWidth / 2, top + plotHeight + 34, chart.xTitle, anchor: "middle", size: 11, fill: "#444")
        let scores = chart.series.first?.values ?? []
        for (index, label) in chart.labels.enumerated() {
            let y = top + Double(index) * row
            body += text(
                left - 8,
                y + row * 0.65,
                fit(label, width: left - 16, size: labelSize),
                anchor: "end",
                size: Int(labelSize),
                full: label
            )
            guard let score = scores[safe: index] ?? nil, score.isFinite else {
                body += text(left + 4, y + row * 0.65, "not scored", anchor: "start", size: 11, fill: "#666")
                continue
            }
            let share = min(100, max(0, score)) / 100
            let fill: String
            if let mark {
                fill = score >= mark ? status.meets : score >= mark - nearMargin ? status.near : status.misses
            } else {
                fill = palette[0]
            }
            body += rect(left, y + row * 0.15, barWidth * share, row * 0.7, fill)
            body += text(left + barWidth * share + 4, y + row * 0.65, chart.word(score), anchor: "start", size: 11)
        }
        if let mark {
            let x = left + barWidth * min(100, max(0, mark)) / 100
            body += line(x, top - 2, x, top + plotHeight + 2, "#444", dashed: true)
        }
        return svg(chart, body, height: height)
    }

    static func stacked(_ chart: ReportChart) -> String {
        let left = 16.0
        let barWidth = width - 32
        var x = left
        var body = ""
        func share(_ series: ReportChart.Series) -> Double {
            let raw = series.values.first.flatMap { $0 } ?? 0
            return raw.isFinite ? min(1, max(0, raw)) : 0
        }
        for (index, series) in chart.series.enumerated() {
            let share = share(series)
            let w = min(barWidth * share, left + barWidth - x)
            let fill = stackColours[safe: index] ?? colour(index)
            body += rect(x, 12, w, 48, fill)
            let label = String(format: "%.1f%%", share * 100)
            if textWidth(label, size: 13) + 8 <= w {
                body += text(x + w / 2, 41, label, anchor: "middle", size: 13, fill: "#fff")
            }
            x += w
        }
        let items = chart.series.enumerated().map {
            LegendItem(
                name: $0.element.name + String(format: " (%.1f%%)", share($0.element) * 100),
                colour: stackColours[safe: $0.offset] ?? colour($0.offset),
                dashed: false
            )
        }
        let (legendBody, legendHeight) = legend(items, top: 72)
        body += legendBody
        return svg(chart, body, height: 72 + legendHeight + 8)
    }

    static let stackColours = ["#2e7d32", "#9e9e9e", "#c62828"]

    // MARK: - Pieces

    struct Plot {
        var x: Double
        var y: Double
        var width: Double
        var height: Double
    }

    struct LegendItem {
        var name: String
        var colour: String
        var dashed: Bool
    }

    /// A legend wrapped to the chart's width; returns its body and the height it takes from `top`.
    static func legend(_ items: [LegendItem], top: Double) -> (String, Double) {
        guard !items.isEmpty else { return ("", 0) }
        var body = ""
        var x = 16.0
        var y = top
        for item in items {
            let itemWidth = 18 + textWidth(item.name, size: 11) + 18
            if x + itemWidth > width - 8, x > 16 {
                x = 16
                y += 18
            }
            if item.dashed {
                body += line(x, y + 6, x + 14, y + 6, item.colour, dashed: true)
            } else {
                body += rect(x, y + 1, 12, 10, item.colour)
            }
            body += text(x + 18, y + 10, item.name, anchor: "start", size: 11)
            x += itemWidth
        }
        return (body, y - top + 18)
    }

    static func axes(_ chart: ReportChart, plot: Plot, range: ValueRange, height: Double) -> String {
        var body = ""
        for tick in 0...range.intervals {
            let fraction = Double(tick) / Double(range.intervals)
            let value = range.lo + (range.hi - range.lo) * fraction
            let y = plot.y + plot.height * (1 - fraction)
            body += line(plot.x, y, plot.x + plot.width, y, tick == 0 ? "#444" : "#eee")
            body += text(plot.x - 6, y + 4, chart.word(value), anchor: "end", size: 10)
        }
        if range.lo < 0 {
            let y = plot.y + plot.height * (1 - (0 - range.lo) / (range.hi - range.lo))
            body += line(plot.x, y, plot.x + plot.width, y, "#999")
        }
        let middle = plot.y + plot.height / 2
        body +=
            "<text x=\"14\" y=\"\(f(middle))\" transform=\"rotate(-90 14 \(f(middle)))\" text-anchor=\"middle\" "
            + "font-size=\"11\" fill=\"#444\">\(escape(chart.yTitle))</text>"
        body += text(plot.x + plot.width / 2, height - 8, chart.xTitle, anchor: "middle", size: 11, fill: "#444")
        return body
    }

    /// X labels: every k-th so that neighbours never overlap, the first and last kept inside the chart.
    static func xLabels(_ labels: [String], positions: [Double], baseline: Double) -> String {
        guard labels.count > 0, positions.count == labels.count else { return "" }
        let size = 10.0
        let widest = labels.map { textWidth($0, size: size) }.max() ?? 0
        let step = positions.count > 1 ? positions[1] - positions[0] : width
        let every = max(1, Int(((widest + 8) / max(1, step)).rounded(.up)))
        var body = ""
        for index in stride(from: 0, to: labels.count, by: every) {
            let label = labels[index]
            let half = textWidth(label, size: size) / 2
            var anchor = "middle"
            var x = positions[index]
            if x - half < 2 {
                anchor = "start"
                x = 2
            } else if x + half > width - 2 {
                anchor = "end"
                x = width - 2
            }
            body += text(x, baseline, label, anchor: anchor, size: Int(size))
        }
        return body
    }

    /// A value axis: its ends and the number of equal intervals between its ticks.
    struct ValueRange {
        var lo: Double
        var hi: Double
        var intervals: Int
    }

    /// The value axis: shares 0–1 and percentages 0–100 in quarters; otherwise ticks at multiples of a round step (1,
    /// 2 or 5 times a power of ten) from one at or below the smallest value (zero unless negative) to one at or above
    /// the largest, so that zero is always a tick.
    static func valueRange(_ values: [Double], unit: ReportChart.Unit) -> ValueRange {
        switch unit {
        case .share: return ValueRange(lo: 0, hi: 1, intervals: 4)
        case .percent: return ValueRange(lo: 0, hi: 100, intervals: 4)
        case .count, .hours:
            let smallest = min(values.min() ?? 0, 0)
            let largest = max(values.max() ?? 0, 0)
            let step = niceStep((largest - smallest) / 4)
            let lo = (smallest / step).rounded(.down) * step
            let hi = max((largest / step).rounded(.up) * step, lo + step)
            return ValueRange(lo: lo, hi: hi, intervals: Int(((hi - lo) / step).rounded()))
        }
    }

    static func clamp(_ value: Double, _ range: ValueRange) -> Double {
        min(range.hi, max(range.lo, value))
    }

    static func colour(_ index: Int) -> String { palette[index % palette.count] }

    static func svg(_ chart: ReportChart, _ body: String, height: Double) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(f(width)) \(f(height))\" "
            + "width=\"\(f(width))\" height=\"\(f(height))\" font-family=\"system-ui, 'DejaVu Sans', sans-serif\">"
            + "<title>\(escape(chart.title))</title><desc>\(escape(chart.description))</desc>" + body + "</svg>"
    }

    static func rect(_ x: Double, _ y: Double, _ width: Double, _ height: Double, _ fill: String) -> String {
        "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(max(0, width)))\" height=\"\(f(max(0, height)))\" fill=\"\(fill)\"/>"
    }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ stroke: String, dashed: Bool = false)
        -> String
    {
        "<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"\(stroke)\""
            + (dashed ? " stroke-dasharray=\"5 3\" stroke-width=\"1.5\"" : "") + "/>"
    }

    static func text(
        _ x: Double,
        _ y: Double,
        _ content: String,
        anchor: String,
        size: Int,
        fill: String = "#222",
        full: String? = nil
    ) -> String {
        "<text x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor)\" font-size=\"\(size)\" fill=\"\(fill)\">"
            + escape(content) + (full.map { $0 == content ? "" : "<title>\(escape($0))</title>" } ?? "") + "</text>"
    }

    /// Text cut with an ellipsis to fit a width.
    static func fit(_ text: String, width: Double, size: Double) -> String {
        guard textWidth(text, size: size) > width else { return text }
        var cut = text
        while !cut.isEmpty, textWidth(cut + "…", size: size) > width { cut.removeLast() }
        return cut + "…"
    }

    /// Escapes text for XML and HTML.
    ///
    /// - Parameter text: The text.
    /// - Returns: The text with `&`, `<`, `>`, `"` and `'` escaped.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A coordinate with one decimal, the same on every platform.
    static func f(_ value: Double) -> String { String(format: "%.1f", value.isFinite ? value : 0) }

    /// The smallest of 1, 2 and 5 times a power of ten at or above the value (1 for zero or less).
    static func niceStep(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        let power = pow(10, (log10(value)).rounded(.down))
        for factor in [1.0, 2, 5] where factor * power >= value * (1 - 1e-12) { return factor * power }
        return 10 * power
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
