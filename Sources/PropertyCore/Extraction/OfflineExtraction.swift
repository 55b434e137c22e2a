/// What the rule-based extractor found in a piece of free text.
///
/// This is the offline provider's answer and also the ground truth used to cross-check
/// numbers that a model returns: every number here was actually written by the agent.
public struct OfflineExtraction: Codable, Sendable, Equatable {
    /// villa, condo, apartment, house, townhouse, land, commercial — nil when nothing says.
    public var propertyType: String?
    public var listingType: ListingType?
    public var bedrooms: Int?
    public var bathrooms: Int?
    /// Russian-style room count («двухкомнатная» = 2 rooms incl. living room); not bedrooms.
    public var rooms: Int?
    /// Living/usable area in m².
    public var areaSquareMeters: Double?
    /// Land plot in m² (rai/ngan/square wah converted: 1 rai = 1600 m², 1 ngan = 400, 1 wah = 4).
    public var landSquareMeters: Double?
    /// The price exactly as stated (amount in `currency`, per `pricePeriod`; nil period = sale).
    public var price: Double?
    /// ISO 4217 code when the text names a currency; nil when none is named.
    public var currency: String?
    public var pricePeriod: PricePeriod?
    /// A conversion the agent added for readers ("USD 350,000 (≈ 12,250,000 THB)"): the same
    /// price in another currency, never the asking price.
    public var approximatePrice: Double?
    public var approximateCurrency: String?
    public var location: String?
    /// snake_case amenities: private_pool, pool, sea_view, near_beach, …
    public var amenities: [String]
    /// ISO 639-1 codes among en, th, ru, in order of first appearance.
    public var languages: [String]
    /// 0…1 from how much was found.
    public var confidence: Double
    /// Every number written in the text (digits, with k/M/млн/ล้าน multipliers applied, and
    /// number words), for checking a model's numbers against what the agent wrote. Phones and
    /// dates are left out; areas converted from rai/ngan/wah or sq ft, and 0 for a studio, are in.
    public var numbersMentioned: [Double]

    public init(
        propertyType: String? = nil, listingType: ListingType? = nil, bedrooms: Int? = nil,
        bathrooms: Int? = nil, rooms: Int? = nil, areaSquareMeters: Double? = nil,
        landSquareMeters: Double? = nil, price: Double? = nil, currency: String? = nil,
        pricePeriod: PricePeriod? = nil, approximatePrice: Double? = nil, approximateCurrency: String? = nil,
        location: String? = nil, amenities: [String] = [],
        languages: [String] = [], confidence: Double = 0, numbersMentioned: [Double] = []
    ) {
        self.propertyType = propertyType
        self.listingType = listingType
        self.bedrooms = bedrooms
        self.bathrooms = bathrooms
        self.rooms = rooms
        self.areaSquareMeters = areaSquareMeters
        self.landSquareMeters = landSquareMeters
        self.price = price
        self.currency = currency
        self.pricePeriod = pricePeriod
        self.approximatePrice = approximatePrice
        self.approximateCurrency = approximateCurrency
        self.location = location
        self.amenities = amenities
        self.languages = languages
        self.confidence = confidence
        self.numbersMentioned = numbersMentioned
    }
}

public enum ListingType: String, Codable, Sendable, CaseIterable {
    case rent
    case sale
}

public enum PricePeriod: String, Codable, Sendable, CaseIterable {
    case month, year, week, day, night
}
