import Foundation

/// Property type and rent/sale.
///
/// Both take the first word found: agents open with what they offer ("Pool villa for sale …")
/// and mention other types later in passing ("… house 240 sqm, land 600 sqm").
enum PropertyTypeRules {
    /// Words that name a type outright. The specific ones (penthouse, studio, duplex, shophouse,
    /// bungalow, office, warehouse) are kept as the agent wrote them; `PropertyKinds.group` gives
    /// their coarse group.
    private static let types: [(type: String, pattern: Pattern)] = [
        ("penthouse", Pattern(#"(?<![a-z])pent\s?houses?(?![a-z])|เพนท์เฮาส์|เพนท์เฮ้าส์|เพนต์เฮาส์|(?<![а-я])пентхаус[а-я]*"#)),
        ("studio", Pattern(#"(?<![a-z])studios?(?![a-z])|สตูดิโอ|(?<![а-я])студи(?:я|ю|и|ей)(?![а-я])"#)),
        ("duplex", Pattern(#"(?<![a-z])duplex(?:es)?(?![a-z])|ดูเพล็กซ์|(?<![а-я])(?:дуплекс[а-я]*|двухуровнев[а-я]*)"#)),
        ("shophouse", Pattern(#"(?<![a-z])shop[\s-]?houses?(?![a-z])|ตึกแถว|อาคารพาณิชย์|(?<![а-я])шопхаус[а-я]*"#)),
        ("bungalow", Pattern(#"(?<![a-z])bungalows?(?![a-z])|บังกะโล|บังกาโล|(?<![а-я])бунгало(?![а-я])"#)),
        ("warehouse", Pattern(#"(?<![a-z])warehouses?(?![a-z])|โกดัง|(?<![а-я])склад(?:ы|а|ом)?(?![а-я])"#)),
        ("office", Pattern(#"(?<![a-z])office\s+(?:space|unit|for\s+(?:rent|sale))(?![a-z])|(?<![а-я])офис(?:ное\s+помещение)?\s+(?:в\s+аренду|на\s+продажу)"#)),
        ("villa", Pattern(#"(?<![a-z])villas?(?![a-z])|วิลล่า|วิลลา|(?<![а-я])вилл[а-я]*"#)),
        ("condo", Pattern(#"(?<![a-z])condo(?:minium)?s?(?![a-z])|คอนโด|ห้องชุด|(?<![а-я])кондо"#)),
        ("apartment", Pattern(
            #"(?<![a-z])(?:apartments?|flat)(?![a-z])|อพาร์ทเมนท์|อพาร์ทเม้นท์|อพาร์ตเมนต์|(?<![а-я])(?:квартир|апартамент)[а-я]*"#)),
        ("townhouse", Pattern(
            #"(?<![a-z])town\s?(?:houses?|homes?)(?![a-z])|ทาวน์เฮาส์|ทาวน์เฮ้าส์|ทาวเฮาส์|ทาวน์โฮม|(?<![а-я])таунхаус[а-я]*"#)),
        ("house", Pattern(
            #"(?<![a-z])(?:houses?|detached)(?![a-z])|(?<!หมู่)บ้าน|(?<![а-я])(?:дом(?:а|е|ом|ик)?|коттедж[а-я]*)(?![а-я])"#)),
        ("land", Pattern(
            #"(?<![a-z])(?:land|plot)(?![a-z])|ที่ดิน|(?<![а-я])(?:участ(?:ок|ка)|земл[а-я]*|земельн[а-я]*)"#)),
        ("commercial", Pattern(
            #"(?<![a-z])(?:commercial(?!\s+(?:land|plot))|retail|factory)(?![a-z])|โรงงาน|(?<![а-я])коммерческ[а-я]*|(?<![а-я])помещени[а-я]*\s+под\s+(?:кафе|ресторан|бар|магазин|салон|бизнес|офис)|(?<![a-z])(?:bar|restaurant|caf[eé]|shop|retail)\s+space(?![a-z])|(?<![a-z])(?:resort|hotel|guest\s?house)s?(?![a-z])(?![\s-]*(?:style|like|pool|facilit))|รีสอร์ท|รีสอร์ต|โรงแรม|(?<![а-я])(?:отел|гостиниц)[а-я]*"#)),
    ]
    /// Words that suggest commercial use but also appear as neighbourhood colour ("near shops"),
    /// so they only count when no other type is named.
    private static let weakCommercial = Pattern(
        #"(?<![a-z])(?:offices?|shops?|stores?)(?![a-z])|สำนักงาน|ร้านค้า|(?<![а-я])(?:офис|магазин)[а-я]*"#)

    /// "office", «офис» alone (not "near offices"): an office, when nothing else is named.
    private static let weakOffice = Pattern(#"(?<![a-z])office(?![a-z])|สำนักงาน|ออฟฟิศ|(?<![а-я])офис(?![а-я])"#)

    private static let rentWords = Pattern(
        #"(?<![a-z])(?:for\s+rent|rent(?!al\s+(?:yield|income|guarantee|return))(?:al|ing)?|to\s+let|lease)(?![a-z])|ให้เช่า|เช่า|(?<![а-я])(?:аренд[а-я]*|сда(?:ет|ю|м|ют)[а-я]*|посуточно|снять)"#)
    private static let saleWords = Pattern(
        #"(?<![a-z])(?:for\s+sale|(?:re-?)?sale|selling|sell|freehold|leasehold|buyers?)(?![a-z])|ขาย|ผู้ซื้อ|(?<![а-я])(?:(?:пере)?прода(?:ж|ет|ю|м)[а-я]*|купить|покупател[а-я]*)"#)

    /// What only a unit in a condominium has: a foreign or Thai quota, a common or juristic fee, a
    /// sinking fund, a penthouse; or a unit or studio on a numbered floor.
    private static let condoContext = Pattern(anyOf: [
        #"(?:foreign(?:er)?|thai)\s+(?:freehold\s+)?quota|quota\s+unit|common(?:\s+area)?\s+fee|juristic|sinking\s+fund|penthouse"#,
        #"โควต้า(?:ต่างชาติ|ไทย)|ค่าส่วนกลาง|นิติบุคคล|เพนท์เฮาส์|เพนท์เฮ้าส์"#,
        #"(?:иностранн|тайск)[а-я]*\s+квот[а-я]*|пентхаус[а-я]*|(?<![а-я])юнит[а-я]*"#,
        #"(?<![a-z])(?:unit|studio)(?![a-z])[^.\n]{0,40}(?:\d+(?:st|nd|rd|th)\s+floor|floor\s+\d+)"#,
        #"(?:ห้อง|สตูดิโอ)[^\n]{0,30}ชั้น\s?\d+"#,
        #"(?<![а-я])студи[а-я]*[^.\n]{0,40}\d+\s?(?:-?м|-?й)?\s+этаж"#,
    ])

    /// - Parameter statesRooms: the text gives bedrooms or bathrooms. Then "land" only labels the
    ///   plot ("3 bed 2 bath, land 400 m²") and the listing is whatever building is named, if any.
    static func propertyType(in text: NSString, statesRooms: Bool) -> String? {
        let named = types.compactMap { type, pattern in
            pattern.firstMatch(in: text).map { (type, $0.range.location) }
        }.sorted { $0.1 < $1.1 }.map(\.0)
        // "An apartment in a condominium" is a condo unit.
        if named.first == "apartment" && named.contains("condo") { return "condo" }
        // "Studio condo", "condo, studio": the specific type, whichever came first.
        if named.first == "condo", let specific = named.first(where: { PropertyKinds.group(of: $0) == "condo" && $0 != "condo" }) {
            return specific
        }
        if let first = named.first(where: { !statesRooms || $0 != "land" }) { return first }
        if !named.isEmpty { return nil }
        if condoContext.contains(in: text) { return "condo" }
        if weakOffice.contains(in: text) { return "office" }
        return weakCommercial.contains(in: text) ? "commercial" : nil
    }

    /// Rent or sale from the words alone; nil when the text uses neither (the price may decide).
    static func listingType(in text: NSString) -> ListingType? {
        let rent = rentWords.firstMatch(in: text)?.range.location
        let sale = saleWords.firstMatch(in: text)?.range.location
        switch (rent, sale) {
        case let (rent?, sale?): return rent < sale ? .rent : .sale
        case (_?, nil): return .rent
        case (nil, _?): return .sale
        case (nil, nil): return nil
        }
    }

    /// No rent or sale word: a price per period is a rental; a large one-off price is a sale
    /// (nobody quotes a rental of half a million without saying per what).
    static func inferredListingType(from price: PriceRules.Result) -> ListingType? {
        guard let amount = price.price else { return nil }
        if price.hasPeriod { return .rent }
        // Judged in baht: €165,000 is a sale as surely as 6 million baht is.
        return amount * (bahtPerUnit[price.currency ?? "THB"] ?? 1) >= 500_000 ? .sale : nil
    }

    /// Rough baht per unit, only to tell a sale price from a rent by its size (never shown).
    private static let bahtPerUnit: [String: Double] = ["USD": 33, "EUR": 36, "GBP": 42, "CNY": 4.5, "RUB": 0.35]
}

/// The coarse group of a specific property type: what plausibility rules and site filters use.
public enum PropertyKinds {
    private static let groups = [
        "penthouse": "condo", "studio": "condo", "duplex": "condo", "shophouse": "commercial", "office": "commercial",
        "warehouse": "commercial", "bungalow": "house",
    ]

    /// "penthouse" → "condo"; a coarse type is its own group.
    public static func group(of type: String) -> String { groups[type] ?? type }
}
