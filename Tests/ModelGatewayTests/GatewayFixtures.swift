import GatewayTesting
import ModelGateway
import PropertyCore

extension Fixtures {
    /// A structured request with a known schema (the listing's facts), as any caller would build it.
    static func extractRequest(_ text: String = "Villa in Rawai, 3 bedrooms, 80,000 THB/month") -> StructuredRequest<PropertyDetails> {
        StructuredRequest(stage: "extract", schemaName: "PropertyDetails", promptVersion: "test-1",
                          system: "Extract the listing.", userText: text, models: [primary, fallback])
    }
}
