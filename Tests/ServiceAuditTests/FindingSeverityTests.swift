import Foundation
import ServiceAudit
import Testing

struct FindingSeverityTests {
    @Test func severitiesOrderBySeriousness() {
        #expect(FindingSeverity.majorNonconformity > .minorNonconformity)
        #expect(FindingSeverity.minorNonconformity > .observation)
        #expect(FindingSeverity.allCases.sorted() == FindingSeverity.allCases)
        #expect(
            FindingSeverity.allCases.filter(\.requiresCorrectiveAction) == [.minorNonconformity, .majorNonconformity]
        )
    }

    @Test func encodesAsStableStrings() throws {
        let json = String(
            decoding: try JSONEncoder().encode([FindingSeverity.opportunityForImprovement]),
            as: UTF8.self
        )
        #expect(json == #"["opportunityForImprovement"]"#)
    }
}
