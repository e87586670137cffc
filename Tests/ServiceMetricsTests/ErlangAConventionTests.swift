import Foundation
import ServiceMetrics
import Testing

/// Erlang A service-level conventions against an independent computation: the tagged-customer chain.
///
/// An arrival that
/// finds `N + j` in the system reaches an agent after `j + 1` steps at rates `Nμ + iθ` (i = j … 0): services ahead and
/// abandons of those ahead; its offered wait `V` is that time, it is answered within `t` when `V ≤ t` and its patience
/// outlasts `V`, and it abandons within `s` when its patience ends before both. NumPy/SciPy (`scipy.linalg.expm` of the
/// chain's generator on a 0.01 s grid, the stationary birth–death distribution to 600 in system) for λ = 0.1/s, handle
/// time 180 s (18 Erlangs), 18 agents, patience 120 s:
/// P(immediate) 0.5154109632320861, P(offered wait ≤ 20 s) 0.7108110787312767, P(answered ≤ 20 s) 0.6957861225015882,
/// P(abandoned ≤ 20 s) 0.05942074042983764, P(abandoned ≤ 5 s) 0.018735190209327006.
struct ErlangAConventionTests {
    let load: QueueLoad

    init() throws { load = try QueueLoad(arrivalRate: 0.1, averageHandleTime: 180) }

    @Test func everyConventionAgreesWithTheTaggedCustomerChain() throws {
        let breakdown = try ErlangA.serviceLevels(load, averagePatience: 120, agents: 18, threshold: 20)
        #expect(abs(breakdown.offeredWaitWithin - 0.7108110787312767) < 1e-5)
        #expect(abs(breakdown.answeredWithin - 0.6957861225015882) < 1e-5)
        #expect(abs(breakdown.abandonedWithin - 0.05942074042983764) < 1e-5)
        // The conventions from the same parts.
        #expect(breakdown.value(.abandonedInDenominator) == breakdown.answeredWithin)
        #expect(abs((breakdown.value(.answeredOnly) ?? 0) - breakdown.answeredWithin / breakdown.answered) < 1e-15)
        #expect(
            abs(
                (breakdown.value(.abandonedWithinThresholdMet) ?? 0)
                    - (breakdown.answeredWithin + breakdown.abandonedWithin)
            )
                < 1e-15
        )
        #expect(breakdown.value(.offeredWait) == breakdown.offeredWaitWithin)
        // The offered wait counts an abandon as met when the caller would have been answered in time: between the
        // answered-in-time share and the share that counts every early abandon as met.
        #expect(breakdown.answeredWithin < breakdown.offeredWaitWithin)
        #expect(breakdown.offeredWaitWithin < breakdown.answeredWithin + breakdown.abandonedWithin)
        // analyse gives the same figure for each convention.
        for convention in ServiceLevelConvention.allCases {
            let definition = try ServiceLevelDefinition(answeredWithin: 20, convention: convention)
            let figure = try ErlangA.analyse(load, averagePatience: 120, agents: 18, serviceLevel: definition)
            #expect(figure.serviceLevel?.value == breakdown.value(convention), "\(convention)")
        }
    }

    @Test func shortAbandonsLeaveTheFigure() throws {
        // Abandons within 5 s (0.018735 of arrivals) leave both sides: 0.695786 / (1 − 0.018735) = 0.709069.
        let breakdown = try ErlangA.serviceLevels(
            load,
            averagePatience: 120,
            agents: 18,
            threshold: 20,
            shortAbandonThreshold: 5
        )
        #expect(abs(breakdown.shortAbandoned - 0.018735190209327006) < 1e-5)
        let expected = 0.6957861225015882 / (1 - 0.018735190209327006)
        #expect(abs((breakdown.value(.abandonedInDenominator) ?? 0) - expected) < 1e-5)
        #expect(
            abs(
                (breakdown.value(.abandonedWithinThresholdMet) ?? 0)
                    - (0.6957861225015882 + 0.05942074042983764 - 0.018735190209327006) / (1 - 0.018735190209327006)
            ) < 1e-5
        )
        // A staffing target under the short-abandon convention staffs to it.
        let definition = try ServiceLevelDefinition(
            answeredWithin: 20,
            convention: .abandonedInDenominator,
            shortAbandonThreshold: 5
        )
        let planner = StaffingPlanner(
            model: .erlangA(averagePatience: 120),
            targets: try StaffingTargets(serviceLevel: (0.8, definition))
        )
        let staffing = try planner.staff(load)
        #expect((staffing.performance.serviceLevel?.value ?? 0) >= 0.8)
        let fewer = try ErlangA.analyse(
            load,
            averagePatience: 120,
            agents: staffing.agents - 1,
            serviceLevel: definition
        )
        #expect((fewer.serviceLevel?.value ?? 1) < 0.8)
        // JSON keeps the short-abandon threshold; a negative one is refused.
        let json = try JSONEncoder().encode(definition)
        #expect(try JSONDecoder().decode(ServiceLevelDefinition.self, from: json) == definition)
        #expect(throws: ServiceMetricsError.self) {
            try ServiceLevelDefinition(answeredWithin: 20, convention: .answeredOnly, shortAbandonThreshold: -1)
        }
    }

    @Test func atThresholdZeroOnlyTheImmediateCount() throws {
        let breakdown = try ErlangA.serviceLevels(load, averagePatience: 120, agents: 18, threshold: 0)
        #expect(abs(breakdown.offeredWaitWithin - 0.5154109632320861) < 1e-9)
        #expect(abs(breakdown.answeredWithin - 0.5154109632320861) < 1e-9 && breakdown.abandonedWithin < 1e-12)
    }

    @Test func contactRecordsCannotGiveTheOfferedWait() {
        #expect(ServiceLevelTally().value(.offeredWait) == nil)
    }
}
