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
