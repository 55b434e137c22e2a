import PropertyCore
import Testing

struct ListingMergerTests {
    static let words = "Villa for rent in Rawai, 3 bedrooms, 2 bathrooms, 80,000 THB/month. Call 081-234-5678, soi 4."
    let text = PropertyDetails(propertyType: "villa", bedrooms: 3, bathrooms: 2, location: "Rawai, Phuket", confidenceScore: 0.8,
                               listingType: .rent, price: 80_000, priceCurrency: "THB", pricePeriod: .month)

    @Test func textAndVoiceDisagreeingIsAConflictNotAnOverwrite() {
        var voice = text
        voice.bedrooms = 2
        let merged = ListingMerger.merge(sources: [
            .read(Self.words, source: "text", model: text),
            .read("The Rawai villa has two bedrooms, 80,000 baht a month", source: "voice", model: voice),
        ], images: nil)
        #expect(merged.details.bedrooms == 3)
        #expect(merged.fieldSources["bedrooms"] == "text")
        let conflict = merged.conflicts.first { $0.field == "bedrooms" }
        #expect(conflict?.claims.map(\.value) == ["3", "2"])
        #expect(merged.unverifiedFields.isEmpty, "\(merged.unverifiedFields)")
    }

    @Test func aModelNumberTheAgentNeverWroteIsUnverifiedAndNotPublished() {
        var invented = text
        invented.squareMeters = 300  // the agent never wrote an area
        let merged = ListingMerger.merge(sources: [.read(Self.words, source: "text", model: invented)], images: nil)
        #expect(merged.unverifiedFields == [UnverifiedField(field: "square_meters", value: "300", source: "text", reason: .notStated)])
        #expect(merged.details.squareMeters == nil)
    }

    /// The number is written (a soi, a phone), but not as a bedroom count: that does not ground it.
    @Test func aNumberWrittenForAnotherFieldDoesNotGroundAModelValue() {
        var swapped = text
        swapped.bedrooms = 2
        swapped.bathrooms = 3
        let merged = ListingMerger.merge(sources: [.read(Self.words, source: "text", model: swapped)], images: nil)
        #expect(merged.details.bedrooms == 3 && merged.details.bathrooms == 2)
        let conflict = merged.conflicts.first { $0.field == "bedrooms" }
        #expect(conflict?.claims.map(\.value) == ["3", "2"])
        #expect(conflict?.claims.last?.source == "AI reading of the text")
    }

    @Test func aCurrencyThatIsNotACurrencyIsNeverPublished() {
        var nonsense = text
        nonsense.priceCurrency = "text"
        let merged = ListingMerger.merge(sources: [.read("House for rent, 2 bedrooms, 80,000/month", source: "text", model: nonsense)],
                                         images: nil)
        #expect(merged.details.priceCurrency == "THB")
        #expect(merged.unverifiedFields.contains { $0.field == "price_currency" && $0.reason == .notACurrency })
    }

    @Test func aCurrencyBesideNoPriceIsNotAGuess() {
        var onRequest = text
        onRequest.price = nil
        onRequest.listingType = .sale
        onRequest.pricePeriod = nil
        let merged = ListingMerger.merge(sources: [
            .read("Villa for sale in Rawai, 3 bedrooms, 2 bathrooms. Price on request.", source: "text", model: onRequest),
        ], images: nil)
        #expect(merged.unverifiedFields.isEmpty, "\(merged.unverifiedFields)")
        #expect(merged.details.price == nil && merged.details.priceCurrency == nil)
    }

    @Test func implausibleValuesAreWithheldAndReported() {
        let merged = ListingMerger.merge(sources: [
            .read("Villa for rent, 3 bedrooms, 12,000,000 THB/month, land 1 sqm", source: "text", model: nil),
        ], images: nil)
        #expect(merged.details.price == nil && merged.details.pricePeriod == nil)
        #expect(merged.details.landSquareMeters == nil)
        #expect(Set(merged.unverifiedFields.map(\.field)) == ["price", "land_square_meters"])
        #expect(merged.unverifiedFields.allSatisfy { $0.reason == .implausible })
        #expect(merged.validationIssues.contains { $0.contains("not a plausible rent per month") })

        var crowded = text
        crowded.bathrooms = 60
        let rooms = ListingMerger.merge(sources: [SourceFacts(source: "text", details: crowded, fromModel: false)], images: nil)
        #expect(rooms.details.bathrooms == nil && rooms.details.bedrooms == 3)
        #expect(rooms.unverifiedFields == [UnverifiedField(field: "bathrooms", value: "60", source: "text", reason: .implausible)])
    }

    @Test func anAmenityTheTextNegatesIsNotPublished() {
        var invented = text
        invented.amenities = ["pool", "garden"]
        let merged = ListingMerger.merge(sources: [
            .read("Villa for rent in Rawai with a garden, no pool. 3 bedrooms, 2 bathrooms, 80,000 THB/month", source: "text", model: invented),
        ], images: nil)
        #expect(merged.details.amenities == ["garden"])
        #expect(merged.unverifiedFields == [UnverifiedField(field: "amenities", value: "pool", source: "text", reason: .notStated)])
    }

    @Test func aModelsOwnAmenityKeysAreReadAsWords() {
        var answer = text
        answer.amenities = ["swimming_pool", "fitness_center", "city_view", "rooftop_bar"]
        let merged = ListingMerger.merge(sources: [
            .read("Condo for rent in Rawai, 3 bedrooms, 2 bathrooms, city view, swimming pool and gym. 80,000 THB/month",
                  source: "text", model: answer),
        ], images: nil)
        #expect(merged.details.amenities == ["pool", "gym", "city_view"])
        #expect(merged.unverifiedFields == [UnverifiedField(field: "amenities", value: "rooftop_bar", source: "text", reason: .notStated)])
    }

    @Test func aPlaceTheAgentDidNotNameIsNotPublished() {
        var moved = text
        moved.location = "Kata, Phuket"
        let named = ListingMerger.merge(sources: [.read(Self.words, source: "text", model: moved)], images: nil)
        #expect(named.details.location == "Rawai, Phuket")
        #expect(named.conflicts.contains { $0.field == "location" })
        let unnamed = ListingMerger.merge(sources: [.read("Villa for rent, 3 bedrooms, 2 bathrooms, 80,000 THB/month", source: "text", model: moved)],
                                          images: nil)
        #expect(unnamed.details.location == nil)
        #expect(unnamed.unverifiedFields.map(\.field) == ["location"])
        // A street the reader does not know is fine when the agent wrote it.
        moved.location = "Soi Saiyuan, Rawai"
        let street = ListingMerger.merge(sources: [.read("Villa for rent on Soi Saiyuan, 3 bedrooms, 2 bathrooms, 80,000 THB/month", source: "text", model: moved)],
                                         images: nil)
        #expect(street.details.location == "Soi Saiyuan, Rawai")
        // The region of the area the agent named is vaguer, not wrong.
        moved.location = "Phuket"
        let region = ListingMerger.merge(sources: [.read(Self.words, source: "text", model: moved)], images: nil)
        #expect(region.details.location == "Phuket" && region.conflicts.isEmpty)
    }

    @Test func photosNeverOverrideAStatedRoomCount() {
        let images = AggregatedPropertyInsights.aggregate([
            ImageInsights(imageId: "1", roomType: "bedroom", estimatedQualityScore: 8),
            ImageInsights(imageId: "2", roomType: "bedroom", estimatedQualityScore: 9),
            ImageInsights(imageId: "3", roomType: "bedroom", estimatedQualityScore: 7),
            ImageInsights(imageId: "4", roomType: "bedroom", estimatedQualityScore: 8),
        ])
        let merged = ListingMerger.merge(sources: [SourceFacts(source: "text", details: text, fromModel: false)], images: images)
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
