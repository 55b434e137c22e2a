public import Foundation
import FolderWatch
public import Logging
import PipelineStore
import PropertyCore
public import ServiceLifecycle

/// `property-inbox watch`: notices new and changed property folders, waits until each upload
/// is complete, and processes every folder exactly once per change (DESIGN §3, §7).
///
/// One task owns all daemon state and handles inputs in order: inotify batches from a reader
/// thread, timer ticks, and shutdown. Processing runs in a bounded `WorkQueue`.
public struct WatchDaemon: Service, CustomStringConvertible {
    public struct Options: Sendable {
        public var inbox: URL
        /// Poll instead of inotify (network mounts, where inotify sees nothing).
        public var poll = false
        public var pollInterval: Double = 5
        /// Full reconciliation against the database, as a safety net.
        public var reconcileInterval: Double = 300
        /// How long a graceful stop waits for folders being processed.
        public var shutdownGrace: Double = 8

        public init(inbox: URL) {
            self.inbox = inbox.standardizedFileURL
        }
    }

    let options: Options
    let runtime: PipelineRuntime

    public init(options: Options, runtime: PipelineRuntime) {
        self.options = options
        self.runtime = runtime
    }

    public var description: String { "WatchDaemon(\(options.inbox.path))" }

    enum Input: Sendable {
        case events([Inotify.Event])
        case tick
        case failed(String)
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public func run() async throws {
        let lock = try DaemonLock(directory: runtime.stateDirectory.path)
        defer { withExtendedLifetime(lock) {} }
        var logger = runtime.logger
        logger[metadataKey: "inbox"] = "\(options.inbox.path)"
        let (inputs, continuation) = AsyncStream.makeStream(of: Input.self)

        let inotify: Inotify? = options.poll ? nil : try Inotify()
        let reader = inotify.map { InotifyReader(inotify: $0, continuation: continuation) }
        reader?.start()
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(200))  // settle deadlines; READY needs no tick
                continuation.yield(.tick)
            }
        }

        let state = DaemonState(options: options, runtime: runtime, inotify: inotify, logger: logger)
        try state.start()
        logger.notice("watching", metadata: ["mode": "\(options.poll ? "poll" : "inotify")",
                                             "settle_seconds": "\(runtime.configuration.settleSeconds)"])

        var failure: String?
        await withGracefulShutdownHandler {
            for await input in inputs {
                switch input {
                case .events(let events): state.handle(events)
                case .tick: state.tick()
                case .failed(let message):
                    failure = message
                    continuation.finish()
                }
            }
        } onGracefulShutdown: {
            continuation.finish()
        }

        logger.notice("stopping")
        ticker.cancel()
        reader?.stop()
        await state.queue.dropWaiting()
        let grace = options.shutdownGrace
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await state.queue.waitUntilIdle() }
            group.addTask { try? await Task.sleep(for: .seconds(grace)) }
            await group.next()
            group.cancelAll()
        }
        try? InboxStatusWriter.write(inbox: options.inbox, store: runtime.store)
        if let failure { throw Failure(description: failure) }
    }
}

/// Reads inotify on its own thread (a blocking poll never occupies Swift's cooperative pool).
final class InotifyReader: @unchecked Sendable {
    private let inotify: Inotify
    private let continuation: AsyncStream<WatchDaemon.Input>.Continuation
    private let lock = NSLock()
    private var stopping = false
    private let done = DispatchSemaphore(value: 0)

    init(inotify: Inotify, continuation: AsyncStream<WatchDaemon.Input>.Continuation) {
        self.inotify = inotify
        self.continuation = continuation
    }

    func start() {
        let thread = Thread { [self] in
            defer { done.signal() }
            while !lock.withLock({ stopping }) {
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
        lock.withLock { stopping = true }
        done.wait()
    }
}
