import Foundation
import ServiceDomain
import Testing

@testable import ServiceMetrics

@Suite("Contact batches: the contact KPIs over columns")
struct ContactBatchTests {
    /// Contacts over a fortnight on three queues: answered (by one of six agents, or by nobody named), abandoned
    /// after 0–300 s (so that some are short abandons), or still queued; fractional waits and handle times.
    static func contacts(_ count: Int, seed: UInt64) throws -> [Contact] {
        var rng = SeededGenerator(seed: seed)
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        return try (0..<count).map { number in
            let offered = start.addingTimeInterval(Double.random(in: 0...(14 * 86_400), using: &rng))
            let wait = Double.random(in: 0...300, using: &rng)
            let outcome: Contact.Outcome
            switch Int.random(in: 0..<10, using: &rng) {
            case 0: outcome = .queued
            case 1...2: outcome = .abandoned(at: offered.addingTimeInterval(wait))
            default:
                let agent = Int.random(in: 0..<7, using: &rng)
                outcome = .answered(
                    at: offered.addingTimeInterval(wait),
                    agent: agent == 6 ? nil : AgentID("A-\(agent)")
                )
            }
            let answered: Bool
            if case .answered = outcome { answered = true } else { answered = false }
            return try Contact(
                id: ContactID("K-\(number)"),
                channel: number % 5 == 0 ? .chat : .phone,
                queue: ["billing", "moves", "faults"][number % 3],
                offeredAt: offered,
                outcome: outcome,
                talkTime: answered ? Double.random(in: 30...900, using: &rng) : 0,
                holdTime: answered ? Double.random(in: 0...60, using: &rng).rounded() : 0,
                wrapUpTime: answered ? Double.random(in: 0...120, using: &rng) : 0
            )
        }
    }

    private func expectSame<M: BatchMetric>(
        _ metric: M,
        _ dimensions: [GroupingDimension<Contact>],
        _ contacts: [Contact],
        _ batch: ContactBatch
    ) throws where M.Record == Contact, M.Batch == ContactBatch, M.State: Equatable {
        var records = MetricAccumulator(metric, by: dimensions)
        try records.add(contentsOf: contacts)
        var columns = BatchAccumulator(metric, by: dimensions)
        try columns.add(batch)
        #expect(columns.state.groups == records.state.groups, "\(metric.name) by \(dimensions.map(\.name))")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(columns.state) == encoder.encode(records.state))
    }

    /// The property the batch promises: on the same contacts in the same order, the columnar fold gives the state the
    /// record fold gives, to the last bit (JSON byte for byte), for each contact KPI, grouped several ways, with and
    /// without a short-abandon threshold.
    @Test("equals the record fold for volume, service level, speed of answer and handle time")
    func equalsRecordFold() throws {
        let contacts = try Self.contacts(3_000, seed: 23)
        let batch = ContactBatch(contacts)
        #expect(batch.count == 3_000)
        let dimensionSets: [[GroupingDimension<Contact>]] = [
            [],
            [.queue],
            [.queue, .agent, .channel],
            [try .offered(.hour, timeZone: "Europe/London"), .queue],
            [try .offered(.day, timeZone: "America/New_York")],
        ]
        for dimensions in dimensionSets {
            for short in [0.0, 5] {
                try expectSame(try ContactVolume(shortAbandonThreshold: short), dimensions, contacts, batch)
                for convention in ServiceLevelConvention.allCases {
                    let level = try ServiceLevel(threshold: 20, convention: convention, shortAbandonThreshold: short)
                    try expectSame(level, dimensions, contacts, batch)
                }
            }
            try expectSame(SpeedOfAnswer(), dimensions, contacts, batch)
            try expectSame(HandleTime(), dimensions, contacts, batch)
        }
    }

    /// A hand count: two answered (within 20 s and after it), one abandoned at 3 s (a short abandon under a 5 s
    /// threshold), one abandoned at 40 s and one queued give 5 offered, 2 answered, 1 abandoned, 1 short, 1 queued,
    /// a service level of 1 / (2 + 1) with abandons in the denominator, and an ASA of (10 + 50) / 2 = 30 s.
    @Test("a hand count of five contacts")
    func handCount() throws {
        let at = Date(timeIntervalSince1970: 1_795_000_000)
        let contacts = [
            try Contact(
                id: "a",
                channel: .phone,
                offeredAt: at,
                outcome: .answered(at: at + 10, agent: "A"),
                talkTime: 100
            ),
            try Contact(
                id: "b",
                channel: .phone,
                offeredAt: at,
                outcome: .answered(at: at + 50, agent: nil),
                talkTime: 200
            ),
            try Contact(id: "c", channel: .phone, offeredAt: at, outcome: .abandoned(at: at + 3)),
            try Contact(id: "d", channel: .phone, offeredAt: at, outcome: .abandoned(at: at + 40)),
            try Contact(id: "e", channel: .phone, offeredAt: at, outcome: .queued),
        ]
        let batch = ContactBatch(contacts)
        var volume = BatchAccumulator(try ContactVolume(shortAbandonThreshold: 5))
        try volume.add(batch)
        let tally = try #require(volume.state.groups[[]])
        let counts: [Int] = [tally.offered, tally.answered, tally.abandoned, tally.shortAbandoned, tally.queued]
        #expect(counts == [5, 2, 1, 1, 1])
        var level = BatchAccumulator(
            try ServiceLevel(threshold: 20, convention: .abandonedInDenominator, shortAbandonThreshold: 5)
        )
        try level.add(batch)
        let value: Double? = level.results.first?.result.value
        #expect(value == 1.0 / 3.0)
        var speed = BatchAccumulator(SpeedOfAnswer())
        try speed.add(batch)
        let mean: Double? = speed.results.first?.result.mean
        #expect(mean == 30)
        var handle = BatchAccumulator(HandleTime())
        try handle.add(batch)
        let total: Double? = handle.results.first?.result.sum
        #expect(total == 300)
    }
}
