import Foundation
import ServiceDomain
import ServiceStandards
import Testing

struct SectorPresetTests {
    static let created = Date(timeIntervalSince1970: 1_796_112_000)  // 2026-12-01T08:00Z

    static func item(role: CustomerRole, segments: Set<String> = [], priority: Priority = .normal) throws -> Case {
        try Case(
            id: "C",
            channel: .email,
            priority: priority,
            customer: Customer(id: "K", role: role, segments: segments),
            events: [CaseEvent(id: "1", at: created, kind: .created)]
        )
    }

    @Test(arguments: Sector.allCases)
    func presetsAreOrdinaryPoliciesThatLoadAndEvaluate(sector: Sector) throws {
        let preset = try SectorPreset.preset(for: sector, calendar: "office")
        #expect(preset.sector == sector && !preset.principles.isEmpty)
        #expect(try ServiceLevelPolicy.load(from: JSONEncoder().encode(preset.policy)) == preset.policy)
        let calendar = try BusinessCalendar(timeZone: "Europe/London", weeklyHours: .weekdays(9, 17))
        let evaluator = try PolicyEvaluator(policy: preset.policy, calendars: ["office": calendar])
        let result = try evaluator.evaluate(try Self.item(role: .consumer), at: Self.created.addingTimeInterval(3600))
        #expect(result.ruleIndex != nil && !result.outcomes.isEmpty)
    }

    @Test func publicSectorHasOneStandardForEveryCitizen() throws {
        let preset = try SectorPreset.preset(for: .public, calendar: "office")
        #expect(preset.policy.rules.count == 1)
        #expect(preset.policy.rules[0].condition == .always)
        let context = PolicyContext()
        let vulnerable = try Self.item(role: .citizen, segments: ["vulnerable"])
        let plain = try Self.item(role: .citizen)
        #expect(
            preset.policy.matchingRule(for: vulnerable, in: context)
                == preset.policy.matchingRule(for: plain, in: context)
        )
        #expect(preset.policy.rules[0].targets[.periodicUpdate] != nil)
        #expect(preset.publishedIndicators.contains("resolution.compliance"))
    }

    @Test func privateSectorTiersByCustomerValue() throws {
        let preset = try SectorPreset.preset(for: .private, calendar: "office")
        let context = PolicyContext()
        #expect(preset.policy.matchingRule(for: try Self.item(role: .consumer, segments: ["gold"]), in: context) == 0)
        #expect(preset.policy.matchingRule(for: try Self.item(role: .consumer), in: context) == 1)
        let premium = try #require(preset.policy.rules[0].targets[.firstReply])
        let standard = try #require(preset.policy.rules[1].targets[.firstReply])
        for priority in Priority.builtIn {
            #expect(try #require(premium.duration(for: priority)) < (try #require(standard.duration(for: priority))))
        }
    }

    @Test func voluntaryAndCooperativeSectorsServeTheirOwnCustomers() throws {
        let context = PolicyContext()
        let voluntary = try SectorPreset.preset(for: .voluntary, calendar: "office").policy
        #expect(voluntary.matchingRule(for: try Self.item(role: .donor), in: context) == 0)
        #expect(voluntary.matchingRule(for: try Self.item(role: .volunteer), in: context) == 0)
        #expect(voluntary.matchingRule(for: try Self.item(role: .beneficiary), in: context) == 1)
        let cooperative = try SectorPreset.preset(for: .cooperative, calendar: "office").policy
        #expect(cooperative.matchingRule(for: try Self.item(role: .member), in: context) == 0)
        #expect(cooperative.matchingRule(for: try Self.item(role: .consumer), in: context) == 1)
    }
}

struct DesignRuleTests {
    static let demanding = ServiceProfile(
        intermediaries: .intermediated,
        contactLevel: .high,
        purchase: .institutional,
        deliveryDuration: .extended,
        capacityConstraint: .high,
        frequencyOfUse: .frequent,
        complexity: .high
    )
    static let simple = ServiceProfile(
        intermediaries: .direct,
        contactLevel: .low,
        purchase: .individual,
        deliveryDuration: .brief,
        capacityConstraint: .low,
        frequencyOfUse: .occasional,
        complexity: .low
    )

    @Test func everyFactorCanTriggerARecommendation() {
        let advice = DesignRules.recommendations(for: Self.demanding)
        #expect(Set(advice.map(\.factor)) == Set(ServiceProfile.Factor.allCases))
        #expect(advice.allSatisfy { !$0.reason.isEmpty && !$0.recommendation.isEmpty })
        // Long delivery → periodic progress updates; capacity constraint → a queue (first reply) target.
        #expect(advice.contains { $0.ruleID == "longDelivery" && $0.target == .periodicUpdate })
        #expect(advice.contains { $0.ruleID == "capacityConstrained" && $0.target == .firstReply })
        #expect(advice.contains { $0.ruleID == "complexService" && $0.dimension == .effectiveness })
    }

    @Test func aSimpleServiceNeedsNoExtraStandards() {
        #expect(DesignRules.recommendations(for: Self.simple).isEmpty)
    }

    @Test func usersAddTheirOwnRules() {
        struct OutOfHoursCover: DesignRule {
            let id = "outOfHoursCover"
            func recommendations(for profile: ServiceProfile) -> [StandardRecommendation] {
                guard profile.frequencyOfUse == .frequent else { return [] }
                return [
                    StandardRecommendation(
                        ruleID: id,
                        factor: .frequencyOfUse,
                        dimension: .responsiveness,
                        recommendation: "an out-of-hours line",
                        reason: "frequent use"
                    )
                ]
            }
        }
        let advice = DesignRules.recommendations(for: Self.demanding, rules: DesignRules.builtIn + [OutOfHoursCover()])
        #expect(advice.last?.ruleID == "outOfHoursCover")
        #expect(DesignRules.recommendations(for: Self.simple, rules: [OutOfHoursCover()]).isEmpty)
    }
}
