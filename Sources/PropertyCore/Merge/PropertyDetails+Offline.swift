import Foundation

extension PropertyDetails {
    /// The offline provider's answer in the extraction schema. Condition stays "unknown": only photos
    /// (a vision model) or the agent's own words can say how well kept a property is.
    public init(offline found: OfflineExtraction, summary: String) {
        self.init(
            propertyType: found.propertyType ?? "unknown",
            bedrooms: found.bedrooms,
            bathrooms: found.bathrooms,
            squareMeters: found.areaSquareMeters,
            pricePerMonth: found.listingType == .sale ? nil
                : PropertyDetails.monthlyRent(price: found.price, period: found.pricePeriod),
            location: found.location,
            amenities: found.amenities,
            condition: "unknown",
            descriptionSummary: summary,
            languagesDetected: found.languages,
            confidenceScore: found.confidence,
            listingType: found.listingType,
            price: found.price,
            priceCurrency: found.currency,
            pricePeriod: found.listingType == .sale ? nil : found.pricePeriod,
            landSquareMeters: found.landSquareMeters
        )
    }
}

/// A short plain summary taken from the agent's own first sentences (no model offline).
public enum TextSummary {
    public static func firstSentences(of text: String, maxCharacters: Int = 280) -> String {
        let lines = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        var summary = ""
        for line in lines {
            let candidate = summary.isEmpty ? line : summary + " " + line
            if candidate.count > maxCharacters { break }
            summary = candidate
        }
        if summary.isEmpty, let first = lines.first {
            summary = String(first.prefix(maxCharacters - 1)) + "…"
        }
        return summary
    }
}
