/// Which files of the inbox someone is still writing: a file modified and not yet closed is an
/// upload in progress. Both upload servers write a file through one descriptor that stays open
/// for the whole transfer (sftp-server from SSH_FXP_OPEN to SSH_FXP_CLOSE, Samba from SMB2 CREATE
/// to CLOSE), so the close, not a quiet period, is what says the bytes are all there.
///
/// Pure bookkeeping fed by inotify events and by `/proc` views (`OpenFileListing`); the time of
/// each event is passed in, so every rule runs in tests on a hand-moved clock.
///
/// The rule, since inotify never says which descriptor an event belongs to, nor whether an
/// `IN_OPEN` was for reading or writing:
/// - `IN_MODIFY`, or the `IN_CREATE` of a regular file (its creator holds it open for writing),
///   starts a write. A write whose opener was not counted has one "unseen writer".
/// - Opens and reader closes are only watched in a directory while a write is in progress there
///   (`Inotify.folderMaskWhileWriting`): everywhere else our own reads and folder walks would
///   flood the queue. There every `IN_OPEN` counts one descriptor and every close ends one
///   (never below zero: descriptors opened before the opens were watched were never counted).
/// - An `IN_CLOSE_WRITE` ends one writer, the unseen one first. The write ends when no unseen
///   writer is left and no counted descriptor is open. An `IN_CLOSE_NOWRITE` is a reader's close
///   and can never be a writer's, so readers alone never end a write; but a counted descriptor
///   still open after a writer's close might be a second writer, so the write goes on. This errs
///   on "not ready": a reader that keeps the file open holds the folder back.
/// - What the counting cannot know, `/proc` settles when it can see every process: at
///   reconciliation and before a write is reported as stalled, its view replaces the counts.
public struct WritesInProgress: Sendable, Equatable {
    public struct File: Sendable, Equatable {
        /// Descriptors seen opening (or listed in /proc) and not yet seen closing.
        var openDescriptors = 0
        /// Modified since its writer was last seen closing.
        var beingWritten = false
        /// An `IN_CLOSE_WRITE` arrived after the last modification.
        var writerClosed = false
        /// A writer whose open was not counted (it opened before opens were watched).
        var unseenWriter = false
        /// Created, and no open seen since: if opens are watched here, the next one is the
        /// creator's own, already counted as the unseen writer.
        var createdAwaitingOpen = false
        /// When bytes last arrived (wall-clock seconds), for the stall report.
        public internal(set) var lastProgress: Double = 0
        var stallReported = false
    }

    /// Folder path → file path relative to the folder → its state. Only files with something
    /// going on are kept.
    private(set) var folders: [String: [String: File]] = [:]

    public init() {}

    // MARK: inotify

    /// A regular file was created (the caller checked it is one: a symlink or a hard link has
    /// no writer to wait for).
    public mutating func created(_ file: String, in folder: String, at time: Double) {
        update(file, in: folder) {
            if !$0.beingWritten {
                $0.unseenWriter = true
                $0.createdAwaitingOpen = true
            }
            $0.startWrite(at: time)
        }
    }

    public mutating func opened(_ file: String, in folder: String, at time: Double) {
        update(file, in: folder) {
            if $0.createdAwaitingOpen {
                $0.createdAwaitingOpen = false
                $0.unseenWriter = false  // the creator: counted from now on
            }
            $0.openDescriptors += 1
        }
    }

    public mutating func modified(_ file: String, in folder: String, at time: Double) {
        update(file, in: folder) {
            if !$0.beingWritten && $0.openDescriptors == 0 { $0.unseenWriter = true }
            $0.createdAwaitingOpen = false  // an open after the first write is not the creator's
            $0.startWrite(at: time)
        }
    }

    /// `wrote`: `IN_CLOSE_WRITE` (the descriptor was open for writing) rather than `IN_CLOSE_NOWRITE`.
    public mutating func closed(_ file: String, in folder: String, wrote: Bool) {
        update(file, in: folder) {
            $0.createdAwaitingOpen = false
            if wrote && $0.unseenWriter {
                $0.unseenWriter = false
            } else {
                $0.openDescriptors = max(0, $0.openDescriptors - 1)
            }
            if wrote { $0.writerClosed = true }
            if $0.openDescriptors == 0 && !$0.unseenWriter && $0.writerClosed { $0.beingWritten = false }
        }
    }

    /// Deleted or renamed away: whatever was written there is no longer part of the folder.
    public mutating func removed(_ file: String, in folder: String) {
        folders[folder]?[file] = nil
        let prefix = file + "/"
        folders[folder] = folders[folder]?.filter { !$0.key.hasPrefix(prefix) }
        if folders[folder]?.isEmpty == true { folders[folder] = nil }
    }

    public mutating func forget(folder: String) {
        folders[folder] = nil
    }

    // MARK: /proc

    /// Takes in what `/proc` shows. `authoritative` when it could see every process (or when
    /// nothing else can ever end a write, as in poll mode): then it replaces the counting, and a
    /// write it does not show has ended. Otherwise it only adds the writers it saw.
    /// `lastChange` gives a file's modification time, the last progress of a write seen first here.
    /// Returns the folders where a write ended because of it.
    @discardableResult
    public mutating func apply(_ listing: OpenForWriting, authoritative: Bool,
                               lastChange: (_ folder: String, _ file: String) -> Double) -> Set<String> {
        var ended: Set<String> = []
        if authoritative {
            // Counted opens that /proc does not show were closes inotify never reported.
            for (folder, files) in folders {
                for (file, state) in files where listing.files[folder]?[file] == nil {
                    folders[folder]?[file] = nil
                    if state.beingWritten { ended.insert(folder) }
                }
                if folders[folder]?.isEmpty == true { folders[folder] = nil }
            }
        }
        for (folder, files) in listing.files {
            for (file, descriptors) in files {
                let seenBefore = folders[folder]?[file]?.beingWritten == true
                update(file, in: folder) {
                    if !seenBefore { $0.startWrite(at: lastChange(folder, file)) }
                    $0.writerClosed = false
                    $0.unseenWriter = false
                    $0.openDescriptors = authoritative ? descriptors : max($0.openDescriptors, descriptors)
                }
            }
        }
        return ended
    }

    // MARK: Questions

    /// Files of `folder` being written, relative to it, sorted.
    public func filesBeingWritten(in folder: String) -> [String] {
        (folders[folder] ?? [:]).filter(\.value.beingWritten).keys.sorted()
    }

    /// Directories (relative to the inbox) holding a file being written: where opens and closes
    /// are watched.
    public func directoriesBeingWritten(inbox: String) -> Set<String> {
        var directories: Set<String> = []
        for (folder, files) in folders {
            let relative = String(folder.dropFirst(inbox.count + 1))
            for (file, state) in files where state.beingWritten {
                let parent = file.split(separator: "/").dropLast().joined(separator: "/")
                directories.insert(parent.isEmpty ? relative : relative + "/" + parent)
            }
        }
        return directories
    }

    /// Folders with at least one file being written.
    public var foldersBeingWritten: Set<String> {
        Set(folders.filter { $0.value.values.contains(where: \.beingWritten) }.keys)
    }

    /// Writes with no progress for `stallSeconds`, not reported yet, by folder.
    public func stalled(now: Double, stallSeconds: Double) -> [String: [StalledUpload]] {
        var stalled: [String: [StalledUpload]] = [:]
        for (folder, files) in folders {
            for (file, state) in files where state.beingWritten && !state.stallReported && now - state.lastProgress >= stallSeconds {
                stalled[folder, default: []].append(StalledUpload(file: file, lastProgress: state.lastProgress))
            }
        }
        return stalled.mapValues { $0.sorted { $0.file < $1.file } }
    }

    public mutating func markStallReported(_ file: String, in folder: String) {
        folders[folder]?[file]?.stallReported = true
    }

    /// Poll mode has no `IN_MODIFY`: a newer modification time is the progress.
    public mutating func noteProgress(_ file: String, in folder: String, at time: Double) {
        guard var state = folders[folder]?[file], state.beingWritten, time > state.lastProgress else { return }
        state.lastProgress = time
        state.stallReported = false
        folders[folder]?[file] = state
    }

    private mutating func update(_ file: String, in folder: String, _ change: (inout File) -> Void) {
        var state = folders[folder]?[file] ?? File()
        change(&state)
        // Nothing left to wait for: forget the file, so the map holds only what is going on.
        if !state.beingWritten && state.openDescriptors == 0 {
            folders[folder]?[file] = nil
            if folders[folder]?.isEmpty == true { folders[folder] = nil }
        } else {
            folders[folder, default: [:]][file] = state
        }
    }
}

extension WritesInProgress.File {
    mutating func startWrite(at time: Double) {
        beingWritten = true
        writerClosed = false
        stallReported = false
        lastProgress = max(lastProgress, time)
    }
}

/// A file someone keeps open for writing without sending more bytes.
public struct StalledUpload: Sendable, Equatable {
    /// Relative to the property folder.
    public var file: String
    /// When bytes last arrived, wall-clock seconds.
    public var lastProgress: Double

    public init(file: String, lastProgress: Double) {
        self.file = file
        self.lastProgress = lastProgress
    }
}
