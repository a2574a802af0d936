import Engine
import Foundation
import Providers
import Testing

/// The audience endpoints: add, remove and list members.
@Suite struct AudiencesRoutesTests {
    let api = RecipientAPI()
    static let time = RecipientAPI.updatedAt
    static let path = "/v1/audiences/beta/members"

    static func member(_ user: JSONValue, id: String, tenant: String? = nil) -> JSONValue {
        [
            "__typename": "AudienceMember", "added_at": time, "tenant": tenant.map(JSONValue.string) ?? .null,
            "user": user, "user_id": .string(id),
        ]
    }

    /// A user added by id alone and never identified.
    static func missingUser(_ id: String) -> JSONValue {
        ["__typename": "User", "id": .string(id)]
    }

    static func page(_ entries: [JSONValue], after: JSONValue = nil, before: JSONValue = nil, size: Int = 50)
        -> JSONValue
    {
        [
            "entries": .array(entries),
            "page_info": [
                "__typename": "PageInfo", "after": after, "before": before, "page_size": .number(Double(size)),
            ],
        ]
    }

    /// A body adding users `prefix0`… `prefix(count-1)` without tenants.
    static func members(_ count: Int, prefix: String = "u") -> String {
        let entries = (0..<count).map { #"{"user": {"id": "\#(prefix)\#($0)"}}"# }
        return #"{"members": [\#(entries.joined(separator: ", "))]}"#
    }

    @Test func addIdentifiesInlineUsersAndListsMembersInOrder() async throws {
        let added = try await api.call(
            "POST", Self.path + "?create_audience=true",
            #"{"members": [{"user": {"id": "u1", "name": "Ann"}, "tenant": "acme"}, {"user": {"id": "u2"}}, "#
                + #"{"user": {"id": "u1"}, "tenant": null}]}"#)
        #expect(added.status == 204)
        #expect(added.json == nil)
        let ann = SubscriptionsRoutesTests.user("u1", ["name": "Ann"])
        #expect(
            try await api.call("GET", Self.path).json
                == Self.page([
                    Self.member(ann, id: "u1", tenant: "acme"), Self.member(Self.missingUser("u2"), id: "u2"),
                    Self.member(ann, id: "u1"),
                ]))
        // u2 was added by id alone: a missing user, not identified.
        #expect(try await api.call("GET", "/v1/users/u2").status == 404)
        // An audience nobody was added to lists empty.
        #expect(try await api.call("GET", "/v1/audiences/nobody/members").json == Self.page([]))
    }

    @Test func listingPages() async throws {
        #expect(try await api.call("POST", Self.path, Self.members(3)).status == 204)
        let first = try #require(try await api.call("GET", Self.path + "?page_size=2").json)
        let after = first["page_info"]?["after"]
        #expect(
            first["entries"] == [
                Self.member(Self.missingUser("u0"), id: "u0"), Self.member(Self.missingUser("u1"), id: "u1"),
            ])
        #expect(first["page_info"]?["before"] == .null)
        let cursor = try #require(after?.stringValue)
        let second = try await api.call("GET", Self.path + "?page_size=2&after=\(cursor)").json
        #expect(second?["entries"] == [Self.member(Self.missingUser("u2"), id: "u2")])
        #expect(second?["page_info"]?["after"] == .null)
        #expect(
            try await api.call("GET", Self.path + "?after=bogus").json
                == RecipientAPI.invalidParams(#"after: "bogus" is not a cursor returned by this listing"#))
    }

    /// #181: at most 1,000 members per add or remove call.
    @Test func oneThousandMembersAreAcceptedAndOneThousandAndOneRejected() async throws {
        #expect(try await api.call("POST", Self.path, Self.members(1000)).status == 204)
        let rejected = RecipientAPI.invalidParams("members: has 1001 entries; 1 to 1000 members are accepted per call")
        let tooMany = try await api.call("POST", Self.path, Self.members(1001, prefix: "v"))
        #expect(tooMany.status == 422)
        #expect(tooMany.json == rejected)
        #expect(try await api.call("DELETE", Self.path, Self.members(1001)).json == rejected)
        #expect(
            try await api.call("POST", Self.path, #"{"members": []}"#).json
                == RecipientAPI.invalidParams("members: has 0 entries; 1 to 1000 members are accepted per call"))
        let listed = try await api.store.members(of: "beta", environment: "development", page: PageRequest(size: 1000))
        #expect(listed.entries.count == 1000)
        #expect(listed.after == nil)
        #expect(try await api.call("DELETE", Self.path, Self.members(1000)).status == 204)
        #expect(try await api.call("GET", Self.path).json == Self.page([]))
    }

    @Test(arguments: [
        (#"{}"#, #"members: expected an array of 1 to 1000 members ({"user": {"id": …}, "tenant": …}), it is missing"#),
        (
            #"{"members": {}}"#,
            #"members: expected an array of 1 to 1000 members ({"user": {"id": …}, "tenant": …}), found object"#
        ),
        (#"{"members": [], "extra": 1}"#, "extra: unknown key (accepted: members)"),
        (#"{"members": ["u1"]}"#, "members[0]: expected an object with a user and an optional tenant, found string"),
        (
            #"{"members": [{"user": {"id": "u1"}, "role": "x"}]}"#,
            "members[0].role: unknown key (accepted: user, tenant)"
        ),
        (#"{"members": [{"tenant": "acme"}]}"#, "members[0].user: expected an object with an id, it is missing"),
        (#"{"members": [{"user": "u1"}]}"#, "members[0].user: expected an object with an id, found string"),
        (
            #"{"members": [{"user": {"name": "A"}}]}"#,
            "members[0].user.id: expected a string of 1 to 256 characters, it is missing"
        ),
        (
            #"{"members": [{"user": {"id": "u1"}}, {"user": {"id": "a#b"}}]}"#,
            "members[1].user.id contains '/' or '#'; expected 1 to 256 characters without '/' or '#'"
        ),
        (
            #"{"members": [{"user": {"id": ""}}]}"#,
            "members[0].user.id is empty; expected 1 to 256 characters without '/' or '#'"
        ),
        (
            #"{"members": [{"user": {"id": "u1"}, "tenant": 7}]}"#,
            "members[0].tenant: expected a tenant id (a string) or null, found number"
        ),
        (
            #"{"members": [{"user": {"id": "u1"}, "tenant": ""}]}"#,
            "members[0].tenant is empty; expected 1 to 256 characters without '/' or '#'"
        ),
    ])
    func badBodiesAreRejectedWholeNamingTheField(body: String, message: String) async throws {
        let response = try await api.call("POST", Self.path, body)
        #expect(response.status == 422)
        #expect(response.json == RecipientAPI.invalidParams(message))
        #expect(try await api.call("GET", Self.path).json == Self.page([]))
    }

    @Test func badInlineUsersKeysAndFlagsAreRejected() async throws {
        let badTimezone = try await api.call(
            "POST", Self.path,
            #"{"members": [{"user": {"id": "u1"}}, {"user": {"id": "u2", "timezone": "Mars/Base"}}]}"#)
        #expect(badTimezone.status == 422)
        #expect(badTimezone.json?["message"]?.stringValue?.hasPrefix("members[1].user.timezone") == true)
        #expect(try await api.call("GET", Self.path).json == Self.page([]))
        let longKey = String(repeating: "k", count: 257)
        #expect(
            try await api.call("POST", "/v1/audiences/\(longKey)/members", Self.members(1)).json
                == RecipientAPI.invalidParams(
                    "key is 257 characters long; expected 1 to 256 characters without '/' or '#'"))
        #expect(
            try await api.call("POST", Self.path + "?create_audience=yes", Self.members(1)).json
                == RecipientAPI.invalidParams("create_audience: 'yes' is not a boolean; accepted: true, false"))
        #expect(try await api.call("POST", Self.path, "not json").status == 400)
    }

    @Test func removeDeletesTheNamedMembershipsOnly() async throws {
        _ = try await api.call(
            "POST", Self.path,
            #"{"members": [{"user": {"id": "u1"}}, {"user": {"id": "u1"}, "tenant": "acme"}, {"user": {"id": "u2"}}]}"#)
        let removed = try await api.call(
            "DELETE", Self.path,
            #"{"members": [{"user": {"id": "u1", "name": "ignored"}, "tenant": "acme"}, {"user": {"id": "u9"}}]}"#)
        #expect(removed.status == 204)
        #expect(
            try await api.call("GET", Self.path).json
                == Self.page([
                    Self.member(Self.missingUser("u1"), id: "u1"), Self.member(Self.missingUser("u2"), id: "u2"),
                ]))
        #expect(try await api.call("GET", "/v1/users/u1").status == 404)
    }

    @Test func environmentsAreIsolated() async throws {
        _ = try await api.call("POST", Self.path, Self.members(2))
        let production = HostTestSupport.productionKey
        #expect(try await api.call("GET", Self.path, key: production).json == Self.page([]))
        #expect(try await api.call("DELETE", Self.path, Self.members(2), key: production).status == 204)
        #expect(try await api.call("POST", Self.path, Self.members(1, prefix: "p"), key: production).status == 204)
        #expect(
            try await api.call("GET", Self.path).json
                == Self.page([
                    Self.member(Self.missingUser("u0"), id: "u0"), Self.member(Self.missingUser("u1"), id: "u1"),
                ]))
        #expect(
            try await api.call("GET", Self.path, key: production).json
                == Self.page([Self.member(Self.missingUser("p0"), id: "p0")]))
    }

    @Test func deletingAUserRemovesItsMemberships() async throws {
        _ = try await api.call(
            "POST", Self.path,
            #"{"members": [{"user": {"id": "u1", "name": "Ann"}}, {"user": {"id": "u1"}, "tenant": "acme"}, "#
                + #"{"user": {"id": "u2"}}]}"#)
        #expect(try await api.call("DELETE", "/v1/users/u1").status == 204)
        #expect(try await api.call("GET", Self.path).json == Self.page([Self.member(Self.missingUser("u2"), id: "u2")]))
    }

    @Test func requiresAnAPIKey() async throws {
        #expect(try await api.call("GET", Self.path, key: "").status == 401)
    }
}
