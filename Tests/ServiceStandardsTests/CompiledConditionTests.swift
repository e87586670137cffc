import Foundation
import ServiceDomain
import ServiceStandards
import Testing

/// The evaluator's compiled conditions pick the rule the policy's own conditions pick.
///
/// The evaluator matches rules with a compiled form of each condition (arrays instead of sets, sectors decided
/// once). It must pick exactly the rule that `ServiceLevelPolicy.matchingRule(for:in:)` picks with the conditions
/// as written: this checks that on random nested conditions over random cases.
struct CompiledConditionTests {
    struct LongRunning: CaseCondition {
        func matches(_ item: Case, in context: PolicyContext) -> Bool { item.events.count > 3 }
    }

    static let priorities: [Priority] = [.urgent, .high, .normal, .low]
    static let channels: [Channel] = [.email, .phone, .chat, .webForm]
    static let roles: [CustomerRole] = [.consumer, .citizen, .member, .donor]
    static let words = ["gold", "silver", "complaint", "refund", "vip", "a", "b", "c", "d", "e"]
    static let teams: [TeamID] = ["billing", "support", "field"]

    static func pick<T>(_ values: [T], _ rng: inout SeededGenerator) -> Set<T> where T: Hashable {
        Set((0..<Int.random(in: 0...5, using: &rng)).compactMap { _ in values.randomElement(using: &rng) })
    }

    static func randomCondition(depth: Int, _ rng: inout SeededGenerator) -> Condition {
        switch Int.random(in: 0..<(depth > 0 ? 13 : 10), using: &rng) {
        case 0: return .always
        case 1: return .priority(pick(priorities, &rng))
        case 2: return .channel(pick(channels, &rng))
        case 3: return .role(pick(roles, &rng))
        case 4: return .segment(pick(words, &rng))
        case 5: return .tag(pick(words, &rng))
        case 6: return .team(pick(teams, &rng))
        case 7: return .sector(pick(Sector.allCases, &rng))
        case 8: return .custom(Bool.random(using: &rng) ? "long" : "missing")
        case 9: return .relationship(pick(CustomerRelationship.allCases, &rng))
        case 10: return .all(randomConditions(depth: depth - 1, &rng))
        case 11: return .any(randomConditions(depth: depth - 1, &rng))
        default: return .not(randomCondition(depth: depth - 1, &rng))
        }
    }

    static func randomConditions(depth: Int, _ rng: inout SeededGenerator) -> [Condition] {
        (0..<Int.random(in: 0...3, using: &rng)).map { _ in randomCondition(depth: depth, &rng) }
    }

    static func randomCase(_ number: Int, _ rng: inout SeededGenerator) throws -> Case {
        let created = Date(timeIntervalSince1970: 1_796_112_000)
        var events = [CaseEvent(id: "0", at: created, kind: .created)]
        for index in 1..<Int.random(in: 1...6, using: &rng) {
            let kind: CaseEvent.Kind =
                Bool.random(using: &rng)
                ? .priorityChanged(priorities.randomElement(using: &rng) ?? .normal)
                : .assigned(agent: nil, team: teams.randomElement(using: &rng))
            events.append(CaseEvent(id: CaseEventID(String(index)), at: created + Double(index * 60), kind: kind))
        }
        let customer: Customer? =
            Bool.random(using: &rng)
            ? try Customer(
                id: "K",
                relationship: CustomerRelationship.allCases.randomElement(using: &rng),
                role: roles.randomElement(using: &rng) ?? .consumer,
                segments: pick(words, &rng)
            ) : nil
        return try Case(
            id: CaseID("C-\(number)"),
            channel: channels.randomElement(using: &rng) ?? .email,
            priority: priorities.randomElement(using: &rng) ?? .normal,
            customer: customer,
            team: Bool.random(using: &rng) ? teams.randomElement(using: &rng) : nil,
            tags: pick(words, &rng),
            events: events
        )
    }

    @Test(arguments: [Sector.private, .public])
    func evaluatorPicksTheRuleThePolicyPicks(sector: Sector) throws {
        var rng = SeededGenerator(seed: 404)
        let organisation = try Organisation(id: "org", name: "Org", sector: sector)
        let context = PolicyContext(organisation: organisation, customConditions: ["long": LongRunning()])
        var matched = 0
        var unmatched = 0
        for round in 0..<60 {
            let rules = (0..<4).map { index in
                ServiceLevelPolicy.Rule(
                    name: "rule \(index)",
                    when: Self.randomCondition(depth: 3, &rng),
                    targets: [:]
                )
            }
            // Judged by the current rule, the evaluator's match is the policy's on the case as it stands.
            let policy = try ServiceLevelPolicy(
                id: "p\(round)",
                rules: rules,
                semantics: EvaluationSemantics(targets: .currentPriority)
            )
            let applied = try ServiceLevelPolicy(id: "p\(round)", rules: rules)
            // Custom names the context lacks are left out, as the evaluator rejects them when it is made.
            guard rules.allSatisfy({ !$0.condition.customNames.contains("missing") }) else { continue }
            let evaluator = try PolicyEvaluator(
                policy: policy,
                organisation: organisation,
                customConditions: ["long": LongRunning()]
            )
            let appliedEvaluator = try PolicyEvaluator(
                policy: applied,
                organisation: organisation,
                customConditions: ["long": LongRunning()]
            )
            for number in 0..<40 {
                let item = try Self.randomCase(number, &rng)
                let expected = policy.matchingRule(for: item, in: context)
                let result = try evaluator.evaluate(item, at: item.createdAt.addingTimeInterval(3_600))
                #expect(result.ruleIndex == expected)
                if expected == nil { unmatched += 1 } else { matched += 1 }
                // Applied at each change, each application's rule is the policy's on the case as it stood then (every
                // event of these cases has its own instant).
                let history = try appliedEvaluator.applications(of: item, at: item.createdAt.addingTimeInterval(3_600))
                #expect(history.first?.reason == .created && history.count <= item.facts.targetChanges.count + 1)
                // At creation and at every change, the application in force has the rule and priority the policy
                // gives the case as it stood then; consecutive applications differ in one or the other.
                for instant in [item.createdAt] + item.facts.targetChanges.map(\.at) {
                    let then = try item.asOf(instant)
                    let inForce = try #require(history.last { $0.at <= instant })
                    #expect(inForce.ruleIndex == applied.matchingRule(for: then, in: context))
                    #expect(inForce.priority == then.facts.priority)
                }
                for (earlier, later) in zip(history, history.dropFirst()) {
                    #expect(earlier.ruleIndex != later.ruleIndex || earlier.priority != later.priority)
                }
            }
        }
        // Both outcomes occur often, so the comparison is not vacuous.
        #expect(matched > 200 && unmatched > 100)
    }
}
