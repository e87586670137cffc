import Commands
import CustomerServiceKit
import Foundation
import Testing

struct CapacityPlanTests {
    static func file(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("forecast-\(UUID()).csv")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func aForecastFileIsPlannedAndItsBadRowsReported() throws {
        // 09:00: 100 calls in 30 min at 180 s = 10 Erlangs; 09:30: 40 calls at 240 s = 5.33 Erlangs.
        let url = try Self.file("start,calls,aht\n09:00,100,180\n09:30,40,240\n10:00,many,200\n10:30,5,0\n")
        defer { try? FileManager.default.removeItem(at: url) }
        let output = try #require(try CapacityPlanCommand.run(["--forecast", url.path, "--max-occupancy", "1"]))
        #expect(output.forecast.map(\.label) == ["09:00", "09:30"])
        #expect(output.problems.map(\.line) == [4, 5] && output.problems.map(\.column) == ["calls", "aht"])
        for (index, row) in output.forecast.enumerated() {
            let traffic = row.calls / 1_800 * row.averageHandleTime
            let agents = output.erlangC.intervals[index].staffing.agents
            // The fewest agents that answer 80 % within 20 s.
            #expect(
                erlangCMeets(
                    agents: agents,
                    traffic: traffic,
                    handleTime: row.averageHandleTime,
                    within: 20,
                    share: 0.8
                )
            )
            #expect(
                !erlangCMeets(
                    agents: agents - 1,
                    traffic: traffic,
                    handleTime: row.averageHandleTime,
                    within: 20,
                    share: 0.8
                )
            )
            // Erlang A never needs more agents than Erlang C: callers who give up lighten the queue.
            #expect(output.erlangA.intervals[index].staffing.agents <= agents)
        }
        #expect(output.text.contains("09:30") && output.text.contains("█"))
    }

    @Test func theDefaultPlansTheSampleDataAndWritesAChart() throws {
        let svg = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID()).svg")
        defer { try? FileManager.default.removeItem(at: svg) }
        let output = try #require(try CapacityPlanCommand.run(["--svg", svg.path, "--shrinkage", "0"]))
        #expect(output.forecast.count == 20 && output.forecast.first?.label == "08:00")
        // No shrinkage: scheduled equals agents on the phones.
        #expect(output.erlangA.intervals.allSatisfy { $0.staffing.scheduledAgents == $0.staffing.agents })
        let chart = try String(contentsOf: svg, encoding: .utf8)
        #expect(chart.hasPrefix("<svg") && chart.contains("Erlang A"))
    }

    @Test(arguments: [
        ["--interval", "7"], ["--service-level", "1.5"], ["--within", "nan"], ["--shrinkage", "-0.1"], ["--bogus"],
        ["stray"],
    ])
    func badArgumentsAreUsageErrors(arguments: [String]) {
        #expect(throws: UsageError.self) { try CapacityPlanCommand.run(arguments) }
    }

    @Test func aMissingForecastFileIsADataError() {
        #expect(throws: DataError.self) { try CapacityPlanCommand.run(["--forecast", "/nonexistent.csv"]) }
    }

    @Test func aForecastWithoutTheColumnsIsRejected() throws {
        let url = try Self.file("time,volume\n09:00,10\n")
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: UsageError.self) { try CapacityPlanCommand.run(["--forecast", url.path]) }
        #expect(try CapacityPlanCommand.run(["--help"]) == nil)
    }
}
