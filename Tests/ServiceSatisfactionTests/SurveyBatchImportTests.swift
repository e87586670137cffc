import Foundation
import ServiceDomain
import ServiceImport
import ServiceSatisfaction
import Testing

private let scales: [String: RatingScale] = ["nps": .netPromoter, "csat": .satisfaction5, "ces": .effortAgreement7]

/// The tally of a batch split by segment.
private func tally(_ batch: ResponseBatch?) throws -> SegmentedTally {
    let batch = try #require(batch)
    var tally = SegmentedTally(scale: batch.scale)
    try tally.add(batch)
    return tally
}

/// A long export with each duplicate policy's cases, counted by hand: `R-1` twice (lines 2, 5), `R-2` three times
/// (lines 3, 6, 8), `R-3` once, and a CSAT answer `R-1` that does not clash (another survey).
private let repeats = """
    response_id,survey,score,answered_at,segment,weight,case_id
    R-1,nps,10,2026-11-23T09:00:00Z,gold,,T-1
    R-2,nps,3,2026-11-23T10:00:00Z,,,
    R-3,nps,8,,silver,,
    R-1,nps,6,,gold,,
    R-2,nps,9,,,,
    R-1,csat,5,,,,
    R-2,nps,7,,,,
    """

private func importRepeats(_ policy: DuplicatePolicy) throws -> SurveyBatchImport {
    var mapping = SurveyCSVMapping.standard
    mapping.duplicateIDs = policy
    return try mapping.importBatches(csv: repeats, scales: scales, options: ImportOptions(source: "answers.csv"))
}

/// `SurveyCSVMapping.importBatches`: the answers go straight into one `ResponseBatch` per survey (issue 17), checked
/// and accounted for as `importSurvey` does.
struct SurveyBatchImportTests {
    @Test func theQualtricsExportFillsOneBatchPerSurvey() throws {
        // `Fixtures/qualtrics-responses.csv`, counted by hand in `QualtricsPresetTests`: 59 responses give 59 NPS, 59
        // CSAT and 53 CES answers; 11 promoters, 11 passives, 37 detractors.
        let mapping = try SurveyCSVMapping(preset: ImportPreset.named("qualtrics-responses"))
        let url = try #require(
            Bundle.module.url(forResource: "qualtrics-responses", withExtension: "csv", subdirectory: "Fixtures")
        )
        let result = try mapping.importBatches(contentsOf: url, scales: scales)
        #expect(result.summary.file == "qualtrics-responses.csv")
        #expect(result.summary.rowsRead == 64 && result.summary.rowsImported == 59 && result.summary.isBalanced)
        #expect(result.summary.records == 59 + 59 + 53)
        #expect(result.problems.map(\.line) == [9, 64, 65, 66, 67])
        #expect(result.batches.mapValues(\.count) == ["nps": 59, "csat": 59, "ces": 53])
        let nps = try tally(result.batches["nps"]).overall
        let points = nps.weights
        #expect(points[9] + points[10] == 11 && points[7] + points[8] == 11 && points[0...6].reduce(0, +) == 37)
        // NPS = (11 − 37) / 59 × 100.
        #expect(abs((try nps.netPromoterScore().value ?? 0) - (11.0 - 37) / 59 * 100) < 1e-9)
        // Survey by survey, the batches' tallies are the answers' tallies to the last bit.
        let answers = try mapping.importSurvey(contentsOf: url, scales: scales).answers
        for (survey, scale) in scales {
            var expected = SegmentedTally(scale: scale)
            for answer in answers where answer.survey == survey { try expected.add(answer.response) }
            #expect(try tally(result.batches[survey]) == expected, "\(survey)")
        }
    }

    @Test func keepFirstKeepsTheFirstRowOfEachResponse() throws {
        let result = try importRepeats(.keepFirst)
        // R-1 (10), R-2 (3), R-3 (8) on NPS; lines 5, 6, 8 repeat; R-1 on CSAT is another survey's response.
        #expect(result.batches["nps"]?.points == [10, 3, 8])
        #expect(result.batches["csat"]?.points == [4])  // 5 on a 1–5 scale is the fifth point
        #expect(result.problems.map(\.line) == [5, 6, 8])
        #expect(result.summary.rowsImported == 4 && result.summary.duplicateRows == 3 && result.summary.isBalanced)
        #expect(result.summary.records == 4)
    }

    @Test func keepLastKeepsTheLastRowAtItsOwnPlace() throws {
        let result = try importRepeats(.keepLast)
        // Kept: R-3 (line 4, 8), R-1 (line 5, 6), R-2 (line 8, 7), in file order; reported: lines 2, 3 and 6 (the
        // earlier R-2 rows, each when a later one replaces it).
        #expect(result.batches["nps"]?.points == [8, 6, 7])
        #expect(result.batches["nps"]?.segment.labels == ["silver", "gold", ""])  // R-2 has no segment
        #expect(result.problems.map(\.line) == [2, 3, 6])
        #expect(result.problems.allSatisfy { $0.reason.hasSuffix("the last is kept") && $0.file == "answers.csv" })
        #expect(result.summary.rowsImported == 4 && result.summary.rowsRejected == 3 && result.summary.isBalanced)
        // The answers import keeps the same rows in the same order.
        var mapping = SurveyCSVMapping.standard
        mapping.duplicateIDs = .keepLast
        let answers = try mapping.importSurvey(csv: repeats, scales: scales).answers
        #expect(answers.map { "\($0.response.id) \(Int($0.response.score))" } == ["R-3 8", "R-1 6", "R-1 5", "R-2 7"])
    }

    @Test func rejectLeavesOutEveryRowOfARepeatedResponse() throws {
        let result = try importRepeats(.reject)
        // R-1 and R-2 are out on every line (2, 3, 5, 6, 8); R-3 and the CSAT R-1 stay.
        #expect(result.batches["nps"]?.points == [8])
        #expect(result.batches["nps"]?.segment.labels == ["silver"])
        #expect(result.batches["csat"]?.count == 1)
        #expect(result.problems.map(\.line) == [2, 3, 5, 6, 8])
        #expect(result.summary.rowsImported == 2 && result.summary.duplicateRows == 5 && result.summary.isBalanced)
        #expect(result.batches["ces"]?.count == 0)  // a scale given but unanswered has an empty batch
    }

    @Test func uncheckedKeepsEveryRow() throws {
        let result = try importRepeats(.unchecked)
        #expect(result.batches["nps"]?.points == [10, 3, 8, 6, 9, 7])
        #expect(result.problems.isEmpty && result.summary.duplicateRows == 0 && result.summary.rowsImported == 7)
    }

    @Test func fractionalWeightsTallyAsTheAnswersDo() throws {
        // Weights 0.1 … 2.9 in steps of 0.7 do not add exactly in binary; the batch adds them in file order, as adding
        // each answer does, so the tallies agree to the last bit.
        var lines = ["response_id,survey,score,answered_at,segment,weight,case_id"]
        for i in 0..<200 {
            let weight = 0.1 + Double(i % 5) * 0.7
            lines.append("R-\(i),nps,\(i * 7 % 11),,\(["north", "south", ""][i % 3]),\(weight),")
        }
        let csv = lines.joined(separator: "\n")
        let result = try SurveyCSVMapping.standard.importBatches(csv: csv, scales: ["nps": .netPromoter])
        #expect(result.batches["nps"]?.weights?.count == 200)
        var expected = SegmentedTally(scale: .netPromoter)
        for answer in try SurveyCSVMapping.standard.importSurvey(csv: csv, scales: ["nps": .netPromoter]).answers {
            try expected.add(answer.response)
        }
        #expect(try tally(result.batches["nps"]) == expected)
        #expect(try tally(result.batches["nps"]).segments.keys.sorted() == ["", "north", "south"])
    }

    @Test func badRowsAreReportedAndStoppingThrowsTheFirst() throws {
        // The file of `SurveyImportTests`: three good answers; lines 5–10 are left out for six different reasons.
        let result = try SurveyCSVMapping.standard.importBatches(
            csv: SurveyImportTests.file,
            scales: ["nps": .netPromoter, "csat": .satisfaction5]
        )
        #expect(result.batches.mapValues(\.count) == ["nps": 2, "csat": 1])
        #expect(result.batches["nps"]?.weights == [1, 2])
        #expect(result.problems.map(\.line) == [5, 6, 7, 8, 9, 10])
        #expect(result.summary.unmappedValues.map(\.value) == ["ces"])
        #expect(result.summary.rowsRead == 9 && result.summary.isBalanced)
        #expect {
            try SurveyCSVMapping.standard.importBatches(
                csv: SurveyImportTests.file,
                scales: ["nps": .netPromoter, "csat": .satisfaction5],
                options: ImportOptions(onBadRecord: .stop)
            )
        } throws: { error in
            (error as? ServiceSatisfactionError)?.path == "line[5].score"
        }
    }
}
