/// The accounting of one import: every row read is imported, merged into a record already started, or reported.
///
/// `rowsRead == rowsImported + rowsMerged + rowsRejected` always holds (``isBalanced``), so that nothing is dropped
/// without a word. JSON: `{"file": "tickets.csv", "rowsRead": 150, "rowsImported": 148, "rowsMerged": 0,
/// "rowsRejected": 2, "records": 148, "bytesRead": 20480, "unmappedValues": […], "duplicatePolicy": "reject",
/// "duplicateRows": 2, "derivedInstants": 148}`.
public struct ImportSummary: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file's name, when the import was told it.
    public var file: String?
    /// The data rows read (after the header rows), well-formed or not.
    public var rowsRead: Int
    /// The rows that started a record: a ticket row, the first row of an event-shaped case, a survey row.
    public var rowsImported: Int
    /// The rows that joined a record another row started (the later events of a case).
    public var rowsMerged: Int
    /// The rows left out, each covered by a problem.
    public var rowsRejected: Int
    /// The records produced: cases, contacts or survey answers (a row of a wide survey export gives several).
    public var records: Int
    /// The bytes of input read.
    public var bytesRead: Int
    /// The values no translation mapped, with their counts.
    public var unmappedValues: [UnmappedValue]
    /// How repeated identifiers were handled, where each row is one record.
    public var duplicatePolicy: DuplicatePolicy?
    /// The rows reported for a repeated identifier.
    public var duplicateRows: Int
    /// The instants computed from durations rather than read.
    public var derivedInstants: Int

    /// An empty summary.
    ///
    /// - Parameter file: The file's name.
    public init(file: String? = nil) {
        self.file = file
        rowsRead = 0
        rowsImported = 0
        rowsMerged = 0
        rowsRejected = 0
        records = 0
        bytesRead = 0
        unmappedValues = []
        duplicatePolicy = nil
        duplicateRows = 0
        derivedInstants = 0
    }

    /// Whether every row read is accounted for.
    public var isBalanced: Bool { rowsRead == rowsImported + rowsMerged + rowsRejected }

    /// `tickets.csv: 150 rows read = 148 imported + 0 merged + 2 left out; 148 records`, and the unmapped values.
    public var description: String {
        var text =
            (file.map { "\($0): " } ?? "")
            + "\(rowsRead) rows read = \(rowsImported) imported + \(rowsMerged) merged + \(rowsRejected) left out; "
            + "\(records) record\(records == 1 ? "" : "s")"
        if derivedInstants > 0 { text += "; \(derivedInstants) instants derived from durations" }
        if duplicatePolicy == .unchecked { text += "; identifiers not checked for repeats" }
        if duplicateRows > 0, let duplicatePolicy {
            text += "; \(duplicateRows) rows with a repeated identifier (\(duplicatePolicy.rawValue))"
        }
        for value in unmappedValues { text += "; \(value)" }
        return text
    }
}

/// How far an import has got, for a progress display.
public struct ImportProgress: Sendable, Hashable {
    /// The data rows read so far.
    public let rows: Int
    /// The bytes of input read so far.
    public let bytes: Int
    /// The rows reported so far.
    public let problems: Int

    /// Creates a progress report.
    ///
    /// - Parameters:
    ///   - rows: The rows read.
    ///   - bytes: The bytes read.
    ///   - problems: The rows reported.
    public init(rows: Int, bytes: Int, problems: Int) {
        self.rows = rows
        self.bytes = bytes
        self.problems = problems
    }
}

/// Options every import takes: the file's name for messages, what to do at a bad row, and a progress callback.
public struct ImportOptions: Sendable {
    /// The file's name, put in every problem.
    public var source: String?
    /// Skip unusable rows (the default) or stop at the first.
    public var onBadRecord: BadRecordPolicy
    /// Called every ``progressInterval`` rows and at the end.
    public var progress: (@Sendable (ImportProgress) -> Void)?
    /// How many rows between progress calls.
    public var progressInterval: Int
    /// The most events one case may have in an event export (a row each), or `nil` for no limit.
    ///
    /// A case with more (a bot loop, a mail storm) is left out with every row of it, reported at the row past the
    /// limit, so that one runaway case cannot hold the memory of the import.
    public var maximumEventsPerCase: Int?
    /// The longest record (a row, with its quoted line breaks) a file may have, in bytes: 16 MiB by default.
    ///
    /// A longer one stops the import with an error naming its line.
    public var maximumRecordBytes: Int
    /// The most columns a file's header may name: 10 000 by default.
    ///
    /// A wider file stops the import with an error naming the header's line. Every record is held to the header's
    /// count: one with more non-empty fields is reported as a problem row.
    public var maximumColumns: Int

    /// Creates options.
    ///
    /// - Parameters:
    ///   - source: The file's name.
    ///   - onBadRecord: Skip or stop.
    ///   - progressInterval: Rows between progress calls.
    ///   - maximumEventsPerCase: The most events a case of an event export may have (at least 1), or `nil`.
    ///   - maximumRecordBytes: The longest record in bytes (at least 1 KiB).
    ///   - maximumColumns: The most columns a header may name (at least 1).
    ///   - progress: The callback.
    public init(
        source: String? = nil,
        onBadRecord: BadRecordPolicy = .skip,
        progressInterval: Int = 10_000,
        maximumEventsPerCase: Int? = nil,
        maximumRecordBytes: Int = CSVReader.defaultMaximumRecordBytes,
        maximumColumns: Int = CSVReader.defaultMaximumColumns,
        progress: (@Sendable (ImportProgress) -> Void)? = nil
    ) {
        self.maximumEventsPerCase = maximumEventsPerCase.map { max($0, 1) }
        self.maximumRecordBytes = max(maximumRecordBytes, 1_024)
        self.maximumColumns = max(maximumColumns, 1)
        self.source = source
        self.onBadRecord = onBadRecord
        self.progress = progress
        self.progressInterval = max(progressInterval, 1)
    }
}
