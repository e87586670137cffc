public import Foundation

extension ServiceReport {
    /// The bins of the first-reply histogram, in business hours: upper bounds.
    public static let firstReplyBins: [(label: String, upperHours: Double)] = [
        ("< 1 h", 1), ("1–2 h", 2), ("2–4 h", 4), ("4–8 h", 8), ("8–16 h", 16), ("16–40 h", 40), ("≥ 40 h", .infinity),
    ]

    /// The bins of the backlog's age, in elapsed days: upper bounds.
    public static let backlogBins: [(label: String, upperDays: Double)] = [
        ("< 1 d", 1), ("1–3 d", 3), ("3–7 d", 7), ("7–30 d", 30), ("≥ 30 d", .infinity),
    ]

    /// The length of the periods compared in ``StandardsSection/changes`` and ``SatisfactionSection/changes``: 28 days.
    public static let comparisonPeriod: TimeInterval = 28 * 86_400

    /// Computes a report from what the input gives, and only that.
    ///
    /// Every case created before `asOf` is evaluated against the policy at `asOf`; KPIs, survey results, audit scores
    /// and a staffing curve follow from the rest of the input. A section without its data is left out and named in
    /// ``omitted``; a figure without its inputs is `nil` and named in an `unmeasured` list; things a reader must know
    /// before trusting a figure are in ``warnings``.
    ///
    /// Definitions: compliance is `achieved / (achieved + breached)` per target kind (`ComplianceTally`); first reply,
    /// resolution, requester wait (new, open, on-hold) and agent work (new, open) are in the reporting calendar's
    /// business hours; the service level counts abandoned calls in the denominator, threshold 20 s; the NPS interval
    /// is the adjusted Wald interval at 95 %; CSAT is the share of 4 and 5 (Wilson interval); CES is the mean on 1–5;
    /// SERVQUAL gaps are perception minus expectation; changes compare the latest 28 days with the 28 before, by the
    /// pooled two-proportion z-test for rates and the NPS z-test; the delivery-standards audit is the built-in
    /// `contact-centre-delivery` template answered from this report's measurements, reported only when every item has
    /// a measurement; staffing averages the contacts of each local half hour over the days that have contacts, with
    /// Erlang A's patience estimated as total waiting time over abandoned calls.
    ///
    /// - Parameter input: The input.
    /// - Returns: The report.
    /// - Throws: The modules' errors (`ServiceStandardsError`, `ServiceMetricsError`, `ServiceAuditError`,
    ///   `ServiceDomainError`) for data they reject, such as a case outside the calendars' years.
    public static func build(_ input: ServiceReportInput) throws -> ServiceReport {
        try build(input, progress: nil)
    }

    /// Builds a report, telling `progress` how many cases have been evaluated (every 1,000, and at the end), for a
    /// progress line on long runs.
    ///
    /// - Parameters:
    ///   - input: The input.
    ///   - progress: Called with the cases evaluated so far and the cases in all; `nil` for none.
    /// - Returns: The report, equal to ``build(_:)``'s.
    /// - Throws: As ``build(_:)``.
    public static func build(_ input: ServiceReportInput, progress: ((_ evaluated: Int, _ total: Int) -> Void)?)
        throws -> ServiceReport
    {
        try build(input, cases: try ServiceReportAccumulator(for: input), progress: progress)
    }

    /// Builds a report whose cases were folded into an accumulator (streamed, or merged from shards), together with
    /// any cases the input itself carries.
    ///
    /// - Parameters:
    ///   - input: The input; its contacts, surveys, SERVQUAL questionnaires and audit are reported as by ``build(_:)``.
    ///   - cases: An accumulator made for this input (``ServiceReportAccumulator/init(for:)``).
    ///   - progress: Called with the input's own cases evaluated so far and their total; `nil` for none.
    /// - Returns: The report: equal to ``build(_:)``'s for an input carrying all the cases.
    /// - Throws: `ServiceMetricsError` with code `incompatibleStates` for an accumulator made for another report, and
    ///   as ``build(_:)``.
    public static func build(
        _ input: ServiceReportInput,
        cases: ServiceReportAccumulator,
        progress: ((_ evaluated: Int, _ total: Int) -> Void)? = nil
    ) throws -> ServiceReport {
        var accumulator = try ServiceReportAccumulator(for: input)
        try accumulator.merge(cases)
        for (number, item) in input.cases.enumerated() {
            if let progress, number % 1_000 == 0 { progress(number, input.cases.count) }
            try accumulator.add(item)
        }
        if !input.cases.isEmpty { progress?(input.cases.count, input.cases.count) }
        if let failure = accumulator.failed {
            throw ServiceMetricsError(.inconsistent, at: "cases", "a case failed part-way: \(failure)")
        }
        var assembly = Assembly(input, cases: accumulator)
        return try assembly.build()
    }
}

/// The state of one report's computation: the warnings, omissions and measurements every section adds to.
struct Assembly {
    let input: ServiceReportInput
    let calendar: BusinessCalendar
    let accumulated: ServiceReportAccumulator
    let cases: ServiceReportAccumulator.State
    let period: DateInterval
    var warnings: [ServiceReport.Warning] = []
    var omitted: [ServiceReport.Omission] = []
    var measurements: [ServiceMeasurement] = []

    /// Target kinds a milestone export cannot measure.
    static let timelineKinds: [TargetKind] = [.nextReply, .periodicUpdate, .requesterWait, .agentWork]
    static let milestoneReason =
        "the cases have milestones only (one row per ticket), not the replies and status changes between them"

    init(_ input: ServiceReportInput, cases accumulated: ServiceReportAccumulator) {
        self.input = input
        self.calendar = input.calendar
        let asOf = input.asOf
        self.accumulated = accumulated
        self.cases = accumulated.state
        let starts =
            [cases.earliest].compactMap { $0 } + input.contacts.map(\.offeredAt).filter { $0 < asOf }
            + input.surveys.compactMap(\.at).filter { $0 < asOf }
        self.period = DateInterval(start: min(starts.min() ?? asOf, asOf), end: asOf)
    }

    mutating func warn(_ code: ServiceReport.Warning.Code, _ message: String) {
        warnings.append(ServiceReport.Warning(code: code, message: message))
    }

    mutating func omit(_ section: ServiceReport.Section, _ reason: String) {
        omitted.append(ServiceReport.Omission(section: section, reason: reason))
    }

    mutating func build() throws -> ServiceReport {
        accountForImports()
        let standards = try standardsSection()
        let operations = try operationsSection()
        let contacts = try contactFigures()
        let satisfaction = try satisfactionSection()
        var audits: [ServiceReport.AuditSection] = []
        if let (audit, template) = input.audit {
            audits.append(try Self.auditSection(audit.score(with: template), template: template, audit: audit))
        } else {
            omit(.audit, "no audit given")
        }
        if let delivery = try deliveryAudit() { audits.append(delivery) }
        let staffing = try staffingSection()
        return ServiceReport(
            schema: ServiceReport.schemaVersion,
            title: input.dataSource == .sample ? "Service report (fictional sample data)" : "Service report",
            dataSource: input.dataSource,
            organisation: input.organisation?.name,
            sector: input.organisation?.sector,
            period: period,
            asOf: input.asOf,
            timeZone: calendar.timeZoneIdentifier,
            businessHours: calendar != BusinessCalendar.alwaysOpen,
            warnings: warnings,
            omitted: omitted,
            standards: standards,
            operations: operations,
            contactCentre: contacts,
            satisfaction: satisfaction,
            audits: audits,
            staffing: staffing,
            measurements: measurements
        )
    }

    // MARK: - Imports

    mutating func accountForImports() {
        for summary in input.imports {
            let file = summary.file ?? "the input"
            if summary.rowsRead > 0 {
                let share = Double(summary.rowsRejected) / Double(summary.rowsRead)
                if share > input.leftOutWarningShare {
                    warn(
                        .rowsLeftOut,
                        "\(file): \(summary.rowsRejected) of \(summary.rowsRead) rows left out "
                            + String(format: "(%.1f%%, above %.0f%%)", share * 100, input.leftOutWarningShare * 100)
                    )
                }
            }
            for value in summary.unmappedValues {
                warn(.unmappedValues, "\(file): \(value)")
            }
        }
    }

    // MARK: - Standards

    mutating func standardsSection() throws -> ServiceReport.StandardsSection? {
        guard let serviceLevels = input.serviceLevels else {
            omit(.standards, "no service-level policy given")
            return nil
        }
        guard cases.cases > 0 else {
            omit(.standards, "no cases given")
            return nil
        }
        let asOf = input.asOf
        let excluded: Set<TargetKind> = input.caseDetail == .timelines ? [] : Set(Assembly.timelineKinds)
        let dimensions = ServiceReportAccumulator.dimensions
        let overall = cases.overall
        let weekly = cases.weekly
        let byDimension = cases.byDimension
        let casesByGroup = cases.casesByGroup
        let casesPerWeek = cases.casesPerWeek
        let current = cases.current
        let previous = cases.previous
        let ruleMatches = cases.ruleMatches
        let currentStart = asOf.addingTimeInterval(-ServiceReport.comparisonPeriod)
        measurements += overall.measurements(period: period, source: "ServiceStandards")
        let totals = overall.overall
        let targets = totals.keys.sorted().compactMap { kind -> ServiceReport.TargetLine? in
            guard let tally = totals[kind] else { return nil }
            return ServiceReport.TargetLine(
                kind: kind,
                achieved: tally.achieved,
                breached: tally.breached,
                active: tally.active,
                paused: tally.paused,
                compliance: tally.complianceRate
            )
        }
        var unmeasured: [ServiceReport.Unmeasured] = []
        let policyKinds = Set(serviceLevels.policy.rules.flatMap(\.targets.keys))
        for kind in policyKinds.sorted() {
            let name = DisplayName.target(kind)
            if excluded.contains(kind) {
                unmeasured.append(.init(figure: "\(name) compliance", reason: Assembly.milestoneReason))
                warn(.notMeasurable, "\(name) compliance is not measurable: \(Assembly.milestoneReason)")
            } else if (totals[kind]?.total ?? 0) == 0 {
                warn(.targetAppliesToNoCase, "the \(name.lowercased()) target applied to no case")
            }
        }
        for (index, rule) in serviceLevels.policy.rules.enumerated() where ruleMatches[index] == 0 {
            warn(.targetAppliesToNoCase, "the rule \"\(rule.name)\" matched no case")
        }
        if overall.unmatchedCount > 0 {
            warn(
                .unmatchedCases,
                "\(overall.unmatchedCount) of \(overall.caseCount) cases matched no rule of \"\(serviceLevels.policy.name)\""
                    + " and have no targets"
            )
        }
        let weekLines = casesPerWeek.keys.sorted().map { week in
            let tallies = weekly.groups[[week]] ?? [:]
            return ServiceReport.WeekLine(
                week: week,
                firstReply: tallies[.firstReply]?.complianceRate,
                resolution: tallies[.resolution]?.complianceRate,
                cases: casesPerWeek[week] ?? 0
            )
        }
        let breakdowns = dimensions.indices.map { index in
            let rows = casesByGroup[index].map { group, count -> ServiceReport.BreakdownRow in
                let tallies = byDimension[index].groups[[group]] ?? [:]
                return ServiceReport.BreakdownRow(
                    group: group,
                    cases: count,
                    firstReply: tallies[.firstReply]?.complianceRate,
                    resolution: tallies[.resolution]?.complianceRate,
                    breached: tallies.values.reduce(0) { $0 + $1.breached }
                )
            }
            return ServiceReport.Breakdown(
                dimension: dimensions[index],
                rows: rows.sorted { ($1.cases, $0.group) < ($0.cases, $1.group) }
            )
        }
        let worst = totals.flatMap { kind, tally in
            tally.worst.map { ServiceReport.Breach(caseID: $0.caseID, kind: kind, overrun: $0.overrun) }
        }
        .sorted {
            ($0.overrun, $1.caseID.rawValue, $1.kind.rawValue) > ($1.overrun, $0.caseID.rawValue, $0.kind.rawValue)
        }
        var changes: [ServiceReport.Change] = []
        for kind in [TargetKind.firstReply, .resolution] where totals[kind] != nil {
            let now = current.overall[kind] ?? ComplianceTally()
            let before = previous.overall[kind] ?? ComplianceTally()
            changes.append(
                ServiceReport.Change(
                    figure: "\(DisplayName.target(kind).lowercased()) compliance",
                    isShare: true,
                    current: DateInterval(start: currentStart, end: asOf),
                    currentValue: now.complianceRate,
                    currentCount: now.achieved + now.breached,
                    previousValue: before.complianceRate,
                    previousCount: before.achieved + before.breached,
                    test: SignificanceTest.compareProportions(
                        successes: now.achieved,
                        of: now.achieved + now.breached,
                        against: before.achieved,
                        of: before.achieved + before.breached
                    )
                )
            )
        }
        return ServiceReport.StandardsSection(
            policy: serviceLevels.policy.name,
            cases: overall.caseCount,
            unmatched: overall.unmatchedCount,
            targets: targets,
            unmeasured: unmeasured,
            weekly: weekLines,
            breakdowns: breakdowns,
            atRisk: cases.atRisk,
            breachingNow: cases.breaching,
            atRiskWithin: input.atRiskWithin,
            goal: input.complianceGoal,
            worst: Array(worst.prefix(10)),
            changes: changes
        )
    }

    // MARK: - Operations

    mutating func operationsSection() throws -> ServiceReport.OperationsSection? {
        guard cases.cases > 0 else {
            omit(.operations, "no cases given")
            return nil
        }
        let kpis = accumulated.kpis
        let (firstReply, resolution, oneTouch, reopens, escalations) = (
            kpis.firstReply, kpis.resolution, kpis.oneTouch, kpis.reopens, kpis.escalations
        )
        let detail = input.caseDetail
        var unmeasured: [ServiceReport.Unmeasured] = []
        func notMeasurable(_ figure: String, _ reason: String) {
            unmeasured.append(.init(figure: figure, reason: reason))
        }
        measurements += firstReply.measurements(period: period) + resolution.measurements(period: period)
        if detail == .timelines {
            measurements += oneTouch.measurements(period: period) + escalations.measurements(period: period)
        } else {
            notMeasurable("first-contact resolution", Assembly.milestoneReason)
            notMeasurable("escalated", Assembly.milestoneReason)
        }
        if detail != .milestones {
            measurements += reopens.measurements(period: period)
        } else {
            notMeasurable("reopened", "the mapping reads no reopen count and the cases have milestones only")
        }
        let replyTimes = firstReply.result(for: [])?.times
        let resolutionTimes = resolution.result(for: [])?.times
        if (replyTimes?.count ?? 0) == 0 { notMeasurable("first reply", "no case has a first agent reply") }
        if (resolutionTimes?.count ?? 0) == 0 { notMeasurable("resolution", "no case is solved") }
        let histogram = zip(ServiceReport.firstReplyBins, cases.histogram).map {
            ServiceReport.Bin(label: $0.0.label, count: $0.1)
        }
        let weeklyReply = cases.weeklyReply
        let weeklyResolution = cases.weeklyResolution
        let requesterWait = cases.requesterWait
        let agentWork = cases.agentWork
        let agents = cases.agents
        let flow = kpis.flow
        let backlog = kpis.backlog
        if detail != .timelines {
            notMeasurable("requester wait", Assembly.milestoneReason)
            notMeasurable("agent work time", Assembly.milestoneReason)
        }
        let flowLines = flow.result(for: [])?.ordered ?? []
        let weekly = flowLines.map { entry in
            ServiceReport.FlowLine(
                week: entry.period,
                created: entry.counts.created,
                solved: entry.counts.solved,
                firstReplyMedian: weeklyReply[entry.period]?.median,
                resolutionMedian: weeklyResolution[entry.period]?.median
            )
        }
        let backlogCounts = backlog.result(for: [])?.counts ?? []
        let agentLines = agents.map { name, figures in
            ServiceReport.AgentLine(
                agent: name,
                cases: figures.cases,
                solved: figures.solved,
                open: figures.cases - figures.solved,
                firstReplyMedian: figures.firstReply.median,
                resolutionMedian: figures.resolution.median,
                reopenRate: detail == .milestones || figures.solved == 0
                    ? nil : Double(figures.reopened) / Double(figures.solved)
            )
        }
        for entry in unmeasured { warn(.notMeasurable, "\(entry.figure) is not measurable: \(entry.reason)") }
        return ServiceReport.OperationsSection(
            cases: cases.cases,
            open: cases.open,
            solved: cases.solved,
            firstReplyMedian: replyTimes?.median,
            firstReplyP90: replyTimes?.p90,
            resolutionMedian: resolutionTimes?.median,
            resolutionP90: resolutionTimes?.p90,
            requesterWaitMedian: requesterWait.median,
            agentWorkMedian: agentWork.median,
            firstReplyHistogram: histogram,
            firstContactResolution: detail == .timelines ? (oneTouch.result(for: []) ?? nil) : nil,
            reopenRate: detail != .milestones ? (reopens.result(for: []) ?? nil) : nil,
            escalationRate: detail == .timelines ? (escalations.result(for: []) ?? nil) : nil,
            unmeasured: unmeasured,
            weekly: weekly,
            backlog: zip(ServiceReport.backlogBins, backlogCounts).map { .init(label: $0.0.label, count: $0.1) },
            agents: agentLines.sorted { ($1.cases, $0.agent) < ($0.cases, $1.agent) }
        )
    }

    // MARK: - Contacts

    mutating func contactFigures() throws -> ServiceReport.ContactFigures? {
        guard !input.contacts.isEmpty else {
            omit(.contactCentre, "no contacts given")
            return nil
        }
        var volume = MetricAccumulator(try ContactVolume())
        var level = MetricAccumulator(try ServiceLevel(threshold: 20, convention: .abandonedInDenominator))
        var speed = MetricAccumulator(SpeedOfAnswer())
        var handle = MetricAccumulator(HandleTime())
        try volume.add(contentsOf: input.contacts)
        try level.add(contentsOf: input.contacts)
        try speed.add(contentsOf: input.contacts)
        try handle.add(contentsOf: input.contacts)
        measurements += volume.measurements(period: period) + level.measurements(period: period)
        measurements += speed.measurements(period: period) + handle.measurements(period: period)
        let tally = volume.result(for: [])
        return ServiceReport.ContactFigures(
            offered: tally?.offered ?? 0,
            answered: tally?.answered ?? 0,
            abandoned: tally?.abandoned ?? 0,
            abandonmentRate: tally?.abandonmentRate,
            serviceLevel: level.result(for: [])?.value,
            averageSpeedOfAnswer: speed.result(for: [])?.mean,
            averageHandleTime: handle.result(for: [])?.mean
        )
    }

    // MARK: - Satisfaction

    mutating func satisfactionSection() throws -> ServiceReport.SatisfactionSection? {
        guard !input.surveys.isEmpty || !input.servqual.isEmpty else {
            omit(.satisfaction, "no survey answers given")
            omit(.servqual, "no SERVQUAL questionnaires given")
            return nil
        }
        let asOf = input.asOf
        let currentStart = asOf.addingTimeInterval(-ServiceReport.comparisonPeriod)
        let previousStart = currentStart.addingTimeInterval(-ServiceReport.comparisonPeriod)
        let weeks = TimeBucketing(.week, in: calendar)
        var tallies: [String: ScaleTally] = [:]
        var npsSegments: [String: ScaleTally] = [:]
        var weekly: [String: [String: ScaleTally]] = [:]
        var current: [String: ScaleTally] = [:]
        var previous: [String: ScaleTally] = [:]
        var rejected = 0
        var undated = 0
        for answer in input.surveys {
            guard let scale = input.surveyScales[answer.survey] else {
                rejected += 1
                continue
            }
            if let at = answer.at, at >= asOf { continue }
            do {
                try tallies[answer.survey, default: ScaleTally(scale: scale)].add(answer.response)
                if answer.survey == "nps", let segment = answer.response.segment {
                    try npsSegments[segment, default: ScaleTally(scale: scale)].add(answer.response)
                }
                if let at = answer.at {
                    let week = try weeks.label(of: at)
                    try weekly[week, default: [:]][answer.survey, default: ScaleTally(scale: scale)].add(
                        answer.response
                    )
                    if at >= currentStart {
                        try current[answer.survey, default: ScaleTally(scale: scale)].add(answer.response)
                    } else if at >= previousStart {
                        try previous[answer.survey, default: ScaleTally(scale: scale)].add(answer.response)
                    }
                } else {
                    undated += 1
                }
            } catch {
                rejected += 1
            }
        }
        var section = ServiceReport.SatisfactionSection(
            nps: nil,
            npsShares: nil,
            npsBySegment: [],
            csat: nil,
            ces: nil,
            servqualGaps: [],
            rejected: rejected,
            weekly: [],
            changes: [],
            unmeasured: []
        )
        if rejected > 0 {
            warn(.answersLeftOut, "\(rejected) survey answers left out (off their scale, or of a survey not reported)")
        }
        if let nps = tallies["nps"], nps.count > 0 {
            if let sector = input.organisation?.sector,
                let advice = sector.surveyAdvice.first(where: { $0.measure == .netPromoterScore }), !advice.fits
            {
                let fitting = sector.surveyAdvice.filter(\.fits).map(\.measure.label)
                warn(
                    .measureUnsuited,
                    "the Net Promoter Score says little for a \(sector.rawValue)-sector body: \(advice.reason); "
                        + "\(fitting.joined(separator: " and ")) fit better"
                )
            }
            section.nps = try nps.netPromoterScore()
            if let shares = try nps.promoterShares() {
                let total = nps.totalWeight
                section.npsShares = ServiceReport.NPSShares(
                    promoters: shares.promoters * total,
                    passives: shares.passives * total,
                    detractors: shares.detractors * total,
                    answers: total
                )
            }
            section.npsBySegment = try npsSegments.map {
                ServiceReport.SegmentLine(segment: $0.key, nps: try $0.value.netPromoterScore())
            }
            .sorted { ($1.nps.sampleSize, $0.segment) < ($0.nps.sampleSize, $1.segment) }
        } else if !input.surveys.isEmpty {
            section.unmeasured.append(.init(figure: "Net Promoter Score", reason: "no answers to an nps survey"))
        }
        if let csat = tallies["csat"], csat.count > 0 {
            section.csat = try csat.favourableShare()
        } else if !input.surveys.isEmpty {
            section.unmeasured.append(.init(figure: "CSAT", reason: "no answers to a csat survey"))
        }
        if let ces = tallies["ces"], ces.count > 0 {
            section.ces = try ces.mean()
        } else if !input.surveys.isEmpty {
            section.unmeasured.append(.init(figure: "customer effort", reason: "no answers to a ces survey"))
        }
        if undated > 0, weekly.isEmpty {
            section.unmeasured.append(.init(figure: "satisfaction by week", reason: "the answers carry no date"))
        }
        section.weekly = try weekly.keys.sorted().map { week in
            let csat = weekly[week]?["csat"]
            let nps = weekly[week]?["nps"]
            return ServiceReport.SatisfactionWeek(
                week: week,
                csat: try csat?.favourableShare().value,
                csatAnswers: csat?.count ?? 0,
                nps: try nps?.netPromoterScore().value,
                npsAnswers: nps?.count ?? 0
            )
        }
        // The latest 28 days against the 28 before, for a scale with answers in the report.
        func change(
            _ key: String,
            _ figure: String,
            isShare: Bool,
            value: (ScaleTally) throws -> Double?,
            test: (ScaleTally, ScaleTally) throws -> DifferenceTest
        ) throws {
            guard let scale = input.surveyScales[key], tallies[key] != nil else { return }
            let now = current[key] ?? ScaleTally(scale: scale)
            let before = previous[key] ?? ScaleTally(scale: scale)
            section.changes.append(
                ServiceReport.Change(
                    figure: figure,
                    isShare: isShare,
                    current: DateInterval(start: currentStart, end: asOf),
                    currentValue: now.count > 0 ? try value(now) : nil,
                    currentCount: now.count,
                    previousValue: before.count > 0 ? try value(before) : nil,
                    previousCount: before.count,
                    test: try test(now, before)
                )
            )
        }
        try change(
            "csat",
            "CSAT",
            isShare: true,
            value: { try $0.favourableShare().value },
            test: { try SignificanceTest.compareFavourableShares($0, $1) }
        )
        try change(
            "nps",
            "Net Promoter Score",
            isShare: false,
            value: { try $0.netPromoterScore().value },
            test: { try SignificanceTest.compareNetPromoterScores($0, $1) }
        )
        // The names and units a scale tally's own measurements use (`Indicator.netPromoterScore(of:)` and so on).
        for (indicator, unit, estimate) in [
            (Indicator.netPromoterScore(of: "nps"), MeasurementUnit.score, section.nps),
            (.favourableShare(of: "csat"), .ratio, section.csat), (.mean(of: "ces"), .score, section.ces),
        ] {
            guard let estimate, let value = estimate.value else { continue }
            measurements.append(
                try ServiceMeasurement(
                    indicator: indicator,
                    value: value,
                    unit: unit,
                    period: period,
                    sampleSize: estimate.sampleSize,
                    source: "ServiceSatisfaction"
                )
            )
        }
        if !input.servqual.isEmpty {
            var tally = ServqualTally(instrument: .standard)
            for response in input.servqual { try tally.add(response) }
            section.servqualGaps = tally.dimensionGaps.map {
                ServiceReport.GapLine(dimension: $0.key.rawValue, gap: $0.value)
            }
            .sorted { $0.dimension < $1.dimension }
        } else {
            omit(.servqual, "no SERVQUAL questionnaires given")
        }
        return section
    }

    // MARK: - Audits

    mutating func deliveryAudit() throws -> ServiceReport.AuditSection? {
        let delivery = try BuiltInTemplates.template("contact-centre-delivery")
        let items = delivery.sections.flatMap(\.allItems).filter {
            if case .measurement = $0.kind { return true }
            return false
        }
        let measured = try delivery.answers(from: measurements, scope: .organisation)
        guard !items.isEmpty, measured.count == items.count else {
            let answered = Set(measured.map(\.item))
            let missing = items.filter { !answered.contains($0.id) }.compactMap { item -> String? in
                guard case .measurement(let indicator, _, _, _) = item.kind else { return nil }
                return indicator
            }
            omit(
                .deliveryAudit,
                "\(missing.count) of \(items.count) delivery standards have no measurement in this report ("
                    + missing.prefix(4).joined(separator: ", ") + (missing.count > 4 ? ", …" : "") + ")"
            )
            return nil
        }
        let result = try WeightedScoringRule(policy: delivery.scoring).score(delivery, answers: measured)
        return try Self.auditSection(result, template: delivery, audit: nil)
    }

    static func auditSection(_ result: AuditResult, template: AuditTemplate, audit: Audit?) throws
        -> ServiceReport.AuditSection
    {
        var findings: [FindingSeverity: Int] = [:]
        for finding in audit?.findings ?? [] { findings[finding.severity, default: 0] += 1 }
        return ServiceReport.AuditSection(
            title: template.title,
            source: audit.map { "answered by \($0.auditors.joined(separator: ", ")), \($0.status.rawValue)" }
                ?? "answered from this report's measurements",
            percent: result.percent,
            passMark: template.scoring.passMark,
            passed: result.passed,
            outcome: result.outcome,
            maturity: result.maturity,
            sections: result.sections.map { ServiceReport.SectionLine(title: $0.title, percent: $0.percent) },
            findings: FindingSeverity.allCases.reversed().compactMap { severity in
                findings[severity].map { ServiceReport.FindingLine(severity: severity.rawValue, count: $0) }
            },
            actions: (audit?.actions ?? []).map { "\($0.id): \($0.description) (\($0.owner), due \($0.due))" }
        )
    }

    // MARK: - Staffing

    mutating func staffingSection() throws -> ServiceReport.StaffingSection? {
        guard !input.contacts.isEmpty else {
            omit(.staffing, "no contacts given")
            if !input.staffedAgents.isEmpty {
                warn(.staffedIntervalsUnused, "staffed agents were given, but without contacts there is no plan")
            }
            return nil
        }
        let profile = try DailyContactProfile(input.contacts, timeZone: calendar.timeZone)
        let patience = profile.averagePatience
        let erlangC = StaffingPlanner(model: .erlangC, targets: input.staffingTargets)
        let erlangA = patience.map {
            StaffingPlanner(model: .erlangA(averagePatience: max(1, $0)), targets: input.staffingTargets)
        }
        var lines: [ServiceReport.StaffingLine] = []
        for interval in profile.intervals {
            let load = try profile.load(of: interval)
            let withC = try erlangC.staff(load)
            let withA = try erlangA?.staff(load) ?? withC
            lines.append(
                ServiceReport.StaffingLine(
                    start: interval.label,
                    calls: interval.calls,
                    averageHandleTime: interval.averageHandleTime,
                    erlangC: withC.agents,
                    erlangA: withA.agents,
                    scheduled: withA.scheduledAgents,
                    staffed: input.staffedAgents[interval.label]
                )
            )
        }
        let planned = Set(lines.map(\.start))
        let unused = input.staffedAgents.keys.filter { !planned.contains($0) }.sorted()
        if !unused.isEmpty {
            warn(
                .staffedIntervalsUnused,
                "staffed agents given for \(unused.count) half hour(s) without calls, not shown ("
                    + unused.prefix(4).joined(separator: ", ") + (unused.count > 4 ? ", …" : "") + ")"
            )
        }
        let targets = input.staffingTargets
        var aims: [String] = []
        if let definition = targets.serviceLevel, let share = targets.serviceLevelShare {
            aims.append(
                String(format: "%.0f%% of calls answered within %.0f s", share * 100, definition.threshold)
                    + (definition.convention == .abandonedInDenominator ? " (abandoned calls counted)" : "")
            )
        }
        if let speed = targets.maximumAverageSpeedOfAnswer {
            aims.append(String(format: "average speed of answer at most %.0f s", speed))
        }
        if let occupancy = targets.maximumOccupancy {
            aims.append(String(format: "occupancy at most %.0f%%", occupancy * 100))
        }
        aims.append(String(format: "shrinkage %.0f%%", targets.shrinkage * 100))
        if let patience { aims.append(String(format: "callers' average patience %.0f s", patience)) }
        return ServiceReport.StaffingSection(
            targets: aims.joined(separator: ", "),
            days: profile.days,
            intervals: lines
        )
    }
}
