public import Foundation
public import ModelGateway
import PhotoProcessing
public import PropertyCore

/// The seed's single job `analyze-images`: photos in, per-photo insights and the seed's
/// aggregation out. Photos are made upright and web-sized first, exactly as the photo stage does,
/// so the model sees what the pipeline would send. Offline: the photo checks, no vision labels.
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

    let models: (any ListingModels)?

    public init(gateway: Gateway?) {
        self.models = ListingModelsFactory.make(gateway)
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
        guard let models else { return Report(photos: photos, aggregated: nil, model: "offline", costUsd: 0) }
        let send = photos.indices.filter { rendered[$0] != nil && duplicateOf[$0] == nil }.map { index in
            VisionPhoto(id: paths[index], jpegPath: jobs[index].largePath, width: rendered[index]!.width, height: rendered[index]!.height)
        }
        let (insights, calls) = try await models.analyzePhotos(send)
        let byId = Dictionary(insights.map { ($0.imageId, $0) }, uniquingKeysWith: { first, _ in first })
        for index in photos.indices { photos[index].insights = byId[paths[index]] }
        return Report(photos: photos,
                      aggregated: AggregatedPropertyInsights.aggregate(insights, processingTimeSeconds: Date().timeIntervalSince(started)),
                      model: calls.first?.model ?? "none", costUsd: calls.map(\.costUSD).reduce(0, +))
    }
}

/// The seed's single job `transcribe`: one voice memo in, its transcript out. Needs a provider.
public struct TranscribeJob: Sendable {
    let models: (any ListingModels)?

    public init(gateway: Gateway?) {
        self.models = ListingModelsFactory.make(gateway)
    }

    public struct NeedsProvider: Error, CustomStringConvertible {
        public var description: String {
            "transcription needs an API key: set OPENAI_API_KEY (or OPENROUTER_API_KEY), or point OPENAI_BASE_URL at a whisper.cpp or speaches server"
        }
    }

    public func run(path: String) async throws -> (transcript: MemoTranscript, call: StageCall) {
        guard let models else { throw NeedsProvider() }
        return try await models.transcribe(audioPath: path)
    }
}
