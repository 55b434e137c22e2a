public import Foundation
public import PropertyCore

/// One paid (or cached) call made for a stage, for result.json's model_info / token_usage /
/// estimated_cost_usd and for tests.
public struct StageCall: Codable, Sendable, Equatable {
    public var stage: String
    public var model: String
    public var promptTokens: Int
    public var completionTokens: Int
    /// Image input tokens included in promptTokens (estimated by PROVIDERS.md formulas when the
    /// provider does not say).
    public var imageTokens: Int
    /// usage.cost when the provider returned it, else the price table × tokens.
    public var costUSD: Double
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
}

/// An upright derived photo the vision stage may look at (already EXIF-corrected on disk).
public struct VisionPhoto: Sendable, Equatable {
    /// The agent's file name, used as ImageInsights.image_id.
    public var id: String
    /// Path of the derived JPEG (long edge 1568 px).
    public var jpegPath: String
    public var width: Int
    public var height: Int

    public init(id: String, jpegPath: String, width: Int, height: Int) {
        self.id = id
        self.jpegPath = jpegPath
        self.width = width
        self.height = height
    }
}

/// A voice memo's transcript as the transcribe stage returns it.
public struct MemoTranscript: Codable, Sendable, Equatable {
    public var text: String
    /// ISO 639-1 when known (the API may say "english": normalised here).
    public var language: String?
    public var durationSeconds: Double?

    public init(text: String, language: String?, durationSeconds: Double?) {
        self.text = text
        self.language = language
        self.durationSeconds = durationSeconds
    }
}

/// The AI stages of the pipeline (DESIGN §4: transcribe, extract, vision, describe) on top of the
/// gateway, with the seed's prompts and cost rules. Knows nothing about folders or SQLite state.
/// Errors are `GatewayError`s; the pipeline degrades to the offline result on any of them.
public struct ListingAI: Sendable {
    public let gateway: Gateway
    /// The seed's cost rules, configurable (defaults are the seed's numbers).
    public var options = Options()

    public init(gateway: Gateway) {
        self.gateway = gateway
    }

    public init(gateway: Gateway, options: Options) {
        self.gateway = gateway
        self.options = options
    }

    public struct Options: Sendable, Equatable {
        /// Seed §3.2: descriptions longer than this (characters) are summarised by the cheap model first.
        public var summarizeAboveCharacters = 10_000
        /// Seed §8.1 `should_use_cheap_model`: on/off.
        public var cheapModelRule = true
        /// …fewer words than this → cheap model (Thai runs count one word per 6 characters).
        public var cheapModelMaxWords = 100
        /// …or more than this share of digits → cheap model.
        public var cheapModelDigitShare = 0.3
        /// The cheap text model; nil = the last of `GatewayConfig.textModels` (Haiku by default).
        public var cheapTextModel: String? = nil
        /// Seed §4.3 `optimize_cost`: photos after this many go at `detail: low` (idx > 5 → low).
        public var highDetailPhotos = 6
        /// Seed §8.1 `optimize_image_batch(max_budget=0.10)`: USD cap for one property's photos.
        public var visionBudgetUSD = 0.10
        /// Expected output tokens per photo, for the budget rule's per-photo cost.
        public var visionOutputTokensPerPhoto = 90
        /// Photos sent in one vision call (each keeps its own insights). Ten: one property's
        /// photos share one prompt and schema (~450 tokens a call saved), at the price of one
        /// longer call instead of two parallel ones.
        public var photosPerVisionCall = 10
        /// JPEG quality of the images sent to the vision model.
        public var visionJPEGQuality = 82

        public init() {}
    }
}
