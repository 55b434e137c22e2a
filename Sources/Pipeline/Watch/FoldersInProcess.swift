/// The folders being processed, by identity (device and inode). A folder renamed mid-run is the
/// same inode under a new path: its new run waits until the old run has stopped, so it finds the
/// photos the old run rendered in the cache instead of rendering them a second time beside it.
actor FoldersInProcess {
    private var running: Set<FileSystem.Identity> = []
    private var waiting: [FileSystem.Identity: [CheckedContinuation<Void, Never>]] = [:]

    /// Returns once no other run holds `identity`, and holds it.
    func begin(_ identity: FileSystem.Identity) async {
        while running.contains(identity) {
            await withCheckedContinuation { waiting[identity, default: []].append($0) }
        }
        running.insert(identity)
    }

    func end(_ identity: FileSystem.Identity) {
        running.remove(identity)
        for waiter in waiting.removeValue(forKey: identity) ?? [] { waiter.resume() }
    }
}
