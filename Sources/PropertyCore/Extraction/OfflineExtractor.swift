/// Rule-based extraction of listing facts from English, Thai and Russian text.
public enum OfflineExtractor {
    public static func extract(_ text: String) -> OfflineExtraction {
        // Placeholder until the rule set lands; see Tests/PropertyCoreTests/Corpus.
        OfflineExtraction()
    }
}
