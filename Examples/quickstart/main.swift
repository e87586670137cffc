// quickstart — a first look at CustomerServiceKit on embedded sample data.
//
//     swift run quickstart                 # the embedded sample: a council's contact centre in London
//     swift run quickstart cases.json      # your own cases, as a JSON array in the documented form
//
// It builds a business calendar (weekday hours, a lunch break, the 2026 bank holidays of England and Wales),
// reads a handful of cases, prints each case's first-reply and resolution times in business and calendar hours, and
// checks every case against the public-sector service standard.

import CustomerServiceKit
import Foundation

let arguments = CommandLine.arguments.dropFirst()
if arguments.contains("--help") || arguments.contains("-h") {
    print(
        """
        usage: quickstart [cases.json]

        Prints first-reply and resolution times in business hours (Mon–Fri 08:30–17:00, Europe/London, closed
        12:30–13:15 and on the 2026 bank holidays of England and Wales) for the embedded sample cases, or for the
        cases in the given JSON file (an array of cases; see Documentation/DataFormats.md).
        """
    )
    exit(0)
}

let sampleCases = """
    [
     {"id": "C-101", "channel": "phone", "priority": "high", "team": "housing",
      "customer": {"id": "R-1", "role": "citizen", "segments": ["housing"]},
      "events": [
       {"id": "1", "at": "2026-03-27T16:40:00Z", "type": "created"},
       {"id": "2", "at": "2026-03-27T16:45:00Z", "type": "assigned", "agent": "A-3", "team": "housing"},
       {"id": "3", "at": "2026-03-30T08:50:00+01:00", "type": "agentReply", "agent": "A-3"},
       {"id": "4", "at": "2026-03-30T08:51:00+01:00", "type": "statusChanged", "status": "pending"},
       {"id": "5", "at": "2026-03-31T10:00:00+01:00", "type": "customerReply"},
       {"id": "6", "at": "2026-03-31T10:00:00+01:00", "type": "statusChanged", "status": "open"},
       {"id": "7", "at": "2026-04-01T11:30:00+01:00", "type": "agentReply", "agent": "A-3"},
       {"id": "8", "at": "2026-04-01T11:31:00+01:00", "type": "statusChanged", "status": "solved"}]},
     {"id": "C-102", "channel": "email", "priority": "normal", "team": "revenues",
      "customer": {"id": "R-2", "role": "business"},
      "events": [
       {"id": "1", "at": "2026-04-02T15:10:00+01:00", "type": "created"},
       {"id": "2", "at": "2026-04-07T09:05:00+01:00", "type": "agentReply", "agent": "A-9"},
       {"id": "3", "at": "2026-04-07T09:06:00+01:00", "type": "statusChanged", "status": "solved"},
       {"id": "4", "at": "2026-04-08T12:00:00+01:00", "type": "customerReply"},
       {"id": "5", "at": "2026-04-08T12:00:00+01:00", "type": "reopened"},
       {"id": "6", "at": "2026-04-08T14:00:00+01:00", "type": "escalated", "team": "revenues-senior"},
       {"id": "7", "at": "2026-04-09T10:15:00+01:00", "type": "agentReply", "agent": "A-12"},
       {"id": "8", "at": "2026-04-09T10:16:00+01:00", "type": "statusChanged", "status": "solved"}]},
     {"id": "C-103", "channel": "webForm", "priority": "urgent", "team": "social-care",
      "customer": {"id": "R-3", "role": "citizen", "segments": ["vulnerable"]},
      "events": [
       {"id": "1", "at": "2026-04-10T12:45:00+01:00", "type": "created"},
       {"id": "2", "at": "2026-04-10T13:20:00+01:00", "type": "agentReply", "agent": "A-5"},
       {"id": "3", "at": "2026-04-10T16:30:00+01:00", "type": "statusChanged", "status": "solved"}]},
     {"id": "C-104", "channel": "chat", "priority": "low", "team": "waste",
      "customer": {"id": "R-4", "role": "citizen"},
      "events": [
       {"id": "1", "at": "2026-04-13T07:55:00+01:00", "type": "created"},
       {"id": "2", "at": "2026-04-13T08:40:00+01:00", "type": "internalNote", "agent": "A-2"}]}
    ]
    """

do {
    // Business hours: Monday to Friday 08:30–12:30 and 13:15–17:00, London time, closed on bank holidays.
    let calendar = try BusinessCalendar(
        timeZone: "Europe/London",
        weeklyHours: .weekdays([OpeningInterval("08:30", "12:30"), OpeningInterval("13:15", "17:00")])
    ).addingHolidays(from: RegionalHolidays.englandAndWales, years: 2026...2026)
    let council = try Organisation(id: "riverside", name: "Riverside Borough Council", sector: .public)

    let data: Data
    if let path = arguments.first {
        data = try Data(contentsOf: URL(fileURLWithPath: path))
    } else {
        data = Data(sampleCases.utf8)
    }
    let cases = try JSONDecoder().decode([Case].self, from: data)

    print(
        "\(council.name) — \(council.sector.rawValue) sector, driven by \(council.sector.traits.primaryDriver.rawValue)"
    )
    for obligation in council.sector.traits.obligations { print("  • \(obligation)") }
    print("")
    print(
        "Business hours: Mon–Fri 08:30–12:30, 13:15–17:00 (\(calendar.timeZoneIdentifier)), \(calendar.holidays.count) bank holidays"
    )
    print("")

    func hours(_ seconds: TimeInterval?) -> String {
        guard let seconds else { return "—" }
        let minutes = Int((seconds / 60).rounded())
        return "\(minutes / 60)h\(minutes % 60 < 10 ? "0" : "")\(minutes % 60)"
    }
    func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: width, withPad: " ", startingAt: 0) }

    print(
        pad("case", 7) + pad("channel", 9) + pad("priority", 9) + pad("status", 8)
            + pad("1st reply (bus.)", 17) + pad("(calendar)", 11) + pad("resolved (bus.)", 16) + pad("(calendar)", 11)
            + "reopens"
    )
    var firstReplies: [TimeInterval] = []
    for item in cases {
        let facts = item.facts
        let firstReply = try facts.firstAgentReplyAt.map {
            try calendar.businessDuration(from: facts.createdAt, to: $0)
        }
        let resolution = try facts.solvedAt.map { try calendar.businessDuration(from: facts.createdAt, to: $0) }
        if let firstReply { firstReplies.append(firstReply) }
        print(
            pad(item.id.rawValue, 7) + pad(item.channel.rawValue, 9) + pad(facts.priority.rawValue, 9)
                + pad(facts.status.rawValue, 8) + pad(hours(firstReply), 17)
                + pad(hours(facts.firstAgentReplyAt?.timeIntervalSince(facts.createdAt)), 11)
                + pad(hours(resolution), 16) + pad(hours(facts.solvedAt?.timeIntervalSince(facts.createdAt)), 11)
                + "\(facts.reopenCount)"
        )
    }
    print("")
    if !firstReplies.isEmpty {
        let mean = firstReplies.reduce(0, +) / Double(firstReplies.count)
        print("Mean first reply in business hours: \(hours(mean)) over \(firstReplies.count) replied cases")
    }
    // When is an 8-business-hour first-reply target due for a case created on the Thursday before Easter?
    let created = try InstantCoding.date(from: "2026-04-02T15:10:00+01:00")
    let due = try calendar.date(byAdding: 8 * 3600, to: created)
    print(
        "An 8-business-hour target for a case created \(InstantCoding.string(from: created)) is due \(InstantCoding.string(from: due))"
    )
    print("  (Good Friday 3 April and Easter Monday 6 April 2026 are closed.)")

    // The public-sector preset: one standard for every citizen, on these business hours.
    let preset = try SectorPreset.preset(for: council.sector, calendar: "office")
    let evaluator = try PolicyEvaluator(policy: preset.policy, calendars: ["office": calendar], organisation: council)
    let now = try InstantCoding.date(from: "2026-04-14T12:00:00+01:00")
    print("")
    print("\(preset.policy.name), evaluated at \(InstantCoding.string(from: now)):")
    var compliance = ComplianceAccumulator(evaluator: evaluator)
    for item in cases {
        let result = try evaluator.evaluate(item, at: now)
        try compliance.add(item, at: now)
        let states = result.outcomes.map { outcome in
            let label = outcome.cycle == 0 ? outcome.kind.rawValue : "\(outcome.kind.rawValue)#\(outcome.cycle + 1)"
            return "\(label) \(outcome.state.rawValue)" + (outcome.isWarning ? " (warning)" : "")
        }
        print("  \(pad(item.id.rawValue, 7))" + states.joined(separator: ", "))
    }
    for (kind, tally) in compliance.summary.overall.sorted(by: { $0.key < $1.key }) {
        guard let rate = tally.complianceRate else { continue }
        print(
            "  \(pad(kind.rawValue, 16)) compliance \(Int((rate * 100).rounded()))% of \(tally.achieved + tally.breached) decided"
        )
    }

    // Metrics: first reply time and first-contact resolution per channel, with quantiles from the sketch.
    print("")
    print("Metrics by channel (business hours):")
    var firstReply = MetricAccumulator(FirstReplyTime(clock: .business(calendar)), by: [.channel])
    var oneTouch = MetricAccumulator(CaseRate.firstContactResolution, by: [.channel])
    try firstReply.add(contentsOf: cases)
    try oneTouch.add(contentsOf: cases)
    for (key, tally) in firstReply.results {
        let median = tally.times.median.map(hours) ?? "-"
        let fcr = oneTouch.result(for: key).flatMap { $0 }.map { "\(Int(($0 * 100).rounded()))%" } ?? "-"
        print("  \(pad(key.joined(), 10))first reply median \(median), first-contact resolution \(fcr)")
    }

    // Capacity: agents for the council's phone line at its morning peak (Erlang C and Erlang A).
    let peak = try QueueLoad(arrivals: 60, per: 1_800, averageHandleTime: 300)
    let within60 = try ServiceLevelDefinition(answeredWithin: 60, convention: .abandonedInDenominator)
    let targets = try StaffingTargets(serviceLevel: (0.8, within60), maximumOccupancy: 0.85, shrinkage: 0.3)
    print("")
    print("Staffing for 60 calls per half hour, 5-minute calls, 80% answered within 60 s:")
    for model in [QueueModel.erlangC, .erlangA(averagePatience: 120)] {
        let staffing = try StaffingPlanner(model: model, targets: targets).staff(peak)
        let level = staffing.performance.serviceLevel?.value.map { "\(Int(($0 * 100).rounded()))%" } ?? "-"
        print(
            "  \(model == .erlangC ? "Erlang C" : "Erlang A"): \(staffing.agents) agents on the phones, "
                + "\(staffing.scheduledAgents) scheduled; service level \(level); binding: "
                + staffing.binding.map(\.rawValue).joined(separator: ", ")
        )
    }

    // Satisfaction: last month's Net Promoter Score with its interval, and whether it moved.
    var thisMonth = ScaleTally(scale: .netPromoter)
    var lastMonth = ScaleTally(scale: .netPromoter)
    let answers: [(Double, Int)] = [(10, 14), (9, 16), (8, 9), (7, 5), (6, 4), (4, 2)]
    for (score, times) in answers {
        for index in 0..<times {
            try thisMonth.add(SurveyResponse(id: "N-\(Int(score))-\(index)", score: score))
            try lastMonth.add(SurveyResponse(id: "O-\(Int(score))-\(index)", score: score == 10 ? 7 : score))
        }
    }
    let nps = try thisMonth.netPromoterScore()
    let change = try SignificanceTest.compareNetPromoterScores(thisMonth, lastMonth)
    print("")
    print(
        "Net Promoter Score: \(Int((nps.value ?? 0).rounded())) "
            + "(95% interval \(Int((nps.interval?.lower ?? 0).rounded())) to \(Int((nps.interval?.upper ?? 0).rounded())), "
            + "n = \(nps.sampleSize)); change from last month p = "
            + String(format: "%.3f", change.pValue ?? 1)
            + (change.isSignificant() ? ", significant" : ", not significant")
    )

    // Audit: the built-in complaint-handling review, scored under its own policy.
    let review = try BuiltInTemplates.template("complaint-handling")
    let ratings = [
        "CH-1": "meets", "CH-2": "meets", "CH-3": "exceeds", "CH-4": "meets", "CH-5": "partly", "CH-6": "meets",
        "CH-7": "meets", "CH-8": "partly", "CH-9": "doesNotMeet",
    ]
    let auditAnswers = review.itemsWithPaths.compactMap { entry in
        ratings[entry.item.id].map { AuditAnswer(item: entry.item.id, .choice($0)) }
    }
    let audit = try WeightedScoringRule().score(review, answers: auditAnswers)
    print(
        "Audit \(review.title): \(String(format: "%.1f", audit.percent ?? 0))%, "
            + (audit.outcome == .failed
                ? "failed (\(audit.reasons.count) reason\(audit.reasons.count == 1 ? "" : "s"))"
                : audit.outcome.label.lowercased())
            + (audit.maturity.map { ", maturity \($0)" } ?? "")
    )
} catch let error as ServiceDomainError {
    FileHandle.standardError.write(Data("quickstart: \(error)\n".utf8))
    exit(1)
} catch {
    FileHandle.standardError.write(Data("quickstart: \(error)\n".utf8))
    exit(1)
}
