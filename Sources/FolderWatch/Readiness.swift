/// Whether a folder's upload is complete: the one rule `scan` and `watch` both apply.
public enum Readiness: Equatable, Sendable {
    case ready
    /// Something changed less than the settle window ago.
    case settling(secondsLeft: Double)
    /// Upload temp files are present (`*.filepart`, `*.part` …).
    case uploading
    /// These files (relative to the folder) are open for writing: bytes are still arriving.
    case beingWritten([String])

    /// A file still open for writing holds the folder back whatever else is true, READY included:
    /// READY may arrive over one connection while a photo still trickles in over another. Then
    /// READY wins: the agent says the upload is complete. Otherwise no upload temp file may be
    /// present and the newest change to the agent's files must be at least the settle window old.
    /// Our own outputs do not count (the snapshot leaves them out), or publishing would make a
    /// folder look freshly changed. `now` is wall-clock seconds, like the mtimes it is compared with.
    public static func of(_ snapshot: FolderSnapshot, beingWritten: [String] = [], settleSeconds: Double,
                          now: Double) -> Readiness {
        if !beingWritten.isEmpty { return .beingWritten(beingWritten) }
        if snapshot.hasReadyMarker { return .ready }
        if snapshot.uploading { return .uploading }
        let age = now - snapshot.newestChangeSeconds
        return age >= settleSeconds ? .ready : .settling(secondsLeft: settleSeconds - age)
    }
}

extension FolderSnapshot {
    /// `newestChangeNs` in seconds, the unit of `WallClock`.
    public var newestChangeSeconds: Double { Double(newestChangeNs) / 1e9 }
}
