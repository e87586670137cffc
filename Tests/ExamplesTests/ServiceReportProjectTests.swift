import Commands
import CustomerServiceKit
import Foundation
import SampleData
import Testing

/// `service-report --project`: a project file holds every input, relative to its folder, and the command line wins.
@Suite struct ServiceReportProjectTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ServiceImportTests/Fixtures")

    /// A folder holding the Zendesk and Five9 fixtures, the sample policy, and `files` written as given.
    static func folder(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("project-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["zendesk-csv-export.csv", "five9-call-log.csv"] {
            try FileManager.default.copyItem(
                at: fixtures.appendingPathComponent(name),
                to: folder.appendingPathComponent(name)
            )
        }
        let policy = try #require(SampleDataSet.shippedDirectory).appendingPathComponent("service-levels.json")
        try FileManager.default.copyItem(at: policy, to: folder.appendingPathComponent("levels.json"))
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        return folder
    }

    static let project = """
        {
          "organisation": {"id": "acme", "name": "Acme Support", "sector": "voluntary"},
          "policy": "levels.json",
          "cases": {"file": "zendesk-csv-export.csv", "preset": "zendesk-csv-export"},
          "contacts": {"file": "five9-call-log.csv", "preset": "five9-call-log"},
          "staffed": "staffed.csv",
          "html": "out/report.html",
          "strict": true
        }
        """

    @Test func aProjectFileGivesEveryInputRelativeToItsFolder() throws {
        // Five9's times are New York wall times; the reporting calendar is London's, so 08:00 there is 13:00 here.
        let folder = try Self.folder([
            "service-report.json": Self.project, "staffed.csv": "interval,agents\n13:00,3\n9:30,2\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("out"),
            withIntermediateDirectories: true
        )
        let output = try #require(
            try ServiceReportCommand.run(["--project", folder.appendingPathComponent("service-report.json").path])
        )
        let report = output.report
        #expect(report.organisation == "Acme Support" && report.sector == .voluntary)
        #expect(report.dataSource == .supplied && report.standards?.cases == 63)
        #expect(report.contactCentre?.offered == 59)
        #expect(report.staffing?.intervals.first { $0.start == "13:00" }?.staffed == 3)
        // 09:30 has no calls: not drawn, and said so.
        #expect(report.warnings.contains { $0.code == .staffedIntervalsUnused && $0.message.contains("09:30") })
        #expect(output.htmlPath == folder.appendingPathComponent("out/report.html").path)
        // "strict": true in the project: the warnings fail the run after the report.
        #expect(output.failure != nil)
        #expect(output.markdown.hasPrefix("# Service report: Acme Support\n\nVoluntary sector."))
    }

    @Test func theCommandLineWinsOverTheProject() throws {
        let folder = try Self.folder([
            "service-report.json": Self.project, "staffed.csv": "interval,agents\n13:00,3\n",
            "other.csv": "interval,agents\n13:00,7\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let tickets = folder.appendingPathComponent("tickets.csv")
        try Data(
            """
            id,created_at,first_reply_at,solved_at,channel,priority,team,agent,customer_id,customer_role,segments,tags
            T-1,2026-11-23T09:00:00Z,2026-11-23T09:30:00Z,2026-11-23T12:00:00Z,email,normal,billing,A-1,C-1,consumer,standard,uk

            """.utf8
        ).write(to: tickets)
        // --cases replaces the project's whole cases group (file and preset); --no-html its html; --staffed its file.
        let output = try #require(
            try ServiceReportCommand.run([
                "--project", folder.appendingPathComponent("service-report.json").path, "--cases", tickets.path,
                "--ticket-per-row", "--no-html", "--staffed", folder.appendingPathComponent("other.csv").path,
            ])
        )
        #expect(output.report.operations?.cases == 1 && output.htmlPath == nil)
        #expect(output.report.staffing?.intervals.first { $0.start == "13:00" }?.staffed == 7)
        // What the command line does not give still comes from the project.
        #expect(output.report.organisation == "Acme Support" && output.report.contactCentre?.offered == 59)
    }

    @Test func aProjectWithAnUnknownFieldIsADataErrorNamingIt() throws {
        let folder = try Self.folder(["service-report.json": #"{"cases": {"file": "t.csv", "presett": "x"}}"#])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect {
            try ServiceReportCommand.run(["--project", folder.appendingPathComponent("service-report.json").path])
        } throws: { error in
            let message = (error as? DataError)?.message ?? ""
            return message.contains("service-report.json") && message.contains("cases.presett")
                && message.contains(#"unknown field "presett""#)
        }
        #expect(throws: UsageError.self) {
            try ServiceReportCommand.run(["--project", "p.json", "--data", "Examples/SampleData/Data"])
        }
    }

    @Test(arguments: [
        ("interval,agents\n12:15,3\n", "staffed.csv:2: interval \"12:15\" is not a half hour such as 09:30"),
        ("interval,agents\n09:00,3\n9:00,4\n", "staffed.csv:3: interval 09:00 is given twice"),
        ("interval,agents\n09:00,-1\n", "staffed.csv:2: agents \"-1\" is not a number of at least 0"),
        ("interval,agents\n09:00\n", "staffed.csv:2: expected 2 fields (interval, agents), found 1"),
        ("interval,agents\n", "staffed.csv: no rows after the header"),
    ])
    func aBadStaffedFileNamesTheLineAndField(text: String, message: String) throws {
        let folder = try Self.folder(["service-report.json": Self.project, "staffed.csv": text])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect {
            try ServiceReportCommand.run([
                "--project", folder.appendingPathComponent("service-report.json").path, "--no-html",
            ])
        } throws: { error in
            (error as? DataError)?.message.hasSuffix(message) == true
        }
    }

    @Test func withoutAnOrganisationTheReportNamesNone() throws {
        let folder = try Self.folder([:])
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try #require(
            try ServiceReportCommand.run([
                "--cases", folder.appendingPathComponent("zendesk-csv-export.csv").path, "--preset",
                "zendesk-csv-export", "--no-html",
            ])
        )
        #expect(output.report.organisation == nil && output.report.sector == nil)
        #expect(output.markdown.hasPrefix("# Service report\n\nData from 2026-03-02"))
        #expect(!output.markdown.contains("sector") && !output.markdown.contains("not given"))
        #expect(throws: UsageError.self) {
            try ServiceReportCommand.run([
                "--cases", folder.appendingPathComponent("zendesk-csv-export.csv").path, "--preset",
                "zendesk-csv-export", "--staffed", folder.appendingPathComponent("staffed.csv").path, "--no-html",
            ])
        }
    }
}
