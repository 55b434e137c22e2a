/// Runs folder jobs with bounded concurrency: a folder is processed by one worker at a time,
/// and a request that arrives while it is being processed makes it run once more afterwards.
public actor WorkQueue {
    public typealias Job = @Sendable (String) async -> Void

    private let maxConcurrent: Int
    private let job: Job
    private var waiting: [String] = []
    private var running: Set<String> = []
    private var tasks: [String: Task<Void, Never>] = [:]
    private var rerun: Set<String> = []
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    public init(maxConcurrent: Int, job: @escaping Job) {
        self.maxConcurrent = max(1, maxConcurrent)
        self.job = job
    }

    public func enqueue(_ folder: String) {
        if running.contains(folder) { rerun.insert(folder); return }
        if waiting.contains(folder) { return }
        waiting.append(folder)
        startWork()
    }

    public var isIdle: Bool { waiting.isEmpty && running.isEmpty }
    public var runningFolders: Set<String> { running }
    public var waitingCount: Int { waiting.count }
    public func isBusy(_ folder: String) -> Bool { running.contains(folder) || waiting.contains(folder) }

    /// Returns when nothing is running or waiting.
    public func waitUntilIdle() async {
        if isIdle { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    /// Drops waiting work (shutdown); running jobs finish on their own.
    public func dropWaiting() {
        waiting.removeAll()
        rerun.removeAll()
        if isIdle { resumeIdleWaiters() }
    }

    /// Asks every running job to stop (shutdown): jobs check for cancellation between photos and
    /// between stages, so none outlives the stop timeout however big its folder.
    public func cancelRunning() {
        for task in tasks.values { task.cancel() }
    }

    private func startWork() {
        while running.count < maxConcurrent, !waiting.isEmpty {
            let folder = waiting.removeFirst()
            running.insert(folder)
            let job = job
            tasks[folder] = Task {
                await job(folder)
                self.finished(folder)
            }
        }
    }

    private func finished(_ folder: String) {
        running.remove(folder)
        tasks[folder] = nil
        if rerun.remove(folder) != nil { waiting.append(folder) }
        startWork()
        if isIdle { resumeIdleWaiters() }
    }

    private func resumeIdleWaiters() {
        let waiters = idleWaiters
        idleWaiters.removeAll()
        for waiter in waiters { waiter.resume() }
    }
}
