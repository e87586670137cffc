public import Foundation

/// The cases' part of a service report — the standards and operations sections — folded one case at a time into a
/// state that is `Codable` and mergeable, so that a report can be built from a stream of cases (memory grows with the
/// groups: weeks, priorities, teams, channels, agents; never with the cases) and from shards folded apart.
///
/// ```swift
/// var cases = try ServiceReportAccumulator(for: input)      // input.cases may be empty
/// try mapping.streamCases(from: reader, problem: { _ in }) { try? cases.add($0) }
/// let report = try ServiceReport.build(input, cases: cases)
/// ```
///
/// Shards folded with accumulators made from the same input (organisation, policy, calendar, case detail, `asOf`)
/// merge with ``merge(_:)-(ServiceReportAccumulator.State)`` in any order into the state one pass over all their cases gives; a state from elsewhere is
/// restored with ``init(for:state:)``, which checks that it was made for the same report. The report built from
/// merged shards equals the report of one pass (byte for byte as JSON where durations are whole seconds, as exports
/// give them; sums of fractional seconds agree to rounding).
public struct ServiceReportAccumulator: Sendable {
    /// The counts, summaries and lists; its KPI states are filled in by ``state``.
    private var core: State
    /// Set when an add failed part-way: the state no longer describes whole cases.
    private var failure: String?
    private let evaluator: PolicyEvaluator?
    private let calendar: BusinessCalendar
    private let asOf: Date
    private let detail: ServiceReportInput.CaseDetail
    private let atRiskWithin: TimeInterval
    private let weeks: TimeBucketing
    private var firstReply: MetricAccumulator<FirstReplyTime>
    private var resolution: MetricAccumulator<ResolutionTime>
    private var oneTouch: MetricAccumulator<CaseRate>
    private var reopens: MetricAccumulator<CaseRate>
    private var escalations: MetricAccumulator<CaseRate>
    private var backlog: MetricAccumulator<Backlog>
    private var flow: MetricAccumulator<CreatedVersusSolved>

    /// The most cycles kept in each of the "at risk" and "breaching now" lists.
    public static let listedCycles = 20

    /// The grouping dimensions of the standards section's breakdowns.
    static let dimensions = ["priority", "team", "channel", "agent"]

    /// An empty accumulator for the report of `input` (whose own cases are not added).
    ///
    /// - Parameter input: The report's input: its organisation, service levels, calendar, case detail, `asOf` and
    ///   at-risk horizon are used.
    /// - Throws: `ServiceStandardsError` when the service levels cannot make an evaluator, `ServiceMetricsError` for
    ///   the backlog's bins.
    public init(for input: ServiceReportInput) throws {
        evaluator = try input.serviceLevels?.evaluator(organisation: input.organisation)
        calendar = input.calendar
        asOf = input.asOf
        detail = input.caseDetail
        atRiskWithin = input.atRiskWithin
        weeks = TimeBucketing(.week, in: input.calendar)
        firstReply = MetricAccumulator(FirstReplyTime(clock: .business(input.calendar)))
        resolution = MetricAccumulator(ResolutionTime(clock: .business(input.calendar)))
        oneTouch = MetricAccumulator(CaseRate.firstContactResolution)
        reopens = MetricAccumulator(CaseRate.reopenRate)
        escalations = MetricAccumulator(CaseRate.escalationRate)
        backlog = MetricAccumulator(
            try Backlog(at: input.asOf, ageBounds: ServiceReport.backlogBins.dropLast().map { $0.upperDays * 86_400 })
        )
        flow = MetricAccumulator(CreatedVersusSolved(by: TimeBucketing(.week, in: input.calendar)))
        core = State(
            report: State.Identity(input),
            rules: input.serviceLevels?.policy.rules.count ?? 0,
            firstReply: firstReply.state,
            resolution: resolution.state,
            oneTouch: oneTouch.state,
            reopens: reopens.state,
            escalations: escalations.state,
            backlog: backlog.state,
            flow: flow.state
        )
    }

    /// An accumulator holding a state made elsewhere (a shard's, read from JSON).
    ///
    /// - Parameters:
    ///   - input: The report's input, as for ``init(for:)``.
    ///   - state: The state.
    /// - Throws: `ServiceMetricsError` with code `incompatibleStates` when the state was made for another report
    ///   (another `asOf`, calendar, policy, organisation or case detail) or is not one that adding cases can make,
    ///   and as ``init(for:)``.
    public init(for input: ServiceReportInput, state: State) throws {
        self = try Self(for: input)
        try merge(state)
    }

    /// The accumulated state.
    public var state: State {
        var state = core
        state.firstReply = firstReply.state
        state.resolution = resolution.state
        state.oneTouch = oneTouch.state
        state.reopens = reopens.state
        state.escalations = escalations.state
        state.backlog = backlog.state
        state.flow = flow.state
        return state
    }

    /// The cases added: those created before `asOf`.
    public var caseCount: Int { core.cases }

    /// Adds a case; a case created at or after `asOf` is not part of the report and is passed over.
    ///
    /// Everything about the case that can fail (its evaluation, business durations, week labels) is worked out
    /// before anything is counted, so a failing case leaves the state as it was; should a KPI still fail part-way, the
    /// accumulator refuses further cases and reports (the error is thrown again).
    ///
    /// - Parameter item: The case.
    /// - Throws: The modules' errors for a case they reject (such as one outside the calendars' years).
    public mutating func add(_ item: Case) throws {
        if let failure {
            throw ServiceMetricsError(.inconsistent, at: "cases", "an earlier case failed part-way: \(failure)")
        }
        let facts = item.facts
        guard facts.createdAt < asOf else { return }
        // Everything that can fail, before anything is counted.
        let excluded: Set<TargetKind> = detail == .timelines ? [] : Set(Assembly.timelineKinds)
        let evaluation = try evaluator.map { try $0.evaluate(item, at: asOf).excluding(excluded) }
        let week = try weeks.label(of: facts.createdAt)
        var replySeconds: Double?
        if let reply = facts.firstAgentReplyAt, reply <= asOf {
            replySeconds = try calendar.businessDuration(from: facts.createdAt, to: reply)
        }
        var resolved: (seconds: Double, week: String)?
        var waits: (waiting: Double, working: Double)?
        if facts.status.isResolved, let solved = facts.solvedAt ?? facts.closedAt, solved <= asOf {
            resolved = (try calendar.businessDuration(from: facts.createdAt, to: solved), try weeks.label(of: solved))
            if detail == .timelines {
                var waiting = 0.0
                var working = 0.0
                for period in facts.statusPeriods {
                    let end = min(period.end ?? asOf, asOf)
                    guard end > period.start else { continue }
                    let length = try calendar.businessDuration(from: period.start, to: end)
                    switch period.status {
                    case .new, .open:
                        waiting += length
                        working += length
                    case .onHold: waiting += length
                    default: break
                    }
                }
                waits = (waiting, working)
            }
        }
        do {
            try firstReply.add(item)
            try resolution.add(item)
            try backlog.add(item)
            try flow.add(item)
            if detail == .timelines {
                try oneTouch.add(item)
                try escalations.add(item)
            }
            if detail != .milestones { try reopens.add(item) }
            try count(item, evaluation: evaluation, week: week, reply: replySeconds, resolved: resolved, waits: waits)
        } catch {
            failure = "case \(item.id.rawValue): \(error)"
            throw error
        }
    }

    /// Counts a case whose figures are known.
    private mutating func count(
        _ item: Case,
        evaluation: CaseEvaluation?,
        week: String,
        reply: Double?,
        resolved: (seconds: Double, week: String)?,
        waits: (waiting: Double, working: Double)?
    ) throws {
        let facts = item.facts
        core.cases += 1
        core.earliest = min(core.earliest ?? facts.createdAt, facts.createdAt)
        if let evaluation {
            if let rule = evaluation.ruleIndex, core.ruleMatches.indices.contains(rule) { core.ruleMatches[rule] += 1 }
            core.overall.add(evaluation)
            core.weekly.add(evaluation, group: [week])
            core.casesPerWeek[week, default: 0] += 1
            let values = [
                facts.priority.rawValue, facts.team?.rawValue ?? "(none)", item.channel.rawValue,
                facts.assignee?.rawValue ?? "(none)",
            ]
            for index in values.indices {
                core.byDimension[index].add(evaluation, group: [values[index]])
                core.casesByGroup[index][values[index], default: 0] += 1
            }
            let currentStart = asOf.addingTimeInterval(-ServiceReport.comparisonPeriod)
            let previousStart = currentStart.addingTimeInterval(-ServiceReport.comparisonPeriod)
            if facts.createdAt >= currentStart {
                core.current.add(evaluation)
            } else if facts.createdAt >= previousStart {
                core.previous.add(evaluation)
            }
            for outcome in evaluation.outcomes where outcome.endedAt == nil {
                let line = ServiceReport.CycleLine(
                    caseID: item.id,
                    kind: outcome.kind,
                    priority: facts.priority,
                    assignee: facts.assignee,
                    remaining: outcome.target - outcome.elapsed,
                    due: outcome.breachAt
                )
                if outcome.state == .breached {
                    State.insert(line, into: &core.breaching)
                } else if outcome.state == .active, outcome.remaining <= atRiskWithin {
                    State.insert(line, into: &core.atRisk)
                }
            }
        }
        let agent = facts.assignee?.rawValue ?? "(unassigned)"
        if facts.status.isResolved { core.solved += 1 } else { core.open += 1 }
        try core.agents[agent, default: State.AgentFigures()].count(reply: reply, resolved: resolved, facts: facts)
        if let reply {
            let bin = ServiceReport.firstReplyBins.firstIndex { reply / 3_600 < $0.upperHours } ?? 0
            core.histogram[bin] += 1
            try core.weeklyReply[week, default: Distribution()].add(reply)
        }
        if let resolved { try core.weeklyResolution[resolved.week, default: Distribution()].add(resolved.seconds) }
        if let waits {
            try core.requesterWait.add(waits.waiting)
            try core.agentWork.add(waits.working)
        }
    }

    /// Merges another shard's state.
    ///
    /// - Parameter other: A state made for the same report.
    /// - Throws: `ServiceMetricsError` with code `incompatibleStates` for a state made for another report or one that
    ///   adding cases cannot make, and the states' own merge errors; the state is unchanged then.
    public mutating func merge(_ other: State) throws {
        guard other.report == core.report else {
            throw ServiceMetricsError(
                .incompatibleStates,
                at: "report",
                "the state was made for another report (\(other.report.summary)) than this one (\(core.report.summary))"
            )
        }
        try other.validate()
        var next = self
        try next.core.merge(other)
        try next.firstReply.merge(other.firstReply)
        try next.resolution.merge(other.resolution)
        try next.oneTouch.merge(other.oneTouch)
        try next.reopens.merge(other.reopens)
        try next.escalations.merge(other.escalations)
        try next.backlog.merge(other.backlog)
        try next.flow.merge(other.flow)
        self = next
    }

    /// Merges another accumulator's state.
    ///
    /// - Parameter other: An accumulator made for the same report.
    /// - Throws: As ``merge(_:)-(ServiceReportAccumulator.State)``.
    public mutating func merge(_ other: ServiceReportAccumulator) throws { try merge(other.state) }

    // MARK: - Reading

    /// The KPI accumulators, for the operations section.
    var kpis:
        (
            firstReply: MetricAccumulator<FirstReplyTime>, resolution: MetricAccumulator<ResolutionTime>,
            oneTouch: MetricAccumulator<CaseRate>, reopens: MetricAccumulator<CaseRate>,
            escalations: MetricAccumulator<CaseRate>, backlog: MetricAccumulator<Backlog>,
            flow: MetricAccumulator<CreatedVersusSolved>
        )
    { (firstReply, resolution, oneTouch, reopens, escalations, backlog, flow) }

    /// Why the accumulator refuses to report, if an add failed part-way.
    var failed: String? { failure }
}

extension ServiceReportAccumulator {
    /// The accumulated state of a report's cases: counts, compliance summaries, KPI states and the bounded lists of
    /// cycles, all mergeable.
    ///
    /// JSON: an object with the report's identity (`report`: `asOf`, time zone, business hours, policy, organisation,
    /// case detail, at-risk horizon), `cases`, `earliest`, the compliance summaries (`overall`, `weekly`,
    /// `byDimension`, `current`, `previous`), counts by group (`casesByGroup`, `casesPerWeek`, `ruleMatches`), the
    /// cycle lists (`atRisk`, `breaching`, at most ``ServiceReportAccumulator/listedCycles`` each, ordered by time
    /// left), the operations figures (`open`, `solved`, `histogram`, `weeklyReply`, `weeklyResolution`,
    /// `requesterWait`, `agentWork`, `agents`) and the KPI states (`firstReply`, `resolution`, `oneTouch`, `reopens`,
    /// `escalations`, `backlog`, `flow`, each a `GroupedState`).
    ///
    /// Decoding checks every part as its own type does (each summary, sketch and KPI state); the whole — counts within
    /// the cases, the lists in order — is checked when the state is merged or resumed
    /// (``ServiceReportAccumulator/init(for:state:)``), before any of it is used.
    public struct State: Sendable, Equatable, Codable {
        /// What report the state belongs to: shards merge only with states of the same report.
        public struct Identity: Sendable, Hashable, Codable {
            /// The evaluation instant.
            public var asOf: Date
            /// The reporting calendar's time zone.
            public var timeZone: String
            /// The reporting calendar, as JSON (its hours and holidays decide business durations).
            public var calendar: String
            /// The policy's name, if there is one.
            public var policy: String?
            /// The policy and its calendars, as JSON, if there is one.
            public var serviceLevels: String?
            /// The organisation's name, if known.
            public var organisation: String?
            /// How much history the cases carry.
            public var caseDetail: ServiceReportInput.CaseDetail
            /// The at-risk horizon, seconds.
            public var atRiskWithin: TimeInterval

            init(_ input: ServiceReportInput) {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                asOf = input.asOf
                timeZone = input.calendar.timeZoneIdentifier
                calendar = (try? encoder.encode(input.calendar)).map { String(decoding: $0, as: UTF8.self) } ?? ""
                policy = input.serviceLevels?.policy.name
                serviceLevels = input.serviceLevels.flatMap { try? encoder.encode($0) }.map {
                    String(decoding: $0, as: UTF8.self)
                }
                organisation = input.organisation?.name
                caseDetail = input.caseDetail
                atRiskWithin = input.atRiskWithin
            }

            var summary: String {
                "as of \(asOf), \(timeZone), policy \(policy ?? "none"), \(caseDetail.rawValue) cases"
            }
        }

        /// A case owner's figures.
        public struct AgentFigures: Sendable, Hashable, Codable {
            /// Cases assigned.
            public var cases = 0
            /// Of them, solved.
            public var solved = 0
            /// Of the solved, reopened at least once.
            public var reopened = 0
            /// First-reply times, business seconds.
            public var firstReply = Distribution()
            /// Resolution times, business seconds.
            public var resolution = Distribution()

            mutating func count(reply: Double?, resolved: (seconds: Double, week: String)?, facts: CaseFacts) throws {
                cases += 1
                if let reply { try firstReply.add(reply) }
                guard let resolved else { return }
                solved += 1
                if facts.reopenCount > 0 { reopened += 1 }
                try resolution.add(resolved.seconds)
            }
        }

        /// The report the state belongs to.
        public var report: Identity
        /// Cases added.
        public var cases = 0
        /// The earliest creation instant among them.
        public var earliest: Date?
        /// Compliance over every case.
        public var overall = ComplianceSummary()
        /// Compliance by creation week.
        public var weekly = ComplianceSummary(dimensions: ["createdWeek"])
        /// Compliance by priority, team, channel and agent, in that order.
        public var byDimension = ServiceReportAccumulator.dimensions.map { ComplianceSummary(dimensions: [$0]) }
        /// Cases by group, per dimension.
        public var casesByGroup = ServiceReportAccumulator.dimensions.map { _ in [String: Int]() }
        /// Cases by creation week.
        public var casesPerWeek: [String: Int] = [:]
        /// Compliance of the cases created in the latest comparison period, and in the one before it.
        public var current = ComplianceSummary()
        /// Compliance of the cases created in the comparison period before the latest.
        public var previous = ComplianceSummary()
        /// Cases matched by each rule of the policy, in rule order.
        public var ruleMatches: [Int]
        /// Open cycles within the at-risk horizon, least time left first.
        public var atRisk: [ServiceReport.CycleLine] = []
        /// Open cycles past their target, most overdue first.
        public var breaching: [ServiceReport.CycleLine] = []
        /// Cases not resolved.
        public var open = 0
        /// Cases resolved.
        public var solved = 0
        /// First replies by the bins of ``ServiceReport/firstReplyBins``.
        public var histogram = ServiceReport.firstReplyBins.map { _ in 0 }
        /// First-reply times by creation week.
        public var weeklyReply: [String: Distribution] = [:]
        /// Resolution times by resolution week.
        public var weeklyResolution: [String: Distribution] = [:]
        /// Requester wait of resolved cases (new, open, on hold).
        public var requesterWait = Distribution()
        /// Agent work time of resolved cases (new, open).
        public var agentWork = Distribution()
        /// Figures by case owner.
        public var agents: [String: AgentFigures] = [:]
        /// First-reply time.
        public var firstReply: GroupedState<DurationTally>
        /// Resolution time.
        public var resolution: GroupedState<DurationTally>
        /// First-contact resolution.
        public var oneTouch: GroupedState<ShareTally>
        /// Reopen rate.
        public var reopens: GroupedState<ShareTally>
        /// Escalation rate.
        public var escalations: GroupedState<ShareTally>
        /// Backlog by age.
        public var backlog: GroupedState<BacklogTally>
        /// Created against solved by week.
        public var flow: GroupedState<FlowTally>

        init(
            report: Identity,
            rules: Int,
            firstReply: GroupedState<DurationTally>,
            resolution: GroupedState<DurationTally>,
            oneTouch: GroupedState<ShareTally>,
            reopens: GroupedState<ShareTally>,
            escalations: GroupedState<ShareTally>,
            backlog: GroupedState<BacklogTally>,
            flow: GroupedState<FlowTally>
        ) {
            self.report = report
            self.ruleMatches = Array(repeating: 0, count: rules)
            self.firstReply = firstReply
            self.resolution = resolution
            self.oneTouch = oneTouch
            self.reopens = reopens
            self.escalations = escalations
            self.backlog = backlog
            self.flow = flow
        }

        /// The order of the cycle lists: least time left first, then by case and kind, then by due instant.
        static func precedes(_ a: ServiceReport.CycleLine, _ b: ServiceReport.CycleLine) -> Bool {
            if a.remaining != b.remaining { return a.remaining < b.remaining }
            if a.caseID != b.caseID { return a.caseID.rawValue < b.caseID.rawValue }
            if a.kind != b.kind { return a.kind.rawValue < b.kind.rawValue }
            return (a.due ?? .distantPast) < (b.due ?? .distantPast)
        }

        static func insert(_ line: ServiceReport.CycleLine, into list: inout [ServiceReport.CycleLine]) {
            if list.count == ServiceReportAccumulator.listedCycles, let last = list.last, !precedes(line, last) {
                return
            }
            let position = list.firstIndex { precedes(line, $0) } ?? list.count
            list.insert(line, at: position)
            if list.count > ServiceReportAccumulator.listedCycles { list.removeLast() }
        }

        /// Checks that the state is one adding cases can make: counts from 0 to the cases (at most 2⁵³), open and
        /// solved adding up to the cases, the lists within their bound and in order.
        func validate() throws {
            let counts =
                [cases, open, solved] + ruleMatches + histogram + casesPerWeek.values + casesByGroup.flatMap(\.values)
            let agentCounts = agents.values.flatMap { [$0.cases, $0.solved, $0.reopened] }
            // Every count is one of the cases' (at most all of them), and the cases at most 2⁵³, so that no merge of
            // checked states can overflow once the cases' sum is checked.
            guard cases >= 0, cases <= StateLimits.maximumCount,
                (counts + agentCounts).allSatisfy({ $0 >= 0 && $0 <= cases }),
                histogram.reduce(0, +) <= cases, open + solved == cases,
                histogram.count == ServiceReport.firstReplyBins.count,
                byDimension.count == ServiceReportAccumulator.dimensions.count,
                casesByGroup.count == ServiceReportAccumulator.dimensions.count,
                atRisk.count <= ServiceReportAccumulator.listedCycles,
                breaching.count <= ServiceReportAccumulator.listedCycles,
                zip(atRisk, atRisk.dropFirst()).allSatisfy({ Self.precedes($0, $1) }),
                zip(breaching, breaching.dropFirst()).allSatisfy({ Self.precedes($0, $1) }),
                agents.values.allSatisfy({ $0.solved <= $0.cases && $0.reopened <= $0.solved })
            else {
                throw ServiceMetricsError(
                    .incompatibleStates,
                    at: "report",
                    "the state is not one that adding cases can make (negative counts, or lists out of order or too long)"
                )
            }
        }

        /// Merges the counts, summaries, lists and figures (not the KPI states, which the accumulator merges).
        mutating func merge(_ other: State) throws {
            guard ruleMatches.count == other.ruleMatches.count, byDimension.count == other.byDimension.count,
                casesByGroup.count == other.casesByGroup.count, histogram.count == other.histogram.count
            else {
                throw ServiceMetricsError(.incompatibleStates, at: "report", "the states have different shapes")
            }
            cases = try Checks<ServiceMetricsError>.sum(cases, other.cases, "cases")
            if let theirs = other.earliest { earliest = min(earliest ?? theirs, theirs) }
            try overall.merge(other.overall)
            try weekly.merge(other.weekly)
            for index in byDimension.indices { try byDimension[index].merge(other.byDimension[index]) }
            for index in casesByGroup.indices {
                casesByGroup[index].merge(other.casesByGroup[index], uniquingKeysWith: +)
            }
            casesPerWeek.merge(other.casesPerWeek, uniquingKeysWith: +)
            try current.merge(other.current)
            try previous.merge(other.previous)
            for index in ruleMatches.indices { ruleMatches[index] += other.ruleMatches[index] }
            for line in other.atRisk { Self.insert(line, into: &atRisk) }
            for line in other.breaching { Self.insert(line, into: &breaching) }
            open += other.open
            solved += other.solved
            for index in histogram.indices { histogram[index] += other.histogram[index] }
            for (week, times) in other.weeklyReply { try weeklyReply[week, default: Distribution()].merge(times) }
            for (week, times) in other.weeklyResolution {
                try weeklyResolution[week, default: Distribution()].merge(times)
            }
            try requesterWait.merge(other.requesterWait)
            try agentWork.merge(other.agentWork)
            for (agent, figures) in other.agents {
                var mine = agents[agent] ?? AgentFigures()
                mine.cases += figures.cases
                mine.solved += figures.solved
                mine.reopened += figures.reopened
                try mine.firstReply.merge(figures.firstReply)
                try mine.resolution.merge(figures.resolution)
                agents[agent] = mine
            }
        }
    }
}
