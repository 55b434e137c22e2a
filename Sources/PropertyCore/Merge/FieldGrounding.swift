import Foundation

/// A field's value as the merge compares it: a number or a word.
enum FieldValue: Equatable, Sendable {
    case number(Double)
    case word(String)

    var text: String {
        switch self {
        case .number(let value): value == value.rounded() ? String(Int(value)) : String(value)
        case .word(let word): word
        }
    }

    var number: Double? { if case .number(let value) = self { value } else { nil } }
    var word: String? { if case .word(let word) = self { word } else { nil } }

    /// Equal, numbers within 1 % (a model rounds "1,000 sq ft" to 93 m², the reader to 92.9).
    func agrees(with other: FieldValue) -> Bool {
        switch (self, other) {
        case let (.number(a), .number(b)): abs(a - b) <= max(0.5, abs(b) * 0.01)
        case let (.word(a), .word(b)): a.caseInsensitiveCompare(b) == .orderedSame
        default: false
        }
    }
}

/// One fact field: how to read it from a model's answer and from the offline reader, how to
/// publish it, and when a model's value counts as stated by the agent.
struct GroundedField: Sendable {
    let name: String
    let model: @Sendable (PropertyDetails) -> FieldValue?
    let words: @Sendable (OfflineExtraction) -> FieldValue?
    let publish: @Sendable (inout PropertyDetails, FieldValue?) -> Void
    /// Whether the agent's words in `source` state `value` for this field. By default only the
    /// reader's own value for the field does; a number written elsewhere (a phone, a soi, a
    /// floor) does not.
    var isStated: @Sendable (_ value: FieldValue, _ words: FieldValue?, _ source: SourceFacts) -> Bool = { value, words, _ in
        words.map(value.agrees) ?? false
    }

    /// The fields checked per source, in the order result.json lists them.
    static let all: [GroundedField] = [
        GroundedField(
            name: "property_type",
            model: { $0.propertyType == "unknown" || $0.propertyType.isEmpty ? nil : .word($0.propertyType) },
            words: { $0.propertyType.map(FieldValue.word) },
            publish: { $0.propertyType = $1?.word ?? "unknown" },
            isStated: { value, words, _ in
                guard let words else { return false }
                // Near-synonyms are not a disagreement: agents say "condo" for what a model calls
                // an apartment, and a "บ้านพูลวิลล่า" is both a house and a villa.
                let kin: [Set<String>] = [["condo", "apartment"], ["villa", "house"]]
                let (said, read) = (PropertyKinds.group(of: value.text), PropertyKinds.group(of: words.text))
                return value.agrees(with: words) || said == read || kin.contains { $0.contains(said) && $0.contains(read) }
            }),
        GroundedField(
            name: "listing_type", model: { $0.listingType.map { .word($0.rawValue) } },
            words: { $0.listingType.map { .word($0.rawValue) } },
            publish: { $0.listingType = $1?.word.flatMap(ListingType.init(rawValue:)) }),
        GroundedField(
            name: "bedrooms", model: { $0.bedrooms.map { .number(Double($0)) } },
            words: { $0.bedrooms.map { .number(Double($0)) } },
            publish: { $0.bedrooms = $1?.number.map { Int($0) } }),
        GroundedField(
            name: "bathrooms", model: { $0.bathrooms.map { .number(Double($0)) } },
            words: { $0.bathrooms.map { .number(Double($0)) } },
            publish: { $0.bathrooms = $1?.number.map { Int($0) } }),
        GroundedField(
            name: "square_meters", model: { $0.squareMeters.map(FieldValue.number) },
            words: { $0.areaSquareMeters.map(FieldValue.number) },
            publish: { $0.squareMeters = $1?.number }),
        GroundedField(
            name: "land_square_meters", model: { $0.landSquareMeters.map(FieldValue.number) },
            words: { $0.landSquareMeters.map(FieldValue.number) },
            publish: { $0.landSquareMeters = $1?.number }),
        GroundedField(
            name: "price", model: { $0.price.map(FieldValue.number) }, words: { $0.price.map(FieldValue.number) },
            publish: { $0.price = $1?.number }),
        GroundedField(
            name: "price_currency", model: { $0.priceCurrency.map(FieldValue.word) },
            words: { $0.currency.map(FieldValue.word) },
            publish: { $0.priceCurrency = $1?.word },
            isStated: { value, words, source in
                if let words { return value.agrees(with: words) }
                // A price with no currency written is in baht (the product's documented default).
                return value.text == "THB" && source.reading?.price != nil
            }),
        GroundedField(
            name: "price_period", model: { $0.pricePeriod.map { .word($0.rawValue) } },
            words: { $0.pricePeriod.map { .word($0.rawValue) } },
            publish: { $0.pricePeriod = $1?.word.flatMap(PricePeriod.init(rawValue:)) },
            isStated: { value, words, source in
                if let words { return value.agrees(with: words) }
                // "Rent 35,000" with no period is a monthly rent: Thai rents are quoted per month.
                return value.text == "month" && source.reading?.price != nil && source.reading?.listingType == .rent
            }),
        GroundedField(
            name: "location", model: { $0.location.flatMap { $0.isEmpty ? nil : .word($0) } },
            words: { $0.location.map(FieldValue.word) },
            publish: { $0.location = $1?.word },
            isStated: { value, words, source in PlaceNames.isStated(value.text, reading: words?.text, in: source.words) }),
    ]
}

/// Whether a model's place name is one the agent wrote.
enum PlaceNames {
    /// Stated when its most specific part ("Rawai" in "Rawai, Phuket") is the area or region the
    /// reader found, or is written in the source in any spelling the reader knows. The region alone
    /// does not vouch for an area: "Kata, Phuket" does not state "Rawai, Phuket".
    static func isStated(_ name: String, reading: String?, in words: String) -> Bool {
        guard let area = name.split(separator: ",").first?.trimmingCharacters(in: .whitespaces), area.count >= 2 else {
            return false
        }
        // The reader's area, or its region: "Bangkok" for a text that says "Sukhumvit" is vaguer, not wrong.
        let readParts = reading?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? []
        if readParts.contains(where: { $0.caseInsensitiveCompare(area) == .orderedSame }) { return true }
        if words.range(of: area, options: [.caseInsensitive, .diacriticInsensitive]) != nil { return true }
        // "Rawai" for a Thai text that writes "ราไวย์": the reader knows both spellings.
        guard let known = LocationRules.location(in: ListingText(area)), let written = reading else { return false }
        return known.split(separator: ",").first == written.split(separator: ",").first
    }
}
