public import ModelGateway

/// A photo the vision stage may look at: the agent's file name and the upright size of the
/// derived JPEG the pipeline made from it.
public struct VisionCandidate: Sendable, Equatable {
    /// The agent's file name, used as ImageInsights.image_id.
    public var id: String
    public var width: Int
    public var height: Int

    public init(id: String, width: Int, height: Int) {
        self.id = id
        self.width = width
        self.height = height
    }
}

/// What the vision stage will send for one photo, decided before any pixel is decoded: the
/// caller renders the photo at exactly this size and quality and hands it back as a `VisionPhoto`.
public struct VisionPlanEntry: Sendable, Equatable {
    public var id: String
    public var detail: ImageTokens.Detail
    /// The size to render the photo at: the largest the model will look at for `detail`.
    public var width: Int
    public var height: Int
    public var jpegQuality: Int
    /// Image tokens for the primary vision model at that size and detail.
    public var imageTokens: Int
}

/// A photo ready for the model: the JPEG rendered as its plan entry said.
public struct VisionPhoto: Sendable, Equatable {
    public var id: String
    public var jpeg: [UInt8]
    public var width: Int
    public var height: Int
    public var detail: ImageTokens.Detail

    public init(id: String, jpeg: [UInt8], width: Int, height: Int, detail: ImageTokens.Detail) {
        self.id = id
        self.jpeg = jpeg
        self.width = width
        self.height = height
        self.detail = detail
    }

    /// The photo rendered for `entry`.
    public init(_ entry: VisionPlanEntry, jpeg: [UInt8]) {
        self.init(id: entry.id, jpeg: jpeg, width: entry.width, height: entry.height, detail: entry.detail)
    }
}

extension ListingAI {
    /// Which photos go to the model, in what detail and at what size. Repeated ids are dropped.
    ///
    /// 1. The first `highDetailPhotos` photos go at `detail: high`, later ones at `low`: the
    ///    first photos an agent picks are the ones the listing leads with.
    /// 2. If that costs more than `visionBudgetUSD` (each photo priced from its image tokens at
    ///    the primary model's price plus the expected output tokens), the first min(3, what the
    ///    budget pays for) photos go high, then as many low as the rest of the budget pays for,
    ///    and the remainder is skipped.
    ///
    /// Sizes: GPT-4o fits 1024×768 at `high` (four 512-px tiles, 765 tokens) and 512 px at `low`
    /// (85 tokens); Claude and others ≤ 1568 px and 1.15 MP.
    public func visionPlan(_ photos: [VisionCandidate]) -> [VisionPlanEntry] {
        var seen = Set<String>()
        let photos = photos.filter { seen.insert($0.id).inserted }
        let model = gateway.config.visionModels.first ?? "openai/gpt-4o"
        let price = gateway.config.prices.price(for: model)
        let outputCost = Double(options.visionOutputTokensPerPhoto) * price.outputPerMillion / 1_000_000
        func entry(_ photo: VisionCandidate, _ detail: ImageTokens.Detail) -> (VisionPlanEntry, cost: Double) {
            let box = Self.modelBox(model: model, detail: detail)
            let size = Self.fit(width: photo.width, height: photo.height, longEdge: box.longEdge, shortEdge: box.shortEdge,
                                maxPixels: box.maxPixels)
            let tokens = ImageTokens.estimate(model: model, width: size.width, height: size.height, detail: detail)
            return (VisionPlanEntry(id: photo.id, detail: detail, width: size.width, height: size.height,
                                    jpegQuality: options.visionJPEGQuality, imageTokens: tokens),
                    Double(tokens) * price.inputPerMillion / 1_000_000 + outputCost)
        }
        let planned = photos.enumerated().map { entry($1, $0 < options.highDetailPhotos ? .high : .low) }
        let budget = options.visionBudgetUSD
        if planned.reduce(0, { $0 + $1.cost }) <= budget + 1e-12 { return planned.map(\.0) }

        // Over budget: a few photos in high detail, then low, then nothing, each at its own cost.
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

    /// The largest size with the same aspect inside the limits, never larger than the original.
    public static func fit(width: Int, height: Int, longEdge: Int, shortEdge: Int, maxPixels: Int? = nil) -> (width: Int, height: Int) {
        let w = Double(max(1, width)), h = Double(max(1, height))
        var scale = min(1, Double(longEdge) / max(w, h), Double(shortEdge) / min(w, h))
        if let maxPixels, w * h * scale * scale > Double(maxPixels) {
            scale = min(scale, (Double(maxPixels) / (w * h)).squareRoot())
        }
        guard scale < 1 else { return (width, height) }
        // Round, but never past a limit (1800 × 1024/1800 may come out as 1024.0000001).
        let isLandscape = width >= height
        var newWidth = max(1, Int((w * scale).rounded())), newHeight = max(1, Int((h * scale).rounded()))
        newWidth = min(newWidth, isLandscape ? longEdge : shortEdge)
        newHeight = min(newHeight, isLandscape ? shortEdge : longEdge)
        if let maxPixels, newWidth * newHeight > maxPixels {
            newWidth = max(1, Int(w * scale))
            newHeight = max(1, Int(h * scale))
        }
        return (newWidth, newHeight)
    }
}
