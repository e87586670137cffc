// One libFuzzer target for every decoder; FUZZ_TARGET chooses which (see run.sh):
//   policy, configuration, calendar, template, answers, mapping, cases-csv, surveys-csv,
//   timestamps (the pattern language, durations, numbers), header (encodings, delimiters, header rows, the column
//   resolver), and one per import shape run through evaluation and a report: tickets (every ticket preset and the
//   built-in shapes), contacts (every contact preset), surveys (every survey preset), zendesk-tables (a warehouse sync
//   of Zendesk's tables, each after a line "=== <table>"),
//   mapped-cases, mapped-contacts, mapped-surveys (a user's mapping JSON, a line "=====", then a CSV it imports: the
//   whole pipeline of import, evaluation, KPI folds, scoring and the three renderings of the report),
//   state-distribution, state-grouped, state-compliance, state-scale, state-report (a mergeable state from an
//   untrusted shard: decoded, merged with a valid state both ways, re-encoded and decoded back equal), and records
//   (a Case, a Contact and an Audit decoded and used).
// Each target decodes the input as a user's file would be decoded and, when that succeeds, uses the value the way a
// program would (evaluate, score, import), so that a value the decoder accepts cannot crash what follows.
// A crash is a bug: fix it, and keep the input as a regression test (Tests/*Tests, "fuzz regressions").

import CustomerServiceKit
import Foundation

let targets = [
    "policy", "configuration", "calendar", "template", "answers", "mapping", "cases-csv", "surveys-csv", "timestamps",
    "header", "tickets", "contacts", "surveys", "zendesk-tables", "mapped-cases", "mapped-contacts", "mapped-surveys",
    "state-distribution", "state-grouped", "state-compliance", "state-scale", "state-report", "records",
]

/// The decoder under test, from `FUZZ_TARGET`; an unknown name stops the run at the first input.
let target: String = {
    let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? ""
    guard targets.contains(name) else {
        FileHandle.standardError.write(Data("set FUZZ_TARGET to one of: \(targets.joined(separator: ", "))\n".utf8))
        exit(2)
    }
    return name
}()

/// A case for evaluating decoded policies: replies, a pending period and a solve across a weekend.
let sampleCase: Case? = {
    func at(_ text: String) -> Date { (try? InstantCoding.date(from: text)) ?? Date(timeIntervalSince1970: 0) }
    return try? Case(
        id: "F-1",
        channel: .email,
        priority: .high,
        customer: try? Customer(id: "C-1", role: .member, segments: ["gold"]),
        tags: ["uk"],
        events: [
            CaseEvent(id: "1", at: at("2026-11-20T16:00:00Z"), kind: .created),
            CaseEvent(id: "2", at: at("2026-11-23T09:30:00Z"), kind: .agentReply(agent: "A")),
            CaseEvent(id: "3", at: at("2026-11-23T09:31:00Z"), kind: .statusChanged(.pending)),
            CaseEvent(id: "4", at: at("2026-11-24T10:00:00Z"), kind: .customerReply),
            CaseEvent(id: "5", at: at("2026-11-25T11:00:00Z"), kind: .agentReply(agent: "A")),
            CaseEvent(id: "6", at: at("2026-11-25T11:05:00Z"), kind: .statusChanged(.solved)),
        ]
    )
}()
let now = Date(timeIntervalSince1970: 1_798_761_600)

/// The sample data's service levels and organisation as JSON, for the report the pipeline targets build.
///
/// They come from `FUZZ_DATA` (set by run.sh); without them the pipeline targets stop after import. They are decoded
/// for each input: a
/// decoded policy held in a global is reported by LeakSanitizer at exit, because the boxes of its indirect `Condition`
/// cases are referenced through pointers carrying enum tag bits, which the leak scanner does not recognise.
/// (Byte arrays, not `Data`, for the same reason: `Data`'s storage is referenced through a tagged enum.)
let reportData: (levels: [UInt8], organisation: [UInt8])? = {
    guard let folder = ProcessInfo.processInfo.environment["FUZZ_DATA"],
        let levels = FileManager.default.contents(atPath: folder + "/service-levels.json"),
        let organisation = FileManager.default.contents(atPath: folder + "/organisation.json")
    else { return nil }
    return ([UInt8](levels), [UInt8](organisation))
}()

/// The presets of a kind, decoded once.
let casePresets: [CaseCSVMapping] =
    ((try? ImportPreset.all()) ?? []).compactMap { try? $0.caseMapping() } + [.ticketPerRow, .eventPerRow]
let contactPresets: [ContactCSVMapping] = ((try? ImportPreset.all()) ?? []).compactMap { try? $0.contactMapping() }
let surveyPresets: [SurveyCSVMapping] =
    ((try? ImportPreset.all()) ?? []).compactMap { try? SurveyCSVMapping(preset: $0) } + [.standard]

/// Evaluates imported records and builds, renders and encodes the report, as `service-report` does.
func report(cases: [Case], contacts: [Contact] = [], surveys: [SurveyAnswer] = []) {
    guard let reportData, let configuration = try? ServiceLevelConfiguration.load(from: Data(reportData.levels)),
        let organisation = try? JSONDecoder().decode(Organisation.self, from: Data(reportData.organisation))
    else { return }
    if let evaluator = try? configuration.evaluator() {
        for item in cases.prefix(50) { _ = try? evaluator.evaluate(item, at: now) }
    }
    let asOf = cases.compactMap { $0.events.last?.at }.max()?.addingTimeInterval(1) ?? now
    guard
        let input = try? ServiceReportInput(
            organisation: organisation,
            serviceLevels: configuration,
            reportingCalendar: "uk",
            cases: cases,
            contacts: contacts,
            surveys: surveys,
            asOf: asOf
        ),
        let built = try? ServiceReport.build(input)
    else { return }
    _ = MarkdownServiceReportRenderer().render(built)
    _ = HTMLServiceReportRenderer().render(built)
    _ = JSONServiceReportRenderer().render(built)
}
let sampleTemplate = try? BuiltInTemplates.template("complaint-handling")

/// Valid states to merge decoded ones with: the report's state over the sample's first cases, and its parts.
///
/// The report's input is made again for each use (``input()``) rather than kept: a decoded policy held in a global is
/// taken for a leak, as the note on `reportData` says.
struct ValidStates {
    let cases: [Case]
    let asOf: Date
    let report: ServiceReportAccumulator.State
    let sketch: Distribution
    let scale: SegmentedTally

    /// The report's input over `cases` at `asOf`, from the sample's service levels and organisation.
    static func input(cases: [Case], asOf: Date) -> ServiceReportInput? {
        guard let reportData, let configuration = try? ServiceLevelConfiguration.load(from: Data(reportData.levels)),
            let organisation = try? JSONDecoder().decode(Organisation.self, from: Data(reportData.organisation))
        else { return nil }
        return try? ServiceReportInput(
            organisation: organisation,
            serviceLevels: configuration,
            reportingCalendar: "uk",
            cases: cases,
            asOf: asOf
        )
    }

    /// The report's input, made afresh.
    func input() -> ServiceReportInput? { Self.input(cases: cases, asOf: asOf) }

    init?() {
        guard let folder = ProcessInfo.processInfo.environment["FUZZ_DATA"],
            let csv = try? String(contentsOfFile: folder + "/cases.csv", encoding: .utf8),
            let imported = try? CaseCSVMapping.eventPerRow.importCases(csv: csv)
        else { return nil }
        let cases = Array(imported.cases.prefix(60))
        let asOf = cases.compactMap { $0.events.last?.at }.max()?.addingTimeInterval(1) ?? now
        guard let input = Self.input(cases: cases, asOf: asOf),
            var accumulator = try? ServiceReportAccumulator(for: input)
        else { return nil }
        for item in cases { try? accumulator.add(item) }
        self.cases = cases
        self.asOf = asOf
        report = accumulator.state
        var sketch = Distribution()
        for value in [0.25, 3, 42, 600.5, 3_600, 86_400] { try? sketch.add(value) }
        self.sketch = sketch
        var scale = SegmentedTally(scale: .netPromoter)
        for n in 0..<30 {
            try? scale.add(
                SurveyResponse(id: "S\(n)", score: Double(n % 11), weight: 0.5 + Double(n % 4), segment: "s\(n % 3)")
            )
        }
        self.scale = scale
    }
}
let validStates = ValidStates()

/// A decoded state used as a merge would use one from an untrusted shard: merged into the valid state and the valid
/// state into it; whatever a merge accepts must encode and decode back to itself (a state the library can read).
func mergeChecked<T: Codable & Equatable>(_ decoded: T, _ valid: T, _ merge: (inout T, T) throws -> Void) {
    for (base, other) in [(valid, decoded), (decoded, valid)] {
        var merged = base
        guard (try? merge(&merged, other)) != nil else { continue }
        guard let data = try? JSONEncoder().encode(merged) else { fatalError("an accepted merge does not encode") }
        guard let again = try? JSONDecoder().decode(T.self, from: data), again == merged else {
            fatalError(
                "an accepted merge does not decode back to itself: \(String(decoding: data.prefix(400), as: UTF8.self))"
            )
        }
    }
    guard let data = try? JSONEncoder().encode(decoded), let again = try? JSONDecoder().decode(T.self, from: data),
        again == decoded
    else { fatalError("a decoded state does not round-trip") }
}

/// Splits "mapping JSON, a line =====, CSV".
func mappedInput(_ text: String) -> (mapping: Data, csv: String)? {
    guard let separator = text.range(of: "\n=====\n") else { return nil }
    return (Data(text[..<separator.lowerBound].utf8), String(text[separator.upperBound...]))
}

func fuzzOne(_ data: Data) {
    let text = String(decoding: data, as: UTF8.self)
    let decoder = JSONDecoder()
    switch target {
    case "policy":
        guard let policy = try? ServiceLevelPolicy.load(from: data), let sampleCase else { return }
        let office = try? BusinessCalendar(timeZone: "Europe/London", weeklyHours: .weekdays(9, 17))
        let calendars = Dictionary(uniqueKeysWithValues: policy.calendarIDs.map { ($0, office) }).compactMapValues {
            $0
        }
        if let evaluator = try? PolicyEvaluator(policy: policy, calendars: calendars) {
            _ = try? evaluator.evaluate(sampleCase, at: now)
        }
    case "configuration":
        guard let configuration = try? ServiceLevelConfiguration.load(from: data), let sampleCase else { return }
        if let evaluator = try? configuration.evaluator() {
            _ = try? evaluator.evaluate(sampleCase, at: now)
            var accumulator = ComplianceAccumulator(evaluator: evaluator, dimensions: [.priority])
            try? accumulator.add(sampleCase, at: now)
        }
    case "calendar":
        guard let calendar = try? decoder.decode(BusinessCalendar.self, from: data) else { return }
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        let end = start.addingTimeInterval(40 * 86_400)
        _ = try? calendar.businessDuration(from: start, to: end)
        _ = try? calendar.date(byAdding: 30 * 3_600, to: start)
        _ = try? calendar.isOpen(at: end)
        _ = try? calendar.nextOpening(after: start)
    case "template":
        guard let template = try? decoder.decode(AuditTemplate.self, from: data) else { return }
        _ = template.validate()
        let answers = template.itemsWithPaths.compactMap { entry -> AuditAnswer? in
            guard let first = template.options(of: entry.item)?.first else { return nil }
            return AuditAnswer(item: entry.item.id, .choice(first.id))
        }
        _ = try? WeightedScoringRule(policy: template.scoring).score(template, answers: answers)
    case "answers":
        guard let answers = try? decoder.decode([AuditAnswer].self, from: data), let sampleTemplate else { return }
        _ = sampleTemplate.validate(answers)
        _ = try? WeightedScoringRule(policy: sampleTemplate.scoring).score(sampleTemplate, answers: answers)
    case "mapping":
        guard let mapping = try? decoder.decode(CaseCSVMapping.self, from: data) else { return }
        _ = try? mapping.importCases(csv: "a,b,c\n1,2,3\n")
    case "cases-csv":
        _ = try? CaseCSVMapping.eventPerRow.importCases(csv: text)
        _ = try? CaseCSVMapping.ticketPerRow.importCases(csv: text, delimiter: ";")
    case "surveys-csv":
        _ = try? SurveyCSVMapping.standard.importAnswers(
            csv: text,
            scales: ServiceReportInput.defaultSurveyScales
        )
    case "timestamps":
        // The first line is a pattern; every other line is read as an instant, a duration and a number.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let format = TimestampFormat.pattern(lines.first ?? "", timeZone: "Europe/London")
        let reading = try? format.reading()
        let comma = try? NumberFormat(decimalSeparator: ",", groupingSeparator: ".")
        for line in lines.dropFirst().prefix(64) {
            _ = try? reading?.instant(from: line)
            _ = try? TimestampFormat.unixSeconds.instant(from: line)
            _ = try? TimestampFormat.iso8601.instant(from: line)
            for unit in DurationFormat.allCases { _ = try? unit.seconds(from: line, numbers: comma ?? .standard) }
            _ = try? NumberFormat.standard.number(from: line)
        }
    case "header":
        // Raw bytes in any encoding: the reader detects encoding and delimiter; the last line's fields are
        // resolved as column references against the header.
        guard let reader = try? CSVReader(bytes: Array(data)) else { return }
        let resolver = ColumnResolver(header: reader.header)
        var last: [String] = []
        while let row = try? reader.next() {
            if case .record(let record) = row { last = record.fields }
        }
        for reference in (reader.header + last).prefix(64) {
            _ = try? resolver.columns(for: reference, path: "columns")
        }
        _ = try? CSVDocument(parsing: text, dialect: CSVDialect(headerRow: 2, rowsAfterHeader: 1))
    case "tickets":
        for mapping in casePresets {
            guard let imported = try? mapping.importCases(csv: text) else { continue }
            report(cases: imported.cases)
        }
    case "contacts":
        for mapping in contactPresets {
            guard let imported = try? mapping.importContacts(csv: text) else { continue }
            report(cases: [], contacts: imported.contacts)
        }
    case "surveys":
        for mapping in surveyPresets {
            guard let imported = try? mapping.importSurvey(csv: text, scales: ServiceReportInput.defaultSurveyScales)
            else { continue }
            batchesAgree(mapping, text, imported)
            report(cases: [], surveys: imported.answers)
        }
    case "zendesk-tables":
        var tables: [ZendeskTables.Table: String] = [:]
        var current: ZendeskTables.Table?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("=== ") {
                current = ZendeskTables.Table(rawValue: String(line.dropFirst(4)))
                continue
            }
            if let current { tables[current, default: ""] += line + "\n" }
        }
        guard let result = try? ZendeskTables(tables: tables).read() else { return }
        report(cases: result.cases)
        for calendar in result.calendars.values.prefix(4) {
            _ = try? calendar.businessDuration(from: now, to: now.addingTimeInterval(30 * 86_400))
        }
    case "mapped-cases":
        guard let (mapping, csv) = mappedInput(text),
            let decoded = try? decoder.decode(CaseCSVMapping.self, from: mapping),
            let imported = try? decoded.importCases(csv: csv)
        else { return }
        report(cases: imported.cases)
    case "mapped-contacts":
        guard let (mapping, csv) = mappedInput(text),
            let decoded = try? decoder.decode(ContactCSVMapping.self, from: mapping),
            let imported = try? decoded.importContacts(csv: csv)
        else { return }
        report(cases: [], contacts: imported.contacts)
    case "mapped-surveys":
        guard let (mapping, csv) = mappedInput(text),
            let decoded = try? decoder.decode(SurveyCSVMapping.self, from: mapping),
            let imported = try? decoded.importSurvey(csv: csv, scales: ServiceReportInput.defaultSurveyScales)
        else { return }
        batchesAgree(decoded, csv, imported)
        report(cases: [], surveys: imported.answers)
    case "state-distribution":
        guard let state = try? decoder.decode(Distribution.self, from: data), let valid = validStates?.sketch else {
            return
        }
        mergeChecked(state, valid) { try $0.merge($1) }
        for q in [0, 0.5, 0.9, 0.99, 1] { _ = try? state.quantile(q) }
    case "state-grouped":
        guard let state = try? decoder.decode(GroupedState<DurationTally>.self, from: data),
            let valid = validStates?.report.firstReply
        else { return }
        mergeChecked(state, valid) { try $0.merge($1) }
        var accumulator = MetricAccumulator(FirstReplyTime(), by: [])
        if (try? accumulator.merge(state)) != nil { _ = accumulator.results }
    case "state-compliance":
        guard let state = try? decoder.decode(ComplianceSummary.self, from: data),
            let valid = validStates?.report.overall
        else { return }
        mergeChecked(state, valid) { try $0.merge($1) }
        _ = state.overall
        _ = state.measurements(period: DateInterval(start: now, duration: 86_400))
    case "state-scale":
        guard let state = try? decoder.decode(SegmentedTally.self, from: data), let valid = validStates?.scale else {
            return
        }
        mergeChecked(state, valid) { try $0.merge($1) }
        _ = try? state.overall.netPromoterScore()
        _ = try? state.overall.mean()
        _ = try? state.overall.favourableShare(method: .clopperPearson)
    case "state-report":
        guard let state = try? decoder.decode(ServiceReportAccumulator.State.self, from: data), let validStates,
            let input = validStates.input()
        else { return }
        mergeChecked(state, validStates.report) { mine, theirs in
            var accumulator = try ServiceReportAccumulator(for: input, state: mine)
            try accumulator.merge(theirs)
            mine = accumulator.state
        }
        if let accumulator = try? ServiceReportAccumulator(for: input, state: state),
            let built = try? ServiceReport.build(input, cases: accumulator)
        {
            _ = MarkdownServiceReportRenderer().render(built)
            _ = HTMLServiceReportRenderer().render(built)
        }
    case "records":
        if let item = try? decoder.decode(Case.self, from: data) {
            report(cases: [item])
            _ = try? JSONDecoder().decode(Case.self, from: JSONEncoder().encode(item))
        }
        if let contact = try? decoder.decode(Contact.self, from: data) { report(cases: [], contacts: [contact]) }
        if let audit = try? decoder.decode(Audit.self, from: data),
            let template = try? BuiltInTemplates.template(audit.template.id)
        {
            _ = try? audit.score(with: template)
        }
    default: break
    }
}

/// Writes the seeds only the library can make (encoded states and records) to `FUZZ_SEEDS`, for run.sh.
func writeSeeds() {
    guard let folder = ProcessInfo.processInfo.environment["FUZZ_SEEDS"], let validStates else { return }
    let encoder = JSONEncoder()
    func write(_ name: String, _ value: some Encodable) {
        if let data = try? encoder.encode(value) {
            _ = FileManager.default.createFile(atPath: folder + "/" + name + ".json", contents: data)
        }
    }
    switch target {
    case "state-distribution":
        write("sketch", validStates.sketch)
        write("wait", validStates.report.requesterWait)
    case "state-grouped": write("first-reply", validStates.report.firstReply)
    case "state-compliance":
        write("overall", validStates.report.overall)
        write("weekly", validStates.report.weekly)
    case "state-scale": write("nps", validStates.scale)
    case "state-report": write("report", validStates.report)
    case "records":
        for (position, item) in validStates.cases.prefix(3).enumerated() { write("case-\(position)", item) }
    default: break
    }
}

/// libFuzzer's entry point: one input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes else { return 0 }
    fuzzOne(Data(bytes: bytes, count: count))
    return 0
}

/// libFuzzer's set-up hook: the shared values (sample case and template, the report's context, the decoded presets)
/// are made before the first input, so that their one-time allocations are not taken for a leak of that input.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(
    _ argc: UnsafeMutablePointer<CInt>?,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?
) -> CInt {
    _ = (target, sampleCase, sampleTemplate, reportData, casePresets, contactPresets, surveyPresets, validStates)
    writeSeeds()
    return 0
}

/// The batch import of a file agrees with its answers import: the same accounting and, survey by survey, the same
/// tallies to the last bit.
func batchesAgree(_ mapping: SurveyCSVMapping, _ csv: String, _ imported: SurveyImport) {
    let scales = ServiceReportInput.defaultSurveyScales
    guard let batches = try? mapping.importBatches(csv: csv, scales: scales) else {
        fatalError("the answers import succeeded and the batch import failed")
    }
    guard batches.summary == imported.summary, batches.problems == imported.problems else {
        fatalError("the batch import's accounting differs: \(batches.summary) against \(imported.summary)")
    }
    for (survey, scale) in scales {
        var expected = SegmentedTally(scale: scale)
        var actual = SegmentedTally(scale: scale)
        for answer in imported.answers where answer.survey == survey { try? expected.add(answer.response) }
        if let batch = batches.batches[survey] { try? actual.add(batch) }
        guard expected == actual else { fatalError("the batch of \(survey) tallies differently") }
    }
}
