import Engine
import Providers
import Testing

@Suite struct RecipientIdentifierTests {
    private func parse(_ json: JSONValue) throws -> RecipientIdentifier {
        try RecipientIdentifier.parse(json, path: "recipients[0]")
    }

    private func error(_ json: JSONValue) throws -> String {
        try #require(throws: EngineError.self) { try RecipientIdentifier.parse(json, path: "recipients[0]") }.message
    }

    @Test func aStringIsAUserID() throws {
        #expect(try parse("user-1") == .reference(.user("user-1")))
    }

    @Test func collectionAndIDAloneIsAnObjectReference() throws {
        #expect(
            try parse(["collection": "projects", "id": "p1"]) == .reference(.object(collection: "projects", id: "p1")))
        let tenant = try parse(["collection": "$tenants", "id": "acme"])
        #expect(tenant == .reference(.tenant("acme")))
        #expect(tenant.reference.storageID == "$tenants/acme")
    }

    @Test func aMapWithExtraKeysIsAnInlineObject() throws {
        let parsed = try parse(["collection": "projects", "id": "p1", "name": "Apollo"])
        #expect(parsed == .inlineObject(collection: "projects", id: "p1", properties: ["name": "Apollo"]))
        #expect(try parsed.upsert(path: "recipients[0]")?.properties == ["name": "Apollo"])
    }

    @Test func aMapWithIDAndNoCollectionIsAnInlineUser() throws {
        let parsed = try parse(["id": "u1", "email": "u1@example.com", "channel_data": ["ios": ["tokens": ["t"]]]])
        #expect(
            parsed
                == .inlineUser(
                    id: "u1", properties: ["email": "u1@example.com", "channel_data": ["ios": ["tokens": ["t"]]]]))
        let upsert = try #require(try parsed.upsert(path: "recipients[0]"))
        #expect(upsert.reference == .user("u1"))
        #expect(upsert.properties == ["email": "u1@example.com"])
        #expect(upsert.channelData == ["ios": ["tokens": ["t"]]])
        #expect(try parse(["id": "u2"]) == .inlineUser(id: "u2", properties: [:]))
        #expect(try parse("u3").upsert(path: "x") == nil)
    }

    @Test func idsAreValidated() throws {
        #expect(
            try error(.string(String(repeating: "a", count: 257)))
                == "recipients[0]: is 257 characters long; at most 256 are accepted")
        #expect(
            try parse(.string(String(repeating: "a", count: 256)))
                == .reference(.user(String(repeating: "a", count: 256))))
        #expect(try error("a/b") == "recipients[0]: must not contain \"/\" (\"/\" and \"#\" are not accepted)")
        #expect(
            try error(["id": "a#b"]) == "recipients[0].id: must not contain \"#\" (\"/\" and \"#\" are not accepted)")
        #expect(try error("") == "recipients[0]: must not be empty; expected 1 to 256 characters")
        #expect(
            try error(["collection": "a/b", "id": "x"])
                == "recipients[0].collection: must not contain \"/\" (\"/\" and \"#\" are not accepted)")
    }

    @Test func malformedEntriesNameTheField() throws {
        #expect(try error(["name": "No Id"]) == "recipients[0].id: is required; a recipient map needs a string \"id\"")
        #expect(try error(["id": 5]) == "recipients[0].id: expected a string, found number")
        #expect(try error(["collection": 1, "id": "x"]) == "recipients[0].collection: expected a string, found number")
        #expect(
            try error(7)
                == "recipients[0]: expected a user id string, an object reference {\"collection\", \"id\"} or a "
                + "recipient map with an \"id\", found number")
        #expect(
            try error(["id": "u1", "phone_number": "555-555-5555"])
                == "recipients[0].phone_number: \"555-555-5555\" is not an E.164 phone number; expected \"+\" then 2 "
                + "to 15 digits, the first not 0, such as \"+15555550123\"")
    }
}
