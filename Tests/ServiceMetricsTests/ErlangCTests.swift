import Foundation
import ServiceDomain
import ServiceMetrics
import Testing

struct ErlangCTests {
    /// Erlang C from its textbook definition with factorials, for small systems only: an independent check of the
    /// recurrence the library uses.
    static func textbookC(traffic a: Double, agents n: Int) -> Double {
        var factorial = 1.0
        var sum = 0.0
        for k in 0..<n {
            if k > 0 { factorial *= Double(k) }
            sum += pow(a, Double(k)) / factorial
        }
        let top = pow(a, Double(n)) / (factorial * Double(n)) * Double(n) / (Double(n) - a)
        return top / (sum + top)
    }

    @Test func handCalculationForThreeAgents() throws {
        // A = 2, N = 3: B(3, 2) = 4/19 (B1 = 2/3, B2 = 0.4, B3 = 0.8/3.8), so C = 3·(4/19) / (3 − 2·15/19) = 4/9.
        // With h = 60 s: ASA = C·h/(N − A) = 80/3 s; SL(20 s) = 1 − (4/9)·e^(−(1)·20/60); occupancy 2/3.
        let load = try QueueLoad(arrivalRate: 2.0 / 60, averageHandleTime: 60)
        let definition = try ServiceLevelDefinition(answeredWithin: 20, convention: .abandonedInDenominator)
        let result = try ErlangC.analyse(load, agents: 3, serviceLevel: definition)
        let performance = try #require(result.performance)
        #expect(abs(performance.probabilityOfWaiting - 4.0 / 9) < 1e-12)
        #expect(abs(performance.averageSpeedOfAnswer - 80.0 / 3) < 1e-9)
        #expect(abs((performance.serviceLevel?.value ?? 0) - (1 - 4.0 / 9 * exp(-1.0 / 3))) < 1e-12)
        #expect(abs(performance.occupancy - 2.0 / 3) < 1e-12)
        #expect(performance.probabilityOfAbandoning == 0)
        #expect(performance.serviceLevel?.convention == .abandonedInDenominator)
    }

    @Test(arguments: [(10.0, 11), (10.0, 14), (25.5, 30), (50.0, 60), (80.0, 95)])
    func agreesWithTheFactorialDefinition(traffic: Double, agents: Int) throws {
        let c = try #require(try ErlangC.probabilityOfWaiting(traffic: traffic, agents: agents))
        let expected = Self.textbookC(traffic: traffic, agents: agents)
        #expect(abs(c - expected) < 1e-10 * max(1, expected), "C(\(agents), \(traffic)) = \(c), expected \(expected)")
    }

    @Test func tooFewAgentsIsUnstableNotANumber() throws {
        let load = try QueueLoad(arrivals: 100, per: 1_800, averageHandleTime: 180)  // 10 Erlangs
        #expect(try ErlangC.analyse(load, agents: 10) == .unstable(traffic: 10, agents: 10))
        #expect(try ErlangC.analyse(load, agents: 3).performance == nil)
        #expect(try ErlangC.probabilityOfWaiting(traffic: 10, agents: 10) == nil)
        #expect(try ErlangC.analyse(load, agents: 11).performance != nil)
    }

    @Test func largeSystemsStayFinite() throws {
        // 20 000 Erlangs on 20 500 agents (3.5 standard deviations of spare capacity): factorials would overflow long
        // before; the recurrence does not.
        let load = try QueueLoad(arrivalRate: 100, averageHandleTime: 200)
        let performance = try #require(try ErlangC.analyse(load, agents: 20_500).performance)
        #expect(performance.probabilityOfWaiting > 0 && performance.probabilityOfWaiting < 0.01)
        #expect(performance.averageSpeedOfAnswer.isFinite)
    }

    @Test func rejectsBadInput() {
        #expect { try QueueLoad(arrivalRate: .nan, averageHandleTime: 60) } throws: {
            ($0 as? ServiceMetricsError)?.path == "arrivalRate"
        }
        #expect { try QueueLoad(arrivalRate: 1, averageHandleTime: 0) } throws: {
            ($0 as? ServiceMetricsError)?.code == .outOfRange
        }
        #expect { try QueueLoad(arrivals: -4, per: 1_800, averageHandleTime: 60) } throws: {
            ($0 as? ServiceMetricsError)?.path == "arrivals"
        }
        #expect { try ServiceLevelDefinition(answeredWithin: -1, convention: .answeredOnly) } throws: {
            ($0 as? ServiceMetricsError)?.path == "threshold"
        }
        #expect {
            try ErlangC.analyse(try QueueLoad(arrivalRate: 1, averageHandleTime: 1), agents: -1)
        } throws: { ($0 as? ServiceMetricsError)?.path == "agents" }
    }

    @Test func resultsRoundTripThroughJSON() throws {
        let load = try QueueLoad(arrivalRate: 0.1, averageHandleTime: 90)
        let stable = try ErlangC.analyse(
            load,
            agents: 12,
            serviceLevel: try ServiceLevelDefinition(answeredWithin: 30, convention: .answeredOnly)
        )
        let unstable = try ErlangC.analyse(load, agents: 9)
        for result in [stable, unstable] {
            let data = try JSONEncoder().encode(result)
            #expect(try JSONDecoder().decode(QueueResult.self, from: data) == result)
        }
        let json = String(decoding: try JSONEncoder().encode(unstable), as: UTF8.self)
        #expect(json.contains("\"unstable\""))
        #expect {
            try JSONDecoder().decode(QueueLoad.self, from: Data(#"{"arrivalRate": -1, "averageHandleTime": 5}"#.utf8))
        } throws: { $0 is ServiceMetricsError }
    }
}
