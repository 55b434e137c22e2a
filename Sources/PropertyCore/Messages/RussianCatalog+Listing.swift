/// The listing's own words in Russian (property types, amenities, rooms, labels, prices), which
/// buyers read; `ListingWording` builds the sentences.
extension RussianCatalog {
    public func propertyType(_ key: String) -> String {
        switch key {
        case "penthouse": "пентхаус"
        case "studio": "студия"
        case "duplex": "дуплекс"
        case "shophouse": "шопхаус"
        case "bungalow": "бунгало"
        case "office": "офис"
        case "warehouse": "склад"
        case "villa": "вилла"
        case "condo": "квартира в кондоминиуме"
        case "house": "дом"
        case "apartment": "апартаменты"
        case "townhouse": "таунхаус"
        case "land": "земельный участок"
        case "commercial": "коммерческая недвижимость"
        default: "объект недвижимости"
        }
    }

    public var studio: String { "студия" }

    public func offer(_ type: ListingType) -> String {
        switch type {
        case .rent: "Аренда"
        case .sale: "Продажа"
        }
    }

    public func noun(_ thing: CountedThing) -> CountedNoun {
        switch thing {
        case .bedrooms: CountedNoun(one: "спальня", few: "спальни", many: "спален")
        case .bathrooms: CountedNoun(one: "санузел", few: "санузла", many: "санузлов")
        }
    }

    public var squareMetres: String { "м²" }

    public func period(_ period: PricePeriod) -> String {
        switch period {
        case .month: "в месяц"
        case .year: "в год"
        case .week: "в неделю"
        case .day: "в сутки"
        case .night: "за ночь"
        }
    }

    /// «80 000 бат», «22 бата», «1 бат»: the word agrees with the amount's last digits.
    public func currency(_ code: String, amount: Double) -> String {
        switch code.uppercased() {
        case "THB":
            guard amount == amount.rounded() else { return "бата" }
            return CountedNoun(one: "бат", few: "бата", many: "бат").form(for: Int(amount.truncatingRemainder(dividingBy: 1000)), in: .ru)
        case "USD": return "долл. США"
        case "EUR": return "евро"
        case "RUB": return "руб."
        case let other: return other
        }
    }

    public func price(amount: String, currency: String, period: String?) -> String {
        "\(amount) \(currency)" + (period.map { " \($0)" } ?? "")
    }

    public func amenity(_ key: String) -> String? {
        switch key {
        case "air_conditioning": "кондиционеры"
        case "balcony": "балкон"
        case "beachfront": "первая линия у моря"
        case "elevator": "лифт"
        case "fully_furnished": "полная меблировка"
        case "furnished": "с мебелью"
        case "unfurnished": "без мебели"
        case "garden": "сад"
        case "gym": "тренажёрный зал"
        case "jacuzzi": "джакузи"
        case "kitchen": "кухня"
        case "mountain_view": "вид на горы"
        case "near_beach": "рядом с пляжем"
        case "parking": "парковка"
        case "pet_friendly": "можно с животными"
        case "pool": "бассейн"
        case "private_pool": "собственный бассейн"
        case "sauna": "сауна"
        case "sea_view": "вид на море"
        case "security": "охрана"
        case "terrace": "терраса"
        case "washing_machine": "стиральная машина"
        case "wifi": "Wi-Fi"
        default: nil
        }
    }

    public func room(_ key: String) -> String {
        switch key {
        case "bedroom": "спальня"
        case "bathroom": "санузел"
        case "kitchen": "кухня"
        case "living_room": "гостиная"
        case "dining_room": "столовая"
        case "exterior": "вид снаружи"
        case "pool": "бассейн"
        case "garden": "сад"
        case "parking": "парковка"
        case "view": "вид"
        default: "фото"
        }
    }

    public func label(_ label: ListingLabel) -> String {
        switch label {
        case .type: "Тип"
        case .offer: "Сделка"
        case .price: "Цена"
        case .bedrooms: "Спальни"
        case .bathrooms: "Санузлы"
        case .livingArea: "Жилая площадь"
        case .land: "Участок"
        case .location: "Расположение"
        }
    }

    public func heading(_ heading: ListingHeading) -> String {
        switch heading {
        case .keyFacts: "Основные характеристики"
        case .amenities: "Удобства"
        case .photos: "Фотографии"
        }
    }
}
