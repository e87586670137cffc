import BenchmarkSupport
import Foundation
import ServiceDomain
import ServiceStandards

// Service-level policy evaluation throughput on one core.
// Target from the ServiceStandards issue: a policy of 4 rules × 4 targets on business hours, evaluated against
// 1 million generated cases of about 10 events each, at ≥ 1 million cases per second in release; compliance memory
// grows with the number of groups, not of cases.

let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 1_000_000
let london = try BusinessCalendar(
    timeZone: "Europe/London",
    weeklyHours: .weekdays([OpeningInterval("08:30", "12:30"), OpeningInterval("13:15", "17:00")]),
    holidays: [Holiday(LocalDate("2026-12-25")), Holiday(LocalDate("2026-12-28")), Holiday(LocalDate("2027-01-01"))]
)
let business = TargetClock.businessHours("london")
func targets(_ scale: Double) throws -> [TargetKind: ServiceTarget] {
    let priorities: [Priority: TimeInterval] = [.urgent: 3600, .high: 4 * 3600, .normal: 8 * 3600, .low: 16 * 3600]
    let scaled = priorities.mapValues { $0 * scale }
    return [
        .firstReply: try ServiceTarget(kind: .firstReply, clock: business, durations: scaled),
        .nextReply: try ServiceTarget(kind: .nextReply, clock: business, durations: scaled),
        .resolution: try ServiceTarget(
            kind: .resolution,
            clock: business,
            durations: scaled.mapValues { $0 * 5 },
            pausedStatuses: [.pending, .onHold]
        ),
        .requesterWait: try ServiceTarget(
            kind: .requesterWait,
            clock: business,
            durations: scaled.mapValues { $0 * 4 }
        ),
    ]
}
let policy = try ServiceLevelPolicy(
    id: "benchmark",
    rules: [
        .init(name: "Phone", when: .channel([.phone]), targets: try targets(0.5)),
        .init(name: "VIP", when: .segment(["gold"]), targets: try targets(0.75)),
        .init(name: "Complaints", when: .tag(["complaint"]), targets: try targets(1.5)),
        .init(name: "Everyone", targets: try targets(1)),
    ]
)
let evaluator = try PolicyEvaluator(policy: policy, calendars: ["london": london])

// Generate the cases: ~10 events each, December 2026, with replies, pending periods, solves and reopens.
let generationStart = ContinuousClock.now
let cases = try generatedCases(count: count)
let generation = ContinuousClock.now - generationStart
let eventCount = cases.reduce(0) { $0 + $1.events.count }
print(
    "standards-benchmark: \(count) cases, \(String(format: "%.1f", Double(eventCount) / Double(count))) events each"
        + " on average (generated in \(generation)); 4 rules × 4 targets on business hours (Europe/London)"
)
let now = Date(timeIntervalSince1970: 1_798_761_600)  // 2027-01-01T00:00Z: most cases resolved, some still running

let evaluateRate = try Benchmark("evaluate: a CaseEvaluation per case", operations: count, runs: 3).run {
    var outcomes = 0.0
    for item in cases { outcomes += Double(try evaluator.evaluate(item, at: now).outcomes.count) }
    return outcomes
}
let streamRate = try Benchmark("evaluate: each outcome visited, none collected", operations: count, runs: 3).run {
    var outcomes = 0.0
    for item in cases {
        try evaluator.evaluate(item, at: now) { outcome in outcomes += outcome.isWarning ? 2 : 1 }
    }
    return outcomes
}
// One case in ten has its priority raised one step a minute after creation (a triage), so its targets are applied
// twice: the general path, with the history of applications.
let raised: [Priority: Priority] = [.low: .normal, .normal: .high, .high: .urgent, .urgent: .high]
let triaged = try cases.enumerated().map { index, item -> Case in
    guard index % 10 == 0 else { return item }
    var events = item.events
    let triage = CaseEvent(
        id: "triage",
        at: item.createdAt.addingTimeInterval(60),
        kind: .priorityChanged(raised[item.priority] ?? .high)
    )
    events.insert(triage, at: events.firstIndex { $0.at > triage.at } ?? events.endIndex)
    return try Case(
        id: item.id,
        channel: item.channel,
        priority: item.priority,
        customer: item.customer,
        team: item.team,
        tags: item.tags,
        events: events
    )
}
let triagedRate = try Benchmark("evaluate: a CaseEvaluation per case, 10 % re-prioritised", operations: count, runs: 3)
    .run {
        var outcomes = 0.0
        for item in triaged { outcomes += Double(try evaluator.evaluate(item, at: now).outcomes.count) }
        return outcomes
    }
let dimensions: [CaseDimension] = [.priority, .channel, .created(.week, in: london)]
var summary = ComplianceSummary()
let foldRate = try Benchmark("fold into compliance by priority × channel × week", operations: count, runs: 3).run {
    var accumulator = ComplianceAccumulator(evaluator: evaluator, dimensions: dimensions)
    for item in cases { try accumulator.add(item, at: now) }
    summary = accumulator.summary
    return Double(accumulator.summary.caseCount)
}
let readRate = Benchmark("baseline: read the fields a policy needs", operations: count, runs: 3).run {
    var sum = 0.0
    for item in cases {
        sum += item.facts.createdAt.timeIntervalSince1970 + Double(item.facts.statusPeriods.count)
        sum += item.facts.firstAgentReplyAt?.timeIntervalSince1970 ?? 0
    }
    return sum
}
let overall = summary.overall
print("")
print("compliance groups: \(summary.groups.count) (memory grows with these, not with the \(count) cases)")
for kind in TargetKind.allCases {
    guard let tally = overall[kind], let rate = tally.complianceRate else { continue }
    print(
        "  \(kind.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)) compliance "
            + String(format: "%5.1f%%", rate * 100)
            + "  achieved \(tally.achieved)  breached \(tally.breached)  active \(tally.active)  paused \(tally.paused)"
    )
}
print(
    String(
        format: "streaming vs collecting: %.2f×   10 %% re-prioritised vs none: %.2f×   fold vs evaluate: %.2f×   "
            + "evaluate vs reading fields: %.1f× slower",
        streamRate / evaluateRate,
        triagedRate / evaluateRate,
        foldRate / evaluateRate,
        readRate / evaluateRate
    )
)
