import Foundation

/// Which language a folder's `_STATUS.txt` speaks, in this order: what the agent asked for (a
/// `LANG=th` line in the folder's `_LANG.txt`, or the agent's entry in the config), else the
/// language most of the agent's own text is written in, else the inbox's default.
public enum StatusLanguage {
    public static func choose(folderSetting: ListingLanguage?, agentSetting: ListingLanguage?,
                              written: ListingLanguage?, default fallback: ListingLanguage) -> ListingLanguage {
        folderSetting ?? agentSetting ?? written ?? fallback
    }

    /// The language a `_LANG.txt` names: a line `LANG=th`, `LANG: ru`, `language = en`, or just
    /// the code or the language's own name ("ไทย", "русский", "English") on a line of its own.
    public static func setting(in text: String) -> ListingLanguage? {
        for rawLine in text.split(whereSeparator: \.isNewline) {
            var line = rawLine.trimmingCharacters(in: .whitespaces).lowercased()
            if let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" }) {
                let key = line[..<separator].trimmingCharacters(in: .whitespaces)
                guard key == "lang" || key == "language" else { continue }
                line = line[line.index(after: separator)...].trimmingCharacters(in: .whitespaces)
            }
            line = line.trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
            if let language = ListingLanguage(code: line) ?? names[line] { return language }
        }
        return nil
    }

    private static let names: [String: ListingLanguage] = [
        "english": .en, "thai": .th, "ไทย": .th, "ภาษาไทย": .th, "russian": .ru, "русский": .ru, "по-русски": .ru,
    ]

    /// The language most of `text` is written in, by letters: Thai and Cyrillic by script, English
    /// by Latin words that are not the shorthand Thai and Russian agents use too ("3 BR", "BTS").
    /// nil for text with no letters at all.
    public static func dominant(in text: String) -> ListingLanguage? {
        var counts: [ListingLanguage: Int] = [:]
        var latinWord = ""
        func endLatinWord() {
            if latinWord.count >= 2 && !LanguageDetection.shorthand.contains(latinWord.lowercased()) {
                counts[.en, default: 0] += latinWord.count
            }
            latinWord = ""
        }
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0E01...0x0E3A, 0x0E40...0x0E4E: counts[.th, default: 0] += 1; endLatinWord()
            case 0x0400...0x04FF: counts[.ru, default: 0] += 1; endLatinWord()
            case 0x41...0x5A, 0x61...0x7A: latinWord.unicodeScalars.append(scalar)
            default: endLatinWord()
            }
        }
        endLatinWord()
        return counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
    }
}
