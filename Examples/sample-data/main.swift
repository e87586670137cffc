// sample-data — writes a generated sample data set (the shipped one by default).
//
//     swift run sample-data                                  # the shipped set, into Examples/SampleData/Data
//     swift run sample-data --out /tmp/big --cases-per-day 300 --contact-days 60 --seed 7

import CustomerServiceKit
import Foundation
import SampleData

let usage = """
    usage: sample-data [--out DIR] [--seed N] [--year YYYY] [--cases-per-day X] [--contact-days N]
                       [--nps N] [--servqual N]

    Writes a deterministic sample data set for a fictional energy supplier: organisation, service-level policy and
    calendars, a year of cases (one row per event, CSV), contact-centre calls, surveys (NPS, CSAT, CES; CSV), SERVQUAL
    questionnaires and a completed audit. Equal options give byte-identical files.

    Without options it rewrites the shipped set (Examples/SampleData/Data, from the package root).
      --out DIR           directory to write (created if missing)
      --seed N            random seed (default 2026)
      --year YYYY         year of cases (default 2026)
      --cases-per-day X   UK cases per weekday (default 7; the US and weekends get fewer)
      --contact-days N    weekdays of calls (default 10)
      --nps N             NPS answers (default 600)
      --servqual N        SERVQUAL questionnaires (default 150)
    """

var generator = SampleGenerator()
var output = URL(fileURLWithPath: "Examples/SampleData/Data")
var arguments = Array(CommandLine.arguments.dropFirst())
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("sample-data: \(message)\n\n\(usage)\n".utf8))
    exit(2)
}
while !arguments.isEmpty {
    let option = arguments.removeFirst()
    if option == "--help" || option == "-h" {
        print(usage)
        exit(0)
    }
    guard let value = arguments.first else { fail("\(option) needs a value") }
    arguments.removeFirst()
    switch option {
    case "--out": output = URL(fileURLWithPath: value)
    case "--seed": generator.seed = UInt64(value) ?? { fail("--seed needs a whole number") }()
    case "--year":
        guard let year = Int(value), (1900...2300).contains(year) else { fail("--year needs a year 1900–2300") }
        generator.year = year
    case "--cases-per-day":
        guard let rate = Double(value), rate.isFinite, rate >= 0, rate <= 100_000 else {
            fail("--cases-per-day needs a number 0–100000")
        }
        generator.casesPerWeekday = rate
    case "--contact-days":
        guard let days = Int(value), (0...250).contains(days) else { fail("--contact-days needs 0–250") }
        generator.contactDays = days
    case "--nps":
        guard let count = Int(value), (0...10_000_000).contains(count) else { fail("--nps needs 0–10000000") }
        generator.npsAnswers = count
    case "--servqual":
        guard let count = Int(value), (0...1_000_000).contains(count) else { fail("--servqual needs 0–1000000") }
        generator.servqualRespondents = count
    default: fail("unknown option \(option)")
    }
}

do {
    let data = try generator.generate()
    try data.write(to: output)
    print(
        "sample-data: wrote \(data.cases.count) cases, \(data.contacts.count) contacts, \(data.surveys.count) survey "
            + "answers, \(data.servqual.count) SERVQUAL questionnaires and audit \(data.audit.id) to \(output.path)"
    )
} catch {
    FileHandle.standardError.write(Data("sample-data: \(error)\n".utf8))
    exit(1)
}
