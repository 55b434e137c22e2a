import Foundation

/// Amenities as snake_case keys (the same keys the vision model uses, so sources merge), from
/// English, Thai and Russian wording.
enum AmenityRules {
    /// In the order amenities are listed on the website.
    private static let amenities: [(key: String, pattern: Pattern)] = [
        ("private_pool", Pattern(
            #"private\s+(?:(?:swimming|plunge|infinity|salt-?water|saltwater|heated|lap|big|large|small|\d+\s?m)\s+){0,2}pool|own\s+(?:plunge\s+)?pool|pool\s+villa|สระ(?:ว่ายน้ำ)?ส่วนตัว|พูลวิลล่า|(?:частн|личн|собственн|приватн|свой|своим)[а-я]*\s+(?:[а-я]+\s+)?бассейн|(?<![а-я])бассейн[а-я]*\s+(?:свой|собственный|личный|частный)(?![а-я])|вилл[аыу]\s+с\s+бассейн[а-я]*+(?!\s+общ)|villa\s+with\s+(?:a\s+)?pool(?!\s+shared)"#)),
        // «สระ» alone in a list of facilities ("สระ ฟิตเนส"); not สระน้ำ (a pond) or สระบุรี (a province).
        ("pool", Pattern(#"(?<![a-z])(?:swimming\s+)?pool(?![a-z])|สระว่ายน้ำ|(?:(?<![ก-๙])|(?<=มี))สระ(?=[\s,/+)]|$)|(?<![а-я])бассейн"#)),
        ("sea_view", Pattern(
            #"(?:sea|ocean)[\s-]*views?|เห็นทะเล|вид(?:ом)?\s+на\s+(?:залив|бухту)|(?:fac(?:es|ing)|overlook(?:s|ing)?)\s+the\s+(?:sea|ocean)|sea[\s-]facing|วิวทะเล|หัน(?:หน้า)?(?:ไป|สู่|ออก)?(?:ทาง)?ทะเล|вид(?:ом)?\s+на\s+закат[а-я]*\s+над\s+мор[а-я]*|вид(?:ом)?\s+на\s+(?:[а-я]+\s+и\s+(?:на\s+)?)?(?:море|океан)|морск[а-я]*\s+вид|видн[оа]\s+мор[ея]|мор[ея]\s+видн[оа]"#)),
        ("mountain_view", Pattern(
            #"mountain(?:\s+and\s+[a-z]+)?[\s-]+views?|วิว[^\s,]{0,24}ภูเขา|hills?[\s-]+views?|(?<![a-z])doi\s+[a-z]+(?:\s+[a-z]+)?\s+views?|views?\s+of\s+the\s+hills|вид\s+на\s+холм[а-я]*|вид(?:ом)?\s+на\s+дой(?![а-я])|วิวภูเขา|วิวดอย|วิวเขา|вид(?:ом)?\s+на\s+(?:[а-я]+\s+и\s+)?гор[ыу]|(?<![а-я])гор[ыу]?\s+видн[оа]|видн[оа]\s+гор[ыу]"#)),
        ("beachfront", Pattern(#"beach\s?front|right\s+on\s+the\s+(?:beach|sand)|прямо\s+на\s+пляже|на\s+самом\s+пляже|ติดทะเล|ติดหาด|ริมหาด|ริมทะเล|перв[а-я]*\s+лини[а-я]*|у\s+самого\s+(?:пляжа|моря)"#)),
        ("near_beach", Pattern(
            #"(?:near|close\s+to|walk\s+to|steps\s+(?:from|to))\s+(?:the\s+)?beach|ใกล้(?:ชาย)?หาด|ใกล้ทะเล|у\s+моря|(?:рядом|близко)\s+(?:с|к)\s+(?:пляж|мор)[а-я]*"#)),
        ("fully_furnished", Pattern(
            #"fully[\s-]+furn(?:i|ni)?sh?ed|full(?:y)?\s+furniture|เฟอ(?:ร์)?(?:นิเจอร์|นีเจอร์|ฯ)?(?:\s|[^\s]{0,10})(?:ครบ|ทั้งหมด)|ตกแต่งครบ|полностью\s+меблирован[а-я]*|мебель\s+полностью"#)),
        ("furnished", Pattern(
            #"(?<![a-z])(?<!un)furnished|incl(?:\.|uding|udes|uded)?\s+furniture|furniture[^.\n]{0,40}incl(?:\.|uded)?|with\s+furniture|ตกแต่งพร้อมอยู่|(?<!ไม่มี)(?<!ไม่มี\s)เฟอร์|(?<![а-я])меблирован[а-я]*|(?<![а-я])с\s+мебелью|(?<![а-я])мебель(?![а-я])"#)),
        ("air_conditioning", Pattern(#"air[\s-]?con(?:ditioning|ditioner)?s?|central\s+air(?![a-z])|(?<![a-z])a/c(?![a-z])|(?<![a-zA-Z])(?-i:AC)(?![a-zA-Z])|แอร์|кондиционер[а-я]*|(?<![а-я])конде(?:й|и|я|ев|ями?)(?![а-я])|кондер[а-я]*"#)),
        ("parking", Pattern(#"parking|car\s?park|garage|carport|จอดรถ|โรงรถ|(?:мест[оа]|навес)\s+(?:для|под|на)\s+(?:\S+\s+)?машин|парковк[а-я]*|парковочн[а-я]*|гараж[а-я]*"#)),
        ("gym", Pattern(#"(?<![a-z])gym(?![a-z])|fitness|ฟิตเนส|ยิม|спортзал[а-я]*|тренаж[её]р[а-я]*|тренажор[а-я]*|фитнес"#)),
        // A yard alone may be a warehouse's; a "big yard" or a "backyard" is a home's garden; «ทำสวน» is farming.
        ("garden", Pattern(#"garden|(?<![a-z])(?:(?:back|front)\s?|(?:big|large|fenced|private|green|grass)\s+)yard(?![a-z])|(?<!หมู่)(?<!ทำ)สวน(?!หลวง)|สนามหญ้า|(?<![а-я])сад(?:ик[а-я]*|ом|а|у)?(?![а-я])"#)),
        ("balcony", Pattern(#"balcon(?:y|ies)|ระเบียง|балкон[а-я]*"#)),
        ("terrace", Pattern(#"terrace|veranda|(?<!pool\s)(?<![a-z])deck(?![a-z])|веранд[а-я]*|เทอ(?:ร์)?เรซ|ดาดฟ้าส่วนตัว|террас[а-я]*"#)),
        ("kitchen", Pattern(#"kitchen|ห้องครัว|ครัว|(?<![а-я])кухн[а-я]*|(?<![а-я])кухон[а-я]*"#)),
        ("security", Pattern(#"security(?!\s+deposit)|(?<![a-z])guards?(?![a-z])|cctv|รปภ|รักษาความปลอดภัย|กล้องวงจรปิด|охран[а-я]*|видеонаблюдени[а-я]*"#)),
        ("wifi", Pattern(#"wi-?fi|internet|ไวไฟ|อินเทอร์เน็ต|อินเตอร์เน็ต|(?<![ก-๙])เน็ต|интернет|вай-?фай"#)),
        ("pet_friendly", Pattern(
            #"(?<!no\s)pets?[\s-]+(?:are\s+)?(?:friendly|ok|allowed|welcome)|(?<!no\s)(?:dogs?|cats?)\s+(?:are\s+)?(?:ok|welcome|allowed)|fine\s+with\s+(?:a\s+)?(?:dogs?|cats?|pets?)|(?<!not\s)(?<!n't\s)allows?\s+(?:(?:small|a|one|two|1|2)\s+){0,2}(?:pets?|dogs?|cats?)|สัตว์เลี้ยง[^\n,]{0,12}(?<!ไม่)ได้|(?:с\s+)?(?:собак|кош|питом)[а-я]*\s+можно|можно\s+с\s+(?:собак|кош|питом)[а-я]*|เลี้ยงสัตว์ได้|เลี้ยง(?:น้อง)?(?:หมา|แมว|สุนัข|สัตว์)[^\n,]{0,16}(?<!ไม่)ได้|(?<![а-я])животные\s+(?:ок|ok)|🐶\s*ok|(?:можно\s+)?с\s+(?:домашними\s+)?животными|животны[а-я]*\s*[-—:]?\s*(?:можно|разрешен[а-я]*)|разреша[а-я]*\s+(?:кош|собак|животн|питом)[а-я]*"#)),
        ("jacuzzi", Pattern(#"jacuzzi|hot\s+tub|จากุซซี่|джакузи"#)),
        ("sauna", Pattern(#"sauna|ซาวน่า|саун[а-я]*"#)),
        ("elevator", Pattern(#"elevators?|(?<![a-z])lifts?(?![a-z])|ลิฟต์|ลิฟท์|(?<![а-я])лифт"#)),
        ("washing_machine", Pattern(#"washing\s+machine|washer|เครื่องซักผ้า|стиральн[а-я]*\s+машин[а-я]*|стиралк[а-я]*"#)),
    ]

    /// Amenities that a more specific one already implies.
    private static let impliedBy = ["pool": "private_pool", "furnished": "fully_furnished", "near_beach": "beachfront"]

    private static let noPoolThai = Pattern(#"ไม่มีสระ"#)

    /// "unfurnished", «без мебели»: the furniture words in them must not count.
    private static let unfurnished = Pattern(#"unfurnished|non[\s-]?furnished|not\s+furnished|without\s+furniture|no\s+furniture|ไม่มีเฟอร์|без\s+мебели|мебели\s+нет|(?<![а-я])не\s+меблирован"#)

    /// Whether one of `found` implies `amenity` (a private pool is a pool).
    static func implied(_ amenity: String, by found: [String]) -> Bool {
        impliedBy[amenity].map(found.contains) ?? false
    }

    /// "no pool", "not furnished", "without parking", "ไม่มีสระว่ายน้ำ", «без бассейна», «нет лифта»:
    /// the amenity named a few words after a negation, with no punctuation or "but" between, is
    /// absent. Thai writes a phrase without spaces, so there the negation ends at the next space.
    private static let negationBefore = Pattern(
        #"(?:(?:(?<![a-z])(?:no|not|without)[ \t-]|(?<![а-я])(?:без|нет)[ \t])(?:(?!(?<![a-zа-я])(?:but|however|но|зато|а)\s)[^,.;:!?\n()/]){0,14}|ไม่มี\s?[^\s,.;:!?()/]{0,14})$"#)
    /// «бассейна нет», "Pool: no", "สระว่ายน้ำ: ไม่มี".
    private static let negationAfter = Pattern(#"[^\s,.;!?()]{0,6}(?:\s+нет(?![а-я])|\s*:\s*(?:no|none|нет|ไม่มี)(?![a-zа-я]))"#)

    /// "5 min walk to Jomtien beach", "beach 300 m", «400 м до пляжа», «до пляжа 5 минут
    /// пешком», "เดินถึงหาด 3 นาที": a beach within ten minutes' walk or a kilometre is near;
    /// "7 km to the beach" or "5 min drive" is not. Group 1 is the number, group 2 its unit.
    private static let beachDistances: [Pattern] = [
        Pattern(#"(\d+(?:[.,]\d+)?)\s?(min(?:ute)?s?|m|km|meters?|metres?)\.?\s+(walk(?:ing)?\s+|drive\s+|by\s+car\s+)?(?:down\s+|up\s+)?(?:to|from)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}beach"#),
        Pattern(#"beach\s+(?:is\s+)?(?:just\s+|only\s+)?(\d+(?:[.,]\d+)?)\s?(m|min(?:ute)?s?|km|meters?|metres?)(?![a-z])"#),
        Pattern(#"(?:до|от)\s+(?:пляжа|моря)\s*[-:]?\s*(?:всего\s+|пешком\s+)?(\d+(?:[.,]\d+)?)\s?(мин[а-я]*|м|км|метр[а-я]*)(?![а-я])"#),
        Pattern(#"(\d+(?:[.,]\d+)?)\s?(м|км|мин[а-я]*|метр[а-я]*)\.?\s+(?:пешком\s+)?до\s+(?:пляжа|моря)"#),
        Pattern(#"пляж\s+в\s+(\d+(?:[.,]\d+)?)\s?(м|км|мин[а-я]*|метр[а-я]*)(?![а-я])"#),
        Pattern(#"(?:ห่าง|ถึง|ไป)\s?(?:ชาย)?(?:หาด|ทะเล)[^\d\n]{0,12}(\d+(?:[.,]\d+)?)\s?(นาที|เมตร|ม\.|กม\.?|กิโล)"#),
    ]

    private static let byVehicle = Pattern(#"drive|driving|by\s+(?:car|taxi|bike|scooter)|на\s+(?:машине|авто|байке)|ขับรถ"#)

    static func isNearBeach(_ text: NSString) -> Bool {
        beachDistances.contains { pattern in
            pattern.matches(in: text).contains { match in
                guard let number = match.group(1, in: text).flatMap({ NumberParsing.parseNumber($0) }),
                      let unit = match.group(2, in: text)?.lowercased() else { return false }
                // "5 min drive to the beach", "beach 5 minutes by car", «10 минут на машине»: not a walk.
                let after = NSRange(location: match.range.location, length: min(match.range.length + 16, text.length - match.range.location))
                if byVehicle.firstMatch(in: text, range: after) != nil { return false }
                switch unit {
                case let unit where unit.hasPrefix("min") || unit.hasPrefix("мин") || unit == "นาที": return number <= 10
                case "km", "км", "กม", "กม.", "กิโล": return number <= 1
                default: return number <= 1_000  // metres
                }
            }
        }
    }

    /// The amenities `text` names only to deny them ("No pool", «без мебели»): a memo cannot add them.
    static func negated(in text: NSString) -> Set<String> {
        var denied = Set(amenities.filter { _, pattern in
            pattern.matches(in: text).contains { match in
                negationBefore.matchesRightBefore(match.range.location, in: text, limit: 24)
                    || negationAfter.match(in: text, startingAt: match.end, limit: 16) != nil
            }
        }.map(\.key))
        if unfurnished.contains(in: text) { denied.formUnion(["furnished", "fully_furnished"]) }
        // "ไม่มีสระ": Thai drops "ว่ายน้ำ" once the pool is denied.
        if noPoolThai.contains(in: text) { denied.insert("pool") }
        // "No pool" denies a private one too.
        for (implied, by) in impliedBy where denied.contains(implied) { denied.insert(by) }
        return denied
    }

    static func amenities(in text: NSString) -> [String] {
        var matched = amenities.filter { _, pattern in
            pattern.matches(in: text).contains { match in
                !negationBefore.matchesRightBefore(match.range.location, in: text, limit: 24)
                    && negationAfter.match(in: text, startingAt: match.end, limit: 16) == nil
            }
        }.map(\.key)
        if !matched.contains("near_beach") && !matched.contains("beachfront") && isNearBeach(text) {
            let order = amenities.map(\.key)
            matched.append("near_beach")
            matched.sort { order.firstIndex(of: $0)! < order.firstIndex(of: $1)! }
        }
        var found = matched.filter { key in !(impliedBy[key].map(matched.contains) ?? false) }
        if unfurnished.contains(in: text) {
            found.removeAll { $0 == "furnished" || $0 == "fully_furnished" }
            found.append("unfurnished")
        }
        return found
    }
}
