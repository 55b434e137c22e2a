import Foundation
@testable import PropertyCore
import Testing

/// The model's quoted evidence decides: a value whose quote is in the agent's words and says it
/// is published over the reader's reading of the whole text; a value its quote does not support
/// is the model's mistake, kept for the operator and never asked of the agent.
struct EvidenceTests {
    // MARK: alignment

    @Test func quotesAreFoundExactlyNormalisedOrNearly() throws {
        let text = "Villa for sale in Rawai\n3  Bedrooms, 2 baths\nPrice: ฿12,500,000 — ห้องนอน ๓ ห้อง"
        #expect(QuoteAlignment.locate("3  Bedrooms", in: text)?.match == .exact)
        let spaced = try #require(QuoteAlignment.locate("3 bedrooms", in: text))
        #expect(spaced.match == .normalized && text.scalarSlice(spaced.start, spaced.end) == "3  Bedrooms")
        let digits = try #require(QuoteAlignment.locate("12500000", in: text))
        #expect(digits.match == .normalized && text.scalarSlice(digits.start, digits.end) == "12,500,000")
        #expect(QuoteAlignment.locate("ห้องนอน 3 ห้อง", in: text)?.match == .normalized, "Thai digits")
        let typo = try #require(QuoteAlignment.locate("Vila for sale in Rawai", in: text))
        #expect(typo.match == .fuzzy && text.scalarSlice(typo.start, typo.end).hasPrefix("Villa for sale"))
        // A number the text does not have is never "nearly" there.
        #expect(QuoteAlignment.locate("4  Bedrooms", in: text) == nil)
        #expect(QuoteAlignment.locate("Price: ฿12,600,000", in: text) == nil)
    }

    // MARK: verification of a span

    @Test func aSpanMustSayTheValueForThatField() {
        #expect(EvidenceCheck.supports(field: "bedrooms", value: .number(3), span: "3 bedrooms"))
        #expect(!EvidenceCheck.supports(field: "bedrooms", value: .number(8), span: "Soi 8"))
        #expect(!EvidenceCheck.supports(field: "bedrooms", value: .number(4), span: "3 bedrooms"))
        #expect(EvidenceCheck.supports(field: "price", value: .number(12_500_000), span: "Price: 12.5 MB"))
        #expect(!EvidenceCheck.supports(field: "price", value: .number(3_500), span: "common fee 3,500/month"))
        #expect(!EvidenceCheck.supports(field: "price", value: .number(20_000), span: "deposit 20,000 THB"))
        #expect(!EvidenceCheck.supports(field: "price", value: .number(9_000_000), span: "(≈ 9M THB)"))
        #expect(EvidenceCheck.supports(field: "price_currency", value: .word("THB"), span: "25,000/month", price: 25_000))
        // A currency is proved only beside the answer's own price.
        #expect(!EvidenceCheck.supports(field: "price_currency", value: .word("THB"), span: "(≈ 9M THB)", price: 1_800_000))
        #expect(EvidenceCheck.supports(field: "property_type", value: .word("house"), span: "house"))
        #expect(!EvidenceCheck.supports(field: "property_type", value: .word("villa"), span: "house"))
        // A type named beside the listing's ("or swap for a condo") is not the listing's.
        #expect(!EvidenceCheck.supports(field: "property_type", value: .word("condo"), span: "condo",
                                         clause: "for sale ฿1.25m or swap for a condo in BKK"))
        #expect(EvidenceCheck.supports(field: "property_type", value: .word("condo"), span: "Condo",
                                       clause: "Condo for sale, 2 bed"))
        #expect(EvidenceCheck.supportsAmenity("pool", span: "swimming pool"))
        #expect(!EvidenceCheck.supportsAmenity("pool", span: "No pool"))
        // One bathroom named in the singular is one; a count or a plural says otherwise.
        #expect(EvidenceCheck.supports(field: "bathrooms", value: .number(1), span: "санузел"))
        #expect(EvidenceCheck.supports(field: "bathrooms", value: .number(1), span: "bathroom with a bathtub"))
        #expect(!EvidenceCheck.supports(field: "bathrooms", value: .number(2), span: "санузел"))
        #expect(!EvidenceCheck.supports(field: "bathrooms", value: .number(1), span: "bathrooms"))
    }

    /// A quote in words the reader's phrases do not know still proves an amenity when it names
    /// its topic and does not deny it; a true quote about something else, or a denial, does not.
    @Test(arguments: [
        ("pet_friendly", "pets are welcome", true), ("pet_friendly", "เลี้ยงหมาแมวได้", true),
        ("pet_friendly", "no pets", false), ("pet_friendly", "ห้ามเลี้ยงสัตว์", false),
        ("air_conditioning", "кондей", true), ("garden", "садик", true), ("terrace", "веранда", true),
        ("mountain_view", "горы на горизонте", true), ("mountain_view", "на горизонте", false),
        ("private_pool", "свой инфинити-бассейн", true), ("private_pool", "Pool shared", false),
        ("fully_furnished", "เฟอร์+เครื่องใช้ไฟฟ้าครบ", true), ("fully_furnished", "furnished", false),
        ("unfurnished", "ไม่มีเฟอร์", true), ("furnished", "ไม่มีเฟอร์", false),
        ("parking", "park a motorbike and a car", true), ("furnished", "leave all the furniture", true),
        ("near_beach", "two hundred meters to the beach", true), ("near_beach", "5 km to the beach", false),
        ("near_beach", "300 m to the beach", true), ("near_beach", "Sea view, 120 m²", false), ("near_beach", "вид на море, 80 м²", false),
        ("sea_view", "Air con", false), ("sea_view", "mountain view", false), ("gym", "3 bedrooms", false),
        ("pool", "สระ", true), ("pool", "สระบุรี", false),
        ("sea_view", "see the sea", true), ("pet_friendly", "🐶 ok", true), ("beachfront", "right on the sand", true),
        ("unfurnished", "non-furnished", true), ("parking", "โรงรถ", true), ("parking", "место под две машины", true),
        ("mountain_view", "вид на холмы", true), ("private_pool", "Вилла с бассейном", true),
        ("near_beach", "пляж Ао Яй через дорогу", true), ("kitchen", "кухонька", true),
    ])
    func aQuoteNamesTheAmenitysTopic(_ example: (amenity: String, quote: String, proves: Bool)) {
        #expect(EvidenceCheck.supportsAmenity(example.amenity, span: example.quote) == example.proves, "\(example)")
    }

    /// The words just before the quote in its phrase can deny it: "no pets" quoted as "pets".
    @Test func aDenialJustBeforeTheQuoteCounts() {
        #expect(!EvidenceCheck.supportsAmenity("pet_friendly", span: "dogs", clause: "sorry, no dogs"))
        #expect(EvidenceCheck.supportsAmenity("pool", span: "бассейн", clause: "без торга, бассейн"))
    }

    // MARK: the decision

    static func source(_ text: String, model: PropertyDetails, name: String = "text") -> SourceFacts {
        SourceFacts.read(text, source: name, model: model)
    }

    /// A soi number right before the room count: the reader may misread it; the model's value,
    /// proved by its quote, is published, and nobody is asked anything.
    @Test func aVerifiedModelValueIsPublishedOverTheReadersReading() {
        let text = "House for rent, Soi 8 3 bedrooms 2 bathrooms, 25,000 THB/month, Chalong"
        var model = PropertyDetails(propertyType: "house", bedrooms: 3, bathrooms: 2, listingType: .rent, price: 25_000,
                                    priceCurrency: "THB", pricePeriod: .month)
        model.evidence = [FieldEvidence(field: "bedrooms", quote: "3 bedrooms"), FieldEvidence(field: "bathrooms", quote: "2 bathrooms"),
                          FieldEvidence(field: "property_type", quote: "House"), FieldEvidence(field: "listing_type", quote: "for rent"),
                          FieldEvidence(field: "price", quote: "25,000 THB/month")]
        let merged = ListingMerger.merge(sources: [Self.source(text, model: model)], images: nil)
        #expect(merged.details.bedrooms == 3 && merged.details.bathrooms == 2 && merged.details.price == 25_000)
        #expect(merged.conflicts.isEmpty && merged.unverifiedFields.isEmpty && merged.modelMisreadings.isEmpty)
        let proof = merged.provenance.first { $0.field == "bedrooms" }
        #expect(proof?.readBy == .model && proof?.quote == "3 bedrooms" && proof?.start == 22)
    }

    /// A lie with the true quote, and a lie with an invented quote: neither is published, neither
    /// becomes a question for the agent; the reader's value stands.
    @Test(arguments: ["3 bedrooms", "4 bedrooms"])
    func aValueItsQuoteDoesNotSupportIsTheModelsMistake(_ quote: String) {
        let text = "Condo for rent, 3 bedrooms, 45,000 THB per month, Sukhumvit"
        var model = PropertyDetails(propertyType: "condo", bedrooms: 4, listingType: .rent, price: 45_000, priceCurrency: "THB")
        model.evidence = [FieldEvidence(field: "bedrooms", quote: quote), FieldEvidence(field: "price", quote: "45,000 THB per month")]
        let merged = ListingMerger.merge(sources: [Self.source(text, model: model)], images: nil)
        #expect(merged.details.bedrooms == 3)
        let misread = merged.modelMisreadings.filter { $0.field == "bedrooms" }
        #expect(misread.map(\.value) == ["4"])
        #expect(misread.first?.reason == (quote == "3 bedrooms" ? .quoteDoesNotSayIt : .quoteNotFound))
        #expect(merged.conflicts.isEmpty && merged.unverifiedFields.isEmpty)
    }

    /// A sale with a monthly maintenance fee: the fee is never the price, whichever reads it.
    @Test func aFeeIsNeverPublishedAsThePrice() {
        let text = "Penthouse for sale, 190 sqm, 3 bedrooms. Price 28,500,000 THB. Common fee 5,700 THB/month."
        var lying = PropertyDetails(propertyType: "penthouse", listingType: .rent, price: 5_700, priceCurrency: "THB", pricePeriod: .month)
        lying.evidence = [FieldEvidence(field: "price", quote: "Common fee 5,700 THB/month"), FieldEvidence(field: "listing_type", quote: "for sale")]
        let merged = ListingMerger.merge(sources: [Self.source(text, model: lying)], images: nil)
        #expect(merged.details.price != 5_700)
        #expect(merged.details.listingType == .sale)
    }

    /// The voice-memo case of the issue: the text says "house" and "No pool"; the memo says
    /// villa and pool; photos or the model suggest a sea view and furniture. Published: a house,
    /// no pool, no sea view, no furniture, and the agent is asked nothing about it.
    @Test func theWrittenTextOutranksAMemoOnEveryFieldAmenitiesIncluded() {
        let text = "House for rent in Chalong, 2 bedrooms, 2 bathrooms. No pool. 30,000 THB/month."
        var textModel = PropertyDetails(propertyType: "villa", bedrooms: 2, bathrooms: 2, location: "Chalong",
                                        amenities: ["sea_view", "fully_furnished"], listingType: .rent, price: 30_000,
                                        priceCurrency: "THB", pricePeriod: .month)
        textModel.evidence = [FieldEvidence(field: "property_type", quote: "House"), FieldEvidence(field: "bedrooms", quote: "2 bedrooms"),
                              FieldEvidence(field: "amenities", quote: "No pool", value: "sea_view"),
                              FieldEvidence(field: "amenities", quote: "fully furnished", value: "fully_furnished")]
        let memo = "It is a lovely villa with a private pool and two bedrooms"
        var memoModel = PropertyDetails(propertyType: "villa", bedrooms: 2, amenities: ["private_pool"])
        memoModel.evidence = [FieldEvidence(field: "property_type", quote: "villa"), FieldEvidence(field: "bedrooms", quote: "two bedrooms"),
                              FieldEvidence(field: "amenities", quote: "private pool", value: "private_pool")]
        let merged = ListingMerger.merge(sources: [Self.source(text, model: textModel), Self.source(memo, model: memoModel, name: "voice")],
                                         images: nil)
        #expect(merged.details.propertyType == "house")
        #expect(!merged.details.amenities.contains { ["pool", "private_pool", "sea_view", "fully_furnished", "furnished"].contains($0) },
                "\(merged.details.amenities)")
        // The model's readings are the operator's to see; the agent's files agree.
        #expect(merged.conflicts.allSatisfy { $0.field != "bedrooms" })
        #expect(Set(merged.modelMisreadings.map(\.field)).isSuperset(of: ["property_type", "amenities"]))
    }
}

/// The offline reader on the classes of issue 21 (each misread before it).
struct HardTextReaderTests {
    @Test(arguments: [
        ("ราคา 2 ล้าน 6 แสน บาท", 2_600_000.0, "THB"), ("Only 2 million 950 thousand baht", 2_950_000, "THB"),
        ("Цена три с половиной миллиона бат", 3_500_000, "THB"), ("Продаю за два миллиона пятьсот тысяч бат", 2_500_000, "THB"),
        ("Asking ¥1,800,000 (≈ 9M THB)", 1_800_000, "CNY"), ("ราคา 380,000 หยวน", 380_000, "CNY"),
        ("RMB 2.5 million", 2_500_000, "CNY"), ("150,000 yuan", 150_000, "CNY"),
    ])
    func amountsInWordsAndForeignAskingCurrencies(_ example: (text: String, price: Double, currency: String)) {
        let reading = OfflineExtractor.extract(example.text)
        #expect(reading.price == example.price && reading.currency == example.currency, "\(example.text): \(String(describing: reading.price)) \(String(describing: reading.currency))")
    }

    @Test func squareMetresAsRussianAgentsWriteThemAndTypos() {
        #expect(OfflineExtractor.extract("Кондо, 110 квадратов, 2 спальни").areaSquareMeters == 110)
        #expect(OfflineExtractor.extract("дом 7, 3 спальни, 200 метров, частный бассейн").areaSquareMeters == 200)
        #expect(OfflineExtractor.extract("500 метров до пляжа").areaSquareMeters == nil, "a distance")
        #expect(OfflineExtractor.extract("2nd floor 2 bedrooms 2 bathroms 74 sqm").bathrooms == 2)
    }

    @Test func aSaleWithAMonthlyFeeIsASaleAtItsPrice() {
        let reading = OfflineExtractor.extract("Penthouse for sale, 190 sqm, 3 bedrooms. Price 28,500,000 THB. Common fee 5,700 THB/month.")
        #expect(reading.listingType == .sale && reading.price == 28_500_000 && reading.propertyType == "penthouse")
    }

    /// A rent of a few thousand baht for a 190 m² penthouse is a fee, on either path: withheld.
    @Test func aPricePerSquareMetreNoListingAsksIsWithheld() {
        let source = SourceFacts.read("Penthouse for rent, 190 sqm, 3 bedrooms, 3,500 THB per month", source: "text", model: nil)
        let merged = ListingMerger.merge(sources: [source], images: nil)
        #expect(merged.details.price == nil)
        #expect(merged.unverifiedFields.contains { $0.field == "price" && $0.reason == .implausible })
        let crowded = SourceFacts.read("Condo for rent, 28 sqm, 5 bedrooms, 12,000 THB/month", source: "text", model: nil)
        #expect(ListingMerger.merge(sources: [crowded], images: nil).details.bedrooms == nil, "5 bedrooms do not fit in 28 m²")
    }
}

/// Words agents use that the reader learned after the second blind batch (that batch is no longer
/// blind; docs/BENCHMARKS.md says which numbers were measured before).
struct AgentVocabularyTests {
    @Test(arguments: [
        ("Two lifts, pool", "elevator"), ("เฟอร์ครบ พร้อมอยู่", "fully_furnished"), ("มีดาดฟ้าส่วนตัว", "terrace"),
        ("стиралка, кондиционер", "washing_machine"), ("с собаками можно", "pet_friendly"), ("дом у самого пляжа", "beachfront"),
    ])
    func amenityWords(_ example: (text: String, amenity: String)) {
        #expect(OfflineExtractor.extract(example.text).amenities.contains(example.amenity), "\(example.text)")
    }

    @Test func roomsTypesPricesAndRates() {
        #expect(OfflineExtractor.extract("ห้องนอน 1 ห้อง ห้องน้ำในตัว 1 ห้อง").bathrooms == 1)
        #expect(OfflineExtractor.extract("студия, 1 душ, 28 кв.м").bathrooms == 1)
        #expect(OfflineExtractor.extract("ให้เช่าออฟฟิศ 80 ตร.ม.").propertyType == "office")
        let euro = OfflineExtractor.extract("ขายคอนโด ราคา 145,000 ยูโร")
        #expect(euro.price == 145_000 && euro.currency == "EUR")
        #expect(OfflineExtractor.extract("Asking three point two million baht").price == 3_200_000)
        #expect(OfflineExtractor.extract("Участок 1 рай 3 нгана. Цена 9 млн бат за рай, итого 15 750 000 бат").price == 15_750_000)
    }
}
