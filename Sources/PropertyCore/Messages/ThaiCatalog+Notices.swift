/// Thai: the messages on the agent's channels.
extension ThaiCatalog {
    public func noticeSubject(_ kind: NoticeKind, property: String) -> String {
        switch kind {
        case .published: "\(property): ประกาศของคุณเผยแพร่แล้ว"
        case .needsAgent: "\(property): ประกาศเผยแพร่แล้ว — กรุณาตรวจสอบ"
        case .pendingReview: "\(property): ประกาศเผยแพร่แล้ว รอการตรวจด้วย AI"
        case .reviewed: "\(property): ตรวจประกาศด้วย AI เสร็จแล้ว"
        case .failed: "\(property): ไม่สามารถเผยแพร่ประกาศได้"
        case .removed: "\(property): โฟลเดอร์ถูกลบแล้ว"
        case .cannotWrite: "\(property): เซิร์ฟเวอร์เขียนลงโฟลเดอร์ของคุณไม่ได้"
        case .test: "ข้อความทดสอบจาก PropertyInbox"
        }
    }

    public func noticeLead(_ kind: NoticeKind, property: String) -> String {
        switch kind {
        case .published: "ประกาศ \(property) ของคุณเผยแพร่แล้ว"
        case .needsAgent: "ประกาศ \(property) ของคุณเผยแพร่แล้ว แต่ยังมีข้อมูลที่ขาดหรือไม่ชัดเจน"
        case .pendingReview: "ประกาศ \(property) เผยแพร่จากข้อความของคุณแล้ว การตรวจด้วย AI ล่าช้าและจะทำต่อเองโดยอัตโนมัติ"
        case .reviewed: "ตรวจประกาศ \(property) ด้วย AI เสร็จแล้ว และปรับปรุงประกาศเรียบร้อย"
        case .failed: "ไม่สามารถเผยแพร่อะไรจากโฟลเดอร์ \(property) ได้"
        case .removed: "โฟลเดอร์ \(property) ถูกลบออกจากกล่องรับแล้ว ประกาศถูกนำออก"
        case .cannotWrite:
            "เซิร์ฟเวอร์เขียนประกาศลงในโฟลเดอร์ \(property) ไม่ได้ เพราะการอัปโหลดตั้งสิทธิ์โฟลเดอร์ที่เซิร์ฟเวอร์เขียนไม่ได้ ผู้ดูแลระบบได้รับแจ้งแล้ว คุณไม่ต้องอัปโหลดใหม่"
        case .test: "นี่คือข้อความทดสอบจาก PropertyInbox ถ้าคุณได้รับข้อความนี้ แสดงว่าช่องทางนี้ใช้งานได้"
        }
    }

    public var noticeLink: String { "ประกาศ" }

    public func noticeClosing(_ kind: NoticeKind) -> String? {
        switch kind {
        case .needsAgent, .reviewed, .failed:
            "แก้ไข description.txt ในโฟลเดอร์ (หรือเพิ่มสิ่งที่ขาด) แล้วระบบจะประมวลผลใหม่เอง รายละเอียดอยู่ใน _STATUS.txt ในโฟลเดอร์"
        case .published, .pendingReview, .removed, .cannotWrite, .test: nil
        }
    }
}
