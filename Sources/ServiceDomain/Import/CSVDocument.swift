import Foundation

/// A comma-separated values document read by the rules of RFC 4180, with the line on which each record starts.
///
/// The first record is the header. Fields may be quoted with `"`; a quoted field may hold the delimiter, line
/// breaks and doubled quotes (`""` for one `"`). Records end with CRLF, LF or CR. A byte-order mark at the start is
/// ignored, and so are lines that are entirely empty.
///
/// Two kinds of trouble are told apart. A record that is malformed on its own (a stray quote in an unquoted field,
/// text after a closing quote, the wrong number of fields) is kept out of ``records`` and reported in ``problems``
/// with its line, so that an importer can skip it or stop. A document that cannot be read at all (no header, a
/// duplicate or empty column name, a quoted field still open at the end) throws.
///
/// ```swift
/// let document = try CSVDocument(parsing: "id,created\nT-1,2026-11-23T09:00:00Z\n")
/// document.header                         // ["id", "created"]
/// document.records[0].line                // 2
/// document.column("created").map { document.records[0][$0] }  // "2026-11-23T09:00:00Z"
/// ```
public struct CSVDocument: Sendable, Hashable {
    /// The column names, from the first record, as written (not trimmed).
    public let header: [String]
    /// The well-formed records after the header, in order.
    public let records: [CSVRecord]
    /// The malformed records, in order, each with its line and reason.
    public let problems: [ImportProblem]

    /// Reads a document.
    ///
    /// - Parameters:
    ///   - text: The whole document.
    ///   - delimiter: The field separator, one ASCII character other than `"`, CR or LF: `,` (the default), `;` or
    ///     a tab.
    /// - Throws: ``ServiceDomainError/Code/empty`` for a document without a header,
    ///   ``ServiceDomainError/Code/malformed`` for an unusable delimiter, a header with a syntax error or a quoted
    ///   field left open at the end (path `line[N]`, the line where it opened), and
    ///   ``ServiceDomainError/Code/duplicateIdentifier`` or ``ServiceDomainError/Code/empty`` for a header with a
    ///   repeated or empty column name (path `header[i]`).
    public init(parsing text: String, delimiter: Character = ",") throws(ServiceDomainError) {
        guard let separator = delimiter.asciiValue, separator != UInt8(ascii: "\""), separator != 10, separator != 13
        else {
            throw ServiceDomainError(
                .malformed,
                at: "delimiter",
                "the delimiter must be one ASCII character other than a quote or a line break"
            )
        }
        var scanner = CSVScanner(bytes: Array(text.utf8), separator: separator)
        var header: [String]?
        var records: [CSVRecord] = []
        var problems: [ImportProblem] = []
        while let raw = try scanner.nextRecord() {
            guard let columns = header else {
                if let problem = raw.problem {
                    throw ServiceDomainError(.malformed, at: "line[\(raw.line)]", "the header: \(problem)")
                }
                try Self.checkHeader(raw.fields)
                header = raw.fields
                continue
            }
            if let problem = raw.problem {
                problems.append(ImportProblem(line: raw.line, reason: problem))
            } else if raw.fields.count != columns.count {
                problems.append(
                    ImportProblem(
                        line: raw.line,
                        reason: "\(raw.fields.count) field\(raw.fields.count == 1 ? "" : "s") where the header has "
                            + "\(columns.count)"
                    )
                )
            } else {
                records.append(CSVRecord(line: raw.line, fields: raw.fields))
            }
        }
        guard let header else { throw ServiceDomainError(.empty, "the document has no header row") }
        self.header = header
        self.records = records
        self.problems = problems
    }

    /// The index of a column, by its name as written in the header (exact, case-sensitive), or `nil`.
    ///
    /// - Parameter name: The column name.
    /// - Returns: The index.
    public func column(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// The column index of each field a mapping names, looked up once, in the fields' declared order.
    ///
    /// - Parameter columns: The column name of each mapped field.
    /// - Returns: The index of each field's column.
    /// - Throws: ``ServiceDomainError/Code/malformed`` (path `columns.<field>`) for the first field whose column the
    ///   document does not have.
    package func indexes<Field: CaseIterable & RawRepresentable & Hashable>(of columns: [Field: String])
        throws(ServiceDomainError) -> [Field: Int] where Field.RawValue == String
    {
        var indexes: [Field: Int] = [:]
        for field in Field.allCases {
            guard let name = columns[field] else { continue }
            guard let index = column(name) else {
                throw ServiceDomainError(
                    .malformed,
                    at: "columns.\(field.rawValue)",
                    "the file has no column \"\(name)\" (its columns: \(header.joined(separator: ", ")))"
                )
            }
            indexes[field] = index
        }
        return indexes
    }

    private static func checkHeader(_ fields: [String]) throws(ServiceDomainError) {
        var seen: Set<String> = []
        for (index, name) in fields.enumerated() {
            guard !name.isEmpty else {
                throw ServiceDomainError(
                    .empty,
                    at: "header[\(index)]",
                    "column \(index + 1) of the header has no name"
                )
            }
            guard seen.insert(name).inserted else {
                throw ServiceDomainError(
                    .duplicateIdentifier,
                    at: "header[\(index)]",
                    "the header names column \"\(name)\" twice"
                )
            }
        }
    }

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

/// A record an import could not use: the line it starts on, the column when one is at fault, and why.
///
/// JSON: `{"line": 12, "column": "created", "reason": "…"}`, `column` omitted when the whole record is at fault.
public struct ImportProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The 1-based line on which the record starts.
    public let line: Int
    /// The column at fault, by name, if one is.
    public let column: String?
    /// Why the record was not used.
    public let reason: String

    /// Creates a problem.
    ///
    /// - Parameters:
    ///   - line: The line.
    ///   - column: The column at fault.
    ///   - reason: Why.
    public init(line: Int, column: String? = nil, reason: String) {
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `line 12, column created: reason`.
    public var description: String {
        "line \(line)" + (column.map { ", column \($0)" } ?? "") + ": \(reason)"
    }

    /// The problem as an error: code ``ServiceDomainError/Code/badRecord``, path `line[12].created`.
    public var error: ServiceDomainError {
        ServiceDomainError(.badRecord, at: "line[\(line)]" + (column.map { ".\($0)" } ?? ""), reason)
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

/// A byte-level RFC 4180 reader: one record at a time, with the line it starts on.
struct CSVScanner {
    let bytes: [UInt8]
    let separator: UInt8
    var position = 0
    var line = 1

    init(bytes: [UInt8], separator: UInt8) {
        self.bytes = bytes
        self.separator = separator
        // A UTF-8 byte-order mark.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    struct Raw {
        let line: Int
        var fields: [String]
        var problem: String?
    }

    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed: UInt8 = 10
    private static let carriageReturn: UInt8 = 13

    /// Consumes a line break at the position, if one is there; true when it did.
    private mutating func consumeLineBreak() -> Bool {
        guard position < bytes.count else { return false }
        if bytes[position] == Self.carriageReturn {
            position += 1
            if position < bytes.count, bytes[position] == Self.lineFeed { position += 1 }
            line += 1
            return true
        }
        if bytes[position] == Self.lineFeed {
            position += 1
            line += 1
            return true
        }
        return false
    }

    /// The next record, skipping empty lines, or `nil` at the end.
    mutating func nextRecord() throws(ServiceDomainError) -> Raw? {
        while consumeLineBreak() {}
        guard position < bytes.count else { return nil }
        var raw = Raw(line: line, fields: [])
        while true {
            let field = try nextField(recordLine: raw.line)
            raw.fields.append(field.text)
            if raw.problem == nil, let problem = field.problem {
                raw.problem = "field \(raw.fields.count): \(problem)"
            }
            if position < bytes.count, bytes[position] == separator {
                position += 1
                continue
            }
            _ = consumeLineBreak()
            return raw
        }
    }

    /// One field, up to (not including) the separator or line break that ends it.
    private mutating func nextField(recordLine: Int) throws(ServiceDomainError) -> (text: String, problem: String?) {
        guard position < bytes.count, bytes[position] == Self.quote else {
            let start = position
            var problem: String?
            while position < bytes.count {
                let byte = bytes[position]
                if byte == separator || byte == Self.lineFeed || byte == Self.carriageReturn { break }
                if byte == Self.quote, problem == nil { problem = "a quote inside an unquoted field" }
                position += 1
            }
            return (String(decoding: bytes[start..<position], as: UTF8.self), problem)
        }
        let openedOn = line
        position += 1
        var text: [UInt8] = []
        while true {
            guard position < bytes.count else {
                throw ServiceDomainError(
                    .malformed,
                    at: "line[\(openedOn)]",
                    "a quoted field opened on line \(openedOn) (record of line \(recordLine)) is never closed"
                )
            }
            let byte = bytes[position]
            if byte == Self.quote {
                if position + 1 < bytes.count, bytes[position + 1] == Self.quote {
                    text.append(Self.quote)
                    position += 2
                    continue
                }
                position += 1
                break
            }
            if byte == Self.lineFeed || (byte == Self.carriageReturn && bytes[safe: position + 1] != Self.lineFeed) {
                line += 1
            }
            text.append(byte)
            position += 1
        }
        // After the closing quote: the separator, a line break or the end; anything else is kept but reported.
        var problem: String?
        let trailing = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == separator || byte == Self.lineFeed || byte == Self.carriageReturn { break }
            position += 1
        }
        if position > trailing {
            problem = "text after the closing quote"
            text += bytes[trailing..<position]
        }
        return (String(decoding: text, as: UTF8.self), problem)
    }
}

extension Array where Element == UInt8 {
    fileprivate subscript(safe index: Int) -> UInt8? { indices.contains(index) ? self[index] : nil }
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
        let pieces: [String]
        if separator.count == 1, let character = separator.first {
            pieces = split(separator: character, omittingEmptySubsequences: true).map { String($0) }
        } else {
            pieces = components(separatedBy: separator)
        }
        return pieces.map(\.trimmingSpacesAndTabs).filter { !$0.isEmpty }
    }
}
