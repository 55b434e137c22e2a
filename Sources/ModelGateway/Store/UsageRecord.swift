public import Foundation
public import GRDB

/// One row of `gateway_usage`: one HTTP attempt (or one cache hit) and what it cost.
public struct UsageRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "gateway_usage"

    public var id: Int64?
    public var createdAt: Date
    public var stage: String
    public var model: String
    public var answeredModel: String?
    public var promptTokens: Int
    public var completionTokens: Int
    public var cachedTokens: Int
    public var audioSeconds: Double
    public var costUSD: Double
    public var costSource: String
    public var latencyMs: Int
    public var attempt: Int
    public var outcome: String
    public var httpStatus: Int?
    public var errorCode: String?
    public var generationID: String?
    public var requestKey: String?

    public enum Columns {
        public static let createdAt = Column(CodingKeys.createdAt)
        public static let stage = Column(CodingKeys.stage)
        public static let model = Column(CodingKeys.model)
        public static let costUSD = Column(CodingKeys.costUSD)
        public static let outcome = Column(CodingKeys.outcome)
    }

    enum CodingKeys: String, CodingKey {
        case id, stage, model, attempt, outcome
        case createdAt = "created_at"
        case answeredModel = "answered_model"
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case cachedTokens = "cached_tokens"
        case audioSeconds = "audio_seconds"
        case costUSD = "cost_usd"
        case costSource = "cost_source"
        case latencyMs = "latency_ms"
        case httpStatus = "http_status"
        case errorCode = "error_code"
        case generationID = "generation_id"
        case requestKey = "request_key"
    }

    public init(createdAt: Date, stage: String, model: String, answeredModel: String? = nil, promptTokens: Int = 0,
                completionTokens: Int = 0, cachedTokens: Int = 0, audioSeconds: Double = 0, costUSD: Double = 0,
                costSource: String = "none", latencyMs: Int = 0, attempt: Int, outcome: String, httpStatus: Int? = nil,
                errorCode: String? = nil, generationID: String? = nil, requestKey: String? = nil) {
        self.createdAt = createdAt
        self.stage = stage
        self.model = model
        self.answeredModel = answeredModel
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.cachedTokens = cachedTokens
        self.audioSeconds = audioSeconds
        self.costUSD = costUSD
        self.costSource = costSource
        self.latencyMs = latencyMs
        self.attempt = attempt
        self.outcome = outcome
        self.httpStatus = httpStatus
        self.errorCode = errorCode
        self.generationID = generationID
        self.requestKey = requestKey
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
