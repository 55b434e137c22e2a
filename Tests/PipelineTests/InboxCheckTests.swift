import Foundation
@testable import Pipeline
#if canImport(Glibc)
import Glibc
#endif
import Testing
import TestSupport

/// `doctor <inbox>` on real folders: what the daemon needs from the inbox, in words an operator can act on.
struct InboxCheckTests {
    func check(_ name: String, in checks: [Doctor.Check]) -> Doctor.Check? { checks.first { $0.name == name } }

    @Test func aSetgidGroupWritableInboxPassesAndAPlainOneIsWarnedAbout() throws {
        let directory = try TemporaryDirectory("inbox-check")
        let inbox = directory.appending("inbox")
        try FileManager.default.createDirectory(at: inbox.appendingPathComponent("villa/photos"), withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: inbox.path)
        let plain = InboxCheck.run(inbox: inbox, stateDirectory: directory.appending("state"))
        #expect(check("inbox", in: plain)?.status == .ok)
        #expect(check("inbox setgid", in: plain)?.status == .warning)
        #expect(check("inbox group", in: plain)?.status == .warning)
        // The inbox, the folder and its subfolder: three watches.
        #expect(check("inotify watches", in: plain)?.detail.hasPrefix("3 needed for 1 folders") == true)

        try FileManager.default.setAttributes([.posixPermissions: 0o2775], ofItemAtPath: inbox.path)
        let shared = InboxCheck.run(inbox: inbox, stateDirectory: directory.appending("state"))
        #expect(check("inbox setgid", in: shared) == nil && check("inbox group", in: shared) == nil)
        #expect(Doctor.passed(shared))
    }

    @Test func aMissingInboxAStateDirectoryInsideItAndTooFewWatchesFail() throws {
        let directory = try TemporaryDirectory("inbox-check")
        #expect(InboxCheck.run(inbox: directory.appending("nope"), stateDirectory: nil).first?.status == .failure)

        let inbox = directory.appending("inbox")
        for name in ["a", "b", "c"] {
            try FileManager.default.createDirectory(at: inbox.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        let proc = directory.appending("proc/sys/fs/inotify")
        try FileManager.default.createDirectory(at: proc, withIntermediateDirectories: true)
        try "2\n".write(to: proc.appendingPathComponent("max_user_watches"), atomically: true, encoding: .utf8)
        let checks = InboxCheck.run(inbox: inbox, stateDirectory: inbox.appendingPathComponent("a/state"),
                                    procRoot: directory.appending("proc").path)
        #expect(check("state directory", in: checks)?.status == .failure)
        let watches = try #require(check("inotify watches", in: checks))
        #expect(watches.status == .failure && watches.detail.contains("4 needed for 3 folders, limit 2"), "\(watches.detail)")
        #expect(!Doctor.passed(checks))
    }

    /// doctor run as root checks each folder for the service user, from the mode bits.
    @Test func writePermissionIsReadFromTheModeBitsAsTheKernelDecides() {
        let agents: gid_t = 994, service: uid_t = 999
        #expect(InboxCheck.canWrite(mode: 0o2775, owner: 1001, group: agents, uid: service, groups: [agents]))
        #expect(!InboxCheck.canWrite(mode: 0o2755, owner: 1001, group: agents, uid: service, groups: [agents]))
        #expect(InboxCheck.canWrite(mode: 0o700, owner: service, group: 0, uid: service, groups: []))
        #expect(!InboxCheck.canWrite(mode: 0o757, owner: 1001, group: agents, uid: service, groups: [agents]))  // group bits decide
        #expect(InboxCheck.canWrite(mode: 0o000, owner: 1001, group: agents, uid: 0, groups: []))
    }

    @Test func aFolderTheServiceUserCannotWriteIsNamed() throws {
        guard let account = getpwnam(InboxCheck.serviceUser), getuid() == 0 else { return }  // needs the account and root
        let directory = try TemporaryDirectory("inbox-check")
        let inbox = directory.appending("inbox")
        try FileManager.default.createDirectory(at: inbox.appendingPathComponent("villa-open"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: inbox.appendingPathComponent("villa-closed"), withIntermediateDirectories: true)
        chown(inbox.path, account.pointee.pw_uid, account.pointee.pw_gid)
        chown(inbox.appendingPathComponent("villa-open").path, account.pointee.pw_uid, account.pointee.pw_gid)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: inbox.appendingPathComponent("villa-closed").path)
        let result = try #require(InboxCheck.foldersWritable(in: inbox.path, by: InboxCheck.serviceUser))
        #expect(result.status == .failure)
        #expect(result.detail.hasPrefix("1 of 2 cannot be written (villa-closed)"), "\(result.detail)")
    }
}
