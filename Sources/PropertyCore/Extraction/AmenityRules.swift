import Foundation

/// Amenities as snake_case keys (the same keys the vision model uses, so sources merge), from
/// English, Thai and Russian wording.
enum AmenityRules {
    /// In the order amenities are listed on the website.
    private static let amenities: [(key: String, pattern: Pattern)] = [
        ("private_pool", Pattern(
            #"private\s+(?:swimming\s+)?pool|own\s+pool|pool\s+villa|สระ(?:ว่ายน้ำ)?ส่วนตัว|พูลวิลล่า|(?:частн|личн|собственн|свой|своим)[а-я]*\s+бассейн"#)),
        ("pool", Pattern(#"(?<![a-z])(?:swimming\s+)?pool(?![a-z])|สระว่ายน้ำ|(?<![а-я])бассейн"#)),
        ("sea_view", Pattern(#"(?:sea|ocean)[\s-]+views?|วิวทะเล|вид(?:ом)?\s+на\s+(?:море|океан)|морск[а-я]*\s+вид"#)),
        ("mountain_view", Pattern(#"mountain[\s-]+views?|วิวภูเขา|วิวดอย|вид(?:ом)?\s+на\s+горы"#)),
        ("beachfront", Pattern(#"beach\s?front|ติดทะเล|ติดหาด|перв[а-я]*\s+лини[а-я]*"#)),
        ("near_beach", Pattern(
            #"(?:near|close\s+to|walk\s+to|steps\s+(?:from|to))\s+(?:the\s+)?beach|beach\s+\d+\s?m(?![a-z])|minutes?\s+(?:walk\s+)?to\s+(?:the\s+)?beach|ใกล้(?:ชาย)?หาด|ใกล้ทะเล|у\s+моря|(?:рядом|близко)\s+(?:с|к)\s+(?:пляж|мор)[а-я]*|до\s+пляжа"#)),
        ("fully_furnished", Pattern(
            #"fully[\s-]+furnished|full(?:y)?\s+furniture|เฟอร์นิเจอร์ครบ|ตกแต่งครบ|полностью\s+меблирован[а-я]*"#)),
        ("furnished", Pattern(
            #"(?<![a-z])(?<!un)furnished|(?<!ไม่มี)เฟอร์นิเจอร์|(?<![а-я])меблирован[а-я]*|(?<![а-я])с\s+мебелью"#)),
        ("air_conditioning", Pattern(#"air[\s-]?con(?:ditioning|ditioner)?s?|(?<![a-z])a/c(?![a-z])|แอร์|кондиционер[а-я]*"#)),
        ("parking", Pattern(#"parking|car\s?park|garage|carport|ที่จอดรถ|парковк[а-я]*|гараж[а-я]*"#)),
        ("gym", Pattern(#"(?<![a-z])gym(?![a-z])|fitness|ฟิตเนส|ยิม|спортзал[а-я]*|тренаж[её]рн[а-я]*|фитнес"#)),
        ("garden", Pattern(#"garden|(?<!หมู่)สวน(?!หลวง)|(?<![а-я])сад(?:ом|а|у)?(?![а-я])"#)),
        ("balcony", Pattern(#"balcon(?:y|ies)|ระเบียง|балкон[а-я]*"#)),
        ("terrace", Pattern(#"terrace|เทอร์เรซ|террас[а-я]*"#)),
        ("kitchen", Pattern(#"kitchen|ห้องครัว|ครัว|(?<![а-я])кухн[а-я]*"#)),
        ("security", Pattern(#"security|(?<![a-z])guards?(?![a-z])|cctv|รปภ|รักษาความปลอดภัย|กล้องวงจรปิด|охран[а-я]*|видеонаблюдени[а-я]*"#)),
        ("wifi", Pattern(#"wi-?fi|internet|อินเทอร์เน็ต|อินเตอร์เน็ต|(?<![ก-๙])เน็ต|интернет|вай-?фай"#)),
        ("pet_friendly", Pattern(
            #"(?<!no\s)pets?[\s-]+(?:friendly|ok|allowed|welcome)|เลี้ยงสัตว์ได้|(?:можно\s+)?с\s+(?:домашними\s+)?животными"#)),
        ("jacuzzi", Pattern(#"jacuzzi|hot\s+tub|จากุซซี่|джакузи"#)),
        ("sauna", Pattern(#"sauna|ซาวน่า|саун[а-я]*"#)),
        ("elevator", Pattern(#"elevator|(?<![a-z])lift(?![a-z])|ลิฟต์|(?<![а-я])лифт"#)),
        ("washing_machine", Pattern(#"washing\s+machine|washer|เครื่องซักผ้า|стиральн[а-я]*\s+машин[а-я]*"#)),
    ]

    /// Amenities that a more specific one already implies.
    private static let impliedBy = ["pool": "private_pool", "furnished": "fully_furnished", "near_beach": "beachfront"]

    /// "unfurnished", «без мебели»: the furniture words in them must not count.
    private static let unfurnished = Pattern(#"unfurnished|without\s+furniture|ไม่มีเฟอร์นิเจอร์|без\s+мебели"#)

    /// Whether one of `found` implies `amenity` (a private pool is a pool).
    static func implied(_ amenity: String, by found: [String]) -> Bool {
        impliedBy[amenity].map(found.contains) ?? false
    }

    /// "no pool", "without parking", "ไม่มีสระว่ายน้ำ", «без бассейна», «нет лифта»: the amenity
    /// named a few words after a negation, with no punctuation between, is absent.
    private static let negationBefore = Pattern(
        #"(?:(?<![a-z])(?:no|without)[\s-]|ไม่มี\s?|(?<![а-я])(?:без|нет)\s)[^,.;:!?\n()/]{0,14}$"#)

    static func amenities(in text: NSString) -> [String] {
        let matched = amenities.filter { _, pattern in
            pattern.matches(in: text).contains { !negationBefore.matchesBefore($0.range.location, in: text, limit: 24) }
        }.map(\.key)
        var found = matched.filter { key in !(impliedBy[key].map(matched.contains) ?? false) }
        if unfurnished.contains(in: text) {
            found.removeAll { $0 == "furnished" || $0 == "fully_furnished" }
        }
        return found
    }
}
