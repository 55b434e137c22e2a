import Foundation

extension LocationRules {
    /// A district, sub-district or island the text marks as one, whatever its name: "Tha Mai
    /// district", "in the Sop Tui area", "ต.มีชัย", "อ.สามพราน", "เกาะหมาก", «район Лаем Синг»,
    /// «остров Ко Пхаям», "Koh Mak". No table can hold every tambon of Thailand; the words around
    /// a name say that it is one. A sub-district is more specific than a district, so it is tried first.
    private static let districtMarkers: [(pattern: Pattern, prefix: String)] = [
        (Pattern(#"(?:ต\.|ตำบล)\s?([ก-๙]{2,20}?)(?=[\s,.()/]|อ\.|อำเภอ|จ\.|จังหวัด|$)"#), ""),
        (Pattern(#"(?:(?<![ก-๙])อ\.|อำเภอ)\s?((?!เมือง)[ก-๙]{2,20}?)(?=[\s,.()/]|ต\.|จ\.|จังหวัด|$)"#), ""),
        (Pattern(#"(?-i:([A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}))\s+(?:sub-?)?(?:district|amphoe|tambon)(?![a-z])"#), ""),
        (Pattern(#"(?:,|(?<![a-z])in(?:\s+the)?)\s+(?-i:([A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}))\s+area(?![a-z])"#), ""),
        (Pattern(#"(?<![а-яa-z])(?:район[а-я]*|округ[а-я]*|остров[а-я]*)\s+(?-i:([А-Я][а-я]+(?:[ -][А-Я][а-я]+){0,2}))"#), ""),
        (Pattern(#"(?<![A-Za-z])(?-i:(Koh?\s[A-Z][a-z]{2,}))(?![a-z])"#), ""),
        (Pattern(#"(?<![а-яА-Я])(?-i:(Ко\s[А-Я][а-я]{2,}))(?![а-я])"#), ""),
        (Pattern(#"(?<![ก-๙])เกาะ([ก-๙]{2,10}?)(?=[\s,.()/]|$)"#), "เกาะ"),
    ]

    /// Capitalised words that come before "district" or "area" without being a place's name.
    private static let notDistricts: Set<String> = [
        "The", "This", "Our", "Central", "Business", "Residential", "Commercial", "Quiet", "Tourist", "Old",
        "City", "Town", "Main", "Prime", "Popular", "Expat", "Local", "Rural", "Village", "Beach", "Living",
        "Pool", "Garden", "Parking", "Dining", "Common", "Shared", "Private", "Total", "Usable", "Built",
        "Land", "Floor", "Office", "Good", "Great", "Nice", "Green", "Downtown", "Nearby", "Same",
    ]

    /// The first marked district in the text, as written ("Tha Mai", "มีชัย", "Лаем Синг", "เกาะหมาก").
    static func markedDistrict(in text: ListingText) -> (name: String, location: Int)? {
        for (pattern, prefix) in districtMarkers {
            for match in pattern.matches(in: text.original) {
                guard let name = match.group(1, in: text.original) else { continue }
                let first = String(name.split(separator: " ").first ?? "")
                guard !notDistricts.contains(first) else { continue }
                return (prefix + name, match.range(at: 1).location)
            }
        }
        return nil
    }

    /// "Tha Mai, Chanthaburi", "มะขาม จันทบุรี", «Лаем Синг, Чантхабури»: a district with the
    /// region the text names, in the district's own script.
    static func district(_ name: String, in region: Place?) -> String {
        guard let region else { return name }
        switch name.unicodeScalars.lazy.compactMap(ListingLanguage.ofScriptLetter).first ?? .en {
        case .th: return name + " " + region.thai
        case .ru: return name + ", " + region.russian
        case .en: return name + ", " + region.name
        }
    }
}

extension LocationRules {
    /// District names that are also everyday words or street names ("ท่าเรือ" a pier, "บ้านไร่" a
    /// farmhouse, "สังคม" society, "วิภาวดี" Bangkok's Vibhavadi Road): never read as a district.
    private static let thaiDistrictsThatAreWords: Set<String> = [
        "ท่าเรือ", "บ้านไร่", "บ้านนา", "บ้านสร้าง", "บ้านหมอ", "บ้านหลวง", "ชื่นชม", "ปราสาท", "คลองใหญ่", "ทุ่งใหญ่",
        "สันติสุข", "สังคม", "สมเด็จ", "เฉลิมพระเกียรติ", "มหาราช", "สุวรรณภูมิ", "วิภาวดี", "ศรีนครินทร์", "เทพารักษ์",
        "เพ็ญ", "สีดา", "อุทัย", "เสนา", "ชนบท", "อาจสามารถ", "วัฒนา",
    ]

    /// Every other district, longest first (so "บางสะพานน้อย" is not read as "บางสะพาน"), and only
    /// as a word of its own: Thai writes words together, so the name must start after a non-Thai
    /// letter or a word that leads to a place ("คอนโดชะอำ", "ย่านบางซื่อ"; not "มะพร้าว", a coconut),
    /// and end before one, or before the province's mark.
    private static let thaiDistrictPattern = Pattern(
        "(?:(?<![ก-๙])|(?<=ย่าน|เขต|อ\\.|อำเภอ|แถว|ใกล้|ใจกลาง|คอนโด|บ้าน|วิลล่า|ที่ดิน|ห้อง|ตึก|โกดัง|ขาย|เช่า|ที่|ใน))(?:"
            + thaiDistrictProvinces.keys.filter { !thaiDistrictsThatAreWords.contains($0) }
            .sorted { ($0.unicodeScalars.count, $0) > ($1.unicodeScalars.count, $1) }
            .map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|") + ")(?:(?![ก-๙])|(?=จ\\.|จังหวัด))")

    /// A district named in Thai with no marker ("บ้านสวน โพธาราม ราชบุรี"), with its province:
    /// agents name the district more often than the tambon, and a table can hold all of them.
    static func thaiDistrict(in text: ListingText) -> (name: String, province: Place?, location: Int)? {
        guard text.normalized.range(of: #"[ก-๙]"#, options: .regularExpression).location != NSNotFound,
              let match = thaiDistrictPattern.firstMatch(in: text.normalized) else { return nil }
        let name = text.normalized.substring(with: match.range)
        // A district the table of areas knows ("หัวหิน", "เกาะสมุย") is that place, found before.
        if known.contains(where: { $0.pattern.contains(in: name as NSString) }) { return nil }
        let province = thaiDistrictProvinces[name].flatMap { province in
            province.isEmpty ? nil : known.first { $0.region == nil && $0.pattern.contains(in: province as NSString) }
        }
        return (name, province, match.range.location)
    }
}

extension LocationRules {
    /// A capitalised name the table does not know, written right before one it knows, after a
    /// comma, a bracket or an emoji: "Pong, Bang Lamung", "Kok Kloi (Phang Nga)", «Кок Клой (Пханг
    /// Нга)». Agents write the smaller place first; the name is that smaller place.
    private static let nameBeforePlace = Pattern(
        #"(?<![\p{L}\d])(?-i:([A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}|[А-Я][а-я]+(?:[ -][А-Я][а-я]+){0,2}))[ \t]*(?:,|\(|[\p{So}\p{Sk}\u200d\ufe0f]+)[ \t]*"#)

    /// "near Maya, Nimman": a landmark, not a place.
    private static let landmarkWordBefore = Pattern(
        #"(?:near|next\s+to|opposite|close\s+to|behind|beside|walk\s+to|рядом\s+с|около|возле|напротив|у)\s+$"#)

    /// Words that open such a line without being a place ("Villa, Rawai", "Sale (Phuket)").
    private static let notPlaceNames: Set<String> = [
        "Villa", "House", "Home", "Condo", "Apartment", "Studio", "Penthouse", "Townhouse", "Townhome", "Land", "Plot",
        "Shophouse", "Office", "Warehouse", "Bungalow", "Duplex", "Room", "Unit", "Sale", "Rent", "Lease", "For", "New",
        "Price", "Location", "Area", "Beach", "Sea", "View", "Pool", "Hot", "Deal", "Urgent", "Owner", "Direct", "The",
        "Near", "Central", "North", "South", "East", "West", "Downtown", "City", "Town", "Old", "Soi", "Road", "Moo",
        "Вилла", "Дом", "Кондо", "Квартира", "Студия", "Пентхаус", "Таунхаус", "Земля", "Участок", "Офис", "Аренда",
        "Продажа", "Продам", "Сдам", "Сдаю", "Сдается", "Сдаётся", "Продается", "Продаётся", "Цена", "Район", "Пляж",
    ]

    /// The first such name and the known place after it.
    static func nameBeforeKnownPlace(in text: ListingText) -> (name: String, place: Place)? {
        for match in nameBeforePlace.matches(in: text.original) {
            guard let name = match.group(1, in: text.original),
                  !notPlaceNames.contains(String(name.split(separator: " ")[0])),
                  !landmarkWordBefore.matchesRightBefore(match.range(at: 1).location, in: text.normalized, limit: 16),
                  !known.contains(where: { $0.pattern.contains(in: name as NSString) }),
                  let place = known.first(where: { $0.pattern.match(in: text.normalized, startingAt: match.end, limit: 40) != nil })
            else { continue }
            return (name, place)
        }
        return nil
    }
}
