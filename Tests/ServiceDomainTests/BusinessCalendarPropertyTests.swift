import Foundation
import ServiceDomain
import Testing

/// Property tests on seeded random calendars and instants.
///
/// Each zone is exercised around its daylight-saving
/// transitions, so the index's handling of short and long days is checked against an independent reference.
struct BusinessCalendarPropertyTests {
    static let zones = ["America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata", "UTC"]

    /// A random calendar on whole minutes.
    ///
    /// Boundaries avoid 01:00–03:59 local, where the zones above skip or repeat
    /// wall times, so that the wall-clock reference below and the calendar's DST convention mean the same thing.
    static func randomCalendar(zone: String, using rng: inout SeededGenerator) throws -> BusinessCalendar {
        func minute(_ range: ClosedRange<Int>) throws -> LocalTime {
            let m = Int.random(in: range, using: &rng)
            return try LocalTime(hour: m / 60, minute: m % 60)
        }
        var days: [Weekday: [OpeningInterval]] = [:]
        for day in Weekday.allCases where Int.random(in: 0..<5, using: &rng) > 0 {
            switch Int.random(in: 0..<4, using: &rng) {
            case 0:  // one daytime interval
                days[day] = [try OpeningInterval(start: minute(240...720), end: minute(721...1439))]
            case 1:  // morning and afternoon with a break
                days[day] = [
                    try OpeningInterval(start: minute(240...600), end: minute(601...750)),
                    try OpeningInterval(start: minute(751...900), end: minute(901...1380)),
                ]
            case 2:  // evening into the night, ending before 01:00
                days[day] = [try OpeningInterval(start: minute(1080...1380), end: minute(0...59))]
            default:  // to midnight
                days[day] = [try OpeningInterval(start: minute(240...1000), end: .endOfDay)]
            }
        }
        let weekly = try WeeklyHours(days)
        var holidays: [Holiday] = []
        var exceptions: [DateException] = []
        var used: Set<LocalDate> = []
        for _ in 0..<6 {
            let day = try LocalDate(dayNumber: Int.random(in: 20_450...20_900, using: &rng))  // 2025-12 … 2027-03
            guard used.insert(day).inserted else { continue }
            if Bool.random(using: &rng) {
                holidays.append(Holiday(day))
            } else {
                exceptions.append(
                    try DateException(day, hours: [OpeningInterval(start: minute(300...600), end: minute(601...1300))])
                )
            }
        }
        return try BusinessCalendar(timeZone: zone, weeklyHours: weekly, holidays: holidays, exceptions: exceptions)
    }

    /// An instant on a whole minute, from late 2025 to early 2027, often near a DST change.
    static func randomInstant(using rng: inout SeededGenerator) -> Date {
        let transitions: [Double] = [
            1_772_949_600, 1_793_512_800, 1_774_746_000, 1_792_890_000, 1_775_314_800, 1_791_043_200,
        ]
        let base =
            Bool.random(using: &rng)
            ? transitions.randomElement(using: &rng) ?? 0
            : Double.random(in: 1_765_000_000...1_800_000_000, using: &rng)
        let offset = Double(Int.random(in: -4 * 1440...4 * 1440, using: &rng)) * 60
        return Date(timeIntervalSince1970: ((base + offset) / 60).rounded(.down) * 60)
    }

    /// Whether the calendar is open at an instant, decided from the wall clock alone: the zone's UTC offset at that
    /// instant (Foundation), the local date and time, and the hours of that date and the day before.
    static func referenceIsOpen(_ calendar: BusinessCalendar, at t: Date) throws -> Bool {
        let local = t.timeIntervalSince1970 + Double(calendar.timeZone.secondsFromGMT(for: t))
        let dayNumber = Int((local / 86_400).rounded(.down))
        let second = Int(local - Double(dayNumber) * 86_400)
        let today = try LocalDate(dayNumber: dayNumber)
        let yesterday = try LocalDate(dayNumber: dayNumber - 1)
        for interval in calendar.hours(on: today) {
            let s = interval.start.secondsSinceMidnight
            let e = interval.end.secondsSinceMidnight
            if interval.isOvernight ? second >= s : (second >= s && second < e) { return true }
        }
        for interval in calendar.hours(on: yesterday) where interval.isOvernight {
            if second < interval.end.secondsSinceMidnight { return true }
        }
        return false
    }

    @Test(arguments: zones)
    func durationAgreesWithMinuteByMinuteReference(zone: String) throws {
        var rng = SeededGenerator(seed: UInt64(abs(zone.hashValueStable)))
        for _ in 0..<12 {
            let calendar = try Self.randomCalendar(zone: zone, using: &rng)
            for _ in 0..<6 {
                let a = Self.randomInstant(using: &rng)
                let b = a.addingTimeInterval(Double(Int.random(in: 0...(3 * 1440), using: &rng)) * 60)
                var openMinutes = 0
                var t = a
                while t < b {
                    if try Self.referenceIsOpen(calendar, at: t) { openMinutes += 1 }
                    #expect(try calendar.isOpen(at: t) == Self.referenceIsOpen(calendar, at: t), "isOpen at \(t)")
                    t = t.addingTimeInterval(60)
                }
                #expect(
                    try calendar.businessDuration(from: a, to: b) == Double(openMinutes) * 60,
                    "\(zone) \(a) → \(b)"
                )
            }
        }
    }

    @Test(arguments: zones)
    func durationIsAdditiveAndAntisymmetric(zone: String) throws {
        var rng = SeededGenerator(seed: 0xADD1 &+ UInt64(zone.utf8.count))
        for _ in 0..<10 {
            let calendar = try Self.randomCalendar(zone: zone, using: &rng)
            for _ in 0..<50 {
                // Instants up to two years apart, so spans cross several index windows.
                let a = Self.randomInstant(using: &rng)
                let b = a.addingTimeInterval(Double.random(in: -4e7...4e7, using: &rng).rounded())
                let c = b.addingTimeInterval(Double.random(in: -4e7...4e7, using: &rng).rounded())
                let ab = try calendar.businessDuration(from: a, to: b)
                let bc = try calendar.businessDuration(from: b, to: c)
                let ac = try calendar.businessDuration(from: a, to: c)
                #expect(ab + bc == ac, "\(zone) \(a) \(b) \(c)")
                #expect(try calendar.businessDuration(from: b, to: a) == -ab)
            }
        }
    }

    @Test(arguments: zones)
    func addingTheDurationLandsOnTheEndOrTheNextOpening(zone: String) throws {
        var rng = SeededGenerator(seed: 0x1A7E &+ UInt64(zone.utf8.count))
        for _ in 0..<10 {
            let calendar = try Self.randomCalendar(zone: zone, using: &rng)
            for _ in 0..<50 {
                let a = Self.randomInstant(using: &rng)
                let b = a.addingTimeInterval(Double.random(in: 0...(40 * 86_400), using: &rng).rounded())
                let d = try calendar.businessDuration(from: a, to: b)
                let expected = try calendar.isOpen(at: b) ? b : try #require(try calendar.nextOpening(after: b))
                #expect(try calendar.date(byAdding: d, to: a) == expected, "\(zone) \(a) + \(d)")
                // Backwards: the earliest instant from which d of open time reaches b.
                let back = try calendar.date(bySubtracting: d, from: b)
                #expect(back <= a)
                #expect(try calendar.businessDuration(from: back, to: b) == d)
                if back < a {
                    #expect(try calendar.businessDuration(from: back, to: a) == 0)
                    #expect(try calendar.isOpen(at: back.addingTimeInterval(-1)), "earliest: open just before \(back)")
                }
            }
        }
    }

    @Test(arguments: zones)
    func addingAtCloseLandsOnTheEarliestInstantWithTheDuration(zone: String) throws {
        var rng = SeededGenerator(seed: 0xC105E &+ UInt64(zone.utf8.count))
        for _ in 0..<10 {
            let calendar = try Self.randomCalendar(zone: zone, using: &rng)
            for _ in 0..<50 {
                // Up to 400 days on, so that some additions cross the index's windows of about 194 days.
                let a = Self.randomInstant(using: &rng)
                let b = a.addingTimeInterval(Double.random(in: 0...(400 * 86_400), using: &rng).rounded())
                let d = try calendar.businessDuration(from: a, to: b)
                let atClose = try calendar.date(byAdding: d, to: a, landing: .atClose)
                let atOpening = try calendar.date(byAdding: d, to: a, landing: .atNextOpening)
                #expect(atOpening == (try calendar.date(byAdding: d, to: a)))
                // The earliest instant at or after a with d of open time: nothing open lies between it and b, and it
                // is a itself (d = 0) or the end of an open stretch.
                #expect(try calendar.businessDuration(from: a, to: atClose) == d, "\(zone) \(a) + \(d)")
                #expect(a <= atClose && atClose <= b && atClose <= atOpening)
                #expect(try calendar.businessDuration(from: atClose, to: atOpening) == 0)
                if d > 0 {
                    #expect(try calendar.isOpen(at: atClose.addingTimeInterval(-1)), "open just before \(atClose)")
                } else {
                    #expect(atClose == a)
                }
            }
        }
    }

    @Test func copiesAndThreadsShareOneConsistentIndex() async throws {
        var rng = SeededGenerator(seed: 42)
        let calendar = try Self.randomCalendar(zone: "Europe/London", using: &rng)
        let pairs = (0..<400).map { _ in
            let a = Self.randomInstant(using: &rng)
            return (a, a.addingTimeInterval(Double.random(in: 0...3e6, using: &rng).rounded()))
        }
        // A fresh calendar with the same data computes every figure once, serially: the reference.
        let serial = try calendar.addingHolidays([]).businessDurations(pairs)
        let results = try await withThrowingTaskGroup(of: [TimeInterval].self) { group in
            for _ in 0..<8 { group.addTask { try calendar.businessDurations(pairs) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 8)
        for result in results { #expect(result == serial) }
    }
}

extension BusinessCalendar {
    func businessDurations(_ pairs: [(Date, Date)]) throws -> [TimeInterval] {
        try pairs.map { try businessDuration(from: $0.0, to: $0.1) }
    }
}

extension String {
    /// A hash that is the same in every process (Swift's `hashValue` is seeded per run).
    var hashValueStable: Int {
        Int(
            truncatingIfNeeded: utf8.reduce(UInt64(14_695_981_039_346_656_037)) {
                ($0 ^ UInt64($1)) &* 1_099_511_628_211
            } >> 1
        )
    }
}
