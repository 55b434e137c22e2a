import PropertyCore
#if canImport(Glibc)
import Glibc
#endif

/// The Linux inotify API, owned here and nowhere else.
///
/// Reads are done with `poll` and a timeout so the reader thread can notice it should stop;
/// the descriptor is closed only after that thread has left its loop. The descriptor never
/// changes, and the kernel serializes calls on it, so sharing one instance between threads is safe.
public final class Inotify: Sendable {
    public struct Event: Sendable, Equatable {
        public var watch: Int32
        public var mask: UInt32
        /// The entry's name inside the watched directory; empty for events about the directory itself.
        public var name: String

        public init(watch: Int32, mask: UInt32, name: String) {
            self.watch = watch
            self.mask = mask
            self.name = name
        }

        public var isDirectory: Bool { mask & UInt32(IN_ISDIR) != 0 }
        public var isOverflow: Bool { mask & UInt32(IN_Q_OVERFLOW) != 0 }
        /// The kernel dropped this watch (its directory was deleted or unmounted).
        public var isWatchGone: Bool { mask & UInt32(IN_IGNORED) != 0 }
        public var isRemoval: Bool { mask & UInt32(IN_DELETE | IN_MOVED_FROM) != 0 }
        public var isArrival: Bool { mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 }
        public var isSelfGone: Bool { mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 }
        public var isCreate: Bool { mask & UInt32(IN_CREATE) != 0 }
        public var isOpen: Bool { mask & UInt32(IN_OPEN) != 0 }
        public var isModify: Bool { mask & UInt32(IN_MODIFY) != 0 }
        /// A descriptor opened for writing was closed (whether or not it wrote).
        public var isCloseWrite: Bool { mask & UInt32(IN_CLOSE_WRITE) != 0 }
        /// A descriptor opened read-only was closed: a reader, never the writer.
        public var isCloseNoWrite: Bool { mask & UInt32(IN_CLOSE_NOWRITE) != 0 }
        /// Permissions, owner or times changed (the inbox watch only: a folder made unreadable or readable again).
        public var isAttributeChange: Bool { mask & UInt32(IN_ATTRIB) != 0 }
    }

    /// What a property folder watch listens for: every way a file can appear, change or go, and
    /// the writer's close (a file modified and not yet closed is still being uploaded).
    public static let folderMask = UInt32(IN_CLOSE_WRITE | IN_MODIFY | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE
        | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW | IN_EXCL_UNLINK)

    /// A directory while a file in it is being written: also every open and reader's close, to
    /// count a second writer. Not always: every readdir of a watched directory (our own snapshots
    /// of 10,000 folders) and every read of an input would queue events, enough to overflow the
    /// queue at each rescan and rescan again.
    public static let folderMaskWhileWriting = folderMask | UInt32(IN_OPEN | IN_CLOSE_NOWRITE)

    /// Our own output folders (`_listing/`, its `photos/` and `thumbs/`): an entry leaving (a derived
    /// photo deleted by hand, a client deleting the folder), a file written by someone else, and
    /// `photos/` or `thumbs/` appearing. Our own writes arrive as renames of `.pi-tmp-` files.
    public static let outputFolderMask = UInt32(IN_DELETE | IN_MOVED_FROM | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE_SELF
        | IN_ONLYDIR | IN_DONT_FOLLOW | IN_EXCL_UNLINK)

    /// What the inbox watch listens for: folders arriving and leaving. Writes to files at the
    /// inbox root are left out; they are never inputs (and `_INBOX_STATUS.txt` is our own).
    /// Attribute changes too, so a folder made unreadable (or fixed) is noticed at once.
    public static let inboxMask = folderMask & ~UInt32(IN_OPEN | IN_MODIFY | IN_CLOSE_WRITE | IN_CLOSE_NOWRITE) | UInt32(IN_ATTRIB)

    private let descriptor: Int32

    public init() throws(SystemCallError) {
        descriptor = try SystemCallError.check("inotify_init1") { inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC)) }
    }

    deinit { close(descriptor) }

    /// Adds (or updates) a watch; returns its descriptor. ENOSPC means the per-user watch limit
    /// (fs.inotify.max_user_watches) is reached.
    public func addWatch(path: String, mask: UInt32 = Inotify.folderMask) throws(SystemCallError) -> Int32 {
        try SystemCallError.check("inotify_add_watch(\(path))") {
            FileName.withSystemPath(path) { inotify_add_watch(descriptor, $0, mask) }
        }
    }

    public func removeWatch(_ watch: Int32) {
        _ = inotify_rm_watch(descriptor, watch)
    }

    /// Waits up to `timeoutMilliseconds` until events are queued, reading none.
    public func wait(timeoutMilliseconds: Int32) -> Bool {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&poller, 1, timeoutMilliseconds) > 0
    }

    /// Waits up to `timeoutMilliseconds` for events and returns all that are queued.
    public func read(timeoutMilliseconds: Int32) throws(SystemCallError) -> [Event] {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = try SystemCallError.check("poll") { poll(&poller, 1, timeoutMilliseconds) }
        guard ready > 0 else { return [] }
        var events: [Event] = []
        // Big enough for many events per read; each is 16 bytes plus a NUL-padded name.
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN { break }
                throw SystemCallError(call: "read(inotify)", errno: errno)
            }
            if count == 0 { break }
            events += Self.parse(buffer[..<count])
            if count < buffer.count / 2 { break }
        }
        return events
    }

    static func parse(_ bytes: ArraySlice<UInt8>) -> [Event] {
        var events: [Event] = []
        bytes.withUnsafeBytes { raw in
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= raw.count {
                let watch = raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                let length = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                let nameBytes = raw[(offset + header)..<min(raw.count, offset + header + length)]
                let name = FileName.decode(nameBytes.prefix { $0 != 0 })
                events.append(Event(watch: watch, mask: mask, name: name))
                offset += header + length
            }
        }
        return events
    }
}
