import Foundation
import ServiceDomain
import ServiceImport
import ServiceSatisfaction
import Testing

private let scales: [String: RatingScale] = ["nps": .netPromoter, "csat": .satisfaction5, "ces": .effortAgreement7]

private func importSurvey(_ preset: String) throws -> SurveyImport {
    let mapping = try SurveyCSVMapping(preset: ImportPreset.named(preset))
    let url = try #require(Bundle.module.url(forResource: preset, withExtension: "csv", subdirectory: "Fixtures"))
    return try mapping.importSurvey(contentsOf: url, scales: scales)
}

/// `qualtrics-responses` on `Fixtures/qualtrics-responses.csv`: Qualtrics' three header rows (names, question text,
/// import ids), then responses R_(i) (lines 4–63): NPS (Q1) = 7 i mod 11, CSAT (Q2) = 1 + 3 i mod 5, CES (Q3) =
/// 1 + 5 i mod 7 except when i mod 10 = 9 (skipped), recorded 2026-09-01 10:03 + 97 min × i, about ticket T-(5000 + i).
struct QualtricsPresetTests {
    @Test func accountsForEveryRowAndAnswer() throws {
        let result = try importSurvey("qualtrics-responses")
        #expect(result.summary.rowsRead == 64)
        #expect(result.summary.rowsImported == 59)
        #expect(result.summary.rowsRejected == 5)
        #expect(result.summary.isBalanced)
        // 59 responses: NPS and CSAT each, and CES in all but the six with i mod 10 = 9 (9, 19, …, 59).
        #expect(result.answers.count == 59 + 59 + 53)
        #expect(result.summary.records == result.answers.count)
        #expect(
            result.problems.map { "\($0.line) \($0.column ?? "-")" } == [
                "9 ResponseId",  // R_000000000000005, repeated on line 67: both left out
                "64 Q1",  // 11 is off the 0–10 scale
                "65 Q1",  // 0x9 is not a decimal number
                "66 -",  // an unfinished response that answers nothing
                "67 ResponseId",
            ]
        )
    }

    @Test func answersByHand() throws {
        let result = try importSurvey("qualtrics-responses")
        let first = result.answers.filter { $0.response.id == "R_000000000000001" }
        // i = 1: NPS 7, CSAT 4, CES 6; recorded 10:00 + 97 + 3 min = 11:40Z; segment "email".
        #expect(first.map(\.survey) == ["nps", "csat", "ces"])
        #expect(first.map(\.response.score) == [7, 4, 6])
        #expect(first.allSatisfy { $0.at == (try? at("2026-09-01T11:40:00Z")) && $0.caseID == "T-5001" })
        #expect(first[0].response.segment == "email")
        // By hand over i = 0…59 without i = 5: 7 i mod 11 runs through 0…10 once every 11 responses: 11 promoters
        // (9, 10), 11 passives (7, 8) and 37 detractors (0…6; i = 5 gave 2).
        let nps = result.answers.filter { $0.survey == "nps" }.map(\.response.score)
        #expect(nps.count { $0 >= 9 } == 11)
        #expect(nps.count { $0 == 7 || $0 == 8 } == 11)
        #expect(nps.count { $0 <= 6 } == 37)
    }
}

/// `surveymonkey-responses` on `Fixtures/surveymonkey-responses.csv`: SurveyMonkey's two header rows (the questions,
/// then "Response" under each), then respondents 114000000000 + i (lines 3–52): NPS = 3 i mod 11 (its end points
/// written as their labels), CSAT the label i mod 5 (1 = Very dissatisfied … 5 = Very satisfied), ended 2026-10-05
/// 08:02 + 131 min × i as `MM/dd/yyyy hh:mm:ss a`.
struct SurveyMonkeyPresetTests {
    @Test func accountsForEveryRowAndAnswer() throws {
        let result = try importSurvey("surveymonkey-responses")
        #expect(result.summary.rowsRead == 52)
        #expect(result.summary.rowsImported == 50)
        #expect(result.summary.isBalanced)
        #expect(result.answers.count == 100)
        #expect(result.problems.map(\.line) == [53, 54])
        #expect(result.problems[0].column == "Overall, how satisfied or dissatisfied are you with our company?")
        #expect(result.problems[0].reason.contains("\"Extremely satisfied\""))
    }

    @Test func labelsBecomePoints() throws {
        let result = try importSurvey("surveymonkey-responses")
        func answers(_ i: Int) -> [Double] {
            result.answers.filter { $0.response.id == "\(114_000_000_000 + i)" }.map(\.response.score)
        }
        #expect(answers(0) == [0, 1])  // "0 - Not at all likely", "Very dissatisfied"
        #expect(answers(1) == [3, 2])
        #expect(answers(4) == [1, 5])  // 12 mod 11 = 1; "Very satisfied"
        #expect(answers(7) == [10, 3])  // "10 - Extremely likely"
        // i = 4: 08:00 + 524 min = 16:44, ended 04:46:00 PM.
        #expect(result.answers.first { $0.response.id == "114000000004" }?.at == (try at("2026-10-05T16:46:00Z")))
    }
}

private func at(_ text: String) throws -> Date { try InstantCoding.date(from: text) }
