import Foundation
import ServiceDomain
import ServiceStandards
import Testing

/// The evaluator against a deliberately simple reference.
///
/// The reference reads cycles from the events and status periods (not the compact codes the evaluator scans), and sums
/// counted time period by period with `businessDuration` (not the batched readings). Any difference is a bug in one
/// of them.
struct EvaluatorReferenceTests {
    struct ReferenceCycle: Equatable {
        let start: Date
        let end: Date?
        let met: Bool
    }

    /// The cycle rules of `TargetKind`'s documentation, written directly over the events.
    static func referenceCycles(_ kind: TargetKind, _ item: Case) -> [ReferenceCycle] {
        let facts = item.facts
        switch kind {
        case .firstReply:
            if let reply = facts.firstAgentReplyAt, facts.firstResolvedAt.map({ reply <= $0 }) ?? true {
                return [ReferenceCycle(start: facts.createdAt, end: reply, met: true)]
            }
            if let resolved = facts.firstResolvedAt {
                return [ReferenceCycle(start: facts.createdAt, end: resolved, met: false)]
            }
            return [ReferenceCycle(start: facts.createdAt, end: nil, met: false)]
        case .resolution:
            var cycles: [ReferenceCycle] = []
            var start: Date? = facts.createdAt
            for period in facts.statusPeriods {
                if period.status.isResolved {
                    if let open = start { cycles.append(ReferenceCycle(start: open, end: period.start, met: true)) }
                    start = nil
                } else if start == nil {
                    start = period.start
                }
            }
            if let open = start { cycles.append(ReferenceCycle(start: open, end: nil, met: false)) }
            return cycles
        case .requesterWait, .agentWork:
            let end = facts.status.isResolved ? facts.solvedAt : nil
            return [ReferenceCycle(start: facts.createdAt, end: end, met: end != nil)]
        case .nextReply, .periodicUpdate:
            var cycles: [ReferenceCycle] = []
            var resolved = false
            var replied = false
            var waiting: Date?
            var wroteWhileResolved: Date?
            for event in item.events {
                var next: CaseStatus?
                switch event.kind {
                case .agentReply:
                    if kind == .nextReply {
                        if replied, let since = waiting {
                            cycles.append(ReferenceCycle(start: since, end: event.at, met: true))
                        }
                        waiting = nil
                    } else if !resolved {
                        if let since = waiting { cycles.append(ReferenceCycle(start: since, end: event.at, met: true)) }
                        waiting = event.at
                    }
                    replied = true
                case .customerReply where kind == .nextReply && replied:
                    if resolved {
                        wroteWhileResolved = wroteWhileResolved ?? event.at
                    } else if waiting == nil {
                        waiting = event.at
                    }
                case .statusChanged(let status): next = status
                case .reopened: next = .open
                default: break
                }
                guard let next else { continue }
                let was = resolved
                resolved = next.isResolved
                if !was && resolved {
                    if let since = waiting, since < event.at {
                        cycles.append(ReferenceCycle(start: since, end: event.at, met: false))
                    }
                    waiting = nil
                    wroteWhileResolved = nil
                } else if was && !resolved {
                    if kind == .nextReply { waiting = wroteWhileResolved }
                    wroteWhileResolved = nil
                }
            }
            if let since = waiting { cycles.append(ReferenceCycle(start: since, end: nil, met: false)) }
            return cycles
        }
    }

    /// Counted seconds of a cycle: each status period that counts, clipped to the cycle, measured on its own.
    static func referenceElapsed(
        _ cycle: ReferenceCycle,
        _ item: Case,
        paused: Set<CaseStatus>,
        calendar: BusinessCalendar?,
        now: Date
    ) throws -> Double {
        var total = 0.0
        for period in item.facts.statusPeriods where !period.status.isResolved && !paused.contains(period.status) {
            let from = max(period.start, cycle.start)
            let to = min(period.end ?? now, cycle.end ?? now)
            guard from < to else { continue }
            total += try calendar.map { try $0.businessDuration(from: from, to: to) } ?? to.timeIntervalSince(from)
        }
        return total
    }

    /// A cycle's state by the documented rules: over target, breached; ended by the awaited event, achieved; ended
    /// by the resolution, not applicable (or achieved where the resolution fulfils); running, active unless its
    /// clock is stopped by the status at the evaluation instant.
    static func referenceState(
        _ cycle: ReferenceCycle,
        elapsed: Double,
        duration: Double,
        now status: CaseStatus,
        paused: Set<CaseStatus>,
        resolutionFulfils: Bool = false
    ) -> TargetState {
        if elapsed > duration { return .breached }
        if cycle.end != nil { return cycle.met || resolutionFulfils ? .achieved : .notApplicable }
        return status.isResolved || paused.contains(status) ? .paused : .active
    }

    @Test(arguments: [false, true])
    func evaluatorAgreesWithTheReference(businessHours: Bool) throws {
        let (evaluator, policy) = try examplePolicy()
        let calendar = try #require(evaluator.calendars["office"])
        var rng = SeededGenerator(seed: businessHours ? 11 : 12)
        var checked = 0
        for number in 0..<400 {
            let item = try randomCase(number, using: &rng)
            // Sometimes in the middle of the case's life, so that running and paused cycles are covered too.
            let last = item.facts.lastEventAt.timeIntervalSince1970
            let first = item.createdAt.timeIntervalSince1970
            let now = Date(timeIntervalSince1970: Bool.random(using: &rng) ? last + 3600 : (first + last) / 2)
            let result = try evaluator.evaluate(item, at: now)
            // The streaming form visits the same outcomes in the same order; without breach instants, only those
            // differ.
            var streamed: [TargetOutcome] = []
            let rule = try evaluator.evaluate(item, at: now) { streamed.append($0) }
            #expect(rule == result.ruleIndex && streamed == result.outcomes)
            var withoutBreaches: [TargetOutcome] = []
            try evaluator.evaluate(item, at: now, breachInstants: false) { withoutBreaches.append($0) }
            #expect(withoutBreaches.allSatisfy { $0.breachAt == nil })
            #expect(withoutBreaches.map(\.elapsed) == result.outcomes.map(\.elapsed))
            #expect(withoutBreaches.map(\.state) == result.outcomes.map(\.state))
            let view = try Case(
                id: item.id,
                channel: item.channel,
                priority: item.priority,
                events: item.events.filter { $0.at <= now }
            )
            guard let ruleIndex = result.ruleIndex else { continue }
            for (kind, target) in policy.rules[ruleIndex].targets {
                guard let duration = target.duration(for: view.facts.priority) else {
                    #expect(result.outcomes(of: kind).isEmpty)
                    continue
                }
                let clockCalendar: BusinessCalendar? = target.clock == .calendarTime ? nil : calendar
                guard businessHours == (clockCalendar != nil) else { continue }
                let expected = Self.referenceCycles(kind, view)
                let actual = result.outcomes(of: kind)
                #expect(actual.map(\.startedAt) == expected.map(\.start), "\(item.id) \(kind) starts")
                #expect(actual.map(\.endedAt) == expected.map(\.end), "\(item.id) \(kind) ends")
                for (outcome, cycle) in zip(actual, expected) {
                    let elapsed = try Self.referenceElapsed(
                        cycle,
                        view,
                        paused: target.pausedStatuses,
                        calendar: clockCalendar,
                        now: now
                    )
                    #expect(outcome.elapsed == elapsed, "\(item.id) \(kind) cycle \(outcome.cycle)")
                    let state = Self.referenceState(
                        cycle,
                        elapsed: elapsed,
                        duration: duration,
                        now: view.facts.statusPeriods.last?.status ?? .new,
                        paused: target.pausedStatuses
                    )
                    #expect(outcome.state == state, "\(item.id) \(kind) cycle \(outcome.cycle) state")
                    #expect((outcome.state == .breached) == (outcome.state == .breached && outcome.breachAt != nil))
                    if outcome.state == .breached, let breachAt = outcome.breachAt {
                        // At the breach instant exactly the target has been used; the clock then runs over.
                        let upTo = ReferenceCycle(start: cycle.start, end: breachAt, met: cycle.met)
                        let used = try Self.referenceElapsed(
                            upTo,
                            view,
                            paused: target.pausedStatuses,
                            calendar: clockCalendar,
                            now: now
                        )
                        #expect(abs(used - duration) < 1e-6, "\(item.id) \(kind) breach instant")
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 300)  // the run really compared hundreds of cycles
    }
}
