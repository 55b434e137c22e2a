import Foundation

/// Checks a JSON value against the subset of JSON Schema that `JSONSchemaGenerator` emits:
/// `type` (one or a list), `enum`, `properties`, `required`, `additionalProperties: false`,
/// `items`, `minimum`, `maximum`, `pattern`. Returns one readable line per violation, empty when valid.
public enum JSONSchemaValidator {
    public static func violations(of value: JSONValue, against schema: JSONValue, path: String = "$") -> [String] {
        var problems: [String] = []
        if let types = allowedTypes(schema), !types.contains(where: { matches(value, type: $0) }) {
            return ["\(path): expected \(types.joined(separator: " or ")), got \(typeName(value))"]
        }
        if case .array(let allowed)? = schema["enum"], !allowed.contains(value) {
            problems.append("\(path): \(brief(value)) is not one of \(allowed.map(brief).joined(separator: ", "))")
        }
        if let minimum = schema["minimum"]?.numberValue, let number = value.numberValue, number < minimum {
            problems.append("\(path): \(number) is below the minimum \(minimum)")
        }
        if let maximum = schema["maximum"]?.numberValue, let number = value.numberValue, number > maximum {
            problems.append("\(path): \(number) is above the maximum \(maximum)")
        }
        if case .string(let pattern)? = schema["pattern"], case .string(let text) = value,
           text.range(of: pattern, options: .regularExpression) == nil {
            problems.append("\(path): \(brief(value)) does not match \(pattern)")
        }
        switch value {
        case .object(let object):
            let properties: [String: JSONValue]
            if case .object(let declared)? = schema["properties"] { properties = declared } else { properties = [:] }
            for case .string(let key) in schema["required"]?.arrayValue ?? [] where object[key] == nil {
                problems.append("\(path).\(key): missing")
            }
            if schema["additionalProperties"] == .bool(false) {
                for key in object.keys.sorted() where properties[key] == nil {
                    problems.append("\(path).\(key): not allowed")
                }
            }
            for key in object.keys.sorted() {
                if let propertySchema = properties[key], let child = object[key] {
                    problems += violations(of: child, against: propertySchema, path: "\(path).\(key)")
                }
            }
        case .array(let items):
            if let itemSchema = schema["items"] {
                for (index, item) in items.enumerated() {
                    problems += violations(of: item, against: itemSchema, path: "\(path)[\(index)]")
                }
            }
        default:
            break
        }
        return problems
    }

    private static func allowedTypes(_ schema: JSONValue) -> [String]? {
        switch schema["type"] {
        case .string(let type)?: [type]
        case .array(let types)?: types.compactMap(\.stringValue)
        default: nil
        }
    }

    private static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object),
             ("number", .number): true
        case ("integer", .number(let number)): number.rounded() == number
        default: false
        }
    }

    private static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    private static func brief(_ value: JSONValue) -> String {
        String(decoding: value.canonicalData().prefix(40), as: UTF8.self)
    }
}
