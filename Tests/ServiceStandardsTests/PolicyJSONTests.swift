import Foundation
import ServiceDomain
import ServiceStandards
import Testing

struct PolicyJSONTests {
    static let document = """
        {"id": "council-standard", "name": "Council service standard", "warningAt": 0.8,
         "rules": [
          {"name": "Safeguarding", "when": {"all": [{"tag": ["safeguarding"]}, {"not": {"channel": ["mail"]}}]},
           "targets": {"firstReply": {"clock": "calendar", "durations": {"urgent": 3600, "high": 3600, "normal": 3600}}}},
          {"name": "Members", "when": {"any": [{"role": ["member"]}, {"segment": ["gold"]}]},
           "targets": {"firstReply": {"clock": {"businessHours": "london"}, "durations": {"normal": 14400}},
                       "resolution": {"clock": {"businessHours": "london"}, "durations": {"normal": 144000},
                                      "pauseWhile": ["pending", "onHold"]}}},
          {"name": "Everyone", "targets": {"firstReply": {"clock": {"businessHours": "london"},
                                                         "durations": {"normal": 28800, "low": 57600}}}}]}
        """

    @Test func loadsAndRoundTrips() throws {
        let policy = try ServiceLevelPolicy.load(from: Data(Self.document.utf8))
        #expect(policy.rules.count == 3)
        #expect(policy.warningShare == 0.8)
        #expect(policy.calendarIDs == ["london"])
        #expect(policy.rules[1].targets[.resolution]?.pausedStatuses == [.pending, .onHold])
        // Defaults fill in: the first-reply target pauses on nothing.
        #expect(policy.rules[2].targets[.firstReply]?.pausedStatuses == [])
        let again = try ServiceLevelPolicy.load(from: JSONEncoder().encode(policy))
        #expect(again == policy)
    }

    @Test func firstMatchingRuleWins() throws {
        let policy = try ServiceLevelPolicy.load(from: Data(Self.document.utf8))
        let created = try event("1", "2026-12-01T10:00:00Z", .created)
        let member = try Case(id: "M", channel: .email, customer: Customer(id: "K", role: .member), events: [created])
        let both = try Case(
            id: "S",
            channel: .email,
            customer: Customer(id: "K", role: .member),
            tags: ["safeguarding"],
            events: [created]
        )
        let byMail = try Case(id: "P", channel: .mail, tags: ["safeguarding"], events: [created])
        let context = PolicyContext()
        #expect(policy.matchingRule(for: member, in: context) == 1)
        #expect(policy.matchingRule(for: both, in: context) == 0)
        #expect(policy.matchingRule(for: byMail, in: context) == 2)
    }

    @Test(arguments: [
        // (document fragment replacing the third rule's targets, expected path)
        (
            #"{"firstReply": {"clock": "calendar", "durations": {"urgent": -5}}}"#,
            "rules[2].targets.firstReply.durations.urgent"
        ),
        (
            #"{"firstReply": {"clock": "calendar", "durations": {"urgent": "soon"}}}"#,
            "rules[2].targets.firstReply.durations.urgent"
        ),
        (#"{"firstReply": {"durations": {"urgent": 60}}}"#, "rules[2].targets.firstReply.clock"),
        (#"{"firstReply": {"clock": "sundial", "durations": {"urgent": 60}}}"#, "rules[2].targets.firstReply.clock"),
        (#"{"lunchBreak": {"clock": "calendar", "durations": {"urgent": 60}}}"#, "rules[2].targets.lunchBreak"),
        (
            #"{"agentWork": {"clock": "calendar", "durations": {"urgent": 60}, "pauseWhile": ["new"]}}"#,
            "rules[2].targets.agentWork.pauseWhile"
        ),
        (
            #"{"resolution": {"clock": "calendar", "durations": {"urgent": 60}, "pauseWhile": ["asleep"]}}"#,
            "rules[2].targets.resolution.pauseWhile[0]"
        ),
    ])
    func badFieldsAreNamedByPath(targets: String, path: String) throws {
        let broken = #"{"id": "p", "rules": [{"targets": {}}, {"targets": {}}, {"targets": "# + targets + "}]}"
        #expect {
            try ServiceLevelPolicy.load(from: Data(broken.utf8))
        } throws: { error in
            (error as? ServiceStandardsError)?.path == path
        }
    }

    @Test func badConditionsAndPolicyFieldsAreNamedByPath() {
        let unknown = #"{"id": "p", "rules": [{"when": {"weather": ["rain"]}, "targets": {}}]}"#
        #expect { try ServiceLevelPolicy.load(from: Data(unknown.utf8)) } throws: {
            ($0 as? ServiceStandardsError)?.path == "rules[0].when.weather"
        }
        let twoKeys = #"{"id": "p", "rules": [{"when": {"tag": ["a"], "channel": ["phone"]}, "targets": {}}]}"#
        #expect { try ServiceLevelPolicy.load(from: Data(twoKeys.utf8)) } throws: {
            ($0 as? ServiceStandardsError)?.path == "rules[0].when"
        }
        let warning = #"{"id": "p", "warningAt": 1.5, "rules": []}"#
        #expect { try ServiceLevelPolicy.load(from: Data(warning.utf8)) } throws: {
            ($0 as? ServiceStandardsError)?.path == "warningAt"
        }
        let noID = #"{"rules": []}"#
        #expect { try ServiceLevelPolicy.load(from: Data(noID.utf8)) } throws: {
            ($0 as? ServiceStandardsError)?.code == .missingField && ($0 as? ServiceStandardsError)?.path == "id"
        }
        #expect { try ServiceLevelPolicy.load(from: Data("not json".utf8)) } throws: { $0 is ServiceStandardsError }
    }

    @Test func evaluatorRejectsMissingCalendarsAndConditions() throws {
        let policy = try ServiceLevelPolicy.load(from: Data(Self.document.utf8))
        #expect { try PolicyEvaluator(policy: policy) } throws: {
            ($0 as? ServiceStandardsError)?.code == .unknownCalendar
                && ($0 as? ServiceStandardsError)?.path == "rules[1].targets.firstReply.clock"
        }
        let custom = try ServiceLevelPolicy(id: "c", rules: [.init(name: "VIP", when: .custom("vip"), targets: [:])])
        #expect { try PolicyEvaluator(policy: custom) } throws: {
            ($0 as? ServiceStandardsError)?.code == .unknownCondition
                && ($0 as? ServiceStandardsError)?.path == "rules[0].when"
        }
    }

    @Test func customAndSectorConditions() throws {
        struct Escalated: CaseCondition {
            func matches(_ item: Case, in context: PolicyContext) -> Bool { item.facts.escalationCount > 0 }
        }
        let policy = try ServiceLevelPolicy(
            id: "c",
            rules: [
                .init(name: "Escalated", when: .custom("escalated"), targets: [:]),
                .init(name: "Public", when: .sector([.public]), targets: [:]),
            ]
        )
        let council = try Organisation(id: "o", name: "Council", sector: .public)
        let evaluator = try PolicyEvaluator(
            policy: policy,
            organisation: council,
            customConditions: ["escalated": Escalated()]
        )
        let plain = try Case(id: "1", channel: .phone, events: [event("1", "2026-12-01T10:00:00Z", .created)])
        let escalated = try Case(
            id: "2",
            channel: .phone,
            events: [
                event("1", "2026-12-01T10:00:00Z", .created), event("2", "2026-12-01T10:05:00Z", .escalated(team: nil)),
            ]
        )
        #expect(try evaluator.evaluate(escalated, at: at("2026-12-01T11:00:00Z")).ruleIndex == 0)
        #expect(try evaluator.evaluate(plain, at: at("2026-12-01T11:00:00Z")).ruleIndex == 1)
    }

    @Test func targetsRejectBadDurations() {
        #expect { try ServiceTarget(kind: .firstReply, clock: .calendarTime, durations: [.high: .nan]) } throws: {
            ($0 as? ServiceStandardsError)?.code == .nonFinite
                && ($0 as? ServiceStandardsError)?.path == "durations.high"
        }
        #expect { try ServiceTarget(kind: .firstReply, clock: .calendarTime, durations: [.high: 0]) } throws: {
            ($0 as? ServiceStandardsError)?.code == .outOfRange
        }
    }
}

struct ServiceLevelConfigurationTests {
    static let document = """
        {"calendars": {"london": {"timeZone": "Europe/London",
                                  "weeklyHours": {"monday": [{"start": "09:00", "end": "17:00"}],
                                                  "tuesday": [{"start": "09:00", "end": "17:00"}]},
                                  "holidays": [{"date": "2026-12-29", "name": "Office closed"}]}},
         "policy": {"id": "p", "rules": [{"targets": {"firstReply": {"clock": {"businessHours": "london"},
                                                                  "durations": {"normal": 3600}}}}]}}
        """

    @Test func loadsEvaluatesAndRoundTrips() throws {
        let configuration = try ServiceLevelConfiguration.load(from: Data(Self.document.utf8))
        let evaluator = try configuration.evaluator()
        // Created Monday 28 December 2026 16:30 (GMT); Tuesday the 29th is closed; the office is shut Wednesday to
        // Sunday (no hours); next open Monday 4 January. At Monday 09:00: 30 min counted; breach at 09:30.
        let item = try Case(id: "C", channel: .email, events: [event("1", "2026-12-28T16:30:00Z", .created)])
        let outcome = try #require(try evaluator.evaluate(item, at: at("2027-01-04T09:00:00Z")).outcomes.first)
        #expect(outcome.elapsed == 1_800 && outcome.state == .active)
        #expect(outcome.breachAt == (try at("2027-01-04T09:30:00Z")))
        #expect(try ServiceLevelConfiguration.load(from: JSONEncoder().encode(configuration)) == configuration)
    }

    @Test func badCalendarsAreNamedByPath() {
        let unknownZone = Self.document.replacingOccurrences(of: "Europe/London", with: "Europe/Atlantis")
        #expect { try ServiceLevelConfiguration.load(from: Data(unknownZone.utf8)) } throws: {
            ($0 as? ServiceStandardsError)?.path == "calendars.london.timeZone"
        }
        let overlapping = Self.document.replacingOccurrences(
            of: #""tuesday": [{"start": "09:00", "end": "17:00"}]"#,
            with: #""tuesday": [{"start": "09:00", "end": "17:00"}, {"start": "16:00", "end": "18:00"}]"#
        )
        #expect { try ServiceLevelConfiguration.load(from: Data(overlapping.utf8)) } throws: { error in
            let e = error as? ServiceStandardsError
            return e?.path == "calendars.london.weeklyHours" && e?.message.contains("tuesday[1]") == true
        }
        let missingCalendar = Self.document.replacingOccurrences(
            of: #"{"businessHours": "london"}"#,
            with: #"{"businessHours": "paris"}"#
        )
        #expect {
            try ServiceLevelConfiguration.load(from: Data(missingCalendar.utf8)).evaluator()
        } throws: { ($0 as? ServiceStandardsError)?.path == "policy.rules[0].targets.firstReply.clock" }
    }
}

struct GuideExampleTests {
    @Test func theGuidesErrorMessageIsTheRealOne() throws {
        // Documentation/DefiningServiceStandards.md quotes this message.
        let document = """
            {"calendars": {}, "policy": {"id": "p", "rules": [{"targets": {}},
             {"targets": {"resolution": {"clock": "calendar", "durations": {"low": -5}}}}]}}
            """
        #expect {
            try ServiceLevelConfiguration.load(from: Data(document.utf8))
        } throws: { error in
            (error as? ServiceStandardsError)?.description
                == "malformed at policy.rules[1].targets.resolution.durations.low: "
                + "a target duration must be positive and at most ten years (315576000.0 s), not -5.0"
        }
    }
}

struct StrictConfigurationTests {
    @Test(arguments: [
        // A misspelt field is an error naming it, never a setting silently ignored.
        (
            #"{"calendars": {}, "policy": {"id": "p", "rules": [{"whne": {"tag": ["vip"]}, "targets": {}}]}}"#,
            "policy.rules[0].whne"
        ),
        (
            #"{"calendars": {}, "policy": {"id": "p", "rules": [{"targets": {"resolution": {"clock": "calendar", "durations": {"low": 60}, "pauseWile": ["pending"]}}}]}}"#,
            "policy.rules[0].targets.resolution.pauseWile"
        ),
        (
            #"{"calendars": {"c": {"timeZone": "UTC", "weeklyHours": {}, "holiday": [{"date": "2026-12-25"}]}}, "policy": {"id": "p", "rules": []}}"#,
            "calendars.c.holiday"
        ),
        (
            #"{"calendars": {"c": {"timeZone": "UTC", "weeklyHours": {"monday": [{"start": "09:00", "end": "17:00", "until": "18:00"}]}}}, "policy": {"id": "p", "rules": []}}"#,
            "calendars.c.weeklyHours.monday[0].until"
        ),
        (#"{"calendars": {}, "polcy": {"id": "p", "rules": []}}"#, "polcy"),
        (#"{"calendars": {}, "policy": {"id": "p", "warning": 0.5, "rules": []}}"#, "policy.warning"),
    ])
    func misspeltFieldsAreNamed(document: String, path: String) {
        #expect {
            try ServiceLevelConfiguration.load(from: Data(document.utf8))
        } throws: { ($0 as? ServiceStandardsError)?.path == path }
    }

    @Test func rubricsAreStrictToo() {
        let typo = #"{"id": "r", "passMark": 0.8, "criteria": [{"id": "a", "dimension": "accuracy", "wieght": 2}]}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(QualityRubric.self, from: Data(typo.utf8)) }
    }

    @Test func dataRecordsStayLenient() throws {
        // Exports carry extra columns: cases ignore fields they do not know.
        let json =
            #"{"id": "C", "channel": "email", "crmRef": 42, "events": [{"id": "1", "at": "2026-12-01T09:00:00Z", "type": "created", "source": "web"}]}"#
        #expect(try JSONDecoder().decode(Case.self, from: Data(json.utf8)).id == "C")
    }
}
