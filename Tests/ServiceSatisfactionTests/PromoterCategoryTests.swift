import ServiceDomain
import ServiceSatisfaction
import Testing

struct PromoterCategoryTests {
    @Test(arguments: 0...10)
    func classifiesEveryAnswer(score: Int) throws {
        // Net Promoter System: 9–10 promoters, 7–8 passives, 0–6 detractors.
        let expected: PromoterCategory = score >= 9 ? .promoter : score >= 7 ? .passive : .detractor
        #expect(try PromoterCategory(score: Double(score)) == expected)
    }

    @Test(arguments: [-1.0, 11.0, 8.5, Double.nan, Double.infinity])
    func rejectsAnswersOffTheScale(score: Double) {
        #expect(throws: ServiceDomainError.self) { try PromoterCategory(score: score) }
    }
}
