import Foundation
@testable import PropertyCore
import Testing

/// The places of Thailand the offline reader knows, as agents write them in English, Thai and
/// Russian: each is read as "Area, Region", and ordinary words that look like a place are not.
@Suite struct LocationGazetteerTests {
    // MARK: Reading a place from a description

    static let examples: [(text: String, location: String)] = [
        // Provinces, and districts or islands marked as such whatever their name.
        ("Townhouse for rent, Nakhon Pathom, near the Chedi", "Nakhon Pathom"),
        ("ให้เช่าบ้านเดี่ยว อุบลราชธานี โซนในเมือง", "Ubon Ratchathani"),
        ("Аренда, Нонгкхай, набережная Меконга", "Nong Khai"),
        ("Durian orchard for sale – Chanthaburi, Tha Mai district", "Tha Mai, Chanthaburi"),
        ("Shophouse for sale in Lampang, Sop Tui area", "Sop Tui, Lampang"),
        ("ขายที่ดิน จันทบุรี อ.มะขาม", "มะขาม จันทบุรี"),
        ("ขายบ้าน หนองคาย ต.มีชัย อ.เมือง", "มีชัย หนองคาย"),
        ("Продаю дом, Лампанг, район Ханг Чат", "Ханг Чат, Лампанг"),
        ("Сдаю виллу, остров Ко Пхаям", "Ко Пхаям"),
        ("Beachfront bungalow on Koh Mak", "Koh Mak"),
        ("บังกะโลริมหาด เกาะหมาก ให้เช่า", "เกาะหมาก"),
        ("ให้เช่าบ้านไม้ จ.เลย", "Loei"),
        // Bangkok
        ("1 bed condo near BTS On Nut, 15k/month", "On Nut, Bangkok"),
        ("ให้เช่าคอนโด ลุมพินี วิลล์ อ่อนนุช ใกล้ BTS", "On Nut, Bangkok"),
        ("Сдаю кондо в Оннуте, 5 минут до BTS", "On Nut, Bangkok"),
        ("Studio in Phra Khanong, walk to the skytrain", "Phra Khanong, Bangkok"),
        ("Кондо в Пхра Кханонге, 2 спальни", "Phra Khanong, Bangkok"),
        ("Townhouse Ekkamai soi 10", "Ekkamai, Bangkok"),
        ("ขายคอนโด ห้วยขวาง ใกล้ MRT", "Huai Khwang, Bangkok"),
        ("Сдам студию в кондо, Бангкок (Рачада)", "Ratchada, Bangkok"),
        ("Condo for rent, Ladprao 71", "Lat Phrao, Bangkok"),
        ("Кондо на Лат Прао, 35 м²", "Lat Phrao, Bangkok"),
        ("บ้านเดี่ยว บางกะปิ 3 ห้องนอน", "Bang Kapi, Bangkok"),
        ("Detached house, Ramintra km 8", "Ramintra, Bangkok"),
        ("คอนโดใกล้สนามบินดอนเมือง", "Don Mueang, Bangkok"),
        ("2 bed condo, Chatuchak park view", "Chatuchak, Bangkok"),
        ("ให้เช่าคอนโด บางซื่อ ติด MRT", "Bang Sue, Bangkok"),
        ("Riverside condo on Charoen Nakhon Road", "Charoen Nakhon, Bangkok"),
        ("คอนโดริมแม่น้ำ คลองสาน วิวแม่น้ำเจ้าพระยา", "Khlong San, Bangkok"),
        ("Кондо на Рама 9, вид на город", "Rama 9, Bangkok"),
        ("Office space in Sathorn, 200 sqm", "Sathorn, Bangkok"),
        ("Квартира в районе Силом", "Silom, Bangkok"),
        ("Cosy 1 bed in Ari, near the BTS", "Ari, Bangkok"),
        ("คอนโด พญาไท ใกล้ Airport Link", "Phaya Thai, Bangkok"),
        ("Studio near Victory Monument", "Victory Monument, Bangkok"),
        ("Condo Udomsuk, 5 minutes to BTS", "Udom Suk, Bangkok"),
        ("1 bed condo at BTS Bearing", "Bearing, Bangkok"),
        ("บ้านเดี่ยว ศรีนครินทร์ 4 ห้องนอน", "Srinakarin, Bangkok"),
        ("Condo near MRT Lumphini, Rama 4", "Lumphini, Bangkok"),
        ("Luxury condo Ploenchit, 2 bedrooms", "Ploenchit, Bangkok"),
        ("คอนโดหรู ชิดลม 2 ห้องนอน", "Chidlom, Bangkok"),
        ("Кондо у станции Асок", "Asok, Bangkok"),
        ("Condo Phrom Phong, Sukhumvit 39", "Phrom Phong, Bangkok"),
        ("Кондо в Тонглоре, 2 спальни", "Thonglor, Bangkok"),
        ("Condo in Bang Rak, walk to Silom", "Bang Rak, Bangkok"),
        ("Сдам кондо рядом с Чайнатауном", "Yaowarat, Bangkok"),
        ("ทาวน์โฮม มีนบุรี ใกล้รถไฟฟ้าสายสีชมพู", "Min Buri, Bangkok"),
        ("คอนโด บางเขน ใกล้ ม.เกษตร", "Bang Khen, Bangkok"),
        ("House for sale, Bangna km 5", "Bang Na, Bangkok"),
        ("Квартира в Бангне, рядом Мега Бангна", "Bang Na, Bangkok"),
        // Around Bangkok
        ("บ้านเดี่ยว ปากเกร็ด นนทบุรี", "Pak Kret, Nonthaburi"),
        ("Townhouse in Bang Bua Thong, Nonthaburi", "Bang Bua Thong, Nonthaburi"),
        ("ขายบ้าน บางใหญ่ ใกล้เซ็นทรัลเวสต์เกต", "Bang Yai, Nonthaburi"),
        ("House near Muang Thong Thani, Impact Arena", "Muang Thong Thani, Nonthaburi"),
        ("คอนโด นนทบุรี ใกล้ MRT", "Nonthaburi"),
        ("บ้านเดี่ยว บางพลี สมุทรปราการ", "Bang Phli, Samut Prakan"),
        ("Дом в Бангпхли, недалеко от аэропорта", "Bang Phli, Samut Prakan"),
        ("คอนโด สำโรง ใกล้ BTS", "Samrong, Samut Prakan"),
        ("ขายทาวน์โฮม รังสิต คลอง 3", "Rangsit, Pathum Thani"),
        // Phuket
        ("Pool villa in Nai Yang, 5 minutes to the airport", "Nai Yang, Phuket"),
        ("Вилла в Най Янге, 3 спальни", "Nai Yang, Phuket"),
        ("Beach house Nai Thon", "Nai Thon, Phuket"),
        ("Sea view condo in Kalim, above Patong", "Kalim, Phuket"),
        ("Luxury villa, Ao Po Grand Marina", "Ao Po, Phuket"),
        ("บ้านเดี่ยว เกาะแก้ว ภูเก็ต", "Koh Kaew, Phuket"),
        ("House for rent in Wichit, close to Central", "Wichit, Phuket"),
        ("Shophouse in Phuket Old Town", "Phuket Town, Phuket"),
        ("Таунхаус в Пхукет-тауне", "Phuket Town, Phuket"),
        ("ให้เช่าบ้าน ตัวเมืองภูเก็ต", "Phuket Town, Phuket"),
        ("Villa near Layan beach", "Layan, Phuket"),
        ("Вилла на Лаяне, вид на море", "Layan, Phuket"),
        ("Villa in Choeng Thale, near Boat Avenue", "Cherngtalay, Phuket"),
        ("Вилла в Ченгталае", "Cherngtalay, Phuket"),
        ("Condo on Thep Krasattri Road, Thalang", "Thep Krasattri, Phuket"),
        ("Villa at Cape Yamu, sea view", "Cape Yamu, Phuket"),
        ("Кондо в Катху, рядом гольф-клуб", "Kathu, Phuket"),
        ("Kata Noi sea view condo", "Kata, Phuket"),
        // Pattaya and Chonburi
        ("Кондо на Пратамнаке, вид на море", "Pratumnak, Pattaya"),
        ("Кондо на Джомтьене, 1 спальня", "Jomtien, Pattaya"),
        ("Дом в На Джомтьен, 3 спальни", "Na Jomtien, Pattaya"),
        ("ขายคอนโด นาจอมเทียน ริมหาด", "Na Jomtien, Pattaya"),
        ("Pool villa Huay Yai, 800 sqm land", "Huai Yai, Pattaya"),
        ("Дом в Хуай Яй с бассейном", "Huai Yai, Pattaya"),
        ("ที่ดิน ต.หนองปรือ อ.บางละมุง", "Nong Prue, Pattaya"),
        ("House in East Pattaya near Siam Country Club", "East Pattaya, Pattaya"),
        ("Room for rent on Soi Buakhao", "Soi Buakhao, Pattaya"),
        ("Кондо в Вонгамате, первая линия", "Wongamat, Pattaya"),
        ("Beachfront condo in Bang Saray", "Bang Saray, Chonburi"),
        ("บ้านเดี่ยว สัตหีบ ชลบุรี", "Sattahip, Chonburi"),
        ("Condo in Sriracha, near J-Park", "Sri Racha, Chonburi"),
        ("คอนโด บางแสน ใกล้ ม.บูรพา", "Bang Saen, Chonburi"),
        // Koh Samui, Koh Phangan, Koh Tao
        ("Вилла в Маенаме, 200 м до пляжа", "Maenam, Koh Samui"),
        ("Villa in Maenam, Koh Samui", "Maenam, Koh Samui"),
        ("บ้านพัก หาดแม่น้ำ เกาะสมุย", "Maenam, Koh Samui"),
        ("Sea view villa in Choeng Mon", "Choeng Mon, Koh Samui"),
        ("Villa in Chaweng Noi, Koh Samui", "Chaweng Noi, Koh Samui"),
        ("Land in Lipa Noi, sunset views", "Lipa Noi, Koh Samui"),
        ("Villa Taling Ngam, Samui", "Taling Ngam, Koh Samui"),
        ("Villa 5 minutes to Bang Rak beach", "Bang Rak, Koh Samui"),
        ("House in Bang Rak, Koh Samui", "Bang Rak, Koh Samui"),
        ("Plai Laem villa, ocean view", "Plai Laem, Koh Samui"),
        ("Bungalow in Haad Rin, Koh Phangan", "Haad Rin, Koh Phangan"),
        ("Бунгало в Хаад Рин, Панган", "Haad Rin, Koh Phangan"),
        ("Дом в Шритану, 2 спальни", "Srithanu, Koh Phangan"),
        ("บ้านให้เช่า ท้องศาลา เกาะพะงัน", "Thong Sala, Koh Phangan"),
        ("Villa in Baan Tai, Phangan", "Baan Tai, Koh Phangan"),
        ("Вилла в Чалоклам, вид на залив", "Chaloklum, Koh Phangan"),
        ("Bungalow on Koh Tao, Sairee beach", "Sairee, Koh Tao"),
        ("Дом на Ко Тао", "Koh Tao"),
        // Hua Hin, Cha-am, Pranburi
        ("Pool villa in Khao Tao, Hua Hin", "Khao Tao, Hua Hin"),
        ("Вилла в Хин Лек Фай, Хуахин", "Hin Lek Fai, Hua Hin"),
        ("คอนโด เขาตะเกียบ หัวหิน", "Khao Takiab, Hua Hin"),
        ("Condo in Cha-am, beachfront", "Cha-am, Phetchaburi"),
        ("Villa in Pak Nam Pran", "Pak Nam Pran, Pranburi"),
        ("Beach house Pranburi", "Pranburi, Prachuap Khiri Khan"),
        // Chiang Mai
        ("Дом в Чиангмае (Сан Сай) на продажу", "San Sai, Chiang Mai"),
        ("Condo near Maya, Nimmanhaemin", "Nimman, Chiang Mai"),
        ("คอนโด สันติธรรม เชียงใหม่", "Santitham, Chiang Mai"),
        ("House in Hang Dong, mountain view", "Hang Dong, Chiang Mai"),
        ("Дом в Ханг Донге", "Hang Dong, Chiang Mai"),
        ("Villa in San Kamphaeng, hot springs nearby", "San Kamphaeng, Chiang Mai"),
        ("บ้านเดี่ยว อ.สารภี เชียงใหม่", "Saraphi, Chiang Mai"),
        ("Дом в Мэриме, вид на горы", "Mae Rim, Chiang Mai"),
        ("Townhouse Mae Hia, near the Royal Flora", "Mae Hia, Chiang Mai"),
        ("บ้าน ดอยสะเก็ด วิวดอย", "Doi Saket, Chiang Mai"),
        ("Condo Chang Phueak, north gate", "Chang Phueak, Chiang Mai"),
        ("House in Nong Hoi, Chiang Mai", "Nong Hoi, Chiang Mai"),
        // Krabi, Phang Nga, Satun
        ("Villa in Klong Muang, Krabi", "Klong Muang, Krabi"),
        ("Bungalow in Railay", "Railay, Krabi"),
        ("Участок на первой линии, Ко Ланта", "Koh Lanta, Krabi"),
        ("Bungalow in Saladan, Koh Lanta", "Saladan, Koh Lanta"),
        ("Вилла в Као Лаке, 5 минут до пляжа", "Khao Lak, Phang Nga"),
        ("Resort land Khao Lak", "Khao Lak, Phang Nga"),
        ("Бунгало на Ко Липе", "Koh Lipe, Satun"),
        ("รีสอร์ท เกาะหลีเป๊ะ สตูล", "Koh Lipe, Satun"),
        // The east
        ("Villa at Klong Prao, Koh Chang", "Klong Prao, Koh Chang"),
        ("ขายรีสอร์ท หาดไก่แบ้ เกาะช้าง", "Kai Bae, Koh Chang"),
        ("Bungalow at White Sand Beach, Koh Chang", "White Sand Beach, Koh Chang"),
        ("Вилла на Ко Чанге", "Koh Chang"),
        ("Condo in Ban Phe, ferry to Koh Samet", "Ban Phe, Rayong"),
        ("บ้านติดทะเล แม่รำพึง ระยอง", "Mae Ramphueng, Rayong"),
        ("Кондо в Районге", "Rayong"),
        // The centre, Isan, the south
        ("ขายบ้านเดี่ยว ขอนแก่น 2 ห้องนอน", "Khon Kaen"),
        ("House in Udon Thani, quiet moo baan", "Udon Thani"),
        ("Дом в Корате, 3 спальни", "Nakhon Ratchasima"),
        ("บ้านพักให้เช่า เขาใหญ่ วิวภูเขา", "Khao Yai, Nakhon Ratchasima"),
        ("Land in Pak Chong, near Khao Yai", "Pak Chong, Nakhon Ratchasima"),
        ("Condo in Hat Yai, Songkhla", "Hat Yai, Songkhla"),
        ("บ้านเดี่ยว พิษณุโลก", "Phitsanulok"),
        ("Factory land in Wang Noi, Ayutthaya", "Wang Noi, Ayutthaya"),
        ("River house in Kanchanaburi", "Kanchanaburi"),
        ("Дом в Чианграе", "Chiang Rai"),
        ("ให้เช่าบ้าน ตรัง", "Trang"),
        ("Land in Surat Thani", "Surat Thani"),
        // Towns and districts no hand-written entry holds, from the GeoNames table, in the agent's
        // spelling with the province: Latin, Cyrillic (with a case ending), spelled without the "h".
        ("Villa in Muak Lek, 2 hours from Bangkok", "Muak Lek, Saraburi"),
        ("House on Koh Si Chang, a short ferry from Sri Racha", "Koh Si Chang, Chonburi"),
        ("Land near Betong, Yala, rubber trees", "Betong, Yala"),
        ("Продаю дом в Сан Па Тонг, Чиангмай", "Сан Па Тонг, Чиангмай"),
        ("Таунхаус в Бетонге, 2 спальни", "Бетонг, Яла"),
        ("Condo Sampran, near the Rose Garden", "Sampran, Nakhon Pathom"),
        ("Chiang Mai, Mae Taeng: teak house by the river", "Mae Taeng, Chiang Mai"),
        // A place of the table in a spelling its pattern lacks is read by its sound, and named as the table names it.
        ("Вилла на Майкао, 3 спальни", "Mai Khao, Phuket"), ("Сдаю бунгало, Сритану", "Srithanu, Koh Phangan"),
        // A district in Thai or a marked island written before an area is the listing's place, the area a landmark.
        ("Koh Jum – wooden house for sale\nlongtail from Krabi or Lanta, about 45 min", "Koh Jum, Krabi"),
        ("ให้เช่าพูลวิลล่า แกลง ใกล้หาดแม่รำพึง", "แกลง ระยอง"),
        ("โกดังให้เช่า บางบ่อ สมุทรปราการ ถนนบางนา-ตราด", "บางบ่อ สมุทรปราการ"),
        // Phetchaburi province, not Bangkok's Phetchaburi Road.
        ("ขายบ้านเดี่ยว ในเมืองเพชรบุรี", "Phetchaburi"), ("Condo on New Phetchaburi Rd, Makkasan", "Makkasan, Bangkok"),
        ("ให้เช่าคอนโด ถนนเพชรบุรี ใกล้มักกะสัน", "Makkasan, Bangkok"),
    ]

    @Test(arguments: examples)
    func readsThePlace(_ example: (text: String, location: String)) {
        #expect(OfflineExtractor.extract(example.text).location == example.location, "\(example.text)")
    }

    // MARK: Words that look like places

    /// Ordinary words, brands and names that contain or resemble a place: none of them is read as
    /// one, and where the text names a real place that place is read instead.
    static let lookalikes: [(text: String, location: String?)] = [
        ("Living area 120 sqm, Pool area with sala", nil),  // "X area" that is no district
        ("ไม่ต้องรีบเลย ราคาดีมาก", nil),  // «เลย» the particle, not Loei
        ("Так что звоните", nil),  // «Так», not Tak
        ("Large living area, Arizona-style kitchen, 3 bedrooms", nil),  // "ari"
        ("Load-bearing walls only on the ground floor", nil),  // Bearing
        ("Bearing in mind the price, a bargain", nil),
        ("Strange layout but lay an offer", nil),  // Trang, Layan
        ("Atlanta-style diner next door", nil),  // Lanta
        ("Owner: Jonathon, speaks English", nil),  // Nathon
        ("Chang beer fridge included", nil),  // Koh Chang, Chang Phueak
        ("a lonely beach walk every morning", nil),  // Lonely Beach
        ("บ้านใต้ถุนสูง 3 ห้องนอน", nil),  // บ้านใต้ (Baan Tai)
        ("บ้านติดแม่น้ำ วิวสวย", nil),  // แม่น้ำ (Maenam) is a river
        ("ราคาหลักสี่ล้าน ต่อรองได้", nil),  // หลักสี่ (Lak Si)
        ("Дом без лишних трат на ремонт", nil),  // «трат» (Trat)
        ("Дождь не мочит террасу", nil),  // «мочит» (Mo Chit)
        ("Дом на продажу, ухоженный участок", nil),
        ("ให้เช่าคอนโด ลุมพินี พาร์ค พระราม 9", "Rama 9, Bangkok"),  // LPN's condo brand, not Lumphini
        ("Lumpini Ville Naklua, 1 bedroom", "Naklua, Pattaya"),
        ("คอนโด ใกล้ รพ.พญาไท ศรีราชา", "Sri Racha, Chonburi"),  // a hospital, not Phaya Thai
        ("Near Srinagarind Hospital, Khon Kaen", "Khon Kaen"),
        ("Villa in Phuket, view of the Big Buddha", "Phuket"),  // Phuket's Big Buddha is not Bang Rak
        ("Villa in Phuket, white sand beach 5 min", "Phuket"),  // not White Sand Beach, Koh Chang
        ("Кондо на Джомтьене", "Jomtien, Pattaya"),  // «на» is "in", not Na Jomtien
        ("Warehouse on Bangna-Trat road, km 23", "Bang Na, Bangkok"),
        ("Condo in Pattaya, 2 hours from Bangkok", "Pattaya"),
        // A town after a place of another province is a landmark; "Udon" of "Udon Thani" is the province.
        ("Сдаю дом, Кхонкэн, рядом с озером Бынг Кэн", "Khon Kaen"),
        ("Land for sale, Udon Thani – quiet road", "Udon Thani"),
        ("Condo on Pattaya Klang, near Betong Road", "Pattaya"),
    ]

    @Test(arguments: lookalikes)
    func doesNotMistakeWordsForPlaces(_ example: (text: String, location: String?)) {
        #expect(OfflineExtractor.extract(example.text).location == example.location, "\(example.text)")
    }

    // MARK: The table itself

    /// Names that read as their place only with context: a generic word, or a name two places share.
    static let needsContext: Set<String> = [
        "Laguna", "Лагуна",  // «Laguna Phuket»; a laguna is anywhere
        "Surin",  // «Surin Beach»; Surin is also a province
        "White Sand Beach", "หาดทรายขาว",  // every island has one: «… Koh Chang»
        "Bang Rak", "บางรัก", "Банграк",  // Bangkok's district; Samui's «Bang Rak beach», «Bang Rak, Koh Samui»
        "แม่น้ำ",  // Maenam: «แม่น้ำ» is a river; «หาดแม่น้ำ», «ต.แม่น้ำ» are the place
        "ปลายแหลม",  // Plai Laem: a cape's tip; «หาดปลายแหลม»
        "Кату",  // Kathu, and Kata's accusative («на Кату»): read as «Катху»
        "เพชรบุรี",  // Bangkok's Phetchaburi Road as often as the province: «จ.เพชรบุรี», «ในเมืองเพชรบุรี»
        "เลย", "ตาก", "แพร่", "Так",  // everyday words («at all», «to dry», «to spread», «so»): «จ.เลย», «провинция Так»
    ]

    static func written(_ place: (name: String, region: String?)) -> String {
        place.region.map { "\(place.name), \($0)" } ?? place.name
    }

    /// Each place's English, Thai and Russian names read back as that place.
    @Test func everyNameReadsAsItsPlace() {
        for place in LocationRules.gazetteer {
            for name in [place.name, place.thai, place.russian] where !Self.needsContext.contains(name) {
                #expect(LocationRules.location(in: ListingText(name)) == Self.written((place.name, place.region)), "\(name)")
            }
        }
    }

    /// Every "Area, Region" is written in each page's language and reads back from it.
    @Test func everyPlaceIsWrittenInEachLanguage() {
        let all = LocationRules.gazetteer
        let byName = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for place in all {
            let location = Self.written((place.name, place.region))
            let region = place.region.flatMap { byName[$0] }
            let thai = LocationRules.localized(location, in: .th)
            let russian = LocationRules.localized(location, in: .ru)
            #expect(thai == ([place.thai] + (region.map { [$0.thai] } ?? [])).joined(separator: " "), "\(location)")
            #expect(russian == ([place.russian] + (region.map { [$0.russian] } ?? [])).joined(separator: ", "), "\(location)")
            #expect(LocationRules.localized(location, in: .en) == location)
            // With its region after it a name has the context it needs, except the two below.
            if !Self.needsContext.contains(place.thai) {
                #expect(LocationRules.localized(thai, in: .en) == location, "\(thai)")
            }
            if !["Laguna", "Kathu", "Tak"].contains(place.name) {
                #expect(LocationRules.localized(russian, in: .en) == location, "\(russian)")
            }
        }
    }

    /// Each region an area names is a place of its own or a region-only entry, and no place is listed twice
    /// except Bang Rak, a district of Bangkok and a beach on Koh Samui.
    @Test func everyRegionIsKnown() {
        let all = LocationRules.gazetteer
        let names = Set(all.map(\.name))
        for place in all {
            if let region = place.region { #expect(names.contains(region), "\(place.name) → \(region)") }
        }
        let twice = Dictionary(grouping: all, by: \.name).filter { $0.value.count > 1 }.keys
        #expect(Array(twice) == ["Bang Rak"])
        #expect(all.count >= 200)
    }

    /// Every province the GeoNames table names is a region of the hand-written table (else a town
    /// would be read without its province); "" is Surin province, whose name is Phuket's beach there.
    @Test func everyGeoNamesProvinceIsARegion() {
        let regions = Set(LocationRules.gazetteer.filter { $0.region == nil }.map(\.name))
        let unknown = Set(LocationRules.geoNames.map(\.province)).subtracting(regions)
        #expect(unknown == [""], "provinces the table of areas lacks")
        #expect(LocationRules.geoNames.count >= 900)
    }

    /// Agents' spellings of one name share its skeleton.
    @Test func spellingsShareASkeleton() {
        for (one, other) in [("Phran", "Пхран"), ("Phran", "Pran"), ("Toei", "Тоей"), ("Mueang", "Мыанг"), ("Koh", "Ко"),
                             ("Mae", "Мэ"), ("Kood", "Куд"), ("Sri", "Шри"), ("Khlong", "Клонг"), ("Pattaya", "Патайя")] {
            #expect(LocationRules.skeleton(of: one) == LocationRules.skeleton(of: other), "\(one) / \(other)")
        }
    }
}
