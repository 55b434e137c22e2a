public import ModelGateway
public import PropertyCore

/// The text-extraction prompt, with price fields for sale, monthly and nightly prices. The wording lives in
/// `Resources/prompts/extract.v3.txt`; a new wording is a new file and a new version.
public enum ExtractionPrompt {
    public static var version: String { PromptLibrary.extract.version }

    public static var system: String { PromptLibrary.extract.text }

    public static func userText(description: String, context: String?) -> String {
        "Description:\n\(description)\n\nContext:\n\(context?.isEmpty == false ? context! : "None")"
    }
}

extension PropertyDetails: JSONSchemaDescribing {
    public static var schemaDescriptions: [String: String] {
        [
            "property_type": "the agent's word, or unknown",
            "price": "the price exactly as the agent stated it, in price_currency",
            "price_period": "rent period; null for a sale",
            "price_per_month": "monthly rent; null for sales and nightly/daily prices",
            "confidence_score": "0.0 to 1.0",
        ]
    }

    /// The currency is an ISO 4217 code from the list Thai listings use: a model cannot answer "text".
    public static var schemaConstraints: [String: [String: JSONValue]] {
        ["price_currency": [
            "enum": .array(ListingCurrency.codes.map(JSONValue.string) + [.null]),
            "pattern": "^[A-Z]{3}$",
        ]]
    }
}
