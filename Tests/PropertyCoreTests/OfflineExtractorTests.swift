import Foundation
import PropertyCore
import Testing

/// One format per row: what the agent writes and what the extractor must read from it.
@Suite struct OfflineExtractorTests {
    // MARK: Price, currency, period

    typealias PriceCase = (text: String, price: Double?, currency: String?, period: PricePeriod?)
    static let priceFormats: [PriceCase] = [
        ("80,000 THB/month", 80_000, "THB", .month),
        ("80k/mo", 80_000, nil, .month),
        ("฿80,000", 80_000, "THB", nil),
        ("80000 บาท/เดือน", 80_000, "THB", .month),
        ("80000 บาทต่อเดือน", 80_000, "THB", .month),
        ("45 000 бат в месяц", 45_000, "THB", .month),
        ("10,2 млн бат", 10_200_000, "THB", nil),
        ("2.5M THB", 2_500_000, "THB", nil),
        ("$1,200", 1_200, "USD", nil),
        ("3 500 000 ₽", 3_500_000, "RUB", nil),
        ("4,5 млн руб.", 4_500_000, "RUB", nil),
        ("€1,450,000", 1_450_000, "EUR", nil),
        ("650 000 евро", 650_000, "EUR", nil),
        ("USD 2,950,000", 2_950_000, "USD", nil),
        ("3.5 ล้านบาท", 3_500_000, "THB", nil),
        ("ราคา 4.2 ล้าน", 4_200_000, nil, nil),
        ("5.9 MB", 5_900_000, "THB", nil),
        ("ราคา 7.25 ลบ.", 7_250_000, "THB", nil),
        ("฿15,000/night", 15_000, "THB", .night),
        ("480,000 THB per year", 480_000, "THB", .year),
        ("96,000 บาท ต่อปี", 96_000, "THB", .year),
        ("300 000 бат в год", 300_000, "THB", .year),
        ("14,000 THB per week", 14_000, "THB", .week),
        ("1,500 THB/day", 1_500, "THB", .day),
        ("20 000 бат за ночь", 20_000, "THB", .night),
        ("35 000 бат/сутки", 35_000, "THB", .day),
        ("คืนละ 12,000 บาท", 12_000, "THB", .night),
        ("ปีละ 96,000 บาท", 96_000, "THB", .year),
        ("6,500 THB monthly", 6_500, "THB", .month),
        ("38,000 THB p/m", 38_000, "THB", .month),
        ("Monthly rent 11,000 THB", 11_000, "THB", .month),
        ("60 тыс. бат в месяц", 60_000, "THB", .month),
        ("35k бат/мес.", 35_000, "THB", .month),
        ("6,500 บ./เดือน", 6_500, "THB", .month),
        ("25,000/เดือน", 25_000, nil, .month),
        ("for rent 12,000-15,000 THB/month", 12_000, "THB", .month),
        ("rent 25.000 THB per month", 25_000, "THB", .month),
        ("Villa for rent 150k THB/m", 150_000, "THB", .month),
        ("Studio for rent 8500THB month", 8_500, "THB", .month),
        ("ให้เช่า บ้าน เดือนละ 3 หมื่น", 30_000, nil, .month),
        ("ขายคอนโด 3.990 ล้าน", 3_990_000, nil, nil),
        ("Сдаю виллу, цена 4000$ в месяц", 4_000, "USD", .month),
        ("Вилла, цена 1.2 млн долларов", 1_200_000, "USD", nil),
        ("No price, ask the agent", nil, nil, nil),
        // Written in words.
        ("rent forty thousand baht a month", 40_000, "THB", .month),
        ("one and a half million baht", 1_500_000, "THB", nil),
        ("ขาย ล้านสอง", 1_200_000, nil, nil),
        ("ค่าเช่าเดือนละสองหมื่นแปด", 28_000, nil, .month),
        ("ราคา สองล้านห้าแสน บาท", 2_500_000, "THB", nil),
        ("ขายที่ดิน ราคาสิบล้าน", 10_000_000, nil, nil), ("ขาย ห้าสิบล้านบาท", 50_000_000, "THB", nil),
        ("всего два миллиона бат", 2_000_000, "THB", nil),
        ("тридцать тысяч бат в месяц", 30_000, "THB", .month),
        ("полтора миллиона рублей", 1_500_000, "RUB", nil),
        // A conversion after the asking price is not the asking price.
        ("Asking €420,000 (approx. 15.9M THB)", 420_000, "EUR", nil),
        ("Цена 95 000 $ (≈ 3,3 млн бат)", 95_000, "USD", nil),
        ("ราคา 150,000 USD (ประมาณ 5.2 ล้านบาท)", 150_000, "USD", nil),
        ("1,800 USD per month (~63,000 THB)", 1_800, "USD", .month),
        // Price on request: no price, whatever else costs money.
        ("Villa for sale, price on request. Common fee 3,000 THB/month", nil, nil, nil),
        ("ขายบ้าน ราคาสอบถาม รายได้ค่าเช่าเดือนละ 50,000 บาท", nil, nil, nil),
        ("Продаётся вилла, цена по запросу, депозит 100 000 бат", nil, nil, nil),
        // Read in blind-7's misses: Thai "ล." and ".-", Russian slang «лям», "€1.45m".
        ("ราคา 1.35 ล.", 1_350_000, nil, nil), ("5,500.-/ด. รวมค่าส่วนกลางแล้ว", 5_500, "THB", .month),
        ("хочу 3,2 ляма бат", 3_200_000, "THB", nil), ("selling at €1.45m (~ 53.5 MB)", 1_450_000, "EUR", nil),
        ("Rent fifteen grand a month incl. water", 15_000, nil, .month), ("Rent 15 grand/month", 15_000, nil, .month),
        ("twenty-five thousand a month", 25_000, nil, .month),
        ("ขายล้านครึ่ง ถ้วนๆ", 1_500_000, nil, nil), ("ขายสองล้านครึ่ง", 2_500_000, nil, nil),
        ("годовая аренда 120 000 бат (выходит 10к в месяц)", 120_000, "THB", .year),
        // "X-ละ" opens the next amount's period; an adverb before a number is that number's.
        ("คืนละ 1,500 บาท / อาทิตย์ละ 9,000 บาท", 1_500, "THB", .night),
        ("สัปดาห์ละ 9,000 บาท รายเดือน 28,000", 9_000, "THB", .week),
    ]

    @Test func keepsTheConversionAsASecondaryPrice() {
        let result = OfflineExtractor.extract("Asking €420,000 (approx. 15.9M THB)")
        #expect(result.approximatePrice == 15_900_000 && result.approximateCurrency == "THB")
    }

    @Test(arguments: priceFormats)
    func readsPriceFormats(_ example: PriceCase) {
        let result = OfflineExtractor.extract(example.text)
        #expect(result.price == example.price, "\(example.text)")
        #expect(result.currency == example.currency, "\(example.text)")
        #expect(result.pricePeriod == example.period, "\(example.text)")
    }

    /// Phones, years, dates, floors, areas, deposits and old prices are not the asking price.
    static let priceDistractors: [(text: String, price: Double?)] = [
        ("Call 081-234-5678. Rent 25,000 THB/month", 25_000),
        ("WhatsApp +66 81 555 1234 — 9,000 baht/month", 9_000),
        ("Звоните 8 (999) 123-45-67, цена 35 000 000 бат", 35_000_000),
        ("Built 2019. Price 4,500,000 THB", 4_500_000),
        ("3 bedrooms, 250 sqm, 12th floor, 80,000 THB/month", 80_000),
        ("25,000 THB/month, 2 months deposit", 25_000),
        ("Deposit 50,000 THB. Rent 25,000 THB/month", 25_000),
        ("Сдаётся дом, 70 000 бат в месяц. Депозит 140 000 бат.", 70_000),
        ("ค่าเช่า 13,500 บาท มัดจำ 2 เดือน", 13_500),
        ("Available from 01/12/2024, 30,000 baht per month", 30_000),
        ("Price reduced from 22M to 19.5M THB!", 19_500_000),
        ("ราคา 3,590,000 บาท (จากราคา 3,990,000 บาท)", 3_590_000),
        ("For rent 60,000 THB per month min 1 year, 6 months rental 70,000 THB per month", 60_000),
        ("Condo 2 bed, rent: THB 40,000/month, sale: THB 9.5M", 40_000),
        ("ขายที่ดิน 5 ไร่ ไร่ละ 2 ล้าน รวม 10 ล้านบาท", 10_000_000),
        ("Land 4 rai for sale, 5,000 baht/sq.wah", nil),
        ("Condo, rent 15,000 บาท/เดือน ค่าส่วนกลาง 1,500 บาท", 15_000),
        ("จาก 3.5 ล้าน ลดเหลือ 2.99 ล้านบาท", 2_990_000),
        ("Transfer fees 50/50. Price 3.2M THB", 3_200_000),
        ("Land 2 rai, 1.5M per rai, total 3M THB", 3_000_000),
        ("Office 210 sq.m., 650 THB/sq.m./month (136,500 THB/month total)", 136_500),
        ("Rental 65,000 per month; sale price 18.9 MB", 65_000),
        ("Вилла, продажа 18,5 млн бат. Также возможна аренда 95 000 бат/мес.", 18_500_000),
        ("Contact 0812345678 for the price. Viewing 9:00-18:00", nil),
        ("цена за кв. ва 38 000 бат, итого 20 900 000", 20_900_000),
        ("Цена €165 000 (≈ 6 млн бат)\nобслуживание 3 000 бат в месяц", 165_000),
        ("HOA approx 9,000 THB monthly", nil),
        ("owner selling 4,150,000 (~117k/sqm)", 4_150_000),
        // A text that prices in baht only: a rate with a period is in baht too, and the first wins.
        ("длительно 14 500 в мес., посуточно 900 бат", 14_500),
        ("900 THB per day (monthly 18,000 also possible)", 900),
    ]

    @Test(arguments: priceDistractors)
    func ignoresNumbersThatAreNotThePrice(_ example: (text: String, price: Double?)) {
        #expect(OfflineExtractor.extract(example.text).price == example.price, "\(example.text)")
    }

    // MARK: Listing type

    static let listingTypes: [(text: String, listing: ListingType?)] = [
        ("Villa for rent in Rawai", .rent),
        ("Holiday rental, 4 bedrooms", .rent),
        ("ให้เช่าคอนโด", .rent),
        ("บ้านเช่า ราไวย์", .rent),
        ("Аренда кондо", .rent),
        ("Сдаётся вилла", .rent),
        ("Вилла посуточно", .rent),
        ("Condo for sale", .sale),
        ("ขายบ้านเดี่ยว", .sale),
        ("Продажа земли", .sale),
        ("Продаётся квартира", .sale),
        ("Freehold villa, €1,450,000", .sale),
        ("Great rental yield 7%. Villa for sale", .sale),
        ("Condo Jomtien 30,000 THB/month", .rent),
        ("Земельный участок, 12 млн бат", .sale),
        ("House in Chalong, price on request", nil),
        ("Kata Beach sea view condo resale", .sale), ("Перепродажа квартиры в Паттайе", .sale),
        // A price in another currency is judged in baht: €165,000 is a sale.
        ("Пентхаус. Цена €165 000", .sale), ("Land, total 20 900 000", .sale),
        ("A grand villa in Rawai", nil),
    ]

    @Test(arguments: listingTypes)
    func readsRentOrSale(_ example: (text: String, listing: ListingType?)) {
        #expect(OfflineExtractor.extract(example.text).listingType == example.listing, "\(example.text)")
    }

    // MARK: Property type

    static let propertyTypes: [(text: String, type: String?)] = [
        ("Pool villa for rent", "villa"), ("ให้เช่าวิลล่า", "villa"), ("Продаю виллу", "villa"),
        ("Condo for rent", "condo"), ("ขายคอนโด", "condo"), ("Аренда кондо", "condo"),
        ("Apartment for rent", "apartment"), ("อพาร์ทเมนท์", "apartment"), ("двухкомнатная квартира", "apartment"),
        ("Апартаменты у моря", "apartment"),
        ("House for sale", "house"), ("ขายบ้านเดี่ยว", "house"), ("Сдаётся дом", "house"),
        ("บ้านพร้อมที่ดิน ขาย", "house"),
        ("Townhouse for rent", "townhouse"), ("ทาวน์เฮาส์ให้เช่า", "townhouse"), ("Таунхаус в аренду", "townhouse"),
        ("Land for sale", "land"), ("ขายที่ดิน", "land"), ("Продажа земли", "land"), ("Земельный участок", "land"),
        ("Commercial land on the main road", "land"),
        ("Shophouse for rent", "shophouse"), ("อาคารพาณิชย์ให้เช่า", "shophouse"),
        ("Коммерческое помещение", "commercial"), ("Продаётся магазин", "commercial"),
        ("Pool villa for sale. House 240 sqm, land 600 sqm", "villa"),
        ("3 bed 2 bath, land 400 m², 6.5M THB", nil),
        ("Land with a house, 2 bedrooms, 5 rai", "house"),
        ("ห้องว่าง ในหมู่บ้าน", nil),
        ("Nice place, call me", nil),
        // Specific types are kept as written (their group is a condo or commercial property).
        ("Penthouse condo for sale", "penthouse"), ("Studio condo, 28 sqm", "studio"), ("Condo studio for rent", "studio"),
        ("Duplex in The Base", "duplex"), ("ให้เช่าตึกแถว 3 ชั้น", "shophouse"), ("Bungalow near Kata", "bungalow"),
        ("Warehouse 600 sqm for rent", "warehouse"), ("Продаю пентхаус", "penthouse"),
        // A condo known only from what only a condo unit has.
        ("1BR unit for rent, 8th floor, common area fee included", "condo"),
        ("Studio for sale, foreign quota, 30 sqm", "studio"), ("Penthouse, 3 bed, 40th floor", "penthouse"),
        ("ขายห้อง 1 ห้องนอน ชั้น 12 ค่าส่วนกลาง 1,200 บาท", "condo"), ("Продаю юнит, иностранная квота", "condo"),
        ("Студия на 7 этаже", "studio"), ("Квартира в кондоминиуме", "condo"),
        ("Аренда помещения под кафе, Чианграй", "commercial"),
        ("Bar/restaurant space for lease", "commercial"),
        ("ขายรีสอร์ทเล็กๆ มีบังกะโล 8 หลัง", "commercial"), ("Condo with resort-style pool", "condo"),
    ]

    @Test(arguments: propertyTypes)
    func readsPropertyType(_ example: (text: String, type: String?)) {
        #expect(OfflineExtractor.extract(example.text).propertyType == example.type, "\(example.text)")
    }

    // MARK: Bedrooms, bathrooms, rooms

    static let roomCounts: [(text: String, bedrooms: Int?, bathrooms: Int?)] = [
        ("3BR", 3, nil), ("3 bed", 3, nil), ("2 bath", nil, 2), ("3br/2ba", 3, 2), ("4BR 4BA", 4, 4),
        ("3-bedroom, 4-bathroom villa", 3, 4), ("3 beds, 2 baths", 3, 2),
        ("Bedrooms: 4, Bathrooms: 3", 4, 3),
        ("three bedrooms and two bathrooms", 3, 2),
        ("3 ห้องนอน 2 ห้องน้ำ", 3, 2), ("ห้องนอน 3 ห้อง ห้องน้ำ 2 ห้อง", 3, 2), ("ห้องนอน 3 ห้องน้ำ 2", 3, 2),
        // A floor's number is not a room count; a storey count or an ordinal floor leaves the next number alone.
        ("ขนาด 28 ตร.ม. ชั้น 6 ห้องน้ำ 1", nil, 1), ("Floor 12, 2 bed 1 bath", 2, 1),
        ("ทาวน์โฮม 2 ชั้น 3 ห้องนอน 2 ห้องน้ำ", 3, 2), ("2nd floor 2 bedrooms 2 bathroms", 2, 2),
        ("Duplex ชั้น 30-31\nห้องนอน 2 ห้องน้ำ 3", 2, 3), ("3bd 3 toilets", 3, 3),
        ("2 ห้องนอน 2 ห้องน้ำ 65 ตร.ม.", 2, 2), ("3 นอน 2 น้ำ", 3, 2), ("สองห้องนอน หนึ่งห้องน้ำ", 2, 1),
        ("3 спальни, 2 санузла", 3, 2), ("1 спальня, 1 санузел", 1, 1), ("три спальни", 3, nil),
        ("Четыре спальни, два санузла", 4, 2), ("3 ванные комнаты", nil, 3), ("3 с/у", nil, 3),
        ("3 BR, 2 ванные", 3, 2), ("от 3 до 5 спален", 3, nil), ("2-4 bedrooms", 2, nil),
        ("с 4 спальнями и 3 ванными комнатами", 4, 3), ("Квартира с одной спальней", 1, nil),
        ("Дом с тремя спальнями", 3, nil), ("Вилла 5+1 спален", 5, nil),
        ("Studio for rent, 28 sqm", 0, nil), ("สตูดิโอ 28 ตร.ม.", 0, nil), ("квартира-студия", 0, nil),
        ("Studio plus 1 bedroom", 1, nil),
        ("sleeps 8, 5 min walk to the beach", nil, nil),
        // Numbered rooms are names, not counts: three numbered bedrooms are three.
        ("Bedroom 1: king bed, ensuite. Bedroom 2: queen bed. Bedroom 3: twin beds. Bathroom 1: bathtub. Bathroom 2: shower.", 3, 2),
        ("3 bedrooms. Bedroom 1 has a sea view; Bedroom 2 (kids) has bunk beds.", 3, nil),
        ("Спальня 1: king-size. Спальня 2: две кровати.", 2, nil),
        ("ห้องนอนที่ 1 มีห้องน้ำในตัว ห้องนอนที่ 2 วิวสระ", 2, nil),
        ("Bedroom: 1, Bathroom: 1", 1, 1),
        ("Bedroom 2: queen bed", nil, nil),
        ("3 bedroom 2-bathroom villa", 3, 2), ("Bedroom 1 - king bed, Bedroom 2 - twin beds", 2, nil),
        ("дом 2 этажа, 4 спальни, 3 туалета", 4, 3), ("1 этаж, 70 м², туалет 1", nil, 1),
        // A layout "2+1" is two bedrooms and a living room; a deposit's "2+1" months is not.
        ("планировка 2+1, 2 санузла", 2, 2), ("Апартаменты 1+1 для отдыха", 1, nil), ("deposit 2+1", nil, nil),
        ("ประกัน 2+1 เดือน", nil, nil),
        // WC and showers count as bathrooms, and one word may stand between a count and its room.
        ("1 bdrm + 1 outdoor shower/wc", 1, 1), ("3 BR / 3 WC", 3, 3), ("2 bedrooms, 1 shared bathroom", 2, 1),
        ("2 спальни / 2 душевых", 2, 2), ("2 master bedrooms", 2, nil),
        // One bathroom named without a number in a room, studio or one-bedroom place is one; an
        // en-suite in every room of a house is not a count.
        ("ห้องนอน 1 ห้องน้ำในตัว", 1, 1), ("ห้องแอร์ 28 ตร.ม. ห้องน้ำในตัว", nil, 1), ("1 bedroom, own bathroom", 1, 1),
        ("Студия 27 кв.м, санузел с душем", 0, 1), ("3 ห้องนอน ห้องน้ำในตัวทุกห้อง", 3, nil),
        ("ห้องพัก ห้องน้ำในตัวทุกห้อง", nil, nil), ("2 bedrooms, private bathroom", 2, nil),
    ]

    @Test(arguments: roomCounts)
    func readsBedroomsAndBathrooms(_ example: (text: String, bedrooms: Int?, bathrooms: Int?)) {
        let result = OfflineExtractor.extract(example.text)
        #expect(result.bedrooms == example.bedrooms, "\(example.text)")
        #expect(result.bathrooms == example.bathrooms, "\(example.text)")
    }

    /// «двухкомнатная» counts the living room: a room count, not bedrooms.
    static let russianRooms: [(text: String, rooms: Int?, bedrooms: Int?)] = [
        ("двухкомнатная квартира", 2, nil),
        ("2-комнатная квартира", 2, nil),
        ("2-х комнатная квартира", 2, nil),
        ("Продам 2-к квартиру", 2, nil),
        ("однокомнатная квартира", 1, nil),
        ("Трёхкомнатная квартира, 2 спальни", 3, 2),
        ("35к бат в месяц", nil, nil),
    ]

    @Test(arguments: russianRooms)
    func readsRussianRoomCountApartFromBedrooms(_ example: (text: String, rooms: Int?, bedrooms: Int?)) {
        let result = OfflineExtractor.extract(example.text)
        #expect(result.rooms == example.rooms, "\(example.text)")
        #expect(result.bedrooms == example.bedrooms, "\(example.text)")
    }

    // MARK: Area and land

    static let areas: [(text: String, area: Double?, land: Double?)] = [
        ("250 sqm", 250, nil), ("250sqm", 250, nil), ("78 sq.m", 78, nil), ("210 sq m", 210, nil),
        ("28 m2", 28, nil), ("45 m²", 45, nil), ("55 ตร.ม.", 55, nil), ("30 ตรม.", 30, nil),
        ("250 ตารางเมตร", 250, nil), ("200 кв.м", 200, nil), ("320 кв. м", 320, nil), ("140 кв м", 140, nil),
        ("30 м²", 30, nil), ("80 квадратных метров", 80, nil), ("1,000 sq ft", 92.903, nil),
        ("House, living area 180 m², land 400 m²", 180, 400),
        ("3 bed 2 bath, living area 180 m², land 400 m²", 180, 400),
        ("Villa, built area 620 sqm on 1,200 sqm land", 620, 1_200),
        ("Вилла, 280 м² жилой площади, участок 600 м²", 280, 600),
        ("บ้านเดี่ยว พื้นที่ใช้สอย 250 ตารางเมตร ที่ดิน 80 ตารางวา", 250, 320),
        ("House 300 sqm on 1 ไร่ 2 งาน", 300, 2_400),
        ("villa 200 sqm, land 2 ngan", 200, 800), ("villa, 25 sq wah", nil, 100), ("villa, 1 rai", nil, 1_600),
        ("villa, участок 2 рая 2 нгана", nil, 4_000),
        ("Дом 150 кв.м на участке 5 соток", 150, 500),
        ("Villa, 550 sqm living space on 1,600 sqm plot", 550, 1_600),
        // A land listing's plot is land, and a plot has no living area (issue #13).
        ("ขายที่ดิน 1 ไร่ 2 งาน", nil, 2_400),
        ("Land for sale, 3 rai 2 ngan 50 sq wah", nil, 5_800),
        ("Commercial land, 2-0-50 rai", nil, 3_400),
        ("Участок земли 400 кв.м", nil, 400),
        ("Продаётся земля, 2 нгана 50 ва", nil, 1_000),
        ("Kata beach 800m, 5 minutes", nil, nil),
        // Small amounts in words right before an area unit (issue 21's blind batches).
        ("บ้านให้เช่า พื้นที่ใช้สอยประมาณร้อยยี่สิบตารางเมตรค่ะ ที่ดินห้าสิบตารางวา", 120, 200),
        ("บ้านบนที่ดินร้อยตารางวา", nil, 400), ("House on a hundred square wah", nil, 400),
        ("a hundred and twenty square metres of living space", 120, nil), ("five rai of land", nil, 8_000),
        ("Дом, сто двадцать квадратов", 120, nil), ("участок пятнадцать соток", nil, 1_500),
        // Small number words elsewhere are not areas.
        ("ทาวน์โฮม เนื้อที่ 18 วา ใช้สอย 105 ม.²", 105, 72),
        ("Shophouse, floor area 264 sq m, land 18 sqw", 264, 72),
        ("two bedrooms, five minutes to the beach", nil, nil), ("пять метров до моря", nil, nil),
    ]

    @Test(arguments: areas)
    func readsAreaAndLand(_ example: (text: String, area: Double?, land: Double?)) {
        let result = OfflineExtractor.extract(example.text)
        #expect(roughly(result.areaSquareMeters, example.area), "\(example.text): \(String(describing: result.areaSquareMeters))")
        #expect(roughly(result.landSquareMeters, example.land), "\(example.text): \(String(describing: result.landSquareMeters))")
    }

    private func roughly(_ actual: Double?, _ expected: Double?) -> Bool {
        guard let actual, let expected else { return actual == nil && expected == nil }
        return abs(actual - expected) < 0.01
    }

    // MARK: Location

    static let locations: [(text: String, location: String?)] = [
        ("Villa in Rawai, Phuket", "Rawai, Phuket"),
        // Any of Thailand's districts named in Thai, with its province (from the district table
        // when the text names none); a district name that is an everyday word ("ท่าเรือ", a pier) is not one.
        ("ขายที่ดินเปล่า โพธาราม ราชบุรี", "โพธาราม ราชบุรี"), ("ให้เช่าโกดัง อรัญประเทศ ห่างตลาด", "อรัญประเทศ สระแก้ว"),
        ("บ้านเดี่ยว บางสะพานน้อย", "บางสะพานน้อย ประจวบคีรีขันธ์"), ("บ้านใกล้ท่าเรือ 3 นอน", nil),
        ("บ้านสวนมะพร้าว", nil),
        // A name the table does not know, written right before one it knows, is the smaller place;
        // a landmark ("near Maya") or a project ("The Base") is not.
        ("Land for sale – Pong, Bang Lamung", "Pong, Bang Lamung"), ("Кок Клой (Пханг Нга), 25 мин до аэропорта", "Кок Клой, Пханг Нга"),
        ("warehouse for rent Pak Phanang 🏭 Nakhon Si Thammarat", "Pak Phanang, Nakhon Si Thammarat"),
        ("The Base, Pattaya 1 bed condo", "Pattaya"), ("Villa, Rawai, 3 bed", "Rawai, Phuket"),
        ("ให้เช่าบ้าน ราไวย์ ภูเก็ต", "Rawai, Phuket"),
        ("Сдаётся вилла в Раваи", "Rawai, Phuket"),
        ("Beautiful villa in Phuket, 10 minutes to Kata", "Kata, Phuket"),
        ("Condo Thonglor", "Thonglor, Bangkok"), ("คอนโด ทองหล่อ", "Thonglor, Bangkok"),
        ("near BTS Asok", "Asok, Bangkok"), ("Сукхумвит", "Sukhumvit, Bangkok"), ("สีลม", "Silom, Bangkok"),
        ("condo in Bangkok", "Bangkok"),
        ("Jomtien beach", "Jomtien, Pattaya"), ("Джомтьен", "Jomtien, Pattaya"),
        ("вилла на Самуи (Чавенг)", "Chaweng, Koh Samui"), ("ละไม เกาะสมุย", "Lamai, Koh Samui"),
        ("นิมมาน เชียงใหม่", "Nimman, Chiang Mai"), ("в Чиангмае", "Chiang Mai"),
        ("Хуа Хин", "Hua Hin"), ("หัวหิน", "Hua Hin"),
        ("อ่าวนาง กระบี่", "Ao Nang, Krabi"), ("Ao Nang, Krabi", "Ao Nang, Krabi"),
        ("Bang Tao", "Bang Tao, Phuket"), ("บางเทา", "Bang Tao, Phuket"), ("Банг Тао", "Bang Tao, Phuket"),
        ("Nai Harn", "Nai Harn, Phuket"), ("Patong", "Patong, Phuket"), ("กะรน", "Karon, Phuket"),
        ("Pool villa in Layan, Phuket", "Layan, Phuket"),
        ("house in Laguna, quiet street", "Laguna"),
        ("3 bedrooms, pool", nil),
    ]

    @Test(arguments: locations)
    func readsLocationHints(_ example: (text: String, location: String?)) {
        #expect(OfflineExtractor.extract(example.text).location == example.location, "\(example.text)")
    }

    // MARK: Amenities

    static let amenities: [(text: String, expected: [String])] = [
        ("private pool", ["private_pool"]), ("สระว่ายน้ำส่วนตัว", ["private_pool"]), ("частный бассейн", ["private_pool"]),
        ("swimming pool", ["pool"]), ("สระว่ายน้ำ", ["pool"]), ("бассейн", ["pool"]),
        ("sea view", ["sea_view"]), ("วิวทะเล", ["sea_view"]), ("вид на море", ["sea_view"]),
        ("seaview terrace", ["sea_view", "terrace"]), ("Central air", ["air_conditioning"]),
        ("owner allows small pets", ["pet_friendly"]), ("บังกะโลริมหาด", ["beachfront"]),
        ("горы видно из окна", ["mountain_view"]), ("Не меблирован", ["unfurnished"]),
        // A negation on one line does not deny the next line's first amenity.
        ("цена 2.9M THB, без торга\nмебель полностью, бассейн", ["pool", "fully_furnished"]),
        ("мебели нет, кондиционеров нет\nпарковка под навесом", ["parking", "unfurnished"]),
        ("hill view", ["mountain_view"]), ("веранда", ["terrace"]), ("кондеи", ["air_conditioning"]),
        ("прямо на пляже", ["beachfront"]), ("видно море", ["sea_view"]), ("รวมเฟอร์", ["furnished"]),
        ("เลี้ยงน้องหมาน้องแมวได้", ["pet_friendly"]), ("เฟอร์นิเจอร์บิวท์อินครบ", ["fully_furnished"]),
        ("Вилла с бассейном", ["private_pool"]), ("тренажёрка", ["gym"]), ("кухонька", ["kitchen"]),
        ("near beach", ["near_beach"]), ("ใกล้ชายหาด", ["near_beach"]), ("рядом с пляжем", ["near_beach"]),
        ("fully furnished", ["fully_furnished"]), ("เฟอร์นิเจอร์ครบ", ["fully_furnished"]), ("furnished", ["furnished"]),
        ("unfurnished", ["unfurnished"]), ("без мебели", ["unfurnished"]),
        ("covered parking", ["parking"]), ("ที่จอดรถ", ["parking"]), ("парковка", ["parking"]),
        ("gym", ["gym"]), ("ฟิตเนส", ["gym"]), ("спортзал", ["gym"]),
        ("garden", ["garden"]), ("มีสวน", ["garden"]), ("сад", ["garden"]),
        ("air con", ["air_conditioning"]), ("แอร์", ["air_conditioning"]), ("кондиционер", ["air_conditioning"]),
        ("24h security", ["security"]), ("รปภ", ["security"]), ("охрана", ["security"]),
        ("wifi", ["wifi"]), ("balcony", ["balcony"]), ("ระเบียง", ["balcony"]), ("балкон", ["balcony"]),
        ("kitchen", ["kitchen"]), ("ห้องครัว", ["kitchen"]), ("кухня", ["kitchen"]),
        ("pets ok", ["pet_friendly"]), ("เลี้ยงสัตว์ได้", ["pet_friendly"]), ("можно с животными", ["pet_friendly"]),
        ("No pets allowed", []), ("ไม่เลี้ยงสัตว์", []),
        // Negation before and after, and the scope it ends at.
        ("no pool", []), ("not furnished", ["unfurnished"]), ("without parking", []), ("ไม่มีสระว่ายน้ำ", []), ("без бассейна", []),
        ("бассейна нет", []), ("Pool: none", []), ("no pool, garden", ["garden"]),
        ("ไม่มีเฟอร์นิเจอร์ มีที่จอดรถ", ["parking", "unfurnished"]), ("no gym but a garden", ["garden"]),
        ("security deposit 2 months", []),
        // A beach within ten minutes' walk or a kilometre is near; further, or by car, is not.
        ("5 min walk to Karon beach", ["near_beach"]), ("12 km to the beach", []), ("5 min drive to the beach", []), ("beach 5 minutes by car", []),
        ("beach 400 m", ["near_beach"]), ("до пляжа 6 км", []), ("300 м до пляжа", ["near_beach"]),
        ("เดินถึงหาด 5 นาที", ["near_beach"]), ("ห่างทะเล 10 กม.", []),
        ("вид на море и горы", ["sea_view", "mountain_view"]), ("วิวเขา", ["mountain_view"]),
        ("Doi Chiang Dao view from the deck", ["mountain_view", "terrace"]), ("pool deck", ["pool"]),
        ("balcony faces the sea", ["sea_view", "balcony"]), ("4 кондея", ["air_conditioning"]), ("2 AC units", ["air_conditioning"]),
        ("private plunge pool on the roof", ["private_pool"]), ("key money 1.2M (furniture, kitchen, licence incl.)", ["furnished", "kitchen"]),
        ("ตกแต่งพร้อมอยู่", ["furnished"]), ("свой садик", ["garden"]), ("HVAC maintenance", []),
        ("Fully furnshed, balcony", ["fully_furnished", "balcony"]), ("เฟอนิเจอร์ครบ", ["fully_furnished"]),
        ("มีสนามหญ้ากว้าง", ["garden"]), ("ระเบียงเห็นทะเล", ["sea_view", "balcony"]), ("вид на залив", ["sea_view"]),
        ("вид на Дой Сутхеп", ["mountain_view"]), ("Хозяин разрешает кошек", ["pet_friendly"]),
        ("150 metres down to the beach", ["near_beach"]),
        ("มีเทอเรซไม้ใหญ่", ["terrace"]),
        ("private infinity pool", ["private_pool"]), ("свой маленький бассейн", ["private_pool"]), ("бассейн свой", ["private_pool"]),
        ("ส่วนกลาง: สระ ฟิตเนส ซาวน่า", ["pool", "gym", "sauna"]), ("บ้านใกล้สระน้ำ สระบุรี", []),
        ("house with a big yard", ["garden"]), ("warehouse on 1 rai yard", []), ("pets are welcome", ["pet_friendly"]),
        ("животные — можно", ["pet_friendly"]),
        ("маленькая вилла с бассейном общим на три домика", ["pool"]), ("มีสระ ฟิตเนส ซาวน่า", ["pool", "gym", "sauna"]),
        ("ระเบียงหันหน้าทะเล", ["sea_view", "balcony"]), ("วิวแม่น้ำโขงและภูเขาฝั่งลาว", ["mountain_view"]),
        ("mountain and jungle view", ["mountain_view"]), ("owner allows one cat or small dog", ["pet_friendly"]),
        ("балкон с видом на закат над морем", ["sea_view", "balcony"]), ("до пляжа пешком 3 минуты", ["near_beach"]),
        ("สัตว์เลี้ยงตัวเล็กได้ค่ะ", ["pet_friendly"]), ("เลี้ยงสัตว์ไม่ได้นะคะ", []), ("เหมาะทำสวน หรือเลี้ยงปลา", []),
    ]

    @Test(arguments: amenities)
    func readsAmenities(_ example: (text: String, expected: [String])) {
        #expect(OfflineExtractor.extract(example.text).amenities == example.expected, "\(example.text)")
    }

    // MARK: Languages

    static let languages: [(text: String, languages: [String])] = [
        ("Villa for rent in Rawai", ["en"]),
        ("ให้เช่าบ้าน", ["th"]),
        ("Сдаётся вилла", ["ru"]),
        ("Beautiful villa with pool สระว่ายน้ำส่วนตัว", ["en", "th"]),
        ("ให้เช่า condo for rent ใกล้ BTS", ["th", "en"]),
        ("Дом в аренду, 3 BR, 35k THB", ["ru"]),
        ("🏠 บ้านเช่า Line: rawaihome", ["th"]),
        ("Villa for rent, 95,000 ฿ / month", ["en"]),
        ("Villa for sale. Продаётся вилла. ขายวิลล่า", ["en", "ru", "th"]),
    ]

    @Test(arguments: languages)
    func detectsLanguagesInOrder(_ example: (text: String, languages: [String])) {
        #expect(OfflineExtractor.extract(example.text).languages == example.languages, "\(example.text)")
    }

    // MARK: Whole extraction

    /// The original service's request example, minus the context it was sent with.
    @Test func readsTheSeedExample() {
        let result = OfflineExtractor.extract(
            "Beautiful 3 bedroom villa in Phuket with private pool. 250 sqm, fully furnished. Near beach. "
                + "80,000 THB/month. สระว่ายน้ำส่วนตัว ใกล้ชายหาด")
        #expect(result.propertyType == "villa")
        #expect(result.listingType == .rent)
        #expect(result.bedrooms == 3)
        #expect(result.bathrooms == nil)
        #expect(result.areaSquareMeters == 250)
        #expect(result.price == 80_000)
        #expect(result.currency == "THB")
        #expect(result.pricePeriod == .month)
        #expect(result.location == "Phuket")
        #expect(result.amenities == ["private_pool", "near_beach", "fully_furnished"])
        #expect(result.languages == ["en", "th"])
        #expect(result.confidence > 0.6 && result.confidence <= 1)
    }

    @Test func listsEveryNumberWrittenButNotPhonesOrDates() {
        let result = OfflineExtractor.extract(
            "3 спальни, три ванные, 80k/mo, 250 sqm, 10,2 млн бат, call 081-234-5678, from 01/12/2024")
        #expect(result.numbersMentioned == [3, 80_000, 250, 10_200_000])
        #expect(OfflineExtractor.extract("สามห้องนอน").numbersMentioned == [3])
    }

    /// A model that converts land units or reads "studio" as 0 bedrooms did not invent a number.
    @Test func listsTheValuesTheRulesDerive() {
        #expect(OfflineExtractor.extract("ขายที่ดิน 1 ไร่ 2 งาน").numbersMentioned == [1, 2, 2_400])
        #expect(OfflineExtractor.extract("Studio 28 sqm").numbersMentioned == [28, 0])
        #expect(OfflineExtractor.extract("Villa 1,000 sq ft").numbersMentioned.contains { abs($0 - 92.903) < 0.01 })
    }

    @Test func confidenceGrowsWithWhatIsFound() {
        let empty = OfflineExtractor.extract("")
        let sparse = OfflineExtractor.extract("Nice villa")
        let full = OfflineExtractor.extract("Villa for rent in Rawai, 3BR/2BA, 200 sqm, 90,000 THB/month")
        #expect(empty.confidence == 0)
        #expect(empty == OfflineExtraction())
        #expect(sparse.confidence > 0 && sparse.confidence < full.confidence)
        #expect(full.confidence <= 1)
    }

    /// Descriptions reach 10,000 characters: a long, repetitive, mixed-script text must still give
    /// an answer (its speed is a benchmark number in docs/BENCHMARKS.md, not a test).
    @Test func handlesLongTexts() {
        let paragraph = "Сдаётся вилла в Раваи, 3 спальни, 2 санузла, 200 кв.м, бассейн, 90 000 бат в месяц. "
            + "ให้เช่าคอนโด 2 ห้องนอน 65 ตร.ม. 35,000 บาท/เดือน โทร 081-234-5678. "
            + "Pool villa 4BR 350 sqm, €1,450,000, near beach, built 2019. "
        let text = String(repeating: paragraph, count: 10_000 / paragraph.count + 1)
        #expect(text.count >= 10_000)
        let found = OfflineExtractor.extract(text)
        #expect(found.propertyType != nil)
        #expect(found.bedrooms != nil)
        #expect(found.languages.count == 3)
    }
}
