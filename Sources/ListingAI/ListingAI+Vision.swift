import Foundation
import ModelGateway
public import PropertyCore

/// `{"photos": […]}`: several photos in one call, each with its own insights, keyed by the label
/// (p1, p2, …) it was attached under. Short keys: output tokens cost four times input tokens, and
/// the long ImageInsights names would be ~16 tokens a photo of pure overhead.
struct VisionBatchAnswer: Codable, Sendable {
    var photos: [VisionPhotoAnswer]
}

struct VisionPhotoAnswer: Codable, Sendable {
    var id: String
    var room: String
    var features: [String]
    var condition: String
    var amenities: [String]
    var quality: Double
    var issues: [String]
    var confidence: Double

    /// The listing's ImageInsights for this answer.
    func insights(imageID: String) -> ImageInsights {
        ImageInsights(imageId: imageID, roomType: room, featuresDetected: features, conditionAssessment: condition,
                      notableAmenities: amenities, estimatedQualityScore: min(10, max(0, quality)), issuesDetected: issues,
                      confidence: min(1, max(0, confidence)))
    }
}

extension ListingAI {
    /// Per-photo ImageInsights (image_id = VisionPhoto.id) for photos rendered as `visionPlan`
    /// said. They are sent `photosPerVisionCall` to a call (default 10: the prompt and schema are
    /// paid for once) under labels p1…pN, and mapped back by label; a photo the model gave no
    /// answer for is absent. Batches run concurrently, bounded by the gateway's rate limiter.
    public func analyzePhotos(_ photos: [VisionPhoto]) async throws -> (insights: [ImageInsights], calls: [StageCall]) {
        guard !photos.isEmpty else { return ([], []) }
        let size = max(1, options.photosPerVisionCall)
        let batches = stride(from: 0, to: photos.count, by: size).map { Array(photos[$0..<min($0 + size, photos.count)]) }

        let results = try await withThrowingTaskGroup(of: (Int, [ImageInsights], StageCall).self) { group in
            for (index, batch) in batches.enumerated() {
                group.addTask {
                    let answer = try await analyze(batch)
                    return (index, answer.insights, answer.call)
                }
            }
            var results: [(Int, [ImageInsights], StageCall)] = []
            for try await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }
        }
        return (results.flatMap(\.1), results.map(\.2))
    }

    /// One vision call for up to `photosPerVisionCall` photos.
    func analyze(_ batch: [VisionPhoto]) async throws -> (insights: [ImageInsights], call: StageCall) {
        let images = batch.map { ChatImage(jpeg: Data($0.jpeg), width: $0.width, height: $0.height, detail: $0.detail) }
        let labelled = batch.enumerated().map { (label: "p\($0.offset + 1)", photo: $0.element) }
        let list = labelled.map(\.label).joined(separator: ", ")
        let request = StructuredRequest<VisionBatchAnswer>(
            stage: "vision", schemaName: "PhotoInsights", promptVersion: PromptLibrary.vision.version,
            system: PromptLibrary.vision.text,
            userText: "\(images.count) photo\(images.count == 1 ? "" : "s") of one property, attached in this order: \(list).",
            images: images, models: gateway.config.visionModels,
            maxCompletionTokens: 200 + 250 * images.count, temperature: 0.1)
        let result = try await gateway.structured(request)
        return (Self.assign(result.value.photos, to: labelled), StageCall(result, stage: "vision", images: images))
    }

    /// Answers matched to photos by label ("p2", "P2", "photo 2", "2"); answers with no usable
    /// label fill the photos left over, in order. A photo with no answer is absent.
    static func assign(_ answers: [VisionPhotoAnswer], to labelled: [(label: String, photo: VisionPhoto)]) -> [ImageInsights] {
        var byIndex: [Int: VisionPhotoAnswer] = [:]
        var unlabelled: [VisionPhotoAnswer] = []
        for answer in answers {
            let digits = answer.id.filter(\.isNumber)
            if let number = Int(digits), (1...labelled.count).contains(number), byIndex[number - 1] == nil {
                byIndex[number - 1] = answer
            } else {
                unlabelled.append(answer)
            }
        }
        for index in labelled.indices where byIndex[index] == nil && !unlabelled.isEmpty {
            byIndex[index] = unlabelled.removeFirst()
        }
        return labelled.indices.compactMap { index in byIndex[index]?.insights(imageID: labelled[index].photo.id) }
    }
}
