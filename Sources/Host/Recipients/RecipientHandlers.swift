internal import Engine
internal import Foundation
internal import HTTPServer
internal import Providers

/// The work behind the user and object endpoints, shared by ``UsersRoutes`` and ``ObjectsRoutes``: each
/// handler gets the recipient the path names and the environment the key selected.
struct RecipientHandlers: Sendable {
    /// Where recipients live.
    var store: any RecipientStore
    /// The time written as `updated_at` and into bulk operations.
    var now: @Sendable () -> Date
    /// Records bulk calls.
    var operations: BulkOperations

    /// The stored recipient.
    ///
    /// - Throws: ``HostError`` 404 `resource_missing` when it does not exist in the environment.
    func existing(_ reference: RecipientReference, environment: String) async throws -> RecipientRecord {
        guard let record = try await store.recipient(reference, environment: environment) else {
            throw HostError.resourceMissing("\(reference) does not exist in environment \"\(environment)\"")
        }
        return record
    }

    /// Identify or set: the body upserted into the recipient; answers the recipient as stored.
    func identify(_ request: APIRequest, _ reference: RecipientReference) async throws -> HTTPServerResponse {
        let environment = try request.requireEnvironment()
        let upsert = try RecipientBody.upsert(try request.jsonObjectBody(), reference: reference, path: "")
        let records = try await store.upsert([upsert], environment: environment, now: now())
        return .json(records.first?.json ?? .null)
    }

    /// Answers the recipient, or 404.
    func get(_ request: APIRequest, _ reference: RecipientReference) async throws -> HTTPServerResponse {
        .json(try await existing(reference, environment: try request.requireEnvironment()).json)
    }

    /// Deletes the recipient with its channel data and preferences; 204 whether or not it existed.
    func delete(_ request: APIRequest, _ reference: RecipientReference) async throws -> HTTPServerResponse {
        try await store.delete([reference], environment: try request.requireEnvironment())
        return .noContent
    }

    /// One page of users (`collection` `nil`) or of a collection's objects.
    func list(_ request: APIRequest, collection: String?) async throws -> HTTPServerResponse {
        let environment = try request.requireEnvironment()
        let page = try request.pageRequest()
        let records = try await store.list(collection: collection, environment: environment, page: page)
        return .json(PageInfo.response(records, request: page) { $0.json })
    }

    /// Applies a whole bulk upsert in one store call and answers a completed `BulkOperation`.
    func bulkUpsert(_ upserts: [RecipientUpsert], name: String, environment: String) async throws
        -> HTTPServerResponse
    {
        let now = now()
        if !upserts.isEmpty { _ = try await store.upsert(upserts, environment: environment, now: now) }
        return try await operations.completed(name, rows: upserts.count, environment: environment, at: now)
    }

    /// Deletes the recipients in one store call and answers a completed `BulkOperation`.
    func bulkDelete(_ references: [RecipientReference], name: String, environment: String) async throws
        -> HTTPServerResponse
    {
        if !references.isEmpty { try await store.delete(references, environment: environment) }
        return try await operations.completed(name, rows: references.count, environment: environment, at: now())
    }
}
