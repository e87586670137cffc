import CustomerServiceKit
import Foundation
import Testing

/// A small seeded generator (SplitMix64), so that the cases are the same on every run and platform.
private struct Seeded: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Service report: cases streamed and merged from shards")
struct ServiceReportShardTests {
    static let asOf = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-19T07:46:40Z

    /// Office hours Mon–Fri 09:00–17:00 in London; first reply 4 h, next reply 8 h, resolution 3 days, all in
    /// business time, tighter for urgent cases.
    static func input(cases: [Case] = []) throws -> ServiceReportInput {
        let office = try BusinessCalendar(timeZone: "Europe/London", weeklyHours: .weekdays(9, 17))
        func target(_ kind: TargetKind, _ normal: Double, _ urgent: Double) throws -> ServiceTarget {
            try ServiceTarget(
                kind: kind,
                clock: .businessHours("office"),
                durations: [.normal: normal, .urgent: urgent, .high: normal / 2, .low: normal * 2]
            )
        }
        let policy = try ServiceLevelPolicy(
            id: "p",
            name: "Standard",
            rules: [
                .init(
                    name: "everyone",
                    targets: [
                        .firstReply: try target(.firstReply, 14_400, 3_600),
                        .nextReply: try target(.nextReply, 28_800, 7_200),
                        .resolution: try target(.resolution, 86_400, 28_800),
                    ]
                )
            ]
        )
        return try ServiceReportInput(
            organisation: try Organisation(id: "o", name: "Shards Ltd", sector: .private),
            serviceLevels: ServiceLevelConfiguration(policy: policy, calendars: ["office": office]),
            reportingCalendar: "office",
            cases: cases,
            asOf: asOf
        )
    }

    /// Cases over ten weeks before `asOf` (and a few after it, which the report leaves out): whole-second instants,
    /// as helpdesk exports give them, with replies, customer replies, pending periods, solves, reopens, priorities,
    /// teams and assignees.
    static func cases(_ count: Int) throws -> [Case] {
        var rng = Seeded(state: 2026)
        let channels: [Channel] = [.email, .chat, .phone, .webForm]
        let priorities: [Priority] = [.low, .normal, .high, .urgent]
        return try (0..<count).map { number in
            var at = asOf.addingTimeInterval(-Double(Int.random(in: -86_400...(70 * 86_400), using: &rng)))
            var events = [CaseEvent(id: "c", at: at, kind: .created)]
            func next(_ kind: CaseEvent.Kind) {
                at = at.addingTimeInterval(Double(Int.random(in: 60...(3 * 86_400), using: &rng)))
                events.append(CaseEvent(id: CaseEventID("e\(events.count)"), at: at, kind: kind))
            }
            let agent = AgentID("agent-\(Int.random(in: 1...12, using: &rng))")
            if Bool.random(using: &rng) { next(.assigned(agent: agent, team: TeamID("team-\(number % 3)"))) }
            for _ in 0..<Int.random(in: 0...3, using: &rng) {
                next(.agentReply(agent: agent))
                if Bool.random(using: &rng) { next(.statusChanged(.pending)) }
                next(.customerReply)
            }
            if Int.random(in: 0..<4, using: &rng) > 0 {
                next(.statusChanged(.solved))
                if Int.random(in: 0..<8, using: &rng) == 0 {
                    next(.reopened)
                    next(.agentReply(agent: agent))
                    next(.statusChanged(.solved))
                }
            }
            return try Case(
                id: CaseID(String(format: "T%05d", number)),
                channel: channels[number % channels.count],
                priority: priorities.randomElement(using: &rng) ?? .normal,
                events: events
            )
        }
    }

    /// The proof: 16 shards folded apart, each state written to JSON and read back, merged in a random
    /// order, give the very report (as JSON, byte for byte) that one pass over all the cases gives.
    @Test("16 shards merged in random order give the one-pass report byte for byte")
    func sixteenShards() throws {
        let all = try Self.cases(1_600)
        let onePass = try ServiceReport.build(try Self.input(cases: all))
        let empty = try Self.input()
        var rng = Seeded(state: 7)
        var shards = Array(repeating: [Case](), count: 16)
        for item in all { shards[Int.random(in: 0..<16, using: &rng)].append(item) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var states: [Data] = []
        for shard in shards {
            var accumulator = try ServiceReportAccumulator(for: empty)
            for item in shard { try accumulator.add(item) }
            states.append(try encoder.encode(accumulator.state))
        }
        states.shuffle(using: &rng)
        var merged = try ServiceReportAccumulator(for: empty)
        for data in states {
            try merged.merge(try JSONDecoder().decode(ServiceReportAccumulator.State.self, from: data))
        }
        let fromShards = try ServiceReport.build(empty, cases: merged)
        #expect(try encoder.encode(fromShards) == encoder.encode(onePass))
        // The report has something in it: cases, breaches, open cycles.
        let standards = try #require(onePass.standards)
        #expect(standards.cases > 1_500 && standards.cases < 1_600)
        #expect(!standards.breachingNow.isEmpty)
        #expect(onePass.operations?.agents.count == 13)
    }

    /// Streaming: the cases added one by one to an accumulator, never held together, give the report of the input
    /// that carries them all.
    @Test("cases added one by one give the report of the input that carries them")
    func streamed() throws {
        let all = try Self.cases(400)
        let onePass = try ServiceReport.build(try Self.input(cases: all))
        let empty = try Self.input()
        var accumulator = try ServiceReportAccumulator(for: empty)
        for item in all { try accumulator.add(item) }
        #expect(try ServiceReport.build(empty, cases: accumulator) == onePass)
        #expect(accumulator.caseCount == onePass.standards?.cases)
    }

    /// A state made for another report (another evaluation instant) or one adding cases cannot make (a negative
    /// count) is refused with `incompatibleStates`, and the accumulator is unchanged.
    @Test("states of another report, or impossible states, are refused")
    func refusesForeignStates() throws {
        let empty = try Self.input()
        var accumulator = try ServiceReportAccumulator(for: empty)
        for item in try Self.cases(50) { try accumulator.add(item) }
        let before = accumulator.state
        var later = try Self.input()
        later.asOf = Self.asOf.addingTimeInterval(3_600)
        let foreign = try ServiceReportAccumulator(for: later)
        #expect { try accumulator.merge(foreign) } throws: {
            ($0 as? ServiceMetricsError)?.code == .incompatibleStates
        }
        var impossible = before
        impossible.open = -1
        #expect { try accumulator.merge(impossible) } throws: {
            ($0 as? ServiceMetricsError)?.code == .incompatibleStates
        }
        #expect(accumulator.state == before)
    }
}
