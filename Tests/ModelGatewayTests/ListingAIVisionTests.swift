import Foundation
import GatewayTesting
import ModelGateway
import PhotoProcessing
import PropertyCore
import Testing

/// Vision, transcription, the cache and the cost per property, against the fake server.
struct ListingAIVisionTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/inbox")

    /// Ten derived photos (long edge 1568, upright) made from the example folders' JPEGs.
    static func derivedPhotos(count: Int = 10) throws -> [VisionPhoto] {
        let sources = try FileManager.default.subpathsOfDirectory(atPath: examples.path)
            .filter { ["jpg", "jpeg"].contains(($0 as NSString).pathExtension.lowercased()) }.sorted()
        try #require(!sources.isEmpty)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vision-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return try (0..<count).map { index in
            let image = try ModelImage.render(fileAt: examples.appendingPathComponent(sources[index % sources.count]).path,
                                              longEdge: 1568, shortEdge: 1568, quality: 85)
            let path = dir.appendingPathComponent("photo-\(index).jpg").path
            try Data(image.jpeg).write(to: URL(fileURLWithPath: path))
            return VisionPhoto(id: "IMG_\(1000 + index).JPG", jpegPath: path, width: image.width, height: image.height)
        }
    }

    static func expectedSize(_ photo: VisionPhoto, detail: String) -> (Int, Int) {
        let size = detail == "high"
            ? ModelImage.fit(width: photo.width, height: photo.height, longEdge: 1024, shortEdge: 768)
            : ModelImage.fit(width: photo.width, height: photo.height, longEdge: 512, shortEdge: 512)
        return (size.width, size.height)
    }

    static func visionAI(_ server: FakeServer) throws -> (ListingAI, GatewayStore) {
        try ListingAITests.ai(server) { $0.visionModels = ["openai/gpt-4o", "anthropic/claude-sonnet-4.5"] }
    }

    @Test func tenPhotosEachKeepTheirOwnInsightsAtThePlannedSizeAndDetail() async throws {
        let server = try FakeServer(options: ["vision_auto": true])
        let (ai, _) = try Self.visionAI(server)
        let photos = try Self.derivedPhotos()
        let (insights, calls) = try await ai.analyzePhotos(photos)

        #expect(insights.map(\.imageId) == photos.map(\.id), "one insight per photo, in order, under the agent's file name")
        let rooms = ["living_room", "bedroom", "bathroom", "kitchen", "pool", "exterior", "bedroom", "garden", "dining_room", "bathroom"]
        for (index, (photo, insight)) in zip(photos, insights).enumerated() {
            // The seed's optimize_cost: idx > 5 → low.
            let detail = index < 6 ? "high" : "low"
            let (width, height) = Self.expectedSize(photo, detail: detail)
            #expect(insight.featuresDetected.first == "sent_\(width)x\(height)_\(detail)", "photo \(index)")
            #expect(insight.roomType == rooms[index], "the server listed the batch in reverse: mapped by label")
            #expect(max(width, height) <= (detail == "high" ? 1024 : 512) && min(width, height) <= (detail == "high" ? 768 : 512))
        }
        #expect(calls.count == 1 && calls.allSatisfy { $0.stage == "vision" && $0.model == "openai/gpt-4o" && !$0.fromCache })
        #expect(calls.map(\.imageTokens) == [6 * 765 + 4 * 85])

        let requests = try await server.requests()
        #expect(requests.count == 1)
        let details = requests.flatMap { request in
            (request.body?["messages"]?.arrayValue?[1]["content"]?.arrayValue ?? []).compactMap { $0["image_url"]?["detail"]?.stringValue }
        }
        #expect(details.sorted() == (Array(repeating: "high", count: 6) + Array(repeating: "low", count: 4)).sorted())
        #expect(requests.allSatisfy { $0.body?["messages"]?.arrayValue?[0]["content"]?.stringValue == PromptLibrary.vision.text })
    }

    @Test func budgetRuleSkipsPhotosItCannotPayFor() async throws {
        let server = try FakeServer(options: ["vision_auto": true])
        var (ai, _) = try Self.visionAI(server)
        let photos = try Self.derivedPhotos(count: 10)
        // high ≈ 765 × $2.5/M + 90 × $10/M = $0.00281; low ≈ 85 × $2.5/M + $0.0009 = $0.00111.
        ai.options.visionBudgetUSD = 0.012
        let plan = ai.visionPlan(photos)
        #expect(plan.map(\.detail) == [.high, .high, .high, .low, .low, .low])
        let (insights, _) = try await ai.analyzePhotos(photos)
        #expect(insights.map(\.imageId) == Array(photos.prefix(6)).map(\.id), "photos over the budget are absent")
    }

    @Test func transcriptionNormalisesTheLanguageAndIsPaidForOnce() async throws {
        let memoText = "บ้านสวยใหม่ 2 ห้องนอน มีสระว่ายน้ำ ใกล้ชายหาด ราคา 80000 บาทต่อเดือน"
        let server = try FakeServer(steps: [["content": memoText, "language": "thai", "duration": 30.0]])
        let (ai, store) = try ListingAITests.ai(server)
        let audio = FileManager.default.temporaryDirectory.appendingPathComponent("memo-\(UUID().uuidString).m4a")
        try Data((0..<4096).map { UInt8($0 % 251) }).write(to: audio)

        let (memo, call) = try await ai.transcribe(audioPath: audio.path)
        #expect(memo == MemoTranscript(text: memoText, language: "th", durationSeconds: 30))
        #expect(call.stage == "transcribe" && call.model == "whisper-1" && abs(call.costUSD - 0.003) < 1e-9 && !call.fromCache)
        let again = try await ai.transcribe(audioPath: audio.path)
        #expect(again.transcript == memo && again.call.fromCache && again.call.costUSD == 0)

        let requests = try await server.requests(path: "/audio/transcriptions")
        #expect(requests.count == 1)
        #expect(requests[0].body?["multipart"]?["response_format"] == "verbose_json")
        #expect(requests[0].body?["multipart"]?["file"]?["bytes"] == 4096)
        #expect(try store.usage().map(\.outcome) == ["answered", "cache_hit"])
        #expect(ListingAI.languageCode("English") == "en" && ListingAI.languageCode("ru-RU") == "ru" && ListingAI.languageCode("") == nil)
    }

    @Test func cachedReRunMakesNoHTTPCall() async throws {
        let describe: [String: Any] = ["content": ListingAITests.json(["description": ListingAITests.villaText]),
                                       "match_system": "You write property listings"]
        let server = try FakeServer(steps: [describe], defaultContent: ListingAITests.villaDetails, options: ["vision_auto": true])
        let (ai, _) = try Self.visionAI(server)
        let photos = try Self.derivedPhotos(count: 7)
        func run() async throws -> [StageCall] {
            let (details, extractCalls) = try await ai.extract(description: ListingAITests.villaDescription, context: nil, transcripts: [])
            let (insights, visionCalls) = try await ai.analyzePhotos(photos)
            #expect(insights.count == 7)
            return extractCalls + visionCalls + [try await ai.describe(details: details, insights: nil, language: "en").call]
        }
        let first = try await run()
        let count = try await server.requests().count
        #expect(count == 3 && first.allSatisfy { !$0.fromCache })
        let second = try await run()
        #expect(try await server.requests().count == count, "a cached re-run makes zero HTTP calls")
        #expect(second.allSatisfy { $0.fromCache && $0.costUSD == 0 })
    }
}

/// DESIGN issue 6: cost of one property (10 photos + text + description) with the default models,
/// PROVIDERS.md prices and the seed's detail policy, from the tokens actually sent — the fake
/// server counts them from each request (text ÷ 4, other scripts a token a character, the schema
/// included, images by PROVIDERS.md from the decoded JPEG sizes) and from each answer (output tokens).
struct ListingAICostTests {
    @Test func costPerPropertyIsWithinTarget() async throws {
        let describe: [String: Any] = ["content": ListingAITests.json(["description": ListingAITests.villaText]),
                                       "match_system": "You write property listings"]
        let server = try FakeServer(steps: [describe], defaultContent: ListingAITests.villaDetails,
                                    options: ["vision_auto": true, "usage_mode": "estimate"])
        let config = GatewayConfig(baseURL: server.baseURL, apiKey: APIKey("sk-test"), transcriptionBaseURL: server.baseURL,
                                   transcriptionKey: APIKey("sk-test"))  // default models and prices
        let (gateway, _, _) = try Fixtures.gateway(config)
        let ai = ListingAI(gateway: gateway)
        let photos = try ListingAIVisionTests.derivedPhotos()

        let (details, extractCalls) = try await ai.extract(description: ListingAITests.villaDescription, context: "Owner: K. Somchai", transcripts: [])
        let (insights, visionCalls) = try await ai.analyzePhotos(photos)
        let (_, describeCall) = try await ai.describe(details: details, insights: .aggregate(insights), language: "en")
        let calls = extractCalls + visionCalls + [describeCall]

        let prices = PriceTable.default
        var lines: [String] = []
        for call in calls {
            // No usage.cost from this server: the price table × tokens, output included.
            let listed: Double = prices.cost(model: call.model, promptTokens: call.promptTokens, completionTokens: call.completionTokens)
            #expect(abs(call.costUSD - listed) < 1e-12)
            lines.append(String(format: "%-9@ %-28@ in %5d (images %4d)  out %4d  $%.5f", call.stage as NSString, call.model as NSString,
                                call.promptTokens, call.imageTokens, call.completionTokens, call.costUSD))
        }
        let total = calls.reduce(0) { $0 + $1.costUSD }
        lines.append(String(format: "total $%.4f per property (target ≤ $0.03; seed estimate $0.049)", total))
        print("AI cost per property:\n" + lines.joined(separator: "\n"))
        #expect(calls.map(\.model) == ["anthropic/claude-sonnet-4.5", "openai/gpt-4o", "anthropic/claude-sonnet-4.5"])
        let imageTokens: Int = visionCalls.map(\.imageTokens).reduce(0, +)
        #expect(imageTokens == 4930, "6 × 765 (high) + 4 × 85 (low)")
        #expect(total <= 0.03)
    }
}
