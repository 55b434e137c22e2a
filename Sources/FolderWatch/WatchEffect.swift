/// What the watcher decided and its caller carries out. The watcher itself writes nothing: status
/// files, the database and the work queue belong to the pipeline.
public enum WatchEffect: Equatable, Sendable {
    /// A change was seen in this folder (once per burst of changes): tell the agent the upload was
    /// noticed and is not complete yet.
    case announceWaiting(String)
    /// The folder's upload is complete: process it.
    case dispatch(String)
    /// Files of this folder stay open for writing with no bytes arriving for the stall timeout:
    /// tell the agent and the log (once per stall). The folder is still not processed.
    case uploadStalled(String, [StalledUpload])
    /// The folder left the inbox.
    case removed(String)
    /// An upload of this folder was removed by someone (a client deleting the folder entry by
    /// entry, or an agent replacing a photo): nothing may be written in it until it is quiet.
    case losingEntries(String, removed: String)
    /// The folder is there but cannot be opened (permissions): tell the operator and the inbox
    /// status, and try it again until it can.
    case unreadable(String)
    /// `_INBOX_STATUS.txt` no longer matches the inbox.
    case inboxStatusStale
    /// Compare the whole inbox with the database: call `InboxWatcher.reconcile` with what the
    /// database knows.
    case reconcile(reason: String)
    case log(WatchLog)
}

/// A log line the watcher asks for; the caller owns the logger.
public struct WatchLog: Equatable, Sendable {
    public enum Level: Sendable { case debug, info, notice, warning, error, critical }

    public var level: Level
    public var message: String
    public var metadata: [String: String]

    public init(_ level: Level, _ message: String, _ metadata: [String: String] = [:]) {
        self.level = level
        self.message = message
        self.metadata = metadata
    }
}
