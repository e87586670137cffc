import Foundation
import ServiceDomain
import ServiceStandards
import Testing

/// A random but valid case of about ten events in December 2026: replies, pending periods, solves and reopens.
func randomCase(_ number: Int, using rng: inout SeededGenerator) throws -> Case {
    var t = 1_796_083_200.0 + Double.random(in: 0..<(20 * 86_400), using: &rng).rounded()  // 2026-12-01 onwards
    var events = [CaseEvent(id: "0", at: Date(timeIntervalSince1970: t), kind: .created)]
    var status = CaseStatus.new
    for index in 1..<Int.random(in: 3...12, using: &rng) {
        t += Double.random(in: 60...30_000, using: &rng).rounded()
        let kind: CaseEvent.Kind
        switch (status.isResolved, Int.random(in: 0..<6, using: &rng)) {
        case (true, 0...2): kind = .reopened
        case (true, _): kind = .customerReply
        case (false, 0), (false, 1): kind = .agentReply(agent: nil)
        case (false, 2): kind = .customerReply
        case (false, 3): kind = .statusChanged(.pending)
        case (false, 4): kind = .statusChanged(.open)
        default: kind = .statusChanged(.solved)
        }
        if case .statusChanged(let next) = kind { status = next }
        if case .reopened = kind { status = .open }
        events.append(CaseEvent(id: CaseEventID(String(index)), at: Date(timeIntervalSince1970: t), kind: kind))
    }
    let priority = [Priority.high, .urgent, .normal, .low].randomElement(using: &rng) ?? .normal
    let channel = [Channel.email, .phone, .chat].randomElement(using: &rng) ?? .email
    return try Case(id: CaseID("C-\(number)"), channel: channel, priority: priority, events: events)
}

struct ComplianceTests {
    @Test func tallyOfTheWorkedExamples() throws {
        let (evaluator, _) = try examplePolicy()
        var accumulator = ComplianceAccumulator(evaluator: evaluator, dimensions: [.priority])
        // High, answered in 1.5 h: first reply achieved. High, unanswered for 6.5 h at 16:30: breached by 4.5 h.
        // Normal: rule 1 has no first-reply target; resolution still running (active).
        let answered = try Case(
            id: "A",
            channel: .email,
            priority: .high,
            events: [
                event("1", "2026-12-01T09:00:00Z", .created),
                event("2", "2026-12-01T10:30:00Z", .agentReply(agent: nil)),
            ]
        )
        let waiting = try Case(
            id: "B",
            channel: .phone,
            priority: .high,
            events: [event("1", "2026-12-01T10:00:00Z", .created)]
        )
        let normal = try Case(id: "N", channel: .phone, events: [event("1", "2026-12-01T10:00:00Z", .created)])
        let now = try at("2026-12-01T16:30:00Z")
        for item in [answered, waiting, normal] { try accumulator.add(item, at: now) }
        let summary = accumulator.summary
        let high = try #require(summary.groups[["high"]]?[.firstReply])
        #expect(high.achieved == 1 && high.breached == 1 && high.complianceRate == 0.5)
        #expect(high.worst.map(\.caseID) == ["B"] && high.totalOverrun == 4.5 * hourSeconds)
        #expect(summary.groups[["normal"]]?[.resolution]?.active == 1)
        #expect(summary.caseCount == 3 && summary.unmatchedCount == 0)
        let period = DateInterval(start: try at("2026-12-01T00:00:00Z"), end: try at("2026-12-02T00:00:00Z"))
        let measurements = summary.measurements(period: period)
        let firstReply = try #require(measurements.first { $0.indicator == "firstReply.compliance" })
        #expect(
            firstReply.value == 0.5 && firstReply.sampleSize == 2
                && firstReply.scope == MeasurementScope(.priority, id: "high")
        )
    }

    @Test(arguments: [
        // ISO 8601 week dates: 2026-11-23 is Monday of week 48; 2027-01-01 (a Friday) belongs to 2026-W53, since
        // 2026 starts on a Thursday; 2024-12-30 (a Monday) starts 2025-W01.
        ("2026-11-23", "2026-W48"), ("2027-01-01", "2026-W53"), ("2024-12-30", "2025-W01"), ("2026-01-01", "2026-W01"),
    ])
    func isoWeekLabels(date: String, week: String) throws {
        #expect(TimeBucket.week.label(of: try LocalDate(date)) == week)
        #expect(TimeBucket.month.label(of: try LocalDate(date)) == String(date.prefix(7)))
    }

    @Test func shardsMergeToTheSinglePassSummary() throws {
        let (evaluator, _) = try examplePolicy()
        var rng = SeededGenerator(seed: 7)
        let cases = try (0..<600).map { try randomCase($0, using: &rng) }
        let london = try BusinessCalendar(timeZone: "Europe/London", weeklyHours: .alwaysOpen)
        let dimensions: [CaseDimension] = [.priority, .channel, .created(.week, in: london)]
        let now = try at("2027-01-15T00:00:00Z")
        var single = ComplianceAccumulator(evaluator: evaluator, dimensions: dimensions)
        for item in cases { try single.add(item, at: now) }
        // Four shards of uneven size, merged in a scrambled order.
        let bounds = [0, 37, 290, 451, 600]
        var shards: [ComplianceSummary] = []
        for (lower, upper) in zip(bounds, bounds.dropFirst()) {
            var shard = ComplianceAccumulator(evaluator: evaluator, dimensions: dimensions)
            for item in cases[lower..<upper] { try shard.add(item, at: now) }
            shards.append(shard.summary)
        }
        var merged = ComplianceSummary(dimensions: dimensions.map(\.name))
        for index in [2, 0, 3, 1] { try merged.merge(shards[index]) }
        #expect(merged == single.summary)
        // The fold did real work: several groups, breaches and achievements among them.
        let overall = merged.overall
        #expect(merged.groups.count > 10)
        #expect((overall[.firstReply]?.breached ?? 0) > 0 && (overall[.resolution]?.achieved ?? 0) > 0)
        // And the state survives JSON.
        #expect(try JSONDecoder().decode(ComplianceSummary.self, from: JSONEncoder().encode(merged)) == merged)
    }

    @Test func mergingDifferentGroupingsIsAnError() throws {
        var byPriority = ComplianceSummary(dimensions: ["priority"])
        #expect { try byPriority.merge(ComplianceSummary(dimensions: ["channel"])) } throws: {
            ($0 as? ServiceStandardsError)?.path == "dimensions"
        }
    }

    @Test func worstOverrunsAreTheLargestFiveWhateverTheOrder() throws {
        var tally = ComplianceTally()
        var reversed = ComplianceTally()
        let outcomes = try (1...9).map { n in try TargetOutcomeFixture.breached(overrun: Double(n * 100)) }
        for (n, outcome) in outcomes.enumerated() { tally.add(outcome, of: CaseID("C\(n)")) }
        for (n, outcome) in outcomes.enumerated().reversed() { reversed.add(outcome, of: CaseID("C\(n)")) }
        #expect(tally.worst.map(\.overrun) == [900, 800, 700, 600, 500])
        #expect(tally == reversed)
    }
}

/// Builds outcomes through a real evaluation, so the tests never construct internal states by hand.
enum TargetOutcomeFixture {
    /// A calendar-time first-reply target of 100 s on a case created at 0 and still unanswered at 100 + `overrun`.
    static func breached(overrun: Double) throws -> TargetOutcome {
        let target = try ServiceTarget(kind: .firstReply, clock: .calendarTime, durations: [.normal: 100])
        let policy = try ServiceLevelPolicy(id: "f", rules: [.init(name: "all", targets: [.firstReply: target])])
        let item = try Case(
            id: "x",
            channel: .email,
            events: [CaseEvent(id: "1", at: Date(timeIntervalSince1970: 0), kind: .created)]
        )
        let result = try PolicyEvaluator(policy: policy).evaluate(item, at: Date(timeIntervalSince1970: 100 + overrun))
        return try #require(result.outcomes.first)
    }
}

struct ComplianceErrorTests {
    @Test func aCaseTheCalendarCannotHandleLeavesTheSummaryUnchanged() throws {
        // First reply on calendar time is visited before resolution on business hours. A case in 2500 is outside the
        // calendar's range (1800–2400): the fold must throw before counting its first-reply outcome.
        let calendar = try BusinessCalendar(timeZone: "UTC", weeklyHours: .weekdays(9, 17))
        let policy = try ServiceLevelPolicy(
            id: "mixed",
            rules: [
                .init(
                    name: "all",
                    targets: [
                        .firstReply: try ServiceTarget(
                            kind: .firstReply,
                            clock: .calendarTime,
                            durations: [.normal: 3600]
                        ),
                        .resolution: try ServiceTarget(
                            kind: .resolution,
                            clock: .businessHours("office"),
                            durations: [.normal: 7200]
                        ),
                    ]
                )
            ]
        )
        var accumulator = ComplianceAccumulator(
            evaluator: try PolicyEvaluator(policy: policy, calendars: ["office": calendar])
        )
        let fine = try Case(id: "A", channel: .email, events: [event("1", "2026-12-01T09:00:00Z", .created)])
        try accumulator.add(fine, at: try at("2026-12-01T10:00:00Z"))
        let before = accumulator.summary
        let future = try Case(id: "F", channel: .email, events: [event("1", "2500-01-01T09:00:00Z", .created)])
        #expect {
            try accumulator.add(future, at: try at("2500-01-01T10:00:00Z"))
        } throws: { ($0 as? ServiceStandardsError)?.code == .outOfRange }
        #expect(accumulator.summary == before)
        // The same when the failing case would have opened a new group: no empty group is left behind.
        var byChannel = ComplianceAccumulator(evaluator: accumulator.evaluator, dimensions: [.channel])
        try byChannel.add(fine, at: try at("2026-12-01T10:00:00Z"))
        let beforeByChannel = byChannel.summary
        let futureCall = try Case(id: "G", channel: .phone, events: [event("1", "2500-01-01T09:00:00Z", .created)])
        #expect {
            try byChannel.add(futureCall, at: try at("2500-01-01T10:00:00Z"))
        } throws: { ($0 as? ServiceStandardsError)?.code == .outOfRange }
        #expect(byChannel.summary == beforeByChannel && Array(byChannel.summary.groups.keys) == [["email"]])
    }

    @Test func anUnmatchedCaseIsCountedWithoutOpeningAGroup() throws {
        // The example policy has rules for urgent/high and for everything else; a policy of its first rule only
        // leaves a normal-priority case unmatched. The fold and the evaluation path must agree on that.
        let (_, example) = try examplePolicy()
        let policy = try ServiceLevelPolicy(id: "high only", rules: [example.rules[0]])
        let office = try BusinessCalendar(timeZone: "UTC", weeklyHours: .weekdays(9, 17))
        let evaluator = try PolicyEvaluator(policy: policy, calendars: ["office": office])
        let normal = try Case(id: "N", channel: .phone, events: [event("1", "2026-12-01T10:00:00Z", .created)])
        let high = try Case(
            id: "H",
            channel: .email,
            priority: .high,
            events: [event("1", "2026-12-01T10:00:00Z", .created)]
        )
        let now = try at("2026-12-01T11:00:00Z")
        var accumulator = ComplianceAccumulator(evaluator: evaluator, dimensions: [.priority])
        var direct = ComplianceSummary(dimensions: ["priority"])
        for item in [normal, high] {
            try accumulator.add(item, at: now)
            direct.add(try evaluator.evaluate(item, at: now), group: [item.facts.priority.rawValue])
        }
        #expect(accumulator.summary == direct)
        #expect(direct.caseCount == 2 && direct.unmatchedCount == 1 && Array(direct.groups.keys) == [["high"]])
    }
}

struct StateDecodingTests {
    @Test(arguments: [
        #"{"achieved":-1,"breached":0,"active":0,"paused":0,"notApplicable":0,"warnings":0,"totalOverrun":0,"worst":[]}"#,
        #"{"achieved":0,"breached":0,"active":0,"paused":0,"notApplicable":0,"warnings":0,"totalOverrun":-5,"worst":[]}"#,
        #"{"achieved":0,"breached":0,"active":0,"paused":0,"notApplicable":0,"warnings":0,"totalOverrun":0,"worst":[{"caseID":"C","cycle":0,"overrun":10}]}"#,
        #"{"achieved":0,"breached":2,"active":0,"paused":0,"notApplicable":0,"warnings":0,"totalOverrun":30,"worst":[{"caseID":"A","cycle":0,"overrun":10},{"caseID":"B","cycle":0,"overrun":20}]}"#,
    ])
    func impossibleTalliesAreRejected(json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ComplianceTally.self, from: Data(json.utf8)) }
    }

    @Test(arguments: [
        #"{"earned":5,"possible":4,"count":2}"#, #"{"earned":-1,"possible":4,"count":2}"#,
        #"{"earned":1,"possible":4,"count":-2}"#,
    ])
    func impossibleScoresAreRejected(json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(WeightedScore.self, from: Data(json.utf8)) }
    }

    @Test func realStatesRoundTrip() throws {
        var score = WeightedScore()
        try score.add(3, outOf: 4, weight: 2)
        #expect(try JSONDecoder().decode(WeightedScore.self, from: JSONEncoder().encode(score)) == score)
        var tally = ComplianceTally()
        for overrun in [100.0, 300, 200] { tally.add(try TargetOutcomeFixture.breached(overrun: overrun), of: "C") }
        #expect(try JSONDecoder().decode(ComplianceTally.self, from: JSONEncoder().encode(tally)) == tally)
    }
}
