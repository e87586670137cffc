import ServiceDomain
import ServiceMetrics
import Testing

struct ErlangBTests {
    @Test(arguments: [
        // Hand calculation with B(n) = A·B(n−1)/(n + A·B(n−1)):
        // A = 1, N = 1: 1/2 = 0.5.  A = 1, N = 2: (1·0.5)/(2 + 0.5) = 0.2.
        // A = 2, N = 2: B1 = 2/3, B2 = (4/3)/(2 + 4/3) = 0.4.
        (1.0, 1, 0.5), (1.0, 2, 0.2), (2.0, 2, 0.4),
        // Erlang B tables: 10 Erlangs on 10 servers block 21.46 %; on 15 servers 3.65 %;
        // 100 Erlangs on 100 servers 7.57 %.
        (10.0, 10, 0.214_582), (10.0, 15, 0.036_496), (100.0, 100, 0.075_700),
    ])
    func matchesWorkedExamplesAndTables(traffic: Double, servers: Int, expected: Double) throws {
        let b = try ErlangB.blockingProbability(traffic: traffic, servers: servers)
        #expect(abs(b - expected) < 5e-6, "B(\(traffic), \(servers)) = \(b)")
    }

    @Test func edgeCasesAndLargeSystems() throws {
        #expect(try ErlangB.blockingProbability(traffic: 5, servers: 0) == 1)
        #expect(try ErlangB.blockingProbability(traffic: 0, servers: 3) == 0)
        // 20 000 Erlangs on 25 000 servers: finite, tiny, and no overflow (factorials would overflow at 171).
        let large = try ErlangB.blockingProbability(traffic: 20_000, servers: 25_000)
        #expect(large >= 0 && large < 1e-100)
        // More servers never block more.
        #expect(
            try ErlangB.blockingProbability(traffic: 20_000, servers: 20_100)
                < ErlangB.blockingProbability(traffic: 20_000, servers: 20_000)
        )
    }

    @Test func rejectsInvalidInput() {
        #expect { try ErlangB.blockingProbability(traffic: .nan, servers: 3) } throws: {
            ($0 as? ServiceMetricsError)?.code == .nonFinite
        }
        #expect { try ErlangB.blockingProbability(traffic: -1, servers: 3) } throws: {
            ($0 as? ServiceMetricsError)?.path == "traffic"
        }
        #expect { try ErlangB.blockingProbability(traffic: 1, servers: -3) } throws: {
            ($0 as? ServiceMetricsError)?.path == "servers"
        }
    }
}
