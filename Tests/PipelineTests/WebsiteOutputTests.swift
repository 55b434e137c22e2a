import Foundation
import GRDB
@testable import Pipeline
@testable import PipelineStore
import PropertyCore
import Testing
import TestSupport

/// listing.md as a static-site generator reads it: the front matter's keys, values and dates,
/// the gallery, the draft policy; and the rebuild hook's pure parts.
@Suite struct WebsiteOutputTests {
    func listing(in folder: URL) throws -> String {
        try String(contentsOf: folder.appendingPathComponent("listing.md"), encoding: .utf8)
    }

    /// The front matter parsed by PyYAML (what Jekyll's and Eleventy's YAML readers also accept),
    /// printed back as JSON with dates as ISO strings.
    func parsedFrontMatter(_ listing: String) throws -> [String: Any] {
        let script = """
        import json, sys, yaml, datetime
        text = sys.argv[1]
        front = yaml.safe_load(text.split("---\\n")[1])
        print(json.dumps(front, default=lambda v: v.isoformat() if isinstance(v, datetime.datetime) else str(v)))
        """
        let (status, output) = try runPython(script, arguments: [listing])
        #expect(status == 0, "\(output)")
        return try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any] ?? [:]
    }

    func sampleResult() -> ListingResult {
        var result = ListingResult(propertyId: "villa: \"the one\" #1", requestId: "req_1", timestamp: "2026-11-27T10:00:00.000Z")
        result.propertyType = "villa"
        result.listingType = .rent
        result.price = 80_000
        result.pricePeriod = .month
        result.bedrooms = 3
        result.squareMeters = 250.5
        result.location = "Rawai: Phuket — 'quotes' \"double\" # not a comment\nsecond line\u{2028}third\u{85}fourth\u{FEFF}"
        result.amenities = ["private_pool"]
        result.photos = [
            PhotoEntry(source: "a.jpg", photo: "_listing/photos/01-a.jpg", thumb: "_listing/thumbs/01-a.jpg", quality: .ok),
            PhotoEntry(source: "b.jpg", photo: "_listing/photos/02-b.jpg", thumb: "_listing/thumbs/02-b.jpg", quality: .ok,
                       duplicateOf: "a.jpg"),
            PhotoEntry(source: "c.jpg", photo: "_listing/photos/03-c.jpg", thumb: "_listing/thumbs/03-c.jpg", quality: .unusable),
            PhotoEntry(source: "pool (1).jpg", photo: "_listing/photos/04-pool (1).jpg", thumb: "_listing/thumbs/04-pool (1).jpg",
                       roomType: "swimming_pool", quality: .ok, cover: true),
        ]
        return result
    }

    @Test func frontMatterUsesNoReservedKeyAndKeepsTypesAndText() throws {
        let publication = ListingPublication(firstPublished: "2026-11-01T08:00:00.000Z", contentChanged: "2026-11-20T09:30:00.000Z", draft: false)
        let renderer = try ListingRenderer(templatePath: nil, imageBaseURL: "https://homes.example/listings/{id}/")
        let text = renderer.render(sampleResult(), publication: publication)
        let front = try parsedFrontMatter(text)

        for reserved in ["type", "layout", "url", "slug", "weight", "permalink", "published", "tags", "updated"] {
            #expect(front[reserved] == nil, "reserved key \(reserved) in the front matter")
        }
        #expect(front["property_type"] as? String == "villa")
        #expect(front["id"] as? String == "villa: \"the one\" #1")
        #expect(front["location"] as? String == sampleResult().location)
        #expect(front["price"] as? Int == 80_000)
        #expect(front["area_m2"] as? Double == 250.5)
        #expect(front["bedrooms"] as? Int == 3)
        #expect(front["draft"] as? Bool == false)
        // Dates are YAML timestamps (a date to the generator), not strings.
        #expect(front["date"] as? String == "2026-11-01T08:00:00+00:00")
        #expect(front["lastmod"] as? String == "2026-11-20T09:30:00+00:00")
        // The duplicate and the unusable photo are left out; the cover comes first in `images`.
        let gallery = try #require(front["gallery"] as? [[String: String]])
        #expect(gallery.map { $0["photo"] } == ["_listing/photos/01-a.jpg", "_listing/photos/04-pool (1).jpg"])
        #expect(gallery.last?["alt"] == "swimming pool")
        #expect(front["cover"] as? String == "_listing/photos/04-pool (1).jpg")
        #expect(front["images"] as? [String] == [
            "https://homes.example/listings/villa:%20%22the%20one%22%20%231/_listing/photos/04-pool%20%281%29.jpg",
            "https://homes.example/listings/villa:%20%22the%20one%22%20%231/_listing/photos/01-a.jpg",
        ])
        // No H1: themes print the title themselves.
        let body = text.components(separatedBy: "---\n").dropFirst(2).joined(separator: "---\n")
        #expect(!body.split(separator: "\n").contains { $0.hasPrefix("# ") })
        #expect(!body.contains("02-b.jpg") && !body.contains("03-c.jpg"))
    }

    @Test func withoutAnImageBaseURLImagesIsLeftOut() throws {
        let renderer = try ListingRenderer(templatePath: nil)
        let front = try parsedFrontMatter(renderer.render(sampleResult(), publication: .undated(draft: true)))
        #expect(front["images"] == nil)
        #expect(front["draft"] as? Bool == true)
    }

    /// A buyer's screen reader on the Thai page hears "สระว่ายน้ำ", not "pool", in the gallery and the body.
    @Test func galleryAltTextIsInThePagesLanguage() throws {
        var result = sampleResult()
        result.photos[3].roomType = "pool"
        let renderer = try ListingRenderer(templatePath: nil)
        for (language, alt) in [(ListingLanguage.en, "pool"), (.th, "สระว่ายน้ำ"), (.ru, "бассейн")] {
            let text = renderer.render(result, language: language, publication: .undated(draft: false))
            let gallery = try #require(parsedFrontMatter(text)["gallery"] as? [[String: String]])
            #expect(gallery.map { $0["alt"] } == ["a.jpg", alt], "\(language)")
            #expect(text.contains("![\(alt)]("), "\(language): \(text)")
        }
    }

    /// The meta description is the page's own language, never the agent's raw text; the agent's
    /// LINE ID and phone stay off every page unless the operator keeps them.
    @Test func metaDescriptionIsPerLanguageAndContactsStayOffThePage() throws {
        var result = sampleResult()
        result.location = "Rawai"
        result.description = "Pool villa in Rawai, quiet street. LINE: somchai.home, tel 081-234-5678."
        result.descriptionSummary = "วิลล่าสระว่ายน้ำ ราไวย์ ไลน์ : somchai.home"  // the agent's raw words
        result.descriptions = ["en": result.description, "ru": "Вилла с бассейном в Раваи. Лайн: somchai.home"]
        let renderer = try ListingRenderer(templatePath: nil)
        for language in [ListingLanguage.en, .th, .ru] {
            let text = renderer.render(result, language: language, publication: .undated(draft: false))
            let description = try #require(parsedFrontMatter(text)["description"] as? String, "\(language)")
            #expect(!text.contains("somchai.home") && !text.contains("081-234-5678"), "\(language): \(text)")
            #expect(description != result.descriptionSummary)
            switch language {
            case .en: #expect(description.hasPrefix("Pool villa in Rawai, quiet street."), "\(description)")
            case .ru: #expect(description.hasPrefix("Вилла с бассейном в Раваи."), "\(description)")
            default: // no Thai description: the Thai title and key facts
                #expect(description.hasPrefix(ListingRenderer.title(for: result, language: .th)), "\(description)")
            }
        }
        let keeping = try ListingRenderer(templatePath: nil, showAgentContacts: true)
        let kept = keeping.render(result, language: .en, publication: .undated(draft: false))
        #expect(kept.contains("somchai.home") && kept.contains("081-234-5678"))
    }

    @Test func frontMatterIsOneFunctionPerLanguage() {
        let block = ListingFrontMatter.render(result: sampleResult(), title: "วิลล่า 3 ห้องนอน", language: "th",
                                              summary: "วิลล่าพร้อมสระว่ายน้ำ", publication: .undated(draft: false))
        #expect(block.hasPrefix("---\ntitle: \"วิลล่า 3 ห้องนอน\"\n"))
        #expect(block.contains("\nlanguage: \"th\"\n"))
        #expect(block.contains("\ndescription: \"วิลล่าพร้อมสระว่ายน้ำ\"\n"))
        #expect(block.hasSuffix("\n---\n"))
    }

    @Test func draftPolicy() {
        var site = SiteSettings()
        #expect(!site.isDraft(needsAttention: true, topLevelNames: ["description.txt"]))
        #expect(site.isDraft(needsAttention: false, topLevelNames: ["description.txt", "sold"]))
        #expect(site.isDraft(needsAttention: false, topLevelNames: ["WITHDRAWN.txt"]))
        #expect(!site.isDraft(needsAttention: false, topLevelNames: ["photos/SOLD.jpg", "soldier.jpg"]))
        site.draftWhenNeedsAttention = true
        #expect(site.isDraft(needsAttention: true, topLevelNames: []))
    }

    @Test func datesKeepFirstPublishAndMoveOnlyWhenTheContentChanges() async throws {
        let sandbox = try Sandbox()
        let store = try sandbox.runtime().store
        let first = try await store.listingDates(folderPath: "/inbox/a", contentHash: "h1", now: "2026-01-01T00:00:00.000Z")
        #expect(first == ListingDates(firstPublished: "2026-01-01T00:00:00.000Z", contentChanged: "2026-01-01T00:00:00.000Z"))
        let same = try await store.listingDates(folderPath: "/inbox/a", contentHash: "h1", now: "2026-02-01T00:00:00.000Z")
        #expect(same == first)
        let changed = try await store.listingDates(folderPath: "/inbox/a", contentHash: "h2", now: "2026-03-01T00:00:00.000Z")
        #expect(changed == ListingDates(firstPublished: "2026-01-01T00:00:00.000Z", contentChanged: "2026-03-01T00:00:00.000Z"))

        // Published before the dates were kept: `date` is its first publishing run.
        let older = try await store.startRun(folderPath: "/inbox/b")
        try await store.finishRun(older, outcome: "done", stagesRun: ["inventory", "publish"], stagesReused: [], fingerprint: "f")
        let unchanged = try await store.startRun(folderPath: "/inbox/b")
        try await store.finishRun(unchanged, outcome: "unchanged", stagesRun: [], stagesReused: ["publish"], fingerprint: "f")
        let firstRun = try #require(try await store.database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT started_at FROM run WHERE id = ?", arguments: [older])
        })
        let upgraded = try await store.listingDates(folderPath: "/inbox/b", contentHash: "h", now: "2099-01-01T00:00:00.000Z")
        #expect(upgraded == ListingDates(firstPublished: firstRun, contentChanged: "2099-01-01T00:00:00.000Z"))
    }

    /// Through the real processor: a context.txt edit that changes nothing in the listing re-publishes
    /// (result.json moves on) but leaves `date` and `lastmod`; a price change moves `lastmod` only.
    @Test func lastmodFollowsTheListingNotTheRepublish() async throws {
        let sandbox = try Sandbox()
        let folder = try sandbox.folder("villa-kata-3", [
            "description.txt": "Pool villa for rent in Kata, Phuket. 3 bedrooms, 2 bathrooms, 220 sqm. 95,000 THB/month.".utf8Data,
        ])
        let runtime = try sandbox.runtime()
        _ = try await runtime.processor.process(folder: folder)
        let first = try parsedFrontMatter(listing(in: folder))
        try validateOutputs(in: folder)

        try await Task.sleep(for: .milliseconds(20))
        try "The owner asked us to be quick.".write(to: folder.appendingPathComponent("context.txt"), atomically: true, encoding: .utf8)
        let again = try await runtime.processor.process(folder: folder)
        #expect(again.stagesRun.contains("publish"))
        let second = try parsedFrontMatter(listing(in: folder))
        #expect(second["date"] as? String == first["date"] as? String)
        #expect(second["lastmod"] as? String == first["lastmod"] as? String)

        try await Task.sleep(for: .milliseconds(20))
        try "Pool villa for rent in Kata, Phuket. 3 bedrooms, 2 bathrooms, 220 sqm. 90,000 THB/month.".write(
            to: folder.appendingPathComponent("description.txt"), atomically: true, encoding: .utf8)
        _ = try await runtime.processor.process(folder: folder)
        let third = try parsedFrontMatter(listing(in: folder))
        #expect(third["price"] as? Int == 90_000)
        #expect(third["date"] as? String == first["date"] as? String)
        #expect((third["lastmod"] as? String ?? "") > (first["lastmod"] as? String ?? "~"))
    }

    @Test func soldMarkerMakesADraftAndAHookDeliveryIsRecordedOncePerPublish() async throws {
        let sandbox = try Sandbox()
        let folder = try sandbox.folder("condo-1", [
            "description.txt": "Condo for rent in Thonglor, 1 bedroom, 35 sqm, 18,000 THB per month".utf8Data,
        ])
        let runtime = try sandbox.runtime(configuration: "[hook]\ncommand = \"true\"\n")
        _ = try await runtime.processor.process(folder: folder)
        #expect(try parsedFrontMatter(listing(in: folder))["draft"] as? Bool == false)
        _ = try await runtime.processor.process(folder: folder)  // unchanged: nothing new owed
        #expect(try await runtime.store.pendingHookDeliveries().map(\.listingId) == ["condo-1"])

        try Data().write(to: folder.appendingPathComponent("SOLD"))
        _ = try await runtime.processor.process(folder: folder)
        #expect(try parsedFrontMatter(listing(in: folder))["draft"] as? Bool == true)
        let status = try String(contentsOf: folder.appendingPathComponent("_STATUS.txt"), encoding: .utf8)
        #expect(status.contains("SOLD: marks the listing sold or withdrawn"), "\(status)")
        let pending = try await runtime.store.pendingHookDeliveries()
        #expect(pending.count == 2 && pending.allSatisfy { $0.target == "command" && $0.event == "published" })
    }

    @Test func siteAndHookSettingsLoadAndTheSecretNeverPrints() throws {
        let sandbox = try Sandbox()
        let file = sandbox.root.appendingPathComponent("site.toml")
        try """
        [site]
        image_base_url = "https://homes.example/listings/{id}/"
        draft_markers = ["VERKAUFT"]
        draft_when_needs_attention = true
        [hook]
        command = "hugo --source /srv/site"
        url = "https://hooks.example/build"
        debounce_seconds = 2
        """.write(to: file, atomically: true, encoding: .utf8)
        let configuration = try Configuration.load(path: file.path, environment: ["PROPERTY_INBOX_HOOK_SECRET": "s3cret-value"])
        #expect(configuration.site.imageBaseURL == "https://homes.example/listings/{id}/")
        #expect(configuration.site.draftMarkers == ["VERKAUFT"] && configuration.site.draftWhenNeedsAttention)
        #expect(configuration.site.hook.targets == ["command", "webhook"])
        #expect(configuration.site.hook.debounceSeconds == 2)
        #expect(configuration.site.hook.secret == HookSecret("s3cret-value"))
        #expect(!"\(configuration)".contains("s3cret-value") && !String(reflecting: configuration).contains("s3cret-value"))

        try "[hook]\nsecret = \"in-the-file\"\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: PipelineError.self) { try Configuration.load(path: file.path, environment: [:]) }
    }

    @Test func hookTimingDebouncesBurstsAndBacksOff() {
        let timing = RebuildHookTiming(debounce: 5, maxWait: 60, maxRetry: 300)
        #expect(timing.fireTime(burstStarted: 100, lastActivity: 103) == 108)
        #expect(timing.fireTime(burstStarted: 100, lastActivity: 158) == 160)
        #expect((1...10).map { timing.retryDelay(afterAttempts: $0) } == [2, 4, 8, 16, 32, 64, 128, 256, 300, 300])

        func delivery(_ nextAttemptAt: Double) -> HookDelivery {
            HookDelivery(id: nil, target: "webhook", listingId: "a", event: "published", publishKey: "k", createdAt: "",
                         deliveredAt: nil, attempts: nextAttemptAt == 0 ? 0 : 1, nextAttemptAt: nextAttemptAt, lastError: nil)
        }
        // A new delivery waits with one that is backing off; both go once the retry time comes.
        let waiting = [delivery(110), delivery(0)]
        #expect(RebuildHookTiming.batch(waiting, now: 105).send.isEmpty)
        #expect(RebuildHookTiming.batch(waiting, now: 105).lookAgainAt == 110)
        #expect(RebuildHookTiming.batch(waiting, now: 110).send.count == 2)
        #expect(RebuildHookTiming.batch([], now: 110).lookAgainAt == nil)
    }

    @Test func hookEventHasOneChangePerListingLatestWinning() throws {
        func delivery(_ id: String, _ event: String) -> HookDelivery {
            HookDelivery(id: nil, target: "webhook", listingId: id, event: event, publishKey: "k", createdAt: "", deliveredAt: nil,
                         attempts: 0, nextAttemptAt: 0, lastError: nil)
        }
        let changes = RebuildHookEvent.changes([delivery("a", "published"), delivery("b", "published"), delivery("a", "removed")])
        #expect(changes == [.init(id: "a", event: "removed"), .init(id: "b", event: "published")])
        #expect(String(decoding: RebuildHookEvent.standardInput(changes), as: UTF8.self) == "a\nb\n")
        #expect(RebuildHookEvent.environment(changes) == ["PROPERTY_INBOX_CHANGED_IDS": "a b", "PROPERTY_INBOX_REMOVED_IDS": "a"])
        let body = RebuildHookEvent.body(changes, sentAt: "2026-11-27T10:00:00.000Z")
        #expect(String(decoding: body, as: UTF8.self)
            == #"{"event":"listings.changed","listings":[{"event":"removed","id":"a"},{"event":"published","id":"b"}],"sent_at":"2026-11-27T10:00:00.000Z"}"#)
        // Checked against Python's hmac module, as a receiver would.
        let signature = RebuildHookEvent.signature(of: body, secret: HookSecret("s3cret"))
        let (status, expected) = try runPython("import hmac, hashlib, sys; print('sha256=' + hmac.new(b's3cret', sys.argv[1].encode(), hashlib.sha256).hexdigest())",
                                               arguments: [String(decoding: body, as: UTF8.self)])
        #expect(status == 0 && signature == expected.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect("\(HookSecret("s3cret"))" == "<redacted>")
    }
}
