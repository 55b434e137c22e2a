/// Russian: the messages on the agent's channels.
extension RussianCatalog {
    public func noticeSubject(_ kind: NoticeKind, property: String) -> String {
        switch kind {
        case .published: "\(property): объявление опубликовано"
        case .needsAgent: "\(property): объявление опубликовано — проверьте его"
        case .pendingReview: "\(property): объявление опубликовано, проверка ИИ позже"
        case .reviewed: "\(property): проверка объявления ИИ завершена"
        case .failed: "\(property): опубликовать не удалось"
        case .removed: "\(property): папка удалена"
        case .cannotWrite: "\(property): сервер не может записать в вашу папку"
        case .test: "Тестовое сообщение PropertyInbox"
        }
    }

    public func noticeLead(_ kind: NoticeKind, property: String) -> String {
        switch kind {
        case .published: "Ваше объявление \(property) опубликовано."
        case .needsAgent: "Ваше объявление \(property) опубликовано, но некоторых данных не хватает или они неясны."
        case .pendingReview: "Объявление \(property) опубликовано по вашему тексту; проверка ИИ задерживается и пройдёт сама."
        case .reviewed: "Проверка объявления \(property) ИИ завершена, объявление обновлено."
        case .failed: "Из папки \(property) ничего не удалось опубликовать."
        case .removed: "Папка \(property) удалена из входящих; объявление снято."
        case .cannotWrite:
            "Сервер не может записать объявление в папку \(property): при загрузке папка получила права, с которыми запись невозможна. Администратор уже знает; загружать заново не нужно."
        case .test: "Это тестовое сообщение PropertyInbox. Если вы его читаете, канал работает."
        }
    }

    public var noticeLink: String { "Объявление" }

    public func noticeClosing(_ kind: NoticeKind) -> String? {
        switch kind {
        case .needsAgent, .reviewed, .failed:
            "Исправьте description.txt в папке (или добавьте недостающее) — папка будет обработана заново автоматически. Подробности — в _STATUS.txt в папке."
        case .published, .pendingReview, .removed, .cannotWrite, .test: nil
        }
    }
}
