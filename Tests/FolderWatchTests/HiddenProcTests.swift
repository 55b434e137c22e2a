@testable import FolderWatch
import Testing

/// systemd's `ProtectProc=invisible` mounts /proc with `hidepid=invisible`: other users'
/// processes are not listed at all, so no process counts as hidden, yet none is seen (issue 24).
@Suite struct HiddenProcTests {
    let visible = "22 27 0:21 / /proc rw,relatime - proc proc rw\n"
    let invisible = "35 27 0:40 / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw,hidepid=invisible\n"

    @Test func aProcMountedWithHidepidHidesOtherUsers() {
        #expect(!ProcOpenFiles.hidesOtherUsers(mountInfo: visible, procRoot: "/proc"))
        #expect(ProcOpenFiles.hidesOtherUsers(mountInfo: invisible, procRoot: "/proc"))
        #expect(ProcOpenFiles.hidesOtherUsers(mountInfo: invisible.replacingOccurrences(of: "invisible", with: "2"), procRoot: "/proc"))
        #expect(!ProcOpenFiles.hidesOtherUsers(mountInfo: invisible.replacingOccurrences(of: "invisible", with: "0"), procRoot: "/proc"))
        #expect(!ProcOpenFiles.hidesOtherUsers(mountInfo: invisible, procRoot: "/srv/fake-proc"))
    }
}
