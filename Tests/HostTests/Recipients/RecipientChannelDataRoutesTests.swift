import Engine
import Providers
import Testing

@Suite struct RecipientChannelDataRoutesTests {
    let api = RecipientAPI()

    @Test(arguments: ["/v1/users/u1", "/v1/objects/projects/p1"])
    func setCreatesTheRecipientThenGetAndUnset(recipient: String) async throws {
        let path = recipient + "/channel_data/ios"
        let set = try await api.call("PUT", path, #"{"data": {"tokens": ["t1", "t2"]}}"#)
        let expected: JSONValue = ["__typename": "ChannelData", "channel_id": "ios", "data": ["tokens": ["t1", "t2"]]]
        #expect(set.status == 200)
        #expect(set.json == expected)
        #expect(try await api.call("GET", recipient).status == 200)
        let fetched = try await api.call("GET", path)
        #expect(fetched.status == 200)
        #expect(fetched.json == expected)
        _ = try await api.call("PUT", path, #"{"data": {"tokens": ["t3"]}}"#)
        #expect(try await api.call("GET", path).json?["data"] == ["tokens": ["t3"]])
        let unset = try await api.call("DELETE", path)
        #expect(unset.status == 204)
        #expect(unset.json == JSONValue?.none)
        #expect(try await api.call("GET", path).status == 404)
        #expect(try await api.call("DELETE", path).status == 204)
    }

    @Test func getAnswers404ForAMissingRecipientOrChannel() async throws {
        #expect(
            try await api.call("GET", "/v1/users/u1/channel_data/ios").json
                == RecipientAPI.missing(#"user "u1" does not exist in environment "development""#))
        _ = try await api.call("PUT", "/v1/users/u1", "{}")
        #expect(
            try await api.call("GET", "/v1/users/u1/channel_data/ios").json
                == RecipientAPI.missing(#"user "u1" has no channel data for channel "ios""#))
        #expect(
            try await api.call("GET", "/v1/objects/projects/p1/channel_data/slack").json
                == RecipientAPI.missing(#"object "projects/p1" does not exist in environment "development""#))
    }

    @Test(arguments: [
        (#"{}"#, #"data: required; expected an object such as {"tokens": ["…"]}"#),
        (#"{"data": ["t1"]}"#, "data: expected an object, found array"),
        (#"{"data": null}"#, "data: expected an object, found null"),
        ("\"x\"", "$: expected a JSON object, found a string"),
    ])
    func invalidBodiesAreRejectedAndStoreNothing(body: String, message: String) async throws {
        let response = try await api.call("PUT", "/v1/users/u1/channel_data/ios", body)
        #expect(response.status == 422)
        #expect(response.json == RecipientAPI.invalidParams(message))
        #expect(try await api.store.recipient(.user("u1"), environment: "development") == nil)
    }

    @Test func invalidChannelIDIsRejected() async throws {
        let response = try await api.call("PUT", "/v1/users/u1/channel_data/a%23b", #"{"data": {}}"#)
        #expect(
            response.json
                == RecipientAPI.invalidParams(
                    "channel_id contains '/' or '#'; expected 1 to 256 characters without '/' or '#'"))
    }
}
