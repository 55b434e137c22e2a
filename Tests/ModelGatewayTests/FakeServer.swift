import Foundation
import ModelGateway

/// Runs Tests/Support/fake_openai_server.py on 127.0.0.1 with a random port for one test.
final class FakeServer: @unchecked Sendable {
    struct Recorded: Decodable {
        var path: String
        var method: String
        var model: String?
        var headers: [String: String]
        var hasAuthorization: Bool
        var time: Double
        var body: JSONValue?

        enum CodingKeys: String, CodingKey {
            case path, method, model, headers, time, body
            case hasAuthorization = "has_authorization"
        }
    }

    let process = Process()
    let input = Pipe()
    let port: Int
    var baseURL: String { "http://127.0.0.1:\(port)" }

    static var scriptPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Support/fake_openai_server.py").path
    }

    /// - Parameter script: steps as described in the server's docstring.
    /// - Parameter options: more script-level keys (`usage_mode`, `vision_auto`).
    init(steps: [[String: Any]] = [], defaultContent: String? = nil, latency: Double = 0, options: [String: Any] = [:]) throws {
        var script: [String: Any] = ["steps": steps, "latency": latency]
        script.merge(options) { $1 }
        if let defaultContent { script["default_content"] = defaultContent }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("fake-script-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: script).write(to: file)
        let output = Pipe()
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
    }

    deinit { stop() }

    func stop() {
        if process.isRunning {
            try? input.fileHandleForWriting.close()
            process.terminate()
            process.waitUntilExit()
        }
    }

    func requests(path suffix: String = "/chat/completions") async throws -> [Recorded] {
        let response = try await CurlTransport(maxConcurrentTransfers: 1).send(HTTPRequest(method: .get, url: baseURL + "/_requests"))
        return try JSONDecoder().decode([Recorded].self, from: response.body).filter { $0.path.hasSuffix(suffix) }
    }

    /// A free port with nothing listening on it.
    static func closedPort() throws -> Int {
        let server = try FakeServer()
        let port = server.port
        server.stop()
        return port
    }
}
