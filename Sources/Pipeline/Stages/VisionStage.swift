import BlockingIO
import Foundation
import ListingAI
import Logging
import PhotoProcessing
import PropertyCore

/// What the vision model said about one photo.
struct VisionStageOutput: Codable, Sendable, Equatable {
    var insights: ImageInsights?
    /// The calls of the batch this photo was sent in (kept on the batch's first photo only, so
    /// costs add up once).
    var calls: [StageCall] = []
}

/// Stage 5: each upright derived photo → ImageInsights. Cached per photo, so a new photo costs
/// one analysis, not the whole folder's. Duplicates and unusable photos are never sent.
enum VisionStage {
    static let version = 1

    static func key(photoKey: String, signature: String) -> String {
        StageCache.key("vision", version: version, parts: [signature, photoKey])
    }

    static func candidates(_ outputs: [PhotoStageOutput]) -> [Int] {
        let duplicateOf = PhotoSelection.duplicatesOf(outputs)
        return outputs.indices.filter { outputs[$0].rendered != nil && duplicateOf[$0] == nil }
    }

    /// Asks the models which photos they want and at what size, then renders those from the
    /// derived JPEGs (`jpegPaths` by photo id) on the blocking executor, one photo a job: pixel
    /// work never runs on Swift's cooperative pool. The decoding runs in a photo worker too: the
    /// derived JPEGs are ours, but they sit in the agent's folder where anything can replace them.
    /// A photo that cannot be rendered is left out, logged and named in `unreadable` (so no
    /// answer is kept for it: the folder may have moved, or the disk failed); the rest are
    /// returned in plan order.
    static func prepare(_ candidates: [VisionCandidate], jpegPaths: [String: String], models: any ListingModels,
                        logger: Logger) async -> (photos: [VisionPhoto], unreadable: Set<String>) {
        let plan = models.visionPlan(candidates)
        let rendered = await withTaskGroup(of: (Int, VisionPhoto?).self) { group in
            for (index, entry) in plan.enumerated() {
                group.addTask {
                    guard let path = jpegPaths[entry.id] else { return (index, nil) }
                    do {
                        let image = try await BlockingExecutor.shared.run { () throws(PhotoError) -> ModelImage in
                            if let workers = PhotoIsolation.shared {
                                return try workers.modelImage(fileAt: path, width: entry.width, height: entry.height,
                                                              quality: entry.jpegQuality)
                            }
                            return try FileSystem.withOpenablePath(path) { path throws(PhotoError) in
                                try ModelImage.render(fileAt: path, width: entry.width, height: entry.height, quality: entry.jpegQuality)
                            }
                        }
                        return (index, VisionPhoto(entry, jpeg: image.jpeg))
                    } catch {
                        logger.warning("photo skipped by the vision stage", metadata: ["photo": "\(entry.id)", "error": "\(error)"])
                        return (index, nil)
                    }
                }
            }
            var photos = [VisionPhoto?](repeating: nil, count: plan.count)
            for await (index, photo) in group { photos[index] = photo }
            return photos
        }
        let unreadable = Set(zip(plan, rendered).filter { $0.1 == nil }.map(\.0.id))
        return (rendered.compactMap { $0 }, unreadable)
    }
}

extension PhotoSelection {
    static func duplicatesOf(_ outputs: [PhotoStageOutput]) -> [Int?] {
        duplicates(of: outputs.map { $0.rendered?.perceptualHash })
    }
}
