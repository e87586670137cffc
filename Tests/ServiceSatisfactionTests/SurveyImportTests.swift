import Foundation
import ServiceDomain
import ServiceImport
import ServiceSatisfaction
import Testing

struct SurveyImportTests {
    static let file = """
        response_id,survey,score,answered_at,segment,weight,case_id
        R-1,nps,10,2026-11-23T09:00:00Z,gold,,T-1
        R-2,nps,6,2026-11-23T10:00:00Z,,2,
        R-3,csat,4,,standard,,
        R-4,nps,11,2026-11-23T10:00:00Z,,,
        R-5,csat,3.5,,,,
        R-6,ces,2,,,,
        R-7,nps,9,,,-1,
        R-8,nps,ten,,,,
        R-9,nps,7,last week,,,
        """

    @Test func answersAreCheckedAgainstTheirSurveysScale() throws {
        let (answers, problems) = try SurveyCSVMapping.standard.importAnswers(
            csv: Self.file,
            scales: ["nps": .netPromoter, "csat": .satisfaction5]
        )
        #expect(answers.map(\.response.id) == ["R-1", "R-2", "R-3"])
        #expect(answers[0].caseID == "T-1" && answers[0].response.segment == "gold" && answers[0].response.weight == 1)
        let tenOClock = try InstantCoding.date(from: "2026-11-23T10:00:00Z")
        #expect(answers[1].response.weight == 2 && answers[1].at == tenOClock)
        // 11 is off the 0–10 scale; 3.5 is not a whole point; ces has no scale; a negative weight; "ten"; "last week".
        #expect(problems.map(\.line) == [5, 6, 7, 8, 9, 10])
        #expect(problems.map(\.column) == ["score", "score", "survey", "weight", "score", "answered_at"])
        // The NPS of the two good answers: one promoter, one detractor of weight 2 → (1 − 2) / 3 = −33.3.
        var tally = ScaleTally(scale: .netPromoter)
        try tally.add(contentsOf: answers.filter { $0.survey == "nps" }.map(\.response))
        #expect(abs((try tally.netPromoterScore().value ?? 0) - (-100.0 / 3)) < 1e-9)
    }

    @Test func stoppingThrowsTheFirstBadRow() {
        #expect {
            try SurveyCSVMapping.standard.importAnswers(
                csv: Self.file,
                scales: ["nps": .netPromoter, "csat": .satisfaction5],
                onBadRecord: .stop
            )
        } throws: { error in
            guard let error = error as? ServiceSatisfactionError else { return false }
            return error.code.rawValue == "badRecord" && error.path == "line[5].score"
        }
    }

    @Test func aFileOfOneSurveyNeedsNoSurveyColumn() throws {
        let mapping = try JSONDecoder().decode(
            SurveyCSVMapping.self,
            from: Data(#"{"columns": {"id": "Who", "score": "How easy (1-5)"}}"#.utf8)
        )
        let (answers, problems) = try mapping.importAnswers(
            csv: "Who,How easy (1-5)\na,1\nb,5\n",
            scales: ["ces": .effort5]
        )
        #expect(answers.map(\.response.score) == [1, 5] && problems.isEmpty)
        #expect(try JSONDecoder().decode(SurveyCSVMapping.self, from: JSONEncoder().encode(mapping)) == mapping)
    }

    @Test(arguments: [
        (#"{"columns": {"id": "a"}}"#, "columns.score"),
        (#"{"columns": {"id": "a", "score": "b", "mood": "c"}}"#, "mood"),
        (#"{"columns": {"id": "a", "score": "b"}, "colour": 1}"#, "colour"),
    ])
    func malformedMappingsNameTheBadField(json: String, path: String) {
        #expect {
            try JSONDecoder().decode(SurveyCSVMapping.self, from: Data(json.utf8))
        } throws: { "\($0)".contains(path) }
    }

    @Test func aMissingColumnIsAnError() {
        #expect {
            try SurveyCSVMapping.standard.importAnswers(csv: "response_id,score\nR,1\n", scales: ["": .likert5])
        } throws: { ($0 as? ServiceSatisfactionError)?.path == "columns.survey" }
    }
}
