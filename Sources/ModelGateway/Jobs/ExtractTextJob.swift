import Foundation
public import PropertyCore

/// The seed's single job `extract-text`: a description in, `PropertyDetails` out — from the
/// model through the gateway, or from the offline extractor. Knows nothing about argument parsing.
public struct ExtractTextJob: Sendable {
    public struct Outcome: Sendable {
        public var details: PropertyDetails
        /// "offline" or the model that answered.
        public var source: String
        public var costUSD: Double
        public var fromCache: Bool
    }

    private let gateway: Gateway?

    /// - Parameter gateway: nil runs offline.
    public init(gateway: Gateway?) {
        self.gateway = gateway
    }

    public func run(description: String, context: String? = nil) async throws -> Outcome {
        guard let gateway else { return Self.offline(description, context: context) }
        // The same stage the pipeline runs: summary of long text, cheap-model rule, extract.v2.
        let (details, calls) = try await ListingAI(gateway: gateway).extract(description: description, context: context, transcripts: [])
        return Outcome(details: details, source: calls.last?.model ?? "unknown", costUSD: calls.reduce(0) { $0 + $1.costUSD },
                       fromCache: calls.allSatisfy(\.fromCache))
    }

    public static func offline(_ description: String, context: String? = nil) -> Outcome {
        let text = [description, context].compactMap { $0 }.joined(separator: "\n")
        let details = PropertyDetails(offline: OfflineExtractor.extract(text), summary: TextSummary.firstSentences(of: description))
        return Outcome(details: details, source: "offline", costUSD: 0, fromCache: false)
    }

    /// Pretty, key-sorted JSON with the seed's snake_case names.
    public static func json(_ details: PropertyDetails) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(details), as: UTF8.self)
    }

    /// What a command should print to standard error when the job fails, and whether the
    /// operator (not the input) must act.
    public static func explain(_ error: any Error) -> String {
        guard let error = error as? GatewayError else { return "extract-text failed: \(error)" }
        if let message = error.operatorMessage { return "\(error.code.rawValue): \(message)" }
        return "\(error.code.rawValue): \(error.message)"
    }
}
