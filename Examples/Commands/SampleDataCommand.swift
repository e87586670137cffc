import CustomerServiceKit
public import Foundation
public import SampleData

/// `sample-data`: writes a generated sample data set (the shipped one by default).
public enum SampleDataCommand: Sendable {
    /// The help text.
    public static let usage = """
        usage: sample-data [--out DIR] [--seed N] [--year YYYY] [--cases-per-day X] [--contact-days N]
                           [--nps N] [--servqual N] [--quiet]

        Writes a deterministic sample data set for a fictional energy supplier: organisation, service-level policy and
        calendars, a year of cases (one row per event, CSV), contact-centre calls, surveys (NPS, CSAT, CES; CSV),
        SERVQUAL questionnaires and a completed audit. Equal options give byte-identical files.

        Without options it rewrites the shipped set (Examples/SampleData/Data, from the package root).
          --out DIR           directory to write (created if missing)
          --seed N            random seed (default 2026)
          --year YYYY         year of cases (default 2026)
          --cases-per-day X   UK cases per weekday (default 7; the US and weekends get fewer)
          --contact-days N    weekdays of calls (default 10)
          --nps N             NPS answers (default 600)
          --servqual N        SERVQUAL questionnaires (default 150)
          --quiet             no progress line (it shows on a terminal after a second)
        """

    /// The generator settings and output directory the arguments give.
    ///
    /// - Parameter arguments: The arguments, without the program name.
    /// - Returns: The settings, the directory and `--quiet`; `nil` after `--help`.
    /// - Throws: ``UsageError`` for an unknown option or a value out of range.
    public static func parse(_ arguments: [String]) throws -> (
        generator: SampleGenerator, output: URL, quiet: Bool
    )? {
        let options = try Arguments(
            arguments,
            valued: ["--out", "--seed", "--year", "--cases-per-day", "--contact-days", "--nps", "--servqual"],
            flags: ["--help", "-h", "--quiet"]
        )
        if options.has("--help") || options.has("-h") { return nil }
        guard options.positional.isEmpty else { throw UsageError("unexpected argument \(options.positional[0])") }
        func whole(_ name: String, _ range: ClosedRange<Int>) throws -> Int? {
            guard let text = options.value(name) else { return nil }
            guard let value = Int(text), range.contains(value) else {
                throw UsageError(
                    "\(name) needs a whole number \(range.lowerBound)–\(range.upperBound), not \"\(text)\""
                )
            }
            return value
        }
        var generator = SampleGenerator()
        if let text = options.value("--seed") {
            guard let seed = UInt64(text) else { throw UsageError("--seed needs a whole number, not \"\(text)\"") }
            generator.seed = seed
        }
        if let year = try whole("--year", 1900...2300) { generator.year = year }
        if let text = options.value("--cases-per-day") {
            guard let rate = Double(text), rate.isFinite, (0...100_000).contains(rate) else {
                throw UsageError("--cases-per-day needs a number 0–100000, not \"\(text)\"")
            }
            generator.casesPerWeekday = rate
        }
        if let days = try whole("--contact-days", 0...250) { generator.contactDays = days }
        if let count = try whole("--nps", 0...10_000_000) { generator.npsAnswers = count }
        if let count = try whole("--servqual", 0...1_000_000) { generator.servqualRespondents = count }
        let output = URL(fileURLWithPath: options.value("--out") ?? "Examples/SampleData/Data")
        return (generator, output, options.has("--quiet"))
    }

    /// Runs the command: generates the set and writes its files.
    ///
    /// - Parameter arguments: The arguments, without the program name.
    /// - Returns: The summary line, or `nil` after `--help`.
    /// - Throws: ``UsageError`` for bad arguments; ``DataError`` when the directory cannot be written.
    public static func run(_ arguments: [String]) throws -> String? {
        guard let (generator, output, quiet) = try parse(arguments) else { return nil }
        let progress = terminalLine("sample-data", quiet: quiet)
        let data = try generator.generate(progress: progress)
        progress?("encoding and writing \(output.path)")
        do {
            try data.write(to: output)
        } catch {
            throw DataError("cannot write \(output.path): \(error.localizedDescription)")
        }
        return "sample-data: wrote \(data.cases.count) cases, \(data.contacts.count) contacts, \(data.surveys.count) "
            + "survey answers, \(data.servqual.count) SERVQUAL questionnaires and audit \(data.audit.id) to "
            + "\(output.path)\n"
    }
}
