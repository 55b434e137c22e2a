import PropertyCore
#if canImport(Glibc)
import Glibc
#endif

/// A failure that stops a command or a folder run, with a code for the callers that decide on it
/// (the CLI's exit message, the daemon's "try again later" versus "tell the agent").
public struct PipelineError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The config file is missing, unreadable or invalid.
        case configuration
        /// The state directory cannot be used where it is.
        case stateDirectory
        /// The listing template cannot be read or has a syntax error.
        case template
        /// A path given as a property folder is not a folder.
        case notAFolder
        /// A folder exists but cannot be listed.
        case unreadableFolder
        /// An output could not be written (see `errno`: ENOSPC and EDQUOT pass, EACCES and EROFS need a person).
        case writeFailed
        /// The watcher stopped working (inotify failed).
        case watcherStopped
        /// The folder was renamed or deleted while it was processed: the run stopped and wrote
        /// nothing at the old path (the new name is processed as a folder of its own).
        case folderMoved
        /// Entries left the folder while it was processed (a client deleting it entry by entry):
        /// the run stopped before its next write, and the folder is looked at again once quiet.
        case folderLosingEntries
    }

    public var code: Code
    public var message: String
    /// The system error behind it, when there is one.
    public var errno: Int32?

    public init(_ code: Code, _ message: String, errno: Int32? = nil) {
        self.code = code
        self.message = message
        self.errno = errno
    }

    public var description: String { message }

    /// True when `error` ended a run because its folder left `path` (renamed, deleted, or
    /// replaced by another folder), whichever step noticed first.
    static func folderIsGone(_ path: String, after error: any Error) -> Bool {
        (error as? PipelineError)?.code == .folderMoved || !FileSystem.exists(path)
    }

    static func folderMoved(_ path: String) -> PipelineError {
        PipelineError(.folderMoved, "\(FileName.display(path)) was renamed or deleted while it was processed; nothing was written there")
    }

    /// An error from the last system call, with its text appended.
    static func system(_ code: Code, _ message: String) -> PipelineError {
        let number = Glibc.errno
        return PipelineError(code, "\(message): \(String(cString: strerror(number)))", errno: number)
    }
}
