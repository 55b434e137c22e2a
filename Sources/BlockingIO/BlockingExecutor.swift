import Dispatch
import Foundation
import Synchronization

/// A fixed number of threads for work that blocks a thread: decoding pixels, hashing large files,
/// fsync. Swift's cooperative pool has one thread per core and also runs the daemon's event
/// handling, so a 200 MB hash or a 48-megapixel decode there would stall every other task.
/// `run` suspends the caller until the work is done on one of these threads.
public final class BlockingExecutor: Sendable {
    /// One per core, at least two: enough to keep the cores busy, few enough that memory stays
    /// bounded by that many photos or files in flight.
    public static let shared = BlockingExecutor(threads: max(2, ProcessInfo.processInfo.activeProcessorCount), name: "blocking")

    /// The watch loop's own blocking calls (/proc walks, inbox listings, "waiting" status files).
    /// Never queued behind photos: a photo may hold a `shared` thread for its whole timeout, and
    /// the loop that waited behind it would miss systemd's watchdog and stop seeing folders.
    public static let watcher = BlockingExecutor(threads: 1, name: "watcher")

    private let jobs = Mutex<[@Sendable () -> Void]>([])
    private let available = DispatchSemaphore(value: 0)
    /// How many jobs can run at once; callers with many jobs keep about this many in flight.
    public let threadCount: Int

    public init(threads: Int, name: String) {
        threadCount = max(1, threads)
        for index in 0..<threadCount {
            // The threads live as long as the process (the executor is never released).
            let thread = Thread { [self] in
                while true {
                    available.wait()
                    let job = jobs.withLock { $0.isEmpty ? nil : $0.removeFirst() }
                    job?()
                }
            }
            thread.name = "\(name)-\(index + 1)"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Runs `work` on one of the executor's threads and returns its result (or its error).
    public func run<T: Sendable, Failure: Error>(_ work: @escaping @Sendable () throws(Failure) -> T) async throws(Failure) -> T {
        let result: Result<T, Failure> = await withCheckedContinuation { continuation in
            jobs.withLock { $0.append { continuation.resume(returning: Result(catching: work)) } }
            available.signal()
        }
        return try result.get()
    }
}
