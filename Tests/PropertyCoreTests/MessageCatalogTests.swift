import Foundation
import PropertyCore
import Testing

/// Every typed outcome is said in every language: each case of each enum is put into the status
/// of a folder that has it, rendered in Thai and Russian, and the catalog's sentence must be
/// there, in that language's script, not the English one.
struct MessageCatalogTests {
    static let bangkok = TimeZone(identifier: "Asia/Bangkok")!
    /// 7 Dec 2026, 10:32 UTC = 17:32 in Bangkok.
    static let moment = Date(timeIntervalSince1970: 1_796_639_520)
    static let others: [ListingLanguage] = [.th, .ru]

    static func render(_ status: FolderStatus, _ language: ListingLanguage) -> String {
        AgentStatusText.render(status, language: language, timeZone: bangkok)
    }

    /// The sentence is written in the language's own script and is not the English sentence.
    static func isTranslated(_ text: String, _ english: String, in language: ListingLanguage) -> Bool {
        text != english && text.unicodeScalars.contains { ListingLanguage.ofScriptLetter($0) == language }
    }

    static func result(photos: [PhotoEntry] = [], issues: [ProcessingIssue] = []) -> ListingResult {
        var result = ListingResult(propertyId: "villa", requestId: "r", timestamp: "2026-12-07T10:32:00Z")
        result.propertyType = "villa"
        result.listingType = .rent
        result.price = 80_000
        result.location = "Rawai"
        result.photos = photos
        result.processingErrors = issues
        result.inputs = [InputEntry(path: "description.txt", sha256: String(repeating: "0", count: 64), bytes: 10, kind: "description")]
        return result
    }

    @Test(arguments: PhotoProblem.allCases)
    func everyPhotoProblemIsInTheThaiAndRussianStatus(_ problem: PhotoProblem) {
        let photo = PhotoEntry(source: "IMG_1.jpg", quality: .low, problems: [problem])
        let status = FolderStatus(propertyId: "villa", state: .needsAttention, result: Self.result(photos: [photo]), updated: Self.moment)
        let english = EnglishCatalog().photoProblem(problem)
        for language in Self.others {
            let sentence = language.messages.photoProblem(problem)
            #expect(Self.isTranslated(sentence, english, in: language), "\(language): \(sentence)")
            #expect(Self.render(status, language).contains("IMG_1.jpg: \(language.messages.photoQuality(.low)) — \(sentence)"))
        }
    }

    @Test(arguments: PauseReason.allCases)
    func everyPauseReasonIsInTheThaiAndRussianStatusAndInboxLine(_ reason: PauseReason) {
        let retryAt = StatusTime(Self.moment.addingTimeInterval(600), in: Self.bangkok)
        let status = FolderStatus(propertyId: "villa", state: .paused, notes: [.paused(reason, retryAt: retryAt)], updated: Self.moment)
        for language in Self.others {
            let say = language.messages
            let sentence = say.pause(reason, retryAt: retryAt)
            #expect(Self.isTranslated(sentence, EnglishCatalog().pause(reason, retryAt: retryAt), in: language))
            let text = Self.render(status, language)
            #expect(text.contains(sentence), "\(text)")
            if reason != .aiReview { #expect(sentence.contains("17:42"), "the retry time in Bangkok: \(sentence)") }
            let line = InboxStatusText.state(.paused, stage: nil, pause: reason, in: language)
            #expect(Self.isTranslated(say.pauseInBrief(reason), EnglishCatalog().pauseInBrief(reason), in: language))
            #expect(line.hasSuffix(say.pauseInBrief(reason)))
        }
    }

    /// Each pause reason is its own sentence: a full disk is not "a temporary problem".
    @Test func pauseReasonsAreToldApart() {
        for language in ListingLanguage.allCases {
            let briefs = PauseReason.allCases.map(language.messages.pauseInBrief)
            #expect(Set(briefs).count == briefs.count, "\(language): \(briefs)")
        }
    }

    @Test(arguments: FailureCause.allCases)
    func everyFailureCauseIsInTheThaiAndRussianStatus(_ cause: FailureCause) {
        let status = FolderStatus(propertyId: "villa", state: .failed, notes: [.failed(cause)], updated: Self.moment)
        for language in Self.others {
            let sentence = language.messages.failure(cause)
            #expect(Self.isTranslated(sentence, EnglishCatalog().failure(cause), in: language))
            #expect(Self.render(status, language).contains(sentence))
        }
    }

    @Test(arguments: AgentQuestion.examples.indices)
    func everyQuestionIsInTheThaiAndRussianStatus(_ index: Int) {
        let question = AgentQuestion.examples[index]
        for language in Self.others {
            let say = language.messages
            for sale in [false, true] {
                let (problem, fix) = (say.problem(question), say.fix(question, sale: sale))
                #expect(Self.isTranslated(problem, EnglishCatalog().problem(question), in: language), "\(language): \(problem)")
                #expect(Self.isTranslated(fix, EnglishCatalog().fix(question, sale: sale), in: language), "\(language): \(fix)")
            }
        }
    }

    /// The questions a result asks reach the status in the agent's language.
    @Test func aResultsQuestionsAreRenderedInThaiAndRussian() {
        var result = Self.result(issues: [ProcessingIssue(stage: .inventory, input: "tour.mp4", problem: .tooLarge(megabytes: 612, limitMegabytes: 200))])
        result.price = nil
        result.unverifiedFields = [UnverifiedField(field: "bedrooms", value: "3", source: "text", reason: .notStated)]
        result.conflicts = [FieldConflict(field: "property_type", chosenSource: "text",
                                          claims: [.init(source: "text", value: "house"), .init(source: "voice", value: "villa")], note: "")]
        let questions = AgentStatusText.questions(for: result)
        #expect(questions.contains(.missing(.price)) && questions.contains(.withheld(.bedrooms, .notStated)))
        #expect(questions.contains(.file("tour.mp4", .tooLarge(megabytes: 612, limitMegabytes: 200))))
        let status = FolderStatus(propertyId: "villa", state: .needsAttention, result: result, updated: Self.moment)
        for language in Self.others {
            let text = Self.render(status, language)
            for question in questions {
                #expect(text.contains(language.messages.problem(question)), "\(language): \(question)")
                #expect(text.contains(language.messages.fix(question, sale: false)), "\(language): \(question)")
            }
        }
        // The claimed type is said in the agent's words: «дом», not "house".
        #expect(Self.render(status, .ru).contains("ваш текст: дом, ваше голосовое сообщение: вилла"))
    }

    @Test(arguments: IgnoredReason.allCases)
    func everyIgnoredReasonIsInTheThaiAndRussianStatus(_ reason: IgnoredReason) {
        let status = FolderStatus(propertyId: "villa", state: .waiting, ignored: [IgnoredFile(path: "notes.docx", kind: reason)],
                                  updated: Self.moment)
        for language in Self.others {
            let sentence = language.messages.ignored(reason)
            #expect(Self.isTranslated(sentence, reason.englishReason, in: language))
            #expect(Self.render(status, language).contains("notes.docx: \(sentence)"))
        }
    }

    @Test func everyStateAndStageHasAHeadlineInEveryLanguage() {
        for language in Self.others {
            let say = language.messages
            for state in FolderState.allCases {
                #expect(Self.isTranslated(say.headline(state), EnglishCatalog().headline(state), in: language))
            }
            for stage in StageName.allCases {
                #expect(Self.isTranslated(say.stage(stage), EnglishCatalog().stage(stage), in: language))
                let status = FolderStatus(propertyId: "villa", state: .processing, stage: stage, updated: Self.moment)
                #expect(Self.render(status, language).contains("(\(say.stage(stage)))"))
            }
        }
    }

    /// Times as people write them, in the agent's time zone: Thai with the Buddhist year.
    @Test func statusTimesAreWrittenAsPeopleWriteThem() {
        let status = FolderStatus(propertyId: "villa", state: .waiting, updated: Self.moment)
        #expect(Self.render(status, .en).contains("Updated: 7 Dec 2026, 17:32\n"))
        #expect(Self.render(status, .th).contains("อัปเดตล่าสุด: 7 ธ.ค. 2569 17:32\n"))
        #expect(Self.render(status, .ru).contains("Обновлено: 7 дек. 2026, 17:32\n"))
        let london = AgentStatusText.render(status, language: .en, timeZone: TimeZone(identifier: "Europe/London")!)
        #expect(london.contains("Updated: 7 Dec 2026, 10:32\n"))
    }

    /// «Цена: не найдена», «подходит 1 из 1»: Russian agrees in gender and number.
    @Test func russianAgreesInGenderAndNumber() {
        var result = Self.result(photos: [PhotoEntry(source: "a.jpg")])
        result.price = nil
        result.location = nil
        let text = Self.render(FolderStatus(propertyId: "dom", state: .needsAttention, result: result, updated: Self.moment), .ru)
        #expect(text.contains("Цена: не найдена"), "\(text)")
        #expect(text.contains("Расположение: не найдено"), "\(text)")
        #expect(text.contains("Фото: подходит 1 из 1"), "\(text)")
        #expect(RussianCatalog().usablePhotos(3, of: 5) == "подходят 3 из 5")
        #expect(RussianCatalog().usablePhotos(21, of: 30) == "подходит 21 из 30")
    }

    /// A duplicate is not a photo of its own: "1 of 2 usable", as the gallery shows one.
    @Test func aDuplicatePhotoIsNotCountedAsUsable() {
        let photos = [PhotoEntry(source: "a.jpg", cover: true), PhotoEntry(source: "b.jpg", duplicateOf: "a.jpg")]
        let text = Self.render(FolderStatus(propertyId: "villa", state: .done, result: Self.result(photos: photos), updated: Self.moment), .en)
        #expect(text.contains("Photos:     1 of 2 usable"), "\(text)")
    }

    /// The status names the page in the agent's language.
    @Test func theStatusNamesThePageInTheAgentsLanguage() {
        let pages: [ListingLanguage: String] = [.en: "listing.md", .th: "listing.th.md"]
        var status = FolderStatus(propertyId: "villa", state: .done, result: Self.result(photos: [PhotoEntry(source: "a.jpg")]),
                                  updated: Self.moment, pages: pages)
        status.result?.bedrooms = 2
        status.result?.bathrooms = 1
        status.result?.squareMeters = 90
        #expect(Self.render(status, .th).contains("ประกาศอยู่ในไฟล์ listing.th.md"), "\(Self.render(status, .th))")
        #expect(Self.render(status, .en).contains("The listing is in listing.md."))
        // Russian has no page of its own here: the default one is named.
        #expect(Self.render(status, .ru).contains("Объявление — в файле listing.md."))
        // Also when the site's default language is not English.
        status.pages = [.th: "listing.md", .en: "listing.en.md"]
        #expect(Self.render(status, .ru).contains("Объявление — в файле listing.md."))
        #expect(Self.render(status, .en).contains("The listing is in listing.en.md."))
    }

    /// What result.json keeps as codes reads back as the same values.
    @Test func problemCodesRoundTripThroughJSON() throws {
        let issues = FileProblem.allCases.map { ProcessingIssue(stage: .photos, input: "x", problem: $0) }
        let decoded = try JSONDecoder().decode([ProcessingIssue].self, from: JSONEncoder().encode(issues))
        #expect(decoded == issues)
        let ignored = IgnoredReason.allCases.map { IgnoredFile(path: "x", kind: $0) }
        #expect(try JSONDecoder().decode([IgnoredFile].self, from: JSONEncoder().encode(ignored)) == ignored)
        // A schema-2 entry (no code) is read by its stage.
        let old = #"{"stage": "extract", "input": "d.txt", "message": "contains no text"}"#
        #expect(try JSONDecoder().decode(ProcessingIssue.self, from: Data(old.utf8)).problem == .textUnreadable)
    }
}
