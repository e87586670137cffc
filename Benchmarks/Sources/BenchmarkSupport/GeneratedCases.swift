import Foundation
public import ServiceDomain

/// Generated cases for benchmarks, the same on every run.
///
/// About 10 events each (7–13), in December 2026, with replies, pending periods, solves and reopens; channels, priorities, a "gold" customer segment on every 7th case and a "complaint" tag on
/// every 11th. Seeded, so every run and every benchmark sees the same cases.
///
/// - Parameters:
///   - count: How many cases.
///   - seed: The generator's seed.
/// - Returns: The cases.
/// - Throws: A domain error if a generated case were invalid (it never is).
public func generatedCases(count: Int, seed: UInt64 = 2026) throws -> [Case] {
    var rng = SeededGenerator(seed: seed)
    let gold = try Customer(id: "K-gold", role: .consumer, segments: ["gold"])
    let plain = try Customer(id: "K", role: .consumer)
    var cases: [Case] = []
    cases.reserveCapacity(count)
    for number in 0..<count {
        var t = 1_796_083_200.0 + Double.random(in: 0..<(25 * 86_400), using: &rng).rounded()
        var events = [CaseEvent(id: "0", at: Date(timeIntervalSince1970: t), kind: .created)]
        var status = CaseStatus.new
        for index in 1..<Int.random(in: 7...13, using: &rng) {
            t += Double.random(in: 60...20_000, using: &rng).rounded()
            let kind: CaseEvent.Kind
            switch (status.isResolved, Int.random(in: 0..<7, using: &rng)) {
            case (true, 0...2): kind = .reopened
            case (true, _): kind = .customerReply
            case (false, 0), (false, 1): kind = .agentReply(agent: nil)
            case (false, 2), (false, 3): kind = .customerReply
            case (false, 4): kind = .statusChanged(.pending)
            case (false, 5): kind = .statusChanged(.open)
            default: kind = .statusChanged(.solved)
            }
            if case .statusChanged(let next) = kind { status = next }
            if case .reopened = kind { status = .open }
            events.append(CaseEvent(id: CaseEventID(String(index)), at: Date(timeIntervalSince1970: t), kind: kind))
        }
        cases.append(
            try Case(
                id: CaseID("C-\(number)"),
                channel: [Channel.email, .phone, .chat, .webForm][number % 4],
                priority: [Priority.urgent, .high, .normal, .normal, .low][number % 5],
                customer: number % 7 == 0 ? gold : plain,
                tags: number % 11 == 0 ? ["complaint"] : [],
                events: events
            )
        )
    }
    return cases
}
