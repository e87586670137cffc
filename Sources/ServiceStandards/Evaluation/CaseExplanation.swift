public import Foundation
public import ServiceDomain

/// How each outcome of a case was reached, step by step: what a support lead asks for when a breach is disputed.
///
/// It lists the policy's applications (when, why, which rule and priority), then for every cycle the target that
/// judged it, the status periods inside the cycle, whether each counted or paused the clock, and the seconds each
/// counted. The seconds are measured again, period by period with `businessDuration`, not read from the evaluator's
/// batched clock, so that the account checks the figure it explains: ``CycleExplanation/countedTotal`` equals the
/// outcome's ``TargetOutcome/elapsed``.
///
/// ```swift
/// let explanation = try evaluator.explain(ticket, at: now)
/// print(explanation.text)
/// ```
public struct CaseExplanation: Sendable, Hashable, Codable {
    /// The case.
    public let caseID: CaseID
    /// The evaluation instant.
    public let evaluatedAt: Date
    /// The policy's applications, in order.
    public let applications: [TargetApplication]
    /// The names of the rules, by index, for the text.
    public let ruleNames: [String]
    /// One entry per outcome, in the outcomes' order.
    public let cycles: [CycleExplanation]

    /// One cycle's account.
    public struct CycleExplanation: Sendable, Hashable, Codable {
        /// The outcome being explained.
        public let outcome: TargetOutcome
        /// The clock of the target that judged it.
        public let clock: TargetClock
        /// The statuses that paused it (resolved statuses always stop a clock).
        public let pausedStatuses: [CaseStatus]
        /// The status periods inside the cycle, clipped to it, in order.
        public let periods: [Period]

        /// A status period inside a cycle.
        public struct Period: Sendable, Hashable, Codable {
            /// The status.
            public let status: CaseStatus
            /// From.
            public let from: Date
            /// To.
            public let to: Date
            /// Whether the clock ran.
            public let counted: Bool
            /// Seconds counted on the target's clock (zero when paused).
            public let seconds: TimeInterval
            /// The business calendar the seconds were counted on; `nil` for calendar time.
            public let calendar: CalendarID?
        }

        /// The seconds counted over all periods: the outcome's elapsed time, measured again.
        public var countedTotal: TimeInterval { periods.reduce(0) { $0 + $1.seconds } }
    }

    /// The account as text, one line per step, instants in ISO 8601 UTC and durations in hours.
    public var text: String {
        func hours(_ seconds: TimeInterval) -> String { String(format: "%.2f h", seconds / 3_600) }
        func instant(_ date: Date) -> String { InstantCoding.string(from: date) }
        func rule(_ index: Int?) -> String {
            guard let index else { return "no rule" }
            let name = index < ruleNames.count ? ruleNames[index] : ""
            return name.isEmpty ? "rule \(index)" : "rule \(index) \"\(name)\""
        }
        var lines = ["Case \(caseID) evaluated at \(instant(evaluatedAt))", "Policy applications:"]
        for (index, application) in applications.enumerated() {
            lines.append(
                "  \(index). \(instant(application.at)) \(application.reason.rawValue) (event \(application.eventPosition)):"
                    + " \(rule(application.ruleIndex)), priority \(application.priority)"
            )
        }
        if cycles.isEmpty { lines.append("No target applies.") }
        for cycle in cycles {
            let outcome = cycle.outcome
            let clock: String
            switch cycle.clock {
            case .calendarTime: clock = "calendar time"
            case .businessHours(let id): clock = "business hours of \(id)"
            case .caseSchedule: clock = "the case's schedule"
            }
            lines.append(
                "\(outcome.kind.rawValue) cycle \(outcome.cycle): \(instant(outcome.startedAt)) → "
                    + (outcome.endedAt.map(instant) ?? "running") + "; judged by application \(outcome.application) ("
                    + rule(outcome.ruleIndex) + "): target \(hours(outcome.target)) on \(clock)"
                    + (cycle.pausedStatuses.isEmpty
                        ? "" : ", paused while \(cycle.pausedStatuses.map(\.rawValue).joined(separator: ", "))")
            )
            var total = 0.0
            for period in cycle.periods {
                total += period.seconds
                let on = cycle.clock == .caseSchedule ? period.calendar.map { " on \($0)" } ?? "" : ""
                lines.append(
                    "    \(period.status.rawValue) \(instant(period.from)) → \(instant(period.to))\(on): "
                        + (period.counted ? "counted \(hours(period.seconds)), total \(hours(total))" : "clock stopped")
                )
            }
            var verdict = "    \(outcome.state.rawValue): \(hours(outcome.elapsed)) of \(hours(outcome.target))"
            if let breachAt = outcome.breachAt {
                verdict +=
                    outcome.state == .breached
                    ? ", breached at \(instant(breachAt))" : ", breaches at \(instant(breachAt))"
            }
            lines.append(verdict)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension PolicyEvaluator {
    /// Explains how each outcome of a case was reached: the applications, and for every cycle the target in force,
    /// the status periods that counted or paused its clock and the seconds each counted.
    ///
    /// - Parameters:
    ///   - item: The case.
    ///   - now: The evaluation instant; events after it are ignored.
    /// - Returns: The explanation, one entry per outcome of ``evaluate(_:at:)``.
    /// - Throws: As ``evaluate(_:at:)``.
    public func explain(_ item: Case, at now: Date) throws(ServiceStandardsError) -> CaseExplanation {
        let evaluation = try evaluate(item, at: now)
        let view: Case
        do {
            view = try item.asOf(now)
        } catch {
            throw ServiceStandardsError(error)
        }
        var cycles: [CaseExplanation.CycleExplanation] = []
        let statusPeriods = view.facts.statusPeriods
        var schedule: [(from: Date, calendar: CalendarID?)]?
        for outcome in evaluation.outcomes {
            guard outcome.ruleIndex < policy.rules.count,
                let target = policy.rules[outcome.ruleIndex].targets[outcome.kind]
            else { continue }
            // The stretches of the cycle's clock: one calendar (or none), or the case's schedule, split at each move.
            var stretches: [(from: Date, calendar: CalendarID?)] = []
            switch target.clock {
            case .calendarTime: stretches = [(outcome.startedAt, nil)]
            case .businessHours(let id): stretches = [(outcome.startedAt, id)]
            case .caseSchedule:
                if schedule == nil { schedule = try scheduleSegments(of: view).map { ($0.from, $0.calendar) } }
                stretches = schedule ?? []
            }
            let end = outcome.endedAt ?? now
            var periods: [CaseExplanation.CycleExplanation.Period] = []
            // The status periods are contiguous and in order: only those from the first that ends after the cycle's
            // start (found by bisection) to the last that starts before its end can overlap it, so that explaining a
            // case is linear in its events, not quadratic.
            var first = 0
            var past = statusPeriods.count
            while first < past {
                let middle = (first + past) / 2
                if (statusPeriods[middle].end ?? now) > outcome.startedAt { past = middle } else { first = middle + 1 }
            }
            for period in statusPeriods[first...] {
                if period.start >= end { break }
                for (index, stretch) in stretches.enumerated() {
                    let stretchEnd = index + 1 < stretches.count ? stretches[index + 1].from : end
                    let from = max(period.start, outcome.startedAt, stretch.from)
                    let to = min(period.end ?? now, end, stretchEnd)
                    guard to > from else { continue }
                    let counted = !period.status.isResolved && !target.pausedStatuses.contains(period.status)
                    var seconds = 0.0
                    if counted {
                        if let id = stretch.calendar, let calendar = calendars[id] {
                            do throws(ServiceDomainError) {
                                seconds = try calendar.businessDuration(from: from, to: to)
                            } catch {
                                throw ServiceStandardsError(error)
                            }
                        } else {
                            seconds = to.timeIntervalSince(from)
                        }
                    }
                    periods.append(
                        .init(
                            status: period.status,
                            from: from,
                            to: to,
                            counted: counted,
                            seconds: seconds,
                            calendar: stretch.calendar
                        )
                    )
                }
            }
            cycles.append(
                .init(
                    outcome: outcome,
                    clock: target.clock,
                    pausedStatuses: target.pausedStatuses.sorted { $0.rawValue < $1.rawValue },
                    periods: periods
                )
            )
        }
        return CaseExplanation(
            caseID: item.id,
            evaluatedAt: now,
            applications: evaluation.applications,
            ruleNames: policy.rules.map(\.name),
            cycles: cycles
        )
    }
}
