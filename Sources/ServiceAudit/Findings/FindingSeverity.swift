/// How serious an audit finding is, from the most serious to good practice worth repeating.
///
/// The grades follow common management-system audit practice: a *major nonconformity* is a failure of a
/// requirement that puts the service at risk; a *minor nonconformity* is an isolated lapse; an *observation* is a
/// weakness that could become a lapse; an *opportunity for improvement* is a suggestion; *good practice* records what
/// works. Severities compare by seriousness: `.majorNonconformity > .minorNonconformity`.
public enum FindingSeverity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Something done well, worth keeping or spreading.
    case goodPractice
    /// A suggestion that would make the service better.
    case opportunityForImprovement
    /// A weakness that could become a nonconformity.
    case observation
    /// An isolated lapse against a requirement.
    case minorNonconformity
    /// A failure of a requirement that puts the service at risk; needs corrective action.
    case majorNonconformity

    /// Whether a corrective action is expected for a finding of this severity.
    public var requiresCorrectiveAction: Bool { self >= .minorNonconformity }

    /// Orders severities by seriousness.
    ///
    /// - Parameters:
    ///   - lhs: A severity.
    ///   - rhs: Another severity.
    /// - Returns: Whether `lhs` is less serious than `rhs`.
    public static func < (lhs: FindingSeverity, rhs: FindingSeverity) -> Bool {
        let order = FindingSeverity.allCases
        return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
    }
}
