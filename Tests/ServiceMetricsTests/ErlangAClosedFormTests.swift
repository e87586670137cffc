import Foundation
import ServiceDomain
import Testing

@testable import ServiceMetrics

/// How many random intervals the Erlang A comparisons run: a few thousand by default, and the issue's 100,000 with
/// `CSK_EXHAUSTIVE=1` (`CSK_EXHAUSTIVE=1 swift test -c release --filter ErlangAClosedFormTests`).
private let exhaustive = ProcessInfo.processInfo.environment["CSK_EXHAUSTIVE"] == "1"

private func randomLoad(using rng: inout SeededGenerator, upTo erlangs: Double) throws -> QueueLoad {
    let handle = Double.random(in: 30...900, using: &rng).rounded()
    let traffic =
        Bool.random(using: &rng)
        ? Double.random(in: 0.01...min(20, erlangs), using: &rng) : Double.random(in: 0.01...erlangs, using: &rng)
    return try QueueLoad(arrivals: traffic * 1_800 / handle, per: 1_800, averageHandleTime: handle)
}

@Suite("Erlang A in closed form")
struct ErlangAClosedFormTests {
    /// Every figure of the closed forms against the chain solved place by place with uniformisation (the solver the
    /// closed forms replace, kept in `ErlangAReference`), over random loads, staffing from well below to well above
    /// the traffic, patience from 5 s to an hour, thresholds and every convention.
    @Test("figures equal the place-by-place solution")
    func figuresEqualTheReference() throws {
        var rng = SeededGenerator(seed: 41)
        for _ in 0..<(exhaustive ? 20_000 : 1_500) {
            let load = try randomLoad(using: &rng, upTo: 120)
            let patience: Double = [5.0, 30, 60, 120, 300, 900, 3_600].randomElement(using: &rng) ?? 60
            let spread = 3 * (load.traffic + 1).squareRoot()
            let agents = max(0, Int((load.traffic + Double.random(in: -spread...spread, using: &rng)).rounded()))
            let definition = try ServiceLevelDefinition(
                answeredWithin: [0, 5, 20, 60, 300].randomElement(using: &rng) ?? 20,
                convention: ServiceLevelConvention.allCases.filter { $0 != .offeredWait }.randomElement(using: &rng)
                    ?? .abandonedInDenominator
            )
            let new = try ErlangA.analyse(load, averagePatience: patience, agents: agents, serviceLevel: definition)
            let old = try ErlangAReference.analyse(
                load,
                averagePatience: patience,
                agents: agents,
                serviceLevel: definition
            )
            let context = "\(load) patience \(patience) agents \(agents) \(definition)"
            #expect(abs(new.probabilityOfWaiting - old.probabilityOfWaiting) < 1e-10, "\(context)")
            #expect(abs(new.probabilityOfAbandoning - old.probabilityOfAbandoning) < 1e-10, "\(context)")
            #expect(abs(new.occupancy - old.occupancy) < 1e-10, "\(context)")
            #expect(
                abs(new.averageSpeedOfAnswer - old.averageSpeedOfAnswer) <= 1e-9 * max(1, old.averageSpeedOfAnswer),
                "\(context)"
            )
            #expect(abs(new.averageWait - old.averageWait) <= 1e-9 * max(1, old.averageWait), "\(context)")
            let levels: (Double?, Double?) = (new.serviceLevel?.value, old.serviceLevel?.value)
            switch levels {
            case (let value?, let expected?):
                let difference: Double = abs(value - expected)
                #expect(difference < 1e-9, "\(context): \(value) \(expected)")
            case (nil, nil): break
            case (nil, _?) where agents == 0 && definition.convention == .answeredOnly:
                // With no agents nobody is answered, so the answered-only share has no denominator; the reference's
                // 1 − P(abandon) left a rounding residue of about 10⁻¹⁶ there and divided by it.
                break
            default: Issue.record("service level present on one side only: \(context)")
            }
        }
    }

    /// The planner's one search for all targets answers as the search per target with the place-by-place solver
    /// (the planner as it was): agents, scheduled agents and binding targets exactly, figures to 1e-9.
    @Test("staffing equals the search per target with the reference solver")
    func staffingEqualsTheReferenceSearch() throws {
        var rng = SeededGenerator(seed: 2027)
        let reference: StaffingPlanner.ErlangASolver = { (load, patience, agents, level) throws(ServiceMetricsError) in
            try ErlangAReference.analyse(load, averagePatience: patience, agents: agents, serviceLevel: level)
        }
        var checked = 0
        for _ in 0..<(exhaustive ? 100_000 : 1_000) {
            let load = try randomLoad(using: &rng, upTo: exhaustive ? 300 : 60)
            let definition = try ServiceLevelDefinition(
                answeredWithin: [5, 10, 20, 30, 60].randomElement(using: &rng) ?? 20,
                convention: ServiceLevelConvention.allCases.filter { $0 != .offeredWait }.randomElement(using: &rng)
                    ?? .abandonedInDenominator
            )
            let share = Double.random(in: 0.5...0.95, using: &rng)
            let level = Int.random(in: 0..<4, using: &rng) == 0 ? nil : (share, definition)
            let speed = Bool.random(using: &rng) ? Double.random(in: 5...120, using: &rng) : nil
            guard level != nil || speed != nil else { continue }
            let targets = try StaffingTargets(
                serviceLevel: level,
                maximumAverageSpeedOfAnswer: speed,
                maximumOccupancy: Bool.random(using: &rng) ? Double.random(in: 0.6...0.95, using: &rng) : nil,
                shrinkage: Double.random(in: 0...0.4, using: &rng)
            )
            let patience: Double = [10.0, 30, 60, 120, 300, 900].randomElement(using: &rng) ?? 120
            let planner = StaffingPlanner(model: .erlangA(averagePatience: patience), targets: targets)
            let staffing = try planner.staff(load)
            let expected = try planner.staffBySearch(load, erlangA: reference)
            let context = "\(load) \(targets) patience \(patience)"
            #expect(staffing.agents == expected.agents, "\(context)")
            #expect(staffing.scheduledAgents == expected.scheduledAgents, "\(context)")
            #expect(staffing.binding == expected.binding, "\(context)")
            let shortfall = abs(
                (staffing.performance.serviceLevel?.value ?? 0) - (expected.performance.serviceLevel?.value ?? 0)
            )
            #expect(shortfall < 1e-9, "\(context)")
            checked += 1
        }
        #expect(checked > (exhaustive ? 80_000 : 800))
    }

    /// At 20,000 Erlangs the series need a few thousand terms and the search a few dozen figures: the planner answers
    /// (the issue's bound is 50 ms in a release build; measured in `Benchmarks/`, not here) and its answer is
    /// bracketed exactly: the targets hold at the answer and fail with one agent fewer.
    @Test("20,000 Erlangs: the answer is the fewest agents that meet the targets")
    func largeTraffic() throws {
        let load = try QueueLoad(arrivals: 20_000 * 3_600 / 240, per: 3_600, averageHandleTime: 240)
        let definition = try ServiceLevelDefinition(answeredWithin: 20, convention: .abandonedInDenominator)
        let targets = try StaffingTargets(serviceLevel: (0.8, definition), maximumOccupancy: 0.95, shrinkage: 0.3)
        let staffing = try StaffingPlanner(model: .erlangA(averagePatience: 120), targets: targets).staff(load)
        let at = try ErlangA.analyse(load, averagePatience: 120, agents: staffing.agents, serviceLevel: definition)
        let below = try ErlangA.analyse(
            load,
            averagePatience: 120,
            agents: staffing.agents - 1,
            serviceLevel: definition
        )
        #expect(try #require(at.serviceLevel?.value) >= 0.8)
        #expect(at.occupancy <= 0.95)
        #expect(try #require(below.serviceLevel?.value) < 0.8 || below.occupancy > 0.95)
        // The same two figures from the place-by-place reference (a few thousand places).
        for figures in [at, below] {
            let reference = try ErlangAReference.analyse(
                load,
                averagePatience: 120,
                agents: figures.agents,
                serviceLevel: definition
            )
            #expect(abs(try #require(figures.serviceLevel?.value) - (reference.serviceLevel?.value ?? 0)) < 1e-9)
            #expect(abs(figures.probabilityOfAbandoning - reference.probabilityOfAbandoning) < 1e-10)
        }
        // Abandonment lets Erlang A staff at or below Erlang C's answer, and never below the answered work.
        let erlangC = try StaffingPlanner(model: .erlangC, targets: targets).staff(load)
        #expect(staffing.agents <= erlangC.agents)
        #expect(Double(staffing.agents) >= load.traffic * (1 - at.probabilityOfAbandoning))
    }
}
