public import Foundation

/// Reads and writes instants as ISO 8601 / RFC 3339 text, the form every JSON document of this library uses.
///
/// Written form: UTC with a `Z`, whole seconds unless the instant has a fraction, then milliseconds:
/// `2026-11-23T09:00:00Z`, `2026-11-23T09:00:00.250Z`. Read form: the same, or with a numeric offset
/// (`2026-11-23T10:00:00+01:00`) and up to nine fractional digits. Because the types encode instants themselves,
/// the output does not depend on a `JSONEncoder`'s `dateEncodingStrategy`.
public enum InstantCoding: Sendable {
    /// The first and last representable instants: 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z.
    static let representable: ClosedRange<Double> = -62_135_596_800...253_402_300_799.999

    /// Whether an instant can be written as ISO 8601 (finite, in years 1 to 9999).
    ///
    /// - Parameter date: The instant.
    /// - Returns: Whether ``string(from:)`` gives an ISO 8601 text for it.
    public static func isRepresentable(_ date: Date) -> Bool {
        representable.contains(date.timeIntervalSince1970)
    }

    /// Formats an instant as ISO 8601 in UTC.
    ///
    /// - Parameter date: The instant.
    /// - Returns: The text, such as `2026-11-23T09:00:00Z`; fractional seconds are written to the millisecond. An
    ///   instant that is not finite or lies outside years 1–9999 gives a text that says so (such as `invalid(nan)`),
    ///   which ``date(from:)`` rejects; encoding such an instant throws instead.
    public static func string(from date: Date) -> String {
        guard isRepresentable(date) else { return "invalid(\(date.timeIntervalSince1970))" }
        let totalMilliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        let seconds = Int((totalMilliseconds / 1000).rounded(.down))
        let milliseconds = Int(totalMilliseconds - Double(seconds) * 1000)
        let day = Int((Double(seconds) / 86_400).rounded(.down))
        let secondOfDay = seconds - day * 86_400
        let (y, m, d) = Civil.civil(fromDays: day)
        var text = Civil.pad(y, 4) + "-" + Civil.pad(m, 2) + "-" + Civil.pad(d, 2) + "T"
        text += Civil.pad(secondOfDay / 3600, 2) + ":" + Civil.pad(secondOfDay % 3600 / 60, 2) + ":"
        text += Civil.pad(secondOfDay % 60, 2)
        if milliseconds != 0 { text += "." + Civil.pad(milliseconds, 3) }
        return text + "Z"
    }

    /// Parses an ISO 8601 instant with a `Z` or a numeric offset.
    ///
    /// - Parameter text: The text.
    /// - Returns: The instant.
    /// - Throws: ``ServiceDomainError/Code/malformed`` when the text is not such an instant.
    public static func date(from text: String) throws(ServiceDomainError) -> Date {
        guard let date = parse(Array(text.utf8)) else {
            throw ServiceDomainError(
                .malformed,
                "\"\(text)\" is not an ISO 8601 instant such as 2026-11-23T09:00:00Z or 2026-11-23T10:00:00+01:00"
            )
        }
        return date
    }

    private static func parse(_ b: [UInt8]) -> Date? {
        guard b.count >= 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") || b[10] == UInt8(ascii: " "),
            b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
            let year = Civil.digits(b, 0, 4), let month = Civil.digits(b, 5, 2), let day = Civil.digits(b, 8, 2),
            let hour = Civil.digits(b, 11, 2), let minute = Civil.digits(b, 14, 2), let second = Civil.digits(b, 17, 2),
            (1...12).contains(month), day >= 1, day <= Civil.daysInMonth(year: year, month: month),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var position = 19
        var fraction = 0.0
        if b[position] == UInt8(ascii: ".") {
            position += 1
            var scale = 0.1
            let first = position
            while position < b.count, let digit = Civil.digits(b, position, 1) {
                fraction += Double(digit) * scale
                scale /= 10
                position += 1
            }
            guard position > first, position - first <= 9 else { return nil }
        }
        guard position < b.count else { return nil }
        var offset = 0
        switch b[position] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard position + 1 == b.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard position + 6 == b.count, b[position + 3] == UInt8(ascii: ":"),
                let hours = Civil.digits(b, position + 1, 2), let minutes = Civil.digits(b, position + 4, 2),
                hours < 24, minutes < 60
            else { return nil }
            offset = (hours * 3600 + minutes * 60) * (b[position] == UInt8(ascii: "-") ? -1 : 1)
        default:
            return nil
        }
        let days = Civil.days(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }
}

extension KeyedDecodingContainer {
    /// Decodes an ISO 8601 instant (see ``InstantCoding``).
    package func decodeInstant(forKey key: Key) throws -> Date {
        let text = try decode(String.self, forKey: key)
        do {
            return try InstantCoding.date(from: text)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: error.description)
        }
    }

    /// Decodes an optional ISO 8601 instant (see ``InstantCoding``).
    package func decodeInstantIfPresent(forKey key: Key) throws -> Date? {
        guard contains(key), try decodeNil(forKey: key) == false else { return nil }
        return try decodeInstant(forKey: key)
    }
}

extension KeyedEncodingContainer {
    /// Encodes an instant as ISO 8601 text (see ``InstantCoding``).
    package mutating func encodeInstant(_ date: Date, forKey key: Key) throws {
        guard InstantCoding.isRepresentable(date) else {
            // The value is the seconds, not the Date: describing a NaN Date traps in Foundation on Linux.
            throw EncodingError.invalidValue(
                date.timeIntervalSince1970,
                EncodingError.Context(
                    codingPath: codingPath + [key],
                    debugDescription: "an instant must be finite and within years 1–9999 to be written as ISO 8601"
                )
            )
        }
        try encode(InstantCoding.string(from: date), forKey: key)
    }

    /// Encodes an optional instant as ISO 8601 text, omitting the key when it is `nil`.
    package mutating func encodeInstantIfPresent(_ date: Date?, forKey key: Key) throws {
        if let date { try encodeInstant(date, forKey: key) }
    }
}
