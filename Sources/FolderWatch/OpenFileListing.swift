public import PropertyCore
#if canImport(Glibc)
import Glibc
#endif

/// Files of an inbox that processes hold open for writing, as one look at `/proc` shows them.
public struct OpenForWriting: Sendable, Equatable {
    /// Property folder path → file relative to the folder → descriptors open for writing.
    public var files: [String: [String: Int]] = [:]
    /// Processes whose descriptors could not be read (another user's, without CAP_SYS_PTRACE).
    /// When there are any, a file missing from `files` may still be open.
    public var hiddenProcesses = 0

    public init(files: [String: [String: Int]] = [:], hiddenProcesses: Int = 0) {
        self.files = files
        self.hiddenProcesses = hiddenProcesses
    }

    public var sawEveryProcess: Bool { hiddenProcesses == 0 }
}

/// Where the watcher and `scan` learn which files are open for writing. A seam, so tests hand
/// the watcher a made-up view instead of real processes.
public protocol OpenFileListing: Sendable {
    /// Blocks for as long as the walk takes: call it on the `BlockingExecutor`.
    func filesOpenForWriting(in inbox: String) -> OpenForWriting
}

/// Reads `/proc/<pid>/fd/*` (which file each descriptor is) and `/proc/<pid>/fdinfo/*` (whether
/// it was opened `O_WRONLY` or `O_RDWR`) for every process.
///
/// The kernel shows a process's descriptors only to its own user, or to a caller with
/// `CAP_SYS_PTRACE` (root has it). A daemon running as a service user therefore sees no upload
/// written by `sftp-server` or `smbd` running as the agent's user: those processes are counted in
/// `hiddenProcesses`, and readiness then rests on inotify's close events and the settle window.
/// Kernel threads have no files of ours and are not counted.
public struct ProcOpenFiles: OpenFileListing {
    let procRoot: String

    public init(procRoot: String = "/proc") {
        self.procRoot = procRoot
    }

    public func filesOpenForWriting(in inbox: String) -> OpenForWriting {
        var result = OpenForWriting()
        // /proc shows resolved paths; compare with the inbox's, report with the caller's spelling.
        guard let resolved = realpath(inbox, nil) else { return result }
        let realInbox = FileName.decode(UnsafeRawBufferPointer(start: resolved, count: strlen(resolved))) + "/"
        free(resolved)
        guard let processes = opendir(procRoot) else {
            result.hiddenProcesses = 1
            return result
        }
        defer { closedir(processes) }
        let ownPid = String(getpid())
        while let entry = readdir(processes) {
            let pid = entryName(entry)
            guard pid != ownPid, pid.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { continue }
            let fdDirectory = procRoot + "/" + pid + "/fd"
            guard let descriptors = opendir(fdDirectory) else {
                if errno == EACCES && !isKernelThread(pid) { result.hiddenProcesses += 1 }
                continue  // ENOENT: it exited meanwhile
            }
            defer { closedir(descriptors) }
            while let descriptor = readdir(descriptors) {
                let fd = entryName(descriptor)
                guard fd != ".", fd != "..", let target = linkTarget(fdDirectory + "/" + fd),
                      target.hasPrefix(realInbox), !target.hasSuffix(" (deleted)") else { continue }
                let inside = target.dropFirst(realInbox.count).split(separator: "/", maxSplits: 1).map(String.init)
                guard inside.count == 2, isUploadName(inside[1]),
                      isOpenForWriting(procRoot + "/" + pid + "/fdinfo/" + fd) else { continue }
                result.files[inbox + "/" + inside[0], default: [:]][inside[1], default: 0] += 1
            }
        }
        // A /proc mounted with hidepid (systemd's ProtectProc=invisible) does not even list other
        // users' processes: none is counted as hidden, yet none is seen. Unless root, assume some.
        if geteuid() != 0 && Self.hidesOtherUsers(mountInfo: FileSystemText.read("/proc/self/mountinfo") ?? "", procRoot: procRoot) {
            result.hiddenProcesses = max(result.hiddenProcesses, 1)
        }
        return result
    }

    /// True when the proc file system at `procRoot` is mounted with `hidepid` (1, 2, `noaccess`,
    /// `invisible`): processes of other users are then unreadable or not listed at all.
    static func hidesOtherUsers(mountInfo: String, procRoot: String) -> Bool {
        for line in mountInfo.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count > 4, fields[4] == procRoot, line.contains(" - proc ") else { continue }
            for option in line.split(whereSeparator: { $0 == "," || $0 == " " }) where option.hasPrefix("hidepid=") {
                let value = option.dropFirst("hidepid=".count)
                if value != "0" && value != "off" { return true }
            }
        }
        return false
    }

    /// Our own outputs and temp files are never uploads; upload temp names are. The READY marker
    /// is not one either: inotify never counts its writer (its close only says "ready"), so a
    /// writer seen here would never be seen closing and would hold the folder until the stall timeout.
    private func isUploadName(_ relative: String) -> Bool {
        let name = relative.split(separator: "/").last.map(String.init) ?? relative
        if relative == FileRules.readyMarker { return false }
        return !FileRules.isSilentlyIgnored(name) || FileRules.isUploadTemp(name)
    }

    /// Kernel threads have an empty command line (so do zombies, which hold no files either).
    private func isKernelThread(_ pid: String) -> Bool {
        let descriptor = open(procRoot + "/" + pid + "/cmdline", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return true }
        defer { close(descriptor) }
        var byte: UInt8 = 0
        return read(descriptor, &byte, 1) <= 0
    }

    /// The `flags:` line of fdinfo, in octal: the access mode is in its lowest two bits.
    private func isOpenForWriting(_ fdinfo: String) -> Bool {
        let descriptor = open(fdinfo, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return false }
        let text = String(decoding: buffer[..<count], as: UTF8.self)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags:") }),
              let flags = Int32(line.dropFirst("flags:".count).trimmingCharacters(in: " \t"), radix: 8) else { return false }
        let mode = flags & O_ACCMODE
        return mode == O_WRONLY || mode == O_RDWR
    }

    private func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return FileName.decode(buffer[..<count].map { UInt8(bitPattern: $0) })
    }

    private func entryName(_ entry: UnsafeMutablePointer<dirent>) -> String {
        withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}

private extension Substring {
    func trimmingCharacters(in characters: String) -> Substring {
        var text = self
        while let first = text.first, characters.contains(first) { text = text.dropFirst() }
        while let last = text.last, characters.contains(last) { text = text.dropLast() }
        return text
    }
}

/// A small text file read whole (/proc's own files report a size of 0, so no stat first).
enum FileSystemText {
    static func read(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += buffer[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
