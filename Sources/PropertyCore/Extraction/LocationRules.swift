import Foundation

/// Location hints: known areas of Thailand in Latin, Thai and Cyrillic spelling, returned in
/// English as "Area, Region" ("Rawai, Phuket"); otherwise an English "in X" / "near X".
enum LocationRules {
    private struct Place {
        let name: String
        /// The region shown after the area; nil for a region itself.
        let region: String?
        let pattern: Pattern

        init(_ name: String, in region: String? = nil, _ spellings: String) {
            self.name = name
            self.region = region
            pattern = Pattern(spellings)
        }
    }

    private static let places: [Place] = [
        Place("Phuket", #"phuket|ภูเก็ต|пхукет[а-я]*"#),
        Place("Rawai", in: "Phuket", #"rawai|ราไวย์|раваи|равай"#),
        Place("Nai Harn", in: "Phuket", #"nai\s?ha(?:r)?n|ในหาน|най\s?харн[а-я]*"#),
        Place("Kata", in: "Phuket", #"(?<![a-z])kata(?![a-z])|กะตะ|(?<![а-я])кат[аеу](?![а-я])"#),
        Place("Karon", in: "Phuket", #"karon|กะรน|карон[а-я]*"#),
        Place("Patong", in: "Phuket", #"patong|ป่าตอง|патонг[а-я]*"#),
        Place("Kamala", in: "Phuket", #"kamala|กมลา|камал[аеуы]"#),
        Place("Bang Tao", in: "Phuket", #"bang\s?tao|บางเทา|банг\s?тао"#),
        Place("Cherngtalay", in: "Phuket", #"cherng\s?talay|choeng\s?thale|เชิงทะเล|чернгтала[а-я]*"#),
        Place("Chalong", in: "Phuket", #"chalong|ฉลอง|чалонг[а-я]*"#),
        Place("Kathu", in: "Phuket", #"kathu|กะทู้|катху"#),
        Place("Layan", in: "Phuket", #"layan|ลายัน|лайян"#),
        Place("Surin", in: "Phuket", #"surin\s+beach|หาดสุรินทร์|сурин"#),
        Place("Thalang", in: "Phuket", #"thalang|ถลาง|таланг"#),
        Place("Mai Khao", in: "Phuket", #"mai\s?khao|ไม้ขาว|май\s?кхао"#),
        Place("Cape Panwa", in: "Phuket", #"panwa|พันวา|панва"#),
        Place("Laguna", in: "Phuket", #"laguna\s+phuket|ลากูน่า|лагун[аеы]\s+пхукет"#),
        Place("Bangkok", #"bangkok|กรุงเทพ|กทม|бангкок[а-я]*"#),
        Place("Sukhumvit", in: "Bangkok", #"sukhumvit|สุขุมวิท|сукхумвит[а-я]*"#),
        Place("Thonglor", in: "Bangkok", #"thong\s?lor?(?![a-z])|ทองหล่อ|тонг\s?лор[а-я]*"#),
        Place("Asok", in: "Bangkok", #"(?<![a-z])asoke?(?![a-z])|อโศก|(?<![а-я])асок[а-я]*"#),
        Place("Silom", in: "Bangkok", #"silom|สีลม|силом[а-я]*"#),
        Place("Sathorn", in: "Bangkok", #"sath(?:o|or)n|สาทร|саторн[а-я]*"#),
        Place("Ekkamai", in: "Bangkok", #"ekkamai|เอกมัย|эккамай"#),
        Place("Phrom Phong", in: "Bangkok", #"phrom\s?phong|พร้อมพงษ์|пром\s?понг"#),
        Place("Ari", in: "Bangkok", #"(?<![a-z])ari(?![a-z])|อารีย์"#),
        Place("Bang Na", in: "Bangkok", #"bang\s?na(?![a-z])|บางนา|банг\s?на(?![а-я])"#),
        Place("Lat Phrao", in: "Bangkok", #"lat\s?phrao|ladprao|ลาดพร้าว"#),
        Place("Rama 9", in: "Bangkok", #"rama\s?9|พระราม\s?9|рама\s?9"#),
        Place("Ratchada", in: "Bangkok", #"ratchada|รัชดา|ратчада"#),
        Place("Bang Phli", in: "Samut Prakan", #"bang\s?phli|บางพลี"#),
        Place("Lam Luk Ka", in: "Pathum Thani", #"lam\s?luk\s?ka|ลำลูกกา"#),
        Place("Pattaya", #"pattaya|พัทยา|паттай[а-я]*"#),
        Place("Jomtien", in: "Pattaya", #"jomtien|จอมเทียน|джомть?ен[а-я]*"#),
        Place("Pratumnak", in: "Pattaya", #"prat(?:u|a)mnak|พระตำหนัก|пратамнак"#),
        Place("Naklua", in: "Pattaya", #"naklua|นาเกลือ|наклуа"#),
        Place("Wongamat", in: "Pattaya", #"wong\s?amat|วงศ์อมาตย์|вонгамат"#),
        Place("Sri Racha", #"s(?:r)?i\s?racha|ศรีราชา|шрирач[а-я]*"#),
        Place("Koh Samui", #"samui|สมุย|самуи"#),
        Place("Chaweng", in: "Koh Samui", #"chaweng|เฉวง|чавенг[а-я]*"#),
        Place("Lamai", in: "Koh Samui", #"lamai|ละไม|(?<![а-я])лама(?:й|е|я)(?![а-я])"#),
        Place("Bophut", in: "Koh Samui", #"bo\s?phut|บ่อผุด|бопхут"#),
        Place("Koh Phangan", #"phangan|พะงัน|панган[а-я]*"#),
        Place("Chiang Mai", #"chiang\s?mai|เชียงใหม่|чианг\s?ма[а-я]*"#),
        Place("Nimman", in: "Chiang Mai", #"nimman[a-z]*|นิมมาน|нимман[а-я]*"#),
        Place("Hang Dong", in: "Chiang Mai", #"hang\s?dong|หางดง"#),
        Place("Mae Rim", in: "Chiang Mai", #"mae\s?rim|แม่ริม|мае\s?рим"#),
        Place("Hua Hin", #"hua\s?hin|หัวหิน|хуа\s?хин[а-я]*"#),
        Place("Krabi", #"krabi|กระบี่|краби"#),
        Place("Ao Nang", in: "Krabi", #"ao\s?nang|อ่าวนาง|ао\s?нанг"#),
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
}
