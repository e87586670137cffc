import BenchmarkSupport
import Foundation
import ServiceAudit
import ServiceDomain

// Audit scoring throughput on one core. Target from the ServiceAudit issue: score 100,000 audits of a 60-item template
// and report audits per second.

let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 100_000
let compliance = [
    ChoiceOption(id: "exceeds", label: "Exceeds", score: 3, result: .exceeds),
    ChoiceOption(id: "meets", label: "Meets", score: 2, result: .meets),
    ChoiceOption(id: "partly", label: "Partly", score: 1, result: .partly),
    ChoiceOption(id: "doesNotMeet", label: "Does not meet", score: 0, fails: true, result: .doesNotMeet),
]
// Six sections of ten items: choices, yes/no, ratings, numeric bands and a measurement, some critical, some N/A-able.
let sections = (0..<6).map { section in
    AuditSection(
        id: "S\(section)",
        title: "Section \(section)",
        weight: Double(section + 1),
        passMark: 50,
        items: (0..<10).map { index -> AuditItem in
            let id = "S\(section)-\(index)"
            switch index % 5 {
            case 0:
                return AuditItem(
                    id: id,
                    prompt: id,
                    kind: .singleChoice(options: [], responseSet: "compliance"),
                    weight: 2,
                    critical: index == 0
                )
            case 1: return AuditItem(id: id, prompt: id, kind: .yesNo(noFails: true), notApplicable: .allowed)
            case 2: return AuditItem(id: id, prompt: id, kind: .rating(minimum: 1, maximum: 5))
            case 3:
                return AuditItem(
                    id: id,
                    prompt: id,
                    kind: .numeric(bands: [
                        ScoreBand(lower: nil, upper: 10, score: 0, fails: true),
                        ScoreBand(lower: 10, upper: 20, score: 1),
                        ScoreBand(lower: 20, upper: nil, score: 2),
                    ])
                )
            default:
                return AuditItem(
                    id: id,
                    prompt: id,
                    kind: .measurement(
                        indicator: "serviceLevel",
                        bands: [
                            ScoreBand(lower: nil, upper: 0.8, score: 0, fails: true),
                            ScoreBand(lower: 0.8, upper: nil, score: 1),
                        ]
                    )
                )
            }
        }
    )
}
let template = AuditTemplate(
    id: "benchmark",
    version: SemanticVersion(1, 0, 0),
    title: "Benchmark",
    scoring: ScoringPolicy(passMark: 70, gates: .init(noDoesNotMeet: true)),
    responseSets: ["compliance": compliance],
    sections: sections
)
guard template.validate().isEmpty else { fatalError("the benchmark template is invalid") }

var rng = SeededGenerator(seed: 60)
let answerSets = (0..<1_000).map { _ in
    template.itemsWithPaths.compactMap { entry -> AuditAnswer? in
        let item = entry.item
        if Int.random(in: 0..<20, using: &rng) == 0 { return nil }  // about 5 % unanswered
        switch item.kind {
        case .singleChoice:
            return AuditAnswer(item: item.id, .choice(compliance[Int.random(in: 0..<4, using: &rng)].id))
        case .yesNo: return AuditAnswer(item: item.id, .yesNo(Int.random(in: 0..<10, using: &rng) > 0))
        case .rating: return AuditAnswer(item: item.id, .number(Double(Int.random(in: 1...5, using: &rng))))
        case .numeric: return AuditAnswer(item: item.id, .number(Double.random(in: 0..<30, using: &rng)))
        default: return AuditAnswer(item: item.id, .number(Double.random(in: 0.6..<1, using: &rng)))
        }
    }
}
print(
    "audit-benchmark: \(count) audits of a \(template.itemsWithPaths.count)-item template (1,000 distinct answer sets)"
)

let weighted = WeightedScoringRule(policy: template.scoring)
let validated = try ValidatedAuditTemplate(template)
func scoreAll(_ body: ([AuditAnswer]) throws -> AuditResult) rethrows -> Double {
    var sum = 0.0
    for index in 0..<count { sum += try body(answerSets[index % answerSets.count]).percent ?? 0 }
    return sum
}
try Benchmark("score an audit: weighted rule, validating each time", operations: count, runs: 3).run {
    try scoreAll { try weighted.score(template, answers: $0) }
}
try Benchmark("score an audit: weighted rule, validated once", operations: count, runs: 3).run {
    try scoreAll { try weighted.score(validated, answers: $0) }
}
let gated = GatedComplianceRule(policy: template.scoring)
try Benchmark("score an audit: gated-compliance rule, validated once", operations: count, runs: 3).run {
    try scoreAll { try gated.score(validated, answers: $0) }
}
let radar = RADARScoringRule(policy: template.scoring)
try Benchmark("score an audit: RADAR-style rule, validated once", operations: count, runs: 3).run {
    try scoreAll { try radar.score(validated, answers: $0) }
}
Benchmark("validate the template", operations: 10_000, runs: 3).run {
    var problems = 0
    for _ in 0..<10_000 { problems += template.validate().count }
    return Double(problems)
}
