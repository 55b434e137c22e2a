#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on a lock file, held until exit, with the holder's pid written in it.
/// Two of them: one daemon per state directory (`watch.lock` there), and one process working on
/// an inbox at a time (`InboxLock`). The kernel drops the lock when the process dies, even by
/// `kill -9`, so a stale file never blocks a restart.
public final class DaemonLock: Sendable {
    private let descriptor: Int32
    public let path: String

    public struct Held: Error, CustomStringConvertible {
        public var path: String
        public var otherPid: String
        public var description: String
    }

    /// One daemon per state directory.
    public convenience init(directory: String) throws {
        try self.init(path: directory + "/watch.lock") { pid in
            "another property-inbox watch (pid \(pid)) is already running with the state directory \(directory); stop it first, or use another --state-dir"
        }
    }

    /// For a hand-run `scan` or `process`: refused while a daemon runs with this state directory,
    /// even if the inbox's lock file was deleted by hand (the state directory's lock is the
    /// daemon's own). Taken and let go at once: a daemon starting meanwhile is refused by the
    /// inbox lock instead, with the right words.
    public static func checkNoDaemon(stateDirectory directory: String) throws {
        do {
            _ = try DaemonLock(path: directory + "/watch.lock") { pid in
                "a property-inbox watch (pid \(pid)) is running with the state directory \(directory): it processes new and changed folders by itself; stop it first to scan or process by hand"
            }
        } catch let held as Held {
            throw held
        } catch {
            return  // cannot even open it (read-only): no daemon could hold it either
        }
    }

    /// False once the lock file was deleted or replaced (by hand, a clean-up script): the lock
    /// then guards nothing a new process would open, and is taken again.
    public var isInPlace: Bool {
        var held = stat(), named = stat()
        guard fstat(descriptor, &held) == 0, stat(path, &named) == 0 else { return false }
        return held.st_dev == named.st_dev && held.st_ino == named.st_ino
    }

    /// True while another process holds the lock on `path` (taken and let go at once otherwise).
    static func isHeld(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return flock(descriptor, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK
    }

    /// `sharedByUsers`: a file in a directory every user writes (`/run/lock`, sticky): opened
    /// without `O_CREAT` when it exists (the kernel's protected_regular refuses `O_CREAT` on
    /// another user's file there, even to root), and made writable by all when created, so the
    /// service user and root running `scan` can each write their pid in it.
    public init(path: String, sharedByUsers: Bool = false, held describe: (String) -> String) throws {
        // Into a local first: `deinit` runs when an initializer throws after every stored
        // property is set, and would close the descriptor a second time (by then perhaps another
        // thread's newly opened file with the same number).
        // Group-writable, and a read-only open when we may not write it: the inbox lock may have
        // been created by another user (root running `scan`), and flock needs no write access.
        let descriptor = try SystemCallError.check("open(\(path))") {
            let writable = sharedByUsers ? Self.openShared(path) : open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o664)
            return writable >= 0 || errno != EACCES ? writable : open(path, O_RDONLY | O_CLOEXEC)
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = pread(descriptor, &buffer, buffer.count, 0)
            close(descriptor)
            if code == EWOULDBLOCK {
                let pid = String(decoding: buffer.prefix(max(0, count)).prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                let shown = pid.isEmpty ? "unknown" : pid
                throw Held(path: path, otherPid: shown, description: describe(shown))
            }
            throw SystemCallError(call: "flock(\(path))", errno: code)
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pwrite(descriptor, pid, pid.count, 0)
        self.descriptor = descriptor
        self.path = path
    }

    private static func openShared(_ path: String) -> Int32 {
        while true {
            let existing = open(path, O_RDWR | O_CLOEXEC)
            if existing >= 0 || errno != ENOENT { return existing }
            let created = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if created >= 0 { fchmod(created, 0o666) }  // whatever the umask
            if created >= 0 || errno != EEXIST { return created }
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

private extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}

private extension Set<Character> {
    static var whitespacesAndNewlines: Set<Character> { [" ", "\n", "\t", "\r"] }
}
