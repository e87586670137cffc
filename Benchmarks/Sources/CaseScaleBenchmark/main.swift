import Foundation
import ServiceDomain
import ServiceStandards

// One case of many events (a bot loop, a mail storm): the time to make it, to evaluate it against a policy of first
// reply, next reply, periodic update, resolution (paused while pending) and requester wait on business hours, and to
// explain it, at each size given (1,000 to 100,000 events by default). A path linear in events keeps the time per
// event flat as the size grows; a quadratic one makes it grow with the size. Process CPU time, best of three.
//
//     case-scale-benchmark [events...]

func cpuSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

func best(_ body: () throws -> Void) rethrows -> Double {
    var fastest = Double.infinity
    for _ in 0..<3 {
        let start = cpuSeconds()
        try body()
        fastest = min(fastest, cpuSeconds() - start)
    }
    return fastest
}

let sizes = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let london = try BusinessCalendar(timeZone: "Europe/London", weeklyHours: .weekdays(9, 17))
let business = TargetClock.businessHours("london")
let policy = try ServiceLevelPolicy(
    id: "scale",
    rules: [
        .init(
            name: "everyone",
            targets: [
                .firstReply: try ServiceTarget(kind: .firstReply, clock: business, durations: [.normal: 14_400]),
                .nextReply: try ServiceTarget(kind: .nextReply, clock: business, durations: [.normal: 28_800]),
                .periodicUpdate: try ServiceTarget(
                    kind: .periodicUpdate,
                    clock: business,
                    durations: [.normal: 86_400]
                ),
                .resolution: try ServiceTarget(
                    kind: .resolution,
                    clock: business,
                    durations: [.normal: 432_000],
                    pausedStatuses: [.pending, .onHold]
                ),
                .requesterWait: try ServiceTarget(
                    kind: .requesterWait,
                    clock: business,
                    durations: [.normal: 345_600]
                ),
            ]
        )
    ]
)
let evaluator = try PolicyEvaluator(policy: policy, calendars: ["london": london])
let start = Date(timeIntervalSince1970: 1_767_600_000)  // 2026-01-05, a Monday
print("events | make | evaluate | per event (evaluate) | explain")
for size in sizes.isEmpty ? [1_000, 10_000, 100_000] : sizes {
    // A customer message and an agent reply every few minutes, a pending period now and then, no solve: every cycle
    // stays in play.
    var events = [CaseEvent(id: "0", at: start, kind: .created)]
    var at = start
    for number in 1..<size {
        at = at.addingTimeInterval(Double(60 + number % 240))
        let kind: CaseEvent.Kind
        switch number % 6 {
        case 0, 2: kind = .customerReply
        case 1, 3: kind = .agentReply(agent: "A")
        case 4: kind = .statusChanged(.pending)
        default: kind = .statusChanged(.open)
        }
        events.append(CaseEvent(id: CaseEventID(String(number)), at: at, kind: kind))
    }
    var item: Case?
    let make = try best { item = try Case(id: "C", channel: .email, events: events) }
    guard let item else { exit(1) }
    let asOf = at.addingTimeInterval(3_600)
    var outcomes = 0
    let evaluate = try best { outcomes = try evaluator.evaluate(item, at: asOf).outcomes.count }
    let explain = try best { _ = try evaluator.explain(item, at: asOf) }
    print(
        String(
            format: "%d | %.4f s | %.4f s | %.2f µs (%d outcomes) | %.4f s",
            size,
            make,
            evaluate,
            evaluate / Double(size) * 1e6,
            outcomes,
            explain
        )
    )
}
