// A seeded, deterministic generator of a realistic fictional organisation's service data.
//
// Brightwater Energy, a private-sector energy supplier, serves households and businesses in the UK (Europe/London)
// and the US east coast (America/New_York). Cases arrive by email, web form, chat and phone, mostly in office hours,
// some at night and at weekends; they are replied to in business hours after a delay that depends on priority, wait
// for the customer (pending), wait on a third party (on hold), get escalated, solved and sometimes reopened. The
// distributions are plausible, not fitted to any real organisation.

public import CustomerServiceKit
import Foundation

/// Generates a ``SampleDataSet``; equal settings give equal data on every run and platform.
public struct SampleGenerator: Sendable {
    /// The seed of the random sequence.
    public var seed: UInt64
    /// The year of cases (all of it; the data is taken at the start of the next year).
    public var year: Int
    /// Cases per weekday in the UK; the US, Saturdays and Sundays get proportionally fewer.
    public var casesPerWeekday: Double
    /// Weekdays of contact-centre contacts, ending on the last full week of November of the year.
    public var contactDays: Int
    /// Relationship NPS answers in the year.
    public var npsAnswers: Int
    /// SERVQUAL questionnaires.
    public var servqualRespondents: Int

    /// The settings of the shipped data set.
    ///
    /// - Parameters:
    ///   - seed: The seed.
    ///   - year: The year.
    ///   - casesPerWeekday: UK cases per weekday.
    ///   - contactDays: Weekdays of contacts.
    ///   - npsAnswers: NPS answers.
    ///   - servqualRespondents: SERVQUAL questionnaires.
    public init(
        seed: UInt64 = 2026,
        year: Int = 2026,
        casesPerWeekday: Double = 7,
        contactDays: Int = 10,
        npsAnswers: Int = 600,
        servqualRespondents: Int = 150
    ) {
        self.seed = seed
        self.year = year
        self.casesPerWeekday = casesPerWeekday
        self.contactDays = contactDays
        self.npsAnswers = npsAnswers
        self.servqualRespondents = servqualRespondents
    }

    /// The business calendars: `uk` (Mon–Fri 08:00–18:00, Sat 09:00–13:00, England and Wales bank holidays) and `us`
    /// (Mon–Fri 08:00–20:00, US federal holidays), with the holidays of the year and the next.
    ///
    /// - Parameter year: The first year of holidays.
    /// - Returns: The calendars by identifier.
    /// - Throws: Calendar errors (none for the built-in data).
    public static func calendars(year: Int) throws -> [CalendarID: BusinessCalendar] {
        let ukHours = try WeeklyHours([
            .monday: [OpeningInterval("08:00", "18:00")], .tuesday: [OpeningInterval("08:00", "18:00")],
            .wednesday: [OpeningInterval("08:00", "18:00")], .thursday: [OpeningInterval("08:00", "18:00")],
            .friday: [OpeningInterval("08:00", "18:00")], .saturday: [OpeningInterval("09:00", "13:00")],
        ])
        return [
            "uk": try BusinessCalendar(timeZone: "Europe/London", weeklyHours: ukHours)
                .addingHolidays(from: RegionalHolidays.englandAndWales, years: year...(year + 1)),
            "us": try BusinessCalendar(timeZone: "America/New_York", weeklyHours: .weekdays(8, 20))
                .addingHolidays(from: RegionalHolidays.unitedStatesFederal, years: year...(year + 1)),
        ]
    }

    /// The service-level policy: urgent and high cases, business customers (gold segment), then everyone; US cases on
    /// the US calendar.
    ///
    /// - Returns: The policy.
    /// - Throws: Policy errors (none for the built-in data).
    public static func policy() throws -> ServiceLevelPolicy {
        let hour = 3_600.0
        func targets(_ calendar: CalendarID, firstReply: [Priority: Double], resolution: [Priority: Double]) throws
            -> [TargetKind: ServiceTarget]
        {
            let clock = TargetClock.businessHours(calendar)
            return [
                .firstReply: try ServiceTarget(kind: .firstReply, clock: clock, durations: firstReply),
                .nextReply: try ServiceTarget(kind: .nextReply, clock: clock, durations: firstReply),
                .resolution: try ServiceTarget(
                    kind: .resolution,
                    clock: clock,
                    durations: resolution,
                    pausedStatuses: [.pending, .onHold]
                ),
                .periodicUpdate: try ServiceTarget(
                    kind: .periodicUpdate,
                    clock: .calendarTime,
                    durations: [.urgent: 24 * hour, .high: 48 * hour, .normal: 120 * hour, .low: 120 * hour]
                ),
            ]
        }
        let standardReply: [Priority: Double] = [
            .urgent: 1 * hour, .high: 2 * hour, .normal: 8 * hour, .low: 16 * hour,
        ]
        let standardResolution: [Priority: Double] = [
            .urgent: 8 * hour, .high: 24 * hour, .normal: 40 * hour, .low: 80 * hour,
        ]
        let goldReply: [Priority: Double] = [.urgent: 0.5 * hour, .high: 1 * hour, .normal: 4 * hour, .low: 8 * hour]
        return try ServiceLevelPolicy(
            id: "brightwater-2026",
            name: "Brightwater service standards 2026",
            rules: [
                .init(
                    name: "US gold customers",
                    when: .all([.tag(["us"]), .segment(["gold"])]),
                    targets: try targets("us", firstReply: goldReply, resolution: standardResolution)
                ),
                .init(
                    name: "US customers",
                    when: .tag(["us"]),
                    targets: try targets("us", firstReply: standardReply, resolution: standardResolution)
                ),
                .init(
                    name: "UK gold customers",
                    when: .segment(["gold"]),
                    targets: try targets("uk", firstReply: goldReply, resolution: standardResolution)
                ),
                .init(
                    name: "UK customers",
                    targets: try targets("uk", firstReply: standardReply, resolution: standardResolution)
                ),
            ]
        )
    }

    /// Generates the data set.
    ///
    /// - Parameter progress: Called with a short line on each stage ("cases: day 40 of 730, 312 cases", "contacts",
    ///   …), for a progress display; `nil` for none.
    /// - Returns: The data set.
    /// - Throws: Errors of the library's validating initialisers, which the generator's own data never trips.
    public func generate(progress: ((String) -> Void)? = nil) throws -> SampleDataSet {
        var rng = SeededGenerator(seed: seed)
        let calendars = try Self.calendars(year: year)
        let asOf = try Self.instant(year + 1, 1, 1, 0, 0, in: "UTC")
        let organisation = try Organisation(
            id: "brightwater",
            name: "Brightwater Energy",
            sector: .private,
            profile: ServiceProfile(
                intermediaries: .mixed,
                contactLevel: .medium,
                purchase: .mixed,
                deliveryDuration: .ongoing,
                capacityConstraint: .medium,
                frequencyOfUse: .regular,
                complexity: .medium
            )
        )
        let cases = try generateCases(calendars: calendars, asOf: asOf, rng: &rng, progress: progress)
        progress?("contacts: \(contactDays) days")
        let contacts = try generateContacts(rng: &rng)
        progress?("surveys: \(npsAnswers) NPS answers and CSAT and CES after cases and calls")
        let surveys = try generateSurveys(cases: cases, contacts: contacts, calendars: calendars, rng: &rng)
        progress?("SERVQUAL: \(servqualRespondents) questionnaires")
        let servqual = generateServqual(rng: &rng)
        progress?("audit")
        let audit = try generateAudit(rng: &rng)
        return SampleDataSet(
            organisation: organisation,
            serviceLevels: ServiceLevelConfiguration(policy: try Self.policy(), calendars: calendars),
            cases: cases,
            contacts: contacts,
            surveys: surveys,
            servqual: servqual,
            audit: audit,
            asOf: asOf
        )
    }

    // MARK: - Cases

    static let topics: [(tag: String, team: TeamID, weight: Double)] = [
        ("billing", "billing", 0.40), ("meter", "technical", 0.20), ("outage", "technical", 0.10),
        ("moving-home", "accounts", 0.20), ("complaint", "complaints", 0.10),
    ]

    static func agents(of team: TeamID, region: String) -> [AgentID] {
        (1...4).map { AgentID("\(region)-\(team.rawValue)-\($0)") }
    }

    private func generateCases(
        calendars: [CalendarID: BusinessCalendar],
        asOf: Date,
        rng: inout SeededGenerator,
        progress: ((String) -> Void)?
    ) throws -> [Case] {
        var cases: [Case] = []
        let first = try LocalDate(year: year, month: 1, day: 1)
        let last = try LocalDate(year: year, month: 12, day: 31)
        let regions = ["uk", "us"]
        let days = last.dayNumber - first.dayNumber + 1
        for (regionIndex, region) in regions.enumerated() {
            guard let calendar = calendars[CalendarID(region)] else { continue }
            let regionShare = region == "uk" ? 1.0 : 0.35
            for dayNumber in first.dayNumber...last.dayNumber {
                let done = regionIndex * days + dayNumber - first.dayNumber + 1
                progress?("cases: day \(done) of \(regions.count * days), \(cases.count) cases")
                let date = try LocalDate(dayNumber: dayNumber)
                let dayShare: Double
                switch date.weekday {
                case .saturday: dayShare = region == "uk" ? 0.35 : 0.15
                case .sunday: dayShare = 0.15
                default: dayShare = 1
                }
                let count = Self.poisson(casesPerWeekday * regionShare * dayShare, &rng)
                for _ in 0..<count {
                    let number = cases.count + 1
                    let id = CaseID(String(format: "BW-%05d", number))
                    if let item = try generateCase(
                        id: id,
                        region: region,
                        date: date,
                        calendar: calendar,
                        asOf: asOf,
                        rng: &rng
                    ) {
                        cases.append(item)
                    }
                }
            }
        }
        return cases
    }

    private func generateCase(
        id: CaseID,
        region: String,
        date: LocalDate,
        calendar: BusinessCalendar,
        asOf: Date,
        rng: inout SeededGenerator
    ) throws -> Case? {
        // Creation: in office hours mostly, any time otherwise.
        let inHours = date.weekday != .sunday && Double.random(in: 0..<1, using: &rng) < 0.75
        let minuteOfDay =
            inHours ? Int.random(in: 8 * 60..<18 * 60, using: &rng) : Int.random(in: 0..<24 * 60, using: &rng)
        let created = try Self.instant(
            date.year,
            date.month,
            date.day,
            minuteOfDay / 60,
            minuteOfDay % 60,
            in: calendar.timeZoneIdentifier
        )
        guard created < asOf else { return nil }
        let topic = Self.pick(Self.topics.map { ($0, $0.weight) }, &rng)
        let channel = Self.pick([(Channel.email, 0.4), (.webForm, 0.2), (.chat, 0.25), (.phone, 0.15)], &rng)
        var priority = Self.pick([(Priority.low, 0.15), (.normal, 0.6), (.high, 0.2), (.urgent, 0.05)], &rng)
        if topic.tag == "outage", priority == .low || priority == .normal { priority = .high }
        let business = Double.random(in: 0..<1, using: &rng) < 0.15
        let gold = Double.random(in: 0..<1, using: &rng) < (business ? 0.4 : 0.08)
        let customer = try Customer(
            id: CustomerID(String(format: "\(region.uppercased())-%04d", Int.random(in: 1...1_500, using: &rng))),
            role: business ? .business : .consumer,
            segments: [gold ? "gold" : "standard"]
        )
        let agents = Self.agents(of: topic.team, region: region)
        var builder = TimelineBuilder(created: created, asOf: asOf)
        // Assignment a few business minutes in; complaints and some others escalate.
        let agent = agents.randomElement(using: &rng)
        try builder.add(after: Double.random(in: 60...1_200, using: &rng), on: calendar) { _ in
            .assigned(agent: agent, team: topic.team)
        }
        if topic.tag != "complaint", Double.random(in: 0..<1, using: &rng) < 0.04 {
            try builder.add(after: Double.random(in: 600...7_200, using: &rng), on: calendar) { _ in
                .escalated(team: "complaints")
            }
        }
        // First reply: a business-hours delay whose median depends on priority (lognormal, σ 0.9).
        let medianHours: [Priority: Double] = [.urgent: 0.4, .high: 1.2, .normal: 3.5, .low: 7]
        let replyDelay = Self.logNormal(median: (medianHours[priority] ?? 3.5) * 3_600, sigma: 0.9, &rng)
        try builder.add(after: replyDelay, on: calendar) { _ in .agentReply(agent: agent) }
        // Reply cycles: the agent asks, the case waits for the customer (pending), the customer answers.
        var cycles = 0
        while cycles < 3, Double.random(in: 0..<1, using: &rng) < (cycles == 0 ? 0.35 : 0.25) {
            cycles += 1
            try builder.add(afterCalendar: 60) { _ in .statusChanged(.pending) }
            try builder.add(afterCalendar: Self.exponential(mean: 20 * 3_600, &rng)) { _ in .customerReply }
            try builder.add(afterCalendar: 0) { _ in .statusChanged(.open) }
            let next = Self.logNormal(median: 2.5 * 3_600, sigma: 1.0, &rng)
            try builder.add(after: next, on: calendar) { _ in .agentReply(agent: agent) }
        }
        // Waiting on a third party (a meter engineer, a distributor) for some technical cases.
        if topic.team == "technical", Double.random(in: 0..<1, using: &rng) < 0.3 {
            try builder.add(afterCalendar: 120) { _ in .statusChanged(.onHold) }
            try builder.add(afterCalendar: Self.exponential(mean: 3 * 86_400, &rng)) { _ in .statusChanged(.open) }
            try builder.add(after: Self.logNormal(median: 3_600, sigma: 0.8, &rng), on: calendar) { _ in
                .agentReply(agent: agent)
            }
        }
        try builder.add(after: Double.random(in: 300...7_200, using: &rng), on: calendar) { _ in
            .statusChanged(.solved)
        }
        // Reopened by the customer a few days later.
        if Double.random(in: 0..<1, using: &rng) < 0.06 {
            try builder.add(afterCalendar: Self.exponential(mean: 2 * 86_400, &rng)) { _ in .customerReply }
            try builder.add(afterCalendar: 0) { _ in .reopened }
            try builder.add(after: Self.logNormal(median: 3 * 3_600, sigma: 0.9, &rng), on: calendar) { _ in
                .agentReply(agent: agent)
            }
            try builder.add(after: Double.random(in: 300...3_600, using: &rng), on: calendar) { _ in
                .statusChanged(.solved)
            }
        }
        return try builder.finish(id, channel, priority, customer, topic.team, ["\(region)", topic.tag])
    }

    /// Appends events in time order, dropping every event from the data's cut-off on.
    struct TimelineBuilder {
        var events: [CaseEvent]
        var last: Date
        let asOf: Date
        var stopped = false

        init(created: Date, asOf: Date) {
            events = [CaseEvent(id: "1", at: created, kind: .created)]
            last = created
            self.asOf = asOf
        }

        mutating func append(at instant: Date, _ kind: (Date) -> CaseEvent.Kind) {
            guard !stopped else { return }
            guard instant < asOf else {
                stopped = true
                return
            }
            last = instant
            events.append(CaseEvent(id: CaseEventID(String(events.count + 1)), at: instant, kind: kind(instant)))
        }

        /// An event after a business-hours delay.
        mutating func add(
            after businessSeconds: Double,
            on calendar: BusinessCalendar,
            _ kind: (Date) -> CaseEvent.Kind
        ) throws {
            guard !stopped else { return }
            let instant = try calendar.date(byAdding: businessSeconds.rounded(), to: last)
            append(at: instant, kind)
        }

        /// An event after a calendar-time delay.
        mutating func add(afterCalendar seconds: Double, _ kind: (Date) -> CaseEvent.Kind) throws {
            append(at: last.addingTimeInterval(seconds.rounded()), kind)
        }

        func finish(
            _ id: CaseID,
            _ channel: Channel,
            _ priority: Priority,
            _ customer: Customer,
            _ team: TeamID,
            _ tags: Set<String>
        ) throws -> Case {
            try Case(
                id: id,
                channel: channel,
                priority: priority,
                customer: customer,
                team: team,
                tags: tags,
                events: events
            )
        }
    }

    // MARK: - Contacts

    private func generateContacts(rng: inout SeededGenerator) throws -> [Contact] {
        // The last `contactDays` weekdays up to the Friday before the last Monday of November.
        var days: [LocalDate] = []
        var day = try LocalDate(year: year, month: 11, day: 27)
        while days.count < contactDays {
            if day.weekday != .saturday, day.weekday != .sunday { days.insert(day, at: 0) }
            day = try LocalDate(dayNumber: day.dayNumber - 1)
        }
        // Calls per half hour from 08:00 to 18:00 in London: a morning peak and a smaller one after lunch.
        let profile: [Double] = [8, 14, 20, 24, 26, 24, 20, 17, 14, 15, 17, 18, 17, 15, 13, 11, 10, 8, 6, 4]
        var contacts: [Contact] = []
        for day in days {
            for (slot, mean) in profile.enumerated() {
                let start = try Self.instant(
                    day.year,
                    day.month,
                    day.day,
                    8 + slot / 2,
                    (slot % 2) * 30,
                    in: "Europe/London"
                )
                let busy = mean / 26
                for _ in 0..<Self.poisson(mean, &rng) {
                    let offered = start.addingTimeInterval(Double.random(in: 0..<1_800, using: &rng).rounded())
                    let wait = Self.exponential(mean: 4 + 26 * busy * busy, &rng).rounded()
                    let patience = Self.exponential(mean: 180, &rng).rounded()
                    let id = ContactID(String(format: "CC-%06d", contacts.count + 1))
                    if patience < wait {
                        contacts.append(
                            try Contact(
                                id: id,
                                channel: .phone,
                                queue: "uk-phone",
                                offeredAt: offered,
                                outcome: .abandoned(at: offered.addingTimeInterval(patience))
                            )
                        )
                    } else {
                        let team = Self.pick([(TeamID("billing"), 0.6), ("technical", 0.25), ("accounts", 0.15)], &rng)
                        let talk = Self.logNormal(median: 240, sigma: 0.5, &rng).rounded()
                        let hold =
                            Double.random(in: 0..<1, using: &rng) < 0.3 ? Self.exponential(mean: 45, &rng).rounded() : 0
                        contacts.append(
                            try Contact(
                                id: id,
                                channel: .phone,
                                queue: "uk-phone",
                                offeredAt: offered,
                                outcome: .answered(
                                    at: offered.addingTimeInterval(wait),
                                    agent: Self.agents(of: team, region: "uk").randomElement(using: &rng)
                                ),
                                talkTime: talk,
                                holdTime: hold,
                                wrapUpTime: Double.random(in: 20...90, using: &rng).rounded()
                            )
                        )
                    }
                }
            }
        }
        // Numbered in the order they were offered.
        return try contacts.sorted { ($0.offeredAt, $0.id.rawValue) < ($1.offeredAt, $1.id.rawValue) }.enumerated()
            .map { index, contact in
                try Contact(
                    id: ContactID(String(format: "CC-%06d", index + 1)),
                    channel: contact.channel,
                    queue: contact.queue,
                    offeredAt: contact.offeredAt,
                    outcome: contact.outcome,
                    talkTime: contact.talkTime,
                    holdTime: contact.holdTime,
                    wrapUpTime: contact.wrapUpTime
                )
            }
    }

    // MARK: - Surveys

    private func generateSurveys(
        cases: [Case],
        contacts: [Contact],
        calendars: [CalendarID: BusinessCalendar],
        rng: inout SeededGenerator
    ) throws -> [SurveyAnswer] {
        var answers: [SurveyAnswer] = []
        // CSAT after a solve: lower after a slow first reply or a reopen.
        for item in cases {
            guard let solved = item.facts.solvedAt, Double.random(in: 0..<1, using: &rng) < 0.3 else { continue }
            let calendar = calendars[item.tags.contains("us") ? "us" : "uk"]
            var base = 4.3
            if let reply = item.facts.firstAgentReplyAt, let calendar,
                try calendar.businessDuration(from: item.facts.createdAt, to: reply) > 8 * 3_600
            {
                base -= 0.8
            }
            if item.facts.reopenCount > 0 { base -= 1.0 }
            let score = min(5, max(1, (base + Self.normal(&rng) * 0.9).rounded()))
            answers.append(
                SurveyAnswer(
                    survey: "csat",
                    at: solved.addingTimeInterval(Self.exponential(mean: 6 * 3_600, &rng).rounded()),
                    caseID: item.id,
                    response: SurveyResponse(
                        id: "CSAT-\(item.id.rawValue)",
                        score: score,
                        segment: item.customer?.segments.first
                    )
                )
            )
        }
        // Relationship NPS through the year, gold customers more loyal.
        let yearStart = try Self.instant(year, 1, 1, 0, 0, in: "UTC")
        for index in 0..<npsAnswers {
            let gold = Double.random(in: 0..<1, using: &rng) < 0.2
            let weights: [Double] =
                gold
                ? [0.01, 0.01, 0.01, 0.02, 0.02, 0.03, 0.05, 0.1, 0.15, 0.25, 0.35]
                : [0.03, 0.02, 0.03, 0.04, 0.05, 0.08, 0.1, 0.15, 0.17, 0.17, 0.16]
            let score = Double(Self.pick(weights.enumerated().map { ($0.offset, $0.element) }, &rng))
            let at = yearStart.addingTimeInterval(
                (Double(index) + Double.random(in: 0..<1, using: &rng)) / Double(npsAnswers) * 365 * 86_400
            )
            answers.append(
                SurveyAnswer(
                    survey: "nps",
                    at: at.addingTimeInterval(0).rounded(),
                    response: SurveyResponse(
                        id: String(format: "NPS-%04d", index + 1),
                        score: score,
                        segment: gold ? "gold" : "standard"
                    )
                )
            )
        }
        // Effort after answered calls: harder after a long wait.
        for contact in contacts {
            guard case .answered(let at, _) = contact.outcome, Double.random(in: 0..<1, using: &rng) < 0.1 else {
                continue
            }
            let wait = at.timeIntervalSince(contact.offeredAt)
            let base = 2.0 + (wait > 60 ? 1 : 0) + (contact.holdTime > 0 ? 0.5 : 0)
            let score = min(5, max(1, (base + Self.normal(&rng) * 0.8).rounded()))
            answers.append(
                SurveyAnswer(
                    survey: "ces",
                    at: at.addingTimeInterval(contact.handleTime + 60),
                    response: SurveyResponse(id: "CES-\(contact.id.rawValue)", score: score)
                )
            )
        }
        return answers
    }

    private func generateServqual(rng: inout SeededGenerator) -> [ServqualResponse] {
        // Perception falls short of expectation most on responsiveness and reliability.
        let shortfall: [ServqualDimension: Double] = [
            .tangibles: 0.3, .reliability: 1.1, .responsiveness: 1.3, .assurance: 0.6, .empathy: 0.8,
        ]
        return (0..<servqualRespondents).map { index in
            var expectations: [String: Double] = [:]
            var perceptions: [String: Double] = [:]
            for item in ServqualInstrument.standard.items {
                let expectation = min(7, max(1, (6.2 + Self.normal(&rng) * 0.7).rounded()))
                let perception = min(
                    7,
                    max(1, (6.2 - (shortfall[item.dimension] ?? 0.5) + Self.normal(&rng) * 1.0).rounded())
                )
                expectations[item.id] = expectation
                perceptions[item.id] = perception
            }
            return ServqualResponse(
                respondent: String(format: "SQ-%03d", index + 1),
                expectations: expectations,
                perceptions: perceptions
            )
        }
    }

    private func generateAudit(rng: inout SeededGenerator) throws -> Audit {
        let template = try BuiltInTemplates.template("excellent-service-provider")
        let period = DateInterval(
            start: try Self.instant(year, 10, 1, 0, 0, in: "UTC"),
            end: try Self.instant(year, 12, 1, 0, 0, in: "UTC")
        )
        var audit = try Audit(
            id: "AUD-\(year)-01",
            template: template,
            subject: .organisation,
            auditors: ["Quality team"],
            period: period
        )
        try audit.transition(to: .inProgress)
        for entry in template.itemsWithPaths {
            let rating = Self.pick([("exceeds", 0.15), ("meets", 0.5), ("partly", 0.27), ("doesNotMeet", 0.08)], &rng)
            try audit.record(AuditAnswer(item: entry.item.id, .choice(rating)))
        }
        let result = try audit.score(with: template)
        try audit.setFindings(FindingPolicy().draft(from: result, template: template))
        if let worst = audit.findings.min(by: { $0.severity > $1.severity }), worst.severity != .goodPractice {
            try audit.setAction(
                CorrectiveAction(
                    id: "CA-1",
                    finding: worst.id,
                    description: "Agree an improvement plan with the service owner and review it monthly.",
                    owner: "Head of Customer Service",
                    due: try LocalDate(year: year + 1, month: 3, day: 31),
                    priority: .high,
                    raised: try LocalDate(year: year, month: 12, day: 1)
                )
            )
        }
        try audit.transition(to: .submitted)
        return audit
    }

    // MARK: - Randomness

    /// A wall time in a zone, as an instant (Foundation's calendar arithmetic).
    static func instant(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, in zone: String) throws
        -> Date
    {
        var calendar = Calendar(identifier: .gregorian)
        guard let timeZone = TimeZone(identifier: zone) else {
            throw SampleDataError(file: "generator", message: "no time zone \(zone)")
        }
        calendar.timeZone = timeZone
        guard
            let date = calendar.date(
                from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)
            )
        else { throw SampleDataError(file: "generator", message: "no instant for \(year)-\(month)-\(day)") }
        return date
    }

    static func pick<T>(_ choices: [(T, Double)], _ rng: inout SeededGenerator) -> T {
        let total = choices.reduce(0) { $0 + $1.1 }
        var u = Double.random(in: 0..<total, using: &rng)
        for (value, weight) in choices {
            if u < weight { return value }
            u -= weight
        }
        return choices[choices.count - 1].0
    }

    /// Knuth's method; fine for the small means used here.
    static func poisson(_ mean: Double, _ rng: inout SeededGenerator) -> Int {
        let limit = exp(-mean)
        var product = Double.random(in: 0..<1, using: &rng)
        var count = 0
        while product > limit {
            count += 1
            product *= Double.random(in: 0..<1, using: &rng)
        }
        return count
    }

    static func exponential(mean: Double, _ rng: inout SeededGenerator) -> Double {
        -mean * log(1 - Double.random(in: 0..<1, using: &rng))
    }

    /// A standard normal variate (Box–Muller).
    static func normal(_ rng: inout SeededGenerator) -> Double {
        let u1 = 1 - Double.random(in: 0..<1, using: &rng)
        let u2 = Double.random(in: 0..<1, using: &rng)
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    static func logNormal(median: Double, sigma: Double, _ rng: inout SeededGenerator) -> Double {
        median * exp(sigma * normal(&rng))
    }
}

extension Date {
    fileprivate func rounded() -> Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded()) }
}
