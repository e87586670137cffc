package import Foundation

/// The hours of every local day, in seconds from the start of the day on which each interval starts.
struct DayPlan: Sendable {
    /// Weekly intervals by weekday index (Monday = 0), as (start, end) seconds; end > 86,400 when overnight.
    let weekly: [[OpeningInterval]]
    /// Later weekly hours, each from a day number on, in day order.
    let changes: [(fromDay: Int, weekly: [[OpeningInterval]])]
    let holidayDays: Set<Int>
    let exceptionDays: [Int: [OpeningInterval]]
    /// The first and last day numbers whose hours may differ from the weekly pattern, or `nil` when none do.
    let specialDays: ClosedRange<Int>?

    init(weeklyHours: WeeklyHours, holidays: [Holiday], exceptions: [DateException], changes: [WeeklyHoursChange] = [])
    {
        weekly = Weekday.allCases.map { weeklyHours[$0] }
        self.changes = changes.map { change in
            (change.from.dayNumber, Weekday.allCases.map { change.weeklyHours[$0] })
        }
        holidayDays = Set(holidays.map(\.date.dayNumber))
        exceptionDays = Dictionary(exceptions.map { ($0.date.dayNumber, $0.hours) }) { first, _ in first }
        // A change of weekly hours is special too: past the last one (and the last exception), the pattern repeats.
        let special = Array(holidayDays) + Array(exceptionDays.keys) + self.changes.map(\.fromDay)
        if let low = special.min(), let high = special.max() { specialDays = low...high } else { specialDays = nil }
        let allWeekly = [weekly] + self.changes.map(\.weekly)
        isNeverOpen = allWeekly.allSatisfy { $0.allSatisfy(\.isEmpty) } && exceptionDays.values.allSatisfy(\.isEmpty)
        hasWeeklyHoursBefore = !weekly.allSatisfy(\.isEmpty)
        hasWeeklyHoursAfter = !(self.changes.last?.weekly ?? weekly).allSatisfy(\.isEmpty)
    }

    func hours(onDay day: Int) -> [OpeningInterval] {
        if let exception = exceptionDays[day] { return exception }
        if holidayDays.contains(day) { return [] }
        var pattern = weekly
        if !changes.isEmpty {
            for change in changes.reversed() where change.fromDay <= day {
                pattern = change.weekly
                break
            }
        }
        return pattern[((day + 3) % 7 + 7) % 7]
    }

    /// Whether no day at all can ever be open.
    let isNeverOpen: Bool
    /// Whether some weekday has hours before the first change (so searching back past the special days finds them).
    let hasWeeklyHoursBefore: Bool
    /// Whether some weekday has hours after the last change (so the calendar opens again within a week of any date
    /// past the special days).
    let hasWeeklyHoursAfter: Bool
}

/// One open stretch inside a window, with the open time of the window before it.
struct OpenSpan: Sendable {
    let start: Double
    let end: Double
    /// Open seconds in the window before `start`.
    let before: Double
    /// Open seconds in the window up to `end`.
    var after: Double { before + (end - start) }
}

/// The merged open spans of one fixed window of instants, `[lower, upper)`, with prefix sums.
final class CalendarWindow: Sendable {
    let lower: Double
    let upper: Double
    let spans: ContiguousArray<OpenSpan>
    let total: Double
    /// The first span is the tail of one that began in the previous window (its start is not an opening).
    let continuesFromPrevious: Bool
    /// The last span runs on into the next window (its end is not a closing).
    let continuesIntoNext: Bool

    init(lower: Double, upper: Double, merged: [(start: Double, end: Double)]) {
        self.lower = lower
        self.upper = upper
        var spans = ContiguousArray<OpenSpan>()
        var total = 0.0
        var fromPrevious = false
        var intoNext = false
        for run in merged where run.end > lower && run.start < upper {
            let start = max(run.start, lower)
            let end = min(run.end, upper)
            if run.start < lower { fromPrevious = true }
            if run.end > upper { intoNext = true }
            spans.append(OpenSpan(start: start, end: end, before: total))
            total += end - start
        }
        self.spans = spans
        self.total = total
        self.continuesFromPrevious = fromPrevious
        self.continuesIntoNext = intoNext
    }

    /// The index of the last span starting at or before `t`, or -1.
    ///
    /// Searched from where `t` would fall if spans were spread evenly over the window's time: a walk of a few spans
    /// in the usual case, a binary search when the guess is far out (the answer is the same either way).
    @inline(__always)
    func lastSpan(startingAtOrBefore t: Double) -> Int {
        spans.withUnsafeBufferPointer { buffer in
            let guess = GuidedSearch.guess((t - lower) / (upper - lower), buffer.count)
            return GuidedSearch.firstIndex(in: buffer.count, from: guess) { buffer[$0].start > t } - 1
        }
    }

    /// The index of the last span in `spans[from...]` starting at or before `t`, or `from - 1`: a binary search.
    @inline(__always)
    static func lastSpan(in spans: UnsafeBufferPointer<OpenSpan>, startingAtOrBefore t: Double, from: Int) -> Int {
        GuidedSearch.binarySearch(from, spans.count) { spans[$0].start > t } - 1
    }

    /// Open seconds in `[lower, t)`, for `t` in the window.
    @inline(__always)
    func cumulative(_ t: Double) -> Double { cumulative(t, inSpan: lastSpan(startingAtOrBefore: t)) }

    /// The cumulative open time at `t`, given the last span starting at or before it (from
    /// ``lastSpan(startingAtOrBefore:)``).
    @inline(__always)
    func cumulative(_ t: Double, inSpan i: Int) -> Double {
        guard i >= 0 else { return 0 }
        let span = spans[i]
        return span.before + (min(t, span.end) - span.start)
    }

    func isOpen(_ t: Double) -> Bool {
        let i = lastSpan(startingAtOrBefore: t)
        return i >= 0 && t < spans[i].end
    }

    /// The latest instant in the window at which the cumulative open time equals `target`.
    ///
    /// `nil` if the window holds less than that. When `target` is reached at a closing, this is the next opening.
    func latestInstant(reaching target: Double) -> Double? {
        spans.withUnsafeBufferPointer { buffer -> Double? in
            // The first span whose cumulative end exceeds the target, searched from where open time spread evenly
            // over the spans would put it.
            let guess = GuidedSearch.guess(target / total, buffer.count)
            let low = GuidedSearch.firstIndex(in: buffer.count, from: guess) { buffer[$0].after > target }
            guard low < buffer.count else { return nil }
            return buffer[low].start + max(0, target - buffer[low].before)
        }
    }

    /// The earliest instant in the window at which the cumulative open time equals `target`.
    ///
    /// `nil` if it lies in an earlier window. When `target` is reached at an opening, this is the previous closing.
    func earliestInstant(reaching target: Double) -> Double? {
        spans.withUnsafeBufferPointer { buffer -> Double? in
            // The last span whose cumulative start is below the target.
            let low = GuidedSearch.binarySearch(0, buffer.count) { buffer[$0].before >= target }
            guard low > 0 else { return nil }
            let span = buffer[low - 1]
            return min(span.end, span.start + (target - span.before))
        }
    }
}

/// A calendar's data and a lazily built, thread-safe cache of its windows, shared by all copies of a
/// ``BusinessCalendar``.
package final class CalendarIndex: @unchecked Sendable {
    /// The length of a window in seconds: 2^24 s, about 194 days.
    static let windowLength: Double = 16_777_216
    /// The first and last window numbers of the supported instants (1800–2400): at most about 1,130 windows exist,
    /// so the cache is a flat array of slots, looked up without hashing and bounded by construction.
    static let firstWindow = windowNumber(BusinessCalendar.lowestSeconds)
    static let lastWindow = windowNumber(BusinessCalendar.endSeconds)

    let identifier: String
    let timeZone: TimeZone
    let weeklyHours: WeeklyHours
    let holidays: [Holiday]
    let exceptions: [DateException]
    let hoursChanges: [WeeklyHoursChange]
    let plan: DayPlan
    private let lock = PlatformLock()
    /// The window cache: one slot per window number in the supported range, read and written under `lock`.
    ///
    /// A raw allocation rather than an array property, so reads pay neither exclusivity nor copy-on-write checks.
    private let windows: UnsafeMutablePointer<CalendarWindow?>
    /// The number of cache slots, as an instance constant.
    ///
    /// Static constants are read through a lazy-initialisation check; these are read on every lookup.
    private let windowCount = CalendarIndex.lastWindow - CalendarIndex.firstWindow + 1
    private let firstCachedWindow = CalendarIndex.firstWindow

    init(
        identifier: String,
        timeZone: TimeZone,
        weeklyHours: WeeklyHours,
        holidays: [Holiday],
        exceptions: [DateException],
        hoursChanges: [WeeklyHoursChange] = []
    ) {
        self.identifier = identifier
        self.timeZone = timeZone
        self.weeklyHours = weeklyHours
        self.holidays = holidays
        self.exceptions = exceptions
        self.hoursChanges = hoursChanges
        self.plan = DayPlan(weeklyHours: weeklyHours, holidays: holidays, exceptions: exceptions, changes: hoursChanges)
        self.windows = .allocate(capacity: windowCount)
        self.windows.initialize(repeating: nil, count: windowCount)
    }

    deinit {
        windows.deinitialize(count: windowCount)
        windows.deallocate()
        lock.deallocate()
    }

    @inline(__always)
    static func windowNumber(_ t: Double) -> Int { Int((t / windowLength).rounded(.down)) }

    /// The window with a number; callers keep instants within the supported range (numbers outside it are built
    /// each time, never cached).
    func window(_ number: Int) -> CalendarWindow {
        let slot = number - firstCachedWindow
        guard slot >= 0, slot < windowCount else { return build(number) }
        if let cached = lock.withLock({ windows[slot] }) { return cached }
        // Built outside the lock; two threads racing build identical windows and one is kept.
        let built = build(number)
        return lock.withLock {
            if let raced = windows[slot] { return raced }
            windows[slot] = built
            return built
        }
    }

    @inline(__always)
    func window(containing t: Double) -> CalendarWindow { window(Self.windowNumber(t)) }

    private func build(_ number: Int) -> CalendarWindow {
        let lower = Double(number) * Self.windowLength
        let upper = lower + Self.windowLength
        // An interval starting on local day D lies within [D - 15 h, D + 2 d + 13 h] in UTC: scan a margin of days.
        let firstDay = Int((lower / 86_400).rounded(.down)) - 3
        let lastDay = Int((upper / 86_400).rounded(.down)) + 2
        var raw: [(start: Double, end: Double)] = []
        raw.reserveCapacity((lastDay - firstDay + 1) * 2)
        for day in firstDay...lastDay {
            let midnight = Double(day) * 86_400
            for interval in plan.hours(onDay: day) {
                let start = instant(localSeconds: midnight + Double(interval.startSecond))
                let end = instant(localSeconds: midnight + Double(interval.endSecond))
                if end > start { raw.append((start, end)) }
            }
        }
        raw.sort { $0.start < $1.start }
        var merged: [(start: Double, end: Double)] = []
        merged.reserveCapacity(raw.count)
        for run in raw {
            if let last = merged.last, run.start <= last.end {
                merged[merged.count - 1].end = max(last.end, run.end)
            } else {
                merged.append(run)
            }
        }
        return CalendarWindow(lower: lower, upper: upper, merged: merged)
    }

    /// The instant of a wall time, given as seconds since 1970-01-01T00:00 on the local clock.
    ///
    /// A wall time skipped by a transition moves forward by the gap (it is read with the offset in force before
    /// the transition); a repeated wall time means its first occurrence.
    func instant(localSeconds local: Double) -> Double { Self.instant(localSeconds: local, in: timeZone) }

    /// The instant of a wall time in a time zone, by the conventions of ``instant(localSeconds:)``.
    package static func instant(localSeconds local: Double, in timeZone: TimeZone) -> Double {
        func offset(at t: Double) -> Double { Self.offset(at: t, in: timeZone) }
        let earlierOffset = offset(at: local - 129_600)
        let laterOffset = offset(at: local + 129_600)
        if earlierOffset == laterOffset { return local - earlierOffset }
        let first = local - earlierOffset
        let second = local - laterOffset
        let firstValid = offset(at: first) == earlierOffset
        let secondValid = offset(at: second) == laterOffset
        switch (firstValid, secondValid) {
        case (true, true): return min(first, second)
        case (true, false): return first
        case (false, true): return second
        case (false, false): return first
        }
    }

    /// The zone's offset from UTC in seconds at an instant (seconds since 1970).
    func offset(at t: Double) -> Double { Self.offset(at: t, in: timeZone) }

    /// A zone's offset from UTC in seconds at an instant (seconds since 1970).
    package static func offset(at t: Double, in timeZone: TimeZone) -> Double {
        Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: t)))
    }
}
