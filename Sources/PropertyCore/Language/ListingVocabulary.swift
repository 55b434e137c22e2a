import Foundation

/// The words a listing is built of, in a language. The data keeps its snake_case keys
/// (`private_pool`, `living_room`); the words are each language's catalog (`MessageCatalog`).
public enum ListingVocabulary {
    public static func propertyType(_ key: String, in language: ListingLanguage) -> String {
        language.messages.propertyType(key)
    }

    public static func offer(_ type: ListingType, in language: ListingLanguage) -> String {
        language.messages.offer(type)
    }

    public static let bedrooms = CountedThing.bedrooms
    public static let bathrooms = CountedThing.bathrooms

    /// "3 bedrooms", "3 ห้องนอน", "3 спальни".
    public static func count(_ value: Int, _ thing: CountedThing, in language: ListingLanguage) -> String {
        "\(NumberStyle.format(value, in: language)) \(language.messages.noun(thing).form(for: value, in: language))"
    }

    public static func area(_ value: Double, in language: ListingLanguage) -> String {
        "\(NumberStyle.format(value, in: language)) \(language.messages.squareMetres)"
    }

    /// "80,000 THB per month", "45,000 บาทต่อเดือน", "80 000 бат в месяц".
    public static func price(_ value: Double, currency: String, period: PricePeriod?, in language: ListingLanguage) -> String {
        let say = language.messages
        return say.price(amount: NumberStyle.format(value, in: language), currency: say.currency(currency, amount: value),
                         period: period.map(say.period))
    }

    /// Every amenity key the tables know (the offline rules find exactly these).
    public static let amenityKeys = [
        "air_conditioning", "balcony", "beachfront", "elevator", "fully_furnished", "furnished", "unfurnished", "garden",
        "gym", "jacuzzi", "kitchen", "mountain_view", "near_beach", "parking", "pet_friendly", "pool", "private_pool",
        "sauna", "sea_view", "security", "terrace", "washing_machine", "wifi",
    ]

    /// An amenity as a buyer reads it; an unknown key shows as its words.
    public static func amenity(_ key: String, in language: ListingLanguage) -> String {
        language.messages.amenity(key) ?? key.replacingOccurrences(of: "_", with: " ")
    }

    /// The vision stage's room types (photo captions).
    public static func room(_ key: String, in language: ListingLanguage) -> String {
        language.messages.room(key)
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
