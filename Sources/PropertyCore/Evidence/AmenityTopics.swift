import Foundation

/// Whether a model's quote is about an amenity, when the reader's phrase rules do not know its
/// wording ("pets are welcome", «кондей», «горы на горизонте», "เลี้ยงหมาแมวได้").
///
/// The reader knows phrases; a quote the model chose is short and already found in the agent's
/// words, so it is enough that it names the amenity's topic — every part of it, close together
/// ("sea" and "view"; "own" and "pool") — and does not deny it. A quote of some other true
/// sentence ("Air con" for a private pool) names nothing of the kind and proves nothing.
enum AmenityTopics {
    /// The parts an amenity's quote must all name, each a stem in English, Thai and Russian.
    private static let parts: [String: [Pattern]] = {
        let pool = #"(?<![a-z])pool|สระ(?!บุรี|แก้ว)|бассейн"#
        let furniture = #"furnish|furniture|เฟอร์|ตกแต่ง|мебел|меблир"#
        let beach = #"beach|(?<![a-z])sea(?![a-z])|(?<![a-z])sand(?![a-z])|ocean|หาด|ทะเล|пляж|(?<![а-я])мор[еяю]|берег|лини[яи]"#
        let view = #"view|panoram|overlook|(?<![a-z])see(?![a-z])|วิว|(?<![а-я])вид|видн|горизонт|панорам"#
        return [
            "air_conditioning": [#"air[\s-]?con|aircon|(?<![a-z])a/?c(?![a-z])|cooling|แอร์|ปรับอากาศ|кондиц|конде[йри]|кондер|сплит"#],
            "balcony": [#"balcon|ระเบียง|балкон|лоджи"#],
            "beachfront": [beach, #"front|on\s+the\s+(?:beach|sand)|ติด|ริม|перв|у\s+самого|на\s+(?:берегу|пляже)"#],
            "elevator": [#"elevator|(?<![a-z])lifts?(?![a-z])|ลิฟ|лифт"#],
            "fully_furnished": [furniture, #"fully|(?<![a-z])full|(?<![a-z])all(?![a-z])|complete|everything|ครบ|ทั้งหมด|полност|(?<![а-я])(?:вся|весь|вс[её]|все)(?![а-я])"#],
            "furnished": [furniture],
            "garden": [#"garden|(?<![a-z])yard|lawn|สวน(?!หลวง)|(?<![а-я])сад|газон|(?<![а-я])двор"#],
            "gym": [#"(?<![a-z])gym|fitness|ฟิตเนส|ยิม|спортзал|тренаж|фитнес"#],
            "jacuzzi": [#"jacuzzi|hot\s?tub|whirlpool|จากุซซี่|จาคูซี่|джакузи"#],
            "kitchen": [#"kitchen|ครัว|кухн|кухон"#],
            "mountain_view": [#"mountain|(?<![a-z])hills?(?![a-z])|ภูเขา|ดอย|(?<![ก-๙])เขา|(?<![а-я])гор(?!изонт|од)|холм"#, view],
            "near_beach": [beach, #"near|close|walk|steps|across\s+the\s+(?:road|street)|opposite|ตรงข้าม|через\s+дорогу|\d\s?m(?![a-z²2])|met(?:er|re)s?|ใกล้|เดิน|เมตร|рядом|близко|пешком|\d\s?м(?![а-я²2])|метр(?!\s?²)|минут"#],
            "parking": [#"(?<![a-z])park(?:ing)?(?![a-z])|garage|carport|(?:space|room|spot)s?\s+for\s+(?:\S+\s+)?cars?|จอด|โรงรถ|парков|гараж|машино-?мест|(?:мест[оа]|навес)\s+(?:для|под|на)\s+(?:\S+\s+)?машин"#],
            "pet_friendly": [#"(?<![a-z])(?:pets?|dogs?|cats?|animals?)(?![a-z])|🐶|🐕|🐈|🐱|🐾|สัตว์|หมา|แมว|สุนัข|собак|кошк|(?<![а-я])кот(?:ы|ов|ами|ом)?(?![а-я])|живот|питом"#],
            "pool": [pool],
            "private_pool": [pool, #"private|(?<![a-z])own(?![a-z])|pool\s+villa|villa\s+with\s+(?:a\s+)?pool|вилл[аыу]\s+с\s+бассейн|ส่วนตัว|พูลวิลล่า|(?<![а-я])сво[йёеи]|собствен|личн|частн|приватн"#],
            "sauna": [#"sauna|ซาวน่า|саун"#],
            "sea_view": [#"(?<![a-z])sea|ocean|ทะเล|(?<![а-я])мор[еяюс]|океан"#, view],
            "security": [#"security(?!\s+deposit)|(?<![a-z])guard|cctv|gated|keycard|รปภ|ความปลอดภัย|กล้องวงจรปิด|คีย์การ์ด|охран|видеонаблюд"#],
            "terrace": [#"terrace|veranda|(?<![a-z])deck|patio|rooftop|เทอร์เรซ|ดาดฟ้า|террас|веранд"#],
            "unfurnished": [furniture],
            "washing_machine": [#"washing|washer|ซักผ้า|стирал"#],
            "wifi": [#"wi-?fi|internet|fib(?:er|re)|ไวไฟ|เน็ต|интернет|вай-?фай"#],
        ].mapValues { $0.map { Pattern($0) } }
    }()

    /// Words that deny what follows or surrounds them: "no pets", "ไม่มีสระ", «без мебели», "ห้ามเลี้ยงสัตว์".
    private static let negation = Pattern(
        #"(?<![a-z])(?:no|not|without|none|never)(?![a-z])|(?<![a-z])non[\s-]|n't(?![a-z])|ไม่|ห้าม|งด|(?<![а-я])(?:без|нет|не|нельзя|запрещ[а-я]*)(?![а-я])|unfurnish"#)
    private static let vehicle = Pattern(#"(?<![a-z])km(?![a-z])|drive|by\s+car|กม|กิโล|ขับรถ|(?<![а-я])км(?![а-я])|на\s+машине"#)

    /// Whether `span` names every part of `amenity`'s topic within a few words, and neither it nor
    /// `before` (the words just before it in the source) denies it. «Unfurnished» is the one
    /// amenity that is a denial: it needs the furniture and the "no".
    static func names(_ amenity: String, in span: String, before: String = "") -> Bool {
        guard let required = parts[amenity] else { return false }
        let text = span as NSString
        let ranges = required.map { $0.matches(in: text).map(\.range) }
        guard ranges.allSatisfy({ !$0.isEmpty }) else { return false }
        if ranges.count == 2 {
            let close = ranges[0].contains { first in
                ranges[1].contains { second in
                    second.location <= first.location + first.length + 24 && first.location <= second.location + second.length + 24
                }
            }
            guard close else { return false }
        }
        // Only the last few words before the quote, in its own phrase, can deny it ("no pets"
        // quoted as "pets"; not "без торга, бассейн").
        let lead = String(before.suffix(12).split(omittingEmptySubsequences: false, whereSeparator: { ",.;:!?\n()".contains($0) }).last ?? "")
        let denied = negation.contains(in: text) || negation.contains(in: lead as NSString)
        if amenity == "unfurnished" { return denied }
        if amenity == "near_beach", vehicle.contains(in: text) { return false }
        return !denied
    }
}
