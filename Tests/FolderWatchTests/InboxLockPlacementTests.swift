@testable import FolderWatch
import Foundation
import Testing
import TestSupport

/// The inbox lock is held outside the inbox, so nothing of ours keeps a file system mounted on
/// the inbox busy; the marker in the inbox still refuses a process that reaches it another way.
struct InboxLockPlacementTests {
    func refusal(_ body: () throws -> InboxLock) -> DaemonLock.Held? {
        do {
            _ = try body()
            return nil
        } catch {
            return error as? DaemonLock.Held
        }
    }

    /// Descriptors of this process open on something under `directory`.
    func openFiles(under directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return names.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + $0) }
            .filter { $0.hasPrefix(directory + "/") || $0 == directory }
    }

    @Test func theLockIsHeldInTheLockDirectoryAndTheInboxKeepsOnlyAMarker() throws {
        let inbox = try TemporaryDirectory("inbox"), locks = try TemporaryDirectory("locks")
        let lock = try InboxLock(inbox: inbox.url.path, lockDirectory: locks.url.path)
        #expect(!lock.isHeldInInbox)
        #expect(openFiles(under: inbox.url.path).isEmpty, "nothing open in the inbox")
        let held = InboxLock.lockFile(for: inbox.url.path, in: locks.url.path)
        let marker = try String(contentsOfFile: inbox.url.path + "/.property-inbox.lock", encoding: .utf8)
        #expect(marker == "\(getpid())\n\(held)\n")

        // The same inbox, also by a path with a symlink in it: the same lock file.
        #expect(refusal { try InboxLock(inbox: inbox.url.path, lockDirectory: locks.url.path) }?.otherPid == "\(getpid())")
        let link = locks.url.path + "/inbox-link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: inbox.url.path)
        #expect(InboxLock.lockFile(for: link, in: locks.url.path) == held)
        // Another lock directory (or a path that resolves elsewhere): refused by the marker.
        let elsewhere = try TemporaryDirectory("other-locks")
        #expect(refusal { try InboxLock(inbox: inbox.url.path, lockDirectory: elsewhere.url.path) }?.otherPid == "\(getpid())")
        withExtendedLifetime(lock) {}
    }

    @Test func theMarkerDeletedByHandIsNoticedAndWrittenAgain() throws {
        let inbox = try TemporaryDirectory("inbox"), locks = try TemporaryDirectory("locks")
        let lock = try InboxLock(inbox: inbox.url.path, lockDirectory: locks.url.path)
        #expect(lock.isMarkerInPlace && lock.isInPlace)
        try FileManager.default.removeItem(atPath: inbox.url.path + "/.property-inbox.lock")
        #expect(!lock.isMarkerInPlace && lock.isInPlace)
        #expect(refusal { try InboxLock(inbox: inbox.url.path, lockDirectory: locks.url.path) } != nil, "the lock itself is not in the marker")
        lock.writeMarker()
        #expect(lock.isMarkerInPlace)
    }

    /// A lock directory that cannot be used (a unit without it in ReadWritePaths): held in the
    /// inbox as before, and a process that can use the lock directory is still refused.
    @Test func withoutALockDirectoryTheMarkerIsHeldAndStillRefusesOthers() throws {
        let inbox = try TemporaryDirectory("inbox"), locks = try TemporaryDirectory("locks")
        let fallback = try InboxLock(inbox: inbox.url.path, lockDirectory: locks.url.path + "/missing")
        #expect(fallback.isHeldInInbox)
        #expect(refusal { try InboxLock(inbox: inbox.url.path, lockDirectory: locks.url.path) }?.otherPid == "\(getpid())")
        withExtendedLifetime(fallback) {}
    }

    @Test func releasedWithItsOwner() throws {
        let inbox = try TemporaryDirectory("inbox"), locks = try TemporaryDirectory("locks")
        var first: InboxLock? = try InboxLock(inbox: inbox.url.path, lockDirectory: locks.url.path)
        #expect(first != nil)
        first = nil
        _ = try InboxLock(inbox: inbox.url.path, lockDirectory: locks.url.path + "/elsewhere-missing")
        _ = try InboxLock(inbox: inbox.url.path, lockDirectory: locks.url.path)
    }
}
