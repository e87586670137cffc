/// The public holidays of a region, by its standing rules, with the region's substitute days.
///
/// - ``Region/englandAndWales``: the bank holidays of the Banking and Financial Dealings Act 1971 as proclaimed each
///   year: New Year's Day, Good Friday, Easter Monday, the early May bank holiday (first Monday in May), the spring bank
///   holiday (last Monday in May), the summer bank holiday (last Monday in August), Christmas Day and Boxing Day. A
///   holiday on a weekend gives a substitute day on the next weekday that is not already a holiday (Christmas on a
///   Saturday: Monday 27th, and Boxing Day on the Sunday: Tuesday 28th).
/// - ``Region/unitedStatesFederal``: the federal holidays of 5 U.S.C. 6103: New Year's Day, Martin Luther King Jr.
///   Day, Washington's Birthday, Memorial Day, Juneteenth (from 2021), Independence Day, Labor Day, Columbus Day,
///   Veterans Day, Thanksgiving Day and Christmas Day; one on a Saturday is observed the Friday before, on a Sunday
///   the Monday after (so New Year's Day on a Saturday is observed on 31 December of the year before).
///
/// One-off holidays (a coronation, a jubilee, a state funeral) and the years a bank holiday was moved by proclamation
/// (the early May holiday of 2020, the spring holiday of 2002, 2012 and 2022) are not rules: add them as ``Holiday``s
/// or ``DateException``s.
///
/// ```swift
/// let london = try BusinessCalendar(timeZone: "Europe/London", weeklyHours: .weekdays(9, 17))
///     .addingHolidays(from: RegionalHolidays.englandAndWales, years: 2026...2030)
/// ```
public struct RegionalHolidays: HolidaySource, Hashable, Codable {
    /// A region with built-in rules.
    public enum Region: String, Sendable, Hashable, Codable, CaseIterable {
        /// England and Wales bank holidays.
        case englandAndWales
        /// United States federal holidays.
        case unitedStatesFederal
    }

    /// The region.
    public var region: Region

    /// The rules of a region.
    ///
    /// - Parameter region: The region.
    public init(_ region: Region) { self.region = region }

    /// England and Wales bank holidays.
    public static let englandAndWales = RegionalHolidays(.englandAndWales)
    /// United States federal holidays.
    public static let unitedStatesFederal = RegionalHolidays(.unitedStatesFederal)

    /// The holidays of the years, in date order.
    ///
    /// - Parameter years: The years.
    /// - Returns: The holidays as observed; for the United States a New Year's Day observed on 31 December belongs to
    ///   the year of the holiday, so it falls in the year before.
    /// - Throws: ``ServiceDomainError/Code/outOfRange`` outside the years 1583–9998 (Gregorian Easter, substitutes
    ///   within the calendar).
    public func holidays(in years: ClosedRange<Int>) throws(ServiceDomainError) -> [Holiday] {
        guard years.lowerBound >= 1583, years.upperBound <= 9998 else {
            throw ServiceDomainError(.outOfRange, at: "years", "regional holidays are defined for 1583...9998")
        }
        switch region {
        case .englandAndWales: return try englandAndWales(years)
        case .unitedStatesFederal: return try unitedStatesFederal(years)
        }
    }

    private func englandAndWales(_ years: ClosedRange<Int>) throws(ServiceDomainError) -> [Holiday] {
        let moving: [any HolidaySource] = [
            EasterHoliday(name: "Good Friday", daysFromEaster: -2),
            EasterHoliday(name: "Easter Monday", daysFromEaster: 1),
            NthWeekdayHoliday(name: "Early May bank holiday", month: 5, weekday: .monday, ordinal: 1),
            NthWeekdayHoliday(name: "Spring bank holiday", month: 5, weekday: .monday, ordinal: -1),
            NthWeekdayHoliday(name: "Summer bank holiday", month: 8, weekday: .monday, ordinal: -1),
        ]
        var result = try moving.holidays(in: years)
        // Fixed dates: those on weekdays first, then each weekend one, in date order, on the next weekday that is not
        // already a holiday (so Christmas on a Sunday moves past Boxing Day on the Monday).
        var fixed: [(date: LocalDate, name: String)] = []
        for year in years {
            for (month, day, name) in [(1, 1, "New Year's Day"), (12, 25, "Christmas Day"), (12, 26, "Boxing Day")] {
                fixed.append((try LocalDate(year: year, month: month, day: day), name))
            }
        }
        func isWeekend(_ date: LocalDate) -> Bool { date.weekday == .saturday || date.weekday == .sunday }
        var taken = Set(result.map(\.date))
        for holiday in fixed where !isWeekend(holiday.date) {
            taken.insert(holiday.date)
            result.append(Holiday(holiday.date, name: holiday.name))
        }
        for holiday in fixed where isWeekend(holiday.date) {
            var date = holiday.date
            repeat {
                date = try date.adding(days: 1)
            } while isWeekend(date) || taken.contains(date)
            taken.insert(date)
            result.append(Holiday(date, name: holiday.name + " (substitute day)"))
        }
        return result.sorted { $0.date < $1.date }
    }

    private func unitedStatesFederal(_ years: ClosedRange<Int>) throws(ServiceDomainError) -> [Holiday] {
        var rules: [any HolidaySource] = [
            FixedDateHoliday(name: "New Year's Day", month: 1, day: 1, observance: .nearestWeekday),
            NthWeekdayHoliday(name: "Martin Luther King Jr. Day", month: 1, weekday: .monday, ordinal: 3),
            NthWeekdayHoliday(name: "Washington's Birthday", month: 2, weekday: .monday, ordinal: 3),
            NthWeekdayHoliday(name: "Memorial Day", month: 5, weekday: .monday, ordinal: -1),
            FixedDateHoliday(name: "Independence Day", month: 7, day: 4, observance: .nearestWeekday),
            NthWeekdayHoliday(name: "Labor Day", month: 9, weekday: .monday, ordinal: 1),
            NthWeekdayHoliday(name: "Columbus Day", month: 10, weekday: .monday, ordinal: 2),
            FixedDateHoliday(name: "Veterans Day", month: 11, day: 11, observance: .nearestWeekday),
            NthWeekdayHoliday(name: "Thanksgiving Day", month: 11, weekday: .thursday, ordinal: 4),
            FixedDateHoliday(name: "Christmas Day", month: 12, day: 25, observance: .nearestWeekday),
        ]
        var result = try rules.holidays(in: years)
        if years.upperBound >= 2021 {
            rules = [
                FixedDateHoliday(
                    name: "Juneteenth National Independence Day",
                    month: 6,
                    day: 19,
                    observance: .nearestWeekday
                )
            ]
            result += try rules.holidays(in: max(2021, years.lowerBound)...years.upperBound)
        }
        return result.sorted { $0.date < $1.date }
    }
}
