import Foundation
import ServiceMetrics

// The library's side of `Benchmarks/peers/run`'s `erlang-c-intervals` and `erlang-c-20000` workloads: reads intervals
// (CSV: calls per hour, average handle time in seconds) and staffs each with `StaffingPlanner` (Erlang C, 80 % within
// 20 s, occupancy at most 85 %, shrinkage 30 %), as call-center-tools' `calc_staffing` does. Best of three (of
// `repeats` passes for short inputs), wall and process CPU time; the agents of each interval go to the output. With a
// patience in seconds as third argument the model is Erlang A (the `erlang-a-intervals` and `erlang-a-20000`
// workloads, which no offline peer runs).
//
//     peers-erlang-c input.csv agents.csv [patience]

func cpuSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

let arguments = CommandLine.arguments
guard (3...4).contains(arguments.count), let text = try? String(contentsOfFile: arguments[1], encoding: .utf8),
    arguments.count == 3 || Double(arguments[3]) != nil
else {
    FileHandle.standardError.write(Data("usage: peers-erlang-c input.csv agents.csv [patience]\n".utf8))
    exit(2)
}
let patience = arguments.count == 4 ? Double(arguments[3]) : nil
let loads = try text.split(whereSeparator: \.isNewline).dropFirst().map { line in
    let fields = line.split(separator: ",").compactMap { Double($0) }
    return try QueueLoad(arrivals: fields[0], per: 3_600, averageHandleTime: fields[1])
}
let planner = StaffingPlanner(
    model: patience.map { .erlangA(averagePatience: $0) } ?? .erlangC,
    targets: try StaffingTargets(
        serviceLevel: (0.8, try ServiceLevelDefinition(answeredWithin: 20, convention: .abandonedInDenominator)),
        maximumOccupancy: 0.85,
        shrinkage: 0.3
    )
)
let repeats = max(1, (patience == nil ? 20_000 : 200) / max(loads.count, 1))
var best = (wall: Double.infinity, cpu: Double.infinity)
var staffing: [IntervalStaffing] = []
for _ in 0..<3 {
    let wall = Date()
    let cpu = cpuSeconds()
    for _ in 0..<repeats { staffing = try loads.map { try planner.staff($0) } }
    best = (min(best.wall, Date().timeIntervalSince(wall)), min(best.cpu, cpuSeconds() - cpu))
}
let output = "agents,scheduled\n" + staffing.map { "\($0.agents),\($0.scheduledAgents)\n" }.joined()
try output.write(toFile: arguments[2], atomically: true, encoding: .utf8)
let count = Double(loads.count * repeats)
print(
    (patience == nil ? "erlang-c" : "erlang-a")
        + String(
            format:
                " %d intervals: %.0f intervals/s (wall %.6f s, cpu %.6f s per interval, %.0f intervals/s by wall)",
            loads.count,
            count / best.cpu,
            best.wall / count,
            best.cpu / count,
            count / best.wall
        )
)
