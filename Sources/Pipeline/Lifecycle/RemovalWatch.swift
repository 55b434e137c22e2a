import FolderWatch
import PropertyCore
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Sees entries leave a folder while it is processed. SFTP and Samba clients delete a folder
/// entry by entry, bottom-up, and the folder exists until its last entry is gone: a file this run
/// adds meanwhile keeps the client's final `rmdir` from succeeding. So every write into a folder
/// being processed asks first (`AtomicFile`, `makeOutputFolder`), and one removal that is not our
/// own stops the run before its next write.
///
/// Each run has its own inotify descriptor, read without waiting at each check: no event loop
/// stands between the kernel and the check. That leaves the gap between a client listing a folder
/// and its first removal: what this run wrote there is new to the client. So a thread of the
/// watch's own waits on the descriptor and, at the first removal, takes back what the run created
/// (`takeBackOwnCreations`) at once — not at the run's next write, which a long photo may delay
/// past the client's `rmdir` — and the client finds the folder as empty as it left it.
final class RemovalWatch: Sendable {
    let folder: String
    private let inotify: Inotify?
    /// Our own outputs in the folder when the run began (relative paths, `_listing/…` included).
    private let outputsAtStart: Set<String>
    private struct State {
        var directories: [Int32: String] = [:]
        /// Paths this run removes itself (stale derived photos and pages): not a deletion by anyone else.
        var ownRemovals: Set<String> = []
        /// The first entry seen leaving, relative to the folder.
        var removed: String?
    }
    private let state = Mutex(State())
    private let takingBack = Mutex(())
    /// Set by `end()`: the monitor thread stops within one poll.
    private let ended = Atomic<Bool>(false)

    /// Removals, and the directory itself going: nothing else wakes this descriptor.
    private static let mask = UInt32(IN_DELETE | IN_MOVED_FROM | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW)

    private init(folder: String) {
        self.folder = folder
        inotify = try? Inotify()
        outputsAtStart = Set(Self.ownOutputs(in: folder))
        watchTree(folder)
        guard inotify != nil else { return }
        let thread = Thread { [self] in monitor() }
        thread.name = "removal-watch"
        thread.start()
    }

    /// Until the run ends: at the first removal by anyone else, takes back what the run created.
    private func monitor() {
        var tookBack = false
        while !ended.load(ordering: .acquiring) {
            if inotify?.wait(timeoutMilliseconds: 50) == true { drain() }
            if !tookBack, state.withLock({ $0.removed != nil }) {
                takeBackOwnCreations()
                tookBack = true
            }
        }
    }

    /// Our outputs in `folder` now: the status, the pages, `result.json`, our temp files, and
    /// `_listing/` with everything under it (relative paths, parents before children).
    private static func ownOutputs(in folder: String) -> [String] {
        var found: [String] = []
        for name in FileSystem.names(in: folder) where FileRules.ownOutputs.contains(name) || FileRules.isTranslatedListing(name) || name.hasPrefix(FileRules.ownTempPrefix) {
            found.append(name)
            if name == "_listing" { found += tree(under: folder + "/" + name).map { name + "/" + $0 } }
        }
        return found
    }

    private static func tree(under directory: String) -> [String] {
        var found: [String] = []
        for name in FileSystem.names(in: directory) {
            found.append(name)
            let path = directory + "/" + name
            if FileSystem.isDirectory(path), !isSymlink(path) { found += tree(under: path).map { name + "/" + $0 } }
        }
        return found
    }

    /// Removes the outputs this run created (not those the folder had when it began), children
    /// first: a client that listed the folder before they appeared then empties it completely.
    /// What was there before stays: the client saw it, and deletes it itself if it deletes all.
    func takeBackOwnCreations() {
        // The monitor and the run may both get here; one pass at a time.
        takingBack.withLock { _ in takeBack() }
    }

    private func takeBack() {
        let created = Self.ownOutputs(in: folder).filter { !outputsAtStart.contains($0) }
        for relative in created.reversed() {
            let path = folder + "/" + relative
            expect(path)
            if FileSystem.isDirectory(path), !Self.isSymlink(path) {
                _ = FileName.withSystemPath(path) { rmdir($0) }
            } else {
                FileSystem.removeFile(path)
            }
        }
    }

    /// The first entry that left the folder during this run (not by this run), if any.
    var removedEntry: String? {
        drain()
        return state.withLock { $0.removed }
    }

    /// Throws when an entry left the folder since the run began.
    func check() throws(PipelineError) {
        if let entry = removedEntry {
            throw PipelineError(.folderLosingEntries, "\(FileName.display(folder)) is losing entries (\(FileName.display(entry)) went) while it was processed; nothing more was written")
        }
    }

    /// Watches `directory` and every directory under it (inputs in subfolders, `_listing/…`).
    func watchTree(_ directory: String) {
        guard let inotify, let watch = try? inotify.addWatch(path: directory, mask: Self.mask) else { return }
        let relative = directory == folder ? "" : String(directory.dropFirst(folder.count + 1))
        state.withLock { $0.directories[watch] = relative }
        for name in FileSystem.names(in: directory) where FileSystem.isDirectory(directory + "/" + name) && !Self.isSymlink(directory + "/" + name) {
            watchTree(directory + "/" + name)
        }
    }

    private static func isSymlink(_ path: String) -> Bool {
        var info = stat()
        return FileName.withSystemPath(path, { lstat($0, &info) }) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }

    /// Reads and handles what is queued, under the state's lock: the monitor and a check both
    /// drain, and an own removal's event must be handled before a later one of the same name.
    private func drain() {
        guard let inotify else { return }
        state.withLock { state in
            guard let events = try? inotify.read(timeoutMilliseconds: 0), !events.isEmpty else { return }
            for event in events where state.removed == nil {
                if event.isOverflow { state.removed = "(many entries)"; continue }
                guard let directory = state.directories[event.watch] else { continue }
                if event.isSelfGone {
                    state.removed = directory.isEmpty ? "(the folder itself)" : directory
                    continue
                }
                guard event.isRemoval else { continue }
                // Our own atomic writes rename a temp file away; our own clean-ups were announced.
                if event.name.hasPrefix(FileRules.ownTempPrefix) { continue }
                let relative = directory.isEmpty ? event.name : directory + "/" + event.name
                if state.ownRemovals.remove(folder + "/" + relative) != nil { continue }
                state.removed = relative
            }
        }
    }

    private func expect(_ path: String) {
        _ = state.withLock { $0.ownRemovals.insert(path) }
    }

    // MARK: the folders being processed

    private static let running = Mutex<[String: RemovalWatch]>([:])

    /// Starts watching `folder` for the length of a run; `end()` stops.
    static func begin(folder: String) -> RemovalWatch {
        let watch = RemovalWatch(folder: folder)
        running.withLock { $0[folder] = watch }
        return watch
    }

    func end() {
        ended.store(true, ordering: .releasing)
        Self.running.withLock { running in
            if running[folder] === self { running.removeValue(forKey: folder) }
        }
    }

    /// The watch of the folder `path` is in, when that folder is being processed.
    static func watch(containing path: String) -> RemovalWatch? {
        running.withLock { running in
            running.first { path.hasPrefix($0.key + "/") }?.value
        }
    }

    /// Before a write to `path`: throws when its folder is being processed and lost an entry.
    static func checkBeforeWriting(to path: String) throws(PipelineError) {
        try watch(containing: path)?.check()
    }

    /// After a write to `path`: when the folder lost an entry meanwhile (the monitor may have
    /// taken back the run's files just before this one appeared), takes it back too and throws.
    static func checkAfterWriting(to path: String) throws(PipelineError) {
        guard let watch = watch(containing: path), watch.removedEntry != nil else { return }
        watch.takeBackOwnCreations()
        try watch.check()
    }

    /// A directory this run just made: removals inside it count too.
    static func noteNewDirectory(_ path: String) {
        watch(containing: path)?.watchTree(path)
    }

    /// A file this run is about to remove itself.
    static func expectRemoval(of path: String) {
        watch(containing: path)?.expect(path)
    }
}
