import Foundation
import ModelGateway
public import PropertyCore

/// `{"summary": …}`: the cheap model's digest of an over-long description.
struct SummaryAnswer: Codable, Sendable {
    var summary: String
}

/// `{"description": …}`: the listing's enhanced description.
struct DescriptionAnswer: Codable, Sendable {
    var description: String
}

extension ListingAI {
    /// Summarises descriptions over 10,000 characters first (cheap model), sends short or numeric
    /// descriptions to the cheap model (configurable), and passes transcripts with
    /// "Source: voice message in <language>" context so the model knows how they were spoken.
    ///
    /// One call reads the description and every transcript together (the written text wins a
    /// disagreement). To see a text-versus-voice conflict, call once with the description and no
    /// transcripts and once with `description: ""` and the transcripts: a voice-only call sends
    /// the transcript as the description, as the voice stage does.
    public func extract(description: String, context: String?, transcripts: [MemoTranscript]) async throws -> (details: PropertyDetails, calls: [StageCall]) {
        var calls: [StageCall] = []
        var text = description.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.unicodeScalars.count > options.summarizeAboveCharacters {
            let (summary, call) = try await summarize(text)
            calls.append(call)
            text = summary
        }
        let (body, fullContext) = Self.extractionInput(description: text, context: context, transcripts: transcripts)
        let models = extractionModels(for: body)
        let request = StructuredRequest<PropertyDetails>(
            stage: "extract", schemaName: "PropertyDetails", promptVersion: PromptLibrary.extract.version,
            system: PromptLibrary.extract.text,
            userText: ExtractionPrompt.userText(description: body, context: fullContext),
            models: models, maxCompletionTokens: 2000, temperature: 0.1, priority: .high)
        let result = try await gateway.structured(request)
        calls.append(StageCall(result, stage: "extract"))
        return (result.value, calls)
    }

    /// The description block and the context block of the extraction prompt.
    static func extractionInput(description: String, context: String?, transcripts: [MemoTranscript]) -> (body: String, context: String?) {
        var contextLines: [String] = []
        if let context = context?.trimmingCharacters(in: .whitespacesAndNewlines), !context.isEmpty {
            contextLines.append(context)
        }
        var parts: [String] = description.isEmpty ? [] : [description]
        let spoken = transcripts.filter { !$0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        for (index, transcript) in spoken.enumerated() {
            let source = "Source: voice message in \(transcript.language ?? "an unknown language")"
            if description.isEmpty && spoken.count == 1 {
                // A lone memo with no written text: the transcript is the description.
                parts.append(transcript.text)
                contextLines.append(source)
            } else {
                parts.append("Voice message \(index + 1) transcript:\n\(transcript.text)")
                contextLines.append("Voice message \(index + 1): \(source)")
            }
        }
        return (parts.joined(separator: "\n\n"), contextLines.isEmpty ? nil : contextLines.joined(separator: "\n"))
    }

    /// The model chain for an extraction: the cheap model first when `shouldUseCheapModel` says so,
    /// the rest of the text chain behind it as fallbacks.
    func extractionModels(for text: String) -> [String] {
        let chain = gateway.config.textModels
        guard options.cheapModelRule, let cheap = cheapModel, Self.shouldUseCheapModel(text, options: options) else { return chain }
        return [cheap] + chain.filter { $0 != cheap }
    }

    var cheapModel: String? { options.cheapTextModel ?? gateway.config.textModels.last }

    /// Fewer than 100 words, or more than 30 % digits: little for the expensive model to read.
    /// Thai is written without spaces between words, so a Thai run counts as one word per six
    /// characters rather than one word per run (splitting on spaces would call any Thai text short).
    public static func shouldUseCheapModel(_ text: String, options: Options = Options()) -> Bool {
        let scalars = text.unicodeScalars
        guard !scalars.isEmpty else { return true }
        if wordCount(text) < options.cheapModelMaxWords { return true }
        let digits = scalars.filter { ("0"..."9").contains($0) }.count
        return Double(digits) / Double(scalars.count) > options.cheapModelDigitShare
    }

    static func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: \.isWhitespace).reduce(0) { total, token in
            let thai = token.unicodeScalars.filter { (0x0E00...0x0E7F).contains($0.value) }.count
            let other = token.unicodeScalars.count - thai
            return total + (thai + 5) / 6 + (other > 0 ? 1 : 0)
        }
    }

    /// The cheap model digests the long text (max 1000 tokens, temperature 0.3), the main model
    /// behind it as a fallback.
    func summarize(_ text: String) async throws -> (String, StageCall) {
        let chain = gateway.config.textModels
        let models = cheapModel.map { cheap in [cheap] + chain.filter { $0 != cheap } } ?? chain
        let request = StructuredRequest<SummaryAnswer>(
            stage: "summarize", schemaName: "DescriptionSummary", promptVersion: PromptLibrary.summarize.version,
            system: PromptLibrary.summarize.text, userText: text, models: models,
            maxCompletionTokens: 1000, temperature: 0.3, priority: .high)
        let result = try await gateway.structured(request)
        return (result.value.summary, StageCall(result, stage: "summarize"))
    }

    /// The enhanced description (150–200 words) from the merged facts only, in `language`
    /// (en, th, ru).
    public func describe(details: PropertyDetails, insights: AggregatedPropertyInsights?, language: String) async throws -> (text: String, call: StageCall) {
        let code = language.lowercased()
        let name = ListingLanguage(code: code)?.englishName ?? language
        // Thai and Cyrillic take several tokens a word: room for 200 words in each.
        let maxTokens = code == "en" ? 600 : 1500
        let request = StructuredRequest<DescriptionAnswer>(
            stage: "describe", schemaName: "ListingDescription", promptVersion: PromptLibrary.describe.version,
            system: PromptLibrary.describe.filled(["language": name]),
            userText: "Facts:\n" + Self.facts(details: details, insights: insights),
            models: gateway.config.textModels, maxCompletionTokens: maxTokens, temperature: 0.7)
        let result = try await gateway.structured(request)
        let text = result.value.description.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw GatewayError(.invalidOutput, "the model returned an empty description") }
        return (text, StageCall(result, stage: "describe"))
    }

    /// The merged facts as short lines, nothing unknown mentioned: what the description may use.
    static func facts(details d: PropertyDetails, insights: AggregatedPropertyInsights?) -> String {
        var lines: [String] = []
        func add(_ label: String, _ value: String?) {
            if let value, !value.isEmpty, value != "unknown" { lines.append("- \(label): \(value)") }
        }
        func number(_ value: Double?) -> String? {
            guard let value else { return nil }
            return value.rounded() == value ? String(Int(value)) : String(value)
        }
        add("property type", d.propertyType)
        add("listing", d.listingType?.rawValue)
        add("bedrooms", d.bedrooms.map(String.init))
        add("bathrooms", d.bathrooms.map(String.init))
        add("living area", number(d.squareMeters).map { "\($0) m²" })
        add("land", number(d.landSquareMeters).map { "\($0) m²" })
        if let price = number(d.price) {
            add("price", [price, d.priceCurrency ?? "THB", d.pricePeriod.map { "per \($0.rawValue)" }].compactMap { $0 }.joined(separator: " "))
        }
        add("location", d.location)
        add("amenities", d.amenities.isEmpty ? nil : d.amenities.map { $0.replacingOccurrences(of: "_", with: " ") }.joined(separator: ", "))
        add("condition", d.condition)
        add("agent's summary", d.descriptionSummary)
        if let insights, insights.imageAnalysisCount > 0 {
            let rooms = insights.roomBreakdown.sorted { $0.key < $1.key }.map { "\($0.key.replacingOccurrences(of: "_", with: " ")) \($0.value)" }
            add("photos show", rooms.joined(separator: ", "))
            add("seen in photos", (insights.keyAmenities + insights.standoutFeatures).map { $0.replacingOccurrences(of: "_", with: " ") }
                .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.joined(separator: ", "))
            add("condition in photos", insights.overallCondition)
        }
        return lines.joined(separator: "\n")
    }
}
