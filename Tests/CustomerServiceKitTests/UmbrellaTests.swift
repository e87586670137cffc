import CustomerServiceKit
import Foundation
import Testing

struct UmbrellaTests {
    @Test func oneImportReachesEveryModule() throws {
        // Types from all five modules, through the single umbrella import.
        let calendar = try BusinessCalendar(timeZone: "UTC", weeklyHours: .weekdays(9, 17))
        #expect(try calendar.isOpen(at: InstantCoding.date(from: "2026-11-23T10:00:00Z")))
        #expect(StandardDimension.responseTime.category == .delivery)
        #expect(try ErlangB.blockingProbability(traffic: 1, servers: 1) == 0.5)
        #expect(try PromoterCategory(score: 9) == .promoter)
        #expect(FindingSeverity.majorNonconformity.requiresCorrectiveAction)
    }
}
