import Foundation

/// Location hints: known areas of Thailand in Latin, Thai and Cyrillic spelling, returned in
/// English as "Area, Region" ("Rawai, Phuket"); otherwise an English "in X" / "near X".
enum LocationRules {
    private struct Place {
        let name: String
        /// The name on Thai and Russian pages, as the buyer reading them writes it.
        let thai: String
        let russian: String
        /// The region shown after the area; nil for a region itself.
        let region: String?
        let pattern: Pattern
        /// Any spelling, or the English name itself ("Laguna" alone, "Koh Samui"), with no word
        /// boundaries: `localized` checks that places and separators make up the whole location.
        let anySpelling: Pattern

        init(_ name: String, th thai: String, ru russian: String, in region: String? = nil, _ spellings: String) {
            self.name = name
            self.thai = thai
            self.russian = russian
            self.region = region
            pattern = Pattern(spellings)
            anySpelling = Pattern(NSRegularExpression.escapedPattern(for: name) + "|" + spellings)
        }

        func name(in language: ListingLanguage) -> String {
            switch language {
            case .en: name
            case .th: thai
            case .ru: russian
            }
        }
    }

    /// Regions the areas belong to that are not places of their own in the table.
    private static let regionsOnly: [Place] = [
        Place("Samut Prakan", th: "สมุทรปราการ", ru: "Самутпракан", #"samut\s?prakan|สมุทรปราการ|самутпракан"#),
        Place("Pathum Thani", th: "ปทุมธานี", ru: "Патхумтхани", #"pathum\s?thani|ปทุมธานี|патхумтхани"#),
    ]

    private static let places: [Place] = [
        Place("Phuket", th: "ภูเก็ต", ru: "Пхукет", #"phuket|ภูเก็ต|пхукет[а-я]*"#),
        Place("Rawai", th: "ราไวย์", ru: "Раваи", in: "Phuket", #"rawai|ราไวย์|раваи|равай"#),
        Place("Nai Harn", th: "ในหาน", ru: "Найхарн", in: "Phuket", #"nai\s?ha(?:r)?n|ในหาน|най\s?харн[а-я]*"#),
        Place("Kata", th: "กะตะ", ru: "Ката", in: "Phuket", #"(?<![a-z])kata(?![a-z])|กะตะ|(?<![а-я])кат[аеу](?![а-я])"#),
        Place("Karon", th: "กะรน", ru: "Карон", in: "Phuket", #"karon|กะรน|карон[а-я]*"#),
        Place("Patong", th: "ป่าตอง", ru: "Патонг", in: "Phuket", #"patong|ป่าตอง|патонг[а-я]*"#),
        Place("Kamala", th: "กมลา", ru: "Камала", in: "Phuket", #"kamala|กมลา|камал[аеуы]"#),
        Place("Bang Tao", th: "บางเทา", ru: "Банг Тао", in: "Phuket", #"bang\s?tao|บางเทา|банг\s?тао"#),
        Place("Cherngtalay", th: "เชิงทะเล", ru: "Чернгталай", in: "Phuket", #"cherng\s?talay|choeng\s?thale|เชิงทะเล|чернгтала[а-я]*"#),
        Place("Chalong", th: "ฉลอง", ru: "Чалонг", in: "Phuket", #"chalong|ฉลอง|чалонг[а-я]*"#),
        Place("Kathu", th: "กะทู้", ru: "Кату", in: "Phuket", #"kathu|กะทู้|катху"#),
        Place("Layan", th: "ลายัน", ru: "Лайян", in: "Phuket", #"layan|ลายัน|лайян"#),
        Place("Surin", th: "หาดสุรินทร์", ru: "Сурин", in: "Phuket", #"surin\s+beach|หาดสุรินทร์|сурин"#),
        Place("Thalang", th: "ถลาง", ru: "Таланг", in: "Phuket", #"thalang|ถลาง|таланг"#),
        Place("Mai Khao", th: "ไม้ขาว", ru: "Май Кхао", in: "Phuket", #"mai\s?khao|ไม้ขาว|май\s?кхао"#),
        Place("Cape Panwa", th: "แหลมพันวา", ru: "мыс Панва", in: "Phuket", #"panwa|พันวา|панва"#),
        Place("Laguna", th: "ลากูน่า", ru: "Лагуна", in: "Phuket", #"laguna\s+phuket|ลากูน่า|лагун[аеы]\s+пхукет"#),
        Place("Bangkok", th: "กรุงเทพฯ", ru: "Бангкок", #"bangkok|กรุงเทพ(?:ฯ|มหานคร)?|กทม\.?|бангкок[а-я]*"#),
        Place("Sukhumvit", th: "สุขุมวิท", ru: "Сукхумвит", in: "Bangkok", #"sukhumvit|สุขุมวิท|сукхумвит[а-я]*"#),
        Place("Thonglor", th: "ทองหล่อ", ru: "Тонглор", in: "Bangkok", #"thong\s?lor?(?![a-z])|ทองหล่อ|тонг\s?лор[а-я]*"#),
        Place("Asok", th: "อโศก", ru: "Асок", in: "Bangkok", #"(?<![a-z])asoke?(?![a-z])|อโศก|(?<![а-я])асок[а-я]*"#),
        Place("Silom", th: "สีลม", ru: "Силом", in: "Bangkok", #"silom|สีลม|силом[а-я]*"#),
        Place("Sathorn", th: "สาทร", ru: "Саторн", in: "Bangkok", #"sath(?:o|or)n|สาทร|саторн[а-я]*"#),
        Place("Ekkamai", th: "เอกมัย", ru: "Эккамай", in: "Bangkok", #"ekkamai|เอกมัย|эккамай"#),
        Place("Phrom Phong", th: "พร้อมพงษ์", ru: "Пхромпхонг", in: "Bangkok", #"phrom\s?phong|พร้อมพงษ์|пром\s?понг"#),
        Place("Ari", th: "อารีย์", ru: "Ари", in: "Bangkok", #"(?<![a-z])ari(?![a-z])|อารีย์"#),
        Place("Bang Na", th: "บางนา", ru: "Бангна", in: "Bangkok", #"bang\s?na(?![a-z])|บางนา|банг\s?на(?![а-я])"#),
        Place("Lat Phrao", th: "ลาดพร้าว", ru: "Лат Прао", in: "Bangkok", #"lat\s?phrao|ladprao|ลาดพร้าว"#),
        Place("Rama 9", th: "พระราม 9", ru: "Рама 9", in: "Bangkok", #"rama\s?9|พระราม\s?9|рама\s?9"#),
        Place("Ratchada", th: "รัชดา", ru: "Ратчада", in: "Bangkok", #"ratchada|รัชดา|ратчада"#),
        Place("Bang Phli", th: "บางพลี", ru: "Бангпхли", in: "Samut Prakan", #"bang\s?phli|บางพลี"#),
        Place("Lam Luk Ka", th: "ลำลูกกา", ru: "Ламлукка", in: "Pathum Thani", #"lam\s?luk\s?ka|ลำลูกกา"#),
        Place("Pattaya", th: "พัทยา", ru: "Паттайя", #"pattaya|พัทยา|паттай[а-я]*"#),
        Place("Jomtien", th: "จอมเทียน", ru: "Джомтьен", in: "Pattaya", #"jomtien|จอมเทียน|джомть?ен[а-я]*"#),
        Place("Pratumnak", th: "พระตำหนัก", ru: "Пратамнак", in: "Pattaya", #"prat(?:u|a)mnak|พระตำหนัก|пратамнак"#),
        Place("Naklua", th: "นาเกลือ", ru: "Наклуа", in: "Pattaya", #"naklua|นาเกลือ|наклуа"#),
        Place("Wongamat", th: "วงศ์อมาตย์", ru: "Вонгамат", in: "Pattaya", #"wong\s?amat|วงศ์อมาตย์|вонгамат"#),
        Place("Sri Racha", th: "ศรีราชา", ru: "Шрирача", #"s(?:r)?i\s?racha|ศรีราชา|шрирач[а-я]*"#),
        Place("Koh Samui", th: "เกาะสมุย", ru: "Самуи", #"samui|สมุย|самуи"#),
        Place("Chaweng", th: "เฉวง", ru: "Чавенг", in: "Koh Samui", #"chaweng|เฉวง|чавенг[а-я]*"#),
        Place("Lamai", th: "ละไม", ru: "Ламай", in: "Koh Samui", #"lamai|ละไม|(?<![а-я])лама(?:й|е|я)(?![а-я])"#),
        Place("Bophut", th: "บ่อผุด", ru: "Бопхут", in: "Koh Samui", #"bo\s?phut|บ่อผุด|бопхут"#),
        Place("Koh Phangan", th: "เกาะพะงัน", ru: "Панган", #"phangan|พะงัน|панган[а-я]*"#),
        Place("Chiang Mai", th: "เชียงใหม่", ru: "Чиангмай", #"chiang\s?mai|เชียงใหม่|чианг\s?ма[а-я]*"#),
        Place("Nimman", th: "นิมมาน", ru: "Нимман", in: "Chiang Mai", #"nimman[a-z]*|นิมมาน|нимман[а-я]*"#),
        Place("Hang Dong", th: "หางดง", ru: "Хангдонг", in: "Chiang Mai", #"hang\s?dong|หางดง"#),
        Place("Mae Rim", th: "แม่ริม", ru: "Мэрим", in: "Chiang Mai", #"mae\s?rim|แม่ริม|мае\s?рим"#),
        Place("Hua Hin", th: "หัวหิน", ru: "Хуахин", #"hua\s?hin|หัวหิน|хуа\s?хин[а-я]*"#),
        Place("Krabi", th: "กระบี่", ru: "Краби", #"krabi|กระบี่|краби"#),
        Place("Ao Nang", th: "อ่าวนาง", ru: "Ао Нанг", in: "Krabi", #"ao\s?nang|อ่าวนาง|ао\s?нанг"#),
    ]

    /// "in Cherngtalay", "near Laguna": an English preposition before a capitalised name.
    private static let prepositionPlace = Pattern(
        #"(?<![a-z])(?:in|near|at)\s+((?-i:[A-Z][a-z]{2,})(?:\s(?-i:[A-Z][a-z]{2,}))?)"#)
    private static let notPlaces: Set<String> = [
        "The", "This", "Our", "Your", "Excellent", "Good", "Great", "Perfect", "Quiet", "Prime", "Walking",
    ]

    /// The first named area wins over a region ("villa in Phuket … Rawai" → "Rawai, Phuket").
    static func location(in text: ListingText) -> String? {
        let found = places.compactMap { place in
            place.pattern.firstMatch(in: text.normalized).map { (place, $0.range.location) }
        }.sorted { $0.1 < $1.1 }
        if let (area, _) = found.first(where: { $0.0.region != nil }) {
            return "\(area.name), \(area.region!)"
        }
        if let (region, _) = found.first {
            return region.name
        }
        return prepositionPlace.matches(in: text.original).lazy
            .compactMap { $0.group(1, in: text.original) }
            .first { !notPlaces.contains(String($0.split(separator: " ")[0])) }
    }

    /// A location as `language` writes it: "Rawai, Phuket" is "ราไวย์ ภูเก็ต" on a Thai page and
    /// "Раваи, Пхукет" on a Russian one, whichever spelling the agent or the model used. Only a
    /// location made wholly of places we know is rewritten; "Soi 5, Rawai" or a project's name
    /// stays as written.
    static func localized(_ location: String, in language: ListingLanguage) -> String {
        let text = location as NSString
        var found: [(range: NSRange, place: Place)] = []
        for place in places + regionsOnly {
            for match in place.anySpelling.matches(in: text) where match.range.length > 0 {
                found.append((match.range, place))
            }
        }
        // Longest first at each position; overlapping matches give way.
        found.sort { ($0.range.location, -$0.range.length) < ($1.range.location, -$1.range.length) }
        var chosen: [Place] = []
        var covered = 0
        for (range, place) in found where range.location >= covered {
            let gap = text.substring(with: NSRange(location: covered, length: range.location - covered))
            guard gap.allSatisfy({ $0 == "," || $0.isWhitespace }) else { return location }
            if chosen.last?.name != place.name { chosen.append(place) }
            covered = range.location + range.length
        }
        guard !chosen.isEmpty, text.substring(from: covered).allSatisfy({ $0 == "," || $0.isWhitespace }) else { return location }
        return chosen.map { $0.name(in: language) }.joined(separator: language == .th ? " " : ", ")
    }
}
