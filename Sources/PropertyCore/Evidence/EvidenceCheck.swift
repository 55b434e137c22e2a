import Foundation

/// Whether a quoted span says what a model claims: the offline reader reads the short span (far
/// easier than the whole text) — the number, words for numbers, unit, currency, period — and the
/// span must be about that field: a bedroom quote names bedrooms, a price quote is not a
/// deposit, a fee, a price per m², a yield or an approximation in another currency.
enum EvidenceCheck {
    static func supports(field: String, value: FieldValue, span: String) -> Bool {
        let reading = OfflineExtractor.extract(span)
        switch field {
        case "bedrooms": return reading.bedrooms.map { FieldValue.number(Double($0)).agrees(with: value) } ?? false
        case "bathrooms": return reading.bathrooms.map { FieldValue.number(Double($0)).agrees(with: value) } ?? false
        case "square_meters": return reading.areaSquareMeters.map { FieldValue.number($0).agrees(with: value) } ?? false
        case "land_square_meters": return reading.landSquareMeters.map { FieldValue.number($0).agrees(with: value) } ?? false
        case "price":
            guard !SideAmounts.mentions(in: span), let price = reading.price else { return false }
            return FieldValue.number(price).agrees(with: value)
        case "price_currency":
            if let currency = reading.currency { return FieldValue.word(currency).agrees(with: value) }
            // A price with no currency written is in baht (the product's documented default).
            return value.text == "THB" && reading.price != nil
        case "price_period":
            if let period = reading.pricePeriod { return FieldValue.word(period.rawValue).agrees(with: value) }
            // "Rent 35,000" with no period is a monthly rent: Thai rents are quoted per month.
            return value.text == "month" && reading.price != nil && reading.listingType != .sale
        case "listing_type": return reading.listingType.map { FieldValue.word($0.rawValue).agrees(with: value) } ?? false
        // The type the span names, exactly: "house" does not prove "villa".
        case "property_type": return reading.propertyType.map { FieldValue.word($0).agrees(with: value) } ?? false
        case "location": return PlaceNames.isStated(value.text, reading: reading.location, in: span)
        default: return false
        }
    }

    /// Whether a span names the amenity (and does not negate it: the reader drops "no pool").
    static func supportsAmenity(_ key: String, span: String) -> Bool {
        let found = OfflineExtractor.extract(span).amenities
        return found.contains(key) || AmenityRules.implied(key, by: found)
    }
}

/// Amounts beside the price that are not it: fees, deposits, prices per m², yields and
/// approximations in another currency, in English, Thai and Russian.
enum SideAmounts {
    private static let words = Pattern(
        #"(?:(?<![a-z])(?:fees?|common|maintenance|cam|sinking|deposit|advance|yield|roi|per\s+(?:sq\.?\s?m|sqm|m2|m²|square)|/\s?(?:sq\.?\s?m|sqm|m2|m²)|approx\.?|approximately)(?![a-z])|[≈~]|ค่าส่วนกลาง|ค่าบำรุง|ค่าธรรมเนียม|มัดจำ|เงินประกัน|ประกัน|ล่วงหน้า|ผลตอบแทน|ต่อตร\.?ม|ประมาณ|взнос|депозит|залог|обслуживани|коммунал|доходност|за\s+(?:м²|м2|кв)|около|примерно|≈)"#)

    static func mentions(in span: String) -> Bool {
        words.contains(in: span.lowercased() as NSString)
    }
}
