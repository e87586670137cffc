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
