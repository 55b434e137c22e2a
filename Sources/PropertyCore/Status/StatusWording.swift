/// Every sentence `_STATUS.txt` and `_INBOX_STATUS.txt` say, in English, Thai and Russian,
/// written for an agent, not an engineer: what happened, and what to add, with an example in the
/// agent's language. Nothing here names a field, a key or a setting only the operator can change.
enum StatusWording {
    static func headline(_ state: FolderState) -> Wording {
        switch state {
        case .waiting: Wording(en: "Waiting for the upload to finish", th: "กำลังรอให้อัปโหลดเสร็จ", ru: "Ждём окончания загрузки")
        case .queued: Wording(en: "Queued — will be processed shortly", th: "อยู่ในคิว จะเริ่มดำเนินการในอีกสักครู่",
                              ru: "В очереди — скоро начнём обработку")
        case .processing: Wording(en: "Processing", th: "กำลังดำเนินการ", ru: "Идёт обработка")
        case .done: Wording(en: "Done — the listing is ready", th: "เสร็จแล้ว ประกาศพร้อมใช้งาน", ru: "Готово — объявление опубликовано")
        case .needsAttention: Wording(en: "Done, needs attention", th: "เสร็จแล้ว แต่มีบางอย่างที่ควรตรวจสอบ",
                                      ru: "Готово, но кое-что нужно проверить")
        case .failed: Wording(en: "Failed", th: "ไม่สำเร็จ", ru: "Не удалось обработать")
        case .paused: Wording(en: "Paused — will resume by itself", th: "หยุดชั่วคราว จะดำเนินการต่อเอง",
                              ru: "Приостановлено — продолжится автоматически")
        case .removed: Wording(en: "Removed", th: "ถูกลบแล้ว", ru: "Удалено")
        }
    }

    /// The stage names the pipeline reports while it works.
    static func stage(_ stage: String) -> Wording {
        switch stage {
        case "photos": Wording(en: "photos", th: "รูปภาพ", ru: "фотографии")
        case "reading the description": Wording(en: stage, th: "อ่านคำบรรยาย", ru: "читаем описание")
        case "merging": Wording(en: stage, th: "รวบรวมข้อมูล", ru: "сводим данные")
        case "writing the description": Wording(en: stage, th: "เขียนคำบรรยายประกาศ", ru: "пишем текст объявления")
        case "publishing": Wording(en: stage, th: "เผยแพร่ประกาศ", ru: "публикуем объявление")
        default: Wording(en: stage, th: "กำลังทำงาน", ru: "в работе")
        }
    }

    static let updated = Wording(en: "Updated", th: "อัปเดตล่าสุด", ru: "Обновлено")
    static let understood = Wording(en: "What we understood:", th: "ข้อมูลที่เราอ่านได้:", ru: "Что мы поняли из ваших файлов:")
    static let notFound = Wording(en: "not found", th: "ไม่พบ", ru: "не найдено")
    /// The listing page's labels, so the agent reads the words the buyer will; the status says
    /// "Area" where a page says "Living area" (a status line is short), and counts photos.
    static let labels = (
        type: ListingWording.labels.type,
        bedrooms: ListingWording.labels.bedrooms,
        bathrooms: ListingWording.labels.bathrooms,
        area: Wording(en: "Area", th: "พื้นที่", ru: "Площадь"),
        land: ListingWording.labels.land,
        price: ListingWording.labels.price,
        location: ListingWording.labels.location,
        photos: Wording(en: "Photos", th: "รูปภาพ", ru: "Фото")
    )

    static func usablePhotos(_ usable: Int, of total: Int) -> Wording {
        Wording(en: "\(usable) of \(total) usable", th: "ใช้ได้ \(usable) จาก \(total) รูป", ru: "подходят \(usable) из \(total)")
    }

    static let nothingToFix = Wording(en: "Nothing to fix. The listing is in listing.md.",
                                      th: "ไม่มีอะไรต้องแก้ไข ประกาศอยู่ในไฟล์ listing.md",
                                      ru: "Исправлять ничего не нужно. Объявление — в файле listing.md.")
    static let pleaseCheck = Wording(en: "Please check:", th: "โปรดตรวจสอบ:", ru: "Пожалуйста, проверьте:")
    static let whatToDo = Wording(en: "What to do:", th: "วิธีแก้:", ru: "Что сделать:")
    static let processedAgain = Wording(
        en: "Edit or add files in this folder; it is processed again automatically.",
        th: "แก้ไขหรือเพิ่มไฟล์ในโฟลเดอร์นี้ได้เลย ระบบจะประมวลผลใหม่ให้โดยอัตโนมัติ",
        ru: "Исправьте или добавьте файлы в этой папке — она будет обработана заново автоматически.")
    static let photosHeading = Wording(en: "Photos:", th: "รูปภาพ:", ru: "Фотографии:")
    static let coverPhoto = Wording(en: "cover photo", th: "เป็นรูปหน้าปก", ru: "главное фото")
    static func duplicate(of original: String) -> Wording {
        Wording(en: "duplicate of \(original)", th: "ซ้ำกับ \(original)", ru: "повторяет \(original)")
    }
    static let filesNotUsed = Wording(en: "Files not used:", th: "ไฟล์ที่ไม่ได้ใช้:", ru: "Эти файлы не использованы:")
    static let problems = Wording(en: "Problems:", th: "ปัญหา:", ru: "Проблемы:")

    static func photoQuality(_ quality: String?) -> Wording {
        switch quality {
        case "low": Wording(en: "low", th: "คุณภาพต่ำ", ru: "низкое качество")
        case "unusable": Wording(en: "unusable", th: "ใช้ไม่ได้", ru: "не подходит")
        default: Wording(en: quality ?? "ok", th: "ใช้ได้", ru: "в порядке")
        }
    }

    /// The photo stage's plain-English notes (PhotoStage), in the agent's language; a note not
    /// known here is summed up by the photo's quality instead.
    static func photoIssue(_ issue: String) -> Wording? {
        if issue.hasPrefix("too dark") {
            return Wording(en: issue, th: "มืดเกินไป ถ่ายใหม่ในที่ที่มีแสงมากขึ้น", ru: "слишком тёмное — переснимите при хорошем освещении")
        }
        if issue.hasPrefix("blurry") {
            return Wording(en: issue, th: "ภาพเบลอ ถ่ายใหม่โดยถือโทรศัพท์ให้นิ่ง", ru: "размыто — переснимите, держа телефон неподвижно")
        }
        if issue.hasPrefix("small") {
            return Wording(en: issue, th: "ภาพเล็กเกินไป รูปที่กว้างอย่างน้อย 1600 พิกเซลจะดูดีกว่ามาก",
                           ru: "маленький размер — снимки от 1600 пикселей смотрятся гораздо лучше")
        }
        if issue.hasPrefix("the file is cut short") {
            return Wording(en: issue, th: "ไฟล์ไม่สมบูรณ์ (อาจอัปโหลดไม่เสร็จ) โปรดอัปโหลดใหม่",
                           ru: "файл загружен не полностью — загрузите его ещё раз")
        }
        return nil
    }

    static func ignoredReason(_ reason: String) -> Wording {
        switch reason {
        case IgnoredFile.Reason.notListingFile:
            Wording(en: reason, th: "ไม่ใช่คำบรรยาย รูปภาพ หรือข้อความเสียง", ru: "это не описание, не фото и не голосовое сообщение")
        case IgnoredFile.Reason.draftMarker:
            Wording(en: reason, th: "ไฟล์นี้ระบุว่าขายแล้วหรือถอนประกาศ ประกาศจะไม่แสดงบนเว็บไซต์จนกว่าคุณจะลบไฟล์นี้",
                    ru: "этот файл отмечает объект как проданный или снятый — объявление не показывается на сайте, пока вы не удалите файл")
        case _ where reason.hasPrefix("left out"):
            Wording(en: reason, th: "ในโฟลเดอร์มีไฟล์มากเกินไป ไฟล์นี้จึงไม่ได้ใช้", ru: "в папке слишком много файлов, этот не вошёл")
        default:
            Wording(en: reason, th: reason, ru: reason)  // a reason from an older result.json: as it was written
        }
    }

    static func closing(_ state: FolderState) -> Wording? {
        switch state {
        case .waiting:
            Wording(en: "Processing starts once no file has changed for a short while, or as soon as you add an empty file named READY.",
                    th: "ระบบจะเริ่มประมวลผลเมื่อไม่มีไฟล์ใดเปลี่ยนแปลงสักระยะหนึ่ง หรือทันทีที่คุณเพิ่มไฟล์เปล่าชื่อ READY",
                    ru: "Обработка начнётся, когда файлы какое-то время не будут меняться, или сразу, как только вы добавите пустой файл с именем READY.")
        case .failed:
            Wording(en: "Nothing was published. Fix the problem above and the folder is processed again automatically.",
                    th: "ยังไม่ได้เผยแพร่ประกาศ เมื่อแก้ไขปัญหาข้างต้นแล้ว ระบบจะประมวลผลโฟลเดอร์นี้ใหม่โดยอัตโนมัติ",
                    ru: "Объявление не опубликовано. Исправьте то, что указано выше, и папка будет обработана заново автоматически.")
        case .paused:
            Wording(en: "You do not need to do anything; processing resumes automatically.",
                    th: "คุณไม่ต้องทำอะไร ระบบจะดำเนินการต่อเองโดยอัตโนมัติ",
                    ru: "Вам ничего не нужно делать — обработка продолжится автоматически.")
        default:
            nil
        }
    }

    // MARK: the inbox summary

    static let inboxTitle = Wording(en: "PropertyInbox — status of every folder", th: "PropertyInbox — สถานะของทุกโฟลเดอร์",
                                    ru: "PropertyInbox — состояние всех папок")
    static let noFolders = Wording(en: "No property folders yet.", th: "ยังไม่มีโฟลเดอร์ประกาศ", ru: "Папок с объектами пока нет.")
    static let seeFolderStatus = Wording(en: "Each folder has its own _STATUS.txt with details.",
                                         th: "รายละเอียดของแต่ละโฟลเดอร์อยู่ในไฟล์ _STATUS.txt ของโฟลเดอร์นั้น",
                                         ru: "Подробности — в файле _STATUS.txt внутри каждой папки.")
    static let seeFolderProblem = Wording(en: "see _STATUS.txt in the folder", th: "ดูไฟล์ _STATUS.txt ในโฟลเดอร์",
                                          ru: "см. _STATUS.txt в папке")
}
