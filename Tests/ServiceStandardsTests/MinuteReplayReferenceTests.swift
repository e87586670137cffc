import Foundation
import ServiceDomain
import ServiceStandards
import Testing

/// Every helpdesk preset against a reference that replays each case minute by minute.
///
/// Nothing of the library's clock machinery is used by the reference: office hours (UTC, Monday–Friday 09:00–17:00)
/// are decided by arithmetic on the minute, the status in each minute by walking the events, and a cycle's time is
/// the count of its minutes in which the office is open and the status neither resolved nor paused. Cycle boundaries
/// come from the written-out cycle rules of ``EvaluatorReferenceTests``. Events fall on whole minutes, so minutes
/// are exact.
struct MinuteReplayReferenceTests {
    /// 2026-11-02T00:00Z, a Monday.
    static let origin = 1_793_577_600.0

    /// A random case on whole minutes: two weeks of activity at most, with replies, pending and on-hold periods,
    /// solves and reopens.
    static func minuteCase(_ number: Int, using rng: inout SeededGenerator) throws -> Case {
        var minute = Int.random(in: 0..<(10 * 1_440), using: &rng)
        func at(_ minute: Int) -> Date { Date(timeIntervalSince1970: origin + Double(minute) * 60) }
        var events = [CaseEvent(id: "0", at: at(minute), kind: .created)]
        var status = CaseStatus.new
        for index in 1..<Int.random(in: 2...10, using: &rng) {
            minute += Int.random(in: 1...900, using: &rng)
            let kind: CaseEvent.Kind
            switch (status.isResolved, Int.random(in: 0..<7, using: &rng)) {
            case (true, 0...2): kind = .reopened
            case (true, _): kind = .customerReply
            case (false, 0), (false, 1): kind = .agentReply(agent: nil)
            case (false, 2): kind = .customerReply
            case (false, 3): kind = .statusChanged(.pending)
            case (false, 4): kind = .statusChanged(.onHold)
            case (false, 5): kind = .statusChanged(.open)
            default: kind = .statusChanged(.solved)
            }
            if case .statusChanged(let next) = kind { status = next }
            if case .reopened = kind { status = .open }
            events.append(CaseEvent(id: CaseEventID(String(index)), at: at(minute), kind: kind))
        }
        return try Case(id: CaseID("M-\(number)"), channel: .email, events: events)
    }

    /// Whether the office is open in the minute starting at `t` (UTC, Monday–Friday 09:00–17:00).
    static func open(_ t: Double) -> Bool {
        let minutes = Int((t - origin) / 60)
        let day = minutes / 1_440  // 0 = Monday
        let minuteOfDay = minutes % 1_440
        return day % 7 < 5 && minuteOfDay >= 540 && minuteOfDay < 1_020
    }

    /// The status in force during the minute starting at `t`.
    static func status(_ item: Case, at t: Double) -> CaseStatus {
        var current = CaseStatus.new
        for period in item.facts.statusPeriods where period.start.timeIntervalSince1970 <= t {
            current = period.status
        }
        return current
    }

    @Test(arguments: HelpdeskPreset.all.map(\.id))
    func everyPresetAgreesWithAMinuteByMinuteReplay(presetID: String) throws {
        let preset = try #require(HelpdeskPreset.named(presetID))
        // Every metric of the preset that a rule can hold together (Zendesk's periodic update is left for its
        // pausable twin, which shares its kind).
        var targets: [String: [Priority: TimeInterval]] = [:]
        var kinds: Set<TargetKind> = []
        for metric in preset.metrics where kinds.insert(metric.kind).inserted {
            targets[metric.name] = [.normal: Double(Int.random(in: 2...40) * 30) * 60]
        }
        let office: CalendarID = "office"
        let policy = try preset.policy(
            id: preset.id,
            rules: [.init(name: "All", clock: .businessHours(office), targets: targets)]
        )
        let calendar = try BusinessCalendar(timeZone: "UTC", weeklyHours: .weekdays(9, 17))
        let evaluator = try PolicyEvaluator(policy: policy, calendars: [office: calendar])
        var rng = SeededGenerator(seed: UInt64(presetID.utf8.count) &* 7_919)
        var compared = 0
        for number in 0..<10_000 {
            let item = try Self.minuteCase(number, using: &rng)
            let now = item.facts.lastEventAt.addingTimeInterval(Double(Int.random(in: 0...600, using: &rng)) * 60)
            let result = try evaluator.evaluate(item, at: now)
            for (kind, target) in policy.rules[0].targets {
                let cycles = EvaluatorReferenceTests.referenceCycles(kind, item)
                let outcomes = result.outcomes(of: kind)
                #expect(outcomes.count == cycles.count, "\(item.id) \(kind)")
                for (outcome, cycle) in zip(outcomes, cycles) {
                    var minutes = 0
                    var t = cycle.start.timeIntervalSince1970
                    let end = (cycle.end ?? now).timeIntervalSince1970
                    while t < end {
                        let status = Self.status(item, at: t)
                        if Self.open(t), !status.isResolved, !target.pausedStatuses.contains(status) { minutes += 1 }
                        t += 60
                    }
                    #expect(outcome.elapsed == Double(minutes * 60), "\(item.id) \(kind) cycle \(outcome.cycle)")
                    // The verdict by the preset's rules, its `resolvedFirst` deciding a cycle ended by the resolution.
                    let expected = EvaluatorReferenceTests.referenceState(
                        cycle,
                        elapsed: Double(minutes * 60),
                        duration: try #require(target.duration(for: .normal)),
                        now: Self.status(item, at: now.timeIntervalSince1970),
                        paused: target.pausedStatuses,
                        resolutionFulfils: preset.semantics.resolvedFirst == .fulfilled
                    )
                    #expect(outcome.state == expected, "\(item.id) \(kind) cycle \(outcome.cycle) state")
                    compared += 1
                }
            }
        }
        #expect(compared > 20_000, "\(compared) cycles compared")
    }
}
