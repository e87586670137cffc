public import Foundation

/// What a service report is computed from: the organisation, its promises, and what happened.
public struct ServiceReportInput: Sendable {
    /// The organisation.
    public var organisation: Organisation
    /// The service-level policy and its calendars.
    public var serviceLevels: ServiceLevelConfiguration
    /// The calendar whose time zone sets the report's weeks and whose hours measure business time.
    public var reportingCalendar: CalendarID
    /// The cases.
    public var cases: [Case]
    /// Contact-centre contacts (may be empty).
    public var contacts: [Contact]
    /// Survey answers; `nps`, `csat` and `ces` answers are reported, on the scales in ``surveyScales``.
    public var surveys: [SurveyAnswer]
    /// The scales of the surveys by name (NPS 0–10, CSAT 1–5, CES 1–5 lower-is-better by default).
    public var surveyScales: [String: RatingScale]
    /// SERVQUAL questionnaires on the standard instrument (may be empty).
    public var servqual: [ServqualResponse]
    /// A completed audit and its template, if there is one.
    public var audit: (audit: Audit, template: AuditTemplate)?
    /// The instant at which cases are evaluated; the report covers the cases created before it.
    public var asOf: Date
    /// The scales of the `nps` (0–10), `csat` (1–5) and `ces` (1–5, lower is easier) surveys.
    public static let defaultSurveyScales: [String: RatingScale] = [
        "nps": .netPromoter, "csat": .satisfaction5, "ces": .effort5,
    ]

    /// The staffing model's targets: 80 % of calls answered in 20 s, at most 85 % occupancy, 30 % shrinkage.
    public var staffingTargets: StaffingTargets

    /// Creates an input.
    ///
    /// - Parameters:
    ///   - organisation: The organisation.
    ///   - serviceLevels: The policy and calendars.
    ///   - reportingCalendar: The calendar for weeks and business time; must be in `serviceLevels`.
    ///   - cases: The cases.
    ///   - contacts: The contacts.
    ///   - surveys: The survey answers.
    ///   - servqual: SERVQUAL questionnaires.
    ///   - audit: A completed audit and its template.
    ///   - asOf: The evaluation instant.
    /// - Throws: `ServiceStandardsError` with code `unknownReference` (path `reportingCalendar`) for a calendar the
    ///   configuration lacks.
    public init(
        organisation: Organisation,
        serviceLevels: ServiceLevelConfiguration,
        reportingCalendar: CalendarID,
        cases: [Case],
        contacts: [Contact] = [],
        surveys: [SurveyAnswer] = [],
        servqual: [ServqualResponse] = [],
        audit: (audit: Audit, template: AuditTemplate)? = nil,
        asOf: Date
    ) throws {
        guard serviceLevels.calendars[reportingCalendar] != nil else {
            throw ServiceStandardsError(
                .unknownReference,
                at: "reportingCalendar",
                "the service levels have no calendar \"\(reportingCalendar.rawValue)\""
            )
        }
        self.organisation = organisation
        self.serviceLevels = serviceLevels
        self.reportingCalendar = reportingCalendar
        self.cases = cases
        self.contacts = contacts
        self.surveys = surveys
        self.surveyScales = Self.defaultSurveyScales
        self.servqual = servqual
        self.audit = audit
        self.asOf = asOf
        self.staffingTargets = try StaffingTargets(
            serviceLevel: (0.8, try ServiceLevelDefinition(answeredWithin: 20, convention: .abandonedInDenominator)),
            maximumOccupancy: 0.85,
            shrinkage: 0.3
        )
    }
}

/// A service report: standards, operations, satisfaction, audits and staffing, as plain values.
///
/// Built by ``build(_:)`` from a ``ServiceReportInput``; rendered by a ``ServiceReportRenderer`` such as
/// ``MarkdownServiceReportRenderer`` or ``HTMLServiceReportRenderer``. `Codable`, so a report can be stored and rendered
/// later or elsewhere.
public struct ServiceReport: Sendable, Hashable, Codable {
    /// The report's title.
    public var title: String
    /// The organisation's name and sector.
    public var organisation: String
    /// The sector.
    public var sector: Sector
    /// From the first case's creation to the evaluation instant.
    public var period: DateInterval
    /// The evaluation instant.
    public var asOf: Date
    /// The time zone of weeks and intervals.
    public var timeZone: String
    /// Service-level compliance.
    public var standards: StandardsSection
    /// Case and contact KPIs.
    public var operations: OperationsSection
    /// Survey results.
    public var satisfaction: SatisfactionSection
    /// Audits: the completed one, and delivery standards answered from this report's measurements.
    public var audits: [AuditSection]
    /// The staffing the contacts' average day needs, per half hour.
    public var staffing: StaffingSection?
    /// Every figure as a measurement, for an audit or a dashboard.
    public var measurements: [ServiceMeasurement]

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
        /// Per ISO week of creation: first-reply and resolution compliance.
        public var weekly: [WeekLine]
        /// The largest breaches.
        public var worst: [Breach]
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

    /// One breach.
    public struct Breach: Sendable, Hashable, Codable {
        /// The case.
        public var caseID: CaseID
        /// The target kind.
        public var kind: TargetKind
        /// Seconds over target, on the target's clock.
        public var overrun: Double
    }

    /// Case and contact KPIs.
    public struct OperationsSection: Sendable, Hashable, Codable {
        /// Cases created.
        public var cases: Int
        /// Cases not resolved at the evaluation instant.
        public var open: Int
        /// First reply in business hours: median and 90th percentile, seconds.
        public var firstReplyMedian: Double?
        /// The 90th percentile of first reply, business seconds.
        public var firstReplyP90: Double?
        /// Final resolution in business hours: median, seconds.
        public var resolutionMedian: Double?
        /// The distribution of first reply in business hours.
        public var firstReplyHistogram: [Bin]
        /// Solved in one agent reply, among solved cases.
        public var firstContactResolution: Double?
        /// Reopened at least once, among solved cases.
        public var reopenRate: Double?
        /// Escalated at least once, among cases.
        public var escalationRate: Double?
        /// Contact-centre figures, when there are contacts.
        public var contacts: ContactFigures?
    }

    /// A histogram bin.
    public struct Bin: Sendable, Hashable, Codable {
        /// The bin's label, `1–2 h`.
        public var label: String
        /// The count.
        public var count: Int
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
        /// Promoter, passive and detractor shares.
        public var npsShares: [String: Double]
        /// The NPS per segment.
        public var npsBySegment: [String: Estimate]
        /// The CSAT favourable share (4–5 of 5), with its interval.
        public var csat: Estimate?
        /// The mean CES (1–5, lower is easier), with its interval.
        public var ces: Estimate?
        /// SERVQUAL gaps (perception − expectation) per dimension.
        public var servqualGaps: [String: Double]
        /// Answers left out (off their survey's scale or of an unknown survey).
        public var rejected: Int
    }

    /// An audit's score.
    public struct AuditSection: Sendable, Hashable, Codable {
        /// The template's title.
        public var title: String
        /// How it was answered: by auditors, or from measurements.
        public var source: String
        /// The score in percent.
        public var percent: Double?
        /// Passed or not.
        public var passed: Bool
        /// The maturity level.
        public var maturity: String?
        /// Section scores in percent.
        public var sections: [SectionLine]
        /// Findings by severity.
        public var findings: [String: Int]
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
    }
}
