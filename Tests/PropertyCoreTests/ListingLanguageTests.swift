import Foundation
import PropertyCore
import Testing

/// Listings and status files in English, Thai and Russian, from the facts alone.
@Suite struct ListingLanguageTests {
    // MARK: Russian plural forms (CLDR), written out by hand for 0–30

    static let russianBedrooms = [
        "0 спален", "1 спальня", "2 спальни", "3 спальни", "4 спальни", "5 спален", "6 спален", "7 спален", "8 спален",
        "9 спален", "10 спален", "11 спален", "12 спален", "13 спален", "14 спален", "15 спален", "16 спален", "17 спален",
        "18 спален", "19 спален", "20 спален", "21 спальня", "22 спальни", "23 спальни", "24 спальни", "25 спален",
        "26 спален", "27 спален", "28 спален", "29 спален", "30 спален",
    ]

    @Test func russianRoomCountsFollowTheCLDRPluralRulesFrom0To30() {
        for count in 0...30 {
            #expect(ListingVocabulary.count(count, ListingVocabulary.bedrooms, in: .ru) == Self.russianBedrooms[count])
        }
        #expect(ListingVocabulary.count(111, ListingVocabulary.bedrooms, in: .ru) == "111 спален")
        #expect(ListingVocabulary.count(101, ListingVocabulary.bedrooms, in: .ru) == "101 спальня")
        #expect(ListingVocabulary.count(1, ListingVocabulary.bathrooms, in: .ru) == "1 санузел")
        #expect(ListingVocabulary.count(3, ListingVocabulary.bathrooms, in: .ru) == "3 санузла")
        #expect(ListingVocabulary.count(12, ListingVocabulary.bathrooms, in: .ru) == "12 санузлов")
        #expect(ListingVocabulary.count(1, ListingVocabulary.bedrooms, in: .en) == "1 bedroom")
        #expect(ListingVocabulary.count(0, ListingVocabulary.bedrooms, in: .en) == "0 bedrooms")
        #expect(ListingVocabulary.count(2, ListingVocabulary.bedrooms, in: .th) == "2 ห้องนอน")
    }

    /// The Russian title and description use the same forms for every count, 21 included.
    @Test(arguments: [1, 2, 5, 11, 21, 22, 25])
    func russianPagesUseTheRightFormInSentences(_ bedrooms: Int) {
        let facts = ListingFacts(propertyType: "house", listingType: .sale, bedrooms: bedrooms, location: "Jomtien")
        let expected = Self.russianBedrooms[bedrooms]
        #expect(ListingWording(.ru).title(facts) == "Дом на продажу, \(expected) — Джомтьен")
        #expect(ListingWording(.ru).description(facts).contains(expected.capitalizedFirstLetter))
    }

    // MARK: numbers and prices

    @Test func numbersArePrintedTheWayEachLanguageWritesThem() {
        #expect(NumberStyle.format(80_000, in: .en) == "80,000")
        #expect(NumberStyle.format(80_000, in: .th) == "80,000")
        #expect(NumberStyle.format(80_000, in: .ru) == "80\u{00A0}000")
        #expect(NumberStyle.format(10_200_000, in: .ru) == "10\u{00A0}200\u{00A0}000")
        #expect(NumberStyle.format(2.5, in: .ru) == "2,5")
        #expect(NumberStyle.format(1_234.05, in: .en) == "1,234.05")
        #expect(NumberStyle.format(999, in: .ru) == "999")
        #expect(ListingVocabulary.price(80_000, currency: "THB", period: .month, in: .en) == "80,000 THB per month")
        #expect(ListingVocabulary.price(45_000, currency: "THB", period: .month, in: .th) == "45,000 บาทต่อเดือน")
        #expect(ListingVocabulary.price(80_000, currency: "THB", period: .month, in: .ru) == "80\u{00A0}000 бат в месяц")
        #expect(ListingVocabulary.price(22, currency: "THB", period: nil, in: .ru) == "22 бата")
        #expect(ListingVocabulary.price(1_200, currency: "USD", period: nil, in: .th) == "1,200 ดอลลาร์สหรัฐ")
    }

    // MARK: Thai and Russian pages

    static let condo = ListingFacts(propertyType: "condo", listingType: .rent, bedrooms: 2, bathrooms: 2, squareMeters: 65,
                                    price: 45_000, pricePeriod: .month, location: "สุขุมวิท 24", amenities: ["pool", "gym", "parking"])

    @Test func thaiIsWrittenWithoutSpacesInsideAPhrase() {
        let title = ListingWording(.th).title(Self.condo)
        #expect(title == "ให้เช่าคอนโด 2 ห้องนอน ย่านสุขุมวิท 24")
        let text = ListingWording(.th).description(Self.condo)
        #expect(text == "ให้เช่าคอนโด 2 ห้องนอน ทำเลสุขุมวิท 24 ห้องน้ำ 2 ห้อง พื้นที่ใช้สอย 65 ตร.ม. "
            + "สิ่งอำนวยความสะดวก ได้แก่ สระว่ายน้ำ ฟิตเนส ที่จอดรถ ค่าเช่า 45,000 บาทต่อเดือน")
        // A Latin place name (one with no Thai name here) is set off by a space, as Thai writers do.
        var latin = Self.condo
        latin.location = "Soi 5, Rawai"
        #expect(ListingWording(.th).title(latin).hasSuffix("ย่าน Soi 5, Rawai"))
        #expect(ListingWording(.th).title(ListingFacts(propertyType: "land", listingType: .sale)) == "ขายที่ดิน")
    }

    @Test func russianTypesAndOffersReadNaturally() {
        var villa = ListingFacts(propertyType: "villa", listingType: .rent, bedrooms: 3, bathrooms: 3, squareMeters: 250,
                                 landSquareMeters: 600, price: 80_000, pricePeriod: .month, location: "Rawai, Phuket",
                                 amenities: ["private_pool", "garden"])
        #expect(ListingWording(.ru).description(villa) == "Вилла в аренду — Раваи, Пхукет. 3 спальни, 3 санузла. "
            + "Жилая площадь — 250 м², участок — 600 м². Удобства: собственный бассейн, сад. Цена: 80\u{00A0}000 бат в месяц.")
        villa.listingType = .sale
        villa.pricePeriod = nil
        villa.price = 10_200_000
        #expect(ListingWording(.ru).description(villa).hasSuffix("Цена продажи: 10\u{00A0}200\u{00A0}000 бат."))
        #expect(ListingWording(.ru).keyFacts(villa).map(\.label) == ["Тип", "Сделка", "Цена", "Спальни", "Санузлы", "Жилая площадь", "Участок", "Расположение"])
        #expect(ListingWording(.en).title(villa) == "3-bedroom villa for sale in Rawai, Phuket")
    }

    // MARK: place names

    /// A known place is written as each page's reader writes it, whatever spelling it came in;
    /// anything we do not know stays exactly as the agent wrote it.
    @Test func placeNamesAreWrittenInThePagesLanguage() {
        let cases: [(String, en: String, th: String, ru: String)] = [
            ("Rawai, Phuket", "Rawai, Phuket", "ราไวย์ ภูเก็ต", "Раваи, Пхукет"),
            ("ราไวย์ ภูเก็ต", "Rawai, Phuket", "ราไวย์ ภูเก็ต", "Раваи, Пхукет"),
            ("Джомтьен, Паттайя", "Jomtien, Pattaya", "จอมเทียน พัทยา", "Джомтьен, Паттайя"),
            ("Koh Samui", "Koh Samui", "เกาะสมุย", "Самуи"),
            ("Bang Phli, Samut Prakan", "Bang Phli, Samut Prakan", "บางพลี สมุทรปราการ", "Бангпхли, Самутпракан"),
            ("Thonglor, กรุงเทพฯ", "Thonglor, Bangkok", "ทองหล่อ กรุงเทพฯ", "Тонглор, Бангкок"),
            // Not wholly places we know: kept as written.
            ("สุขุมวิท 24", "สุขุมวิท 24", "สุขุมวิท 24", "สุขุมวิท 24"),
            ("Soi 5, Rawai", "Soi 5, Rawai", "Soi 5, Rawai", "Soi 5, Rawai"),
            ("Marina Bay", "Marina Bay", "Marina Bay", "Marina Bay"),
            ("Kata Noi", "Kata Noi", "Kata Noi", "Kata Noi"),
        ]
        for (location, en, th, ru) in cases {
            let facts = ListingFacts(location: location)
            #expect([ListingWording(.en).place(facts), ListingWording(.th).place(facts), ListingWording(.ru).place(facts)] == [en, th, ru],
                    "\(location)")
        }
        let villa = ListingFacts(propertyType: "villa", listingType: .sale, bedrooms: 3, location: "Rawai, Phuket")
        #expect(ListingWording(.th).title(villa).hasSuffix("ย่านราไวย์ ภูเก็ต"), "\(ListingWording(.th).title(villa))")
        #expect(ListingWording(.ru).title(villa).hasSuffix("— Раваи, Пхукет"))
    }

    // MARK: grounding in every language

    @Test func groundingFlagsNumbersAndAmenitiesTheFactsDoNotHold() {
        let facts = Self.condo
        #expect(DescriptionGrounding.check("Уютная квартира: 2 спальни, 65 м², бассейн и парковка. 45 000 бат в месяц.",
                                           language: .ru, facts: facts).isEmpty)
        #expect(DescriptionGrounding.check("คอนโด 2 ห้องนอน ค่าเช่า 45,000 บาทต่อเดือน มีสระว่ายน้ำ", language: .th, facts: facts).isEmpty)
        #expect(DescriptionGrounding.check("Only 45k a month for 2 bedrooms.", language: .en, facts: facts).isEmpty)
        let invented = DescriptionGrounding.check("3 спальни и вид на море, 45 000 бат.", language: .ru, facts: facts)
        #expect(invented.map(\.what) == ["the number 3 is not in the facts", "says 3 bedrooms, the facts 2",
                                          "mentions sea_view, which the facts do not hold"])
        #expect(DescriptionGrounding.check("ห้องนอน ๓ ห้อง", language: .th, facts: facts).map(\.what)
            == ["the number 3 is not in the facts", "says 3 bedrooms, the facts 2"])
        // A number the agent wrote elsewhere (the floor, "ชั้น 18") may be used.
        #expect(DescriptionGrounding.check("ชั้น 18 วิวเมือง", language: .th, facts: facts, allowedNumbers: [18]).isEmpty)
    }

    /// Counts and amounts spelled out are read like the agent's own text is: a wrong count in
    /// words is caught in every language, a right one passes.
    @Test func groundingReadsCountsAndAmountsWrittenInWords() {
        let facts = Self.condo  // 2 bedrooms, 2 bathrooms, 45,000 a month
        #expect(DescriptionGrounding.check("Two bedrooms, two bathrooms, forty-five thousand baht a month.",
                                           language: .en, facts: facts).isEmpty)
        #expect(DescriptionGrounding.check("Две спальни и два санузла.", language: .ru, facts: facts).isEmpty)
        #expect(DescriptionGrounding.check("คอนโดสองห้องนอน", language: .th, facts: facts).isEmpty)
        for (text, language) in [("A bright three-bedroom condo.", ListingLanguage.en), ("Три спальни, два санузла.", .ru),
                                 ("คอนโดสามห้องนอน", .th)] {
            #expect(DescriptionGrounding.check(text, language: language, facts: facts).map(\.what)
                == ["the number 3 is not in the facts", "says 3 bedrooms, the facts 2"], "\(text)")
        }
        #expect(DescriptionGrounding.check("Only fifty thousand baht a month.", language: .en, facts: facts).map(\.what)
            == ["the number 50,000 is not in the facts"])
        // A count is held to its own fact, even when the number is another fact's.
        let villa = ListingFacts(propertyType: "villa", listingType: .sale, bedrooms: 3, bathrooms: 2, price: 9_500_000)
        #expect(DescriptionGrounding.check("2 bedrooms and 3 bathrooms", language: .en, facts: villa).map(\.what)
            == ["says 2 bedrooms, the facts 3", "says 3 bathrooms, the facts 2"])
        // A numbered room is a name, not a number to ground; it must exist.
        #expect(DescriptionGrounding.check("Bedroom 1 has a king bed; Bedroom 3 (kids) has bunks.", language: .en, facts: villa).isEmpty)
        #expect(DescriptionGrounding.check("Bedroom 4 has a walk-in closet.", language: .en, facts: villa).map(\.what)
            == ["names bedroom 4, the facts have 3"])
        // A date or phone number the model made up is a number the agent did not give.
        #expect(!DescriptionGrounding.check("Available from 01/12/2026.", language: .en, facts: facts).isEmpty)
    }
}

/// The status file in the agent's language.
@Suite struct StatusLanguageTests {
    @Test func theAgentsOwnSettingComesFirstThenTheirTextThenTheDefault() {
        #expect(StatusLanguage.setting(in: "LANG=th\n") == .th)
        #expect(StatusLanguage.setting(in: "# my folder\nlang: RU") == .ru)
        #expect(StatusLanguage.setting(in: "русский") == .ru)
        #expect(StatusLanguage.setting(in: "LANG=de") == nil)
        #expect(StatusLanguage.choose(folderSetting: .ru, agentSetting: .th, written: .en, default: .en) == .ru)
        #expect(StatusLanguage.choose(folderSetting: nil, agentSetting: .th, written: .en, default: .en) == .th)
        #expect(StatusLanguage.choose(folderSetting: nil, agentSetting: nil, written: .ru, default: .en) == .ru)
        #expect(StatusLanguage.choose(folderSetting: nil, agentSetting: nil, written: nil, default: .th) == .th)
    }

    @Test func theDominantLanguageIsTheOneMostOfTheTextIsIn() {
        #expect(StatusLanguage.dominant(in: "ให้เช่าคอนโด The Emporio Place สุขุมวิท 24 ใกล้ BTS พร้อมพงษ์ 2 ห้องนอน") == .th)
        #expect(StatusLanguage.dominant(in: "Продаётся дом в Паттайе, 3 BR, 180 sqm, 10,2 млн THB") == .ru)
        #expect(StatusLanguage.dominant(in: "Pool villa for rent in Rawai. ให้เช่า") == .en)
        #expect(StatusLanguage.dominant(in: "3 BR 2 BA 80000 THB") == nil)
    }

    /// A Thai agent's upload without a price or photos.
    static func brokenThaiUpload() -> ListingResult {
        var result = ListingResult(propertyId: "condo-ari", requestId: "req", timestamp: "2026-01-01T00:00:00Z")
        result.propertyType = "condo"
        result.listingType = .rent
        result.bedrooms = 1
        result.location = "อารีย์"
        result.inputs = [InputEntry(path: "description.txt", sha256: "x", bytes: 10, kind: "description")]
        result.unverifiedFields = [UnverifiedField(field: "square_meters", value: "250", source: "text", reason: .notStated)]
        result.conflicts = [FieldConflict(field: "bedrooms", chosenSource: "text",
                                          claims: [.init(source: "text", value: "1"), .init(source: "voice", value: "2")], note: "")]
        result.agentLanguage = "th"
        return result
    }

    /// Latin words left once file names and the folder name are taken out: there should be none.
    static func latinWords(in status: String, except allowed: [String]) -> [String] {
        var text = status
        for word in allowed { text = text.replacingOccurrences(of: word, with: "") }
        let words = text.split(whereSeparator: { !$0.isASCII || !$0.isLetter })
        return words.filter { $0.count >= 2 }.map(String.init)
    }

    /// `_STATUS.txt` for a folder in `state`, updated at a fixed moment (Bangkok time).
    static func status(_ id: String, _ state: FolderState, result: ListingResult? = nil, notes: [StatusNote] = [],
                       language: ListingLanguage = .en) -> String {
        AgentStatusText.render(FolderStatus(propertyId: id, state: state, result: result, notes: notes,
                                            updated: Date(timeIntervalSince1970: 1_796_639_520)),
                               language: language, timeZone: TimeZone(identifier: "Asia/Bangkok")!)
    }

    static let fileNames = ["description.txt", "listing.md", "READY", ".jpg", ".png", ".heic", "JPEG", "UTF-8", "AI"]

    /// A plot has no living area: its status shows the land size and no "Area: not found".
    @Test func aLandStatusHasNoMissingLivingArea() {
        var result = ListingResult(propertyId: "plot", requestId: "req", timestamp: "2026-01-01T00:00:00Z")
        result.propertyType = "land"
        result.landSquareMeters = 3_600
        let status = Self.status("plot", .done, result: result)
        #expect(status.contains("Land:") && status.contains("3,600 m²") && !status.contains("Area:"), "\(status)")
    }

    @Test func aBrokenThaiUploadGetsThaiInstructionsThatSayWhatToAdd() {
        let status = Self.status("condo-ari", .needsAttention, result: Self.brokenThaiUpload(), language: .th)
        #expect(status.contains("ไม่พบราคา"))
        #expect(status.contains("เขียนลงในไฟล์ description.txt เช่น 'ค่าเช่า 45,000 บาท/เดือน'"))
        #expect(status.contains("ไม่มีรูปภาพที่ใช้ได้"))
        #expect(status.contains("เพิ่มรูปภาพ (.jpg, .png หรือ .heic) ลงในโฟลเดอร์นี้"))
        #expect(status.contains("ไม่พบพื้นที่ใช้สอยในข้อความของคุณ"))
        #expect(status.contains("ข้อมูลจำนวนห้องนอนไม่ตรงกัน (ข้อความของคุณ: 1, ข้อความเสียงของคุณ: 2)"))
        #expect(Self.latinWords(in: status, except: Self.fileNames + ["condo-ari"]) == [], "\(status)")
    }

    @Test func russianStatusHasNoLatinFieldNames() {
        var result = Self.brokenThaiUpload()
        result.location = "Паттайя"
        let status = Self.status("dom", .needsAttention, result: result, language: .ru)
        #expect(status.contains("Не указана цена."))
        #expect(status.contains("Допишите в файл description.txt, например: «Аренда: 80 000 бат в месяц»."))
        #expect(status.contains("В вашем тексте не указано: площадь."))
        #expect(Self.latinWords(in: status, except: Self.fileNames + ["dom"]) == [], "\(status)")
    }

    /// Each reason a file was not used is said as itself: a SOLD marker is never called "not a photo".
    @Test func filesNotUsedSayWhyInTheAgentsLanguage() {
        var result = Self.brokenThaiUpload()
        result.ignoredFiles = [
            IgnoredFile(path: "SOLD", kind: .draftMarker),
            IgnoredFile(path: "notes.docx", kind: .notListingFile),
            IgnoredFile(path: "IMG_1201.jpg", kind: .leftOut(maxFiles: 1000, photosUsed: 998)),
        ]
        let thai = Self.status("villa", .done, result: result, language: .th)
        #expect(thai.contains("SOLD: ไฟล์นี้ระบุว่าขายแล้วหรือถอนประกาศ"), "\(thai)")
        #expect(thai.contains("notes.docx: ไม่ใช่คำบรรยาย รูปภาพ หรือข้อความเสียง"), "\(thai)")
        #expect(thai.contains("IMG_1201.jpg: ในโฟลเดอร์มีไฟล์มากเกินไป"), "\(thai)")
        let russian = Self.status("villa", .done, result: result, language: .ru)
        #expect(russian.contains("SOLD: этот файл отмечает объект как проданный или снятый"), "\(russian)")
        let english = Self.status("villa", .done, result: result, language: .en)
        #expect(english.contains("SOLD: marks the listing sold or withdrawn"), "\(english)")
    }

    /// A refused file gets the fix for its own refusal: a big video is not told "not a link".
    @Test func refusedFilesGetTheirOwnFixInEveryLanguage() {
        var result = Self.brokenThaiUpload()
        result.processingErrors = [
            ProcessingIssue(stage: .inventory, input: "tour.mp4", problem: .tooLarge(megabytes: 612, limitMegabytes: 200)),
            ProcessingIssue(stage: .inventory, input: "plan.pdf", problem: .link),
        ]
        let english = Self.status("villa", .needsAttention, result: result, language: .en)
        #expect(english.contains("tour.mp4: is too large (612 MB; the limit is 200 MB) and was skipped"), "\(english)")
        #expect(english.contains("What to do: Upload a smaller version"), "\(english)")
        #expect(english.contains("What to do: Upload the file itself instead of a link."), "\(english)")
        let thai = Self.status("villa", .needsAttention, result: result, language: .th)
        #expect(thai.contains("tour.mp4: ไฟล์ใหญ่เกินไป (612 MB เกินขีดจำกัด 200 MB) จึงข้ามไป"), "\(thai)")
        #expect(thai.contains("plan.pdf: เป็นลิงก์ไปยังที่อื่น"), "\(thai)")
        let russian = Self.status("villa", .needsAttention, result: result, language: .ru)
        #expect(russian.contains("tour.mp4: файл слишком большой (612 МБ при ограничении 200 МБ) — пропущен"), "\(russian)")
        #expect(russian.contains("Загрузите файл поменьше"), "\(russian)")
    }

    /// What only the operator can fix never reaches the agent, in any language.
    @Test(arguments: ListingLanguage.allCases)
    func operatorProblemsOnlySayTheReviewIsLate(_ language: ListingLanguage) {
        let status = Self.status("villa", .paused, result: Self.brokenThaiUpload(), notes: [.paused(.aiReview, retryAt: nil)], language: language)
        #expect(status.contains(language.messages.pause(.aiReview, retryAt: nil)))
        for hint in ["API", "KEY", "key", "budget", "401", "402", "OPENROUTER", "restart"] {
            #expect(!status.contains(hint), "\(hint) in \(status)")
        }
    }

    /// The inbox summary never shows the operator's error text either.
    @Test func theInboxSummarySaysOnlyWhatAnAgentCanUse() {
        #expect(InboxStatusText.state(.paused, stage: nil, pause: .aiReview, in: .th)
            == "หยุดชั่วคราว จะดำเนินการต่อเอง — " + ListingLanguage.th.messages.pause(.aiReview, retryAt: nil))
        #expect(InboxStatusText.state(.failed, stage: nil, pause: nil, in: .ru) == "Не удалось обработать — см. _STATUS.txt в папке")
        #expect(InboxStatusText.state(.processing, stage: .photos, pause: nil, in: .ru) == "Идёт обработка (фотографии)")
        #expect(InboxStatusText.state(.processing, stage: .photos, pause: nil, in: .en) == "Processing (photos)")
        // A full disk is named as such, not "a temporary problem".
        #expect(InboxStatusText.state(.paused, stage: nil, pause: .diskFull, in: .en)
            == "Paused — will resume by itself — the server's disk is full; we will try again automatically")
    }

    /// The examples in the advice are ones the offline rules read back: following them fixes it.
    @Test func theAdvisedExamplesAreUnderstood() {
        let rent = OfflineExtractor.extract("Аренда: 80 000 бат в месяц")
        #expect(rent.price == 80_000 && rent.pricePeriod == .month)
        let thai = OfflineExtractor.extract("ค่าเช่า 45,000 บาท/เดือน")
        #expect(thai.price == 45_000 && thai.pricePeriod == .month)
        #expect(OfflineExtractor.extract("พื้นที่ 120 ตร.ม.").areaSquareMeters == 120)
        #expect(OfflineExtractor.extract("Площадь: 120 кв.м").areaSquareMeters == 120)
        #expect(OfflineExtractor.extract("ทำเล: ราไวย์ ภูเก็ต").location != nil)
        #expect(OfflineExtractor.extract("Район: Раваи, Пхукет").location != nil)
        #expect(OfflineExtractor.extract("продаётся").listingType == .sale)
        #expect(OfflineExtractor.extract("кондо").propertyType == "condo")
    }
}

extension String {
    var capitalizedFirstLetter: String { prefix(1).uppercased() + dropFirst() }
}
