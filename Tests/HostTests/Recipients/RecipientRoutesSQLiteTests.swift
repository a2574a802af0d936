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
}
