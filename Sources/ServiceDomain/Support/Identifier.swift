/// A typed identifier: a string that knows what it identifies, so a ``CaseID`` cannot be passed where an ``AgentID``
/// is expected.
///
/// It encodes as the bare string (`"C-1042"`), compares and hashes as its string, and can be written as a literal.
/// The `Tag` type is never instantiated; it only tells identifiers apart at compile time.
///
/// ```swift
/// let id: CaseID = "C-1042"
/// print(id)            // C-1042
/// ```
public struct Identifier<Tag>: OpenVocabulary, Comparable {
    /// The identifier's string.
    public var rawValue: String

    /// Creates an identifier from its string.
    ///
    /// - Parameter rawValue: The identifier's string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Orders identifiers by their strings.
    ///
    /// - Parameters:
    ///   - lhs: An identifier.
    ///   - rhs: Another identifier.
    /// - Returns: Whether `lhs` sorts before `rhs`.
    public static func < (lhs: Identifier, rhs: Identifier) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Tags for the identifiers the domain uses; they exist only as type parameters of ``Identifier``.
public enum IdentifierTags: Sendable {
    /// Tags ``CaseID``.
    public enum Case: Sendable {}
    /// Tags ``CaseEventID``.
    public enum CaseEvent: Sendable {}
    /// Tags ``ContactID``.
    public enum Contact: Sendable {}
    /// Tags ``AgentID``.
    public enum Agent: Sendable {}
    /// Tags ``TeamID``.
    public enum Team: Sendable {}
    /// Tags ``CustomerID``.
    public enum Customer: Sendable {}
    /// Tags ``OrganisationID``.
    public enum Organisation: Sendable {}
    /// Tags ``CalendarID``.
    public enum Calendar: Sendable {}
}

/// Identifies a ``Case``.
public typealias CaseID = Identifier<IdentifierTags.Case>
/// Identifies a ``CaseEvent`` within its case.
public typealias CaseEventID = Identifier<IdentifierTags.CaseEvent>
/// Identifies a ``Contact``.
public typealias ContactID = Identifier<IdentifierTags.Contact>
/// Identifies an ``Agent``.
public typealias AgentID = Identifier<IdentifierTags.Agent>
/// Identifies a ``Team``.
public typealias TeamID = Identifier<IdentifierTags.Team>
/// Identifies a ``Customer``.
public typealias CustomerID = Identifier<IdentifierTags.Customer>
/// Identifies an ``Organisation``.
public typealias OrganisationID = Identifier<IdentifierTags.Organisation>
/// Identifies a ``BusinessCalendar`` among several, for policies that name the calendar they run on.
public typealias CalendarID = Identifier<IdentifierTags.Calendar>
