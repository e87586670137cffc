import Foundation
import ServiceDomain
import ServiceImport
import Testing

private func importContacts(_ preset: String, zone: String? = nil) throws -> ContactImport {
    var mapping = try ImportPreset.named(preset).contactMapping()
    if let zone, let pattern = mapping.timestamps.pattern {
        mapping.timestamps = .pattern(pattern, timeZone: zone)
    }
    return try mapping.importContacts(csv: try Fixture.text("\(preset).csv"), options: ImportOptions(source: preset))
}

extension ContactImport {
    func contact(_ id: String) throws -> Contact { try #require(contacts.first { $0.id.rawValue == id }) }
}

/// The five9-call-log preset on its fixture.
///
/// `five9-call-log` on `Fixtures/five9-call-log.csv`, read in America/New_York (summer time since 8 March 2026,
/// UTC−4). Calls 3000 0000 + i (lines 2–61): offered 2026-03-09 08:00:00 local + 611 s × i; every sixth (i mod 6 = 5)
/// abandoned; queue wait 20 + 7 i s; talk 180 + i s, hold 30 s when i mod 3 = 0, after-call work 60 s.
struct FiveNinePresetTests {
    @Test func accountsForEveryRow() throws {
        let result = try importContacts("five9-call-log", zone: "America/New_York")
        #expect(result.summary.rowsRead == 64)
        #expect(result.summary.rowsImported == 59)
        #expect(result.summary.rowsRejected == 5)
        #expect(result.summary.isBalanced)
        #expect(
            result.problems.map { "\($0.line) \($0.column ?? "-")" } == [
                "6 CALL ID",  // 30000004, repeated on line 65: both left out
                "62 TALK TIME",  // an abandoned call with talk time
                "63 DATE + TIME",  // "9:00" is not HH:mm:ss
                "64 ABANDONED",  // "maybe"
                "65 CALL ID",
            ]
        )
        #expect(result.contacts.filter(\.isAbandoned).count == 10)
    }

    @Test func callsByHand() throws {
        let result = try importContacts("five9-call-log", zone: "America/New_York")
        let first = try result.contact("30000000")
        #expect(first.offeredAt == (try at("2026-03-09T12:00:00Z")))
        #expect(first.outcome == .answered(at: try at("2026-03-09T12:00:20Z"), agent: "agent0@acme.com"))
        #expect(first.talkTime == 180 && first.holdTime == 30 && first.wrapUpTime == 60 && first.queue == "Support")
        #expect(first.channel == .phone)
        // 30000005: offered 08:00 + 3,055 s = 08:50:55 EDT, abandoned after 55 s.
        let abandoned = try result.contact("30000005")
        #expect(abandoned.offeredAt == (try at("2026-03-09T12:50:55Z")))
        #expect(abandoned.outcome == .abandoned(at: try at("2026-03-09T12:51:50Z")))
        #expect(abandoned.handleTime == 0 && abandoned.queue == "Billing")
    }
}

/// The genesys-cloud-interactions preset on its fixture.
///
/// `genesys-cloud-interactions` on `Fixtures/genesys-cloud-interactions.csv`, read in Europe/Berlin (UTC+2 in June).
/// Conversations (lines 2–51): offered 2026-06-01 07:30 local + 47 min × i as `MM/dd/yyyy hh:mm:ss a`; every seventh
/// (i mod 7 = 6) abandoned; queue 15 + i s; talk 200 + 2 i s, hold 15 s, after-call work 45 s; media cycle voice,
/// voice, chat, email, callback.
struct GenesysPresetTests {
    @Test func accountsForEveryRow() throws {
        let result = try importContacts("genesys-cloud-interactions", zone: "Europe/Berlin")
        #expect(result.summary.rowsRead == 52)
        #expect(result.summary.rowsImported == 50)
        #expect(result.summary.isBalanced)
        #expect(
            result.problems.map { "\($0.line) \($0.column ?? "-")" } == [
                "52 Media Type",  // fax
                "53 Total Talk",  // 00:61:00
            ]
        )
        #expect(result.contacts.filter(\.isAbandoned).count == 7)
    }

    @Test func conversationsByHand() throws {
        let result = try importContacts("genesys-cloud-interactions", zone: "Europe/Berlin")
        let first = try result.contact("c0ffee00-0000-4000-8000-000000000000")
        #expect(first.offeredAt == (try at("2026-06-01T05:30:00Z")))
        #expect(first.outcome == .answered(at: try at("2026-06-01T05:30:15Z"), agent: "Jonas Weber"))
        #expect(first.talkTime == 200 && first.holdTime == 15 && first.wrapUpTime == 45 && first.queue == "Technik")
        // i = 6: 07:30 + 282 min = 12:12 local = 10:12Z, abandoned after 21 s.
        let abandoned = try result.contact("c0ffee06-0000-4000-8000-000000000006")
        #expect(abandoned.outcome == .abandoned(at: try at("2026-06-01T10:12:21Z")))
        // i = 12: 16:54 local is written "04:54:00 PM"; an email.
        let email = try result.contact("c0ffee12-0000-4000-8000-000000000012")
        #expect(email.offeredAt == (try at("2026-06-01T14:54:00Z")))
        #expect(try result.contact("c0ffee02-0000-4000-8000-000000000002").channel == .chat)
        #expect(try result.contact("c0ffee04-0000-4000-8000-000000000004").channel == .phone)  // callback
    }
}

/// The amazon-connect-contact-records preset on its fixture.
///
/// `amazon-connect-contact-records` on `Fixtures/amazon-connect-contact-records.csv`: flattened contact trace
/// records. Contacts (lines 2–51): initiated 2026-07-01 13:00:00Z + 397 s × i, enqueued 30 s later, dequeued after
/// 12 + i s; every eighth (i mod 8 = 7) abandoned; talk 240 + i s, hold 10 s for odd i, after-contact work 30 s.
struct AmazonConnectPresetTests {
    @Test func accountsForEveryRow() throws {
        let result = try importContacts("amazon-connect-contact-records")
        #expect(result.summary.rowsRead == 54)
        #expect(result.summary.rowsImported == 52)
        #expect(result.summary.isBalanced)
        #expect(
            result.problems.map { "\($0.line) \($0.column ?? "-")" } == [
                "52 Queue.EnqueueTimestamp",  // an IVR-only contact never reached a queue
                "55 Queue.DequeueTimestamp",  // dequeued before it was enqueued
            ]
        )
        #expect(result.contacts.filter(\.isAbandoned).count == 6)
    }

    @Test func contactsByHand() throws {
        let result = try importContacts("amazon-connect-contact-records")
        let first = try result.contact("a1b2c3d4-0000-4000-8000-000000000000")
        #expect(first.offeredAt == (try at("2026-07-01T13:00:30Z")))
        #expect(first.outcome == .answered(at: try at("2026-07-01T13:00:42Z"), agent: "agent0"))
        #expect(first.talkTime == 240 && first.holdTime == 0 && first.wrapUpTime == 30 && first.queue == "Escalations")
        // i = 7: enqueued 13:46:49Z, dequeued 19 s later with no agent: abandoned then.
        let abandoned = try result.contact("a1b2c3d4-0007-4000-8000-000000000007")
        #expect(abandoned.outcome == .abandoned(at: try at("2026-07-01T13:47:08Z")))
        #expect(try result.contact("a1b2c3d4-0004-4000-8000-000000000004").channel == .chat)
        // Enqueued and never dequeued: still in the queue at export.
        #expect(try result.contact("queued-1").outcome == .queued)
        #expect(try result.contact("task-1").channel == "task")
    }
}
