import BlockingIO
public import Foundation
import ContentHash
public import Logging
import ListingAI
import ModelGateway
import PhotoProcessing
public import PipelineStore
public import PropertyCore

/// What one `process` of a folder did.
public struct FolderOutcome: Sendable {
    public var propertyId: String
    public var state: FolderState
    public var stagesRun: [String]
    public var stagesReused: [String]
    /// True when nothing had changed since the last run and nothing was rewritten.
    public var unchanged: Bool
    public var resultPath: String?
    public var listingPath: String?
    public var message: String
}

/// Runs the stages for one property folder and publishes the outputs.
///
/// Every stage's output is stored under a key of its inputs' hashes (and, for AI stages, the
/// models and prompt versions), so a re-run does only the work whose inputs changed, and an
/// unchanged folder runs nothing at all. Voice and photos are analysed in parallel.
public struct FolderProcessor: Sendable {
    let store: PipelineStore
    let configuration: Configuration
    let renderer: ListingRenderer
    let logger: Logger
    /// nil = offline (no key, or --offline).
    let models: (any ListingModels)?
    /// Moves the folder's state and writes its status files.
    public let lifecycle: FolderLifecycle

    public init(store: PipelineStore, configuration: Configuration, logger: Logger, models: (any ListingModels)? = nil,
                lifecycle: FolderLifecycle? = nil) throws {
        self.store = store
        self.lifecycle = lifecycle ?? FolderLifecycle(store: store, configuration: configuration, logger: logger)
        self.configuration = configuration
        self.renderer = try ListingRenderer(templatePath: configuration.listingTemplatePath,
                                            languageTemplatePaths: configuration.listingTemplatePaths,
                                            imageBaseURL: configuration.site.imageBaseURL,
                                            showAgentContacts: configuration.site.showAgentContacts)
        self.logger = logger
        self.models = models
    }

    /// `fence`: see `FolderLifecycle.run`.
    public func process(folder: URL, fence: (any PublishFence)? = nil) async throws -> FolderOutcome {
        let folder = folder.standardizedFileURL
        guard FileSystem.isDirectory(folder.path) else {
            throw PipelineError(.notAFolder, "\(FileName.display(folder.path)) is not a folder")
        }
        let started = ContinuousClock.now
        do {
            let run = try await FolderRun(folder: folder, store: store, renderer: renderer, configuration: configuration,
                                          lifecycle: lifecycle, logger: logger, fence: fence)
            let outcome: FolderOutcome
            do {
                outcome = try await run.execute(configuration: configuration, models: models)
            } catch where PipelineError.folderIsGone(folder.path, after: error) {
                try? await store.finishRun(run.runId, outcome: "moved", stagesRun: run.ran, stagesReused: run.reused, fingerprint: nil)
                throw error
            }
            DaemonMetrics.folderRun(outcome: outcome.state.rawValue, seconds: (ContinuousClock.now - started).seconds)
            return outcome
        } catch {
            DaemonMetrics.folderRun(outcome: "error", seconds: (ContinuousClock.now - started).seconds)
            throw error
        }
    }
}

/// One processing of one folder: the stages in order, and what each did.
final class FolderRun {
    let folder: URL
    let propertyId: String
    let store: PipelineStore
    let cache: StageCache
    let publisher: Publisher
    let renderer: ListingRenderer
    let site: SiteSettings
    /// A photo cut short whose file changed this recently is an upload still under way.
    let stalledUploadSeconds: Double
    var log: Logger
    let started = Date()
    let previous: FolderRecord?
    let runId: Int64
    let lifecycle: FolderLifecycle
    let identity: FileSystem.Identity
    /// Asked right before publishing (several hosts); nil on one host.
    let fence: (any PublishFence)?

    var ran: [String] = []
    var reused: [String] = []
    var issues: [ProcessingIssue] = []
    /// Stages that fell back to the offline result, with why.
    var pending: [String: String] = [:]

    init(folder: URL, store: PipelineStore, renderer: ListingRenderer, configuration: Configuration, lifecycle: FolderLifecycle,
         logger: Logger, fence: (any PublishFence)? = nil) async throws {
        self.lifecycle = lifecycle
        self.fence = fence
        self.site = configuration.site
        self.stalledUploadSeconds = configuration.stalledUploadMinutes * 60
        self.folder = folder
        // What the agent and the log read; the path itself (exact bytes) stays the key.
        self.propertyId = FileName.display(folder.lastPathComponent)
        self.store = store
        self.cache = StageCache(store: store)
        self.renderer = renderer
        guard let identity = FileSystem.identity(of: folder.path) else { throw PipelineError.folderMoved(folder.path) }
        self.identity = identity
        self.publisher = Publisher(folder: folder, propertyId: propertyId, renderer: renderer, identity: identity,
                                   languages: configuration.listingLanguages)
        self.log = logger
        self.log[metadataKey: "property"] = "\(propertyId)"
        self.previous = try await store.folder(at: folder.path)
        self.runId = try await store.startRun(folderPath: folder.path)
    }

    /// Runs one stage and records its wall time for the metrics.
    static func timed<T>(_ stage: String, _ body: () async throws -> T) async rethrows -> T {
        let started = ContinuousClock.now
        defer { DaemonMetrics.stage(stage, seconds: (ContinuousClock.now - started).seconds) }
        return try await body()
    }

    func record(_ stage: String, ran didRun: Bool) {
        if didRun { ran.append(stage) } else { reused.append(stage) }
    }

    var status: StatusReporter { StatusReporter(lifecycle: lifecycle, folder: folder, identity: identity, fence: fence) }

    func setProcessing(_ stage: StageName) async throws {
        try await status.processing(stage)
    }

    func execute(configuration: Configuration, models: (any ListingModels)?) async throws -> FolderOutcome {
        let signature = models?.signature ?? "offline"

        // 1. inventory
        let knownInputs = try await store.inputs(of: folder.path)
        // lstat of every file and SHA-256 of new ones (photos of 10 MB, memos of 200 MB) block a
        // thread: they run on the blocking executor, not on Swift's cooperative pool.
        let (inventory, hashing) = try await Self.timed("inventory") { [folder = self.folder] in
            try await BlockingExecutor.shared.run {
                let inventory = try FolderInventory.scan(folder: folder)
                return (inventory, InputHashing.hash(inventory.files, folderPath: folder.path, known: knownInputs))
            }
        }
        // Nothing uploaded (yet), or everything deleted: nothing is written, no row is made. A
        // status or `_listing/` here would keep a client's deletion from finishing.
        if inventory.files.isEmpty && inventory.refused.isEmpty && inventory.ignored.isEmpty {
            try await store.finishRun(runId, outcome: "no_inputs", stagesRun: [], stagesReused: [], fingerprint: nil)
            log.info("no files to process; nothing written")
            return FolderOutcome(propertyId: propertyId, state: previous?.state ?? .waiting, stagesRun: [], stagesReused: [],
                                 unchanged: true, resultPath: nil, listingPath: nil,
                                 message: EnglishCatalog().failure(.emptyFolder) + " (nothing was written in it)")
        }
        let inputsChanged = hashing.hashedCount > 0 || Set(knownInputs.map(\.relativePath)) != Set(hashing.records.map(\.relativePath))
        if previous == nil { try await lifecycle.queued(folder) }
        try await store.replaceInputs(of: folder.path, with: hashing.records)
        record("inventory", ran: inputsChanged || previous == nil)
        issues = inventory.refused + hashing.problems.map { ProcessingIssue(stage: .inventory, input: $0.path, problem: .notRead, message: $0.message) }
        let texts = hashing.files.filter { $0.kind == .description || $0.kind == .context }
        let photos = hashing.files.filter { $0.kind == .photo }
        let audio = hashing.files.filter { $0.kind == .audio }

        // 2–5. Text and voice start at once; photos render meanwhile, then go to vision. Only
        // vision waits for the photos, so the slowest chain sets the pace, not the sum.
        let (folder, cache, status) = (folder, cache, status)
        async let extractRun = FolderRun.timed("extract") {
            try await FolderRun.extractStage(texts, folder: folder, cache: cache, status: status, models: models, signature: signature)
        }
        async let voiceRun = FolderRun.timed("transcribe") {
            try await FolderRun.voiceStage(audio, folder: folder, cache: cache, models: models, signature: signature)
        }
        let (photoOutputs, photoKeys) = try await Self.timed("photos") { try await photoStage(photos) }
        try Task.checkCancellation()
        // A photo that vanished mid-run means the folder moved: stop before anything is written.
        try publisher.ensureFolderUnmoved()
        let (visions, visionRan) = try await Self.timed("vision") {
            try await FolderRun.visionStage(photoOutputs, photoKeys: photoKeys, folder: folder, cache: cache,
                                            models: models, signature: signature, logger: log)
        }
        let (extraction, extractRan) = try await extractRun
        let (voices, voiceRan) = try await voiceRun
        try publisher.ensureFolderUnmoved()
        let rendered = photoOutputs.filter { $0.rendered != nil }.count
        if ran.contains("photos") { DaemonMetrics.photosRendered(ok: rendered, failed: photoOutputs.count - rendered) }
        if !texts.isEmpty { record("extract", ran: extractRan) }
        if !audio.isEmpty { record("transcribe", ran: voiceRan) }
        if models != nil && !photoOutputs.isEmpty { record("vision", ran: visionRan) }
        if let reason = extraction.pendingReason { pending["extract"] = reason }
        for voice in voices where voice.pendingReason != nil { pending["transcribe"] = voice.pendingReason }
        if let reason = visions.lazy.compactMap(\.pendingReason).first { pending["vision"] = reason }
        issues += extraction.issues

        // Nothing usable at all: say so plainly and publish nothing.
        let usablePhotos = photoOutputs.filter { $0.rendered != nil }
        let heardFacts = voices.contains { $0.transcript != nil }
        if extraction.details == nil && usablePhotos.isEmpty && !heardFacts {
            let cause = FolderRun.nothingUsableCause(inventory: inventory, issues: issues, audio: audio, offline: models == nil)
            let message = EnglishCatalog().failure(cause)
            log.warning("nothing usable", metadata: ["reason": "\(message)"])
            try await lifecycle.failed(folder, identity: identity, cause: cause, detail: message, issues: issues, ignored: inventory.ignored)
            try await store.finishRun(runId, outcome: "failed", stagesRun: ran, stagesReused: reused, fingerprint: nil)
            return FolderOutcome(propertyId: propertyId, state: .failed, stagesRun: ran, stagesReused: reused,
                                 unchanged: false, resultPath: nil, listingPath: nil, message: message)
        }

        try Task.checkCancellation()
        // 6. merge
        let insights = visions.compactMap { $0.insights }
        let aggregated = insights.isEmpty ? nil : AggregatedPropertyInsights.aggregate(insights)
        // Each source is read by the offline reader too: a model's value must be stated in it.
        let textFromModel = extraction.pendingReason == nil && models != nil
        let textSource = extraction.details.map {
            SourceFacts(source: "text", details: $0, fromModel: textFromModel,
                        reading: OfflineExtractor.extract(extraction.words), words: extraction.words)
        }
        let heard = voices.filter { $0.transcript != nil }
        let voiceSources = heard.map { voice in
            SourceFacts.read(voice.transcript!.text, source: heard.count == 1 ? "voice" : "voice (\(voice.source))",
                             model: voice.facts)
        }
        let sources = (textSource.map { [$0] } ?? []) + voiceSources
        let mergeInput = MergeInput(text: textSource?.details, textFromModel: textFromModel, words: extraction.words,
                                    voices: heard.map { MergeInput.Voice(transcript: $0.transcript!.text, facts: $0.facts) },
                                    images: aggregated)
        // The merge re-reads every source with the offline rules: a new rules version is a new merge.
        let mergeKey = StageCache.key("merge", version: 4, parts: [String(ExtractStage.version),
                                                                   ContentHash.sha256(of: try JSONEncoder.sorted.encode(mergeInput))])
        let (merged, mergeRan) = try await cache.output(stage: "merge", key: mergeKey) {
            try await setProcessing(.merge)
            return ListingMerger.merge(sources: sources, images: aggregated)
        }
        record("merge", ran: mergeRan)

        // 7. describe (a model's text may repeat any number the agent wrote, in any source)
        let written = Set(sources.flatMap { $0.reading?.numbersMentioned ?? [] })
        let descriptions = try await Self.timed("describe") {
            try await describeStage(merged, aggregated: aggregated, mergeKey: mergeKey,
                                    languages: configuration.listingLanguages, written: written, models: models, signature: signature)
        }

        try Task.checkCancellation()
        // 8. publish
        return try await Self.timed("publish") {
            try await publish(inventory: inventory, hashing: hashing, photoOutputs: photoOutputs, visions: visions,
                              voices: voices, audio: audio, extraction: extraction, merged: merged,
                              descriptions: descriptions, keys: [mergeKey, descriptions.key] + photoKeys)
        }
    }

    static func nothingUsableCause(inventory: FolderInventory, issues: [ProcessingIssue], audio: [HashedFile], offline: Bool) -> FailureCause {
        if inventory.files.isEmpty && inventory.refused.isEmpty { return .emptyFolder }
        if !audio.isEmpty && offline && issues.isEmpty { return .onlyVoiceMemo }
        return .nothingUsable
    }
}

/// "Processing (stage)" through the lifecycle; a value, so stages running side by side can each report.
struct StatusReporter: Sendable {
    let lifecycle: FolderLifecycle
    let folder: URL
    let identity: FileSystem.Identity
    /// Several hosts: a worker whose claim was taken over must not overwrite the new worker's status.
    let fence: (any PublishFence)?

    func processing(_ stage: StageName) async throws {
        if let fence, await !fence.mayPublish() { throw LeaseLost(folder: folder.path) }
        try await lifecycle.processing(folder, stage: stage, identity: identity)
    }
}

/// Everything the merge depends on, hashed for its cache key.
private struct MergeInput: Encodable {
    struct Voice: Encodable {
        var transcript: String
        var facts: PropertyDetails?
    }
    var text: PropertyDetails?
    var textFromModel: Bool
    var words: String
    var voices: [Voice]
    var images: AggregatedPropertyInsights?
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
