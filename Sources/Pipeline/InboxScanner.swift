import BlockingIO
public import Foundation
import FolderWatch
public import Logging
public import PipelineStore
public import PropertyCore

/// `scan`: one pass over an inbox, every folder whose upload is complete processed once. Readiness
/// is the same rule the watch daemon applies (`Readiness`), so both agree on when a folder is done.
public struct InboxScanner: Sendable {
    let processor: FolderProcessor
    let store: PipelineStore
    let configuration: Configuration
    let logger: Logger

    public init(processor: FolderProcessor, store: PipelineStore, configuration: Configuration, logger: Logger) {
        self.processor = processor
        self.store = store
        self.configuration = configuration
        self.logger = logger
    }

    public struct Summary: Sendable {
        public var outcomes: [FolderOutcome] = []
        public var waiting: [String] = []
        public var errors: [(String, String)] = []
    }

    /// One folder finished (`done` of `total`): its outcome, or its name and error.
    public struct Progress: Sendable {
        public var done: Int
        public var total: Int
        public var result: Result<FolderOutcome, FolderFailure>
    }

    public struct FolderFailure: Error, Sendable {
        public var propertyId: String
        public var message: String
    }

    /// - Parameter progress: told as each folder finishes, so a long scan shows it is moving.
    public func scan(inbox: URL, progress: (@Sendable (Progress) -> Void)? = nil) async throws -> Summary {
        let inbox = inbox.standardizedFileURL
        var ready: [URL] = []
        var summary = Summary()
        // No events here: /proc says which files are still open for writing (a walk of every
        // process, off the cooperative pool); the settle window covers what it cannot see.
        let inboxPath = inbox.path
        let open = await BlockingExecutor.shared.run { ProcOpenFiles().filesOpenForWriting(in: inboxPath) }
        if !open.sawEveryProcess {
            logger.info("cannot see which files other users' processes hold open (that needs root or CAP_SYS_PTRACE); their uploads are judged by the settle window only",
                        metadata: ["hidden_processes": "\(open.hiddenProcesses)"])
        }
        let now = SystemWallClock().now()
        for path in try InboxListing.propertyFolders(in: inbox.path) {
            let folder = URL(fileURLWithPath: path)
            // A folder that cannot be read right now (vanished, permissions) is not ready.
            let snapshot = FolderSnapshot.take(of: path)
            let beingWritten = open.files[path]?.keys.sorted() ?? []
            let readiness = snapshot.map {
                Readiness.of($0, beingWritten: beingWritten, settleSeconds: configuration.settleSeconds, now: now)
            }
            if readiness == .ready {
                ready.append(folder)
            } else {
                summary.waiting.append(FileName.display(folder.lastPathComponent))
                let stalled = stalledUploads(beingWritten, in: snapshot, now: now)
                for upload in stalled {
                    logger.warning("upload stalled: a file is still open for writing with no progress", metadata: [
                        "path": "\(FileName.display(folder.lastPathComponent))/\(upload.file)", "no_progress_seconds": "\(Int(now - upload.lastProgress))",
                    ])
                }
                try await processor.lifecycle.waiting(folder, stalled: stalled)
            }
        }
        let processed = await processFolders(ready, progress: progress)
        summary.outcomes = processed.outcomes
        summary.errors = processed.errors
        try await processor.lifecycle.writeInboxStatus(inbox)
        return summary
    }

    /// Files open for writing whose last write is older than the stall timeout.
    private func stalledUploads(_ files: [String], in snapshot: FolderSnapshot?, now: Double) -> [StalledUpload] {
        files.compactMap { file in
            guard let entry = snapshot?.entries.first(where: { $0.relativePath == file }) else { return nil }
            let lastProgress = Double(entry.mtimeNs) / 1e9
            return now - lastProgress >= configuration.stalledUploadMinutes * 60
                ? StalledUpload(file: file, lastProgress: lastProgress) : nil
        }
    }

    /// Processes folders with at most `maxConcurrentFolders` at once; one folder's failure is
    /// logged and reported, never stops the others.
    public func processFolders(_ folders: [URL], progress: (@Sendable (Progress) -> Void)? = nil)
        async -> (outcomes: [FolderOutcome], errors: [(String, String)]) {
        var outcomes: [FolderOutcome] = []
        var errors: [(String, String)] = []
        await withTaskGroup(of: (String, Result<FolderOutcome, any Error>).self) { group in
            var pending = folders[...]
            func startNext() {
                guard let folder = pending.popFirst() else { return }
                group.addTask {
                    let name = FileName.display(folder.lastPathComponent)
                    switch await processor.lifecycle.run(folder, with: processor) {
                    case .finished(let outcome): return (name, .success(outcome))
                    case .paused(_, let detail, _): return (name, .failure(RunStopped(message: "paused, will try again: \(detail)")))
                    case .failed(_, let detail): return (name, .failure(RunStopped(message: detail)))
                    case .gone: return (name, .failure(RunStopped(message: "renamed or deleted while it was processed")))
                    case .interrupted: return (name, .failure(RunStopped(message: "interrupted")))
                    case .uploading: return (name, .failure(RunStopped(message: "a photo is still being uploaded; not published yet")))
                    case .losingEntries: return (name, .failure(RunStopped(message: "entries were removed while it was processed; stopped, nothing more written")))
                    case .leaseLost: return (name, .failure(RunStopped(message: "taken over by another worker")))  // never without a fence
                    }
                }
            }
            for _ in 0..<max(1, configuration.maxConcurrentFolders) { startNext() }
            while let (name, result) = await group.next() {
                switch result {
                case .success(let outcome):
                    outcomes.append(outcome)
                    progress?(Progress(done: outcomes.count + errors.count, total: folders.count, result: .success(outcome)))
                case .failure(let error):
                    errors.append((name, "\(error)"))
                    progress?(Progress(done: outcomes.count + errors.count, total: folders.count,
                                       result: .failure(FolderFailure(propertyId: name, message: "\(error)"))))
                }
                startNext()
            }
        }
        return (outcomes.sorted { $0.propertyId < $1.propertyId }, errors)
    }
}

/// Why a run did not finish, for `scan`'s summary (the lifecycle has logged it and written the status).
struct RunStopped: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
