/// A listing's title, key facts and offline description in one language, from the facts alone.
/// Deterministic: the same facts always give the same words, on any machine.
///
/// Thai is written without spaces inside a phrase ("ให้เช่าคอนโด") and with a space between
/// phrases and around numbers and Latin names, as Thai listings are; Russian counts follow the
/// CLDR plural rules ("21 спальня", "5 спален").
public struct ListingWording: Sendable {
    public let language: ListingLanguage

    public init(_ language: ListingLanguage) {
        self.language = language
    }

    public struct Fact: Sendable, Equatable {
        public var label: String
        public var value: String
    }

    /// The location with the places we know written in this language ("ราไวย์ ภูเก็ต").
    public func place(_ facts: ListingFacts) -> String? {
        facts.location.map { LocationRules.localized($0, in: language) }
    }

    // MARK: title

    public func title(_ facts: ListingFacts) -> String {
        let type = ListingVocabulary.propertyType(facts.propertyType, in: language)
        // A studio says it has no bedroom by its name: "studio" is not said twice.
        let bedrooms = facts.hasRooms && !(facts.propertyType == "studio" && facts.bedrooms == 0) ? facts.bedrooms : nil
        switch language {
        case .en:
            var title = type
            if let bedrooms, bedrooms > 0 { title = "\(bedrooms)-bedroom \(type)" }
            if bedrooms == 0 { title = "studio \(type)" }
            title += englishOffer(facts.listingType)
            if let location = place(facts) { title += " in \(location)" }
            return title.capitalizedFirst
        case .th:
            var title = thaiOffer(facts.listingType, type)
            if let bedrooms, bedrooms > 0 { title += " " + ListingVocabulary.count(bedrooms, ListingVocabulary.bedrooms, in: .th) }
            if bedrooms == 0 { title += "แบบ" + ListingLanguage.th.messages.studio }
            if let location = place(facts) { title += ThaiText.phrase("ย่าน", location) }
            return title
        case .ru:
            var title = russianOffer(facts.listingType, type).capitalizedFirst
            if let bedrooms, bedrooms > 0 { title += ", " + ListingVocabulary.count(bedrooms, ListingVocabulary.bedrooms, in: .ru) }
            if bedrooms == 0 { title += ", " + ListingLanguage.ru.messages.studio }
            if let location = place(facts) { title += " — \(location)" }
            return title
        }
    }

    /// The type and the offer: "villa for rent", "ให้เช่าวิลล่า", "вилла в аренду".
    public func offerPhrase(_ facts: ListingFacts) -> String {
        let type = ListingVocabulary.propertyType(facts.propertyType, in: language)
        switch language {
        case .en: return type + englishOffer(facts.listingType)
        case .th: return thaiOffer(facts.listingType, type)
        case .ru: return russianOffer(facts.listingType, type)
        }
    }

    /// " for rent", " for sale": English puts the offer after the type.
    private func englishOffer(_ offer: ListingType?) -> String {
        switch offer {
        case .rent: " for rent"
        case .sale: " for sale"
        case nil: ""
        }
    }

    /// "ให้เช่าคอนโด", "ขายบ้าน": Thai puts the offer first, with no space.
    private func thaiOffer(_ offer: ListingType?, _ type: String) -> String {
        switch offer {
        case .rent: "ให้เช่า" + type
        case .sale: "ขาย" + type
        case nil: type
        }
    }

    /// "вилла в аренду", "дом на продажу".
    private func russianOffer(_ offer: ListingType?, _ type: String) -> String {
        switch offer {
        case .rent: type + " в аренду"
        case .sale: type + " на продажу"
        case nil: type
        }
    }

    // MARK: key facts

    /// A section heading of the page ("Key facts").
    public func heading(_ heading: ListingHeading) -> String { language.messages.heading(heading) }

    public func keyFacts(_ facts: ListingFacts) -> [Fact] {
        var list: [Fact] = []
        func add(_ label: ListingLabel, _ value: String) { list.append(Fact(label: language.messages.label(label), value: value)) }
        add(.type, facts.propertyType == "unknown" ? "—" : ListingVocabulary.propertyType(facts.propertyType, in: language).capitalizedFirst)
        if let offer = facts.listingType { add(.offer, ListingVocabulary.offer(offer, in: language)) }
        if let price = facts.price {
            add(.price, ListingVocabulary.price(price, currency: facts.priceCurrency, period: facts.pricePeriod, in: language))
        }
        if let value = facts.bedrooms { add(.bedrooms, NumberStyle.format(value, in: language)) }
        if let value = facts.bathrooms { add(.bathrooms, NumberStyle.format(value, in: language)) }
        if let value = facts.squareMeters { add(.livingArea, ListingVocabulary.area(value, in: language)) }
        if let value = facts.landSquareMeters { add(.land, ListingVocabulary.area(value, in: language)) }
        if let value = place(facts) { add(.location, value) }
        return list
    }

    public func amenities(_ facts: ListingFacts) -> [String] {
        facts.amenities.map { ListingVocabulary.amenity($0, in: language) }
    }

    // MARK: description

    /// Plain sentences stating the facts, nothing else: the listing's text without a provider,
    /// and the fallback for a language whose model text did not hold to the facts.
    public func description(_ facts: ListingFacts) -> String {
        switch language {
        case .en: englishDescription(facts)
        case .th: thaiDescription(facts)
        case .ru: russianDescription(facts)
        }
    }

    private func englishDescription(_ facts: ListingFacts) -> String {
        var sentences: [String] = []
        let type = ListingVocabulary.propertyType(facts.propertyType, in: .en)
        var opening = type
        if facts.hasRooms, let bedrooms = facts.bedrooms, bedrooms > 0 || facts.propertyType != "studio" {
            opening = bedrooms > 0 ? "\(bedrooms)-bedroom \(type)" : "studio \(type)"
        }
        let purpose = englishOffer(facts.listingType)
        let location = place(facts).map { " in \($0)" } ?? ""
        sentences.append("\(Self.englishArticle(for: opening).capitalizedFirst) \(opening)\(purpose)\(location).")
        var details: [String] = []
        if facts.hasRooms, let bathrooms = facts.bathrooms { details.append(ListingVocabulary.count(bathrooms, ListingVocabulary.bathrooms, in: .en)) }
        if let area = facts.squareMeters { details.append("\(ListingVocabulary.area(area, in: .en)) of living space") }
        if let land = facts.landSquareMeters { details.append("a \(ListingVocabulary.area(land, in: .en)) plot") }
        if !details.isEmpty { sentences.append("It offers \(details.joined(separator: ", ")).") }
        sentences += closingSentences(facts, features: "Features", price: "Price", salePrice: "Asking price")
        return sentences.joined(separator: " ")
    }

    /// "Features: pool, garden." and "Price: 80,000 THB per month.", for languages with full stops.
    private func closingSentences(_ facts: ListingFacts, features: String, price priceLabel: String, salePrice: String) -> [String] {
        var sentences: [String] = []
        let amenities = amenities(facts)
        if !amenities.isEmpty { sentences.append("\(features): \(amenities.prefix(8).joined(separator: ", ")).") }
        if let price = facts.price {
            let label = facts.listingType == .sale ? salePrice : priceLabel
            sentences.append("\(label): \(ListingVocabulary.price(price, currency: facts.priceCurrency, period: facts.pricePeriod, in: language)).")
        }
        return sentences
    }

    private static func englishArticle(for phrase: String) -> String {
        guard let first = phrase.lowercased().first else { return "a" }
        // "8-bedroom", "11-bedroom", "18-bedroom" are read "an eight/eleven/eighteen".
        if phrase.hasPrefix("8") || phrase.hasPrefix("11-") || phrase.hasPrefix("18-") { return "an" }
        return "aeiou".contains(first) ? "an" : "a"
    }

    /// Thai phrases are separated by a space; Thai has no full stop.
    private func thaiDescription(_ facts: ListingFacts) -> String {
        let type = ListingVocabulary.propertyType(facts.propertyType, in: .th)
        var opening = thaiOffer(facts.listingType, type)
        if facts.hasRooms, let bedrooms = facts.bedrooms, bedrooms > 0 || facts.propertyType != "studio" {
            opening += bedrooms > 0 ? " " + ListingVocabulary.count(bedrooms, ListingVocabulary.bedrooms, in: .th) : "แบบสตูดิโอ"
        }
        if let location = place(facts) { opening += ThaiText.phrase("ทำเล", location) }
        var phrases = [opening]
        if facts.hasRooms, let bathrooms = facts.bathrooms { phrases.append("ห้องน้ำ \(NumberStyle.format(bathrooms, in: .th)) ห้อง") }
        if let area = facts.squareMeters { phrases.append("พื้นที่ใช้สอย \(ListingVocabulary.area(area, in: .th))") }
        if let land = facts.landSquareMeters { phrases.append("ขนาดที่ดิน \(ListingVocabulary.area(land, in: .th))") }
        let amenities = amenities(facts)
        if !amenities.isEmpty { phrases.append("สิ่งอำนวยความสะดวก ได้แก่ " + amenities.prefix(8).joined(separator: " ")) }
        if let price = facts.price {
            let label = switch facts.listingType {
            case .rent: "ค่าเช่า"
            case .sale: "ราคาขาย"
            case nil: "ราคา"
            }
            phrases.append("\(label) \(ListingVocabulary.price(price, currency: facts.priceCurrency, period: facts.pricePeriod, in: .th))")
        }
        return phrases.joined(separator: " ")
    }

    private func russianDescription(_ facts: ListingFacts) -> String {
        var sentences: [String] = []
        let type = ListingVocabulary.propertyType(facts.propertyType, in: .ru)
        var opening = russianOffer(facts.listingType, type).capitalizedFirst
        if let location = place(facts) { opening += " — \(location)" }
        sentences.append(opening + ".")
        if facts.hasRooms {
            var rooms: [String] = []
            if let bedrooms = facts.bedrooms, bedrooms > 0 || facts.propertyType != "studio" {
                rooms.append(bedrooms > 0 ? ListingVocabulary.count(bedrooms, ListingVocabulary.bedrooms, in: .ru) : "планировка-студия")
            }
            if let bathrooms = facts.bathrooms { rooms.append(ListingVocabulary.count(bathrooms, ListingVocabulary.bathrooms, in: .ru)) }
            if !rooms.isEmpty { sentences.append(rooms.joined(separator: ", ").capitalizedFirst + ".") }
        }
        var areas: [String] = []
        if let area = facts.squareMeters { areas.append("жилая площадь — \(ListingVocabulary.area(area, in: .ru))") }
        if let land = facts.landSquareMeters { areas.append("участок — \(ListingVocabulary.area(land, in: .ru))") }
        if !areas.isEmpty { sentences.append(areas.joined(separator: ", ").capitalizedFirst + ".") }
        sentences += closingSentences(facts, features: "Удобства", price: "Цена", salePrice: "Цена продажи")
        return sentences.joined(separator: " ")
    }
}

/// A new Thai phrase of a lead word and a name, after a space: no space between Thai words, a
/// space before a number or a Latin name (" ทำเลสุขุมวิท 24", " ทำเล Rawai, Phuket").
enum ThaiText {
    static func phrase(_ thai: String, _ next: String) -> String {
        guard let first = next.unicodeScalars.first else { return thai }
        return isThai(first) ? " " + thai + next : " " + thai + " " + next
    }

    static func isThai(_ scalar: Unicode.Scalar) -> Bool {
        (0x0E01...0x0E5B).contains(scalar.value)
    }
}
