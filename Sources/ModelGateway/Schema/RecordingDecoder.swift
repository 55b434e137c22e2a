/// The decoder behind `JSONSchemaGenerator`: answers every request with a placeholder and
/// writes down what was asked.
final class RecordingDecoder: Decoder {
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let object = ObjectRecorder()
        recordedObject = object
        return KeyedDecodingContainer(KeyedRecorder<Key>(object: object, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let recorder = UnkeyedRecorder(codingPath: codingPath)
        recordedArray = recorder
        return recorder
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleRecorder(decoder: self)
    }

    // Containers fill these in while the type decodes; `recorded` reads them afterwards.
    private var recordedObject: ObjectRecorder?
    private var recordedArray: UnkeyedRecorder?
    var recordedSingle: JSONValue?

    var recorded: JSONValue? { recordedObject?.schema ?? recordedArray?.schema ?? recordedSingle }
}

final class ObjectRecorder {
    var properties: [String: JSONValue] = [:]
    var order: [String] = []
    var nullable: Set<String> = []

    func add(_ key: String, _ schema: JSONValue) {
        if properties[key] == nil { order.append(key) }
        properties[key] = schema
    }

    var schema: JSONValue {
        ["type": "object", "properties": .object(properties), "required": .array(order.map { .string($0) }),
         "additionalProperties": .bool(false)]
    }
}

struct KeyedRecorder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: ObjectRecorder
    var codingPath: [any CodingKey]
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    /// Only optional properties ask whether a value is null (the standard library's
    /// `decodeIfPresent` for primitives does), so asking marks the key nullable.
    func decodeNil(forKey key: Key) throws -> Bool {
        object.nullable.insert(key.stringValue)
        return false
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let node = try SchemaRecorder.node(for: type)
        let nullable = object.nullable.contains(key.stringValue)
        object.add(key.stringValue, nullable ? SchemaRecorder.nullable(node.schema) : node.schema)
        return node.value
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        let node = try SchemaRecorder.node(for: type)
        object.add(key.stringValue, SchemaRecorder.nullable(node.schema))
        return node.value
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        throw JSONSchemaGenerator.Unsupported(description: "nested keyed container at \(key.stringValue)")
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw JSONSchemaGenerator.Unsupported(description: "nested unkeyed container at \(key.stringValue)")
    }

    func superDecoder() throws -> any Decoder { throw JSONSchemaGenerator.Unsupported(description: "superDecoder") }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw JSONSchemaGenerator.Unsupported(description: "superDecoder") }
}

/// Arrays: hands out one element, records its schema, then reports the end.
final class UnkeyedRecorder: UnkeyedDecodingContainer {
    var codingPath: [any CodingKey]
    var count: Int? { nil }
    var currentIndex = 0
    var isAtEnd: Bool { currentIndex > 0 }
    var items: JSONValue = [:]

    init(codingPath: [any CodingKey]) { self.codingPath = codingPath }

    var schema: JSONValue { ["type": "array", "items": items] }

    func decodeNil() throws -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let node = try SchemaRecorder.node(for: type)
        items = node.schema
        currentIndex += 1
        return node.value
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        throw JSONSchemaGenerator.Unsupported(description: "nested container in array")
    }
    func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw JSONSchemaGenerator.Unsupported(description: "nested array")
    }
    func superDecoder() throws -> any Decoder { throw JSONSchemaGenerator.Unsupported(description: "superDecoder") }
}

/// Single values: a wrapper type decoding itself as one primitive.
struct SingleRecorder: SingleValueDecodingContainer {
    let decoder: RecordingDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let node = try SchemaRecorder.node(for: type)
        decoder.recordedSingle = node.schema
        return node.value
    }
}
