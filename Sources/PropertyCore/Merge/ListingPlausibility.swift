/// ISO 4217 codes a Thai listing is priced in. The model's schema allows only these (or null);
/// anything else a model returns is not a currency and is never published.
public enum ListingCurrency {
    public static let codes: [String] = ["THB", "USD", "EUR", "GBP", "RUB", "CNY", "AUD", "SGD", "HKD", "JPY", "CHF", "INR"]

    public static func isKnown(_ code: String) -> Bool { codes.contains(code) }

    /// Rough baht per unit, only to judge whether a price is plausible (a 10× error is what
    /// these rules catch, so rates years old are close enough).
    static let roughBahtPerUnit: [String: Double] = [
        "THB": 1, "USD": 35, "EUR": 38, "GBP": 44, "RUB": 0.4, "CNY": 5, "AUD": 23, "SGD": 26, "HKD": 4.5,
        "JPY": 0.23, "CHF": 40, "INR": 0.42,
    ]
}

/// Ranges a real listing stays within. A value outside is a typo or a model's invention: it is
/// not published, it is listed in `unverified_fields` and `validation_issues`.
enum ListingPlausibility {
    static let maximumRooms = 50
    /// Living area in m²: a 8 m² room up to a large hotel or warehouse.
    static let livingArea = 8.0...100_000
    /// A plot: from a townhouse's 20 m² to a 60,000-rai estate.
    static let landArea = 20.0...100_000_000

    /// Baht per period (or for a sale). "A rent of 12 M THB a month is a sale or a typo."
    static func bahtRange(listing: ListingType?, period: PricePeriod?) -> ClosedRange<Double> {
        switch (listing, period) {
        case (.sale, _): 100_000...10_000_000_000
        case (_, .month?): 1_000...3_000_000
        case (_, .year?): 12_000...36_000_000
        case (_, .week?): 300...1_000_000
        case (_, .day?), (_, .night?): 150...500_000
        // No period and not a sale: anything from a monthly rent to a sale price.
        case (_, nil): 1_000...10_000_000_000
        }
    }

    /// Baht per m² of living area: a monthly rent of 26 THB/m² for a 190 m² penthouse is a
    /// common fee, a "sale" at 225 THB/m² is a rent.
    static let monthlyRentPerSquareMeter = 30.0...6_000
    static let salePricePerSquareMeter = 4_000.0...2_000_000
    /// Square metres a bedroom needs at the least (a 40 m² flat does not have five).
    static let squareMetersPerBedroom = 9.0

    struct Problem {
        let field: String
        let value: String
        let issue: String
    }

    /// Removes implausible values from `details` and says why.
    static func check(_ details: inout PropertyDetails) -> [Problem] {
        var problems: [Problem] = []
        for (field, count) in [("bedrooms", details.bedrooms), ("bathrooms", details.bathrooms)] {
            guard let count, count < 0 || count > maximumRooms else { continue }
            problems.append(Problem(field: field, value: String(count),
                                    issue: "\(count) \(field) is not a plausible count (at most \(maximumRooms))"))
            if field == "bedrooms" { details.bedrooms = nil } else { details.bathrooms = nil }
        }
        if let bedrooms = details.bedrooms, bedrooms > 1, let area = details.squareMeters, livingArea.contains(area),
           Double(bedrooms) * squareMetersPerBedroom > area {
            problems.append(Problem(field: "bedrooms", value: String(bedrooms),
                                    issue: "\(bedrooms) bedrooms do not fit in \(FieldValue.number(area).text) m²"))
            details.bedrooms = nil
        }
        if let area = details.squareMeters, !livingArea.contains(area) {
            problems.append(Problem(field: "square_meters", value: FieldValue.number(area).text,
                                    issue: "a living area of \(FieldValue.number(area).text) m² is not plausible"))
            details.squareMeters = nil
        }
        if let land = details.landSquareMeters, !landArea.contains(land) {
            problems.append(Problem(field: "land_square_meters", value: FieldValue.number(land).text,
                                    issue: "a plot of \(FieldValue.number(land).text) m² is not plausible"))
            details.landSquareMeters = nil
        }
        if details.listingType == .sale, let period = details.pricePeriod {
            problems.append(Problem(field: "price_period", value: period.rawValue,
                                    issue: "a sale has no rent period (per \(period.rawValue))"))
            details.pricePeriod = nil
        }
        if let price = details.price {
            let currency = details.priceCurrency ?? "THB"
            let range = bahtRange(listing: details.listingType, period: details.pricePeriod)
            if let rate = ListingCurrency.roughBahtPerUnit[currency], !range.contains(price * rate) {
                let stated = "\(FieldValue.number(price).text) \(currency)"
                    + (details.pricePeriod.map { " per \($0.rawValue)" } ?? "")
                let kind = details.listingType == .sale ? "sale price"
                    : details.pricePeriod.map { "rent per \($0.rawValue)" } ?? "price"
                problems.append(Problem(field: "price", value: stated, issue: "\(stated) is not a plausible \(kind)"))
                details.price = nil
                details.pricePeriod = nil
            } else if let rate = ListingCurrency.roughBahtPerUnit[currency], let area = details.squareMeters, area >= 20,
                      let perSquareMeter = perSquareMeter(price * rate, area: area, listing: details.listingType, period: details.pricePeriod) {
                let stated = "\(FieldValue.number(price).text) \(currency)" + (details.pricePeriod.map { " per \($0.rawValue)" } ?? "")
                problems.append(Problem(field: "price", value: stated,
                                        issue: "\(stated) for \(FieldValue.number(area).text) m² (\(Int(perSquareMeter)) THB/m²) is not a plausible \(details.listingType == .sale ? "sale price" : "rent")"))
                details.price = nil
                details.pricePeriod = nil
            }
        }
        return problems
    }

    /// Baht per m² when it is outside what a real listing of this kind asks; nil when plausible
    /// or when there is nothing to judge it by (a nightly rent, a price with no offer).
    static func perSquareMeter(_ baht: Double, area: Double, listing: ListingType?, period: PricePeriod?) -> Double? {
        switch (listing, period) {
        case (.sale, _):
            let value = baht / area
            return salePricePerSquareMeter.contains(value) ? nil : value
        case (.rent?, .month?), (.rent?, nil):
            let value = baht / area
            return monthlyRentPerSquareMeter.contains(value) ? nil : value
        case (.rent?, .year?):
            let value = baht / 12 / area
            return monthlyRentPerSquareMeter.contains(value) ? nil : value
        default:
            return nil
        }
    }
}
