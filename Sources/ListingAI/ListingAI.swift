import Foundation
public import ModelGateway

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

/// The listing's model calls (transcribe, extract, vision, describe) on top of the gateway, with
/// their prompts and cost rules. Knows nothing about folders, files on disk or stored state:
/// photos arrive rendered, answers are cached by the caller. Errors are `GatewayError`s; the
/// pipeline degrades to the offline result on any of them.
public struct ListingAI: Sendable {
    public let gateway: Gateway
    /// The cost rules, configurable.
    public var options = Options()

    public init(gateway: Gateway) {
        self.gateway = gateway
    }

    public init(gateway: Gateway, options: Options) {
        self.gateway = gateway
        self.options = options
    }

    public struct Options: Sendable, Equatable {
        /// Descriptions longer than this (characters) are summarised by the cheap model first, so
        /// the extraction prompt stays small and the expensive model reads a digest.
        public var summarizeAboveCharacters = 10_000
        /// Short or mostly numeric descriptions go to the cheap model first: on/off.
        public var cheapModelRule = true
        /// …fewer words than this → cheap model (Thai runs count one word per 6 characters).
        public var cheapModelMaxWords = 100
        /// …or more than this share of digits → cheap model.
        public var cheapModelDigitShare = 0.3
        /// The cheap text model; nil = the last of `GatewayConfig.textModels` (Haiku by default).
        public var cheapTextModel: String? = nil
        /// Photos after this many go at `detail: low`: the first ones lead the listing.
        public var highDetailPhotos = 6
        /// USD cap for one property's photos: forty photos of one villa tell little more than ten.
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

extension ListingAI {
    /// Models, prompt versions and request rules behind the answers: part of every cache key a
    /// caller makes for them, so a new model or prompt never reuses an old answer.
    public var signature: String {
        let config = gateway.config
        let prompts = [PromptLibrary.extract, PromptLibrary.summarize, PromptLibrary.vision, PromptLibrary.describe]
            .map(\.version).joined(separator: ",")
        return ["ai", config.textModels.joined(separator: ","), config.visionModels.joined(separator: ","),
                config.transcriptionModel, prompts].joined(separator: "|")
    }
}
