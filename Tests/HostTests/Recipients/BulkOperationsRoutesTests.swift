import Engine
import Foundation
import Host
import Providers
import Testing

/// `GET /v1/bulk_operations/:id`: every bulk call's operation can be fetched again, in its environment only.
@Suite struct BulkOperationsRoutesTests {
    @Test func aBulkCallsOperationIsFetchedAgainByID() async throws {
        let api = RecipientAPI()
        let calls: [(path: String, body: String, name: String, rows: Int)] = [
            ("/v1/users/bulk/identify", #"{"users": [{"id": "u1"}, {"id": "u2"}]}"#, "users.identify", 2),
            ("/v1/users/bulk/delete", #"{"user_ids": ["u2"]}"#, "users.delete", 1),
            ("/v1/objects/projects/bulk/set", #"{"objects": [{"id": "p1"}]}"#, "objects.set", 1),
        ]
        for call in calls {
            let answered = try await api.call("POST", call.path, call.body)
            #expect(answered.json == RecipientAPI.bulkOperation(call.name, count: call.rows))
            let fetched = try await api.call("GET", "/v1/bulk_operations/\(RecipientAPI.operationID)")
            #expect(fetched.status == 200)
            #expect(fetched.json == answered.json, "\(call.path)")
        }
    }

    @Test func anotherEnvironmentsOrAnUnknownOperationIs404() async throws {
        let api = RecipientAPI()
        _ = try await api.call("POST", "/v1/users/bulk/identify", #"{"users": [{"id": "u1"}]}"#)
        let id = RecipientAPI.operationID
        let production = try await api.call(
            "GET", "/v1/bulk_operations/\(id)", key: HostTestSupport.productionKey)
        #expect(production.status == 404)
        #expect(
            production.json == RecipientAPI.missing("bulk operation \(id) does not exist in environment \"production\"")
        )
        let unknown = try await api.call("GET", "/v1/bulk_operations/nope")
        #expect(
            unknown.json == RecipientAPI.missing("bulk operation nope does not exist in environment \"development\""))
        let unauthenticated = try await api.call("GET", "/v1/bulk_operations/\(id)", key: "wrong")
        #expect(unauthenticated.status == 401)
    }
}
