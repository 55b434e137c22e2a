import Foundation

/// The words a listing is built of, one table per kind, each entry in every language. The data
/// keeps its snake_case keys (`private_pool`, `living_room`); these are only what readers see.
public enum ListingVocabulary {
    /// The property type as a noun, lower case where the language writes it so mid-sentence.
    public static func propertyType(_ key: String) -> Wording {
        switch key {
        case "villa": Wording(en: "villa", th: "วิลล่า", ru: "вилла")
        case "condo": Wording(en: "condo", th: "คอนโด", ru: "квартира в кондоминиуме")
        case "house": Wording(en: "house", th: "บ้าน", ru: "дом")
        case "apartment": Wording(en: "apartment", th: "อพาร์ตเมนต์", ru: "апартаменты")
        case "townhouse": Wording(en: "townhouse", th: "ทาวน์เฮาส์", ru: "таунхаус")
        case "land": Wording(en: "land", th: "ที่ดิน", ru: "земельный участок")
        case "commercial": Wording(en: "commercial property", th: "อาคารพาณิชย์", ru: "коммерческая недвижимость")
        default: Wording(en: "property", th: "อสังหาริมทรัพย์", ru: "объект недвижимости")
        }
    }

    public static let studio = Wording(en: "studio", th: "สตูดิโอ", ru: "студия")

    /// "For rent" / "For sale" as a value of its own (key facts).
    public static func offer(_ type: ListingType) -> Wording {
        switch type {
        case .rent: Wording(en: "For rent", th: "ให้เช่า", ru: "Аренда")
        case .sale: Wording(en: "For sale", th: "ขาย", ru: "Продажа")
        }
    }

    public static let bedrooms = [
        ListingLanguage.en: CountedNoun(singular: "bedroom", plural: "bedrooms"),
        .th: CountedNoun(singular: "ห้องนอน", plural: "ห้องนอน"),
        .ru: CountedNoun(one: "спальня", few: "спальни", many: "спален"),
    ]

    public static let bathrooms = [
        ListingLanguage.en: CountedNoun(singular: "bathroom", plural: "bathrooms"),
        .th: CountedNoun(singular: "ห้องน้ำ", plural: "ห้องน้ำ"),
        .ru: CountedNoun(one: "санузел", few: "санузла", many: "санузлов"),
    ]

    /// "3 bedrooms", "3 ห้องนอน", "3 спальни".
    public static func count(_ value: Int, _ noun: [ListingLanguage: CountedNoun], in language: ListingLanguage) -> String {
        "\(NumberStyle.format(value, in: language)) \(noun[language]!.form(for: value, in: language))"
    }

    public static let squareMeters = Wording(en: "m²", th: "ตร.ม.", ru: "м²")

    public static func area(_ value: Double, in language: ListingLanguage) -> String {
        "\(NumberStyle.format(value, in: language)) \(squareMeters[language])"
    }

    /// "80,000 THB per month", "45,000 บาทต่อเดือน", "80 000 бат в месяц".
    public static func price(_ value: Double, currency: String, period: PricePeriod?, in language: ListingLanguage) -> String {
        let amount = NumberStyle.format(value, in: language)
        let unit = currencyName(currency, amount: value, in: language)
        let per = period.map { self.period($0)[language] }
        switch language {
        case .en: return "\(amount) \(unit)" + (per.map { " \($0)" } ?? "")
        case .th: return "\(amount) \(unit)" + (per ?? "")
        case .ru: return "\(amount) \(unit)" + (per.map { " \($0)" } ?? "")
        }
    }

    public static func period(_ period: PricePeriod) -> Wording {
        switch period {
        case .month: Wording(en: "per month", th: "ต่อเดือน", ru: "в месяц")
        case .year: Wording(en: "per year", th: "ต่อปี", ru: "в год")
        case .week: Wording(en: "per week", th: "ต่อสัปดาห์", ru: "в неделю")
        case .day: Wording(en: "per day", th: "ต่อวัน", ru: "в сутки")
        case .night: Wording(en: "per night", th: "ต่อคืน", ru: "за ночь")
        }
    }

    static func currencyName(_ code: String, amount: Double, in language: ListingLanguage) -> String {
        switch (code.uppercased(), language) {
        case ("THB", .th): return "บาท"
        case ("THB", .ru):
            guard amount == amount.rounded() else { return "бата" }
            return CountedNoun(one: "бат", few: "бата", many: "бат").form(for: Int(amount.truncatingRemainder(dividingBy: 1000)), in: .ru)
        case ("USD", .th): return "ดอลลาร์สหรัฐ"
        case ("USD", .ru): return "долл. США"
        case ("EUR", .th): return "ยูโร"
        case ("EUR", .ru): return "евро"
        case ("RUB", .th): return "รูเบิล"
        case ("RUB", .ru): return "руб."
        default: return code.uppercased()
        }
    }

    /// Every amenity key the tables know (the offline rules find exactly these).
    public static let amenityKeys = [
        "air_conditioning", "balcony", "beachfront", "elevator", "fully_furnished", "furnished", "unfurnished", "garden",
        "gym", "jacuzzi", "kitchen", "mountain_view", "near_beach", "parking", "pet_friendly", "pool", "private_pool",
        "sauna", "sea_view", "security", "terrace", "washing_machine", "wifi",
    ]

    /// Amenity keys (AmenityRules) as a buyer reads them; an unknown key shows as its words.
    public static func amenity(_ key: String) -> Wording {
        let words = key.replacingOccurrences(of: "_", with: " ")
        return switch key {
        case "air_conditioning": Wording(en: "air conditioning", th: "เครื่องปรับอากาศ", ru: "кондиционеры")
        case "balcony": Wording(en: "balcony", th: "ระเบียง", ru: "балкон")
        case "beachfront": Wording(en: "beachfront", th: "ติดชายหาด", ru: "первая линия у моря")
        case "elevator": Wording(en: "elevator", th: "ลิฟต์", ru: "лифт")
        case "fully_furnished": Wording(en: "fully furnished", th: "เฟอร์นิเจอร์ครบ", ru: "полная меблировка")
        case "furnished": Wording(en: "furnished", th: "มีเฟอร์นิเจอร์", ru: "с мебелью")
        case "unfurnished": Wording(en: "unfurnished", th: "ไม่มีเฟอร์นิเจอร์", ru: "без мебели")
        case "garden": Wording(en: "garden", th: "สวน", ru: "сад")
        case "gym": Wording(en: "gym", th: "ฟิตเนส", ru: "тренажёрный зал")
        case "jacuzzi": Wording(en: "jacuzzi", th: "จากุซซี่", ru: "джакузи")
        case "kitchen": Wording(en: "kitchen", th: "ห้องครัว", ru: "кухня")
        case "mountain_view": Wording(en: "mountain view", th: "วิวภูเขา", ru: "вид на горы")
        case "near_beach": Wording(en: "near the beach", th: "ใกล้ชายหาด", ru: "рядом с пляжем")
        case "parking": Wording(en: "parking", th: "ที่จอดรถ", ru: "парковка")
        case "pet_friendly": Wording(en: "pets allowed", th: "เลี้ยงสัตว์ได้", ru: "можно с животными")
        case "pool": Wording(en: "swimming pool", th: "สระว่ายน้ำ", ru: "бассейн")
        case "private_pool": Wording(en: "private pool", th: "สระว่ายน้ำส่วนตัว", ru: "собственный бассейн")
        case "sauna": Wording(en: "sauna", th: "ซาวน่า", ru: "сауна")
        case "sea_view": Wording(en: "sea view", th: "วิวทะเล", ru: "вид на море")
        case "security": Wording(en: "security", th: "ระบบรักษาความปลอดภัย", ru: "охрана")
        case "terrace": Wording(en: "terrace", th: "เทอร์เรซ", ru: "терраса")
        case "washing_machine": Wording(en: "washing machine", th: "เครื่องซักผ้า", ru: "стиральная машина")
        case "wifi": Wording(en: "Wi-Fi", th: "Wi-Fi", ru: "Wi-Fi")
        default: Wording(en: words, th: words, ru: words)
        }
    }

    /// The vision stage's room types (photo captions).
    public static func room(_ key: String) -> Wording {
        switch key {
        case "bedroom": Wording(en: "bedroom", th: "ห้องนอน", ru: "спальня")
        case "bathroom": Wording(en: "bathroom", th: "ห้องน้ำ", ru: "санузел")
        case "kitchen": Wording(en: "kitchen", th: "ห้องครัว", ru: "кухня")
        case "living_room": Wording(en: "living room", th: "ห้องนั่งเล่น", ru: "гостиная")
        case "dining_room": Wording(en: "dining room", th: "ห้องรับประทานอาหาร", ru: "столовая")
        case "exterior": Wording(en: "exterior", th: "ภายนอกอาคาร", ru: "вид снаружи")
        case "pool": Wording(en: "pool", th: "สระว่ายน้ำ", ru: "бассейн")
        case "garden": Wording(en: "garden", th: "สวน", ru: "сад")
        case "parking": Wording(en: "parking", th: "ที่จอดรถ", ru: "парковка")
        case "view": Wording(en: "view", th: "วิว", ru: "вид")
        default: Wording(en: "photo", th: "รูปภาพ", ru: "фото")
        }
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
