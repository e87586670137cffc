import Commands
import CustomerServiceKit
import Foundation
import Testing

struct ArgumentsTests {
    @Test func optionsFlagsAndPositionalValues() throws {
        let parsed = try Arguments(
            ["a", "--out=x.html", "--verbose", "--seed", "7", "--", "--not-an-option"],
            valued: ["--out", "--seed"],
            flags: ["--verbose"]
        )
        #expect(parsed.value("--out") == "x.html" && parsed.value("--seed") == "7" && parsed.has("--verbose"))
        #expect(parsed.positional == ["a", "--not-an-option"] && !parsed.has("--help"))
    }

    @Test(arguments: [["--out"], ["--verbose=yes"], ["--what"]])
    func mistakesAreUsageErrors(arguments: [String]) {
        #expect(throws: UsageError.self) {
            try Arguments(arguments, valued: ["--out"], flags: ["--verbose"])
        }
    }

    @Test func aMappingFileDrivesTheImportOfYourCases() throws {
        // Your export: semicolons, your own column names, wall times in London (BST in July: UTC + 1).
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mapping-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let mapping = directory.appendingPathComponent("mapping.json")
        try Data(
            #"""
            {"shape": "ticketPerRow",
             "columns": {"id": "Ticket", "created": "Opened", "firstReply": "Answered", "tags": "Region"},
             "timestamps": {"pattern": "dd/MM/yyyy HH:mm", "timeZone": "Europe/London"}}
            """#.utf8
        ).write(to: mapping)
        let tickets = directory.appendingPathComponent("tickets.csv")
        try Data("Ticket,Opened,Answered,Region\nX-1,01/07/2026 09:00,01/07/2026 09:30,uk\n".utf8).write(to: tickets)
        let output = try #require(
            try ServiceReportCommand.run(["--cases", tickets.path, "--mapping", mapping.path, "--no-html"])
        )
        #expect(output.report.operations?.cases == 1)
        // Evaluated one second after the last event, 09:30 BST = 08:30Z.
        #expect(output.report.asOf == (try InstantCoding.date(from: "2026-07-01T08:30:01Z")))
        #expect(throws: UsageError.self) {
            try ServiceReportCommand.run(["--cases", tickets.path, "--mapping", mapping.path, "--ticket-per-row"])
        }
        // A mapping file that is not a mapping is a data error naming the file.
        #expect {
            try ServiceReportCommand.run(["--cases", tickets.path, "--mapping", tickets.path, "--no-html"])
        } throws: {
            ($0 as? DataError)?.message.hasPrefix(tickets.path) == true
        }
    }
}
