import Engine
import Providers
import Testing

@Suite struct UsersRoutesTests {
    let api = RecipientAPI()

    @Test func identifyCreatesThenDeepMerges() async throws {
        let created = try await api.call(
            "PUT", "/v1/users/u1", #"{"name": "Ann", "email": "ann@example.com", "plan": {"tier": 1}}"#)
        #expect(created.status == 200)
        #expect(
            created.json
                == [
                    "__typename": "User", "id": "u1", "name": "Ann", "email": "ann@example.com", "plan": ["tier": 1],
                    "created_at": nil, "updated_at": RecipientAPI.updatedAt,
                ])
        let updated = try await api.call(
            "PUT", "/v1/users/u1", #"{"plan": {"seats": 3}, "email": null, "created_at": "2024-05-22T12:00:00Z"}"#)
        let expected: JSONValue = [
            "__typename": "User", "id": "u1", "name": "Ann", "email": nil, "plan": ["tier": 1, "seats": 3],
            "created_at": "2024-05-22T12:00:00Z", "updated_at": RecipientAPI.updatedAt,
        ]
        #expect(updated.status == 200)
        #expect(updated.json == expected)
        let fetched = try await api.call("GET", "/v1/users/u1")
        #expect(fetched.status == 200)
        #expect(fetched.json == expected)
    }

    @Test func identifyStoresInlineChannelDataAndPreferences() async throws {
        let body = #"""
            {"name": "Ann", "channel_data": {"ios": {"tokens": ["t1"]}},
             "preferences": {"default": {"channel_types": {"email": false}}}}
            """#
        #expect(try await api.call("PUT", "/v1/users/u1", body).status == 200)
        #expect(
            try await api.store.channelData(recipientID: "u1", channelID: "ios", environment: "development")
                == ["tokens": ["t1"]])
        #expect(
            try await api.store.preferenceSets(.user("u1"), environment: "development")
                == ["default": ["channel_types": ["email": false]]])
    }

    @Test func getAndDeleteAnswerKnocksStatuses() async throws {
        #expect(
            try await api.call("GET", "/v1/users/nobody").json
                == RecipientAPI.missing(#"user "nobody" does not exist in environment "development""#))
        _ = try await api.call("PUT", "/v1/users/u1", #"{"name": "Ann", "channel_data": {"ios": {"tokens": ["t"]}}}"#)
        let deleted = try await api.call("DELETE", "/v1/users/u1")
        #expect(deleted.status == 204)
        #expect(deleted.json == JSONValue?.none)
        #expect(try await api.call("GET", "/v1/users/u1").status == 404)
        #expect(try await api.store.channelData(recipientID: "u1", channelID: "ios", environment: "development") == nil)
        #expect(try await api.call("DELETE", "/v1/users/u1").status == 204)
    }

    @Test(arguments: [
        (#"{"email": 5}"#, "email: expected a string or null, found number"),
        (
            #"{"phone_number": "555-555-5555"}"#,
            #"phone_number: "555-555-5555" is not an E.164 phone number; expected "+" then 2 to 15 digits, the first not 0, such as "+15555550123""#
        ),
        (
            #"{"timezone": "GMT+2"}"#,
            #"timezone: "GMT+2" is not a tz database time zone; expected a name such as "America/New_York", "Europe/London" or "Etc/UTC""#
        ),
        (#"{"id": "u2"}"#, #"id: is "u2" but the recipient is "u1"; a recipient's id cannot be changed"#),
        (
            #"{"created_at": "yesterday"}"#,
            #"created_at: expected an ISO-8601 date-time such as "2024-05-22T12:00:00Z" or null, found "yesterday""#
        ),
        (#"{"channel_data": {"ios": ["t1"]}}"#, "channel_data.ios: expected an object or null, found array"),
        (
            #"{"preferences": {"default": {"channel_types": {"email": "no"}}}}"#,
            #"preferences.default.channel_types.email: expected true, false or {"conditions": [...]}, found string"#
        ),
        ("[1]", "$: expected a JSON object, found an array"),
    ])
    func invalidIdentifyIsRejectedAndStoresNothing(body: String, message: String) async throws {
        let response = try await api.call("PUT", "/v1/users/u1", body)
        #expect(response.status == 422)
        #expect(response.json == RecipientAPI.invalidParams(message))
        #expect(try await api.store.recipient(.user("u1"), environment: "development") == nil)
    }

    @Test func malformedJSONIsRejected() async throws {
        let response = try await api.call("PUT", "/v1/users/u1", #"{"name": "Ann""#)
        #expect(response.status == 400)
        #expect(response.json?["code"] == "invalid_json")
        #expect(response.json?["message"]?.stringValue?.hasPrefix("The request body is not valid JSON: ") == true)
        #expect(try await api.store.recipient(.user("u1"), environment: "development") == nil)
    }

    @Test(arguments: [
        ("a%2Fb", "user_id contains '/' or '#'; expected 1 to 256 characters without '/' or '#'"),
        ("a%23b", "user_id contains '/' or '#'; expected 1 to 256 characters without '/' or '#'"),
        (
            String(repeating: "x", count: 257),
            "user_id is 257 characters long; expected 1 to 256 characters without '/' or '#'"
        ),
    ])
    func invalidUserIDsAreRejected(id: String, message: String) async throws {
        let response = try await api.call("PUT", "/v1/users/" + id, #"{"name": "Ann"}"#)
        #expect(response.status == 422)
        #expect(response.json == RecipientAPI.invalidParams(message))
        #expect(try await api.call("GET", "/v1/users").json?["entries"] == [])
    }

    @Test func userOf256CharactersIsAccepted() async throws {
        let id = String(repeating: "x", count: 256)
        #expect(try await api.call("PUT", "/v1/users/" + id, "{}").json?["id"] == .string(id))
    }

    @Test func listPagesWithCursors() async throws {
        for id in ["u3", "u1", "u2"] { _ = try await api.call("PUT", "/v1/users/" + id, #"{"n": 1}"#) }
        let first = try await api.call("GET", "/v1/users?page_size=2")
        let user: (String) -> JSONValue = { id in
            ["__typename": "User", "id": .string(id), "n": 1, "created_at": nil, "updated_at": RecipientAPI.updatedAt]
        }
        let after = RecipientCursor.encode("u2")
        #expect(first.status == 200)
        #expect(
            first.json
                == [
                    "entries": [user("u1"), user("u2")],
                    "page_info": ["__typename": "PageInfo", "after": .string(after), "before": nil, "page_size": 2],
                ])
        let second = try await api.call("GET", "/v1/users?page_size=2&after=" + after)
        #expect(
            second.json
                == [
                    "entries": [user("u3")],
                    "page_info": [
                        "__typename": "PageInfo", "after": nil, "before": .string(RecipientCursor.encode("u3")),
                        "page_size": 2,
                    ],
                ])
    }

    @Test(arguments: [
        ("page_size=0", "page_size must be a whole number from 1 to 50, found '0'"),
        ("page_size=51", "page_size must be a whole number from 1 to 50, found '51'"),
        ("after=%21%21", #"after: "!!" is not a cursor returned by this listing"#),
    ])
    func badPagingIsRejected(query: String, message: String) async throws {
        let response = try await api.call("GET", "/v1/users?" + query)
        #expect(response.status == 422)
        #expect(response.json == RecipientAPI.invalidParams(message))
    }

    @Test func usersAreIsolatedByEnvironment() async throws {
        _ = try await api.call("PUT", "/v1/users/u1", #"{"name": "Ann"}"#)
        let production = HostTestSupport.productionKey
        #expect(
            try await api.call("GET", "/v1/users/u1", key: production).json
                == RecipientAPI.missing(#"user "u1" does not exist in environment "production""#))
        #expect(try await api.call("GET", "/v1/users", key: production).json?["entries"] == [])
        #expect(try await api.call("DELETE", "/v1/users/u1", key: production).status == 204)
        #expect(try await api.call("GET", "/v1/users/u1").status == 200)
    }
}
