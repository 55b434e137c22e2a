import Foundation
public import ModelGateway
import Synchronization

/// Runs Tests/Support/fake_openai_server.py on 127.0.0.1 with a random port for one test.
/// A library target (not a test target) so every test target that talks to a provider shares it.
public final class FakeServer: Sendable {
    public struct Recorded: Decodable, Sendable {
        public var path: String
        public var method: String
        public var model: String?
        public var headers: [String: String]
        public var hasAuthorization: Bool
        public var time: Double
        public var body: JSONValue?

        enum CodingKeys: String, CodingKey {
            case path, method, model, headers, time, body
            case hasAuthorization = "has_authorization"
        }
    }

    /// `Process` and `Pipe` are not Sendable; the mutex is the one way to reach them.
    private let child: Mutex<(process: Process, input: Pipe)>
    public let port: Int
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    public static var scriptPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tests/Support/fake_openai_server.py").path
    }

    /// - Parameter script: steps as described in the server's docstring.
    /// - Parameter options: more script-level keys (`usage_mode`, `vision_auto`).
    public init(steps: [[String: Any]] = [], defaultContent: String? = nil, latency: Double = 0, options: [String: Any] = [:]) throws {
        var script: [String: Any] = ["steps": steps, "latency": latency]
        script.merge(options) { $1 }
        if let defaultContent { script["default_content"] = defaultContent }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("fake-script-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: script).write(to: file)
        let output = Pipe(), input = Pipe(), process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.scriptPath, "--script", file.path]
        process.standardOutput = output
        process.standardInput = input
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)) else {
            process.terminate()
            throw GatewayError(.unavailable, "fake server did not start: \(text)")
        }
        self.port = port
        child = Mutex((process, input))
    }

    deinit { stop() }

    public func stop() {
        child.withLock { child in
            if child.process.isRunning {
                try? child.input.fileHandleForWriting.close()
                child.process.terminate()
                child.process.waitUntilExit()
            }
        }
    }

    public func requests(path suffix: String = "/chat/completions") async throws -> [Recorded] {
        let response = try await CurlTransport(maxConcurrentTransfers: 1).send(HTTPRequest(method: .get, url: baseURL + "/_requests"))
        return try JSONDecoder().decode([Recorded].self, from: response.body).filter { $0.path.hasSuffix(suffix) }
    }

    /// A free port with nothing listening on it.
    public static func closedPort() throws -> Int {
        let server = try FakeServer()
        let port = server.port
        server.stop()
        return port
    }
}
