public import Foundation
public import Logging
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

/// Runs the stages for one property folder and publishes the outputs (DESIGN §4).
///
/// Every stage's output is stored under a key of its inputs' hashes, so a re-run does only the
/// work whose inputs changed, and an unchanged folder runs nothing at all.
public struct FolderProcessor: Sendable {
    let store: PipelineStore
    let configuration: Configuration
    let renderer: ListingRenderer
    let logger: Logger

    public init(store: PipelineStore, configuration: Configuration, logger: Logger) throws {
        self.store = store
        self.configuration = configuration
        self.renderer = try ListingRenderer(templatePath: configuration.listingTemplatePath)
        self.logger = logger
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public func process(folder: URL) async throws -> FolderOutcome {
        let started = Date()
        let folder = folder.standardizedFileURL
        let folderPath = folder.path
        let propertyId = folder.lastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folderPath, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure(description: "\(folderPath) is not a folder")
        }
        var log = logger
        log[metadataKey: "property"] = "\(propertyId)"
        let cache = StageCache(store: store)
        let publisher = Publisher(folder: folder, propertyId: propertyId, renderer: renderer)
        var ran: [String] = []
        var reused: [String] = []

        let previous = try store.folder(at: folderPath)
        let runId = try store.startRun(folderPath: folderPath)
        func record(_ stage: String, ran didRun: Bool) {
            if didRun { ran.append(stage) } else { reused.append(stage) }
        }
        func setProcessing(_ stage: String) throws {
            try store.setState(.processing, stage: stage, folderPath: folderPath, propertyId: propertyId)
            try publisher.writeStatus(state: .processing, stage: stage)
        }

        // 1. inventory
        let inventory = try FolderInventory.scan(folder: folder)
        let knownInputs = try store.inputs(of: folderPath)
        let hashing = InputHashing.hash(inventory.files, folderPath: folderPath, known: knownInputs)
        let inputsChanged = hashing.hashedCount > 0 || Set(knownInputs.map(\.relativePath)) != Set(hashing.records.map(\.relativePath))
        if previous == nil { try store.setState(.queued, folderPath: folderPath, propertyId: propertyId) }
        try store.replaceInputs(of: folderPath, with: hashing.records)
        record("inventory", ran: inputsChanged || previous == nil)
        var issues = inventory.refused
        issues += hashing.problems.map { ProcessingIssue(stage: "inventory", input: $0.path, message: $0.message) }

        let texts = hashing.files.filter { $0.kind == .description || $0.kind == .context }
        let photos = hashing.files.filter { $0.kind == .photo }
        let audio = hashing.files.filter { $0.kind == .audio }

        // 2. photos — each cached by its content hash and derived name; only new or changed
        // photos (or ones whose derived files were deleted) are rendered.
        var photoOutputs: [PhotoStageOutput?] = Array(repeating: nil, count: photos.count)
        var photoKeys: [String] = []
        var toRender: [(index: Int, file: HashedFile, derivedName: String, key: String)] = []
        for (index, file) in photos.enumerated() {
            let derivedName = PhotoStage.derivedName(index: index, source: file.relativePath)
            let key = PhotoStage.key(for: file, derivedName: derivedName)
            photoKeys.append(key)
            if let stored = try cache.stored(key: key, as: PhotoStageOutput.self),
               PhotoStage.derivedFilesExist(stored, folder: folder) {
                photoOutputs[index] = stored
            } else {
                toRender.append((index, file, derivedName, key))
            }
        }
        if !toRender.isEmpty {
            try setProcessing("photos")
            let rendered = await PhotoStage.render(toRender.map { ($0.file, $0.derivedName) }, folder: folder)
            for (job, output) in zip(toRender, rendered) {
                try cache.store(output, stage: "photos", key: job.key)
                photoOutputs[job.index] = output
            }
        }
        let photoResults = photoOutputs.compactMap { $0 }
        PhotoStage.removeStaleDerivedFiles(keeping: photoResults, folder: folder)
        if !photos.isEmpty { record("photos", ran: !toRender.isEmpty) }
        for output in photoResults where output.problem != nil {
            issues.append(ProcessingIssue(stage: "photos", input: output.source, message: output.problem!))
        }

        // 3. transcribe — offline there is no speech-to-text; memos are listed as waiting for a key.
        let transcripts = audio.map {
            TranscriptEntry(source: $0.relativePath, status: "needs_api_key")
        }

        // 4. extract
        let extractKey = ExtractStage.key(for: texts)
        let extraction: ExtractStageOutput
        if texts.isEmpty {
            extraction = ExtractStageOutput(details: nil, writtenNumbers: [], sourceText: "", issues: [], model: "offline-rules")
        } else {
            let (output, didRun) = try await cache.output(stage: "extract", key: extractKey) {
                try setProcessing("reading the description")
                return ExtractStage.run(texts: texts, folder: folder)
            }
            extraction = output
            record("extract", ran: didRun)
        }
        issues += extraction.issues

        // Nothing usable at all: say so plainly and publish nothing.
        let usablePhotos = photoResults.filter { $0.rendered != nil }
        if extraction.details == nil && usablePhotos.isEmpty {
            let reason = Self.nothingUsableReason(inventory: inventory, issues: issues, audio: audio)
            log.warning("nothing usable", metadata: ["reason": "\(reason)"])
            try store.setState(.failed, error: reason, folderPath: folderPath, propertyId: propertyId)
            try publisher.writeStatus(state: .failed, reason: reason, issues: issues, ignored: inventory.ignored)
            try store.finishRun(runId, outcome: "failed", stagesRun: ran, stagesReused: reused, fingerprint: nil)
            return FolderOutcome(propertyId: propertyId, state: .failed, stagesRun: ran, stagesReused: reused,
                                 unchanged: false, resultPath: nil, listingPath: nil, message: reason)
        }

        // 6. merge (5. vision needs a provider; offline, photos carry no room labels)
        let mergeKey = StageCache.key("merge", version: 1, parts: [extractKey] + photoKeys)
        let (merged, mergeRan) = try await cache.output(stage: "merge", key: mergeKey) {
            try setProcessing("merging")
            let text = extraction.details.map { SourceFacts(source: "text", details: $0, fromModel: false) }
            return ListingMerger.merge(text: text, voice: nil, images: nil, writtenNumbers: Set(extraction.writtenNumbers))
        }
        record("merge", ran: mergeRan)

        // 7. describe
        let describeKey = StageCache.key("describe", version: 1, parts: [mergeKey, "offline"] + configuration.descriptionLanguages)
        let (description, describeRan) = try await cache.output(stage: "describe", key: describeKey) {
            try setProcessing("writing the description")
            return OfflineDescriber.describe(merged.details)
        }
        record("describe", ran: describeRan)

        // 8. publish — skipped when what would be written is what is already there.
        let fingerprint = StageCache.key("publish", version: 1, parts: [
            describeKey, mergeKey, renderer.templateHash, propertyId,
            hashing.records.map { "\($0.relativePath)=\($0.sha256)" }.joined(separator: ","),
            issues.map(\.message).joined(separator: ","), inventory.ignored.map(\.path).joined(separator: ","),
        ])
        if publisher.publishedFingerprint() == fingerprint {
            reused.append("publish")
            // The outputs on disk are exactly what this run would write. If the database does not
            // know yet (the process died between writing and recording), record it now, once.
            let state = AgentStatusText.advice(for: try publisher.publishedResult()).isEmpty ? FolderState.done : .needsAttention
            _ = try store.recordPublish(folderPath: folderPath, fingerprint: fingerprint, state: state)
            try store.finishRun(runId, outcome: "unchanged", stagesRun: ran, stagesReused: reused, fingerprint: fingerprint)
            if !ran.isEmpty || previous?.state != state || previous?.publishedFingerprint != fingerprint {
                try publisher.writeStatus(state: state, result: try publisher.publishedResult())
            }
            let message = ran.isEmpty ? "unchanged since the last run — no stage ran" : "inputs re-checked; the listing is unchanged"
            log.info("\(message)")
            return FolderOutcome(propertyId: propertyId, state: state, stagesRun: ran, stagesReused: reused, unchanged: ran.isEmpty,
                                 resultPath: publisher.resultURL.path, listingPath: publisher.listingURL.path, message: message)
        }

        try setProcessing("publishing")
        let result = ResultAssembler.assemble(
            propertyId: propertyId, merged: merged, description: description,
            photos: PhotoStage.entries(photoResults), transcripts: transcripts, issues: issues,
            inputs: hashing.files, ignored: inventory.ignored, textModel: extraction.model,
            startedAt: started, fingerprint: fingerprint)
        let advice = AgentStatusText.advice(for: result)
        let state: FolderState = advice.isEmpty ? .done : .needsAttention
        try publisher.publish(result)
        ran.append("publish")
        _ = try store.recordPublish(folderPath: folderPath, fingerprint: fingerprint, state: state)
        try publisher.writeStatus(state: state, result: result)
        try store.finishRun(runId, outcome: state.rawValue, stagesRun: ran, stagesReused: reused, fingerprint: fingerprint)
        log.info("published", metadata: ["state": "\(state.rawValue)", "stages_run": "\(ran.joined(separator: ","))"])
        return FolderOutcome(propertyId: propertyId, state: state, stagesRun: ran, stagesReused: reused, unchanged: false,
                             resultPath: publisher.resultURL.path, listingPath: publisher.listingURL.path,
                             message: state == .done ? "listing published" : "listing published; the agent has things to check")
    }

    static func nothingUsableReason(inventory: FolderInventory, issues: [ProcessingIssue], audio: [HashedFile]) -> String {
        if inventory.files.isEmpty && inventory.refused.isEmpty {
            return "The folder has no description, photos or voice memo yet. Add description.txt and photos."
        }
        if !audio.isEmpty && issues.isEmpty {
            return "Only a voice memo was found, and voice memos need an API key to be transcribed. Add description.txt with the main facts (type, bedrooms, price, location)."
        }
        return "Nothing in the folder could be used (see the problems listed below). Add a readable description.txt or photos."
    }
}
