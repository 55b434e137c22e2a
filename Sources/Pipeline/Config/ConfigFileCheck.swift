import Foundation
import TOMLKit

/// Keys the config file does not know are errors, with the line they stand on: a typo such as
/// `settle_secnds` or `[outptu]` would otherwise be skipped without a word and the default used,
/// and the operator would never learn why the setting has no effect.
enum ConfigFileCheck {
    /// Sections and the keys each accepts.
    typealias Schema = [String: Set<String>]

    /// Problems in `text`, each with its 1-based line, in file order; empty when every key is known.
    static func unknownKeys(in text: String, schema: Schema) throws -> [(line: Int, message: String)] {
        let table = try TOMLTable(string: text)
        var problems: [(line: Int, message: String)] = []
        for section in table.keys.sorted() {
            guard let known = schema[section] else {
                let line = locate(section: section, key: nil, in: text)
                problems.append((line, "unknown section [\(section)] (known: \(schema.keys.sorted().map { "[\($0)]" }.joined(separator: ", ")))"))
                continue
            }
            guard let entries = table[section]?.table else {
                problems.append((locate(section: nil, key: section, in: text), "\(section) must be a section: [\(section)]"))
                continue
            }
            for key in entries.keys.sorted() where !known.contains(key) {
                let line = locate(section: section, key: key, in: text)
                problems.append((line, "unknown key \(key) in [\(section)] (known: \(known.sorted().joined(separator: ", ")))"))
            }
        }
        return problems.sorted { $0.line < $1.line }
    }

    /// The line of `key` inside `[section]` (or of the section header when `key` is nil; a
    /// top-level key when `section` is nil). 0 when it cannot be found.
    static func locate(section: String?, key: String?, in text: String) -> Int {
        var current: String?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                current = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] \t")).replacingOccurrences(of: "\"", with: "")
                if key == nil, current == section { return index + 1 }
                continue
            }
            guard let key, current == section, let equals = line.firstIndex(of: "=") else { continue }
            let name = line[..<equals].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\"", with: "")
            if name == key { return index + 1 }
        }
        return 0
    }
}
