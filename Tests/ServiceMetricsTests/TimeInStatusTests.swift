import Foundation
import ServiceDomain
import ServiceMetrics
import Testing

/// Time in status, on worked examples counted by hand (UTC; Monday is 2026-11-23).
struct TimeInStatusTests {
    /// Created Monday 09:00 (new); open 10:00; pending 11:00; open 13:00; on hold 14:00; open 15:00; solved 16:00;
    /// reopened Tuesday 09:00; pending 10:00; open 11:00; solved 12:00.
    static func reopened() throws -> Case {
        try Case(
            id: "R",
            channel: .email,
            events: [
                event("1", "2026-11-23T09:00:00Z", .created),
                event("2", "2026-11-23T10:00:00Z", .statusChanged(.open)),
                event("3", "2026-11-23T11:00:00Z", .statusChanged(.pending)),
                event("4", "2026-11-23T13:00:00Z", .statusChanged(.open)),
                event("5", "2026-11-23T14:00:00Z", .statusChanged(.onHold)),
                event("6", "2026-11-23T15:00:00Z", .statusChanged(.open)),
                event("7", "2026-11-23T16:00:00Z", .statusChanged(.solved)),
                event("8", "2026-11-24T09:00:00Z", .reopened),
                event("9", "2026-11-24T10:00:00Z", .statusChanged(.pending)),
                event("10", "2026-11-24T11:00:00Z", .statusChanged(.open)),
                event("11", "2026-11-24T12:00:00Z", .statusChanged(.solved)),
            ]
        )
    }

    static func times(_ metric: TimeInStatus, _ cases: [Case]) throws -> (values: [Double], pending: Int) {
        var state = metric.makeState()
        for item in cases { try metric.fold(item, into: &state) }
        // One or two values here: the smallest and the largest (exact below the sketch's threshold).
        let times = state.times
        #expect(times.count <= 2 && times.isExact)
        let values = try [times.quantile(0), times.count == 2 ? times.quantile(1) : nil].compactMap { $0 }
        return (Array(values.prefix(times.count)), state.pending)
    }

    @Test(arguments: [
        // Agent wait (pending): 11–13 (2 h) in the first cycle, Tuesday 10–11 (1 h) in the second.
        ("agentWaitTime", TimeInStatus.Span.firstResolution, [2.0]),
        ("agentWaitTime", .finalResolution, [1]),
        ("agentWaitTime", .fullResolution, [3]),
        ("agentWaitTime", .eachResolutionCycle, [1, 2]),
        // Requester wait (new, open, on hold): new 1 h + open 1 h + open 1 h + on hold 1 h + open 1 h = 5 h first;
        // open Tuesday 09–10 and 11–12 = 2 h in the final cycle; 7 h in all.
        ("requesterWaitTime", .firstResolution, [5]),
        ("requesterWaitTime", .finalResolution, [2]),
        ("requesterWaitTime", .fullResolution, [7]),
        // On hold 14–15; new 09–10; open 10–11, 13–14, 15–16 then Tuesday 2 h.
        ("onHoldTime", .fullResolution, [1]),
        ("timeNew", .fullResolution, [1]),
        ("timeOpen", .firstResolution, [3]),
        ("timeOpen", .fullResolution, [5]),
    ])
    func statusTimesOfAReopenedCase(label: String, span: TimeInStatus.Span, hours: [Double]) throws {
        let metric: TimeInStatus
        switch label {
        case "agentWaitTime": metric = .agentWait(span: span)
        case "requesterWaitTime": metric = .requesterWait(span: span)
        case "onHoldTime": metric = .onHold(span: span)
        case "timeNew": metric = .new(span: span)
        default: metric = .open(span: span)
        }
        #expect(metric.name == "\(label).\(span.name)")
        let result = try Self.times(metric, [try Self.reopened()])
        #expect(result.values == hours.map { $0 * 3_600 } && result.pending == 0)
    }

    @Test func anUnresolvedCaseIsPendingExceptOverTheWholeCase() throws {
        // Created Monday 09:00, pending 10:00, open 12:00, still open at 15:00.
        let item = try Case(
            id: "U",
            channel: .chat,
            events: [
                event("1", "2026-11-23T09:00:00Z", .created),
                event("2", "2026-11-23T10:00:00Z", .statusChanged(.pending)),
                event("3", "2026-11-23T12:00:00Z", .statusChanged(.open)),
            ]
        )
        for span in [TimeInStatus.Span.firstResolution, .finalResolution, .fullResolution, .eachResolutionCycle] {
            let result = try Self.times(.agentWait(span: span), [item])
            #expect(result.values.isEmpty && result.pending == 1, "\(span.name)")
        }
        // Over the whole case to 15:00: pending 10–12 = 2 h; new, open and on hold 09–10 and 12–15 = 4 h.
        let now = try at("2026-11-23T15:00:00Z")
        #expect(try Self.times(.agentWait(span: .wholeCase(at: now)), [item]).values == [7_200])
        #expect(try Self.times(.requesterWait(span: .wholeCase(at: now)), [item]).values == [14_400])
        // Before the case existed: pending, not a negative time.
        #expect(try Self.times(.agentWait(span: .wholeCase(at: try at("2026-11-22T00:00:00Z"))), [item]).pending == 1)
    }

    @Test func businessHoursCountOnlyOpenTime() throws {
        // Monday 16:00 new, pending 16:30 to Tuesday 10:00, open, solved 11:00. Office hours 09:00–17:00:
        // agent wait 16:30–17:00 + 09:00–10:00 = 1.5 h (17.5 h of calendar time); requester wait 0.5 h + 1 h.
        let item = try Case(
            id: "B",
            channel: .email,
            events: [
                event("1", "2026-11-23T16:00:00Z", .created),
                event("2", "2026-11-23T16:30:00Z", .statusChanged(.pending)),
                event("3", "2026-11-24T10:00:00Z", .statusChanged(.open)),
                event("4", "2026-11-24T11:00:00Z", .statusChanged(.solved)),
            ]
        )
        let office = try BusinessCalendar(timeZone: "UTC", weeklyHours: .weekdays(9, 17))
        #expect(try Self.times(.agentWait(clock: .business(office)), [item]).values == [5_400])
        #expect(try Self.times(.agentWait(), [item]).values == [63_000])
        #expect(try Self.times(.requesterWait(clock: .business(office)), [item]).values == [5_400])
    }

    @Test func customSetsAreCheckedAndShardsMerge() throws {
        #expect(throws: ServiceMetricsError.self) { try TimeInStatus(statuses: [], label: "x") }
        #expect(throws: ServiceMetricsError.self) { try TimeInStatus(statuses: [.pending], label: "") }
        // Time solved before a reopen: Monday 16:00 to Tuesday 09:00 = 17 h.
        let solved = try TimeInStatus(statuses: [.solved], label: "timeSolved", span: .fullResolution)
        #expect(try Self.times(solved, [try Self.reopened()]).values == [61_200])
        var rng = SeededGenerator(seed: 77)
        let cases = try (0..<300).map { try randomCase($0, using: &rng) }
        for metric in [TimeInStatus.agentWait(span: .eachResolutionCycle), .requesterWait(), .onHold()] {
            try checkShards(metric, cases, [.channel], &rng)
        }
    }
}
