import Foundation

/// The offline "enhanced description": plain, factual sentences built only from merged facts.
/// A model writes the marketing copy when a provider is configured; this is what a listing
/// shows without one, and it never states anything the agent did not write.
public enum OfflineDescriber {
    public static func describe(_ details: PropertyDetails) -> String {
        var sentences: [String] = []
        let type = details.propertyType == "unknown" ? "property" : details.propertyType
        var opening = ""
        if let bedrooms = details.bedrooms, bedrooms > 0 {
            opening = "\(bedrooms)-bedroom \(type)"
        } else if details.bedrooms == 0 {
            opening = "studio \(type)"
        } else {
            opening = type
        }
        let purpose = switch details.listingType {
        case .rent: " for rent"
        case .sale: " for sale"
        case nil: ""
        }
        let place = details.location.map { " in \($0)" } ?? ""
        sentences.append("\(article(for: opening).capitalizedFirst) \(opening)\(purpose)\(place).")

        var facts: [String] = []
        if let bathrooms = details.bathrooms { facts.append("\(bathrooms) bathroom\(bathrooms == 1 ? "" : "s")") }
        if let area = details.squareMeters { facts.append("\(PriceFormat.number(area)) m² of living space") }
        if let land = details.landSquareMeters { facts.append("a \(PriceFormat.number(land)) m² plot") }
        if !facts.isEmpty { sentences.append("It offers \(facts.joined(separator: ", ")).") }
        if !details.amenities.isEmpty {
            let names = details.amenities.prefix(8).map { $0.replacingOccurrences(of: "_", with: " ") }
            sentences.append("Features: \(names.joined(separator: ", ")).")
        }
        if let price = details.price {
            let currency = details.priceCurrency ?? "THB"
            let period = details.pricePeriod.map { " per \($0.rawValue)" } ?? ""
            let label = details.listingType == .sale ? "Asking price" : "Price"
            sentences.append("\(label): \(PriceFormat.number(price)) \(currency)\(period).")
        }
        return sentences.joined(separator: " ")
    }

    private static func article(for phrase: String) -> String {
        guard let first = phrase.lowercased().first else { return "a" }
        // "8-bedroom", "11-bedroom", "18-bedroom" are read "an eight/eleven/eighteen".
        if phrase.hasPrefix("8") || phrase.hasPrefix("11-") || phrase.hasPrefix("18-") { return "an" }
        return "aeiou".contains(first) ? "an" : "a"
    }
}

public enum PriceFormat {
    /// 80000 → "80,000"; 2.5 → "2.5".
    public static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 {
            let digits = String(Int64(value))
            var out = ""
            for (index, character) in digits.reversed().enumerated() {
                if index > 0, index % 3 == 0, character != "-" { out.append(",") }
                out.append(character)
            }
            return String(out.reversed())
        }
        return String(format: "%.2f", value)
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
