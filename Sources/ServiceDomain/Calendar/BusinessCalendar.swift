public import Foundation

/// Business hours in a time zone: weekly opening hours, holidays and date-specific exceptions, with the operations
/// every service-level target needs.
///
/// A calendar answers, for instants anywhere from 1800 to 2400:
/// - ``businessDuration(from:to:)`` — the open time between two instants;
/// - ``date(byAdding:to:)`` — the instant reached after a given amount of open time (backwards when negative);
/// - ``isOpen(at:)``, ``nextOpening(after:)`` and ``nextClosing(after:)``;
/// - ``openIntervals(in:)`` — the open stretches of a period, as instants.
///
/// ```swift
/// let london = try BusinessCalendar(
///     timeZone: "Europe/London",
///     weeklyHours: .weekdays([OpeningInterval("09:00", "12:30"), OpeningInterval("13:30", "17:30")]),
///     holidays: [Holiday(LocalDate("2026-12-25"), name: "Christmas Day")]
/// )
/// let open = try london.businessDuration(from: created, to: firstReply)   // seconds of open time
/// let due = try london.date(byAdding: 8 * 3600, to: created)              // eight business hours later
/// ```
///
/// ## Which hours apply on a date
/// The hours of a local date are its ``DateException`` if it has one; otherwise none if it is a ``Holiday``;
/// otherwise the ``WeeklyHours`` of its weekday. An overnight interval belongs to the date on which it starts, so a
/// holiday on Tuesday does not cut short Monday's 22:00–06:00 shift. Where intervals of neighbouring dates meet or
/// overlap (an exception that opens early after an overnight shift), the calendar is open throughout their union.
///
/// ## Daylight saving
/// Wall times are turned into instants with the zone's rules (IANA, through Foundation's `TimeZone`):
/// - a wall time skipped by a spring-forward transition moves forward by the gap (02:30 on a day that jumps from
///   02:00 to 03:00 becomes 03:30), so a 09:00–17:00 day has 8 open hours unless the gap falls inside it (then 7);
/// - a wall time that occurs twice on a fall-back day means its first occurrence, so an interval containing the
///   repeated hour is one hour longer (9 open hours for a 00:00–08:00 interval on such a day).
///
/// ## Adding business time
/// ``date(byAdding:to:)`` returns the *latest* instant at which exactly the requested open time has elapsed: when
/// the time runs out at a closing, the result is the next opening, the moment the business clock would move again.
/// So adding `businessDuration(from: a, to: b)` to `a` lands on `b`, or on the next opening when `b` is closed.
/// Subtracting mirrors this and lands on the previous closing. ``date(byAdding:to:landing:)`` with
/// ``BusinessTimeLanding/atClose`` returns the closing instead, as Zendesk's `biz` library and the common Python
/// business-time tools do; the two readings differ only when the result is a closing.
///
/// ## Performance
/// The calendar keeps an index of its open intervals with prefix sums, built lazily per window of about 194 days
/// and shared by all copies and threads. A duration or an addition within a window costs two binary searches,
/// O(log n) in the number of intervals in the window; longer spans add one step per window crossed.
///
/// JSON form (see `Documentation/DataFormats.md`):
/// ```json
/// {"timeZone": "Europe/London",
///  "weeklyHours": {"monday": [{"start": "09:00", "end": "17:30"}]},
///  "holidays": [{"date": "2026-12-25", "name": "Christmas Day"}],
///  "exceptions": [{"date": "2026-12-24", "hours": [{"start": "09:00", "end": "13:00"}]}]}
/// ```
public struct BusinessCalendar: Sendable, Hashable, Codable {
    /// The IANA identifier of the calendar's time zone, such as `Europe/London`.
    public var timeZoneIdentifier: String { index.identifier }
    /// The regular hours of each weekday (before the first of ``hoursChanges``).
    public var weeklyHours: WeeklyHours { index.weeklyHours }
    /// Weekly hours edited from a date on, in date order.
    public var hoursChanges: [WeeklyHoursChange] { index.hoursChanges }
    /// The closed dates, sorted by date.
    public var holidays: [Holiday] { index.holidays }
    /// The dates with their own hours, sorted by date.
    public var exceptions: [DateException] { index.exceptions }
    /// The calendar's time zone.
    public var timeZone: TimeZone { index.timeZone }

    /// The calendar's data and its lazily built index, shared by every copy: copying a calendar costs one reference.
    let index: CalendarIndex

    /// Creates a calendar, checking its time zone and dates.
    ///
    /// - Parameters:
    ///   - timeZone: An IANA time zone identifier, such as `America/New_York` or `UTC`.
    ///   - weeklyHours: The regular hours of each weekday.
    ///   - holidays: Dates on which the calendar is closed (unless an exception opens them).
    ///   - exceptions: Dates with their own hours; at most one per date.
    ///   - hoursChanges: Weekly hours that replace `weeklyHours` from their dates on; at most one per date.
    /// - Throws: ``ServiceDomainError/Code/unknownTimeZone`` (path `timeZone`) when no IANA zone has that identifier,
    ///   ``ServiceDomainError/Code/duplicateIdentifier`` (path `exceptions[i]` or `hoursChanges[i]`) when two
    ///   exceptions or two changes share a date.
    public init(
        timeZone: String,
        weeklyHours: WeeklyHours,
        holidays: [Holiday] = [],
        exceptions: [DateException] = [],
        hoursChanges: [WeeklyHoursChange] = []
    ) throws(ServiceDomainError) {
        guard !timeZone.isEmpty, let zone = TimeZone(identifier: timeZone) else {
            throw ServiceDomainError(.unknownTimeZone, at: "timeZone", "no IANA time zone is named \"\(timeZone)\"")
        }
        var seen: Set<LocalDate> = []
        for (position, exception) in exceptions.enumerated() where !seen.insert(exception.date).inserted {
            throw ServiceDomainError(
                .duplicateIdentifier,
                at: "exceptions[\(position)]",
                "\(exception.date) already has an exception"
            )
        }
        var changed: Set<LocalDate> = []
        for (position, change) in hoursChanges.enumerated() where !changed.insert(change.from).inserted {
            throw ServiceDomainError(
                .duplicateIdentifier,
                at: "hoursChanges[\(position)]",
                "\(change.from) already has a change of weekly hours"
            )
        }
        self.init(
            validZone: zone,
            identifier: timeZone,
            weeklyHours: weeklyHours,
            holidays: holidays,
            exceptions: exceptions,
            hoursChanges: hoursChanges
        )
    }

    private init(
        validZone: TimeZone,
        identifier: String,
        weeklyHours: WeeklyHours,
        holidays: [Holiday],
        exceptions: [DateException],
        hoursChanges: [WeeklyHoursChange] = []
    ) {
        self.index = CalendarIndex(
            identifier: identifier,
            timeZone: validZone,
            weeklyHours: weeklyHours,
            holidays: holidays.sorted { $0.date < $1.date },
            exceptions: exceptions.sorted { $0.date < $1.date },
            hoursChanges: hoursChanges.sorted { $0.from < $1.from }
        )
    }

    /// A calendar that is open around the clock in UTC: business time equals elapsed time.
    public static let alwaysOpen = BusinessCalendar(
        validZone: TimeZone(secondsFromGMT: 0) ?? TimeZone.current,
        identifier: "UTC",
        weeklyHours: .alwaysOpen,
        holidays: [],
        exceptions: []
    )

    /// The opening hours that apply on a local date: its exception, or none on a holiday, or its weekday's hours.
    ///
    /// - Parameter date: A date in the calendar's time zone.
    /// - Returns: The intervals that start on that date, sorted by start.
    public func hours(on date: LocalDate) -> [OpeningInterval] {
        index.plan.hours(onDay: date.dayNumber)
    }

    /// Returns a copy with more holidays, such as those a ``HolidaySource`` lists for some years.
    ///
    /// - Parameter extra: The holidays to add.
    /// - Returns: The new calendar.
    public func addingHolidays(_ extra: [Holiday]) -> BusinessCalendar {
        BusinessCalendar(
            validZone: timeZone,
            identifier: timeZoneIdentifier,
            weeklyHours: weeklyHours,
            holidays: holidays + extra,
            exceptions: exceptions,
            hoursChanges: hoursChanges
        )
    }

    /// Two calendars are equal when their time zone identifiers, weekly hours, holidays and exceptions are.
    ///
    /// - Parameters:
    ///   - lhs: A calendar.
    ///   - rhs: Another calendar.
    /// - Returns: Whether they describe the same hours.
    public static func == (lhs: BusinessCalendar, rhs: BusinessCalendar) -> Bool {
        lhs.timeZoneIdentifier == rhs.timeZoneIdentifier && lhs.weeklyHours == rhs.weeklyHours
            && lhs.holidays == rhs.holidays && lhs.exceptions == rhs.exceptions && lhs.hoursChanges == rhs.hoursChanges
    }

    /// Hashes the fields that ``==(_:_:)`` compares.
    ///
    /// - Parameter hasher: The hasher.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(timeZoneIdentifier)
        hasher.combine(weeklyHours)
        hasher.combine(holidays)
        hasher.combine(exceptions)
        hasher.combine(hoursChanges)
    }

    private enum CodingKeys: String, CodingKey {
        case timeZone
        case weeklyHours
        case holidays
        case exceptions
        case hoursChanges
    }

    /// Decodes the value from its documented JSON form, checking it as the validating initialiser does.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed or invalid data, with the coding path of the offending field.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: ["timeZone", "weeklyHours", "holidays", "exceptions", "hoursChanges"])
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let zone = try container.decode(String.self, forKey: .timeZone)
        let weekly = try container.decode(WeeklyHours.self, forKey: .weeklyHours)
        let holidays = try container.decodeIfPresent([Holiday].self, forKey: .holidays) ?? []
        let exceptions = try container.decodeIfPresent([DateException].self, forKey: .exceptions) ?? []
        let changes = try container.decodeIfPresent([WeeklyHoursChange].self, forKey: .hoursChanges) ?? []
        do {
            try self.init(
                timeZone: zone,
                weeklyHours: weekly,
                holidays: holidays,
                exceptions: exceptions,
                hoursChanges: changes
            )
        } catch {
            let key: CodingKeys =
                error.code == .unknownTimeZone
                ? .timeZone : (error.path?.hasPrefix("hoursChanges") == true ? .hoursChanges : .exceptions)
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: error.description)
        }
    }

    /// Encodes the value in its documented JSON form.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(timeZoneIdentifier, forKey: .timeZone)
        try container.encode(weeklyHours, forKey: .weeklyHours)
        if !holidays.isEmpty { try container.encode(holidays, forKey: .holidays) }
        if !exceptions.isEmpty { try container.encode(exceptions, forKey: .exceptions) }
        if !hoursChanges.isEmpty { try container.encode(hoursChanges, forKey: .hoursChanges) }
    }
}
