/// Thai: no spaces inside a phrase, a space between phrases; dates in the Buddhist era.
public struct ThaiCatalog: MessageCatalog {
    public init() {}
    public var language: ListingLanguage { .th }

    private static let months = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]

    /// "7 ธ.ค. 2569 17:32": the Buddhist year (Gregorian + 543), as Thai people write dates.
    public func dateTime(_ time: StatusTime) -> String {
        "\(time.day) \(Self.months[(time.month - 1) % 12]) \(time.year + 543) \(time.clock)"
    }

    public func headline(_ state: FolderState) -> String {
        switch state {
        case .waiting: "กำลังรอให้อัปโหลดเสร็จ"
        case .queued: "อยู่ในคิว จะเริ่มดำเนินการในอีกสักครู่"
        case .processing: "กำลังดำเนินการ"
        case .done: "เสร็จแล้ว ประกาศพร้อมใช้งาน"
        case .needsAttention: "เสร็จแล้ว แต่มีบางอย่างที่ควรตรวจสอบ"
        case .failed: "ไม่สำเร็จ"
        case .paused: "หยุดชั่วคราว จะดำเนินการต่อเอง"
        case .removed: "ถูกลบแล้ว"
        }
    }

    public func stage(_ stage: StageName) -> String {
        switch stage {
        case .inventory: "ตรวจสอบไฟล์"
        case .photos: "รูปภาพ"
        case .extract: "อ่านคำบรรยาย"
        case .transcribe: "ถอดข้อความเสียง"
        case .vision: "ตรวจดูรูปภาพ"
        case .merge: "รวบรวมข้อมูล"
        case .describe: "เขียนคำบรรยายประกาศ"
        case .publish: "เผยแพร่ประกาศ"
        }
    }

    public func closing(_ state: FolderState) -> String? {
        switch state {
        case .waiting: "ระบบจะเริ่มประมวลผลเมื่อไม่มีไฟล์ใดเปลี่ยนแปลงสักระยะหนึ่ง หรือทันทีที่คุณเพิ่มไฟล์เปล่าชื่อ READY"
        case .failed: "ยังไม่ได้เผยแพร่ประกาศ เมื่อแก้ไขปัญหาข้างต้นแล้ว ระบบจะประมวลผลโฟลเดอร์นี้ใหม่โดยอัตโนมัติ"
        case .paused: "คุณไม่ต้องทำอะไร ระบบจะดำเนินการต่อเองโดยอัตโนมัติ"
        case .queued, .processing, .done, .needsAttention, .removed: nil
        }
    }

    public func failure(_ cause: FailureCause) -> String {
        switch cause {
        case .emptyFolder: "โฟลเดอร์นี้ยังไม่มีคำบรรยาย รูปภาพ หรือข้อความเสียง โปรดเพิ่มไฟล์ description.txt และรูปภาพ"
        case .onlyVoiceMemo:
            "พบเพียงข้อความเสียง ซึ่งตอนนี้ระบบยังถอดเสียงไม่ได้ โปรดเพิ่มไฟล์ description.txt พร้อมข้อมูลสำคัญ (ประเภท จำนวนห้องนอน ราคา ทำเล)"
        case .nothingUsable: "ไม่มีไฟล์ใดในโฟลเดอร์นี้ที่ใช้ได้ (ดูปัญหาด้านล่าง) โปรดเพิ่มไฟล์ description.txt ที่อ่านได้ หรือรูปภาพ"
        case .serverSetup: "การตั้งค่าของเซิร์ฟเวอร์ทำให้ยังประมวลผลโฟลเดอร์นี้ไม่ได้ ไฟล์ของคุณไม่มีปัญหา และได้แจ้งผู้ดูแลระบบแล้ว"
        }
    }

    private func cause(_ reason: PauseReason) -> String {
        switch reason {
        case .aiReview: "ระบบ AI ยังใช้งานไม่ได้ในขณะนี้"
        case .diskFull: "ดิสก์ของเซิร์ฟเวอร์เต็ม"
        case .diskReadOnly: "ดิสก์ของเซิร์ฟเวอร์เขียนข้อมูลไม่ได้"
        case .diskError: "ดิสก์ของเซิร์ฟเวอร์เกิดข้อผิดพลาด"
        case .cannotOpen: "เซิร์ฟเวอร์ไม่มีสิทธิ์เปิดโฟลเดอร์นี้หรือไฟล์ในโฟลเดอร์ (ไม่มีสิทธิ์เข้าถึง)"
        case .database: "ฐานข้อมูลของเซิร์ฟเวอร์ไม่ว่างหรือเขียนไม่ได้"
        case .photoDecoderUnavailable: "เซิร์ฟเวอร์เริ่มโปรแกรมอ่านรูปภาพไม่ได้"
        case .serverProblem: "เซิร์ฟเวอร์ของเรามีปัญหาชั่วคราว"
        }
    }

    public func pause(_ reason: PauseReason, retryAt: StatusTime?) -> String {
        if reason == .aiReview {
            return "การตรวจทานด้วย AI ล่าช้า ประกาศของคุณเผยแพร่จากข้อความที่คุณเขียนไว้แล้ว และจะอัปเดตให้เองในภายหลัง"
        }
        let when = retryAt.map { "ประมาณเวลา \($0.clock) น." } ?? "ในไม่ช้า"
        let files = reason == .cannotOpen ? "ไม่ต้องอัปโหลดไฟล์ใหม่" : "ไฟล์ของคุณไม่มีปัญหาและไม่ต้องอัปโหลดใหม่"
        return "การประมวลผลหยุดชั่วคราวเพราะ\(cause(reason)) \(files) ระบบจะลองอีกครั้งโดยอัตโนมัติ\(when)"
    }

    public func pauseInBrief(_ reason: PauseReason) -> String {
        switch reason {
        case .aiReview: pause(.aiReview, retryAt: nil)
        case .cannotOpen: "เปิดโฟลเดอร์นี้ไม่ได้ (ไม่มีสิทธิ์เข้าถึง) ระบบจะลองใหม่จนกว่าจะแก้ไข"
        case .diskFull, .diskReadOnly, .diskError, .database, .photoDecoderUnavailable, .serverProblem:
            "\(cause(reason)) ระบบจะลองใหม่โดยอัตโนมัติ"
        }
    }

    public func stalledUpload(_ file: String, since: StatusTime) -> String {
        "ไฟล์ \(file) อัปโหลดค้างอยู่ตั้งแต่เวลา \(since.clock) น."
    }

    public var stalledUploadAdvice: String {
        "หากการอัปโหลดถูกขัดจังหวะ โปรดอัปโหลดไฟล์นั้นอีกครั้ง ระบบจะเริ่มประมวลผลเมื่ออัปโหลดครบทุกไฟล์แล้ว"
    }

    public var handEditsReplaced: String {
        "ไฟล์ listing.md และ result.json สร้างโดยเซิร์ฟเวอร์ การแก้ไขในไฟล์เหล่านี้จะถูกเขียนทับ หากต้องการเปลี่ยนประกาศ โปรดแก้ไขไฟล์ description.txt (หรือเพิ่มรูปภาพ) แล้วระบบจะสร้างประกาศใหม่ให้"
    }

    public func label(_ label: StatusLabel) -> String {
        switch label {
        case .updated: "อัปเดตล่าสุด"
        case .type: "ประเภท"
        case .bedrooms: "ห้องนอน"
        case .bathrooms: "ห้องน้ำ"
        case .area: "พื้นที่"
        case .land: "ที่ดิน"
        case .price: "ราคา"
        case .location: "ทำเล"
        case .photos: "รูปภาพ"
        }
    }

    public func notFound(_ label: StatusLabel) -> String { "ไม่พบ" }
    public var understood: String { "ข้อมูลที่เราอ่านได้:" }
    public func nothingToFix(page: String) -> String { "ไม่มีอะไรต้องแก้ไข ประกาศอยู่ในไฟล์ \(page)" }
    public var pleaseCheck: String { "โปรดตรวจสอบ:" }
    public var whatToDo: String { "วิธีแก้:" }
    public var processedAgain: String { "แก้ไขหรือเพิ่มไฟล์ในโฟลเดอร์นี้ได้เลย ระบบจะประมวลผลใหม่ให้โดยอัตโนมัติ" }
    public var photosHeading: String { "รูปภาพ:" }
    public var problemsHeading: String { "ปัญหา:" }
    public var filesNotUsed: String { "ไฟล์ที่ไม่ได้ใช้:" }
    public func usablePhotos(_ usable: Int, of total: Int) -> String { "ใช้ได้ \(usable) จาก \(total) รูป" }

    public func photoQuality(_ quality: PhotoQuality) -> String {
        switch quality {
        case .ok: "ใช้ได้"
        case .low: "คุณภาพต่ำ"
        case .unusable: "ใช้ไม่ได้"
        }
    }

    public var coverPhoto: String { "เป็นรูปหน้าปก" }
    public func duplicate(of original: String) -> String { "ซ้ำกับ \(original)" }

    public func photoProblem(_ problem: PhotoProblem) -> String {
        switch problem {
        case .tooDark: "มืดเกินไป ถ่ายใหม่ในที่ที่มีแสงมากขึ้น"
        case .blurry: "ภาพเบลอ ถ่ายใหม่โดยถือโทรศัพท์ให้นิ่ง"
        case .tooSmall(let width, let height): "ภาพเล็กเกินไป (\(width)×\(height) พิกเซล) รูปที่กว้างอย่างน้อย 1600 พิกเซลจะดูดีกว่ามาก"
        case .cutShort: "ไฟล์ไม่สมบูรณ์ (อาจอัปโหลดไม่เสร็จ) ใช้ได้เพียงบางส่วน โปรดอัปโหลดใหม่"
        case .emptyFile: "ไฟล์ว่างเปล่า"
        case .notAnImage: "ไฟล์นี้ไม่ใช่รูปภาพ"
        case .unsupportedFormat: "เป็นรูปแบบไฟล์ภาพที่ระบบอ่านไม่ได้"
        case .tooManyPixels: "ภาพมีขนาดใหญ่เกินกว่าจะประมวลผลได้"
        case .damaged: "ไฟล์เสียหาย อ่านไม่ได้"
        case .unreadable: "ตอนนี้ยังอ่านไฟล์นี้ไม่ได้ ระบบจะลองใหม่เอง"
        }
    }

    public func ignored(_ reason: IgnoredReason) -> String {
        switch reason {
        case .notListingFile: "ไม่ใช่คำบรรยาย รูปภาพ หรือข้อความเสียง"
        case .draftMarker: "ไฟล์นี้ระบุว่าขายแล้วหรือถอนประกาศ ประกาศจะไม่แสดงบนเว็บไซต์จนกว่าคุณจะลบไฟล์นี้"
        case .leftOut(let maxFiles, _): "ในโฟลเดอร์มีไฟล์มากเกินไป (ได้สูงสุด \(maxFiles) ไฟล์) ไฟล์นี้จึงไม่ได้ใช้"
        }
    }

    // MARK: questions

    private func detail(_ field: ListingField) -> String {
        switch field {
        case .bedrooms: "จำนวนห้องนอน"
        case .bathrooms: "จำนวนห้องน้ำ"
        case .squareMeters: "พื้นที่ใช้สอย"
        case .landSquareMeters: "ขนาดที่ดิน"
        case .price: "ราคา"
        case .pricePeriod: "ระยะเวลาเช่า (ต่อเดือน ต่อปี …)"
        case .priceCurrency: "สกุลเงิน"
        case .propertyType: "ประเภทอสังหาริมทรัพย์"
        case .listingType: "การให้เช่าหรือขาย"
        case .location: "ทำเลที่ตั้ง"
        case .amenities: "สิ่งอำนวยความสะดวก"
        }
    }

    private func source(_ source: FactSource) -> String {
        switch source {
        case .text: "ข้อความของคุณ"
        case .voice(nil): "ข้อความเสียงของคุณ"
        case .voice(let memo?): "ข้อความเสียง \(memo) ของคุณ"
        case .photos: "รูปภาพ"
        case .other(let code): code
        }
    }

    private func fileProblem(_ problem: FileProblem) -> String {
        switch problem {
        case .link: "เป็นลิงก์ไปยังที่อื่น ไม่ใช่ไฟล์จริง ระบบจึงไม่อ่านเพื่อความปลอดภัย"
        case .notRegularFile: "ไม่ใช่ไฟล์ปกติ ระบบจึงไม่ได้อ่าน"
        case .tooLarge(let size, let limit): "ไฟล์ใหญ่เกินไป (\(size) MB เกินขีดจำกัด \(limit) MB) จึงข้ามไป"
        case .notRead: "ไฟล์นี้ไม่ได้ถูกอ่าน"
        case .noText: "ไฟล์นี้ไม่มีข้อความ"
        case .emptyTextFile: "ไฟล์นี้ว่างเปล่า"
        case .notText: "ไฟล์นี้ไม่ใช่ไฟล์ข้อความ (อาจเป็นเอกสารหรือรูปภาพที่บันทึกเป็น .txt)"
        case .textUnreadable: "อ่านข้อความในไฟล์นี้ไม่ได้"
        case .notTranscribed: "ถอดเสียงจากไฟล์นี้ไม่ได้"
        case .photo(let problem): photoProblem(problem)
        }
    }

    public func problem(_ question: AgentQuestion) -> String {
        switch question {
        case .addDescription: "ไม่พบคำบรรยายประกาศ"
        case .missing(.propertyType): "ไม่ทราบว่าเป็นอสังหาริมทรัพย์ประเภทใด"
        case .missing(.price): "ไม่พบราคา"
        case .missing(.location): "ไม่พบทำเลที่ตั้ง"
        case .missing(.listingType): "ไม่ชัดเจนว่าให้เช่าหรือขาย"
        case .missing(let field): "ไม่พบ\(detail(field))"
        case .conflict(let field, let claims, _):
            "ข้อมูล\(detail(field))ไม่ตรงกัน (\(self.claims(claims, of: field, source: source)))"
        case .withheld(let field, .notStated): "ไม่พบ\(detail(field))ในข้อความของคุณ จึงยังไม่ได้ลงประกาศข้อมูลนี้"
        case .withheld(let field, .implausible(let value)): "\(detail(field)) (\(value)) ดูไม่ถูกต้อง จึงยังไม่ได้ลงประกาศข้อมูลนี้"
        case .memoNotTranscribed(let memo): "\(memo): ตอนนี้ระบบยังถอดเสียงจากข้อความเสียงไม่ได้"
        case .addPhotos: "ไม่มีรูปภาพที่ใช้ได้"
        case .file(let name, let problem): subject(name, fileProblem(problem))
        }
    }

    public func fix(_ question: AgentQuestion, sale: Bool) -> String {
        switch question {
        case .addDescription: "เพิ่มไฟล์ description.txt แล้วเขียนรายละเอียดสั้นๆ เช่น ประเภท จำนวนห้องนอน ราคา และพื้นที่"
        case .missing(let field), .withheld(let field, _): example(field, sale: sale)
        case .conflict(_, _, let chosen): "โปรดแก้ข้อมูลที่ผิด ตอนนี้ประกาศใช้ข้อมูลจาก\(source(chosen))ไปก่อน"
        case .memoNotTranscribed: typeMemo
        case .addPhotos: "เพิ่มรูปภาพ (.jpg, .png หรือ .heic) ลงในโฟลเดอร์นี้"
        case .file(_, let problem):
            switch problem {
            case .link: "อัปโหลดตัวไฟล์จริงแทนลิงก์"
            case .notRegularFile, .notRead: "แทนที่ด้วยไฟล์ปกติ หรือลบออก"
            case .tooLarge: "อัปโหลดไฟล์ที่เล็กลง เช่น บันทึกรูปให้มีขนาดเล็กลง หรือข้อความเสียงที่สั้นลง"
            case .noText, .emptyTextFile: "เขียนคำบรรยายลงในไฟล์แล้วอัปโหลดอีกครั้ง"
            case .notText: "บันทึกคำบรรยายเป็นไฟล์ข้อความธรรมดา (.txt) แล้วอัปโหลดอีกครั้ง"
            case .textUnreadable: "บันทึกเป็นไฟล์ข้อความธรรมดา (UTF-8) แล้วอัปโหลดอีกครั้ง"
            case .notTranscribed: typeMemo
            case .photo(.unreadable): "ไม่ต้องทำอะไร หากยังเป็นอยู่ โปรดอัปโหลดรูปใหม่"
            case .photo(.cutShort): "อัปโหลดรูปนี้อีกครั้ง"
            case .photo: "บันทึกรูปใหม่เป็นไฟล์ JPEG ธรรมดาแล้วอัปโหลดอีกครั้ง"
            }
        }
    }

    private var typeMemo: String { "พิมพ์ข้อมูลสำคัญจากข้อความเสียงลงในไฟล์ description.txt" }

    private func example(_ field: ListingField, sale: Bool) -> String {
        func write(_ text: String) -> String { "เขียนลงในไฟล์ description.txt เช่น '\(text)'" }
        return switch field {
        case .bedrooms: write("3 ห้องนอน")
        case .bathrooms: write("2 ห้องน้ำ")
        case .squareMeters: write("พื้นที่ 120 ตร.ม.")
        case .landSquareMeters: write("ที่ดิน 400 ตร.ม.")
        case .price, .pricePeriod, .priceCurrency: write(sale ? "ราคาขาย 12,500,000 บาท" : "ค่าเช่า 45,000 บาท/เดือน")
        case .location: write("ทำเล: ราไวย์ ภูเก็ต")
        case .amenities: write("สระว่ายน้ำส่วนตัว สวน ที่จอดรถ")
        case .propertyType: "เขียนประเภทลงในไฟล์ description.txt เช่น 'วิลล่า' 'คอนโด' 'บ้าน' หรือ 'ที่ดิน'"
        case .listingType: "เขียนคำว่า 'ให้เช่า' หรือ 'ขาย' ลงในไฟล์ description.txt"
        }
    }

    public var inboxTitle: String { "PropertyInbox — สถานะของทุกโฟลเดอร์" }
    public var noFolders: String { "ยังไม่มีโฟลเดอร์ประกาศ" }
    public var seeFolderStatus: String { "รายละเอียดของแต่ละโฟลเดอร์อยู่ในไฟล์ _STATUS.txt ของโฟลเดอร์นั้น" }
    public var seeFolderProblem: String { "ดูไฟล์ _STATUS.txt ในโฟลเดอร์" }
}
