import Foundation

/// Small, dependency-free SVG charts for reports: deterministic text, no scripts, readable without a network.
///
/// Each function returns one `<svg>` element with a `<title>` for screen readers; values that are `nil` leave a gap.
public enum SVGChart: Sendable {
    /// The width and height of every chart, in CSS pixels.
    public static let size = (width: 720.0, height: 260.0)
    static let margin = (left: 56.0, right: 16.0, top: 28.0, bottom: 48.0)
    static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"]

    /// Vertical bars, one per label.
    ///
    /// - Parameters:
    ///   - title: The chart's title.
    ///   - labels: The bars' labels.
    ///   - values: The bars' values (not negative).
    ///   - format: How a value is printed above its bar.
    /// - Returns: The `<svg>` element.
    public static func bars(title: String, labels: [String], values: [Double], format: (Double) -> String) -> String {
        let top = niceCeiling(values.max() ?? 0)
        let plot = plotArea()
        let step = plot.width / Double(max(1, values.count))
        var body = axes(top: top, format: format)
        for (index, value) in values.enumerated() {
            let height = top > 0 ? plot.height * max(0, value) / top : 0
            let x = plot.x + Double(index) * step + step * 0.15
            let y = plot.y + plot.height - height
            body += rect(x, y, step * 0.7, height, palette[0])
            body += text(x + step * 0.35, y - 4, format(value), anchor: "middle", size: 11)
            body += text(
                x + step * 0.35,
                plot.y + plot.height + 16,
                labels[safe: index] ?? "",
                anchor: "middle",
                size: 11
            )
        }
        return svg(title: title, body)
    }

    /// Lines over labelled points, from zero to a maximum, with an optional target line.
    ///
    /// - Parameters:
    ///   - title: The chart's title.
    ///   - labels: The points' labels (every few are printed).
    ///   - series: Named series of values, `nil` for a gap.
    ///   - maximum: The top of the value axis (values above it are drawn at the top); `nil` for a round number at or
    ///     above the largest value.
    ///   - target: A horizontal reference line, in the values' units.
    ///   - format: How axis values are printed.
    /// - Returns: The `<svg>` element.
    public static func lines(
        title: String,
        labels: [String],
        series: [(name: String, values: [Double?])],
        maximum: Double? = nil,
        target: Double? = nil,
        format: (Double) -> String
    ) -> String {
        let plot = plotArea()
        let top = maximum ?? niceCeiling(series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0)
        var body = axes(top: top, format: format)
        let count = max(2, labels.count)
        func x(_ index: Int) -> Double { plot.x + plot.width * Double(index) / Double(count - 1) }
        func y(_ value: Double) -> Double { plot.y + plot.height * (1 - min(1, max(0, value / top))) }
        if let target {
            body +=
                "<line x1=\"\(f(plot.x))\" y1=\"\(f(y(target)))\" x2=\"\(f(plot.x + plot.width))\" y2=\"\(f(y(target)))\" "
                + "stroke=\"#888\" stroke-dasharray=\"4 3\"/>"
            body += text(plot.x + plot.width, y(target) - 4, "target \(format(target))", anchor: "end", size: 10)
        }
        let every = max(1, labels.count / 8)
        for (index, label) in labels.enumerated() where index % every == 0 {
            body += text(x(index), plot.y + plot.height + 16, label, anchor: "middle", size: 10)
        }
        for (number, line) in series.enumerated() {
            let colour = palette[number % palette.count]
            var segments: [String] = []
            var current: [String] = []
            for (index, value) in line.values.enumerated() {
                guard let value else {
                    if !current.isEmpty { segments.append(current.joined(separator: " ")) }
                    current = []
                    continue
                }
                current.append("\(f(x(index))),\(f(y(value)))")
            }
            if !current.isEmpty { segments.append(current.joined(separator: " ")) }
            for points in segments {
                body += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(points)\"/>"
            }
            body += rect(plot.x + 8 + Double(number) * 150, 8, 10, 10, colour)
            body += text(plot.x + 22 + Double(number) * 150, 17, line.name, anchor: "start", size: 11)
        }
        return svg(title: title, body)
    }

    /// Lines of shares (0–1) shown as percentages, with an optional target share.
    ///
    /// - Parameters:
    ///   - title: The chart's title.
    ///   - labels: The points' labels.
    ///   - series: Named series of shares, `nil` for a gap.
    ///   - target: A target share, such as 0.8.
    /// - Returns: The `<svg>` element.
    public static func shareLines(
        title: String,
        labels: [String],
        series: [(name: String, values: [Double?])],
        target: Double? = nil
    ) -> String {
        lines(title: title, labels: labels, series: series, maximum: 1, target: target) {
            "\(Int(($0 * 100).rounded()))%"
        }
    }

    /// Horizontal bars of percentages (0–100), one per label, with an optional pass mark.
    ///
    /// - Parameters:
    ///   - title: The chart's title.
    ///   - labels: The bars' labels.
    ///   - percents: The values, 0–100; `nil` draws no bar.
    ///   - mark: A vertical reference line, such as a pass mark.
    /// - Returns: The `<svg>` element.
    public static func percentBars(title: String, labels: [String], percents: [Double?], mark: Double? = nil) -> String
    {
        let left = 220.0
        let width = size.width - left - 60
        let row = 30.0
        let height = margin.top + row * Double(max(1, labels.count)) + 12
        var body = ""
        for (index, label) in labels.enumerated() {
            let y = margin.top + Double(index) * row
            body += text(left - 8, y + row * 0.6, label, anchor: "end", size: 11)
            if let percent = percents[safe: index] ?? nil {
                body += rect(left, y + row * 0.15, width * min(100, max(0, percent)) / 100, row * 0.7, palette[2])
                body += text(
                    left + width * min(100, max(0, percent)) / 100 + 4,
                    y + row * 0.6,
                    "\(f(percent))%",
                    anchor: "start",
                    size: 11
                )
            }
        }
        if let mark {
            let x = left + width * mark / 100
            body +=
                "<line x1=\"\(f(x))\" y1=\"\(f(margin.top))\" x2=\"\(f(x))\" y2=\"\(f(height - 12))\" "
                + "stroke=\"#888\" stroke-dasharray=\"4 3\"/>"
        }
        return svg(title: title, body, height: height)
    }

    /// One horizontal bar split into named shares (such as promoters, passives, detractors).
    ///
    /// - Parameters:
    ///   - title: The chart's title.
    ///   - parts: Named shares in 0…1, in order.
    ///   - colours: One colour per part.
    /// - Returns: The `<svg>` element.
    public static func stackedShare(title: String, parts: [(name: String, share: Double)], colours: [String]) -> String
    {
        let width = size.width - margin.left - margin.right
        var x = margin.left
        var body = ""
        for (index, part) in parts.enumerated() {
            let share = part.share.isFinite ? min(1, max(0, part.share)) : 0
            let w = width * share
            let colour = colours[safe: index] ?? palette[index % palette.count]
            body += rect(x, 60, w, 60, colour)
            if w > 40 {
                body += text(
                    x + w / 2,
                    96,
                    "\(Int((share * 100).rounded()))%",
                    anchor: "middle",
                    size: 13,
                    fill: "#fff"
                )
            }
            body += rect(margin.left + Double(index) * 160, 150, 10, 10, colour)
            body += text(margin.left + 14 + Double(index) * 160, 159, part.name, anchor: "start", size: 12)
            x += w
        }
        return svg(title: title, body, height: 180)
    }

    // MARK: - Pieces

    static func plotArea() -> (x: Double, y: Double, width: Double, height: Double) {
        (
            margin.left, margin.top, size.width - margin.left - margin.right,
            size.height - margin.top - margin.bottom
        )
    }

    static func axes(top: Double, format: (Double) -> String) -> String {
        let plot = plotArea()
        var body =
            "<line x1=\"\(f(plot.x))\" y1=\"\(f(plot.y + plot.height))\" x2=\"\(f(plot.x + plot.width))\" "
            + "y2=\"\(f(plot.y + plot.height))\" stroke=\"#444\"/>"
        for tick in 0...4 {
            let value = top * Double(tick) / 4
            let y = plot.y + plot.height * (1 - Double(tick) / 4)
            body +=
                "<line x1=\"\(f(plot.x))\" y1=\"\(f(y))\" x2=\"\(f(plot.x + plot.width))\" y2=\"\(f(y))\" stroke=\"#eee\"/>"
            body += text(plot.x - 6, y + 4, format(value), anchor: "end", size: 10)
        }
        return body
    }

    static func svg(title: String, _ body: String, height: Double = size.height) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(f(size.width)) \(f(height))\" "
            + "width=\"\(f(size.width))\" height=\"\(f(height))\" font-family=\"sans-serif\">"
            + "<title>\(escape(title))</title>" + body + "</svg>"
    }

    static func rect(_ x: Double, _ y: Double, _ width: Double, _ height: Double, _ fill: String) -> String {
        "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(max(0, width)))\" height=\"\(f(max(0, height)))\" fill=\"\(fill)\"/>"
    }

    static func text(
        _ x: Double,
        _ y: Double,
        _ content: String,
        anchor: String,
        size: Int,
        fill: String = "#222"
    ) -> String {
        "<text x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor)\" font-size=\"\(size)\" fill=\"\(fill)\">"
            + escape(content) + "</text>"
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

    /// A round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten), at or above the value (1 for zero).
    static func niceCeiling(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        let power = pow(10, (log10(value)).rounded(.down))
        for factor in [1.0, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10] where factor * power >= value { return factor * power }
        return 10 * power
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
