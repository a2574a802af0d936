import Engine
import Providers
import Testing

/// Merge, bulk identify and bulk delete.
@Suite struct UsersBulkRoutesTests {
    let api = RecipientAPI()

    @Test func mergeMovesTheSecondaryIntoThePrimary() async throws {
        _ = try await api.call(
            "PUT", "/v1/users/u1",
            #"{"name": "Ann", "a": {"x": 1}, "channel_data": {"ios": {"tokens": ["p"]}}}"#)
        _ = try await api.call(
            "PUT", "/v1/users/u2",
            #"{"name": "Bob", "email": "bob@example.com", "a": {"y": 2}, "channel_data": {"ios": {"tokens": ["s"]}, "fcm": {"tokens": ["f"]}}}"#
        )
        let merged = try await api.call("POST", "/v1/users/u1/merge", #"{"from_user_id": "u2"}"#)
        #expect(merged.status == 200)
        #expect(
            merged.json
                == [
                    "__typename": "User", "id": "u1", "name": "Ann", "email": "bob@example.com",
                    "a": ["x": 1, "y": 2], "created_at": nil, "updated_at": RecipientAPI.updatedAt,
                ])
        #expect(try await api.call("GET", "/v1/users/u2").status == 404)
        #expect(
            try await api.call("GET", "/v1/users/u1/channel_data/ios").json?["data"] == ["tokens": ["p"]])
        #expect(
            try await api.call("GET", "/v1/users/u1/channel_data/fcm").json?["data"] == ["tokens": ["f"]])
    }

    @Test(arguments: [
        (
            #"{}"#, 422,
            RecipientAPI.invalidParams("from_user_id: expected a string of 1 to 256 characters, it is missing")
        ),
        (
            #"{"from_user_id": 7}"#, 422,
            RecipientAPI.invalidParams("from_user_id: expected a string of 1 to 256 characters, found number")
        ),
        (
            #"{"from_user_id": "a/b"}"#, 422,
            RecipientAPI.invalidParams(
                "from_user_id contains '/' or '#'; expected 1 to 256 characters without '/' or '#'")
        ),
        (
            #"{"from_user_id": "u1"}"#, 422,
            RecipientAPI.invalidParams(#"from_user_id: user "u1" cannot be merged into itself"#)
        ),
        (
            #"{"from_user_id": "ghost"}"#, 404,
            RecipientAPI.missing(#"user "ghost" does not exist in environment "development""#)
        ),
    ])
    func invalidMergesChangeNothing(body: String, status: Int, error: JSONValue) async throws {
        _ = try await api.call("PUT", "/v1/users/u1", #"{"name": "Ann"}"#)
        let response = try await api.call("POST", "/v1/users/u1/merge", body)
        #expect(response.status == status)
        #expect(response.json == error)
        #expect(try await api.call("GET", "/v1/users/u1").json?["name"] == "Ann")
    }

    @Test func bulkIdentifyAnswersACompletedOperation() async throws {
        let body =
            #"{"users": [{"id": "u1", "name": "Ann"}, {"id": "u2", "channel_data": {"ios": {"tokens": ["t"]}}}]}"#
        let response = try await api.call("POST", "/v1/users/bulk/identify", body)
        #expect(response.status == 200)
        #expect(response.json == RecipientAPI.bulkOperation("users.identify", count: 2))
        #expect(try await api.call("GET", "/v1/users/u1").json?["name"] == "Ann")
        #expect(try await api.call("GET", "/v1/users/u2/channel_data/ios").json?["data"] == ["tokens": ["t"]])
    }

    @Test func bulkIdentifyAcceptsAThousandUsersAndRejectsMore() async throws {
        let thousand = (0..<1000).map { #"{"id": "u\#($0)"}"# }.joined(separator: ",")
        let accepted = try await api.call("POST", "/v1/users/bulk/identify", #"{"users": [\#(thousand)]}"#)
        #expect(accepted.json == RecipientAPI.bulkOperation("users.identify", count: 1000))
        let rejected = try await api.call(
            "POST", "/v1/users/bulk/identify", #"{"users": [\#(thousand), {"id": "extra"}]}"#)
        #expect(rejected.status == 422)
        #expect(
            rejected.json == RecipientAPI.invalidParams("users: has 1001 entries; at most 1000 are accepted per call"))
        #expect(try await api.call("GET", "/v1/users/extra").status == 404)
    }

    @Test(arguments: [
        (#"{}"#, "users: required; expected an array of at most 1000 entries"),
        (#"{"users": {}}"#, "users: expected an array of at most 1000 entries, found object"),
        (#"{"users": [{"id": "u1"}, "u2"]}"#, "users[1]: expected an object with an id, found string"),
        (
            #"{"users": [{"id": "u1"}, {"name": "x"}]}"#,
            "users[1].id: expected a string of 1 to 256 characters, it is missing"
        ),
        (
            #"{"users": [{"id": "u1"}, {"id": "a#b"}]}"#,
            ##"users[1].id: must not contain "#" ("/" and "#" are not accepted)"##
        ),
        (
            #"{"users": [{"id": "u1"}, {"id": "u2", "timezone": "Mars/Base"}]}"#,
            #"users[1].timezone: "Mars/Base" is not a tz database time zone; expected a name such as "America/New_York", "Europe/London" or "Etc/UTC""#
        ),
    ])
    func invalidBulkIdentifyStoresNothing(body: String, message: String) async throws {
        let response = try await api.call("POST", "/v1/users/bulk/identify", body)
        #expect(response.status == 422)
        #expect(response.json == RecipientAPI.invalidParams(message))
        #expect(try await api.call("GET", "/v1/users").json?["entries"] == [])
    }

    @Test func bulkDeleteRemovesUsers() async throws {
        _ = try await api.call(
            "POST", "/v1/users/bulk/identify", #"{"users": [{"id": "u1"}, {"id": "u2"}, {"id": "u3"}]}"#)
        let response = try await api.call("POST", "/v1/users/bulk/delete", #"{"user_ids": ["u1", "u3", "ghost"]}"#)
        #expect(response.status == 200)
        #expect(response.json == RecipientAPI.bulkOperation("users.delete", count: 3))
        let ids = try await api.call("GET", "/v1/users").json?["entries"]?.arrayValue?.map { $0["id"] }
        #expect(ids == ["u2"])
    }

    @Test func invalidBulkDeleteDeletesNothing() async throws {
        _ = try await api.call("PUT", "/v1/users/u1", "{}")
        let response = try await api.call("POST", "/v1/users/bulk/delete", #"{"user_ids": ["u1", 2]}"#)
        #expect(response.json == RecipientAPI.invalidParams("user_ids[1]: expected a string id, found number"))
        let tooMany = (0...1000).map { #""u\#($0)""# }.joined(separator: ",")
        let rejected = try await api.call("POST", "/v1/users/bulk/delete", #"{"user_ids": [\#(tooMany)]}"#)
        #expect(
            rejected.json
                == RecipientAPI.invalidParams("user_ids: has 1001 entries; at most 1000 are accepted per call"))
        #expect(try await api.call("GET", "/v1/users/u1").status == 200)
    }
}
