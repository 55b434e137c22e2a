/// Where a property folder is in its life, as stored and as shown to the agent (the words are
/// each catalog's `headline`).
public enum FolderState: String, Codable, Sendable, CaseIterable {
    case waiting            // upload not finished yet
    case queued
    case processing
    case done
    case needsAttention = "needs_attention"
    case failed
    case paused             // the provider or the server cannot go on now — resumes by itself
    case removed            // the folder was deleted from the inbox

    /// Settled states are verdicts: nothing more happens until the folder changes.
    public var isSettled: Bool {
        switch self {
        case .done, .needsAttention, .failed: true
        case .waiting, .queued, .processing, .paused, .removed: false
        }
    }
}
