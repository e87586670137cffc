public import Foundation
public import ServiceDomain
public import ServiceImport

/// One imported survey answer: which survey, when, and the response itself.
public struct SurveyAnswer: Sendable, Hashable, Codable {
    /// The survey's name, as the file spells it after translation (`nps`, `csat`, `ces`).
    public let survey: String
    /// When it was given, if the file says.
    public let at: Date?
    /// The case it is about, if the file says.
    public let caseID: CaseID?
    /// The response.
    public let response: SurveyResponse

    /// Creates an answer.
    ///
    /// - Parameters:
    ///   - survey: The survey's name.
    ///   - at: When it was given.
    ///   - caseID: The case it is about.
    ///   - response: The response.
    public init(survey: String, at: Date? = nil, caseID: CaseID? = nil, response: SurveyResponse) {
        self.survey = survey
        self.at = at
        self.caseID = caseID
        self.response = response
    }
}

/// The answers a survey import produced, the rows it could not use, and its accounting.
public struct SurveyImport: Sendable, Hashable {
    /// The answers, in file order (a row of a wide export gives one per question answered).
    public let answers: [SurveyAnswer]
    /// The rows left out, in file order; a problem may stand for several rows (`ImportProblem/rows`).
    public let problems: [ImportProblem]
    /// The accounting.
    public let summary: ImportSummary
}

/// How the columns of a CSV file of survey answers become ``SurveyAnswer``s.
///
/// Two layouts are read:
/// - **one answer per row** (long): a `survey` column names the survey and `score` holds the answer;
/// - **one response per row** (wide, as Qualtrics and SurveyMonkey export): ``questions`` names the column of each
///   survey's question (`{"survey": "nps", "column": "Q1"}`), and each row gives an answer per question answered
///   (an empty cell is a question skipped). Every answer of a row shares its `id`, `at`, `segment`, `weight` and
///   `case`.
///
/// Exports with several header rows (Qualtrics writes the question text and import ids below its column names) are
/// read with ``dialect`` (`"rowsAfterHeader": 2`). Every answer is checked against the scale of its survey (a whole
/// point of the scale, a finite, non-negative weight); scores and weights are decimal numbers only (no hex, no
/// exponent). A survey name with no scale is reported once with its row count; a response identifier that repeats
/// within a survey follows ``duplicateIDs``. A row is imported whole or not at all.
///
/// JSON: `{"columns": {"id": "ResponseId", "at": "RecordedDate"}, "questions": [{"survey": "nps", "column": "Q1"}],
/// "dialect": {"rowsAfterHeader": 2}, "timestamps": {"pattern": "yyyy-MM-dd HH:mm:ss", "timeZone": "UTC"}}`;
/// fields `id`, `survey`, `score`, `at`, `segment`, `weight`, `case`; `id` is required, and `score` unless
/// `questions` is given.
public struct SurveyCSVMapping: Sendable, Hashable, Codable {
    /// A field a column can supply.
    public enum Field: String, Sendable, Hashable, Codable, CaseIterable, CodingKeyRepresentable {
        /// The response's identifier.
        case id
        /// The survey's name; without this column every row belongs to the one survey given to the import.
        case survey
        /// The score (long layout).
        case score
        /// When the answer was given.
        case at
        /// The respondent's segment.
        case segment
        /// The response's weight (1 when empty).
        case weight
        /// The case the answer is about.
        case `case`
    }

    /// One question of a wide export: the survey it answers and its column.
    public struct Question: Sendable, Hashable, Codable {
        /// The survey's name (a key of the scales given to the import).
        public let survey: String
        /// The column of the answers.
        public let column: ColumnSource

        /// Creates a question.
        ///
        /// - Parameters:
        ///   - survey: The survey's name.
        ///   - column: The column of the answers.
        public init(survey: String, column: ColumnSource) {
            self.survey = survey
            self.column = column
        }
    }

    /// The column of each field used.
    public var columns: [Field: ColumnSource]
    /// The questions of a wide export, each with its column; empty for one answer per row.
    public var questions: [Question]
    /// Translations of values, per field, from the file's spelling (matched without regard to case) to the one used
    /// here; for `survey`, to a scale's name.
    public var values: [Field: [String: String]]
    /// How instants are written.
    public var timestamps: TimestampFormat
    /// How numbers are written.
    public var numbers: NumberFormat
    /// The file's layout.
    public var dialect: CSVDialect
    /// What to do with a response identifier repeated within a survey (`DuplicatePolicy/reject` by default).
    public var duplicateIDs: DuplicatePolicy

    /// Creates a mapping.
    ///
    /// - Parameters:
    ///   - columns: The column of each field used; `id` is required, and `score` unless there are questions.
    ///   - questions: The questions of a wide export.
    ///   - values: Translations of values.
    ///   - timestamps: How instants are written.
    ///   - numbers: How numbers are written.
    ///   - dialect: The file's layout.
    ///   - duplicateIDs: What to do with repeated response identifiers.
    /// - Throws: ``ServiceSatisfactionError`` with code `empty` (path `columns.<field>`) for a missing required
    ///   column, `outOfRange` (path `columns.score`) for a score column beside questions, `duplicateIdentifier`
    ///   (path `questions[i]`) for a survey asked twice, or the timestamp format's error (path `timestamps…`).
    public init(
        columns: [Field: ColumnSource],
        questions: [Question] = [],
        values: [Field: [String: String]] = [:],
        timestamps: TimestampFormat = .iso8601,
        numbers: NumberFormat = .standard,
        dialect: CSVDialect = .standard,
        duplicateIDs: DuplicatePolicy = .reject
    ) throws(ServiceSatisfactionError) {
        let required: [Field] = questions.isEmpty ? [.id, .score] : [.id]
        for field in required where (columns[field]?.columns ?? []).isEmpty {
            throw ServiceSatisfactionError(
                .empty,
                at: "columns.\(field.rawValue)",
                "an import needs a column for \(field.rawValue)"
            )
        }
        if !questions.isEmpty {
            for field in [Field.score, .survey] where columns[field] != nil {
                throw ServiceSatisfactionError(
                    .outOfRange,
                    at: "columns.\(field.rawValue)",
                    "a wide import takes each survey's answers from its question's column, not from \(field.rawValue)"
                )
            }
        }
        var surveys: Set<String> = []
        for (index, question) in questions.enumerated() {
            guard !question.survey.isEmpty else {
                throw ServiceSatisfactionError(.empty, at: "questions[\(index)].survey", "a question needs a survey")
            }
            guard surveys.insert(question.survey).inserted else {
                throw ServiceSatisfactionError(
                    .duplicateIdentifier,
                    at: "questions[\(index)]",
                    "survey \"\(question.survey)\" has two questions"
                )
            }
        }
        do throws(ServiceDomainError) {
            try timestamps.validate()
        } catch {
            throw ServiceSatisfactionError(error, under: "timestamps")
        }
        self.columns = columns
        self.questions = questions
        self.values = values
        self.timestamps = timestamps
        self.numbers = numbers
        self.dialect = dialect
        self.duplicateIDs = duplicateIDs
    }

    /// The built-in mapping, the shape of the shipped sample data's `surveys.csv`.
    ///
    /// Columns `response_id`, `survey`, `score`, `answered_at`, `segment`, `weight`, `case_id`; ISO 8601 instants.
    public static var standard: SurveyCSVMapping {
        SurveyCSVMapping(
            unchecked: [
                .id: "response_id", .survey: "survey", .score: "score", .at: "answered_at", .segment: "segment",
                .weight: "weight", .case: "case_id",
            ]
        )
    }

    private init(unchecked columns: [Field: ColumnSource]) {
        self.columns = columns
        self.questions = []
        self.values = [:]
        self.timestamps = .iso8601
        self.numbers = .standard
        self.dialect = .standard
        self.duplicateIDs = .reject
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case columns
        case questions
        case values
        case timestamps
        case numbers
        case dialect
        case duplicateIDs
    }

    /// Decodes a mapping from its documented JSON form, checking it.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` naming the bad field: an unknown key or field, a missing required column, a bad
    ///   timestamp format.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: Set(CodingKeys.allCases.map(\.rawValue)))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let columns = try container.decode([Field: ColumnSource].self, forKey: .columns)
        let questions = try container.decodeIfPresent([Question].self, forKey: .questions) ?? []
        let values = try container.decodeIfPresent([Field: [String: String]].self, forKey: .values) ?? [:]
        let timestamps = try container.decodeIfPresent(TimestampFormat.self, forKey: .timestamps) ?? .iso8601
        let numbers = try container.decodeIfPresent(NumberFormat.self, forKey: .numbers) ?? .standard
        let dialect = try container.decodeIfPresent(CSVDialect.self, forKey: .dialect) ?? .standard
        let duplicates = try container.decodeIfPresent(DuplicatePolicy.self, forKey: .duplicateIDs) ?? .reject
        do throws(ServiceSatisfactionError) {
            try self.init(
                columns: columns,
                questions: questions,
                values: values,
                timestamps: timestamps,
                numbers: numbers,
                dialect: dialect,
                duplicateIDs: duplicates
            )
        } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath,
                    debugDescription: error.description,
                    underlyingError: error
                )
            )
        }
    }

    /// Encodes the documented form (defaults left out).
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(columns, forKey: .columns)
        if !questions.isEmpty { try container.encode(questions, forKey: .questions) }
        if !values.isEmpty { try container.encode(values, forKey: .values) }
        try container.encode(timestamps, forKey: .timestamps)
        if numbers != .standard { try container.encode(numbers, forKey: .numbers) }
        if dialect != .standard { try container.encode(dialect, forKey: .dialect) }
        if duplicateIDs != .reject { try container.encode(duplicateIDs, forKey: .duplicateIDs) }
    }

    /// Reads the answers of a CSV file held in memory.
    ///
    /// - Parameters:
    ///   - text: The whole document.
    ///   - delimiter: The field separator, overriding the dialect's.
    ///   - scales: The scale of each survey, by name; with no `survey` column and no questions, the rows belong to
    ///     the survey named `""` if there is one, or else to the only scale given.
    ///   - onBadRecord: Skip unusable rows (the default) or stop at the first.
    /// - Returns: The answers, in file order, and the rows left out.
    /// - Throws: ``ServiceSatisfactionError`` converted from the reader's errors, code `malformed` (path
    ///   `columns.<field>`) for a mapped column the file lacks (with the closest names), and with `.stop` the first
    ///   bad row (code `badRecord`, path `line[N].<column>`).
    public func importAnswers(
        csv text: String,
        delimiter: Character? = nil,
        scales: [String: RatingScale],
        onBadRecord: BadRecordPolicy = .skip
    ) throws(ServiceSatisfactionError) -> (answers: [SurveyAnswer], problems: [ImportProblem]) {
        let result = try importSurvey(
            csv: text,
            delimiter: delimiter,
            scales: scales,
            options: ImportOptions(onBadRecord: onBadRecord)
        )
        return (result.answers, result.problems)
    }

    /// Reads the answers of a CSV file held in memory, with the accounting.
    ///
    /// - Parameters:
    ///   - text: The whole document.
    ///   - delimiter: The field separator, overriding the dialect's.
    ///   - scales: The scale of each survey, by name.
    ///   - options: The file's name, skip or stop, progress.
    /// - Returns: The answers, the problems and the accounting.
    /// - Throws: As ``importAnswers(csv:delimiter:scales:onBadRecord:)``.
    public func importSurvey(
        csv text: String,
        delimiter: Character? = nil,
        scales: [String: RatingScale],
        options: ImportOptions = ImportOptions()
    ) throws(ServiceSatisfactionError) -> SurveyImport {
        let reader = try self.reader(csv: text, delimiter: delimiter, options: options)
        return try importSurvey(from: reader, scales: scales, options: options)
    }

    /// Reads the answers of a file in chunks, with the accounting.
    ///
    /// - Parameters:
    ///   - url: The file.
    ///   - scales: The scale of each survey, by name.
    ///   - options: Skip or stop, progress (the file's name defaults to the URL's last component).
    /// - Returns: The answers, the problems and the accounting.
    /// - Throws: As ``importAnswers(csv:delimiter:scales:onBadRecord:)``.
    public func importSurvey(
        contentsOf url: URL,
        scales: [String: RatingScale],
        options: ImportOptions = ImportOptions()
    ) throws(ServiceSatisfactionError) -> SurveyImport {
        let (reader, options) = try self.reader(contentsOf: url, options: options)
        return try importSurvey(from: reader, scales: scales, options: options)
    }

    /// Reads the answers from a reader positioned after the header.
    ///
    /// - Parameters:
    ///   - reader: The reader.
    ///   - scales: The scale of each survey, by name.
    ///   - options: Skip or stop, progress.
    /// - Returns: The answers, the problems and the accounting.
    /// - Throws: As ``importAnswers(csv:delimiter:scales:onBadRecord:)``.
    public func importSurvey(
        from reader: CSVReader,
        scales: [String: RatingScale],
        options: ImportOptions = ImportOptions()
    ) throws(ServiceSatisfactionError) -> SurveyImport {
        var sink = AnswerListSink()
        let (problems, summary) = try scan(reader, scales: scales, options: options, into: &sink)
        return SurveyImport(answers: sink.answers, problems: problems, summary: summary)
    }

    /// Reads a survey export straight into one ``ResponseBatch`` per survey, with the accounting.
    ///
    /// Each answer is checked as ``importSurvey(from:scales:options:)`` checks it and goes into its survey's batch as
    /// its row is read; no ``SurveyAnswer`` is kept, so memory holds the batches (one byte a point, eight a weight
    /// when any weight is not 1, four a segment code) and, unless ``duplicateIDs`` is
    /// `DuplicatePolicy.unchecked`, the index of response identifiers seen. A batch keeps what tallies count —
    /// point, weight, segment — in file order: the tallies of the batches equal, to the last bit, the tallies of
    /// ``importSurvey(from:scales:options:)``'s answers survey by survey. The instant and the case of each answer are
    /// read and checked but not kept; import the answers when you need them.
    ///
    /// - Parameters:
    ///   - reader: The reader.
    ///   - scales: The scale of each survey, by name; every one has a batch in the result, empty if unanswered.
    ///   - options: Skip or stop, progress.
    /// - Returns: The batches, the problems and the accounting.
    /// - Throws: As ``importAnswers(csv:delimiter:scales:onBadRecord:)``.
    public func importBatches(
        from reader: CSVReader,
        scales: [String: RatingScale],
        options: ImportOptions = ImportOptions()
    ) throws(ServiceSatisfactionError) -> SurveyBatchImport {
        var sink = BatchSink(scales: scales, tracksRows: duplicateIDs != .unchecked)
        let (problems, summary) = try scan(reader, scales: scales, options: options, into: &sink)
        return SurveyBatchImport(batches: sink.finish(), problems: problems, summary: summary)
    }

    /// Reads a survey export held in memory straight into batches.
    ///
    /// - Parameters:
    ///   - text: The whole document.
    ///   - delimiter: The field separator, overriding the dialect's.
    ///   - scales: The scale of each survey, by name.
    ///   - options: The file's name, skip or stop, progress.
    /// - Returns: The batches, the problems and the accounting.
    /// - Throws: As ``importAnswers(csv:delimiter:scales:onBadRecord:)``.
    public func importBatches(
        csv text: String,
        delimiter: Character? = nil,
        scales: [String: RatingScale],
        options: ImportOptions = ImportOptions()
    ) throws(ServiceSatisfactionError) -> SurveyBatchImport {
        let reader = try self.reader(csv: text, delimiter: delimiter, options: options)
        return try importBatches(from: reader, scales: scales, options: options)
    }

    /// Reads a survey export file in chunks straight into batches.
    ///
    /// - Parameters:
    ///   - url: The file.
    ///   - scales: The scale of each survey, by name.
    ///   - options: Skip or stop, progress (the file's name defaults to the URL's last component).
    /// - Returns: The batches, the problems and the accounting.
    /// - Throws: As ``importAnswers(csv:delimiter:scales:onBadRecord:)``.
    public func importBatches(
        contentsOf url: URL,
        scales: [String: RatingScale],
        options: ImportOptions = ImportOptions()
    ) throws(ServiceSatisfactionError) -> SurveyBatchImport {
        let (reader, options) = try self.reader(contentsOf: url, options: options)
        return try importBatches(from: reader, scales: scales, options: options)
    }

    /// A reader of a document held in memory, in the mapping's dialect.
    private func reader(csv text: String, delimiter: Character?, options: ImportOptions)
        throws(ServiceSatisfactionError) -> CSVReader
    {
        var dialect = self.dialect
        if let delimiter { dialect.delimiter = delimiter }
        do throws(ServiceDomainError) {
            return try CSVReader(text: text, dialect: dialect, options: options)
        } catch {
            throw ServiceSatisfactionError(error)
        }
    }

    /// A reader of a file in the mapping's dialect, and the options with the file's name as the source if none is.
    private func reader(contentsOf url: URL, options: ImportOptions)
        throws(ServiceSatisfactionError) -> (CSVReader, ImportOptions)
    {
        var options = options
        do throws(ServiceDomainError) {
            let reader = try CSVReader(contentsOf: url, dialect: dialect, options: options)
            if options.source == nil { options.source = url.lastPathComponent }
            return (reader, options)
        } catch {
            throw ServiceSatisfactionError(error)
        }
    }

    /// Reads every row, applies the duplicate policy and hands the rows kept to `sink`, in file order.
    ///
    /// With `DuplicatePolicy.keepLast` the later row takes its own place in file order and the earlier one is
    /// withdrawn; with `DuplicatePolicy.reject` both are withdrawn, and any later row with the identifier is left
    /// out too.
    func scan(
        _ reader: CSVReader,
        scales: [String: RatingScale],
        options: ImportOptions,
        into sink: inout some SurveyRowSink
    ) throws(ServiceSatisfactionError) -> (problems: [ImportProblem], summary: ImportSummary) {
        var engine = try SurveyRowReader(mapping: self, header: reader.header, scales: scales, source: options.source)
        var problems: [ImportProblem] = []
        var summary = ImportSummary(file: options.source ?? reader.source)
        summary.duplicatePolicy = duplicateIDs
        // Rows kept so far by response id (and survey, in the long layout): the row's place among those handed to the
        // sink, its line and its answer count. A wide row's answers share one id and a long row has one answer, so
        // each row has one key.
        var kept: [ResponseKey: (slot: Int, line: Int, answers: Int)] = [:]
        var rejectedKeys: Set<ResponseKey> = []
        let wide = !questions.isEmpty
        var slots = 0
        var problemRows = 0
        func report(_ problem: ImportProblem) throws(ServiceSatisfactionError) {
            problemRows += problem.rows
            if options.onBadRecord == .stop { throw ServiceSatisfactionError(problem.error) }
            problems.append(problem)
        }
        while true {
            let next: CSVRow?
            do throws(ServiceDomainError) {
                next = try reader.next()
            } catch {
                throw ServiceSatisfactionError(error)
            }
            guard let row = next else { break }
            if let progress = options.progress, reader.rowsRead % options.progressInterval == 0 {
                progress(ImportProgress(rows: reader.rowsRead, bytes: reader.bytesRead, problems: problemRows))
            }
            switch row {
            case .problem(let problem):
                try report(problem.inFile(summary.file))
            case .record(let record):
                let parsed: [SurveyAnswer]?
                do throws(ImportProblem) {
                    parsed = try engine.answers(record)
                } catch {
                    try report(error)
                    continue
                }
                guard let parsed, let first = parsed.first else { continue }  // an unknown survey, counted at the end
                guard duplicateIDs != .unchecked else {
                    try sink.take(parsed)
                    summary.rowsImported += 1
                    summary.records += parsed.count
                    slots += 1
                    continue
                }
                let key = ResponseKey(survey: wide ? "" : first.survey, id: first.response.id)
                let id = first.response.id
                let column = engine.columnName(.id)
                if rejectedKeys.contains(key) {
                    summary.duplicateRows += 1
                    try report(
                        ImportProblem(
                            file: summary.file,
                            line: record.line,
                            column: column,
                            reason: "response \(quoted(id)) repeats an earlier row; every row of it is left out"
                        )
                    )
                    continue
                }
                if let earlier = kept[key] {
                    summary.duplicateRows += 1
                    switch duplicateIDs {
                    case .keepFirst, .unchecked:
                        try report(
                            ImportProblem(
                                file: summary.file,
                                line: record.line,
                                column: column,
                                reason: "response \(quoted(id)) repeats an earlier row; the first is kept"
                            )
                        )
                        continue
                    case .keepLast:
                        try report(
                            ImportProblem(
                                file: summary.file,
                                line: earlier.line,
                                column: column,
                                reason: "response \(quoted(id)) repeats on line \(record.line); the last is kept"
                            )
                        )
                        sink.withdraw(slot: earlier.slot)
                        summary.rowsImported -= 1
                        summary.records -= earlier.answers
                    case .reject:
                        try report(
                            ImportProblem(
                                file: summary.file,
                                line: record.line,
                                column: column,
                                reason: "response \(quoted(id)) repeats an earlier row; every row of it is left out"
                            )
                        )
                        summary.duplicateRows += 1
                        try report(
                            ImportProblem(
                                file: summary.file,
                                line: earlier.line,
                                column: column,
                                reason: "response \(quoted(id)) repeats on line \(record.line); every row of it "
                                    + "is left out"
                            )
                        )
                        sink.withdraw(slot: earlier.slot)
                        summary.rowsImported -= 1
                        summary.records -= earlier.answers
                        kept[key] = nil
                        rejectedKeys.insert(key)
                        continue
                    }
                }
                try sink.take(parsed)
                kept[key] = (slots, record.line, parsed.count)
                summary.rowsImported += 1
                summary.records += parsed.count
                slots += 1
            }
        }
        for unknown in engine.unmapped.values(policy: .reject) {
            try report(
                ImportProblem(
                    file: summary.file,
                    line: unknown.firstLine,
                    column: engine.columnName(.survey),
                    reason: "no scale for survey \(quoted(unknown.value)) (scales: "
                        + scales.keys.sorted().joined(separator: ", ") + "; or map it in \"values\")",
                    rows: unknown.rows
                )
            )
        }
        summary.rowsRead = reader.rowsRead
        summary.bytesRead = reader.bytesRead
        summary.rowsRejected = problemRows
        summary.unmappedValues = engine.unmapped.values(policy: .reject)
        problems.sort { $0.line < $1.line }
        options.progress?(ImportProgress(rows: reader.rowsRead, bytes: reader.bytesRead, problems: problemRows))
        return (problems, summary)
    }
}

/// The result of importing a survey export into batches: one ``ResponseBatch`` per survey, the rows left out and the
/// accounting.
public struct SurveyBatchImport: Sendable, Hashable {
    /// Each survey's answers, by the survey's name; every scale given to the import has one, empty if unanswered.
    public let batches: [String: ResponseBatch]
    /// The rows left out, in file order; a problem may stand for several rows (`ImportProblem/rows`).
    public let problems: [ImportProblem]
    /// The accounting (`records` counts the answers put in the batches).
    public let summary: ImportSummary
}

/// Where the rows a survey import keeps go, in file order.
protocol SurveyRowSink {
    /// Takes a row's answers; rows are numbered from 0 in the order taken, withdrawn ones included.
    mutating func take(_ answers: [SurveyAnswer]) throws(ServiceSatisfactionError)
    /// Withdraws a row taken before (a repeat the duplicate policy leaves out).
    mutating func withdraw(slot: Int)
}

/// Keeps the answers themselves.
struct AnswerListSink: SurveyRowSink {
    private var rows: [[SurveyAnswer]?] = []

    mutating func take(_ answers: [SurveyAnswer]) { rows.append(answers) }

    mutating func withdraw(slot: Int) { rows[slot] = nil }

    var answers: [SurveyAnswer] { rows.flatMap { $0 ?? [] } }
}

/// Puts each answer in its survey's batch; remembers where each row's answers went only when rows may be withdrawn.
struct BatchSink: SurveyRowSink {
    private let names: [String]
    private let codes: [String: Int]
    private var batches: [ResponseBatch]
    private let tracksRows: Bool
    /// Row `r`'s answers are at `placed[start[r]..<start[r + 1]]` (the last row's run to the end): each the survey's
    /// code and the answer's row in its batch.
    private var start: [Int] = []
    private var placed: [(survey: Int32, row: Int)] = []
    private var withdrawn: [Int: Set<Int>] = [:]

    init(scales: [String: RatingScale], tracksRows: Bool) {
        let sorted = scales.sorted { $0.key < $1.key }
        names = sorted.map(\.key)
        codes = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($0.element, $0.offset) })
        batches = sorted.map { ResponseBatch(scale: $0.value) }
        self.tracksRows = tracksRows
    }

    mutating func take(_ answers: [SurveyAnswer]) throws(ServiceSatisfactionError) {
        if tracksRows { start.append(placed.count) }
        for answer in answers {
            // The reader only gives answers to surveys with a scale, already checked against it.
            guard let code = codes[answer.survey] else { continue }
            if tracksRows { placed.append((Int32(code), batches[code].count)) }
            try batches[code].append(answer.response)
        }
    }

    mutating func withdraw(slot: Int) {
        guard tracksRows, slot < start.count else { return }
        let end = slot + 1 < start.count ? start[slot + 1] : placed.count
        for index in start[slot]..<end { withdrawn[Int(placed[index].survey), default: []].insert(placed[index].row) }
    }

    /// The batches by survey, without the rows withdrawn.
    consuming func finish() -> [String: ResponseBatch] {
        for (code, rows) in withdrawn { batches[code] = batches[code].removing(rows: rows) }
        return Dictionary(uniqueKeysWithValues: zip(names, batches))
    }
}

/// A response's identity for the duplicate policy: its survey (empty in the wide layout, where a row's answers share
/// one id) and its identifier.
struct ResponseKey: Hashable {
    let survey: String
    let id: String
}

/// Reads survey rows by a mapping, with the columns resolved once.
struct SurveyRowReader {
    let mapping: SurveyCSVMapping
    let source: String?
    let sources: [SurveyCSVMapping.Field: ResolvedSource]
    let questions: [(survey: String, source: ResolvedSource, scale: RatingScale?)]
    let scales: [String: RatingScale]
    let timestamps: TimestampFormat.Reading
    let surveyNames: ValueVocabulary
    /// Answer labels translated to points (`"Very satisfied": "5"`), matched without regard to case.
    let scoreLabels: [String: String]
    var unmapped = UnmappedTally()

    init(mapping: SurveyCSVMapping, header: [String], scales: [String: RatingScale], source: String?)
        throws(ServiceSatisfactionError)
    {
        let resolver = ColumnResolver(header: header)
        var sources: [SurveyCSVMapping.Field: ResolvedSource] = [:]
        var questions: [(String, ResolvedSource, RatingScale?)] = []
        do throws(ServiceDomainError) {
            sources = try ResolvedSource.resolve(mapping.columns, resolver: resolver)
            for (index, question) in mapping.questions.enumerated() {
                let resolved = try ResolvedSource(
                    question.column,
                    resolver: resolver,
                    path: "questions[\(index)].column",
                    allowsList: false
                )
                guard let scale = scales[question.survey] else {
                    throw ServiceDomainError(
                        .outOfRange,
                        at: "questions[\(index)].survey",
                        "no scale for survey \(quoted(question.survey)) (scales: "
                            + scales.keys.sorted().joined(separator: ", ") + ")"
                    )
                }
                questions.append((question.survey, resolved, scale))
            }
            self.timestamps = try mapping.timestamps.reading()
        } catch {
            throw ServiceSatisfactionError(error)
        }
        self.mapping = mapping
        self.source = source
        self.sources = sources
        self.questions = questions
        self.scales = scales
        self.scoreLabels = Dictionary(
            (mapping.values[.score] ?? [:]).map { ($0.key.trimmingSpacesAndTabs.lowercased(), $0.value) },
            uniquingKeysWith: { first, _ in first }
        )
        self.surveyNames = ValueVocabulary(
            field: "survey",
            translations: mapping.values[.survey] ?? [:],
            known: Array(scales.keys),
            open: false
        )
    }

    func columnName(_ field: SurveyCSVMapping.Field) -> String? { sources[field]?.name }

    func text(_ field: SurveyCSVMapping.Field, _ record: CSVRecord) -> String {
        guard let source = sources[field] else { return "" }
        let raw = source.text(record)
        guard field != .survey, field != .score, let table = mapping.values[field] else { return raw }
        return table[raw] ?? raw
    }

    func problem(_ record: CSVRecord, _ column: String?, _ reason: String) -> ImportProblem {
        ImportProblem(file: source, line: record.line, column: column, reason: reason)
    }

    /// The row's answers, `nil` for a survey with no scale (tallied), or a problem.
    mutating func answers(_ record: CSVRecord) throws(ImportProblem) -> [SurveyAnswer]? {
        let id = text(.id, record)
        guard !id.isEmpty else { throw problem(record, columnName(.id), "the answer has no identifier") }
        let weightText = text(.weight, record)
        var weight = 1.0
        if !weightText.isEmpty {
            do throws(ServiceDomainError) {
                weight = try mapping.numbers.number(from: weightText)
            } catch {
                throw problem(record, columnName(.weight), error.message)
            }
        }
        var at: Date?
        let atText = text(.at, record)
        if !atText.isEmpty {
            do throws(ServiceDomainError) {
                at = try timestamps.instant(from: atText)
            } catch {
                throw problem(record, columnName(.at), error.message)
            }
        }
        let segment = text(.segment, record)
        let caseText = text(.case, record)
        var items: [(survey: String, scale: RatingScale, text: String, column: String?)] = []
        if questions.isEmpty {
            let surveyText = text(.survey, record)
            let scale: RatingScale
            let survey: String
            if sources[.survey] == nil {
                guard let only = scales[""] ?? (scales.count == 1 ? scales.first?.value : nil) else {
                    throw problem(record, nil, "the file has no survey column and more than one scale is given")
                }
                scale = only
                survey = scales[""] != nil ? "" : scales.first?.key ?? ""
            } else {
                guard let name = surveyNames.resolve(surveyText), let found = scales[name] else {
                    unmapped.add(field: "survey", value: surveyText, line: record.line)
                    return nil
                }
                scale = found
                survey = name
            }
            items.append((survey, scale, text(.score, record), columnName(.score)))
        } else {
            for question in questions {
                let answer = question.source.text(record)
                guard !answer.isEmpty, let scale = question.scale else { continue }
                items.append((question.survey, scale, answer, question.source.name))
            }
            guard !items.isEmpty else {
                throw problem(record, nil, "response \(quoted(id)) answers none of the mapped questions")
            }
        }
        var answers: [SurveyAnswer] = []
        for item in items {
            let score: Double
            do throws(ServiceDomainError) {
                score = try mapping.numbers.number(from: scoreLabels[item.text.lowercased()] ?? item.text)
            } catch {
                throw problem(record, item.column, error.message)
            }
            let response = SurveyResponse(
                id: id,
                score: score,
                weight: weight,
                segment: segment.isEmpty ? nil : segment
            )
            do throws(ServiceSatisfactionError) {
                try item.scale.check(response)
            } catch {
                throw problem(record, error.path == "weight" ? columnName(.weight) : item.column, error.message)
            }
            answers.append(
                SurveyAnswer(
                    survey: item.survey,
                    at: at,
                    caseID: caseText.isEmpty ? nil : CaseID(caseText),
                    response: response
                )
            )
        }
        return answers
    }
}

extension SurveyCSVMapping {
    /// The mapping of a shipped survey preset (`qualtrics-responses`, `surveymonkey-responses`).
    ///
    /// - Parameter preset: The preset.
    /// - Throws: ``ServiceSatisfactionError`` with code `outOfRange` when the preset is not for surveys, or the
    ///   mapping's decoding error.
    public init(preset: ImportPreset) throws(ServiceSatisfactionError) {
        do throws(ServiceDomainError) {
            self = try preset.decode(SurveyCSVMapping.self, kind: .surveys)
        } catch {
            throw ServiceSatisfactionError(error)
        }
    }
}
