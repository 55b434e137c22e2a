import Foundation
import GatewayTesting
import ListingAI
import ModelGateway
import PropertyCore
import Testing

/// The AI stages (extract, describe, transcribe, vision) against the fake OpenAI-compatible server.
struct ListingAITests {
    static let villaDescription = """
    Luxury pool villa for rent in Rawai, Phuket — 5 minutes to Nai Harn beach. \
    3 bedrooms, 3 bathrooms, 250 sqm living area on a 1 rai plot with a tropical garden. \
    Private salt-water pool 4x10 m, covered sala, open kitchen with island, fully furnished, \
    fibre internet, 2 covered parking spaces, CCTV and a maid's room. Quiet soi, friendly neighbours, \
    international schools and supermarkets within 10 minutes. Long-term rent 85,000 THB per month, \
    minimum 1 year, 2 months deposit. Pets considered. Available from 1 March. \
    วิลล่าสระว่ายน้ำส่วนตัว 3 ห้องนอน 3 ห้องน้ำ ใกล้หาดในหาน เฟอร์นิเจอร์ครบ ราคา 85,000 บาทต่อเดือน \
    สัญญาขั้นต่ำ 1 ปี มีที่จอดรถ 2 คัน สวนสวย เงียบสงบ เหมาะสำหรับครอบครัว
    """

    static let villaDetails = """
    {"property_type":"villa","bedrooms":3,"bathrooms":3,"square_meters":250,"price_per_month":85000,\
    "location":"Rawai, Phuket","amenities":["private_pool","garden","fully_furnished","parking","near_beach","cctv"],\
    "condition":"good","description_summary":"A furnished 3-bedroom pool villa for long-term rent in Rawai near Nai Harn beach.",\
    "languages_detected":["en","th"],\
    "confidence_score":0.9,"listing_type":"rent","price":85000,"price_currency":"THB","price_period":"month",\
    "land_square_meters":1600,"evidence":[{"field":"property_type","quote":"pool villa","value":null},{"field":"listing_type","quote":"for rent","value":null},\
    {"field":"bedrooms","quote":"3 bedrooms","value":null},{"field":"bathrooms","quote":"3 bathrooms","value":null},\
    {"field":"square_meters","quote":"250 sqm living area","value":null},{"field":"land_square_meters","quote":"1 rai plot","value":null},\
    {"field":"price","quote":"85,000 THB per month","value":null},{"field":"location","quote":"Rawai, Phuket","value":null},\
    {"field":"amenities","quote":"Private salt-water pool","value":"private_pool"},{"field":"amenities","quote":"tropical garden","value":"garden"},\
    {"field":"amenities","quote":"fully furnished","value":"fully_furnished"},{"field":"amenities","quote":"2 covered parking spaces","value":"parking"},\
    {"field":"amenities","quote":"5 minutes to Nai Harn beach","value":"near_beach"},{"field":"amenities","quote":"CCTV","value":"cctv"}]}
    """

    static let villaText = """
    Set on a quiet soi in Rawai, just five minutes from the soft sand of Nai Harn beach, this furnished \
    three-bedroom pool villa offers relaxed tropical living on a generous 1 rai plot. The 250 m² home opens \
    onto a private salt-water pool and a lush garden, ideal for long afternoons outdoors. Inside, an open \
    kitchen with an island flows into bright living spaces, and each of the three bedrooms has its own \
    bathroom. Practical touches include fibre internet, CCTV and covered parking for two cars. Families \
    will appreciate the international schools and supermarkets within easy reach, while the peaceful \
    neighbourhood keeps the island's buzz at a comfortable distance. The villa is in good condition and \
    ready to move into. Available for long-term rent at 85,000 THB per month with a minimum one-year \
    lease. A rare chance to enjoy Rawai's laid-back lifestyle with room for the whole family — arrange \
    your viewing today and picture your next chapter by the pool.
    """

    static func ai(_ server: FakeServer, configure: (inout GatewayConfig) -> Void = { _ in }) throws -> (ListingAI, GatewayStore) {
        var config = Fixtures.config(server)
        configure(&config)
        let (gateway, store, _) = try Fixtures.gateway(config)
        return (ListingAI(gateway: gateway), store)
    }

    static func json(_ object: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    // MARK: extract

    @Test func realisticMixedLanguageExtraction() async throws {
        let server = try FakeServer(defaultContent: Self.villaDetails)
        let (ai, _) = try Self.ai(server)
        let (details, calls) = try await ai.extract(description: Self.villaDescription, context: "Owner: K. Somchai", transcripts: [])
        #expect(details.bedrooms == 3 && details.pricePerMonth == 85000 && details.listingType == .rent)
        #expect(details.languagesDetected == ["en", "th"])
        #expect(calls.count == 1 && calls[0].stage == "extract" && calls[0].model == Fixtures.primary)
        #expect(calls[0].costUSD == 0.001)  // usage.cost as the provider returned it
        let request = try #require(try await server.requests().first)
        #expect(request.model == Fixtures.primary, "a long description is not for the cheap model")
        let messages = try #require(request.body?["messages"]?.arrayValue)
        #expect(messages[0]["content"]?.stringValue == PromptLibrary.extract.text)
        #expect(PromptLibrary.extract.version == "extract.v3" && PromptLibrary.extract.text.hasPrefix("You are a property analysis expert"))
        let user = try #require(messages[1]["content"]?.stringValue)
        #expect(user.contains("วิลล่าสระว่ายน้ำส่วนตัว") && user.contains("Context:\nOwner: K. Somchai"))
        #expect(request.body?["response_format"]?["json_schema"]?["name"] == "PropertyDetails")
    }

    @Test func transcriptsGoInWithTheirLanguageAsContext() async throws {
        let server = try FakeServer(defaultContent: Fixtures.validDetails)
        let (ai, _) = try Self.ai(server)
        let memo = MemoTranscript(text: "บ้านสวยใหม่ 2 ห้องนอน มีสระว่ายน้ำ ใกล้ชายหาด", language: "th", durationSeconds: 15.2)
        _ = try await ai.extract(description: "", context: nil, transcripts: [memo])
        _ = try await ai.extract(description: Self.villaDescription, context: nil, transcripts: [memo])
        let requests = try await server.requests()
        try #require(requests.count == 2)
        let voiceOnly = try #require(requests[0].body?["messages"]?.arrayValue?[1]["content"]?.stringValue)
        #expect(voiceOnly == "Description:\n\(memo.text)\n\nContext:\nSource: voice message in th")
        let both = try #require(requests[1].body?["messages"]?.arrayValue?[1]["content"]?.stringValue)
        #expect(both.contains("Voice message 1 transcript:\n\(memo.text)") && both.contains("Voice message 1: Source: voice message in th"))
    }

    @Test func cheapModelRuleFollowsTheSeed() async throws {
        #expect(ListingAI.shouldUseCheapModel("Condo 1 bed, 35 sqm, 18,000 THB/month, Sukhumvit 24"))
        #expect(!ListingAI.shouldUseCheapModel(Self.villaDescription))
        // Numbers only: over 30 % digits even when long.
        let numeric = Array(repeating: "12345 67890 1234 5678 THB", count: 40).joined(separator: " ")
        #expect(ListingAI.shouldUseCheapModel(numeric))
        // Thai has no spaces between words: 600 Thai characters are ~100 words, not 1.
        let thai = String(repeating: "บ้านสวยใหม่มีสระว่ายน้ำใกล้ชายหาด", count: 20)
        #expect(!ListingAI.shouldUseCheapModel(thai))

        let server = try FakeServer(defaultContent: Fixtures.validDetails)
        let (ai, _) = try Self.ai(server)
        let (_, calls) = try await ai.extract(description: "Condo 1 bed, 35 sqm, 18,000 THB/month", context: nil, transcripts: [])
        #expect(calls.map(\.model) == [Fixtures.fallback])
        var off = ai
        off.options.cheapModelRule = false
        _ = try await off.extract(description: "Condo 2 bed, 60 sqm, 30,000 THB/month", context: nil, transcripts: [])
        #expect(try await server.requests().map(\.model) == [Fixtures.fallback, Fixtures.primary])
    }

    @Test func longDescriptionIsSummarisedByTheCheapModelFirst() async throws {
        let summary = "Pool villa in Rawai, 3 bedrooms, 250 sqm, 85,000 THB per month."
        let server = try FakeServer(steps: [["model": Fixtures.fallback, "content": Self.json(["summary": summary])]],
                                    defaultContent: Self.villaDetails)
        let (ai, _) = try Self.ai(server)
        let long = String(repeating: Self.villaDescription + "\n", count: 16)
        #expect(long.unicodeScalars.count > 10_000)
        let (details, calls) = try await ai.extract(description: long, context: nil, transcripts: [])
        #expect(details.bedrooms == 3)
        #expect(calls.map(\.stage) == ["summarize", "extract"])
        let requests = try await server.requests()
        try #require(requests.count == 2)
        #expect(requests.map(\.model) == [Fixtures.fallback, Fixtures.fallback], "the summary is short: the cheap rule applies to it")
        #expect(requests[0].body?["messages"]?.arrayValue?[0]["content"]?.stringValue == PromptLibrary.summarize.text)
        #expect(requests[0].body?["max_completion_tokens"] == 1000)
        #expect(requests[1].body?["messages"]?.arrayValue?[1]["content"]?.stringValue?.contains(summary) == true)
    }

    // MARK: describe

    @Test func describeUsesOnlyTheMergedFactsInTheAskedLanguage() async throws {
        let server = try FakeServer(defaultContent: Self.json(["description": Self.villaText]))
        let (ai, _) = try Self.ai(server)
        let details = try JSONDecoder().decode(PropertyDetails.self, from: Data(Self.villaDetails.utf8))
        let insights = AggregatedPropertyInsights.aggregate([
            ImageInsights(imageId: "a", roomType: "pool", featuresDetected: ["salt_water_pool"], notableAmenities: ["private_pool"], estimatedQualityScore: 8),
            ImageInsights(imageId: "b", roomType: "bedroom", featuresDetected: ["king_bed"], estimatedQualityScore: 7),
        ])
        let (text, call) = try await ai.describe(details: details, insights: insights, language: "en")
        #expect(text == Self.villaText)
        let words = text.split(whereSeparator: \.isWhitespace).count
        #expect((150...200).contains(words))
        #expect(call.stage == "describe" && call.model == Fixtures.primary)

        var sparse = PropertyDetails(propertyType: "condo", bedrooms: 1)
        sparse.location = "Sukhumvit 24"
        _ = try await ai.describe(details: sparse, insights: nil, language: "th")
        let requests = try await server.requests()
        try #require(requests.count == 2)
        let english = try #require(requests[0].body?["messages"]?.arrayValue)
        #expect(english[0]["content"]?.stringValue?.contains("Write in English") == true)
        let facts = try #require(english[1]["content"]?.stringValue)
        #expect(facts.contains("- bedrooms: 3") && facts.contains("- price: 85000 THB per month") && facts.contains("- land: 1600 m²"))
        #expect(facts.contains("- photos show: bedroom 1, pool 1") && facts.contains("private pool"))
        let thai = try #require(requests[1].body?["messages"]?.arrayValue)
        #expect(thai[0]["content"]?.stringValue?.contains("Write in Thai") == true)
        #expect(thai[1]["content"]?.stringValue == "Facts:\n- property type: condo\n- bedrooms: 1\n- location: Sukhumvit 24")
        #expect(requests[1].body?["temperature"] == 0.7)
    }
}
