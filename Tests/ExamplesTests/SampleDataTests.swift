import Commands
import CustomerServiceKit
import Foundation
import SampleData
import Testing

/// The shipped sample data is exactly what the generator makes, and reads back into the same values.
struct SampleDataTests {
    #if os(Linux)
        static let sameMathLibrary = true
    #else
        static let sameMathLibrary = false
    #endif

    /// Byte equality holds where the shipped files were generated (Linux, glibc's `exp`, `log` and `cos`): another
    /// C library may round a random delay differently in the last bit, and so a timestamp by a second.
    @Test(.enabled(if: Self.sameMathLibrary)) func theShippedFilesAreTheGeneratorsOutput() throws {
        let directory = try #require(SampleDataSet.shippedDirectory)
        let generated = try SampleGenerator().generate().encoded()
        #expect(generated.count == SampleDataSet.File.allCases.count)
        for (file, data) in generated {
            let shipped = try Data(contentsOf: directory.appendingPathComponent(file.rawValue))
            // On a mismatch, regenerate with `swift run sample-data` and review the diff.
            #expect(shipped == data, "\(file.rawValue) differs from the generator's output")
        }
    }

    @Test func theShippedSetReadsBackWithoutProblemsAndWritesTheSameBytes() throws {
        let directory = try #require(SampleDataSet.shippedDirectory)
        let (shipped, problems) = try SampleDataSet.load(from: directory, onBadRecord: .stop)
        #expect(problems.values.allSatisfy { $0.isEmpty })
        // Loading and writing again changes nothing: the files are the data set's canonical form.
        for (file, data) in try shipped.encoded() {
            #expect(try Data(contentsOf: directory.appendingPathComponent(file.rawValue)) == data, "\(file.rawValue)")
        }
    }

    @Test(.enabled(if: Self.sameMathLibrary)) func theShippedSetIsTheGeneratedValues() throws {
        let generated = try SampleGenerator().generate()
        let shipped = try SampleDataSet.shipped()
        #expect(shipped.cases == generated.cases)
        #expect(shipped.contacts == generated.contacts)
        #expect(shipped.surveys == generated.surveys)
        #expect(shipped.servqual == generated.servqual && shipped.audit == generated.audit)
        #expect(shipped.serviceLevels == generated.serviceLevels && shipped.asOf == generated.asOf)
    }

    @Test func theDataHasWhatTheReportNeeds() throws {
        let data = try SampleDataSet.shipped()
        let facts = data.cases.map(\.facts)
        // A year of cases with reopens, escalations, pending and on-hold periods, some still open at the cut-off.
        #expect(data.cases.count > 2_000)
        #expect(facts.contains { $0.reopenCount > 0 } && facts.contains { $0.escalationCount > 0 })
        #expect(facts.contains { !$0.status.isResolved })
        #expect(data.cases.contains { $0.events.contains { $0.kind == .statusChanged(.onHold) } })
        // Created at night and at weekends, in both regions' time zones, across both DST changes.
        let london = try #require(data.serviceLevels.calendars["uk"])
        #expect(try data.cases.contains { try !london.isOpen(at: $0.facts.createdAt) })
        #expect(data.cases.contains { $0.tags.contains("us") } && data.cases.contains { $0.tags.contains("uk") })
        // Calls with abandonment; all three surveys.
        #expect(data.contacts.contains(where: \.isAbandoned) && data.contacts.contains(where: \.isAnswered))
        #expect(Set(data.surveys.map(\.survey)) == ["nps", "csat", "ces"])
        #expect(data.audit.status == .submitted && !data.audit.findings.isEmpty && !data.audit.actions.isEmpty)
    }

    @Test func otherSettingsGiveOtherButReproducibleData() throws {
        var small = SampleGenerator(seed: 9, casesPerWeekday: 2, contactDays: 2, npsAnswers: 20, servqualRespondents: 5)
        let first = try small.generate()
        #expect(try small.generate().encoded() == first.encoded())
        small.seed = 10
        #expect(try small.generate().cases != first.cases)
        #expect(first.servqual.count == 5 && first.surveys.filter { $0.survey == "nps" }.count == 20)
    }
}

/// `sample-data`'s arguments: the shipped settings by default, each option read, and usage errors for the rest.
@Suite struct SampleDataCommandTests {
    @Test func noArgumentsGiveTheShippedSettings() throws {
        let parsed = try #require(try SampleDataCommand.parse([]))
        let shipped = SampleGenerator()
        #expect(parsed.generator.seed == shipped.seed && parsed.generator.year == shipped.year)
        #expect(parsed.generator.casesPerWeekday == shipped.casesPerWeekday && !parsed.quiet)
        #expect(parsed.output.path.hasSuffix("Examples/SampleData/Data"))
    }

    @Test func everyOptionIsRead() throws {
        let parsed = try #require(
            try SampleDataCommand.parse([
                "--out", "/tmp/x", "--seed", "7", "--year", "2030", "--cases-per-day", "2.5", "--contact-days", "3",
                "--nps", "40", "--servqual", "5", "--quiet",
            ])
        )
        #expect(parsed.output.path == "/tmp/x" && parsed.quiet)
        #expect(parsed.generator.seed == 7 && parsed.generator.year == 2030 && parsed.generator.casesPerWeekday == 2.5)
        #expect(parsed.generator.contactDays == 3 && parsed.generator.npsAnswers == 40)
        #expect(parsed.generator.servqualRespondents == 5)
        #expect(try SampleDataCommand.parse(["--help"]) == nil)
    }

    @Test(arguments: [
        (["--year", "1800"], "--year needs a whole number 1900–2300, not \"1800\""),
        (["--seed", "-1"], "--seed needs a whole number, not \"-1\""),
        (["--cases-per-day", "nan"], "--cases-per-day needs a number 0–100000, not \"nan\""),
        (["--contact-days"], "--contact-days needs a value"),
        (["--colour", "red"], "unknown option --colour"),
        (["extra"], "unexpected argument extra"),
    ])
    func badArgumentsAreUsageErrors(arguments: [String], message: String) {
        #expect {
            _ = try SampleDataCommand.parse(arguments)
        } throws: { error in
            (error as? UsageError)?.description == message
        }
    }

    @Test func itWritesTheSetAndSaysWhatItWrote() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sample-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let line = try #require(
            try SampleDataCommand.run([
                "--out", folder.path, "--cases-per-day", "0.5", "--contact-days", "1", "--nps", "10", "--servqual", "3",
            ])
        )
        let data = try SampleDataSet.load(from: folder, onBadRecord: .stop).0
        #expect(line.contains("wrote \(data.cases.count) cases, \(data.contacts.count) contacts"))
        #expect(data.servqual.count == 3)
    }
}
