import PropertyCore
import Testing

struct ListingMergerTests {
    let text = PropertyDetails(propertyType: "villa", bedrooms: 3, bathrooms: 2, location: "Rawai", confidenceScore: 0.8,
                               listingType: .rent, price: 80_000, priceCurrency: "THB", pricePeriod: .month)

    @Test func textAndVoiceDisagreeingIsAConflictNotAnOverwrite() {
        var voice = text
        voice.bedrooms = 2
        let merged = ListingMerger.merge(text: SourceFacts(source: "text", details: text, fromModel: true),
                                         voice: SourceFacts(source: "voice", details: voice, fromModel: true),
                                         images: nil, writtenNumbers: [3, 2, 80_000])
        #expect(merged.details.bedrooms == 3)
        #expect(merged.fieldSources["bedrooms"] == "text")
        let conflict = merged.conflicts.first { $0.field == "bedrooms" }
        #expect(conflict?.claims.map(\.value) == ["3", "2"])
    }

    @Test func aModelNumberTheAgentNeverWroteIsUnverified() {
        var invented = text
        invented.squareMeters = 300  // the agent never wrote an area
        let merged = ListingMerger.merge(text: SourceFacts(source: "text", details: invented, fromModel: true),
                                         voice: nil, images: nil, writtenNumbers: [3, 2, 80_000])
        #expect(merged.unverifiedFields == ["square_meters"])
    }

    @Test func photosNeverOverrideAStatedRoomCount() {
        let images = AggregatedPropertyInsights.aggregate([
            ImageInsights(imageId: "1", roomType: "bedroom", estimatedQualityScore: 8),
            ImageInsights(imageId: "2", roomType: "bedroom", estimatedQualityScore: 9),
            ImageInsights(imageId: "3", roomType: "bedroom", estimatedQualityScore: 7),
            ImageInsights(imageId: "4", roomType: "bedroom", estimatedQualityScore: 8),
        ])
        let merged = ListingMerger.merge(text: SourceFacts(source: "text", details: text, fromModel: false),
                                         voice: nil, images: images, writtenNumbers: [])
        #expect(merged.details.bedrooms == 3)
        #expect(merged.conflicts.contains { $0.field == "bedrooms" && $0.claims.contains { $0.source == "images" } })
        #expect(merged.details.condition == "excellent")  // mean 8.0 → excellent, as in the seed
        #expect(merged.modalitiesUsed == ["text", "images"])
    }

    @Test func seedAggregationKeepsFeaturesSeenTwice() {
        let insights = [
            ImageInsights(imageId: "1", roomType: "pool", featuresDetected: ["sea view", "infinity edge"], estimatedQualityScore: 6),
            ImageInsights(imageId: "2", roomType: "living_room", featuresDetected: ["sea view"], estimatedQualityScore: 5),
        ]
        let aggregated = AggregatedPropertyInsights.aggregate(insights)
        #expect(aggregated.standoutFeatures == ["sea view"])
        #expect(aggregated.overallCondition == "fair")
        #expect(aggregated.roomBreakdown == ["pool": 1, "living_room": 1])
    }

    @Test func validationFollowsTheSeed() {
        var details = text
        details.pricePerMonth = 80_000
        #expect(ListingValidation.validate(details).status == .valid)
        details.location = nil
        let (status, issues) = ListingValidation.validate(details)
        #expect(status == .invalid)
        #expect(issues.first == "Missing required fields: location")
        details.location = "Rawai"
        details.confidenceScore = 0.3
        #expect(ListingValidation.validate(details) == (.partial, ["Low confidence in extraction"]))
        // type, bedrooms, bathrooms, price, location: 5 of the seed's 8 fields (no area, amenities, condition).
        #expect(ListingValidation.completeness(details) == 5.0 / 8.0)
    }
}
