public import Foundation

extension BusinessCalendar {
    /// The earliest instant the calendar works with: 1800-01-01T00:00:00Z.
    public static var earliestSupportedInstant: Date { Date(timeIntervalSince1970: lowestSeconds) }
    /// The instant after the last one the calendar works with: 2400-01-01T00:00:00Z.
    public static var supportedInstantsEnd: Date { Date(timeIntervalSince1970: endSeconds) }
    /// 1800-01-01T00:00:00Z in seconds since 1970 (day −62 091), a literal so that hot paths need no lazy global.
    static let lowestSeconds: Double = -5_364_662_400
    /// 2400-01-01T00:00:00Z in seconds since 1970 (day 157 054).
    static let endSeconds: Double = 13_569_465_600

    /// Whether the calendar is open at an instant.
    ///
    /// Intervals include their start and exclude their end.
    ///
    /// - Parameter date: The instant.
    /// - Returns: Whether the instant falls inside an opening interval.
    /// - Throws: ``ServiceDomainError/Code/nonFinite`` or ``ServiceDomainError/Code/outOfRange`` for an instant that
    ///   is not finite or lies outside 1800–2400.
    /// - Complexity: O(log n) in the number of intervals in about 194 days.
    public func isOpen(at date: Date) throws(ServiceDomainError) -> Bool {
        let t = try Self.seconds(date, path: "date")
        return index.window(containing: t).isOpen(t)
    }

    /// The open time between two instants, in seconds: positive when `end` is later, negative when it is earlier,
    /// zero when the calendar is closed throughout.
    ///
    /// The result is additive: `d(a, b) + d(b, c) == d(a, c)` for any three instants, in any order.
    ///
    /// - Parameters:
    ///   - start: The first instant.
    ///   - end: The second instant.
    /// - Returns: The open seconds from `start` to `end`, signed.
    /// - Throws: ``ServiceDomainError/Code/nonFinite`` or ``ServiceDomainError/Code/outOfRange`` (paths `start`,
    ///   `end`) for instants that are not finite or lie outside 1800–2400.
    /// - Complexity: O(log n) when both instants lie in one window of about 194 days, plus O(1) per window between.
    public func businessDuration(from start: Date, to end: Date) throws(ServiceDomainError) -> TimeInterval {
        let a = try Self.seconds(start, path: "start")
        let b = try Self.seconds(end, path: "end")
        if a <= b { return forwardDuration(a, b) }
        return -forwardDuration(b, a)
    }

    /// The instant reached after `duration` seconds of open time from `date`; backwards when `duration` is negative.
    ///
    /// Forwards, the result is the latest instant at which exactly `duration` open seconds have elapsed: if the time
    /// runs out at a closing, the result is the next opening (adding zero to a closed instant gives the next opening).
    /// Backwards, the result is the earliest such instant: the previous closing when the time runs out at an opening.
    ///
    /// - Parameters:
    ///   - duration: The open time to add, in seconds; negative to go back.
    ///   - date: The starting instant.
    /// - Returns: The instant reached.
    /// - Throws: ``ServiceDomainError/Code/nonFinite`` (path `duration` or `date`) for NaN or infinite inputs,
    ///   ``ServiceDomainError/Code/outOfRange`` when the start or the result lies outside 1800–2400, and
    ///   ``ServiceDomainError/Code/neverOpens`` when the calendar has no open time left in that direction.
    /// - Complexity: O(log n) within one window of about 194 days, plus O(1) per window crossed.
    public func date(byAdding duration: TimeInterval, to date: Date) throws(ServiceDomainError) -> Date {
        try move(date, by: duration, forwards: !(duration < 0), landing: .atNextOpening)
    }

    /// The instant reached after `duration` seconds of open time from `date`, landing where the caller's convention
    /// says when the time runs out exactly at a closing.
    ///
    /// With ``BusinessTimeLanding/atNextOpening`` this is ``date(byAdding:to:)``. With
    /// ``BusinessTimeLanding/atClose`` the result is the *earliest* instant at or after `date` at which exactly
    /// `duration` open seconds have elapsed: the closing itself when the time runs out there, and `date` itself for
    /// zero. The two differ only when the result is a closing. Backwards (a negative duration) both give the
    /// earliest instant, as ``date(byAdding:to:)`` does.
    ///
    /// ```swift
    /// // Mon–Fri 09:00–17:00: eight hours from Monday 09:00.
    /// try calendar.date(byAdding: 8 * 3600, to: monday9, landing: .atNextOpening)   // Tuesday 09:00
    /// try calendar.date(byAdding: 8 * 3600, to: monday9, landing: .atClose)         // Monday 17:00
    /// ```
    ///
    /// - Parameters:
    ///   - duration: The open time to add, in seconds; negative to go back.
    ///   - date: The starting instant.
    ///   - landing: Where a result that falls on a closing lands.
    /// - Returns: The instant reached.
    /// - Throws: The errors of ``date(byAdding:to:)``.
    public func date(
        byAdding duration: TimeInterval,
        to date: Date,
        landing: BusinessTimeLanding
    ) throws(ServiceDomainError) -> Date {
        try move(date, by: duration, forwards: !(duration < 0), landing: landing)
    }

    /// The instant reached by going back `duration` seconds of open time from `date`; forwards when `duration` is
    /// negative.
    ///
    /// The result is the earliest instant from which exactly `duration` open seconds run to `date`: if the time runs
    /// out at an opening, the result is the previous closing (subtracting zero from a closed instant gives the
    /// previous closing).
    ///
    /// - Parameters:
    ///   - duration: The open time to subtract, in seconds.
    ///   - date: The starting instant.
    /// - Returns: The instant reached.
    /// - Throws: The errors of ``date(byAdding:to:)``.
    public func date(bySubtracting duration: TimeInterval, from date: Date) throws(ServiceDomainError) -> Date {
        try move(date, by: -duration, forwards: duration < 0, landing: .atNextOpening)
    }

    private func move(
        _ date: Date,
        by duration: TimeInterval,
        forwards: Bool,
        landing: BusinessTimeLanding
    ) throws(ServiceDomainError) -> Date {
        guard duration.isFinite else {
            throw ServiceDomainError(.nonFinite, at: "duration", "a business duration must be finite, not \(duration)")
        }
        let t = try Self.seconds(date, path: "date")
        if index.plan.isNeverOpen {
            throw ServiceDomainError(.neverOpens, "the calendar has no opening hours on any date")
        }
        let result =
            forwards
            ? try forward(from: t, by: duration, atClose: landing == .atClose) : try backward(from: t, by: -duration)
        return Date(timeIntervalSince1970: result)
    }

    /// The first opening strictly after an instant: the start of the next open stretch.
    ///
    /// - Parameter date: The instant.
    /// - Returns: The next opening, or `nil` when the calendar never opens again.
    /// - Throws: ``ServiceDomainError/Code/nonFinite`` or ``ServiceDomainError/Code/outOfRange`` for an instant that
    ///   is not finite or lies outside 1800–2400.
    public func nextOpening(after date: Date) throws(ServiceDomainError) -> Date? {
        let t = try Self.seconds(date, path: "date")
        var number = CalendarIndex.windowNumber(t)
        let stop = searchLimit(after: t)
        while Double(number) * CalendarIndex.windowLength < stop {
            let window = index.window(number)
            var i = window.lastSpan(startingAtOrBefore: t) + 1
            if i == 0 && window.continuesFromPrevious { i = 1 }
            if i < window.spans.count { return Date(timeIntervalSince1970: window.spans[i].start) }
            number += 1
        }
        return nil
    }

    /// The first closing strictly after an instant: the end of the current or next open stretch.
    ///
    /// - Parameter date: The instant.
    /// - Returns: The next closing, or `nil` when the calendar never closes again (open around the clock).
    /// - Throws: ``ServiceDomainError/Code/nonFinite`` or ``ServiceDomainError/Code/outOfRange`` for an instant that
    ///   is not finite or lies outside 1800–2400.
    public func nextClosing(after date: Date) throws(ServiceDomainError) -> Date? {
        let t = try Self.seconds(date, path: "date")
        var number = CalendarIndex.windowNumber(t)
        let stop = searchLimit(after: t)
        while Double(number) * CalendarIndex.windowLength < stop {
            let window = index.window(number)
            var i = max(0, window.lastSpan(startingAtOrBefore: t))
            while i < window.spans.count, window.spans[i].end <= t { i += 1 }
            let isRealClosing = i < window.spans.count - 1 || !window.continuesIntoNext
            if i < window.spans.count, isRealClosing { return Date(timeIntervalSince1970: window.spans[i].end) }
            number += 1
        }
        return nil
    }

    /// The open stretches of a period, as instants, merged across midnight and across the index's windows.
    ///
    /// - Parameter period: The period.
    /// - Returns: The open intervals clipped to the period, in order.
    /// - Throws: ``ServiceDomainError/Code/nonFinite`` or ``ServiceDomainError/Code/outOfRange`` for a period that
    ///   is not finite or lies outside 1800–2400.
    public func openIntervals(in period: DateInterval) throws(ServiceDomainError) -> [DateInterval] {
        let lower = try Self.seconds(period.start, path: "start")
        let upper = try Self.seconds(period.end, path: "end")
        var result: [(start: Double, end: Double)] = []
        var number = CalendarIndex.windowNumber(lower)
        while Double(number) * CalendarIndex.windowLength < upper {
            for span in index.window(number).spans where span.end > lower && span.start < upper {
                let start = max(span.start, lower)
                let end = min(span.end, upper)
                if let last = result.last, last.end == start {
                    result[result.count - 1].end = end
                } else {
                    result.append((start, end))
                }
            }
            number += 1
        }
        return result.map {
            DateInterval(start: Date(timeIntervalSince1970: $0.start), end: Date(timeIntervalSince1970: $0.end))
        }
    }

    /// The instant of a wall-clock time on a local date in the calendar's time zone, with the calendar's
    /// daylight-saving convention: a skipped time moves forward by the gap, a repeated time means its first
    /// occurrence.
    ///
    /// - Parameters:
    ///   - date: The local date.
    ///   - time: The wall-clock time; `24:00` means midnight at the end of the date.
    /// - Returns: The instant.
    public func instant(on date: LocalDate, at time: LocalTime) -> Date {
        let local = Double(date.dayNumber) * 86_400 + Double(time.secondsSinceMidnight)
        return Date(timeIntervalSince1970: index.instant(localSeconds: local))
    }

    /// The local date in the calendar's time zone on which an instant falls.
    ///
    /// - Parameter date: The instant.
    /// - Returns: The local date.
    /// - Throws: ``ServiceDomainError/Code/nonFinite`` or ``ServiceDomainError/Code/outOfRange`` for an instant that
    ///   is not finite or lies outside 1800–2400.
    public func localDate(of date: Date) throws(ServiceDomainError) -> LocalDate {
        let t = try Self.seconds(date, path: "date")
        let local = t + index.offset(at: t)
        return try LocalDate(dayNumber: Int((local / 86_400).rounded(.down)))
    }

    // MARK: - Implementation

    /// Seconds since 1970 of a finite, supported instant.
    package static func seconds(_ date: Date, path: String) throws(ServiceDomainError) -> Double {
        let t = date.timeIntervalSince1970
        try checkSeconds(t, path: path)
        return t
    }

    /// Checks that seconds since 1970 are a finite, supported instant.
    package static func checkSeconds(_ t: Double, path: String) throws(ServiceDomainError) {
        if let error = secondsError(t, path: path) { throw error }
    }

    /// Why seconds since 1970 are not a finite, supported instant, or `nil` when they are.
    package static func secondsError(_ t: Double, path: String) -> ServiceDomainError? {
        guard t.isFinite else { return ServiceDomainError(.nonFinite, at: path, "the instant is not a finite date") }
        guard t >= lowestSeconds, t < endSeconds else {
            return ServiceDomainError(
                .outOfRange,
                at: path,
                "\(InstantCoding.string(from: Date(timeIntervalSince1970: t))) lies outside the supported years 1800–2400"
            )
        }
        return nil
    }

    private func forwardDuration(_ a: Double, _ b: Double) -> Double {
        let first = CalendarIndex.windowNumber(a)
        let last = CalendarIndex.windowNumber(b)
        let start = index.window(first)
        if first == last { return start.cumulative(b) - start.cumulative(a) }
        var sum = start.total - start.cumulative(a)
        if first + 1 < last {
            for number in (first + 1)..<last { sum += index.window(number).total }
        }
        return sum + index.window(last).cumulative(b)
    }

    private func forward(from t: Double, by duration: Double, atClose: Bool = false) throws(ServiceDomainError)
        -> Double
    {
        var number = CalendarIndex.windowNumber(t)
        var window = index.window(number)
        var target = window.cumulative(t) + duration
        let stop = searchLimit(after: t)
        // At a closing: the earliest instant reaching the target, which for a positive duration lies after `t`
        // (the cumulative open time at `t` is below the target); adding zero stays at `t`.
        if atClose, duration == 0 { return t }
        while true {
            if atClose {
                if target <= window.total, let instant = window.earliestInstant(reaching: target) { return instant }
            } else if let instant = window.latestInstant(reaching: target) {
                return instant
            }
            target -= window.total
            number += 1
            let lower = Double(number) * CalendarIndex.windowLength
            guard lower < Self.endSeconds else {
                throw ServiceDomainError(.outOfRange, "the result lies after the supported years 1800–2400")
            }
            if !index.plan.hasWeeklyHoursAfter, lower >= stop {
                throw ServiceDomainError(.neverOpens, "the calendar has no opening hours after the last exception")
            }
            window = index.window(number)
        }
    }

    private func backward(from t: Double, by duration: Double) throws(ServiceDomainError) -> Double {
        var number = CalendarIndex.windowNumber(t)
        var window = index.window(number)
        var target = window.cumulative(t) - duration
        let stop = searchLimit(before: t)
        while true {
            if target >= 0, let instant = window.earliestInstant(reaching: target) { return instant }
            number -= 1
            let upper = Double(number + 1) * CalendarIndex.windowLength
            guard upper > Self.lowestSeconds else {
                throw ServiceDomainError(.outOfRange, "the result lies before the supported years 1800–2400")
            }
            if !index.plan.hasWeeklyHoursBefore, upper <= stop {
                throw ServiceDomainError(.neverOpens, "the calendar has no opening hours before the first exception")
            }
            window = index.window(number)
            target += window.total
        }
    }

    /// An instant after which the calendar repeats its weekly pattern for good.
    ///
    /// It lies past the last special date, plus a fortnight: a search that finds nothing by then finds nothing ever.
    private func searchLimit(after t: Double) -> Double {
        let horizon = index.plan.specialDays.map { Double($0.upperBound + 3) * 86_400 } ?? t
        return min(max(t, horizon) + 15 * 86_400, Self.endSeconds)
    }

    private func searchLimit(before t: Double) -> Double {
        let horizon = index.plan.specialDays.map { Double($0.lowerBound - 3) * 86_400 } ?? t
        return max(min(t, horizon) - 15 * 86_400, Self.lowestSeconds)
    }
}

extension BusinessCalendar {
    /// The open time from the first instant to each instant, for instants sorted in ascending order: the first reads
    /// zero, and `readings[j] − readings[i]` is the business duration from instant `i` to instant `j`.
    ///
    /// One index lookup per window and one binary search per instant: the fast path for evaluating many intervals
    /// over one timeline (a case's status periods and target cycles).
    ///
    /// - Parameter instants: Seconds since 1970, ascending.
    /// - Returns: The readings, one per instant.
    /// - Throws: ``ServiceDomainError/Code/nonFinite`` or ``ServiceDomainError/Code/outOfRange`` for an instant that
    ///   is not finite or lies outside 1800–2400 (path `instants[i]`).
    package func openTimeReadings(_ instants: [Double]) throws(ServiceDomainError) -> [Double] {
        var readings = [Double](repeating: 0, count: instants.count)
        try instants.withUnsafeBufferPointer { (source) throws(ServiceDomainError) in
            try readings.withUnsafeMutableBufferPointer { (target) throws(ServiceDomainError) in
                _ = try openTimeReadings(source, into: target)
            }
        }
        return readings
    }

    /// Writes the readings of ``openTimeReadings(_:)`` into a buffer of the same length, allocating nothing.
    ///
    /// - Parameters:
    ///   - instants: Seconds since 1970, ascending.
    ///   - readings: Where to write one reading per instant.
    /// - Throws: As ``openTimeReadings(_:)``.
    /// - Returns: Where the readings start, for ``instant(adding:toReading:of:origin:)``; `nil` when there are no
    ///   instants or they were not ascending.
    @discardableResult
    package func openTimeReadings(
        _ instants: UnsafeBufferPointer<Double>,
        into readings: UnsafeMutableBufferPointer<Double>
    ) throws(ServiceDomainError) -> OpenTimeOrigin? {
        guard !instants.isEmpty else { return nil }
        // Check every instant first (an unusable one fails with its own path, wherever it stands), so that the loop
        // below only ever sees finite, supported, ascending values.
        var previous = -Double.infinity
        var ascending = true
        for position in instants.indices {
            let t = instants[position]
            guard t.isFinite, t >= Self.lowestSeconds, t < Self.endSeconds else {
                _ = try Self.seconds(Date(timeIntervalSince1970: t), path: "instants[\(position)]")
                continue
            }
            if t < previous { ascending = false }
            previous = t
        }
        guard ascending else {
            // Not ascending: answer each instant exactly instead (a rare, slower path).
            for (index, instant) in instants.enumerated() {
                readings[index] = try businessDuration(
                    from: Date(timeIntervalSince1970: instants[0]),
                    to: Date(timeIntervalSince1970: instant)
                )
            }
            return nil
        }
        return openTimeReadings(ascending: instants, into: readings)
    }

    /// The readings of ``openTimeReadings(_:into:)`` for instants the caller has already checked: at least one, all
    /// finite, within the supported range and ascending (a case's timeline, say, whose range has been checked).
    ///
    /// - Parameters:
    ///   - instants: Seconds since 1970: at least one, finite, supported and ascending.
    ///   - readings: Where to write one reading per instant.
    /// - Returns: Where the readings start, for ``instant(adding:toReading:of:origin:)``.
    package func openTimeReadings(
        ascending instants: UnsafeBufferPointer<Double>,
        into readings: UnsafeMutableBufferPointer<Double>
    ) -> OpenTimeOrigin {
        let first = instants[0]
        var window = index.window(CalendarIndex.windowNumber(first))
        // offset + the window's cumulative open time at t is the open time from `first` to t.
        var cursorStart = window.lastSpan(startingAtOrBefore: first)
        var offset = -window.cumulative(first, inSpan: cursorStart)
        let origin = OpenTimeOrigin(window: window, offset: offset)
        var position = 0
        while true {
            // Every instant of this window in one pass over its spans, with a cursor that only moves forward.
            let upper = window.upper
            let windowOffset = offset
            position = window.spans.withUnsafeBufferPointer { spans in
                var span = cursorStart
                var next = position
                while next < instants.count {
                    let t = instants[next]
                    if t >= upper { break }
                    // A few steps forward cover the usual gap between events; a long gap (the evaluation instant
                    // weeks later) is crossed by binary search instead of span by span.
                    var steps = 0
                    while span + 1 < spans.count, spans[span + 1].start <= t {
                        span += 1
                        steps += 1
                        if steps == 4 {
                            span = CalendarWindow.lastSpan(in: spans, startingAtOrBefore: t, from: span + 1)
                            break
                        }
                    }
                    if span >= 0 {
                        let current = spans[span]
                        readings[next] = windowOffset + current.before + (min(t, current.end) - current.start)
                    } else {
                        readings[next] = windowOffset
                    }
                    next += 1
                }
                return next
            }
            guard position < instants.count else { return origin }
            let t = instants[position]
            repeat {
                offset += window.total
                window = index.window(CalendarIndex.windowNumber(window.upper))
            } while t >= window.upper
            cursorStart = window.lastSpan(startingAtOrBefore: t)
        }
    }

    /// The instant reached by adding business time to an instant whose reading is known: the same answer as
    /// ``date(byAdding:to:)``, found within the readings' first window without another index lookup when it lies
    /// there (the common case for a breach instant), and by ``date(byAdding:to:)`` otherwise.
    ///
    /// - Parameters:
    ///   - seconds: The business time to add.
    ///   - reading: The reading of `start` from the same ``openTimeReadings(_:into:)`` call as `origin`.
    ///   - start: The instant, seconds since 1970.
    ///   - origin: What that call returned.
    /// - Returns: The instant, seconds since 1970.
    /// - Throws: As ``date(byAdding:to:)``.
    package func instant(
        adding seconds: Double,
        toReading reading: Double,
        of start: Double,
        origin: OpenTimeOrigin?
    ) throws(ServiceDomainError) -> Double {
        try instant(adding: seconds, toReading: reading, of: start, origin: origin, landing: .atNextOpening)
    }

    /// ``instant(adding:toReading:of:origin:)`` with a landing convention, as ``date(byAdding:to:landing:)``.
    package func instant(
        adding seconds: Double,
        toReading reading: Double,
        of start: Double,
        origin: OpenTimeOrigin?,
        landing: BusinessTimeLanding
    ) throws(ServiceDomainError) -> Double {
        if landing == .atClose {
            return try date(byAdding: seconds, to: Date(timeIntervalSince1970: start), landing: .atClose)
                .timeIntervalSince1970
        }
        if let origin, seconds >= 0 {
            // The reading minus the origin's offset is the window's cumulative open time at `start`, as
            // `forward(from:by:)` computes it; past the window's total the answer lies in a later window.
            let target = reading + seconds - origin.offset
            if target >= 0, let instant = origin.window.latestInstant(reaching: target), instant >= start {
                return instant
            }
        }
        return try date(byAdding: seconds, to: Date(timeIntervalSince1970: start)).timeIntervalSince1970
    }
}

/// Where a set of open-time readings starts: the first instant's index window and the offset that makes the
/// window's cumulative open time into a reading.
package struct OpenTimeOrigin: Sendable {
    let window: CalendarWindow
    let offset: Double
}
