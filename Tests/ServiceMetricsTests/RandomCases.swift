import Foundation
import ServiceDomain

/// A random but valid case of about ten events in December 2026: replies, pending periods, solves and reopens.
func randomCase(_ number: Int, using rng: inout SeededGenerator) throws -> Case {
    var t = 1_796_083_200.0 + Double.random(in: 0..<(20 * 86_400), using: &rng).rounded()  // 2026-12-01 onwards
    var events = [CaseEvent(id: "0", at: Date(timeIntervalSince1970: t), kind: .created)]
    var status = CaseStatus.new
    for index in 1..<Int.random(in: 3...12, using: &rng) {
        t += Double.random(in: 60...30_000, using: &rng).rounded()
        let kind: CaseEvent.Kind
        switch (status.isResolved, Int.random(in: 0..<6, using: &rng)) {
        case (true, 0...2): kind = .reopened
        case (true, _): kind = .customerReply
        case (false, 0), (false, 1): kind = .agentReply(agent: nil)
        case (false, 2): kind = .customerReply
        case (false, 3): kind = .statusChanged(.pending)
        case (false, 4): kind = .statusChanged(.open)
        default: kind = .statusChanged(.solved)
        }
        if case .statusChanged(let next) = kind { status = next }
        if case .reopened = kind { status = .open }
        events.append(CaseEvent(id: CaseEventID(String(index)), at: Date(timeIntervalSince1970: t), kind: kind))
    }
    let priority = [Priority.high, .urgent, .normal, .low].randomElement(using: &rng) ?? .normal
    let channel = [Channel.email, .phone, .chat].randomElement(using: &rng) ?? .email
    return try Case(id: CaseID("C-\(number)"), channel: channel, priority: priority, events: events)
}
