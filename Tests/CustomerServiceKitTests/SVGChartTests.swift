import CustomerServiceKit
import Foundation
import Testing

struct SVGChartTests {
    static func count(_ text: String, _ needle: String) -> Int { text.components(separatedBy: needle).count - 1 }

    /// The x coordinates and anchors of the chart's labels under the plot (font size 10).
    static func xLabels(_ svg: String) -> [(x: Double, anchor: String, text: String)] {
        let pattern =
            #/<text x="([0-9.]+)" y="[0-9.]+" text-anchor="(start|middle|end)" font-size="10" fill="#222">([^<]*)</text>/#
        return svg.matches(of: pattern).compactMap { match in
            Double(match.output.1).map { ($0, String(match.output.2), String(match.output.3)) }
        }
        .filter { $0.text.hasPrefix("2026-W") }
    }

    static func weeks(_ count: Int) -> ReportChart {
        let labels = (1...count).map { String(format: "2026-W%02d", $0) }
        return ReportChart(
            .lines,
            title: "t",
            description: "d",
            xTitle: "week",
            yTitle: "compliance",
            labels: labels,
            series: [.init("first reply", labels.map { _ in 0.7 })],
            references: [.init("goal 80%", 0.8)],
            unit: .share
        )
    }

    @Test func textIsEscapedForXMLAndEveryChartHasATitleAndADescription() {
        #expect(SVGChart.escape(#"<a & "b" 'c'>"#) == "&lt;a &amp; &quot;b&quot; &#39;c&#39;&gt;")
        let chart = SVGChart.render(
            ReportChart(
                .bars,
                title: "Q&A <1>",
                description: "x < y",
                labels: ["<x>"],
                series: [.init("s", [1])],
                unit: .count
            )
        )
        #expect(chart.contains("<title>Q&amp;A &lt;1&gt;</title><desc>x &lt; y</desc>") && !chart.contains("<x>"))
    }

    @Test(arguments: [1, 3, 53])
    func weekLabelsNeitherOverlapNorLeaveTheChart(weeks: Int) {
        let svg = SVGChart.render(Self.weeks(weeks))
        let labels = Self.xLabels(svg)
        #expect(!labels.isEmpty && labels.first?.text == "2026-W01")
        // Extents from the anchor and the estimated width: inside 0…720 and apart from each other.
        let extents = labels.map { label -> ClosedRange<Double> in
            let width = SVGChart.textWidth(label.text, size: 10)
            switch label.anchor {
            case "start": return label.x...(label.x + width)
            case "end": return (label.x - width)...label.x
            default: return (label.x - width / 2)...(label.x + width / 2)
            }
        }
        #expect(extents.allSatisfy { $0.lowerBound >= 0 && $0.upperBound <= SVGChart.width })
        #expect(zip(extents, extents.dropFirst()).allSatisfy { $0.upperBound < $1.lowerBound })
        // Every point is drawn (a single week is a visible dot), the goal is a dashed line named in the legend.
        #expect(Self.count(svg, "<circle") == weeks)
        #expect(svg.contains("stroke-dasharray") && svg.contains(">goal 80%</text>"))
        #expect(svg.contains(">week</text>") && svg.contains(">compliance</text>"))
    }

    /// The value-axis labels, bottom to top (right-aligned, font size 10).
    static func yLabels(_ svg: String) -> [String] {
        let pattern = #/<text x="[0-9.]+" y="([0-9.]+)" text-anchor="end" font-size="10" fill="#222">([^<]*)</text>/#
        return svg.matches(of: pattern).compactMap { match in
            Double(match.output.1).map { ($0, String(match.output.2)) }
        }
        .sorted { $0.0 > $1.0 }.map(\.1)
    }

    /// Ticks fall on multiples of 1, 2 or 5 times a power of ten, with zero among them: an NPS from −57 to 66 is drawn
    /// on −100…100 in steps of 50 (range 123 / 4 ≈ 31 → 50), not at −60, −25, 10, 45, 80.
    @Test(arguments: [
        ([-57.0, 12, 66], ["-100", "-50", "0", "50", "100"]),
        ([3.0, 12], ["0", "5", "10", "15"]),
        ([591.0, 494, 10], ["0", "200", "400", "600"]),
        ([0.0, 0], ["0", "1"]),
    ])
    func valueTicksAreRoundAndIncludeZero(values: [Double], ticks: [String]) {
        let svg = SVGChart.render(
            ReportChart(
                .lines,
                title: "t",
                description: "d",
                labels: values.indices.map { "p\($0)" },
                series: [.init("s", values)],
                unit: .count
            )
        )
        #expect(Self.yLabels(svg) == ticks)
    }

    @Test func scoresAreColouredByThePassMark() {
        // Pass mark 70: 85 meets (green), 65 is within 10 points (amber), 11 misses (red).
        let svg = SVGChart.render(
            ReportChart(
                .scoreBars,
                title: "t",
                description: "d",
                labels: ["a", "b", "c"],
                series: [.init("score", [85, 65, 11])],
                references: [.init("pass mark 70%", 70)],
                unit: .percent
            )
        )
        let fills = svg.matches(
            of: #/<rect x="[0-9.]+" y="[0-9.]+" width="[0-9.]+" height="18.2" fill="(#[0-9a-f]+)"/>/#
        )
        .map { String($0.output.1) }
        #expect(fills == ["#2e7d32", "#b26a00", "#c62828"])
    }

    @Test func emptyAndNonFiniteInputDrawNothingWrong() {
        let empty = SVGChart.render(
            ReportChart(.bars, title: "t", description: "d", labels: [], series: [], unit: .count)
        )
        #expect(Self.count(empty, "<rect") == 0 && !empty.contains("nan") && !empty.contains("inf"))
        let odd = SVGChart.render(
            ReportChart(.lines, title: "t", description: "d", labels: ["a"], series: [.init("s", [.nan])], unit: .count)
        )
        #expect(!odd.contains("nan") && !odd.contains("inf\""))
        let shares = SVGChart.render(
            ReportChart(
                .stacked,
                title: "t",
                description: "d",
                labels: ["a", "b"],
                series: [.init("a", [2]), .init("b", [-1])],
                unit: .share
            )
        )
        #expect(shares.contains(">100.0%<") && !shares.contains("200.0%") && !shares.contains("width=\"-"))
    }
}
