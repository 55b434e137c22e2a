// The daemon side of photo isolation: a few persistent `property-inbox __photo-worker` processes
// over socket pairs. Callers block (they run on the BlockingExecutor, one photo per thread, so at
// most that many workers are ever busy). A worker that dies, hangs or sends garbage costs the
// photo it had; the next photo gets a fresh worker.
import Foundation
public import PhotoProcessing
import Synchronization

public final class PhotoWorkerPool: Sendable {
    public struct Configuration: Sendable {
        /// The binary to start in worker mode; `/proc/self/exe` is the running daemon itself,
        /// even if its file was replaced by an upgrade meanwhile.
        public var executable: String
        public var limits: PhotoWorker.Limits
        /// Wall-clock time one photo may take before its worker is killed (a hang uses no CPU).
        public var secondsPerPhoto: Double
        /// Idle workers kept for the next photos; more are stopped when they finish.
        public var maxIdle: Int
        /// A worker is replaced after this many photos, so what a decoder leaks stays bounded.
        public var photosPerWorker: Int
        /// Added to the daemon's environment for the workers (tests turn on the fault trigger).
        public var extraEnvironment: [String: String]

        public init(executable: String, limits: PhotoWorker.Limits = .init(), secondsPerPhoto: Double = 90,
                    maxIdle: Int = 2, photosPerWorker: Int = 500, extraEnvironment: [String: String] = [:]) {
            self.executable = executable
            self.limits = limits
            self.secondsPerPhoto = secondsPerPhoto
            self.maxIdle = maxIdle
            self.photosPerWorker = photosPerWorker
            self.extraEnvironment = extraEnvironment
        }
    }

    /// One running worker: its process id and the daemon's end of its socket.
    private struct WorkerProcess: Sendable {
        let pid: pid_t
        let socket: Int32
        var served = 0
    }

    public let configuration: Configuration
    private let idle = Mutex<[WorkerProcess]>([])
    private let started = Atomic<Int>(0)

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    deinit {
        for worker in idle.withLock({ $0 }) { Self.retire(worker) }
    }

    /// Stops the idle workers and waits for them, so none outlives the daemon and their CPU time
    /// is counted as the daemon's.
    public func shutdown() {
        for worker in idle.withLock({ workers in defer { workers.removeAll() }; return workers }) { Self.retire(worker) }
    }

    /// How many worker processes were started so far (replacements included).
    public var workersStarted: Int { started.load(ordering: .relaxed) }

    /// `PhotoRenderer.render(fileAt:options:)` in a worker. Blocks.
    public func render(fileAt path: String, options: RenderOptions) throws(PhotoError) -> RenderedImages {
        let (response, blobs) = try exchange(.render(path: path, options: options))
        guard let photo = response.photo, blobs.count == 2 else { throw Self.garbled("the answer had no photo") }
        return RenderedImages(photo: photo, large: blobs[0], thumb: blobs[1])
    }

    /// `ModelImage.render(fileAt:width:height:quality:)` in a worker. Blocks.
    public func modelImage(fileAt path: String, width: Int, height: Int, quality: Int) throws(PhotoError) -> ModelImage {
        let (response, blobs) = try exchange(.modelImage(path: path, width: width, height: height, quality: quality))
        guard let size = response.modelSize, size.count == 2, blobs.count == 1 else { throw Self.garbled("the answer had no image") }
        return ModelImage(jpeg: blobs[0], width: size[0], height: size[1])
    }

    // MARK: one request

    private func exchange(_ request: PhotoWorkerRequest) throws(PhotoError) -> (PhotoWorkerResponse, [[UInt8]]) {
        guard let frame = try? PhotoWorkerFrame.encode(request) else { throw Self.garbled("the request could not be encoded") }
        var worker = try checkOut()
        if !Self.send(frame, to: worker) {
            // An idle worker can have been killed from outside; that says nothing about this photo.
            Self.kill(worker)
            worker = try spawn()
            guard Self.send(frame, to: worker) else {
                Self.kill(worker)
                throw PhotoError(.decoderUnavailable, "the photo could not be processed right now; it will be tried again",
                                 detail: "a new photo worker closed its socket at once")
            }
        }
        switch Self.receive(from: worker, seconds: configuration.secondsPerPhoto) {
        case .frame(let body):
            guard let (response, blobs) = try? PhotoWorkerFrame.decodeResponse(body) else {
                Self.kill(worker)
                throw Self.garbled("the answer could not be read")
            }
            worker.served += 1
            checkIn(worker)
            if let error = response.error { throw error }
            return (response, blobs)
        case .closed:
            let (how, signal) = Self.reapWithSignal(worker)
            // Stopped from outside (systemd sends SIGTERM to the whole service on a stop or a
            // restart, workers included): not the file's doing, so not kept as its verdict.
            if signal == SIGTERM || signal == SIGINT || signal == SIGHUP {
                throw PhotoError(.decoderUnavailable, "the photo could not be processed right now; it will be tried again",
                                 detail: "photo worker \(how)")
            }
            throw PhotoError(.decoderCrashed, PhotoError.couldNotBeOpened, detail: "photo worker \(how)")
        case .timedOut:
            Self.kill(worker)
            throw PhotoError(.decoderCrashed, PhotoError.couldNotBeOpened,
                             detail: "photo worker gave no answer within \(configuration.secondsPerPhoto) s and was killed")
        }
    }

    private static func garbled(_ what: String) -> PhotoError {
        PhotoError(.decoderCrashed, PhotoError.couldNotBeOpened, detail: "photo worker protocol error: \(what)")
    }

    private func checkOut() throws(PhotoError) -> WorkerProcess {
        if let worker = idle.withLock({ $0.popLast() }) { return worker }
        return try spawn()
    }

    private func checkIn(_ worker: WorkerProcess) {
        let kept = worker.served < configuration.photosPerWorker && idle.withLock { workers in
            guard workers.count < configuration.maxIdle else { return false }
            workers.append(worker)
            return true
        }
        if !kept { Self.retire(worker) }
    }

    // MARK: processes

    private func spawn() throws(PhotoError) -> WorkerProcess {
        var sockets: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &sockets) == 0 else {
            throw Self.unavailable("socketpair failed (errno \(errno))")
        }
        defer { close(sockets[1]) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, sockets[1], 0)  // dup2 clears close-on-exec
        // Nothing else of the daemon's may reach the worker: a pipe inherited by a long-lived
        // worker keeps another child from ever seeing end-of-file on it.
        Self.closeFrom(3, in: &actions)
        // The daemon may block or ignore signals (SIGTERM for its own shutdown, SIGPIPE): the
        // worker starts with every signal at its default and none blocked.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t(), none = sigset_t()
        sigfillset(&all)
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let arguments = [configuration.executable, "__photo-worker",
                         "--address-space-mb", "\(configuration.limits.addressSpaceBytes >> 20)",
                         "--cpu-seconds", "\(configuration.limits.cpuSecondsPerPhoto)"]
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let environment = Self.workerEnvironment(ProcessInfo.processInfo.environment).merging(configuration.extraEnvironment) { $1 }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, configuration.executable, &actions, &attributes, argv, envp)
        guard rc == 0 else {
            close(sockets[0])
            throw Self.unavailable("posix_spawn \(configuration.executable) failed (\(String(cString: strerror(rc))))")
        }
        started.add(1, ordering: .relaxed)
        return WorkerProcess(pid: pid, socket: sockets[0])
    }

    /// `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34+), which Swift's Glibc module does
    /// not export: looked up once by name.
    private static let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32).self)
    }()

    private static func closeFrom(_ lowest: Int32, in actions: inout posix_spawn_file_actions_t) {
        if let addCloseFrom {
            _ = addCloseFrom(&actions, lowest)
            return
        }
        // Older C library: close what is open now (a descriptor opened meanwhile may still leak).
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap(Int32.init) where fd >= lowest && fcntl(fd, F_GETFD) >= 0 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
    }

    /// The daemon's environment without its secrets (API keys, the hook's signing key): a worker
    /// decodes untrusted files and needs none of them.
    static func workerEnvironment(_ environment: [String: String]) -> [String: String] {
        environment.filter { name, _ in
            let upper = name.uppercased()
            return !(upper.hasSuffix("_KEY") || upper.contains("SECRET") || upper.contains("TOKEN") || upper.contains("PASSWORD"))
        }
    }

    private static func unavailable(_ detail: String) -> PhotoError {
        PhotoError(.decoderUnavailable, "the photo could not be processed right now; it will be tried again", detail: detail)
    }

    /// A finished worker: closing its socket (in `reap`) makes it exit.
    private static func retire(_ worker: WorkerProcess) {
        _ = reap(worker)
    }

    private static func kill(_ worker: WorkerProcess) {
        Glibc.kill(worker.pid, SIGKILL)
        _ = reap(worker)
    }

    /// Closes the daemon's end of the socket (the only place that does), waits for the process
    /// to end and says how it ended.
    private static func reap(_ worker: WorkerProcess) -> String {
        reapWithSignal(worker).how
    }

    /// `reap`, with the signal that ended the worker (0 when it exited).
    private static func reapWithSignal(_ worker: WorkerProcess) -> (how: String, signal: Int32) {
        close(worker.socket)
        var status: Int32 = 0
        while waitpid(worker.pid, &status, 0) < 0 {
            guard errno == EINTR else { return ("could not be waited for (errno \(errno))", 0) }
        }
        let signal = status & 0x7f
        if signal == 0 { return ("exited with status \((status >> 8) & 0xff)", 0) }
        let name = strsignal(signal).map { String(cString: $0) } ?? "unknown"
        return ("was killed by signal \(signal) (\(name))", signal)
    }

    // MARK: frames with a deadline

    private static func send(_ bytes: [UInt8], to worker: WorkerProcess) -> Bool {
        var sent = 0
        while sent < bytes.count {
            // MSG_NOSIGNAL: a dead worker must not take the daemon down with SIGPIPE.
            let wrote = bytes.withUnsafeBytes { Glibc.send(worker.socket, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
            if wrote > 0 { sent += wrote } else if wrote < 0 && errno == EINTR { continue } else { return false }
        }
        return true
    }

    private enum Received {
        case frame([UInt8])
        case closed
        case timedOut
    }

    private static func receive(from worker: WorkerProcess, seconds: Double) -> Received {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
        func readExactly(_ count: Int) -> Received {
            var buffer = [UInt8](repeating: 0, count: count), filled = 0
            while filled < count {
                let now = DispatchTime.now().uptimeNanoseconds
                guard now < deadline else { return .timedOut }
                var poller = pollfd(fd: worker.socket, events: Int16(POLLIN), revents: 0)
                let ready = poll(&poller, 1, Int32(min((deadline - now) / 1_000_000 + 1, UInt64(Int32.max))))
                if ready < 0 && errno == EINTR { continue }
                guard ready > 0 else { if ready == 0 { continue } else { return .closed } }
                let got = buffer.withUnsafeMutableBytes { recv(worker.socket, $0.baseAddress! + filled, count - filled, 0) }
                if got > 0 { filled += got } else if got < 0 && (errno == EINTR || errno == EAGAIN) { continue } else { return .closed }
            }
            return .frame(buffer)
        }
        let first = readExactly(4)
        guard case .frame(let header) = first else { return first }
        let length = PhotoWorkerFrame.readLittleEndian(header, at: 0)
        guard length >= 0, length <= PhotoWorkerFrame.maxFrame else { return .closed }
        return readExactly(length)
    }
}
