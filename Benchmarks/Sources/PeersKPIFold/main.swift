import Foundation
import ServiceDomain
import ServiceMetrics

// The library's side of `Benchmarks/peers/run`'s `kpi-fold` workload: reads the generated input (CSV: channel,
// priority, created epoch seconds, first-reply seconds), builds one case per row (created, then an agent reply), and
// folds first-reply time grouped by channel × priority × UTC day, as the peers group their data frames. The fold is
// timed alone (the peers' timings exclude reading the file too): best of three, wall and process CPU time. The
// groups' count, mean, median and p90 go to the output CSV for the cross-check.
//
//     peers-kpi-fold input.csv groups.csv

func cpuSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

let arguments = CommandLine.arguments
guard arguments.count == 3, let text = try? String(contentsOfFile: arguments[1], encoding: .utf8) else {
    FileHandle.standardError.write(Data("usage: peers-kpi-fold input.csv groups.csv\n".utf8))
    exit(2)
}
var cases: [Case] = []
for (number, line) in text.split(whereSeparator: \.isNewline).dropFirst().enumerated() {
    let fields = line.split(separator: ",")
    guard fields.count == 4, let created = Double(fields[2]), let reply = Double(fields[3]) else {
        FileHandle.standardError.write(Data("peers-kpi-fold: line \(number + 2): expected 4 numbers\n".utf8))
        exit(1)
    }
    let at = Date(timeIntervalSince1970: created)
    cases.append(
        try Case(
            id: CaseID(String(number)),
            channel: Channel(String(fields[0])),
            priority: Priority(String(fields[1])),
            events: [
                CaseEvent(id: "c", at: at, kind: .created),
                CaseEvent(id: "r", at: at.addingTimeInterval(reply), kind: .agentReply(agent: nil)),
            ]
        )
    )
}
let dimensions: [GroupingDimension<Case>] = [.channel, .priority, .created(.day, in: .alwaysOpen)]
var best = (wall: Double.infinity, cpu: Double.infinity)
var state: GroupedState<DurationTally>?
for _ in 0..<3 {
    let wall = Date()
    let cpu = cpuSeconds()
    var accumulator = MetricAccumulator(FirstReplyTime(), by: dimensions)
    try accumulator.add(contentsOf: cases)
    best = (min(best.wall, Date().timeIntervalSince(wall)), min(best.cpu, cpuSeconds() - cpu))
    state = accumulator.state
}
var output = "channel,priority,day,count,mean,median,p90\n"
for (key, tally) in (state?.groups ?? [:]).sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
    let times = tally.times
    // The day bucket's label is the local date; the peers use the day number since 1970.
    let day = try LocalDate(key[2]).dayNumber
    let figures = [times.mean, times.median, times.p90].map { "\($0 ?? .nan)" }.joined(separator: ",")
    output += "\(key[0]),\(key[1]),\(day),\(times.count),\(figures)\n"
}
try output.write(toFile: arguments[2], atomically: true, encoding: .utf8)
print(
    String(
        format: "kpi-fold %d records: %.0f records/s (wall %.3f s, cpu %.3f s)",
        cases.count,
        Double(cases.count) / best.cpu,
        best.wall,
        best.cpu
    )
)
