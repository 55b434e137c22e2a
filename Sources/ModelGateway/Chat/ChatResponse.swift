import Foundation

// What comes back from chat completions. Every field is optional: providers differ, and the
// HTTP status is authoritative (some send an error object with a 200, others a bare status).

struct ChatCompletionResponse: Decodable, Sendable {
    var id: String?
    var model: String?
    var choices: [Choice]?
    var usage: Usage?
    var error: ProviderErrorBody?

    struct Choice: Decodable, Sendable {
        var message: Message?
        var delta: Message?
        var finishReason: String?
        var error: ProviderErrorBody?

        enum CodingKeys: String, CodingKey {
            case message, delta, error
            case finishReason = "finish_reason"
        }
    }

    struct Message: Decodable, Sendable {
        var content: String?

        enum CodingKeys: String, CodingKey { case content }

        init(content: String?) { self.content = content }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            // Content can be null, a string, or (some providers) a list of text parts.
            if let text = try? container.decodeIfPresent(String.self, forKey: .content) {
                content = text
            } else if let parts = try? container.decodeIfPresent([JSONValue].self, forKey: .content) {
                content = parts.compactMap { $0["text"]?.stringValue }.joined()
            } else {
                content = nil
            }
        }
    }
}

/// Token counts and, from OpenRouter, the billed cost in USD.
public struct Usage: Decodable, Sendable, Equatable {
    public var promptTokens: Int?
    public var completionTokens: Int?
    public var totalTokens: Int?
    public var cost: Double?
    public var promptTokensDetails: Details?
    /// Transcription endpoints bill by audio seconds.
    public var seconds: Double?

    public struct Details: Decodable, Sendable, Equatable {
        public var cachedTokens: Int?
        enum CodingKeys: String, CodingKey { case cachedTokens = "cached_tokens" }
    }

    public init(promptTokens: Int? = nil, completionTokens: Int? = nil, cost: Double? = nil) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.totalTokens = nil
        self.cost = cost
        self.promptTokensDetails = nil
        self.seconds = nil
    }

    enum CodingKeys: String, CodingKey {
        case cost, seconds
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case totalTokens = "total_tokens"
        case promptTokensDetails = "prompt_tokens_details"
    }
}

/// `{"error": {...}}` in any of the shapes OpenRouter and OpenAI-compatible servers send.
struct ProviderErrorBody: Decodable, Sendable {
    var code: JSONValue?
    var message: String?
    var type: String?
    var metadata: JSONValue?
    var errorType: String?
    var availability: JSONValue?

    enum CodingKeys: String, CodingKey {
        case code, message, type, metadata, availability
        case errorType = "error_type"
    }

    /// `error_type` wherever it was put.
    var kind: String? { errorType ?? metadata?["error_type"]?.stringValue ?? type }

    /// `availability.retry_after` in seconds, wherever it was put.
    var availabilityRetryAfter: Double? {
        (availability ?? metadata?["availability"])?["retry_after"]?.numberValue
    }

    var numericCode: Int? {
        switch code {
        case .number(let number)?: Int(number)
        case .string(let text)?: Int(text)
        default: nil
        }
    }

    /// A message safe to log: trimmed, one line.
    var summary: String {
        let text = (message ?? kind ?? "no message").replacingOccurrences(of: "\n", with: " ")
        return String(text.prefix(300))
    }
}

struct ErrorEnvelope: Decodable, Sendable {
    var error: ProviderErrorBody?
}
