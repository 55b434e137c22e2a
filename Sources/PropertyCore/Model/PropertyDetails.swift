/// The text-extraction schema, with the stated price and period a listing needs.
///
/// JSON names are snake_case (result.json and the model's schema share them); this type is what a model is asked to return
/// and what the offline extractor produces, so both paths merge the same way.
public struct PropertyDetails: Codable, Sendable, Equatable {
    /// villa / condo / apartment / house / townhouse / land / commercial, or "unknown".
    public var propertyType: String
    public var bedrooms: Int?
    public var bathrooms: Int?
    public var squareMeters: Double?
    /// Monthly rent in `priceCurrency` (a yearly rent ÷ 12); nil for sales and nightly prices.
    public var pricePerMonth: Double?
    public var location: String?
    public var amenities: [String]
    /// excellent / good / fair / needs_renovation, or "unknown".
    public var condition: String
    public var descriptionSummary: String
    public var languagesDetected: [String]
    public var confidenceScore: Double

    // The price as the agent stated it (a sale price, or a rent per night, week, month or year).
    public var listingType: ListingType?
    public var price: Double?
    public var priceCurrency: String?
    public var pricePeriod: PricePeriod?
    public var landSquareMeters: Double?

    /// A model's quote for each value it gives (the offline reader gives none): the merge
    /// publishes a model value only where its quote is in the agent's words and says it.
    public var evidence: [FieldEvidence]

    public init(
        propertyType: String = "unknown", bedrooms: Int? = nil, bathrooms: Int? = nil,
        squareMeters: Double? = nil, pricePerMonth: Double? = nil, location: String? = nil,
        amenities: [String] = [], condition: String = "unknown", descriptionSummary: String = "",
        languagesDetected: [String] = [], confidenceScore: Double = 0,
        listingType: ListingType? = nil, price: Double? = nil, priceCurrency: String? = nil,
        pricePeriod: PricePeriod? = nil, landSquareMeters: Double? = nil, evidence: [FieldEvidence] = []
    ) {
        self.propertyType = propertyType
        self.bedrooms = bedrooms
        self.bathrooms = bathrooms
        self.squareMeters = squareMeters
        self.pricePerMonth = pricePerMonth
        self.location = location
        self.amenities = amenities
        self.condition = condition
        self.descriptionSummary = descriptionSummary
        self.languagesDetected = languagesDetected
        self.confidenceScore = confidenceScore
        self.listingType = listingType
        self.price = price
        self.priceCurrency = priceCurrency
        self.pricePeriod = pricePeriod
        self.landSquareMeters = landSquareMeters
        self.evidence = evidence
    }

    enum CodingKeys: String, CodingKey {
        case propertyType = "property_type"
        case bedrooms, bathrooms
        case squareMeters = "square_meters"
        case pricePerMonth = "price_per_month"
        case location, amenities, condition
        case descriptionSummary = "description_summary"
        case languagesDetected = "languages_detected"
        case confidenceScore = "confidence_score"
        case listingType = "listing_type"
        case price
        case priceCurrency = "price_currency"
        case pricePeriod = "price_period"
        case landSquareMeters = "land_square_meters"
        case evidence
    }

    /// Every key is asked for in order (the model's strict schema is read off this); a stored
    /// answer from before `evidence` reads with none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        propertyType = try c.decode(String.self, forKey: .propertyType)
        bedrooms = try c.decodeIfPresent(Int.self, forKey: .bedrooms)
        bathrooms = try c.decodeIfPresent(Int.self, forKey: .bathrooms)
        squareMeters = try c.decodeIfPresent(Double.self, forKey: .squareMeters)
        pricePerMonth = try c.decodeIfPresent(Double.self, forKey: .pricePerMonth)
        location = try c.decodeIfPresent(String.self, forKey: .location)
        amenities = try c.decode([String].self, forKey: .amenities)
        condition = try c.decode(String.self, forKey: .condition)
        descriptionSummary = try c.decode(String.self, forKey: .descriptionSummary)
        languagesDetected = try c.decode([String].self, forKey: .languagesDetected)
        confidenceScore = try c.decode(Double.self, forKey: .confidenceScore)
        listingType = try c.decodeIfPresent(ListingType.self, forKey: .listingType)
        price = try c.decodeIfPresent(Double.self, forKey: .price)
        priceCurrency = try c.decodeIfPresent(String.self, forKey: .priceCurrency)
        pricePeriod = try c.decodeIfPresent(PricePeriod.self, forKey: .pricePeriod)
        landSquareMeters = try c.decodeIfPresent(Double.self, forKey: .landSquareMeters)
        evidence = c.contains(.evidence) ? try c.decode([FieldEvidence].self, forKey: .evidence) : []
    }
}

extension PropertyDetails {
    /// Monthly rent implied by a stated price and period: a yearly rent ÷ 12, a weekly
    /// one × 52 ÷ 12; nil for sales and for nightly/daily prices, which have no fair monthly figure.
    public static func monthlyRent(price: Double?, period: PricePeriod?) -> Double? {
        guard let price, let period else { return nil }
        switch period {
        case .month: return price
        case .year: return (price / 12).rounded()
        case .week: return (price * 52 / 12).rounded()
        case .day, .night: return nil
        }
    }
}
