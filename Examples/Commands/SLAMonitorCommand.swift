public import CustomerServiceKit
public import Foundation
import SampleData

/// `sla-monitor`: replays a stream of case events and prints, as time passes, the cases at risk of breaching their
/// targets and the breaches as they happen.
public enum SLAMonitorCommand: Sendable {
    /// The help text.
    public static let usage = """
        usage: sla-monitor [--data DIR] [--cases FILE [--preset NAME | --mapping MAPPING.json | --ticket-per-row]]
                           [--policy CONFIGURATION.json] [--from INSTANT] [--to INSTANT] [--every MINUTES]
                           [--calendar ID] [--explain CASE]

        Replays the cases' events in time order and, at every step, evaluates each open case against the service-level
        policy as it stood then: it lists the cycles past the policy's warning share (at risk, with the time left and
        the instant of breach) and the cycles that breached since the last step.

        Without options it replays the last day of the shipped sample data, hour by hour.
          --data DIR           a directory in the sample data's layout
          --cases FILE.csv     your ticket export (judged by --policy, or the data's policy and calendars)
          --preset NAME        read it with a shipped preset (`service-report --presets` lists them)
          --mapping FILE.json  or with your column mapping; default: one row per event, built-in column names
          --ticket-per-row     the built-in one-row-per-ticket mapping
          --from INSTANT       the first step, ISO 8601 (default: 24 hours before the last event)
          --to INSTANT         the last step (default: the last event)
          --every MINUTES      minutes between steps (default 60)
          --calendar ID        the calendar whose time zone prints local times (default: uk, or the first)
          --policy FILE.json   a service-level configuration (policy and calendars) instead of the data's
          --explain CASE       instead of the replay, explain how each outcome of one case was reached at --to:
                               the policy's applications, the target in force for each cycle, and the status
                               periods that counted or paused its clock
        """

    /// One cycle worth a line.
    public struct Alert: Sendable, Hashable {
        /// The case.
        public var caseID: CaseID
        /// The outcome at the step.
        public var outcome: TargetOutcome
    }

    /// One step of the replay.
    public struct Step: Sendable, Hashable {
        /// The step's instant.
        public var at: Date
        /// Cases created and not resolved at the step.
        public var open: Int
        /// Active cycles past the warning share, soonest breach first.
        public var atRisk: [Alert]
        /// Cycles that breached since the previous step: breach instant in [previous step, this step).
        ///
        /// A cycle is breached once its time exceeds the target, so at its breach instant it is still active (at risk,
        /// nothing left) and it is reported as breached at the next step.
        public var breached: [Alert]
    }

    /// What a run produced.
    public struct Output: Sendable {
        /// The steps.
        public var steps: [Step]
        /// The printed text.
        public var text: String
        /// Notes: rows skipped.
        public var notes: [String]
    }

    /// Runs the command.
    ///
    /// - Parameter arguments: The arguments, without the program name.
    /// - Returns: The output, or `nil` after `--help`.
    /// - Throws: ``UsageError`` for bad arguments; the library's errors for bad data.
    public static func run(_ arguments: [String]) throws -> Output? {
        let options = try Arguments(
            arguments,
            valued: [
                "--data", "--cases", "--mapping", "--preset", "--from", "--to", "--every", "--calendar", "--policy",
                "--explain",
            ],
            flags: ["--help", "-h", "--ticket-per-row"]
        )
        if options.has("--help") || options.has("-h") { return nil }
        guard options.positional.isEmpty else { throw UsageError("unexpected argument \(options.positional[0])") }
        var notes: [String] = []
        var data =
            try options.value("--data").map { try SampleDataSet.load(from: URL(fileURLWithPath: $0)).0 }
            ?? SampleDataSet.shipped()
        if let mapping = try caseMapping(options), let path = options.value("--cases") {
            let imported = try mapping.importCases(contentsOf: try readableFile(path))
            notes.append(imported.summary.description)
            if let first = imported.problems.first { notes.append("first row left out: \(first)") }
            data.cases = imported.cases
        }
        guard let last = data.cases.compactMap({ $0.events.last?.at }).max() else {
            throw DataError("no cases to replay" + (notes.isEmpty ? "" : ": " + notes.joined(separator: "; ")))
        }
        if let path = options.value("--policy") {
            data.serviceLevels = try decodeMapping(ServiceLevelConfiguration.self, path)
        }
        let to = try options.value("--to").map { try InstantCoding.date(from: $0) } ?? last
        if let id = options.value("--explain") {
            guard let item = data.cases.first(where: { $0.id.rawValue == id }) else {
                throw DataError("no case \"\(id.truncatedForMessage(200))\" among the \(data.cases.count) cases")
            }
            guard to >= item.createdAt else {
                throw UsageError("--to \(InstantCoding.string(from: to)) is before case \(id) was created")
            }
            let evaluator = try data.serviceLevels.evaluator(organisation: data.organisation)
            return Output(steps: [], text: try evaluator.explain(item, at: to).text, notes: notes)
        }
        let from =
            try options.value("--from").map { try InstantCoding.date(from: $0) } ?? to.addingTimeInterval(-86_400)
        guard from <= to else { throw UsageError("--from must not be after --to") }
        let minutes = Double(options.value("--every") ?? "60") ?? .nan
        guard minutes.isFinite, minutes >= 1, minutes <= 10_080 else {
            throw UsageError("--every needs 1–10080 minutes")
        }
        guard to.timeIntervalSince(from) / (minutes * 60) <= 10_000 else {
            throw UsageError("more than 10,000 steps: widen --every or narrow --from/--to")
        }
        let calendars = data.serviceLevels.calendars
        let calendarID = CalendarID(
            options.value("--calendar") ?? (calendars["uk"] != nil ? "uk" : calendars.keys.map(\.rawValue).min() ?? "")
        )
        guard let zone = calendars[calendarID]?.timeZone else {
            throw UsageError("no calendar \"\(calendarID.rawValue)\"")
        }
        let evaluator = try data.serviceLevels.evaluator(organisation: data.organisation)
        let steps = try replay(data.cases, evaluator: evaluator, from: from, to: to, every: minutes * 60)
        return Output(steps: steps, text: render(steps, cases: data.cases, zone: zone), notes: notes)
    }

    /// The replay: each step evaluates every case as its events stood then.
    static func replay(_ cases: [Case], evaluator: PolicyEvaluator, from: Date, to: Date, every: Double) throws
        -> [Step]
    {
        var steps: [Step] = []
        // The first step reports the breaches of the step before it, as every later step does.
        var previous = from.addingTimeInterval(-every)
        var instant = from
        let ordered = cases.sorted { $0.facts.createdAt < $1.facts.createdAt }
        while instant <= to {
            var step = Step(at: instant, open: 0, atRisk: [], breached: [])
            for item in ordered {
                guard item.facts.createdAt <= instant else { break }
                // A case resolved before the previous step and untouched since has nothing running.
                if item.facts.status.isResolved, let lastEvent = item.events.last?.at,
                    lastEvent < previous
                {
                    continue
                }
                let sofar = try item.asOf(instant)
                if !sofar.facts.status.isResolved { step.open += 1 }
                for outcome in try evaluator.evaluate(sofar, at: instant).outcomes {
                    if outcome.state == .active, outcome.isWarning {
                        step.atRisk.append(Alert(caseID: item.id, outcome: outcome))
                    } else if outcome.state == .breached, let breach = outcome.breachAt, breach <= instant,
                        breach >= previous
                    {
                        step.breached.append(Alert(caseID: item.id, outcome: outcome))
                    }
                }
            }
            step.atRisk.sort {
                ($0.outcome.breachAt ?? .distantFuture, $0.caseID.rawValue) < (
                    $1.outcome.breachAt ?? .distantFuture, $1.caseID.rawValue
                )
            }
            step.breached.sort {
                ($0.outcome.breachAt ?? instant, $0.caseID.rawValue) < (
                    $1.outcome.breachAt ?? instant, $1.caseID.rawValue
                )
            }
            steps.append(step)
            previous = instant
            instant = instant.addingTimeInterval(every)
        }
        return steps
    }

    static func render(_ steps: [Step], cases: [Case], zone: TimeZone) -> String {
        let byID = Dictionary(cases.map { ($0.id, $0) }) { first, _ in first }
        func local(_ date: Date) -> String {
            let t = date.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: date))
            let text = InstantCoding.string(from: Date(timeIntervalSince1970: t))
            return text.prefix(10) + " " + text.dropFirst(11).prefix(5)
        }
        func about(_ id: CaseID) -> String {
            guard let item = byID[id] else { return "" }
            let segment = item.customer?.segments.sorted().joined(separator: ",") ?? ""
            return "\(item.facts.priority.rawValue), \(item.channel.rawValue)" + (segment.isEmpty ? "" : ", \(segment)")
        }
        func duration(_ seconds: Double) -> String {
            let minutes = Int((seconds / 60).rounded())
            return minutes < 60 ? "\(minutes) min" : String(format: "%.1f h", Double(minutes) / 60)
        }
        var lines: [String] = []
        for step in steps {
            lines.append(
                "\(local(step.at)) \(zone.identifier)  open \(step.open)  at risk \(step.atRisk.count)  "
                    + "new breaches \(step.breached.count)"
            )
            for alert in step.atRisk {
                let outcome = alert.outcome
                let due = outcome.breachAt.map(local) ?? "?"
                let used = outcome.target > 0 ? Int((outcome.elapsed / outcome.target * 100).rounded()) : 100
                lines.append(
                    "  ! \(alert.caseID.rawValue) \(outcome.kind.rawValue): due \(due), \(duration(outcome.remaining)) "
                        + "left (\(used)% used) — \(about(alert.caseID))"
                )
            }
            for alert in step.breached {
                let outcome = alert.outcome
                lines.append(
                    "  ✗ \(alert.caseID.rawValue) \(outcome.kind.rawValue): breached at "
                        + "\(outcome.breachAt.map(local) ?? "?"), \(duration(outcome.overrun)) over — \(about(alert.caseID))"
                )
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
