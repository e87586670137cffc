import Foundation
import ServiceDomain
import ServiceMetrics
import Testing

struct ErlangATests {
    static func poisson(_ k: Int, _ a: Double) -> Double { exp(-a + Double(k) * log(a) - lgamma(Double(k + 1))) }

    /// P(at least r of m independent events of probability p happen).
    static func binomialTail(_ m: Int, _ r: Int, _ p: Double) -> Double {
        var sum = 0.0
        for i in r...m {
            sum +=
                exp(lgamma(Double(m + 1)) - lgamma(Double(i + 1)) - lgamma(Double(m - i + 1)))
                * pow(p, Double(i)) * pow(1 - p, Double(m - i))
        }
        return sum
    }

    /// Erlang A against closed forms for the case θ = μ.
    ///
    /// When patience has the same mean as the handle time (θ = μ), every contact in the system leaves at rate μ
    /// whether served or waiting, so the number in the system is Poisson(A) — an M/M/∞ queue — and a contact arriving
    /// to `k ≥ N` others passes stages at rates (N+1)μ, …, (k+1)μ: it is answered with probability N / (k + 1), and
    /// the time to pass the stages is the (k − N + 1)-th smallest of k + 1 independent Exp(μ) times, whose law is a
    /// binomial tail. These closed forms check every figure independently of the library's recursions.
    @Test(arguments: [(2.0, 2, 30.0), (2.0, 3, 10.0), (6.0, 5, 45.0), (12.0, 14, 20.0)])
    func matchesTheClosedFormWhenPatienceEqualsHandleTime(traffic: Double, agents: Int, threshold: Double) throws {
        let h = 60.0
        let load = try QueueLoad(arrivalRate: traffic / h, averageHandleTime: h)
        var expectedWait = 0.0
        var expectedAbandon = 0.0
        var answeredWithin = 0.0
        var abandonedWithin = 0.0
        let p = 1 - exp(-threshold / h)
        for k in 0..<400 {
            let weight = Self.poisson(k, traffic)
            guard k >= agents else {
                answeredWithin += weight
                continue
            }
            expectedWait += weight
            let answered = Double(agents) / Double(k + 1)
            expectedAbandon += weight * (1 - answered)
            // Passing all stages by t (then answered with probability N/(k+1), independently of the times).
            let passed = Self.binomialTail(k + 1, k - agents + 1, p)
            answeredWithin += weight * answered * passed
            // Abandoned by t: at stage i (i ahead) the exit is abandonment with probability 1/(N+i+1), at the i-th
            // stage time: the (k − N − i + 1)-th smallest of k + 1 exponentials.
            for i in 0...(k - agents) {
                let reach = Double(agents + i + 1) / Double(k + 1)  // P(reach stage i) = ∏ over later stages
                let leave = 1 / Double(agents + i + 1)
                abandonedWithin += weight * reach * leave * Self.binomialTail(k + 1, k - agents - i + 1, p)
            }
        }
        for convention in ServiceLevelConvention.allCases {
            let definition = try ServiceLevelDefinition(answeredWithin: threshold, convention: convention)
            let figures = try ErlangA.analyse(load, averagePatience: h, agents: agents, serviceLevel: definition)
            #expect(abs(figures.probabilityOfWaiting - expectedWait) < 1e-9)
            #expect(abs(figures.probabilityOfAbandoning - expectedAbandon) < 1e-9)
            let expected: Double
            switch convention {
            case .abandonedInDenominator: expected = answeredWithin
            case .answeredOnly: expected = answeredWithin / (1 - expectedAbandon)
            case .abandonedWithinThresholdMet: expected = answeredWithin + abandonedWithin
            case .offeredWait: continue  // ErlangAConventionTests
            }
            let value = try #require(figures.serviceLevel?.value)
            #expect(abs(value - expected) < 1e-7, "\(convention): \(value) vs \(expected)")
        }
    }

    @Test(arguments: [(8.0, 10, 120.0), (30.0, 28, 45.0), (150.0, 140, 300.0)])
    func abandonmentObeysLittlesLaw(traffic: Double, agents: Int, patience: Double) throws {
        // Abandonments per second = θ × mean queue length, and mean queue length = λ × mean time in queue, so
        // P(abandon) = θ × mean time in queue (Little's law applied to the queue).
        let load = try QueueLoad(arrivalRate: traffic / 240, averageHandleTime: 240)
        let figures = try ErlangA.analyse(load, averagePatience: patience, agents: agents)
        #expect(abs(figures.probabilityOfAbandoning - figures.averageWait / patience) < 1e-9)
        // Answered work keeps the agents exactly as busy as occupancy says: λ·(1 − P(ab))·h / N.
        #expect(abs(figures.occupancy - traffic * (1 - figures.probabilityOfAbandoning) / Double(agents)) < 1e-12)
    }

    @Test func approachesErlangCAsPatienceGrows() throws {
        let load = try QueueLoad(arrivals: 100, per: 1_800, averageHandleTime: 180)  // 10 Erlangs
        let definition = try ServiceLevelDefinition(answeredWithin: 20, convention: .abandonedInDenominator)
        let c = try #require(try ErlangC.analyse(load, agents: 13, serviceLevel: definition).performance)
        let a = try ErlangA.analyse(load, averagePatience: 1e7, agents: 13, serviceLevel: definition)
        #expect(abs(a.probabilityOfWaiting - c.probabilityOfWaiting) < 1e-4)
        #expect(abs(a.averageSpeedOfAnswer - c.averageSpeedOfAnswer) / c.averageSpeedOfAnswer < 1e-3)
        #expect(abs((a.serviceLevel?.value ?? 0) - (c.serviceLevel?.value ?? 1)) < 1e-4)
        #expect(a.probabilityOfAbandoning < 1e-4)
    }

    @Test func staysStableWithFewerAgentsThanTraffic() throws {
        // 10 Erlangs on 8 agents: Erlang C has no answer, Erlang A settles with heavy abandonment.
        let load = try QueueLoad(arrivals: 100, per: 1_800, averageHandleTime: 180)
        #expect(try ErlangC.analyse(load, agents: 8).performance == nil)
        let figures = try ErlangA.analyse(load, averagePatience: 60, agents: 8)
        #expect(figures.probabilityOfAbandoning > 0.2 && figures.probabilityOfAbandoning < 1)
        #expect(figures.occupancy < 1)
        // No agents: everyone waits and abandons.
        let none = try ErlangA.analyse(load, averagePatience: 60, agents: 0)
        #expect(abs(none.probabilityOfAbandoning - 1) < 1e-12)
        #expect(none.probabilityOfWaiting == 1)
    }

    @Test func answeredOnlyRewardsAbandonment() throws {
        // The answered-only convention ignores the customers who gave up, so it is the highest of the three.
        let load = try QueueLoad(arrivals: 100, per: 1_800, averageHandleTime: 180)
        var values: [ServiceLevelConvention: Double] = [:]
        for convention in ServiceLevelConvention.allCases {
            let definition = try ServiceLevelDefinition(answeredWithin: 20, convention: convention)
            values[convention] = try ErlangA.analyse(load, averagePatience: 30, agents: 10, serviceLevel: definition)
                .serviceLevel?.value
        }
        let inDenominator = try #require(values[.abandonedInDenominator])
        #expect(try #require(values[.answeredOnly]) > inDenominator)
        #expect(try #require(values[.abandonedWithinThresholdMet]) > inDenominator)
    }

    @Test func rejectsBadPatience() throws {
        let load = try QueueLoad(arrivalRate: 1, averageHandleTime: 60)
        for patience in [0.0, -5, .nan, .infinity] {
            #expect { try ErlangA.analyse(load, averagePatience: patience, agents: 10) } throws: {
                ($0 as? ServiceMetricsError)?.path == "averagePatience"
            }
        }
        // A patience so long, under such overload, that the queue would need millions of places.
        #expect { try ErlangA.analyse(load, averagePatience: 1e9, agents: 1) } throws: {
            ($0 as? ServiceMetricsError)?.code == .outOfRange
        }
    }
}
