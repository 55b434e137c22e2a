import BlockingIO
import ContentHash
import Foundation
import ListingAI
public import ModelGateway
import PhotoProcessing
public import PipelineStore
public import PropertyCore

/// The single job `analyze-images`: photos in, per-photo insights and their aggregation out.
/// Photos are made upright and web-sized first, exactly as the photo stage does, so the model
/// sees what the pipeline would send. Offline: the photo checks, no vision labels. With a store,
/// the same photos analysed again are not paid for again.
public struct AnalyzeImagesJob: Sendable {
    public struct Photo: Codable, Sendable {
        public var source: String
        public var width: Int?
        public var height: Int?
        public var orientationApplied: Int?
        public var flags: [String]
        public var duplicateOf: String?
        public var problem: String?
        public var insights: ImageInsights?

        enum CodingKeys: String, CodingKey {
            case source, width, height, flags, problem, insights
            case orientationApplied = "orientation_applied"
            case duplicateOf = "duplicate_of"
        }
    }

    public struct Report: Codable, Sendable {
        public var photos: [Photo]
        public var aggregated: AggregatedPropertyInsights?
        public var model: String
        public var costUsd: Double

        enum CodingKeys: String, CodingKey {
            case photos, aggregated, model
            case costUsd = "cost_usd"
        }
    }

    let provider: JobProvider?

    public init(gateway: Gateway?, store: PipelineStore? = nil) {
        provider = JobProvider(gateway: gateway, store: store)
    }

    /// What the cache keeps for one set of photos: the model's answers and the calls that paid for them.
    struct Answer: Codable, Sendable {
        var insights: [ImageInsights]
        var calls: [StageCall]
    }

    public func run(paths: [String]) async throws -> Report {
        let started = Date()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("pi-analyze-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let jobs = paths.enumerated().map { index, path in
            RenderJob(sourcePath: path, largePath: scratch.appendingPathComponent("\(index).jpg").path,
                      thumbPath: scratch.appendingPathComponent("\(index)-thumb.jpg").path)
        }
        let results = await DerivedPhotos.render(jobs)
        let rendered = results.map { try? $0.get() }
        let duplicateOf = PhotoSelection.duplicates(of: rendered.map { $0?.perceptualHash })
        var photos = zip(paths, results).enumerated().map { index, pair -> Photo in
            switch pair.1 {
            case .success(let photo):
                return Photo(source: pair.0, width: photo.width, height: photo.height, orientationApplied: photo.orientationApplied,
                             flags: photo.flags, duplicateOf: duplicateOf[index].map { paths[$0] })
            case .failure(let error):
                return Photo(source: pair.0, flags: [], problem: error.message)
            }
        }
        guard let provider else { return Report(photos: photos, aggregated: nil, model: "offline", costUsd: 0) }
        let send = photos.indices.filter { rendered[$0] != nil && duplicateOf[$0] == nil }
        let candidates = send.map { VisionCandidate(id: paths[$0], width: rendered[$0]!.width, height: rendered[$0]!.height) }
        let jpegPaths = Dictionary(send.map { (paths[$0], jobs[$0].largePath) }, uniquingKeysWith: { first, _ in first })
        let (insights, calls) = try await analyze(candidates, jpegPaths: jpegPaths, sources: send.map { paths[$0] }, provider: provider)
        let byId = Dictionary(insights.map { ($0.imageId, $0) }, uniquingKeysWith: { first, _ in first })
        for index in photos.indices { photos[index].insights = byId[paths[index]] }
        return Report(photos: photos,
                      aggregated: AggregatedPropertyInsights.aggregate(insights, processingTimeSeconds: Date().timeIntervalSince(started)),
                      model: calls.first?.model ?? "none", costUsd: calls.map(\.costUSD).reduce(0, +))
    }

    /// The vision calls for the photos to send, or their stored answers when the same photos
    /// (by content, in the same order) were analysed before with the same models.
    private func analyze(_ candidates: [VisionCandidate], jpegPaths: [String: String], sources: [String],
                         provider: JobProvider) async throws -> (insights: [ImageInsights], calls: [StageCall]) {
        let models = provider.models
        func call() async throws -> (insights: [ImageInsights], calls: [StageCall]) {
            let prepared = await VisionStage.prepare(candidates, jpegPaths: jpegPaths, models: models, logger: provider.gateway.logger)
            return try await models.analyzePhotos(prepared.photos)
        }
        guard let cache = provider.cache else { return try await call() }
        // The photos' bytes and names (the names are the insights' image ids); hashing blocks.
        let digests = try await BlockingExecutor.shared.run {
            try sources.map { "\($0)=\(ContentHash.sha256(of: try Data(contentsOf: URL(fileURLWithPath: $0))))" }
        }
        let (answer, fromCache) = try await cache.answer(job: "analyze-images", inputs: [models.signature] + digests,
                                                         gateway: provider.gateway, calls: \.calls) {
            let (insights, calls) = try await call()
            return Answer(insights: insights, calls: calls)
        }
        return (answer.insights, fromCache ? answer.calls.map(\.reused) : answer.calls)
    }
}
