public import ServiceDomain

/// A starting policy for an organisation's sector, grounded in what the sector owes its customers.
///
/// Each preset is an ordinary ``ServiceLevelPolicy``: change its durations, add rules, or save it as JSON and edit
/// it. Durations are business hours of the calendar you name; a business day is taken as 8 hours.
///
/// | sector | shape |
/// |---|---|
/// | public | one standard for every citizen, whatever the segment, with its results published |
/// | private | tiered: faster targets for high-value customers (segments `gold`, `platinum`) |
/// | voluntary | donor and volunteer response standards beside the service to beneficiaries |
/// | co-operative | member response standards, then everyone else |
public struct SectorPreset: Sendable, Hashable {
    /// The sector.
    public let sector: Sector
    /// The policy.
    public let policy: ServiceLevelPolicy
    /// The principles the preset encodes, for reports.
    public let principles: [String]
    /// The indicators the sector is expected to publish (empty when publication is not expected).
    public let publishedIndicators: [Indicator]

    /// The preset for a sector.
    ///
    /// - Parameters:
    ///   - sector: The sector.
    ///   - calendar: The identifier of the business calendar the targets run on.
    /// - Returns: The preset.
    /// - Throws: Never for the built-in durations; typed for the policy's validation.
    public static func preset(for sector: Sector, calendar: CalendarID) throws(ServiceStandardsError) -> SectorPreset {
        let day: Double = 8 * 3600
        let clock = TargetClock.businessHours(calendar)
        func standard(firstReply: [Priority: Double], resolution: [Priority: Double]) throws(ServiceStandardsError)
            -> [TargetKind: ServiceTarget]
        {
            [
                .firstReply: try ServiceTarget(kind: .firstReply, clock: clock, durations: firstReply),
                .nextReply: try ServiceTarget(kind: .nextReply, clock: clock, durations: firstReply),
                .resolution: try ServiceTarget(
                    kind: .resolution,
                    clock: clock,
                    durations: resolution,
                    pausedStatuses: [.pending, .onHold]
                ),
            ]
        }
        let everyone = try standard(
            firstReply: [.urgent: 4 * 3600, .high: day, .normal: 2 * day, .low: 5 * day],
            resolution: [.urgent: day, .high: 5 * day, .normal: 10 * day, .low: 20 * day]
        )
        switch sector {
        case .public:
            var targets = everyone
            targets[.periodicUpdate] = try ServiceTarget(
                kind: .periodicUpdate,
                clock: clock,
                durations: [.urgent: day, .high: 5 * day, .normal: 10 * day, .low: 10 * day]
            )
            return SectorPreset(
                sector: sector,
                policy: try ServiceLevelPolicy(
                    id: "preset.public",
                    name: "Public service standard",
                    rules: [.init(name: "Every citizen", targets: targets)]
                ),
                principles: [
                    "one standard for every citizen: no rule depends on segment or customer value",
                    "progress updates for long-running matters",
                    "performance against the standard is published",
                ],
                publishedIndicators: ["firstReply.compliance", "resolution.compliance", "periodicUpdate.compliance"]
            )
        case .private:
            let premium = try standard(
                firstReply: [.urgent: 3600, .high: 2 * 3600, .normal: 4 * 3600, .low: day],
                resolution: [.urgent: 4 * 3600, .high: 2 * day, .normal: 4 * day, .low: 8 * day]
            )
            return SectorPreset(
                sector: sector,
                policy: try ServiceLevelPolicy(
                    id: "preset.private",
                    name: "Tiered service levels",
                    rules: [
                        .init(name: "High-value customers", when: .segment(["gold", "platinum"]), targets: premium),
                        .init(name: "All customers", targets: everyone),
                    ]
                ),
                principles: [
                    "service levels tiered by customer value, to keep the most valuable customers loyal",
                    "every customer still has a standard",
                ],
                publishedIndicators: []
            )
        case .voluntary:
            let supporters = try standard(
                firstReply: [.urgent: 4 * 3600, .high: day, .normal: 2 * day, .low: 3 * day],
                resolution: [.urgent: day, .high: 3 * day, .normal: 5 * day, .low: 10 * day]
            )
            return SectorPreset(
                sector: sector,
                policy: try ServiceLevelPolicy(
                    id: "preset.voluntary",
                    name: "Supporter and service standards",
                    rules: [
                        .init(name: "Donors and volunteers", when: .role([.donor, .volunteer]), targets: supporters),
                        .init(name: "Beneficiaries and everyone else", targets: everyone),
                    ]
                ),
                principles: [
                    "donors are acknowledged and thanked promptly",
                    "volunteers hear back quickly, so they stay",
                    "beneficiaries are served in line with the mission",
                ],
                publishedIndicators: ["firstReply.compliance"]
            )
        case .cooperative:
            let members = try standard(
                firstReply: [.urgent: 2 * 3600, .high: 4 * 3600, .normal: day, .low: 2 * day],
                resolution: [.urgent: day, .high: 3 * day, .normal: 5 * day, .low: 10 * day]
            )
            return SectorPreset(
                sector: sector,
                policy: try ServiceLevelPolicy(
                    id: "preset.cooperative",
                    name: "Member service standards",
                    rules: [
                        .init(name: "Members", when: .role([.member]), targets: members),
                        .init(name: "Everyone else", targets: everyone),
                    ]
                ),
                principles: [
                    "members are owners: their standard is the organisation's promise to itself",
                    "results are reported to members, who have a democratic say in the standard",
                ],
                publishedIndicators: ["firstReply.compliance", "resolution.compliance"]
            )
        }
    }
}
