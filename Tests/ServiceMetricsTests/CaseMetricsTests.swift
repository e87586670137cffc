import Foundation
import ServiceDomain
import ServiceMetrics
import Testing

func at(_ text: String) throws -> Date { try #require(ISO8601DateFormatter().date(from: text)) }

func event(_ id: String, _ time: String, _ kind: CaseEvent.Kind) throws -> CaseEvent {
    CaseEvent(id: CaseEventID(id), at: try at(time), kind: kind)
}

/// Four worked cases around Monday 2026-11-23.
///
/// Europe/London is on GMT then, so local time is UTC:
/// - A (email): created 09:00, reply 09:30, solved 10:00 — one touch.
/// - B (email): created 16:30, reply Tuesday 09:30, pending, solved 12:00, reopened 14:00, reply 15:00, solved 16:00,
///   escalated on the way.
/// - C (phone): created 11:00, no reply, still open.
/// - D (phone): created Friday 2026-11-20 17:00, reply Monday 08:00, solved Monday 09:00 with a second reply.
func workedCases() throws -> [Case] {
    let a = try Case(
        id: "A",
        channel: .email,
        events: [
            event("1", "2026-11-23T09:00:00Z", .created), event("2", "2026-11-23T09:30:00Z", .agentReply(agent: nil)),
            event("3", "2026-11-23T10:00:00Z", .statusChanged(.solved)),
        ]
    )
    let b = try Case(
        id: "B",
        channel: .email,
        events: [
            event("1", "2026-11-23T16:30:00Z", .created), event("2", "2026-11-24T09:30:00Z", .agentReply(agent: nil)),
            event("3", "2026-11-24T09:31:00Z", .escalated(team: nil)),
            event("4", "2026-11-24T10:00:00Z", .statusChanged(.pending)),
            event("5", "2026-11-24T12:00:00Z", .statusChanged(.solved)), event("6", "2026-11-24T14:00:00Z", .reopened),
            event("7", "2026-11-24T15:00:00Z", .agentReply(agent: nil)),
            event("8", "2026-11-24T16:00:00Z", .statusChanged(.solved)),
        ]
    )
    let c = try Case(id: "C", channel: .phone, events: [event("1", "2026-11-23T11:00:00Z", .created)])
    let d = try Case(
        id: "D",
        channel: .phone,
        events: [
            event("1", "2026-11-20T17:00:00Z", .created), event("2", "2026-11-23T08:00:00Z", .agentReply(agent: nil)),
            event("3", "2026-11-23T08:30:00Z", .agentReply(agent: nil)),
            event("4", "2026-11-23T09:00:00Z", .statusChanged(.solved)),
        ]
    )
    return [a, b, c, d]
}

struct CaseMetricsTests {
    @Test func firstReplyTimeOnBothClocks() throws {
        let cases = try workedCases()
        // Calendar: A 30 min = 1 800 s; B 17 h = 61 200 s; D 2 d 15 h = 226 800 s; C has no reply (pending).
        let calendar = try FirstReplyTime().evaluate(cases)
        #expect(calendar.pending == 1 && calendar.times.count == 3)
        #expect(calendar.times.median == 61_200 && calendar.times.max == 226_800 && calendar.times.min == 1_800)
        #expect(calendar.times.sum == 1_800 + 61_200 + 226_800)
        // Business hours Mon–Fri 09:00–17:00: A 30 min; B 16:30–17:00 + 09:00–09:30 = 1 h; D Friday 17:00 is
        // closing, Monday 08:00 before opening: 0 s.
        let hours = try BusinessCalendar(timeZone: "Europe/London", weeklyHours: .weekdays(9, 17))
        let business = try FirstReplyTime(clock: .business(hours)).evaluate(cases)
        #expect(business.times.sum == 1_800 + 3_600 + 0)
        #expect(business.times.min == 0)
    }

    @Test func resolutionTimeFirstAndFinal() throws {
        let cases = try workedCases()
        // Final: A 1 h; B 16:30 → Tue 16:00 = 23.5 h = 84 600 s; D Fri 17:00 → Mon 09:00 = 64 h = 230 400 s.
        let final = try ResolutionTime().evaluate(cases)
        #expect(final.times.sum == 3_600 + 84_600 + 230_400 && final.pending == 1)
        // First: B's first resolution at Tue 12:00 = 19.5 h = 70 200 s.
        let first = try ResolutionTime(resolution: .first).evaluate(cases)
        #expect(first.times.sum == 3_600 + 70_200 + 230_400)
        #expect(ResolutionTime(resolution: .first).name == "firstResolutionTime")
    }

    @Test func ratesFollowTheirStatedRules() throws {
        let cases = try workedCases()
        // FCR: resolved with a reply = A, B, D; one touch and never reopened = A only → 1/3.
        #expect(try CaseRate.firstContactResolution.evaluate(cases) == 1.0 / 3)
        // Reopen: resolved at least once = A, B, D; reopened = B → 1/3.
        #expect(try CaseRate.reopenRate.evaluate(cases) == 1.0 / 3)
        // Escalation: all four; escalated = B → 1/4.
        #expect(try CaseRate.escalationRate.evaluate(cases) == 0.25)
        // Replies per resolved case: A 1, B 2, D 2 → mean 5/3, median 2.
        let replies = try RepliesPerCase().evaluate(cases)
        #expect(replies.count == 3 && replies.median == 2 && abs((replies.mean ?? 0) - 5.0 / 3) < 1e-12)
        #expect(try CaseRate.escalationRate.evaluate([Case]()) == nil)
    }

    @Test func backlogAtAnInstantWithAges() throws {
        let cases = try workedCases()
        // At Tue 2026-11-24 11:00: A solved; B pending (in the backlog), age 18.5 h; C open, age 1 d 0 h = 86 400 s
        // (not below the 1-day bound: second bucket); D solved.
        let backlog = try Backlog(at: try at("2026-11-24T11:00:00Z")).evaluate(cases)
        #expect(backlog.open == 2)
        #expect(backlog.counts == [1, 1, 0, 0, 0])
        #expect(backlog.ages.sum == 66_600 + 86_400)
        // At Tue 13:00 B is solved (until its reopen at 14:00); at 14:30 it is back.
        #expect(try Backlog(at: try at("2026-11-24T13:00:00Z")).evaluate(cases).open == 1)
        #expect(try Backlog(at: try at("2026-11-24T14:30:00Z")).evaluate(cases).open == 2)
        // Before anything was created: empty.
        #expect(try Backlog(at: try at("2026-11-01T00:00:00Z")).evaluate(cases).open == 0)
        #expect { try Backlog(at: Date(), ageBounds: [10, 5]) } throws: {
            ($0 as? ServiceMetricsError)?.path == "ageBounds[1]"
        }
        #expect { try Backlog(at: Date(), ageBounds: [.nan]) } throws: {
            ($0 as? ServiceMetricsError)?.code == .nonFinite
        }
    }

    @Test func createdVersusSolvedByDay() throws {
        let flow = try CreatedVersusSolved(by: try TimeBucketing(.day, timeZone: "Europe/London"))
            .evaluate(try workedCases())
        // Created: Fri 20th D; Mon 23rd A, B, C. Solved (last): Mon 23rd A, D; Tue 24th B.
        #expect(flow.ordered.map(\.period) == ["2026-11-20", "2026-11-23", "2026-11-24"])
        #expect(flow.periods["2026-11-20"] == FlowTally.Counts(created: 1, solved: 0))
        #expect(flow.periods["2026-11-23"] == FlowTally.Counts(created: 3, solved: 2))
        #expect(flow.periods["2026-11-24"]?.net == 1)
    }

    @Test func groupsByChannelAndExportsMeasurements() throws {
        var accumulator = MetricAccumulator(FirstReplyTime(), by: [.channel])
        try accumulator.add(contentsOf: try workedCases())
        #expect(accumulator.results.map(\.key) == [["email"], ["phone"]])
        let emailSum = try #require(accumulator.result(for: ["email"])?.times.sum)
        #expect(emailSum == 63_000, "\(emailSum - 63_000)")
        #expect(accumulator.result(for: ["phone"])?.pending == 1)
        let period = DateInterval(start: try at("2026-11-20T00:00:00Z"), duration: 7 * 86_400)
        let measurements = accumulator.measurements(period: period)
        let emailMean = measurements.first {
            $0.scope.description == "channel:email" && $0.indicator == "firstReplyTime.mean"
        }
        #expect(emailMean?.value == 31_500 && emailMean?.sampleSize == 2 && emailMean?.unit == .seconds)
    }

    @Test func shardsMergedEqualOnePass() throws {
        // Property: random cases split into random shards, grouped by channel and week, merged in a random order,
        // give exactly the single-pass state for every built-in case metric.
        var rng = SeededGenerator(seed: 2026)
        let cases = try (0..<600).map { try randomCase($0, using: &rng) }
        let week = try GroupingDimension<Case>.created(.week, timeZone: "Europe/London")
        try checkShards(FirstReplyTime(), cases, [.channel, week], &rng)
        try checkShards(ResolutionTime(), cases, [.priority], &rng)
        try checkShards(CaseRate.firstContactResolution, cases, [.channel], &rng)
        try checkShards(RepliesPerCase(), cases, [], &rng)
        try checkShards(try Backlog(at: try at("2026-12-10T00:00:00Z")), cases, [.channel], &rng)
        try checkShards(CreatedVersusSolved(by: try TimeBucketing(.day, timeZone: "UTC")), cases, [], &rng)
    }

    @Test func aUsersOwnMetricIsGroupedAndMerged() throws {
        /// The share of cases created outside 09:00–17:00 UTC: a KPI written against the protocol.
        struct OutOfHoursShare: Metric {
            var name: String { "outOfHoursShare" }
            func makeState() -> ShareTally { ShareTally() }
            func fold(_ record: Case, into state: inout ShareTally) throws(ServiceMetricsError) {
                let hour = Int(record.createdAt.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400) / 3_600)
                state.add(hour < 9 || hour >= 17)
            }
            func result(of state: ShareTally) -> Double? { state.share }
        }
        var byChannel = MetricAccumulator(OutOfHoursShare(), by: [.channel])
        try byChannel.add(contentsOf: try workedCases())
        // Email: A 09:00 (in), B 16:30 (in) → 0. Phone: C 11:00 (in), D 17:00 (out) → 1/2.
        #expect(byChannel.result(for: ["email"]) == 0)
        #expect(byChannel.result(for: ["phone"]) == 0.5)
        var other = MetricAccumulator(OutOfHoursShare(), by: [.channel])
        try other.add(contentsOf: try workedCases())
        try byChannel.merge(other.state)
        #expect(byChannel.state.groups[["phone"]]?.total == 4)
        // Grouped by something else: refused.
        let other2 = MetricAccumulator(OutOfHoursShare(), by: [.priority])
        #expect { try byChannel.merge(other2.state) } throws: {
            ($0 as? ServiceMetricsError)?.code == .incompatibleStates
        }
    }

    @Test func badRecordsNameThemselves() throws {
        // A business clock cannot read an instant outside 1800–2400; the error names the record.
        let hours = try BusinessCalendar(timeZone: "UTC", weeklyHours: .weekdays(9, 17))
        let ancient = try Case(
            id: "old",
            channel: .email,
            events: [
                event("1", "1700-01-01T09:00:00Z", .created),
                event("2", "1700-01-01T10:00:00Z", .agentReply(agent: nil)),
            ]
        )
        var accumulator = MetricAccumulator(FirstReplyTime(clock: .business(hours)))
        #expect { try accumulator.add(contentsOf: try workedCases() + [ancient]) } throws: {
            ($0 as? ServiceMetricsError)?.path?.hasPrefix("records[4]") == true
        }
        let week = try GroupingDimension<Case>.created(.week, timeZone: "UTC")
        var grouped = MetricAccumulator(FirstReplyTime(), by: [week])
        #expect { try grouped.add(ancient) } throws: {
            ($0 as? ServiceMetricsError)?.path?.hasPrefix("dimensions.createdWeek") == true
        }
        #expect(grouped.state.groups.isEmpty)
    }
}

/// Folds `records` in one pass and in random shards merged in random order, and expects equal states; also checks
/// that the JSON form round-trips.
func checkShards<M: Metric>(
    _ metric: M,
    _ records: [M.Record],
    _ dimensions: [GroupingDimension<M.Record>],
    _ rng: inout SeededGenerator
) throws {
    var single = MetricAccumulator(metric, by: dimensions)
    try single.add(contentsOf: records)
    var shards = Array(repeating: MetricAccumulator(metric, by: dimensions), count: Int.random(in: 2...7, using: &rng))
    for record in records { try shards[Int.random(in: 0..<shards.count, using: &rng)].add(record) }
    shards.shuffle(using: &rng)
    var merged = MetricAccumulator(metric, by: dimensions)
    for shard in shards { try merged.merge(shard.state) }
    #expect(merged.state == single.state, "\(metric.name)")
    #expect(!single.state.groups.isEmpty)
    let data = try JSONEncoder().encode(single.state)
    #expect(try JSONDecoder().decode(GroupedState<M.State>.self, from: data) == single.state)
}
