/// Whether a customer is inside or outside the organisation.
///
/// Internal customers are colleagues served by another part of the organisation (IT for the call centre, payroll
/// for staff); the quality of internal service shapes the service external customers receive.
public enum CustomerRelationship: String, Sendable, Hashable, Codable, CaseIterable {
    /// A colleague, team or department of the same organisation.
    case `internal`
    /// Someone outside the organisation.
    case external
}

/// The part a customer plays for the organisation.
///
/// An open set: the common roles are built in.
///
/// The role says *why* the organisation serves this person, which differs by sector: consumers and businesses buy
/// from private firms, citizens are entitled to public services, donors and volunteers give to voluntary bodies,
/// members own co-operatives.
public struct CustomerRole: OpenVocabulary {
    /// The role's stable name.
    public var rawValue: String
    /// Creates a role from its name.
    ///
    /// - Parameter rawValue: The role's stable name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A person buying for their own use.
    public static let consumer: CustomerRole = "consumer"
    /// An organisation buying for its own use.
    public static let business: CustomerRole = "business"
    /// A member of the public using a public service.
    public static let citizen: CustomerRole = "citizen"
    /// A member-owner of a co-operative or mutual.
    public static let member: CustomerRole = "member"
    /// Someone who gives money or goods to a voluntary body.
    public static let donor: CustomerRole = "donor"
    /// Someone who gives time to a voluntary body.
    public static let volunteer: CustomerRole = "volunteer"
    /// A colleague served by another part of the organisation.
    public static let employee: CustomerRole = "employee"
    /// Someone a voluntary or public body exists to help (a service user, a client).
    public static let beneficiary: CustomerRole = "beneficiary"

    /// The built-in roles.
    public static let builtIn: [CustomerRole] = [
        .consumer, .business, .citizen, .member, .donor, .volunteer, .employee, .beneficiary,
    ]
}

/// Someone the organisation serves.
///
/// JSON form: `{"id": "K-17", "relationship": "external", "role": "citizen", "segments": ["housing"]}`
/// (`name` optional, `segments` optional).
public struct Customer: Sendable, Hashable, Codable, Identifiable {
    /// The customer's identifier.
    public var id: CustomerID
    /// A display name; may be empty.
    public var name: String
    /// Inside or outside the organisation.
    public var relationship: CustomerRelationship
    /// The part the customer plays.
    public var role: CustomerRole
    /// Free-form segment tags, such as `"gold"`, `"housing"`, `"vulnerable"`, used to group figures and choose
    /// service levels.
    public var segments: Set<String>

    /// Creates a customer.
    ///
    /// - Parameters:
    ///   - id: The customer's identifier; not empty.
    ///   - name: A display name.
    ///   - relationship: Inside or outside the organisation; defaults to external, or internal for employees.
    ///   - role: The part the customer plays.
    ///   - segments: Segment tags.
    /// - Throws: ``ServiceDomainError/Code/empty`` (path `id`) for an empty identifier.
    public init(
        id: CustomerID,
        name: String = "",
        relationship: CustomerRelationship? = nil,
        role: CustomerRole,
        segments: Set<String> = []
    ) throws(ServiceDomainError) {
        guard !id.rawValue.isEmpty else { throw ServiceDomainError(.empty, at: "id", "a customer needs an identifier") }
        self.id = id
        self.name = name
        self.relationship = relationship ?? (role == .employee ? .internal : .external)
        self.role = role
        self.segments = segments
    }

    private enum CodingKeys: String, CodingKey {
        case id
        case name
        case relationship
        case role
        case segments
    }

    /// Decodes the value from its documented JSON form, checking it as the validating initialiser does.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for malformed or invalid data, with the coding path of the offending field.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                id: container.decode(CustomerID.self, forKey: .id),
                name: container.decodeIfPresent(String.self, forKey: .name) ?? "",
                relationship: container.decodeIfPresent(CustomerRelationship.self, forKey: .relationship),
                role: container.decode(CustomerRole.self, forKey: .role),
                segments: container.decodeIfPresent(Set<String>.self, forKey: .segments) ?? []
            )
        } catch let error as ServiceDomainError {
            throw DecodingError.invalid(error, codingPath: container.codingPath)
        }
    }

    /// Encodes the value in its documented JSON form.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        if !name.isEmpty { try container.encode(name, forKey: .name) }
        try container.encode(relationship, forKey: .relationship)
        try container.encode(role, forKey: .role)
        if !segments.isEmpty { try container.encode(segments.sorted(), forKey: .segments) }
    }
}
