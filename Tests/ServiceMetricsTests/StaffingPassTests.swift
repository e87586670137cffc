import Foundation
import ServiceDomain
import Testing

@testable import ServiceMetrics

@Suite("Erlang C staffing in one pass")
struct StaffingPassTests {
    /// The bar: the one-pass planner answers exactly as the search it replaces (agents, scheduled agents,
    /// binding constraints and every figure), on 100,000 random intervals and targets.
    @Test("equals the search on 100,000 random intervals")
    func equalsSearch() throws {
        var rng = SeededGenerator(seed: 2026)
        var checked = 0
        for _ in 0..<100_000 {
            let handle = Double.random(in: 30...900, using: &rng).rounded()
            let traffic =
                Bool.random(using: &rng)
                ? Double.random(in: 0.01...20, using: &rng) : Double.random(in: 10...300, using: &rng)
            let load = try QueueLoad(arrivals: traffic * 1_800 / handle, per: 1_800, averageHandleTime: handle)
            let definition = try ServiceLevelDefinition(
                answeredWithin: [5, 10, 20, 30, 60].randomElement(using: &rng) ?? 20,
                convention: .abandonedInDenominator
            )
            let share = Double.random(in: 0.5...0.99, using: &rng)
            let level = Int.random(in: 0..<4, using: &rng) == 0 ? nil : (share, definition)
            let speed = Bool.random(using: &rng) ? Double.random(in: 5...120, using: &rng) : nil
            guard level != nil || speed != nil else { continue }
            let targets = try StaffingTargets(
                serviceLevel: level,
                maximumAverageSpeedOfAnswer: speed,
                maximumOccupancy: Bool.random(using: &rng) ? Double.random(in: 0.6...0.95, using: &rng) : nil,
                shrinkage: Double.random(in: 0...0.4, using: &rng)
            )
            let planner = StaffingPlanner(model: .erlangC, targets: targets)
            #expect(try planner.staff(load) == planner.staffBySearch(load), "\(load) \(targets)")
            checked += 1
        }
        #expect(checked > 80_000)
    }

    /// A hand calculation with the Erlang C formula (factorials, not the recurrence): 100 calls in 30 minutes of 180 s
    /// each is 10 Erlangs; C(13, 10) = 0.2853 gives 1 − 0.2853·e^(−3·20/180) = 79.6 % < 80 %, and C(14, 10) = 0.1741
    /// gives 88.8 %: 14 agents, 20 scheduled at 30 % shrinkage (⌈14 / 0.7⌉).
    @Test("worked example: 10 Erlangs, 80/20 needs 14 agents")
    func workedExample() throws {
        let load = try QueueLoad(arrivals: 100, per: 1_800, averageHandleTime: 180)
        let targets = try StaffingTargets(
            serviceLevel: (0.8, try ServiceLevelDefinition(answeredWithin: 20, convention: .abandonedInDenominator)),
            shrinkage: 0.3
        )
        let staffing = try StaffingPlanner(model: .erlangC, targets: targets).staff(load)
        #expect(staffing.agents == 14)
        #expect(staffing.scheduledAgents == 20)
        #expect(abs((staffing.performance.serviceLevel?.value ?? 0) - 0.888_350_019) < 1e-8)
        #expect(staffing.binding == [.serviceLevel])
    }
}
