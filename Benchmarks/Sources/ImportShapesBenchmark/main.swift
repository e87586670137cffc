import CustomerServiceKit
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Import throughput and peak memory per shape, on generated files in the layouts of the shipped presets:
//     swift run -c release --package-path Benchmarks import-shapes-benchmark generate DIR [ROWS] [--tickets-bytes N]
//     swift run -c release --package-path Benchmarks import-shapes-benchmark SHAPE FILE
// SHAPE is tickets (zendesk-csv-export, streamed with keepFirst: nothing kept but the identifiers), tickets-unchecked
// (the same with identifiers not checked for repeats: nothing kept at all), events-grouped (the built-in event
// mapping with rowsGroupedByCase, streamed: one case open at a time), events (the
// built-in event-per-row mapping, every case held to the end), contacts (five9-call-log) or surveys
// (qualtrics-responses). One shape per process, so that the peak resident set printed is that shape's.
// Benchmarks/import-shapes.sh runs all of them.

let arguments = Array(CommandLine.arguments.dropFirst())

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("import-shapes-benchmark: \(message)\n".utf8))
    exit(2)
}

/// Peak resident set in MiB and CPU seconds (user + system) of this process so far.
func usage() -> (peakMiB: Double, cpu: Double) {
    var usage = rusage()
    #if canImport(Glibc)
        getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
        getrusage(RUSAGE_SELF, &usage)
    #endif
    let cpu =
        Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
        + Double(usage.ru_stime.tv_usec) / 1e6
    #if canImport(Darwin)
        return (Double(usage.ru_maxrss) / 1_048_576, cpu)
    #else
        return (Double(usage.ru_maxrss) / 1_024, cpu)
    #endif
}

/// Writes lines to a file through a 4 MiB buffer.
struct LineWriter {
    let handle: FileHandle
    var buffer: [UInt8] = []
    private(set) var written = 0

    init(_ path: String) {
        FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else { fail("cannot write \(path)") }
        self.handle = handle
        buffer.reserveCapacity(1 << 22)
    }

    mutating func line(_ text: String) {
        buffer += text.utf8
        buffer.append(10)
        if buffer.count >= 1 << 22 { flush() }
    }

    mutating func flush() {
        handle.write(Data(buffer))
        written += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }
}

func pad(_ value: Int, _ width: Int = 2) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
}

/// A wall time `minutes` after 2026-01-05 00:00 as `yyyy-MM-dd HH:mm:ss` (30-day months are enough for a benchmark:
/// the generator keeps to days 1–28).
func stamp(_ minutes: Int, separator: String = "-", offset: String = "") -> String {
    let day = minutes / 1_440
    let month = 1 + (day / 28) % 12
    let year = 2026 + day / 336
    let text =
        "\(year)\(separator)\(pad(month))\(separator)\(pad(1 + day % 28)) \(pad(minutes / 60 % 24)):\(pad(minutes % 60)):00"
    return offset.isEmpty ? text : text + " " + offset
}

func generate(directory: String, rows: Int, ticketBytes: Int?) {
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let priorities = ["Low", "Normal", "High", "Urgent"]
    let vias = ["Email", "Web Form", "Chat", "Phone call (inbound)"]
    let statuses = ["Solved", "Closed", "Pending", "Open"]
    // Tickets in the Zendesk export's layout; with --tickets-bytes, as many rows as fill that many bytes.
    var tickets = LineWriter(directory + "/tickets.csv")
    tickets.line(
        "Id,Requester id,Assignee,Group,Subject,Tags,Status,Priority,Via,Created at,Updated at,Solved at,Reopens,"
            + "First reply time in minutes,Full resolution time in minutes"
    )
    var index = 0
    while ticketBytes.map({ tickets.written + tickets.buffer.count < $0 }) ?? (index < rows) {
        let created = index % 400_000
        let status = statuses[index % 4]
        let solved = status == "Solved" || status == "Closed"
        tickets.line(
            "\(100_000 + index),U\(index % 9_973),Agent \(index % 40),Group \(index % 6),\"Question \(index), about a bill\","
                + "billing tier_\(index % 3),\(status),\(priorities[index % 4]),\(vias[index % 4]),"
                + "\(stamp(created, offset: "+0000")),\(stamp(created + 200, offset: "+0000")),"
                + (solved ? stamp(created + 180, offset: "+0000") : "") + ",\(index % 5 == 0 ? 1 : 0),"
                + "\(15 + index % 90),\(solved ? "180" : "")"
        )
        index += 1
    }
    tickets.flush()
    // Events in the built-in event-per-row layout: cases of five events each.
    var events = LineWriter(directory + "/events.csv")
    events.line("case_id,event_id,at,type,status,agent,team,channel,priority,customer_id,customer_role,segments,tags")
    for row in 0..<rows {
        let number = row / 5
        let step = row % 5
        let base = number % 400_000
        let type = ["created", "agentReply", "statusChanged", "customerReply", "statusChanged"][step]
        let status = step == 2 ? "pending" : step == 4 ? "solved" : ""
        let at = stamp(base + step * 30).replacingOccurrences(of: " ", with: "T") + "Z"
        events.line(
            "C-\(number),e\(step),\(at),\(type),\(status),A-\(number % 40),billing,email,normal,K-\(number % 997),"
                + "consumer,standard,uk"
        )
    }
    events.flush()
    // Calls in Five9's call-log layout.
    var calls = LineWriter(directory + "/calls.csv")
    calls.line(
        "CALL ID,DATE,TIME,CAMPAIGN,SKILL,CALL TYPE,AGENT,DISPOSITION,QUEUE WAIT TIME,TALK TIME,HOLD TIME,"
            + "AFTER CALL WORK TIME,ABANDONED"
    )
    for row in 0..<rows {
        let abandoned = row % 9 == 8
        let minute = row % 400_000
        let day = stamp(minute, separator: "/")
        let parts = day.split(separator: " ")
        calls.line(
            "\(30_000_000 + row),\(parts[0]),\(parts[1]),Inbound,Skill \(row % 5),Inbound,"
                + (abandoned ? "" : "agent\(row % 60)@acme.com") + ",\(abandoned ? "Abandon" : "Resolved"),"
                + "0:00:\(pad(10 + row % 50)),0:0\(abandoned ? 0 : 3):\(abandoned ? "00" : pad(row % 60)),0:00:00,0:00:\(abandoned ? "00" : "45"),"
                + (abandoned ? "1" : "0")
        )
    }
    calls.flush()
    // Responses in Qualtrics' layout: three header rows, NPS, CSAT and CES per row.
    var responses = LineWriter(directory + "/responses.csv")
    responses.line("StartDate,EndDate,RecordedDate,ResponseId,ExternalReference,DistributionChannel,Q1,Q2,Q3")
    responses.line(
        "Start Date,End Date,Recorded Date,Response ID,External Data Reference,Distribution Channel,NPS,CSAT,CES"
    )
    responses.line(
        #""{""ImportId"":""startDate""}","{""ImportId"":""endDate""}","{""ImportId"":""recordedDate""}","{""ImportId"":""_recordId""}","{""ImportId"":""externalDataReference""}","{""ImportId"":""distributionChannel""}","{""ImportId"":""QID1""}","{""ImportId"":""QID2""}","{""ImportId"":""QID3""}""#
    )
    for row in 0..<rows {
        let minute = row % 400_000
        responses.line(
            "\(stamp(minute)),\(stamp(minute + 3)),\(stamp(minute + 3)),R_\(row),\(100_000 + row),email,"
                + "\(row % 11),\(1 + row % 5),\(row % 4 == 3 ? "" : String(1 + row % 5))"
        )
    }
    responses.flush()
    print(
        "import-shapes-benchmark: wrote tickets (\(index) rows, \(tickets.written) bytes), events, calls, responses "
            + "(\(rows) rows each) to \(directory)"
    )
}

func measure(_ shape: String, _ path: String) throws {
    let url = URL(fileURLWithPath: path)
    let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    let clock = ContinuousClock()
    let start = clock.now
    let cpuStart = usage().cpu
    var records = 0
    var summary: ImportSummary
    switch shape {
    case "tickets", "tickets-unchecked":
        var mapping = try ImportPreset.named("zendesk-csv-export").caseMapping()
        mapping.duplicateIDs = shape == "tickets" ? .keepFirst : .unchecked
        let reader = try CSVReader(contentsOf: url, dialect: mapping.dialect)
        var problems = 0
        summary = try mapping.streamCases(
            from: reader,
            problem: { _ in problems += 1 },
            case: { item in records += item.events.count }
        )
    case "events":
        let result = try CaseCSVMapping.eventPerRow.importCases(contentsOf: url)
        records = result.cases.count
        summary = result.summary
    case "events-grouped":
        var mapping = CaseCSVMapping.eventPerRow
        mapping.rowsGroupedByCase = true
        let reader = try CSVReader(contentsOf: url, dialect: mapping.dialect)
        var problems = 0
        summary = try mapping.streamCases(
            from: reader,
            problem: { _ in problems += 1 },
            case: { _ in records += 1 }
        )
    case "contacts":
        var mapping = try ImportPreset.named("five9-call-log").contactMapping()
        mapping.timestamps = .pattern("yyyy/MM/dd HH:mm:ss", timeZone: "America/New_York")
        let result = try mapping.importContacts(contentsOf: url)
        records = result.contacts.count
        summary = result.summary
    case "surveys":
        let mapping = try SurveyCSVMapping(preset: ImportPreset.named("qualtrics-responses"))
        let result = try mapping.importSurvey(
            contentsOf: url,
            scales: ["nps": .netPromoter, "csat": .satisfaction5, "ces": .effort5]
        )
        records = result.answers.count
        summary = result.summary
    case "surveys-batches", "surveys-batches-unchecked":
        var mapping = try SurveyCSVMapping(preset: ImportPreset.named("qualtrics-responses"))
        if shape == "surveys-batches-unchecked" { mapping.duplicateIDs = .unchecked }
        let result = try mapping.importBatches(
            contentsOf: url,
            scales: ["nps": .netPromoter, "csat": .satisfaction5, "ces": .effort5]
        )
        records = result.batches.values.reduce(0) { $0 + $1.count }
        summary = result.summary
    default:
        fail("unknown shape \(shape); expected tickets, events, contacts, surveys or surveys-batches")
    }
    let wall =
        Double((clock.now - start).components.attoseconds) / 1e18 + Double((clock.now - start).components.seconds)
    let (peak, cpuEnd) = usage()
    let cpu = cpuEnd - cpuStart
    guard summary.isBalanced else { fail("\(shape): the accounting does not add up: \(summary)") }
    print(
        String(
            format:
                "%@ | %d rows, %.0f MB | %.0f rows/s wall (%.2f s), %.0f rows/s CPU (%.2f s) | %.1f MB/s | peak RSS %.0f MiB | %d records, %d left out",
            shape,
            summary.rowsRead,
            Double(bytes) / 1e6,
            Double(summary.rowsRead) / wall,
            wall,
            Double(summary.rowsRead) / cpu,
            cpu,
            Double(bytes) / 1e6 / wall,
            peak,
            records,
            summary.rowsRejected
        )
    )
}

switch arguments.first {
case "generate":
    guard arguments.count >= 2 else { fail("generate DIR [ROWS] [--tickets-bytes N]") }
    var rows = 1_000_000
    var ticketBytes: Int?
    var rest = arguments.dropFirst(2)
    while let next = rest.popFirst() {
        if next == "--tickets-bytes", let value = rest.popFirst().flatMap({ Int($0) }) {
            ticketBytes = value
        } else if let value = Int(next) {
            rows = value
        } else {
            fail("unexpected \(next)")
        }
    }
    generate(directory: arguments[1], rows: rows, ticketBytes: ticketBytes)
case let shape?:
    guard arguments.count == 2 else { fail("SHAPE FILE") }
    do {
        try measure(shape, arguments[1])
    } catch {
        fail("\(error)")
    }
case nil:
    fail("usage: generate DIR [ROWS] [--tickets-bytes N] | SHAPE FILE")
}
