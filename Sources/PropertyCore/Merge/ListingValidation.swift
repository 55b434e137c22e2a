/// Validation and completeness of the extracted facts (the original service's
/// `validate_property_data` and `calculate_data_completeness`), adapted so
/// a sale is judged by its sale price rather than a monthly rent it cannot have.
public enum ListingValidation {
    public static func validate(_ details: PropertyDetails) -> (status: ValidationStatus, issues: [String]) {
        var issues: [String] = []
        var missing: [String] = []
        if details.propertyType.isEmpty || details.propertyType == "unknown" { missing.append("property_type") }
        if details.listingType == .sale {
            if details.price == nil { missing.append("sale_price") }
        } else if details.pricePerMonth == nil && details.price == nil {
            missing.append("price_per_month")
        }
        if (details.location ?? "").isEmpty { missing.append("location") }
        if !missing.isEmpty {
            issues.append("Missing required fields: \(missing.joined(separator: ", "))")
        }
        if let bedrooms = details.bedrooms, bedrooms < 0 || bedrooms > ListingPlausibility.maximumRooms {
            issues.append("Invalid bedroom count")
        }
        if let monthly = details.pricePerMonth, monthly < 1000, (details.priceCurrency ?? "THB") == "THB" {
            issues.append("Price seems unusually low")
        }
        if details.confidenceScore < 0.5 {
            issues.append("Low confidence in extraction")
        }
        let status: ValidationStatus = issues.isEmpty ? .valid : (missing.isEmpty ? .partial : .invalid)
        return (status, issues)
    }

    /// Share of the eight expected fields (type, bedrooms, bathrooms, area, price, location,
    /// amenities, condition) that carry a value.
    public static func completeness(_ details: PropertyDetails) -> Double {
        let populated = [
            details.propertyType != "unknown" && !details.propertyType.isEmpty,
            details.bedrooms != nil,
            details.bathrooms != nil,
            details.squareMeters != nil || details.landSquareMeters != nil,
            details.price != nil,
            !(details.location ?? "").isEmpty,
            !details.amenities.isEmpty,
            details.condition != "unknown" && !details.condition.isEmpty,
        ]
        return Double(populated.filter { $0 }.count) / Double(populated.count)
    }
}
