import ContentHash
import PropertyCore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One process working on an inbox at a time, whatever its state directory: a second daemon, or
/// a `scan`/`process` beside a running `watch`, is refused instead of rendering the same photos
/// twice.
///
/// The `flock` is held on a file in the host's lock directory (`/run/lock`), named by a hash of
/// the inbox's real path, not inside the inbox: an open file there would keep a file system
/// mounted on the inbox busy, and an operator could not unmount it to replace the disk. It also
/// stays held while the inbox is unmounted or replaced, so a scan is refused then too.
/// `.property-inbox.lock` in the inbox is only a marker, never held open: the holder's pid and lock
/// file, so a process reaching the same inbox by another path (a bind mount) is refused as well.
/// Where the lock directory cannot be written (a unit without `ReadWritePaths=/run/lock`), the
/// marker itself is held, as before: safe, but the inbox's file system stays busy.
public final class InboxLock: Sendable {
    public static let hostLockDirectory = "/run/lock"

    private let held: DaemonLock
    public let inbox: String
    /// True when the lock had to be held inside the inbox.
    public let isHeldInInbox: Bool
    private let marker: String
    private let markerStamp = Mutex<FileIdentity?>(nil)

    /// The inbox's lock, taken, with its marker written.
    public init(inbox: String, lockDirectory: String = InboxLock.hostLockDirectory) throws {
        let marker = inbox + "/" + FileRules.inboxLockName
        let describe = { (pid: String) in
            "another property-inbox (pid \(pid)) is already working on the inbox \(inbox): a running watch processes new and changed folders by itself; stop it first to scan or process by hand"
        }
        do {
            held = try DaemonLock(path: Self.lockFile(for: inbox, in: lockDirectory), sharedByUsers: true, held: describe)
            isHeldInInbox = false
        } catch let error as DaemonLock.Held {
            throw error
        } catch {
            held = try DaemonLock(path: marker, held: describe)
            isHeldInInbox = true
        }
        self.inbox = inbox
        self.marker = marker
        if !isHeldInInbox {
            // Another process holding the inbox under another path (a bind mount, another lock
            // directory), or holding the marker itself (it could not use the lock directory).
            let named = Self.readMarker(marker)
            for other in [named?.lockFile, marker].compactMap({ $0 }) where other != held.path && DaemonLock.isHeld(other) {
                let pid = named?.pid ?? "unknown"
                throw DaemonLock.Held(path: other, otherPid: pid, description: describe(pid))
            }
            writeMarker()
        }
    }

    /// For a hand-run `scan` or `process`: refused when another process holds the inbox, but none
    /// at all (nil) where no lock file can be made, e.g. a read-only inbox and lock directory, so
    /// processing a folder never depends on writing beside it.
    public static func ifPossible(inbox: String) throws -> InboxLock? {
        do {
            return try InboxLock(inbox: inbox)
        } catch let held as DaemonLock.Held {
            throw held
        } catch {
            return nil
        }
    }

    /// The lock file for `inbox`: its real path (the path as given when it cannot be resolved) hashed.
    static func lockFile(for inbox: String, in directory: String) -> String {
        let real = realpath(inbox, nil).map { pointer in
            defer { free(pointer) }
            return String(cString: pointer)
        } ?? inbox
        return directory + "/property-inbox-" + ContentHash.sha256(of: real).prefix(16) + ".lock"
    }

    /// False once the held file was deleted or replaced by hand: lock again.
    public var isInPlace: Bool { held.isInPlace }

    /// False when the marker was deleted, replaced or never written (the inbox was replaced or
    /// remounted): write it again. Always true when the marker is the lock itself.
    public var isMarkerInPlace: Bool {
        isHeldInInbox || markerStamp.withLock { $0 } == FileIdentity.of(marker)
    }

    /// "pid\nlock file\n", renamed into place (the directory's permission suffices, whoever
    /// owns an older marker). A failure (a read-only inbox) is not retried until the marker changes.
    public func writeMarker() {
        let text = Array("\(getpid())\n\(held.path)\n".utf8)
        let temporary = marker + ".\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o664)
        if descriptor >= 0 {
            let written = write(descriptor, text, text.count)
            close(descriptor)
            if written != text.count || rename(temporary, marker) != 0 { unlink(temporary) }
        }
        markerStamp.withLock { $0 = FileIdentity.of(marker) }
    }

    /// The pid and lock file a marker names (no lock file: the marker was the lock); nil when missing.
    static func readMarker(_ path: String) -> (pid: String, lockFile: String?)? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(descriptor, &buffer, buffer.count)
        let lines = String(decoding: buffer.prefix(max(0, count)), as: UTF8.self).split(separator: "\n").map(String.init)
        guard let pid = lines.first else { return nil }
        return (pid, lines.count > 1 && lines[1].hasPrefix("/") ? lines[1] : nil)
    }

    /// Which file is at a path: a marker written again (or deleted) is another file.
    struct FileIdentity: Equatable {
        var device: UInt64
        var inode: UInt64

        static func of(_ path: String) -> FileIdentity? {
            var info = stat()
            guard lstat(path, &info) == 0 else { return nil }
            return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        }
    }
}
