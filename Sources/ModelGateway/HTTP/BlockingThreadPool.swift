import Foundation

/// A few dedicated threads for blocking work (libcurl transfers), so a slow provider never
/// occupies a thread of Swift's cooperative pool. Threads start lazily, up to `maxThreads`.
final class BlockingThreadPool: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var threads = 0
    private var idle = 0
    private let maxThreads: Int
    private let name: String

    init(maxThreads: Int, name: String) {
        self.maxThreads = max(1, maxThreads)
        self.name = name
    }

    func submit(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        // Every queued job beyond the idle threads gets a new thread, up to the limit.
        if jobs.count > idle && threads < maxThreads {
            threads += 1
            let thread = Thread { [self] in self.run() }
            thread.name = "\(name)-\(threads)"
            thread.stackSize = 512 * 1024
            thread.start()
        }
        condition.signal()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while jobs.isEmpty {
                idle += 1
                condition.wait()
                idle -= 1
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }
}
