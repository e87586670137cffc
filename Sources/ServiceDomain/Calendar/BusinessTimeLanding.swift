/// Where adding business time lands when the time runs out exactly at a closing.
///
/// Eight business hours from Monday 09:00 on a Monday–Friday 09:00–17:00 calendar run out at Monday 17:00. That
/// instant and Tuesday 09:00 are both "eight business hours later": no open time passes between them. Tools differ:
/// Zendesk's `biz` library and the common Python business-time packages return the closing; a clock that has to
/// say when counting resumes returns the next opening. Both readings have users, so the choice is a parameter.
///
/// JSON form: `"atNextOpening"` or `"atClose"`.
public enum BusinessTimeLanding: String, Sendable, Hashable, Codable, CaseIterable {
    /// The next opening: the latest instant at which the time has elapsed, when the business clock moves again
    /// (``BusinessCalendar/date(byAdding:to:)``'s convention).
    case atNextOpening
    /// The closing: the earliest instant at or after the start at which the time has elapsed.
    case atClose
}
