import Engine
import Foundation
import Host
import Providers
import Testing

/// `workflow_categories` and `inserted_at.*` on the message listings and the feed.
@Suite struct MessageListFiltersTests {
    let harness = MessagesHarness(categories: [
        "order-shipped": ["orders", "transactional"], "digest": ["marketing"], "welcome": [],
    ])

    func insertThree() async throws {
        // Created at instant + 10 s (03:04:15Z), + 20 s (03:04:25Z) and + 30.5 s (03:04:35.500Z).
        try await harness.insert("msg_1", seconds: 10)
        try await harness.insert("msg_2", seconds: 20, workflow: WorkflowReference(key: "digest"))
        try await harness.insert("msg_3", seconds: 30.5, workflow: nil)
    }

    @Test func workflowCategoriesListTheMessagesOfWorkflowsInAnyOfThem() async throws {
        try await insertThree()
        let cases: [([(name: String, value: String)], [String])] = [
            ([("workflow_categories[]", "orders")], ["msg_1"]),
            ([("workflow_categories[]", "marketing"), ("workflow_categories[]", "orders")], ["msg_2", "msg_1"]),
            ([("workflow_categories", "transactional")], ["msg_1"]),
            ([("workflow_categories[]", "Orders")], []),  // case-sensitive, as preferences compare them
            ([("workflow_categories[]", "nothing")], []),
        ]
        for (query, expected) in cases {
            let (status, json) = try await harness.send("GET", "/v1/messages", query: query)
            #expect(status == 200)
            #expect(MessagesHarness.ids(json) == expected, "\(query)")
        }
        let (_, user) = try await harness.send(
            "GET", "/v1/users/user-1/messages", query: [("workflow_categories[]", "marketing")])
        #expect(MessagesHarness.ids(user) == ["msg_2"])
    }

    @Test func withoutAWorkflowEngineNoWorkflowHasACategory() async throws {
        let plain = MessagesHarness()
        try await plain.insert("msg_1", seconds: 10)
        let (status, json) = try await plain.send("GET", "/v1/messages", query: [("workflow_categories[]", "orders")])
        #expect(status == 200)
        #expect(MessagesHarness.ids(json) == [])
    }

    @Test func insertedAtBoundsTheCreationTime() async throws {
        try await insertThree()
        let cases: [([(name: String, value: String)], [String])] = [
            ([("inserted_at.gt", "2025-01-02T03:04:15Z")], ["msg_3", "msg_2"]),
            ([("inserted_at.gte", "2025-01-02T03:04:15Z")], ["msg_3", "msg_2", "msg_1"]),
            ([("inserted_at.lt", "2025-01-02T03:04:25Z")], ["msg_1"]),
            ([("inserted_at.lte", "2025-01-02T03:04:25Z")], ["msg_2", "msg_1"]),
            (
                [("inserted_at[gt]", "2025-01-02T04:04:15+01:00"), ("inserted_at[lt]", "2025-01-02T03:04:35.5Z")],
                ["msg_2"]
            ),
            ([("inserted_at.gte", "2025-01-02T03:04:35.500Z")], ["msg_3"]),
            ([("inserted_at.gt", "2025-01-02T03:04:35.500Z")], []),
        ]
        for (query, expected) in cases {
            let (status, json) = try await harness.send("GET", "/v1/messages", query: query)
            #expect(status == 200)
            #expect(MessagesHarness.ids(json) == expected, "\(query)")
        }
    }

    @Test func theFeedAppliesBothFilters() async throws {
        try await insertThree()
        let (status, json) = try await harness.send(
            "GET", "/v1/users/user-1/feeds/feed",
            query: [("workflow_categories[]", "orders"), ("inserted_at.gte", "2025-01-02T03:04:00Z")])
        #expect(status == 200)
        #expect(MessagesHarness.ids(json, member: "entries") == ["msg_1"])
        let (badStatus, bad) = try await harness.send(
            "GET", "/v1/users/user-1/feeds/feed", query: [("inserted_at.lt", "soon")])
        #expect(badStatus == 422)
        #expect(
            bad
                == MessagesHarness.error(
                    422, "invalid_params",
                    #"inserted_at.lt: expected an ISO 8601 date-time such as 2025-01-01T00:00:00Z, found "soon""#))
    }
}
