import Engine
import Providers
import SQLiteStore
import Testing

/// The endpoints on the store `delivery-host serve` uses.
@Suite struct RecipientRoutesSQLiteTests {
    @Test func identifyBulkAndIsolationOnSQLite() async throws {
        let api = RecipientAPI(store: try SQLiteMessageStore.inMemory())
        _ = try await api.call(
            "PUT", "/v1/users/u1", #"{"name": "Ann", "a": {"x": 1}, "channel_data": {"ios": {"tokens": ["t"]}}}"#)
        _ = try await api.call("PUT", "/v1/users/u1", #"{"a": {"y": 2}}"#)
        #expect(
            try await api.call("GET", "/v1/users/u1").json
                == [
                    "__typename": "User", "id": "u1", "name": "Ann", "a": ["x": 1, "y": 2], "created_at": nil,
                    "updated_at": RecipientAPI.updatedAt,
                ])
        let invalid = #"{"users": [{"id": "u2"}, {"id": "u3", "phone_number": "12"}]}"#
        #expect(try await api.call("POST", "/v1/users/bulk/identify", invalid).status == 422)
        #expect(try await api.call("GET", "/v1/users/u2").status == 404)
        let production = HostTestSupport.productionKey
        #expect(try await api.call("GET", "/v1/users/u1", key: production).status == 404)
        #expect(try await api.call("GET", "/v1/users/u1/channel_data/ios", key: production).status == 404)
        #expect(try await api.call("GET", "/v1/users/u1/channel_data/ios").json?["data"] == ["tokens": ["t"]])
        _ = try await api.call("PUT", "/v1/objects/projects/p1", #"{"name": "Apollo"}"#, key: production)
        #expect(try await api.call("GET", "/v1/objects/projects").json?["entries"] == [])
        #expect(
            try await api.call("GET", "/v1/objects/projects", key: production).json?["entries"]?.arrayValue?.count == 1)
    }

    @Test func bulkPreferencesOnSQLite() async throws {
        let api = RecipientAPI(store: try SQLiteMessageStore.inMemory())
        _ = try await api.call("PUT", "/v1/users/u1/preferences/default", #"{"channel_types": {"sms": false}}"#)
        let path = "/v1/users/bulk/preferences"
        let set = #"{"channel_types": {"email": false}}"#
        let rejected = try await api.call("POST", path, #"{"user_ids": ["u1", "u2", "a/b"], "preferences": \#(set)}"#)
        #expect(rejected.status == 422)
        #expect(
            try await api.store.preferenceSets(.user("u1"), environment: "development")
                == ["default": ["channel_types": ["sms": false]]])
        #expect(try await api.call("GET", "/v1/users/u2").status == 404)
        let response = try await api.call("POST", path, #"{"user_ids": ["u1", "u2"], "preferences": \#(set)}"#)
        #expect(response.json == RecipientAPI.bulkOperation("users.set_preferences", count: 2))
        #expect(try await api.call("GET", "/v1/bulk_operations/\(RecipientAPI.operationID)").json == response.json)
        for user in ["u1", "u2"] {
            #expect(
                try await api.store.preferenceSets(.user(user), environment: "development")
                    == ["default": ["channel_types": ["email": false]]])
        }
    }
}
