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
        let request = StructuredRequest<PropertyDetails>(
            stage: "extract", schemaName: "PropertyDetails", promptVersion: ExtractionPrompt.version,
            system: ExtractionPrompt.system, userText: ExtractionPrompt.userText(description: description, context: context),
            models: gateway.config.textModels, priority: .high)
        let result = try await gateway.structured(request)
        return Outcome(details: result.value, source: result.model, costUSD: result.costUSD, fromCache: result.fromCache)
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
