/// What `_STATUS.txt` asks the agent to add or fix, with an example written the way the offline
/// rules read it in that language (so following the example fixes the listing).
enum AdviceWording {
    static let noDescription = Wording(en: "No description was found.", th: "ไม่พบคำบรรยายประกาศ", ru: "Не найдено описание объекта.")
    static let addDescription = Wording(
        en: "Add a file description.txt with a few lines about the property (type, bedrooms, price, area).",
        th: "เพิ่มไฟล์ description.txt แล้วเขียนรายละเอียดสั้นๆ เช่น ประเภท จำนวนห้องนอน ราคา และพื้นที่",
        ru: "Добавьте файл description.txt с парой строк об объекте: тип, число спален, цена, площадь.")
    static let typeUnclear = Wording(en: "The type of property is not clear.", th: "ไม่ทราบว่าเป็นอสังหาริมทรัพย์ประเภทใด",
                                     ru: "Непонятно, что это за объект.")
    static let noPrice = Wording(en: "No price found.", th: "ไม่พบราคา", ru: "Не указана цена.")
    static let noLocation = Wording(en: "No location found.", th: "ไม่พบทำเลที่ตั้ง", ru: "Не указано, где находится объект.")
    static let offerUnclear = Wording(en: "It is not clear whether this is for rent or for sale.", th: "ไม่ชัดเจนว่าให้เช่าหรือขาย",
                                      ru: "Непонятно, сдаётся объект или продаётся.")
    static let typeMemo = Wording(en: "Write the main facts from the memo into description.txt.",
                                  th: "พิมพ์ข้อมูลสำคัญจากข้อความเสียงลงในไฟล์ description.txt",
                                  ru: "Запишите главное из сообщения в файл description.txt.")
    static let noPhotos = Wording(en: "No usable photos.", th: "ไม่มีรูปภาพที่ใช้ได้", ru: "Нет подходящих фотографий.")
    static let addPhotos = Wording(en: "Add photos (.jpg, .png or .heic) to the folder.",
                                   th: "เพิ่มรูปภาพ (.jpg, .png หรือ .heic) ลงในโฟลเดอร์นี้",
                                   ru: "Добавьте в папку фотографии (.jpg, .png или .heic).")

    static func memoNotTranscribed(_ memo: String) -> Wording {
        Wording(en: "\(memo): voice memos are not transcribed on this server yet.",
                th: "\(memo): ตอนนี้ระบบยังถอดเสียงจากข้อความเสียงไม่ได้",
                ru: "\(memo): голосовые сообщения здесь пока не расшифровываются.")
    }

    /// What the agent knows the detail as (never the field's name).
    static func detail(_ field: String) -> Wording {
        switch field {
        case "bedrooms": Wording(en: "number of bedrooms", th: "จำนวนห้องนอน", ru: "число спален")
        case "bathrooms": Wording(en: "number of bathrooms", th: "จำนวนห้องน้ำ", ru: "число санузлов")
        case "square_meters": Wording(en: "living area", th: "พื้นที่ใช้สอย", ru: "площадь")
        case "land_square_meters": Wording(en: "land size", th: "ขนาดที่ดิน", ru: "площадь участка")
        case "price", "sale_price", "price_per_month": Wording(en: "price", th: "ราคา", ru: "цена")
        case "price_period": Wording(en: "rental period (month, year …)", th: "ระยะเวลาเช่า (ต่อเดือน ต่อปี …)", ru: "срок аренды (в месяц, в год …)")
        case "price_currency": Wording(en: "currency", th: "สกุลเงิน", ru: "валюта")
        case "property_type": Wording(en: "type of property", th: "ประเภทอสังหาริมทรัพย์", ru: "тип объекта")
        case "listing_type": Wording(en: "question of rent or sale", th: "การให้เช่าหรือขาย", ru: "аренда или продажа")
        case "location": Wording(en: "location", th: "ทำเลที่ตั้ง", ru: "расположение")
        case "amenities": Wording(en: "amenities", th: "สิ่งอำนวยความสะดวก", ru: "удобства")
        default: Wording(en: "one detail", th: "ข้อมูลบางอย่าง", ru: "одна из характеристик")
        }
    }

    /// Where a value came from, as the agent thinks of it.
    static func source(_ source: String) -> Wording {
        switch source {
        case "text": Wording(en: "your text", th: "ข้อความของคุณ", ru: "ваш текст")
        case "voice": Wording(en: "your voice memo", th: "ข้อความเสียงของคุณ", ru: "ваше голосовое сообщение")
        case "images", "photos", "vision": Wording(en: "the photos", th: "รูปภาพ", ru: "фотографии")
        default: Wording(en: source, th: source, ru: source)
        }
    }

    static func conflict(_ conflict: FieldConflict) -> Wording {
        func claims(_ language: ListingLanguage) -> String {
            conflict.claims.map { claim in
                let value = conflict.field == "property_type" ? ListingVocabulary.propertyType(claim.value)[language] : claim.value
                return "\(source(claim.source)[language]): \(value)"
            }.joined(separator: ", ")
        }
        let detail = detail(conflict.field)
        return Wording(en: "Your files disagree about the \(detail.en) (\(claims(.en))).",
                       th: "ข้อมูล\(detail.th)ไม่ตรงกัน (\(claims(.th)))",
                       ru: "Данные расходятся — \(detail.ru) (\(claims(.ru))).")
    }

    static func correctConflict(chosen: String) -> Wording {
        let from = source(chosen)
        return Wording(en: "Correct the wrong one; for now the listing uses the value from \(from.en).",
                       th: "โปรดแก้ข้อมูลที่ผิด ตอนนี้ประกาศใช้ข้อมูลจาก\(from.th)ไปก่อน",
                       ru: "Исправьте неверное значение. Пока в объявлении значение из источника: \(from.ru).")
    }

    /// A detail the AI suggested that the agent's own words do not state: left out of the listing.
    static func notStated(_ field: String) -> Wording {
        let detail = detail(field)
        return Wording(en: "The \(detail.en) is not in your text, so it is not published.",
                       th: "ไม่พบ\(detail.th)ในข้อความของคุณ จึงยังไม่ได้ลงประกาศข้อมูลนี้",
                       ru: "В вашем тексте не указано: \(detail.ru). Поэтому в объявлении этого нет.")
    }

    /// A value no real listing has (a 1 m² plot, a rent of 12 M a month): left out of the listing.
    static func implausible(_ field: String, value: String) -> Wording {
        let detail = detail(field)
        return Wording(en: "The \(detail.en) (\(value)) does not look right, so it is not published.",
                       th: "\(detail.th) (\(value)) ดูไม่ถูกต้อง จึงยังไม่ได้ลงประกาศข้อมูลนี้",
                       ru: "Значение «\(detail.ru)» (\(value)) выглядит неверным, поэтому в объявлении его нет.")
    }

    /// "Add e.g. '…' to description.txt", per detail and language.
    static func example(for field: String, sale: Bool) -> Wording {
        func write(_ en: String, _ th: String, _ ru: String) -> Wording {
            Wording(en: "Add e.g. '\(en)' to description.txt.",
                    th: "เขียนลงในไฟล์ description.txt เช่น '\(th)'",
                    ru: "Допишите в файл description.txt, например: «\(ru)».")
        }
        switch field {
        case "bedrooms": return write("3 bedrooms", "3 ห้องนอน", "3 спальни")
        case "bathrooms": return write("2 bathrooms", "2 ห้องน้ำ", "2 санузла")
        case "square_meters": return write("Area: 120 sqm", "พื้นที่ 120 ตร.ม.", "Площадь: 120 кв.м")
        case "land_square_meters": return write("Plot: 400 sqm", "ที่ดิน 400 ตร.ม.", "Участок: 400 кв.м")
        case "price", "sale_price", "price_per_month", "price_period", "price_currency":
            return sale ? write("Price: 12,500,000 THB", "ราคาขาย 12,500,000 บาท", "Цена: 12 500 000 бат")
                : write("80,000 THB/month", "ค่าเช่า 45,000 บาท/เดือน", "Аренда: 80 000 бат в месяц")
        case "location": return write("Location: Rawai, Phuket", "ทำเล: ราไวย์ ภูเก็ต", "Район: Раваи, Пхукет")
        case "property_type":
            return Wording(en: "Write e.g. 'villa', 'condo', 'house' or 'land' in description.txt.",
                           th: "เขียนประเภทลงในไฟล์ description.txt เช่น 'วิลล่า' 'คอนโด' 'บ้าน' หรือ 'ที่ดิน'",
                           ru: "Напишите в файле description.txt, что это: например, «вилла», «кондо», «дом» или «участок».")
        case "listing_type":
            return Wording(en: "Write 'for rent' or 'for sale' in description.txt.",
                           th: "เขียนคำว่า 'ให้เช่า' หรือ 'ขาย' ลงในไฟล์ description.txt",
                           ru: "Напишите в файле description.txt «сдаётся» или «продаётся».")
        default:
            return Wording(en: "Please write it in description.txt.", th: "โปรดเขียนข้อมูลนี้ลงในไฟล์ description.txt",
                           ru: "Пожалуйста, укажите это в файле description.txt.")
        }
    }

    /// A refused file, said in the agent's language, with what to do about that refusal.
    static func refused(_ problem: InventoryProblem) -> (problem: Wording, fix: Wording) {
        switch problem {
        case .link:
            (Wording(en: problem.message, th: "เป็นลิงก์ไปยังที่อื่น ไม่ใช่ไฟล์จริง ระบบจึงไม่อ่านเพื่อความปลอดภัย",
                     ru: "это ссылка на другое место, а не сам файл — из соображений безопасности она не читается"),
             Wording(en: "Upload the file itself instead of a link.", th: "อัปโหลดตัวไฟล์จริงแทนลิงก์",
                     ru: "Загрузите сам файл вместо ссылки."))
        case .notRegularFile:
            (Wording(en: problem.message, th: "ไม่ใช่ไฟล์ปกติ ระบบจึงไม่ได้อ่าน", ru: "это не обычный файл — он не был прочитан"),
             Wording(en: "Replace it with a normal file, or remove it.", th: "แทนที่ด้วยไฟล์ปกติ หรือลบออก",
                     ru: "Замените его обычным файлом или удалите."))
        case .tooLarge(let size, let limit):
            (Wording(en: problem.message, th: "ไฟล์ใหญ่เกินไป (\(size) MB เกินขีดจำกัด \(limit) MB) จึงข้ามไป",
                     ru: "файл слишком большой (\(size) МБ при ограничении \(limit) МБ) — пропущен"),
             Wording(en: "Upload a smaller version: a photo exported at a lower size, or a shorter voice memo.",
                     th: "อัปโหลดไฟล์ที่เล็กลง เช่น บันทึกรูปให้มีขนาดเล็กลง หรือข้อความเสียงที่สั้นลง",
                     ru: "Загрузите файл поменьше: фото, сохранённое в меньшем размере, или более короткую запись."))
        }
    }

    static func problem(forStage stage: String) -> Wording {
        switch stage {
        case "inventory": Wording(en: "this file was not read", th: "ไฟล์นี้ไม่ได้ถูกอ่าน", ru: "этот файл не был прочитан")
        case "photos": Wording(en: "this photo could not be used", th: "ใช้รูปนี้ไม่ได้", ru: "это фото не удалось использовать")
        case "extract": Wording(en: "the text could not be read", th: "อ่านข้อความในไฟล์นี้ไม่ได้", ru: "не удалось прочитать текст этого файла")
        case "transcribe": Wording(en: "the recording could not be transcribed", th: "ถอดเสียงจากไฟล์นี้ไม่ได้", ru: "не удалось расшифровать запись")
        default: Wording(en: "something is wrong with this file", th: "ไฟล์นี้มีปัญหา", ru: "с этим файлом возникла проблема")
        }
    }

    static func fix(forStage stage: String) -> Wording {
        switch stage {
        case "inventory": Wording(en: "Replace the file with a normal file, or remove it.",
                                  th: "แทนที่ด้วยไฟล์ปกติ หรือลบไฟล์นี้ออก",
                                  ru: "Замените его обычным файлом или удалите.")
        case "photos": Wording(en: "Re-export or re-upload the photo as a normal JPEG.",
                               th: "บันทึกรูปใหม่เป็นไฟล์ JPEG ธรรมดาแล้วอัปโหลดอีกครั้ง",
                               ru: "Сохраните фото заново в обычном формате JPEG и загрузите ещё раз.")
        case "extract": Wording(en: "Save the text as UTF-8 (plain text) and upload it again.",
                                th: "บันทึกเป็นไฟล์ข้อความธรรมดา (UTF-8) แล้วอัปโหลดอีกครั้ง",
                                ru: "Сохраните текст как обычный текстовый файл (UTF-8) и загрузите ещё раз.")
        case "transcribe": typeMemo
        default: Wording(en: "Check the file and upload it again.", th: "ตรวจสอบไฟล์แล้วอัปโหลดอีกครั้ง",
                         ru: "Проверьте файл и загрузите его ещё раз.")
        }
    }
}
