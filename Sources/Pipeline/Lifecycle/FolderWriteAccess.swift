import BlockingIO
import Foundation
import Logging
import Metrics
import PropertyCore
import Synchronization

/// Whatever mode an upload client gives a property folder, the daemon must be able to write its
/// outputs into it. `sftp put -r` creates the folder with the client's own mode (0755 from a
/// laptop or phone): sftp-server passes the mode of an SFTP mkdir through, and a default ACL
/// cannot help (the requested mode caps the ACL's mask). So before each run the folder is
/// checked, and one the service cannot write is repaired by adding group write (`chmod g+rwx`,
/// nothing else; not setgid, which the unit's RestrictSUIDSGID= refuses), which works for
/// folders the service owns, or for any folder when the unit grants CAP_FOWNER
/// (etc/systemd/property-inbox.service.d/upload-modes.conf).
/// A folder it still cannot write is reported: to the agent (a notice), in the log, the metric
/// `property_inbox_folders_unwritable`, /healthz, and `doctor`.
enum FolderWriteAccess {
    enum Verdict: Equatable {
        case writable
        /// Was mode `from`, now writable.
        case repaired(from: UInt32)
        case unwritable(mode: UInt32, owner: String)
        /// Gone or not a folder: the run finds out for itself.
        case unknown
    }

    /// Blocking (a stat, maybe a chmod): call on the executor.
    static func ensure(_ path: String) -> Verdict {
        var info = stat()
        guard FileName.withSystemPath(path, { stat($0, &info) }) == 0, info.st_mode & S_IFMT == S_IFDIR else { return .unknown }
        if FileName.withSystemPath(path, { access($0, W_OK | X_OK) }) == 0 { return .writable }
        let mode = UInt32(info.st_mode & 0o7777)
        let owner = getpwuid(info.st_uid).map { String(cString: $0.pointee.pw_name) } ?? "\(info.st_uid)"
        // Group write helps only when the folder's group is one of ours (the inbox's setgid gives it `agents`).
        guard isOurGroup(info.st_gid) else { return .unwritable(mode: mode, owner: owner) }
        let repaired = mode_t(mode) | S_IRWXG
        guard FileName.withSystemPath(path, { chmod($0, repaired) }) == 0,
              FileName.withSystemPath(path, { access($0, W_OK | X_OK) }) == 0 else {
            return .unwritable(mode: mode, owner: owner)
        }
        return .repaired(from: mode)
    }

    private static func isOurGroup(_ gid: gid_t) -> Bool {
        if gid == getegid() { return true }
        let count = getgroups(0, nil)
        guard count > 0 else { return false }
        var groups = [gid_t](repeating: 0, count: Int(count))
        return getgroups(count, &groups) > 0 && groups.contains(gid)
    }
}

/// The folders this process could not write, for /healthz, the metric and the status line.
final class UnwritableFolders: Sendable {
    private let folders = Mutex<[String: String]>([:])

    /// Returns true the first time a folder is noted (so it is logged and told once).
    func note(_ path: String, detail: String) -> Bool {
        let (added, count) = folders.withLock { folders in
            let added = folders.updateValue(detail, forKey: path) == nil
            return (added, folders.count)
        }
        Gauge(label: "property_inbox_folders_unwritable").record(count)
        return added
    }

    func clear(_ path: String) {
        let count = folders.withLock { folders in
            folders.removeValue(forKey: path)
            return folders.count
        }
        Gauge(label: "property_inbox_folders_unwritable").record(count)
    }

    /// "2 folder(s) the service cannot write: a, b" or nil.
    var problem: String? {
        let names = folders.withLock { $0.keys.sorted() }.map { FileName.display(($0 as NSString).lastPathComponent) }
        guard !names.isEmpty else { return nil }
        return "\(names.count) folder(s) the service cannot write (give the group write, or the unit CAP_FOWNER): \(names.prefix(5).joined(separator: ", "))"
    }
}

extension FolderLifecycle {
    /// Before a run: nil when the folder can be written (repaired if need be), else the run's
    /// outcome (paused, tried again on the backoff; told to the agent and the operator once).
    func checkWriteAccess(_ folder: URL) async -> RunOutcome? {
        let path = folder.standardizedFileURL.path
        let name = Self.name(of: folder)
        let verdict = await BlockingExecutor.shared.run { FolderWriteAccess.ensure(path) }
        switch verdict {
        case .writable, .unknown:
            unwritable.clear(path)
            return nil
        case .repaired(let from):
            unwritable.clear(path)
            logger.notice("the folder's upload left it without group write; group write added",
                          metadata: ["property": "\(name)", "mode_was": "\(String(from, radix: 8))"])
            return nil
        case .unwritable(let mode, let owner):
            let detail = "permission denied: the service cannot write into the folder (owner \(owner), mode \(String(mode, radix: 8)))"
            if unwritable.note(path, detail: detail) {
                logger.error("the service cannot write into the folder: its outputs and status cannot be written. Give the folder group write (chmod g+rwx), or grant the service CAP_FOWNER (upload-modes.conf)",
                             metadata: ["property": "\(name)", "owner": "\(owner)", "mode": "\(String(mode, radix: 8))"])
                await notices.cannotWrite(folder)
            }
            // Looked at again after the first retry delay each time, not a doubling one: the fix is
            // usually a chmod by hand or an upload client that has not yet given the folder its group,
            // and the look is a stat.
            forgetRetry(path)
            let delay = await paused(folder, reason: .cannotOpen, detail: detail)
            return .paused(.cannotOpen, detail: detail, retryInSeconds: delay)
        }
    }
}
