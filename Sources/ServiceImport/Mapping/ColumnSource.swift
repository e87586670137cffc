package import Foundation
package import ServiceDomain

/// Where a mapped field's text comes from: one column, or several joined with a space (a date and a time in two
/// columns: `["Call Date", "Call Time"]`).
///
/// Each name is a ``ColumnResolver`` reference: `Name`, `Name[2]`, `Name[*]` (every `Name` column, for list fields)
/// or `#7`. JSON: a string, or an array of strings. A string literal makes a one-column source.
public struct ColumnSource: Sendable, Hashable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The column references, in order.
    public let columns: [String]

    /// A source of one or more columns.
    ///
    /// - Parameter columns: The references; several are joined with a space.
    public init(_ columns: [String]) { self.columns = columns }

    /// A one-column source.
    ///
    /// - Parameter value: The reference.
    public init(stringLiteral value: String) { self.columns = [value] }

    /// The references as written, joined by ` + `.
    public var description: String { columns.joined(separator: " + ") }

    /// Decodes a string or an array of strings.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for other shapes or an empty list.
    public init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        if let name = try? single.decode(String.self) {
            self.columns = [name]
        } else {
            let names = try single.decode([String].self)
            guard !names.isEmpty else {
                throw DecodingError.dataCorruptedError(
                    in: single,
                    debugDescription: "a list of columns cannot be empty"
                )
            }
            self.columns = names
        }
    }

    /// Encodes a string for one column, an array for several.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var single = encoder.singleValueContainer()
        if columns.count == 1 { try single.encode(columns[0]) } else { try single.encode(columns) }
    }
}

/// A column source resolved against a header: the indexes to read, and whether they gather a list.
package struct ResolvedSource: Sendable {
    package let indexes: [Int]
    package let gathers: Bool
    package let name: String

    package init(_ source: ColumnSource, resolver: ColumnResolver, path: String, allowsList: Bool)
        throws(ServiceDomainError)
    {
        var indexes: [Int] = []
        var gathers = false
        for reference in source.columns {
            let found = try resolver.columns(for: reference, path: path)
            if case .name(_, .some(nil)) = try ColumnResolver.parse(reference, path: path) {
                guard allowsList else {
                    throw ServiceDomainError(.malformed, at: path, "\(quoted(reference)): [*] is for list fields only")
                }
                gathers = true
            }
            indexes += found
        }
        self.indexes = indexes
        self.gathers = gathers
        self.name = source.columns.count == 1 ? source.columns[0] : source.description
    }

    /// The sources of a mapping's fields, resolved against a header in the fields' declared order (so that the first
    /// missing column reported is the first field's).
    ///
    /// - Parameters:
    ///   - columns: The column source of each mapped field.
    ///   - resolver: The header's resolver.
    ///   - allowsList: Whether a field may gather repeated columns (`Name[*]`).
    /// - Returns: The resolved source of each mapped field.
    /// - Throws: The resolver's errors, at path `columns.<field>`.
    package static func resolve<Field: CaseIterable & RawRepresentable & Hashable>(
        _ columns: [Field: ColumnSource],
        resolver: ColumnResolver,
        allowsList: (Field) -> Bool = { _ in false }
    ) throws(ServiceDomainError) -> [Field: ResolvedSource] where Field.RawValue == String {
        var sources: [Field: ResolvedSource] = [:]
        for field in Field.allCases {
            guard let column = columns[field] else { continue }
            sources[field] = try ResolvedSource(
                column,
                resolver: resolver,
                path: "columns.\(field.rawValue)",
                allowsList: allowsList(field)
            )
        }
        return sources
    }

    /// The field's text: the columns trimmed and joined with a space (empty parts left out).
    package func text(_ record: CSVRecord) -> String {
        if indexes.count == 1 { return record[indexes[0]].trimmingSpacesAndTabs }
        return indexes.map { record[$0].trimmingSpacesAndTabs }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The parts of a gathered list, one per column, each trimmed, empty ones left out.
    package func parts(_ record: CSVRecord) -> [String] {
        indexes.map { record[$0].trimmingSpacesAndTabs }.filter { !$0.isEmpty }
    }
}

extension KeyedDecodingContainer {
    /// An object keyed by a mapping's field names (`{"created": …, "priority": …}`), each name checked.
    ///
    /// - Parameters:
    ///   - fields: The field type.
    ///   - key: The object's key; absent means empty.
    ///   - type: The type of each value.
    /// - Returns: The values by field.
    /// - Throws: `DecodingError` at the unknown name's path, listing the fields, or the values' errors.
    package func decodeFields<Field: CaseIterable & RawRepresentable & Hashable, Value: Decodable>(
        _ fields: Field.Type,
        forKey key: Key,
        as type: Value.Type
    ) throws -> [Field: Value] where Field.RawValue == String {
        guard contains(key) else { return [:] }
        let nested = try nestedContainer(keyedBy: NameKey.self, forKey: key)
        var result: [Field: Value] = [:]
        for name in nested.allKeys {
            guard let field = Field(rawValue: name.stringValue) else {
                throw DecodingError.dataCorruptedError(
                    forKey: name,
                    in: nested,
                    debugDescription: "unknown field \(quoted(name.stringValue)); expected "
                        + Field.allCases.map(\.rawValue).joined(separator: ", ")
                )
            }
            result[field] = try nested.decode(Value.self, forKey: name)
        }
        return result
    }
}

/// What an import does with a value that no translation maps and that is not one of the library's own names.
public enum UnmappedValuePolicy: String, Sendable, Hashable, Codable {
    /// Leave the rows out, and report the value once with the number of rows that carry it (the default).
    case reject
    /// Keep the rows with the value as written (for open vocabularies: priorities, channels, roles), and still
    /// report the value and its count in the summary.
    case keep
}

/// What an import does with an identifier that repeats where each row is one record (a ticket, a response).
public enum DuplicatePolicy: String, Sendable, Hashable, Codable {
    /// Leave out every row of a repeated identifier, and report them.
    case reject
    /// Keep the first row, report the later ones.
    case keepFirst
    /// Keep the last row, report the earlier ones.
    case keepLast
    /// Do not look for repeats: for files whose identifiers are unique by construction (a warehouse table's primary
    /// key). The summary says that nothing was checked. A streamed ticket import then holds nothing but the reader's
    /// chunk; every other policy keeps an index of the identifiers seen (about 50 bytes each).
    case unchecked
}

/// A vocabulary with translations: the file's spellings of a field, mapped to the library's.
package struct ValueVocabulary: Sendable {
    package let field: String
    package let translations: [String: String]
    package let known: [String: String]
    package let open: Bool
    /// The translations and names as written, tried before the case-insensitive tables (no lowercasing per row).
    private let exact: [String: String]

    /// - Parameters:
    ///   - field: The field's name, for messages.
    ///   - translations: The mapping's table (matched without regard to case).
    ///   - known: The library's own names (matched without regard to case).
    ///   - open: Whether a value as written may be kept.
    package init(field: String, translations: [String: String], known: [String], open: Bool) {
        self.field = field
        var table: [String: String] = [:]
        for (key, value) in translations { table[key.trimmingSpacesAndTabs.lowercased()] = value }
        self.translations = table
        self.known = Dictionary(known.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        var exact = Dictionary(known.map { ($0, $0) }, uniquingKeysWith: { first, _ in first })
        for (key, value) in translations { exact[key.trimmingSpacesAndTabs] = value }
        self.exact = exact
        self.open = open
    }

    /// The library's value for the file's, or `nil` when unmapped.
    package func resolve(_ value: String) -> String? {
        if let found = exact[value] { return found }
        let key = value.lowercased()
        if let translated = translations[key] { return translated }
        return known[key]
    }
}

extension ValueVocabulary {
    /// Checks that a closed field's translations lead to the library's values.
    ///
    /// - Parameters:
    ///   - table: The mapping's translations of the field.
    ///   - field: The field's name, for the path `values.<field>.<key>`.
    ///   - closed: The values a translation may give.
    ///   - noun: What a value is, for the message (`status`, `contact outcome`).
    /// - Throws: `ServiceDomainError/Code/outOfRange` for the first translation (by key) to another value.
    package static func checkTranslations(
        _ table: [String: String],
        field: String,
        closed: [String],
        noun: String
    ) throws(ServiceDomainError) {
        for (key, value) in table.sorted(by: { $0.key < $1.key }) where !closed.contains(value) {
            throw ServiceDomainError(
                .outOfRange,
                at: "values.\(field).\(key)",
                "\(quoted(value)) is not a \(noun); expected " + closed.joined(separator: ", ")
            )
        }
    }
}

/// The time zones rows name in a zone column, each made once.
package struct ZoneCache: Sendable {
    private var zones: [String: TimeZone] = [:]

    package init() {}

    /// The zone of an IANA identifier, or `nil` when there is none by that name.
    package mutating func zone(named name: String) -> TimeZone? {
        if let zone = zones[name] { return zone }
        guard let zone = TimeZone(identifier: name) else { return nil }
        zones[name] = zone
        return zone
    }
}

/// Counts of the values no translation mapped, by field and value, with the first line of each.
package struct UnmappedTally: Sendable {
    package init() {}

    private(set) var entries: [String: [String: (rows: Int, firstLine: Int)]] = [:]

    package mutating func add(field: String, value: String, line: Int) {
        entries[field, default: [:]][value, default: (0, line)].rows += 1
    }

    package func values(policy: UnmappedValuePolicy) -> [UnmappedValue] {
        entries.flatMap { field, values in
            values.map {
                UnmappedValue(
                    field: field,
                    value: $0.key,
                    rows: $0.value.rows,
                    firstLine: $0.value.firstLine,
                    policy: policy
                )
            }
        }
        .sorted { ($0.firstLine, $0.field, $0.value) < ($1.firstLine, $1.field, $1.value) }
    }
}

/// A value of a file that no translation mapped.
///
/// JSON: `{"field": "priority", "value": "Medium", "rows": 42, "firstLine": 3, "policy": "reject"}`.
public struct UnmappedValue: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The mapping field (`priority`).
    public let field: String
    /// The value as written.
    public let value: String
    /// How many rows carry it.
    public let rows: Int
    /// The first line that carries it.
    public let firstLine: Int
    /// What the import did with those rows.
    public let policy: UnmappedValuePolicy

    /// Creates an entry.
    ///
    /// - Parameters:
    ///   - field: The field.
    ///   - value: The value.
    ///   - rows: How many rows carry it.
    ///   - firstLine: The first line.
    ///   - policy: What was done.
    public init(field: String, value: String, rows: Int, firstLine: Int, policy: UnmappedValuePolicy) {
        self.field = field
        self.value = value
        self.rows = rows
        self.firstLine = firstLine
        self.policy = policy
    }

    /// `priority "Medium" is not mapped (42 rows from line 3, left out)`.
    public var description: String {
        "\(field) \(quoted(value)) is not mapped (\(rows) row\(rows == 1 ? "" : "s") from line \(firstLine), "
            + (policy == .reject ? "left out" : "kept as written") + ")"
    }
}
