import Foundation
import GatewayTesting
import ListingAI
import ModelGateway
import PhotoProcessing
import PropertyCore
import Testing

/// Vision, transcription and the cost per property, against the fake server.
struct ListingAIVisionTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/inbox")

    /// Derived photos as the photo stage makes them (upright, long edge 1568) from the example
    /// folders' JPEGs: what the vision plan is given, and the files the photos are rendered from.
    struct Derived {
        var candidates: [VisionCandidate]
        var paths: [String: String]

        /// Each planned photo rendered at its planned size, as the pipeline does.
        func photos(for plan: [VisionPlanEntry]) throws -> [VisionPhoto] {
            try plan.map { entry in
                let image = try ModelImage.render(fileAt: try #require(paths[entry.id]), width: entry.width, height: entry.height,
                                                  quality: entry.jpegQuality)
                return VisionPhoto(entry, jpeg: image.jpeg)
            }
        }
    }

    static func derivedPhotos(count: Int = 10) throws -> Derived {
        let sources = try FileManager.default.subpathsOfDirectory(atPath: examples.path)
            .filter { ["jpg", "jpeg"].contains(($0 as NSString).pathExtension.lowercased()) }.sorted()
        try #require(!sources.isEmpty)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vision-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var derived = Derived(candidates: [], paths: [:])
        for index in 0..<count {
            // The derived 1568 px JPEG the photo stage would write, as the vision plan starts from it.
            let images = try PhotoRenderer.render(fileAt: examples.appendingPathComponent(sources[index % sources.count]).path)
            let largePath = dir.appendingPathComponent("photo-\(index).jpg").path
            try Data(images.large).write(to: URL(fileURLWithPath: largePath))
            let id = "IMG_\(1000 + index).JPG"
            derived.candidates.append(VisionCandidate(id: id, width: images.photo.width, height: images.photo.height))
            derived.paths[id] = largePath
        }
        return derived
    }

    /// The photos `ai` plans for, rendered.
    static func planned(_ ai: ListingAI, count: Int = 10) throws -> (candidates: [VisionCandidate], photos: [VisionPhoto]) {
        let derived = try derivedPhotos(count: count)
        return (derived.candidates, try derived.photos(for: ai.visionPlan(derived.candidates)))
    }

    static func expectedSize(_ photo: VisionCandidate, detail: String) -> (Int, Int) {
        let size = detail == "high"
            ? ListingAI.fit(width: photo.width, height: photo.height, longEdge: 1024, shortEdge: 768)
            : ListingAI.fit(width: photo.width, height: photo.height, longEdge: 512, shortEdge: 512)
        return (size.width, size.height)
    }

    static func visionAI(_ server: FakeServer) throws -> (ListingAI, GatewayStore) {
        try ListingAITests.ai(server) { $0.visionModels = ["openai/gpt-4o", "anthropic/claude-sonnet-4.5"] }
    }

    @Test func tenPhotosEachKeepTheirOwnInsightsAtThePlannedSizeAndDetail() async throws {
        let server = try FakeServer(options: ["vision_auto": true])
        let (ai, _) = try Self.visionAI(server)
        let (candidates, photos) = try Self.planned(ai)
        let (insights, calls) = try await ai.analyzePhotos(photos)

        #expect(insights.map(\.imageId) == candidates.map(\.id), "one insight per photo, in order, under the agent's file name")
        let rooms = ["living_room", "bedroom", "bathroom", "kitchen", "pool", "exterior", "bedroom", "garden", "dining_room", "bathroom"]
        for (index, (photo, insight)) in zip(candidates, insights).enumerated() {
            // The first six photos high, later ones low.
            let detail = index < 6 ? "high" : "low"
            let (width, height) = Self.expectedSize(photo, detail: detail)
            #expect(insight.featuresDetected.first == "sent_\(width)x\(height)_\(detail)", "photo \(index)")
            #expect(insight.roomType == rooms[index], "the server listed the batch in reverse: mapped by label")
            #expect(max(width, height) <= (detail == "high" ? 1024 : 512) && min(width, height) <= (detail == "high" ? 768 : 512))
        }
        #expect(calls.count == 1 && calls.allSatisfy { $0.stage == "vision" && $0.model == "openai/gpt-4o" })
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
        let derived = try Self.derivedPhotos(count: 10)
        // high ≈ 765 × $2.5/M + 90 × $10/M = $0.00281; low ≈ 85 × $2.5/M + $0.0009 = $0.00111.
        ai.options.visionBudgetUSD = 0.012
        let plan = ai.visionPlan(derived.candidates + [derived.candidates[0]])
        #expect(plan.map(\.detail) == [.high, .high, .high, .low, .low, .low], "a repeated photo is planned once")
        let (insights, _) = try await ai.analyzePhotos(try derived.photos(for: plan))
        #expect(insights.map(\.imageId) == Array(derived.candidates.prefix(6)).map(\.id), "photos over the budget are absent")
    }

    @Test func transcriptionNormalisesTheLanguage() async throws {
        let memoText = "บ้านสวยใหม่ 2 ห้องนอน มีสระว่ายน้ำ ใกล้ชายหาด ราคา 80000 บาทต่อเดือน"
        let server = try FakeServer(steps: [["content": memoText, "language": "thai", "duration": 30.0]])
        let (ai, store) = try ListingAITests.ai(server)
        let audio = FileManager.default.temporaryDirectory.appendingPathComponent("memo-\(UUID().uuidString).m4a")
        try Data((0..<4096).map { UInt8($0 % 251) }).write(to: audio)

        let (memo, call) = try await ai.transcribe(audio: Data(contentsOf: audio), fileName: audio.lastPathComponent)
        #expect(memo == MemoTranscript(text: memoText, language: "th", durationSeconds: 30))
        #expect(call.stage == "transcribe" && call.model == "whisper-1" && abs(call.costUSD - 0.003) < 1e-9)

        let requests = try await server.requests(path: "/audio/transcriptions")
        #expect(requests.count == 1)
        #expect(requests[0].body?["multipart"]?["response_format"] == "verbose_json")
        #expect(requests[0].body?["multipart"]?["file"]?["bytes"] == 4096)
        #expect(try await store.usage().map(\.outcome) == ["answered"])
        #expect(ListingAI.languageCode("English") == "en" && ListingAI.languageCode("ru-RU") == "ru" && ListingAI.languageCode("") == nil)
    }
}

/// Cost of one property (10 photos + text + description) with the default models, list prices
/// and the detail policy, from the tokens actually sent — the fake server counts them from each
/// request (text ÷ 4, other scripts a token a character, the schema included, images by the
/// providers' formulas from the decoded JPEG sizes) and from each answer (output tokens).
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
        let (_, photos) = try ListingAIVisionTests.planned(ai)

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
        // The seed's $0.03, plus at most 15 % for the quotes every extracted value now carries (issue 21).
        lines.append(String(format: "total $%.4f per property (target ≤ $0.0345)", total))
        print("AI cost per property:\n" + lines.joined(separator: "\n"))
        #expect(calls.map(\.model) == ["anthropic/claude-sonnet-4.5", "openai/gpt-4o", "anthropic/claude-sonnet-4.5"])
        let imageTokens: Int = visionCalls.map(\.imageTokens).reduce(0, +)
        #expect(imageTokens == 4930, "6 × 765 (high) + 4 × 85 (low)")
        #expect(total <= 0.03 * 1.15)
    }
}
