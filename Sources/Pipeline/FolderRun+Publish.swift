import BlockingIO
import Foundation
import Logging
import ListingAI
import PipelineStore
import PropertyCore
#if canImport(Glibc)
import Glibc
#endif

extension FolderRun {
    /// Stage 8: result.json, listing.md and _STATUS.txt — skipped when what would be written is
    /// exactly what is already on disk.
    func publish(inventory: FolderInventory, hashing: InputHashing.Outcome, photoOutputs: [PhotoStageOutput],
                 visions: [VisionResult], voices: [VoiceStageOutput], audio: [HashedFile], extraction: ExtractStageOutput,
                 merged: MergedListing, descriptions: Descriptions, keys: [String]) async throws -> FolderOutcome {
        let fingerprint = StageCache.key("publish", version: 3, parts: keys + [
            renderer.templateHash, site.renderSignature, propertyId,
            hashing.records.map { "\($0.relativePath)=\($0.sha256)" }.joined(separator: ","),
            issues.map(\.message).joined(separator: ","), inventory.ignored.map(\.path).joined(separator: ","),
            pending.keys.sorted().joined(separator: ","),
        ])
        let pendingReason = pending.values.sorted().first
        try await checkFence()  // before the status says "publishing" or the database records anything
        // Same listing, but result.json or a page edited or removed by hand: the published bytes
        // are written back over exactly those files, from the cache (nothing rendered again).
        var writtenBack = PublishedDigest.WrittenBack()
        if previous?.publishedFingerprint == fingerprint {
            writtenBack = try await PublishedDigest.writeBack(fingerprint, publisher: publisher, cache: cache)
        }
        if !writtenBack.isEmpty {
            if !ran.contains("restore") { ran.append("restore") }
            log.notice("published outputs were changed or removed by hand; wrote back what was published",
                       metadata: ["edited": "\(writtenBack.edited.joined(separator: ","))", "missing": "\(writtenBack.missing.joined(separator: ","))"])
        }
        let published = await publisher.publishedResult()
        // A publish of an older version kept no copies: published again as it was.
        var editedByHand = false
        if writtenBack.isEmpty, published?.publishFingerprint == fingerprint {
            editedByHand = try await !PublishedDigest.matches(fingerprint, publisher: publisher, cache: cache)
        }
        if editedByHand { log.notice("published outputs were changed by hand; writing them again") }
        if let published, published.publishFingerprint == fingerprint, !editedByHand {
            reused.append("publish")
            // The outputs on disk are exactly what this run would write. If the database does not
            // know yet (the process died between writing and recording), record it now, once.
            let state = Self.state(for: published, pending: pendingReason)
            try await store.enqueueHookDeliveries(listingId: propertyId, event: "published", publishKey: fingerprint, targets: site.hook.targets)
            let statusDue = !ran.isEmpty || previous?.state != state || previous?.publishedFingerprint != fingerprint
                || !FileSystem.exists(publisher.statusURL.path)
            try await lifecycle.published(folder, identity: identity, result: published, state: state, fingerprint: fingerprint,
                                          pending: pendingReason, handEditsReplaced: !writtenBack.edited.isEmpty, writeStatus: statusDue)
            if !ran.isEmpty || previous?.publishedFingerprint != fingerprint { try await recordOutputs(of: published) }
            try await store.finishRun(runId, outcome: "unchanged", stagesRun: ran, stagesReused: reused, fingerprint: fingerprint)
            let message = ran.isEmpty ? "unchanged since the last run — no stage ran"
                : ran == ["restore"] ? "outputs changed or removed by hand were written back as published"
                : "inputs re-checked; the listing is unchanged"
            log.info("\(message)")
            return FolderOutcome(propertyId: propertyId, state: state, stagesRun: ran, stagesReused: reused, unchanged: ran.isEmpty,
                                 resultPath: publisher.resultURL.path, listingPath: publisher.listingURL.path, message: message)
        }

        try await setProcessing(.publish)
        var photos = PhotoStage.entries(photoOutputs)
        let insightsBySource = Dictionary(visions.compactMap { vision in vision.insights.map { (vision.source, $0) } },
                                          uniquingKeysWith: { first, _ in first })
        for index in photos.indices {
            photos[index].roomType = insightsBySource[photos[index].source]?.roomType
        }
        let transcripts = zip(audio, voices).map { file, voice in
            TranscriptEntry(source: file.relativePath,
                            path: voice.transcript == nil ? nil : VoiceStage.transcriptPath(for: file.relativePath),
                            language: voice.transcript?.language,
                            status: voice.transcript != nil ? "transcribed" : (voice.pendingReason == nil ? "needs_api_key" : "pending"))
        }
        let allCalls = extraction.calls + voices.flatMap(\.calls) + visions.flatMap(\.calls) + descriptions.calls
        var models: [String: String] = ["text": extraction.model, "description": descriptions.model]
        if let vision = visions.lazy.flatMap(\.calls).first { models["vision"] = vision.model }
        if let voice = voices.lazy.flatMap(\.calls).first(where: { $0.stage == "transcribe" }) { models["transcription"] = voice.model }
        var result = ResultAssembler.assemble(
            propertyId: propertyId, merged: merged, description: descriptions.primary,
            photos: photos, transcripts: transcripts, issues: issues,
            inputs: hashing.files, ignored: site.labellingDraftMarkers(inventory.ignored), modelInfo: models,
            startedAt: started, fingerprint: fingerprint)
        result.descriptions = descriptions.byLanguage
        result.titles = Dictionary(uniqueKeysWithValues: publisher.languages.map {
            ($0.rawValue, ListingWording($0).title(ListingFacts(result)))
        })
        result.agentLanguage = extraction.writtenLanguage ?? merged.details.languagesDetected.first
        result.tokenUsage = CostReport.tokenUsage(allCalls)
        result.estimatedCostUsd = CostReport.totalCost(allCalls)
        if pendingReason != nil && result.validationStatus == .valid { result.validationStatus = .partial }
        let state = Self.state(for: result, pending: pendingReason)
        let draft = site.isDraft(needsAttention: state == .needsAttention,
                                 topLevelNames: inventory.files.map(\.relativePath) + inventory.ignored.map(\.path))
        let dates = try await store.listingDates(folderPath: folder.path, contentHash: renderer.contentHash(of: result, languages: publisher.languages, draft: draft),
                                                 now: Timestamp.now())
        try await checkFence()  // again right before the renames: the stage before may have taken a while
        try await publisher.publish(result, publication: ListingPublication(firstPublished: dates.firstPublished,
                                                                            contentChanged: dates.contentChanged, draft: draft))
        try await PublishedDigest.record(fingerprint, publisher: publisher, cache: cache)
        ran.append("publish")
        // Said once the files are out: recording it below may still fail (a shared database gone
        // away), and the run that tries again records it without writing the listing again.
        log.info("published", metadata: ["state": "\(state.rawValue)", "stages_run": "\(ran.joined(separator: ","))",
                                         "cost_usd": "\(result.estimatedCostUsd ?? 0)"])
        // Recorded before the publish itself: a crash in between still owes the site its rebuild,
        // and the key (the fingerprint) keeps a second recording from sending it twice.
        try await store.enqueueHookDeliveries(listingId: propertyId, event: "published", publishKey: fingerprint, targets: site.hook.targets)
        try await lifecycle.published(folder, identity: identity, result: result, state: state, fingerprint: fingerprint,
                                      pending: pendingReason, handEditsReplaced: editedByHand)
        try await recordOutputs(of: result)
        try await store.finishRun(runId, outcome: state.rawValue, stagesRun: ran, stagesReused: reused, fingerprint: fingerprint)
        let message = switch state {
        case .done: "listing published"
        case .paused: "listing published from the offline rules; AI analysis is pending and will run again by itself"
        default: "listing published; the agent has things to check"
        }
        return FolderOutcome(propertyId: propertyId, state: state, stagesRun: ran, stagesReused: reused, unchanged: false,
                             resultPath: publisher.resultURL.path, listingPath: publisher.listingURL.path, message: message)
    }

    /// Several hosts: stops the run when the folder's claim was taken over (`LeaseLost`).
    func checkFence() async throws {
        guard let fence, await !fence.mayPublish() else { return }
        throw LeaseLost(folder: folder.path)
    }

    /// The manifest of what this publish left in the folder, size, mtime and hash per file
    /// (`PublishedOutput`): the start-up reconciliation and the photo stage find what went missing
    /// or was changed since.
    func recordOutputs(of result: ListingResult) async throws {
        let paths = ["result.json"] + publisher.pages.map(\.url.lastPathComponent)
            + result.photos.flatMap { [$0.photo, $0.thumb].compactMap { $0 } } + result.transcripts.compactMap(\.path)
        let folderPath = folder.path
        let outputs = await BlockingExecutor.shared.run { OutputManifest.record(paths, folderPath: folderPath) }
        try await store.replacePublishedOutputs(of: folderPath, with: outputs)
    }

    static func state(for result: ListingResult, pending: String?) -> FolderState {
        if pending != nil { return .paused }
        return AgentStatusText.questions(for: result).isEmpty ? .done : .needsAttention
    }
}

/// Tokens and money per stage for result.json's token_usage (with output tokens).
enum CostReport {
    static func tokenUsage(_ calls: [StageCall]) -> [String: Int] {
        var usage: [String: Int] = [:]
        for call in calls {
            usage["\(call.stage)_input", default: 0] += call.promptTokens
            usage["\(call.stage)_output", default: 0] += call.completionTokens
            if call.imageTokens > 0 { usage["\(call.stage)_image_tokens", default: 0] += call.imageTokens }
        }
        return usage
    }

    /// Cost of producing this listing: every call behind it, at what it cost when it was made.
    static func totalCost(_ calls: [StageCall]) -> Double {
        (calls.map(\.costUSD).reduce(0, +) * 1_000_000).rounded() / 1_000_000
    }
}
