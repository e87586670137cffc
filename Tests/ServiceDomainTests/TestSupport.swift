import Foundation
import ServiceDomain
import Testing

/// An instant from an ISO 8601 text with an explicit offset, parsed by Foundation so that tests do not trust our own
/// codec.
func instant(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Date {
    let style = Date.ISO8601FormatStyle(includingFractionalSeconds: false)
    return try #require(try? style.parse(text), "not an ISO 8601 instant: \(text)", sourceLocation: sourceLocation)
}

func date(_ text: String) throws -> LocalDate { try LocalDate(text) }

func interval(_ start: String, _ end: String) throws -> OpeningInterval { try OpeningInterval(start, end) }

let hour: TimeInterval = 3600
