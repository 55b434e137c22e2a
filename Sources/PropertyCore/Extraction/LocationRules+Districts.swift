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
    static func markedDistrict(in text: ListingText) -> String? {
        for (pattern, prefix) in districtMarkers {
            for match in pattern.matches(in: text.original) {
                guard let name = match.group(1, in: text.original) else { continue }
                let first = String(name.split(separator: " ").first ?? "")
                guard !notDistricts.contains(first) else { continue }
                return prefix + name
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
    static func thaiDistrict(in text: ListingText) -> (name: String, province: Place?)? {
        guard text.normalized.range(of: #"[ก-๙]"#, options: .regularExpression).location != NSNotFound,
              let match = thaiDistrictPattern.firstMatch(in: text.normalized) else { return nil }
        let name = text.normalized.substring(with: match.range)
        // A district the table of areas knows ("หัวหิน", "เกาะสมุย") is that place, found before.
        if known.contains(where: { $0.pattern.contains(in: name as NSString) }) { return nil }
        let province = thaiDistrictProvinces[name].flatMap { province in
            province.isEmpty ? nil : known.first { $0.region == nil && $0.pattern.contains(in: province as NSString) }
        }
        return (name, province)
    }
}
