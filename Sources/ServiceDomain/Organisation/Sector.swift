/// The sector an organisation belongs to, which decides whom it serves and why.
///
/// A closed set, as the literature defines it: private firms serve customers for profit and loyalty; public bodies
/// serve citizens with equal access and public accountability; voluntary bodies serve beneficiaries for a mission
/// and must also look after donors and volunteers; co-operatives serve members who own them and have a democratic
/// say. ``traits`` gives each sector's characteristics as data.
public enum Sector: String, Sendable, Hashable, Codable, CaseIterable {
    /// Companies owned by shareholders or proprietors.
    case `private`
    /// Central and local government, public agencies, publicly funded services.
    case `public`
    /// Charities, voluntary and community organisations, non-profits.
    case voluntary
    /// Co-operatives and mutuals owned by their members.
    case cooperative

    /// What characterises customer service in this sector.
    public var traits: SectorTraits {
        switch self {
        case .private:
            SectorTraits(
                primaryDriver: .profit,
                customerRoles: [.consumer, .business],
                accountableTo: ["owners and shareholders", "customers, through their choice to buy again"],
                obligations: [
                    "keep customers loyal: retention costs less than acquisition",
                    "differentiate from competitors through service",
                ],
                practices: [
                    "loyalty and recognition programmes",
                    "service levels tiered by customer value",
                    "service as a route to premium prices and word-of-mouth recommendation",
                ]
            )
        case .public:
            SectorTraits(
                primaryDriver: .citizens,
                customerRoles: [.citizen, .business, .beneficiary],
                accountableTo: ["elected representatives", "the public", "regulators and ombudsmen"],
                obligations: [
                    "equal access: one standard for every citizen, whatever the segment",
                    "publish service standards and performance against them",
                    "serve customers who cannot go elsewhere, fairly and transparently",
                ],
                practices: [
                    "published service charters",
                    "accessible channels for every group, including those without online access",
                    "complaints routes with independent review",
                ]
            )
        case .voluntary:
            SectorTraits(
                primaryDriver: .mission,
                customerRoles: [.beneficiary, .donor, .volunteer],
                accountableTo: ["trustees", "donors and funders", "charity regulators", "beneficiaries"],
                obligations: [
                    "serve beneficiaries in line with the mission",
                    "steward donors: acknowledge, thank and report how gifts are used",
                    "recruit, support and keep volunteers",
                ],
                practices: [
                    "donor response standards",
                    "volunteer induction and recognition",
                    "impact reporting",
                ]
            )
        case .cooperative:
            SectorTraits(
                primaryDriver: .members,
                customerRoles: [.member, .consumer],
                accountableTo: ["members, through democratic governance", "regulators"],
                obligations: [
                    "members are owners: give them a democratic say in how they are served",
                    "share benefits with members fairly",
                ],
                practices: [
                    "member response standards",
                    "member meetings and votes on service priorities",
                    "member dividends or benefits",
                ]
            )
        }
    }
}

extension Sector {
    /// To whom the sector's service standards apply, and how.
    public var standardsScope: StandardsScope {
        switch self {
        case .private: .tieredByValue
        case .public: .equalForAll
        case .voluntary: .donorsAndVolunteers
        case .cooperative: .memberStandards
        }
    }

    /// Whether the sector is expected to publish its standards and its performance against them (public bodies are
    /// accountable to the public for both).
    public var publishesPerformance: Bool { self == .public }

    /// Which survey measures fit the sector's customers, each with the reason.
    ///
    /// The Net Promoter Score asks how likely a customer is to recommend: it means something where customers choose
    /// and can go elsewhere (firms, co-operatives, charities competing for donors), and little where they cannot
    /// (a council's tenants, a licensing office's applicants), where satisfaction (CSAT) and effort (CES) say more.
    public var surveyAdvice: [SurveyMeasureAdvice] {
        switch self {
        case .public:
            [
                SurveyMeasureAdvice(
                    measure: .netPromoterScore,
                    fits: false,
                    reason: "citizens cannot take their custom elsewhere, so likelihood to recommend says little"
                ),
                SurveyMeasureAdvice(
                    measure: .satisfaction,
                    fits: true,
                    reason: "satisfaction with the service received is what public accountability asks"
                ),
                SurveyMeasureAdvice(
                    measure: .effort,
                    fits: true,
                    reason: "the effort a citizen spends to get a service done measures access and fairness"
                ),
            ]
        case .private, .cooperative:
            [
                SurveyMeasureAdvice(
                    measure: .netPromoterScore,
                    fits: true,
                    reason: "customers choose and can go elsewhere: recommendation tracks loyalty"
                ),
                SurveyMeasureAdvice(measure: .satisfaction, fits: true, reason: "satisfaction with each interaction"),
                SurveyMeasureAdvice(measure: .effort, fits: true, reason: "effort predicts disloyalty"),
            ]
        case .voluntary:
            [
                SurveyMeasureAdvice(
                    measure: .netPromoterScore,
                    fits: true,
                    reason: "donors and volunteers choose where to give: for them recommendation fits, for "
                        + "beneficiaries it does not"
                ),
                SurveyMeasureAdvice(
                    measure: .satisfaction,
                    fits: true,
                    reason: "beneficiaries' satisfaction with the help received"
                ),
                SurveyMeasureAdvice(measure: .effort, fits: true, reason: "the effort of getting help"),
            ]
        }
    }
}

/// To whom service standards apply, by sector.
public enum StandardsScope: String, Sendable, Hashable, Codable, CaseIterable {
    /// One standard for every customer, whatever the segment (public bodies: equal access).
    case equalForAll
    /// Standards tiered by customer value (private firms).
    case tieredByValue
    /// Standards for members, set with them (co-operatives).
    case memberStandards
    /// Standards for beneficiaries, with donor and volunteer response standards beside them (voluntary bodies).
    case donorsAndVolunteers
}

/// A survey measure.
public enum SurveyMeasure: String, Sendable, Hashable, Codable, CaseIterable {
    /// The Net Promoter Score (likelihood to recommend, 0–10).
    case netPromoterScore
    /// Customer satisfaction (CSAT).
    case satisfaction
    /// Customer effort (CES).
    case effort

    /// The measure's name in a report: "Net Promoter Score", "satisfaction (CSAT)", "effort (CES)".
    public var label: String {
        switch self {
        case .netPromoterScore: "Net Promoter Score"
        case .satisfaction: "satisfaction (CSAT)"
        case .effort: "effort (CES)"
        }
    }
}

/// Whether a survey measure fits a sector's customers, and why.
public struct SurveyMeasureAdvice: Sendable, Hashable, Codable {
    /// The measure.
    public let measure: SurveyMeasure
    /// Whether it fits.
    public let fits: Bool
    /// Why, in words for a report.
    public let reason: String
}

/// Why an organisation serves its customers.
public enum ServiceDriver: String, Sendable, Hashable, Codable, CaseIterable {
    /// Profit, through loyal customers.
    case profit
    /// The public good: citizens' rights and needs.
    case citizens
    /// A charitable or social mission.
    case mission
    /// The interests of the members who own the organisation.
    case members
}

/// The characteristics of customer service in a sector, as data for reports, presets and audits.
public struct SectorTraits: Sendable, Hashable, Codable {
    /// Why the sector serves customers.
    public var primaryDriver: ServiceDriver
    /// The roles its customers typically play.
    public var customerRoles: [CustomerRole]
    /// To whom it answers for its service.
    public var accountableTo: [String]
    /// What it owes its customers.
    public var obligations: [String]
    /// Service practices typical of the sector.
    public var practices: [String]

    /// Creates sector traits.
    ///
    /// - Parameters:
    ///   - primaryDriver: Why the sector serves customers.
    ///   - customerRoles: The roles its customers typically play.
    ///   - accountableTo: To whom it answers.
    ///   - obligations: What it owes its customers.
    ///   - practices: Typical service practices.
    public init(
        primaryDriver: ServiceDriver,
        customerRoles: [CustomerRole],
        accountableTo: [String],
        obligations: [String],
        practices: [String]
    ) {
        self.primaryDriver = primaryDriver
        self.customerRoles = customerRoles
        self.accountableTo = accountableTo
        self.obligations = obligations
        self.practices = practices
    }
}
