public import Engine
public import Foundation
internal import HTTPServer
internal import Providers

/// The audience endpoints of Knock's API:
///
/// - `POST /v1/audiences/{key}/members` adds 1 to 1,000 members (`{"user": {"id": …, …}, "tenant": …}`;
///   a user with more than an `id` is identified inline first) and answers 204; the audience is created by
///   its first member;
/// - `DELETE` on the same path removes 1 to 1,000 members (missing ones are skipped) and answers 204;
/// - `GET` on it lists the members, oldest first, as `entries` and `page_info`; an audience with no members
///   lists empty.
///
/// A call is all or nothing: one invalid member rejects it whole. Every route needs an API key and sees only
/// the key's environment.
public struct AudiencesRoutes: RouteGroup {
    /// Where users and their audience memberships live.
    public var store: any RecipientStore
    /// The time written as `added_at`.
    public var now: @Sendable () -> Date

    /// Creates the group.
    ///
    /// - Parameters:
    ///   - store: Where users and memberships live.
    ///   - now: The time written (the system clock by default).
    public init(store: any RecipientStore, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.now = now
    }

    public func register(in routes: inout RouteTable) {
        let group = self
        let path = "/v1/audiences/:key/members"
        routes.add("POST", path) { try await group.add($0) }
        routes.add("DELETE", path) { try await group.remove($0) }
        routes.add("GET", path) { try await group.list($0) }
    }

    private func add(_ request: APIRequest) async throws -> HTTPServerResponse {
        let environment = try request.requireEnvironment()
        let key = try request.identifier("key")
        try AudienceBody.checkCreateAudience(request)
        let members = try AudienceBody.members(try request.jsonObjectBody(), identify: true)
        try await store.addMembers(
            members.changes, to: key, identifying: members.upserts, environment: environment, now: now())
        return .noContent
    }

    private func remove(_ request: APIRequest) async throws -> HTTPServerResponse {
        let environment = try request.requireEnvironment()
        let key = try request.identifier("key")
        let members = try AudienceBody.members(try request.jsonObjectBody(), identify: false)
        try await store.removeMembers(members.changes, from: key, environment: environment)
        return .noContent
    }

    private func list(_ request: APIRequest) async throws -> HTTPServerResponse {
        let environment = try request.requireEnvironment()
        let key = try request.identifier("key")
        let page = try request.pageRequest()
        let result = try await store.members(of: key, environment: environment, page: page)
        let records = try await store.recipients(
            result.entries.map { .user($0.userID) }, environment: environment)
        let entries: [JSONValue] = result.entries.map { member in
            let user: JSONValue =
                records[.user(member.userID)]?.json ?? ["__typename": "User", "id": .string(member.userID)]
            return [
                "__typename": "AudienceMember", "added_at": .string(ISO8601Timestamp.string(from: member.addedAt)),
                "tenant": member.tenant.map(JSONValue.string) ?? .null, "user": user,
                "user_id": .string(member.userID),
            ]
        }
        return .json(["entries": .array(entries), "page_info": PageInfo.json(for: result, pageSize: page.size)])
    }
}
