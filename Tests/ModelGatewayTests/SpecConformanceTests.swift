import Foundation
import GatewayTesting
import ModelGateway
import PropertyCore
import Testing
import TestSupport

/// The bodies the gateway sends validate against the providers' published specs
/// (Tests/Fixtures/specs), checked by Tests/Support/validate_requests.py with jsonschema.
struct SpecConformanceTests {
    static var specsDirectory: URL { Repository.providerSpecs }

    @Test func chatAndTranscriptionRequestsMatchTheSpecs() async throws {
        let specs = ProcessInfo.processInfo.environment["PROPERTY_INBOX_SPECS"].map { URL(fileURLWithPath: $0) }
            ?? Self.specsDirectory
        try #require(FileManager.default.fileExists(atPath: specs.appendingPathComponent("openrouter-openapi.yaml").path),
                     "specs not found at \(specs.path)")
        let insights = #"{"image_id":"IMG_1","room_type":"pool","features_detected":["pool"],"condition_assessment":"good","notable_amenities":[],"estimated_quality_score":7,"issues_detected":[],"confidence":0.9}"#
        let server = try FakeServer(steps: [["status": 400, "error": ["code": 400, "message": "json_schema unsupported"], "model": "local/json-object-only"],
                                            ["content": insights, "model": "openai/gpt-4o"]],
                                    defaultContent: Fixtures.validDetails)
        var config = Fixtures.config(server)
        config.openRouterFeatures = true
        config.serverSideFallback = true
        config.referer = "https://example.com"
        let (gateway, _, _) = try Fixtures.gateway(config)

        // Text extraction with OpenRouter's extras, a vision call with image parts, a json_object fallback.
        _ = try await gateway.structured(Fixtures.extractRequest())
        // A streamed request: `stream` and `stream_options` must be valid ChatRequest fields too.
        var streamed = Fixtures.extractRequest("Condo in Kata, 1 bedroom, streamed")
        streamed.stream = true
        _ = try await gateway.structured(streamed)
        let photo = ChatImage(jpeg: Data([0xFF, 0xD8, 0xFF, 0xD9]), width: 1024, height: 768, detail: .low)
        _ = try await gateway.structured(StructuredRequest<ImageInsights>(
            stage: "vision", schemaName: "ImageInsights", promptVersion: "t", system: "Describe the photo.",
            userText: "image_id: IMG_1", images: [photo], models: ["openai/gpt-4o"]))
        _ = try? await gateway.structured(StructuredRequest<PropertyDetails>(
            stage: "extract", schemaName: "PropertyDetails", promptVersion: "t", system: "s", userText: "u",
            models: ["local/json-object-only"]))
        _ = try await gateway.transcribe(TranscriptionRequest(audio: Data(repeating: 1, count: 2048), filename: "memo.m4a",
                                                              language: "th", prompt: "Rawai"))

        let dump = FileManager.default.temporaryDirectory.appendingPathComponent("requests-\(UUID().uuidString).json")
        let all = try await CurlTransport(maxConcurrentTransfers: 1).send(HTTPRequest(method: .get, url: server.baseURL + "/_requests"))
        try all.body.write(to: dump)
        let chat = try await server.requests()
        #expect(chat.count == 5)
        #expect(chat.filter { $0.body?["stream"] == .bool(true) }.count == 1)
        #expect(chat.allSatisfy { $0.hasAuthorization && $0.headers["x-openrouter-title"] == "PropertyInbox" })

        let process = Process()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", FakeServer.scriptPath.replacingOccurrences(of: "fake_openai_server.py", with: "validate_requests.py"),
                             specs.path, dump.path]
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(report)")
        #expect(report.contains("checked 6 requests, 0 problems"), "\(report)")
    }
}
