import ModelGateway

/// One paid call made for a stage, for result.json's model_info / token_usage /
/// estimated_cost_usd and for tests.
public struct StageCall: Codable, Sendable, Equatable {
    public var stage: String
    public var model: String
    public var promptTokens: Int
    public var completionTokens: Int
    /// Image input tokens included in promptTokens (estimated by the providers' published
    /// formulas when the provider does not say).
    public var imageTokens: Int
    /// usage.cost when the provider returned it, else the price table × tokens.
    public var costUSD: Double
    /// True when the answer was reused from the stage cache instead of paid for again.
    public var fromCache: Bool

    public init(stage: String, model: String, promptTokens: Int = 0, completionTokens: Int = 0, imageTokens: Int = 0,
                costUSD: Double = 0, fromCache: Bool = false) {
        self.stage = stage
        self.model = model
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.imageTokens = imageTokens
        self.costUSD = costUSD
        self.fromCache = fromCache
    }

    /// The same call reused from a cache: nothing paid this time.
    public var reused: StageCall {
        StageCall(stage: stage, model: model, fromCache: true)
    }
}

extension StageCall {
    /// A structured result as a stage call; `images` (what was sent) gives the image tokens for
    /// the model that answered.
    init<Output>(_ result: StructuredResult<Output>, stage: String, images: [ChatImage] = []) {
        let imageTokens = images.reduce(0) {
            $0 + ImageTokens.estimate(model: result.model, width: $1.width, height: $1.height, detail: $1.detail)
        }
        self.init(stage: stage, model: result.model, promptTokens: result.promptTokens, completionTokens: result.completionTokens,
                  imageTokens: imageTokens, costUSD: result.costUSD)
    }
}
