import Foundation
import ContentHash

/// Turns a `StructuredRequest` into the body for one model, the same way every time.
struct ChatBodyBuilder: Sendable {
    var config: GatewayConfig

    func body<Output>(for request: StructuredRequest<Output>, model: String, schema: JSONValue,
                      format: GatewayConfig.StructuredOutput, chain: [String]) -> ChatCompletionBody {
        var system = request.system
        let responseFormat: ResponseFormat
        switch format {
        case .jsonSchema:
            responseFormat = ResponseFormat(type: "json_schema", jsonSchema: .init(name: request.schemaName, strict: true, schema: schema))
        case .jsonObject:
            // Servers without schema support still need to know the shape.
            system += "\n\nReply with one JSON object, and nothing else, that matches this JSON Schema:\n"
                + String(decoding: schema.canonicalData(), as: UTF8.self)
            responseFormat = ResponseFormat(type: "json_object", jsonSchema: nil)
        }
        let user: ChatWireMessage.Content
        if request.images.isEmpty {
            user = .text(request.userText)
        } else {
            // Text part first, then the photos: providers read the instructions before the images.
            user = .parts([ContentPart(type: "text", text: request.userText)] + request.images.map {
                ContentPart(type: "image_url", imageURL: .init(url: $0.dataURL, detail: $0.detail.rawValue))
            })
        }
        var body = ChatCompletionBody(
            model: model,
            messages: [ChatWireMessage(role: "system", content: .text(system)), ChatWireMessage(role: "user", content: user)],
            responseFormat: responseFormat, temperature: request.temperature,
            maxCompletionTokens: request.maxCompletionTokens)
        if config.openRouterFeatures {
            body.provider = ProviderPreferences(requireParameters: format == .jsonSchema ? true : nil, dataCollection: "deny")
            body.plugins = [Plugin(id: "response-healing"), Plugin(id: "context-compression", enabled: false)]
            if config.serverSideFallback, let index = chain.firstIndex(of: model), chain.count - index > 1 {
                body.models = Array(chain[index...])
            }
        }
        return body
    }

    /// The request's digest for the usage log's `request_key`: the rows of one request (its
    /// retries) share it, and identical requests on different days can be told apart from new ones.
    static func requestDigest(model: String, promptVersion: String, bodyBytes: Data) -> String {
        var material = Data("\(model)\n\(promptVersion)\n".utf8)
        material.append(bodyBytes)
        return ContentHash.sha256(of: material)
    }

    /// Worst-case input tokens: text bytes ÷ 3 (Thai and Cyrillic are dense), plus images.
    static func estimatedPromptTokens(_ body: ChatCompletionBody, images: [ChatImage]) -> Int {
        let imageBytes = images.reduce(0) { $0 + $1.dataURL.utf8.count }
        let textBytes = max(0, body.encoded().count - imageBytes)
        let imageTokens = images.reduce(0) { $0 + ImageTokens.estimate(model: body.model, width: $1.width, height: $1.height, detail: $1.detail) }
        return textBytes / 3 + imageTokens + 16
    }
}
