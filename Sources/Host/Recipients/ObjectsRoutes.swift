public import Engine
public import Foundation
internal import HTTPServer
internal import Providers

/// The objects endpoints of Knock's API: set, get, delete and list objects of a collection, bulk set and
/// bulk delete, and each object's channel data and preference sets.
///
/// ```swift
/// router.register(ObjectsRoutes(store: store))
/// ```
///
/// Everything is scoped to the environment the API key selects. Bulk calls are validated whole and
/// applied synchronously; they answer Knock's `BulkOperation` already `completed`.
public struct ObjectsRoutes: RouteGroup {
    let handlers: RecipientHandlers

    /// Creates the group.
    ///
    /// - Parameters:
    ///   - store: Where objects live.
    ///   - operations: Records bulk calls.
    ///   - now: The time written as `updated_at` (the system clock by default).
    public init(
        store: any RecipientStore, operations: BulkOperations, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        handlers = RecipientHandlers(store: store, now: now, operations: operations)
    }

    public func register(in routes: inout RouteTable) {
        let handlers = handlers
        let collection = "/v1/objects/:collection"
        let object = collection + "/:id"
        routes.add("GET", collection) { try await handlers.list($0, collection: try $0.identifier("collection")) }
        routes.add("PUT", object) { try await handlers.identify($0, try Self.object($0, idParameter: "id")) }
        routes.add("GET", object) { try await handlers.get($0, try Self.object($0, idParameter: "id")) }
        routes.add("DELETE", object) { try await handlers.delete($0, try Self.object($0, idParameter: "id")) }
        routes.add("POST", collection + "/bulk/set") { try await Self.bulkSet($0, handlers: handlers) }
        routes.add("POST", collection + "/bulk/delete") { try await Self.bulkDelete($0, handlers: handlers) }
        let subresource = collection + "/:object_id"
        let channelData = subresource + "/channel_data/:channel_id"
        routes.add("GET", channelData) { try await handlers.getChannelData($0, try Self.object($0)) }
        routes.add("PUT", channelData) { try await handlers.setChannelData($0, try Self.object($0)) }
        routes.add("DELETE", channelData) { try await handlers.unsetChannelData($0, try Self.object($0)) }
        routes.add("GET", subresource + "/preferences") { try await handlers.listPreferences($0, try Self.object($0)) }
        let preferences = subresource + "/preferences/:id"
        routes.add("GET", preferences) { try await handlers.getPreferences($0, try Self.object($0)) }
        routes.add("PUT", preferences) { try await handlers.setPreferences($0, try Self.object($0)) }
        routes.add("DELETE", preferences) { try await handlers.deletePreferences($0, try Self.object($0)) }
    }

    /// The object the path names (api.yml calls its id `id` on the object itself, `object_id` below it).
    static func object(_ request: APIRequest, idParameter: String = "object_id") throws(HostError)
        -> RecipientReference
    {
        .object(collection: try request.identifier("collection"), id: try request.identifier(idParameter))
    }

    /// `POST /v1/objects/{collection}/bulk/set` with `{"objects": [{"id": …, …}, …]}` (at most 1,000).
    static func bulkSet(_ request: APIRequest, handlers: RecipientHandlers) async throws -> HTTPServerResponse {
        let environment = try request.requireEnvironment()
        let collection = try request.identifier("collection")
        let upserts = try RecipientBody.bulkUpserts(
            try request.jsonObjectBody(), key: "objects", limit: RecipientLimits.bulkObjects,
            reference: { .object(collection: collection, id: $0) })
        return try await handlers.bulkUpsert(upserts, name: "objects.set", environment: environment)
    }

    /// `POST /v1/objects/{collection}/bulk/delete` with `{"object_ids": […]}` (at most 1,000).
    static func bulkDelete(_ request: APIRequest, handlers: RecipientHandlers) async throws -> HTTPServerResponse {
        let environment = try request.requireEnvironment()
        let collection = try request.identifier("collection")
        let ids = try RecipientBody.ids(
            try request.jsonObjectBody(), key: "object_ids", limit: RecipientLimits.bulkDelete)
        return try await handlers.bulkDelete(
            ids.map { .object(collection: collection, id: $0) }, name: "objects.delete", environment: environment)
    }
}
