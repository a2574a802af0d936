import Engine
import Providers
import Testing

@Suite struct ObjectsRoutesTests {
    let api = RecipientAPI()

    static func object(_ id: String, _ properties: JSONValue) -> JSONValue {
        [
            "__typename": "Object", "id": .string(id), "collection": "projects", "properties": properties,
            "created_at": nil, "updated_at": RecipientAPI.updatedAt,
        ]
    }

    @Test func setGetListDelete() async throws {
        let set = try await api.call("PUT", "/v1/objects/projects/p1", #"{"name": "Apollo", "meta": {"a": 1}}"#)
        #expect(set.status == 200)
        #expect(set.json == Self.object("p1", ["name": "Apollo", "meta": ["a": 1]]))
        _ = try await api.call("PUT", "/v1/objects/projects/p1", #"{"meta": {"b": 2}}"#)
        let expected = Self.object("p1", ["name": "Apollo", "meta": ["a": 1, "b": 2]])
        #expect(try await api.call("GET", "/v1/objects/projects/p1").json == expected)
        _ = try await api.call("PUT", "/v1/objects/teams/t1", "{}")
        #expect(
            try await api.call("GET", "/v1/objects/projects").json
                == [
                    "entries": [expected],
                    "page_info": ["__typename": "PageInfo", "after": nil, "before": nil, "page_size": 50],
                ])
        #expect(try await api.call("DELETE", "/v1/objects/projects/p1").status == 204)
        #expect(
            try await api.call("GET", "/v1/objects/projects/p1").json
                == RecipientAPI.missing(#"object "projects/p1" does not exist in environment "development""#))
        #expect(try await api.call("GET", "/v1/objects/teams/t1").status == 200)
    }

    @Test(arguments: [
        (
            "/v1/objects/pro%23jects/p1",
            "collection contains '/' or '#'; expected 1 to 256 characters without '/' or '#'"
        ),
        ("/v1/objects/projects/p%2F1", "id contains '/' or '#'; expected 1 to 256 characters without '/' or '#'"),
    ])
    func invalidPathsAreRejected(path: String, message: String) async throws {
        let response = try await api.call("PUT", path, "{}")
        #expect(response.status == 422)
        #expect(response.json == RecipientAPI.invalidParams(message))
    }

    @Test func changingTheCollectionIsRejected() async throws {
        let response = try await api.call("PUT", "/v1/objects/projects/p1", #"{"collection": "teams"}"#)
        #expect(
            response.json
                == RecipientAPI.invalidParams(
                    #"collection: is "teams" but the recipient is "projects"; a recipient's collection cannot be changed"#
                ))
        #expect(try await api.call("GET", "/v1/objects/projects/p1").status == 404)
    }

    @Test func bulkSetAndBulkDelete() async throws {
        let body = #"{"objects": [{"id": "p1", "name": "One"}, {"id": "p2", "properties": {"name": "Two"}}]}"#
        let set = try await api.call("POST", "/v1/objects/projects/bulk/set", body)
        #expect(set.status == 200)
        #expect(set.json == RecipientAPI.bulkOperation("objects.set", count: 2))
        #expect(try await api.call("GET", "/v1/objects/projects/p2").json == Self.object("p2", ["name": "Two"]))
        let deleted = try await api.call("POST", "/v1/objects/projects/bulk/delete", #"{"object_ids": ["p1"]}"#)
        #expect(deleted.json == RecipientAPI.bulkOperation("objects.delete", count: 1))
        let ids = try await api.call("GET", "/v1/objects/projects").json?["entries"]?.arrayValue?.map { $0["id"] }
        #expect(ids == ["p2"])
    }

    @Test func bulkSetIsAllOrNothingAndLimitedToAThousand() async throws {
        let invalid = #"{"objects": [{"id": "p1"}, {"id": "p2", "locale": 3}]}"#
        #expect(
            try await api.call("POST", "/v1/objects/projects/bulk/set", invalid).json
                == RecipientAPI.invalidParams("objects[1].locale: expected a string or null, found number"))
        let thousand = (0..<1000).map { #"{"id": "p\#($0)"}"# }.joined(separator: ",")
        #expect(
            try await api.call("POST", "/v1/objects/projects/bulk/set", #"{"objects": [\#(thousand)]}"#).json
                == RecipientAPI.bulkOperation("objects.set", count: 1000))
        #expect(
            try await api.call("POST", "/v1/objects/projects/bulk/set", #"{"objects": [\#(thousand), {"id": "x"}]}"#)
                .json == RecipientAPI.invalidParams("objects: has 1001 entries; at most 1000 are accepted per call"))
        #expect(try await api.call("GET", "/v1/objects/projects/p1").status == 200)
        #expect(try await api.call("GET", "/v1/objects/projects/x").status == 404)
        #expect(
            try await api.store.recipient(.object(collection: "projects", id: "x"), environment: "development") == nil)
    }

    @Test func objectsAreIsolatedByEnvironment() async throws {
        _ = try await api.call("PUT", "/v1/objects/projects/p1", #"{"name": "Apollo"}"#)
        _ = try await api.call(
            "PUT", "/v1/objects/projects/p1/channel_data/slack", #"{"data": {"token": {"access_token": "x"}}}"#)
        let production = HostTestSupport.productionKey
        #expect(try await api.call("GET", "/v1/objects/projects/p1", key: production).status == 404)
        #expect(try await api.call("GET", "/v1/objects/projects", key: production).json?["entries"] == [])
        #expect(try await api.call("GET", "/v1/objects/projects/p1/channel_data/slack", key: production).status == 404)
        #expect(try await api.call("GET", "/v1/objects/projects/p1").status == 200)
    }
}
