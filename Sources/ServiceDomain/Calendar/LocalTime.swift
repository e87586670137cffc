/// A time of day on a wall clock, from `00:00` to `24:00` inclusive, to the second.
///
/// `24:00` is the end of the day and is allowed only as a closing time. JSON form: `"09:30"`, or `"09:30:15"` when
/// the seconds are not zero.
public struct LocalTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Seconds since midnight, 0 through 86,400 (`24:00`).
    public let secondsSinceMidnight: Int

    /// Midnight at the start of the day, `00:00`.
    public static let startOfDay = LocalTime(uncheckedSeconds: 0)
    /// Midnight at the end of the day, `24:00`.
    public static let endOfDay = LocalTime(uncheckedSeconds: 86_400)

    /// Creates a time of day.
    ///
    /// - Parameters:
    ///   - hour: The hour, 0 through 24 (24 only with zero minutes and seconds).
    ///   - minute: The minute, 0 through 59.
    ///   - second: The second, 0 through 59.
    /// - Throws: ``ServiceDomainError/Code/outOfRange`` when a component is out of range.
    public init(hour: Int, minute: Int = 0, second: Int = 0) throws(ServiceDomainError) {
        guard (0...24).contains(hour), (0...59).contains(minute), (0...59).contains(second),
            hour < 24 || (minute == 0 && second == 0)
        else {
            throw ServiceDomainError(.outOfRange, "\(hour):\(minute):\(second) is not a time between 00:00 and 24:00")
        }
        secondsSinceMidnight = hour * 3600 + minute * 60 + second
    }

    /// Parses `HH:mm` or `HH:mm:ss`, 24-hour clock, `24:00` allowed.
    ///
    /// - Parameter text: The time text.
    /// - Throws: ``ServiceDomainError/Code/malformed`` when the text is not of that form, or
    ///   ``ServiceDomainError/Code/outOfRange`` when a component is out of range.
    public init(_ text: String) throws(ServiceDomainError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 5 || bytes.count == 8, bytes[2] == UInt8(ascii: ":"),
            bytes.count == 5 || bytes[5] == UInt8(ascii: ":"),
            let hour = Civil.digits(bytes, 0, 2), let minute = Civil.digits(bytes, 3, 2)
        else {
            throw ServiceDomainError(.malformed, "\"\(text)\" is not a time of the form HH:mm or HH:mm:ss")
        }
        var second = 0
        if bytes.count == 8 {
            guard let parsed = Civil.digits(bytes, 6, 2) else {
                throw ServiceDomainError(.malformed, "\"\(text)\" is not a time of the form HH:mm or HH:mm:ss")
            }
            second = parsed
        }
        try self.init(hour: hour, minute: minute, second: second)
    }

    private init(uncheckedSeconds: Int) { secondsSinceMidnight = uncheckedSeconds }

    /// The hour, 0 through 24.
    public var hour: Int { secondsSinceMidnight / 3600 }
    /// The minute, 0 through 59.
    public var minute: Int { secondsSinceMidnight % 3600 / 60 }
    /// The second, 0 through 59.
    public var second: Int { secondsSinceMidnight % 60 }

    /// The time as `HH:mm`, or `HH:mm:ss` when the seconds are not zero.
    public var description: String { LocalTime.description(seconds: secondsSinceMidnight) }

    /// Orders times of day.
    ///
    /// - Parameters:
    ///   - lhs: A time.
    ///   - rhs: Another time.
    /// - Returns: Whether `lhs` is earlier in the day.
    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool {
        lhs.secondsSinceMidnight < rhs.secondsSinceMidnight
    }

    /// Decodes the value from its documented JSON form, checking it as the validating initialiser does.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed or invalid data, with the coding path of the offending field.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes the value in its documented JSON form.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
