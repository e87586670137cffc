import Foundation
import ServiceDomain
import ServiceMetrics
import Testing

/// Ten contacts on one queue (waits in seconds): answered after 5, 12, 20, 25, 40 and 90; abandoned after 3 (a short
/// abandon under a 5-second threshold), 15 and 60; and one still queued.
func workedContacts() throws -> [Contact] {
    let start = try at("2026-11-23T09:00:00Z")
    var contacts: [Contact] = []
    for (index, wait) in [5.0, 12, 20, 25, 40, 90].enumerated() {
        contacts.append(
            try Contact(
                id: ContactID("ans-\(index)"),
                channel: .phone,
                queue: index < 3 ? "billing" : "support",
                offeredAt: start.addingTimeInterval(Double(index) * 60),
                outcome: .answered(
                    at: start.addingTimeInterval(Double(index) * 60 + wait),
                    agent: AgentID("A-\(index % 2)")
                ),
                talkTime: 200 + Double(index) * 20,
                holdTime: 10,
                wrapUpTime: 30
            )
        )
    }
    for (index, wait) in [3.0, 15, 60].enumerated() {
        contacts.append(
            try Contact(
                id: ContactID("ab-\(index)"),
                channel: .phone,
                queue: "support",
                offeredAt: start.addingTimeInterval(Double(index) * 90),
                outcome: .abandoned(at: start.addingTimeInterval(Double(index) * 90 + wait))
            )
        )
    }
    contacts.append(try Contact(id: "q-1", channel: .phone, queue: "support", offeredAt: start, outcome: .queued))
    return contacts
}

struct ContactMetricsTests {
    @Test func serviceLevelUnderEachConvention() throws {
        let contacts = try workedContacts()
        // Threshold 20 s, short abandons under 5 s excluded (the 3-second one), the queued contact undecided.
        // Answered 6, within 20 s: 5, 12, 20 → 3. Abandoned 2 (15 s and 60 s), within 20 s: 1.
        // In denominator: 3 / (6 + 2) = 0.375. Answered only: 3 / 6 = 0.5. Abandons within met: (3 + 1) / 8 = 0.5.
        let expected: [ServiceLevelConvention: Double] = [
            .abandonedInDenominator: 0.375, .answeredOnly: 0.5, .abandonedWithinThresholdMet: 0.5,
        ]
        for (convention, value) in expected {
            let metric = try ServiceLevel(threshold: 20, convention: convention, shortAbandonThreshold: 5)
            let figure = try metric.evaluate(contacts)
            #expect(figure.value == value, "\(convention)")
            #expect(figure.convention == convention && figure.threshold == 20)
        }
        // Without a short-abandon threshold the 3-second abandon counts: 3 / 9 in the denominator form.
        let strict = try ServiceLevel(threshold: 20, convention: .abandonedInDenominator).evaluate(contacts)
        #expect(strict.value == 3.0 / 9)
        #expect(try ServiceLevel(threshold: 20, convention: .answeredOnly).evaluate([Contact]()).value == nil)
    }

    @Test func volumesSpeedAndHandleTime() throws {
        let contacts = try workedContacts()
        let volume = try ContactVolume(shortAbandonThreshold: 5).evaluate(contacts)
        #expect(volume.offered == 10 && volume.answered == 6 && volume.abandoned == 2)
        #expect(volume.shortAbandoned == 1 && volume.queued == 1)
        #expect(volume.abandonmentRate == 0.25)  // 2 / (6 + 2)
        // ASA: (5 + 12 + 20 + 25 + 40 + 90) / 6 = 192 / 6 = 32 s; median (rank ⌊2.5⌋ = 2) = 20 s.
        let speed = try SpeedOfAnswer().evaluate(contacts)
        #expect(speed.mean == 32 && speed.median == 20 && speed.count == 6)
        // AHT: talk 200, 220, …, 300 (mean 250) + hold 10 + wrap-up 30 = 290 s.
        let handle = try HandleTime().evaluate(contacts)
        #expect(handle.mean == 290 && handle.sum == 1_740)
    }

    @Test func occupancyAndUtilisation() throws {
        // 1 740 s handled, 1 160 s idle, 3 600 s staffed: occupancy 1 740 / 2 900 = 0.6, utilisation 0.4833….
        let usage = try AgentTimeUsage(handleTime: 1_740, idleTime: 1_160, staffedTime: 3_600)
        #expect(usage.occupancy == 0.6)
        #expect(abs((usage.utilisation ?? 0) - 1_740.0 / 3_600) < 1e-15)
        #expect { try AgentTimeUsage(handleTime: 3_000, idleTime: 1_000, staffedTime: 3_600) } throws: {
            ($0 as? ServiceMetricsError)?.code == .inconsistent
        }
        #expect { try AgentTimeUsage(handleTime: -1, idleTime: 0, staffedTime: 10) } throws: {
            ($0 as? ServiceMetricsError)?.path == "handleTime"
        }
        #expect(try AgentTimeUsage(handleTime: 0, idleTime: 0, staffedTime: 0).occupancy == nil)
    }

    @Test func groupedByQueueAndHourWithMeasurements() throws {
        let hour = try GroupingDimension<Contact>.offered(.hour, timeZone: "Europe/London")
        var accumulator = MetricAccumulator(
            try ServiceLevel(threshold: 20, convention: .abandonedInDenominator, shortAbandonThreshold: 5),
            by: [.queue, hour]
        )
        try accumulator.add(contentsOf: try workedContacts())
        // Billing: answered after 5, 12, 20 → 3/3. Support: answered 25, 40, 90 and abandoned 15, 60 → 0/5.
        #expect(accumulator.result(for: ["billing", "2026-11-23T09"])?.value == 1)
        #expect(accumulator.result(for: ["support", "2026-11-23T09"])?.value == 0)
        let period = DateInterval(start: try at("2026-11-23T09:00:00Z"), duration: 3_600)
        let measurements = accumulator.measurements(period: period)
        #expect(
            measurements.map(\.indicator.rawValue)
                == Array(repeating: "serviceLevel.abandonedInDenominator.20s", count: 2)
        )
        #expect(measurements.first?.scope.description == "group:queue=billing;offeredHour=2026-11-23T09")
    }

    @Test func contactShardsMergeToOnePass() throws {
        var rng = SeededGenerator(seed: 99)
        let start = try at("2026-11-23T00:00:00Z")
        let contacts = try (0..<2_000).map { index -> Contact in
            let offered = start.addingTimeInterval(Double.random(in: 0..<(3 * 86_400), using: &rng).rounded())
            let wait = Double.random(in: 0..<300, using: &rng).rounded()
            switch Int.random(in: 0..<10, using: &rng) {
            case 0: return try Contact(id: ContactID("\(index)"), channel: .chat, offeredAt: offered, outcome: .queued)
            case 1, 2:
                return try Contact(
                    id: ContactID("\(index)"),
                    channel: .phone,
                    offeredAt: offered,
                    outcome: .abandoned(at: offered.addingTimeInterval(wait))
                )
            default:
                return try Contact(
                    id: ContactID("\(index)"),
                    channel: index % 3 == 0 ? .chat : .phone,
                    queue: index % 2 == 0 ? "billing" : "support",
                    offeredAt: offered,
                    outcome: .answered(at: offered.addingTimeInterval(wait), agent: AgentID("A-\(index % 7)")),
                    talkTime: Double.random(in: 30...900, using: &rng).rounded(),
                    wrapUpTime: 20
                )
            }
        }
        let day = try GroupingDimension<Contact>.offered(.day, timeZone: "America/New_York")
        try checkShards(
            try ServiceLevel(threshold: 30, convention: .abandonedInDenominator),
            contacts,
            [.queue, day],
            &rng
        )
        try checkShards(try ContactVolume(shortAbandonThreshold: 5), contacts, [.channel], &rng)
        try checkShards(SpeedOfAnswer(), contacts, [.agent], &rng)
        try checkShards(HandleTime(), contacts, [day], &rng)
    }

    @Test func rejectsBadSettingsAndMismatchedTallies() throws {
        #expect { try ServiceLevel(threshold: .nan, convention: .answeredOnly) } throws: {
            ($0 as? ServiceMetricsError)?.path == "threshold"
        }
        #expect { try ServiceLevel(threshold: 20, convention: .answeredOnly, shortAbandonThreshold: -2) } throws: {
            ($0 as? ServiceMetricsError)?.path == "shortAbandonThreshold"
        }
        var five = try ContactTally(shortAbandonThreshold: 5)
        #expect { try five.merge(try ContactTally(shortAbandonThreshold: 10)) } throws: {
            ($0 as? ServiceMetricsError)?.code == .incompatibleStates
        }
    }

    @Test func impossibleStatesAreRefusedOnDecoding() throws {
        let decoder = JSONDecoder()
        let bad: [(any Decodable.Type, String)] = [
            (
                ContactTally.self,
                #"{"shortAbandonThreshold":0,"offered":3,"answered":1,"abandoned":1,"shortAbandoned":0,"queued":0}"#
            ),
            (
                ContactTally.self,
                #"{"shortAbandonThreshold":-1,"offered":0,"answered":0,"abandoned":0,"shortAbandoned":0,"queued":0}"#
            ),
            (ServiceLevelTally.self, #"{"answered":2,"answeredWithin":3,"abandoned":0,"abandonedWithin":0}"#),
            (ShareTally.self, #"{"hits":4,"total":3}"#),
            (FlowTally.self, #"{"periods":{"2026-11-23":{"created":-1,"solved":0}}}"#),
            (
                DurationTally.self,
                #"{"times":{"relativeAccuracy":0.005,"count":0,"sum":0,"zeroCount":0,"binOffset":0,"bins":[],"exact":[]},"pending":-2}"#
            ),
            (
                BacklogTally.self,
                #"{"ageBounds":[10],"counts":[1],"ages":{"relativeAccuracy":0.005,"count":0,"sum":0,"zeroCount":0,"binOffset":0,"bins":[],"exact":[]}}"#
            ),
            (
                GroupedState<ShareTally>.self,
                #"{"dimensions":["channel"],"groups":[{"key":[],"state":{"hits":0,"total":0}}]}"#
            ),
        ]
        for (type, text) in bad {
            #expect(throws: (any Error).self, "\(type)") { _ = try decoder.decode(type, from: Data(text.utf8)) }
        }
        let good = try ContactVolume(shortAbandonThreshold: 5).evaluate(try workedContacts())
        #expect(try decoder.decode(ContactTally.self, from: try JSONEncoder().encode(good)) == good)
    }

    @Test func everyBuiltInExportsItsFiguresAsMeasurements() throws {
        let period = DateInterval(start: try at("2026-11-20T00:00:00Z"), duration: 7 * 86_400)
        func exported<M: Metric>(_ metric: M, _ records: [M.Record]) throws -> [String: Double] {
            var accumulator = MetricAccumulator(metric)
            try accumulator.add(contentsOf: records)
            let measurements = accumulator.measurements(period: period)
            #expect(measurements.allSatisfy { $0.scope == .organisation && $0.period == period })
            return Dictionary(measurements.map { ($0.indicator.rawValue, $0.value) }) { first, _ in first }
        }
        let cases = try workedCases()
        let contacts = try workedContacts()
        // Values from the worked examples above.
        #expect(try exported(CaseRate.reopenRate, cases) == ["reopenRate": 1.0 / 3])
        #expect(try exported(RepliesPerCase(), cases) == ["repliesPerCase.mean": 5.0 / 3])
        let backlog = try exported(try Backlog(at: try at("2026-11-24T11:00:00Z")), cases)
        #expect(backlog["backlog.open"] == 2 && backlog["backlog.age.median"] == 66_600)
        #expect(backlog["backlog.age.p90"] == 66_600)  // rank ⌊0.9·1⌋ = 0 of [66 600, 86 400]
        let resolution = try exported(ResolutionTime(), cases)
        #expect(resolution["resolutionTime.median"] == 84_600 && resolution["resolutionTime.p99"] == 84_600)
        let volume = try exported(try ContactVolume(shortAbandonThreshold: 5), contacts)
        #expect(
            volume == [
                "contacts.offered": 10, "contacts.answered": 6, "contacts.abandoned": 2,
                "contacts.abandonmentRate": 0.25,
            ]
        )
        #expect(try exported(SpeedOfAnswer(), contacts) == ["speedOfAnswer.mean": 32, "speedOfAnswer.p90": 40])
        #expect(try exported(HandleTime(), contacts) == ["handleTime.mean": 290])
        let level = try exported(try ServiceLevel(threshold: 7.5, convention: .answeredOnly), contacts)
        #expect(level == ["serviceLevel.answeredOnly.7.5s": 1.0 / 6])
        // Nothing to report: no measurement rather than a made-up zero.
        #expect(try exported(CaseRate.escalationRate, []).isEmpty)
        #expect(try exported(HandleTime(), []).isEmpty)
        #expect(try exported(FirstReplyTime(), []).isEmpty)
    }
}
