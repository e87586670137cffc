import Foundation
import ServiceDomain
import Testing

@testable import ServiceMetrics

/// A random valid case anywhere in 2019–2031 (so across many daylight-saving changes), with fractional-second
/// instants, a team, a customer with segments, priority changes and reassignments, replies, solves and reopens.
private func wideCase(_ number: Int, using rng: inout SeededGenerator) throws -> Case {
    var t = 1_546_300_800.0 + Double.random(in: 0..<(12 * 365 * 86_400), using: &rng)
    var events = [CaseEvent(id: "0", at: Date(timeIntervalSince1970: t), kind: .created)]
    var status = CaseStatus.new
    let teams: [TeamID?] = [nil, "billing", "tier2", "field"]
    for index in 1..<Int.random(in: 1...10, using: &rng) {
        t += Double.random(in: 0.5...90_000, using: &rng)
        let kind: CaseEvent.Kind
        switch (status.isResolved, Int.random(in: 0..<8, using: &rng)) {
        case (true, 0...2): kind = .reopened
        case (true, _): kind = .customerReply
        case (false, 0), (false, 1): kind = .agentReply(agent: nil)
        case (false, 2): kind = .priorityChanged([Priority.high, .low].randomElement(using: &rng) ?? .high)
        case (false, 3): kind = .assigned(agent: nil, team: teams.randomElement(using: &rng) ?? nil)
        case (false, 4): kind = .statusChanged(.pending)
        case (false, 5): kind = .internalNote(agent: nil)
        default: kind = .statusChanged(Bool.random(using: &rng) ? .solved : .closed)
        }
        if case .statusChanged(let next) = kind { status = next }
        if case .reopened = kind { status = .open }
        events.append(CaseEvent(id: CaseEventID(String(index)), at: Date(timeIntervalSince1970: t), kind: kind))
    }
    let segments = [[], ["gold"], ["business", "gold"], ["public"]].randomElement(using: &rng) ?? []
    let customer =
        Bool.random(using: &rng)
        ? try Customer(
            id: CustomerID("K-\(number % 50)"),
            role: [CustomerRole.consumer, .employee].randomElement(using: &rng) ?? .consumer,
            segments: Set(segments)
        ) : nil
    return try Case(
        id: CaseID("C-\(number)"),
        channel: [Channel.email, .phone, .chat, .webForm].randomElement(using: &rng) ?? .email,
        priority: [Priority.high, .urgent, .normal, .low].randomElement(using: &rng) ?? .normal,
        customer: customer,
        team: teams.randomElement(using: &rng) ?? nil,
        events: events
    )
}

private let zones = [
    "UTC", "Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu",
    "Pacific/Apia", "America/Santiago",
]

@Suite("Batch folds")
struct BatchAccumulatorTests {
    /// The property the issue asks for: on the same records in the same order, the columnar fold gives the state the
    /// record fold gives, to the last bit, for every built-in batch metric and every kind of dimension.
    @Test("equals the record fold: 2,500 random cases, seven zones, every bucket and dimension")
    func equalsRecordFold() throws {
        var rng = SeededGenerator(seed: 17)
        let cases = try (0..<2_500).map { try wideCase($0, using: &rng) }
        let tier = GroupingDimension<Case>(name: "tier") {
            $0.customer?.segments.contains("gold") == true ? "gold" : ""
        }
        let batch = try CaseBatch(cases, keeping: [tier])
        #expect(batch.count == cases.count)
        for (position, zone) in zones.enumerated() {
            let bucket = TimeBucket.allCases[position % TimeBucket.allCases.count]
            let calendar = try BusinessCalendar(timeZone: zone, weeklyHours: .weekdays(9, 17))
            let dimensionSets: [[GroupingDimension<Case>]] = [
                [],
                [.channel, .priority, .created(bucket, in: calendar)],
                [.team, .segment, .customerRole, tier],
                [try .created(.hour, timeZone: zone), .channel],
            ]
            for dimensions in dimensionSets {
                try expectSame(FirstReplyTime(), dimensions, cases, batch)
                try expectSame(ResolutionTime(resolution: .first), dimensions, cases, batch)
                try expectSame(RepliesPerCase(), dimensions, cases, batch)
            }
            try expectSame(FirstReplyTime(clock: .business(calendar)), [.channel], cases, batch)
            try expectSame(ResolutionTime(clock: .business(calendar)), [.priority], cases, batch)
        }
    }

    private func expectSame<M: BatchMetric>(
        _ metric: M,
        _ dimensions: [GroupingDimension<Case>],
        _ cases: [Case],
        _ batch: CaseBatch
    ) throws where M.Record == Case, M.Batch == CaseBatch, M.State: Equatable {
        var records = MetricAccumulator(metric, by: dimensions)
        try records.add(contentsOf: cases)
        var columns = BatchAccumulator(metric, by: dimensions)
        try columns.add(batch)
        let names = dimensions.map(\.name)
        #expect(columns.state.dimensions == records.state.dimensions, "\(metric.name) by \(names)")
        #expect(columns.state.groups == records.state.groups, "\(metric.name) by \(names)")
        // The same JSON, byte for byte.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try encoder.encode(columns.state) == encoder.encode(records.state), "\(metric.name) by \(names)")
    }

    @Test("rows split over several batches and calls give the same state as one pass")
    func severalBatches() throws {
        var rng = SeededGenerator(seed: 5)
        let cases = try (0..<3_000).map { try wideCase($0, using: &rng) }
        let dimensions: [GroupingDimension<Case>] = [.channel, try .created(.week, timeZone: "Europe/London")]
        var records = MetricAccumulator(FirstReplyTime(), by: dimensions)
        try records.add(contentsOf: cases)
        var columns = BatchAccumulator(FirstReplyTime(), by: dimensions)
        // Batches of uneven sizes, each with its own codes for the same labels.
        var start = 0
        for size in [1, 999, 0, 1_500, 500] {
            try columns.add(try CaseBatch(cases[start..<(start + size)]))
            start += size
        }
        #expect(columns.state.groups == records.state.groups)
    }

    /// Splitting over threads merges the parts: counts, bins, extremes and exact values agree exactly, and the
    /// sums of whole seconds too.
    @Test("two threads give the one-thread state (whole seconds: exactly)")
    func parallel() throws {
        var rng = SeededGenerator(seed: 9)
        let cases = try (0..<20_000).map { number in
            let created = Date(timeIntervalSince1970: 1_796_083_200 + Double(number * 37 % 86_400 * 30))
            let reply = Double(Int.random(in: 0...100_000, using: &rng))
            return try Case(
                id: CaseID("C-\(number)"),
                channel: number % 3 == 0 ? .chat : .email,
                events: [
                    CaseEvent(id: "c", at: created, kind: .created),
                    CaseEvent(id: "r", at: created.addingTimeInterval(reply), kind: .agentReply(agent: nil)),
                ]
            )
        }
        let batch = try CaseBatch(cases)
        let dimensions: [GroupingDimension<Case>] = [.channel, .created(.day, in: .alwaysOpen)]
        var one = BatchAccumulator(FirstReplyTime(), by: dimensions)
        try one.add(batch)
        var two = BatchAccumulator(FirstReplyTime(), by: dimensions)
        try two.add(batch, concurrency: 2)
        #expect(two.state.groups == one.state.groups)
        #expect(throws: ServiceMetricsError.self) { try two.add(batch, concurrency: 0) }
    }

    /// A worked example, by hand: three cases in London around the end of summer time (2026-10-25 01:00 UTC).
    @Test("worked example: groups, figures and local-day labels across a daylight-saving change")
    func workedExample() throws {
        func make(_ id: String, _ channel: Channel, _ created: String, reply seconds: Double?) throws -> Case {
            let at = try #require(ISO8601DateFormatter().date(from: created))
            var events = [CaseEvent(id: "c", at: at, kind: .created)]
            if let seconds {
                events.append(CaseEvent(id: "r", at: at.addingTimeInterval(seconds), kind: .agentReply(agent: nil)))
            }
            return try Case(id: CaseID(id), channel: channel, events: events)
        }
        let cases = [
            // 23:30 BST on the 24th (UTC+1).
            try make("A", .email, "2026-10-24T22:30:00Z", reply: 60),
            // 00:30 UTC is 01:30 BST on the 25th.
            try make("B", .email, "2026-10-25T00:30:00Z", reply: 120),
            // 23:30 UTC is 23:30 GMT on the 25th (UTC+0 since 01:00 UTC).
            try make("C", .email, "2026-10-25T23:30:00Z", reply: 300),
            try make("D", .chat, "2026-10-25T23:59:59Z", reply: nil),
        ]
        var fold = BatchAccumulator(
            FirstReplyTime(),
            by: [.channel, try .created(.day, timeZone: "Europe/London")]
        )
        try fold.add(try CaseBatch(cases))
        #expect(fold.state.keys == [["chat", "2026-10-25"], ["email", "2026-10-24"], ["email", "2026-10-25"]])
        let email25 = try #require(fold.result(for: ["email", "2026-10-25"]))
        #expect(email25.times.count == 2)
        #expect(email25.times.mean == 210)  // (120 + 300) / 2
        #expect(email25.times.median == 120)  // rank ⌊0.5 · 1⌋ = 0
        #expect(fold.result(for: ["chat", "2026-10-25"])?.pending == 1)
        #expect(fold.result(for: ["email", "2026-10-24"])?.times.max == 60)
    }

    @Test("a dimension of your own needs a batch that keeps it")
    func customDimensionNotKept() throws {
        var rng = SeededGenerator(seed: 1)
        let cases = try (0..<10).map { try wideCase($0, using: &rng) }
        let tier = GroupingDimension<Case>(name: "tier") { _ in "x" }
        var fold = BatchAccumulator(FirstReplyTime(), by: [tier])
        #expect {
            try fold.add(try CaseBatch(cases))
        } throws: { error in
            (error as? ServiceMetricsError)?.path == "dimensions.tier"
                && (error as? ServiceMetricsError)?.code == .inconsistent
        }
        #expect(fold.state.groups.isEmpty)
    }

    /// An instant the bucketing cannot place (past 2400) stops the fold at its row, as the record fold stops, with
    /// the rows before it added and nothing of the failing row: in one chunk, and in chunks of 7 rows (the failure
    /// in the 58th, the earlier chunks' groups kept).
    @Test(
        "a failing row stops the fold where the record fold stops, with the same error and state",
        arguments: [1 << 20, 7]
    )
    func failingRow(chunkRows: Int) throws {
        var rng = SeededGenerator(seed: 3)
        var cases = try (0..<600).map { try wideCase($0, using: &rng) }
        cases[400] = try Case(
            id: "late",
            channel: .email,
            events: [CaseEvent(id: "c", at: Date(timeIntervalSince1970: 14_000_000_000), kind: .created)]
        )
        let dimensions: [GroupingDimension<Case>] = [.channel, .created(.month, in: .alwaysOpen)]
        var records = MetricAccumulator(FirstReplyTime(), by: dimensions)
        let recordError = #expect(throws: ServiceMetricsError.self) { try records.add(contentsOf: cases) }
        var columns = BatchAccumulator(FirstReplyTime(), by: dimensions)
        columns.chunkRows = chunkRows
        let columnError = #expect(throws: ServiceMetricsError.self) { try columns.add(try CaseBatch(cases)) }
        #expect(columnError?.path == "records[400].dimensions.createdMonth.date")
        #expect(columnError == recordError)
        #expect(columns.state.groups == records.state.groups)
    }

    /// Chunks of 7 rows: every chunk reuses the buffers the one before left (keys, slots, values, bins) and groups
    /// met in one chunk are found by code in the next — the state the record fold gives, for every dimension count
    /// including none. (A failure in a later chunk: `failingRow(chunkRows:)`.)
    @Test("chunk after chunk of one batch gives the record fold's state")
    func chunkBoundaries() throws {
        var rng = SeededGenerator(seed: 11)
        let cases = try (0..<300).map { try wideCase($0, using: &rng) }
        let groupings: [[GroupingDimension<Case>]] = [
            [], [.channel], [.channel, .priority, try .created(.day, timeZone: "America/New_York")],
        ]
        for dimensions in groupings {
            var records = MetricAccumulator(ResolutionTime(), by: dimensions)
            try records.add(contentsOf: cases)
            var columns = BatchAccumulator(ResolutionTime(), by: dimensions)
            columns.chunkRows = 7
            try columns.add(try CaseBatch(cases))
            #expect(columns.state.groups == records.state.groups, "\(dimensions.map(\.name))")
        }
    }

    @Test("states merge from a GroupedState as MetricAccumulator's do")
    func mergeGroupedState() throws {
        var rng = SeededGenerator(seed: 11)
        let cases = try (0..<1_000).map { try wideCase($0, using: &rng) }
        var records = MetricAccumulator(RepliesPerCase(), by: [.priority])
        try records.add(contentsOf: cases)
        var columns = BatchAccumulator(RepliesPerCase(), by: [.priority])
        try columns.add(try CaseBatch(cases[0..<400]))
        var other = MetricAccumulator(RepliesPerCase(), by: [.priority])
        try other.add(contentsOf: cases[400...])
        try columns.merge(other.state)
        #expect(columns.state.groups.mapValues(\.count) == records.state.groups.mapValues(\.count))
        #expect(columns.state.groups.mapValues(\.binCount) == records.state.groups.mapValues(\.binCount))
        #expect(columns.state.groups.mapValues(\.p90) == records.state.groups.mapValues(\.p90))
        var wrong = MetricAccumulator(RepliesPerCase(), by: [.channel])
        try wrong.add(contentsOf: cases[0..<5])
        #expect(throws: ServiceMetricsError.self) { try columns.merge(wrong.state) }
    }
}

@Suite("Zone offsets")
struct ZoneOffsetsTests {
    /// The precomputed offsets give, for every instant, the bucket label Foundation's per-instant offset gives.
    @Test("bucket labels from the table equal TimeBucketing.label(of:) in 12 zones, 1900–2100")
    func labelsAgree() throws {
        var rng = SeededGenerator(seed: 2026)
        let zones = zones + ["Europe/Moscow", "Asia/Tehran", "America/St_Johns", "Africa/Casablanca", "Europe/Dublin"]
        for zone in zones {
            let instants = (0..<4_000).map { _ in Double.random(in: -2_208_988_800..<4_102_444_800, using: &rng) }
            let offsets = ZoneOffsets(
                zone: try #require(TimeZone(identifier: zone)),
                from: instants.min() ?? 0,
                through: instants.max() ?? 0
            )
            for bucket in TimeBucket.allCases {
                let bucketing = try TimeBucketing(bucket, timeZone: zone)
                for t in instants {
                    let number = try bucketing.bucketNumber(ofSeconds: t, offsets: offsets)
                    let expected = try bucketing.label(of: Date(timeIntervalSince1970: t))
                    #expect(try bucketing.label(ofBucket: number) == expected, "\(zone) \(bucket) \(t)")
                }
            }
        }
    }

    /// Around each change the table switches at the very second Foundation does (Europe/London 2026: 01:00 UTC on
    /// 29 March and 25 October).
    @Test("the switch falls on the second of the change")
    func exactSecond() throws {
        let zone = try #require(TimeZone(identifier: "Europe/London"))
        let offsets = ZoneOffsets(zone: zone, from: 1_767_225_600, through: 1_798_761_600)
        #expect(offsets.offset(at: 1_774_746_000 - 0.001) == 0)
        #expect(offsets.offset(at: 1_774_746_000) == 3_600)
        #expect(offsets.offset(at: 1_792_890_000 - 0.5) == 3_600)
        #expect(offsets.offset(at: 1_792_890_000) == 0)
        #expect(ZoneOffsets(zone: try #require(TimeZone(identifier: "UTC")), from: 0, through: 1e9).constant == 0)
    }
}
