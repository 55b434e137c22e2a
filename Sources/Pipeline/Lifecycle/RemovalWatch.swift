import FolderWatch
import PropertyCore
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
/// stands between the kernel and the check, so the only gap left is between a client listing a
/// folder and its first removal.
final class RemovalWatch: Sendable {
    let folder: String
    private let inotify: Inotify?
    private struct State {
        var directories: [Int32: String] = [:]
        /// Paths this run removes itself (stale derived photos and pages): not a deletion by anyone else.
        var ownRemovals: Set<String> = []
        /// The first entry seen leaving, relative to the folder.
        var removed: String?
    }
    private let state = Mutex(State())

    /// Removals, and the directory itself going: nothing else wakes this descriptor.
    private static let mask = UInt32(IN_DELETE | IN_MOVED_FROM | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW)

    private init(folder: String) {
        self.folder = folder
        inotify = try? Inotify()
        watchTree(folder)
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
        for name in FileSystem.names(in: directory) where FileSystem.isDirectory(directory + "/" + name) && !isSymlink(directory + "/" + name) {
            watchTree(directory + "/" + name)
        }
    }

    private func isSymlink(_ path: String) -> Bool {
        var info = stat()
        return FileName.withSystemPath(path, { lstat($0, &info) }) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }

    private func drain() {
        guard let inotify, let events = try? inotify.read(timeoutMilliseconds: 0), !events.isEmpty else { return }
        state.withLock { state in
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
        _ = Self.running.withLock { running in
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

    /// A directory this run just made: removals inside it count too.
    static func noteNewDirectory(_ path: String) {
        watch(containing: path)?.watchTree(path)
    }

    /// A file this run is about to remove itself.
    static func expectRemoval(of path: String) {
        watch(containing: path)?.expect(path)
    }
}
