public import Foundation
import ContentHash

/// A secret that never prints: `description` and `debugDescription` are redacted.
public struct APIKey: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    let value: String
    public init?(_ value: String?) {
        guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        self.value = value
    }
    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    /// Names the key without telling it (16 hex digits of its SHA-256): hosts with the same key
    /// share one rate limit under this name.
    public var fingerprint: String { String(ContentHash.sha256(of: value).prefix(16)) }
}

/// Everything the gateway needs to know. `fromEnvironment` interprets the documented variables;
/// the caller passes them in (the application reads its environment in one place).
public struct GatewayConfig: Sendable {
    public enum StructuredOutput: String, Sendable { case jsonSchema = "json_schema", jsonObject = "json_object" }

    public var baseURL: String
    public var apiKey: APIKey?
    public var transcriptionBaseURL: String
    public var transcriptionKey: APIKey?
    public var textModels: [String]
    public var visionModels: [String]
    public var transcriptionModel: String
    /// Send OpenRouter's extras (`models`, `provider`, `plugins`, attribution headers).
    public var openRouterFeatures: Bool
    /// Let OpenRouter fall back server-side through the `models` list (OpenRouter only).
    public var serverSideFallback: Bool
    public var structuredOutput: StructuredOutput
    public var connectTimeout: Duration
    public var requestTimeout: Duration
    /// Attempts per model for retryable faults (the first call included).
    public var maxAttemptsPerModel: Int
    public var backoffBase: Duration
    public var backoffCap: Duration
    /// A provider asking to wait longer than this makes the gateway move on to the fallback.
    public var maxRetryAfter: TimeInterval
    public var requestsPerMinute: Int
    public var requestsPerHour: Int
    public var budget: BudgetGuard.Limits
    public var breakerThreshold: Int
    public var breakerWindow: TimeInterval
    public var prices: PriceTable
    public var referer: String?
    public var title: String?

    public static let openRouterBaseURL = "https://openrouter.ai/api/v1"
    public static let openAIBaseURL = "https://api.openai.com/v1"

    public init(baseURL: String = GatewayConfig.openRouterBaseURL, apiKey: APIKey? = nil,
                transcriptionBaseURL: String = GatewayConfig.openAIBaseURL, transcriptionKey: APIKey? = nil) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.apiKey = apiKey
        self.transcriptionBaseURL = transcriptionBaseURL.hasSuffix("/") ? String(transcriptionBaseURL.dropLast()) : transcriptionBaseURL
        self.transcriptionKey = transcriptionKey
        textModels = ["anthropic/claude-sonnet-4.5", "anthropic/claude-haiku-4.5"]
        visionModels = ["openai/gpt-4o", "anthropic/claude-sonnet-4.5"]
        transcriptionModel = "whisper-1"
        openRouterFeatures = baseURL.contains("openrouter.ai")
        serverSideFallback = false
        structuredOutput = .jsonSchema
        connectTimeout = .seconds(10)
        requestTimeout = .seconds(120)
        maxAttemptsPerModel = 3
        backoffBase = .seconds(1)
        backoffCap = .seconds(30)
        maxRetryAfter = 120
        requestsPerMinute = 60
        requestsPerHour = 10_000
        budget = BudgetGuard.Limits()
        breakerThreshold = 5
        breakerWindow = 60
        prices = .default
        referer = nil
        title = "PropertyInbox"
    }

    /// OPENROUTER_BASE_URL / OPENROUTER_API_KEY for chat, OPENAI_BASE_URL / OPENAI_API_KEY for
    /// transcription (falling back to the OpenRouter key when no OpenAI key is set).
    public static func fromEnvironment(_ environment: [String: String]) -> GatewayConfig {
        let chatKey = APIKey(environment["OPENROUTER_API_KEY"]) ?? APIKey(environment["OPENAI_API_KEY"])
        let chatBase = environment["OPENROUTER_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (APIKey(environment["OPENROUTER_API_KEY"]) == nil && environment["OPENAI_API_KEY"] != nil
                ? environment["OPENAI_BASE_URL"] ?? openAIBaseURL : openRouterBaseURL)
        let transcriptionKey = APIKey(environment["OPENAI_API_KEY"])
        let transcriptionBase = environment["OPENAI_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (transcriptionKey == nil && chatKey != nil ? chatBase : openAIBaseURL)
        var config = GatewayConfig(baseURL: chatBase, apiKey: chatKey, transcriptionBaseURL: transcriptionBase,
                                   transcriptionKey: transcriptionKey ?? chatKey)
        if transcriptionKey == nil, config.transcriptionBaseURL.contains("openrouter.ai") {
            config.transcriptionModel = "openai/whisper-1"
        }
        return config
    }
}
