import Foundation
import PropertyCore
import Testing

/// The price of grounding: a truthful model that answers exactly each corpus text's labels, merged
/// against the offline reader's reading of the same text. Every labelled value it gives that ends
/// up unverified or in a conflict is a false flag the agent would be asked about for nothing.
@Suite struct FalseFlagTests {
    static let maximumFalseFlagShare = 0.05

    /// What a model that reads the text perfectly answers.
    static func truthfulAnswer(_ labels: CorpusAccuracyTests.Expected) -> PropertyDetails {
        PropertyDetails(
            propertyType: labels.property_type ?? "unknown", bedrooms: labels.bedrooms, bathrooms: labels.bathrooms,
            squareMeters: labels.area_m2, location: nil, amenities: labels.amenities ?? [], confidenceScore: 0.9,
            listingType: labels.listing_type.flatMap(ListingType.init(rawValue:)), price: labels.price,
            priceCurrency: labels.currency, pricePeriod: labels.price_period.flatMap(PricePeriod.init(rawValue:)),
            landSquareMeters: labels.land_m2)
    }

    /// The labelled values a truthful model gives, by result.json field name (amenities one by one).
    static func answeredFields(_ labels: CorpusAccuracyTests.Expected) -> [(field: String, value: String)] {
        var fields: [(String, String?)] = [
            ("property_type", labels.property_type), ("listing_type", labels.listing_type),
            ("bedrooms", labels.bedrooms.map(String.init)), ("bathrooms", labels.bathrooms.map(String.init)),
            ("square_meters", CorpusAccuracyTests.whole(labels.area_m2)),
            ("land_square_meters", CorpusAccuracyTests.whole(labels.land_m2)),
            ("price", CorpusAccuracyTests.whole(labels.price)), ("price_currency", labels.currency),
            ("price_period", labels.price_period),
        ]
        fields += (labels.amenities ?? []).map { ("amenities", $0) }
        return fields.compactMap { field, value in value.map { (field, $0) } }
    }

    @Test func aTruthfulModelIsRarelyFlagged() throws {
        var answered = 0
        var flagged: [String] = []
        for entry in try CorpusAccuracyTests.combinedCorpus() {
            let merged = ListingMerger.merge(
                sources: [.read(entry.text, source: "text", model: Self.truthfulAnswer(entry.expected))], images: nil)
            for (field, value) in Self.answeredFields(entry.expected) {
                answered += 1
                let unverified = merged.unverifiedFields.contains { $0.field == field && (field != "amenities" || $0.value == value) }
                let conflicting = field != "amenities" && merged.conflicts.contains { $0.field == field }
                if unverified || conflicting {
                    flagged.append("  \(entry.id) \(field) = \(value): \(unverified ? "unverified" : "conflict")")
                }
            }
        }
        let share = Double(flagged.count) / Double(max(1, answered))
        print(String(format: "False flags with a truthful model: %d of %d answered fields (%.1f%%)", flagged.count, answered, share * 100))
        if !flagged.isEmpty { print(flagged.joined(separator: "\n")) }
        #expect(share <= Self.maximumFalseFlagShare)
    }
}
