import Foundation
import ServiceDomain
import ServiceStandards
import Testing

/// Targets on the case's schedule: business time counted on the calendar in force in each interval.
///
/// Late November 2026 both zones keep standard time: London is UTC, New York UTC−5. Monday is 2026-11-23.
struct CaseScheduleTests {
    static func calendars() throws -> [CalendarID: BusinessCalendar] {
        [
            "london": try BusinessCalendar(timeZone: "Europe/London", weeklyHours: .weekdays(9, 17)),
            "newyork": try BusinessCalendar(timeZone: "America/New_York", weeklyHours: .weekdays(9, 17)),
            "sydney": try BusinessCalendar(timeZone: "Australia/Sydney", weeklyHours: .weekdays(8, 18)),
        ]
    }

    /// First reply 2 h and resolution 8 h on the case's schedule; London by default, New York for team "us".
    static func evaluator(rules: [ScheduleSelection.Rule] = [.init(when: .team(["us"]), calendar: "newyork")]) throws
        -> PolicyEvaluator
    {
        let policy = try ServiceLevelPolicy(
            id: "follow-the-sun",
            rules: [
                .init(
                    name: "All",
                    targets: [
                        .firstReply: try ServiceTarget(
                            kind: .firstReply,
                            clock: .caseSchedule,
                            durations: [.normal: 7_200]
                        ),
                        .resolution: try ServiceTarget(
                            kind: .resolution,
                            clock: .caseSchedule,
                            durations: [.normal: 28_800]
                        ),
                    ]
                )
            ],
            schedules: ScheduleSelection(default: "london", rules: rules)
        )
        return try PolicyEvaluator(policy: policy, calendars: try calendars())
    }

    @Test func aMoveToAnotherSchedulesHoursCountsEachSideOnItsOwnCalendar() throws {
        // Created 15:00Z (London 15:00), moved to New York at 16:00Z (New York 11:00), replied at 18:00Z (13:00):
        // 1 h on London's hours, then 2 h on New York's = 3 h against 2 h. The 2 h ran out at 17:00Z: 1 h in London,
        // 1 h in New York from 16:00Z.
        let item = try Case(
            id: "S",
            channel: .email,
            events: [
                event("1", "2026-11-23T15:00:00Z", .created),
                event("2", "2026-11-23T16:00:00Z", .scheduleChanged("newyork")),
                event("3", "2026-11-23T18:00:00Z", .agentReply(agent: "a")),
            ]
        )
        let evaluator = try Self.evaluator()
        let now = try at("2026-11-23T20:00:00Z")
        let first = try #require(try evaluator.evaluate(item, at: now).outcomes(of: .firstReply).first)
        #expect(first.elapsed == 10_800 && first.state == .breached)
        #expect(first.breachAt == (try at("2026-11-23T17:00:00Z")))
        let schedule = try evaluator.schedule(of: item, at: now)
        #expect(schedule.map(\.calendar) == ["london", "newyork"] && schedule.map(\.explicit) == [false, true])
        // Resolution still running at 20:00Z: 1 h London, then 16:00Z–20:00Z on New York's hours (11:00–15:00 local)
        // = 4 h: 5 h of 8 h. The 3 h left: 15:00–17:00 local Monday, then 1 h from Tuesday's 09:00 opening: due
        // Tuesday 10:00 New York = 15:00Z.
        let resolution = try #require(try evaluator.evaluate(item, at: now).outcomes(of: .resolution).first)
        #expect(resolution.elapsed == 18_000 && resolution.state == .active)
        #expect(resolution.breachAt == (try at("2026-11-24T15:00:00Z")))
        // The account shows the move.
        let text = try evaluator.explain(item, at: now).text
        #expect(
            text.contains("new 2026-11-23T16:00:00Z → 2026-11-23T18:00:00Z on newyork: counted 2.00 h, total 3.00 h")
        )
    }

    @Test func aTeamRuleChoosesTheScheduleUntilAnEventSetsIt() throws {
        // Assigned to team "us" at 16:00Z: the rule moves the case to New York, as the event did above.
        let byTeam = try Case(
            id: "T",
            channel: .email,
            events: [
                event("1", "2026-11-23T15:00:00Z", .created),
                event("2", "2026-11-23T16:00:00Z", .assigned(agent: nil, team: "us")),
                event("3", "2026-11-23T18:00:00Z", .agentReply(agent: "a")),
            ]
        )
        let evaluator = try Self.evaluator()
        let now = try at("2026-11-23T20:00:00Z")
        #expect(try evaluator.evaluate(byTeam, at: now).outcomes(of: .firstReply).first?.elapsed == 10_800)
        // An explicit move to Sydney at 15:30Z, then the team change: from the event on, events decide. Sydney's
        // Tuesday 08:00–18:00 is Monday 21:00Z–07:00Z, so 15:30Z–18:00Z counts nothing there: 0.5 h in all.
        let explicit = try Case(
            id: "E",
            channel: .email,
            events: [
                event("1", "2026-11-23T15:00:00Z", .created),
                event("2", "2026-11-23T15:30:00Z", .scheduleChanged("sydney")),
                event("3", "2026-11-23T16:00:00Z", .assigned(agent: nil, team: "us")),
                event("4", "2026-11-23T18:00:00Z", .agentReply(agent: "a")),
            ]
        )
        #expect(try evaluator.schedule(of: explicit, at: now).map(\.calendar) == ["london", "sydney"])
        #expect(try evaluator.evaluate(explicit, at: now).outcomes(of: .firstReply).first?.elapsed == 1_800)
    }

    @Test func unsuppliedCalendarsAndMissingSchedulesAreErrorsNamingTheField() throws {
        let item = try Case(
            id: "X",
            channel: .email,
            events: [
                event("1", "2026-11-23T15:00:00Z", .created),
                event("2", "2026-11-23T16:00:00Z", .scheduleChanged("mars")),
            ]
        )
        #expect {
            try Self.evaluator().evaluate(item, at: try at("2026-11-23T18:00:00Z"))
        } throws: { error in
            (error as? ServiceStandardsError)?.code == .unknownCalendar
                && (error as? ServiceStandardsError)?.path == "events[1].calendar"
        }
        #expect {
            try ServiceLevelPolicy(
                id: "p",
                rules: [
                    .init(
                        name: "r",
                        targets: [
                            .firstReply: try ServiceTarget(
                                kind: .firstReply,
                                clock: .caseSchedule,
                                durations: [.normal: 60]
                            )
                        ]
                    )
                ]
            )
        } throws: { error in
            (error as? ServiceStandardsError)?.path == "rules[0].targets.firstReply.clock"
        }
        #expect {
            try Self.evaluator(rules: [.init(when: .always, calendar: "paris")])
        } throws: { error in
            (error as? ServiceStandardsError)?.path == "schedules.rules[0].calendar"
        }
        // The JSON forms: the clock is "schedule", the selection names its default and rules.
        let json = """
            {"id": "p", "schedules": {"default": "london", "rules": [{"when": {"team": ["us"]}, "calendar": "newyork"}]},
             "rules": [{"targets": {"firstReply": {"clock": "schedule", "durations": {"normal": 60}}}}]}
            """
        let policy = try ServiceLevelPolicy.load(from: Data(json.utf8))
        #expect(policy.schedules?.rules.first?.calendar == "newyork" && policy.calendarIDs == ["london", "newyork"])
        #expect(try ServiceLevelPolicy.load(from: try JSONEncoder().encode(policy)) == policy)
        #expect(throws: ServiceStandardsError.self) {
            try ServiceLevelPolicy.load(
                from: Data(json.replacingOccurrences(of: #""default""#, with: #""fallback""#).utf8)
            )
        }
    }

    /// On random cases moved between three calendars in three zones, the elapsed time is the sum, period by period
    /// and stretch by stretch, of `businessDuration` on the calendar in force; at a breach instant exactly the target
    /// has been used.
    @Test func randomMovesAgreeWithAPeriodByPeriodReference() throws {
        let evaluator = try Self.evaluator(rules: [])
        let calendars = try Self.calendars()
        let ids: [CalendarID] = ["london", "newyork", "sydney"]
        var rng = SeededGenerator(seed: 41)
        var checked = 0
        var moved = 0
        for number in 0..<300 {
            let base = try randomCase(number, using: &rng)
            var events: [CaseEvent] = []
            for (index, event) in base.events.enumerated() {
                events.append(event)
                guard index + 1 < base.events.count, Int.random(in: 0..<3, using: &rng) == 0 else { continue }
                let gap = base.events[index + 1].at.timeIntervalSince(event.at)
                guard gap >= 2 else { continue }
                let move = CaseEvent(
                    id: CaseEventID("m\(index)"),
                    at: event.at.addingTimeInterval((gap / 2).rounded(.down)),
                    kind: .scheduleChanged(ids.randomElement(using: &rng) ?? "london")
                )
                events.append(move)
            }
            let item = try Case(id: base.id, channel: base.channel, priority: .normal, events: events)
            let now = item.facts.lastEventAt.addingTimeInterval(3_600)
            let stretches = try evaluator.schedule(of: item, at: now)
            if stretches.count > 1 { moved += 1 }
            for outcome in try evaluator.evaluate(item, at: now).outcomes {
                func used(until end: Date) throws -> Double {
                    var total = 0.0
                    for period in item.facts.statusPeriods where !period.status.isResolved {
                        for (index, stretch) in stretches.enumerated() {
                            let stretchEnd = index + 1 < stretches.count ? stretches[index + 1].from : end
                            let from = max(period.start, outcome.startedAt, stretch.from)
                            let to = min(period.end ?? end, end, stretchEnd)
                            guard to > from, let calendar = calendars[stretch.calendar] else { continue }
                            total += try calendar.businessDuration(from: from, to: to)
                        }
                    }
                    return total
                }
                #expect(outcome.elapsed == (try used(until: outcome.endedAt ?? now)), "\(item.id) \(outcome.kind)")
                if let breachAt = outcome.breachAt {
                    #expect(abs((try used(until: breachAt)) - outcome.target) < 1e-6, "\(item.id) breach")
                }
                checked += 1
            }
        }
        #expect(checked > 500 && moved > 100, "\(checked) outcomes, \(moved) cases moved")
    }
}
