import Engine
import Providers
import Testing

@Suite struct RecipientPreferencesRoutesTests {
    let api = RecipientAPI()

    /// Knock's PreferenceSet shape with every unset member `null`.
    static func preferenceSet(
        _ id: String, channelTypes: JSONValue = nil, workflows: JSONValue = nil, categories: JSONValue = nil
    ) -> JSONValue {
        [
            "id": .string(id), "categories": categories, "channel_types": channelTypes, "channels": nil,
            "commercial_subscribed": nil, "workflows": workflows,
        ]
    }

    @Test(arguments: ["/v1/users/u1", "/v1/objects/projects/p1"])
    func setReplacesAndCreatesTheRecipient(recipient: String) async throws {
        let path = recipient + "/preferences/default"
        let first = try await api.call("PUT", path, #"{"channel_types": {"email": false}, "workflows": {"w1": true}}"#)
        #expect(first.status == 200)
        #expect(first.json == Self.preferenceSet("default", channelTypes: ["email": false], workflows: ["w1": true]))
        #expect(try await api.call("GET", recipient).status == 200)
        let replaced = try await api.call("PUT", path, #"{"categories": {"marketing": false}}"#)
        #expect(replaced.json == Self.preferenceSet("default", categories: ["marketing": false]))
        #expect(try await api.call("GET", path).json == Self.preferenceSet("default", categories: ["marketing": false]))
    }

    @Test func mergeStrategyDeepMerges() async throws {
        _ = try await api.call("PUT", "/v1/users/u1/preferences/default", #"{"channel_types": {"email": false}}"#)
        let merged = try await api.call(
            "PUT", "/v1/users/u1/preferences/default",
            #"{"__persistence_strategy__": "merge", "channel_types": {"sms": true}}"#)
        #expect(merged.json == Self.preferenceSet("default", channelTypes: ["email": false, "sms": true]))
        #expect(
            try await api.store.preferenceSets(.user("u1"), environment: "development")
                == ["default": ["channel_types": ["email": false, "sms": true]]])
    }

    @Test func listAndGetUnknownSetAndDelete() async throws {
        _ = try await api.call("PUT", "/v1/users/u1/preferences/default", #"{"channel_types": {"push": false}}"#)
        _ = try await api.call("PUT", "/v1/users/u1/preferences/acme", #"{"workflows": {"w": false}}"#)
        #expect(
            try await api.call("GET", "/v1/users/u1/preferences").json
                == [
                    Self.preferenceSet("acme", workflows: ["w": false]),
                    Self.preferenceSet("default", channelTypes: ["push": false]),
                ])
        #expect(try await api.call("GET", "/v1/users/u1/preferences/other").json == Self.preferenceSet("other"))
        #expect(try await api.call("DELETE", "/v1/users/u1/preferences/acme").status == 204)
        #expect(
            try await api.call("GET", "/v1/users/u1/preferences").json
                == [Self.preferenceSet("default", channelTypes: ["push": false])])
        #expect(
            try await api.call("GET", "/v1/users/ghost/preferences").json
                == RecipientAPI.missing(#"user "ghost" does not exist in environment "development""#))
    }

    @Test(arguments: [
        (
            #"{"channel_types": {"email": "off"}}"#,
            #"$.channel_types.email: expected true, false or {"conditions": [...]}, found string"#
        ),
        (
            #"{"colour": "blue"}"#,
            "$.colour: unknown key; accepted: id, __persistence_strategy__, channel_types, channels, workflows, categories, commercial_subscribed"
        ),
        (
            #"{"__persistence_strategy__": "append"}"#,
            #"__persistence_strategy__: expected "merge" or "replace", found "append""#
        ),
        (#"[]"#, "$: expected a JSON object, found an array"),
    ])
    func invalidSetsAreRejectedAndStoreNothing(body: String, message: String) async throws {
        let response = try await api.call("PUT", "/v1/users/u1/preferences/default", body)
        #expect(response.status == 422)
        #expect(response.json == RecipientAPI.invalidParams(message))
        #expect(try await api.store.recipient(.user("u1"), environment: "development") == nil)
        #expect(try await api.store.preferenceSets(.user("u1"), environment: "development") == [:])
    }

    @Test func preferencesAreIsolatedByEnvironment() async throws {
        _ = try await api.call("PUT", "/v1/users/u1/preferences/default", #"{"channel_types": {"email": false}}"#)
        let production = HostTestSupport.productionKey
        #expect(try await api.call("GET", "/v1/users/u1/preferences/default", key: production).status == 404)
        #expect(try await api.call("DELETE", "/v1/users/u1/preferences/default", key: production).status == 204)
        #expect(
            try await api.call("GET", "/v1/users/u1/preferences/default").json
                == Self.preferenceSet("default", channelTypes: ["email": false]))
    }
}
