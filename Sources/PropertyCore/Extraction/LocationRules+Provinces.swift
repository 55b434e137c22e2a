import Foundation

extension LocationRules {
    /// Thailand's provinces not already in the table of areas, in Latin, Thai and Cyrillic
    /// spelling. A province is a region: a named area, district or island in the same text is
    /// more specific and wins. Surin is left out (the table's «Surin» is Phuket's beach).
    ///
    /// A Thai province name that is also an everyday word is read only after จ./จังหวัด/เมือง:
    /// «เลย» ("at all"), «ตาก» ("to dry"), «แพร่» ("to spread"); likewise Russian «Так» ("so").
    static let provinces: [Place] = [
        Place("Amnat Charoen", th: "อำนาจเจริญ", ru: "Амнатчарен", #"amnat\s?charoen|อำนาจเจริญ|амнат\s?чар[её]н"#),
        Place("Ang Thong", th: "อ่างทอง", ru: "Ангтхонг", #"ang\s?thong|อ่างทอง|анг\s?т(?:х)?онг"#),
        Place("Bueng Kan", th: "บึงกาฬ", ru: "Бынгкан", #"bueng\s?kan|บึงกาฬ|бынг\s?кан"#),
        Place("Buriram", th: "บุรีรัมย์", ru: "Бурирам", #"buri\s?ram|บุรีรัมย์|бурирам[а-я]*"#),
        Place("Chachoengsao", th: "ฉะเชิงเทรา", ru: "Чачонгсао", #"chachoengsao|ฉะเชิงเทรา|чач(?:о|е|э)нгсао"#),
        Place("Chai Nat", th: "ชัยนาท", ru: "Чайнат", #"chai\s?nat(?![a-z])|ชัยนาท|чайнат[а-я]*"#),
        Place("Chaiyaphum", th: "ชัยภูมิ", ru: "Чайяпхум", #"chaiyaphum|ชัยภูมิ|чайяп(?:х)?ум[а-я]*"#),
        Place("Chanthaburi", th: "จันทบุรี", ru: "Чантхабури", #"chanth?aburi|จันทบุรี|чант(?:х)?абури"#),
        Place("Chumphon", th: "ชุมพร", ru: "Чумпхон", #"chumph?on|ชุมพร|чумп(?:х)?он[а-я]*|чумфон[а-я]*"#),
        Place("Kalasin", th: "กาฬสินธุ์", ru: "Каласин", #"kalasin|กาฬสินธุ์|каласин[а-я]*"#),
        Place("Kamphaeng Phet", th: "กำแพงเพชร", ru: "Кампхэнгпхет", #"kamphaeng\s?phet|กำแพงเพชร|камп(?:х)?(?:э|ае|е)нг\s?п(?:х)?ет"#),
        Place("Lampang", th: "ลำปาง", ru: "Лампанг", #"lampang|ลำปาง|лампанг[а-я]*"#),
        Place("Lamphun", th: "ลำพูน", ru: "Лампхун", #"lamph?un(?![a-z])|ลำพูน|лампх?ун[а-я]*"#),
        Place("Loei", th: "เลย", ru: "Лей", #"(?<![a-z])loei(?![a-z])|(?:จ\.|จังหวัด|เมือง)\s?เลย|(?<![а-яА-Я])(?-i:Л[её]й)(?![а-я])"#),
        Place("Lopburi", th: "ลพบุรี", ru: "Лопбури", #"lop\s?buri|ลพบุรี|лопбури"#),
        Place("Mae Hong Son", th: "แม่ฮ่องสอน", ru: "Мэхонгсон", #"mae\s?hong\s?son|แม่ฮ่องสอน|м(?:э|ае|е)\s?хонг\s?сон"#),
        Place("Maha Sarakham", th: "มหาสารคาม", ru: "Махасаракам", #"maha\s?sarakham|มหาสารคาม|маха\s?саракх?ам"#),
        Place("Mukdahan", th: "มุกดาหาร", ru: "Мукдахан", #"mukdahan|มุกดาหาร|мукдахан[а-я]*"#),
        Place("Nakhon Nayok", th: "นครนายก", ru: "Накхоннайок", #"nakh?on\s?nayok|นครนายก|накх?он\s?найок"#),
        Place("Nakhon Pathom", th: "นครปฐม", ru: "Накхонпатхом", #"nakh?on\s?pathom|นครปฐม|накх?он\s?пат(?:х)?ом[а-я]*"#),
        Place("Nakhon Phanom", th: "นครพนม", ru: "Накхонпханом", #"nakh?on\s?phanom|นครพนม|накх?он\s?п(?:х)?аном[а-я]*"#),
        Place("Nakhon Sawan", th: "นครสวรรค์", ru: "Накхонсаван", #"nakh?on\s?sawan|นครสวรรค์|накх?он\s?саван[а-я]*"#),
        Place("Nakhon Si Thammarat", th: "นครศรีธรรมราช", ru: "Накхонситхаммарат",
              #"nakh?on\s?si\s?thammarat|นครศรีธรรมราช|накх?он\s?си\s?т(?:х)?аммарат[а-я]*"#),
        Place("Nan", th: "น่าน", ru: "Нан", #"(?<![a-z])nan(?![a-z])|(?<!แม่น้ำ)น่าน|(?<![а-яА-Я])(?-i:Нан)(?![а-я])"#),
        Place("Narathiwat", th: "นราธิวาส", ru: "Наратхиват", #"narathiwat|นราธิวาส|нарат(?:х)?иват[а-я]*"#),
        Place("Nong Bua Lamphu", th: "หนองบัวลำภู", ru: "Нонгбуалампху", #"nong\s?bua\s?lamphu|หนองบัวลำภู|нонг\s?буа\s?лампху"#),
        Place("Nong Khai", th: "หนองคาย", ru: "Нонгкхай", #"nong\s?khai|หนองคาย|нонг\s?к(?:х)?ай[а-я]*"#),
        Place("Pattani", th: "ปัตตานี", ru: "Паттани", #"pattani|ปัตตานี|паттани"#),
        Place("Phatthalung", th: "พัทลุง", ru: "Пхатталунг", #"phatth?alung|พัทลุง|п(?:х)?атт?алунг[а-я]*"#),
        Place("Phayao", th: "พะเยา", ru: "Пхаяо", #"phayao|พะเยา|п(?:х)?аяо"#),
        // Bangkok's Phetchaburi Road («ถนนเพชรบุรี», "New Phetchaburi Rd") is not the province: in
        // Thai the province is read only after จ./จังหวัด/เมือง.
        Place("Phetchaburi", th: "เพชรบุรี", ru: "Пхетчабури",
              #"(?<!new\s)phetchaburi(?!\s*(?:road|rd(?![a-z])|soi))|(?:จ\.|จังหวัด|เมือง)\s?เพชรบุรี|(?<!улиц[аеуы]\s)п(?:х)?етчабури(?!\s+роуд)"#),
        Place("Phetchabun", th: "เพชรบูรณ์", ru: "Пхетчабун", #"phetchabun|เพชรบูรณ์|п(?:х)?етчабун[а-я]*"#),
        Place("Phichit", th: "พิจิตร", ru: "Пхичит", #"phichit|พิจิตร|п(?:х)?ичит[а-я]*"#),
        Place("Phrae", th: "แพร่", ru: "Пхрэ", #"(?<![a-z])phrae(?![a-z])|(?:จ\.|จังหวัด|เมือง)\s?แพร่|(?<![а-я])пхр(?:э|е)(?![а-я])"#),
        Place("Prachinburi", th: "ปราจีนบุรี", ru: "Прачинбури", #"prachin\s?buri|ปราจีนบุรี|прачин\s?бури"#),
        Place("Ranong", th: "ระนอง", ru: "Ранонг", #"ranong|ระนอง|ранонг[а-я]*"#),
        Place("Ratchaburi", th: "ราชบุรี", ru: "Ратчабури", #"ratchaburi|ราชบุรี|ратчабури"#),
        Place("Roi Et", th: "ร้อยเอ็ด", ru: "Ройет", #"(?<![a-z])roi\s?et(?![a-z])|ร้อยเอ็ด|(?<![а-я])рой\s?[еэ]т(?![а-я])"#),
        Place("Sa Kaeo", th: "สระแก้ว", ru: "Сакэу", #"(?<![a-z])sa\s?kaeo(?![a-z])|สระแก้ว|са\s?к(?:э|ае|е)у(?![а-я])"#),
        Place("Sakon Nakhon", th: "สกลนคร", ru: "Саконнакхон", #"sakon\s?nakh?on|สกลนคร|сакон\s?накх?он[а-я]*"#),
        Place("Samut Sakhon", th: "สมุทรสาคร", ru: "Самутсакхон", #"samut\s?sakh?on|สมุทรสาคร|самут\s?сакх?он[а-я]*"#),
        Place("Samut Songkhram", th: "สมุทรสงคราม", ru: "Самутсонгкхрам", #"samut\s?songkh?ram|สมุทรสงคราม|самут\s?сонгк(?:х)?рам[а-я]*"#),
        Place("Saraburi", th: "สระบุรี", ru: "Сарабури", #"saraburi|สระบุรี|сарабури"#),
        Place("Sing Buri", th: "สิงห์บุรี", ru: "Сингбури", #"sing\s?buri|สิงห์บุรี|синг\s?бури"#),
        Place("Sisaket", th: "ศรีสะเกษ", ru: "Сисакет", #"si\s?sa\s?ket|ศรีสะเกษ|си\s?сакет[а-я]*"#),
        Place("Sukhothai", th: "สุโขทัย", ru: "Сукхотай", #"sukhothai|สุโขทัย|сук(?:х)?о(?:т|тх)ай"#),
        Place("Suphan Buri", th: "สุพรรณบุรี", ru: "Супханбури", #"suphan\s?buri|สุพรรณบุรี|суп(?:х)?ан\s?бури"#),
        Place("Tak", th: "ตาก", ru: "Так", #"(?<![a-z])(?-i:Tak)(?![a-z])|(?:จ\.|จังหวัด|เมือง)\s?ตาก|провинци[а-я]*\s+(?-i:Так)(?![а-я])"#),
        Place("Ubon Ratchathani", th: "อุบลราชธานี", ru: "Убонратчатхани",
              #"ubon\s?rat(?:ch)?athani|ubon(?![a-z])|อุบลราชธานี|อุบลฯ|убон\s?ратчат(?:х)?ани|(?<![а-я])убон(?![а-я])"#),
        Place("Uthai Thani", th: "อุทัยธานี", ru: "Утхайтхани", #"uthai\s?thani|อุทัยธานี|ут(?:х)?ай\s?т(?:х)?ани"#),
        Place("Uttaradit", th: "อุตรดิตถ์", ru: "Уттарадит", #"uttaradit|อุตรดิตถ์|уттарадит[а-я]*"#),
        Place("Yala", th: "ยะลา", ru: "Яла", #"(?<![a-z])yala(?![a-z])|ยะลา|(?<![а-я])(?-i:Яла)(?![а-я])"#),
        Place("Yasothon", th: "ยโสธร", ru: "Ясотхон", #"yasothon|ยโสธร|ясот(?:х)?он[а-я]*"#),
    ]
}
