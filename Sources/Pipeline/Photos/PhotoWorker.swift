// The worker side: `property-inbox __photo-worker` reads photo requests on its standard input (a
// socket shared with the daemon), decodes with the C libraries, and answers with JPEG bytes. It
// writes no file and holds no database or provider connection, so memory corruption in a decoder
// costs this process and the one photo it was working on, nothing else.
import Foundation
import PhotoProcessing

public enum PhotoWorker {
    /// Limits the worker sets on itself before touching any photo.
    public struct Limits: Sendable, Equatable {
        /// Address space (RLIMIT_AS): a decoder that runs away with memory fails here.
        public var addressSpaceBytes: Int
        /// CPU seconds one photo may use (RLIMIT_CPU, moved forward before each photo).
        public var cpuSecondsPerPhoto: Int

        public init(addressSpaceBytes: Int = 4 << 30, cpuSecondsPerPhoto: Int = 60) {
            self.addressSpaceBytes = addressSpaceBytes
            self.cpuSecondsPerPhoto = cpuSecondsPerPhoto
        }
    }

    /// Test-only: with this variable set to 1, a file whose content starts with PI-TEST-CRASH,
    /// PI-TEST-HANG, PI-TEST-SPIN or PI-TEST-OOM makes the worker abort, sleep, burn CPU or
    /// allocate without end. Checked only here, in worker mode.
    public static let testFaultsVariable = "PROPERTY_INBOX_TEST_WORKER_FAULTS"

    /// Serves requests until the daemon closes the socket; returns the exit status.
    public static func serve(limits: Limits) -> Int32 {
        let channel: Int32 = 0
        // Anything a C library prints must not land in the daemon's standard output.
        dup2(2, 1)
        signal(SIGPIPE, SIG_DFL)
        applyStaticLimits(limits)
        exitWhenOrphaned()
        let faults = ProcessInfo.processInfo.environment[testFaultsVariable] == "1"
        while true {
            guard let body = readFrame(channel) else { return 0 }
            guard let request = try? JSONDecoder().decode(PhotoWorkerRequest.self, from: Data(body)) else { return 3 }
            allowCPU(seconds: limits.cpuSecondsPerPhoto)
            allowMemory(bytes: limits.addressSpaceBytes, limits: limits)  // all of it until the header is read
            if faults { injectFault(request) }
            let frame: [UInt8]
            do {
                frame = try handle(request, limits: limits)
            } catch {
                return 4
            }
            guard writeAll(channel, frame) else { return 0 }
        }
    }

    private static func handle(_ request: PhotoWorkerRequest, limits: Limits) throws -> [UInt8] {
        let budget = { (info: PhotoInfo) in allowMemory(forPixels: info.width * info.height, limits: limits) }
        let answer: Result<(PhotoWorkerResponse, [[UInt8]]), PhotoError>
        switch request {
        case .render(let path, let options):
            answer = Result { () throws(PhotoError) in
                let images = try FileSystem.withOpenablePath(path) { path throws(PhotoError) in
                    try PhotoRenderer.render(fileAt: path, options: options, beforeDecoding: budget)
                }
                return (PhotoWorkerResponse(photo: images.photo, blobSizes: [images.large.count, images.thumb.count]),
                        [images.large, images.thumb])
            }
        case .modelImage(let path, let width, let height, let quality):
            answer = Result { () throws(PhotoError) in
                let image = try FileSystem.withOpenablePath(path) { path throws(PhotoError) in
                    try ModelImage.render(fileAt: path, width: width, height: height, quality: quality, beforeDecoding: budget)
                }
                return (PhotoWorkerResponse(modelSize: [image.width, image.height], blobSizes: [image.jpeg.count]), [image.jpeg])
            }
        }
        switch answer {
        case .success(let (response, blobs)): return try PhotoWorkerFrame.encode(response, blobs: blobs)
        case .failure(let error): return try PhotoWorkerFrame.encode(PhotoWorkerResponse(error: error), blobs: [])
        }
    }

    /// A worker stuck in a decoder never reads the daemon's socket closing; this thread ends it
    /// once the daemon is gone (the worker was handed to another parent).
    private static func exitWhenOrphaned() {
        let daemon = getppid()
        Thread.detachNewThread {
            while getppid() == daemon { sleep(1) }
            _exit(0)
        }
    }

    /// Address space, no files written at all (the daemon writes the outputs), no core dumps.
    private static func applyStaticLimits(_ limits: Limits) {
        setLimit(RLIMIT_AS, soft: rlim_t(limits.addressSpaceBytes), hard: rlim_t(limits.addressSpaceBytes))
        // (the soft limit is then narrowed per photo, never above this hard one)
        setLimit(RLIMIT_FSIZE, soft: 0, hard: 0)
        setLimit(RLIMIT_CORE, soft: 0, hard: 0)
    }

    /// RLIMIT_CPU counts the whole process's life, so before each photo the soft limit is moved
    /// to "CPU used so far + one photo's allowance"; SIGXCPU ends the worker past it.
    private static func allowCPU(seconds: Int) {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        let used = Int(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + 1
        setLimit(RLIMIT_CPU, soft: rlim_t(used + seconds), hard: rlim_t.max)  // unlimited (RLIM_INFINITY)
    }

    /// Decoding a picture needs memory in proportion to the pixels its header claims (decoder
    /// buffers, RGB, planes, resize passes: about 12 bytes a pixel); a file whose decoder asks
    /// for far more (libheif 1.15 sizes a grid's canvas from the grid box alone) is stopped by
    /// the address-space limit and costs only this worker.
    private static func allowMemory(forPixels pixels: Int, limits: Limits) {
        let mapped = currentAddressSpace()
        allowMemory(bytes: mapped + pixels * 24 + (256 << 20), limits: limits)
    }

    private static func allowMemory(bytes: Int, limits: Limits) {
        setLimit(RLIMIT_AS, soft: rlim_t(min(bytes, limits.addressSpaceBytes)), hard: rlim_t(limits.addressSpaceBytes))
    }

    /// VmSize: the first field of /proc/self/statm, in pages.
    private static func currentAddressSpace() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
              let pages = text.split(separator: " ").first.flatMap({ Int($0) })
        else { return 1 << 30 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    private static func setLimit(_ resource: __rlimit_resource, soft: rlim_t, hard: rlim_t) {
        var limit = rlimit(rlim_cur: soft, rlim_max: hard)
        if setrlimit(__rlimit_resource_t(resource.rawValue), &limit) != 0 {
            FileHandle.standardError.write(Data("photo worker: could not set limit \(resource.rawValue) (errno \(errno))\n".utf8))
        }
    }

    private static func injectFault(_ request: PhotoWorkerRequest) {
        let path = switch request {
        case .render(let path, _): path
        case .modelImage(let path, _, _, _): path
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        let head = String(decoding: handle.readData(ofLength: 16), as: UTF8.self)
        try? handle.close()
        if head.hasPrefix("PI-TEST-CRASH") { abort() }
        if head.hasPrefix("PI-TEST-HANG") { while true { sleep(3600) } }
        if head.hasPrefix("PI-TEST-SPIN") { var x: UInt64 = 1; while x != 0 { x = x &* 6364136223846793005 &+ 1 } }
        if head.hasPrefix("PI-TEST-OOM") {
            var blocks: [UnsafeMutableRawPointer] = []
            while true {
                guard let block = malloc(64 << 20) else { fatalError("photo worker: out of memory (test)") }
                memset(block, 1, 64 << 20)
                blocks.append(block)
            }
        }
    }

    // MARK: frames on a blocking descriptor

    private static func readFrame(_ fd: Int32) -> [UInt8]? {
        guard let header = readExactly(fd, 4) else { return nil }
        let length = PhotoWorkerFrame.readLittleEndian(header, at: 0)
        guard length >= 0, length <= PhotoWorkerFrame.maxFrame else { return nil }
        return readExactly(fd, length)
    }

    private static func readExactly(_ fd: Int32, _ count: Int) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: count), filled = 0
        while filled < count {
            let got = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, count - filled) }
            if got > 0 { filled += got } else if got < 0 && errno == EINTR { continue } else { return nil }
        }
        return buffer
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let wrote = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + sent, bytes.count - sent) }
            if wrote > 0 { sent += wrote } else if wrote < 0 && errno == EINTR { continue } else { return false }
        }
        return true
    }
}
