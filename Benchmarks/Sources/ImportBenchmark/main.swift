import BenchmarkSupport
import CustomerServiceKit
import Foundation

// CSV import and the service report on a generated data set, larger ones made by the sample-data generator:
//     swift run sample-data --out /tmp/brightwater-big --cases-per-day 700 --contact-days 60
//     swift run -c release --package-path Benchmarks import-benchmark /tmp/brightwater-big
// Without an argument it reads the shipped set (Examples/SampleData/Data, from the package root).

let directory = URL(
    fileURLWithPath: CommandLine.arguments.dropFirst().first ?? "Examples/SampleData/Data"
)
func text(_ name: String) throws -> String {
    try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
}
let casesCSV = try text("cases.csv")
let surveysCSV = try text("surveys.csv")
let rows = try CSVDocument(parsing: casesCSV).records.count
let megabytes = Double(casesCSV.utf8.count) / 1_000_000
print("import-benchmark: \(directory.path): cases.csv \(String(format: "%.1f", megabytes)) MB, \(rows) event rows")

let parseRate = try Benchmark("CSV: parse cases.csv (rows)", operations: rows, runs: 3).run {
    Double(try CSVDocument(parsing: casesCSV).records.count)
}
var cases: [Case] = []
let importRate = try Benchmark("CSV: import cases.csv into cases (rows)", operations: rows, runs: 3).run {
    let imported = try CaseCSVMapping.eventPerRow.importCases(csv: casesCSV)
    cases = imported.cases
    return Double(imported.cases.count + imported.problems.count)
}
let surveyRows = try CSVDocument(parsing: surveysCSV).records.count
try Benchmark("CSV: import surveys.csv, scale-checked (rows)", operations: surveyRows, runs: 3).run {
    Double(
        try SurveyCSVMapping.standard.importAnswers(
            csv: surveysCSV,
            scales: ServiceReportInput.defaultSurveyScales
        ).answers.count
    )
}
try Benchmark("CSV: import surveys.csv into batches, scale-checked (rows)", operations: surveyRows, runs: 3).run {
    let imported = try SurveyCSVMapping.standard.importBatches(
        csv: surveysCSV,
        scales: ServiceReportInput.defaultSurveyScales
    )
    return Double(imported.summary.records)
}

let decoder = JSONDecoder()
let configuration = try decoder.decode(
    ServiceLevelConfiguration.self,
    from: Data(contentsOf: directory.appendingPathComponent("service-levels.json"))
)
let contacts = try decoder.decode(
    [Contact].self,
    from: Data(contentsOf: directory.appendingPathComponent("contacts.json"))
)
let organisation = try decoder.decode(
    Organisation.self,
    from: Data(contentsOf: directory.appendingPathComponent("organisation.json"))
)
let manifest = try decoder.decode(
    [String: String].self,
    from: Data(contentsOf: directory.appendingPathComponent("manifest.json"))
)
let asOf = try InstantCoding.date(from: manifest["asOf"] ?? "")
let answers = try SurveyCSVMapping.standard.importAnswers(
    csv: surveysCSV,
    scales: ServiceReportInput.defaultSurveyScales
).answers
let input = try ServiceReportInput(
    organisation: organisation,
    serviceLevels: configuration,
    reportingCalendar: "uk",
    cases: cases,
    contacts: contacts,
    surveys: answers,
    asOf: asOf
)
let reportRate = try Benchmark("report: build from imported data (cases)", operations: cases.count, runs: 3).run {
    Double(try ServiceReport.build(input).standards?.cases ?? 0)
}
let report = try ServiceReport.build(input)
Benchmark("report: render HTML with SVG charts (reports)", operations: 1, runs: 3).run {
    Double(HTMLServiceReportRenderer().render(report).utf8.count)
}
print("")
print(
    String(
        format: "%d cases, %d contacts, %d survey answers; parsing %.1f MB/s; import vs parse: %.2f×; "
            + "report %.0f cases/s",
        cases.count,
        contacts.count,
        answers.count,
        megabytes * parseRate / Double(rows),
        importRate / parseRate,
        reportRate
    )
)
