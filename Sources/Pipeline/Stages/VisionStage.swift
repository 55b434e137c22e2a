import Foundation
import ModelGateway
import PhotoProcessing
import PropertyCore

/// What the vision model said about one photo.
struct VisionStageOutput: Codable, Sendable, Equatable {
    var insights: ImageInsights?
    /// The calls of the batch this photo was sent in (kept on the batch's first photo only, so
    /// costs add up once).
    var calls: [StageCall] = []
}

/// Stage 5: each upright derived photo → the seed's ImageInsights. Cached per photo, so a new
/// photo costs one analysis, not the whole folder's. Duplicates and unusable photos are never sent.
enum VisionStage {
    static let version = 1

    static func key(photoKey: String, signature: String) -> String {
        StageCache.key("vision", version: version, parts: [signature, photoKey])
    }

    static func candidates(_ outputs: [PhotoStageOutput]) -> [Int] {
        let duplicateOf = PhotoSelection.duplicatesOf(outputs)
        return outputs.indices.filter { outputs[$0].rendered != nil && duplicateOf[$0] == nil }
    }
}

extension PhotoSelection {
    static func duplicatesOf(_ outputs: [PhotoStageOutput]) -> [Int?] {
        duplicates(of: outputs.map { $0.rendered?.perceptualHash })
    }
}
