/// What the state database remembers about one folder, for reconciliation.
public struct KnownFolder: Sendable {
    /// Finished, nothing to do unless its files changed.
    public var isSettled: Bool
    public var isRemoved: Bool
    public var inputs: Set<FileStamp>
    /// A listing was published here, so result.json and listing.md belong on disk.
    public var hasPublished: Bool
    /// What the latest publish wrote (relative path → its stamp); empty when it was not recorded.
    public var outputs: [String: OutputStamp]

    public init(isSettled: Bool, isRemoved: Bool, inputs: Set<FileStamp>, hasPublished: Bool = false, outputs: [String: OutputStamp] = [:]) {
        self.isSettled = isSettled
        self.isRemoved = isRemoved
        self.inputs = inputs
        self.hasPublished = hasPublished
        self.outputs = outputs
    }
}

/// The comparison of an inbox on disk with the state database (at start-up, after an inotify
/// overflow, and periodically): pure, so every case is testable without a daemon.
public enum ReconcilePlan {
    public struct Decision: Sendable, Equatable {
        /// Folders to (re)process, each with the time (ns) of its newest change, so a folder
        /// uploaded long ago is due at once and one still changing waits for the settle window.
        public var process: [String: Int64] = [:]
        public var removed: [String] = []
        public var unchanged = 0
    }

    /// `missingOutputs`: folders whose result.json or listing.md is not on disk (removed while no
    /// one watched); a published one among them runs again to write them back.
    public static func decide(onDisk: [String: FolderSnapshot], known: [String: KnownFolder],
                              missingOutputs: Set<String> = []) -> Decision {
        var decision = Decision()
        for (path, snapshot) in onDisk {
            // Nothing to read and nothing to write: a run would only find it empty again.
            if snapshot.hasNothingUploaded {
                decision.unchanged += 1
                continue
            }
            guard let record = known[path], record.isSettled, !record.isRemoved else {
                decision.process[path] = snapshot.newestChangeNs  // new, interrupted, or back again
                continue
            }
            if snapshot.fileStamps == record.inputs && !(record.hasPublished && missingOutputs.contains(path)) {
                decision.unchanged += 1
            } else {
                decision.process[path] = snapshot.newestChangeNs
            }
        }
        decision.removed = known.filter { onDisk[$0.key] == nil && !$0.value.isRemoved }.map(\.key).sorted()
        return decision
    }
}
