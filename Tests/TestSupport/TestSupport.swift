public import Foundation

/// Where the repository and its test fixtures are, found from this file's own path, so tests run
/// from any working directory and need nothing outside the clone.
public enum Repository {
    public static let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A path inside the repository, e.g. `Repository.file("etc/result.schema.json")`.
    public static func file(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    /// `Tests/Fixtures`: the EXIF-orientation photos and the providers' OpenAPI specs, each with its license.
    public static let fixtures = root.appendingPathComponent("Tests/Fixtures")

    /// Landscape_0–8 and Portrait_0–8: each looks the same once its EXIF orientation is applied.
    public static let orientationPhotos = fixtures.appendingPathComponent("exif-orientation")

    /// OpenRouter's and OpenAI's published OpenAPI specs.
    public static let providerSpecs = fixtures.appendingPathComponent("specs")
}

/// A fresh directory under the system temp folder, removed when the value is released.
public final class TemporaryDirectory: Sendable {
    public let url: URL

    public init(_ label: String = "pi-test") throws {
        let safe = label.filter { $0.isLetter || $0.isNumber || $0 == "-" }
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(safe)-\(UUID().uuidString.prefix(12))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public var path: String { url.path }

    public func appending(_ relativePath: String) -> URL { url.appendingPathComponent(relativePath) }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Runs a program to completion and collects what it printed.
public enum ProcessRunner {
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        /// Standard output and standard error, for failure messages.
        public var combined: String { stdout + stderr }

        public init(status: Int32, stdout: String, stderr: String) {
            self.status = status
            self.stdout = stdout
            self.stderr = stderr
        }
    }

    /// Runs `executable` (an absolute path, or a name looked up on PATH) with `arguments`.
    /// `environment` entries are added to this process's environment; a nil value removes one.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String] = [], environment: [String: String?] = [:],
                           input: Data? = nil) throws -> Output {
        let process = Process()
        if executable.hasPrefix("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        var env = ProcessInfo.processInfo.environment
        for (name, value) in environment { env[name] = value }
        process.environment = env
        // Standard error goes to a file: a child that fills one pipe while we drain the other would hang.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("pi-stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let err = try FileHandle(forWritingTo: errorFile)
        defer { try? err.close() }
        let out = Pipe(), stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            try stdin.fileHandleForWriting.write(contentsOf: input)
            try stdin.fileHandleForWriting.close()
        }
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderrData = (try? Data(contentsOf: errorFile)) ?? Data()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self))
    }
}
