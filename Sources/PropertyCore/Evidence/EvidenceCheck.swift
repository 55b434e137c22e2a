import Foundation

/// Whether a quoted span says what a model claims: the offline reader reads the short span (far
/// easier than the whole text) — the number, words for numbers, unit, currency, period — and the
/// span must be about that field: a bedroom quote names bedrooms, a price quote is not a
/// deposit, a fee, a price per m², a yield or an approximation in another currency.
enum EvidenceCheck {
    /// The fields whose quote may be a bare amount ("1,800,000", «три с половиной миллиона»): the
    /// words around it in the same clause say what it is an amount of.
    static let amountFields: Set<String> = ["bedrooms", "bathrooms", "square_meters", "land_square_meters", "price",
                                            "price_currency", "price_period"]

    /// - Parameter clause: the span with the rest of its clause in the source (`String.clause`):
    ///   a quote of the bare amount is read with the words beside it, and must itself hold the
    ///   amount (so a neighbouring number never vouches for it).
    /// - Parameter price: the price the same answer gives: a currency or period is proved only
    ///   beside that price (a lie about the price takes its currency down with it).
    static func supports(field: String, value: FieldValue, span: String, clause: String? = nil, price: Double? = nil) -> Bool {
        if field == "price_currency" || field == "price_period" {
            // Proved in a span that also states the answer's price, or (for a baht price written
            // without a currency, a rent without a period) by the price's span itself.
            for text in [span, clause].compactMap({ $0 }) {
                let reading = OfflineExtractor.extract(text)
                guard let price, let read = reading.price, FieldValue.number(read).agrees(with: .number(price)) else { continue }
                if supports(field: field, value: value, in: text) { return true }
            }
            return false
        }
        if field == "property_type", let clause, let at = clause.range(of: span),
           anotherPropertyBefore.matchesRightBefore(String(clause[..<at.lowerBound]).utf16.count, in: clause as NSString, limit: 30) {
            // "or swap for a condo in BKK", "near a condo": a type named beside this one is not it.
            return false
        }
        if supports(field: field, value: value, in: span) { return true }
        guard let clause, clause != span, amountFields.contains(field) else { return false }
        let spanNumbers = OfflineExtractor.extract(span).numbersMentioned
        let spanHoldsIt = field == "price_currency" || field == "price_period"
            || spanNumbers.contains { FieldValue.number($0).agrees(with: value) }
        return spanHoldsIt && supports(field: field, value: value, in: clause)
    }

    /// One bathroom named in the singular, with no count ("bathroom with a bathtub", «санузел с
    /// душем»): one. English and Russian only; Thai has no plural to tell one from several.
    private static let singleBathroom = Pattern(#"(?<![a-z])(?:bathroom|shower\s?room)(?![a-z])|(?<![а-я])(?:санузел|ванная(?:\s+комната)?)(?![а-я])"#)
    /// Words that make the type after them another property than the listing's.
    private static let anotherPropertyBefore = Pattern(
        #"(?<![a-z])(?:swap|exchange|trade|near|next\s+to|opposite|behind|beside|for|or|than|like|instead\s+of)\s+(?:a|an|the|your|my)?\s*$|(?<![а-я])(?:обмен[а-я]*\s+на|рядом\s+с|около|возле|напротив|или|вместо)\s+$|(?:แลก(?:กับ)?|ใกล้|ข้าง|ตรงข้าม|หรือ)\s*$"#)

    private static let enSuite = Pattern(
        #"en[\s-]?suite|(?:private|own)\s+bath(?:room)?|ห้องน้ำในตัว|(?:свой|собственный|отдельный)\s+(?:санузел|с/у)|санузел\s+в\s+номере"#)

    private static func supports(field: String, value: FieldValue, in span: String) -> Bool {
        let reading = OfflineExtractor.extract(span)
        switch field {
        case "bedrooms": return reading.bedrooms.map { FieldValue.number(Double($0)).agrees(with: value) } ?? false
        case "bathrooms":
            if let read = reading.bathrooms { return FieldValue.number(Double(read)).agrees(with: value) }
            // "en-suite bathroom", "ห้องน้ำในตัว", «свой санузел» with no count: one.
            return value.number == 1 && reading.numbersMentioned.isEmpty
                && (enSuite.contains(in: span as NSString) || singleBathroom.contains(in: span as NSString))
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

    /// Whether a span names the amenity (and does not negate it: the reader drops "no pool"); a
    /// bare word is read with its clause ("вид на горы и на море" names the sea view).
    /// When the reader does not know the wording, the span must still name the amenity's topic
    /// and not deny it (`AmenityTopics`): a truthful model's "pets are welcome" is published, a
    /// lying one's "Air con" for a private pool is not.
    static func supportsAmenity(_ key: String, span: String, clause: String? = nil) -> Bool {
        for text in [span, clause].compactMap({ $0 }) {
            let found = OfflineExtractor.extract(text).amenities
            if found.contains(key) || AmenityRules.implied(key, by: found) { return true }
        }
        let before = clause.flatMap { clause in clause.range(of: span).map { String(clause[..<$0.lowerBound]) } } ?? ""
        return AmenityTopics.names(key, in: span, before: before)
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

extension String {
    /// The text of the clause around `start..<end` (Unicode-scalar offsets of the NFC form): out
    /// to the line's end or a sentence's, at most `reach` scalars each way.
    func clause(around start: Int, _ end: Int, reach: Int = 40) -> String {
        let scalars = Array(precomposedStringWithCanonicalMapping.unicodeScalars)
        guard start >= 0, end <= scalars.count, start < end else { return "" }
        func isStop(_ index: Int) -> Bool {
            let scalar = scalars[index]
            if scalar == "\n" || scalar == ";" || scalar == "!" || scalar == "?" || scalar == "|" || scalar == "•" { return true }
            // A full stop ends a sentence only before a space: "12.5M" goes on.
            return (scalar == "." || scalar == "。") && (index + 1 >= scalars.count || scalars[index + 1].properties.isWhitespace)
        }
        var lower = start
        while lower > 0, start - lower < reach, !isStop(lower - 1) { lower -= 1 }
        var upper = end
        while upper < scalars.count, upper - end < reach, !isStop(upper) { upper += 1 }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[lower..<upper])
        return text
    }
}
