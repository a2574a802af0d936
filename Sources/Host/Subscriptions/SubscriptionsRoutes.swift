public import Engine
public import Foundation
internal import HTTPServer
internal import Providers

/// The subscription endpoints of Knock's API:
///
/// - `POST /v1/objects/{collection}/{object_id}/subscriptions` subscribes 1 to 100 recipients (inline
///   identify allowed) with `properties`, and answers the subscriptions as an array;
/// - `DELETE` on the same path unsubscribes 1 to 100 recipients and answers the deleted subscriptions;
/// - `GET` on it lists the object's subscribers (`mode=object`, the default; `recipients[]` filters) or
///   the objects it subscribes to (`mode=recipient`; `objects[]` filters);
/// - `GET /v1/users/{user_id}/subscriptions` lists a user's subscriptions, newest first (`objects[]`);
/// - `POST /v1/objects/{collection}/bulk/subscriptions/add` and `/delete` change many objects' subscriptions
///   in one call, answering a completed `BulkOperation`.
///
/// Every route needs an API key and sees only the key's environment. A missing object or user is 404.
public struct SubscriptionsRoutes: RouteGroup {
    /// Where recipients and their subscriptions live.
    public var store: any RecipientStore
    /// Records bulk calls.
    public var operations: BulkOperations
    /// The time written as `inserted_at` / `updated_at`.
    public var now: @Sendable () -> Date

    /// Creates the group.
    ///
    /// - Parameters:
    ///   - store: Where recipients and subscriptions live.
    ///   - operations: Records bulk calls.
    ///   - now: The time written (the system clock by default).
    public init(
        store: any RecipientStore, operations: BulkOperations, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.operations = operations
        self.now = now
    }

    public func register(in routes: inout RouteTable) {
        let group = self
        let path = "/v1/objects/:collection/:object_id/subscriptions"
        routes.add("POST", path) { try await group.add($0) }
        routes.add("DELETE", path) { try await group.delete($0) }
        routes.add("GET", path) { try await group.listForObject($0) }
        routes.add("GET", "/v1/users/:user_id/subscriptions") { try await group.listForUser($0) }
        routes.add("POST", "/v1/objects/:collection/bulk/subscriptions/add") { try await group.bulkAdd($0) }
        routes.add("POST", "/v1/objects/:collection/bulk/subscriptions/delete") { try await group.bulkDelete($0) }
    }

    // MARK: - One object

    private func add(_ request: APIRequest) async throws -> HTTPServerResponse {
        let environment = try request.requireEnvironment()
        let object = try ObjectsRoutes.object(request)
        let add = try SubscriptionBody.add(try request.jsonObjectBody(), object: object, path: "")
        try await requireExisting(object, environment: environment)
        let stored = try await store.subscribe(
            add.changes, identifying: add.upserts, environment: environment, now: now())
        return .json(.array(try await SubscriptionJSON.entries(stored, store: store, environment: environment)))
    }

    private func delete(_ request: APIRequest) async throws -> HTTPServerResponse {
        let environment = try request.requireEnvironment()
        let object = try ObjectsRoutes.object(request)
        let changes = try SubscriptionBody.delete(try request.jsonObjectBody(), object: object, path: "")
        try await requireExisting(object, environment: environment)
        let deleted = try await store.unsubscribe(changes, environment: environment)
        return .json(.array(try await SubscriptionJSON.entries(deleted, store: store, environment: environment)))
    }

    private func listForObject(_ request: APIRequest) async throws -> HTTPServerResponse {
        let environment = try request.requireEnvironment()
        let object = try ObjectsRoutes.object(request)
        let query: SubscriptionQuery
        switch request.query("mode") ?? "object" {
        case "object":
            query = SubscriptionQuery(
                environment: environment, side: .object(object),
                only: try SubscriptionBody.references(request, name: "recipients"))
        case "recipient":
            query = SubscriptionQuery(
                environment: environment, side: .subscriber(object),
                only: try SubscriptionBody.references(request, name: "objects"))
        case let other:
            throw HostError.invalidParams("mode: '\(other.prefix(32))' is not a mode; accepted: object, recipient")
        }
        return try await list(request, query, subject: object)
    }

    private func listForUser(_ request: APIRequest) async throws -> HTTPServerResponse {
        let environment = try request.requireEnvironment()
        let user = RecipientReference.user(try request.identifier("user_id"))
        let query = SubscriptionQuery(
            environment: environment, side: .subscriber(user),
            only: try SubscriptionBody.references(request, name: "objects"))
        return try await list(request, query, subject: user)
    }

    private func list(_ request: APIRequest, _ query: SubscriptionQuery, subject: RecipientReference) async throws
        -> HTTPServerResponse
    {
        let page = try request.pageRequest()
        try await requireExisting(subject, environment: query.environment)
        let result = try await store.subscriptions(query, page: page)
        let entries = try await SubscriptionJSON.entries(result.entries, store: store, environment: query.environment)
        return .json(["entries": .array(entries), "page_info": PageInfo.json(for: result, pageSize: page.size)])
    }

    // MARK: - Bulk

    private func bulkAdd(_ request: APIRequest) async throws -> HTTPServerResponse {
        let environment = try request.requireEnvironment()
        let collection = try request.identifier("collection")
        var changes: [SubscriptionChange] = []
        var upserts: [RecipientUpsert] = []
        for (entry, object, path) in try SubscriptionBody.bulkEntries(
            try request.jsonObjectBody(), collection: collection)
        {
            let add = try SubscriptionBody.add(entry, object: object, path: path, extraKeys: ["id"])
            changes += add.changes
            upserts += add.upserts
        }
        let now = now()
        if !changes.isEmpty {
            _ = try await store.subscribe(changes, identifying: upserts, environment: environment, now: now)
        }
        return try await operations.completed(
            "subscriptions.add", rows: changes.count, environment: environment, at: now)
    }

    private func bulkDelete(_ request: APIRequest) async throws -> HTTPServerResponse {
        let environment = try request.requireEnvironment()
        let collection = try request.identifier("collection")
        var changes: [SubscriptionChange] = []
        for (entry, object, path) in try SubscriptionBody.bulkEntries(
            try request.jsonObjectBody(), collection: collection)
        {
            changes += try SubscriptionBody.delete(entry, object: object, path: path, extraKeys: ["id"])
        }
        if !changes.isEmpty { _ = try await store.unsubscribe(changes, environment: environment) }
        return try await operations.completed(
            "subscriptions.delete", rows: changes.count, environment: environment, at: now())
    }

    /// - Throws: ``HostError`` 404 `resource_missing` when the recipient does not exist in the environment.
    private func requireExisting(_ reference: RecipientReference, environment: String) async throws {
        guard try await store.recipient(reference, environment: environment) == nil else { return }
        throw HostError.resourceMissing("\(reference) does not exist in environment \"\(environment)\"")
    }
}
