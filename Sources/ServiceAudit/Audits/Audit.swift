public import Foundation
public import ServiceDomain

/// Which template, exactly, an audit was made against: family id, version and a digest of its content.
public struct TemplateReference: Sendable, Hashable, Codable {
    /// The template family.
    public let id: String
    /// The version.
    public let version: SemanticVersion
    /// A digest of the template's canonical JSON: `fnv1a64:` and 16 hex digits.
    ///
    /// FNV-1a, 64 bits, over the bytes of
    /// the template's JSON in the canonical form this module defines (sorted keys, no whitespace, fixed escapes and
    /// number formatting; see `Documentation/AuthoringAuditTemplates.md`), so that it does not move with Foundation.
    /// A change detector, not a security hash.
    public let digest: String

    /// The reference of a template.
    ///
    /// - Parameter template: The template.
    /// - Throws: ``ServiceAuditError`` with code `malformed` if the template cannot be encoded.
    public init(_ template: AuditTemplate) throws(ServiceAuditError) {
        id = template.id
        version = template.version
        digest = try Self.digest(of: template)
    }

    static func digest(of template: AuditTemplate) throws(ServiceAuditError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data: Data
        do {
            data = try encoder.encode(template)
        } catch {
            throw ServiceAuditError(.malformed, at: "template", "the template cannot be encoded: \(error)")
        }
        let canonical: [UInt8]
        do throws(CanonicalJSON.Malformed) {
            canonical = try CanonicalJSON.canonical(Array(data))
        } catch {
            throw ServiceAuditError(
                .malformed,
                at: "template",
                "the template's JSON is malformed at byte \(error.offset)"
            )
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in canonical {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// What an audit is about.
public enum AuditSubject: Sendable, Hashable, Codable {
    /// The whole organisation.
    case organisation
    /// A team.
    case team(TeamID)
    /// A site or branch.
    case site(String)
    /// A competitor, for a competitive appraisal.
    case competitor(String)
}

/// One audit: its pinned template, subject, auditors, period, answers, findings and actions, and where it stands.
///
/// Status flow: draft → in progress → submitted → approved or rejected; a rejected audit goes back to in progress;
/// an approved audit is locked (answers, findings and actions can no longer change).
public struct Audit: Sendable, Hashable, Codable, Identifiable {
    /// Where an audit stands.
    public enum Status: String, Sendable, Hashable, Codable {
        /// Being prepared.
        case draft
        /// Being answered.
        case inProgress
        /// Answered, awaiting review.
        case submitted
        /// Approved: locked.
        case approved
        /// Sent back for more work.
        case rejected
    }

    /// The audit's identifier.
    public let id: String
    /// The template it was made against.
    public let template: TemplateReference
    /// What it is about.
    public let subject: AuditSubject
    /// Who audited.
    public let auditors: [String]
    /// The period it covers.
    public let period: DateInterval
    /// Where it stands.
    public private(set) var status: Status = .draft
    /// The answers so far.
    public private(set) var answers: [AuditAnswer] = []
    /// The findings.
    public private(set) var findings: [Finding] = []
    /// The corrective actions.
    public private(set) var actions: [CorrectiveAction] = []

    /// Starts an audit against a template, pinning its id, version and digest.
    ///
    /// - Parameters:
    ///   - id: The identifier.
    ///   - template: The template; it must validate.
    ///   - subject: What it is about.
    ///   - auditors: Who audits; at least one.
    ///   - period: The period it covers.
    /// - Throws: ``ServiceAuditError``: the template's first problem, or `empty` (path `auditors`).
    public init(
        id: String,
        template: AuditTemplate,
        subject: AuditSubject,
        auditors: [String],
        period: DateInterval
    ) throws(ServiceAuditError) {
        if let problem = template.validate().first { throw problem }
        guard !auditors.isEmpty else { throw ServiceAuditError(.empty, at: "auditors", "an audit needs an auditor") }
        self.id = id
        self.template = try TemplateReference(template)
        self.subject = subject
        self.auditors = auditors
        self.period = period
    }

    /// Moves the audit along its status flow.
    ///
    /// - Parameter next: The next status.
    /// - Throws: ``ServiceAuditError`` with code `invalidTransition` for a move the flow does not allow.
    public mutating func transition(to next: Status) throws(ServiceAuditError) {
        let allowed: [Status: [Status]] = [
            .draft: [.inProgress], .inProgress: [.submitted], .submitted: [.approved, .rejected],
            .rejected: [.inProgress],
        ]
        guard allowed[status, default: []].contains(next) else {
            throw ServiceAuditError(
                .invalidTransition,
                at: "status",
                "audit \(id) cannot go from \(status.rawValue) to \(next.rawValue)"
            )
        }
        status = next
    }

    /// Records an answer, replacing an earlier answer to the same item.
    ///
    /// - Parameter answer: The answer.
    /// - Throws: ``ServiceAuditError`` with code `invalidTransition` once the audit is submitted or approved.
    public mutating func record(_ answer: AuditAnswer) throws(ServiceAuditError) {
        try requireEditable()
        answers.removeAll { $0.item == answer.item }
        answers.append(answer)
    }

    /// Sets the findings (after drafting, confirming or dismissing them).
    ///
    /// - Parameter findings: The findings.
    /// - Throws: ``ServiceAuditError`` with code `invalidTransition` once the audit is approved.
    public mutating func setFindings(_ findings: [Finding]) throws(ServiceAuditError) {
        guard status != .approved else { throw locked() }
        self.findings = findings
    }

    /// Adds or replaces a corrective action.
    ///
    /// - Parameter action: The action; its finding must be one of the audit's.
    /// - Throws: ``ServiceAuditError`` with code `unknownReference` (path `actions.<id>.finding`) or
    ///   `invalidTransition` once the audit is approved.
    public mutating func setAction(_ action: CorrectiveAction) throws(ServiceAuditError) {
        guard status != .approved else { throw locked() }
        guard findings.contains(where: { $0.id == action.finding }) else {
            throw ServiceAuditError(
                .unknownReference,
                at: "actions.\(action.id).finding",
                "no finding \(action.finding)"
            )
        }
        actions.removeAll { $0.id == action.id }
        actions.append(action)
    }

    /// Scores the audit against the template it pinned.
    ///
    /// - Parameters:
    ///   - template: The template; its id, version and digest must match the pin.
    ///   - rule: The scoring rule; by default the weighted rule under the template's policy.
    /// - Returns: The result.
    /// - Throws: ``ServiceAuditError`` with code `inconsistent` (path `template`) when the template is not the pinned one
    ///   (use ``rescore(with:rule:)`` to score under another version on purpose), or the rule's errors.
    public func score(with template: AuditTemplate, rule: (any ScoringRule)? = nil) throws(ServiceAuditError)
        -> AuditResult
    {
        let reference = try TemplateReference(template)
        guard reference == self.template else {
            throw ServiceAuditError(
                .inconsistent,
                at: "template",
                "audit \(id) was made against \(self.template.id) \(self.template.version) (\(self.template.digest)); "
                    + "this is \(reference.id) \(reference.version) (\(reference.digest))"
            )
        }
        return try (rule ?? WeightedScoringRule(policy: template.scoring)).score(template, answers: answers)
    }

    /// Scores the audit under another version of its template family, on purpose: answers to items the other version
    /// no longer has are set aside, and the result says which.
    ///
    /// - Parameters:
    ///   - template: A template of the same family.
    ///   - rule: The scoring rule; by default the weighted rule under that template's policy.
    /// - Returns: The result, and the items whose answers were set aside.
    /// - Throws: ``ServiceAuditError`` with code `inconsistent` (path `template.id`) for another family, or the rule's
    ///   errors.
    public func rescore(with template: AuditTemplate, rule: (any ScoringRule)? = nil) throws(ServiceAuditError)
        -> (result: AuditResult, setAside: [String])
    {
        guard template.id == self.template.id else {
            throw ServiceAuditError(
                .inconsistent,
                at: "template.id",
                "\(template.id) is not the family \(self.template.id)"
            )
        }
        let items = Set(template.itemsWithPaths.map(\.item.id))
        let kept = answers.filter { items.contains($0.item) }
        let setAside = answers.map(\.item).filter { !items.contains($0) }.sorted()
        return (try (rule ?? WeightedScoringRule(policy: template.scoring)).score(template, answers: kept), setAside)
    }

    private func requireEditable() throws(ServiceAuditError) {
        guard status == .draft || status == .inProgress || status == .rejected else { throw locked() }
    }

    private func locked() -> ServiceAuditError {
        ServiceAuditError(.invalidTransition, at: "status", "audit \(id) is \(status.rawValue) and cannot change")
    }
}

/// How two audits of the same template family compare: matched item by item through stable ids, across versions.
public struct AuditComparison: Sendable, Hashable, Codable {
    /// Later minus earlier percentage, when both have one.
    public let overallDelta: Double?
    /// Later minus earlier percentage per section present in both.
    public let sectionDeltas: [String: Double]
    /// Items failing now that did not fail before (or were not there).
    public let newFailures: [String]
    /// Items that failed before and no longer do.
    public let resolvedFailures: [String]
    /// Items failing in both.
    public let repeatFailures: [String]
    /// Actions of the earlier audit still owed: carried over.
    public let carriedOverActions: [String]

    /// Compares two scored audits.
    ///
    /// - Parameters:
    ///   - earlier: The earlier audit and its result.
    ///   - later: The later audit and its result.
    /// - Throws: ``ServiceAuditError`` with code `inconsistent` (path `later.template.id`) for different families.
    public init(earlier: (audit: Audit, result: AuditResult), later: (audit: Audit, result: AuditResult))
        throws(ServiceAuditError)
    {
        guard earlier.audit.template.id == later.audit.template.id else {
            throw ServiceAuditError(
                .inconsistent,
                at: "later.template.id",
                "audits of different template families do not compare"
            )
        }
        if let before = earlier.result.percent, let after = later.result.percent {
            overallDelta = after - before
        } else {
            overallDelta = nil
        }
        var deltas: [String: Double] = [:]
        for section in later.result.sections {
            if let after = section.percent,
                let before = earlier.result.sections.first(where: { $0.id == section.id })?.percent
            {
                deltas[section.id] = after - before
            }
        }
        sectionDeltas = deltas
        let before = Set(earlier.result.failedItems)
        let after = Set(later.result.failedItems)
        newFailures = later.result.failedItems.filter { !before.contains($0) }
        resolvedFailures = earlier.result.failedItems.filter { !after.contains($0) }
        repeatFailures = later.result.failedItems.filter { before.contains($0) }
        carriedOverActions = earlier.audit.actions.filter(\.isOpen).map(\.id)
    }

    /// The percentage of each audit in order of their periods: a trend over many audits.
    ///
    /// - Parameter audits: Audits with their results.
    /// - Returns: `(period start, percentage)` pairs, oldest first, skipping audits without a percentage.
    public static func trend(_ audits: [(audit: Audit, result: AuditResult)]) -> [(start: Date, percent: Double)] {
        audits.sorted { $0.audit.period.start < $1.audit.period.start }
            .compactMap { entry in entry.result.percent.map { (entry.audit.period.start, $0) } }
    }
}
