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
        if let folders = foldersWritable(in: path, by: serviceUser) { checks.append(folders) }
        return checks
    }

    /// The account the packaged unit runs as (`User=`).
    public static let serviceUser = "property-inbox"

    /// Whether `user` (with its groups) may write into every property folder: the daemon writes
    /// its outputs there, and a folder an agent's client made without group write stays
    /// "paused: permission denied". Read from the mode bits (an ACL that grants more is not
    /// seen), so doctor run as root checks for the service user. nil when the account does not
    /// exist, or the inbox is not set up for it (neither its owner nor one of its groups owns it).
    static func foldersWritable(in inbox: String, by user: String) -> Doctor.Check? {
        guard let account = getpwnam(user) else { return nil }
        let uid = account.pointee.pw_uid
        let primary = account.pointee.pw_gid
        var count: Int32 = 64
        var groups = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(user, primary, &groups, &count) == -1 {
            groups = [gid_t](repeating: 0, count: Int(count))
            _ = getgrouplist(user, primary, &groups, &count)
        }
        let memberOf = Set(groups.prefix(Int(max(0, count))))
        // Only an inbox set up for the service (its user or one of its groups owns it) is its inbox.
        var inboxInfo = stat()
        guard stat(inbox, &inboxInfo) == 0, inboxInfo.st_uid == uid || memberOf.contains(inboxInfo.st_gid) else { return nil }
        let folders = (try? InboxListing.propertyFolders(in: inbox)) ?? []
        let blocked = folders.filter { folder in
            var info = stat()
            guard stat(folder, &info) == 0 else { return false }
            return !canWrite(mode: info.st_mode, owner: info.st_uid, group: info.st_gid, uid: uid, groups: memberOf)
        }
        let name = "folders writable by \(user)"
        guard !blocked.isEmpty else {
            return .init(name: name, status: .ok, detail: "all \(folders.count)")
        }
        let shown = blocked.prefix(5).map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
        return .init(name: name, status: .failure,
                     detail: "\(blocked.count) of \(folders.count) cannot be written (\(shown)\(blocked.count > 5 ? ", …" : "")): "
                         + "its outputs cannot be published there; chmod -R g+rwX them (group agents)")
    }

    /// Write and search permission from the mode bits, as the kernel decides (owner, else group,
    /// else others; root always).
    static func canWrite(mode: mode_t, owner: uid_t, group: gid_t, uid: uid_t, groups: Set<gid_t>) -> Bool {
        if uid == 0 { return true }
        if owner == uid { return mode & 0o300 == 0o300 }
        if groups.contains(group) { return mode & 0o030 == 0o030 }
        return mode & 0o003 == 0o003
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
