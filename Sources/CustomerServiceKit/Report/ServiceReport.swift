public import Foundation

/// A service report: standards, operations, satisfaction, audits and staffing, as plain values.
///
/// Built by ``build(_:)`` from a ``ServiceReportInput``; rendered by a ``ServiceReportRenderer`` such as
/// ``MarkdownServiceReportRenderer`` or ``HTMLServiceReportRenderer``, or encoded as JSON (the schema is in
/// `Documentation/ServiceReport.md`). Every section is optional: a section whose data was not given is `nil` and named
/// in ``omitted`` with the reason, and a figure whose inputs are missing is `nil` and named in the section's
/// `unmeasured` list — never a zero.
public struct ServiceReport: Sendable, Hashable, Codable {
    /// The version of the JSON layout, `2`; it changes when a field is removed or changes meaning.
    public static let schemaVersion = 2

    /// The JSON layout's version (``schemaVersion`` when built).
    public var schema: Int
    /// The report's title: "Service report", or "Service report (fictional sample data)".
    public var title: String
    /// Where the data came from.
    public var dataSource: DataSource
    /// The organisation's name, when one was given.
    public var organisation: String?
    /// The organisation's sector, when one was given.
    public var sector: Sector?
    /// From the first case's creation (or the first contact or answer) to the evaluation instant.
    public var period: DateInterval
    /// The evaluation instant.
    public var asOf: Date
    /// The time zone of weeks and intervals.
    public var timeZone: String
    /// Whether durations are business hours of a calendar (`false`: elapsed hours, no calendar was given).
    public var businessHours: Bool
    /// Things a reader must know before trusting a figure: unmatched cases, targets that applied to no case, values no
    /// mapping knew, rows left out above the threshold, figures that cannot be measured.
    public var warnings: [Warning]
    /// The sections left out, each with the reason ("no contacts given").
    public var omitted: [Omission]
    /// Service-level compliance, when there is a policy and cases.
    public var standards: StandardsSection?
    /// Case KPIs, when there are cases.
    public var operations: OperationsSection?
    /// Contact-centre figures, when there are contacts.
    public var contactCentre: ContactFigures?
    /// Survey results, when there are survey answers or SERVQUAL questionnaires.
    public var satisfaction: SatisfactionSection?
    /// Audits: the completed one, and delivery standards answered from this report's measurements.
    public var audits: [AuditSection]
    /// The staffing the contacts' average day needs, per half hour, when there are contacts.
    public var staffing: StaffingSection?
    /// Every figure as a measurement, for an audit or a dashboard.
    public var measurements: [ServiceMeasurement]

    /// Where a report's data came from.
    public enum DataSource: String, Sendable, Hashable, Codable {
        /// The shipped, fictional sample data.
        case sample
        /// Data the caller supplied.
        case supplied
    }

    /// A report section.
    public enum Section: String, Sendable, Hashable, Codable, CaseIterable {
        /// Service-level compliance.
        case standards
        /// Case KPIs.
        case operations
        /// Contact-centre figures.
        case contactCentre
        /// Survey results.
        case satisfaction
        /// SERVQUAL gaps.
        case servqual
        /// A completed audit.
        case audit
        /// Delivery standards answered from the measurements.
        case deliveryAudit
        /// Staffing.
        case staffing
    }

    /// A section left out and why.
    public struct Omission: Sendable, Hashable, Codable {
        /// The section.
        public var section: Section
        /// Why, such as "no contacts given".
        public var reason: String
    }

    /// Something a reader must know before trusting the figures.
    public struct Warning: Sendable, Hashable, Codable {
        /// What kind of warning.
        public var code: Code
        /// The message, naming the figure, value or file.
        public var message: String

        /// The kinds of warning.
        public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
            /// Cases that matched no rule of the policy.
            case unmatchedCases
            /// A target of the policy that applied to no case.
            case targetAppliesToNoCase
            /// Values no mapping translated (rows left out or kept as written).
            case unmappedValues
            /// More of a file's rows were left out than the threshold allows.
            case rowsLeftOut
            /// A figure that cannot be measured from the data given.
            case notMeasurable
            /// Survey answers left out (off their scale, or of an unknown survey).
            case answersLeftOut
            /// Staffed agents given for half hours the staffing plan does not have (no calls then, or no contacts).
            case staffedIntervalsUnused
            /// A survey measure that says little for the organisation's sector (the NPS where customers cannot go
            /// elsewhere), with the reason and the measures that fit.
            case measureUnsuited
        }
    }

    /// A figure that cannot be measured, and why ("no first-reply data").
    public struct Unmeasured: Sendable, Hashable, Codable {
        /// The figure's name, as the renderers label it.
        public var figure: String
        /// Why it cannot be measured.
        public var reason: String
    }

    /// A change between the latest period and the one before it, with a significance test where the figure is a rate.
    public struct Change: Sendable, Hashable, Codable {
        /// The figure, such as "first-reply compliance".
        public var figure: String
        /// Whether the values are shares from 0 to 1 (shown as percentages, the difference in percentage points);
        /// otherwise scores such as the NPS (the difference in points of the score).
        public var isShare: Bool
        /// The latest period.
        public var current: DateInterval
        /// The value in the latest period.
        public var currentValue: Double?
        /// Its sample size.
        public var currentCount: Int
        /// The value in the period before.
        public var previousValue: Double?
        /// Its sample size.
        public var previousCount: Int
        /// The test of the difference (current − previous): two-proportion z for rates, NPS z for the NPS.
        public var test: DifferenceTest?
    }

    /// Service-level compliance.
    public struct StandardsSection: Sendable, Hashable, Codable {
        /// The policy's name.
        public var policy: String
        /// Cases evaluated.
        public var cases: Int
        /// Cases that matched no rule.
        public var unmatched: Int
        /// Per target kind.
        public var targets: [TargetLine]
        /// Target kinds the data cannot measure (a ticket-per-row export has no replies between first and last).
        public var unmeasured: [Unmeasured]
        /// Per ISO week of creation: first-reply and resolution compliance.
        public var weekly: [WeekLine]
        /// First-reply and resolution compliance by priority, team, channel and agent.
        public var breakdowns: [Breakdown]
        /// Running cycles due within ``atRiskWithin`` on their clock, soonest first.
        public var atRisk: [CycleLine]
        /// Running cycles already over target, longest over first.
        public var breachingNow: [CycleLine]
        /// The horizon of ``atRisk``, seconds on the target's clock.
        public var atRiskWithin: Double
        /// The share of decided cycles each target kind should achieve (``ServiceReportInput/complianceGoal``).
        public var goal: Double
        /// The largest breaches.
        public var worst: [Breach]
        /// Compliance in the latest four weeks against the four before.
        public var changes: [Change]
    }

    /// One target kind's outcomes.
    public struct TargetLine: Sendable, Hashable, Codable {
        /// The target kind.
        public var kind: TargetKind
        /// Cycles achieved.
        public var achieved: Int
        /// Cycles breached.
        public var breached: Int
        /// Cycles still running within target.
        public var active: Int
        /// Cycles paused.
        public var paused: Int
        /// `achieved / (achieved + breached)`.
        public var compliance: Double?
    }

    /// One week's compliance.
    public struct WeekLine: Sendable, Hashable, Codable {
        /// The ISO week, `2026-W48`.
        public var week: String
        /// First-reply compliance, if any cycle was decided.
        public var firstReply: Double?
        /// Resolution compliance, if any cycle was decided.
        public var resolution: Double?
        /// Cases created in the week.
        public var cases: Int
    }

    /// Compliance broken down by one dimension.
    public struct Breakdown: Sendable, Hashable, Codable {
        /// The dimension: `priority`, `team`, `channel` or `agent`.
        public var dimension: String
        /// One row per value, most cases first; cases without a value are under "(none)".
        public var rows: [BreakdownRow]
    }

    /// One group's compliance.
    public struct BreakdownRow: Sendable, Hashable, Codable {
        /// The group's value.
        public var group: String
        /// Cases in the group.
        public var cases: Int
        /// First-reply compliance.
        public var firstReply: Double?
        /// Resolution compliance.
        public var resolution: Double?
        /// Cycles breached, of every target kind.
        public var breached: Int
    }

    /// One running cycle of a target.
    public struct CycleLine: Sendable, Hashable, Codable {
        /// The case.
        public var caseID: CaseID
        /// The target kind.
        public var kind: TargetKind
        /// The case's priority.
        public var priority: Priority
        /// The assignee, if any.
        public var assignee: AgentID?
        /// Seconds left (positive) or over (negative), on the target's clock.
        public var remaining: Double
        /// When it breaches or breached, where the clock gives an instant.
        public var due: Date?
    }

    /// One breach.
    public struct Breach: Sendable, Hashable, Codable {
        /// The case.
        public var caseID: CaseID
        /// The target kind.
        public var kind: TargetKind
        /// Seconds over target, on the target's clock.
        public var overrun: Double
    }

    /// Case KPIs.
    public struct OperationsSection: Sendable, Hashable, Codable {
        /// Cases created.
        public var cases: Int
        /// Cases not resolved at the evaluation instant.
        public var open: Int
        /// Cases solved or closed.
        public var solved: Int
        /// First reply in business hours: median, seconds.
        public var firstReplyMedian: Double?
        /// The 90th percentile of first reply, business seconds.
        public var firstReplyP90: Double?
        /// Final resolution in business hours: median, seconds.
        public var resolutionMedian: Double?
        /// The 90th percentile of resolution, business seconds.
        public var resolutionP90: Double?
        /// Requester wait (business time in new, open and on-hold, Zendesk's definition), median over solved cases.
        public var requesterWaitMedian: Double?
        /// Agent work time (business time in new and open), median over solved cases.
        public var agentWorkMedian: Double?
        /// The distribution of first reply in business hours.
        public var firstReplyHistogram: [Bin]
        /// Solved in one agent reply, among solved cases.
        public var firstContactResolution: Double?
        /// Reopened at least once, among solved cases.
        public var reopenRate: Double?
        /// Escalated at least once, among cases.
        public var escalationRate: Double?
        /// Figures the data cannot give, with the reason.
        public var unmeasured: [Unmeasured]
        /// Per ISO week: created, solved, medians.
        public var weekly: [FlowLine]
        /// Open cases by age at the evaluation instant.
        public var backlog: [Bin]
        /// Per assignee, most cases first.
        public var agents: [AgentLine]
    }

    /// A histogram bin.
    public struct Bin: Sendable, Hashable, Codable {
        /// The bin's label, `1–2 h`.
        public var label: String
        /// The count.
        public var count: Int
    }

    /// One week's flow of cases.
    public struct FlowLine: Sendable, Hashable, Codable {
        /// The ISO week.
        public var week: String
        /// Cases created in the week.
        public var created: Int
        /// Cases solved in the week.
        public var solved: Int
        /// Median first reply of the week's new cases, business seconds.
        public var firstReplyMedian: Double?
        /// Median resolution of the cases solved in the week, business seconds.
        public var resolutionMedian: Double?
    }

    /// One agent's figures.
    public struct AgentLine: Sendable, Hashable, Codable {
        /// The agent (the assignee at the evaluation instant).
        public var agent: String
        /// Cases assigned.
        public var cases: Int
        /// Of them solved.
        public var solved: Int
        /// Of them open.
        public var open: Int
        /// Median first reply, business seconds.
        public var firstReplyMedian: Double?
        /// Median resolution, business seconds.
        public var resolutionMedian: Double?
        /// Reopened among solved.
        public var reopenRate: Double?
    }

    /// Contact-centre figures.
    public struct ContactFigures: Sendable, Hashable, Codable {
        /// Contacts offered.
        public var offered: Int
        /// Answered.
        public var answered: Int
        /// Abandoned.
        public var abandoned: Int
        /// Abandoned among answered and abandoned.
        public var abandonmentRate: Double?
        /// Answered within 20 s among answered and abandoned.
        public var serviceLevel: Double?
        /// Mean speed of answer, seconds.
        public var averageSpeedOfAnswer: Double?
        /// Mean handle time, seconds.
        public var averageHandleTime: Double?
    }

    /// Survey results.
    public struct SatisfactionSection: Sendable, Hashable, Codable {
        /// The Net Promoter Score, with its interval.
        public var nps: Estimate?
        /// Promoters, passives and detractors, when there are NPS answers.
        public var npsShares: NPSShares?
        /// The NPS per segment, largest first.
        public var npsBySegment: [SegmentLine]
        /// The CSAT favourable share (4–5 of 5), with its interval.
        public var csat: Estimate?
        /// The mean CES (1–5, lower is easier), with its interval.
        public var ces: Estimate?
        /// SERVQUAL gaps (perception − expectation) per dimension.
        public var servqualGaps: [GapLine]
        /// Answers left out (off their survey's scale or of an unknown survey).
        public var rejected: Int
        /// Per ISO week of answering: CSAT and NPS.
        public var weekly: [SatisfactionWeek]
        /// CSAT and NPS in the latest four weeks against the four before.
        public var changes: [Change]
        /// Figures the data cannot give.
        public var unmeasured: [Unmeasured]
    }

    /// The parts of a Net Promoter Score; `promoters − detractors` (as counts over `answers`) is the score.
    public struct NPSShares: Sendable, Hashable, Codable {
        /// Answers of 9 or 10 (weighted when answers carry weights).
        public var promoters: Double
        /// Answers of 7 or 8.
        public var passives: Double
        /// Answers of 0 to 6.
        public var detractors: Double
        /// All answers.
        public var answers: Double
    }

    /// A segment's NPS.
    public struct SegmentLine: Sendable, Hashable, Codable {
        /// The segment.
        public var segment: String
        /// Its score.
        public var nps: Estimate
    }

    /// A SERVQUAL dimension's gap.
    public struct GapLine: Sendable, Hashable, Codable {
        /// The dimension.
        public var dimension: String
        /// Perception − expectation.
        public var gap: Double
    }

    /// One week's survey figures.
    public struct SatisfactionWeek: Sendable, Hashable, Codable {
        /// The ISO week.
        public var week: String
        /// CSAT favourable share.
        public var csat: Double?
        /// CSAT answers.
        public var csatAnswers: Int
        /// NPS.
        public var nps: Double?
        /// NPS answers.
        public var npsAnswers: Int
    }

    /// An audit's score.
    public struct AuditSection: Sendable, Hashable, Codable {
        /// The template's title.
        public var title: String
        /// How it was answered: by auditors, or from measurements.
        public var source: String
        /// The score in percent.
        public var percent: Double?
        /// The pass mark in percent.
        public var passMark: Double?
        /// Passed or not (`outcome` is passed).
        public var passed: Bool
        /// Passed, failed, or not scorable (a pass mark and no score to hold against it).
        public var outcome: AuditOutcome
        /// The maturity level.
        public var maturity: String?
        /// Section scores in percent.
        public var sections: [SectionLine]
        /// Findings by severity, most severe first.
        public var findings: [FindingLine]
        /// Corrective actions: `CA-1: … (owner, due)`.
        public var actions: [String]
    }

    /// A section's score.
    public struct SectionLine: Sendable, Hashable, Codable {
        /// The section's title.
        public var title: String
        /// The score in percent.
        public var percent: Double?
    }

    /// Findings of one severity.
    public struct FindingLine: Sendable, Hashable, Codable {
        /// The severity, such as `majorNonconformity`.
        public var severity: String
        /// How many.
        public var count: Int
    }

    /// Staffing per interval.
    public struct StaffingSection: Sendable, Hashable, Codable {
        /// What the plan aims for.
        public var targets: String
        /// Days of contacts averaged.
        public var days: Int
        /// One row per half hour.
        public var intervals: [StaffingLine]
    }

    /// One interval's staffing.
    public struct StaffingLine: Sendable, Hashable, Codable {
        /// The local start, `09:30`.
        public var start: String
        /// Average calls offered in the interval.
        public var calls: Double
        /// Average handle time, seconds.
        public var averageHandleTime: Double
        /// Agents needed under Erlang C.
        public var erlangC: Int
        /// Agents needed under Erlang A (callers' patience from the abandonment data).
        public var erlangA: Int
        /// Agents to schedule (Erlang A, after shrinkage).
        public var scheduled: Int
        /// Agents actually staffed in the interval, where the input gives them.
        public var staffed: Double?
    }
}
