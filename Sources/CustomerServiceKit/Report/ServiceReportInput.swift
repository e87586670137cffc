public import Foundation

/// What a service report is computed from: the organisation, its promises, and what happened.
///
/// Only what is given is reported. Without a policy there is no standards section; without contacts no contact-centre
/// figures or staffing; without surveys no satisfaction section; each left-out section is named in
/// ``ServiceReport/omitted`` with its reason.
public struct ServiceReportInput: Sendable {
    /// The organisation, if known: its sector-specific policy conditions and the report's title use it.
    public var organisation: Organisation?
    /// The service-level policy and its calendars, if there is one.
    public var serviceLevels: ServiceLevelConfiguration?
    /// The calendar whose time zone sets the report's weeks and whose hours measure business time.
    public var calendar: BusinessCalendar
    /// The cases.
    public var cases: [Case]
    /// How much of each case's history the cases carry.
    public var caseDetail: CaseDetail
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
    /// The staffing model's targets: 80 % of calls answered in 20 s, at most 85 % occupancy, 30 % shrinkage.
    public var staffingTargets: StaffingTargets
    /// Agents actually staffed per local half hour (`"09:30"`: 12.5), where known, to set beside the plan.
    public var staffedAgents: [String: Double]
    /// Where the data came from; the sample's report says so in its title.
    public var dataSource: ServiceReport.DataSource
    /// The imports' accounting, so that rows left out above ``leftOutWarningShare`` and unmapped values are warned of.
    public var imports: [ImportSummary]
    /// The share of a file's rows that may be left out before the report warns: 0.05 by default.
    public var leftOutWarningShare: Double
    /// The horizon of "at risk", seconds on the target's clock: 4 hours by default.
    public var atRiskWithin: TimeInterval
    /// The share of decided cycles each target kind should achieve, drawn on the compliance charts: 0.8 by default.
    public var complianceGoal: Double

    /// How much of each case's history the cases carry.
    public enum CaseDetail: String, Sendable, Hashable, Codable {
        /// Every reply, status change and assignment (an event export, Zendesk's tables).
        case timelines
        /// Milestones only: created, first reply, solved, closed (one row per ticket). Figures that need the replies
        /// and status changes in between (first-contact resolution, escalation, next reply, periodic updates,
        /// requester wait, agent work) and the reopen rate are reported as not measurable.
        case milestones
        /// Milestones and each ticket's reopen count: as ``milestones``, but the reopen rate is measured.
        case milestonesWithReopens
    }

    /// The scales of the `nps` (0–10), `csat` (1–5) and `ces` (1–5, lower is easier) surveys.
    public static let defaultSurveyScales: [String: RatingScale] = [
        "nps": .netPromoter, "csat": .satisfaction5, "ces": .effort5,
    ]

    /// Creates an input whose reporting calendar is one of the policy's.
    ///
    /// - Parameters:
    ///   - organisation: The organisation, or `nil` when it is not known.
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
        organisation: Organisation?,
        serviceLevels: ServiceLevelConfiguration,
        reportingCalendar: CalendarID,
        cases: [Case],
        contacts: [Contact] = [],
        surveys: [SurveyAnswer] = [],
        servqual: [ServqualResponse] = [],
        audit: (audit: Audit, template: AuditTemplate)? = nil,
        asOf: Date
    ) throws {
        guard let calendar = serviceLevels.calendars[reportingCalendar] else {
            throw ServiceStandardsError(
                .unknownReference,
                at: "reportingCalendar",
                "the service levels have no calendar \"\(reportingCalendar.rawValue)\""
            )
        }
        try self.init(
            organisation: organisation,
            calendar: calendar,
            serviceLevels: serviceLevels,
            cases: cases,
            contacts: contacts,
            surveys: surveys,
            servqual: servqual,
            audit: audit,
            asOf: asOf
        )
    }

    /// Creates an input with any reporting calendar, and a policy only if there is one.
    ///
    /// - Parameters:
    ///   - organisation: The organisation, or `nil` when it is not known (the report names none).
    ///   - calendar: The calendar for weeks and business time (`BusinessCalendar.alwaysOpen` for elapsed time).
    ///   - serviceLevels: The policy and calendars, or `nil` for a report without a standards section.
    ///   - cases: The cases.
    ///   - caseDetail: How much of each case's history the cases carry.
    ///   - contacts: The contacts.
    ///   - surveys: The survey answers.
    ///   - servqual: SERVQUAL questionnaires.
    ///   - audit: A completed audit and its template.
    ///   - asOf: The evaluation instant.
    ///   - dataSource: Where the data came from.
    /// - Throws: `ServiceMetricsError` never for the built-in staffing targets.
    public init(
        organisation: Organisation?,
        calendar: BusinessCalendar,
        serviceLevels: ServiceLevelConfiguration? = nil,
        cases: [Case],
        caseDetail: CaseDetail = .timelines,
        contacts: [Contact] = [],
        surveys: [SurveyAnswer] = [],
        servqual: [ServqualResponse] = [],
        audit: (audit: Audit, template: AuditTemplate)? = nil,
        asOf: Date,
        dataSource: ServiceReport.DataSource = .supplied
    ) throws {
        self.organisation = organisation
        self.serviceLevels = serviceLevels
        self.calendar = calendar
        self.cases = cases
        self.caseDetail = caseDetail
        self.contacts = contacts
        self.surveys = surveys
        self.surveyScales = Self.defaultSurveyScales
        self.servqual = servqual
        self.audit = audit
        self.asOf = asOf
        self.staffedAgents = [:]
        self.dataSource = dataSource
        self.imports = []
        self.leftOutWarningShare = 0.05
        self.atRiskWithin = 4 * 3_600
        self.complianceGoal = 0.8
        self.staffingTargets = try StaffingTargets(
            serviceLevel: (0.8, try ServiceLevelDefinition(answeredWithin: 20, convention: .abandonedInDenominator)),
            maximumOccupancy: 0.85,
            shrinkage: 0.3
        )
    }
}
