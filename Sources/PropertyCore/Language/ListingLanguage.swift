/// The languages listings and status files are written in. Codes are ISO 639-1, as in
/// `description_languages` and `languages_detected`.
public enum ListingLanguage: String, CaseIterable, Sendable, Codable, Comparable {
    case en, th, ru

    /// "th", "TH", "th-TH" and "th_TH" all mean Thai; anything else is not a language we write.
    public init?(code: String) {
        let primary = code.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
        self.init(rawValue: primary)
    }

    // MARK: the registry: everything the code knows about a language, in one place
    // (its sentences are in its `MessageCatalog`; plurals in `PluralRules`; numbers in `NumberStyle`)

    /// The language's English name, for prompts and messages to the operator.
    public var englishName: String {
        switch self {
        case .en: "English"
        case .th: "Thai"
        case .ru: "Russian"
        }
    }

    /// What an agent may write in `_LANG.txt` besides the code: the English and own names.
    public var names: [String] {
        switch self {
        case .en: ["english"]
        case .th: ["thai", "ไทย", "ภาษาไทย"]
        case .ru: ["russian", "русский", "по-русски"]
        }
    }

    /// The language a name or code means ("th", "TH-th", "ไทย", "Russian").
    public init?(name: String) {
        let lowered = name.lowercased()
        guard let language = ListingLanguage(code: lowered) ?? Self.allCases.first(where: { $0.names.contains(lowered) }) else { return nil }
        self = language
    }

    /// The language whose own script a letter belongs to: Thai letters (not "฿", U+0E3F, which
    /// any language uses for baht) and Cyrillic. Latin letters are English only in whole words,
    /// which the detectors count themselves.
    public static func ofScriptLetter(_ scalar: Unicode.Scalar) -> ListingLanguage? {
        switch scalar.value {
        case 0x0E01...0x0E3A, 0x0E40...0x0E4E: .th
        case 0x0400...0x04FF: .ru
        default: nil
        }
    }

    /// A code's English name ("th" → "Thai"); a code we do not write stays as it is.
    public static func englishName(ofCode code: String) -> String {
        ListingLanguage(code: code)?.englishName ?? code
    }

    public static let supportedCodes = allCases.map(\.rawValue).joined(separator: ", ")

    public static func < (lhs: ListingLanguage, rhs: ListingLanguage) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
