import Foundation
public import ServiceDomain

/// A finding of an audit: what was found, how serious it is, and whether a person has confirmed it.
///
/// Findings are drafted from failing answers by a ``FindingPolicy`` and then confirmed or dismissed by a person;
/// only a draft can be decided, and a dismissal needs a reason.
public struct Finding: Sendable, Hashable, Codable, Identifiable {
    /// Where a finding stands.
    public enum Status: String, Sendable, Hashable, Codable {
        /// Drafted, awaiting a person's decision.
        case draft
        /// Confirmed by a person.
        case confirmed
        /// Dismissed by a person, with a reason.
        case dismissed
    }

    /// The finding's identifier.
    public let id: String
    /// The item it concerns, if any.
    public let item: String?
    /// How serious it is.
    public var severity: FindingSeverity
    /// What was found.
    public var statement: String
    /// Where it stands.
    public private(set) var status: Status
    /// Why it was dismissed.
    public private(set) var dismissalReason: String?

    /// Creates a draft finding.
    ///
    /// - Parameters:
    ///   - id: The identifier.
    ///   - item: The item it concerns.
    ///   - severity: How serious it is.
    ///   - statement: What was found.
    public init(id: String, item: String?, severity: FindingSeverity, statement: String) {
        self.id = id
        self.item = item
        self.severity = severity
        self.statement = statement
        self.status = .draft
    }

    /// Confirms a draft.
    ///
    /// - Throws: ``ServiceAuditError`` with code `invalidTransition` unless the finding is a draft.
    public mutating func confirm() throws(ServiceAuditError) {
        guard status == .draft else {
            throw ServiceAuditError(
                .invalidTransition,
                at: "status",
                "finding \(id) is \(status.rawValue), not a draft"
            )
        }
        status = .confirmed
    }

    /// Dismisses a draft.
    ///
    /// - Parameter reason: Why; not empty.
    /// - Throws: ``ServiceAuditError`` with code `invalidTransition` unless the finding is a draft, or `empty` (path
    ///   `dismissalReason`) without a reason.
    public mutating func dismiss(reason: String) throws(ServiceAuditError) {
        guard status == .draft else {
            throw ServiceAuditError(
                .invalidTransition,
                at: "status",
                "finding \(id) is \(status.rawValue), not a draft"
            )
        }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ServiceAuditError(.empty, at: "dismissalReason", "dismissing a finding needs a reason")
        }
        status = .dismissed
        dismissalReason = reason
    }
}

/// How failing answers become draft findings: a severity for each kind of failure, which a user can change.
public struct FindingPolicy: Sendable, Hashable, Codable {
    /// For a failed critical item; a major nonconformity by default.
    public var criticalFailure: FindingSeverity
    /// For any other failed item; a minor nonconformity by default.
    public var failure: FindingSeverity
    /// For an item rated "partly" that did not fail; an observation by default, `nil` for none.
    public var partly: FindingSeverity?
    /// For an item rated "exceeds"; good practice by default, `nil` for none.
    public var exceeds: FindingSeverity?

    /// Creates a policy.
    ///
    /// - Parameters:
    ///   - criticalFailure: For failed critical items.
    ///   - failure: For other failed items.
    ///   - partly: For items rated partly.
    ///   - exceeds: For items rated exceeds.
    public init(
        criticalFailure: FindingSeverity = .majorNonconformity,
        failure: FindingSeverity = .minorNonconformity,
        partly: FindingSeverity? = .observation,
        exceeds: FindingSeverity? = .goodPractice
    ) {
        self.criticalFailure = criticalFailure
        self.failure = failure
        self.partly = partly
        self.exceeds = exceeds
    }

    /// Drafts findings from a scored audit, one per item that warrants one, in template order.
    ///
    /// - Parameters:
    ///   - result: The scored result.
    ///   - template: Its template, for the items' prompts.
    /// - Returns: Draft findings, identified `F-<item>`.
    public func draft(from result: AuditResult, template: AuditTemplate) -> [Finding] {
        let failed = Set(result.failedItems)
        let critical = Set(result.criticalFailures)
        return template.itemsWithPaths.compactMap { entry -> Finding? in
            let item = entry.item
            let severity: FindingSeverity?
            let what: String
            if critical.contains(item.id) {
                (severity, what) = (criticalFailure, "Critical requirement not met")
            } else if failed.contains(item.id) {
                (severity, what) = (failure, "Requirement not met")
            } else if result.labels[item.id] == .partly {
                (severity, what) = (partly, "Partly met")
            } else if result.labels[item.id] == .exceeds {
                (severity, what) = (exceeds, "Exceeds the requirement")
            } else {
                (severity, what) = (nil, "")
            }
            guard let severity else { return nil }
            return Finding(id: "F-\(item.id)", item: item.id, severity: severity, statement: "\(what): \(item.prompt)")
        }
    }
}

/// A corrective action: who will do what by when, and where it stands.
///
/// Its status can reopen when the fix did not hold.
public struct CorrectiveAction: Sendable, Hashable, Codable, Identifiable {
    /// How urgent an action is.
    public enum Priority: String, Sendable, Hashable, Codable, CaseIterable {
        /// When convenient.
        case low
        /// In the normal course.
        case medium
        /// Soon.
        case high
        /// At once.
        case urgent
    }

    /// Where an action stands.
    public enum Status: String, Sendable, Hashable, Codable {
        /// Not started.
        case open
        /// Being worked on.
        case inProgress
        /// Reported done, awaiting verification.
        case done
        /// Verified effective: closed.
        case verified
    }

    /// The action's identifier.
    public let id: String
    /// The finding it answers.
    public let finding: String
    /// What will be done.
    public var description: String
    /// Who owns it.
    public var owner: String
    /// When it is due.
    public var due: LocalDate
    /// How urgent it is.
    public var priority: Priority
    /// When it was raised.
    public let raised: LocalDate
    /// Where it stands.
    public private(set) var status: Status = .open
    /// How many times it was reopened.
    public private(set) var reopenCount = 0

    /// Creates an open action.
    ///
    /// - Parameters:
    ///   - id: The identifier.
    ///   - finding: The finding it answers.
    ///   - description: What will be done.
    ///   - owner: Who owns it; not empty.
    ///   - due: When it is due; not before `raised`.
    ///   - priority: How urgent it is.
    ///   - raised: When it was raised.
    /// - Throws: ``ServiceAuditError`` with code `empty` (path `owner`) or `outOfRange` (path `due`).
    public init(
        id: String,
        finding: String,
        description: String,
        owner: String,
        due: LocalDate,
        priority: Priority = .medium,
        raised: LocalDate
    ) throws(ServiceAuditError) {
        guard !owner.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ServiceAuditError(.empty, at: "owner", "an action needs an owner")
        }
        guard due >= raised else {
            throw ServiceAuditError(
                .outOfRange,
                at: "due",
                "an action cannot be due (\(due)) before it is raised (\(raised))"
            )
        }
        self.id = id
        self.finding = finding
        self.description = description
        self.owner = owner
        self.due = due
        self.priority = priority
        self.raised = raised
    }

    /// Decodes an action with the initialiser's checks, and a history its status could have: a reopen count not
    /// negative, and none on an action still open (a reopened action goes back to in progress, never to open).
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: The decoder's errors; ``ServiceAuditError`` with code `empty` (path `owner`) or `outOfRange` (path
    ///   `due`, or `reopenCount`).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            id: try c.decode(String.self, forKey: .id),
            finding: try c.decode(String.self, forKey: .finding),
            description: try c.decode(String.self, forKey: .description),
            owner: try c.decode(String.self, forKey: .owner),
            due: try c.decode(LocalDate.self, forKey: .due),
            priority: try c.decode(Priority.self, forKey: .priority),
            raised: try c.decode(LocalDate.self, forKey: .raised)
        )
        let status = try c.decodeIfPresent(Status.self, forKey: .status) ?? .open
        let reopens = try c.decodeIfPresent(Int.self, forKey: .reopenCount) ?? 0
        guard reopens >= 0 else {
            throw ServiceAuditError(.outOfRange, at: "reopenCount", "action \(id) has a reopen count of \(reopens)")
        }
        guard status != .open || reopens == 0 else {
            throw ServiceAuditError(
                .outOfRange,
                at: "reopenCount",
                "action \(id) is open yet was reopened \(reopens) times (a reopened action is in progress or later)"
            )
        }
        self.status = status
        self.reopenCount = reopens
    }

    /// Moves the action on: open → in progress → done → verified.
    ///
    /// - Parameter next: The next status.
    /// - Throws: ``ServiceAuditError`` with code `invalidTransition` for any other move.
    public mutating func advance(to next: Status) throws(ServiceAuditError) {
        let allowed: [Status: [Status]] = [.open: [.inProgress, .done], .inProgress: [.done], .done: [.verified]]
        guard allowed[status, default: []].contains(next) else {
            throw ServiceAuditError(
                .invalidTransition,
                at: "status",
                "action \(id) cannot go from \(status.rawValue) to \(next.rawValue)"
            )
        }
        status = next
    }

    /// Reopens an action reported done or verified (it did not work, or the problem came back).
    ///
    /// - Throws: ``ServiceAuditError`` with code `invalidTransition` for an action that is still open.
    public mutating func reopen() throws(ServiceAuditError) {
        guard status == .done || status == .verified else {
            throw ServiceAuditError(
                .invalidTransition,
                at: "status",
                "action \(id) is \(status.rawValue); only done actions reopen"
            )
        }
        status = .inProgress
        reopenCount += 1
    }

    /// Whether the action is still owed.
    public var isOpen: Bool { status == .open || status == .inProgress }

    /// Whether it is past due on a date: still owed, and due before it.
    ///
    /// - Parameter today: The date to judge by.
    /// - Returns: Whether it is overdue.
    public func isOverdue(on today: LocalDate) -> Bool { isOpen && due < today }

    /// Days since it was raised, on a date (0 on the day it was raised).
    ///
    /// - Parameter today: The date to judge by.
    /// - Returns: The age in days; negative before it was raised.
    public func age(on today: LocalDate) -> Int { today.dayNumber - raised.dayNumber }
}
