@testable import FolderWatch
import Foundation
import Testing
import TestSupport

/// An unmount is told from a deleted inbox by the inbox path ceasing to be a mount point, read
/// from the mount table (a bind mount of a directory on the same disk has the parent's device).
struct MountPointTests {
    @Test func aMountPointIsFoundInTheMountTableWithItsNameUnescaped() throws {
        let scratch = try TemporaryDirectory("mount point")
        let inbox = scratch.url.appendingPathComponent("in box")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        let real = try #require(realpath(inbox.path, nil).map { pointer in defer { free(pointer) }; return String(cString: pointer) })
        let table = scratch.url.appendingPathComponent("mountinfo")
        let line = "25 1 0:40 / \(real.replacingOccurrences(of: " ", with: "\\040")) rw,relatime shared:9 - tmpfs tmpfs rw\n"
        try Data(("22 1 254:0 / / rw shared:1 - ext4 /dev/vda rw\n" + line).utf8).write(to: table)
        #expect(InboxWatcher.isMountPoint(inbox.path, mountTable: table.path))

        try Data("22 1 254:0 / / rw shared:1 - ext4 /dev/vda rw\n".utf8).write(to: table)
        #expect(!InboxWatcher.isMountPoint(inbox.path, mountTable: table.path), "unmounted: only its parent's disk")
        #expect(InboxWatcher.isMountPoint("/proc"), "the real table")
    }
}
