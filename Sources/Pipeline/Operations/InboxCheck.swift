public import Foundation
import FolderWatch
#if canImport(Glibc)
import Glibc
#endif

/// `doctor <inbox>`: what the daemon needs from the inbox, checked as the user doctor runs as
/// (run it as the service user: `sudo -u property-inbox property-inbox doctor /srv/…/inbox`).
public enum InboxCheck {
    /// Below this much free space a full disk is near: photos and outputs stop being written.
    static let lowSpaceBytes: Int64 = 1 << 30
    static let criticalSpaceBytes: Int64 = 100 << 20

    public static func run(inbox: URL, stateDirectory: URL?, procRoot: String = "/proc") -> [Doctor.Check] {
        let path = inbox.standardizedFileURL.path
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            return [Doctor.Check(name: "inbox", status: .failure, detail: "\(path) does not exist or is not a folder")]
        }
        var checks: [Doctor.Check] = []
        let owner = getpwuid(info.st_uid).map { String(cString: $0.pointee.pw_name) } ?? "\(info.st_uid)"
        let group = getgrgid(info.st_gid).map { String(cString: $0.pointee.gr_name) } ?? "\(info.st_gid)"
        let mode = String(info.st_mode & 0o7777, radix: 8)
        if access(path, R_OK | W_OK | X_OK) != 0 {
            checks.append(.init(name: "inbox", status: .failure,
                                detail: "\(path) (\(owner):\(group), mode \(mode)) is not readable and writable by this user: outputs cannot be written"))
        } else {
            checks.append(.init(name: "inbox", status: .ok, detail: "\(path) (\(owner):\(group), mode \(mode)) readable and writable"))
        }
        if info.st_mode & S_ISGID == 0 {
            checks.append(.init(name: "inbox setgid", status: .warning,
                                detail: "not set: folders agents create will not inherit the group \(group); run chmod g+s \(path)"))
        }
        if info.st_mode & 0o020 == 0 {
            checks.append(.init(name: "inbox group", status: .warning,
                                detail: "the group \(group) cannot write: agents in it cannot upload or remove folders"))
        }
        if let stateDirectory {
            do {
                try StateDirectory.check(stateDirectory, isOutside: inbox)
            } catch {
                checks.append(.init(name: "state directory", status: .failure, detail: "\(error)"))
            }
        }
        checks.append(FolderAccessCheck.run(inbox: path))
        checks.append(space(path))
        checks.append(watches(path, procRoot: procRoot))
        return checks
    }

    static func space(_ path: String) -> Doctor.Check {
        var fs = statvfs()
        guard statvfs(path, &fs) == 0 else {
            return .init(name: "free space", status: .warning, detail: "cannot read (\(String(cString: strerror(errno))))")
        }
        let free = Int64(fs.f_bavail) * Int64(fs.f_frsize)
        let text = ByteCountFormatter.string(fromByteCount: free, countStyle: .binary)
        if free < criticalSpaceBytes { return .init(name: "free space", status: .failure, detail: "\(text) left: photos and outputs cannot be written") }
        if free < lowSpaceBytes { return .init(name: "free space", status: .warning, detail: "\(text) left") }
        return .init(name: "free space", status: .ok, detail: "\(text) free")
    }

    /// Each property folder and each of its subfolders takes one inotify watch.
    static func watches(_ path: String, procRoot: String) -> Doctor.Check {
        let folders = (try? InboxListing.propertyFolders(in: path)) ?? []
        let needed = 1 + folders.reduce(0) { $0 + 1 + (FolderSnapshot.take(of: $1)?.directories.count ?? 0) }
        let limit = (try? String(contentsOfFile: "\(procRoot)/sys/fs/inotify/max_user_watches", encoding: .utf8))
            .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard let limit else {
            return .init(name: "inotify watches", status: .warning, detail: "\(needed) needed; the limit is not readable (use --poll if watching fails)")
        }
        let detail = "\(needed) needed for \(folders.count) folders, limit \(limit) (shared by every inotify user of this account)"
        if needed > limit { return .init(name: "inotify watches", status: .failure, detail: detail + ": raise fs.inotify.max_user_watches or use --poll") }
        if needed * 5 > limit * 4 { return .init(name: "inotify watches", status: .warning, detail: detail + ": close to the limit") }
        return .init(name: "inotify watches", status: .ok, detail: detail)
    }
}
