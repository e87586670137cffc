import Foundation
import ServiceDomain
import ServiceMetrics
import Testing

struct StaffingPlannerTests {
    let within20: ServiceLevelDefinition

    init() throws {
        within20 = try ServiceLevelDefinition(answeredWithin: 20, convention: .abandonedInDenominator)
    }

    @Test func findsTheFewestAgentsForAServiceLevel() throws {
        // 10 Erlangs, 80 % within 20 s, h = 180 s. Checked by scanning: the planner's answer meets the target and
        // one agent fewer does not.
        let load = try QueueLoad(arrivals: 100, per: 1_800, averageHandleTime: 180)
        let planner = StaffingPlanner(model: .erlangC, targets: try StaffingTargets(serviceLevel: (0.8, within20)))
        let staffing = try planner.staff(load)
        let at = try #require(try ErlangC.analyse(load, agents: staffing.agents, serviceLevel: within20).performance)
        #expect(try #require(at.serviceLevel?.value) >= 0.8)
        let below = try ErlangC.analyse(load, agents: staffing.agents - 1, serviceLevel: within20).performance
        #expect((below?.serviceLevel?.value ?? 0) < 0.8)
        #expect(staffing.agents == 14)  // the widely quoted answer for 10 Erlangs, 80/20, 3-minute calls
        #expect(staffing.binding == [.serviceLevel])
        #expect(staffing.scheduledAgents == 14)
    }

    @Test func occupancyRoundingIsExact() throws {
        // 21 Erlangs at a maximum occupancy of 70 %: 21 / 0.7 = 30 agents exactly (binary floating point gives
        // 30.000000000000004, which must not become 31). A lax service level leaves occupancy binding.
        let load = try QueueLoad(arrivalRate: 21.0 / 100, averageHandleTime: 100)
        let lax = try ServiceLevelDefinition(answeredWithin: 600, convention: .abandonedInDenominator)
        let planner = StaffingPlanner(
            model: .erlangC,
            targets: try StaffingTargets(serviceLevel: (0.5, lax), maximumOccupancy: 0.7, shrinkage: 0.3)
        )
        let staffing = try planner.staff(load)
        #expect(staffing.agents == 30)
        #expect(staffing.binding == [.occupancy])
        // 30 agents at 30 % shrinkage: 30 / 0.7 = 42.857… → 43 scheduled.
        #expect(staffing.scheduledAgents == 43)
        // 21 agents at 30 % shrinkage: exactly 30 scheduled.
        #expect(StaffingPlanner.scheduled(21, shrinkage: 0.3) == 30)
        #expect(StaffingPlanner.scheduled(7, shrinkage: 0) == 7)
        #expect(StaffingPlanner.scheduled(0, shrinkage: 0.4) == 0)
    }

    @Test func erlangCStartsAboveTheTrafficAndReportsStability() throws {
        // A generous ASA target that any stable staffing meets: ⌊A⌋ + 1 agents, bound by stability (and the ASA,
        // which is met at that same number).
        let load = try QueueLoad(arrivalRate: 9.5 / 60, averageHandleTime: 60)
        let planner = StaffingPlanner(model: .erlangC, targets: try StaffingTargets(maximumAverageSpeedOfAnswer: 1e6))
        let staffing = try planner.staff(load)
        #expect(staffing.agents == 10)
        #expect(staffing.binding.contains(.stability))
    }

    @Test func erlangACanNeedFewerAgentsThanTheTraffic() throws {
        // 10 Erlangs, impatient customers (20 s on average), a target of 50 % answered within 20 s under the
        // answered-only convention: fewer than 10 agents suffice because abandonment relieves the queue.
        let load = try QueueLoad(arrivals: 100, per: 1_800, averageHandleTime: 180)
        let answeredOnly = try ServiceLevelDefinition(answeredWithin: 20, convention: .answeredOnly)
        let planner = StaffingPlanner(
            model: .erlangA(averagePatience: 20),
            targets: try StaffingTargets(serviceLevel: (0.5, answeredOnly))
        )
        let staffing = try planner.staff(load)
        #expect(staffing.agents < 10)
        let fewer = try ErlangA.analyse(
            load,
            averagePatience: 20,
            agents: staffing.agents - 1,
            serviceLevel: answeredOnly
        )
        #expect((fewer.serviceLevel?.value ?? 0) < 0.5)
        #expect(try #require(staffing.performance.serviceLevel?.value) >= 0.5)
    }

    @Test func aSpeedOfAnswerTargetCanBind() throws {
        let load = try QueueLoad(arrivals: 100, per: 1_800, averageHandleTime: 180)
        let planner = StaffingPlanner(
            model: .erlangC,
            targets: try StaffingTargets(serviceLevel: (0.5, within20), maximumAverageSpeedOfAnswer: 5)
        )
        let staffing = try planner.staff(load)
        #expect(staffing.binding == [.averageSpeedOfAnswer])
        #expect(staffing.performance.averageSpeedOfAnswer <= 5)
        let fewer = try #require(try ErlangC.analyse(load, agents: staffing.agents - 1).performance)
        #expect(fewer.averageSpeedOfAnswer > 5)
    }

    @Test func plansADayOfIntervals() throws {
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        let arrivals = [0.0, 40, 120, 260, 180, 60]
        let forecast = try arrivals.enumerated().map { index, count in
            try IntervalForecast(
                start: start.addingTimeInterval(Double(index) * 1_800),
                length: 1_800,
                arrivals: count,
                averageHandleTime: 240
            )
        }
        let planner = StaffingPlanner(
            model: .erlangC,
            targets: try StaffingTargets(serviceLevel: (0.8, within20), shrinkage: 0.25)
        )
        let plan = try planner.plan(forecast)
        #expect(plan.intervals.count == 6)
        #expect(plan.intervals[0].staffing.agents == 0)
        #expect(plan.intervals[0].staffing.binding.isEmpty)
        // More arrivals never need fewer agents.
        let agents = plan.intervals.map(\.staffing.agents)
        #expect(agents[3] == agents.max())
        #expect(agents[2] > agents[1] && agents[1] > agents[0])
        for entry in plan.intervals {
            let staffing = try planner.staff(entry.forecast.load)
            #expect(entry.staffing == staffing)
            #expect(staffing.scheduledAgents == StaffingPlanner.scheduled(staffing.agents, shrinkage: 0.25))
        }
        #expect(plan.peakScheduledAgents == plan.intervals[3].staffing.scheduledAgents)
        let hours = plan.intervals.reduce(0.0) { $0 + Double($1.staffing.scheduledAgents) * 0.5 }
        #expect(abs(plan.scheduledAgentHours - hours) < 1e-9)
        let data = try JSONEncoder().encode(plan)
        #expect(try JSONDecoder().decode(StaffingPlan.self, from: data) == plan)
    }

    @Test func largeTrafficIsPlannedExactly() throws {
        // 5 000 Erlangs: the answer meets the target and one fewer does not.
        let load = try QueueLoad(arrivalRate: 25, averageHandleTime: 200)
        let planner = StaffingPlanner(model: .erlangC, targets: try StaffingTargets(serviceLevel: (0.9, within20)))
        let staffing = try planner.staff(load)
        #expect(staffing.agents > 5_000 && staffing.agents < 5_200)
        let fewer = try ErlangC.analyse(load, agents: staffing.agents - 1, serviceLevel: within20).performance
        #expect((fewer?.serviceLevel?.value ?? 0) < 0.9)
    }

    @Test func rejectsImpossibleOrMissingTargets() throws {
        #expect { try StaffingTargets() } throws: { ($0 as? ServiceMetricsError)?.code == .empty }
        #expect { try StaffingTargets(serviceLevel: (1.0, within20)) } throws: {
            ($0 as? ServiceMetricsError)?.path == "serviceLevel.share"
        }
        #expect { try StaffingTargets(maximumAverageSpeedOfAnswer: 10, shrinkage: 1) } throws: {
            ($0 as? ServiceMetricsError)?.path == "shrinkage"
        }
        #expect { try StaffingTargets(maximumAverageSpeedOfAnswer: .nan) } throws: {
            ($0 as? ServiceMetricsError)?.code == .nonFinite
        }
        #expect { try StaffingTargets(maximumAverageSpeedOfAnswer: 10, maximumOccupancy: 0) } throws: {
            ($0 as? ServiceMetricsError)?.path == "maximumOccupancy"
        }
        #expect { try IntervalForecast(start: Date(), length: 0, arrivals: 5, averageHandleTime: 60) } throws: {
            ($0 as? ServiceMetricsError)?.path == "interval"
        }
        // An interval's error names the interval.
        let bad = StaffingPlanner(
            model: .erlangA(averagePatience: -1),
            targets: try StaffingTargets(maximumAverageSpeedOfAnswer: 5)
        )
        let forecast = [try IntervalForecast(start: Date(), length: 900, arrivals: 5, averageHandleTime: 60)]
        #expect { try bad.plan(forecast) } throws: {
            ($0 as? ServiceMetricsError)?.path == "intervals[0].model.averagePatience"
        }
    }

    /// A load near `Double`'s limits (arrivals 10³⁰⁰ a second) made the agent search's bound overflow `Int` and trap;
    /// a load above 10⁷ Erlangs is refused with its path.
    @Test func loadsBeyondTheLargestStaffedAreRefused() throws {
        let definition = try ServiceLevelDefinition(answeredWithin: 20, convention: .abandonedInDenominator)
        let targets = try StaffingTargets(serviceLevel: (0.8, definition), shrinkage: 0.3)
        let planner = StaffingPlanner(model: .erlangC, targets: targets)
        for (rate, handle) in [(1e300, 1e10), (1e5, 101.0)] {
            let load = try QueueLoad(arrivalRate: rate, averageHandleTime: handle)
            #expect { try planner.staff(load) } throws: {
                ($0 as? ServiceMetricsError)?.code == .outOfRange && ($0 as? ServiceMetricsError)?.path == "traffic"
            }
        }
        // 10,000 Erlangs is within the bound and staffs as before.
        #expect(try planner.staff(QueueLoad(arrivalRate: 100, averageHandleTime: 100)).agents > 10_000)
    }
}
