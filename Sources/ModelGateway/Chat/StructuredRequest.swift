public import Foundation

/// A photo for a vision call, sent inline as a `data:` URL.
public struct ChatImage: Sendable, Equatable {
    public var dataURL: String
    public var detail: ImageTokens.Detail
    public var width: Int
    public var height: Int

    public init(jpeg: Data, width: Int, height: Int, detail: ImageTokens.Detail = .auto) {
        dataURL = "data:image/jpeg;base64," + jpeg.base64EncodedString()
        self.detail = detail
        self.width = width
        self.height = height
    }
}

/// One structured-output job: a prompt, the model chain, and the Swift type the answer must
/// decode to (its JSON Schema is generated from the type).
public struct StructuredRequest<Output: Decodable & Sendable>: Sendable {
    /// Pipeline stage for the usage log: extract, vision, describe…
    public var stage: String
    /// `json_schema.name`: `[A-Za-z0-9_-]{1,64}`.
    public var schemaName: String
    /// The prompt's version ("extract.v2"); part of the usage log's request digest.
    public var promptVersion: String
    public var system: String
    public var userText: String
    public var images: [ChatImage]
    /// The primary model first, then fallbacks in order.
    public var models: [String]
    public var maxCompletionTokens: Int
    public var temperature: Double
    public var priority: RequestPriority
    /// Ask for server-sent events: errors that arrive mid-stream are caught and classified like
    /// any other fault. The assembled answer is validated exactly like a non-streamed one. Off
    /// by default and in every stage: each stage needs
    /// the whole JSON object before it can validate it, so streaming saves no time; non-streamed
    /// calls already catch errors inside HTTP 200; and OpenRouter's `response-healing` plugin,
    /// which the gateway requests, works on non-streamed answers only.
    public var stream: Bool

    public init(stage: String, schemaName: String, promptVersion: String, system: String, userText: String,
                images: [ChatImage] = [], models: [String], maxCompletionTokens: Int = 2000, temperature: Double = 0.1,
                priority: RequestPriority = .normal, stream: Bool = false) {
        self.stage = stage
        self.schemaName = schemaName
        self.promptVersion = promptVersion
        self.system = system
        self.userText = userText
        self.images = images
        self.models = models
        self.maxCompletionTokens = maxCompletionTokens
        self.temperature = temperature
        self.priority = priority
        self.stream = stream
    }
}

/// A validated answer and what it took to get it.
public struct StructuredResult<Output: Sendable>: Sendable {
    public var value: Output
    public var json: JSONValue
    /// The model that produced the answer (a fallback when the primary failed).
    public var model: String
    /// HTTP calls made for this result, across every model tried.
    public var attempts: Int
    /// USD recorded for this result across every attempt.
    public var costUSD: Double
    public var promptTokens: Int
    public var completionTokens: Int
    public var generationID: String?
}
