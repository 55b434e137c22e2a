import BlockingIO
import FolderWatch
import Foundation
import ListingAI
import Logging
import ModelGateway
import PhotoProcessing
import PipelineStore
import PropertyCore
#if canImport(Glibc)
import Glibc
#endif

extension FolderRun {
    // MARK: 2. photos

    /// Each photo is cached by its content hash and derived name; only new or changed photos (or
    /// ones whose derived files were deleted) are rendered.
    func photoStage(_ photos: [HashedFile]) async throws -> (outputs: [PhotoStageOutput], keys: [String]) {
        var outputs: [PhotoStageOutput?] = Array(repeating: nil, count: photos.count)
        var keys: [String] = []
        var toRender: [(index: Int, file: HashedFile, derivedName: String, key: String)] = []
        // Derived files of a cached photo removed or changed by hand: only written back, the
        // photo's analysis stands (a restore, not a run of the photo stage).
        var restoring = 0
        let published = OutputManifest.stamps(try await store.publishedOutputs(of: folder.path))
        for (index, file) in photos.enumerated() {
            let derivedName = PhotoStage.derivedName(index: index, source: file.relativePath)
            let key = PhotoStage.key(for: file, derivedName: derivedName)
            keys.append(key)
            let stored = try await cache.stored(key: key, as: PhotoStageOutput.self)
            if let stored, PhotoStage.derivedFilesIntact(stored, folder: folder, published: published) {
                outputs[index] = stored
            } else {
                if stored?.rendered != nil { restoring += 1 }
                toRender.append((index, file, derivedName, key))
            }
        }
        if restoring > 0 {
            log.info("derived photos missing or changed; writing them again from their originals", metadata: ["photos": "\(restoring)"])
        }
        if !toRender.isEmpty {
            try await setProcessing(.photos)
            let rendered = await PhotoStage.render(toRender.map { ($0.file, $0.derivedName) }, folder: folder, logger: log)
            for (job, output) in zip(toRender, rendered) {
                if output.isCacheable { try await cache.store(output, stage: "photos", key: job.key) }
                outputs[job.index] = output
            }
            try Task.checkCancellation()
        }
        let results = outputs.compactMap { $0 }
        // Photos that failed on our side are not published as unusable: the run stops and is
        // retried; the ones that rendered are cached and not rendered again.
        let notRendered = results.filter { !$0.isCacheable }
        if let first = notRendered.first {
            throw PhotosNotRendered(count: notRendered.count, firstProblem: "\(first.source): \(first.problem ?? "")",
                                    reason: first.pause ?? .serverProblem)
        }
        if results.contains(where: UploadInProgress.isCutShort) {
            // stat and a walk of /proc: on the executor (the task-local listing is read here first).
            let (folder, stall, openFiles) = (folder, stalledUploadSeconds, UploadInProgress.openFiles)
            if let upload = await BlockingExecutor.shared.run({
                UploadInProgress.find(results, photos: photos, folder: folder, stallSeconds: stall, openFiles: openFiles)
            }) { throw upload }
        }
        PhotoStage.removeStaleDerivedFiles(keeping: results, folder: folder)
        if restoring > 0 && restoring == toRender.count {
            ran.append("restore")
        } else if !photos.isEmpty {
            record("photos", ran: !toRender.isEmpty)
        }
        for output in results where output.problem != nil {
            issues.append(ProcessingIssue(stage: .photos, input: output.source, problem: .photo(output.kind ?? .damaged),
                                          message: output.problem))
        }
        return (results, keys)
    }

    // MARK: 3. voice

    /// Transcribes and reads each memo. Offline, memos wait for an API key. A memo the provider
    /// could not handle is retried on the next run (its failure is not cached).
    static func voiceStage(_ audio: [HashedFile], folder: URL, cache: StageCache, models: (any ListingModels)?,
                           signature: String) async throws -> (outputs: [VoiceStageOutput], ran: Bool) {
        guard let models else { return (audio.map { VoiceStageOutput(source: $0.relativePath) }, false) }
        var outputs: [VoiceStageOutput] = []
        var ran = false
        for file in audio {
            let key = VoiceStage.key(for: file, signature: signature)
            if var stored = try await cache.stored(key: key, as: VoiceStageOutput.self) {
                stored.source = file.relativePath
                outputs.append(stored)
                continue
            }
            ran = true
            let output = await VoiceStage.run(file: file, folder: folder, models: models)
            if output.pendingReason == nil { try await cache.store(output, stage: "transcribe", key: key) }
            outputs.append(output)
        }
        for output in outputs { VoiceStage.writeTranscript(output, folder: folder) }
        return (outputs, ran)
    }

    // MARK: 4. extract

    /// Static so it can run beside the photo and voice stages; the caller records the outcome.
    static func extractStage(_ texts: [HashedFile], folder: URL, cache: StageCache, status: StatusReporter,
                             models: (any ListingModels)?, signature: String) async throws -> (output: ExtractStageOutput, ran: Bool) {
        guard !texts.isEmpty else {
            return (ExtractStageOutput(details: nil, words: "", issues: [], model: models == nil ? "offline-rules" : "none"), false)
        }
        let key = ExtractStage.key(for: texts, signature: signature)
        if let stored = try await cache.stored(key: key, as: ExtractStageOutput.self) { return (stored, false) }
        try await status.processing(.extract)
        let text = try AgentText.read(texts, folder: folder)
        if !text.unreadable.isEmpty { throw InputsNotRead(files: text.unreadable) }
        let output = if let models { await ExtractStage.withModel(text, models: models) } else { ExtractStage.offline(text) }
        // A fallback answer is not kept: the next run asks the model again.
        if output.pendingReason == nil { try await cache.store(output, stage: "extract", key: key) }
        return (output, true)
    }

    // MARK: 5. vision

    /// Photos not analysed yet go to the model together; each keeps its own insights.
    static func visionStage(_ photos: [PhotoStageOutput], photoKeys: [String], folder: URL, cache: StageCache,
                            models: (any ListingModels)?, signature: String, logger: Logger) async throws -> (outputs: [VisionResult], ran: Bool) {
        guard let models else { return ([], false) }
        var results: [VisionResult] = []
        var missing: [(source: String, key: String, photo: VisionCandidate)] = []
        var jpegPaths: [String: String] = [:]
        for index in VisionStage.candidates(photos) {
            let output = photos[index]
            let key = VisionStage.key(photoKey: photoKeys[index], signature: signature)
            if let stored = try await cache.stored(key: key, as: VisionStageOutput.self) {
                results.append(VisionResult(source: output.source, insights: stored.insights, calls: stored.calls))
            } else if let rendered = output.rendered, let path = output.photo {
                missing.append((output.source, key, VisionCandidate(id: output.source, width: rendered.width, height: rendered.height)))
                jpegPaths[output.source] = folder.appendingPathComponent(path).path
            }
        }
        guard !missing.isEmpty else { return (results, false) }
        do {
            let prepared = await VisionStage.prepare(missing.map(\.photo), jpegPaths: jpegPaths, models: models, logger: logger)
            let (insights, calls) = prepared.photos.isEmpty ? ([], []) : try await models.analyzePhotos(prepared.photos)
            let byId = Dictionary(insights.map { ($0.imageId, $0) }, uniquingKeysWith: { first, _ in first })
            var callsToRecord = calls  // on the first photo kept, so the batch's cost counts once
            for item in missing {
                // Not read (the folder moved, the disk failed): no answer is kept, and the folder is
                // pending like any AI stage that could not finish, so the retry schedule asks again.
                if prepared.unreadable.contains(item.source) {
                    results.append(VisionResult(source: item.source, insights: nil, calls: [],
                                                pendingReason: "the derived photo \(item.source) could not be read for the vision model"))
                    continue
                }
                let output = VisionStageOutput(insights: byId[item.source], calls: callsToRecord)
                callsToRecord = []
                try await cache.store(output, stage: "vision", key: item.key)
                results.append(VisionResult(source: item.source, insights: output.insights, calls: output.calls))
            }
        } catch {
            let reason = GatewayError.reason(for: error)
            results += missing.map { VisionResult(source: $0.source, insights: nil, calls: [], pendingReason: reason) }
        }
        return (results, true)
    }

    // MARK: 7. describe

    struct Descriptions: Codable, Sendable {
        var byLanguage: [String: String]
        var primary: String
        var calls: [StageCall] = []
        var model: String
        var key = ""
    }

    /// Every configured language from the same facts. Offline (or while facts wait for the
    /// model) each language gets the offline template; with a provider each language is written
    /// by the model and grounded: a text with a number or amenity the facts do not hold is
    /// replaced by that language's template.
    func describeStage(_ merged: MergedListing, aggregated: AggregatedPropertyInsights?, mergeKey: String,
                       languages: [ListingLanguage], written: Set<Double>, models: (any ListingModels)?,
                       signature: String) async throws -> Descriptions {
        let languages = languages.isEmpty ? [ListingLanguage.en] : languages
        let key = StageCache.key("describe", version: 3, parts: [signature, mergeKey] + languages.map(\.rawValue))
        if var stored = try await cache.stored(key: key, as: Descriptions.self) {
            record("describe", ran: false)
            stored.key = key
            return stored
        }
        try await setProcessing(.describe)
        record("describe", ran: true)
        let offline = Dictionary(uniqueKeysWithValues: languages.map { ($0.rawValue, OfflineDescriber.describe(merged.details, in: $0)) })
        let primary = languages[0].rawValue
        guard let models, pending.isEmpty else {
            // Offline, or facts still waiting for the model: plain sentences from the facts. The
            // key already says which facts these are, so the answer can be kept.
            let result = Descriptions(byLanguage: offline, primary: offline[primary]!, model: "offline-template", key: key)
            try await cache.store(result, stage: "describe", key: key)
            return result
        }
        var result = Descriptions(byLanguage: offline, primary: offline[primary]!, model: "offline-template", key: key)
        let facts = ListingFacts(merged.details)
        let seen = (aggregated?.keyAmenities ?? []) + (aggregated?.standoutFeatures ?? [])
        do {
            for language in languages {
                let (text, call) = try await models.describe(details: merged.details, insights: aggregated, language: language.rawValue)
                result.calls.append(call)
                result.model = call.model
                let findings = DescriptionGrounding.check(text, language: language, facts: facts, allowedNumbers: Array(written),
                                                          allowedAmenities: seen)
                if findings.isEmpty {
                    result.byLanguage[language.rawValue] = text
                } else {
                    log.warning("description not grounded; the offline text is used for this language",
                                metadata: ["language": "\(language.rawValue)", "findings": "\(findings.map(\.what).joined(separator: "; "))"])
                }
            }
            result.primary = result.byLanguage[primary] ?? offline[primary]!
            try await cache.store(result, stage: "describe", key: key)
        } catch {
            pending["describe"] = GatewayError.reason(for: error)
            result = Descriptions(byLanguage: offline, primary: offline[primary]!, calls: result.calls, model: "offline-template", key: key)
        }
        return result
    }
}

/// One photo's vision answer as the run uses it.
struct VisionResult: Sendable {
    var source: String
    var insights: ImageInsights?
    var calls: [StageCall]
    var pendingReason: String?
}

/// A photo that decodes as cut short while its file changed within the stall window (or grew
/// since the inventory) is an upload still under way, whether or not anything saw its writer:
/// after a restart the watcher has no open/close events for it, and with `/proc` hidden
/// (`ProtectProc=invisible`, another user's SFTP process) no look at open files shows it. The
/// run stops before publishing and the folder waits. Still cut short once the stall window has
/// passed, it is the file's own problem and is published as damaged.
struct UploadInProgress: Error, CustomStringConvertible {
    var files: [String]
    /// Wall-clock seconds of the newest change among them.
    var lastChange: Double
    var stallSeconds: Double

    var description: String { "\(files.joined(separator: ", ")) cut short and still changing: an upload in progress" }

    /// Where the look at open files comes from: /proc, or a test's stand-in for a /proc that hides
    /// other users' processes.
    @TaskLocal static var openFiles: any OpenFileListing = ProcOpenFiles()

    static func isCutShort(_ output: PhotoStageOutput) -> Bool {
        output.rendered?.truncated == true || output.cutShort == true
    }

    static func find(_ outputs: [PhotoStageOutput], photos: [HashedFile], folder: URL, stallSeconds: Double,
                     now: Double = Date().timeIntervalSince1970, openFiles: any OpenFileListing = UploadInProgress.openFiles) -> UploadInProgress? {
        let inventoried = Dictionary(photos.map { ($0.relativePath, $0.bytes) }, uniquingKeysWith: { first, _ in first })
        var files: [String] = []
        var lastChange = 0.0
        for output in outputs where isCutShort(output) {
            var info = stat()
            guard FileName.withSystemPath(folder.appendingPathComponent(output.source).path, { stat($0, &info) }) == 0 else { continue }
            let changed = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
            let grew = inventoried[output.source].map { Int64(info.st_size) > $0 } ?? false
            guard grew || now - changed < stallSeconds else { continue }
            files.append(output.source)
            lastChange = max(lastChange, min(changed, now))
        }
        guard !files.isEmpty else { return nil }
        // When /proc shows every process (root), it has the last word: a photo no one holds open
        // is finished, cut short for good.
        let open = openFiles.filesOpenForWriting(in: folder.deletingLastPathComponent().path)
        if open.sawEveryProcess {
            let held = open.files[folder.path] ?? [:]
            files = files.filter { held[$0] != nil }
            guard !files.isEmpty else { return nil }
        }
        return UploadInProgress(files: files, lastChange: lastChange, stallSeconds: stallSeconds)
    }
}
