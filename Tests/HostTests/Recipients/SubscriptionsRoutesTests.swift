import Engine
import Foundation
import Providers
import Testing

/// The subscription endpoints: add, delete, the object's and the user's listings, bulk add and delete.
@Suite struct SubscriptionsRoutesTests {
    let api = RecipientAPI()
    static let time = RecipientAPI.updatedAt
    static let path = "/v1/objects/projects/p1/subscriptions"

    static func user(_ id: String, _ properties: JSONObject = [:]) -> JSONValue {
        var user: JSONObject = ["__typename": "User", "id": .string(id)]
        for (key, value) in properties { user[key] = value }
        user["created_at"] = .null
        user["updated_at"] = time
        return .object(user)
    }

    static func object(_ collection: String, _ id: String) -> JSONValue {
        [
            "__typename": "Object", "id": .string(id), "collection": .string(collection), "properties": [:],
            "created_at": nil, "updated_at": time,
        ]
    }

    static func subscription(_ recipient: JSONValue, _ properties: JSONValue, object: JSONValue? = nil) -> JSONValue {
        [
            "__typename": "Subscription", "object": object ?? Self.object("projects", "p1"), "recipient": recipient,
            "properties": properties, "inserted_at": time, "updated_at": time,
        ]
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

    /// projects/p1 and teams/t1 exist, and users u1 and u2 (u1 named Ann).
    func seed() async throws {
        for path in ["/v1/objects/projects/p1", "/v1/objects/teams/t1", "/v1/users/u2"] {
            #expect(try await api.call("PUT", path, "{}").status == 200)
        }
        #expect(try await api.call("PUT", "/v1/users/u1", #"{"name": "Ann"}"#).status == 200)
    }

    @Test func addListAndUpdate() async throws {
        try await seed()
        let added = try await api.call(
            "POST", Self.path,
            #"{"recipients": ["u1", {"collection": "teams", "id": "t1"}], "properties": {"role": "admin"}}"#)
        #expect(added.status == 200)
        let ann = Self.subscription(Self.user("u1", ["name": "Ann"]), ["role": "admin"])
        let team = Self.subscription(Self.object("teams", "t1"), ["role": "admin"])
        #expect(added.json == [ann, team])
        #expect(try await api.call("GET", Self.path).json == Self.page([ann, team]))
        // Subscribing again replaces the properties; `properties` left out means {}.
        #expect(
            try await api.call("POST", Self.path, #"{"recipients": ["u1"]}"#).json == [
                Self.subscription(Self.user("u1", ["name": "Ann"]), [:])
            ])
        #expect(
            try await api.call("GET", "/v1/users/u1/subscriptions").json
                == Self.page([Self.subscription(Self.user("u1", ["name": "Ann"]), [:])]))
        // mode=recipient: what the team subscribes to.
        #expect(
            try await api.call("GET", "/v1/objects/teams/t1/subscriptions?mode=recipient").json == Self.page([team]))
    }

    @Test func listingsFilterAndPage() async throws {
        try await seed()
        _ = try await api.call("POST", Self.path, #"{"recipients": ["u2", "u1"]}"#)
        _ = try await api.call("POST", "/v1/objects/teams/t1/subscriptions", #"{"recipients": ["u1"]}"#)
        let u1 = Self.subscription(Self.user("u1", ["name": "Ann"]), [:])
        let u2 = Self.subscription(Self.user("u2"), [:])
        #expect(try await api.call("GET", Self.path + "?recipients[]=u1").json == Self.page([u1]))
        let first = try await api.call("GET", Self.path + "?page_size=1")
        let after = try #require(first.json?["page_info"]?["after"]?.stringValue)
        #expect(first.json == Self.page([u2], after: .string(after), size: 1))
        let second = try await api.call("GET", Self.path + "?page_size=1&after=\(after)")
        let before = try #require(second.json?["page_info"]?["before"]?.stringValue)
        #expect(second.json == Self.page([u1], before: .string(before), size: 1))
        #expect(try await api.call("GET", Self.path + "?page_size=1&before=\(before)").json == first.json)
        // A user's subscriptions, newest first, and filtered by object as Knock's SDKs encode it.
        let team = Self.subscription(Self.user("u1", ["name": "Ann"]), [:], object: Self.object("teams", "t1"))
        #expect(try await api.call("GET", "/v1/users/u1/subscriptions").json == Self.page([team, u1]))
        #expect(
            try await api.call(
                "GET", "/v1/users/u1/subscriptions?objects%5B%5D%5Bcollection%5D=projects&objects%5B%5D%5Bid%5D=p1"
            ).json == Self.page([u1]))
    }

    @Test func inlineSubscribersAreIdentifiedAndNothingIsStoredOnError() async throws {
        try await seed()
        let added = try await api.call("POST", Self.path, #"{"recipients": [{"id": "u9", "name": "Nine"}]}"#)
        #expect(added.json == [Self.subscription(Self.user("u9", ["name": "Nine"]), [:])])
        let refused = try await api.call(
            "POST", Self.path, #"{"recipients": [{"id": "u8"}, {"id": "u7", "timezone": "Mars/Base"}]}"#)
        #expect(
            refused.json
                == RecipientAPI.invalidParams(
                    #"recipients[1].timezone: "Mars/Base" is not a tz database time zone; expected a name such as "#
                        + #""America/New_York", "Europe/London" or "Etc/UTC""#))
        #expect(try await api.call("GET", "/v1/users/u8").status == 404)
        let ghost = try await api.call("POST", Self.path, #"{"recipients": [{"id": "u6"}, "ghost"]}"#)
        #expect(
            ghost.json
                == RecipientAPI.missing(
                    #"user "ghost" does not exist in environment "development"; identify it first, or pass it "#
                        + #"inline with its properties (a map with "id")"#))
        #expect(try await api.call("GET", "/v1/users/u6").status == 404)
    }

    @Test func limitsAndBadInputAreRejected() async throws {
        try await seed()
        let many = "[" + (0...100).map { "\"u\($0)\"" }.joined(separator: ",") + "]"
        let cases: [(String, String)] = [
            (#"{"recipients": \#(many)}"#, "recipients: has 101 entries; 1 to 100 recipients are accepted per call"),
            (#"{"recipients": []}"#, "recipients: has 0 entries; 1 to 100 recipients are accepted per call"),
            (
                #"{"properties": {}}"#,
                #"recipients: expected an array of 1 to 100 recipients (user ids, {"id": …} users or "#
                    + #"{"collection": …, "id": …} objects), it is missing"#
            ),
            (#"{"recipients": ["u1"], "properties": 3}"#, "properties: expected an object or null, found number"),
            (#"{"recipients": ["u1"], "extra": 1}"#, "extra: unknown key (accepted: recipients, properties)"),
            (#"{"recipients": ["a/b"]}"#, ##"recipients[0]: must not contain "/" ("/" and "#" are not accepted)"##),
            (
                #"{"recipients": ["\#(String(repeating: "x", count: 257))"]}"#,
                "recipients[0]: is 257 characters long; at most 256 are accepted"
            ),
            (
                #"{"recipients": [{"collection": "projects", "id": "p1"}]}"#,
                #"recipients[0].recipient: object "projects/p1" cannot subscribe to itself"#
            ),
        ]
        for (body, message) in cases {
            let response = try await api.call("POST", Self.path, body)
            #expect(response.status == 422)
            #expect(response.json == RecipientAPI.invalidParams(message))
        }
        let badPath = try await api.call("POST", "/v1/objects/pro%23jects/p1/subscriptions", #"{"recipients": ["u1"]}"#)
        #expect(
            badPath.json
                == RecipientAPI.invalidParams(
                    "collection contains '/' or '#'; expected 1 to 256 characters without '/' or '#'"))
        #expect(
            try await api.call("GET", Self.path + "?mode=both").json
                == RecipientAPI.invalidParams("mode: 'both' is not a mode; accepted: object, recipient"))
        #expect(try await api.call("GET", Self.path).json == Self.page([]))
    }

    @Test func missingObjectsAndUsersAre404() async throws {
        try await seed()
        let missing = RecipientAPI.missing(#"object "projects/p9" does not exist in environment "development""#)
        let path = "/v1/objects/projects/p9/subscriptions"
        #expect(try await api.call("POST", path, #"{"recipients": ["u1"]}"#).json == missing)
        #expect(try await api.call("DELETE", path, #"{"recipients": ["u1"]}"#).json == missing)
        #expect(try await api.call("GET", path).json == missing)
        #expect(
            try await api.call("GET", "/v1/users/u9/subscriptions").json
                == RecipientAPI.missing(#"user "u9" does not exist in environment "development""#))
    }

    @Test func deleteAnswersWhatWasDeletedAndDeletionCascades() async throws {
        try await seed()
        _ = try await api.call("POST", Self.path, #"{"recipients": ["u1", "u2"], "properties": {"a": 1}}"#)
        let deleted = try await api.call("DELETE", Self.path, #"{"recipients": ["u2", "u3"]}"#)
        #expect(deleted.json == [Self.subscription(Self.user("u2"), ["a": 1])])
        #expect(
            try await api.call("GET", Self.path).json
                == Self.page([Self.subscription(Self.user("u1", ["name": "Ann"]), ["a": 1])]))
        // Deleting the object deletes its subscriptions.
        #expect(try await api.call("DELETE", "/v1/objects/projects/p1").status == 204)
        #expect(try await api.call("GET", "/v1/users/u1/subscriptions").json == Self.page([]))
    }

    @Test func bulkAddAndBulkDelete() async throws {
        try await seed()
        _ = try await api.call("PUT", "/v1/objects/projects/p2", "{}")
        let added = try await api.call(
            "POST", "/v1/objects/projects/bulk/subscriptions/add",
            #"{"subscriptions": [{"id": "p1", "properties": null, "recipients": [{"id": "u1"}, "u2"]}, {"id": "p2", "properties": {"k": "v"}, "recipients": ["u2"]}]}"#
        )
        #expect(added.json == RecipientAPI.bulkOperation("subscriptions.add", count: 3))
        #expect(
            try await api.call("GET", "/v1/users/u2/subscriptions").json
                == Self.page([
                    Self.subscription(Self.user("u2"), ["k": "v"], object: Self.object("projects", "p2")),
                    Self.subscription(Self.user("u2"), [:]),
                ]))
        let deleted = try await api.call(
            "POST", "/v1/objects/projects/bulk/subscriptions/delete",
            #"{"subscriptions": [{"id": "p1", "recipients": ["u2", "u1"]}, {"id": "p404", "recipients": ["u2"]}]}"#)
        #expect(deleted.json == RecipientAPI.bulkOperation("subscriptions.delete", count: 3))
        #expect(try await api.call("GET", Self.path).json == Self.page([]))
        // A bulk add naming a missing object stores nothing.
        let refused = try await api.call(
            "POST", "/v1/objects/projects/bulk/subscriptions/add",
            #"{"subscriptions": [{"id": "p1", "recipients": ["u1"]}, {"id": "p404", "recipients": ["u1"]}]}"#)
        #expect(
            refused.json
                == RecipientAPI.missing(
                    #"object "projects/p404" does not exist in environment "development"; set the object before "#
                        + "subscribing recipients to it"))
        #expect(try await api.call("GET", Self.path).json == Self.page([]))
        let tooMany = try await api.call(
            "POST", "/v1/objects/projects/bulk/subscriptions/add",
            #"{"subscriptions": [{"id": "p1", "recipients": ["u1"], "extra": true}]}"#)
        #expect(
            tooMany.json
                == RecipientAPI.invalidParams(
                    "subscriptions[0].extra: unknown key (accepted: id, recipients, properties)"))
    }

    @Test func environmentsAreIsolated() async throws {
        try await seed()
        _ = try await api.call("POST", Self.path, #"{"recipients": ["u1"]}"#)
        let production = HostTestSupport.productionKey
        #expect(try await api.call("GET", Self.path, key: production).status == 404)
        _ = try await api.call("PUT", "/v1/objects/projects/p1", "{}", key: production)
        #expect(try await api.call("GET", Self.path, key: production).json == Self.page([]))
        #expect(try await api.call("GET", "/v1/users/u1/subscriptions", key: production).status == 404)
    }
}
