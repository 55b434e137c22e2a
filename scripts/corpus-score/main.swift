// Scores the offline reader on a labelled corpus file, per field and language, without SwiftPM:
//   swiftc -O -module-name PropertyCore -o /tmp/corpus-score \
//     Sources/PropertyCore/Extraction/*.swift scripts/corpus-score/main.swift
//   /tmp/corpus-score Tests/PropertyCoreTests/Corpus/blind-batch.json
// Compiling the Extraction folder of any commit (git archive <commit> Sources/PropertyCore/Extraction)
// scores that commit's reader: how the blind batch's first-run score was taken.
import Foundation

struct Entry: Decodable {
    let id: String
    let language: String
    let text: String
    let expected: [String: JSONAny]
}

/// Any JSON value, kept as the text it compares as.
struct JSONAny: Decodable {
    let text: String?
    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { text = nil }
        else if let n = try? c.decode(Double.self) { text = String(format: "%.0f", n) }
        else if let s = try? c.decode(String.self) { text = s }
        else if let a = try? c.decode([String].self) { text = a.sorted().joined(separator: ",") }
        else { text = nil }
    }
}

func whole(_ v: Double?) -> String? { v.map { String(format: "%.0f", $0) } }
let fields: [(String, String, (OfflineExtraction) -> String?)] = [
    ("type", "property_type", { $0.propertyType }),
    ("listing", "listing_type", { $0.listingType?.rawValue }),
    ("bedrooms", "bedrooms", { $0.bedrooms.map(String.init) }),
    ("bathrooms", "bathrooms", { $0.bathrooms.map(String.init) }),
    ("area", "area_m2", { whole($0.areaSquareMeters) }),
    ("land", "land_m2", { whole($0.landSquareMeters) }),
    ("price", "price", { whole($0.price) }),
    ("currency", "currency", { $0.currency }),
    ("period", "price_period", { $0.pricePeriod?.rawValue }),
    ("amenities", "amenities", { $0.amenities.sorted().joined(separator: ",") }),
]

let entries = try JSONDecoder().decode([Entry].self, from: Data(contentsOf: URL(fileURLWithPath: CommandLine.arguments[1])))
var correct: [String: [String: Int]] = [:], totals: [String: [String: Int]] = [:]
var misses: [String] = []
for entry in entries {
    let found = OfflineExtractor.extract(entry.text)
    for (name, key, actual) in fields {
        guard let labelled = entry.expected[key] else { continue }  // field not labelled in this entry
        let expected = labelled.text ?? (key == "amenities" ? "" : nil)
        let got = actual(found)
        for column in [entry.language, "all"] { totals[name, default: [:]][column, default: 0] += 1 }
        if expected == got {
            for column in [entry.language, "all"] { correct[name, default: [:]][column, default: 0] += 1 }
        } else {
            misses.append("  \(entry.id) \(name): expected \(expected ?? "nil"), got \(got ?? "nil")")
        }
    }
}
print("| field | en | th | ru | all |\n|---|---|---|---|---|")
for (name, _, _) in fields where totals[name] != nil {
    let cells = ["en", "th", "ru", "all"].map { column -> String in
        let total = totals[name]?[column] ?? 0
        return total == 0 ? "—" : String(format: "%.1f%%", Double(correct[name]?[column] ?? 0) * 100 / Double(total))
    }
    print("| \(name) | " + cells.joined(separator: " | ") + " |")
}
if CommandLine.arguments.contains("--misses") { print(misses.joined(separator: "\n")) }
