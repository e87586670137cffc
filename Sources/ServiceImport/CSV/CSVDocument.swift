import Foundation
public import ServiceDomain

/// A whole delimited text document in memory, read by ``CSVReader`` (RFC 4180), with the line on which each record
/// starts.
///
/// The header is the dialect's header row. Header names may repeat; address repeats with ``ColumnResolver``.
/// Two kinds of trouble are told apart. A record that is malformed on its own (a stray quote in an unquoted field,
/// text after a closing quote, the wrong number of fields) is kept out of ``records`` and reported in ``problems``
/// with its line, so that an importer can skip it or stop. A document that cannot be read at all (no header, a
/// quoted field still open at the end) throws.
///
/// ```swift
/// let document = try CSVDocument(parsing: "id,created\nT-1,2026-11-23T09:00:00Z\n")
/// document.header                         // ["id", "created"]
/// document.records[0].line                // 2
/// document.column("created").map { document.records[0][$0] }  // "2026-11-23T09:00:00Z"
/// ```
///
/// For files too large to hold, read with ``CSVReader`` directly, or import with the streaming calls of the mappings.
public struct CSVDocument: Sendable, Hashable {
    /// The column names, from the header row, as written (not trimmed).
    public let header: [String]
    /// The well-formed records after the header, in order.
    public let records: [CSVRecord]
    /// The malformed records, in order, each with its line and reason.
    public let problems: [ImportProblem]
    /// The dialect, with the delimiter as used.
    public let dialect: CSVDialect

    /// Reads a document with a fixed delimiter.
    ///
    /// - Parameters:
    ///   - text: The whole document.
    ///   - delimiter: The field separator, one ASCII character other than `"`, CR or LF: `,` (the default), `;`,
    ///     `|` or a tab.
    /// - Throws: As ``CSVReader``: `ServiceDomainError/Code/empty` for a document without a header,
    ///   `ServiceDomainError/Code/malformed` for an unusable delimiter, a header with a syntax error or a quoted
    ///   field left open at the end (path `line[N]`, the line of the record).
    public init(parsing text: String, delimiter: Character = ",") throws(ServiceDomainError) {
        try self.init(parsing: text, dialect: .delimited(by: delimiter))
    }

    /// Reads a document in a dialect (a detected delimiter, header rows).
    ///
    /// - Parameters:
    ///   - text: The whole document.
    ///   - dialect: Its layout.
    ///   - source: The file's name for messages.
    /// - Throws: As ``init(parsing:delimiter:)``.
    public init(parsing text: String, dialect: CSVDialect, source: String? = nil) throws(ServiceDomainError) {
        let reader = try CSVReader(text: text, dialect: dialect, source: source)
        var records: [CSVRecord] = []
        var problems: [ImportProblem] = []
        while let row = try reader.next() {
            switch row {
            case .record(let record): records.append(record)
            case .problem(let problem): problems.append(problem)
            }
        }
        self.header = reader.header
        self.records = records
        self.problems = problems
        self.dialect = reader.dialect
    }

    /// The index of the first column named `name` as written in the header (exact, case-sensitive), or `nil`; use
    /// ``ColumnResolver`` for forgiving matches and repeated names.
    ///
    /// - Parameter name: The column name.
    /// - Returns: The index.
    public func column(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// Writes fields as one CSV record ending in CRLF, quoting a field only when it holds the delimiter, a quote, a
    /// line break, or leading or trailing spaces.
    ///
    /// - Parameters:
    ///   - fields: The fields.
    ///   - delimiter: The field separator.
    /// - Returns: The record.
    public static func record(_ fields: [String], delimiter: Character = ",") -> String {
        fields.map { field in
            let needsQuotes =
                field.contains(delimiter) || field.contains("\"") || field.contains("\n") || field.contains("\r")
                || field.first == " " || field.last == " "
            guard needsQuotes else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        .joined(separator: String(delimiter)) + "\r\n"
    }
}

/// One well-formed record of a ``CSVDocument``.
public struct CSVRecord: Sendable, Hashable {
    /// The 1-based line of the document on which the record starts (the header is line 1).
    public let line: Int
    /// The fields, one per header column, unquoted.
    public let fields: [String]

    /// Creates a record.
    ///
    /// - Parameters:
    ///   - line: The line on which it starts.
    ///   - fields: The fields.
    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }

    /// The field at a column index, or `""` past the end.
    ///
    /// - Parameter column: The column index.
    public subscript(column: Int) -> String { fields.indices.contains(column) ? fields[column] : "" }
}

/// A record an import could not use: the file, the line it starts on, the column when one is at fault, and why.
///
/// JSON: `{"file": "tickets.csv", "line": 12, "column": "created", "reason": "…", "rows": 1}`; `file` and `column`
/// omitted when unknown or when the whole record is at fault, `rows` when it is 1. A problem that stands for many rows
/// (an unmapped value: "priority \"Medium\" is not mapped") has the first of their lines and their count.
public struct ImportProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file's name, when the import was told it.
    public let file: String?
    /// The 1-based line on which the record starts (the first of them, for a problem of many rows).
    public let line: Int
    /// The column at fault, by name, if one is.
    public let column: String?
    /// Why the record was not used.
    public let reason: String
    /// How many rows the problem stands for (at least 1).
    public let rows: Int

    /// Creates a problem.
    ///
    /// - Parameters:
    ///   - file: The file's name.
    ///   - line: The line.
    ///   - column: The column at fault.
    ///   - reason: Why.
    ///   - rows: How many rows it stands for.
    public init(file: String? = nil, line: Int, column: String? = nil, reason: String, rows: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
        self.rows = max(rows, 1)
    }

    /// The same problem, named as coming from a file.
    ///
    /// - Parameter file: The file's name.
    /// - Returns: The problem with its file.
    public func inFile(_ file: String?) -> ImportProblem {
        ImportProblem(file: file ?? self.file, line: line, column: column, reason: reason, rows: rows)
    }

    /// `tickets.csv: line 12, column created: reason`.
    public var description: String {
        (file.map { "\($0): " } ?? "") + "line \(line)" + (column.map { ", column \($0)" } ?? "") + ": \(reason)"
    }

    /// The problem as an error: code `ServiceDomainError/Code/badRecord`, path `line[12].created`, the message
    /// naming the file.
    public var error: ServiceDomainError {
        ServiceDomainError(
            .badRecord,
            at: "line[\(line)]" + (column.map { ".\($0)" } ?? ""),
            (file.map { "\($0): line \(line): " } ?? "") + reason
        )
    }

    private enum CodingKeys: String, CodingKey {
        case file
        case line
        case column
        case reason
        case rows
    }

    /// Decodes a problem.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for missing fields or a line or row count below 1.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let line = try container.decode(Int.self, forKey: .line)
        let rows = try container.decodeIfPresent(Int.self, forKey: .rows) ?? 1
        guard line >= 0, rows >= 1 else {
            throw DecodingError.dataCorruptedError(
                forKey: .rows,
                in: container,
                debugDescription: "line must be 0 or more and rows 1 or more"
            )
        }
        self.init(
            file: try container.decodeIfPresent(String.self, forKey: .file),
            line: line,
            column: try container.decodeIfPresent(String.self, forKey: .column),
            reason: try container.decode(String.self, forKey: .reason),
            rows: rows
        )
    }

    /// Encodes the documented form.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(file, forKey: .file)
        try container.encode(line, forKey: .line)
        try container.encodeIfPresent(column, forKey: .column)
        try container.encode(reason, forKey: .reason)
        if rows != 1 { try container.encode(rows, forKey: .rows) }
    }
}

/// What an import does with a record it cannot use.
public enum BadRecordPolicy: String, Sendable, Hashable, Codable {
    /// Leave the record out, report it, and go on.
    case skip
    /// Stop at the first such record with its error.
    case stop
}

extension ServiceDomainError.Code {
    /// A record of an imported file cannot be used (path `line[N]` or `line[N].column`).
    public static let badRecord = Self(rawValue: "badRecord")
}

extension String {
    /// The text without leading and trailing spaces and tabs, without Foundation's character-set machinery: the
    /// importers call it on every field.
    package var trimmingSpacesAndTabs: String {
        let utf8 = self.utf8
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        guard let first = utf8.firstIndex(where: { !isBlank($0) }),
            let last = utf8.lastIndex(where: { !isBlank($0) })
        else { return "" }
        if first == utf8.startIndex, utf8.index(after: last) == utf8.endIndex { return self }
        return String(self[first...last])
    }

    /// The items of a list separated by `separator`, each trimmed of spaces and tabs, empty items dropped.
    package func listItems(separatedBy separator: String) -> [String] {
        if separator.utf8.count == 1, let byte = separator.utf8.first {
            // One ASCII byte: split the UTF-8 view, no grapheme breaking.
            return utf8.split(separator: byte, omittingEmptySubsequences: true).compactMap { piece in
                let item = String(Substring(piece)).trimmingSpacesAndTabs
                return item.isEmpty ? nil : item
            }
        }
        return components(separatedBy: separator).map(\.trimmingSpacesAndTabs).filter { !$0.isEmpty }
    }
}
