import Foundation
import ServiceMetrics
import Testing

/// Erlang B staffing, staffing to occupancy alone or with a service-level share of 0, and each constraint's own
/// minimum beside the binding one.
struct StaffingConstraintTests {
    @Test(arguments: [
        // Erlang's loss tables (checked with the recurrence B(n) = A·B(n−1)/(n + A·B(n−1)) in Python):
        // 10 E at 1 % → 18 (B(18) = 0.0071424, B(17) = 0.012949); 5 E at 1 % → 11 (0.0082874); 20 E at 2 % → 28
        // (0.0187924); 100 E at 0.1 % → 128 (0.00096763).
        (10.0, 0.01, 18, 0.007142438157899779), (5.0, 0.01, 11, 0.008287368467342978),
        (20.0, 0.02, 28, 0.018792400632824446), (100.0, 0.001, 128, 0.0009676305955459101),
    ])
    func erlangBStaffingMatchesTheTables(traffic: Double, target: Double, servers: Int, blocking: Double) throws {
        let plan = try ErlangB.servers(traffic: traffic, maximumBlocking: target)
        #expect(plan.servers == servers && abs(plan.blocking - blocking) < 1e-13)
        #expect(
            abs(plan.carriedTraffic + plan.lostTraffic - traffic) < 1e-12 && plan.lostTraffic == traffic * plan.blocking
        )
        #expect(try ErlangB.blockingProbability(traffic: traffic, servers: servers - 1) > target)
    }

    @Test func erlangBEdges() throws {
        #expect(try ErlangB.servers(traffic: 0, maximumBlocking: 0.01).servers == 0)
        #expect(throws: ServiceMetricsError.self) { try ErlangB.servers(traffic: 10, maximumBlocking: 0) }
        #expect(throws: ServiceMetricsError.self) { try ErlangB.servers(traffic: 10, maximumBlocking: 1) }
        #expect(throws: ServiceMetricsError.self) { try ErlangB.servers(traffic: .nan, maximumBlocking: 0.1) }
    }

    /// 10 Erlangs (handle time 180 s).
    ///
    /// By hand from Erlang C: SL(20 s) at 12, 13, 14 agents is 0.640, 0.796, 0.888;
    /// ASA 40.4, 17.1, 7.8 s; occupancy 0.833, 0.769, 0.714. So 80/20 needs 14, ASA ≤ 20 s 13, occupancy ≤ 0.85 12,
    /// stability 11.
    let load: QueueLoad

    init() throws { load = try QueueLoad(arrivalRate: 10.0 / 180, averageHandleTime: 180) }

    @Test func eachConstraintReportsItsOwnMinimum() throws {
        let definition = try ServiceLevelDefinition(answeredWithin: 20, convention: .abandonedInDenominator)
        let planner = StaffingPlanner(
            model: .erlangC,
            targets: try StaffingTargets(
                serviceLevel: (0.8, definition),
                maximumAverageSpeedOfAnswer: 20,
                maximumOccupancy: 0.85
            )
        )
        let staffing = try planner.staff(load)
        #expect(staffing.agents == 14 && staffing.binding == [.serviceLevel])
        #expect(
            staffing.minimumAgents
                == MinimumAgents([.stability: 11, .occupancy: 12, .averageSpeedOfAnswer: 13, .serviceLevel: 14])
        )
        // Erlang A: the same shape (each minimum meets its target, one fewer does not).
        let patient = StaffingPlanner(model: .erlangA(averagePatience: 120), targets: planner.targets)
        let withAbandons = try patient.staff(load)
        for constraint in StaffingConstraint.allCases {
            guard let minimum = withAbandons.minimumAgents[constraint] else { continue }
            #expect(minimum <= withAbandons.agents)
            #expect((minimum == withAbandons.agents) == withAbandons.binding.contains(constraint))
        }
        let json = try JSONEncoder().encode(staffing)
        #expect(String(decoding: json, as: UTF8.self).contains(#""minimumAgents":{"#))
        #expect(withAbandons.minimumAgents.stability == nil)
    }

    @Test func occupancyAloneOrAServiceLevelOfZero() throws {
        // Occupancy ≤ 0.85 alone: 12 agents (10/12 = 0.833), no fake speed-of-answer target needed.
        let occupancyOnly = StaffingPlanner(model: .erlangC, targets: try StaffingTargets(maximumOccupancy: 0.85))
        let staffing = try occupancyOnly.staff(load)
        #expect(staffing.agents == 12 && staffing.binding == [.occupancy])
        // A service level of 0 % is allowed: it is reported (0.640 at 12) and the occupancy decides.
        let definition = try ServiceLevelDefinition(answeredWithin: 20, convention: .abandonedInDenominator)
        let reported = StaffingPlanner(
            model: .erlangC,
            targets: try StaffingTargets(serviceLevel: (0, definition), maximumOccupancy: 0.85)
        )
        let withFigure = try reported.staff(load)
        #expect(withFigure.agents == 12 && withFigure.binding == [.occupancy])
        #expect(abs((withFigure.performance.serviceLevel?.value ?? 0) - 0.6401580403740066) < 1e-9)
        #expect(withFigure.minimumAgents[.serviceLevel] == 11)
        // No target at all is still an error; a share of 1 can never be met.
        #expect(throws: ServiceMetricsError.self) { try StaffingTargets() }
        #expect(throws: ServiceMetricsError.self) { try StaffingTargets(serviceLevel: (1, definition)) }
    }
}
