import Engine
import Providers
import Testing

/// `POST /v1/users/bulk/preferences`: one preference set replaced for many users, all or none.
@Suite struct UsersBulkPreferencesRoutesTests {
    let api = RecipientAPI()
    static let path = "/v1/users/bulk/preferences"

    /// Stores user `u1` named Ann with a `default` and an `acme` set.
    func identifyAnn() async throws {
        _ = try await api.call(
            "PUT", "/v1/users/u1",
            #"{"name": "Ann", "preferences": {"default": {"channel_types": {"sms": false}}, "acme": {"workflows": {"w": false}}}}"#
        )
    }

    static func preferenceSet(
        _ id: String, channelTypes: JSONValue = nil, workflows: JSONValue = nil, categories: JSONValue = nil
    ) -> JSONValue {
        RecipientPreferencesRoutesTests.preferenceSet(
            id, channelTypes: channelTypes, workflows: workflows, categories: categories)
    }

    @Test func replacesTheDefaultSetOfEveryUserAndCreatesMissingOnes() async throws {
        try await identifyAnn()
        let response = try await api.call(
            "POST", Self.path,
            #"{"user_ids": ["u1", "u2"], "preferences": {"channel_types": {"email": false}, "categories": {"marketing": false}}}"#
        )
        #expect(response.status == 200)
        #expect(response.json == RecipientAPI.bulkOperation("users.set_preferences", count: 2))
        let fetched = try await api.call("GET", "/v1/bulk_operations/\(RecipientAPI.operationID)")
        #expect(fetched.json == response.json)
        let replaced = Self.preferenceSet("default", channelTypes: ["email": false], categories: ["marketing": false])
        #expect(
            try await api.call("GET", "/v1/users/u1/preferences").json
                == [Self.preferenceSet("acme", workflows: ["w": false]), replaced])
        #expect(try await api.call("GET", "/v1/users/u2/preferences").json == [replaced])
        #expect(
            try await api.call("GET", "/v1/users/u1").json
                == [
                    "__typename": "User", "id": "u1", "name": "Ann", "created_at": nil,
                    "updated_at": RecipientAPI.updatedAt,
                ])
        #expect(
            try await api.call("GET", "/v1/users/u2").json
                == ["__typename": "User", "id": "u2", "created_at": nil, "updated_at": RecipientAPI.updatedAt])
    }

    @Test func preferencesIDSelectsATenantSet() async throws {
        try await identifyAnn()
        let response = try await api.call(
            "POST", Self.path,
            #"{"user_ids": ["u1"], "preferences": {"id": "acme", "__persistence_strategy__": "replace", "channels": {"c1": true}}}"#
        )
        #expect(response.json == RecipientAPI.bulkOperation("users.set_preferences", count: 1))
        #expect(
            try await api.store.preferenceSets(.user("u1"), environment: "development")
                == ["default": ["channel_types": ["sms": false]], "acme": ["channels": ["c1": true]]])
    }

    @Test func acceptsAThousandUsersAndRejectsMore() async throws {
        let thousand = (0..<1000).map { #""u\#($0)""# }.joined(separator: ",")
        let accepted = try await api.call(
            "POST", Self.path, #"{"user_ids": [\#(thousand)], "preferences": {"commercial_subscribed": false}}"#)
        #expect(accepted.json == RecipientAPI.bulkOperation("users.set_preferences", count: 1000))
        #expect(
            try await api.store.preferenceSets(.user("u999"), environment: "development")
                == ["default": ["commercial_subscribed": false]])
        let rejected = try await api.call(
            "POST", Self.path, #"{"user_ids": [\#(thousand), "extra"], "preferences": {}}"#)
        #expect(rejected.status == 422)
        #expect(
            rejected.json
                == RecipientAPI.invalidParams("user_ids: has 1001 entries; at most 1000 are accepted per call"))
        #expect(try await api.call("GET", "/v1/users/extra").status == 404)
        #expect(
            try await api.store.preferenceSets(.user("u0"), environment: "development")
                == ["default": ["commercial_subscribed": false]])
    }

    @Test(arguments: [
        (#"{"preferences": {}}"#, "user_ids: required; expected an array of at most 1000 entries"),
        (#"{"user_ids": [], "preferences": {}}"#, "user_ids: is empty; expected an array of 1 to 1000 ids"),
        (#"{"user_ids": ["u1", 7], "preferences": {}}"#, "user_ids[1]: expected a string id, found number"),
        (
            #"{"user_ids": ["u1", "u2", "u3", "a/b"], "preferences": {}}"#,
            "user_ids[3] contains '/' or '#'; expected 1 to 256 characters without '/' or '#'"
        ),
        (#"{"user_ids": ["u1", "u2"]}"#, "preferences: required; expected a preference set (an object)"),
        (
            #"{"user_ids": ["u1", "u2"], "preferences": []}"#,
            "preferences: expected a preference set (an object), found array"
        ),
        (
            #"{"user_ids": ["u1", "u2"], "preferences": {"channel_types": {"email": "off"}}}"#,
            #"preferences.channel_types.email: expected true, false or {"conditions": [...]}, found string"#
        ),
        (
            #"{"user_ids": ["u1", "u2"], "preferences": {"colour": "blue"}}"#,
            "preferences.colour: unknown key; accepted: id, __persistence_strategy__, channel_types, channels, workflows, categories, commercial_subscribed"
        ),
        (
            #"{"user_ids": ["u1", "u2"], "preferences": {"id": 3}}"#,
            #"preferences.id: expected "default" or a tenant id (a string), found number"#
        ),
        (
            #"{"user_ids": ["u1", "u2"], "preferences": {"id": "a#b"}}"#,
            "preferences.id contains '/' or '#'; expected 1 to 256 characters without '/' or '#'"
        ),
        (
            #"{"user_ids": ["u1", "u2"], "preferences": {"__persistence_strategy__": "merge"}}"#,
            #"preferences.__persistence_strategy__: a bulk call always replaces the set; expected "replace" or no value, found "merge""#
        ),
        (
            #"{"user_ids": ["u1", "u2"], "preferences": {"__persistence_strategy__": "append"}}"#,
            #"preferences.__persistence_strategy__: expected "merge" or "replace", found "append""#
        ),
    ])
    func aRejectedCallStoresNothing(body: String, message: String) async throws {
        try await identifyAnn()
        let response = try await api.call("POST", Self.path, body)
        #expect(response.status == 422)
        #expect(response.json == RecipientAPI.invalidParams(message))
        #expect(
            try await api.store.preferenceSets(.user("u1"), environment: "development")
                == ["default": ["channel_types": ["sms": false]], "acme": ["workflows": ["w": false]]])
        #expect(
            try await api.call("GET", "/v1/users").json?["entries"]?.arrayValue?.map { $0["id"] } == ["u1"])
        #expect(try await api.call("GET", "/v1/bulk_operations/\(RecipientAPI.operationID)").status == 404)
    }

    @Test func writesOnlyInTheKeysEnvironment() async throws {
        try await identifyAnn()
        let production = HostTestSupport.productionKey
        let response = try await api.call(
            "POST", Self.path, #"{"user_ids": ["u1"], "preferences": {"channel_types": {"push": false}}}"#,
            key: production)
        #expect(response.json == RecipientAPI.bulkOperation("users.set_preferences", count: 1))
        #expect(
            try await api.call("GET", "/v1/users/u1/preferences/default", key: production).json
                == Self.preferenceSet("default", channelTypes: ["push": false]))
        #expect(
            try await api.call("GET", "/v1/users/u1/preferences/default").json
                == Self.preferenceSet("default", channelTypes: ["sms": false]))
        #expect(try await api.call("GET", "/v1/bulk_operations/\(RecipientAPI.operationID)").status == 404)
    }
}
