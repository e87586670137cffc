public import CustomerServiceKit
import Foundation

/// `audit-run`: lists the built-in audit templates, runs one in the terminal (answers on standard input) or from a
/// JSON file, and prints the scored report with findings and actions.
public enum AuditRunCommand: Sendable {
    /// The help text.
    public static let usage = """
        usage: audit-run --list
               audit-run TEMPLATE [--answers FILE.json] [--save FILE.json]

        Without --answers, asks each item of the template on the terminal and reads the answers from standard input:
          yes/no items     y or n            choice items   the option's number or id (several: 1,3)
          numbers, ratings a number          dates          YYYY-MM-DD          text   any text
          not applicable   na, or na: reason skip an item   an empty line       stop   q (or end of input)
        A rejected answer is explained and asked again. Then it scores the answers under the template's own policy,
        drafts findings (critical and failed items, partly met and exceeded ones) and prints the report.

          --list             the built-in templates
          --answers FILE     a JSON array of answers ([{"item": "CH-1", "choice": "meets"}, …]) or a whole audit
                             (as Examples/SampleData/Data/audit.json), whose findings and actions are kept
          --save FILE        write the answers given on the terminal as JSON
        """

    /// What a run produced.
    public struct Output: Sendable {
        /// The printed text.
        public var text: String
        /// The answers scored.
        public var answers: [AuditAnswer]
        /// The result, when a template was run.
        public var result: AuditResult?
    }

    /// Runs the command.
    ///
    /// - Parameters:
    ///   - arguments: The arguments, without the program name.
    ///   - readLine: Where interactive answers come from (standard input in the executable); `nil` ends input.
    ///   - prompt: Where questions go (standard output in the executable).
    /// - Returns: The output, or `nil` after `--help`.
    /// - Throws: ``UsageError`` for bad arguments or files; the library's errors for invalid answers in a file.
    public static func run(
        _ arguments: [String],
        readLine: () -> String? = { Swift.readLine() },
        prompt: (String) -> Void = { print($0) }
    ) throws -> Output? {
        let options = try Arguments(arguments, valued: ["--answers", "--save"], flags: ["--help", "-h", "--list"])
        if options.has("--help") || options.has("-h") { return nil }
        if options.has("--list") || options.positional.isEmpty {
            let templates = try BuiltInTemplates.all()
            var lines = ["Built-in audit templates (run one with `audit-run ID`):", ""]
            for template in templates {
                lines.append(
                    "  \(template.id.padding(toLength: 34, withPad: " ", startingAt: 0)) \(template.title) "
                        + "(\(template.itemsWithPaths.count) items, v\(template.version))"
                )
            }
            return Output(text: lines.joined(separator: "\n") + "\n", answers: [], result: nil)
        }
        guard options.positional.count == 1 else { throw UsageError("one template at a time") }
        let template: AuditTemplate
        do {
            template = try BuiltInTemplates.template(options.positional[0])
        } catch {
            throw UsageError("no built-in template \"\(options.positional[0])\"; see audit-run --list")
        }
        var audit: Audit
        if let path = options.value("--answers") {
            let data = Data(try readText(path).utf8)
            if let whole = try? JSONDecoder().decode(Audit.self, from: data) {
                audit = whole
            } else {
                let answers: [AuditAnswer]
                do {
                    answers = try JSONDecoder().decode([AuditAnswer].self, from: data)
                } catch {
                    throw DataError("\(path): neither an audit nor an array of answers: \(error)")
                }
                audit = try newAudit(template, answers: answers)
            }
        } else {
            let answers = ask(template, readLine: readLine, prompt: prompt)
            if let path = options.value("--save") {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                do {
                    try encoder.encode(answers).write(to: URL(fileURLWithPath: path))
                } catch {
                    throw DataError("cannot write \(path): \(error.localizedDescription)")
                }
            }
            audit = try newAudit(template, answers: answers)
        }
        if let problem = template.validate(audit.answers).first { throw problem }
        let result = try audit.score(with: template)
        if audit.findings.isEmpty, audit.status != .approved {
            try audit.setFindings(FindingPolicy().draft(from: result, template: template))
        }
        let text = MarkdownAuditRenderer().render(AuditReport(template: template, audit: audit, result: result))
        return Output(text: text, answers: audit.answers, result: result)
    }

    static func newAudit(_ template: AuditTemplate, answers: [AuditAnswer]) throws -> Audit {
        let now = Date()
        var audit = try Audit(
            id: "audit-run",
            template: template,
            subject: .organisation,
            auditors: ["audit-run"],
            period: DateInterval(start: now, end: now)
        )
        try audit.transition(to: .inProgress)
        // Recording replaces an earlier answer to the same item; a file that answers an item twice is refused
        // instead (`duplicateIdentifier`, path `answers.<item>`), as scoring refuses it.
        if let problem = template.validate(answers).first { throw problem }
        for answer in answers { try audit.record(answer) }
        return audit
    }

    /// Asks every item in order; returns the answers given.
    static func ask(_ template: AuditTemplate, readLine: () -> String?, prompt: (String) -> Void) -> [AuditAnswer] {
        var answers: [AuditAnswer] = []
        let items = template.itemsWithPaths
        prompt("\(template.title): \(items.count) items. Empty line skips, na marks not applicable, q stops.")
        items: for (number, entry) in items.enumerated() {
            let item = entry.item
            prompt("")
            prompt("[\(number + 1)/\(items.count)] \(item.id)\(item.critical ? " (critical)" : ""): \(item.prompt)")
            if !item.guidance.isEmpty { prompt("    \(item.guidance)") }
            prompt("    " + hint(item, template))
            for _ in 0..<3 {
                guard let line = readLine() else { break items }
                let text = line.trimmingCharacters(in: .whitespaces)
                if text == "q" { break items }
                if text.isEmpty || text == "skip" { continue items }
                do {
                    let answer = try parse(text, item: item, template: template)
                    if let problem = template.validate(answers + [answer]).first {
                        prompt("    ✗ \(problem.message)")
                        continue
                    }
                    answers.append(answer)
                    continue items
                } catch {
                    prompt("    ✗ \(error)")
                }
            }
        }
        return answers
    }

    static func hint(_ item: AuditItem, _ template: AuditTemplate) -> String {
        switch item.kind {
        case .yesNo, .checkbox: return "answer: y or n"
        case .singleChoice, .multiChoice:
            let options = (template.options(of: item) ?? []).enumerated().map {
                "\($0.offset + 1)) \($0.element.label)"
            }
            if case .multiChoice = item.kind {
                return "choose any, by number (1,3): " + options.joined(separator: "  ")
            }
            return "choose one: " + options.joined(separator: "  ")
        case .numeric, .measurement: return "answer: a number"
        case .rating(let minimum, let maximum): return "answer: \(minimum) to \(maximum)"
        case .text: return "answer: any text"
        case .date: return "answer: a date, YYYY-MM-DD"
        }
    }

    /// Reads one typed answer.
    static func parse(_ text: String, item: AuditItem, template: AuditTemplate) throws -> AuditAnswer {
        let lowered = text.lowercased()
        if lowered == "na" || lowered == "n/a" || lowered.hasPrefix("na:") {
            let reason = lowered.hasPrefix("na:") ? String(text.dropFirst(3)).trimmingCharacters(in: .whitespaces) : ""
            return AuditAnswer(item: item.id, .notApplicable(reason: reason.isEmpty ? nil : reason))
        }
        func yes() throws -> Bool {
            switch lowered {
            case "y", "yes": return true
            case "n", "no": return false
            default: throw UsageError("answer y or n")
            }
        }
        func option(_ token: String) throws -> String {
            let options = template.options(of: item) ?? []
            if let number = Int(token), options.indices.contains(number - 1) { return options[number - 1].id }
            if let match = options.first(where: { $0.id == token || $0.label.lowercased() == token.lowercased() }) {
                return match.id
            }
            throw UsageError("no option \"\(token)\"")
        }
        func number() throws -> Double {
            guard let value = Double(text), value.isFinite else { throw UsageError("\"\(text)\" is not a number") }
            return value
        }
        switch item.kind {
        case .yesNo: return AuditAnswer(item: item.id, .yesNo(try yes()))
        case .checkbox: return AuditAnswer(item: item.id, .checked(try yes()))
        case .singleChoice: return AuditAnswer(item: item.id, .choice(try option(text)))
        case .multiChoice:
            let tokens = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            return AuditAnswer(item: item.id, .choices(try tokens.map(option)))
        case .numeric, .measurement, .rating: return AuditAnswer(item: item.id, .number(try number()))
        case .text: return AuditAnswer(item: item.id, .text(text))
        case .date: return AuditAnswer(item: item.id, .date(try LocalDate(text)))
        }
    }
}
