import Foundation
import GatewayTesting
import PropertyCore
import Testing
import TestSupport

/// Listings in English, Thai and Russian and status files in the agent's language, through the
/// built binary on a copy of examples/inbox; the pages built into a real three-language Hugo site.
@Suite(.serialized) struct MultilingualTests {
    let cli = CLITests()
    static let languages = ["en", "th", "ru"]
    static let pageNames = ["en": "listing.md", "th": "listing.th.md", "ru": "listing.ru.md"]

    /// A copy of the examples and a config asking for `languages`.
    func inbox(languages: [String] = MultilingualTests.languages, extraConfig: String = "") throws -> (root: URL, inbox: URL, config: URL) {
        let root = try cli.copyOfExamples()
        let config = root.appendingPathComponent("config.toml")
        let list = languages.map { "\"\($0)\"" }.joined(separator: ", ")
        try "[output]\ndescription_languages = [\(list)]\n\(extraConfig)".write(to: config, atomically: true, encoding: .utf8)
        return (root, root.appendingPathComponent("inbox"), config)
    }

    func scan(_ setup: (root: URL, inbox: URL, config: URL), offline: Bool = true, environment: [String: String] = [:]) throws {
        let run = try cli.run(["scan", setup.inbox.path, "--state-dir", setup.root.appendingPathComponent("state").path,
                               "--config", setup.config.path] + (offline ? ["--offline"] : []), environment: environment)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    }

    static func exampleFolders(_ inbox: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: inbox.path)
            .filter { !$0.hasPrefix("_") && !$0.hasPrefix(".") }.sorted().map { inbox.appendingPathComponent($0) }
    }

    static func result(_ folder: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("result.json"))) as! [String: Any]
    }

    static func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    /// The page's title line and its body (after the front matter).
    static func body(of page: String) -> String {
        page.components(separatedBy: "---\n").dropFirst(2).joined(separator: "---\n")
    }

    /// The numbers a page states, location names (which may hold numbers: "สุขุมวิท 24") left out.
    static func numbers(onPage page: String, location: String?, language: String) -> Set<Double> {
        var body = body(of: page)
        let language = ListingLanguage(rawValue: language)!
        if let location = ListingWording(language).place(ListingFacts(location: location)) {
            body = body.replacingOccurrences(of: location, with: "")
        }
        // Photo links and alt texts name files (IMG_0001.JPG), not facts.
        body = body.components(separatedBy: "\n").filter { !$0.hasPrefix("[![") }.joined(separator: "\n")
        return Set(DescriptionGrounding.numbers(in: body))
    }

    static func factNumbers(_ result: [String: Any]) -> Set<Double> {
        Set(["price", "bedrooms", "bathrooms", "square_meters", "land_square_meters"].compactMap { (result[$0] as? NSNumber)?.doubleValue })
    }

    /// Every example gets a page per language; each page states exactly the numbers result.json
    /// holds; titles and descriptions per language are in result.json.
    func expectThreePagesMatchingTheResult(_ inbox: URL) throws {
        for folder in try Self.exampleFolders(inbox) {
            let result = try Self.result(folder)
            let titles = result["titles"] as? [String: String] ?? [:]
            let descriptions = result["descriptions"] as? [String: String] ?? [:]
            #expect(Set(titles.keys) == Set(Self.languages), "\(folder.lastPathComponent)")
            #expect(Set(descriptions.keys) == Set(Self.languages), "\(folder.lastPathComponent)")
            let facts = Self.factNumbers(result)
            for language in Self.languages {
                let page = try Self.text(folder.appendingPathComponent(Self.pageNames[language]!))
                #expect(page.contains("title: \"\(titles[language]!)\"\n"), "\(folder.lastPathComponent) \(language)")
                #expect(Self.numbers(onPage: page, location: result["location"] as? String, language: language) == facts,
                        "\(folder.lastPathComponent) \(language): \(Self.body(of: page))")
            }
        }
    }

    @Test func offlineEveryExampleGetsThreePagesWhoseNumbersMatchResultJSON() throws {
        let setup = try inbox()
        defer { try? FileManager.default.removeItem(at: setup.root) }
        try scan(setup)
        try expectThreePagesMatchingTheResult(setup.inbox)

        let condo = setup.inbox.appendingPathComponent("condo-sukhumvit-24")
        let thai = try Self.text(condo.appendingPathComponent("listing.th.md"))
        #expect(thai.contains("ให้เช่าคอนโด 2 ห้องนอน"))
        #expect(thai.contains("- **ราคา:** 45,000 บาทต่อเดือน"))
        #expect(thai.contains("## สิ่งอำนวยความสะดวก"))
        let dom = try Self.text(setup.inbox.appendingPathComponent("dom-pattaya-jomtien/listing.ru.md"))
        #expect(dom.contains("3 спальни, 2 санузла."), "\(dom)")
        #expect(dom.contains("10\u{00A0}200\u{00A0}000 бат"))
        // Places are named as each page's reader writes them.
        let villa = setup.inbox.appendingPathComponent("villa-rawai-12")
        #expect(try Self.result(villa)["location"] as? String == "Rawai, Phuket")
        #expect(try Self.text(villa.appendingPathComponent("listing.th.md")).contains("ย่านราไวย์ ภูเก็ต"))
        #expect(try Self.text(villa.appendingPathComponent("listing.ru.md")).contains("location: \"Раваи, Пхукет\""))
        #expect(try Self.text(villa.appendingPathComponent("listing.md")).contains("in Rawai, Phuket"))
    }

    /// Latin words in a status file once file and folder names, file types and the place name
    /// (as the agent or the location rules spell it) are taken out.
    static func latinWords(_ status: String, folder: URL) throws -> [String] {
        var text = status.replacingOccurrences(of: folder.lastPathComponent, with: "")
        if let location = try Self.result(folder)["location"] as? String { text = text.replacingOccurrences(of: location, with: "") }
        for name in ["description.txt", "listing.md", "READY", "JPEG", "UTF-8"] { text = text.replacingOccurrences(of: name, with: "") }
        // Photo names are the agent's own (bedroom.jpeg): drop every "name.ext", and ".png" alone.
        text = text.replacingOccurrences(of: #"(?i)[^\s:/(]*\.(jpe?g|png|heic)"#, with: "", options: .regularExpression)
        return text.split(whereSeparator: { !$0.isASCII || !$0.isLetter }).filter { $0.count >= 2 }.map(String.init)
    }

    @Test func theThaiExampleIsToldInThaiAndTheRussianOneInRussian() throws {
        let setup = try inbox(languages: ["en"])
        defer { try? FileManager.default.removeItem(at: setup.root) }
        try scan(setup)
        let condo = try Self.text(setup.inbox.appendingPathComponent("condo-sukhumvit-24/_STATUS.txt"))
        #expect(condo.contains("ข้อมูลที่เราอ่านได้:"), "\(condo)")
        #expect(condo.contains("ราคา: 45,000 บาทต่อเดือน"))
        let condoFolder = setup.inbox.appendingPathComponent("condo-sukhumvit-24")
        #expect(try Self.latinWords(condo, folder: condoFolder) == [], "\(condo)")
        let dom = try Self.text(setup.inbox.appendingPathComponent("dom-pattaya-jomtien/_STATUS.txt"))
        #expect(dom.contains("Что мы поняли из ваших файлов:"), "\(dom)")
        #expect(try Self.latinWords(dom, folder: setup.inbox.appendingPathComponent("dom-pattaya-jomtien")) == [], "\(dom)")
        let villa = try Self.text(setup.inbox.appendingPathComponent("villa-rawai-12/_STATUS.txt"))
        #expect(villa.contains("What we understood:"))
        let result = try Self.result(setup.inbox.appendingPathComponent("condo-sukhumvit-24"))
        #expect(result["agent_language"] as? String == "th")
        // The inbox summary speaks the configured language (English by default).
        #expect(try Self.text(setup.inbox.appendingPathComponent("_INBOX_STATUS.txt")).contains("status of every folder"))
    }

    @Test func aBrokenThaiUploadGetsThaiInstructionsAndTheAgentsSettingWins() throws {
        let setup = try inbox(languages: ["en"], extraConfig: "[status]\nlanguage = \"ru\"\n")
        defer { try? FileManager.default.removeItem(at: setup.root) }
        let broken = setup.inbox.appendingPathComponent("condo-ari")
        try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
        try "ให้เช่าคอนโด ย่านอารีย์ 1 ห้องนอน ใกล้ BTS".write(to: broken.appendingPathComponent("description.txt"),
                                                               atomically: true, encoding: .utf8)
        try "".write(to: broken.appendingPathComponent("READY"), atomically: true, encoding: .utf8)
        let chosen = setup.inbox.appendingPathComponent("villa-rawai-12")
        try "LANG=th\n".write(to: chosen.appendingPathComponent("_LANG.txt"), atomically: true, encoding: .utf8)
        try scan(setup)

        let status = try Self.text(broken.appendingPathComponent("_STATUS.txt"))
        #expect(status.contains("ไม่พบราคา"), "\(status)")
        #expect(status.contains("เขียนลงในไฟล์ description.txt เช่น 'ค่าเช่า 45,000 บาท/เดือน'"))
        #expect(status.contains("ไม่มีรูปภาพที่ใช้ได้"))
        #expect(status.contains("เพิ่มรูปภาพ (.jpg, .png หรือ .heic) ลงในโฟลเดอร์นี้"))
        #expect(try Self.latinWords(status, folder: broken) == [], "\(status)")
        // _LANG.txt beats the English the agent wrote; the file is a setting, not a description.
        let villa = try Self.text(chosen.appendingPathComponent("_STATUS.txt"))
        #expect(villa.contains("ข้อมูลที่เราอ่านได้:"), "\(villa)")
        let inputs = (try Self.result(chosen)["inputs"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        #expect(!inputs.contains("_LANG.txt"))
        // The inbox summary uses the inbox's language.
        #expect(try Self.text(setup.inbox.appendingPathComponent("_INBOX_STATUS.txt")).contains("PropertyInbox — состояние всех папок"))
    }

    /// `[status.agents]` is keyed by the user owning the folder: the agent's upload account.
    @Test func theAgentsConfiguredLanguageIsUsedForTheirFolders() throws {
        let owner = try FileManager.default.attributesOfItem(atPath: FileManager.default.temporaryDirectory.path)[.ownerAccountName]
        let user = try #require(owner as? String)
        let setup = try inbox(languages: ["en"], extraConfig: "[status.agents]\n\"\(user)\" = \"ru\"\n")
        defer { try? FileManager.default.removeItem(at: setup.root) }
        let mine = try FileManager.default.attributesOfItem(atPath: setup.inbox.path)[.ownerAccountName] as? String
        try #require(mine == user, "the copied inbox should belong to \(user)")
        try scan(setup)
        let villa = try Self.text(setup.inbox.appendingPathComponent("villa-rawai-12/_STATUS.txt"))
        #expect(villa.contains("Что мы поняли из ваших файлов:"), "\(villa)")
        let condo = try Self.text(setup.inbox.appendingPathComponent("condo-sukhumvit-24/_STATUS.txt"))
        #expect(condo.contains("Что мы поняли из ваших файлов:"), "\(condo)")
    }

    @Test func pagesOfLanguagesNoLongerConfiguredAreRemoved() throws {
        let setup = try inbox()
        defer { try? FileManager.default.removeItem(at: setup.root) }
        try scan(setup)
        let villa = setup.inbox.appendingPathComponent("villa-rawai-12")
        #expect(FileManager.default.fileExists(atPath: villa.appendingPathComponent("listing.ru.md").path))
        try "[output]\ndescription_languages = [\"th\", \"en\"]\n".write(to: setup.config, atomically: true, encoding: .utf8)
        try scan(setup)
        #expect(!FileManager.default.fileExists(atPath: villa.appendingPathComponent("listing.ru.md").path))
        #expect(!FileManager.default.fileExists(atPath: villa.appendingPathComponent("listing.th.md").path))
        #expect(try Self.text(villa.appendingPathComponent("listing.md")).contains("ให้เช่าวิลล่า 3 ห้องนอน"))
        #expect(try Self.text(villa.appendingPathComponent("listing.en.md")).contains("3-bedroom villa for rent"))
    }

    /// A translated page is the daemon's like listing.md: an edit by hand is written back.
    @Test func aTranslatedPageEditedByHandIsWrittenBack() throws {
        let setup = try inbox()
        defer { try? FileManager.default.removeItem(at: setup.root) }
        try scan(setup)
        let page = setup.inbox.appendingPathComponent("villa-rawai-12/listing.ru.md")
        let published = try Self.text(page)
        try (published + "\nЦена снижена!\n").write(to: page, atomically: true, encoding: .utf8)
        try scan(setup)
        #expect(try Self.text(page) == published)
        let untouched = setup.inbox.appendingPathComponent("condo-sukhumvit-24/listing.th.md")
        let before = try FileManager.default.attributesOfItem(atPath: untouched.path)[.modificationDate] as? Date
        try scan(setup)
        #expect(try FileManager.default.attributesOfItem(atPath: untouched.path)[.modificationDate] as? Date == before,
                "a page nobody touched is not written again")
    }

    @Test func oneLanguagesTemplateCanBeReplacedAlone() throws {
        let setup = try inbox(extraConfig: "listing_templates = { th = \"thai.mustache\" }\n")
        defer { try? FileManager.default.removeItem(at: setup.root) }
        try "---\ntitle: {{{yaml.title}}}\nid: {{{yaml.id}}}\n---\n\n<div lang=\"{{language}}\">{{{title}}}</div>\n"
            .write(to: setup.root.appendingPathComponent("thai.mustache"), atomically: true, encoding: .utf8)
        try scan(setup)
        let villa = setup.inbox.appendingPathComponent("villa-rawai-12")
        #expect(try Self.text(villa.appendingPathComponent("listing.th.md")).contains("<div lang=\"th\">ให้เช่าวิลล่า 3 ห้องนอน"))
        #expect(try Self.text(villa.appendingPathComponent("listing.ru.md")).contains("## Основные характеристики"))
    }

    @Test func anUnknownLanguageCodeIsAnErrorAtStartUpWithItsLine() throws {
        let setup = try inbox(languages: ["en", "de"])
        defer { try? FileManager.default.removeItem(at: setup.root) }
        let run = try cli.run(["scan", setup.inbox.path, "--state-dir", setup.root.appendingPathComponent("state").path,
                               "--config", setup.config.path, "--offline"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("\(setup.config.path):2"), "\(run.stderr)")
        #expect(run.stderr.contains("\"de\" is not a language PropertyInbox writes (en, th, ru)"))
        #expect(!FileManager.default.fileExists(atPath: setup.inbox.appendingPathComponent("villa-rawai-12/result.json").path))
    }

    // MARK: with the test provider

    static let thaiMarketing = "บ้านหลังนี้ตกแต่งอย่างอบอุ่น พร้อมให้คุณเข้าชม"
    static let englishMarketing = "A warm, well-kept home that is ready to view."

    @Test func withTheTestProviderEveryLanguageIsWrittenAndTextsThatStrayFallBack() throws {
        let server = try FakeServer(steps: [
            ["match_system": "property analysis expert", "repeat": true, "content": Fixtures.validDetails],
            ["match_system": "Write in Thai", "repeat": true,
             "content": #"{"description": "\#(Self.thaiMarketing)"}"#],
            // Russian copy inventing a bedroom count: grounded out, the Russian template is used.
            ["match_system": "Write in Russian", "repeat": true,
             "content": #"{"description": "Прекрасный дом: 7 спален и вид на море."}"#],
            ["match_system": "Write in English", "repeat": true,
             "content": #"{"description": "\#(Self.englishMarketing)"}"#],
        ], options: ["vision_auto": true])
        let setup = try inbox()
        defer { try? FileManager.default.removeItem(at: setup.root) }
        try scan(setup, offline: false, environment: ["OPENROUTER_API_KEY": "sk-e2e", "OPENROUTER_BASE_URL": server.baseURL + "/v1",
                                                      "OPENAI_API_KEY": "sk-e2e", "OPENAI_BASE_URL": server.baseURL + "/v1"])
        try expectThreePagesMatchingTheResult(setup.inbox)
        for folder in try Self.exampleFolders(setup.inbox) {
            let descriptions = try Self.result(folder)["descriptions"] as? [String: String] ?? [:]
            #expect(descriptions["th"] == Self.thaiMarketing, "\(folder.lastPathComponent)")
            #expect(descriptions["en"] == Self.englishMarketing, "\(folder.lastPathComponent)")
            #expect(descriptions["ru"]?.contains("7 спален") == false)
            // The offline Russian template states the price wherever the listing has one (the land
            // plot's text gives none, and a price the model invents for it is withheld).
            let hasPrice = try Self.result(folder)["price"] is NSNumber
            #expect(descriptions["ru"]?.contains("Цена") == hasPrice, "\(descriptions["ru"] ?? "")")
            let russian = try Self.text(folder.appendingPathComponent("listing.ru.md"))
            #expect(russian.contains(descriptions["ru"]!.replacingOccurrences(of: "_", with: "\\_")))
        }
    }

    // MARK: a real Hugo site

    static var hugo: String? {
        ["/usr/bin/hugo", "/usr/local/bin/hugo"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test(.enabled(if: MultilingualTests.hugo != nil, "hugo is not installed (make deps installs it)"))
    func aThreeLanguageHugoSiteShowsEachListingInThreeLinkedLanguages() throws {
        let setup = try inbox()
        defer { try? FileManager.default.removeItem(at: setup.root) }
        try scan(setup)
        let site = setup.root.appendingPathComponent("site")
        try FileManager.default.copyItem(at: Repository.fixtures.appendingPathComponent("hugo-multilingual"), to: site)
        let folders = try Self.exampleFolders(setup.inbox)
        for folder in folders {
            let target = site.appendingPathComponent("content/listings/\(folder.lastPathComponent)")
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            for page in Self.pageNames.values {
                try FileManager.default.copyItem(at: folder.appendingPathComponent(page), to: target.appendingPathComponent(page))
            }
        }
        let build = try ProcessRunner.run(Self.hugo!, ["--source", site.path, "--destination", site.appendingPathComponent("public").path])
        #expect(build.status == 0, "\(build.combined)")

        let prefixes = ["en": "", "th": "/th", "ru": "/ru"]
        for folder in folders {
            let id = folder.lastPathComponent
            let titles = try Self.result(folder)["titles"] as? [String: String] ?? [:]
            for language in Self.languages {
                let html = try Self.text(site.appendingPathComponent("public\(prefixes[language]!)/listings/\(id)/listing/index.html"))
                #expect(html.contains("<html lang=\"\(language)\">"), "\(id) \(language)")
                #expect(html.contains(Self.htmlEscaped(titles[language]!)), "\(id) \(language): \(html)")
                for other in Self.languages where other != language {
                    #expect(html.contains("hreflang=\"\(other)\" href=\"\(prefixes[other]!)/listings/\(id)/listing/\""),
                            "\(id) \(language) → \(other): \(html)")
                }
            }
        }
    }

    static func htmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
