/// The listing's own words in Thai (property types, amenities, rooms, labels, prices), which
/// buyers read; `ListingWording` builds the sentences.
extension ThaiCatalog {
    public func propertyType(_ key: String) -> String {
        switch key {
        case "penthouse": "เพนท์เฮาส์"
        case "studio": "ห้องสตูดิโอ"
        case "duplex": "ห้องดูเพล็กซ์"
        case "shophouse": "ตึกแถว"
        case "bungalow": "บังกะโล"
        case "office": "สำนักงาน"
        case "warehouse": "โกดัง"
        case "villa": "วิลล่า"
        case "condo": "คอนโด"
        case "house": "บ้าน"
        case "apartment": "อพาร์ตเมนต์"
        case "townhouse": "ทาวน์เฮาส์"
        case "land": "ที่ดิน"
        case "commercial": "อาคารพาณิชย์"
        default: "อสังหาริมทรัพย์"
        }
    }

    public var studio: String { "สตูดิโอ" }

    public func offer(_ type: ListingType) -> String {
        switch type {
        case .rent: "ให้เช่า"
        case .sale: "ขาย"
        }
    }

    public func noun(_ thing: CountedThing) -> CountedNoun {
        switch thing {
        case .bedrooms: CountedNoun(singular: "ห้องนอน", plural: "ห้องนอน")
        case .bathrooms: CountedNoun(singular: "ห้องน้ำ", plural: "ห้องน้ำ")
        }
    }

    public var squareMetres: String { "ตร.ม." }

    public func period(_ period: PricePeriod) -> String {
        switch period {
        case .month: "ต่อเดือน"
        case .year: "ต่อปี"
        case .week: "ต่อสัปดาห์"
        case .day: "ต่อวัน"
        case .night: "ต่อคืน"
        }
    }

    public func currency(_ code: String, amount: Double) -> String {
        switch code.uppercased() {
        case "THB": "บาท"
        case "USD": "ดอลลาร์สหรัฐ"
        case "EUR": "ยูโร"
        case "RUB": "รูเบิล"
        case let other: other
        }
    }

    /// "45,000 บาทต่อเดือน": the period follows the currency without a space.
    public func price(amount: String, currency: String, period: String?) -> String {
        "\(amount) \(currency)" + (period ?? "")
    }

    public func amenity(_ key: String) -> String? {
        switch key {
        case "air_conditioning": "เครื่องปรับอากาศ"
        case "balcony": "ระเบียง"
        case "beachfront": "ติดชายหาด"
        case "elevator": "ลิฟต์"
        case "fully_furnished": "เฟอร์นิเจอร์ครบ"
        case "furnished": "มีเฟอร์นิเจอร์"
        case "unfurnished": "ไม่มีเฟอร์นิเจอร์"
        case "garden": "สวน"
        case "gym": "ฟิตเนส"
        case "jacuzzi": "จากุซซี่"
        case "kitchen": "ห้องครัว"
        case "mountain_view": "วิวภูเขา"
        case "near_beach": "ใกล้ชายหาด"
        case "parking": "ที่จอดรถ"
        case "pet_friendly": "เลี้ยงสัตว์ได้"
        case "pool": "สระว่ายน้ำ"
        case "private_pool": "สระว่ายน้ำส่วนตัว"
        case "sauna": "ซาวน่า"
        case "sea_view": "วิวทะเล"
        case "security": "ระบบรักษาความปลอดภัย"
        case "terrace": "เทอร์เรซ"
        case "washing_machine": "เครื่องซักผ้า"
        case "wifi": "Wi-Fi"
        default: nil
        }
    }

    public func room(_ key: String) -> String {
        switch key {
        case "bedroom": "ห้องนอน"
        case "bathroom": "ห้องน้ำ"
        case "kitchen": "ห้องครัว"
        case "living_room": "ห้องนั่งเล่น"
        case "dining_room": "ห้องรับประทานอาหาร"
        case "exterior": "ภายนอกอาคาร"
        case "pool": "สระว่ายน้ำ"
        case "garden": "สวน"
        case "parking": "ที่จอดรถ"
        case "view": "วิว"
        default: "รูปภาพ"
        }
    }

    public func label(_ label: ListingLabel) -> String {
        switch label {
        case .type: "ประเภท"
        case .offer: "ประเภทประกาศ"
        case .price: "ราคา"
        case .bedrooms: "ห้องนอน"
        case .bathrooms: "ห้องน้ำ"
        case .livingArea: "พื้นที่ใช้สอย"
        case .land: "ที่ดิน"
        case .location: "ทำเล"
        }
    }

    public func heading(_ heading: ListingHeading) -> String {
        switch heading {
        case .keyFacts: "ข้อมูลสำคัญ"
        case .amenities: "สิ่งอำนวยความสะดวก"
        case .photos: "รูปภาพ"
        }
    }
}
