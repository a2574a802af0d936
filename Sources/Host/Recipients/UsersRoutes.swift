public import Engine
public import Foundation
internal import HTTPServer
internal import Providers

/// The users endpoints of Knock's API: identify, get, delete, list, merge, bulk identify, bulk delete and
/// bulk set preferences, and each user's channel data and preference sets.
///
/// ```swift
/// router.register(UsersRoutes(store: store, messages: store))
/// ```
///
/// Everything is scoped to the environment the API key selects. Bulk calls are validated whole and
/// applied synchronously; they answer Knock's `BulkOperation` already `completed`. A merge also moves the
/// merged user's last 30 days of messages (see ``UserMerge``).
public struct UsersRoutes: RouteGroup {
    let handlers: RecipientHandlers
    let merge: UserMerge

    /// Creates the group.
    ///
    /// - Parameters:
    ///   - store: Where users live.
    ///   - messages: Where their messages live (a merge re-owns the recent ones).
    ///   - operations: Records bulk calls.
    ///   - now: The time written as `updated_at` (the system clock by default).
    public init(
        store: any RecipientStore, messages: any MessageStore, operations: BulkOperations,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        handlers = RecipientHandlers(store: store, now: now, operations: operations)
        merge = UserMerge(recipients: store, messages: messages)
    }

    public func register(in routes: inout RouteTable) {
        let handlers = handlers
        let user = "/v1/users/:user_id"
        routes.add("GET", "/v1/users") { try await handlers.list($0, collection: nil) }
        routes.add("PUT", user) { try await handlers.identify($0, try Self.user($0)) }
        routes.add("GET", user) { try await handlers.get($0, try Self.user($0)) }
        routes.add("DELETE", user) { try await handlers.delete($0, try Self.user($0)) }
        let merge = merge
        routes.add("POST", user + "/merge") { try await Self.merge($0, merge: merge, handlers: handlers) }
        routes.add("POST", "/v1/users/bulk/identify") { try await Self.bulkIdentify($0, handlers: handlers) }
        routes.add("POST", "/v1/users/bulk/delete") { try await Self.bulkDelete($0, handlers: handlers) }
        routes.add("POST", "/v1/users/bulk/preferences") { try await Self.bulkSetPreferences($0, handlers: handlers) }
        let channelData = user + "/channel_data/:channel_id"
        routes.add("GET", channelData) { try await handlers.getChannelData($0, try Self.user($0)) }
        routes.add("PUT", channelData) { try await handlers.setChannelData($0, try Self.user($0)) }
        routes.add("DELETE", channelData) { try await handlers.unsetChannelData($0, try Self.user($0)) }
        routes.add("GET", user + "/preferences") { try await handlers.listPreferences($0, try Self.user($0)) }
        let preferences = user + "/preferences/:id"
        routes.add("GET", preferences) { try await handlers.getPreferences($0, try Self.user($0)) }
        routes.add("PUT", preferences) { try await handlers.setPreferences($0, try Self.user($0)) }
        routes.add("DELETE", preferences) { try await handlers.deletePreferences($0, try Self.user($0)) }
    }

    /// The user the path names.
    static func user(_ request: APIRequest) throws(HostError) -> RecipientReference {
        .user(try request.identifier("user_id"))
    }

    /// `POST /v1/users/{user_id}/merge` with `{"from_user_id": …}`: merges that user into the path's user
    /// and deletes it, moving its last 30 days of messages; answers the merged user.
    static func merge(_ request: APIRequest, merge: UserMerge, handlers: RecipientHandlers) async throws
        -> HTTPServerResponse
    {
        let environment = try request.requireEnvironment()
        let primary = try request.identifier("user_id")
        let secondary = try RecipientBody.identifier(try request.jsonObjectBody(), key: "from_user_id")
        let record = try await merge.merge(
            primary: primary, secondary: secondary, environment: environment, now: handlers.now())
        return .json(record.json)
    }

    /// `POST /v1/users/bulk/identify` with `{"users": [{"id": …, …}, …]}` (at most 1,000).
    static func bulkIdentify(_ request: APIRequest, handlers: RecipientHandlers) async throws -> HTTPServerResponse {
        let environment = try request.requireEnvironment()
        let upserts = try RecipientBody.bulkUpserts(
            try request.jsonObjectBody(), key: "users", limit: RecipientLimits.bulkUsers, reference: { .user($0) })
        return try await handlers.bulkUpsert(upserts, name: "users.identify", environment: environment)
    }

    /// `POST /v1/users/bulk/delete` with `{"user_ids": […]}` (at most 1,000).
    static func bulkDelete(_ request: APIRequest, handlers: RecipientHandlers) async throws -> HTTPServerResponse {
        let environment = try request.requireEnvironment()
        let ids = try RecipientBody.ids(
            try request.jsonObjectBody(), key: "user_ids", limit: RecipientLimits.bulkDelete)
        return try await handlers.bulkDelete(ids.map { .user($0) }, name: "users.delete", environment: environment)
    }

    /// `POST /v1/users/bulk/preferences` with `{"user_ids": […], "preferences": {"id"?: …, …}}` (1 to 1,000
    /// ids): replaces that preference set (`default` unless `preferences.id` names a tenant) of every listed
    /// user, creating the users that do not exist, as `PUT /v1/users/{user_id}/preferences/{id}` does.
    static func bulkSetPreferences(_ request: APIRequest, handlers: RecipientHandlers) async throws
        -> HTTPServerResponse
    {
        let environment = try request.requireEnvironment()
        let body = try request.jsonObjectBody()
        let ids = try RecipientBody.ids(
            body, key: "user_ids", limit: RecipientLimits.bulkPreferences, allowsEmpty: false)
        let preferences = try RecipientBody.bulkPreferenceSet(body)
        return try await handlers.bulkReplacePreferences(
            preferences.set, id: preferences.id, for: ids.map { .user($0) }, name: "users.set_preferences",
            environment: environment)
    }
}
