/// Weekly hours that replace a calendar's from a date on: hours edited from a date, such as longer opening from the
/// summer or a team that stops working Saturdays.
///
/// Dates before the first change keep the calendar's ``BusinessCalendar/weeklyHours``; from each change's date (in
/// the calendar's time zone) its hours apply, until the next change. Holidays and exceptions apply over any of them.
///
/// JSON form: `{"from": "2026-06-01", "weeklyHours": {"monday": [{"start": "08:00", "end": "20:00"}]}}`.
public struct WeeklyHoursChange: Sendable, Hashable, Codable {
    /// The first local date of the new hours.
    public let from: LocalDate
    /// The hours from then on.
    public let weeklyHours: WeeklyHours

    /// Creates a change.
    ///
    /// - Parameters:
    ///   - from: The first local date of the new hours.
    ///   - weeklyHours: The hours from then on.
    public init(from: LocalDate, weeklyHours: WeeklyHours) {
        self.from = from
        self.weeklyHours = weeklyHours
    }

    private enum CodingKeys: String, CodingKey {
        case from, weeklyHours
    }

    /// Decodes a change, rejecting unknown fields.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for a missing, malformed or unknown field.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: ["from", "weeklyHours"])
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            from: try container.decode(LocalDate.self, forKey: .from),
            weeklyHours: try container.decode(WeeklyHours.self, forKey: .weeklyHours)
        )
    }
}
