import PropertyCore
#if canImport(Glibc)
import Glibc
#endif

/// Trouble with the inbox itself or with a folder the daemon cannot open: seen at once and said,
/// not left to the periodic reconciliation.
extension InboxWatcher {
    /// A directory that exists but cannot be listed (chmod 000, a foreign owner): the errno, else nil.
    static func listingError(ofDirectory path: String) -> Int32? {
        // Names not in NFC or not UTF-8 are held as FileName strings: back to their bytes here.
        FileName.withSystemPath(path) { system -> Int32? in
            var info = stat()
            guard lstat(system, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return nil }
            guard let handle = opendir(system) else { return errno }
            closedir(handle)
            return nil
        }
    }

    /// Reports `path` as unreadable once per fault (the effect's caller retries it), or, when it
    /// can be read again, forgets the fault and treats the folder as changed.
    mutating func lookAtPermissions(of path: String) {
        if let number = Self.listingError(ofDirectory: path) {
            if unreadable.insert(path).inserted {
                log(.error, "a property folder cannot be opened; it is tried again until its permissions are fixed",
                    ["path": path, "error": String(cString: strerror(number))])
                effects.append(.unreadable(path))
            }
        } else if unreadable.remove(path) != nil, let snapshot = FolderSnapshot.take(of: path) {
            log(.notice, "a property folder can be opened again", ["path": path])
            addWatches(String(path.dropFirst(settings.inbox.count + 1)), snapshot: snapshot)
            noteActivity(path, at: clock.now())
        }
    }

    /// Of `folders`, those without result.json or listing.md: two `stat`s each.
    static func foldersMissingOutputs(_ folders: some Sequence<String>) -> Set<String> {
        Set(folders.filter { folder in
            ["result.json", "listing.md"].contains { name in
                var info = stat()
                return FileName.withSystemPath(folder + "/" + name) { lstat($0, &info) } != 0
            }
        })
    }

    /// Folders where an output of the latest publish is gone or changed (`OutputStamp`: a `stat`
    /// each, a hash where the mtime moved): at start-up, for what changed while no daemon ran.
    /// Folders with no manifest (published by an older version) get the two-file check above.
    static func foldersMissingOutputs(manifests: [String: [String: OutputStamp]]) -> Set<String> {
        Set(manifests.filter { folder, outputs in
            if outputs.isEmpty { return !foldersMissingOutputs([folder]).isEmpty }
            return outputs.contains { relative, stamp in !stamp.matchesFile(at: folder + "/" + relative) }
        }.keys)
    }

    /// The inbox path's device and inode, nil when it is gone.
    static func identity(of path: String) -> InboxIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return InboxIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// A file system is mounted on `path`: a mount point in /proc/self/mountinfo (a bind mount of
    /// a directory of the same disk too, which a device comparison would miss).
    static func isMountPoint(_ path: String, mountTable: String = "/proc/self/mountinfo") -> Bool {
        guard let resolved = realpath(path, nil) else { return false }
        let real = String(cString: resolved)
        free(resolved)
        guard let table = readSmallFile(mountTable) else {
            var own = stat(), parent = stat()
            return stat(real, &own) == 0 && stat(real + "/..", &parent) == 0 && own.st_dev != parent.st_dev
        }
        // Fields: id, parent id, major:minor, root, mount point (spaces and such as \040), …
        return table.split(separator: "\n").contains { line in
            let fields = line.split(separator: " ", maxSplits: 5)
            return fields.count > 4 && unescapedMountPoint(fields[4]) == real
        }
    }

    static func unescapedMountPoint(_ field: Substring) -> String {
        var bytes: [UInt8] = []
        var rest = Array(field.utf8)[...]
        while let byte = rest.popFirst() {
            if byte == UInt8(ascii: "\\"), rest.count >= 3, let code = UInt8(String(decoding: rest.prefix(3), as: UTF8.self), radix: 8) {
                bytes.append(code)
                rest = rest.dropFirst(3)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func readSmallFile(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var data: [UInt8] = [], buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            guard count > 0 else { return count == 0 ? String(decoding: data, as: UTF8.self) : nil }
            data += buffer.prefix(count)
        }
    }

    public static let inboxReplacedReason = "inbox replaced"

    /// Once a tick: an inbox deleted and created again, or a file system mounted over it, is a new
    /// directory whose events the old watch never sees. Watch the new one and reconcile at once.
    /// A file system unmounted from the inbox (an operator replacing the disk) is waited for.
    mutating func checkInboxIdentity() {
        let now = Self.identity(of: settings.inbox)
        // A lost watch with the same identity: unmounted and mounted again within a tick.
        guard now != inboxIdentity || (inboxWatchLost && now != nil) else { return }
        inboxWatchLost = false
        inboxIdentity = now
        let wasMountPoint = inboxIsMountPoint
        inboxIsMountPoint = Self.isMountPoint(settings.inbox)
        guard now != nil else {
            log(.critical, "the inbox is gone; waiting for it to come back", ["path": settings.inbox])
            return
        }
        if wasMountPoint && !inboxIsMountPoint {
            isInboxUnmounted = true
            for (descriptor, directory) in watches where directory.isEmpty { watches[descriptor] = nil }
            log(.warning, "the file system mounted on the inbox was unmounted; its folders are not taken as removed, waiting for it to be mounted again",
                ["path": settings.inbox])
            return
        }
        if isInboxUnmounted { log(.notice, "a file system was mounted on the inbox again", ["path": settings.inbox]) }
        isInboxUnmounted = false
        if let watching {
            for (descriptor, directory) in watches where directory.isEmpty { watches[descriptor] = nil }
            do {
                watches[try watching.addWatch(path: settings.inbox, mask: Inotify.inboxMask)] = ""
            } catch {
                log(.error, "cannot watch the new inbox", ["error": "\(error)"])
            }
        }
        log(.notice, "the inbox was replaced (re-created or mounted over); watching the new one", ["path": settings.inbox])
        effects.append(.reconcile(reason: Self.inboxReplacedReason))
    }
}

/// Which directory the inbox path names right now.
struct InboxIdentity: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64
}
