import Foundation

// The JSON the gateway sends to `POST {base}/chat/completions` (OpenRouter's `ChatRequest`,
// a superset of OpenAI's). Encoded with sorted keys so identical requests hash identically.

struct ChatCompletionBody: Encodable, Sendable {
    var model: String
    var models: [String]?
    var messages: [ChatWireMessage]
    var responseFormat: ResponseFormat?
    var temperature: Double?
    var maxCompletionTokens: Int?
    var provider: ProviderPreferences?
    var plugins: [Plugin]?
    /// Server-sent events; set per attempt, never part of the request digest.
    var stream: Bool?
    var streamOptions: StreamOptions?

    enum CodingKeys: String, CodingKey {
        case model, models, messages, temperature, provider, plugins, stream
        case streamOptions = "stream_options"
        case responseFormat = "response_format"
        case maxCompletionTokens = "max_completion_tokens"
    }

    func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Every field is a plain value: encoding cannot fail.
        return try! encoder.encode(self)
    }
}

struct ChatWireMessage: Encodable, Sendable {
    var role: String
    var content: Content

    enum Content: Encodable, Sendable {
        case text(String)
        case parts([ContentPart])

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let text): try container.encode(text)
            case .parts(let parts): try container.encode(parts)
            }
        }
    }
}

struct ContentPart: Encodable, Sendable {
    struct ImageURL: Encodable, Sendable {
        var url: String
        var detail: String
    }

    var type: String
    var text: String?
    var imageURL: ImageURL?

    enum CodingKeys: String, CodingKey {
        case type, text
        case imageURL = "image_url"
    }
}

struct ResponseFormat: Encodable, Sendable {
    struct Schema: Encodable, Sendable {
        var name: String
        var strict: Bool
        var schema: JSONValue
    }

    var type: String
    var jsonSchema: Schema?

    enum CodingKeys: String, CodingKey {
        case type
        case jsonSchema = "json_schema"
    }
}

struct ProviderPreferences: Encodable, Sendable {
    var requireParameters: Bool?
    var dataCollection: String?
    var allowFallbacks: Bool?

    enum CodingKeys: String, CodingKey {
        case requireParameters = "require_parameters"
        case dataCollection = "data_collection"
        case allowFallbacks = "allow_fallbacks"
    }
}

struct Plugin: Encodable, Sendable {
    var id: String
    var enabled: Bool?
}

/// `include_usage` makes OpenAI-compatible servers (OpenAI, vLLM, Ollama) send the final usage
/// chunk; OpenRouter always sends it and documents the field as a deprecated no-op, still valid.
struct StreamOptions: Encodable, Sendable {
    var includeUsage: Bool

    enum CodingKeys: String, CodingKey { case includeUsage = "include_usage" }
}
