import FolderWatch
import Foundation
import Synchronization

/// Reads inotify on its own thread, so a blocking `poll` never occupies Swift's cooperative pool.
final class InotifyReader: Sendable {
    private let inotify: Inotify
    private let continuation: AsyncStream<WatchDaemon.Input>.Continuation
    private let stopping = Atomic<Bool>(false)
    private let done = DispatchSemaphore(value: 0)

    init(inotify: Inotify, continuation: AsyncStream<WatchDaemon.Input>.Continuation) {
        self.inotify = inotify
        self.continuation = continuation
    }

    func start() {
        let thread = Thread { [self] in
            defer { done.signal() }
            // The 200 ms timeout bounds how long `stop()` waits for the loop to notice.
            while !stopping.load(ordering: .acquiring) {
                do {
                    let events = try inotify.read(timeoutMilliseconds: 200)
                    if !events.isEmpty { continuation.yield(.events(events)) }
                } catch {
                    continuation.yield(.failed("inotify stopped working: \(error)"))
                    return
                }
            }
        }
        thread.name = "inotify-reader"
        thread.start()
    }

    /// Returns once the thread has left its loop, so the descriptor can be closed safely.
    func stop() {
        stopping.store(true, ordering: .releasing)
        done.wait()
    }
}
