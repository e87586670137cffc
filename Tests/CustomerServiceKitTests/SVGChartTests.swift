import CustomerServiceKit
import Foundation
import Testing

struct SVGChartTests {
    static func count(_ text: String, _ needle: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test func textIsEscapedForXML() {
        #expect(SVGChart.escape(#"<a & "b" 'c'>"#) == "&lt;a &amp; &quot;b&quot; &#39;c&#39;&gt;")
        let chart = SVGChart.bars(title: "Q&A <1>", labels: ["<x>"], values: [1]) { "\($0)" }
        #expect(chart.contains("<title>Q&amp;A &lt;1&gt;</title>") && !chart.contains("<x>"))
    }

    @Test func barsHaveOneRectanglePerValueOnARoundAxis() {
        // Values up to 600: the axis tops out at 600 (6 × 100), ticks every 150.
        let chart = SVGChart.bars(title: "t", labels: ["a", "b", "c"], values: [100, 600, 0]) { String(Int($0)) }
        #expect(Self.count(chart, "<rect") == 3)
        #expect(chart.contains(">600</text>") && chart.contains(">450</text>") && chart.contains(">150</text>"))
        #expect(chart.hasPrefix("<svg") && chart.hasSuffix("</svg>"))
    }

    @Test func aMissingValueBreaksTheLine() {
        let chart = SVGChart.shareLines(
            title: "t",
            labels: ["1", "2", "3", "4", "5"],
            series: [("s", [0.5, 0.6, nil, 0.7, 0.8])],
            target: 0.8
        )
        #expect(Self.count(chart, "<polyline") == 2)
        #expect(chart.contains("target 80%"))
    }

    @Test func emptyAndNonFiniteInputDrawNothingWrong() {
        let empty = SVGChart.bars(title: "t", labels: [], values: []) { "\($0)" }
        #expect(Self.count(empty, "<rect") == 0 && !empty.contains("nan") && !empty.contains("inf"))
        let odd = SVGChart.lines(title: "t", labels: ["a"], series: [("s", [.nan, .infinity])]) { "\($0)" }
        #expect(!odd.contains("nan") && !odd.contains("inf\""))
        let shares = SVGChart.stackedShare(title: "t", parts: [("a", 2), ("b", -1)], colours: [])
        #expect(shares.contains(">100%<") && !shares.contains("200%") && !shares.contains("width=\"-"))
    }
}
