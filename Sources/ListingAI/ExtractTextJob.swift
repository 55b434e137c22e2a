import Foundation
public import ModelGateway
public import PropertyCore

/// The single job `extract-text`: a description in, `PropertyDetails` out — from the model
/// through the gateway, or from the offline extractor. Knows nothing about argument parsing.
public struct ExtractTextJob: Sendable {
    public struct Outcome: Sendable {
        public var details: PropertyDetails
        /// "offline" or the model that answered.
        public var source: String
        public var costUSD: Double
        public var fromCache: Bool
    }

    /// What the cache keeps for one description: the facts and the calls that paid for them.
    struct Answer: Codable, Sendable {
        var details: PropertyDetails
        var calls: [StageCall]
    }

    private let gateway: Gateway?
    private let cache: (any AnswerCache)?

    /// - Parameters:
    ///   - gateway: nil runs offline.
    ///   - cache: where answers are kept between runs; nil asks the model every time.
    public init(gateway: Gateway?, cache: (any AnswerCache)? = nil) {
        self.gateway = gateway
        self.cache = cache
    }

    public func run(description: String, context: String? = nil) async throws -> Outcome {
        guard let gateway else { return Self.offline(description, context: context) }
        let ai = ListingAI(gateway: gateway)
        // The same calls the pipeline makes: summary of long text, cheap-model rule, extract.
        func extract() async throws -> Answer {
            let (details, calls) = try await ai.extract(description: description, context: context, transcripts: [])
            return Answer(details: details, calls: calls)
        }
        guard let cache else { return Self.outcome(try await extract(), fromCache: false) }
        let (answer, fromCache) = try await cache.answer(job: "extract-text", inputs: [ai.signature, description, context ?? ""],
                                                         gateway: gateway, calls: \.calls, compute: extract)
        return Self.outcome(answer, fromCache: fromCache)
    }

    private static func outcome(_ answer: Answer, fromCache: Bool) -> Outcome {
        Outcome(details: answer.details, source: answer.calls.last?.model ?? "unknown",
                costUSD: fromCache ? 0 : answer.calls.reduce(0) { $0 + $1.costUSD }, fromCache: fromCache)
    }

    public static func offline(_ description: String, context: String? = nil) -> Outcome {
        let text = [description, context].compactMap { $0 }.joined(separator: "\n")
        let details = PropertyDetails(offline: OfflineExtractor.extract(text), summary: TextSummary.firstSentences(of: description))
        return Outcome(details: details, source: "offline", costUSD: 0, fromCache: false)
    }

    /// Pretty, key-sorted JSON with the listing's snake_case names.
    public static func json(_ details: PropertyDetails) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(details), as: UTF8.self)
    }
}
