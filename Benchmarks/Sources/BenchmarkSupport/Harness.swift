import Foundation

/// A minimal timing harness: runs a workload several times and reports the best run, so that figures are
/// throughput (operations per second) on one core and ratios between workloads, never wall-clock assertions.
public struct Benchmark: Sendable {
    /// The name printed beside the figures.
    public let name: String
    /// How many operations one run performs.
    public let operations: Int
    /// How many timed runs; the best is reported.
    public let runs: Int

    /// Creates a benchmark.
    public init(_ name: String, operations: Int, runs: Int = 5) {
        self.name = name
        self.operations = operations
        self.runs = runs
    }

    /// Times `body` (which performs `operations` operations and returns a checksum that keeps the optimiser from
    /// discarding the work) and prints and returns the best throughput in operations per second.
    @discardableResult
    public func run(_ body: () throws -> Double) rethrows -> Double {
        let clock = ContinuousClock()
        var best = Duration.seconds(1_000_000)
        var checksum = 0.0
        _ = try body()  // warm-up: builds lazy indexes and caches
        for _ in 0..<runs {
            let start = clock.now
            checksum += try body()
            best = min(best, clock.now - start)
        }
        let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) * 1e-18
        let rate = Double(operations) / seconds
        print(
            "\(name.padding(toLength: 58, withPad: " ", startingAt: 0)) "
                + "\(format(rate)) ops/s   best of \(runs): \(String(format: "%.3f", seconds * 1000)) ms"
                + "   (checksum \(String(format: "%.6g", checksum)))"
        )
        return rate
    }

    private func format(_ rate: Double) -> String {
        let text: String
        switch rate {
        case 1e9...: text = String(format: "%.2f G", rate / 1e9)
        case 1e6...: text = String(format: "%.2f M", rate / 1e6)
        case 1e3...: text = String(format: "%.2f k", rate / 1e3)
        default: text = String(format: "%.2f  ", rate)
        }
        return text.padding(toLength: 9, withPad: " ", startingAt: 0)
    }
}

/// SplitMix64, seeded, so every benchmark run uses the same inputs.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    /// Creates a generator with a seed.
    public init(seed: UInt64) { state = seed }
    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
