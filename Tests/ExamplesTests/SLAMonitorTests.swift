import Commands
import CustomerServiceKit
import Foundation
import SampleData
import Testing

struct SLAMonitorTests {
    @Test func aWorkedExampleWarnsThenBreaches() throws {
        // One UK ticket, normal priority, standard customer, created Monday 2026-11-23 09:00 GMT and never answered.
        // The sample policy's UK first-reply target for normal priority is 8 business hours (UK hours Mon–Fri
        // 08:00–18:00), its warning share 75 %: at risk from 15:00 (6 h used); at 17:00 exactly 8 h are used, which is
        // still within target (a breach is more than the target), so the breach at 17:00 is reported at the 18:00 step.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("monitor-\(UUID()).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(
            """
            id,created_at,first_reply_at,solved_at,channel,priority,team,agent,customer_id,customer_role,segments,tags
            T-1,2026-11-23T09:00:00Z,,,email,normal,billing,,C-1,consumer,standard,uk

            """.utf8
        ).write(to: url)
        let output = try #require(
            try SLAMonitorCommand.run([
                "--cases", url.path, "--ticket-per-row", "--from", "2026-11-23T09:00:00Z", "--to",
                "2026-11-23T18:00:00Z",
            ])
        )
        let midnight = try InstantCoding.date(from: "2026-11-23T00:00:00Z")
        let hours = output.steps.map { Int($0.at.timeIntervalSince(midnight) / 3_600) }
        #expect(hours == Array(9...18))
        let atRisk = output.steps.filter { $0.atRisk.contains { $0.outcome.kind == .firstReply } }.map(\.at)
        let breached = output.steps.filter { $0.breached.contains { $0.outcome.kind == .firstReply } }.map(\.at)
        #expect(
            atRisk == [
                try InstantCoding.date(from: "2026-11-23T15:00:00Z"),
                try InstantCoding.date(from: "2026-11-23T16:00:00Z"),
                try InstantCoding.date(from: "2026-11-23T17:00:00Z"),
            ]
        )
        #expect(breached == [try InstantCoding.date(from: "2026-11-23T18:00:00Z")])
        let warning = try #require(
            output.steps.first { $0.at == atRisk[0] }?.atRisk.first { $0.outcome.kind == .firstReply }
        )
        #expect(warning.outcome.remaining == 2 * 3_600)
        #expect(warning.outcome.breachAt == (try InstantCoding.date(from: "2026-11-23T17:00:00Z")))
        #expect(output.text.contains("! T-1 firstReply: due 2026-11-23 17:00, 2.0 h left (75% used)"))
        #expect(output.text.contains("✗ T-1 firstReply: breached at 2026-11-23 17:00"))
    }

    @Test func onTheSampleDataEveryAlertIsWithinItsWindow() throws {
        let output = try #require(try SLAMonitorCommand.run(["--every", "120"]))
        #expect(output.steps.count == 13)
        var previous = output.steps[0].at.addingTimeInterval(-7_200)
        for step in output.steps {
            for alert in step.atRisk {
                // Past the 75 % warning share, not yet breached, breach still ahead.
                #expect(
                    alert.outcome.elapsed >= 0.75 * alert.outcome.target
                        && alert.outcome.elapsed <= alert.outcome.target
                )
                #expect((alert.outcome.breachAt ?? .distantPast) >= step.at)
            }
            for alert in step.breached {
                let breach = try #require(alert.outcome.breachAt)
                #expect(breach >= previous && breach < step.at)
            }
            previous = step.at
        }
        #expect(output.steps.contains { !$0.atRisk.isEmpty })
    }

    @Test(arguments: [
        ["--every", "0"], ["--from", "2026-12-31T00:00:00Z", "--to", "2026-12-30T00:00:00Z"], ["--from", "yesterday"],
        ["--calendar", "mars"], ["--every", "1", "--from", "2000-01-01T00:00:00Z"], ["--bogus"],
    ])
    func badArgumentsAreRejected(arguments: [String]) {
        #expect(throws: (any Error).self) { try SLAMonitorCommand.run(arguments) }
        #expect(SLAMonitorCommand.usage.contains("--every"))
    }

    @Test func explainAccountsForEveryOutcomeOfOneCase() throws {
        let data = try SampleDataSet.shipped()
        let item = try #require(data.cases.first { $0.facts.reopenCount > 0 })
        let to = "2026-12-31T12:00:00Z"
        let output = try #require(try SLAMonitorCommand.run(["--explain", item.id.rawValue, "--to", to]))
        let evaluator = try data.serviceLevels.evaluator(organisation: data.organisation)
        let evaluation = try evaluator.evaluate(item, at: try InstantCoding.date(from: to))
        // One heading per outcome, each with its verdict, and the applications first.
        #expect(output.text.hasPrefix("Case \(item.id) evaluated at \(to)\nPolicy applications:\n  0. "))
        for outcome in evaluation.outcomes {
            #expect(output.text.contains("\(outcome.kind.rawValue) cycle \(outcome.cycle): "))
        }
        let verdicts = output.text.components(separatedBy: "\n    breached:").count - 1
        let breached = evaluation.outcomes.filter { $0.state == .breached }.count
        #expect(verdicts == breached)
        #expect(throws: DataError.self) { try SLAMonitorCommand.run(["--explain", "NOPE"]) }
        #expect(throws: UsageError.self) {
            try SLAMonitorCommand.run(["--explain", item.id.rawValue, "--to", "2000-01-01T00:00:00Z"])
        }
    }
}
