import Engine
import Providers
import Testing

@Suite struct RecipientUpsertTests {
    private func error(_ body: JSONObject, _ reference: RecipientReference = .user("u1")) throws -> String {
        try #require(throws: EngineError.self) {
            try RecipientUpsert.parse(body: body, reference: reference, path: "")
        }.message
    }

    @Test func splitsChannelDataPreferencesAndCreatedAt() throws {
        let upsert = try RecipientUpsert.parse(
            body: [
                "id": "u1", "name": "Ann", "email": "ann@example.com", "phone_number": "+15555550123",
                "timezone": "America/New_York", "locale": "fr-FR", "avatar": nil, "plan": ["tier": 2],
                "created_at": "2024-05-22T12:00:00Z", "updated_at": "2020-01-01T00:00:00Z", "__typename": "User",
                "channel_data": ["ios": ["tokens": ["t1"]], "old": nil],
                "preferences": ["default": ["channel_types": ["email": false]]],
            ],
            reference: .user("u1"), path: "")
        #expect(
            upsert.properties == [
                "name": "Ann", "email": "ann@example.com", "phone_number": "+15555550123",
                "timezone": "America/New_York", "locale": "fr-FR", "avatar": nil, "plan": ["tier": 2],
            ])
        #expect(upsert.createdAt == .some("2024-05-22T12:00:00Z"))
        #expect(upsert.channelData == ["ios": ["tokens": ["t1"]], "old": .null])
        #expect(upsert.preferences == ["default": ["channel_types": ["email": false]]])
    }

    @Test func createdAtMayBeNullOrAbsent() throws {
        let null = try RecipientUpsert.parse(body: ["created_at": nil], reference: .user("u1"), path: "")
        #expect(null.createdAt == .some(nil))
        let absent = try RecipientUpsert.parse(body: ["name": "x"], reference: .user("u1"), path: "")
        #expect(absent.createdAt == nil)
        let fractional = try RecipientUpsert.parse(
            body: ["created_at": "2024-05-22T12:00:00.250+02:00"], reference: .user("u1"), path: "")
        #expect(fractional.createdAt == .some("2024-05-22T12:00:00.250+02:00"))
        #expect(
            try error(["created_at": "yesterday"])
                == "created_at: expected an ISO-8601 date-time such as \"2024-05-22T12:00:00Z\" or null, found "
                + "\"yesterday\"")
    }

    @Test func aNestedPropertiesObjectIsFlattened() throws {
        let upsert = try RecipientUpsert.parse(
            body: ["name": "Top", "properties": ["name": "Nested", "title": "CEO"]], reference: .user("u1"), path: "")
        #expect(upsert.properties == ["name": "Top", "title": "CEO"])
        #expect(
            try error(["properties": ["timezone": "Mars/Base"]])
                == "properties.timezone: \"Mars/Base\" is not a tz database time zone; expected a name such as "
                + "\"America/New_York\", \"Europe/London\" or \"Etc/UTC\"")
    }

    @Test func reservedPropertiesAreValidated() throws {
        #expect(try error(["phone_number": "+0123"]).hasPrefix("phone_number: \"+0123\" is not an E.164 phone number"))
        #expect(
            try error(["phone_number": "+1234567890123456"]).hasPrefix("phone_number: \"+1234567890123456\" is not"))
        #expect(try error(["timezone": "GMT+2"]).hasPrefix("timezone: \"GMT+2\" is not a tz database time zone"))
        #expect(try error(["email": 5]) == "email: expected a string or null, found number")
        for zone in ["Etc/UTC", "UTC", "Europe/London", "America/Costa_Rica"] {
            #expect(throws: Never.self) {
                try RecipientUpsert.parse(body: ["timezone": .string(zone)], reference: .user("u"), path: "")
            }
        }
        #expect(RecipientProperties.isE164("+12"))
        #expect(RecipientProperties.isE164("+123456789012345"))
        #expect(!RecipientProperties.isE164("12025550123"))
    }

    @Test func idsCannotChange() throws {
        #expect(
            try error(["id": "u2"]) == "id: is \"u2\" but the recipient is \"u1\"; a recipient's id cannot be changed")
        #expect(
            try error(["collection": "teams"], .object(collection: "projects", id: "p1"))
                == "collection: is \"teams\" but the recipient is \"projects\"; a recipient's collection cannot be changed"
        )
    }

    @Test func channelDataAndPreferencesMustBeObjects() throws {
        #expect(try error(["channel_data": ["ios"]]) == "channel_data: expected an object keyed by id, found array")
        #expect(
            try error(["channel_data": ["ios": "t"]]) == "channel_data.ios: expected an object or null, found string")
        #expect(try error(["preferences": ["default": nil]]) == "preferences.default: expected an object, found null")
        let none = try RecipientUpsert.parse(
            body: ["channel_data": nil, "preferences": nil], reference: .user("u1"), path: "")
        #expect(none.channelData.isEmpty && none.preferences.isEmpty && none.properties.isEmpty)
    }

    @Test func pathsArePrefixed() throws {
        let message = try #require(throws: EngineError.self) {
            try RecipientUpsert.parse(body: ["timezone": "Nowhere"], reference: .user("u1"), path: "users[3]")
        }.message
        #expect(message.hasPrefix("users[3].timezone: \"Nowhere\""))
    }
}
