public import Foundation
public import ServiceDomain

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

/// How the columns of a CSV file of survey answers, one row per answer, become ``SurveyAnswer``s.
///
/// Every answer is checked against the scale of its survey (a whole point of the scale, a finite, non-negative
/// weight); rows that fail, or name a survey with no scale, are reported with their line and left out, or stop the
/// import, as the caller chooses.
///
/// JSON: `{"columns": {"id": "Response", "survey": "Survey", "score": "Score", "at": "Submitted"}, "values":
/// {"survey": {"Net Promoter": "nps"}}, "timestamps": "iso8601"}`; fields `id`, `survey`, `score`, `at`, `segment`,
/// `weight`, `case`; `id` and `score` are required.
public struct SurveyCSVMapping: Sendable, Hashable, Codable {
    /// A field a column can supply.
    public enum Field: String, Sendable, Hashable, Codable, CaseIterable, CodingKeyRepresentable {
        /// The response's identifier.
        case id
        /// The survey's name; without this column every row belongs to the one survey given to the import.
        case survey
        /// The score.
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

    /// The column name of each field used.
    public var columns: [Field: String]
    /// Translations of values, per field, from the file's spelling to the one used here.
    public var values: [Field: [String: String]]
    /// How instants are written.
    public var timestamps: TimestampFormat

    /// Creates a mapping.
    ///
    /// - Parameters:
    ///   - columns: The column of each field used; `id` and `score` are required.
    ///   - values: Translations of values.
    ///   - timestamps: How instants are written.
    /// - Throws: ``ServiceSatisfactionError`` with code `empty` (path `columns.<field>`) for a missing required
    ///   column, or the timestamp format's error (path `timestamps…`).
    public init(
        columns: [Field: String],
        values: [Field: [String: String]] = [:],
        timestamps: TimestampFormat = .iso8601
    ) throws(ServiceSatisfactionError) {
        for field in [Field.id, .score] where (columns[field] ?? "").isEmpty {
            throw ServiceSatisfactionError(
                .empty,
                at: "columns.\(field.rawValue)",
                "an import needs a column for \(field.rawValue)"
            )
        }
        do throws(ServiceDomainError) {
            try timestamps.validate()
        } catch {
            throw ServiceSatisfactionError(error, under: "timestamps")
        }
        self.columns = columns
        self.values = values
        self.timestamps = timestamps
    }

    /// The built-in mapping, the shape of the shipped sample data's `surveys.csv`.
    ///
    /// Columns `response_id`, `survey`, `score`, `answered_at`, `segment`, `weight`, `case_id`; ISO 8601 instants.
    public static var standard: SurveyCSVMapping {
        var mapping = SurveyCSVMapping(unchecked: [:])
        mapping.columns = [
            .id: "response_id", .survey: "survey", .score: "score", .at: "answered_at", .segment: "segment",
            .weight: "weight", .case: "case_id",
        ]
        return mapping
    }

    private enum CodingKeys: String, CodingKey {
        case columns
        case values
        case timestamps
    }

    /// Decodes a mapping from its documented JSON form, checking it.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` naming the bad field: an unknown key or field, a missing required column, a bad
    ///   timestamp format.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: ["columns", "values", "timestamps"])
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let columns = try container.decode([Field: String].self, forKey: .columns)
        let values = try container.decodeIfPresent([Field: [String: String]].self, forKey: .values) ?? [:]
        let timestamps = try container.decodeIfPresent(TimestampFormat.self, forKey: .timestamps) ?? .iso8601
        do throws(ServiceSatisfactionError) {
            try self.init(columns: columns, values: values, timestamps: timestamps)
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

    private init(unchecked columns: [Field: String]) {
        self.columns = columns
        self.values = [:]
        self.timestamps = .iso8601
    }

    /// Reads the answers of a CSV file.
    ///
    /// - Parameters:
    ///   - text: The whole document.
    ///   - delimiter: The field separator.
    ///   - scales: The scale of each survey, by name; with no `survey` column, the rows belong to the survey named
    ///     `""` if there is one, or else to the only scale given.
    ///   - onBadRecord: Skip unusable rows (the default) or stop at the first.
    /// - Returns: The answers, in file order, and the rows left out.
    /// - Throws: ``ServiceSatisfactionError`` converted from the document's errors (see
    ///   `CSVDocument.init(parsing:delimiter:)`), code `malformed` (path `columns.<field>`) for a mapped column the
    ///   file lacks, and with `.stop` the first bad row (code `badRecord`, path `line[N].<column>`).
    public func importAnswers(
        csv text: String,
        delimiter: Character = ",",
        scales: [String: RatingScale],
        onBadRecord: BadRecordPolicy = .skip
    ) throws(ServiceSatisfactionError) -> (answers: [SurveyAnswer], problems: [ImportProblem]) {
        let document: CSVDocument
        do throws(ServiceDomainError) {
            document = try CSVDocument(parsing: text, delimiter: delimiter)
        } catch {
            throw ServiceSatisfactionError(error)
        }
        let index: [Field: Int]
        do throws(ServiceDomainError) {
            index = try document.indexes(of: columns)
        } catch {
            throw ServiceSatisfactionError(error)
        }
        let reader: TimestampFormat.Reading
        do throws(ServiceDomainError) {
            reader = try timestamps.reading()
        } catch {
            throw ServiceSatisfactionError(error, under: "timestamps")
        }
        var answers: [SurveyAnswer] = []
        var problems = document.problems
        for record in document.records {
            func text(_ field: Field) -> String {
                guard let column = index[field] else { return "" }
                let raw = record[column].trimmingSpacesAndTabs
                return values[field]?[raw] ?? raw
            }
            func problem(_ field: Field, _ reason: String) -> ImportProblem {
                ImportProblem(line: record.line, column: columns[field], reason: reason)
            }
            let survey = text(.survey)
            guard let scale = scales[survey] ?? (index[.survey] == nil && scales.count == 1 ? scales.first?.value : nil)
            else {
                problems.append(
                    problem(
                        .survey,
                        "no scale for survey \"\(survey)\" (scales: \(scales.keys.sorted().joined(separator: ", ")))"
                    )
                )
                continue
            }
            let id = text(.id)
            guard !id.isEmpty else {
                problems.append(problem(.id, "the answer has no identifier"))
                continue
            }
            guard let score = Double(text(.score)) else {
                problems.append(problem(.score, "\"\(text(.score))\" is not a number"))
                continue
            }
            let weightText = text(.weight)
            guard let weight = weightText.isEmpty ? 1 : Double(weightText) else {
                problems.append(problem(.weight, "\"\(weightText)\" is not a number"))
                continue
            }
            let segment = text(.segment)
            let response = SurveyResponse(
                id: id,
                score: score,
                weight: weight,
                segment: segment.isEmpty ? nil : segment
            )
            do throws(ServiceSatisfactionError) {
                try scale.check(response)
            } catch {
                problems.append(problem(error.path == "weight" ? .weight : .score, error.message))
                continue
            }
            var at: Date?
            if !text(.at).isEmpty {
                do throws(ServiceDomainError) {
                    at = try reader.instant(from: text(.at))
                } catch {
                    problems.append(problem(.at, error.message))
                    continue
                }
            }
            let caseText = text(.case)
            answers.append(
                SurveyAnswer(
                    survey: survey,
                    at: at,
                    caseID: caseText.isEmpty ? nil : CaseID(caseText),
                    response: response
                )
            )
        }
        problems.sort { $0.line < $1.line }
        if onBadRecord == .stop, let first = problems.first { throw ServiceSatisfactionError(first.error) }
        return (answers, problems)
    }
}
