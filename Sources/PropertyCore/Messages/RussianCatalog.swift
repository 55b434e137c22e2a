/// Russian: words agree with their number (CLDR plural rules) and gender («Цена: не найдена»).
public struct RussianCatalog: MessageCatalog {
    public init() {}
    public var language: ListingLanguage { .ru }

    /// CLDR's abbreviated month names in the genitive, as in «7 дек. 2026».
    private static let months = ["янв.", "февр.", "мар.", "апр.", "мая", "июн.", "июл.", "авг.", "сент.", "окт.", "нояб.", "дек."]

    public func dateTime(_ time: StatusTime) -> String {
        "\(time.day) \(Self.months[(time.month - 1) % 12]) \(time.year), \(time.clock)"
    }

    public func headline(_ state: FolderState) -> String {
        switch state {
        case .waiting: "Ждём окончания загрузки"
        case .queued: "В очереди — скоро начнём обработку"
        case .processing: "Идёт обработка"
        case .done: "Готово — объявление опубликовано"
        case .needsAttention: "Готово, но кое-что нужно проверить"
        case .failed: "Не удалось обработать"
        case .paused: "Приостановлено — продолжится автоматически"
        case .removed: "Удалено"
        }
    }

    public func stage(_ stage: StageName) -> String {
        switch stage {
        case .inventory: "проверяем файлы"
        case .photos: "фотографии"
        case .extract: "читаем описание"
        case .transcribe: "расшифровываем голосовое сообщение"
        case .vision: "смотрим фотографии"
        case .merge: "сводим данные"
        case .describe: "пишем текст объявления"
        case .publish: "публикуем объявление"
        }
    }

    public func closing(_ state: FolderState) -> String? {
        switch state {
        case .waiting: "Обработка начнётся, когда файлы какое-то время не будут меняться, или сразу, как только вы добавите пустой файл с именем READY."
        case .failed: "Объявление не опубликовано. Исправьте то, что указано выше, и папка будет обработана заново автоматически."
        case .paused: "Вам ничего не нужно делать — обработка продолжится автоматически."
        case .queued, .processing, .done, .needsAttention, .removed: nil
        }
    }

    public func failure(_ cause: FailureCause) -> String {
        switch cause {
        case .emptyFolder: "В папке пока нет ни описания, ни фото, ни голосового сообщения. Добавьте файл description.txt и фотографии."
        case .onlyVoiceMemo:
            "Найдено только голосовое сообщение, а расшифровать его пока нельзя. Добавьте файл description.txt с главным: тип объекта, число спален, цена, район."
        case .nothingUsable:
            "Ни один файл в папке не удалось использовать (проблемы перечислены ниже). Добавьте читаемый файл description.txt или фотографии."
        case .serverSetup: "Папку не удалось обработать из-за настроек сервера. С вашими файлами всё в порядке; администратор уже знает о проблеме."
        }
    }

    private func cause(_ reason: PauseReason) -> String {
        switch reason {
        case .aiReview: "проверка с помощью ИИ сейчас недоступна"
        case .diskFull: "на диске сервера закончилось место"
        case .diskReadOnly: "диск сервера доступен только для чтения"
        case .diskError: "диск сервера сообщил об ошибке"
        case .cannotOpen: "у сервера нет прав открыть эту папку или файл в ней"
        case .database: "база данных сервера занята или недоступна для записи"
        case .photoDecoderUnavailable: "сервер не смог запустить обработку фотографий"
        case .serverProblem: "временная неполадка на нашем сервере"
        }
    }

    public func pause(_ reason: PauseReason, retryAt: StatusTime?) -> String {
        if reason == .aiReview {
            return "Проверка с помощью ИИ задерживается; объявление опубликовано по вашему тексту и обновится само."
        }
        let when = retryAt.map { "примерно в \($0.clock)" } ?? "в ближайшее время"
        let files = reason == .cannotOpen ? "Загружать файлы заново не нужно" : "С вашими файлами всё в порядке, загружать их заново не нужно"
        return "Обработка остановилась: \(cause(reason)). \(files): мы попробуем снова автоматически \(when)."
    }

    public func pauseInBrief(_ reason: PauseReason) -> String {
        switch reason {
        case .aiReview: pause(.aiReview, retryAt: nil)
        case .cannotOpen: "папку не удаётся открыть (нет прав доступа); мы пробуем снова, пока это не исправят"
        case .diskFull, .diskReadOnly, .diskError, .database, .photoDecoderUnavailable, .serverProblem:
            "\(cause(reason)); мы попробуем снова автоматически"
        }
    }

    public func stalledUpload(_ file: String, since: StatusTime) -> String {
        "Файл \(file) загружается с \(since.clock), но не меняется."
    }

    public var stalledUploadAdvice: String {
        "Если загрузка прервалась, загрузите файл ещё раз. Обработка начнётся, когда все файлы загрузятся полностью."
    }

    public var handEditsReplaced: String {
        "Файлы listing.md и result.json создаёт сервер, поэтому правки в них заменяются. Чтобы изменить объявление, исправьте description.txt (или добавьте фото) — объявление будет создано заново."
    }

    public func label(_ label: StatusLabel) -> String {
        switch label {
        case .updated: "Обновлено"
        case .type: "Тип"
        case .bedrooms: "Спальни"
        case .bathrooms: "Санузлы"
        case .area: "Площадь"
        case .land: "Участок"
        case .price: "Цена"
        case .location: "Расположение"
        case .photos: "Фото"
        }
    }

    /// Agrees with the label's gender and number: «Тип: не найден», «Цена: не найдена».
    public func notFound(_ label: StatusLabel) -> String {
        switch label {
        case .type, .land: "не найден"
        case .area, .price: "не найдена"
        case .location, .updated: "не найдено"
        case .bedrooms, .bathrooms, .photos: "не найдены"
        }
    }

    public var understood: String { "Что мы поняли из ваших файлов:" }
    public func nothingToFix(page: String) -> String { "Исправлять ничего не нужно. Объявление — в файле \(page)." }
    public var pleaseCheck: String { "Пожалуйста, проверьте:" }
    public var whatToDo: String { "Что сделать:" }
    public var processedAgain: String { "Исправьте или добавьте файлы в этой папке — она будет обработана заново автоматически." }
    public var photosHeading: String { "Фотографии:" }
    public var problemsHeading: String { "Проблемы:" }
    public var filesNotUsed: String { "Эти файлы не использованы:" }

    /// «подходит 1 из 1», «подходят 2 из 3»: the verb agrees with the number.
    public func usablePhotos(_ usable: Int, of total: Int) -> String {
        if usable == 0 { return "не подходит ни одно из \(NumberStyle.format(total, in: .ru))" }
        let verb = PluralRules.category(of: usable, in: .ru) == .one ? "подходит" : "подходят"
        return "\(verb) \(NumberStyle.format(usable, in: .ru)) из \(NumberStyle.format(total, in: .ru))"
    }

    public func photoQuality(_ quality: PhotoQuality) -> String {
        switch quality {
        case .ok: "в порядке"
        case .low: "низкое качество"
        case .unusable: "не подходит"
        }
    }

    public var coverPhoto: String { "главное фото" }
    public func duplicate(of original: String) -> String { "повторяет \(original)" }

    public func photoProblem(_ problem: PhotoProblem) -> String {
        switch problem {
        case .tooDark: "слишком тёмное — переснимите при хорошем освещении"
        case .blurry: "размыто — переснимите, держа телефон неподвижно"
        case .tooSmall(let width, let height): "маленький размер (\(width)×\(height) пикс.) — снимки от 1600 пикселей смотрятся гораздо лучше"
        case .cutShort: "файл загружен не полностью — загрузите его ещё раз"
        case .emptyFile: "файл пустой"
        case .notAnImage: "это не фотография"
        case .unsupportedFormat: "формат изображения, который здесь не читается"
        case .tooManyPixels: "изображение слишком большое для обработки"
        case .damaged: "файл повреждён и не читается"
        case .unreadable: "файл сейчас не удалось прочитать; попробуем снова автоматически"
        }
    }

    public func ignored(_ reason: IgnoredReason) -> String {
        switch reason {
        case .notListingFile: "это не описание, не фото и не голосовое сообщение"
        case .draftMarker: "этот файл отмечает объект как проданный или снятый — объявление не показывается на сайте, пока вы не удалите файл"
        case .leftOut(let maxFiles, _): "в папке слишком много файлов (не больше \(NumberStyle.format(maxFiles, in: .ru))), этот не вошёл"
        }
    }

    // MARK: questions

    private func detail(_ field: ListingField) -> String {
        switch field {
        case .bedrooms: "число спален"
        case .bathrooms: "число санузлов"
        case .squareMeters: "площадь"
        case .landSquareMeters: "площадь участка"
        case .price: "цена"
        case .pricePeriod: "срок аренды (в месяц, в год …)"
        case .priceCurrency: "валюта"
        case .propertyType: "тип объекта"
        case .listingType: "аренда или продажа"
        case .location: "расположение"
        case .amenities: "удобства"
        }
    }

    private func source(_ source: FactSource) -> String {
        switch source {
        case .text: "ваш текст"
        case .voice(nil): "ваше голосовое сообщение"
        case .voice(let memo?): "голосовое сообщение \(memo)"
        case .photos: "фотографии"
        case .other(let code): code
        }
    }

    private func fileProblem(_ problem: FileProblem) -> String {
        switch problem {
        case .link: "это ссылка на другое место, а не сам файл — из соображений безопасности она не читается"
        case .notRegularFile: "это не обычный файл — он не был прочитан"
        case .tooLarge(let size, let limit): "файл слишком большой (\(size) МБ при ограничении \(limit) МБ) — пропущен"
        case .notRead: "этот файл не был прочитан"
        case .noText: "в файле нет текста"
        case .emptyTextFile: "файл пустой"
        case .notText: "это не текстовый файл (похоже, документ или фото, сохранённые как .txt)"
        case .textUnreadable: "не удалось прочитать текст этого файла"
        case .notTranscribed: "не удалось расшифровать запись"
        case .photo(let problem): photoProblem(problem)
        }
    }

    public func problem(_ question: AgentQuestion) -> String {
        switch question {
        case .addDescription: "Не найдено описание объекта."
        case .missing(.propertyType): "Непонятно, что это за объект."
        case .missing(.price): "Не указана цена."
        case .missing(.location): "Не указано, где находится объект."
        case .missing(.listingType): "Непонятно, сдаётся объект или продаётся."
        case .missing(let field): "Не указано: \(detail(field))."
        case .conflict(let field, let claims, _):
            "Данные расходятся — \(detail(field)) (\(self.claims(claims, of: field, source: source)))."
        case .withheld(let field, .notStated): "В вашем тексте не указано: \(detail(field)). Поэтому в объявлении этого нет."
        case .withheld(let field, .implausible(let value)): "Значение «\(detail(field))» (\(value)) выглядит неверным, поэтому в объявлении его нет."
        case .memoNotTranscribed(let memo): "\(memo): голосовые сообщения здесь пока не расшифровываются."
        case .addPhotos: "Нет подходящих фотографий."
        case .file(let name, let problem): subject(name, fileProblem(problem))
        }
    }

    public func fix(_ question: AgentQuestion, sale: Bool) -> String {
        switch question {
        case .addDescription: "Добавьте файл description.txt с парой строк об объекте: тип, число спален, цена, площадь."
        case .missing(let field), .withheld(let field, _): example(field, sale: sale)
        case .conflict(_, _, let chosen): "Исправьте неверное значение. Пока в объявлении значение из источника: \(source(chosen))."
        case .memoNotTranscribed: typeMemo
        case .addPhotos: "Добавьте в папку фотографии (.jpg, .png или .heic)."
        case .file(_, let problem):
            switch problem {
            case .link: "Загрузите сам файл вместо ссылки."
            case .notRegularFile, .notRead: "Замените его обычным файлом или удалите."
            case .tooLarge: "Загрузите файл поменьше: фото, сохранённое в меньшем размере, или более короткую запись."
            case .noText, .emptyTextFile: "Напишите описание в файл и загрузите его ещё раз."
            case .notText: "Сохраните описание как обычный текст (.txt) и загрузите ещё раз."
            case .textUnreadable: "Сохраните текст как обычный текстовый файл (UTF-8) и загрузите ещё раз."
            case .notTranscribed: typeMemo
            case .photo(.unreadable): "Ничего делать не нужно; если это не пройдёт, загрузите фото ещё раз."
            case .photo(.cutShort): "Загрузите фото ещё раз."
            case .photo: "Сохраните фото заново в обычном формате JPEG и загрузите ещё раз."
            }
        }
    }

    private var typeMemo: String { "Запишите главное из сообщения в файл description.txt." }

    private func example(_ field: ListingField, sale: Bool) -> String {
        func write(_ text: String) -> String { "Допишите в файл description.txt, например: «\(text)»." }
        return switch field {
        case .bedrooms: write("3 спальни")
        case .bathrooms: write("2 санузла")
        case .squareMeters: write("Площадь: 120 кв.м")
        case .landSquareMeters: write("Участок: 400 кв.м")
        case .price, .pricePeriod, .priceCurrency: write(sale ? "Цена: 12 500 000 бат" : "Аренда: 80 000 бат в месяц")
        case .location: write("Район: Раваи, Пхукет")
        case .amenities: write("Собственный бассейн, сад, парковка")
        case .propertyType: "Напишите в файле description.txt, что это: например, «вилла», «кондо», «дом» или «участок»."
        case .listingType: "Напишите в файле description.txt «сдаётся» или «продаётся»."
        }
    }

    public var inboxTitle: String { "PropertyInbox — состояние всех папок" }
    public var noFolders: String { "Папок с объектами пока нет." }
    public var seeFolderStatus: String { "Подробности — в файле _STATUS.txt внутри каждой папки." }
    public var seeFolderProblem: String { "см. _STATUS.txt в папке" }
}
