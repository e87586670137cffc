import BenchmarkSupport
import Foundation
import ServiceDomain
import ServiceMetrics

// ServiceMetrics throughput on one core: KPIs folded over generated cases and contacts, grouped and bucketed; the
// quantile sketch; shard merges; and capacity planning with Erlang C and A. Memory for every aggregate grows with
// the number of groups (and the sketch's bounded bins), never with the number of records.

let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 1_000_000
let generationStart = ContinuousClock.now
let cases = try generatedCases(count: count)
var rng = SeededGenerator(seed: 7)
let start = 1_796_083_200.0
var contacts: [Contact] = []
contacts.reserveCapacity(count)
for index in 0..<count {
    let offered = Date(timeIntervalSince1970: start + Double.random(in: 0..<(25 * 86_400), using: &rng).rounded())
    let wait = (exp(Double.random(in: 0..<6, using: &rng)) - 1).rounded()
    let outcome: Contact.Outcome
    let talk: Double
    switch index % 10 {
    case 0: (outcome, talk) = (.abandoned(at: offered.addingTimeInterval(wait)), 0)
    default:
        (outcome, talk) = (
            .answered(at: offered.addingTimeInterval(wait), agent: AgentID("A-\(index % 40)")),
            Double.random(in: 30...900, using: &rng).rounded()
        )
    }
    contacts.append(
        try Contact(
            id: ContactID("K-\(index)"),
            channel: index % 3 == 0 ? .chat : .phone,
            queue: ["billing", "support", "sales"][index % 3],
            offeredAt: offered,
            outcome: outcome,
            talkTime: talk,
            wrapUpTime: talk > 0 ? 30 : 0
        )
    )
}
print("metrics-benchmark: \(count) cases and \(count) contacts (generated in \(ContinuousClock.now - generationStart))")

let london = try BusinessCalendar(timeZone: "Europe/London", weeklyHours: .weekdays(9, 17))
let week = GroupingDimension<Case>.created(.week, in: london)
let hour = try GroupingDimension<Contact>.offered(.hour, timeZone: "Europe/London")

func fold<M: Metric>(_ metric: M, _ records: [M.Record], by dimensions: [GroupingDimension<M.Record>]) throws -> Double
{
    var accumulator = MetricAccumulator(metric, by: dimensions)
    for record in records { try accumulator.add(record) }
    return Double(accumulator.state.groups.count)
}

let frtRate = try Benchmark("first reply time, calendar, ungrouped", operations: count, runs: 3).run {
    try fold(FirstReplyTime(), cases, by: [])
}
try Benchmark("first reply time, business hours, by channel × week", operations: count, runs: 3).run {
    try fold(FirstReplyTime(clock: .business(london)), cases, by: [.channel, week])
}
try Benchmark("first-contact resolution, by priority", operations: count, runs: 3).run {
    try fold(CaseRate.firstContactResolution, cases, by: [.priority])
}
let slRate = try Benchmark("service level 20 s, by queue", operations: count, runs: 3).run {
    try fold(try ServiceLevel(threshold: 20, convention: .abandonedInDenominator), contacts, by: [.queue])
}
try Benchmark("service level 20 s, by queue × local hour", operations: count, runs: 3).run {
    try fold(try ServiceLevel(threshold: 20, convention: .abandonedInDenominator), contacts, by: [.queue, hour])
}
try Benchmark("speed of answer (sketch), by agent", operations: count, runs: 3).run {
    try fold(SpeedOfAnswer(), contacts, by: [.agent])
}
let values = contacts.map { $0.handleTime }
let sketchRate = try Benchmark("sketch: add one value", operations: count, runs: 3).run {
    var distribution = Distribution()
    for value in values { try distribution.add(value) }
    return distribution.p99 ?? 0
}
// Eight shards of the contacts' speed of answer, merged: the cost of combining partial results.
var shards: [GroupedState<Distribution>] = []
for shard in 0..<8 {
    var accumulator = MetricAccumulator(SpeedOfAnswer(), by: [.agent])
    for index in stride(from: shard, to: contacts.count, by: 8) { try accumulator.add(contacts[index]) }
    shards.append(accumulator.state)
}
try Benchmark("merge 8 shards of 40 agents' sketches", operations: 1_000, runs: 3).run {
    var total = 0.0
    for _ in 0..<1_000 {
        var merged = GroupedState<Distribution>(dimensions: ["agent"])
        for shard in shards { try merged.merge(shard) }
        total += Double(merged.groups.count)
    }
    return total
}

// Capacity planning: a day of 48 half-hour intervals, peaking at 2 000 calls per interval (about 267 Erlangs).
let day = try (0..<48).map { index -> IntervalForecast in
    let shape = max(0, sin(Double(index - 14) / 34 * .pi))
    return try IntervalForecast(
        start: Date(timeIntervalSince1970: start + Double(index) * 1_800),
        length: 1_800,
        arrivals: 2_000 * shape,
        averageHandleTime: 240
    )
}
let within20 = try ServiceLevelDefinition(answeredWithin: 20, convention: .abandonedInDenominator)
let targets = try StaffingTargets(serviceLevel: (0.8, within20), maximumOccupancy: 0.9, shrinkage: 0.3)
var peak = 0
try Benchmark("staffing plan, Erlang C, 48 intervals (day)", operations: 1, runs: 3).run {
    let plan = try StaffingPlanner(model: .erlangC, targets: targets).plan(day)
    peak = plan.peakScheduledAgents
    return plan.scheduledAgentHours
}
var peakA = 0
try Benchmark("staffing plan, Erlang A (patience 60 s), 48 intervals", operations: 1, runs: 3).run {
    let plan = try StaffingPlanner(model: .erlangA(averagePatience: 60), targets: targets).plan(day)
    peakA = plan.peakScheduledAgents
    return plan.scheduledAgentHours
}
let large = try QueueLoad(arrivalRate: 100, averageHandleTime: 200)  // 20 000 Erlangs
try Benchmark("Erlang C at 20 000 Erlangs, one staffing search", operations: 1, runs: 3).run {
    Double(try StaffingPlanner(model: .erlangC, targets: targets).staff(large).agents)
}
print("")
print("peak scheduled agents: Erlang C \(peak), Erlang A \(peakA)")
print(
    String(
        format: "service level vs first reply time fold: %.2f×   sketch add vs SL fold: %.2f×",
        slRate / frtRate,
        sketchRate / slRate
    )
)
