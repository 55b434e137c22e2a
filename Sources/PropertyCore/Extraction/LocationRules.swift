import Foundation

/// Location hints: known areas of Thailand in Latin, Thai and Cyrillic spelling, returned in
/// English as "Area, Region" ("Rawai, Phuket"); otherwise an English "in X" / "near X".
enum LocationRules {
    struct Place {
        let name: String
        /// The name on Thai and Russian pages, as the buyer reading them writes it.
        let thai: String
        let russian: String
        /// The region shown after the area; nil for a region itself.
        let region: String?
        let pattern: Pattern
        /// Any spelling, or the name itself in any language ("Laguna" alone, «เพชรบุรี» without its
        /// จ.), with no word boundaries: `localized` checks that places and separators make up the
        /// whole location.
        let anySpelling: Pattern

        init(_ name: String, th thai: String, ru russian: String, in region: String? = nil, _ spellings: String) {
            self.name = name
            self.thai = thai
            self.russian = russian
            self.region = region
            pattern = Pattern(spellings)
            anySpelling = Pattern([name, thai, russian].map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|") + "|" + spellings)
        }

        func name(in language: ListingLanguage) -> String {
            switch language {
            case .en: name
            case .th: thai
            case .ru: russian
            }
        }
    }

    /// Each region first, then its areas. `location(in:)` takes the first area in the text, and of
    /// two names that start at the same place the longer ("Chaweng Noi" over "Chaweng"), so the
    /// order only settles names as long as each other that start together. A short Latin or
    /// Cyrillic name that could be part of another word is bounded (`(?<![a-z])…(?![a-z])`); a
    /// Thai name that is also an ordinary word («แม่น้ำ», a river) is read only with what makes it
    /// a place («หาดแม่น้ำ», «ต.แม่น้ำ»).
    private static let places: [Place] = [
        // MARK: Phuket
        Place("Phuket", th: "ภูเก็ต", ru: "Пхукет", #"phuket|ภูเก็ต|пхукет[а-я]*"#),
        Place("Rawai", th: "ราไวย์", ru: "Раваи", in: "Phuket", #"rawai|ราไวย์|раваи|равай"#),
        Place("Nai Harn", th: "ในหาน", ru: "Найхарн", in: "Phuket", #"nai\s?ha(?:r)?n|ในหาน|най\s?харн[а-я]*"#),
        Place("Kata", th: "กะตะ", ru: "Ката", in: "Phuket", #"(?<![a-z])kata(?![a-z])|กะตะ|(?<![а-я])кат[аеу](?![а-я])"#),
        Place("Karon", th: "กะรน", ru: "Карон", in: "Phuket", #"karon|กะรน|карон[а-я]*"#),
        Place("Patong", th: "ป่าตอง", ru: "Патонг", in: "Phuket", #"patong|ป่าตอง|патонг[а-я]*"#),
        Place("Kalim", th: "กะหลิม", ru: "Калим", in: "Phuket", #"(?<![a-z])kalim(?![a-z])|กะหลิม|(?<![а-я])калим[аеу]?(?![а-я])"#),
        Place("Kamala", th: "กมลา", ru: "Камала", in: "Phuket", #"kamala|กมลา|камал[аеуы]"#),
        Place("Bang Tao", th: "บางเทา", ru: "Банг Тао", in: "Phuket", #"bang\s?tao|บางเทา|банг\s?тао"#),
        Place("Cherngtalay", th: "เชิงทะเล", ru: "Чернгталай", in: "Phuket",
              #"ch(?:oe|eu|e)r?ng\s?th?al(?:ay|e)(?![a-z])|เชิงทะเล|чер?нг?\s?тала[а-я]*|чоэ?нг\s?т(?:х)?але"#),
        Place("Chalong", th: "ฉลอง", ru: "Чалонг", in: "Phuket", #"chalong|ฉลอง|чалонг[а-я]*"#),
        Place("Kathu", th: "กะทู้", ru: "Кату", in: "Phuket", #"kathu|กะทู้|катху"#),
        Place("Layan", th: "ลายัน", ru: "Лайян", in: "Phuket",
              #"(?<![a-z])layan(?![a-z])|ลายัน|(?<![а-я])ла(?:йя|йа|я)н[аеу]?(?![а-я])"#),
        Place("Surin", th: "หาดสุรินทร์", ru: "Сурин", in: "Phuket", #"surin\s+beach|หาดสุรินทร์|сурин"#),
        Place("Thalang", th: "ถลาง", ru: "Таланг", in: "Phuket", #"thalang|ถลาง|таланг"#),
        Place("Mai Khao", th: "ไม้ขาว", ru: "Май Кхао", in: "Phuket", #"mai\s?khao|ไม้ขาว|май\s?кхао"#),
        Place("Nai Yang", th: "ในยาง", ru: "Най Янг", in: "Phuket", #"nai\s?yang|ในยาง(?!พารา)|най\s?янг[а-я]*"#),
        Place("Nai Thon", th: "ในทอน", ru: "Най Тон", in: "Phuket", #"nai\s?thon|ในทอน|най\s?т(?:х)?он[аеу]?(?![а-я])"#),
        Place("Pa Khlok", th: "ป่าคลอก", ru: "Па Клок", in: "Phuket", #"(?<![a-z])pa\s?kh?lok|ป่าคลอก|(?<![а-я])па\s?к(?:х)?лок"#),
        Place("Ao Po", th: "อ่าวปอ", ru: "Ао По", in: "Phuket", #"(?<![a-z])ao\s?po(?![a-z])|อ่าวปอ|(?<![а-я])ао\s?по(?![а-я])"#),
        Place("Srisoonthorn", th: "ศรีสุนทร", ru: "Сисунтон", in: "Phuket",
              #"s(?:r)?i\s?s(?:oo|u)nth?or?n|ศรีสุนทร|(?:шри|си)\s?сунт(?:х)?о(?:р)?н"#),
        Place("Pasak", th: "ป่าสัก", ru: "Пасак", in: "Phuket", #"(?<![a-z])pa\s?sak(?![a-z])|(?<!แม่น้ำ)ป่าสัก(?!ชลสิทธิ์)|(?<![а-я])пасак[а-я]*"#),
        Place("Thep Krasattri", th: "เทพกระษัตรี", ru: "Тхеп Красаттри", in: "Phuket",
              #"thep\s?kra(?:s|t)at+h?ri|เทพกระษัตรี|т(?:х)?еп\s?красат+ри"#),
        Place("Koh Kaew", th: "เกาะแก้ว", ru: "Ко Кео", in: "Phuket", #"(?<![a-z])koh?\s?kaew|เกาะแก้ว|(?<![а-я])кох?\s?к(?:э|ае|е)(?:у|о)(?![а-я])"#),
        Place("Bang Jo", th: "บางโจ", ru: "Банг Джо", in: "Phuket", #"bang\s?jo(?![a-z])|บางโจ|банг\s?джо"#),
        Place("Koh Sirey", th: "เกาะสิเหร่", ru: "Ко Сирей", in: "Phuket", #"(?<![a-z])koh?\s?sir(?:e|a)y|เกาะสิเหร่|(?<![а-я])ко\s?сире[йя]"#),
        Place("Wichit", th: "วิชิต", ru: "Вичит", in: "Phuket", #"(?<![a-z])wichit(?![a-z])|(?<!คุณ)(?<!นาย)วิชิต|(?<![а-я])вичит[а-я]*"#),
        Place("Phuket Town", th: "ตัวเมืองภูเก็ต", ru: "Пхукет-Таун", in: "Phuket",
              #"phuket\s+(?:old\s+)?town|phuket\s+city(?!\s+airport)|old\s+phuket|(?:ตัว|ใน)เมืองภูเก็ต|เมืองเก่าภูเก็ต|пхукет[\s-]?таун[а-я]*|город[а-я]*\s+пхукет[а-я]*"#),
        Place("Ao Makham", th: "อ่าวมะขาม", ru: "Ао Макхам", in: "Phuket", #"ao\s?makh?am|อ่าวมะขาม|ао\s?мак(?:х)?ам"#),
        Place("Cape Panwa", th: "แหลมพันวา", ru: "мыс Панва", in: "Phuket", #"panwa|(?:แหลม)?พันวา|(?:мыс[а-я]*\s+)?панва"#),
        Place("Cape Yamu", th: "แหลมยามู", ru: "мыс Яму", in: "Phuket", #"(?<![a-z])(?:cape\s+)?yamu(?![a-z])|แหลมยามู|мыс[а-я]*\s+яму"#),
        Place("Laguna", th: "ลากูน่า", ru: "Лагуна", in: "Phuket", #"laguna\s+phuket|ลากูน่า|лагун[аеы]\s+пхукет"#),

        // MARK: Bangkok
        Place("Bangkok", th: "กรุงเทพฯ", ru: "Бангкок", #"bangkok|กรุงเทพ(?:ฯ|มหานคร)?|กทม\.?|бангкок[а-я]*"#),
        Place("Sukhumvit", th: "สุขุมวิท", ru: "Сукхумвит", in: "Bangkok", #"sukhumvit|สุขุมวิท|сукхумвит[а-я]*"#),
        Place("Asok", th: "อโศก", ru: "Асок", in: "Bangkok", #"(?<![a-z])asoke?(?![a-z])|อโศก|(?<![а-я])асок[а-я]*"#),
        Place("Phrom Phong", th: "พร้อมพงษ์", ru: "Пхромпхонг", in: "Bangkok", #"phrom\s?phong|พร้อมพงษ์|п(?:х)?ром\s?п(?:х)?онг[а-я]*"#),
        Place("Thonglor", th: "ทองหล่อ", ru: "Тонглор", in: "Bangkok", #"thong\s?lor?(?![a-z])|ทองหล่อ|тонг\s?лор[а-я]*"#),
        Place("Ekkamai", th: "เอกมัย", ru: "Эккамай", in: "Bangkok", #"ekkamai|เอกมัย|эккама[йея]"#),
        Place("Phra Khanong", th: "พระโขนง", ru: "Пхра Кханонг", in: "Bangkok",
              #"ph?ra\s?kh?anong|พระโขนง|п(?:х)?ра\s?к(?:х)?анонг[а-я]*"#),
        Place("On Nut", th: "อ่อนนุช", ru: "Оннут", in: "Bangkok", #"(?<![a-z])on\s?nut(?![a-z])|อ่อนนุช|(?<![а-я])он\s?нут(?:[аеу]|ом)?(?![а-я])"#),
        Place("Udom Suk", th: "อุดมสุข", ru: "Удомсук", in: "Bangkok", #"udom\s?s[uo]k|อุดมสุข|удом\s?сук[а-я]*"#),
        Place("Bearing", th: "แบริ่ง", ru: "Беринг", in: "Bangkok",
              #"(?<![A-Za-z-])(?-i:Bearing)(?![a-z])(?!\s+(?:in\s+mind|wall))|(?:bts|soi)\s+bearing|แบริ่ง|(?<![а-я])беринг(?![а-я])"#),
        Place("Bang Na", th: "บางนา", ru: "Бангна", in: "Bangkok", #"bang\s?na(?![a-z])|บางนา|банг\s?на(?![а-я])"#),
        Place("Srinakarin", th: "ศรีนครินทร์", ru: "Шринакарин", in: "Bangkok",
              #"s(?:r)?i\s?nakh?arin(?!\s?wirot)(?!\s+hospital)|srinagarind(?:ra)?(?!\s+hospital)|(?<!รพ\.)(?<!โรงพยาบาล)ศรีนครินทร์|(?:шри|си)\s?накарин[а-я]*"#),
        Place("Prawet", th: "ประเวศ", ru: "Правет", in: "Bangkok", #"(?<![a-z])prawet(?![a-z])|ประเวศ|(?<![а-я])правет(?![а-я])"#),
        Place("Suan Luang", th: "สวนหลวง", ru: "Суан Луанг", in: "Bangkok", #"suan\s?luang|สวนหลวง|суан\s?луанг"#),
        Place("Lat Krabang", th: "ลาดกระบัง", ru: "Лат Крабанг", in: "Bangkok", #"la[td]\s?krabang|ลาดกระบัง|лат\s?крабанг[а-я]*"#),
        Place("Min Buri", th: "มีนบุรี", ru: "Минбури", in: "Bangkok", #"min\s?buri|มีนบุรี|мин\s?бури"#),
        Place("Ramkhamhaeng", th: "รามคำแหง", ru: "Рамкхамхэнг", in: "Bangkok",
              #"ramkh?amh?aeng|รามคำแหง|рамк(?:х)?амх?(?:э|ае|е)нг[а-я]*"#),
        Place("Bang Kapi", th: "บางกะปิ", ru: "Банг Капи", in: "Bangkok", #"bang\s?kapi|บางกะปิ|банг\s?капи"#),
        Place("Ramintra", th: "รามอินทรา", ru: "Раминтра", in: "Bangkok", #"ram\s?in(?:t|d)ra|รามอินทรา|рамин(?:т|д)р[аеуы]"#),
        Place("Kaset-Nawamin", th: "เกษตร-นวมินทร์", ru: "Касет-Навамин", in: "Bangkok",
              #"kaset(?:sart)?\s?-?\s?nawamin|เกษตร\s?-?\s?นวมินทร์|касет\s?-?\s?навамин"#),
        Place("Lat Phrao", th: "ลาดพร้าว", ru: "Лат Прао", in: "Bangkok", #"la[td]\s?ph?rao|ลาดพร้าว|лат\s?п(?:х)?рао|ладпрао"#),
        Place("Chatuchak", th: "จตุจักร", ru: "Чатучак", in: "Bangkok", #"chatuchak|jatujak|จตุจักร|чатучак[а-я]*"#),
        Place("Mo Chit", th: "หมอชิต", ru: "Мо Чит", in: "Bangkok", #"(?<![a-z])mo\s?chit(?![a-z])|หมอชิต|(?<![а-я])мо\s+чит(?![а-я])"#),
        Place("Bang Sue", th: "บางซื่อ", ru: "Банг Сы", in: "Bangkok", #"bang\s?sue(?![a-z])|บางซื่อ|банг\s?сы(?![а-я])"#),
        Place("Saphan Khwai", th: "สะพานควาย", ru: "Сапхан Кхвай", in: "Bangkok", #"saphan\s?kh?wai|สะพานควาย|сап(?:х)?ан\s?к(?:х)?вай"#),
        Place("Ari", th: "อารีย์", ru: "Ари", in: "Bangkok", #"(?<![a-z])ari(?![a-z])|อารีย์|(?<![а-я])ари(?![а-я])"#),
        // Phyathai hospitals stand in Sri Racha and elsewhere too.
        Place("Phaya Thai", th: "พญาไท", ru: "Пхаятхай", in: "Bangkok",
              #"ph?aya\s?thai(?!\s+(?:hospital|sri\s?racha))|(?<!รพ\.)(?<!โรงพยาบาล)พญาไท|п(?:х)?ая\s?т(?:х)?ай"#),
        Place("Victory Monument", th: "อนุสาวรีย์ชัยสมรภูมิ", ru: "Монумент Победы", in: "Bangkok",
              #"victory\s+monument|อนุสาวรีย์ชัย(?:สมรภูมิ)?|монумент[а-я]*\s+победы"#),
        Place("Ratchathewi", th: "ราชเทวี", ru: "Ратчатхеви", in: "Bangkok", #"ratchathewi|ราชเทวี|ратчат(?:х)?еви"#),
        Place("Pratunam", th: "ประตูน้ำ", ru: "Пратунам", in: "Bangkok", #"pratunam|ประตูน้ำ(?!พระอินทร์)|пратунам[а-я]*"#),
        Place("Ratchaprasong", th: "ราชประสงค์", ru: "Ратчапрасонг", in: "Bangkok", #"ratchaprasong|ราชประสงค์|ратчапрасонг[а-я]*"#),
        Place("Chidlom", th: "ชิดลม", ru: "Чидлом", in: "Bangkok", #"chi[dt]\s?lom|ชิดลม|чи[дт]лом[а-я]*"#),
        Place("Ploenchit", th: "เพลินจิต", ru: "Плоенчит", in: "Bangkok", #"ph?loen\s?chit|เพลินจิต|пл(?:ое|о|е)нчит[а-я]*"#),
        // "Lumpini Ville", "Lumpini Park Rama 9": LPN's condominiums, all over Thailand, are not the district.
        Place("Lumphini", th: "ลุมพินี", ru: "Лумпини", in: "Bangkok",
              #"lumph?ini(?!\s*(?:ville|place|park|suite|seaview|center|centre|condo|mega|selected|town))|ลุมพินี(?!\s?(?:วิลล์|เพลส|พาร์ค|สวีท|ซีวิว|เซ็นเตอร์|คอนโด|เมกะ|ซีเล็คเต็ด|ทาวน์))|лумпини(?!\s+(?:вилл|плейс|парк))"#),
        Place("Silom", th: "สีลม", ru: "Силом", in: "Bangkok", #"silom|สีลม|силом[а-я]*"#),
        Place("Sathorn", th: "สาทร", ru: "Саторн", in: "Bangkok", #"sath(?:o|or)n|สาทร|саторн[а-я]*"#),
        Place("Bang Rak", th: "บางรัก", ru: "Банграк", in: "Bangkok",
              #"bang\s?rak(?![a-z])(?!\s*(?:beach|bay)|[\s,]+(?:koh?\s+)?samui)|(?<!หาด)บางรัก(?!\s?(?:เกาะ\s?)?สมุย)|банг\s?рак(?![а-я])(?![\s,]+(?:на\s+)?(?:ко\s+)?самуи)"#),
        Place("Samyan", th: "สามย่าน", ru: "Самьян", in: "Bangkok", #"(?<![a-z])sam\s?yan(?![a-z])|สามย่าน|(?<![а-я])самь?ян(?![а-я])"#),
        Place("Yaowarat", th: "เยาวราช", ru: "Яоварат", in: "Bangkok", #"yaowarat|chinatown|china\s+town|เยาวราช|чайна\s?таун[а-я]*|яоварат[а-я]*"#),
        Place("Charoen Krung", th: "เจริญกรุง", ru: "Чароен Крунг", in: "Bangkok", #"charoen\s?krung|เจริญกรุง|чар(?:оэ|ое|о)н\s?крунг[а-я]*"#),
        Place("Rama 3", th: "พระราม 3", ru: "Рама 3", in: "Bangkok", #"rama\s?(?:3|iii)(?![0-9a-z])|พระราม\s?3(?![0-9])|рама\s?3(?![0-9])"#),
        Place("Rama 9", th: "พระราม 9", ru: "Рама 9", in: "Bangkok", #"rama\s?9|พระราม\s?9|рама\s?9"#),
        Place("Yan Nawa", th: "ยานนาวา", ru: "Яннава", in: "Bangkok", #"yan\s?nawa|ยานนาวา|ян\s?нава"#),
        Place("Makkasan", th: "มักกะสัน", ru: "Маккасан", in: "Bangkok", #"makkasan|มักกะสัน|маккасан[а-я]*"#),
        Place("Ratchada", th: "รัชดา", ru: "Ратчада", in: "Bangkok", #"ratchada|rachada|รัชดา|ратчада|рачада"#),
        Place("Huai Khwang", th: "ห้วยขวาง", ru: "Хуай Кхванг", in: "Bangkok", #"hua?[iy]\s?kh?wang|ห้วยขวาง|хуай\s?к(?:х)?ванг[а-я]*"#),
        Place("Bang Khen", th: "บางเขน", ru: "Бангкхен", in: "Bangkok", #"bang\s?khen|บางเขน|банг\s?к(?:х)?ен(?![а-я])"#),
        Place("Lak Si", th: "หลักสี่", ru: "Лак Си", in: "Bangkok",
              #"(?<![a-z])lak\s?si(?![a-z])|หลักสี่(?!\s?(?:ล้าน|แสน|หมื่น|พัน|ร้อย|สิบ))|(?<![а-я])лак\s?си(?![а-я])"#),
        Place("Chaeng Watthana", th: "แจ้งวัฒนะ", ru: "Чаенгваттана", in: "Bangkok",
              #"chaeng\s?wat+h?ana|แจ้งวัฒนะ|ча(?:е|э)нг\s?ват+(?:х)?ан[аеы]"#),
        Place("Don Mueang", th: "ดอนเมือง", ru: "Донмыанг", in: "Bangkok", #"(?<![a-z])don\s?m(?:ue|u)a?ng|ดอนเมือง|дон\s?м(?:ы|у)анг[а-я]*"#),
        Place("Thonburi", th: "ธนบุรี", ru: "Тонбури", in: "Bangkok", #"thon\s?buri|ธนบุรี|т(?:х)?он\s?бури"#),
        Place("Wongwian Yai", th: "วงเวียนใหญ่", ru: "Вонгвиан Яй", in: "Bangkok", #"wong\s?wian\s?yai|วงเวียนใหญ่|вонг\s?виан\s?я[йея]"#),
        Place("Charoen Nakhon", th: "เจริญนคร", ru: "Чароен Накхон", in: "Bangkok",
              #"charoen\s?nakh?or?n|เจริญนคร|чар(?:оэ|ое|о)н\s?нак(?:х)?он[а-я]*"#),
        Place("Khlong San", th: "คลองสาน", ru: "Клонгсан", in: "Bangkok", #"(?<![a-z])kh?long\s?san(?![a-z])|คลองสาน|клонг\s?сан(?![а-я])"#),
        Place("Pinklao", th: "ปิ่นเกล้า", ru: "Пинклао", in: "Bangkok", #"pin\s?klao|ปิ่นเกล้า|пин\s?клао"#),
        Place("Taling Chan", th: "ตลิ่งชัน", ru: "Талингчан", in: "Bangkok", #"taling\s?chan|ตลิ่งชัน|талинг\s?чан"#),
        Place("Bang Khae", th: "บางแค", ru: "Бангкхэ", in: "Bangkok", #"bang\s?khae|บางแค|банг\s?к(?:х)?э"#),

        // MARK: Nonthaburi, Pathum Thani, Samut Prakan
        Place("Nonthaburi", th: "นนทบุรี", ru: "Нонтхабури", #"nonthaburi|นนทบุรี|нонт(?:х)?абури"#),
        Place("Pak Kret", th: "ปากเกร็ด", ru: "Пак Крет", in: "Nonthaburi", #"pak\s?kret|ปากเกร็ด|пак\s?крет[а-я]*"#),
        Place("Muang Thong Thani", th: "เมืองทองธานี", ru: "Муанг Тонг Тхани", in: "Nonthaburi",
              #"m(?:ue|u)ang\s?thong\s?thani|เมืองทองธานี|муанг\s?т(?:х)?онг\s?т(?:х)?ани"#),
        Place("Bang Bua Thong", th: "บางบัวทอง", ru: "Банг Буа Тхонг", in: "Nonthaburi", #"bang\s?bua\s?thong|บางบัวทอง|банг\s?буа\s?т(?:х)?онг"#),
        Place("Bang Yai", th: "บางใหญ่", ru: "Банг Яй", in: "Nonthaburi", #"bang\s?yai(?![a-z])|บางใหญ่|банг\s?я[йея](?![а-я])"#),
        Place("Bang Kruai", th: "บางกรวย", ru: "Банг Круай", in: "Nonthaburi", #"bang\s?kruai|บางกรวย|банг\s?круай"#),
        Place("Pathum Thani", th: "ปทุมธานี", ru: "Патхумтхани", #"pathum\s?thani|ปทุมธานี|патхумтхани"#),
        Place("Rangsit", th: "รังสิต", ru: "Рангсит", in: "Pathum Thani", #"rangsit|รังสิต|рангсит[а-я]*"#),
        Place("Lam Luk Ka", th: "ลำลูกกา", ru: "Ламлукка", in: "Pathum Thani", #"lam\s?luk\s?ka|ลำลูกกา|лам\s?лук\s?к?а"#),
        Place("Samut Prakan", th: "สมุทรปราการ", ru: "Самутпракан", #"samut\s?prakan|สมุทรปราการ|самутпракан"#),
        Place("Bang Phli", th: "บางพลี", ru: "Бангпхли", in: "Samut Prakan", #"bang\s?phli|บางพลี|банг\s?п(?:х)?ли"#),
        Place("Samrong", th: "สำโรง", ru: "Самронг", in: "Samut Prakan", #"samrong|สำโรง|самронг[а-я]*"#),
        Place("Bang Pu", th: "บางปู", ru: "Бангпу", in: "Samut Prakan", #"bang\s?pu(?![a-z])|บางปู|банг\s?пу(?![а-я])"#),
        Place("Phra Pradaeng", th: "พระประแดง", ru: "Пхрапрадэнг", in: "Samut Prakan",
              #"ph?ra\s?pradaeng|พระประแดง|п(?:х)?ра\s?прад(?:э|ае)нг"#),

        // MARK: Pattaya and Chonburi
        Place("Pattaya", th: "พัทยา", ru: "Паттайя", #"pattaya|พัทยา|паттай[а-я]*"#),
        Place("Na Jomtien", th: "นาจอมเทียน", ru: "На Джомтьен", in: "Pattaya",
              #"na\s?jomtien|นาจอมเทียน|на-?джомть?ен[а-я]*|(?-i:На)\sджомть?ен(?![а-я])"#),
        Place("Jomtien", th: "จอมเทียน", ru: "Джомтьен", in: "Pattaya", #"jomtien|จอมเทียน|джомть?ен[а-я]*"#),
        Place("Pratumnak", th: "พระตำหนัก", ru: "Пратамнак", in: "Pattaya", #"prat(?:u|a)mnak|พระตำหนัก|пратамнак[а-я]*"#),
        Place("Naklua", th: "นาเกลือ", ru: "Наклуа", in: "Pattaya", #"naklua|นาเกลือ|наклуа"#),
        Place("Wongamat", th: "วงศ์อมาตย์", ru: "Вонгамат", in: "Pattaya", #"wong\s?amat|วงศ์อมาตย์|вонгамат[а-я]*"#),
        Place("East Pattaya", th: "พัทยาตะวันออก", ru: "Восточная Паттайя", in: "Pattaya",
              #"east(?:ern)?\s+pattaya|pattaya\s+east|พัทยาตะวันออก|восточн[а-я]*\s+паттай[а-я]*"#),
        Place("Huai Yai", th: "ห้วยใหญ่", ru: "Хуай Яй", in: "Pattaya", #"(?<![a-z])hua?[iy]\s?yai(?![a-z])|ห้วยใหญ่|хуай\s?я[йея](?![а-я])"#),
        Place("Nong Prue", th: "หนองปรือ", ru: "Нонгпру", in: "Pattaya", #"nong\s?prue?(?![a-z])|หนองปรือ|нонг\s?пр[уы][а-я]*"#),
        Place("Soi Buakhao", th: "ซอยบัวขาว", ru: "Сой Буакхао", in: "Pattaya",
              #"(?<![a-z])(?:soi\s?)?bua\s?kh?a(?:o|w)(?![a-z])|(?:ซอย|ซ\.\s?)บัวขาว|(?<![а-я])(?:сой\s)?буа\s?к(?:х)?ао"#),
        Place("Thepprasit", th: "เทพประสิทธิ์", ru: "Теппразит", in: "Pattaya", #"thepp?rasit|เทพประสิทธิ์|т(?:х)?епп?ра(?:з|с)ит[а-я]*"#),
        Place("Mabprachan", th: "มาบประชัน", ru: "Мабпрачан", in: "Pattaya", #"ma[bp]\s?prachan|มาบประชัน|маб\s?прачан"#),
        Place("Ban Amphur", th: "บ้านอำเภอ", ru: "Бан Ампхур", in: "Pattaya", #"ba(?:a)?n\s?amph?(?:u|oe)r|บ้านอำเภอ|бан\s?амп(?:х)?ур"#),
        Place("Chonburi", th: "ชลบุรี", ru: "Чонбури", #"chon\s?buri|ชลบุรี|чонбури"#),
        Place("Bang Saray", th: "บางเสร่", ru: "Банг Сарай", in: "Chonburi",
              #"bang\s?sa(?:ray|rey|rai|re)(?![a-z])|บางเสร่|банг\s?сар(?:ай|эй|ей|е)[а-я]*"#),
        Place("Sattahip", th: "สัตหีบ", ru: "Саттахип", in: "Chonburi", #"sat+ahip|สัตหีบ|сат+ахип[а-я]*"#),
        Place("Bang Lamung", th: "บางละมุง", ru: "Банг Ламунг", in: "Chonburi", #"bang\s?lamung|บางละมุง|банг\s?ламунг[а-я]*"#),
        Place("Sri Racha", th: "ศรีราชา", ru: "Шрирача", in: "Chonburi", #"s(?:r)?i\s?racha|ศรีราชา|шрирач[а-я]*|(?<![а-я])си\s?рач[аеу]"#),
        Place("Laem Chabang", th: "แหลมฉบัง", ru: "Лаем Чабанг", in: "Chonburi", #"laem\s?chabang|แหลมฉบัง|л(?:а|э)?ем\s?чабанг[а-я]*"#),
        Place("Bang Saen", th: "บางแสน", ru: "Бангсаен", in: "Chonburi", #"bang\s?saen|บางแสน|банг\s?са(?:е|э)н[а-я]*"#),

        // MARK: Koh Samui, Koh Phangan, Koh Tao
        Place("Koh Samui", th: "เกาะสมุย", ru: "Самуи", #"samui|(?:เกาะ\s?)?สมุย|самуи"#),
        Place("Chaweng", th: "เฉวง", ru: "Чавенг", in: "Koh Samui", #"chaweng|เฉวง|чавенг[а-я]*"#),
        Place("Chaweng Noi", th: "เฉวงน้อย", ru: "Чавенг Ной", in: "Koh Samui", #"chaweng\s?noi|เฉวงน้อย|чавенг\s?но[йе]"#),
        Place("Lamai", th: "ละไม", ru: "Ламай", in: "Koh Samui", #"lamai|ละไม|(?<![а-я])лама(?:й|е|я)(?![а-я])"#),
        Place("Bophut", th: "บ่อผุด", ru: "Бопхут", in: "Koh Samui", #"bo\s?phut|บ่อผุด|бопхут"#),
        Place("Maenam", th: "แม่น้ำ", ru: "Маенам", in: "Koh Samui",
              #"(?<![a-z])mae\s?nam(?![a-z])(?!\s?(?:ping|khong|kok|chao|mun|yom|nan|wang))|หาดแม่น้ำ|(?:ต\.\s?|ตำบล)แม่น้ำ|แม่น้ำ(?=\s?(?:เกาะ\s?)?สมุย)|(?<![а-я])м(?:ае|аэ|э)нам[а-я]*"#),
        Place("Choeng Mon", th: "เชิงมน", ru: "Чоенг Мон", in: "Koh Samui", #"ch(?:oe|e|u)ng\s?mon(?![a-z])|เชิงมน|ч(?:оэ|ое|о|е)нг\s?мон[а-я]*"#),
        Place("Bang Rak", th: "บางรัก", ru: "Банграк", in: "Koh Samui",
              #"bang\s?rak(?=\s*(?:beach|bay)|[\s,]+(?:koh?\s+)?samui)|big\s+buddha\s+beach|หาดบางรัก|บางรัก(?=\s?(?:เกาะ\s?)?สมุย)|หาดพระใหญ่|банг\s?рак(?=[\s,]+(?:на\s+)?(?:ко\s+)?самуи)|пляж[а-я]*\s+биг\s?будд[а-я]*"#),
        Place("Plai Laem", th: "ปลายแหลม", ru: "Плай Лаем", in: "Koh Samui",
              #"plai\s?laem|หาดปลายแหลม|ปลายแหลม(?=\s?(?:เกาะ\s?)?สมุย)|плай\s?л(?:а|э)?ем"#),
        Place("Bang Por", th: "บางปอ", ru: "Банг По", in: "Koh Samui", #"bang\s?po(?:r)?(?![a-z])|บางปอ|банг\s?по(?![а-я])"#),
        Place("Nathon", th: "หน้าทอน", ru: "Натон", in: "Koh Samui", #"(?<![a-z])na\s?thon(?![a-z])|หน้าทอน|(?<![а-я])натон[а-я]*"#),
        Place("Lipa Noi", th: "ลิปะน้อย", ru: "Липа Ной", in: "Koh Samui", #"lipa\s?noi|ลิปะน้อย|липа\s?но[йе]"#),
        Place("Taling Ngam", th: "ตลิ่งงาม", ru: "Талинг Нгам", in: "Koh Samui", #"taling\s?ngam|ตลิ่งงาม|талинг\s?нгам[а-я]*"#),
        Place("Koh Phangan", th: "เกาะพะงัน", ru: "Панган", #"phangan|(?:เกาะ\s?)?พะงัน|(?:ко\s?)?панган[а-я]*"#),
        Place("Haad Rin", th: "หาดริ้น", ru: "Хаад Рин", in: "Koh Phangan", #"(?<![a-z])ha(?:a)?[dt]\s?rin(?![a-z])|หาดริ้น|(?<![а-я])ха(?:а)?[дт]\s?рин[а-я]*"#),
        Place("Thong Sala", th: "ท้องศาลา", ru: "Тонг Сала", in: "Koh Phangan", #"thong\s?sala|ท้องศาลา|т(?:х)?онг\s?сал[аеу]"#),
        Place("Baan Tai", th: "บ้านใต้", ru: "Баан Тай", in: "Koh Phangan", #"(?<![a-z])ba(?:a)?n\s?tai(?![a-z])|บ้านใต้(?!ถุน)|(?<![а-я])баа?н\s?та[йея](?![а-я])"#),
        Place("Srithanu", th: "ศรีธนู", ru: "Шритану", in: "Koh Phangan", #"s(?:r)?i\s?thanu|ศรีธนู|(?:шри|си)\s?т(?:х)?ану"#),
        Place("Hin Kong", th: "หินกอง", ru: "Хин Конг", in: "Koh Phangan", #"hin\s?kong|หินกอง|хин\s?конг[а-я]*"#),
        Place("Chaloklum", th: "โฉลกหลำ", ru: "Чалоклам", in: "Koh Phangan", #"chalok\s?l(?:u|a)m|โฉลกหลำ|чалок\s?л(?:а|у)м[а-я]*"#),
        Place("Thong Nai Pan", th: "ท้องนายปาน", ru: "Тонг Най Пан", in: "Koh Phangan", #"thong\s?nai\s?pan|ท้องนายปาน|т(?:х)?онг\s?най\s?пан"#),
        Place("Koh Tao", th: "เกาะเต่า", ru: "Ко Тао", #"(?<![a-z])koh?[\s-]?tao(?![a-z])|เกาะเต่า|(?<![а-я])кох?[\s-]?тао(?![а-я])"#),
        Place("Sairee", th: "หาดทรายรี", ru: "Сайри", in: "Koh Tao", #"sairee|sai\s?ree|หาดทรายรี|сайри"#),
        Place("Chalok Baan Kao", th: "โฉลกบ้านเก่า", ru: "Чалок Бан Као", in: "Koh Tao", #"chalok\s?ba(?:a)?n\s?kao|โฉลกบ้านเก่า|чалок\s?баа?н\s?као"#),

        // MARK: Hua Hin, Cha-am, Pranburi
        Place("Hua Hin", th: "หัวหิน", ru: "Хуахин", #"hua\s?hin|หัวหิน|хуа\s?хин[а-я]*"#),
        Place("Khao Takiab", th: "เขาตะเกียบ", ru: "Кхао Такиап", in: "Hua Hin", #"kh?ao\s?taki(?:a|e)b|เขาตะเกียบ|к(?:х)?ао\s?таки(?:а|е)[бп]"#),
        Place("Khao Tao", th: "เขาเต่า", ru: "Кхао Тао", in: "Hua Hin", #"kh?ao\s?tao(?![a-z])|เขาเต่า|к(?:х)?ао\s?тао"#),
        Place("Hin Lek Fai", th: "หินเหล็กไฟ", ru: "Хин Лек Фай", in: "Hua Hin", #"hin\s?lek\s?fai|หินเหล็กไฟ|хин\s?лек\s?фай"#),
        Place("Nong Kae", th: "หนองแก", ru: "Нонг Кэ", in: "Hua Hin", #"nong\s?kae(?![a-z])|หนองแก(?![ก-๏])|нонг\s?к(?:э|ае)(?![а-я])"#),
        Place("Cha-am", th: "ชะอำ", ru: "Ча-Ам", in: "Phetchaburi", #"(?<![a-z])cha[\s-]?am(?![a-z])|ชะอำ|(?<![а-я])ча[\s-]?ам[еа]?(?![а-я])"#),
        Place("Prachuap Khiri Khan", th: "ประจวบคีรีขันธ์", ru: "Прачуап Кхири Кхан",
              #"prachuap(?:\s?khiri\s?khan)?|ประจวบคีรีขันธ์|ประจวบฯ|прачуап(?:[\s-]?к(?:х)?ири\s?к(?:х)?ан)?"#),
        Place("Pranburi", th: "ปราณบุรี", ru: "Пранбури", in: "Prachuap Khiri Khan", #"pran\s?buri|ปราณบุรี|пран\s?бури"#),
        Place("Pak Nam Pran", th: "ปากน้ำปราณ", ru: "Пак Нам Пран", in: "Pranburi", #"pak\s?nam\s?pran|ปากน้ำปราณ|пак\s?нам\s?пран"#),
        Place("Sam Roi Yot", th: "สามร้อยยอด", ru: "Сам Рой Йот", in: "Prachuap Khiri Khan", #"sam\s?roi\s?yot|สามร้อยยอด|сам\s?рой\s?й?от"#),

        // MARK: Chiang Mai and the north
        Place("Chiang Mai", th: "เชียงใหม่", ru: "Чиангмай", #"chiang\s?mai|เชียงใหม่|чианг\s?ма[а-я]*"#),
        Place("Nimman", th: "นิมมาน", ru: "Нимман", in: "Chiang Mai", #"nimman[a-z]*|นิมมาน|нимман[а-я]*"#),
        Place("Santitham", th: "สันติธรรม", ru: "Сантитам", in: "Chiang Mai", #"santitham|สันติธรรม|сантит(?:х)?ам"#),
        Place("Chang Phueak", th: "ช้างเผือก", ru: "Чанг Пхыак", in: "Chiang Mai",
              #"chang\s?ph?(?:ue|eu|u)a?k(?![a-z])|ช้างเผือก|чанг\s?п(?:х)?(?:ы|уе|у)ак"#),
        Place("Suthep", th: "สุเทพ", ru: "Сутхеп", in: "Chiang Mai", #"(?<![a-z])suthep(?![a-z])|(?<!คุณ)(?<!นาย)สุเทพ|сут(?:х)?еп"#),
        Place("Nong Hoi", th: "หนองหอย", ru: "Нонг Хой", in: "Chiang Mai", #"nong\s?hoi|หนองหอย|нонг\s?хой"#),
        Place("Hang Dong", th: "หางดง", ru: "Хангдонг", in: "Chiang Mai", #"hang\s?dong|หางดง|ханг\s?донг[а-я]*"#),
        Place("Mae Hia", th: "แม่เหียะ", ru: "Мае Хиа", in: "Chiang Mai", #"mae\s?hia|แม่เหียะ|м(?:ае|аэ|э)\s?хиа"#),
        Place("Saraphi", th: "สารภี", ru: "Сарапхи", in: "Chiang Mai", #"saraphi|(?<!คุณ)(?<!นาง)(?<!ดอก)สารภี|сарап(?:х)?и"#),
        Place("San Sai", th: "สันทราย", ru: "Сан Сай", in: "Chiang Mai", #"(?<![a-z])san\s?sai(?![a-z])|สันทราย|(?<![а-я])сан\s?сай(?![а-я])"#),
        Place("Mae Jo", th: "แม่โจ้", ru: "Мэ Джо", in: "Chiang Mai", #"mae\s?jo(?![a-z])|แม่โจ้|м(?:ае|аэ|э)\s?джо"#),
        Place("San Kamphaeng", th: "สันกำแพง", ru: "Сан Кампхэнг", in: "Chiang Mai",
              #"san\s?kamph?aeng|สันกำแพง|сан\s?камп(?:х)?(?:э|ае)нг"#),
        Place("Doi Saket", th: "ดอยสะเก็ด", ru: "Дой Сакет", in: "Chiang Mai", #"doi\s?saket|ดอยสะเก็ด|дой\s?сакет"#),
        Place("Mae Rim", th: "แม่ริม", ru: "Мэрим", in: "Chiang Mai", #"mae\s?rim|แม่ริม|м(?:ае|аэ|э)\s?рим"#),
        Place("Chiang Rai", th: "เชียงราย", ru: "Чианграй", #"chiang\s?rai|เชียงราย|чианг\s?ра[йея][а-я]*"#),
        Place("Phitsanulok", th: "พิษณุโลก", ru: "Пхитсанулок", #"phitsanulok|พิษณุโลก|п(?:х)?итсанулок[а-я]*"#),

        // MARK: Krabi, Phang Nga and the Andaman south
        Place("Krabi", th: "กระบี่", ru: "Краби", #"krabi|กระบี่|краби"#),
        Place("Krabi Town", th: "ตัวเมืองกระบี่", ru: "Краби-Таун", in: "Krabi",
              #"krabi\s+town|(?:ตัว|ใน)เมืองกระบี่|краби[\s-]?таун[а-я]*|город[а-я]*\s+краби"#),
        Place("Ao Nang", th: "อ่าวนาง", ru: "Ао Нанг", in: "Krabi", #"ao\s?nang|อ่าวนาง|ао\s?нанг"#),
        Place("Nopparat Thara", th: "นพรัตน์ธารา", ru: "Ноппарат Тара", in: "Krabi", #"nopp?arat\s?thara|นพรัตน์ธารา|ноп+арат\s?т(?:х)?ара"#),
        Place("Klong Muang", th: "คลองม่วง", ru: "Клонг Муанг", in: "Krabi", #"kh?long\s?m(?:uea|ua|u)ng|คลองม่วง|клонг\s?му?анг"#),
        Place("Railay", th: "ไร่เลย์", ru: "Райли", in: "Krabi", #"rail[ae]y|rai\s?leh|ไร่เลย์|(?<![а-я])р(?:а|э|е)йл(?:и|ей|эй)(?![а-я])"#),
        Place("Koh Phi Phi", th: "เกาะพีพี", ru: "Пхи-Пхи", in: "Krabi", #"(?<![a-z])(?:koh?\s?)?phi[\s-]?phi(?![a-z])|เกาะ\s?พีพี|(?:ко\s?)?пхи[\s-]?пхи"#),
        Place("Koh Lanta", th: "เกาะลันตา", ru: "Ко Ланта", in: "Krabi",
              #"(?<![a-z])(?:koh?\s?)?lanta(?![a-z])|(?:เกาะ\s?)?ลันตา|(?<![а-я])(?:кох?\s?)?лант[аеуы](?![а-я])"#),
        Place("Saladan", th: "ศาลาด่าน", ru: "Саладан", in: "Koh Lanta", #"saladan|ศาลาด่าน|саладан[а-я]*"#),
        Place("Klong Dao", th: "คลองดาว", ru: "Клонг Дао", in: "Koh Lanta", #"kh?long\s?dao|คลองดาว|клонг\s?дао"#),
        Place("Phang Nga", th: "พังงา", ru: "Пханг Нга", #"phang\s?nga|พังงา|п(?:х)?анг[\s-]?нга"#),
        Place("Khao Lak", th: "เขาหลัก", ru: "Као Лак", in: "Phang Nga", #"kh?ao\s?lak|เขาหลัก|к(?:х)?ао\s?лак[а-я]*"#),
        Place("Natai", th: "หาดนาใต้", ru: "Натай", in: "Phang Nga", #"(?<![a-z])natai(?![a-z])|(?:หาด|บ้าน)นาใต้|(?<![а-я])натай"#),
        Place("Koh Yao", th: "เกาะยาว", ru: "Ко Яо", in: "Phang Nga", #"(?<![a-z])koh?\s?yao(?![a-z])|เกาะยาว|(?<![а-я])кох?\s?яо(?![а-я])"#),
        Place("Satun", th: "สตูล", ru: "Сатун", #"(?<![a-z])satun(?![a-z])|สตูล|(?<![а-я])сатун[а-я]*"#),
        Place("Koh Lipe", th: "เกาะหลีเป๊ะ", ru: "Ко Липе", in: "Satun", #"(?<![a-z])(?:koh?\s?)?lipe(?![a-z])|(?:เกาะ\s?)?หลีเป๊ะ|(?<![а-я])кох?\s?липе(?![а-я])"#),
        Place("Trang", th: "ตรัง", ru: "Транг", #"(?<![a-z])trang(?![a-z])|ตรัง|(?<![а-я])транг[аеу]?(?![а-я])"#),
        Place("Surat Thani", th: "สุราษฎร์ธานี", ru: "Сураттхани", #"surat\s?thani|สุราษฎร์ธานี|сурат+\s?т?хани"#),
        Place("Songkhla", th: "สงขลา", ru: "Сонгкхла", #"songkhla|สงขลา|сонгк(?:х)?л[аеу]"#),
        Place("Hat Yai", th: "หาดใหญ่", ru: "Хатъяй", in: "Songkhla", #"(?<![a-z])ha(?:a)?[dt]\s?yai|หาดใหญ่|(?<![а-я])ха[тд][ъь]?\s?я[йея]"#),

        // MARK: The east: Rayong, Koh Samet, Koh Chang, Trat
        Place("Rayong", th: "ระยอง", ru: "Районг", #"rayong|ระยอง|районг[а-я]*"#),
        Place("Ban Phe", th: "บ้านเพ", ru: "Бан Пхе", in: "Rayong", #"(?<![a-z])ba(?:a)?n\s?phe(?![a-z])|บ้านเพ(?![ก-๏])|(?<![а-я])бан\s?п(?:х)?е(?![а-я])"#),
        Place("Mae Ramphueng", th: "แม่รำพึง", ru: "Мае Рампхынг", in: "Rayong",
              #"mae\s?ramph?(?:ueng|eung|ung)|แม่รำพึง|м(?:ае|аэ|э)\s?рамп(?:х)?(?:ы|у|е)нг"#),
        Place("Koh Samet", th: "เกาะเสม็ด", ru: "Ко Самет", in: "Rayong", #"(?<![a-z])koh?\s?samet|เกาะเสม็ด|(?<![а-я])кох?\s?самет[а-я]*"#),
        Place("Koh Chang", th: "เกาะช้าง", ru: "Ко Чанг", #"(?<![a-z])koh?[\s-]?chang(?![a-z])|เกาะ\s?ช้าง|(?<![а-я])кох?[\s-]?чанг[а-я]*"#),
        Place("White Sand Beach", th: "หาดทรายขาว", ru: "Вайт Сэнд", in: "Koh Chang",
              #"ha(?:a)?[dt]\s?sai\s?khao|white\s+sands?\s+beach(?=[\s,]+(?:koh?\s+)?chang)|หาดทรายขาว(?=\s?(?:เกาะ\s?)?ช้าง)|вайт\s?с(?:э|е)нд"#),
        Place("Klong Prao", th: "คลองพร้าว", ru: "Клонг Прао", in: "Koh Chang", #"kh?long\s?ph?rao|คลองพร้าว|клонг\s?п(?:х)?рао"#),
        Place("Kai Bae", th: "ไก่แบ้", ru: "Кай Бэ", in: "Koh Chang", #"kai\s?bae|ไก่แบ้|кай\s?б(?:э|ае|е)(?![а-я])"#),
        Place("Lonely Beach", th: "หาดทะเลงาม", ru: "Лонли Бич", in: "Koh Chang", #"(?-i:Lonely Beach)|หาดทะเลงาม|лонли\s?бич"#),
        Place("Bang Bao", th: "บางเบ้า", ru: "Банг Бао", in: "Koh Chang", #"bang\s?bao|บางเบ้า|банг\s?бао"#),
        Place("Trat", th: "ตราด", ru: "Трат", #"(?<![a-z])(?<!na-)(?<!na\s)(?<!na\s-\s)trat(?![a-z])|ตราด|(?-i:Трат)[аеу]?(?![а-я])"#),
        Place("Koh Kood", th: "เกาะกูด", ru: "Ко Куд", in: "Trat", #"(?<![a-z])koh?\s?k(?:oo|u)d(?![a-z])|เกาะกูด|(?<![а-я])кох?\s?куд(?![а-я])"#),

        // MARK: The centre and Isan
        Place("Ayutthaya", th: "อยุธยา", ru: "Аюттхая", #"ayut+h?aya|อยุธยา|аютт?х?ай?[яеи]"#),
        Place("Wang Noi", th: "วังน้อย", ru: "Ванг Ной", in: "Ayutthaya", #"wang\s?noi|วังน้อย|ванг\s?но[йе]"#),
        Place("Kanchanaburi", th: "กาญจนบุรี", ru: "Канчанабури", #"kanchanaburi|กาญจนบุรี|канчанабури"#),
        Place("Nakhon Ratchasima", th: "นครราชสีมา", ru: "Накхонратчасима",
              #"nakh?on\s?ratchasima|(?<![a-z])kh?orat(?![a-z])|นครราชสีมา|โคราช|накхон\s?ратчасим[аеы]|(?<![а-я])корат[а-я]*"#),
        Place("Khao Yai", th: "เขาใหญ่", ru: "Кхао Яй", in: "Nakhon Ratchasima", #"kh?ao\s?yai|เขาใหญ่|к(?:х)?ао\s?я[йея](?![а-я])"#),
        Place("Pak Chong", th: "ปากช่อง", ru: "Пак Чонг", in: "Nakhon Ratchasima", #"pak\s?chong|ปากช่อง|пак\s?чонг[а-я]*"#),
        Place("Khon Kaen", th: "ขอนแก่น", ru: "Кхонкэн", #"khon\s?kaen|ขอนแก่น|к(?:х)?он\s?к(?:э|ае)н[а-я]*"#),
        Place("Udon Thani", th: "อุดรธานี", ru: "Удонтхани", #"udon\s?thani|อุดรธานี|удон\s?т(?:х)?ани"#),
    ]

    /// Areas and provinces, joined once: `location(in:)` runs on every text and every quoted place.
    static let known = places + provinces

    /// "in Cherngtalay", "near Laguna": an English preposition before a capitalised name.
    private static let prepositionPlace = Pattern(
        #"(?<![a-z])(?:in|near|at)\s+((?-i:[A-Z][a-z]{2,})(?:\s(?-i:[A-Z][a-z]{2,}))?)"#)
    private static let notPlaces: Set<String> = [
        "The", "This", "Our", "Your", "Excellent", "Good", "Great", "Perfect", "Quiet", "Prime", "Walking",
    ]

    /// The first named area wins over a region ("villa in Phuket … Rawai" → "Rawai, Phuket"); of
    /// names that start at the same place the longer wins ("Chaweng Noi" over "Chaweng").
    static func location(in text: ListingText) -> String? {
        let found = known.enumerated().compactMap { index, place in
            place.pattern.firstMatch(in: text.normalized).map {
                (place: place, start: $0.range.location, length: $0.range.length, index: index)
            }
        }.sorted { ($0.start, -$0.length, $0.index) < ($1.start, -$1.length, $1.index) }
        // "Pong, Bang Lamung": the unknown smaller place written first is the place.
        if let (name, place) = nameBeforeKnownPlace(in: text) {
            return Self.district(name, in: place)
        }
        // A town of the gazetteer is the listing's place when written before every place of the
        // table ("Koh Si Chang, a ferry from Sri Racha") or in a province the text names ("Chiang
        // Mai, Mae Taeng"); after a place of another province it is a landmark («рядом с озером …»).
        // A word of a place the table knows ("Nayok" of "Nakhon Nayok") is that place.
        let town = gazetteerPlace(in: text).flatMap { town -> GazetteerPlace? in
            guard !found.contains(where: { $0.start <= town.location && town.location < $0.start + $0.length }) else { return nil }
            return found.isEmpty || town.location < found[0].start
                || found.contains(where: { $0.place.region == nil && $0.place.name == town.province?.name }) ? town : nil
        }
        let thaiDistrict = thaiDistrict(in: text)
        // A marked name the table knows ("Koh Chang", «Ко Чанге») is that place, found above.
        let marked = markedDistrict(in: text).flatMap { marked in
            known.contains(where: { $0.pattern.contains(in: marked.name as NSString) }) ? nil : marked
        }
        if let area = found.first(where: { $0.place.region != nil }) {
            if let town, town.location < area.start {
                return town.named(in: town.province ?? found.first?.place)
            }
            // Likewise a district in Thai: «แกลง ใกล้หาดแม่รำพึง» is in Klaeng, near the beach.
            if let thaiDistrict, thaiDistrict.location < area.start {
                return Self.district(thaiDistrict.name, in: found.first(where: { $0.place.region == nil })?.place ?? thaiDistrict.province)
            }
            // And a marked island or district: "Koh Jum – … longtail from Krabi or Lanta".
            if let marked, marked.location < area.start {
                return Self.district(marked.name, in: found.first(where: { $0.place.region == nil })?.place)
            }
            return "\(area.place.name), \(area.place.region!)"
        }
        let region = found.first?.place
        if let marked {
            return Self.district(marked.name, in: region)
        }
        if let town {
            return town.named(in: town.province ?? region)
        }
        if let thaiDistrict {
            return Self.district(thaiDistrict.name, in: region ?? thaiDistrict.province)
        }
        if let region {
            return region.name
        }
        return prepositionPlace.matches(in: text.original).lazy
            .compactMap { $0.group(1, in: text.original) }
            .first { !notPlaces.contains(String($0.split(separator: " ")[0])) }
    }

    /// Every place the reader knows, in the order of the table: for tests that each name reads
    /// back as its place.
    static var gazetteer: [(name: String, thai: String, russian: String, region: String?)] {
        known.map { ($0.name, $0.thai, $0.russian, $0.region) }
    }

    /// A location as `language` writes it: "Rawai, Phuket" is "ราไวย์ ภูเก็ต" on a Thai page and
    /// "Раваи, Пхукет" on a Russian one, whichever spelling the agent or the model used. Only a
    /// location made wholly of places we know is rewritten; "Soi 5, Rawai" or a project's name
    /// stays as written.
    static func localized(_ location: String, in language: ListingLanguage) -> String {
        let text = location as NSString
        var found: [(range: NSRange, place: Place)] = []
        for place in known {
            for match in place.anySpelling.matches(in: text) where match.range.length > 0 {
                found.append((match.range, place))
            }
        }
        // Longest first at each position; overlapping matches give way.
        found.sort { ($0.range.location, -$0.range.length) < ($1.range.location, -$1.range.length) }
        var chosen: [Place] = []
        var covered = 0
        for (range, place) in found where range.location >= covered {
            let gap = text.substring(with: NSRange(location: covered, length: range.location - covered))
            guard gap.allSatisfy({ $0 == "," || $0.isWhitespace }) else { return location }
            if chosen.last?.name != place.name { chosen.append(place) }
            covered = range.location + range.length
        }
        guard !chosen.isEmpty, text.substring(from: covered).allSatisfy({ $0 == "," || $0.isWhitespace }) else { return location }
        return chosen.map { $0.name(in: language) }.joined(separator: language == .th ? " " : ", ")
    }
}
