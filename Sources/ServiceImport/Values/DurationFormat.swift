public import Foundation
public import ServiceDomain

/// How a file writes durations, and the unit of a bare number.
///
/// Whatever the format, three spellings are read:
/// - a bare decimal number in the format's unit (`90`, `1.5`; the file's ``NumberFormat``);
/// - a clock, `h:mm:ss` with any number of hours and an optional fraction (`1:05:30`, `27:00:00`, `00:04:12.5`), or
///   `m:ss` for ``minutesSeconds``;
/// - units, `1h 20m`, `2d 3h`, `45s`, `1 hour 20 minutes`, `90 min` (`d`/`day`, `h`/`hr`/`hour`, `m`/`min`/`minute`,
///   `s`/`sec`/`second`, plurals too; Jira writes `1h 20m`).
///
/// A leading `-` gives a negative duration (Jira writes remaining SLA time below zero that way); an importer decides
/// whether a negative value makes sense for its field.
///
/// JSON: `"seconds"`, `"minutes"`, `"hours"`, `"days"`, `"milliseconds"` or `"minutesSeconds"`.
public enum DurationFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// Bare numbers are seconds.
    case seconds
    /// Bare numbers are minutes (Zendesk's "… time in minutes" columns).
    case minutes
    /// Bare numbers are hours (Zendesk's "… time in hours").
    case hours
    /// Bare numbers are days.
    case days
    /// Bare numbers are milliseconds (Amazon Connect's and Genesys Cloud's raw metrics).
    case milliseconds
    /// Two-part clocks are `m:ss`; bare numbers are seconds.
    case minutesSeconds

    /// The seconds in one unit of a bare number.
    public var secondsPerUnit: Double {
        switch self {
        case .seconds, .minutesSeconds: 1
        case .minutes: 60
        case .hours: 3_600
        case .days: 86_400
        case .milliseconds: 0.001
        }
    }

    /// Reads a duration.
    ///
    /// - Parameters:
    ///   - text: The field, surrounding spaces ignored.
    ///   - numbers: How bare numbers are written.
    /// - Returns: The duration in seconds.
    /// - Throws: `ServiceDomainError/Code/malformed` naming the value when it fits none of the spellings.
    public func seconds(from text: String, numbers: NumberFormat = .standard) throws(ServiceDomainError)
        -> TimeInterval
    {
        let trimmed = text.trimmingSpacesAndTabs
        func fail() -> ServiceDomainError {
            ServiceDomainError(
                .malformed,
                "\(quoted(trimmed)) is not a duration (a number of \(rawValue), h:mm:ss, or units such as 1h 20m)"
            )
        }
        var body = Substring(trimmed)
        var sign = 1.0
        if body.first == "-" {
            sign = -1
            body = body.dropFirst()
        }
        guard !body.isEmpty else { throw fail() }
        if body.utf8.contains(UInt8(ascii: ":")) {
            let parts = body.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 3 || (parts.count == 2 && self == .minutesSeconds) else { throw fail() }
            var total = 0.0
            for (index, part) in parts.enumerated() {
                let last = index == parts.count - 1
                guard let value = DecimalText.parse(String(part), decimal: UInt8(ascii: "."), grouping: nil),
                    value >= 0, !part.hasPrefix("+"), !part.hasPrefix("-"),
                    last || !part.contains("."),
                    index == 0 || (value < 60 && part.count >= 2)
                else { throw fail() }
                total = total * 60 + value
            }
            return sign * total
        }
        if body.utf8.contains(where: { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) {
            var total = 0.0
            var rest = body[...]
            var any = false
            while !rest.isEmpty {
                rest = rest.drop { $0 == " " || $0 == "\t" || $0 == "," }
                guard !rest.isEmpty else { break }
                let numberText = rest.prefix { $0.isNumber || $0 == "." || $0 == "," }
                rest = rest.dropFirst(numberText.count).drop { $0 == " " }
                let unitText = rest.prefix(while: \.isLetter).lowercased()
                rest = rest.dropFirst(unitText.count)
                guard let value = try? numbers.number(from: String(numberText)), value >= 0,
                    let unit = Self.units[unitText]
                else { throw fail() }
                total += value * unit
                any = true
            }
            guard any else { throw fail() }
            return sign * total
        }
        guard let value = try? numbers.number(from: String(body)), value >= 0 else { throw fail() }
        return sign * value * secondsPerUnit
    }

    static let units: [String: Double] = [
        "d": 86_400, "day": 86_400, "days": 86_400,
        "h": 3_600, "hr": 3_600, "hrs": 3_600, "hour": 3_600, "hours": 3_600,
        "m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
        "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
        "ms": 0.001,
    ]
}
