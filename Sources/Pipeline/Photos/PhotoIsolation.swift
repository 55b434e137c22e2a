// Which way the pipeline decodes agents' photos: in worker processes (the daemon and the CLI),
// or in this process where there is no worker binary (unit-test runners).
import BlockingIO
import Foundation
import PhotoProcessing

public enum PhotoIsolation {
    /// `in-process`, or the path of a `property-inbox` binary to run workers from (tests point
    /// at the built CLI). Unset: the running binary itself, unless it is a test runner.
    public static let workerVariable = "PROPERTY_INBOX_PHOTO_WORKER"
    /// Wall-clock seconds one photo may take in a worker before it is killed; tests shorten it.
    public static let timeoutVariable = "PROPERTY_INBOX_PHOTO_TIMEOUT"

    /// The pool every stage renders through; nil renders in this process.
    public static let shared: PhotoWorkerPool? = makeDefault(environment: ProcessInfo.processInfo.environment)

    static func makeDefault(environment: [String: String]) -> PhotoWorkerPool? {
        let setting = environment[workerVariable]
        if setting == "in-process" { return nil }
        let executable: String
        if let setting {
            executable = setting
        } else {
            // A swift-testing/XCTest runner has no worker mode: rendering stays in-process there.
            let running = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
            guard !running.isEmpty, !running.hasSuffix(".xctest") else { return nil }
            executable = "/proc/self/exe"
        }
        // One worker per executor thread: every photo call blocks one thread while its worker runs.
        var configuration = PhotoWorkerPool.Configuration(executable: executable, maxIdle: BlockingExecutor.shared.threadCount)
        if let seconds = environment[timeoutVariable].flatMap(Int.init), seconds > 0 {
            configuration.secondsPerPhoto = Double(seconds)
        }
        // At exit the idle workers are stopped and waited for instead of left to notice the
        // closed socket on their own.
        atexit { PhotoIsolation.shared?.shutdown() }
        return PhotoWorkerPool(configuration: configuration)
    }
}
