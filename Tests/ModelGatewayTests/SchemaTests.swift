import Foundation
import GatewayTesting
import ModelGateway
import PropertyCore
import Testing

struct SchemaTests {
    @Test func propertyDetailsSchemaIsStrict() throws {
        let schema = try JSONSchemaGenerator.schema(for: PropertyDetails.self)
        #expect(schema["type"] == "object")
        #expect(schema["additionalProperties"] == .bool(false))
        let required = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        guard case .object(let properties)? = schema["properties"] else { Issue.record("no properties"); return }
        #expect(required == Set(properties.keys))
        #expect(required.contains("property_type") && required.contains("price_period"))
        #expect(properties["bedrooms"]?["type"] == ["integer", "null"])
        #expect(properties["property_type"]?["type"] == "string")
        #expect(properties["amenities"] == ["type": "array", "items": ["type": "string"]])
        #expect(properties["listing_type"]?["enum"] == ["rent", "sale", .null])
        #expect(properties["price_period"]?["type"] == ["string", "null"])
    }

    @Test func imageInsightsSchemaHasEveryCodingKey() throws {
        let schema = try JSONSchemaGenerator.schema(for: ImageInsights.self)
        let required = schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(required == ["image_id", "room_type", "features_detected", "condition_assessment", "notable_amenities",
                             "estimated_quality_score", "issues_detected", "confidence"])
    }

    @Test func validatorReportsEveryKindOfViolation() throws {
        let schema = try JSONSchemaGenerator.schema(for: PropertyDetails.self)
        let bad: JSONValue = ["property_type": 3, "bedrooms": 2.5, "listing_type": "lease", "extra": true]
        let problems = JSONSchemaValidator.violations(of: bad, against: schema)
        #expect(problems.contains("$.property_type: expected string, got number"))
        #expect(problems.contains("$.bedrooms: expected integer or null, got number"))
        #expect(problems.contains { $0.hasPrefix("$.listing_type: \"lease\" is not one of") })
        #expect(problems.contains("$.extra: not allowed"))
        #expect(problems.contains("$.amenities: missing"))
    }

    @Test func validDetailsPassAndDecode() throws {
        let schema = try JSONSchemaGenerator.schema(for: PropertyDetails.self)
        let json = try #require(JSONValue.parse(Data(Fixtures.validDetails.utf8)))
        #expect(JSONSchemaValidator.violations(of: json, against: schema).isEmpty)
    }

    @Test func sha256MatchesKnownVectors() throws {
        // The request digest in the usage log rests on this; checked against FIPS 180-4's "abc"
        // vector via the gateway's test hook.
        #expect(GatewayDiagnostics.sha256Hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(GatewayDiagnostics.sha256Hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(GatewayDiagnostics.sha256Hex(Data(repeating: 0x61, count: 1_000)).count == 64)
    }
}
