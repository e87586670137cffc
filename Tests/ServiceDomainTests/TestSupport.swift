import Foundation
import ServiceDomain
import Testing

/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014): a small,
/// seeded generator so that property tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// An instant from an ISO 8601 text with an explicit offset, parsed by Foundation so that tests do not trust our own
/// codec.
func instant(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Date {
    let style = Date.ISO8601FormatStyle(includingFractionalSeconds: false)
    return try #require(try? style.parse(text), "not an ISO 8601 instant: \(text)", sourceLocation: sourceLocation)
}

func date(_ text: String) throws -> LocalDate { try LocalDate(text) }

func interval(_ start: String, _ end: String) throws -> OpeningInterval { try OpeningInterval(start, end) }

let hour: TimeInterval = 3600
