import Commands
import CustomerServiceKit
import Foundation
import SampleData
import Testing

struct AuditRunTests {
    @Test func listsEveryBuiltInTemplate() throws {
        let output = try #require(try AuditRunCommand.run(["--list"]))
        for template in try BuiltInTemplates.all() { #expect(output.text.contains(template.id)) }
    }

    @Test func anInteractiveRunRetriesBadAnswersAndStopsAtTheEndOfInput() throws {
        // complaint-handling: nine single-choice items on the compliance scale (exceeds 3, meets 2, partly 1,
        // does not meet 0 points; equal weights except where the template says). Answers: CH-1 "exceeds" (by number),
        // CH-2 "meets" (by id), CH-3 tried as not applicable (critical: refused), then "bogus" (refused), then
        // "partly"; then input ends.
        var lines = ["1", "meets", "na", "bogus", "3"][...]
        var prompts: [String] = []
        let output = try #require(
            try AuditRunCommand.run(
                ["complaint-handling"],
                readLine: { lines.popFirst() },
                prompt: { prompts.append($0) }
            )
        )
        #expect(output.answers.map(\.item) == ["CH-1", "CH-2", "CH-3"])
        #expect(output.answers.map(\.value) == [.choice("exceeds"), .choice("meets"), .choice("partly")])
        #expect(prompts.contains { $0.contains("cannot be answered not applicable") })
        #expect(prompts.contains { $0.contains("no option \"bogus\"") })
        // The score is recomputed here from the template: earned points over the possible points of all items.
        let template = try BuiltInTemplates.template("complaint-handling")
        let result = try WeightedScoringRule(policy: template.scoring).score(template, answers: output.answers)
        #expect(output.result?.percent == result.percent && output.result?.answered == 3)
        #expect(output.text.contains("## Findings") && output.text.contains("F-CH-3"))
    }

    @Test func theShippedAuditKeepsItsFindingsAndActions() throws {
        let path = try #require(SampleDataSet.shippedDirectory).appendingPathComponent("audit.json").path
        let output = try #require(try AuditRunCommand.run(["excellent-service-provider", "--answers", path]))
        let data = try SampleDataSet.shipped()
        #expect(output.answers == data.audit.answers)
        #expect(output.text.contains("## Corrective actions") && output.text.contains("Agree an improvement plan"))
        let expected = try data.audit.score(with: try BuiltInTemplates.template("excellent-service-provider"))
        #expect(output.result == expected)
    }

    @Test func anAnswersFileIsCheckedAgainstTheTemplate() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("answers-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(#"[{"item": "CH-1", "choice": "meets"}, {"item": "CH-2", "choice": "brilliant"}]"#.utf8).write(to: url)
        #expect(throws: ServiceAuditError.self) {
            try AuditRunCommand.run(["complaint-handling", "--answers", url.path])
        }
        try Data(#"[{"item": "CH-1", "choice": "meets"}]"#.utf8).write(to: url)
        let output = try #require(try AuditRunCommand.run(["complaint-handling", "--answers", url.path]))
        #expect(output.answers.count == 1)
        // Two answers to one item: refused, not the last one scored.
        try Data(#"[{"item": "CH-1", "choice": "meets"}, {"item": "CH-1", "choice": "doesNotMeet"}]"#.utf8).write(
            to: url
        )
        #expect { try AuditRunCommand.run(["complaint-handling", "--answers", url.path]) } throws: {
            ($0 as? ServiceAuditError)?.code == .duplicateIdentifier
                && ($0 as? ServiceAuditError)?.path == "answers.CH-1"
        }
        try Data("not json".utf8).write(to: url)
        // A file that is not answers is a data error (exit 1, no usage text), naming the file.
        #expect { try AuditRunCommand.run(["complaint-handling", "--answers", url.path]) } throws: {
            ($0 as? DataError)?.message.hasPrefix(url.path) == true
        }
    }

    @Test(arguments: [["no-such-template"], ["complaint-handling", "extra"], ["--answers"], ["--bogus"]])
    func badArgumentsAreUsageErrors(arguments: [String]) {
        #expect(throws: UsageError.self) { try AuditRunCommand.run(arguments, readLine: { nil }, prompt: { _ in }) }
    }
}
