import CustomerServiceKit
import Foundation
import Testing

struct ServiceErrorTests {
    @Test func everyModuleErrorIsAServiceErrorAndConverts() throws {
        let errors: [any ServiceError] = [
            ServiceDomainError(.nonFinite, at: "value", "not finite"),
            ServiceStandardsError(.unknownCalendar, at: "rules[0].targets.firstReply.clock", "no calendar"),
            ServiceMetricsError(.unreachableTarget, "no staffing"),
            ServiceSatisfactionError(.differentScales, at: "scale", "nps vs csat"),
            ServiceAuditError(.badBands, at: "bands[1]", "a gap"),
        ]
        #expect(
            errors.map(\.description) == [
                "nonFinite at value: not finite", "unknownCalendar at rules[0].targets.firstReply.clock: no calendar",
                "unreachableTarget: no staffing", "differentScales at scale: nps vs csat",
                "badBands at bands[1]: a gap",
            ]
        )
        // Converting keeps code and message and nests the path.
        let audit = ServiceAuditError(ServiceMetricsError(.outOfRange, at: "[2].weight", "negative"), under: "items")
        #expect(audit.path == "items[2].weight" && audit.code == .outOfRange && audit.message == "negative")
        #expect(ServiceMetricsError(.empty, "none").nested(under: "intervals[3]").path == "intervals[3]")
        // A caller can catch any of them alike.
        func describe(_ error: some ServiceError) -> String { "\(error.code.rawValue)@\(error.path ?? "")" }
        do {
            _ = try QueueLoad(arrivalRate: -1, averageHandleTime: 60)
            Issue.record("a negative arrival rate was accepted")
        } catch {
            #expect(describe(error) == "outOfRange@arrivalRate")
        }
    }
}
