import Foundation
import ServiceDomain

/// A compliance rule: each scored item either complies or not, and the score is the share of items that comply.
///
/// An answered, scored item complies unless its answer fails it (a failing option or band, a "no" that fails); N/A
/// answers and unanswered items are left out (completion reports the latter); item weights and option scores do not
/// matter. The audit fails on a critical failure, on the policy's gates, and below its pass marks (overall and per
/// section, on the share of complying items). Use it where each requirement is met or not and "how well" is not
/// scored.
public struct GatedComplianceRule: ScoringRule {
    /// The policy: its gates, pass marks and maturity levels apply; its N/A, unanswered, roll-up and critical-score
    /// switches do not.
    public let policy: ScoringPolicy?

    /// Creates the rule.
    ///
    /// - Parameter policy: The policy; by default each template's own (`AuditTemplate.scoring`).
    public init(policy: ScoringPolicy? = nil) { self.policy = policy }

    /// `gatedCompliance`.
    public var name: String { "gatedCompliance" }

    /// Scores answers against a template.
    ///
    /// - Parameters:
    ///   - template: A valid template.
    ///   - answers: The answers.
    /// - Returns: The result; `earned` counts complying items and `possible` the items judged.
    /// - Throws: As ``WeightedScoringRule/score(_:answers:)-(AuditTemplate,_)``.
    public func score(_ template: AuditTemplate, answers: [AuditAnswer]) throws(ServiceAuditError) -> AuditResult {
        try score(try ValidatedAuditTemplate(template), answers: answers)
    }

    /// Scores answers against a template validated once.
    ///
    /// - Parameters:
    ///   - validated: The validated template.
    ///   - answers: The answers.
    /// - Returns: The same result as ``score(_:answers:)-(AuditTemplate,_)``.
    /// - Throws: As ``score(_:answers:)-(AuditTemplate,_)``, for the answers.
    public func score(_ validated: ValidatedAuditTemplate, answers: [AuditAnswer]) throws(ServiceAuditError)
        -> AuditResult
    {
        let template = validated.template
        let policy = try WeightedScoringRule.resolve(self.policy, template)
        let (weighted, facts) = try WeightedScoringRule.pass(template, answers: answers, policy: policy)
        let byItem = try WeightedScoringRule.index(answers, template)
        let failed = Set(facts.failedItems)
        var sections: [SectionFigures] = []
        for (section, scored) in zip(template.sections, weighted) {
            var (judged, complying) = (0, 0)
            for (item, _) in WeightedScoringRule.judgedItems(of: section, byItem) {
                judged += 1
                if !failed.contains(item.id) { complying += 1 }
            }
            sections.append(
                SectionFigures(
                    earned: Double(complying),
                    rawEarned: Double(complying),
                    possible: Double(judged),
                    failedItems: scored.failedItems
                )
            )
        }
        return AuditResult.assembleRescored(
            rule: name,
            template: template,
            policy: policy,
            sections: sections,
            facts: facts
        )
    }
}

/// A RADAR-style rule, as excellence models score: each top-level section is a *part* worth its weight in points;
/// each answered item in it is an *attribute* scored as a percentage of its maximum; a part scores the
/// weight-averaged attribute percentage × its points; the audit scores the sum of the parts' points out of the sum
/// of their weights.
///
/// So a part of 100 points whose attributes score 50 %, 75 % and 25 % (equal weights) earns 50 points, however many
/// options each attribute had. N/A and unanswered attributes are left out of their part (completion reports the
/// latter); a part with no scored attribute earns nothing of nothing and drops out. Critical failures, gates, pass
/// marks and maturity levels apply as in the policy (a critical failure fails the audit; the score stands).
public struct RADARScoringRule: ScoringRule {
    /// The policy: its gates, pass marks and maturity levels apply.
    public let policy: ScoringPolicy?

    /// Creates the rule.
    ///
    /// - Parameter policy: The policy; by default each template's own (`AuditTemplate.scoring`).
    public init(policy: ScoringPolicy? = nil) { self.policy = policy }

    /// `radar`.
    public var name: String { "radar" }

    /// Scores answers against a template.
    ///
    /// - Parameters:
    ///   - template: A valid template; section weights are the parts' points.
    ///   - answers: The answers.
    /// - Returns: The result; `earned` is the points scored and `possible` the points of the parts that count.
    /// - Throws: As ``WeightedScoringRule/score(_:answers:)-(AuditTemplate,_)``.
    public func score(_ template: AuditTemplate, answers: [AuditAnswer]) throws(ServiceAuditError) -> AuditResult {
        try score(try ValidatedAuditTemplate(template), answers: answers)
    }

    /// Scores answers against a template validated once.
    ///
    /// - Parameters:
    ///   - validated: The validated template.
    ///   - answers: The answers.
    /// - Returns: The same result as ``score(_:answers:)-(AuditTemplate,_)``.
    /// - Throws: As ``score(_:answers:)-(AuditTemplate,_)``, for the answers.
    public func score(_ validated: ValidatedAuditTemplate, answers: [AuditAnswer]) throws(ServiceAuditError)
        -> AuditResult
    {
        let template = validated.template
        let policy = try WeightedScoringRule.resolve(self.policy, template)
        let (weighted, facts) = try WeightedScoringRule.pass(template, answers: answers, policy: policy)
        let byItem = try WeightedScoringRule.index(answers, template)
        var sections: [SectionFigures] = []
        for (section, scored) in zip(template.sections, weighted) {
            var attributes = WeightedScore()
            for (item, answer) in WeightedScoringRule.judgedItems(of: section, byItem) {
                let outcome = try WeightedScoringRule.evaluate(item, answer, template)
                guard let (score, maximum) = outcome.points, maximum > 0 else { continue }
                do throws(ServiceDomainError) {
                    try attributes.add(min(score, maximum), outOf: maximum, weight: item.weight)
                } catch {
                    throw ServiceAuditError(error, under: "answers.\(item.id)")
                }
            }
            let share = attributes.possible > 0 ? attributes.earned / attributes.possible : nil
            let earned = share.map { $0 * section.weight } ?? 0
            sections.append(
                SectionFigures(
                    earned: earned,
                    rawEarned: earned,
                    possible: share == nil ? 0 : section.weight,
                    failedItems: scored.failedItems
                )
            )
        }
        return AuditResult.assembleRescored(
            rule: name,
            template: template,
            policy: policy,
            sections: sections,
            facts: facts
        )
    }
}

extension AuditResult {
    /// A rule's own section figures over the weighted pass's item facts: the totals are the sections', pooled, and a
    /// critical failure fails the audit without touching the score.
    static func assembleRescored(
        rule: String,
        template: AuditTemplate,
        policy: ScoringPolicy,
        sections: [SectionFigures],
        facts: ItemFacts
    ) -> AuditResult {
        var pooled = facts
        pooled.earned = sections.reduce(0) { $0 + $1.earned }
        pooled.possible = sections.reduce(0) { $0 + $1.possible }
        return assemble(
            rule: rule,
            template: template,
            policy: policy,
            figures: sections,
            facts: pooled,
            rollUp: .pooled,
            scoresCriticalFailures: false
        )
    }
}
