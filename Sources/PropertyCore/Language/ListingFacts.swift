/// The facts a listing page states, whether they come from the merge (describe stage) or from
/// `result.json` (publish): one shape, so the title, key facts and description agree.
public struct ListingFacts: Sendable, Equatable {
    public var propertyType: String
    public var listingType: ListingType?
    public var bedrooms: Int?
    public var bathrooms: Int?
    public var squareMeters: Double?
    public var landSquareMeters: Double?
    public var price: Double?
    public var priceCurrency: String
    public var pricePeriod: PricePeriod?
    public var location: String?
    public var amenities: [String]

    public init(propertyType: String = "unknown", listingType: ListingType? = nil, bedrooms: Int? = nil, bathrooms: Int? = nil,
                squareMeters: Double? = nil, landSquareMeters: Double? = nil, price: Double? = nil,
                priceCurrency: String = "THB", pricePeriod: PricePeriod? = nil, location: String? = nil, amenities: [String] = []) {
        self.propertyType = propertyType
        self.listingType = listingType
        self.bedrooms = bedrooms
        self.bathrooms = bathrooms
        self.squareMeters = squareMeters
        self.landSquareMeters = landSquareMeters
        self.price = price
        self.priceCurrency = priceCurrency
        self.pricePeriod = pricePeriod
        self.location = location
        self.amenities = amenities
    }

    public init(_ details: PropertyDetails) {
        self.init(propertyType: details.propertyType, listingType: details.listingType, bedrooms: details.bedrooms,
                  bathrooms: details.bathrooms, squareMeters: details.squareMeters, landSquareMeters: details.landSquareMeters,
                  price: details.price, priceCurrency: details.priceCurrency ?? "THB",
                  pricePeriod: details.listingType == .sale ? nil : details.pricePeriod,
                  location: details.location, amenities: details.amenities)
    }

    public init(_ result: ListingResult) {
        self.init(propertyType: result.propertyType, listingType: result.listingType, bedrooms: result.bedrooms,
                  bathrooms: result.bathrooms, squareMeters: result.squareMeters, landSquareMeters: result.landSquareMeters,
                  price: result.price, priceCurrency: result.priceCurrency, pricePeriod: result.pricePeriod,
                  location: result.location, amenities: result.amenities)
    }

    /// Rooms mean nothing for a plot of land.
    var hasRooms: Bool { propertyType != "land" }
}
