// One libFuzzer target for every decoder; FUZZ_TARGET chooses which (see run.sh):
//   policy, configuration, calendar, template, answers, mapping, cases-csv, surveys-csv
// Each target decodes the input as a user's file would be decoded and, when that succeeds, uses the value the way a
// program would (evaluate, score, import), so that a value the decoder accepts cannot crash what follows.
// A crash is a bug: fix it, and keep the input as a regression test (Tests/*Tests, "fuzz regressions").

import CustomerServiceKit
import Foundation

let targets = ["policy", "configuration", "calendar", "template", "answers", "mapping", "cases-csv", "surveys-csv"]

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
let sampleTemplate = try? BuiltInTemplates.template("complaint-handling")

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
