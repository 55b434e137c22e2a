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
            if let language = ListingLanguage(name: line) { return language }
        }
        return nil
    }

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
            if let script = ListingLanguage.ofScriptLetter(scalar) {
                counts[script, default: 0] += 1
                endLatinWord()
            } else if (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value) {
                latinWord.unicodeScalars.append(scalar)
            } else {
                endLatinWord()
            }
        }
        endLatinWord()
        return counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
    }
}
