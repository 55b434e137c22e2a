/// Where a property folder is in its life, as stored and as shown to the agent.
public enum FolderState: String, Codable, Sendable, CaseIterable {
    case waiting            // upload not finished yet
    case queued
    case processing
    case done
    case needsAttention = "needs_attention"
    case failed
    case paused             // budget reached / provider unavailable — resumes by itself
    case removed            // the folder was deleted from the inbox

    /// Words an agent reads in `_STATUS.txt` and `_INBOX_STATUS.txt`.
    public var headline: String {
        switch self {
        case .waiting: "Waiting for the upload to finish"
        case .queued: "Queued — will be processed shortly"
        case .processing: "Processing"
        case .done: "Done — the listing is ready"
        case .needsAttention: "Done, needs attention"
        case .failed: "Failed"
        case .paused: "Paused — will resume by itself"
        case .removed: "Removed"
        }
    }
}
