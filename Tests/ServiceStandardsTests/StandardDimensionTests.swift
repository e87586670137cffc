import ServiceStandards
import Testing

struct StandardDimensionTests {
    @Test func qualityAndDeliveryStandardsAreSeparated() {
        // Quality standards: responsiveness, accuracy, professionalism, effectiveness.
        // Delivery standards: response time, resolution time, progress updates.
        #expect(
            StandardDimension.dimensions(of: .quality) == [
                .responsiveness, .accuracy, .professionalism, .effectiveness,
            ]
        )
        #expect(StandardDimension.dimensions(of: .delivery) == [.responseTime, .resolutionTime, .progressUpdate])
        #expect(StandardDimension.allCases.count == 7)
    }
}
