/// The languages listings and status files are written in. Codes are ISO 639-1, as in
/// `description_languages` and `languages_detected`.
public enum ListingLanguage: String, CaseIterable, Sendable, Codable, Comparable {
    case en, th, ru

    /// "th", "TH", "th-TH" and "th_TH" all mean Thai; anything else is not a language we write.
    public init?(code: String) {
        let primary = code.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
        self.init(rawValue: primary)
    }

    /// The language's English name, for prompts and messages to the operator.
    public var englishName: String {
        switch self {
        case .en: "English"
        case .th: "Thai"
        case .ru: "Russian"
        }
    }

    public static let supportedCodes = allCases.map(\.rawValue).joined(separator: ", ")

    public static func < (lhs: ListingLanguage, rhs: ListingLanguage) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One text in each language. Every wording table is built of these, so a language can never be
/// forgotten: adding a case to `ListingLanguage` breaks the build until each table has it.
public struct Wording: Sendable, Equatable {
    public var en: String
    public var th: String
    public var ru: String

    public init(en: String, th: String, ru: String) {
        self.en = en
        self.th = th
        self.ru = ru
    }

    public subscript(language: ListingLanguage) -> String {
        switch language {
        case .en: en
        case .th: th
        case .ru: ru
        }
    }
}
