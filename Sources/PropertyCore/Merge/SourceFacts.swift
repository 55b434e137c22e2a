/// One source's view of the property, as the merge sees it: the agent's text (description and
/// context together) or one voice memo's transcript.
public struct SourceFacts: Sendable {
    /// "text", "voice" or "voice (memo2.m4a)" when there are several memos.
    public var source: String
    /// A model's answer for this source, or the offline reader's when no model answered.
    public var details: PropertyDetails
    /// True when a model produced `details`: each of its values must then be stated for that
    /// field in `reading`, the agent's own words.
    public var fromModel: Bool
    /// The offline reader on this source's own words.
    public var reading: OfflineExtraction?
    /// The source's words, for checking a place name the reader does not know.
    public var words: String

    public init(source: String, details: PropertyDetails, fromModel: Bool, reading: OfflineExtraction? = nil,
                words: String = "") {
        self.source = source
        self.details = details
        self.fromModel = fromModel
        self.reading = reading
        self.words = words
    }

    /// Reads `words` with the offline reader; `model` is the model's answer for the same words, if any.
    public static func read(_ words: String, source: String, model: PropertyDetails?) -> SourceFacts {
        let reading = OfflineExtractor.extract(words)
        let details = model ?? PropertyDetails(offline: reading, summary: TextSummary.firstSentences(of: words))
        return SourceFacts(source: source, details: details, fromModel: model != nil, reading: reading, words: words)
    }
}
