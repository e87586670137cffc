import Foundation
import ServiceDomain
import ServiceImport
import Testing

/// The "Bring your own export" walk-through of `Documentation/DataFormats.md`, run as written: its CSV and its mapping
/// are read from the guide's fenced blocks tagged `walkthrough`, and its stated results checked.
struct GuideTests {
    static func guide() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("Documentation/DataFormats.md"), encoding: .utf8)
    }

    /// The body of the fenced block that opens with "```<language> walkthrough".
    static func block(_ language: String) throws -> String {
        let text = try guide()
        let opening = "```\(language) walkthrough\n"
        let start = try #require(text.range(of: opening)).upperBound
        let end = try #require(text.range(of: "\n```", range: start..<text.endIndex)).lowerBound
        return String(text[start..<end]) + "\n"
    }

    @Test func theWalkThroughGivesTheAccountingAndInstantsItStates() throws {
        let mapping = try JSONDecoder().decode(CaseCSVMapping.self, from: Data(try Self.block("json").utf8))
        let result = try mapping.importCases(csv: try Self.block("csv"), options: ImportOptions(source: "export.csv"))
        #expect(
            result.summary.description
                == "export.csv: 4 rows read = 3 imported + 0 merged + 1 left out; 3 records; 2 instants derived from "
                + "durations; priority \"Medel\" is not mapped (1 row from line 5, left out)"
        )
        #expect(
            try result.case("A-1").timeline == [
                "created@2026-03-02T08:00:00Z", "agentReply@2026-03-02T08:12:30Z", "status:solved@2026-03-02T10:00:00Z",
            ]
        )
        #expect(
            try result.case("A-2").timeline == [
                "created@2026-03-02T09:00:00Z", "agentReply@2026-03-02T09:30:00Z",
                "status:pending@2026-03-02T09:45:00Z",
            ]
        )
        #expect(try result.case("A-3").priority == .urgent && result.case("A-3").channel == .chat)
    }

    @Test func theGuideNamesEveryPreset() throws {
        let text = try Self.guide()
        for name in ImportPreset.names { #expect(text.contains("#### `\(name)`"), "\(name)") }
    }
}
