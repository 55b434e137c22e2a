public import Foundation

/// Derives a strict JSON Schema from a `Decodable` type by decoding it once with a decoder that
/// records every key and type it is asked for — the Swift type stays the one source of truth.
///
/// Strict mode (OpenAI structured outputs): every property is required, optionals become
/// `"type": [T, "null"]`, objects get `"additionalProperties": false`, `CaseIterable` enums
/// become `enum` lists. Dictionaries and custom nested containers are not supported.
public enum JSONSchemaGenerator {
    public struct Unsupported: Error, CustomStringConvertible {
        public var description: String
    }

    public static func schema<T: Decodable>(for type: T.Type) throws -> JSONValue {
        try SchemaRecorder.node(for: type).schema
    }
}

/// Adds per-property descriptions (keyed by JSON name) to a type's generated schema, and
/// keywords the type system cannot say (`enum`, `pattern` on a string property).
public protocol JSONSchemaDescribing {
    static var schemaDescriptions: [String: String] { get }
    static var schemaConstraints: [String: [String: JSONValue]] { get }
}

extension JSONSchemaDescribing {
    public static var schemaConstraints: [String: [String: JSONValue]] { [:] }
}

enum SchemaRecorder {
    /// A placeholder value of `T` and its schema.
    static func node<T: Decodable>(for type: T.Type) throws -> (value: T, schema: JSONValue) {
        switch type {
        case is String.Type: return ("" as! T, ["type": "string"])
        case is Bool.Type: return (false as! T, ["type": "boolean"])
        case is Int.Type: return (0 as! T, ["type": "integer"])
        case is Int64.Type: return (Int64(0) as! T, ["type": "integer"])
        case is Int32.Type: return (Int32(0) as! T, ["type": "integer"])
        case is UInt.Type: return (UInt(0) as! T, ["type": "integer"])
        case is Double.Type: return (0.0 as! T, ["type": "number"])
        case is Float.Type: return (Float(0) as! T, ["type": "number"])
        default: break
        }
        if let cases = type as? any CaseIterable.Type {
            return try enumNode(cases, as: type)
        }
        let decoder = RecordingDecoder()
        let value = try T(from: decoder)
        guard let recorded = decoder.recorded else {
            throw JSONSchemaGenerator.Unsupported(description: "\(T.self) decoded nothing")
        }
        var schema = recorded
        if let describing = type as? any JSONSchemaDescribing.Type, case .object(var object) = schema,
           case .object(var properties)? = object["properties"] {
            for (key, text) in describing.schemaDescriptions {
                if case .object(var property)? = properties[key] {
                    property["description"] = .string(text)
                    properties[key] = .object(property)
                }
            }
            for (key, keywords) in describing.schemaConstraints {
                if case .object(var property)? = properties[key] {
                    property.merge(keywords) { $1 }
                    properties[key] = .object(property)
                }
            }
            object["properties"] = .object(properties)
            schema = .object(object)
        }
        return (value, schema)
    }

    private static func enumNode<T: Decodable>(_ cases: any CaseIterable.Type, as type: T.Type) throws -> (value: T, schema: JSONValue) {
        func values<C: CaseIterable>(_: C.Type) -> [Any] { Array(C.allCases) }
        let all = values(cases)
        guard let first = all.first as? T else { throw JSONSchemaGenerator.Unsupported(description: "empty enum \(T.self)") }
        let encoder = JSONEncoder()
        let encoded: [JSONValue] = try all.map { value in
            guard let encodable = value as? any Encodable else { throw JSONSchemaGenerator.Unsupported(description: "\(T.self) is not Encodable") }
            return try JSONDecoder().decode(JSONValue.self, from: encoder.encode(encodable))
        }
        let jsonType: JSONValue = encoded.allSatisfy { $0.stringValue != nil } ? "string" : "integer"
        return (first, ["type": jsonType, "enum": .array(encoded)])
    }

    /// `{"type": X}` → `{"type": [X, "null"]}`, with `null` added to any `enum`.
    static func nullable(_ schema: JSONValue) -> JSONValue {
        guard case .object(var object) = schema else { return schema }
        if case .string(let type)? = object["type"] { object["type"] = [.string(type), "null"] }
        if case .array(let values)? = object["enum"] { object["enum"] = .array(values + [.null]) }
        return .object(object)
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByDictionaryLiteral, ExpressibleByArrayLiteral,
    ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { $1 }))
    }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}
