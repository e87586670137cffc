import Foundation
import ServiceDomain
import Testing

struct CaseTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_424_400)  // 2026-11-23T09:00:00Z

    static func event(_ id: String, _ minutes: Double, _ kind: CaseEvent.Kind) -> CaseEvent {
        CaseEvent(id: CaseEventID(id), at: t0.addingTimeInterval(minutes * 60), kind: kind)
    }

    @Test func derivesFactsFromTheTimeline() throws {
        // created 09:00, assigned 09:05, note 09:10, first reply 09:30, pending 09:31, customer 10:00, open 10:00,
        // reply 10:20, solved 10:21, customer 11:00 reopens (status change solved → open), reply 11:10, solved 11:15,
        // closed 12:00.
        let c = try Case(
            id: "C-1",
            channel: .email,
            priority: .high,
            team: "front",
            tags: ["refund"],
            events: [
                Self.event("e1", 0, .created),
                Self.event("e2", 5, .assigned(agent: "A-7", team: "billing")),
                Self.event("e3", 10, .internalNote(agent: "A-7")),
                Self.event("e4", 30, .agentReply(agent: "A-7")),
                Self.event("e5", 31, .statusChanged(.pending)),
                Self.event("e6", 60, .customerReply),
                Self.event("e7", 60, .statusChanged(.open)),
                Self.event("e8", 80, .agentReply(agent: "A-7")),
                Self.event("e9", 81, .statusChanged(.solved)),
                Self.event("e10", 120, .customerReply),
                Self.event("e11", 120, .reopened),
                Self.event("e12", 125, .priorityChanged(.urgent)),
                Self.event("e13", 126, .escalated(team: "tier2")),
                Self.event("e14", 130, .agentReply(agent: nil)),
                Self.event("e15", 135, .statusChanged(.solved)),
                Self.event("e16", 180, .statusChanged(.closed)),
            ]
        )
        let f = c.facts
        #expect(f.createdAt == Self.t0)
        #expect(f.firstAgentReplyAt == Self.t0.addingTimeInterval(30 * 60))
        #expect(f.agentReplyCount == 3)
        #expect(f.customerReplyCount == 2)
        #expect(f.internalNoteCount == 1)
        #expect(f.status == .closed)
        #expect(f.firstResolvedAt == Self.t0.addingTimeInterval(81 * 60))
        #expect(f.solvedAt == Self.t0.addingTimeInterval(135 * 60))
        #expect(f.closedAt == Self.t0.addingTimeInterval(180 * 60))
        #expect(f.reopenCount == 1)
        #expect(f.escalationCount == 1)
        #expect(f.assignee == "A-7")
        #expect(f.team == "tier2")
        #expect(f.priority == .urgent)
        // new 0–31, pending 31–60, open 60–81, solved 81–120, open 120–135, solved 135–180, closed 180–.
        #expect(f.statusPeriods.map(\.status) == [.new, .pending, .open, .solved, .open, .solved, .closed])
        #expect(f.statusPeriods.last?.end == nil)
        #expect(f.statusPeriods[1].start == Self.t0.addingTimeInterval(31 * 60))
    }

    @Test func aStatusChangeOutOfSolvedCountsAsAReopen() throws {
        let c = try Case(
            id: "C-2",
            channel: .phone,
            events: [
                Self.event("a", 0, .created), Self.event("b", 1, .statusChanged(.solved)),
                Self.event("c", 2, .statusChanged(.open)), Self.event("d", 3, .statusChanged(.solved)),
            ]
        )
        #expect(c.facts.reopenCount == 1)
        #expect(c.facts.solvedAt == Self.t0.addingTimeInterval(180))
        #expect(c.facts.firstResolvedAt == Self.t0.addingTimeInterval(60))
    }

    @Test func rejectsEventsOutOfOrderNamingTheEvent() {
        #expect {
            try Case(
                id: "C-3",
                channel: .email,
                events: [
                    Self.event("e1", 0, .created), Self.event("e2", 10, .agentReply(agent: nil)),
                    Self.event("e3", 5, .customerReply),
                ]
            )
        } throws: { error in
            let e = error as? ServiceDomainError
            return e?.code == .eventsOutOfOrder && e?.path == "events[2]" && e?.message.contains("\"e3\"") == true
        }
    }

    @Test func rejectsEventsBeforeCreation() {
        #expect {
            try Case(
                id: "C-4",
                channel: .email,
                events: [Self.event("e0", -5, .customerReply), Self.event("e1", 0, .created)]
            )
        } throws: {
            ($0 as? ServiceDomainError)?.code == .eventBeforeCreation
                && ($0 as? ServiceDomainError)?.path == "events[0]"
        }
        // Listed before the creation at the same instant: out of order.
        #expect {
            try Case(
                id: "C-4",
                channel: .email,
                events: [Self.event("e0", 0, .customerReply), Self.event("e1", 0, .created)]
            )
        } throws: { ($0 as? ServiceDomainError)?.code == .eventsOutOfOrder }
    }

    @Test func rejectsDuplicateIdentifiersMissingOrRepeatedCreation() {
        #expect {
            try Case(
                id: "C-5",
                channel: .email,
                events: [Self.event("e1", 0, .created), Self.event("e1", 1, .customerReply)]
            )
        } throws: {
            ($0 as? ServiceDomainError)?.code == .duplicateIdentifier
                && ($0 as? ServiceDomainError)?.path == "events[1]"
        }
        #expect { try Case(id: "C-5", channel: .email, events: []) } throws: {
            ($0 as? ServiceDomainError)?.code == .missingCreation
        }
        #expect {
            try Case(id: "C-5", channel: .email, events: [Self.event("e1", 0, .customerReply)])
        } throws: { ($0 as? ServiceDomainError)?.code == .missingCreation }
        #expect {
            try Case(
                id: "C-5",
                channel: .email,
                events: [Self.event("e1", 0, .created), Self.event("e2", 1, .created)]
            )
        } throws: { ($0 as? ServiceDomainError)?.path == "events[1]" }
        #expect { try Case(id: "", channel: .email, events: [Self.event("e1", 0, .created)]) } throws: {
            ($0 as? ServiceDomainError)?.code == .empty
        }
    }

    @Test func rejectsReopeningAnUnsolvedCaseAndNonFiniteInstants() {
        #expect {
            try Case(
                id: "C-6",
                channel: .chat,
                events: [Self.event("e1", 0, .created), Self.event("e2", 1, .reopened)]
            )
        } throws: {
            ($0 as? ServiceDomainError)?.code == .invalidTransition && ($0 as? ServiceDomainError)?.path == "events[1]"
        }
        #expect {
            try Case(
                id: "C-6",
                channel: .chat,
                events: [
                    Self.event("e1", 0, .created),
                    CaseEvent(id: "e2", at: Date(timeIntervalSince1970: .nan), kind: .customerReply),
                ]
            )
        } throws: {
            ($0 as? ServiceDomainError)?.code == .nonFinite && ($0 as? ServiceDomainError)?.path == "events[1].at"
        }
    }

    @Test func sortingInitialiserOrdersByTimeWithCreationFirst() throws {
        let c = try Case(
            id: "C-7",
            channel: .email,
            sorting: [
                Self.event("r", 30, .agentReply(agent: nil)), Self.event("n", 0, .customerReply),
                Self.event("c", 0, .created),
            ]
        )
        #expect(c.events.map(\.id.rawValue) == ["c", "n", "r"])
    }

    @Test func jsonGoldenAndRoundTrip() throws {
        let json = """
            {"channel":"email","customer":{"id":"K-17","relationship":"external","role":"consumer"},\
            "events":[{"at":"2026-11-23T09:00:00Z","id":"e1","type":"created"},\
            {"agent":"A-7","at":"2026-11-23T09:05:00Z","id":"e2","team":"billing","type":"assigned"},\
            {"agent":"A-7","at":"2026-11-23T09:30:00Z","id":"e3","type":"agentReply"},\
            {"at":"2026-11-23T09:31:00Z","id":"e4","status":"solved","type":"statusChanged"}],\
            "id":"C-1042","priority":"high","tags":["refund"],"team":"billing"}
            """
        let decoded = try JSONDecoder().decode(Case.self, from: Data(json.utf8))
        #expect(decoded.facts.firstAgentReplyAt == Date(timeIntervalSince1970: 1_795_424_400 + 1800))
        #expect(decoded.customer?.role == .consumer)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(String(decoding: try encoder.encode(decoded), as: UTF8.self) == json)
    }

    @Test(arguments: [
        // Out of order: the error names the event.
        (
            #"{"id":"C","channel":"email","events":[{"id":"a","at":"2026-11-23T09:00:00Z","type":"created"},{"id":"b","at":"2026-11-23T08:00:00Z","type":"customerReply"}]}"#,
            "events[1]"
        ),
        (
            #"{"id":"C","channel":"email","events":[{"id":"a","at":"2026-11-23T09:00:00Z","type":"teleported"}]}"#,
            "type"
        ),
        (#"{"id":"C","channel":"email","events":[{"id":"a","at":"yesterday","type":"created"}]}"#, "at"),
        (
            #"{"id":"C","channel":"email","events":[{"id":"a","at":"2026-11-23T09:00:00Z","type":"statusChanged","status":"limbo"}]}"#,
            "status"
        ),
    ])
    func rejectsMalformedJSON(json: String, mentions: String) {
        #expect {
            try JSONDecoder().decode(Case.self, from: Data(json.utf8))
        } throws: { error in
            guard case .dataCorrupted(let context) = error as? DecodingError else { return false }
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return context.debugDescription.contains(mentions) || path.contains(mentions)
        }
    }
}

struct ContactTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_424_400)

    @Test func answeredContactWaitAndHandleTime() throws {
        // Offered 09:00:00, answered 09:00:26: wait 26 s; handle = 312 + 20 + 45 = 377 s.
        let c = try Contact(
            id: "K-1",
            channel: .phone,
            offeredAt: Self.t0,
            outcome: .answered(at: Self.t0.addingTimeInterval(26), agent: "A-7"),
            talkTime: 312,
            holdTime: 20,
            wrapUpTime: 45
        )
        #expect(c.waitTime == 26)
        #expect(c.handleTime == 377)
        #expect(c.isAnswered && !c.isAbandoned)
    }

    @Test func abandonedAndQueuedContacts() throws {
        let abandoned = try Contact(
            id: "K-2",
            channel: .chat,
            offeredAt: Self.t0,
            outcome: .abandoned(at: Self.t0.addingTimeInterval(42))
        )
        #expect(abandoned.waitTime == 42)
        #expect(abandoned.isAbandoned)
        let queued = try Contact(id: "K-3", channel: .phone, offeredAt: Self.t0, outcome: .queued)
        #expect(queued.waitTime == nil)
    }

    @Test func rejectsBadContacts() {
        #expect {
            try Contact(
                id: "K",
                channel: .phone,
                offeredAt: Self.t0,
                outcome: .answered(at: Self.t0.addingTimeInterval(-1), agent: nil)
            )
        } throws: {
            ($0 as? ServiceDomainError)?.code == .eventsOutOfOrder && ($0 as? ServiceDomainError)?.path == "answeredAt"
        }
        #expect {
            try Contact(id: "K", channel: .phone, offeredAt: Self.t0, outcome: .abandoned(at: Self.t0), talkTime: 10)
        } throws: {
            ($0 as? ServiceDomainError)?.code == .inconsistent && ($0 as? ServiceDomainError)?.path == "talkTime"
        }
        #expect {
            try Contact(
                id: "K",
                channel: .phone,
                offeredAt: Self.t0,
                outcome: .answered(at: Self.t0, agent: nil),
                holdTime: .nan
            )
        } throws: { ($0 as? ServiceDomainError)?.code == .nonFinite && ($0 as? ServiceDomainError)?.path == "holdTime" }
        #expect {
            try Contact(
                id: "K",
                channel: .phone,
                offeredAt: Self.t0,
                outcome: .answered(at: Self.t0, agent: nil),
                wrapUpTime: -3
            )
        } throws: { ($0 as? ServiceDomainError)?.code == .outOfRange }
        #expect {
            try Contact(id: "K", channel: .phone, offeredAt: Date(timeIntervalSince1970: .infinity), outcome: .queued)
        } throws: { ($0 as? ServiceDomainError)?.path == "offeredAt" }
    }

    @Test func jsonRoundTripAndContradictions() throws {
        let json =
            #"{"agent":"A-7","answeredAt":"2026-11-23T09:00:26Z","channel":"phone","holdTime":20,"id":"K-88","offeredAt":"2026-11-23T09:00:00Z","outcome":"answered","queue":"billing","talkTime":312,"wrapUpTime":45}"#
        let contact = try JSONDecoder().decode(Contact.self, from: Data(json.utf8))
        #expect(contact.waitTime == 26)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(String(decoding: try encoder.encode(contact), as: UTF8.self) == json)
        let both =
            #"{"id":"K","channel":"phone","offeredAt":"2026-11-23T09:00:00Z","outcome":"abandoned","abandonedAt":"2026-11-23T09:01:00Z","answeredAt":"2026-11-23T09:00:30Z"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Contact.self, from: Data(both.utf8)) }
    }
}

struct CaseAsOfTests {
    @Test func aCaseAsItStoodAtAnInstant() throws {
        let t0 = try InstantCoding.date(from: "2026-11-23T09:00:00Z")
        let item = try Case(
            id: "C",
            channel: .email,
            priority: .high,
            tags: ["uk"],
            events: [
                CaseEvent(id: "1", at: t0, kind: .created),
                CaseEvent(id: "2", at: t0.addingTimeInterval(600), kind: .agentReply(agent: nil)),
                CaseEvent(id: "3", at: t0.addingTimeInterval(900), kind: .statusChanged(.solved)),
            ]
        )
        // At +10 min the reply has happened (events at the instant count), the solve not yet; a reply alone leaves the
        // status `new` (CaseFacts: only status changes and reopens change it).
        let then = try item.asOf(t0.addingTimeInterval(600))
        #expect(then.events.map(\.id) == ["1", "2"] && then.facts.status == .new && then.tags == ["uk"])
        #expect(then.priority == .high && then.facts.firstAgentReplyAt == t0.addingTimeInterval(600))
        #expect(try item.asOf(t0.addingTimeInterval(3_600)) == item)
        #expect { try item.asOf(t0.addingTimeInterval(-1)) } throws: {
            ($0 as? ServiceDomainError)?.code == .missingCreation
        }
    }
}
