import PropertyCore
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on a lock file, held until exit, with the holder's pid written in it.
/// Two of them: one daemon per state directory (`watch.lock` there), and one process working on
/// an inbox at a time (`.property-inbox.lock` in the inbox itself, so a second daemon with another
/// state directory, or a `scan` beside a running `watch`, is refused instead of rendering the
/// same photos twice). The kernel drops the lock when the process dies, even by `kill -9`, so a
/// stale file never blocks a restart.
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

    /// One process at a time per inbox, whatever its state directory.
    public static func inbox(_ inbox: String) throws -> DaemonLock {
        try DaemonLock(path: inbox + "/" + FileRules.inboxLockName) { pid in
            "another property-inbox (pid \(pid)) is already working on the inbox \(inbox): a running watch processes new and changed folders by itself; stop it first to scan or process by hand"
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

    /// The inbox lock for a hand-run `scan` or `process`: refused when a daemon holds it, but
    /// none at all (nil) where the lock file cannot be created, e.g. a read-only parent folder,
    /// so processing a folder never depends on writing beside it.
    public static func inboxIfPossible(_ inbox: String) throws -> DaemonLock? {
        do {
            return try DaemonLock.inbox(inbox)
        } catch let held as Held {
            throw held
        } catch {
            return nil
        }
    }

    public init(path: String, held describe: (String) -> String) throws {
        // Into a local first: `deinit` runs when an initializer throws after every stored
        // property is set, and would close the descriptor a second time (by then perhaps another
        // thread's newly opened file with the same number).
        // Group-writable, and a read-only open when we may not write it: the inbox lock may have
        // been created by another user (root running `scan`), and flock needs no write access.
        let descriptor = try SystemCallError.check("open(\(path))") {
            let writable = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o664)
            return writable >= 0 || errno != EACCES ? writable : open(path, O_RDONLY | O_CLOEXEC)
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = pread(descriptor, &buffer, buffer.count, 0)
            close(descriptor)
            if code == EWOULDBLOCK {
                let pid = String(decoding: buffer.prefix(max(0, count)), as: UTF8.self)
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
