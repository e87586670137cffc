public import Foundation
public import ServiceDomain

/// How a delimited text file is laid out: its separator, encoding and header rows.
///
/// JSON (every key optional): `{"delimiter": ";", "encoding": "windows1252", "headerRow": 1, "rowsAfterHeader": 2,
/// "decimalComma": false}`. Without `delimiter` the reader detects it.
public struct CSVDialect: Sendable, Hashable, Codable {
    /// The field separator, or `nil` to detect it from the header line: the one of `,` `;` tab `|` that occurs
    /// most often outside quotes (a comma when none does, or on a tie with a comma).
    public var delimiter: Character?
    /// The character encoding.
    public var encoding: TextEncoding
    /// Which row (1-based, counting non-empty rows) holds the column names; rows before it are preamble.
    public var headerRow: Int
    /// How many rows after the header are not data: Qualtrics writes the question text and the import ids under its
    /// column names (2), SurveyMonkey the answer labels (1).
    public var rowsAfterHeader: Int

    /// The delimiters that detection chooses among.
    public static let detectable: [Character] = [",", ";", "\t", "|"]

    /// Creates a dialect.
    ///
    /// - Parameters:
    ///   - delimiter: The separator, or `nil` to detect it.
    ///   - encoding: The encoding.
    ///   - headerRow: The row of the column names, from 1.
    ///   - rowsAfterHeader: Rows after the header that are not data.
    /// - Throws: `ServiceDomainError/Code/malformed` (path `delimiter`) for a delimiter that is a quote, a line
    ///   break or not ASCII; `ServiceDomainError/Code/outOfRange` for a header row below 1 or a negative count.
    public init(
        delimiter: Character? = nil,
        encoding: TextEncoding = .automatic,
        headerRow: Int = 1,
        rowsAfterHeader: Int = 0
    ) throws(ServiceDomainError) {
        if let delimiter {
            guard let ascii = delimiter.asciiValue, ascii != UInt8(ascii: "\""), ascii != 10, ascii != 13 else {
                throw ServiceDomainError(
                    .malformed,
                    at: "delimiter",
                    "the delimiter must be one ASCII character other than a quote or a line break"
                )
            }
        }
        guard headerRow >= 1, headerRow <= 1_000 else {
            throw ServiceDomainError(.outOfRange, at: "headerRow", "the header row must be between 1 and 1000")
        }
        guard rowsAfterHeader >= 0, rowsAfterHeader <= 1_000 else {
            throw ServiceDomainError(.outOfRange, at: "rowsAfterHeader", "rowsAfterHeader must be between 0 and 1000")
        }
        self.delimiter = delimiter
        self.encoding = encoding
        self.headerRow = headerRow
        self.rowsAfterHeader = rowsAfterHeader
    }

    /// Comma-separated UTF-8 (or any encoding, detected) with one header row; the delimiter is detected.
    public static var standard: CSVDialect {
        CSVDialect(unchecked: nil)
    }

    /// A comma-separated dialect with the delimiter fixed.
    ///
    /// - Parameter delimiter: The separator (an unusable one is rejected when the reader starts).
    /// - Returns: The dialect.
    public static func delimited(by delimiter: Character) -> CSVDialect { CSVDialect(unchecked: delimiter) }

    private init(unchecked delimiter: Character?) {
        self.delimiter = delimiter
        self.encoding = .automatic
        self.headerRow = 1
        self.rowsAfterHeader = 0
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case delimiter
        case encoding
        case headerRow
        case rowsAfterHeader
    }

    /// Decodes a dialect, checking it.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for unknown keys or a bad value.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: Set(CodingKeys.allCases.map(\.rawValue)))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decodeIfPresent(String.self, forKey: .delimiter)
        let delimiter: Character?
        switch text {
        case nil, "detect": delimiter = nil
        case .some(let value) where value.count == 1: delimiter = value.first
        case .some(let value):
            throw DecodingError.dataCorruptedError(
                forKey: .delimiter,
                in: container,
                debugDescription: "the delimiter must be one character or \"detect\", not \"\(value)\""
            )
        }
        let encoding = try container.decodeIfPresent(TextEncoding.self, forKey: .encoding) ?? .automatic
        let headerRow = try container.decodeIfPresent(Int.self, forKey: .headerRow) ?? 1
        let rowsAfterHeader = try container.decodeIfPresent(Int.self, forKey: .rowsAfterHeader) ?? 0
        do throws(ServiceDomainError) {
            try self.init(
                delimiter: delimiter,
                encoding: encoding,
                headerRow: headerRow,
                rowsAfterHeader: rowsAfterHeader
            )
        } catch {
            throw DecodingError.invalid(error, codingPath: decoder.codingPath)
        }
    }

    /// Encodes the documented form (defaults left out).
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if let delimiter { try container.encode(String(delimiter), forKey: .delimiter) }
        if encoding != .automatic { try container.encode(encoding, forKey: .encoding) }
        if headerRow != 1 { try container.encode(headerRow, forKey: .headerRow) }
        if rowsAfterHeader != 0 { try container.encode(rowsAfterHeader, forKey: .rowsAfterHeader) }
    }
}

/// Where a reader's bytes come from.
protocol ByteSource {
    /// Up to `maximum` further bytes; empty at the end.
    mutating func read(maximum: Int) throws(ServiceDomainError) -> [UInt8]
}

struct MemoryByteSource: ByteSource {
    let bytes: [UInt8]
    var position = 0

    mutating func read(maximum: Int) -> [UInt8] {
        let end = min(bytes.count, position + maximum)
        defer { position = end }
        return Array(bytes[position..<end])
    }
}

struct FileByteSource: ByteSource {
    let handle: FileHandle
    let path: String

    mutating func read(maximum: Int) throws(ServiceDomainError) -> [UInt8] {
        do {
            return [UInt8](try handle.read(upToCount: maximum) ?? Data())
        } catch {
            throw ServiceDomainError(.malformed, at: path, "cannot read \(path): \(error.localizedDescription)")
        }
    }
}

/// One row a ``CSVReader`` produced: a well-formed record, or a malformed one with its reason.
public enum CSVRow: Sendable, Hashable {
    /// A record with one field per header column.
    case record(CSVRecord)
    /// A record that cannot be used: a syntax error, or a field count unlike the header's.
    case problem(ImportProblem)
}

/// Reads a delimited text file record by record, in chunks, so that a file of any size is read in memory bounded by
/// the chunk and the longest record.
///
/// The reader follows RFC 4180: fields may be quoted with `"`; a quoted field may hold the delimiter, line breaks and
/// doubled quotes; records end with CRLF, LF or CR; entirely empty lines are skipped. The encoding is turned into
/// UTF-8 first (``TextEncoding``); the header is the dialect's ``CSVDialect/headerRow``, and the rows named by
/// ``CSVDialect/rowsAfterHeader`` are passed over. Header names may repeat (Jira writes one `Labels` column per
/// label); ``ColumnResolver`` addresses them by occurrence.
///
/// A record that is malformed on its own is returned as ``CSVRow/problem(_:)`` with its line, so that the caller can
/// count it and go on; trailing fields that are all empty (a spreadsheet's stray commas) are dropped before the count
/// is compared. A file that cannot be read at all (no header, a quoted field still open at the end, a record longer
/// than ``maximumRecordBytes``) throws.
///
/// A reader is a reference with state: use it from one task.
public final class CSVReader {
    /// The dialect, with the delimiter as detected.
    public let dialect: CSVDialect
    /// The encoding used (the detected one when the dialect said ``TextEncoding/automatic``).
    public let encoding: TextEncoding
    /// The column names, as written (not trimmed); trailing empty names are dropped.
    public var header: [String] { headerStorage }
    /// The line of the header.
    public var headerLine: Int { headerLineStorage }
    /// The file's name for messages, if given.
    public let source: String?
    /// The longest record accepted, in bytes after transcoding.
    public let maximumRecordBytes: Int
    /// The most columns the header may name (every record is held to the header's count).
    public let maximumColumns: Int
    /// The default of ``maximumColumns``: 10 000, far above any helpdesk export (Zendesk's widest, with every custom
    /// field, runs to a few hundred).
    public static let defaultMaximumColumns = 10_000
    /// The default of ``maximumRecordBytes``: 16 MiB.
    public static let defaultMaximumRecordBytes = 16 << 20
    /// The bytes of input consumed so far (before transcoding).
    public private(set) var bytesRead = 0
    /// The data rows returned so far, well-formed or not.
    public private(set) var rowsRead = 0

    private var input: any ByteSource
    private var transcoder: Transcoder
    private var buffer: [UInt8] = []
    private var position = 0
    private var line = 1
    private var endOfInput = false
    private let chunkSize: Int
    private let separator: UInt8

    /// Reads a document held in memory.
    ///
    /// - Parameters:
    ///   - text: The document.
    ///   - dialect: Its layout; the encoding is UTF-8 whatever the dialect says, as `text` is already text.
    ///   - source: The file's name for messages.
    ///   - maximumRecordBytes: The longest record accepted.
    ///   - maximumColumns: The most columns the header may name.
    /// - Throws: As ``init(contentsOf:dialect:chunkSize:maximumRecordBytes:maximumColumns:)``.
    public convenience init(
        text: String,
        dialect: CSVDialect = .standard,
        source: String? = nil,
        maximumRecordBytes: Int = CSVReader.defaultMaximumRecordBytes,
        maximumColumns: Int = CSVReader.defaultMaximumColumns
    ) throws(ServiceDomainError) {
        var utf8 = dialect
        utf8.encoding = .utf8
        try self.init(
            input: MemoryByteSource(bytes: Array(text.utf8)),
            dialect: utf8,
            source: source,
            chunkSize: 1 << 20,
            maximumRecordBytes: maximumRecordBytes,
            maximumColumns: maximumColumns
        )
    }

    /// Reads a file's bytes held in memory, in any ``TextEncoding``.
    ///
    /// - Parameters:
    ///   - bytes: The file's bytes.
    ///   - dialect: Its layout.
    ///   - source: The file's name for messages.
    ///   - maximumRecordBytes: The longest record accepted.
    ///   - maximumColumns: The most columns the header may name.
    /// - Throws: As ``init(contentsOf:dialect:chunkSize:maximumRecordBytes:maximumColumns:)``.
    public convenience init(
        bytes: [UInt8],
        dialect: CSVDialect = .standard,
        source: String? = nil,
        maximumRecordBytes: Int = CSVReader.defaultMaximumRecordBytes,
        maximumColumns: Int = CSVReader.defaultMaximumColumns
    ) throws(ServiceDomainError) {
        try self.init(
            input: MemoryByteSource(bytes: bytes),
            dialect: dialect,
            source: source,
            chunkSize: 1 << 20,
            maximumRecordBytes: maximumRecordBytes,
            maximumColumns: maximumColumns
        )
    }

    /// Reads a file in chunks.
    ///
    /// - Parameters:
    ///   - url: The file.
    ///   - dialect: Its layout.
    ///   - chunkSize: How many bytes to read at a time (at least 4 KiB).
    ///   - maximumRecordBytes: The longest record accepted.
    ///   - maximumColumns: The most columns the header may name.
    /// - Throws: `ServiceDomainError/Code/malformed` (path: the file) when the file cannot be opened or read,
    ///   `ServiceDomainError/Code/empty` for a file without a header row, `ServiceDomainError/Code/malformed`
    ///   (path `line[N]`) for a header with a syntax error or a quoted field never closed, and
    ///   `ServiceDomainError/Code/outOfRange` (path `line[N]`) for a record longer than `maximumRecordBytes` or a
    ///   header naming more than `maximumColumns` columns.
    public convenience init(
        contentsOf url: URL,
        dialect: CSVDialect = .standard,
        chunkSize: Int = 1 << 20,
        maximumRecordBytes: Int = CSVReader.defaultMaximumRecordBytes,
        maximumColumns: Int = CSVReader.defaultMaximumColumns
    ) throws(ServiceDomainError) {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw ServiceDomainError(.malformed, at: url.path, "cannot open \(url.path): \(error.localizedDescription)")
        }
        try self.init(
            input: FileByteSource(handle: handle, path: url.path),
            dialect: dialect,
            source: url.lastPathComponent,
            chunkSize: max(chunkSize, 4_096),
            maximumRecordBytes: maximumRecordBytes,
            maximumColumns: maximumColumns
        )
    }

    init(
        input: any ByteSource,
        dialect: CSVDialect,
        source: String?,
        chunkSize: Int,
        maximumRecordBytes: Int,
        maximumColumns: Int = CSVReader.defaultMaximumColumns
    ) throws(ServiceDomainError) {
        if let delimiter = dialect.delimiter {
            _ = try CSVDialect(delimiter: delimiter)
        }
        self.input = input
        self.source = source
        self.chunkSize = chunkSize
        self.maximumRecordBytes = max(maximumRecordBytes, 1_024)
        self.maximumColumns = max(maximumColumns, 1)
        // Decide the encoding from the first chunk, before any transcoding.
        var first = try self.input.read(maximum: chunkSize)
        bytesRead = first.count
        let encoding = dialect.encoding == .automatic ? TextEncoding.detect(first) : dialect.encoding
        self.encoding = encoding
        var transcoder = Transcoder(encoding)
        if first.isEmpty { endOfInput = true }
        let more = endOfInput ? [] : try self.input.read(maximum: chunkSize)
        bytesRead += more.count
        if more.isEmpty { endOfInput = true }
        first += more
        buffer = transcoder.transcode(first, final: endOfInput)
        self.transcoder = transcoder
        var resolved = dialect
        resolved.delimiter = dialect.delimiter ?? Self.detectDelimiter(buffer, headerRow: dialect.headerRow)
        self.dialect = resolved
        self.separator = resolved.delimiter?.asciiValue ?? UInt8(ascii: ",")
        var rowNumber = 0
        var found: (fields: [String], line: Int)?
        while found == nil, let raw = try scan() {
            rowNumber += 1
            guard rowNumber == dialect.headerRow else { continue }
            if let problem = raw.problem {
                throw ServiceDomainError(
                    .malformed,
                    at: "line[\(raw.line)]",
                    "\(prefix)the header (line \(raw.line)): \(problem)"
                )
            }
            found = (raw.fields, raw.line)
        }
        guard let found else {
            throw ServiceDomainError(
                .empty,
                "\(prefix)the document has no header row"
                    + (dialect.headerRow > 1 ? " (row \(dialect.headerRow) was expected to hold the names)" : "")
            )
        }
        var names = found.fields
        while names.count > 1, names.last?.isEmpty == true { names.removeLast() }
        guard names.count <= self.maximumColumns else {
            throw ServiceDomainError(
                .outOfRange,
                at: "line[\(found.line)]",
                "\(prefix)the header (line \(found.line)) names \(names.count) columns; the most a file may have is "
                    + "\(self.maximumColumns) (ImportOptions.maximumColumns)"
            )
        }
        self.headerStorage = names
        self.headerLineStorage = found.line
        for _ in 0..<dialect.rowsAfterHeader {
            guard try scan() != nil else { break }
        }
    }

    // Set once the first rows are scanned.
    private var headerStorage: [String] = []
    private var headerLineStorage = 0

    private var prefix: String { source.map { "\($0): " } ?? "" }

    /// The next data row, or `nil` at the end.
    ///
    /// - Returns: A record or a problem.
    /// - Throws: `ServiceDomainError/Code/malformed` for a quoted field never closed or an unreadable file,
    ///   `ServiceDomainError/Code/outOfRange` for a record over ``maximumRecordBytes``.
    public func next() throws(ServiceDomainError) -> CSVRow? {
        guard let raw = try scan() else { return nil }
        rowsRead += 1
        let columns = headerStorage.count
        if let problem = raw.problem {
            return .problem(ImportProblem(file: source, line: raw.line, reason: problem))
        }
        var fields = raw.fields
        if fields.count > columns {
            guard fields[columns...].allSatisfy(\.isEmpty) else {
                return .problem(
                    ImportProblem(
                        file: source,
                        line: raw.line,
                        reason: "\(fields.count) fields where the header has \(columns)"
                    )
                )
            }
            fields.removeLast(fields.count - columns)
        }
        guard fields.count == columns else {
            return .problem(
                ImportProblem(
                    file: source,
                    line: raw.line,
                    reason: "\(fields.count) field\(fields.count == 1 ? "" : "s") where the header has \(columns)"
                )
            )
        }
        return .record(CSVRecord(line: raw.line, fields: fields))
    }

    // MARK: - Scanning

    struct Raw {
        let line: Int
        var fields: [String]
        var problem: String?
    }

    /// Reads more input into the buffer, dropping what was consumed; false at the end of input.
    private func refill() throws(ServiceDomainError) -> Bool {
        guard !endOfInput else { return false }
        let chunk = try input.read(maximum: chunkSize)
        bytesRead += chunk.count
        if chunk.isEmpty { endOfInput = true }
        if position > 0 {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        buffer += transcoder.transcode(chunk, final: endOfInput)
        return true
    }

    /// The next raw record, refilling the buffer as needed.
    private func scan() throws(ServiceDomainError) -> Raw? {
        while true {
            let startLine = line
            switch Self.scanRecord(buffer, from: position, separator: separator, atEnd: endOfInput) {
            case .end:
                if try refill() { continue }
                return nil
            case .needMore:
                if buffer.count - position > maximumRecordBytes {
                    throw ServiceDomainError(
                        .outOfRange,
                        at: "line[\(startLine)]",
                        "\(prefix)the record on line \(startLine) is longer than \(maximumRecordBytes) bytes"
                            + " (an unclosed quote, or not a delimited text file?)"
                    )
                }
                guard try refill() else {
                    throw ServiceDomainError(
                        .malformed,
                        at: "line[\(startLine)]",
                        "\(prefix)a quoted field in the record of line \(startLine) is never closed"
                    )
                }
            case .record(let fields, let problem, let end, let skippedLines, let lines):
                // The same limit for a record found whole in the buffer as for one still arriving.
                if end - position > maximumRecordBytes {
                    throw ServiceDomainError(
                        .outOfRange,
                        at: "line[\(line + skippedLines)]",
                        "\(prefix)the record on line \(line + skippedLines) is longer than \(maximumRecordBytes) bytes"
                            + " (ImportOptions.maximumRecordBytes)"
                    )
                }
                position = end
                let recordLine = line + skippedLines
                line += skippedLines + lines
                return Raw(line: recordLine, fields: fields, problem: problem)
            }
        }
    }

    enum ScanResult {
        case end
        case needMore
        /// A record: its fields, its first problem, where the next begins, the empty lines skipped before it and the
        /// line breaks it held (its own end included).
        case record([String], String?, end: Int, skippedLines: Int, lines: Int)
    }

    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed: UInt8 = 10
    private static let carriageReturn: UInt8 = 13

    /// Scans one record from `start`; `.needMore` when the buffer ends inside it before the end of input.
    static func scanRecord(_ buffer: [UInt8], from start: Int, separator: UInt8, atEnd: Bool) -> ScanResult {
        buffer.withUnsafeBufferPointer { bytes in
            let count = bytes.count
            var i = start
            var skipped = 0
            // Empty lines.
            while i < count {
                if bytes[i] == lineFeed {
                    skipped += 1
                    i += 1
                } else if bytes[i] == carriageReturn {
                    if i + 1 < count {
                        i += bytes[i + 1] == lineFeed ? 2 : 1
                    } else if atEnd {
                        i += 1
                    } else {
                        return .needMore
                    }
                    skipped += 1
                } else {
                    break
                }
            }
            guard i < count else { return atEnd ? .end : (skipped > 0 || start < count ? .needMore : .end) }
            var fields: [String] = []
            var problem: String?
            var lines = 0
            var scratch: [UInt8] = []
            while true {
                // One field.
                if i < count, bytes[i] == quote {
                    i += 1
                    scratch.removeAll(keepingCapacity: true)
                    var closed = false
                    while i < count {
                        let byte = bytes[i]
                        if byte == quote {
                            if i + 1 < count {
                                if bytes[i + 1] == quote {
                                    scratch.append(quote)
                                    i += 2
                                    continue
                                }
                            } else if !atEnd {
                                return .needMore
                            }
                            i += 1
                            closed = true
                            break
                        }
                        if byte == lineFeed {
                            lines += 1
                        } else if byte == carriageReturn {
                            if i + 1 < count {
                                if bytes[i + 1] != lineFeed { lines += 1 }
                            } else if !atEnd {
                                return .needMore
                            } else {
                                lines += 1
                            }
                        }
                        scratch.append(byte)
                        i += 1
                    }
                    guard closed else { return .needMore }
                    let trailing = i
                    while i < count, bytes[i] != separator, bytes[i] != lineFeed, bytes[i] != carriageReturn { i += 1 }
                    if i == count, !atEnd { return .needMore }
                    if i > trailing {
                        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[trailing..<i]))
                        if problem == nil { problem = "field \(fields.count + 1): text after the closing quote" }
                    }
                    fields.append(String(decoding: scratch, as: UTF8.self))
                } else {
                    let fieldStart = i
                    var strayQuote = false
                    while i < count {
                        let byte = bytes[i]
                        if byte == separator || byte == lineFeed || byte == carriageReturn { break }
                        if byte == quote { strayQuote = true }
                        i += 1
                    }
                    if i == count, !atEnd { return .needMore }
                    if strayQuote, problem == nil {
                        problem = "field \(fields.count + 1): a quote inside an unquoted field"
                    }
                    fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[fieldStart..<i]), as: UTF8.self))
                }
                // What ends the field.
                if i < count, bytes[i] == separator {
                    i += 1
                    continue
                }
                if i < count, bytes[i] == carriageReturn {
                    if i + 1 < count {
                        i += bytes[i + 1] == lineFeed ? 2 : 1
                    } else if !atEnd {
                        return .needMore
                    } else {
                        i += 1
                    }
                    lines += 1
                } else if i < count, bytes[i] == lineFeed {
                    i += 1
                    lines += 1
                }
                return .record(fields, problem, end: i, skippedLines: skipped, lines: lines)
            }
        }
    }

    /// The delimiter of the header line: the most frequent of ``CSVDialect/detectable`` outside quotes.
    ///
    /// The header line is the `headerRow`-th non-empty line, so that a preamble above it does not decide.
    static func detectDelimiter(_ buffer: [UInt8], headerRow: Int = 1) -> Character {
        var counts: [UInt8: Int] = [:]
        var inQuotes = false
        var lineHasContent = false
        var nonEmptyLines = 0
        for byte in buffer.prefix(1 << 20) {
            if byte == quote { inQuotes.toggle() }
            if !inQuotes, byte == lineFeed || byte == carriageReturn {
                if lineHasContent {
                    nonEmptyLines += 1
                    if nonEmptyLines >= headerRow { break }
                    counts = [:]
                }
                lineHasContent = false
                continue
            }
            lineHasContent = true
            if !inQuotes, CSVDialect.detectable.contains(where: { $0.asciiValue == byte }) {
                counts[byte, default: 0] += 1
            }
        }
        let comma = counts[UInt8(ascii: ","), default: 0]
        guard let best = counts.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }), best.value > comma else {
            return ","
        }
        return Character(Unicode.Scalar(best.key))
    }
}

/// A reader holds a file handle and a position: it is not to be shared between tasks.
@available(*, unavailable)
extension CSVReader: Sendable {}

extension CSVReader {
    /// Reads a document held in memory with the limits of an import's options.
    package convenience init(text: String, dialect: CSVDialect, options: ImportOptions) throws(ServiceDomainError) {
        try self.init(
            text: text,
            dialect: dialect,
            source: options.source,
            maximumRecordBytes: options.maximumRecordBytes,
            maximumColumns: options.maximumColumns
        )
    }

    /// Reads a file in chunks with the limits of an import's options.
    package convenience init(contentsOf url: URL, dialect: CSVDialect, options: ImportOptions)
        throws(ServiceDomainError)
    {
        try self.init(
            contentsOf: url,
            dialect: dialect,
            maximumRecordBytes: options.maximumRecordBytes,
            maximumColumns: options.maximumColumns
        )
    }
}
