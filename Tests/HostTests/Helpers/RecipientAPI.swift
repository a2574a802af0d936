import Engine
import Foundation
import HTTPServer
import Host
import Providers

/// A router with the users, objects, subscriptions and audiences groups on an in-memory store, a fixed clock and fixed bulk
/// operation ids; calls answer their status and parsed JSON body.
struct RecipientAPI {
    let store: any RecipientStore
    /// Where the bulk calls' operations are kept.
    let operations = InMemoryBulkOperationStore()
    let router: APIRouter

    /// `updated_at` of everything written through the API: 2025-01-02T03:04:05Z.
    static let updatedAt: JSONValue = "2025-01-02T03:04:05Z"
    /// The id of every bulk operation.
    static let operationID = "00000000-0000-4000-8000-000000000001"

    /// - Parameters:
    ///   - store: The recipient store (in memory by default).
    ///   - messages: The message store a merge moves messages in (in memory by default).
    init(store: any RecipientStore = InMemoryRecipientStore(), messages: any MessageStore = InMemoryMessageStore()) {
        self.store = store
        var router = HostTestSupport.router(maxBodyBytes: 1 << 20, maxJSONDepth: 16)
        let now: @Sendable () -> Date = { HostTestSupport.instant }
        let operations = BulkOperations(store: operations, makeID: { Self.operationID })
        router.register(UsersRoutes(store: store, messages: messages, operations: operations, now: now))
        router.register(ObjectsRoutes(store: store, operations: operations, now: now))
        router.register(SubscriptionsRoutes(store: store, operations: operations, now: now))
        router.register(AudiencesRoutes(store: store, now: now))
        router.register(BulkOperationsRoutes(store: operations.store))
        self.router = router
    }

    /// Sends a request; `body` is JSON text.
    func call(
        _ method: String, _ path: String, _ body: String? = nil, key: String = HostTestSupport.developmentKey
    ) async throws -> (status: Int, json: JSONValue?) {
        let parts = path.split(separator: "?", maxSplits: 1)
        var request = HostTestSupport.request(method, String(parts[0]), key: key, body: body)
        request.query = parts.dropFirst().first.map(Self.query) ?? []
        let response = await router.handle(request)
        // An empty body is `nil`, not JSON null (`nil` alone would be read as the literal `JSONValue.null`).
        return (response.status, response.body.isEmpty ? JSONValue?.none : try JSONValue.parse(response.body))
    }

    /// `a=1&b=%21` as decoded pairs.
    static func query(_ text: Substring) -> [(name: String, value: String)] {
        text.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? "" }
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }
    }

    /// Knock's error body for 422 `invalid_params`.
    static func invalidParams(_ message: String) -> JSONValue {
        ["code": "invalid_params", "message": .string(message), "status": 422, "type": "api_error"]
    }

    /// Knock's error body for 404 `resource_missing`.
    static func missing(_ message: String) -> JSONValue {
        ["code": "resource_missing", "message": .string(message), "status": 404, "type": "api_error"]
    }

    /// A completed bulk operation of `count` rows.
    static func bulkOperation(_ name: String, count: Int) -> JSONValue {
        let rows = JSONValue.number(Double(count))
        return [
            "__typename": "BulkOperation", "id": .string(operationID), "name": .string(name), "status": "completed",
            "estimated_total_rows": rows, "processed_rows": rows, "success_count": rows, "error_count": 0,
            "error_items": [], "inserted_at": updatedAt, "updated_at": updatedAt, "started_at": updatedAt,
            "completed_at": updatedAt, "failed_at": nil,
        ]
    }
}
