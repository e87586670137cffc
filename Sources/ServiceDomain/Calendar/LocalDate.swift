/// A date on a wall calendar with no time zone attached: the day a holiday falls on, the date of an exception.
///
/// Dates use the proleptic Gregorian calendar. JSON form: `"2026-12-25"`.
public struct LocalDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The year, 1 through 9999.
    public let year: Int
    /// The month, 1 through 12.
    public let month: Int
    /// The day of the month, 1 through the month's length.
    public let day: Int

    /// Creates a date, checking that it exists.
    ///
    /// - Parameters:
    ///   - year: The year, 1 through 9999.
    ///   - month: The month, 1 through 12.
    ///   - day: The day of the month.
    /// - Throws: ``ServiceDomainError/Code/outOfRange`` when the date does not exist (such as 2025-02-29).
    public init(year: Int, month: Int, day: Int) throws(ServiceDomainError) {
        guard (1...9999).contains(year) else {
            throw ServiceDomainError(.outOfRange, "year \(year) is outside 1...9999")
        }
        guard (1...12).contains(month) else {
            throw ServiceDomainError(.outOfRange, "month \(month) is outside 1...12")
        }
        guard day >= 1, day <= Civil.daysInMonth(year: year, month: month) else {
            throw ServiceDomainError(.outOfRange, "\(year)-\(month) has no day \(day)")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses an ISO 8601 calendar date, `YYYY-MM-DD`.
    ///
    /// - Parameter text: The date text.
    /// - Throws: ``ServiceDomainError/Code/malformed`` when the text is not of that form, or
    ///   ``ServiceDomainError/Code/outOfRange`` when the date does not exist.
    public init(_ text: String) throws(ServiceDomainError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = Civil.digits(bytes, 0, 4), let month = Civil.digits(bytes, 5, 2),
            let day = Civil.digits(bytes, 8, 2)
        else {
            throw ServiceDomainError(.malformed, "\"\(text)\" is not a date of the form YYYY-MM-DD")
        }
        try self.init(year: year, month: month, day: day)
    }

    /// Creates the date that is `dayNumber` days after 1970-01-01.
    ///
    /// - Parameter dayNumber: Days since 1970-01-01 (negative before it).
    /// - Throws: ``ServiceDomainError/Code/outOfRange`` when the result is outside years 1...9999.
    public init(dayNumber: Int) throws(ServiceDomainError) {
        // 0001-01-01 is day −719 162 and 9999-12-31 day 2 932 896; checking first keeps the arithmetic from overflowing.
        guard (-719_162...2_932_896).contains(dayNumber) else {
            throw ServiceDomainError(.outOfRange, "day \(dayNumber) is outside years 1...9999")
        }
        let (y, m, d) = Civil.civil(fromDays: dayNumber)
        try self.init(year: y, month: m, day: d)
    }

    /// Days since 1970-01-01 (negative before it).
    public var dayNumber: Int { Civil.days(year: year, month: month, day: day) }

    /// The day of the week.
    public var weekday: Weekday { Weekday(dayNumber: dayNumber) }

    /// The date `days` later (earlier when negative).
    ///
    /// - Parameter days: The number of days to move.
    /// - Returns: The moved date.
    /// - Throws: ``ServiceDomainError/Code/outOfRange`` when the result is outside years 1...9999.
    public func adding(days: Int) throws(ServiceDomainError) -> LocalDate {
        let (sum, overflow) = dayNumber.addingReportingOverflow(days)
        guard !overflow else {
            throw ServiceDomainError(.outOfRange, "\(days) days from \(self) is outside years 1...9999")
        }
        return try LocalDate(dayNumber: sum)
    }

    /// The date as `YYYY-MM-DD`.
    public var description: String {
        Civil.pad(year, 4) + "-" + Civil.pad(month, 2) + "-" + Civil.pad(day, 2)
    }

    /// Orders dates chronologically.
    ///
    /// - Parameters:
    ///   - lhs: A date.
    ///   - rhs: Another date.
    /// - Returns: Whether `lhs` is earlier than `rhs`.
    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
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

/// A day of the week, numbered as ISO 8601 does (Monday = 1 … Sunday = 7).
public enum Weekday: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Monday.
    case monday
    /// Tuesday.
    case tuesday
    /// Wednesday.
    case wednesday
    /// Thursday.
    case thursday
    /// Friday.
    case friday
    /// Saturday.
    case saturday
    /// Sunday.
    case sunday

    /// The ISO 8601 number, 1 (Monday) through 7 (Sunday).
    public var isoNumber: Int {
        switch self {
        case .monday: 1
        case .tuesday: 2
        case .wednesday: 3
        case .thursday: 4
        case .friday: 5
        case .saturday: 6
        case .sunday: 7
        }
    }

    /// Whether the day is Saturday or Sunday.
    public var isWeekend: Bool { self == .saturday || self == .sunday }

    /// The day after this one (Sunday is followed by Monday).
    public var next: Weekday { Weekday.allCases[isoNumber % 7] }

    /// The weekday of the date `dayNumber` days after 1970-01-01, a Thursday.
    ///
    /// - Parameter dayNumber: Days since 1970-01-01.
    public init(dayNumber: Int) {
        // 1970-01-01 was a Thursday (index 3 when Monday is 0).
        let index = ((dayNumber + 3) % 7 + 7) % 7
        self = Weekday.allCases[index]
    }

    /// Orders weekdays from Monday to Sunday.
    ///
    /// - Parameters:
    ///   - lhs: A weekday.
    ///   - rhs: Another weekday.
    /// - Returns: Whether `lhs` comes earlier in the ISO week.
    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.isoNumber < rhs.isoNumber }
}

/// Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), after Howard Hinnant,
/// "chrono-Compatible Low-Level Date Algorithms" (`days_from_civil`, `civil_from_days`).
package enum Civil {
    /// Days since 1970-01-01 of a civil date.
    package static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day number.
    package static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Whether a year is a Gregorian leap year.
    package static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    /// The number of days in a month.
    package static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The decimal number in `count` ASCII digits starting at `start`, or `nil` if any is not a digit.
    package static func digits(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        guard start >= 0, start + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[start..<start + count] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// A non-negative number padded with leading zeros to `width` digits.
    package static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
