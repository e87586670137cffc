import Foundation

extension ServiceReport {
    /// The bins of the first-reply histogram, in business hours: upper bounds.
    public static let firstReplyBins: [(label: String, upperHours: Double)] = [
        ("< 1 h", 1), ("1–2 h", 2), ("2–4 h", 4), ("4–8 h", 8), ("8–16 h", 16), ("16–40 h", 40), ("≥ 40 h", .infinity),
    ]

    /// Computes a report: every case created before `asOf` is evaluated against the policy at `asOf`; KPIs, survey
    /// results, audit scores and a staffing curve follow from the rest of the input.
    ///
    /// Definitions: compliance is `achieved / (achieved + breached)` per target kind (`ComplianceTally`); first reply
    /// and resolution times are in the reporting calendar's business hours (`FirstReplyTime`, `ResolutionTime`);
    /// the service level counts abandoned calls in the denominator, threshold 20 s; the NPS interval is the adjusted
    /// Wald interval at 95 %; CSAT is the share of 4 and 5 (Wilson interval); CES is the mean on 1–5; SERVQUAL gaps are
    /// perception minus expectation; the delivery-standards audit is the built-in `contact-centre-delivery` template
    /// answered from this report's measurements; staffing averages the contacts of each local half hour over the days
    /// that have contacts, with Erlang A's patience estimated as total waiting time over abandoned calls.
    ///
    /// - Parameter input: The input.
    /// - Returns: The report.
    /// - Throws: The modules' errors (`ServiceStandardsError`, `ServiceMetricsError`, `ServiceAuditError`,
    ///   `ServiceDomainError`) for data they reject, such as a case outside the calendars' years.
    public static func build(_ input: ServiceReportInput) throws -> ServiceReport {
        guard let calendar = input.serviceLevels.calendars[input.reportingCalendar] else {
            throw ServiceStandardsError(.unknownReference, at: "reportingCalendar", "no such calendar")
        }
        let asOf = input.asOf
        let cases = input.cases.filter { $0.facts.createdAt < asOf }
        let start = cases.map(\.facts.createdAt).min() ?? asOf
        let period = DateInterval(start: start, end: asOf)
        var measurements: [ServiceMeasurement] = []

        let standards = try standardsSection(
            input,
            cases: cases,
            calendar: calendar,
            period: period,
            into: &measurements
        )
        let operations = try operationsSection(
            input,
            cases: cases,
            calendar: calendar,
            period: period,
            into: &measurements
        )
        let satisfaction = try satisfactionSection(input, period: period, into: &measurements)
        var audits: [AuditSection] = []
        if let (audit, template) = input.audit {
            audits.append(try auditSection(audit.score(with: template), template: template, audit: audit))
        }
        let delivery = try BuiltInTemplates.template("contact-centre-delivery")
        let measured = delivery.answers(from: measurements, scope: .organisation)
        if !measured.isEmpty {
            let result = try WeightedScoringRule(policy: delivery.scoring).score(delivery, answers: measured)
            audits.append(try auditSection(result, template: delivery, audit: nil))
        }
        return ServiceReport(
            title: "Service report",
            organisation: input.organisation.name,
            sector: input.organisation.sector,
            period: period,
            asOf: asOf,
            timeZone: calendar.timeZoneIdentifier,
            standards: standards,
            operations: operations,
            satisfaction: satisfaction,
            audits: audits,
            staffing: try staffingSection(input, calendar: calendar),
            measurements: measurements
        )
    }

    private static func standardsSection(
        _ input: ServiceReportInput,
        cases: [Case],
        calendar: BusinessCalendar,
        period: DateInterval,
        into measurements: inout [ServiceMeasurement]
    ) throws -> StandardsSection {
        let evaluator = try input.serviceLevels.evaluator(organisation: input.organisation)
        let weeks = TimeBucketing(.week, in: calendar)
        // One evaluation per case feeds both the overall summary and the weekly one.
        var overall = ComplianceSummary()
        var weekly = ComplianceSummary(dimensions: ["createdWeek"])
        var casesPerWeek: [String: Int] = [:]
        for item in cases {
            let evaluation = try evaluator.evaluate(item, at: input.asOf)
            let week = try weeks.label(of: item.facts.createdAt)
            overall.add(evaluation)
            weekly.add(evaluation, group: [week])
            casesPerWeek[week, default: 0] += 1
        }
        measurements += overall.measurements(period: period, source: "ServiceStandards")
        let totals = overall.overall
        let targets = totals.keys.sorted().compactMap { kind -> TargetLine? in
            guard let tally = totals[kind] else { return nil }
            return TargetLine(
                kind: kind,
                achieved: tally.achieved,
                breached: tally.breached,
                active: tally.active,
                paused: tally.paused,
                compliance: tally.complianceRate
            )
        }
        let weekLines = casesPerWeek.keys.sorted().map { week in
            let tallies = weekly.groups[[week]] ?? [:]
            return WeekLine(
                week: week,
                firstReply: tallies[.firstReply]?.complianceRate,
                resolution: tallies[.resolution]?.complianceRate,
                cases: casesPerWeek[week] ?? 0
            )
        }
        let worst = totals.flatMap { kind, tally in
            tally.worst.map { Breach(caseID: $0.caseID, kind: kind, overrun: $0.overrun) }
        }
        .sorted {
            ($0.overrun, $1.caseID.rawValue, $1.kind.rawValue) > ($1.overrun, $0.caseID.rawValue, $0.kind.rawValue)
        }
        return StandardsSection(
            policy: input.serviceLevels.policy.name,
            cases: overall.caseCount,
            unmatched: overall.unmatchedCount,
            targets: targets,
            weekly: weekLines,
            worst: Array(worst.prefix(10))
        )
    }

    private static func operationsSection(
        _ input: ServiceReportInput,
        cases: [Case],
        calendar: BusinessCalendar,
        period: DateInterval,
        into measurements: inout [ServiceMeasurement]
    ) throws -> OperationsSection {
        var firstReply = MetricAccumulator(FirstReplyTime(clock: .business(calendar)))
        var resolution = MetricAccumulator(ResolutionTime(clock: .business(calendar)))
        var oneTouch = MetricAccumulator(CaseRate.firstContactResolution)
        var reopens = MetricAccumulator(CaseRate.reopenRate)
        var escalations = MetricAccumulator(CaseRate.escalationRate)
        try firstReply.add(contentsOf: cases)
        try resolution.add(contentsOf: cases)
        try oneTouch.add(contentsOf: cases)
        try reopens.add(contentsOf: cases)
        try escalations.add(contentsOf: cases)
        measurements += firstReply.measurements(period: period) + resolution.measurements(period: period)
        measurements += oneTouch.measurements(period: period) + reopens.measurements(period: period)
        measurements += escalations.measurements(period: period)

        var histogram = firstReplyBins.map { Bin(label: $0.label, count: 0) }
        for item in cases {
            guard let reply = item.facts.firstAgentReplyAt else { continue }
            let hours = try calendar.businessDuration(from: item.facts.createdAt, to: reply) / 3_600
            let bin = firstReplyBins.firstIndex { hours < $0.upperHours } ?? firstReplyBins.count - 1
            histogram[bin].count += 1
        }
        let replyTimes = firstReply.result(for: [])?.times
        var contacts: ContactFigures?
        if !input.contacts.isEmpty {
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
            contacts = ContactFigures(
                offered: tally?.offered ?? 0,
                answered: tally?.answered ?? 0,
                abandoned: tally?.abandoned ?? 0,
                abandonmentRate: tally?.abandonmentRate,
                serviceLevel: level.result(for: [])?.value,
                averageSpeedOfAnswer: speed.result(for: [])?.mean,
                averageHandleTime: handle.result(for: [])?.mean
            )
        }
        return OperationsSection(
            cases: cases.count,
            open: cases.filter { !$0.facts.status.isResolved }.count,
            firstReplyMedian: replyTimes?.median,
            firstReplyP90: replyTimes?.p90,
            resolutionMedian: resolution.result(for: [])?.times.median,
            firstReplyHistogram: histogram,
            firstContactResolution: oneTouch.result(for: []) ?? nil,
            reopenRate: reopens.result(for: []) ?? nil,
            escalationRate: escalations.result(for: []) ?? nil,
            contacts: contacts
        )
    }

    private static func satisfactionSection(
        _ input: ServiceReportInput,
        period: DateInterval,
        into measurements: inout [ServiceMeasurement]
    ) throws -> SatisfactionSection {
        var tallies: [String: ScaleTally] = [:]
        var npsSegments: [String: ScaleTally] = [:]
        var rejected = 0
        for answer in input.surveys {
            guard let scale = input.surveyScales[answer.survey] else {
                rejected += 1
                continue
            }
            do {
                try tallies[answer.survey, default: ScaleTally(scale: scale)].add(answer.response)
                if answer.survey == "nps", let segment = answer.response.segment {
                    try npsSegments[segment, default: ScaleTally(scale: scale)].add(answer.response)
                }
            } catch {
                rejected += 1
            }
        }
        var section = SatisfactionSection(
            nps: nil,
            npsShares: [:],
            npsBySegment: [:],
            csat: nil,
            ces: nil,
            servqualGaps: [:],
            rejected: rejected
        )
        if let nps = tallies["nps"], nps.count > 0 {
            section.nps = try nps.netPromoterScore()
            if let shares = try nps.promoterShares() {
                section.npsShares = [
                    "promoters": shares.promoters, "passives": shares.passives, "detractors": shares.detractors,
                ]
            }
            for (segment, tally) in npsSegments { section.npsBySegment[segment] = try tally.netPromoterScore() }
        }
        if let csat = tallies["csat"], csat.count > 0 { section.csat = try csat.favourableShare() }
        if let ces = tallies["ces"], ces.count > 0 { section.ces = try ces.mean() }
        for (name, estimate) in [
            ("nps.score", section.nps), ("csat.favourable", section.csat), ("ces.mean", section.ces),
        ] {
            guard let estimate, let value = estimate.value else { continue }
            measurements.append(
                try ServiceMeasurement(
                    indicator: Indicator(name),
                    value: value,
                    unit: name == "csat.favourable" ? .ratio : .score,
                    period: period,
                    sampleSize: estimate.sampleSize,
                    source: "ServiceSatisfaction"
                )
            )
        }
        if !input.servqual.isEmpty {
            var tally = ServqualTally(instrument: .standard)
            for response in input.servqual { try tally.add(response) }
            section.servqualGaps = Dictionary(
                uniqueKeysWithValues: tally.dimensionGaps.map { ($0.key.rawValue, $0.value) }
            )
        }
        return section
    }

    private static func auditSection(_ result: AuditResult, template: AuditTemplate, audit: Audit?) throws
        -> AuditSection
    {
        var findings: [String: Int] = [:]
        for finding in audit?.findings ?? [] { findings[finding.severity.rawValue, default: 0] += 1 }
        return AuditSection(
            title: template.title,
            source: audit.map { "answered by \($0.auditors.joined(separator: ", ")), \($0.status.rawValue)" }
                ?? "answered from this report's measurements",
            percent: result.percent,
            passed: result.passed,
            maturity: result.maturity,
            sections: result.sections.map { SectionLine(title: $0.title, percent: $0.percent) },
            findings: findings,
            actions: (audit?.actions ?? []).map { "\($0.id): \($0.description) (\($0.owner), due \($0.due))" }
        )
    }

    private static func staffingSection(_ input: ServiceReportInput, calendar: BusinessCalendar) throws
        -> StaffingSection?
    {
        guard !input.contacts.isEmpty else { return nil }
        let profile = try DailyContactProfile(input.contacts, timeZone: calendar.timeZone)
        let patience = profile.averagePatience
        let erlangC = StaffingPlanner(model: .erlangC, targets: input.staffingTargets)
        let erlangA = patience.map {
            StaffingPlanner(model: .erlangA(averagePatience: max(1, $0)), targets: input.staffingTargets)
        }
        var lines: [StaffingLine] = []
        for interval in profile.intervals {
            let load = try profile.load(of: interval)
            let withC = try erlangC.staff(load)
            let withA = try erlangA?.staff(load) ?? withC
            lines.append(
                StaffingLine(
                    start: interval.label,
                    calls: interval.calls,
                    averageHandleTime: interval.averageHandleTime,
                    erlangC: withC.agents,
                    erlangA: withA.agents,
                    scheduled: withA.scheduledAgents
                )
            )
        }
        return StaffingSection(
            targets: "80% of calls answered within 20 s (abandoned calls counted), occupancy at most 85%, shrinkage 30%"
                + (patience.map { String(format: "; callers' average patience %.0f s", $0) } ?? ""),
            days: profile.days,
            intervals: lines
        )
    }
}
