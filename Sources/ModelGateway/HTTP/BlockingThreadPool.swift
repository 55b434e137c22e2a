import Dispatch
import Foundation
import Synchronization

/// A few dedicated threads for blocking work (libcurl transfers), so a slow provider never
/// occupies a thread of Swift's cooperative pool. Threads start lazily, up to `maxThreads`: a
/// transport made for one request (a test, `doctor`) costs one thread, not sixteen.
final class BlockingThreadPool: Sendable {
    private struct State {
        var jobs: [@Sendable () -> Void] = []
        var threads = 0
        var idle = 0
    }

    private let state = Mutex(State())
    /// One signal per submitted job: a thread that gets past `wait()` always finds one queued.
    private let available = DispatchSemaphore(value: 0)
    private let maxThreads: Int
    private let name: String

    init(maxThreads: Int, name: String) {
        self.maxThreads = max(1, maxThreads)
        self.name = name
    }

    func submit(_ job: @escaping @Sendable () -> Void) {
        let newThread: Int? = state.withLock { state in
            state.jobs.append(job)
            // Every queued job beyond the idle threads gets a new thread, up to the limit.
            guard state.jobs.count > state.idle, state.threads < maxThreads else { return nil }
            state.threads += 1
            return state.threads
        }
        if let number = newThread {
            // The threads live as long as the process; the pool is owned by a long-lived transport.
            let thread = Thread { [self] in run() }
            thread.name = "\(name)-\(number)"
            thread.stackSize = 512 * 1024
            thread.start()
        }
        available.signal()
    }

    private func run() {
        while true {
            state.withLock { $0.idle += 1 }
            available.wait()
            let job = state.withLock { state in
                state.idle -= 1
                return state.jobs.isEmpty ? nil : state.jobs.removeFirst()
            }
            job?()
        }
    }
}
