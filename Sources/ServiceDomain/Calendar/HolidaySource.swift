/// A source of holidays for a range of years: a fixed list, an annual rule, or a user's own (a feed, a database).
///
/// Calendars store holidays as plain dates, so that a calendar is a value that encodes to JSON; a source turns
/// rules into dates for the years a program needs:
///
/// ```swift
/// let englandAndWales: [any HolidaySource] = [
///     FixedDateHoliday(name: "New Year's Day", month: 1, day: 1, observance: .nextWeekday),
///     EasterHoliday(name: "Good Friday", daysFromEaster: -2),
///     EasterHoliday(name: "Easter Monday", daysFromEaster: 1),
///     NthWeekdayHoliday(name: "Early May bank holiday", month: 5, weekday: .monday, ordinal: 1),
///     NthWeekdayHoliday(name: "Spring bank holiday", month: 5, weekday: .monday, ordinal: -1),
/// ]
/// let calendar = try office.addingHolidays(from: englandAndWales, years: 2026...2028)
/// ```
///
/// Implementation requirements: conformers are value types and pure — the same years give the same holidays.
/// A user's own source:
///
/// ```swift
/// struct CompanyShutdown: HolidaySource {
///     func holidays(in years: ClosedRange<Int>) throws(ServiceDomainError) -> [Holiday] {
///         try years.map { year throws(ServiceDomainError) in
///             Holiday(try LocalDate(year: year, month: 8, day: 14), name: "Company day")
///         }
///     }
/// }
/// ```
public protocol HolidaySource: Sendable {
    /// The holidays that fall in the given years.
    ///
    /// - Parameter years: The years, such as `2026...2028`.
    /// - Returns: The holidays in those years, in any order.
    /// - Throws: ``ServiceDomainError`` when the source cannot produce them (a year out of range).
    func holidays(in years: ClosedRange<Int>) throws(ServiceDomainError) -> [Holiday]
}

/// How a holiday that falls on a weekend is observed.
public enum WeekendObservance: String, Sendable, Hashable, Codable, CaseIterable {
    /// On its date, even at a weekend.
    case none
    /// Saturday and Sunday move to the following Monday.
    case nextWeekday
    /// Saturday moves to the Friday before, Sunday to the Monday after.
    case nearestWeekday
}

/// A holiday on the same month and day every year, such as 25 December.
///
/// Observance moves each holiday on its own: it does not know about other holidays. Where two observed holidays land
/// on the same day — Christmas Day and Boxing Day both at a weekend move to the same Monday under `.nextWeekday` — list
/// the second substitute yourself (in England and Wales, Boxing Day's substitute is then the Tuesday), for instance as
/// a ``Holiday`` for that year.
public struct FixedDateHoliday: HolidaySource, Hashable, Codable {
    /// The holiday's name.
    public var name: String
    /// The month, 1 through 12.
    public var month: Int
    /// The day of the month.
    public var day: Int
    /// How a weekend occurrence is observed.
    public var observance: WeekendObservance

    /// Creates the rule.
    ///
    /// - Parameters:
    ///   - name: The holiday's name.
    ///   - month: The month, 1 through 12.
    ///   - day: The day of the month; 29 February falls only in leap years.
    ///   - observance: How a weekend occurrence is observed.
    public init(name: String, month: Int, day: Int, observance: WeekendObservance = .none) {
        self.name = name
        self.month = month
        self.day = day
        self.observance = observance
    }

    /// The holiday in each of the years.
    ///
    /// - Parameter years: The years.
    /// - Returns: One holiday per year (none in a year without that date, such as 29 February 2027).
    /// - Throws: ``ServiceDomainError/Code/outOfRange`` when the month or day can never exist.
    public func holidays(in years: ClosedRange<Int>) throws(ServiceDomainError) -> [Holiday] {
        guard (1...12).contains(month), day >= 1, day <= Civil.daysInMonth(year: 2000, month: month) else {
            throw ServiceDomainError(.outOfRange, at: "day", "month \(month) has no day \(day)")
        }
        var result: [Holiday] = []
        for year in years where day <= Civil.daysInMonth(year: year, month: month) {
            let date = try LocalDate(year: year, month: month, day: day)
            let shift: Int
            switch (observance, date.weekday) {
            case (.nextWeekday, .saturday), (.nearestWeekday, .sunday): shift = date.weekday == .saturday ? 2 : 1
            case (.nextWeekday, .sunday): shift = 1
            case (.nearestWeekday, .saturday): shift = -1
            default: shift = 0
            }
            result.append(Holiday(try date.adding(days: shift), name: name))
        }
        return result
    }
}

/// A holiday on the n-th given weekday of a month, such as the first Monday in May, or the last (`ordinal: -1`).
public struct NthWeekdayHoliday: HolidaySource, Hashable, Codable {
    /// The holiday's name.
    public var name: String
    /// The month, 1 through 12.
    public var month: Int
    /// The weekday.
    public var weekday: Weekday
    /// Which occurrence: 1 through 4 from the start of the month, or −1 for the last.
    public var ordinal: Int

    /// Creates the rule.
    ///
    /// - Parameters:
    ///   - name: The holiday's name.
    ///   - month: The month, 1 through 12.
    ///   - weekday: The weekday.
    ///   - ordinal: 1 through 4, or −1 for the last occurrence in the month.
    public init(name: String, month: Int, weekday: Weekday, ordinal: Int) {
        self.name = name
        self.month = month
        self.weekday = weekday
        self.ordinal = ordinal
    }

    /// The holiday in each of the years.
    ///
    /// - Parameter years: The years.
    /// - Returns: One holiday per year.
    /// - Throws: ``ServiceDomainError/Code/outOfRange`` for a month outside 1...12 or an ordinal other than 1...4 or −1.
    public func holidays(in years: ClosedRange<Int>) throws(ServiceDomainError) -> [Holiday] {
        guard (1...12).contains(month) else {
            throw ServiceDomainError(.outOfRange, at: "month", "month \(month) is outside 1...12")
        }
        guard (1...4).contains(ordinal) || ordinal == -1 else {
            throw ServiceDomainError(.outOfRange, at: "ordinal", "ordinal must be 1...4 or -1, not \(ordinal)")
        }
        return try years.map { year throws(ServiceDomainError) in
            let date: LocalDate
            if ordinal > 0 {
                let first = try LocalDate(year: year, month: month, day: 1)
                let offset = (weekday.isoNumber - first.weekday.isoNumber + 7) % 7
                date = try first.adding(days: offset + 7 * (ordinal - 1))
            } else {
                let last = try LocalDate(year: year, month: month, day: Civil.daysInMonth(year: year, month: month))
                let offset = (last.weekday.isoNumber - weekday.isoNumber + 7) % 7
                date = try last.adding(days: -offset)
            }
            return Holiday(date, name: name)
        }
    }
}

/// A holiday a fixed number of days from Western (Gregorian) Easter Sunday: Good Friday is −2, Easter Monday +1,
/// Whit Monday +50.
public struct EasterHoliday: HolidaySource, Hashable, Codable {
    /// The holiday's name.
    public var name: String
    /// Days from Easter Sunday; negative before it.
    public var daysFromEaster: Int

    /// Creates the rule.
    ///
    /// - Parameters:
    ///   - name: The holiday's name.
    ///   - daysFromEaster: Days from Easter Sunday; negative before it.
    public init(name: String, daysFromEaster: Int) {
        self.name = name
        self.daysFromEaster = daysFromEaster
    }

    /// The holiday in each of the years.
    ///
    /// - Parameter years: The years, 1583 or later (the Gregorian computus).
    /// - Returns: One holiday per year.
    /// - Throws: ``ServiceDomainError/Code/outOfRange`` for years before 1583 or after 9999.
    public func holidays(in years: ClosedRange<Int>) throws(ServiceDomainError) -> [Holiday] {
        guard years.lowerBound >= 1583, years.upperBound <= 9999 else {
            throw ServiceDomainError(.outOfRange, at: "years", "Gregorian Easter is defined for 1583...9999")
        }
        return try years.map { year throws(ServiceDomainError) in
            Holiday(try EasterHoliday.easterSunday(year).adding(days: daysFromEaster), name: name)
        }
    }

    /// Western Easter Sunday of a Gregorian year, by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    ///
    /// - Parameter year: The year, 1583 or later.
    /// - Returns: Easter Sunday.
    /// - Throws: ``ServiceDomainError/Code/outOfRange`` for a year outside 1...9999.
    public static func easterSunday(_ year: Int) throws(ServiceDomainError) -> LocalDate {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return try LocalDate(year: year, month: month, day: day)
    }
}

extension Array: HolidaySource where Element == any HolidaySource {
    /// The holidays of every source in the list, for the given years.
    ///
    /// - Parameter years: The years.
    /// - Returns: All the sources' holidays, in source order.
    /// - Throws: The first error a source throws.
    public func holidays(in years: ClosedRange<Int>) throws(ServiceDomainError) -> [Holiday] {
        var result: [Holiday] = []
        for source in self { result += try source.holidays(in: years) }
        return result
    }
}

extension BusinessCalendar {
    /// Returns a copy with the holidays a source lists for some years.
    ///
    /// - Parameters:
    ///   - source: The holiday source.
    ///   - years: The years to take holidays for.
    /// - Returns: The new calendar.
    /// - Throws: The source's error.
    public func addingHolidays(from source: some HolidaySource, years: ClosedRange<Int>) throws(ServiceDomainError)
        -> BusinessCalendar
    {
        addingHolidays(try source.holidays(in: years))
    }
}
