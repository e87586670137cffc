import ServiceDomain
import Testing

/// Sector as behaviour: who the standards are for, whether performance is published, which survey measures fit.
struct SectorBehaviourTests {
    @Test func eachSectorHasItsStandardsScopeAndMeasures() {
        // The model: public bodies hold one standard for every citizen and publish performance; firms tier by value;
        // co-operatives set member standards; voluntary bodies add donor and volunteer standards.
        #expect(Sector.public.standardsScope == .equalForAll && Sector.public.publishesPerformance)
        #expect(Sector.private.standardsScope == .tieredByValue && !Sector.private.publishesPerformance)
        #expect(Sector.cooperative.standardsScope == .memberStandards)
        #expect(Sector.voluntary.standardsScope == .donorsAndVolunteers)
        // NPS fits where customers can go elsewhere; not for citizens, who cannot.
        for sector in Sector.allCases {
            let nps = sector.surveyAdvice.first { $0.measure == .netPromoterScore }
            #expect(nps?.fits == (sector != .public), "\(sector)")
            #expect(sector.surveyAdvice.map(\.measure) == SurveyMeasure.allCases)
            let others = sector.surveyAdvice.filter { $0.measure != .netPromoterScore }
            #expect(others.allSatisfy { $0.fits })
        }
    }
}
