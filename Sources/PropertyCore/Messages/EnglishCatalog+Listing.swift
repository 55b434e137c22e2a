/// The listing's own words in English (property types, amenities, rooms, labels, prices), which
/// buyers read; `ListingWording` builds the sentences.
extension EnglishCatalog {
    public func propertyType(_ key: String) -> String {
        switch key {
        case "penthouse": "penthouse"
        case "studio": "studio"
        case "duplex": "duplex"
        case "shophouse": "shophouse"
        case "bungalow": "bungalow"
        case "office": "office"
        case "warehouse": "warehouse"
        case "villa": "villa"
        case "condo": "condo"
        case "house": "house"
        case "apartment": "apartment"
        case "townhouse": "townhouse"
        case "land": "land"
        case "commercial": "commercial property"
        default: "property"
        }
    }

    public var studio: String { "studio" }

    public func offer(_ type: ListingType) -> String {
        switch type {
        case .rent: "For rent"
        case .sale: "For sale"
        }
    }

    public func noun(_ thing: CountedThing) -> CountedNoun {
        switch thing {
        case .bedrooms: CountedNoun(singular: "bedroom", plural: "bedrooms")
        case .bathrooms: CountedNoun(singular: "bathroom", plural: "bathrooms")
        }
    }

    public var squareMetres: String { "m²" }

    public func period(_ period: PricePeriod) -> String {
        switch period {
        case .month: "per month"
        case .year: "per year"
        case .week: "per week"
        case .day: "per day"
        case .night: "per night"
        }
    }

    public func currency(_ code: String, amount: Double) -> String { code.uppercased() }

    public func price(amount: String, currency: String, period: String?) -> String {
        "\(amount) \(currency)" + (period.map { " \($0)" } ?? "")
    }

    public func amenity(_ key: String) -> String? {
        switch key {
        case "air_conditioning": "air conditioning"
        case "balcony": "balcony"
        case "beachfront": "beachfront"
        case "elevator": "elevator"
        case "fully_furnished": "fully furnished"
        case "furnished": "furnished"
        case "unfurnished": "unfurnished"
        case "garden": "garden"
        case "gym": "gym"
        case "jacuzzi": "jacuzzi"
        case "kitchen": "kitchen"
        case "mountain_view": "mountain view"
        case "near_beach": "near the beach"
        case "parking": "parking"
        case "pet_friendly": "pets allowed"
        case "pool": "swimming pool"
        case "private_pool": "private pool"
        case "sauna": "sauna"
        case "sea_view": "sea view"
        case "security": "security"
        case "terrace": "terrace"
        case "washing_machine": "washing machine"
        case "wifi": "Wi-Fi"
        default: nil
        }
    }

    public func room(_ key: String) -> String {
        switch key {
        case "bedroom": "bedroom"
        case "bathroom": "bathroom"
        case "kitchen": "kitchen"
        case "living_room": "living room"
        case "dining_room": "dining room"
        case "exterior": "exterior"
        case "pool": "pool"
        case "garden": "garden"
        case "parking": "parking"
        case "view": "view"
        default: "photo"
        }
    }

    public func label(_ label: ListingLabel) -> String {
        switch label {
        case .type: "Type"
        case .offer: "Offer"
        case .price: "Price"
        case .bedrooms: "Bedrooms"
        case .bathrooms: "Bathrooms"
        case .livingArea: "Living area"
        case .land: "Land"
        case .location: "Location"
        }
    }

    public func heading(_ heading: ListingHeading) -> String {
        switch heading {
        case .keyFacts: "Key facts"
        case .amenities: "Amenities"
        case .photos: "Photos"
        }
    }
}
