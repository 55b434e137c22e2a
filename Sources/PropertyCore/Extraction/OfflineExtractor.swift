import Foundation

/// Rule-based extraction of listing facts from English, Thai and Russian text (mixed is normal).
///
/// This is the `offline` provider (the default with no API key), the fallback when the model provider is down, and
/// the cross-check for a model's numbers. The rules live next to this file, one file per field:
/// NumberParsing, AreaRules, RoomRules, PriceRules, PropertyTypeRules, AmenityRules,
/// LocationRules, LanguageDetection.
///
/// Decisions the rules make (kept here so they are easy to find):
/// - A studio has 0 bedrooms; «двухкомнатная» / «2-к» set `rooms`, not `bedrooms`.
/// - "Bedroom 1: …", «Спальня 2:», "ห้องนอนที่ 3" name a room; with no count written, rooms
///   numbered from 1 give the count (the highest number).
/// - For a land listing the plot size is `landSquareMeters` and `areaSquareMeters` is nil: a plot
///   has no living area (the website shows "Land" for it).
/// - "Price on request" / "ราคาสอบถาม" / «цена по запросу»: no price, whatever other money the
///   text mentions (a rental income, a common fee).
/// - A bracketed amount in another currency after the price, or one marked "approx." / "≈", is a
///   conversion: kept as `approximatePrice`, never the asking price.
/// - `currency` is nil unless the text names one ("80k/mo" has none); `pricePeriod` is nil for a
///   sale. With no rent/sale word, a price per period means rent and a one-off price of 500,000
///   or more means sale.
/// - Phone numbers, dates, times and ratios ("50/50") are not numbers of the listing: they are
///   left out of every rule and of `numbersMentioned`, which instead gains the values the rules
///   derive (land units and square feet in m², 0 bedrooms for a studio).
public enum OfflineExtractor {
    public static func extract(_ text: String) -> OfflineExtraction {
        let listing = ListingText(text)
        let tokens = NumberParsing.tokens(in: listing.masked)

        // Areas and room counts claim their numbers first, so "250 sqm" or "3 bedrooms" never
        // compete to be the price.
        let area = AreaRules.extract(from: listing, tokens: tokens)
        let rooms = RoomRules.extract(from: listing, tokens: tokens, skipping: area.claimedTokens)
        let propertyType = PropertyTypeRules.propertyType(
            in: listing.normalized, statesRooms: (rooms.bedrooms ?? 0) > 0 || rooms.bathrooms != nil)
        let statedListingType = PropertyTypeRules.listingType(in: listing.normalized)
        let price = PriceRules.extract(
            from: listing, tokens: tokens, skipping: area.claimedTokens.union(rooms.claimedTokens),
            listingType: statedListingType)

        var result = OfflineExtraction(
            propertyType: propertyType,
            listingType: statedListingType ?? PropertyTypeRules.inferredListingType(from: price),
            bedrooms: rooms.bedrooms,
            bathrooms: rooms.bathrooms,
            rooms: rooms.rooms,
            areaSquareMeters: area.livingSquareMeters,
            landSquareMeters: area.landSquareMeters,
            price: price.price,
            currency: price.currency,
            pricePeriod: price.period,
            approximatePrice: price.approximation?.price,
            approximateCurrency: price.approximation?.currency,
            location: LocationRules.location(in: listing),
            amenities: AmenityRules.amenities(in: listing.normalized),
            languages: LanguageDetection.languages(in: listing.normalized),
            numbersMentioned: uniqueInOrder(
                tokens.map(\.value) + rooms.countsWrittenAsWords.map(Double.init) + area.convertedSquareMeters
                    + (rooms.bedrooms == 0 ? [0] : []))
        )
        if propertyType == "land" {
            // A plot written in m² without the word "land" ("1 rai 2 ngan (2,400 sqm)") is still the
            // plot, and a plot has no living area.
            result.landSquareMeters = result.landSquareMeters ?? result.areaSquareMeters
            result.areaSquareMeters = nil
        }
        result.confidence = confidence(of: result)
        return result
    }

    /// The share of the headline facts found, capped at 0.9: rules never read as much as a person.
    private static func confidence(of result: OfflineExtraction) -> Double {
        let weighedFacts: [(Bool, Double)] = [
            (result.propertyType != nil, 0.2),
            (result.listingType != nil, 0.1),
            (result.bedrooms != nil || result.rooms != nil, 0.15),
            (result.bathrooms != nil, 0.1),
            (result.areaSquareMeters != nil || result.landSquareMeters != nil, 0.15),
            (result.price != nil, 0.2),
            (result.location != nil, 0.1),
        ]
        let found = weighedFacts.filter(\.0).map(\.1).reduce(0, +)
        return (found * 0.9 * 100).rounded() / 100
    }

    private static func uniqueInOrder(_ values: [Double]) -> [Double] {
        var seen: Set<Double> = []
        return values.filter { seen.insert($0).inserted }
    }
}
