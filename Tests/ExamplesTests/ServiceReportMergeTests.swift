import Commands
import CustomerServiceKit
import Foundation
import SampleData
import Testing

/// `service-report --emit-state` on shards of a ticket export and `service-report merge` of their states.
@Suite("service-report: states of shards, merged")
struct ServiceReportMergeTests {
    /// A ticket export of 800 rows in the built-in one-row-per-ticket layout, over eight weeks: whole-second
    /// instants, some tickets unanswered or unsolved.
    static func export() -> [String] {
        var rows: [String] = []
        let start = 1_789_632_000  // 2026-09-17T08:00:00Z
        var seed: UInt64 = 11
        func random(_ range: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(range))
        }
        func instant(_ seconds: Int) -> String {
            InstantCoding.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        }
        for number in 0..<800 {
            let created = start + random(56 * 86_400)
            // A reply, if any, before the solve, if any (a solve before the first reply is a row the import refuses).
            let replyAfter = 60 + random(2 * 86_400)
            let reply = random(5) == 0 ? "" : instant(created + replyAfter)
            let solved = random(4) == 0 ? "" : instant(created + replyAfter + 60 + random(6 * 86_400))
            let channel = ["email", "chat", "phone"][random(3)]
            let priority = ["low", "normal", "high", "urgent"][random(4)]
            let agent = "A-\(random(9))"
            rows.append(
                "T-\(number),\(instant(created)),\(reply),\(solved),\(channel),\(priority),support,\(agent),,,,"
            )
        }
        return rows
    }

    static let header =
        "id,created_at,first_reply_at,solved_at,channel,priority,team,agent,customer_id,customer_role,segments,tags"

    /// The issue's proof through the command: the export split into 16 shard files at random, each run with
    /// `--emit-state`, the 16 states merged in a random order, and the merged report's JSON equal to the JSON of one
    /// run over the whole export, byte for byte.
    @Test("16 shards' states merged in random order give the whole export's report byte for byte")
    func sixteenShards() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("shards-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let policy = try #require(SampleDataSet.shippedDirectory).appendingPathComponent("service-levels.json").path
        let rows = Self.export()
        let whole = directory.appendingPathComponent("all.csv")
        try Data(([Self.header] + rows).joined(separator: "\n").utf8).write(to: whole)
        let common = [
            "--ticket-per-row", "--policy", policy, "--as-of", "2026-11-14T00:00:00Z", "--no-html", "--quiet",
        ]
        let onePass = try #require(
            try ServiceReportCommand.run(["--cases", whole.path, "--format", "json"] + common)
        )
        var shards = Array(repeating: [Self.header], count: 16)
        var seed: UInt64 = 5
        for row in rows {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            shards[Int((seed >> 33) % 16)].append(row)
        }
        var states: [String] = []
        for (index, shard) in shards.enumerated() {
            let file = directory.appendingPathComponent("shard-\(index).csv")
            try Data(shard.joined(separator: "\n").utf8).write(to: file)
            let state = directory.appendingPathComponent("shard-\(index).state.json").path
            _ = try ServiceReportCommand.run(["--cases", file.path, "--emit-state", state] + common)
            states.append(state)
        }
        states.reverse()
        states.swapAt(0, 7)
        let merged = try #require(
            try ServiceReportCommand.run(
                ["merge"] + states + ["--policy", policy, "--no-html", "--quiet", "--format", "json"]
            )
        )
        #expect(merged.text == onePass.text)
        if merged.text != onePass.text {
            let a = merged.text.split(separator: "\n")
            let b = onePass.text.split(separator: "\n")
            for (x, y) in zip(a, b) where x != y { Issue.record("merged: \(x)\nwhole:  \(y)") }
        }
        #expect(onePass.report.standards?.cases == 800)
        #expect(merged.report.standards?.cases == 800)
    }

    /// A shard's import accounting travels in its state: a row one shard left out (an unmapped channel) is warned of
    /// in the merged report, with the shard's file name.
    @Test("a shard's left-out rows are warned of in the merged report")
    func shardAccounting() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("shards-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let rows = Self.export()
        let clean = directory.appendingPathComponent("clean.csv")
        try Data(([Self.header] + rows.prefix(20)).joined(separator: "\n").utf8).write(to: clean)
        let spoilt = directory.appendingPathComponent("spoilt.csv")
        let bad = rows[20].replacingOccurrences(of: ",email,", with: ",fax,").replacingOccurrences(
            of: ",chat,",
            with: ",fax,"
        ).replacingOccurrences(of: ",phone,", with: ",fax,")
        try Data(([Self.header, bad] + rows[21..<40]).joined(separator: "\n").utf8).write(to: spoilt)
        var states: [String] = []
        for file in [clean, spoilt] {
            let state = directory.appendingPathComponent(file.lastPathComponent + ".state").path
            _ = try ServiceReportCommand.run([
                "--cases", file.path, "--ticket-per-row", "--as-of", "2026-11-14T00:00:00Z", "--emit-state", state,
                "--no-html", "--quiet",
            ])
            states.append(state)
        }
        let merged = try #require(try ServiceReportCommand.run(["merge"] + states + ["--no-html", "--quiet"]))
        #expect(merged.report.operations?.cases == 39)
        #expect(merged.report.warnings.contains { $0.message.contains("spoilt.csv: channel \"fax\" is not mapped") })
    }

    @Test("--emit-state needs --as-of, and merge takes no case export")
    func usage() throws {
        #expect(throws: UsageError.self) {
            try ServiceReportCommand.run(["merge", "--cases", "x.csv", "--no-html"])
        }
        #expect(throws: UsageError.self) { try ServiceReportCommand.run(["merge", "--no-html"]) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("one-\(UUID()).csv")
        try Data((Self.header + "\n" + Self.export()[0]).utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(throws: UsageError.self) {
            try ServiceReportCommand.run([
                "--cases", file.path, "--ticket-per-row", "--emit-state", "s.json", "--no-html",
            ])
        }
    }
}
