import Foundation

/// Shared wording of figures.
enum Wording {
    static func percent(_ share: Double?) -> String {
        guard let share, share.isFinite else { return "—" }
        return String(format: "%.1f%%", share * 100)
    }

    static func hours(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "—" }
        return String(format: "%.1f h", seconds / 3_600)
    }

    static func seconds(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "—" }
        return String(format: "%.0f s", value)
    }

    static func number(_ value: Double?, _ digits: Int = 1) -> String {
        guard let value, value.isFinite else { return "—" }
        return String(format: "%.\(digits)f", value)
    }

    static func interval(_ estimate: Estimate?, scale: Double = 1, digits: Int = 1, unit: String = "") -> String {
        guard let estimate else { return "—" }
        guard let value = estimate.value else {
            return "not measurable (\(DisplayName.words(estimate.status.rawValue)), n = \(estimate.sampleSize))"
        }
        let number = { (value: Double) in String(format: "%.\(digits)f", value * scale) + unit }
        var text = number(value)
        if let interval = estimate.interval {
            text += " (95% interval \(number(interval.lower)) to \(number(interval.upper)))"
        }
        return text + ", n = \(estimate.sampleSize)"
    }

    static func date(_ instant: Date) -> String { String(InstantCoding.string(from: instant).prefix(10)) }

    /// A signed change: `+2.8 points`.
    static func change(_ change: ServiceReport.Change) -> String {
        let share = change.isShare
        let value = { (value: Double?) -> String in share ? percent(value) : number(value) }
        var text =
            "\(value(change.previousValue)) (n = \(change.previousCount)) → \(value(change.currentValue)) "
            + "(n = \(change.currentCount))"
        guard let test = change.test else { return text }
        switch test.status {
        case .ok, .degenerate:
            if let difference = test.difference {
                text += String(format: ", %+.1f points", share ? difference * 100 : difference)
            }
            if let p = test.pValue {
                text += String(format: ", p = %.3f", p)
                text += test.isSignificant() ? ", significant at 95%" : ", not significant at 95%"
            }
        case .insufficientData:
            text += ", too few to test (fewer than 30 on a side)"
        case .undefined:
            text += ", not comparable (a period has no data)"
        }
        return text
    }
}

extension ServiceReport {
    /// The report laid out for reading: the one document every renderer draws.
    ///
    /// - Returns: The document.
    public func document() -> ReportDocument {
        var parts: [ReportDocument.Part] = []
        if let standards { parts.append(Self.standardsPart(standards)) }
        if let operations { parts.append(Self.operationsPart(operations, businessHours: businessHours)) }
        if let contactCentre { parts.append(Self.contactPart(contactCentre)) }
        if let satisfaction { parts.append(Self.satisfactionPart(satisfaction)) }
        parts += audits.map(Self.auditPart)
        if let staffing { parts.append(Self.staffingPart(staffing)) }
        return ReportDocument(
            title: organisation.map { "\(title): \($0)" } ?? title,
            subtitle: (sector.map { "\(DisplayName.sector($0)) sector. " } ?? "")
                + "Data from \(Wording.date(period.start)) to "
                + "\(Wording.date(asOf)), evaluated at \(InstantCoding.string(from: asOf)); weeks and intervals in "
                + "\(timeZone); durations in "
                + (businessHours ? "business hours of the reporting calendar." : "elapsed hours (no calendar given).")
                + (dataSource == .sample
                    ? " The organisation and every figure are fictional: this is the shipped sample data." : ""),
            warnings: warnings.map(\.message),
            omitted: omitted.map { "\(DisplayName.section($0.section)): \($0.reason)." },
            parts: parts
        )
    }

    /// A bar chart of counts in bins and the table of the same counts, under one title.
    private static func binBlocks(
        _ title: String,
        description: String,
        xTitle: String,
        yTitle: String,
        _ bins: [ServiceReport.Bin]
    ) -> [ReportDocument.Block] {
        [
            .chart(
                ReportChart(
                    .bars,
                    title: title,
                    description: description,
                    xTitle: xTitle,
                    yTitle: yTitle,
                    labels: bins.map(\.label),
                    series: [.init(yTitle, bins.map { Double($0.count) })],
                    unit: .count
                )
            ),
            .table(.init(title: title, header: [xTitle, yTitle], rows: bins.map { [$0.label, "\($0.count)"] })),
        ]
    }

    private static func unmeasuredList(_ entries: [Unmeasured]) -> [ReportDocument.Block] {
        guard !entries.isEmpty else { return [] }
        return [.list(entries.map { "\($0.figure): not measurable — \($0.reason)" })]
    }

    private static func standardsPart(_ standards: StandardsSection) -> ReportDocument.Part {
        var blocks: [ReportDocument.Block] = [
            .paragraph(
                "\(standards.cases) cases evaluated, \(standards.unmatched) matched no rule. Compliance is achieved "
                    + "among decided cycles; goal \(Wording.percent(standards.goal))."
            ),
            .table(
                .init(
                    title: "Compliance by target",
                    header: ["target", "compliance", "achieved", "breached", "active", "paused"],
                    rows: standards.targets.map {
                        [
                            DisplayName.target($0.kind), Wording.percent($0.compliance), "\($0.achieved)",
                            "\($0.breached)", "\($0.active)", "\($0.paused)",
                        ]
                    }
                )
            ),
        ]
        blocks += unmeasuredList(standards.unmeasured)
        if !standards.weekly.isEmpty {
            blocks.append(
                .chart(
                    ReportChart(
                        .lines,
                        title: "SLA compliance by week",
                        description: "First-reply and resolution compliance per ISO week of creation, against the "
                            + "goal of \(Wording.percent(standards.goal)).",
                        xTitle: "ISO week of creation",
                        yTitle: "compliance",
                        labels: standards.weekly.map(\.week),
                        series: [
                            .init("first reply", standards.weekly.map(\.firstReply)),
                            .init("resolution", standards.weekly.map(\.resolution)),
                        ],
                        references: [.init("goal \(Wording.percent(standards.goal))", standards.goal)],
                        unit: .share
                    )
                )
            )
            blocks.append(
                .table(
                    .init(
                        title: "Compliance by week",
                        header: ["week", "cases", "first reply", "resolution"],
                        rows: standards.weekly.map {
                            [$0.week, "\($0.cases)", Wording.percent($0.firstReply), Wording.percent($0.resolution)]
                        }
                    )
                )
            )
        }
        if !standards.changes.isEmpty {
            blocks.append(.paragraph("Latest 28 days against the 28 before (two-proportion z-test):"))
            blocks.append(.list(standards.changes.map { "\($0.figure): \(Wording.change($0))" }))
        }
        for breakdown in standards.breakdowns where breakdown.rows.count > 1 || breakdown.dimension == "priority" {
            let shown = breakdown.rows.prefix(15)
            blocks.append(
                .table(
                    .init(
                        title: "By \(breakdown.dimension)"
                            + (breakdown.rows.count > shown.count ? " (the 15 with most cases)" : ""),
                        header: [breakdown.dimension, "cases", "first reply", "resolution", "breached"],
                        rows: shown.map {
                            [
                                DisplayName.words($0.group), "\($0.cases)", Wording.percent($0.firstReply),
                                Wording.percent($0.resolution), "\($0.breached)",
                            ]
                        }
                    )
                )
            )
        }
        let cycleRows = { (lines: [CycleLine]) in
            lines.map {
                [
                    $0.caseID.rawValue, DisplayName.target($0.kind), $0.priority.rawValue,
                    $0.assignee?.rawValue ?? "(unassigned)",
                    $0.remaining >= 0 ? Wording.hours($0.remaining) + " left" : Wording.hours(-$0.remaining) + " over",
                    $0.due.map(InstantCoding.string) ?? "—",
                ]
            }
        }
        let header = ["case", "target", "priority", "assignee", "clock", "due"]
        blocks.append(
            standards.breachingNow.isEmpty
                ? .paragraph("No running cycle is over its target.")
                : .table(
                    .init(title: "Breaching now (still open)", header: header, rows: cycleRows(standards.breachingNow))
                )
        )
        blocks.append(
            standards.atRisk.isEmpty
                ? .paragraph("No running cycle is due within \(Wording.hours(standards.atRiskWithin)).")
                : .table(
                    .init(
                        title: "At risk: due within \(Wording.hours(standards.atRiskWithin))",
                        header: header,
                        rows: cycleRows(standards.atRisk)
                    )
                )
        )
        if !standards.worst.isEmpty {
            blocks.append(
                .table(
                    .init(
                        title: "Largest breaches",
                        header: ["case", "target", "over target"],
                        rows: standards.worst.prefix(5).map {
                            [$0.caseID.rawValue, DisplayName.target($0.kind), Wording.hours($0.overrun)]
                        }
                    )
                )
            )
        }
        return .init(heading: "Service standards: \(standards.policy)", blocks: blocks)
    }

    private static func operationsPart(_ operations: OperationsSection, businessHours: Bool) -> ReportDocument.Part {
        let clock = businessHours ? "business hours" : "elapsed hours"
        let unmeasured = Set(operations.unmeasured.map(\.figure))
        func value(_ figure: String, _ text: String) -> String {
            unmeasured.contains(figure) ? "not measurable" : text
        }
        var blocks: [ReportDocument.Block] = [
            .table(
                .init(
                    title: "Cases",
                    header: ["measure", "value"],
                    rows: [
                        ["cases", "\(operations.cases)"],
                        ["solved", "\(operations.solved)"],
                        ["open at the end", "\(operations.open)"],
                        [
                            "first reply, median (\(clock))",
                            value("first reply", Wording.hours(operations.firstReplyMedian)),
                        ],
                        [
                            "first reply, 90th percentile",
                            value("first reply", Wording.hours(operations.firstReplyP90)),
                        ],
                        [
                            "resolution, median (\(clock))",
                            value("resolution", Wording.hours(operations.resolutionMedian)),
                        ],
                        ["resolution, 90th percentile", value("resolution", Wording.hours(operations.resolutionP90))],
                        [
                            "requester wait, median",
                            value("requester wait", Wording.hours(operations.requesterWaitMedian)),
                        ],
                        [
                            "agent work time, median",
                            value("agent work time", Wording.hours(operations.agentWorkMedian)),
                        ],
                        [
                            "first-contact resolution",
                            value("first-contact resolution", Wording.percent(operations.firstContactResolution)),
                        ],
                        ["reopened", value("reopened", Wording.percent(operations.reopenRate))],
                        ["escalated", value("escalated", Wording.percent(operations.escalationRate))],
                    ]
                )
            )
        ]
        blocks += unmeasuredList(operations.unmeasured)
        if !unmeasured.contains("first reply") {
            blocks += binBlocks(
                "First reply in \(clock)",
                description: "Cases by time to first reply, in \(clock).",
                xTitle: "\(clock) to first reply",
                yTitle: "cases",
                operations.firstReplyHistogram
            )
        }
        if !operations.weekly.isEmpty {
            blocks.append(
                .chart(
                    ReportChart(
                        .lines,
                        title: "Created and solved by week",
                        description: "Cases created and cases solved in each ISO week.",
                        xTitle: "ISO week",
                        yTitle: "cases",
                        labels: operations.weekly.map(\.week),
                        series: [
                            .init("created", operations.weekly.map { Double($0.created) }),
                            .init("solved", operations.weekly.map { Double($0.solved) }),
                        ],
                        unit: .count
                    )
                )
            )
            blocks.append(
                .table(
                    .init(
                        title: "Flow by week",
                        header: ["week", "created", "solved", "first reply, median", "resolution, median"],
                        rows: operations.weekly.map {
                            [
                                $0.week, "\($0.created)", "\($0.solved)", Wording.hours($0.firstReplyMedian),
                                Wording.hours($0.resolutionMedian),
                            ]
                        }
                    )
                )
            )
        }
        blocks += binBlocks(
            "Backlog by age",
            description: "Open cases at the evaluation instant by elapsed age.",
            xTitle: "age (elapsed days)",
            yTitle: "open cases",
            operations.backlog
        )
        let agents = operations.agents.prefix(25)
        blocks.append(
            .table(
                .init(
                    title: "By agent (assignee at the end)"
                        + (operations.agents.count > agents.count ? ", the 25 with most cases" : ""),
                    header: [
                        "agent", "cases", "solved", "open", "first reply, median", "resolution, median", "reopened",
                    ],
                    rows: agents.map {
                        [
                            $0.agent, "\($0.cases)", "\($0.solved)", "\($0.open)", Wording.hours($0.firstReplyMedian),
                            Wording.hours($0.resolutionMedian), value("reopened", Wording.percent($0.reopenRate)),
                        ]
                    }
                )
            )
        )
        return .init(heading: "Operations", blocks: blocks)
    }

    private static func contactPart(_ contacts: ContactFigures) -> ReportDocument.Part {
        .init(
            heading: "Contact centre",
            blocks: [
                .table(
                    .init(
                        title: "Calls",
                        header: ["measure", "value"],
                        rows: [
                            ["calls offered", "\(contacts.offered)"],
                            ["calls answered", "\(contacts.answered)"],
                            ["calls abandoned", "\(contacts.abandoned)"],
                            ["abandonment", Wording.percent(contacts.abandonmentRate)],
                            ["service level (20 s)", Wording.percent(contacts.serviceLevel)],
                            ["average speed of answer", Wording.seconds(contacts.averageSpeedOfAnswer)],
                            ["average handle time", Wording.seconds(contacts.averageHandleTime)],
                        ]
                    )
                )
            ]
        )
    }

    private static func satisfactionPart(_ satisfaction: SatisfactionSection) -> ReportDocument.Part {
        var items: [String] = []
        if let nps = satisfaction.nps { items.append("Net Promoter Score: \(Wording.interval(nps, digits: 1))") }
        if let csat = satisfaction.csat {
            items.append("CSAT, share satisfied (4–5 of 5): \(Wording.interval(csat, scale: 100, unit: "%"))")
        }
        if let ces = satisfaction.ces {
            items.append("Customer effort (1–5, lower is easier): \(Wording.interval(ces, digits: 2))")
        }
        if satisfaction.rejected > 0 {
            items.append("\(satisfaction.rejected) answers left out (off-scale or of a survey not reported)")
        }
        var blocks: [ReportDocument.Block] = [.list(items)]
        blocks += unmeasuredList(satisfaction.unmeasured)
        if let shares = satisfaction.npsShares, shares.answers > 0 {
            let count = { (value: Double) in
                value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
            }
            let score = (shares.promoters - shares.detractors) / shares.answers * 100
            let sentence =
                "NPS = (\(count(shares.promoters)) promoters − \(count(shares.detractors)) detractors) / "
                + "\(count(shares.answers)) answers × 100 = \(Wording.number(score))."
            blocks.append(
                .chart(
                    ReportChart(
                        .stacked,
                        title: "NPS breakdown",
                        description:
                            "Promoters, passives and detractors as shares of the \(count(shares.answers)) answers.",
                        labels: ["promoters (9–10)", "passives (7–8)", "detractors (0–6)"],
                        series: [
                            .init("promoters (9–10): \(count(shares.promoters))", [shares.promoters / shares.answers]),
                            .init("passives (7–8): \(count(shares.passives))", [shares.passives / shares.answers]),
                            .init(
                                "detractors (0–6): \(count(shares.detractors))",
                                [shares.detractors / shares.answers]
                            ),
                        ],
                        unit: .share
                    )
                )
            )
            blocks.append(.paragraph(sentence))
        }
        if !satisfaction.npsBySegment.isEmpty {
            blocks.append(
                .table(
                    .init(
                        title: "Net Promoter Score by segment",
                        header: ["segment", "NPS"],
                        rows: satisfaction.npsBySegment.map {
                            [DisplayName.words($0.segment), Wording.interval($0.nps, digits: 1)]
                        }
                    )
                )
            )
        }
        if !satisfaction.weekly.isEmpty {
            let hasCSAT = satisfaction.weekly.contains { $0.csat != nil }
            let hasNPS = satisfaction.weekly.contains { $0.nps != nil }
            if hasCSAT {
                blocks.append(
                    .chart(
                        ReportChart(
                            .lines,
                            title: "CSAT by week",
                            description: "Share of satisfied answers (4–5 of 5) per ISO week of answering.",
                            xTitle: "ISO week answered",
                            yTitle: "satisfied",
                            labels: satisfaction.weekly.map(\.week),
                            series: [.init("CSAT", satisfaction.weekly.map(\.csat))],
                            unit: .share
                        )
                    )
                )
            }
            if hasNPS {
                blocks.append(
                    .chart(
                        ReportChart(
                            .lines,
                            title: "NPS by week",
                            description: "Net Promoter Score per ISO week of answering, from −100 to 100.",
                            xTitle: "ISO week answered",
                            yTitle: "NPS",
                            labels: satisfaction.weekly.map(\.week),
                            series: [.init("NPS", satisfaction.weekly.map(\.nps))],
                            unit: .count
                        )
                    )
                )
            }
            blocks.append(
                .table(
                    .init(
                        title: "Satisfaction by week",
                        header: ["week", "CSAT", "CSAT answers", "NPS", "NPS answers"],
                        rows: satisfaction.weekly.map {
                            [
                                $0.week, Wording.percent($0.csat), "\($0.csatAnswers)", Wording.number($0.nps),
                                "\($0.npsAnswers)",
                            ]
                        }
                    )
                )
            )
        }
        if !satisfaction.changes.isEmpty {
            blocks.append(.paragraph("Latest 28 days against the 28 before:"))
            blocks.append(
                .list(satisfaction.changes.map { "\($0.figure): \(Wording.change($0))" })
            )
        }
        if !satisfaction.servqualGaps.isEmpty {
            blocks.append(
                .table(
                    .init(
                        title: "SERVQUAL gaps (perception − expectation; negative falls short)",
                        header: ["dimension", "gap"],
                        rows: satisfaction.servqualGaps.map {
                            [DisplayName.words($0.dimension), Wording.number($0.gap, 2)]
                        }
                    )
                )
            )
        }
        return .init(heading: "Customer satisfaction", blocks: blocks)
    }

    private static func auditPart(_ audit: AuditSection) -> ReportDocument.Part {
        var blocks: [ReportDocument.Block] = [
            .paragraph(
                audit.outcome.label + " with \(Wording.number(audit.percent))%"
                    + (audit.passMark.map { " against a pass mark of \(Wording.number($0))%" } ?? "")
                    + (audit.maturity.map { ", maturity \($0)" } ?? "") + " (\(audit.source))."
            )
        ]
        blocks.append(
            .chart(
                ReportChart(
                    .scoreBars,
                    title: "Section scores: \(audit.title)",
                    description: "Each section's score in percent of the points available"
                        + (audit.passMark.map { ", against the pass mark of \(Wording.number($0))%" } ?? "") + ".",
                    xTitle: "score (% of points available)",
                    labels: audit.sections.map(\.title),
                    series: [.init("score", audit.sections.map(\.percent))],
                    references: audit.passMark.map { [.init("pass mark \(Wording.number($0))%", $0)] } ?? [],
                    unit: .percent
                )
            )
        )
        blocks.append(
            .table(
                .init(
                    title: "Section scores",
                    header: ["section", "score"],
                    rows: audit.sections.map { [$0.title, Wording.number($0.percent) + "%"] }
                )
            )
        )
        if !audit.findings.isEmpty {
            blocks.append(
                .paragraph(
                    "Findings by severity: "
                        + audit.findings.map { "\(DisplayName.severity($0.severity).lowercased()) \($0.count)" }
                        .joined(separator: ", ") + "."
                )
            )
        }
        if !audit.actions.isEmpty { blocks.append(.list(audit.actions.map { "Action \($0)" })) }
        return .init(heading: "Audit: \(audit.title)", blocks: blocks)
    }

    private static func staffingPart(_ staffing: StaffingSection) -> ReportDocument.Part {
        let staffed = staffing.intervals.contains { $0.staffed != nil }
        var series: [ReportChart.Series] = [
            .init("Erlang C", staffing.intervals.map { Double($0.erlangC) }),
            .init("Erlang A", staffing.intervals.map { Double($0.erlangA) }),
            .init("to schedule", staffing.intervals.map { Double($0.scheduled) }),
        ]
        if staffed { series.append(.init("staffed", staffing.intervals.map(\.staffed))) }
        var header = ["interval", "calls", "AHT", "Erlang C", "Erlang A", "to schedule"]
        if staffed { header += ["staffed", "gap"] }
        return .init(
            heading: "Staffing",
            blocks: [
                .paragraph(
                    "Average of \(staffing.days) day\(staffing.days == 1 ? "" : "s") of calls; \(staffing.targets)."
                ),
                .chart(
                    ReportChart(
                        .lines,
                        title: "Agents needed per half hour",
                        description: "Agents on the phones per local half hour under Erlang C and Erlang A, agents to "
                            + "schedule after shrinkage" + (staffed ? ", and agents staffed." : "."),
                        xTitle: "local half hour",
                        yTitle: "agents",
                        labels: staffing.intervals.map(\.start),
                        series: series,
                        unit: .count
                    )
                ),
                .table(
                    .init(
                        title: "Agents per half hour",
                        header: header,
                        rows: staffing.intervals.map { line in
                            var row = [
                                line.start, Wording.number(line.calls), Wording.seconds(line.averageHandleTime),
                                "\(line.erlangC)", "\(line.erlangA)", "\(line.scheduled)",
                            ]
                            if staffed {
                                row.append(Wording.number(line.staffed))
                                row.append(Wording.number(line.staffed.map { $0 - Double(line.scheduled) }))
                            }
                            return row
                        }
                    )
                ),
            ]
        )
    }
}
