/// The offline "enhanced description": plain, factual sentences built only from merged facts.
/// A model writes the marketing copy when a provider is configured; this is what a listing
/// shows without one (and for a language whose model text strayed from the facts), and it never
/// states anything the agent did not write.
public enum OfflineDescriber {
    public static func describe(_ details: PropertyDetails, in language: ListingLanguage = .en) -> String {
        ListingWording(language).description(ListingFacts(details))
    }
}

public enum PriceFormat {
    /// 80000 → "80,000"; 2.5 → "2.5".
    public static func number(_ value: Double) -> String {
        NumberStyle.format(value, in: .en)
    }
}
