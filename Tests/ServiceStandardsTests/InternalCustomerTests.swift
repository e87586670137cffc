import Foundation
import ServiceDomain
import ServiceStandards
import Testing

/// Internal customers: operational-level agreements between teams as their own rule, reported apart from customer
/// SLAs.
struct InternalCustomerTests {
    /// An OLA of 8 calendar hours for a first reply to colleagues; 2 hours for external customers.
    static func policy() throws -> ServiceLevelPolicy {
        try ServiceLevelPolicy(
            id: "with-ola",
            rules: [
                .init(
                    name: "Operational-level agreement (internal customers)",
                    when: .relationship([.internal]),
                    targets: [
                        .firstReply: try ServiceTarget(
                            kind: .firstReply,
                            clock: .calendarTime,
                            durations: [.normal: 8 * 3_600]
                        )
                    ]
                ),
                .init(
                    name: "Customer SLA",
                    targets: [
                        .firstReply: try ServiceTarget(
                            kind: .firstReply,
                            clock: .calendarTime,
                            durations: [.normal: 2 * 3_600]
                        )
                    ]
                ),
            ]
        )
    }

    @Test func internalCustomersHaveTheirOwnTargetsAndFigures() throws {
        let evaluator = try PolicyEvaluator(policy: try Self.policy(), calendars: [:])
        let created = Date(timeIntervalSince1970: 1_796_112_000)  // 2026-12-01T08:00:00Z
        func reply(after hours: Double, customer: Customer?) throws -> Case {
            try Case(
                id: CaseID("C-\(hours)-\(customer?.id.rawValue ?? "none")"),
                channel: .email,
                customer: customer,
                events: [
                    CaseEvent(id: "1", at: created, kind: .created),
                    CaseEvent(id: "2", at: created.addingTimeInterval(hours * 3_600), kind: .agentReply(agent: nil)),
                ]
            )
        }
        // A colleague (an employee is internal by default) answered in 4 h: within the 8 h OLA. An external customer
        // answered in 4 h: past the 2 h SLA. A case without a customer counts as external.
        let colleague = try Customer(id: "E-1", role: .employee)
        let consumer = try Customer(id: "K-1", role: .consumer)
        let cases = [
            try reply(after: 4, customer: colleague), try reply(after: 4, customer: consumer),
            try reply(after: 1, customer: nil),
        ]
        let now = created.addingTimeInterval(86_400)
        #expect(try evaluator.evaluate(cases[0], at: now).ruleIndex == 0)
        #expect(try evaluator.evaluate(cases[1], at: now).ruleIndex == 1)
        #expect(try evaluator.evaluate(cases[2], at: now).ruleIndex == 1)
        var accumulator = ComplianceAccumulator(evaluator: evaluator, dimensions: [.customerRelationship])
        for item in cases { try accumulator.add(item, at: now) }
        let summary = accumulator.summary
        #expect(summary.groups[["internal"]]?[.firstReply]?.complianceRate == 1)
        #expect(summary.groups[["external"]]?[.firstReply]?.complianceRate == 0.5)
        // The condition round-trips in its JSON form.
        let json = try JSONEncoder().encode(Condition.relationship([.internal]))
        #expect(String(decoding: json, as: UTF8.self) == #"{"relationship":["internal"]}"#)
        #expect(try JSONDecoder().decode(Condition.self, from: json) == .relationship([.internal]))
        #expect(Condition.relationship([.external]).matches(cases[2], in: PolicyContext()))
    }
}
