import Foundation
import ServiceDomain

/// Why an audit failed.
public enum FailureReason: Sendable, Hashable, Codable {
    /// A critical item failed.
    case criticalItemFailed(item: String)
    /// The overall percentage is below the pass mark.
    case belowPassMark(percent: Double, passMark: Double)
    /// A section is below its own pass mark.
    case sectionBelowPassMark(section: String, percent: Double, passMark: Double)
    /// An item was rated "does not meet" under a gate that forbids it.
    case ratedDoesNotMeet(item: String)
    /// A section has more "partly" ratings than its gate allows.
    case tooManyPartly(section: String, count: Int, allowed: Int)
}

/// A verdict: of an audit, or of one of its sections.
public enum AuditOutcome: String, Sendable, Hashable, Codable {
    /// No failure reason.
    case passed
    /// At least one failure reason (``FailureReason``).
    case failed
    /// Nothing could be scored although a pass mark asks for a figure: neither passed nor failed (all items N/A,
    /// unanswered under `excluded`, or unscored).
    case notScorable

    /// The verdict as a report prints it: "Passed", "Failed" or "Not scorable".
    public var label: String {
        switch self {
        case .passed: "Passed"
        case .failed: "Failed"
        case .notScorable: "Not scorable"
        }
    }
}

/// One top-level section's figures and verdict.
///
/// JSON: `{"id": "S1", "title": "…", "earned": 0, "rawEarned": 6, "possible": 8, "percent": 0, "rawPercent": 75,
/// "passMark": 70, "outcome": "failed", "failedItems": ["S1.2"]}` (`percent`, `rawPercent` and `passMark` absent when
/// there are none).
public struct SectionResult: Sendable, Hashable, Codable {
    /// The section.
    public let id: String
    /// Its title.
    public let title: String
    /// Points earned, after a critical failure zeroed the section (under ``ScoringPolicy/CriticalFailureHandling/zeroSection``).
    public let earned: Double
    /// Points earned before any critical failure zeroed the section: the answers' own points.
    public let rawEarned: Double
    /// Points possible.
    public let possible: Double
    /// `earned ÷ possible × 100`, or `nil` when nothing was scorable.
    public let percent: Double?
    /// `rawEarned ÷ possible × 100`, or `nil` when nothing was scorable.
    public let rawPercent: Double?
    /// The section's own pass mark, if it has one.
    public let passMark: Double?
    /// Failed when a reason of the audit's is about this section (its pass mark, its "partly" gate) or one of its
    /// items (a critical failure, a "does not meet" under the gate); not scorable when it has a pass mark and no
    /// percentage; passed otherwise.
    public let outcome: AuditOutcome
    /// Items that failed.
    public let failedItems: [String]
}

/// An audit's outcome: the score, and apart from it, whether it passed and why not.
///
/// `answered`, `notApplicable` and `unanswered` count the enabled items ``ScoringPolicy/completion`` counts (scored
/// items by default, as audit tools count them): they add up to those items, and `completion` is
/// `(answered + notApplicable) ÷ their number` — an N/A item is responded to, but not answered.
public struct AuditResult: Sendable, Hashable, Codable {
    /// The rule that scored it.
    public let rule: String
    /// The percentage (0…100) after the policy's critical-failure handling, or `nil` when nothing was scorable.
    public let percent: Double?
    /// The percentage before any critical-failure effect (a zeroed section, a zeroed or capped audit), rolled up as
    /// `percent` is, or `nil` when nothing was scorable.
    public let rawPercent: Double?
    /// Points earned, pooled over items (before any cap or zeroing).
    public let earned: Double
    /// Points possible, pooled over items.
    public let possible: Double
    /// Passed (no failure reason), failed, or not scorable (no percentage to hold against the overall pass mark).
    public let outcome: AuditOutcome
    /// Whether the audit passed: ``outcome`` is ``AuditOutcome/passed``.
    public var passed: Bool { outcome == .passed }
    /// Why it failed; empty when it passed or was not scorable.
    public let reasons: [FailureReason]
    /// Per top-level section.
    public let sections: [SectionResult]
    /// Items that failed, in template order.
    public let failedItems: [String]
    /// Critical items that failed.
    public let criticalFailures: [String]
    /// The result label of each answered item whose answer carries one (exceeds, meets, partly, does not meet).
    public let labels: [String: ResultLabel]
    /// Counted items answered with a value (N/A not included).
    public let answered: Int
    /// Counted items answered N/A.
    public let notApplicable: Int
    /// Counted items not answered.
    public let unanswered: Int
    /// `(answered + notApplicable) ÷ counted items` (1 when no item is counted).
    public let completion: Double
    /// The maturity level reached, if the policy has levels.
    public let maturity: String?
}

/// A template that passed ``AuditTemplate/validate()``: score many audits against it without validating it each time.
///
/// ```swift
/// let validated = try ValidatedAuditTemplate(template)
/// for answers in audits { results.append(try WeightedScoringRule().score(validated, answers: answers)) }
/// ```
public struct ValidatedAuditTemplate: Sendable, Hashable {
    /// The template.
    public let template: AuditTemplate

    /// Validates a template.
    ///
    /// - Parameter template: The template.
    /// - Throws: The template's first validation problem.
    public init(_ template: AuditTemplate) throws(ServiceAuditError) {
        if let first = template.validate().first { throw first }
        self.template = template
    }
}

/// A section's figures before the verdicts: what a rule computes, and ``AuditResult/assemble`` judges.
struct SectionFigures {
    var earned: Double
    var rawEarned: Double
    var possible: Double
    var failedItems: [String]
}

/// The item-level facts of the weighted pass that every rule keeps.
struct ItemFacts {
    /// Critical failures and gate reasons, in template order.
    var reasons: [FailureReason] = []
    var failedItems: [String] = []
    var criticalFailures: [String] = []
    var labels: [String: ResultLabel] = [:]
    var answered = 0
    var notApplicable = 0
    var unanswered = 0
    var counted = 0
    var earned = 0.0
    var possible = 0.0
}

extension AuditResult {
    /// Rolls section figures up, applies the critical-failure handling and the pass marks, and gives each section and
    /// the audit its verdict.
    static func assemble(
        rule: String,
        template: AuditTemplate,
        policy: ScoringPolicy,
        figures: [SectionFigures],
        facts: ItemFacts,
        rollUp: ScoringPolicy.RollUp,
        scoresCriticalFailures: Bool
    ) -> AuditResult {
        func share(_ earned: Double, _ possible: Double) -> Double? { possible > 0 ? earned / possible * 100 : nil }
        func rolledUp(_ earned: (SectionFigures) -> Double) -> Double? {
            switch rollUp {
            case .pooled:
                return share(figures.reduce(0) { $0 + earned($1) }, figures.reduce(0) { $0 + $1.possible })
            case .weightedSections:
                var (weighted, weights) = (0.0, 0.0)
                for (section, figure) in zip(template.sections, figures) {
                    guard let value = share(earned(figure), figure.possible) else { continue }
                    weighted += section.weight * value
                    weights += section.weight
                }
                return weights > 0 ? weighted / weights : nil
            }
        }
        let rawPercent = rolledUp(\.rawEarned)
        var percent = rolledUp(\.earned)
        if scoresCriticalFailures, !facts.criticalFailures.isEmpty, let value = percent {
            switch policy.criticalFailure {
            case .zeroAudit: percent = 0
            case .capAt(let cap): percent = min(value, cap)
            case .failOnly, .zeroSection: break
            }
        }
        var reasons = facts.reasons
        for (section, figure) in zip(template.sections, figures) {
            if let mark = section.passMark, let value = share(figure.earned, figure.possible),
                !ScoringPolicy.reaches(value, mark)
            {
                reasons.append(.sectionBelowPassMark(section: section.id, percent: value, passMark: mark))
            }
        }
        if let mark = policy.passMark, let value = percent, !ScoringPolicy.reaches(value, mark) {
            reasons.append(.belowPassMark(percent: value, passMark: mark))
        }
        let sections = zip(template.sections, figures).map { section, figure in
            let items = Set(section.allItems.map(\.id))
            let fails = reasons.contains { reason in
                switch reason {
                case .criticalItemFailed(let item), .ratedDoesNotMeet(let item): items.contains(item)
                case .sectionBelowPassMark(let id, _, _), .tooManyPartly(let id, _, _): id == section.id
                case .belowPassMark: false
                }
            }
            let percent = share(figure.earned, figure.possible)
            return SectionResult(
                id: section.id,
                title: section.title,
                earned: figure.earned,
                rawEarned: figure.rawEarned,
                possible: figure.possible,
                percent: percent,
                rawPercent: share(figure.rawEarned, figure.possible),
                passMark: section.passMark,
                outcome: fails ? .failed : section.passMark != nil && percent == nil ? .notScorable : .passed,
                failedItems: figure.failedItems
            )
        }
        let outcome: AuditOutcome =
            !reasons.isEmpty ? .failed : policy.passMark != nil && percent == nil ? .notScorable : .passed
        return AuditResult(
            rule: rule,
            percent: percent,
            rawPercent: rawPercent,
            earned: facts.earned,
            possible: facts.possible,
            outcome: outcome,
            reasons: reasons,
            sections: sections,
            failedItems: facts.failedItems,
            criticalFailures: facts.criticalFailures,
            labels: facts.labels,
            answered: facts.answered,
            notApplicable: facts.notApplicable,
            unanswered: facts.unanswered,
            completion: facts.counted == 0 ? 1 : Double(facts.answered + facts.notApplicable) / Double(facts.counted),
            maturity: policy.maturityLevel(at: percent)
        )
    }
}

/// A rule that turns a template and its answers into a result.
///
/// Ship your own by conforming: validate what you need, score, and return an ``AuditResult``. The built-in
/// ``WeightedScoringRule`` implements every ``ScoringPolicy`` switch.
public protocol ScoringRule: Sendable {
    /// The rule's name, recorded in results.
    var name: String { get }

    /// Scores answers against a template.
    ///
    /// - Parameters:
    ///   - template: A valid template.
    ///   - answers: The answers.
    /// - Returns: The result.
    /// - Throws: ``ServiceAuditError`` for answers that do not fit the template.
    func score(_ template: AuditTemplate, answers: [AuditAnswer]) throws(ServiceAuditError) -> AuditResult
}

/// The weighted rule under a ``ScoringPolicy``: see the policy for the default rule and its switches.
///
/// Item scores: yes/no earns 1 of 1 for yes (a "no" fails the item when the item says so); a checkbox 1 of 1 when
/// ticked (left unticked, it fails when the item says so); a single choice its option's score out of the best option's; a multi-choice the sum of the chosen options
/// out of the sum of all positive ones; numeric and measurement items their band's score out of the best band's; a
/// rating `answer − minimum` out of `maximum − minimum`. Text and date items are unscored. An item earns its score ×
/// weight out of its maximum × weight. Items disabled by their condition are left out entirely.
public struct WeightedScoringRule: ScoringRule {
    /// The policy, or `nil` for each template's own (``AuditTemplate/scoring``).
    public let policy: ScoringPolicy?

    /// Creates the rule.
    ///
    /// - Parameter policy: The policy; by default each template is scored under its own ``AuditTemplate/scoring``.
    public init(policy: ScoringPolicy? = nil) { self.policy = policy }

    /// `weighted`.
    public var name: String { "weighted" }

    /// Scores answers against a template.
    ///
    /// - Parameters:
    ///   - template: A template that passes ``AuditTemplate/validate()``.
    ///   - answers: At most one answer per item.
    /// - Returns: The result.
    /// - Throws: ``ServiceAuditError``: the template's first validation problem, if any; the policy's, when one is
    ///   given (path `policy…`); and for answers (path `answers.<item>`): `unknownItem` for an unknown item,
    ///   `unknownOption` for an unknown option, `duplicateIdentifier` for a second answer or an option chosen twice,
    ///   `wrongKind` for a value of the wrong kind, `notApplicableRefused`, and `nonFinite` / `outOfRange` for
    ///   numbers.
    public func score(_ template: AuditTemplate, answers: [AuditAnswer]) throws(ServiceAuditError) -> AuditResult {
        try score(try ValidatedAuditTemplate(template), answers: answers)
    }

    /// Scores answers against a template validated once, for scoring many audits of it.
    ///
    /// - Parameters:
    ///   - validated: The validated template.
    ///   - answers: At most one answer per item.
    /// - Returns: The same result as ``score(_:answers:)-(AuditTemplate,_)``.
    /// - Throws: As ``score(_:answers:)-(AuditTemplate,_)``, for the policy and the answers.
    public func score(_ validated: ValidatedAuditTemplate, answers: [AuditAnswer]) throws(ServiceAuditError)
        -> AuditResult
    {
        let policy = try Self.resolve(self.policy, validated.template)
        let (figures, facts) = try Self.pass(validated.template, answers: answers, policy: policy)
        return AuditResult.assemble(
            rule: name,
            template: validated.template,
            policy: policy,
            figures: figures,
            facts: facts,
            rollUp: policy.rollUp,
            scoresCriticalFailures: true
        )
    }

    /// The policy a rule scores under: the one given, checked, or the template's own (checked with the template).
    static func resolve(_ policy: ScoringPolicy?, _ template: AuditTemplate) throws(ServiceAuditError) -> ScoringPolicy
    {
        guard let policy else { return template.scoring }
        if let problem = policy.validate(at: "policy").first { throw problem }
        return policy
    }

    /// The weighted pass over the items: each section's points (before and after a critical failure zeroes it) and
    /// the item-level facts every rule keeps.
    static func pass(_ template: AuditTemplate, answers: [AuditAnswer], policy: ScoringPolicy)
        throws(ServiceAuditError) -> (figures: [SectionFigures], facts: ItemFacts)
    {
        let byItem = try index(answers, template)
        var facts = ItemFacts()
        var figures: [SectionFigures] = []
        var pooled = WeightedScore()
        for section in template.sections {
            var points = WeightedScore()
            var sectionFailed: [String] = []
            var partly = 0
            var criticalHere = false
            for item in section.allItems {
                guard isEnabled(item, byItem) else { continue }
                let counted = item.kind.isScored || policy.completion == .allItems
                if counted { facts.counted += 1 }
                guard let answer = byItem[item.id] else {
                    if counted { facts.unanswered += 1 }
                    if item.kind.isScored, policy.unanswered == .zero {
                        try add(&points, 0, of: try maximum(item, template), weight: item.weight, item.id)
                    }
                    continue
                }
                if case .notApplicable = answer.value {
                    if counted { facts.notApplicable += 1 }
                    guard item.kind.isScored, policy.notApplicable != .excluded else { continue }
                    let maximum = try maximum(item, template)
                    let earned = policy.notApplicable == .fullMarks ? maximum : 0
                    try add(&points, earned, of: maximum, weight: item.weight, item.id)
                    continue
                }
                if counted { facts.answered += 1 }
                let outcome = try evaluate(item, answer, template)
                if let (earned, maximum) = outcome.points {
                    try add(&points, earned, of: maximum, weight: item.weight, item.id)
                }
                if outcome.fails {
                    sectionFailed.append(item.id)
                    if item.critical {
                        facts.criticalFailures.append(item.id)
                        criticalHere = true
                        facts.reasons.append(.criticalItemFailed(item: item.id))
                    }
                }
                if let label = outcome.label { facts.labels[item.id] = label }
                if outcome.label == .partly { partly += 1 }
                if outcome.label == .doesNotMeet, policy.gates.noDoesNotMeet {
                    facts.reasons.append(.ratedDoesNotMeet(item: item.id))
                }
            }
            if let allowed = policy.gates.maximumPartlyPerSection, partly > allowed {
                facts.reasons.append(.tooManyPartly(section: section.id, count: partly, allowed: allowed))
            }
            do throws(ServiceDomainError) {
                try pooled.merge(points)
            } catch {
                throw ServiceAuditError(error, under: "sections.\(section.id)")
            }
            var earned = points.earned
            if case .zeroSection = policy.criticalFailure, criticalHere { earned = 0 }
            figures.append(
                SectionFigures(
                    earned: earned,
                    rawEarned: points.earned,
                    possible: points.possible,
                    failedItems: sectionFailed
                )
            )
            facts.failedItems += sectionFailed
        }
        facts.earned = pooled.earned
        facts.possible = pooled.possible
        return (figures, facts)
    }

    // MARK: - Items

    /// The enabled, scored items of a section that have an answer other than "not applicable", with that answer.
    static func judgedItems(of section: AuditSection, _ byItem: [String: AuditAnswer])
        -> some Sequence<(item: AuditItem, answer: AuditAnswer)>
    {
        section.allItems.lazy.compactMap { item -> (item: AuditItem, answer: AuditAnswer)? in
            guard item.kind.isScored, isEnabled(item, byItem), let answer = byItem[item.id] else { return nil }
            if case .notApplicable = answer.value { return nil }
            return (item, answer)
        }
    }

    struct Outcome {
        var points: (Double, Double)?
        var fails = false
        var label: ResultLabel?
    }

    static func index(_ answers: [AuditAnswer], _ template: AuditTemplate) throws(ServiceAuditError) -> [String:
        AuditAnswer]
    {
        let items = itemsByID(template)
        var byItem: [String: AuditAnswer] = [:]
        for answer in answers {
            let item = try check(answer, items)
            guard byItem[item.id] == nil else {
                throw ServiceAuditError(
                    .duplicateIdentifier,
                    at: "answers.\(answer.item)",
                    "\(answer.item) is answered twice"
                )
            }
            byItem[item.id] = answer
        }
        return byItem
    }

    /// Every item of a template by its identifier (the first, should a template that failed validation repeat one).
    static func itemsByID(_ template: AuditTemplate) -> [String: AuditItem] {
        Dictionary(template.sections.flatMap(\.allItems).map { ($0.id, $0) }) { first, _ in first }
    }

    /// The item an answer is for, once the answer names a known item and any "not applicable" is allowed.
    static func check(_ answer: AuditAnswer, _ items: [String: AuditItem]) throws(ServiceAuditError) -> AuditItem {
        let path = "answers.\(answer.item)"
        guard let item = items[answer.item] else {
            throw ServiceAuditError(.unknownItem, at: path, "the template has no item \(answer.item)")
        }
        if case .notApplicable(let reason) = answer.value {
            switch item.notApplicable {
            case .notAllowed:
                throw ServiceAuditError(.notApplicableRefused, at: path, "\(item.id) cannot be answered not applicable")
            case .allowedWithReason where (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty:
                throw ServiceAuditError(
                    .notApplicableRefused,
                    at: path,
                    "\(item.id) needs a reason to be not applicable"
                )
            default: break
            }
        }
        return item
    }

    static func isEnabled(_ item: AuditItem, _ answers: [String: AuditAnswer]) -> Bool {
        guard let condition = item.enabledWhen else { return true }
        guard let answer = answers[condition.item] else { return false }
        switch answer.value {
        case .yesNo(let yes): return condition.equals == (yes ? "yes" : "no")
        case .checked(let checked): return condition.equals == (checked ? "checked" : "unchecked")
        case .choice(let choice): return condition.equals == choice
        case .choices(let choices): return choices.contains(condition.equals)
        default: return false
        }
    }

    static func maximum(_ item: AuditItem, _ template: AuditTemplate) throws(ServiceAuditError) -> Double {
        switch item.kind {
        case .yesNo, .checkbox: return 1
        case .singleChoice: return template.options(of: item)?.map(\.score).max() ?? 0
        case .multiChoice: return template.options(of: item)?.reduce(0) { $0 + max(0, $1.score) } ?? 0
        case .numeric(let bands), .measurement(_, _, let bands, _): return bands.map(\.score).max() ?? 0
        case .rating(let minimum, let maximum): return Double(maximum - minimum)
        case .text, .date: return 0
        }
    }

    static func evaluate(_ item: AuditItem, _ answer: AuditAnswer, _ template: AuditTemplate) throws(ServiceAuditError)
        -> Outcome
    {
        let path = "answers.\(item.id)"
        var value = answer.value
        // A measured answer is in its measurement's unit (an override too); the bands are in the item's.
        if case .number(let number) = value, let from = answer.measured?.unit, let unit = item.kind.measurementUnit {
            guard let converted = from.convert(number, to: unit) else {
                throw ServiceAuditError(
                    .unitMismatch,
                    at: path,
                    "\(item.id) is scored in \(unit); the measurement is in \(from), which does not convert"
                )
            }
            value = .number(converted)
        }
        func wrong() -> ServiceAuditError {
            ServiceAuditError(
                .wrongKind,
                at: path,
                "\(item.id) is a \(item.kind.name) item; this answer does not fit it"
            )
        }
        let maximum = try Self.maximum(item, template)
        switch (item.kind, value) {
        case (.yesNo(let noFails), .yesNo(let yes)):
            return Outcome(points: (yes ? 1 : 0, 1), fails: !yes && noFails)
        case (.checkbox(let uncheckedFails), .checked(let checked)):
            return Outcome(points: (checked ? 1 : 0, 1), fails: !checked && uncheckedFails)
        case (.singleChoice, .choice(let id)):
            guard let option = template.options(of: item)?.first(where: { $0.id == id }) else {
                throw ServiceAuditError(.unknownOption, at: path, "\(item.id) has no option \(id)")
            }
            return Outcome(points: (option.score, maximum), fails: option.fails, label: option.result)
        case (.multiChoice, .choices(let ids)):
            let options = template.options(of: item) ?? []
            var outcome = Outcome(points: (0, maximum))
            // A choice made twice is a mistake in the answer, not a second choice to drop in silence.
            var seen: Set<String> = []
            if let repeated = ids.first(where: { !seen.insert($0).inserted }) {
                throw ServiceAuditError(.duplicateIdentifier, at: path, "\(item.id) has \(repeated) chosen twice")
            }
            for id in ids.sorted() {
                guard let option = options.first(where: { $0.id == id }) else {
                    throw ServiceAuditError(.unknownOption, at: path, "\(item.id) has no option \(id)")
                }
                outcome.points = ((outcome.points?.0 ?? 0) + option.score, maximum)
                if option.fails { outcome.fails = true }
            }
            return outcome
        case (.numeric(let bands), .number(let number)), (.measurement(_, _, let bands, _), .number(let number)):
            guard number.isFinite else { throw ServiceAuditError(.nonFinite, at: path, "the answer must be finite") }
            guard let band = bands.first(where: { $0.contains(number) }) else {
                throw ServiceAuditError(.outOfRange, at: path, "\(number) falls in no band of \(item.id)")
            }
            return Outcome(points: (band.score, maximum), fails: band.fails, label: band.result)
        case (.rating(let minimum, let maximumPoint), .number(let number)):
            guard number.isFinite else { throw ServiceAuditError(.nonFinite, at: path, "the answer must be finite") }
            guard number.rounded() == number, number >= Double(minimum), number <= Double(maximumPoint) else {
                throw ServiceAuditError(.outOfRange, at: path, "\(number) is not a point of \(minimum)…\(maximumPoint)")
            }
            return Outcome(points: (number - Double(minimum), maximum))
        case (.text, .text), (.date, .date):
            return Outcome()
        default:
            throw wrong()
        }
    }

    static func add(_ points: inout WeightedScore, _ earned: Double, of maximum: Double, weight: Double, _ item: String)
        throws(ServiceAuditError)
    {
        // score × weight out of maximum × weight: WeightedScore adds weight' × score / maximum with weight' = weight ×
        // maximum. An item whose maximum is 0 scores nothing either way.
        guard maximum > 0 else { return }
        do throws(ServiceDomainError) {
            try points.add(min(earned, maximum), outOf: maximum, weight: weight * maximum)
        } catch {
            throw ServiceAuditError(error, under: "answers.\(item)")
        }
    }
}
