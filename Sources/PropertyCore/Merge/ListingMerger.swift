import Foundation

/// One source's view of the property, as the merge sees it.
public struct SourceFacts: Sendable {
    /// "text" (description + context), "voice" (a memo's transcript) or "images".
    public var source: String
    public var details: PropertyDetails
    /// True when a model produced these facts; its numbers are then checked against what the
    /// agent actually wrote or said.
    public var fromModel: Bool

    public init(source: String, details: PropertyDetails, fromModel: Bool) {
        self.source = source
        self.details = details
        self.fromModel = fromModel
    }
}

/// The merged record: one value per field, where it came from, and what disagreed.
public struct MergedListing: Codable, Sendable, Equatable {
    public var details: PropertyDetails
    public var qualityScore: Double?
    public var fieldSources: [String: String]
    public var conflicts: [FieldConflict]
    public var unverifiedFields: [String]
    public var confidenceBreakdown: [String: Double]
    public var overallConfidence: Double
    public var modalitiesUsed: [String]
}

/// Merges text, voice and photo results without silently overwriting: text wins for
/// facts the agent wrote, voice fills gaps, photos win for condition and add amenities, and any
/// disagreement is reported as a conflict. Photos never override a stated room count — a
/// property with three bedrooms often has photos of two.
public enum ListingMerger {
    public static func merge(text: SourceFacts?, voice: SourceFacts?, images: AggregatedPropertyInsights?,
                             writtenNumbers: Set<Double>) -> MergedListing {
        var merged = PropertyDetails()
        var sources: [String: String] = [:]
        var conflicts: [FieldConflict] = []
        var breakdown: [String: Double] = [:]
        var modalities: [String] = []
        let statedSources = [text, voice].compactMap { $0 }

        // Scalar fields: first source that has a value wins; disagreements become conflicts.
        func pick<Value: Equatable & Sendable>(_ field: String, _ key: KeyPath<PropertyDetails, Value?>,
                                              into target: WritableKeyPath<PropertyDetails, Value?>) {
            let claims = statedSources.compactMap { facts in facts.details[keyPath: key].map { (facts.source, $0) } }
            guard let first = claims.first else { return }
            merged[keyPath: target] = first.1
            sources[field] = first.0
            let distinct = claims.reduce(into: [Value]()) { if !$0.contains($1.1) { $0.append($1.1) } }
            if distinct.count > 1 {
                conflicts.append(FieldConflict(
                    field: field, chosenSource: first.0,
                    claims: claims.map { .init(source: $0.0, value: describe($0.1)) },
                    note: "The \(claims.map(\.0).joined(separator: " and ")) disagree; the \(first.0) value is published."))
            }
        }
        pick("bedrooms", \.bedrooms, into: \.bedrooms)
        pick("bathrooms", \.bathrooms, into: \.bathrooms)
        pick("square_meters", \.squareMeters, into: \.squareMeters)
        pick("land_square_meters", \.landSquareMeters, into: \.landSquareMeters)
        pick("price", \.price, into: \.price)
        pick("price_currency", \.priceCurrency, into: \.priceCurrency)
        pick("price_period", \.pricePeriod, into: \.pricePeriod)
        pick("listing_type", \.listingType, into: \.listingType)
        pick("location", \.location, into: \.location)

        let knownTypes = statedSources.filter { $0.details.propertyType != "unknown" && !$0.details.propertyType.isEmpty }
        if let first = knownTypes.first {
            merged.propertyType = first.details.propertyType
            sources["property_type"] = first.source
            let distinct = Set(knownTypes.map(\.details.propertyType))
            if distinct.count > 1 {
                conflicts.append(FieldConflict(
                    field: "property_type", chosenSource: first.source,
                    claims: knownTypes.map { .init(source: $0.source, value: $0.details.propertyType) },
                    note: "The sources name different property types; the \(first.source) one is published."))
            }
        }

        for facts in statedSources {
            modalities.append(facts.source)
            breakdown[facts.source] = facts.details.confidenceScore
            for amenity in facts.details.amenities where !merged.amenities.contains(amenity) {
                merged.amenities.append(amenity)
            }
            for language in facts.details.languagesDetected where !merged.languagesDetected.contains(language) {
                merged.languagesDetected.append(language)
            }
        }
        if let text {
            merged.condition = text.details.condition
            merged.descriptionSummary = text.details.descriptionSummary
            if merged.condition != "unknown" { sources["condition"] = "text" }
        } else if let voice {
            merged.descriptionSummary = voice.details.descriptionSummary
        }

        var quality: Double?
        if let images, images.imageAnalysisCount > 0 {
            modalities.append("images")
            breakdown["images"] = 0.9  // photo analysis gets a fixed confidence: a model's per-photo confidence is not comparable across photos
            merged.condition = images.overallCondition
            sources["condition"] = "images"
            quality = images.estimatedPropertyQuality
            for amenity in images.keyAmenities where !merged.amenities.contains(amenity) {
                merged.amenities.append(amenity)
            }
            for (field, room) in [("bedrooms", "bedroom"), ("bathrooms", "bathroom")] {
                let stated = field == "bedrooms" ? merged.bedrooms : merged.bathrooms
                if let seen = images.roomBreakdown[room], let stated, seen > stated {
                    conflicts.append(FieldConflict(
                        field: field, chosenSource: sources[field] ?? "text",
                        claims: [.init(source: sources[field] ?? "text", value: String(stated)),
                                 .init(source: "images", value: "\(seen) photos of a \(room)")],
                        note: "More \(room) photos than the stated number of \(field); please check the count."))
                }
            }
        }

        // A monthly figure only where the stated price is a rent.
        if merged.listingType == .sale {
            merged.pricePeriod = nil
        }
        merged.pricePerMonth = merged.listingType == .sale ? nil
            : PropertyDetails.monthlyRent(price: merged.price, period: merged.pricePeriod)
        if merged.priceCurrency == nil, merged.price != nil { merged.priceCurrency = "THB" }

        // Numbers a model gave that the agent never wrote or said are flagged, not trusted.
        var unverified: [String] = []
        let numericFields: [(String, Double?)] = [
            ("bedrooms", merged.bedrooms.map(Double.init)), ("bathrooms", merged.bathrooms.map(Double.init)),
            ("square_meters", merged.squareMeters), ("price", merged.price),
        ]
        for (field, value) in numericFields {
            guard let value, let source = sources[field],
                  statedSources.first(where: { $0.source == source })?.fromModel == true else { continue }
            if !writtenNumbers.contains(where: { abs($0 - value) <= max(0.5, abs(value) * 0.001) }) {
                unverified.append(field)
            }
        }

        let overall = breakdown.isEmpty ? 0 : breakdown.values.reduce(0, +) / Double(breakdown.count)
        merged.confidenceScore = overall
        return MergedListing(details: merged, qualityScore: quality, fieldSources: sources, conflicts: conflicts,
                             unverifiedFields: unverified, confidenceBreakdown: breakdown,
                             overallConfidence: overall, modalitiesUsed: modalities)
    }

    private static func describe<Value>(_ value: Value) -> String {
        switch value {
        case let number as Double:
            number == number.rounded() ? String(Int(number)) : String(number)
        case let raw as any RawRepresentable<String>:
            raw.rawValue
        default:
            "\(value)"
        }
    }
}
