/// Why a folder is failed, paused or still waiting, as the agent is told it. The English text is
/// also what the state database and the log keep.
public enum StatusReason: Sendable, Equatable {
    /// The folder holds no description, photo or memo yet.
    case emptyFolder
    /// Only a voice memo, and memos cannot be transcribed on this server.
    case onlyVoiceMemo
    /// Files were there, none could be used (the problems are listed).
    case nothingUsable
    /// Something only the operator can fix (key, credits, budget, provider down): the agent is
    /// told the AI review is late and the listing is out from their own text, nothing more.
    case aiReviewDelayed
    /// Files left open for writing with no bytes arriving; `since` is when bytes last came ("14:02").
    case stalledUploads([StalledFile])
    /// Trouble of the server's (disk full, a permission, the database): nothing is wrong with the
    /// files and the run is tried again by itself at about `retryAt` ("14:32"). What went wrong is
    /// for the operator's log, not the agent.
    case temporaryProblem(retryAt: String)
    /// listing.md or result.json was edited in the folder; both were written again.
    case handEditsReplaced
    /// Several of the above, said one after the other.
    case combined([StatusReason])

    public struct StalledFile: Sendable, Equatable {
        public var name: String
        public var since: String
        public init(name: String, since: String) {
            self.name = name
            self.since = since
        }
    }

    public func text(in language: ListingLanguage) -> String {
        wording[language]
    }

    var wording: Wording {
        switch self {
        case .emptyFolder:
            Wording(en: "The folder has no description, photos or voice memo yet. Add description.txt and photos.",
                    th: "โฟลเดอร์นี้ยังไม่มีคำบรรยาย รูปภาพ หรือข้อความเสียง โปรดเพิ่มไฟล์ description.txt และรูปภาพ",
                    ru: "В папке пока нет ни описания, ни фото, ни голосового сообщения. Добавьте файл description.txt и фотографии.")
        case .onlyVoiceMemo:
            Wording(en: "Only a voice memo was found, and voice memos cannot be transcribed here yet. Add description.txt with the main facts (type, bedrooms, price, location).",
                    th: "พบเพียงข้อความเสียง ซึ่งตอนนี้ระบบยังถอดเสียงไม่ได้ โปรดเพิ่มไฟล์ description.txt พร้อมข้อมูลสำคัญ (ประเภท จำนวนห้องนอน ราคา ทำเล)",
                    ru: "Найдено только голосовое сообщение, а расшифровать его пока нельзя. Добавьте файл description.txt с главным: тип объекта, число спален, цена, район.")
        case .nothingUsable:
            Wording(en: "Nothing in the folder could be used (see the problems listed below). Add a readable description.txt or photos.",
                    th: "ไม่มีไฟล์ใดในโฟลเดอร์นี้ที่ใช้ได้ (ดูปัญหาด้านล่าง) โปรดเพิ่มไฟล์ description.txt ที่อ่านได้ หรือรูปภาพ",
                    ru: "Ни один файл в папке не удалось использовать (проблемы перечислены ниже). Добавьте читаемый файл description.txt или фотографии.")
        case .aiReviewDelayed:
            Wording(en: "AI review is delayed; your listing is published from your text and will be updated by itself.",
                    th: "การตรวจทานด้วย AI ล่าช้า ประกาศของคุณเผยแพร่จากข้อความที่คุณเขียนไว้แล้ว และจะอัปเดตให้เองในภายหลัง",
                    ru: "Проверка с помощью ИИ задерживается; объявление опубликовано по вашему тексту и обновится само.")
        case .stalledUploads(let files):
            Wording(
                en: (files.map { "\($0.name) has been uploading since \($0.since) without progress." }
                    + ["If the upload was interrupted, upload the file again. Processing starts once every file is complete."])
                    .joined(separator: "\n"),
                th: (files.map { "ไฟล์ \($0.name) อัปโหลดค้างอยู่ตั้งแต่เวลา \($0.since) น." }
                    + ["หากการอัปโหลดถูกขัดจังหวะ โปรดอัปโหลดไฟล์นั้นอีกครั้ง ระบบจะเริ่มประมวลผลเมื่ออัปโหลดครบทุกไฟล์แล้ว"])
                    .joined(separator: "\n"),
                ru: (files.map { "Файл \($0.name) загружается с \($0.since), но не меняется." }
                    + ["Если загрузка прервалась, загрузите файл ещё раз. Обработка начнётся, когда все файлы загрузятся полностью."])
                    .joined(separator: "\n"))
        case .temporaryProblem(let retryAt):
            Wording(en: "Processing stopped because of a temporary problem on our server. Nothing is wrong with your files and nothing needs to be uploaded again: we will try again automatically at about \(retryAt).",
                    th: "การประมวลผลหยุดชั่วคราวเพราะเซิร์ฟเวอร์ของเรามีปัญหาชั่วคราว ไฟล์ของคุณไม่มีปัญหาและไม่ต้องอัปโหลดใหม่ ระบบจะลองอีกครั้งโดยอัตโนมัติประมาณเวลา \(retryAt) น.",
                    ru: "Обработка остановилась из-за временной неполадки на нашем сервере. С вашими файлами всё в порядке, загружать их заново не нужно: мы попробуем снова автоматически примерно в \(retryAt).")
        case .handEditsReplaced:
            Wording(en: "listing.md and result.json are written by the server, so changes made to them are replaced. To change the listing, edit description.txt (or add photos); the listing is then made again from it.",
                    th: "ไฟล์ listing.md และ result.json สร้างโดยเซิร์ฟเวอร์ การแก้ไขในไฟล์เหล่านี้จะถูกเขียนทับ หากต้องการเปลี่ยนประกาศ โปรดแก้ไขไฟล์ description.txt (หรือเพิ่มรูปภาพ) แล้วระบบจะสร้างประกาศใหม่ให้",
                    ru: "Файлы listing.md и result.json создаёт сервер, поэтому правки в них заменяются. Чтобы изменить объявление, исправьте description.txt (или добавьте фото) — объявление будет создано заново.")
        case .combined(let reasons):
            Wording(en: reasons.map { $0.wording.en }.joined(separator: "\n\n"),
                    th: reasons.map { $0.wording.th }.joined(separator: "\n\n"),
                    ru: reasons.map { $0.wording.ru }.joined(separator: "\n\n"))
        }
    }
}
