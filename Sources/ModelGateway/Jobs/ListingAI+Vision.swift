public import Foundation
import Logging
import PhotoProcessing
public import PropertyCore

/// `{"photos": […]}`: several photos in one call, each with its own insights, keyed by the label
/// (p1, p2, …) it was attached under. Short keys: output tokens cost four times input tokens, and
/// the seed's long ImageInsights names would be ~16 tokens a photo of pure overhead.
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

    /// The seed's ImageInsights for this answer.
    func insights(imageID: String) -> ImageInsights {
        ImageInsights(imageId: imageID, roomType: room, featuresDetected: features, conditionAssessment: condition,
                      notableAmenities: amenities, estimatedQualityScore: min(10, max(0, quality)), issuesDetected: issues,
                      confidence: min(1, max(0, confidence)))
    }
}

/// What the vision stage will send for one photo: the seed's detail policy and budget rule,
/// decided before any pixel is decoded.
public struct VisionPlanEntry: Sendable, Equatable {
    public var photo: VisionPhoto
    public var detail: ImageTokens.Detail
    /// The size the photo is resized to (fits the model's limits for `detail`).
    public var width: Int
    public var height: Int
    /// PROVIDERS.md image tokens for the primary vision model at that size and detail.
    public var imageTokens: Int
}

extension ListingAI {
    /// Per-photo ImageInsights (image_id = VisionPhoto.id). Each photo is resized for the model
    /// (GPT-4o: fits 1024×768 at `detail: high` — four 512-px tiles, 765 tokens — and 512 px at
    /// `low`, 85 tokens; Claude and others: ≤ 1568 px and 1.15 MP), sent `photosPerVisionCall` to
    /// a call (default 10: the prompt and schema are paid for once) under labels p1…pN, and
    /// mapped back by label. Detail per the seed (§4.3: the first
    /// six photos high, the rest low) within the seed's `optimize_image_batch` budget (§8.1);
    /// photos over the budget, repeated ids and photos that cannot be decoded are absent from
    /// the result. Batches run concurrently, bounded by the gateway's rate limiter.
    public func analyzePhotos(_ photos: [VisionPhoto]) async throws -> (insights: [ImageInsights], calls: [StageCall]) {
        var seen = Set<String>()
        let unique = photos.filter { seen.insert($0.id).inserted }
        let plan = visionPlan(unique)
        guard !plan.isEmpty else { return ([], []) }
        let size = max(1, options.photosPerVisionCall)
        let batches = stride(from: 0, to: plan.count, by: size).map { Array(plan[$0..<min($0 + size, plan.count)]) }

        let results = try await withThrowingTaskGroup(of: (Int, [ImageInsights], StageCall?).self) { group in
            for (index, batch) in batches.enumerated() {
                group.addTask {
                    let answer = try await analyze(batch)
                    return (index, answer.insights, answer.call)
                }
            }
            var results: [(Int, [ImageInsights], StageCall?)] = []
            for try await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }
        }
        return (results.flatMap(\.1), results.compactMap(\.2))
    }

    /// The seed's detail policy and budget rule for these photos, in order.
    ///
    /// 1. `optimize_cost` (§4.3): photo index ≤ 5 → high, later ones → low (`highDetailPhotos`).
    /// 2. `optimize_image_batch(max_budget)` (§8.1), with each photo's cost computed from its
    ///    image tokens at the primary model's price plus the expected output tokens instead of the
    ///    seed's flat $0.01 / $0.003: if the plan costs more than the budget, the first
    ///    min(3, budget ÷ high) photos go high, then as many low as the rest of the budget pays
    ///    for, and the remainder is skipped.
    public func visionPlan(_ photos: [VisionPhoto]) -> [VisionPlanEntry] {
        let model = gateway.config.visionModels.first ?? "openai/gpt-4o"
        let price = gateway.config.prices.price(for: model)
        let outputCost = Double(options.visionOutputTokensPerPhoto) * price.outputPerMillion / 1_000_000
        func entry(_ photo: VisionPhoto, _ detail: ImageTokens.Detail) -> (VisionPlanEntry, cost: Double) {
            let box = Self.modelBox(model: model, detail: detail)
            let size = ModelImage.fit(width: photo.width, height: photo.height, longEdge: box.longEdge, shortEdge: box.shortEdge,
                                      maxPixels: box.maxPixels)
            let tokens = ImageTokens.estimate(model: model, width: size.width, height: size.height, detail: detail)
            return (VisionPlanEntry(photo: photo, detail: detail, width: size.width, height: size.height, imageTokens: tokens),
                    Double(tokens) * price.inputPerMillion / 1_000_000 + outputCost)
        }
        let planned = photos.enumerated().map { entry($1, $0 < options.highDetailPhotos ? .high : .low) }
        let budget = options.visionBudgetUSD
        if planned.reduce(0, { $0 + $1.cost }) <= budget + 1e-12 { return planned.map(\.0) }

        // Over budget: the seed's priority rule, with each photo's own cost.
        var remaining = budget
        var result: [VisionPlanEntry] = []
        var highLeft = 3
        for photo in photos {
            let high = entry(photo, .high)
            if highLeft > 0, high.cost <= remaining {
                result.append(high.0)
                remaining -= high.cost
                highLeft -= 1
                continue
            }
            highLeft = 0
            let low = entry(photo, .low)
            guard low.cost <= remaining else { break }
            result.append(low.0)
            remaining -= low.cost
        }
        return result
    }

    /// The largest image worth sending: what the provider would otherwise shrink away.
    static func modelBox(model: String, detail: ImageTokens.Detail) -> (longEdge: Int, shortEdge: Int, maxPixels: Int?) {
        if detail == .low { return (512, 512, nil) }
        let name = model.lowercased()
        if name.contains("gpt-4o") || name.contains("gpt-4.1") {
            return (1024, 768, nil)  // 2×2 tiles of 512: 765 tokens at most
        }
        return (1568, 1568, 1_150_000)  // Claude's limits; a fair ceiling for other providers
    }

    /// One vision call for up to `photosPerVisionCall` photos.
    func analyze(_ batch: [VisionPlanEntry]) async throws -> (insights: [ImageInsights], call: StageCall?) {
        var images: [ChatImage] = []
        var labelled: [(label: String, photo: VisionPhoto)] = []
        let model = gateway.config.visionModels.first ?? "openai/gpt-4o"
        for entry in batch {
            do {
                // The same box the plan used (the file's own size decides the result).
                let box = Self.modelBox(model: model, detail: entry.detail)
                let image = try ModelImage.render(fileAt: entry.photo.jpegPath, longEdge: box.longEdge, shortEdge: box.shortEdge,
                                                  maxPixels: box.maxPixels, quality: options.visionJPEGQuality)
                images.append(ChatImage(jpeg: Data(image.jpeg), width: image.width, height: image.height, detail: entry.detail))
                labelled.append(("p\(labelled.count + 1)", entry.photo))
            } catch {
                gateway.logger.warning("photo skipped by the vision stage", metadata: ["photo": "\(entry.photo.id)", "error": "\(error)"])
            }
        }
        guard !images.isEmpty else { return ([], nil) }
        let list = labelled.map { "\($0.label)" }.joined(separator: ", ")
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
