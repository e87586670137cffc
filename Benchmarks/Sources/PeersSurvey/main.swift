import Foundation
import ServiceSatisfaction

// The library's side of `Benchmarks/peers/run`'s `survey-10m` and `survey-weighted-10m` workloads: reads the
// generated answers (CSV: segment, nps 0–10, csat 1–5, weight) into two `ResponseBatch`es (not timed, as the peers
// read their arrays untimed), then scores them by segment with `SegmentedTally`: per segment the weight at each point,
// the NPS with its adjusted-Wald interval, and the CSAT favourable share (4–5) with Wilson and Clopper–Pearson
// intervals, all at 95 %. Best of three, wall and process CPU time; answers/s counts both questions' answers.
//
//     peers-survey input.csv scores.csv [weighted]

func cpuSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("peers-survey: \(message)\n".utf8))
    exit(1)
}

let arguments = CommandLine.arguments
guard arguments.count >= 3, let data = FileManager.default.contents(atPath: arguments[1]) else {
    FileHandle.standardError.write(Data("usage: peers-survey input.csv scores.csv [weighted]\n".utf8))
    exit(2)
}
let weighted = arguments.count > 3 && arguments[3] == "weighted"
var nps = ResponseBatch(scale: .netPromoter)
var csat = ResponseBatch(scale: .satisfaction5)
// A plain byte scanner: four comma-separated fields per line after the header.
try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
    var position = 0
    while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
    position += 1
    var line = 2
    while position < bytes.count {
        var fields: [Substring] = []
        var start = position
        while position < bytes.count, bytes[position] != UInt8(ascii: "\n") {
            if bytes[position] == UInt8(ascii: ",") {
                fields.append(Substring(decoding: bytes[start..<position], as: UTF8.self))
                start = position + 1
            }
            position += 1
        }
        fields.append(Substring(decoding: bytes[start..<position], as: UTF8.self))
        position += 1
        guard fields.count == 4, let promoter = Double(fields[1]), let satisfied = Double(fields[2]),
            let weight = Double(fields[3])
        else { fail("line \(line): expected segment,nps,csat,weight") }
        let segment = String(fields[0])
        try nps.append(score: promoter, weight: weighted ? weight : 1, segment: segment)
        try csat.append(score: satisfied, weight: weighted ? weight : 1, segment: segment)
        line += 1
    }
}

struct Scores {
    var nps: SegmentedTally
    var csat: SegmentedTally
    var rows: [(segment: String, nps: Estimate, wilson: Estimate, clopperPearson: Estimate)]
}

func score(_ nps: ResponseBatch, _ csat: ResponseBatch) throws -> Scores {
    var byNPS = SegmentedTally(scale: .netPromoter)
    var byCSAT = SegmentedTally(scale: .satisfaction5)
    try byNPS.add(nps)
    try byCSAT.add(csat)
    var rows: [(String, Estimate, Estimate, Estimate)] = []
    for segment in byNPS.segments.keys.sorted() {
        guard let promoters = byNPS.segments[segment], let satisfied = byCSAT.segments[segment] else { continue }
        rows.append(
            (
                segment, try promoters.netPromoterScore(method: .adjustedWald),
                try satisfied.favourableShare(method: .wilson),
                try satisfied.favourableShare(method: .clopperPearson)
            )
        )
    }
    return Scores(nps: byNPS, csat: byCSAT, rows: rows)
}

var best = (wall: Double.infinity, cpu: Double.infinity)
var result: Scores?
for _ in 0..<3 {
    let wall = Date()
    let cpu = cpuSeconds()
    result = try score(nps, csat)
    best = (min(best.wall, Date().timeIntervalSince(wall)), min(best.cpu, cpuSeconds() - cpu))
}
guard let result else { fail("no result") }
var output = "segment,count,nps,nps_low,nps_high,csat,wilson_low,wilson_high,cp_low,cp_high,nps_weights,csat_weights\n"
for row in result.rows {
    let promoters = result.nps.segments[row.segment]
    let satisfied = result.csat.segments[row.segment]
    let figures = [
        row.nps.value, row.nps.interval?.lower, row.nps.interval?.upper, row.wilson.value, row.wilson.interval?.lower,
        row.wilson.interval?.upper, row.clopperPearson.interval?.lower, row.clopperPearson.interval?.upper,
    ].map { "\($0 ?? .nan)" }
    let weights = [promoters?.weights ?? [], satisfied?.weights ?? []].map { $0.map { "\($0)" }.joined(separator: " ") }
    output +=
        "\(row.segment),\(promoters?.count ?? 0),\(figures.joined(separator: ",")),\(weights.joined(separator: ","))\n"
}
try output.write(toFile: arguments[2], atomically: true, encoding: .utf8)
let answers = Double(nps.count + csat.count)
print(
    String(
        format: "%@ %d answers: %.0f answers/s (wall %.3f s, cpu %.3f s, %.0f answers/s by wall)",
        weighted ? "survey-weighted" : "survey",
        nps.count + csat.count,
        answers / best.cpu,
        best.wall,
        best.cpu,
        answers / best.wall
    )
)
