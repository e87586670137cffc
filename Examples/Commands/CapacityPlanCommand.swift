public import CustomerServiceKit
import Foundation
import SampleData

/// `capacity-plan`: a day's forecast in, a staffing plan per interval out (Erlang C and Erlang A), as a table and a
/// chart.
public enum CapacityPlanCommand: Sendable {
    /// The help text.
    public static let usage = """
        usage: capacity-plan [--forecast FILE.csv] [--interval MINUTES] [--service-level SHARE] [--within SECONDS]
                             [--max-occupancy SHARE] [--shrinkage SHARE] [--patience SECONDS] [--svg FILE]

        Staffs each interval of a day for a service-level target with Erlang C (callers wait for ever) and Erlang A
        (callers abandon after an exponential patience), and prints the plan as a table and a bar chart.

        Without --forecast it plans the average day of the shipped sample data's calls.
          --forecast FILE.csv   one row per interval: start (HH:mm), calls (offered in the interval), aht (seconds)
          --interval MINUTES    the forecast's interval length (default 30)
          --service-level SHARE share of calls to answer within the threshold (default 0.8)
          --within SECONDS      the threshold (default 20)
          --max-occupancy SHARE the highest share of time agents may be busy (default 0.85)
          --shrinkage SHARE     share of paid time off the phones: breaks, training, absence (default 0.3)
          --patience SECONDS    callers' mean patience for Erlang A (default: from the sample data, else 180)
          --svg FILE            also write the chart as SVG
        """

    /// What a run produced.
    public struct Output: Sendable {
        /// The forecast that was planned.
        public var forecast: [(label: String, calls: Double, averageHandleTime: Double)]
        /// The Erlang C plan.
        public var erlangC: StaffingPlan
        /// The Erlang A plan.
        public var erlangA: StaffingPlan
        /// The table and chart.
        public var text: String
        /// Rows of the forecast file that were skipped.
        public var problems: [ImportProblem]
    }

    /// Runs the command.
    ///
    /// - Parameter arguments: The arguments, without the program name.
    /// - Returns: The output, or `nil` after `--help`.
    /// - Throws: ``UsageError`` for bad arguments or files; the library's errors for impossible targets.
    public static func run(_ arguments: [String]) throws -> Output? {
        let options = try Arguments(
            arguments,
            valued: [
                "--forecast", "--interval", "--service-level", "--within", "--max-occupancy", "--shrinkage",
                "--patience", "--svg",
            ],
            flags: ["--help", "-h"]
        )
        if options.has("--help") || options.has("-h") { return nil }
        guard options.positional.isEmpty else { throw UsageError("unexpected argument \(options.positional[0])") }
        func number(_ name: String, _ fallback: Double, in range: ClosedRange<Double>) throws -> Double {
            guard let text = options.value(name) else { return fallback }
            guard let value = Double(text), value.isFinite, range.contains(value) else {
                throw UsageError("\(name) needs a number in \(range.lowerBound)…\(range.upperBound), not \"\(text)\"")
            }
            return value
        }
        let minutes = try number("--interval", 30, in: 1...1_440)
        guard minutes == minutes.rounded(), 1_440 % Int(minutes) == 0 else {
            throw UsageError("--interval must divide the day into whole intervals (15, 30, 60 …)")
        }
        let length = minutes * 60
        let targets = try StaffingTargets(
            serviceLevel: (
                try number("--service-level", 0.8, in: 0.01...0.999),
                try ServiceLevelDefinition(
                    answeredWithin: try number("--within", 20, in: 0...3_600),
                    convention: .abandonedInDenominator
                )
            ),
            maximumOccupancy: try number("--max-occupancy", 0.85, in: 0.1...1),
            shrinkage: try number("--shrinkage", 0.3, in: 0...0.9)
        )
        var forecast: [(label: String, calls: Double, averageHandleTime: Double)] = []
        var problems: [ImportProblem] = []
        var patience = 180.0
        if let path = options.value("--forecast") {
            (forecast, problems) = try readForecast(try readText(path))
            guard !forecast.isEmpty else {
                throw DataError("\(path): no usable intervals" + (problems.first.map { "; first: \($0)" } ?? ""))
            }
        } else {
            let data = try SampleDataSet.shipped()
            let zone = data.serviceLevels.calendars["uk"]?.timeZone ?? TimeZone(secondsFromGMT: 0) ?? .current
            let profile = try DailyContactProfile(data.contacts, timeZone: zone, intervalLength: Int(length))
            forecast = profile.intervals.map { ($0.label, $0.calls, $0.averageHandleTime) }
            patience = profile.averagePatience ?? patience
        }
        patience = try number("--patience", patience, in: 1...86_400)
        let intervals = try forecast.enumerated().map { index, row in
            try IntervalForecast(
                start: Date(timeIntervalSince1970: Double(index) * length),
                length: length,
                arrivals: row.calls,
                averageHandleTime: row.averageHandleTime
            )
        }
        let erlangC = try StaffingPlanner(model: .erlangC, targets: targets).plan(intervals)
        let erlangA = try StaffingPlanner(model: .erlangA(averagePatience: patience), targets: targets).plan(intervals)
        var output = Output(forecast: forecast, erlangC: erlangC, erlangA: erlangA, text: "", problems: problems)
        output.text = render(output, patience: patience, targets: targets)
        if let path = options.value("--svg") {
            let svg = SVGChart.render(
                ReportChart(
                    .lines,
                    title: "Agents per interval",
                    description: "Agents needed per forecast interval under Erlang C and Erlang A, and agents to "
                        + "schedule after shrinkage.",
                    xTitle: "interval",
                    yTitle: "agents",
                    labels: forecast.map(\.label),
                    series: [
                        .init("Erlang C", erlangC.intervals.map { Double($0.staffing.agents) }),
                        .init("Erlang A", erlangA.intervals.map { Double($0.staffing.agents) }),
                        .init("to schedule (A)", erlangA.intervals.map { Double($0.staffing.scheduledAgents) }),
                    ],
                    unit: .count
                )
            )
            do {
                try Data(svg.utf8).write(to: URL(fileURLWithPath: path))
            } catch {
                throw DataError("cannot write \(path): \(error.localizedDescription)")
            }
        }
        return output
    }

    /// Reads a forecast: `start`, `calls`, `aht` columns; bad rows are reported, not used.
    static func readForecast(_ text: String) throws -> (
        [(label: String, calls: Double, averageHandleTime: Double)], [ImportProblem]
    ) {
        let document = try CSVDocument(parsing: text)
        guard let start = document.column("start"), let calls = document.column("calls"),
            let handle = document.column("aht")
        else {
            throw UsageError(
                "the forecast needs columns start, calls and aht (it has \(document.header.joined(separator: ", ")))"
            )
        }
        var rows: [(label: String, calls: Double, averageHandleTime: Double)] = []
        var problems = document.problems
        for record in document.records {
            let label = record[start].trimmingCharacters(in: .whitespaces)
            guard let count = Double(record[calls]), count.isFinite, count >= 0 else {
                problems.append(
                    ImportProblem(line: record.line, column: "calls", reason: "\"\(record[calls])\" is not a count")
                )
                continue
            }
            guard let seconds = Double(record[handle]), seconds.isFinite, seconds > 0 else {
                problems.append(
                    ImportProblem(
                        line: record.line,
                        column: "aht",
                        reason: "\"\(record[handle])\" is not a positive time"
                    )
                )
                continue
            }
            rows.append((label, count, seconds))
        }
        return (rows, problems.sorted { $0.line < $1.line })
    }

    static func render(_ output: Output, patience: Double, targets: StaffingTargets) -> String {
        func pad(_ text: String, _ width: Int) -> String {
            String(repeating: " ", count: max(0, width - text.count)) + text
        }
        var lines = [
            "Staffing plan: \(Int(((targets.serviceLevelShare ?? 0) * 100).rounded()))% of calls answered within "
                + "\(Int(targets.serviceLevel?.threshold ?? 0)) s, occupancy at most "
                + "\(Int(((targets.maximumOccupancy ?? 1) * 100).rounded()))%, shrinkage "
                + "\(Int((targets.shrinkage * 100).rounded()))%; Erlang A patience \(Int(patience.rounded())) s",
            "",
            "interval   calls    AHT  Erlang C  Erlang A  schedule  service level (A)",
        ]
        let peak = max(1, output.erlangA.intervals.map(\.staffing.scheduledAgents).max() ?? 1)
        for (index, row) in output.forecast.enumerated() {
            let c = output.erlangC.intervals[index].staffing
            let a = output.erlangA.intervals[index].staffing
            let level = a.performance.serviceLevel?.value.map { String(format: "%.1f%%", $0 * 100) } ?? "—"
            lines.append(
                row.label.padding(toLength: 9, withPad: " ", startingAt: 0) + pad(String(format: "%.1f", row.calls), 7)
                    + pad(String(format: "%.0f s", row.averageHandleTime), 7) + pad("\(c.agents)", 10)
                    + pad("\(a.agents)", 10) + pad("\(a.scheduledAgents)", 10) + pad(level, 19)
            )
        }
        lines += ["", "Agents to schedule (Erlang A), per interval:"]
        for (index, row) in output.forecast.enumerated() {
            let scheduled = output.erlangA.intervals[index].staffing.scheduledAgents
            let bar = String(repeating: "█", count: Int((Double(scheduled) / Double(peak) * 40).rounded()))
            lines.append(row.label.padding(toLength: 7, withPad: " ", startingAt: 0) + bar + " \(scheduled)")
        }
        lines += [
            "",
            String(
                format: "Peak %d scheduled; %.1f agent-hours (Erlang A), %.1f (Erlang C).",
                output.erlangA.peakScheduledAgents,
                output.erlangA.scheduledAgentHours,
                output.erlangC.scheduledAgentHours
            ),
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
