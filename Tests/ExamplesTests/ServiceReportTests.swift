import Commands
import CustomerServiceKit
import Foundation
import SampleData
import Testing

/// `service-report` on the shipped data: its figures against values computed here from the raw data, independently of
/// the library's evaluator, metrics and tallies.
@Suite(.serialized) struct ServiceReportTests {
    /// The shipped sample data, loaded for each test that reads it rather than kept in a static: a decoded policy
    /// held for the life of the process is reported by LeakSanitizer, which cannot follow the tagged pointers of
    /// multi-payload enums (the policy's `Condition`s) — see the note on `Condition`.
    static var data: SampleDataSet? { try? SampleDataSet.shipped() }

    static func output(_ arguments: [String] = ["--no-html"]) throws -> ServiceReportCommand.Output {
        try #require(try ServiceReportCommand.run(arguments))
    }

    @Test func firstReplyComplianceMatchesAHandCount() throws {
        let data = try #require(Self.data)
        let report = try Self.output().report
        // The policy's first-reply targets (SampleGenerator.policy): gold customers 0.5/1/4/8 h, others 1/2/8/16 h by
        // priority, in business hours of the US calendar for cases tagged "us", else the UK calendar. Achieved when
        // the reply took at most the target; breached when it took longer, or when there is none and the target has
        // passed at the cut-off; still active otherwise.
        let hour = 3_600.0
        let gold: [Priority: Double] = [.urgent: 0.5 * hour, .high: hour, .normal: 4 * hour, .low: 8 * hour]
        let standard: [Priority: Double] = [.urgent: hour, .high: 2 * hour, .normal: 8 * hour, .low: 16 * hour]
        var achieved = 0
        var breached = 0
        var active = 0
        for item in data.cases {
            let calendar = try #require(data.serviceLevels.calendars[item.tags.contains("us") ? "us" : "uk"])
            let isGold = item.customer?.segments.contains("gold") == true
            let target = try #require((isGold ? gold : standard)[item.facts.priority])
            let end = item.facts.firstAgentReplyAt ?? data.asOf
            let taken = try calendar.businessDuration(from: item.facts.createdAt, to: end)
            if taken > target {
                breached += 1
            } else if item.facts.firstAgentReplyAt != nil {
                achieved += 1
            } else {
                active += 1
            }
        }
        let line = try #require(report.standards?.targets.first { $0.kind == .firstReply })
        #expect(line.achieved == achieved && line.breached == breached && line.active == active)
        #expect(line.compliance == Double(achieved) / Double(achieved + breached))
        #expect(report.standards?.cases == data.cases.count && report.standards?.unmatched == 0)
    }

    @Test func contactAndSurveyFiguresMatchDirectCounts() throws {
        let data = try #require(Self.data)
        let report = try Self.output().report
        let contacts = try #require(report.contactCentre)
        let answered = data.contacts.filter(\.isAnswered)
        let abandoned = data.contacts.filter(\.isAbandoned).count
        // Service level, abandoned calls in the denominator: answered within 20 s over answered plus abandoned.
        let fast = answered.filter { ($0.waitTime ?? .infinity) <= 20 }.count
        #expect(contacts.offered == data.contacts.count && contacts.answered == answered.count)
        #expect(contacts.abandonmentRate == Double(abandoned) / Double(answered.count + abandoned))
        #expect(abs((contacts.serviceLevel ?? -1) - Double(fast) / Double(answered.count + abandoned)) < 1e-12)
        // NPS: per cent promoters (9–10) minus per cent detractors (0–6).
        let nps = data.surveys.filter { $0.survey == "nps" }.map(\.response.score)
        let expectedNPS = 100 * Double(nps.filter { $0 >= 9 }.count - nps.filter { $0 <= 6 }.count) / Double(nps.count)
        #expect(abs((report.satisfaction?.nps?.value ?? .nan) - expectedNPS) < 1e-9)
        #expect(report.satisfaction?.nps?.sampleSize == nps.count)
        // CSAT: the share of 4s and 5s.
        let csat = data.surveys.filter { $0.survey == "csat" }.map(\.response.score)
        #expect(report.satisfaction?.csat?.value == Double(csat.filter { $0 >= 4 }.count) / Double(csat.count))
        // The histogram holds every replied case once.
        let replied = data.cases.filter { $0.facts.firstAgentReplyAt != nil }.count
        #expect(report.operations?.firstReplyHistogram.reduce(0) { $0 + $1.count } == replied)
    }

    @Test func staffingAveragesEachHalfHourOverTheDays() throws {
        let data = try #require(Self.data)
        let staffing = try #require(try Self.output().report.staffing)
        // Calls offered 10:00–10:30 London time (GMT in November), per day of calls.
        let london = try #require(TimeZone(identifier: "Europe/London"))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = london
        let inSlot = data.contacts.filter {
            let parts = calendar.dateComponents([.hour, .minute], from: $0.offeredAt)
            return parts.hour == 10 && (parts.minute ?? 60) < 30
        }
        let days = Set(data.contacts.map { calendar.startOfDay(for: $0.offeredAt) }).count
        let line = try #require(staffing.intervals.first { $0.start == "10:00" })
        #expect(staffing.days == days && abs(line.calls - Double(inSlot.count) / Double(days)) < 1e-12)
        // Erlang C, computed here: traffic A = λ·AHT; Erlang B by the recurrence B(n) = A·B(n−1) / (n + A·B(n−1));
        // C = N·B / (N − A(1 − B)); service level = 1 − C·exp(−(N − A)·20 / AHT) (Cooper, Introduction to Queueing
        // Theory, ch. 3). The plan's agents meet 80 % within 20 s at most 85 % occupancy, and one fewer does not.
        let traffic = line.calls / 1_800 * line.averageHandleTime
        func meets(_ agents: Int) -> Bool {
            erlangCMeets(agents: agents, traffic: traffic, handleTime: line.averageHandleTime, within: 20, share: 0.8)
                && traffic / Double(agents) <= 0.85
        }
        #expect(meets(line.erlangC) && !meets(line.erlangC - 1))
        #expect(line.scheduled == Int((Double(line.erlangA) / 0.7).rounded(.up)))
    }

    @Test func theReportsAreRenderedWithChartsAndNoScripts() throws {
        let output = try Self.output()
        let html = output.html
        #expect(html.components(separatedBy: "<svg").count - 1 >= 5)
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("href="))
        let line = try #require(output.report.standards?.targets.first { $0.kind == .firstReply })
        #expect(output.markdown.contains("| First reply | \(String(format: "%.1f%%", (line.compliance ?? 0) * 100)) |"))
        #expect(output.markdown.contains("## Staffing") && output.markdown.contains("## Audit: "))
        // Equal input, equal bytes.
        #expect(try Self.output().html == html)
        // A year of weeks beside its chart opens on request; a short table, or one without a chart, is open.
        #expect(
            html.contains("</figure>\n<details><summary>Compliance by week: 53 rows</summary><div class=\"scroll\">")
        )
        #expect(html.contains("<details><summary>Flow by week: 53 rows</summary>"))
        #expect(html.contains("<div class=\"scroll\"><table><caption>By team</caption>"))
        #expect(!html.contains("<summary>By team") && !html.contains("<summary>Backlog by age"))
    }

    @Test func yourOwnTicketExportWithBadRowsIsReportedOrStopsTheRun() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("service-report-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let tickets = directory.appendingPathComponent("tickets.csv")
        try Data(
            """
            id,created_at,first_reply_at,solved_at,channel,priority,team,agent,customer_id,customer_role,segments,tags
            T-1,2026-11-23T09:00:00Z,2026-11-23T09:30:00Z,2026-11-23T12:00:00Z,email,normal,billing,A-1,C-1,consumer,standard,uk
            T-2,2026-11-23T10:00:00Z,not a time,,email,normal,billing,,,,,uk
            T-3,2026-11-24T10:00:00Z,,,chat,high,billing,,,,,uk

            """.utf8
        ).write(to: tickets)
        let html = directory.appendingPathComponent("report.html").path
        let output = try Self.output(["--cases", tickets.path, "--ticket-per-row", "--html", html])
        #expect(output.report.operations?.cases == 2)
        // Nothing of the sample: no policy, organisation, calls, surveys or audit of Brightwater's.
        #expect(output.report.standards == nil && output.report.contactCentre == nil && output.report.audits.isEmpty)
        #expect(output.report.satisfaction == nil && output.report.dataSource == .supplied)
        for text in [output.markdown, output.html] {
            #expect(!text.contains("Brightwater") && !text.contains("sample") && !text.contains("Erlang"))
        }
        #expect(output.markdown.contains("- Service standards: no service-level policy given."))
        // One of three rows left out is above the 5 % threshold: a warning at the top and on standard error.
        #expect(output.report.warnings.contains { $0.code == .rowsLeftOut && $0.message.contains("1 of 3 rows") })
        #expect(output.notes.contains { $0.hasPrefix("warning: ") && $0.contains("1 of 3 rows left out") })
        // With your policy the cases are judged against it, and --strict turns the warnings into a failure.
        let policy = try #require(SampleDataSet.shippedDirectory).appendingPathComponent("service-levels.json").path
        let judged = try Self.output([
            "--cases", tickets.path, "--ticket-per-row", "--policy", policy, "--strict", "--no-html",
        ])
        #expect(judged.report.standards?.cases == 2 && judged.failure != nil)
        #expect(judged.report.standards?.targets.contains { $0.kind == .periodicUpdate } == false)
        #expect(output.notes.contains("tickets.csv: 3 rows read = 2 imported + 0 merged + 1 left out; 2 records"))
        #expect(
            output.notes.contains { $0.hasPrefix("first row left out: tickets.csv: line 3, column first_reply_at:") }
        )
        #expect(FileManager.default.fileExists(atPath: html))
        #expect {
            try ServiceReportCommand.run([
                "--cases", tickets.path, "--ticket-per-row", "--no-html", "--stop-at-bad-row",
            ])
        } throws: { error in
            (error as? ServiceDomainError)?.path == "line[3].first_reply_at"
        }
    }

    @Test func aGeneratedDataDirectoryWithABadRowIsReadAndTheRowReported() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("brightwater-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let small = try SampleGenerator(seed: 3, casesPerWeekday: 1, contactDays: 2, npsAnswers: 30).generate()
        try small.write(to: directory)
        // Spoil one event row of the first case: its whole case is left out and every row of it reported.
        let casesFile = directory.appendingPathComponent("cases.csv")
        var lines = try String(contentsOf: casesFile, encoding: .utf8).components(separatedBy: "\r\n")
        lines[2] = lines[2].replacingOccurrences(of: ",assigned,", with: ",teleported,")
        try Data(lines.joined(separator: "\r\n").utf8).write(to: casesFile)
        let firstCaseRows = lines.dropFirst().filter { $0.hasPrefix(small.cases[0].id.rawValue + ",") }.count
        let output = try Self.output(["--data", directory.path, "--no-html"])
        #expect(output.report.standards?.cases == small.cases.count - 1)
        #expect(output.notes.contains { $0.hasPrefix("cases.csv: skipped \(firstCaseRows) unusable row(s)") })
        #expect {
            try ServiceReportCommand.run(["--data", directory.path, "--no-html", "--stop-at-bad-row"])
        } throws: { error in
            // The first problem by line: line 2, the case's creation row, left out because line 3 is unusable.
            (error as? ServiceDomainError)?.code == .badRecord && (error as? ServiceDomainError)?.path == "line[2]"
        }
    }

    @Test(arguments: [
        ["--bogus"], ["--html"], ["--mapping", "m.json"], ["--calendar", "mars", "--no-html"], ["extra"],
    ])
    func badArgumentsAreUsageErrors(arguments: [String]) {
        #expect(throws: UsageError.self) { try ServiceReportCommand.run(arguments) }
    }

    @Test func aMissingFileOrAnExportWithNothingUsableIsADataErrorWithItsReasons() throws {
        #expect(throws: DataError.self) {
            try ServiceReportCommand.run(["--cases", "/nonexistent/tickets.csv", "--no-html"])
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nothing-\(UUID()).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        let header =
            "id,created_at,first_reply_at,solved_at,channel,priority,team,agent,customer_id,customer_role,segments,tags"
        try Data("\(header)\nT-1,yesterday,,,,,,,,,,\nT-2,,,,,,,,,,,\n".utf8).write(to: url)
        #expect {
            try ServiceReportCommand.run(["--cases", url.path, "--ticket-per-row", "--no-html"])
        } throws: { error in
            // The reasons are kept: the accounting and the first row left out, with its line and column.
            guard let message = (error as? DataError)?.message else { return false }
            return message.hasPrefix("no usable cases: \(url.lastPathComponent): 2 rows read = 0 imported")
                && message.contains("first row left out: \(url.lastPathComponent): line 2, column created_at")
        }
    }

    @Test func helpPrintsUsage() throws {
        #expect(try ServiceReportCommand.run(["--help"]) == nil)
        #expect(ServiceReportCommand.usage.contains("--stop-at-bad-row"))
    }
}

/// Whether `agents` answer `share` of calls within `within` seconds under Erlang C.
///
/// Computed independently of the library: Erlang B by the recurrence B(n) = A·B(n−1) / (n + A·B(n−1)); C = N·B / (N − A(1 − B)); service level
/// = 1 − C·exp(−(N − A)·t / AHT) (Cooper, Introduction to Queueing Theory, ch. 3).
func erlangCMeets(agents: Int, traffic: Double, handleTime: Double, within: Double, share: Double) -> Bool {
    guard Double(agents) > traffic else { return false }
    var blocking = 1.0
    for n in stride(from: 1, through: agents, by: 1) {
        blocking = traffic * blocking / (Double(n) + traffic * blocking)
    }
    let waiting = Double(agents) * blocking / (Double(agents) - traffic * (1 - blocking))
    return 1 - waiting * exp(-(Double(agents) - traffic) * within / handleTime) >= share
}

struct ServiceReportRenderingsTests {
    /// Every JSON number in a document.
    static func numbers(_ value: Any) -> [Double] {
        switch value {
        case let number as NSNumber: return [number.doubleValue]
        case let array as [Any]: return array.flatMap(numbers)
        case let object as [String: Any]: return object.values.flatMap(numbers)
        default: return []
        }
    }

    @Test func everyFigureOfTheMarkdownIsInTheHTMLAndTheJSON() throws {
        let output = try #require(try ServiceReportCommand.run(["--no-html"]))
        let json = try JSONSerialization.jsonObject(with: Data(JSONServiceReportRenderer().render(output.report).utf8))
        let values = Self.numbers(json)
        let figure = #/^(-?[0-9]+(?:\.[0-9]+)?)( h| s|%)?(?: left| over)?$/#
        var checked = 0
        for line in output.markdown.split(separator: "\n") where line.hasPrefix("| ") && !line.hasPrefix("|---") {
            let cells = line.dropFirst(2).dropLast(2).components(separatedBy: " | ").dropFirst()
            for cell in cells {
                guard let match = cell.wholeMatch(of: figure), let shown = Double(match.output.1) else { continue }
                checked += 1
                // The HTML shows the same cell.
                #expect(output.html.contains("<td>\(SVGChart.escape(cell))</td>"), "\(cell) is not in the HTML")
                // The JSON holds a value that words to it: shares and percentages, hours of seconds, seconds, counts.
                let decimals = match.output.1.split(separator: ".").dropFirst().first?.count ?? 0
                let tolerance = 0.5 * pow(10, -Double(decimals)) + 1e-9
                let candidates: [(Double) -> Double]
                switch match.output.2 {
                case "%": candidates = [{ $0 * 100 }, { $0 }]
                case " h": candidates = [{ $0 / 3_600 }, { -$0 / 3_600 }]
                default: candidates = [{ $0 }]
                }
                let found = values.contains { value in candidates.contains { abs($0(value) - shown) <= tolerance } }
                #expect(found, "\(cell) has no value in the JSON")
            }
        }
        #expect(checked > 200)
    }
}
