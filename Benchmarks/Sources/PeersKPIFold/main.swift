import Foundation
import ServiceDomain
import ServiceMetrics

// The library's side of `Benchmarks/peers/run`'s `kpi-fold` workload: reads the generated input (CSV: channel,
// priority, created epoch seconds, first-reply seconds), makes one case per row (created, then an agent reply) and
// appends it to a `CaseBatch` (the case itself is not kept), then folds first-reply time grouped by channel ×
// priority × UTC day with `BatchAccumulator`, as the peers group their data frames. Reading and making the batch are
// not timed (the peers' timings exclude reading the file into a frame too). Best of three, wall and process CPU time:
//
//     ours        BatchAccumulator, one thread
//     ours-2      BatchAccumulator, the rows split over two threads
//     bare        a plain loop over arrays with the same sketch and integer keys (the bound the issue sets: ours
//                 within 1.5× of it)
//     records     MetricAccumulator over the cases themselves, the record-by-record path (with PEERS_KPI_CHECK=1)
//
// The groups' count, mean, median and p90 go to the output CSV for the cross-check, and the program checks that the
// one-thread and two-thread states and the record fold's state are equal.
//
//     peers-kpi-fold input.csv groups.csv

nonisolated(unsafe) var profileOnly: String?

func cpuSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("peers-kpi-fold: \(message)\n".utf8))
    exit(1)
}

func timed(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
    var best = (wall: Double.infinity, cpu: Double.infinity)
    for _ in 0..<3 {
        let wall = Date()
        let cpu = cpuSeconds()
        try body()
        best = (min(best.wall, Date().timeIntervalSince(wall)), min(best.cpu, cpuSeconds() - cpu))
    }
    return best
}

let arguments = CommandLine.arguments
// `PEERS_KPI_ONLY=bare` (or `ours`) runs only that loop, ten times, for a profiler.
if let only = ProcessInfo.processInfo.environment["PEERS_KPI_ONLY"] { profileOnly = only }
guard arguments.count == 3, let text = try? String(contentsOfFile: arguments[1], encoding: .utf8) else {
    FileHandle.standardError.write(Data("usage: peers-kpi-fold input.csv groups.csv\n".utf8))
    exit(2)
}
let dimensions: [GroupingDimension<Case>] = [.channel, .priority, .created(.day, in: .alwaysOpen)]
var batch = CaseBatch()
var cases: [Case] = []
var bareChannel: [Int] = []
var barePriority: [Int] = []
var bareCreated: [Double] = []
var bareReply: [Double] = []
var channelCodes: [Substring: Int] = [:]
var priorityCodes: [Substring: Int] = [:]
let lines = text.split(whereSeparator: \.isNewline).dropFirst()
// The record-by-record fold, and the check that it gives the very state the batch fold gives, with
// `PEERS_KPI_CHECK=1` (slow: it keeps every case).
let keepCases = ProcessInfo.processInfo.environment["PEERS_KPI_CHECK"] == "1"
for (number, line) in lines.enumerated() {
    let fields = line.split(separator: ",")
    guard fields.count == 4, let created = Double(fields[2]), let reply = Double(fields[3]) else {
        fail("line \(number + 2): expected 4 numbers")
    }
    let at = Date(timeIntervalSince1970: created)
    let record = try Case(
        id: CaseID(String(number)),
        channel: Channel(String(fields[0])),
        priority: Priority(String(fields[1])),
        events: [
            CaseEvent(id: "c", at: at, kind: .created),
            CaseEvent(id: "r", at: at.addingTimeInterval(reply), kind: .agentReply(agent: nil)),
        ]
    )
    try batch.append(record)
    if keepCases { cases.append(record) }
    bareChannel.append(channelCodes[fields[0], default: channelCodes.count])
    channelCodes[fields[0]] = bareChannel.last
    barePriority.append(priorityCodes[fields[1], default: priorityCodes.count])
    priorityCodes[fields[1]] = barePriority.last
    bareCreated.append(at.timeIntervalSinceReferenceDate)
    bareReply.append(at.addingTimeInterval(reply).timeIntervalSinceReferenceDate)
}
let rows = batch.count
// The bare loop: the day from the epoch seconds by division (UTC), a flat array of tallies by integer key.
let shift = Date.timeIntervalBetween1970AndReferenceDate
let firstDay = Int(((bareCreated.min() ?? 0) + shift) / 86_400)
let days = Int(((bareCreated.max() ?? 0) + shift) / 86_400) - firstDay + 1
@MainActor func bareFold() throws -> [Distribution] {
    var states = Array(repeating: Distribution(), count: channelCodes.count * priorityCodes.count * days)
    for row in 0..<rows {
        let day = Int(((bareCreated[row] + shift) / 86_400).rounded(.down)) - firstDay
        let key = (bareChannel[row] * priorityCodes.count + barePriority[row]) * days + day
        try states[key].add(bareReply[row] - bareCreated[row])
    }
    return states
}
@MainActor func batchFold(concurrency: Int) throws -> BatchAccumulator<FirstReplyTime> {
    var accumulator = BatchAccumulator(FirstReplyTime(), by: dimensions)
    try accumulator.add(batch, concurrency: concurrency)
    return accumulator
}
if let only = profileOnly {
    let started = cpuSeconds()
    var fastest = Double.infinity
    for _ in 0..<40 {
        let fold = cpuSeconds()
        if only == "bare" {
            if try bareFold().isEmpty { print(0) }
        } else {
            if try batchFold(concurrency: 1).results.isEmpty { print(0) }
        }
        fastest = min(fastest, cpuSeconds() - fold)
    }
    print("cpu per fold", (cpuSeconds() - started) / 40, "fastest", fastest)
    exit(0)
}

var single = BatchAccumulator(FirstReplyTime(), by: dimensions)
let ours = try timed { single = try batchFold(concurrency: 1) }
var double = BatchAccumulator(FirstReplyTime(), by: dimensions)
let ours2 = try timed { double = try batchFold(concurrency: 2) }
var bareStates: [Distribution] = []
let bare = try timed { bareStates = try bareFold() }
var records: (wall: Double, cpu: Double)?
if keepCases {
    var accumulator = MetricAccumulator(FirstReplyTime(), by: dimensions)
    records = try timed {
        accumulator = MetricAccumulator(FirstReplyTime(), by: dimensions)
        try accumulator.add(contentsOf: cases)
    }
    guard accumulator.state.groups == single.state.groups else { fail("the batch fold differs from the record fold") }
}
let state = single.state
guard double.state.groups.mapValues(\.times.count) == state.groups.mapValues(\.times.count),
    double.state.groups.mapValues(\.times.binCount) == state.groups.mapValues(\.times.binCount)
else { fail("the two-thread fold differs from the one-thread fold") }
guard bareStates.reduce(0, { $0 + $1.count }) == rows else { fail("the bare loop lost rows") }

var output = "channel,priority,day,count,mean,median,p90\n"
for (key, tally) in state.groups.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
    let times = tally.times
    // The day bucket's label is the local date; the peers use the day number since 1970.
    let day = try LocalDate(key[2]).dayNumber
    let figures = [times.mean, times.median, times.p90].map { "\($0 ?? .nan)" }.joined(separator: ",")
    output += "\(key[0]),\(key[1]),\(day),\(times.count),\(figures)\n"
}
try output.write(toFile: arguments[2], atomically: true, encoding: .utf8)
func line(_ name: String, _ time: (wall: Double, cpu: Double)) -> String {
    String(
        format: "%@ %d records: %.0f records/s (wall %.3f s, cpu %.3f s, %.0f records/s by wall)",
        name,
        rows,
        Double(rows) / time.cpu,
        time.wall,
        time.cpu,
        Double(rows) / time.wall
    )
}
print(line("kpi-fold", ours))
print(line("kpi-fold-2-threads", ours2))
print(line("kpi-fold-bare-loop", bare))
if let records { print(line("kpi-fold-records", records)) }
