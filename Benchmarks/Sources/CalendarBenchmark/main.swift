import BenchmarkSupport
import Foundation
import ServiceDomain

// Business-hours calendar throughput on one core (this process runs single-threaded).
// Target from the foundation issue: ≥ 2 million business-duration computations per second in release, and the same
// order for "add a business duration". The Python reference point quoted there is ~670/s (154/s for 7–30-day spans).

let calendar = try BusinessCalendar(
    timeZone: "Europe/London",
    weeklyHours: .weekdays([OpeningInterval("09:00", "12:30"), OpeningInterval("13:30", "17:30")]),
    holidays: [
        Holiday(LocalDate("2026-01-01")), Holiday(LocalDate("2026-04-03")), Holiday(LocalDate("2026-04-06")),
        Holiday(LocalDate("2026-05-04")), Holiday(LocalDate("2026-05-25")), Holiday(LocalDate("2026-08-31")),
        Holiday(LocalDate("2026-12-25")), Holiday(LocalDate("2026-12-28")),
    ],
    exceptions: [DateException(LocalDate("2026-12-24"), hours: [OpeningInterval("09:00", "13:00")])]
)

let count = 1_000_000
var rng = SeededGenerator(seed: 2026)
let yearStart = 1_767_225_600.0  // 2026-01-01T00:00Z
func pairs(maxSpanDays: Double, minSpanDays: Double = 0, rng: inout SeededGenerator) -> [(Date, Date)] {
    (0..<count).map { _ in
        let a = yearStart + Double.random(in: 0..<(330 * 86_400), using: &rng)
        let span = Double.random(in: (minSpanDays * 86_400)...(maxSpanDays * 86_400), using: &rng)
        return (Date(timeIntervalSince1970: a), Date(timeIntervalSince1970: a + span))
    }
}
let short = pairs(maxSpanDays: 3, rng: &rng)
let long = pairs(maxSpanDays: 30, minSpanDays: 7, rng: &rng)
let durations = (0..<count).map { _ in Double.random(in: 0...(80 * 3600), using: &rng) }

print("calendar-benchmark: \(count) operations per run, Europe/London, 2 intervals a weekday, holidays, one exception")
let shortRate = try Benchmark("businessDuration, spans 0–3 days", operations: count).run {
    var sum = 0.0
    for (a, b) in short { sum += try calendar.businessDuration(from: a, to: b) }
    return sum
}
let longRate = try Benchmark("businessDuration, spans 7–30 days", operations: count).run {
    var sum = 0.0
    for (a, b) in long { sum += try calendar.businessDuration(from: a, to: b) }
    return sum
}
let addRate = try Benchmark("date(byAdding:), 0–80 business hours", operations: count).run {
    var sum = 0.0
    for (index, (a, _)) in short.enumerated() {
        sum += try calendar.date(byAdding: durations[index], to: a).timeIntervalSince1970
    }
    return sum
}
let openRate = try Benchmark("isOpen(at:)", operations: count).run {
    var open = 0.0
    for (a, _) in short where try calendar.isOpen(at: a) { open += 1 }
    return open
}
let baseline = Benchmark("baseline: read both instants and subtract", operations: count).run {
    var sum = 0.0
    for (a, b) in short { sum += b.timeIntervalSince(a) }
    return sum
}
let coldRate = try Benchmark("cold: new calendar, index built, one duration", operations: 200, runs: 3).run {
    var sum = 0.0
    for i in 0..<200 {
        let fresh = calendar.addingHolidays([])
        sum += try fresh.businessDuration(from: short[i].0, to: short[i].1)
    }
    return sum
}
print("")
print(
    String(
        format: "duration 7–30 days vs 0–3 days: %.2f×   add vs duration: %.2f×",
        longRate / shortRate,
        addRate / shortRate
    )
)
print(String(format: "duration vs plain subtraction: %.1f× slower", baseline / shortRate))
print(
    String(
        format: "vs the Python reference (670/s; 154/s for 7–30 days): %.0f× and %.0f×",
        shortRate / 670,
        longRate / 154
    )
)
_ = (openRate, coldRate)
