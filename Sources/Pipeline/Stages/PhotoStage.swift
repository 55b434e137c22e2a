import Foundation
import Logging
import FolderWatch
import PhotoProcessing
import PropertyCore

/// What the photo stage knows about one photo.
struct PhotoStageOutput: Codable, Sendable, Equatable {
    var source: String
    var rendered: RenderedPhoto?
    /// Derived files, relative to the property folder.
    var photo: String?
    var thumb: String?
    /// Why the photo cannot be used, in English for the log and result.json; nil when it is fine.
    var problem: String?
    /// The same as a value (nil in outputs cached before it existed: read as `.damaged`).
    var kind: PhotoProblem?
    /// The failure was ours, not the file's (no worker could start, the disk was full): the
    /// outcome is not kept, so the next run tries the photo again. A decoder crash is the file's.
    var retryLater: Bool?
    /// Why the run pauses for a failure of ours.
    var pause: PauseReason?
    /// The decoder found the file cut short (nil in outputs cached before it existed). A photo
    /// cut short whose file is still changing is an upload in progress (`UploadInProgress`).
    var cutShort: Bool?

    /// Kept in the stage cache under the file's content hash: successes and the file's own
    /// failures, crashes included, so the same bytes never crash a worker twice.
    var isCacheable: Bool { retryLater != true }
}

/// Stage 2: upright, web-sized copies of every photo in `_listing/`, quality checks, duplicate
/// detection and the cover choice. One bad photo never fails the folder.
enum PhotoStage {
    static let version = 2
    static let options = RenderOptions()

    /// `_listing/photos/NN-<name>.jpg`: numbered in folder order so the website keeps it.
    static func derivedName(index: Int, source: String) -> String {
        let base = ((source as NSString).lastPathComponent as NSString).deletingPathExtension
        let safe = base.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? String($0) : "-" }.joined()
        return FileName.fitting(String(format: "%02d-", index + 1) + (safe.isEmpty ? "photo" : safe) + ".jpg")
    }

    static func key(for file: HashedFile, derivedName: String) -> String {
        StageCache.key("photos", version: version, parts: [
            file.sha256, derivedName, "\(options.largeLongEdge)/\(options.thumbLongEdge)/q\(options.jpegQuality)",
        ])
    }

    /// A crashed decoder and failures that are ours are logged for the operator with the file's
    /// hash and the decoder; the agent reads only the plain message.
    static func render(_ files: [(file: HashedFile, derivedName: String)], folder: URL, logger: Logger) async -> [PhotoStageOutput] {
        guard !files.isEmpty else { return [] }
        let listing = folder.appendingPathComponent("_listing")
        FileSystem.makeOutputFolder(listing, subfolders: ["photos", "thumbs"])
        let jobs = files.map { item in
            RenderJob(sourcePath: folder.appendingPathComponent(item.file.relativePath).path,
                      largePath: listing.appendingPathComponent("photos/\(item.derivedName)").path,
                      thumbPath: listing.appendingPathComponent("thumbs/\(item.derivedName)").path)
        }
        let results = await DerivedPhotos.render(jobs, options: options)
        // A stop (SIGTERM, a folder taken away) leaves photos unrendered by design: one summary
        // line, not an error per photo. A crashed decoder is an error; a failure of ours a warning.
        let stopping = Task.isCancelled
        var notRenderedOnStop = 0
        let outputs = zip(files, results).map { item, result in
            switch result {
            case .success(let rendered):
                return PhotoStageOutput(source: item.file.relativePath, rendered: rendered,
                                        photo: "_listing/photos/\(item.derivedName)",
                                        thumb: "_listing/thumbs/\(item.derivedName)", problem: nil)
            case .failure(let error):
                let path = folder.appendingPathComponent(item.file.relativePath).path
                let level: Logger.Level? = if error.kind == .decoderCrashed { .error }
                    else if stopping && error.isTransient { .debug }
                    else if error.isTransient && error.kind != .sourceMissing { .warning }
                    else { nil }
                if stopping && error.isTransient { notRenderedOnStop += 1 }
                if let level {
                    logger.log(level: level, "photo not rendered", metadata: [
                        "file": "\(path)", "sha256": "\(item.file.sha256)", "kind": "\(error.kind.rawValue)",
                        "decoder": "\(PhotoInspector.decoderName(forFileAt: path))", "detail": "\(error.detail ?? error.message)",
                    ])
                }
                return PhotoStageOutput(source: item.file.relativePath, problem: error.message, kind: problem(error),
                                        retryLater: error.isTransient ? true : nil,
                                        pause: error.isTransient ? pauseReason(error) : nil,
                                        cutShort: error.kind == .truncated ? true : nil)
            }
        }
        if notRenderedOnStop > 0 {
            logger.info("photos not rendered: processing was stopped", metadata: ["photos": "\(notRenderedOnStop)"])
        }
        return outputs
    }

    /// What the agent is told about a photo the decoders refused.
    static func problem(_ error: PhotoError) -> PhotoProblem {
        switch error.kind {
        case .empty: .emptyFile
        case .notAnImage: .notAnImage
        case .unsupportedFormat: .unsupportedFormat
        case .tooManyPixels: .tooManyPixels
        case .truncated, .decodeFailed, .decoderCrashed: .damaged
        case .writeFailed, .decoderUnavailable, .sourceMissing, .unreadable: .unreadable
        }
    }

    static func pauseReason(_ error: PhotoError) -> PauseReason {
        if let number = error.errno { return RunFailure.pauseReason(errno: number) }
        return error.kind == .decoderUnavailable ? .photoDecoderUnavailable : .serverProblem
    }

    /// Derived files a cached output names must still be on disk to be reused.
    /// The photo's derived files are there and, where the last publish's manifest (`published`)
    /// names them, still hold what it published (a same-size edit by hand is not).
    static func derivedFilesIntact(_ output: PhotoStageOutput, folder: URL, published: [String: OutputStamp]) -> Bool {
        guard output.rendered != nil else { return true }
        return [output.photo, output.thumb].allSatisfy { path in
            guard let path else { return false }
            let full = folder.appendingPathComponent(path).path
            return published[path].map { $0.matchesFile(at: full) } ?? FileSystem.exists(full)
        }
    }

    /// Removes derived files no current photo owns (a photo deleted or renamed by the agent), and
    /// temp files a run left behind (its folder renamed between a temp file's creation and rename).
    static func removeStaleDerivedFiles(keeping outputs: [PhotoStageOutput], folder: URL) {
        let keep = Set(outputs.flatMap { [$0.photo, $0.thumb].compactMap { $0 } })
        for sub in ["photos", "thumbs"] {
            let directory = folder.appendingPathComponent("_listing/\(sub)")
            for name in FileSystem.names(in: directory.path) where (!name.hasPrefix(".") || name.hasPrefix(FileRules.ownTempPrefix)) && !keep.contains("_listing/\(sub)/\(name)") {
                FileSystem.removeOwnFile(directory.appendingPathComponent(name).path)
            }
        }
    }

    /// Entries for result.json: duplicates flagged, the cover chosen, quality in plain words.
    static func entries(_ outputs: [PhotoStageOutput]) -> [PhotoEntry] {
        let duplicateOf = PhotoSelection.duplicates(of: outputs.map { $0.rendered?.perceptualHash })
        let cover = PhotoSelection.chooseCover(outputs.map(\.rendered), duplicateOf: duplicateOf)
        return outputs.enumerated().map { index, output in
            guard let rendered = output.rendered else {
                return PhotoEntry(source: output.source, quality: .unusable, problems: [output.kind ?? .damaged])
            }
            let problems = rendered.flags.compactMap {
                PhotoProblem(flag: $0, width: rendered.info.width, height: rendered.info.height)
            }
            return PhotoEntry(
                source: output.source, photo: output.photo, thumb: output.thumb,
                width: rendered.width, height: rendered.height, orientationApplied: rendered.orientationApplied,
                quality: problems.isEmpty ? .ok : .low, problems: problems,
                duplicateOf: duplicateOf[index].map { outputs[$0].source }, cover: index == cover)
        }
    }
}
