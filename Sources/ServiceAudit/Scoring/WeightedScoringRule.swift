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

/// One top-level section's figures.
public struct SectionResult: Sendable, Hashable, Codable {
    /// The section.
    public let id: String
    /// Its title.
    public let title: String
    /// Points earned (after any critical zeroing).
    public let earned: Double
    /// Points possible.
    public let possible: Double
    /// `earned ÷ possible × 100`, or `nil` when nothing was scorable.
    public let percent: Double?
    /// Items that failed.
    public let failedItems: [String]
}

/// An audit's outcome: the score, and apart from it, whether it passed and why not.
public struct AuditResult: Sendable, Hashable, Codable {
    /// The rule that scored it.
    public let rule: String
    /// The percentage (0…100) after the policy's critical-failure handling, or `nil` when nothing was scorable.
    public let percent: Double?
    /// Points earned, pooled over items (before any cap or zeroing of the whole audit).
    public let earned: Double
    /// Points possible, pooled over items.
    public let possible: Double
    /// Whether the audit passed: no failure reason.
    public var passed: Bool { reasons.isEmpty }
    /// Why it failed; empty when it passed.
    public let reasons: [FailureReason]
    /// Per top-level section.
    public let sections: [SectionResult]
    /// Items that failed, in template order.
    public let failedItems: [String]
    /// Critical items that failed.
    public let criticalFailures: [String]
    /// The result label of each answered item whose answer carries one (exceeds, meets, partly, does not meet).
    public let labels: [String: ResultLabel]
    /// Enabled items answered (N/A included).
    public let answered: Int
    /// Enabled items answered N/A.
    public let notApplicable: Int
    /// Enabled items not answered.
    public let unanswered: Int
    /// Answered ÷ enabled items (1 when no item is enabled).
    public let completion: Double
    /// The maturity level reached, if the policy has levels.
    public let maturity: String?
}

/// A template that passed ``AuditTemplate/validate()``: score many audits against it without validating it each time.
///
/// ```swift
/// let validated = try ValidatedAuditTemplate(template)
/// for answers in audits { results.append(try WeightedScoringRule(policy: template.scoring).score(validated, answers: answers)) }
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

extension AuditResult {
    /// Another rule's result over the weighted rule's item-level facts: new section figures pooled into a new
    /// percentage, the weighted rule's critical-failure and gate reasons kept, and the pass marks and maturity levels
    /// applied to the new figures.
    func rescored(by rule: String, sections: [SectionResult], template: AuditTemplate, policy: ScoringPolicy)
        -> AuditResult
    {
        var reasons = self.reasons.filter {
            switch $0 {
            case .criticalItemFailed, .ratedDoesNotMeet, .tooManyPartly: true
            case .belowPassMark, .sectionBelowPassMark: false
            }
        }
        for (section, result) in zip(template.sections, sections) {
            if let mark = section.passMark, let value = result.percent, !ScoringPolicy.reaches(value, mark) {
                reasons.append(.sectionBelowPassMark(section: section.id, percent: value, passMark: mark))
            }
        }
        let earned = sections.reduce(0) { $0 + $1.earned }
        let possible = sections.reduce(0) { $0 + $1.possible }
        let percent = possible > 0 ? earned / possible * 100 : nil
        if let mark = policy.passMark, !ScoringPolicy.reaches(percent ?? 0, mark) {
            reasons.append(.belowPassMark(percent: percent ?? 0, passMark: mark))
        }
        return AuditResult(
            rule: rule,
            percent: percent,
            earned: earned,
            possible: possible,
            reasons: reasons,
            sections: sections,
            failedItems: failedItems,
            criticalFailures: criticalFailures,
            labels: labels,
            answered: answered,
            notApplicable: notApplicable,
            unanswered: unanswered,
            completion: completion,
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
/// ticked; a single choice its option's score out of the best option's; a multi-choice the sum of the chosen options
/// out of the sum of all positive ones; numeric and measurement items their band's score out of the best band's; a
/// rating `answer − minimum` out of `maximum − minimum`. Text and date items are unscored. An item earns its score ×
/// weight out of its maximum × weight. Items disabled by their condition are left out entirely.
public struct WeightedScoringRule: ScoringRule {
    /// The policy.
    public let policy: ScoringPolicy

    /// Creates the rule.
    ///
    /// - Parameter policy: The policy.
    public init(policy: ScoringPolicy = ScoringPolicy()) { self.policy = policy }

    /// `weighted`.
    public var name: String { "weighted" }

    /// Scores answers against a template.
    ///
    /// - Parameters:
    ///   - template: A template that passes ``AuditTemplate/validate()``.
    ///   - answers: At most one answer per item.
    /// - Returns: The result.
    /// - Throws: ``ServiceAuditError``: the template's first validation problem, if any; and for answers (path
    ///   `answers.<item>`): `unknownItem` for an unknown item, `unknownOption` for an unknown option,
    ///   `duplicateIdentifier` for a second answer or an option chosen twice, `wrongKind` for a value of the wrong
    ///   kind, `notApplicableRefused`, and `nonFinite` / `outOfRange`
    ///   for numbers.
    public func score(_ template: AuditTemplate, answers: [AuditAnswer]) throws(ServiceAuditError) -> AuditResult {
        try score(try ValidatedAuditTemplate(template), answers: answers)
    }

    /// Scores answers against a template validated once, for scoring many audits of it.
    ///
    /// - Parameters:
    ///   - validated: The validated template.
    ///   - answers: At most one answer per item.
    /// - Returns: The same result as ``score(_:answers:)-(AuditTemplate,_)``.
    /// - Throws: As ``score(_:answers:)-(AuditTemplate,_)``, for the answers.
    public func score(_ validated: ValidatedAuditTemplate, answers: [AuditAnswer]) throws(ServiceAuditError)
        -> AuditResult
    {
        let template = validated.template
        let byItem = try Self.index(answers, template)
        var sections: [SectionResult] = []
        var failed: [String] = []
        var critical: [String] = []
        var criticalSections: Set<String> = []
        var reasons: [FailureReason] = []
        var labels: [String: ResultLabel] = [:]
        var (answered, notApplicable, unanswered, enabled) = (0, 0, 0, 0)
        var pooled = WeightedScore()
        for section in template.sections {
            var points = WeightedScore()
            var sectionFailed: [String] = []
            var partly = 0
            for item in section.allItems {
                guard Self.isEnabled(item, byItem) else { continue }
                enabled += 1
                guard let answer = byItem[item.id] else {
                    unanswered += 1
                    if item.kind.isScored, policy.unanswered == .zero {
                        try Self.add(&points, 0, of: try Self.maximum(item, template), weight: item.weight, item.id)
                    }
                    continue
                }
                answered += 1
                if case .notApplicable = answer.value {
                    notApplicable += 1
                    guard item.kind.isScored, policy.notApplicable != .excluded else { continue }
                    let maximum = try Self.maximum(item, template)
                    let earned = policy.notApplicable == .fullMarks ? maximum : 0
                    try Self.add(&points, earned, of: maximum, weight: item.weight, item.id)
                    continue
                }
                let outcome = try Self.evaluate(item, answer.value, template)
                if let (earned, maximum) = outcome.points {
                    try Self.add(&points, earned, of: maximum, weight: item.weight, item.id)
                }
                if outcome.fails {
                    sectionFailed.append(item.id)
                    if item.critical {
                        critical.append(item.id)
                        criticalSections.insert(section.id)
                        reasons.append(.criticalItemFailed(item: item.id))
                    }
                }
                if let label = outcome.label { labels[item.id] = label }
                if outcome.label == .partly { partly += 1 }
                if outcome.label == .doesNotMeet, policy.gates.noDoesNotMeet {
                    reasons.append(.ratedDoesNotMeet(item: item.id))
                }
            }
            if let allowed = policy.gates.maximumPartlyPerSection, partly > allowed {
                reasons.append(.tooManyPartly(section: section.id, count: partly, allowed: allowed))
            }
            do throws(ServiceDomainError) {
                try pooled.merge(points)
            } catch {
                throw ServiceAuditError(error, under: "sections.\(section.id)")
            }
            if case .zeroSection = policy.criticalFailure, criticalSections.contains(section.id) {
                points = Self.zeroed(points)
            }
            sections.append(
                SectionResult(
                    id: section.id,
                    title: section.title,
                    earned: points.earned,
                    possible: points.possible,
                    percent: points.possible > 0 ? points.earned / points.possible * 100 : nil,
                    failedItems: sectionFailed
                )
            )
            failed += sectionFailed
        }
        // The roll-up, after zeroed sections; then the audit-wide critical handling.
        var percent: Double?
        switch policy.rollUp {
        case .pooled:
            let earned = sections.reduce(0) { $0 + $1.earned }
            let possible = sections.reduce(0) { $0 + $1.possible }
            percent = possible > 0 ? earned / possible * 100 : nil
        case .weightedSections:
            var weighted = 0.0
            var weights = 0.0
            for (section, result) in zip(template.sections, sections) {
                guard let value = result.percent else { continue }
                weighted += section.weight * value
                weights += section.weight
            }
            percent = weights > 0 ? weighted / weights : nil
        }
        if !critical.isEmpty, let value = percent {
            switch policy.criticalFailure {
            case .zeroAudit: percent = 0
            case .capAt(let cap): percent = min(value, cap)
            case .failOnly, .zeroSection: break
            }
        }
        for (section, result) in zip(template.sections, sections) {
            if let mark = section.passMark, let value = result.percent, !ScoringPolicy.reaches(value, mark) {
                reasons.append(.sectionBelowPassMark(section: section.id, percent: value, passMark: mark))
            }
        }
        if let mark = policy.passMark, !ScoringPolicy.reaches(percent ?? 0, mark) {
            reasons.append(.belowPassMark(percent: percent ?? 0, passMark: mark))
        }
        let maturity = policy.maturityLevel(at: percent)
        return AuditResult(
            rule: name,
            percent: percent,
            earned: pooled.earned,
            possible: pooled.possible,
            reasons: reasons,
            sections: sections,
            failedItems: failed,
            criticalFailures: critical,
            labels: labels,
            answered: answered,
            notApplicable: notApplicable,
            unanswered: unanswered,
            completion: enabled == 0 ? 1 : Double(answered) / Double(enabled),
            maturity: maturity
        )
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
        case .numeric(let bands), .measurement(_, _, let bands): return bands.map(\.score).max() ?? 0
        case .rating(let minimum, let maximum): return Double(maximum - minimum)
        case .text, .date: return 0
        }
    }

    static func evaluate(_ item: AuditItem, _ value: AnswerValue, _ template: AuditTemplate) throws(ServiceAuditError)
        -> Outcome
    {
        let path = "answers.\(item.id)"
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
        case (.checkbox, .checked(let checked)):
            return Outcome(points: (checked ? 1 : 0, 1))
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
        case (.numeric(let bands), .number(let number)), (.measurement(_, _, let bands), .number(let number)):
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

    static func zeroed(_ points: WeightedScore) -> WeightedScore {
        var zero = WeightedScore()
        // Keep the possible points, earn none.
        if points.possible > 0 { try? zero.add(0, outOf: 1, weight: points.possible) }
        return zero
    }
}
