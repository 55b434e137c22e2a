public import PropertyCore

/// The text-extraction prompt (seed §3.2, with DESIGN §6's price fields). Change `version`
/// whenever the wording changes so cached answers from the old wording are not reused.
public enum ExtractionPrompt {
    public static let version = "extract-text-v1"

    public static let system = """
        You are a property analysis expert. Extract structured information from a property \
        description written by a real-estate agent in Thailand. The text may mix English, Thai \
        and Russian.

        Rules:
        - property_type: villa, condo, apartment, house, townhouse, land, commercial, or unknown.
        - bedrooms / bathrooms: only when stated. A Russian room count («двухкомнатная») counts \
          the living room: it is not a bedroom count. Use null when not stated.
        - square_meters: living area; land_square_meters: plot (1 rai = 1600 m², 1 ngan = 400, 1 wah = 4).
        - listing_type: rent or sale. price: the amount exactly as stated; price_period: month, \
          year, week, day or night for rentals, null for a sale. price_currency: ISO 4217 \
          (THB when none is named). price_per_month: monthly rent (yearly ÷ 12), null for sales \
          and nightly or daily prices.
        - Never invent a number the text does not contain.
        - amenities: snake_case (private_pool, sea_view, near_beach, fully_furnished, parking…).
        - condition: excellent, good, fair, needs_renovation, or unknown.
        - description_summary: 2–3 plain sentences in English.
        - languages_detected: ISO 639-1 codes (en, th, ru).
        - confidence_score: 0.0–1.0 from how complete the information is; be conservative.
        Reply with the JSON object only.
        """

    public static func userText(description: String, context: String?) -> String {
        "Description:\n\(description)\n\nContext:\n\(context?.isEmpty == false ? context! : "None")"
    }
}

extension PropertyDetails: JSONSchemaDescribing {
    public static var schemaDescriptions: [String: String] {
        [
            "property_type": "villa, condo, apartment, house, townhouse, land, commercial, or unknown",
            "price": "the price exactly as the agent stated it, in price_currency",
            "price_period": "rent period; null for a sale",
            "price_per_month": "monthly rent; null for sales and nightly/daily prices",
            "confidence_score": "0.0 to 1.0",
        ]
    }
}
