import Engine
import Foundation
import Host
import Providers
import Testing

@Suite struct MessagesRoutesTests {
    let harness = MessagesHarness()

    @Test func aMessageHasKnocksShape() async throws {
        try await harness.insert("msg_a", seconds: 10, tenant: "acme", data: ["order": "o-1"])
        let (status, json) = try await harness.send("GET", "/v1/messages/msg_a")
        #expect(status == 200)
        #expect(
            json == [
                "__typename": "Message", "id": "msg_a", "channel_id": "feed", "recipient": "user-1", "actors": [],
                "status": "delivered", "engagement_statuses": [], "seen_at": .null, "read_at": .null,
                "interacted_at": .null, "link_clicked_at": .null, "archived_at": .null, "clicked_at": .null,
                "inserted_at": "2025-01-02T03:04:15Z", "updated_at": "2025-01-02T03:04:15Z", "scheduled_at": .null,
                "source": [
                    "__typename": "NotificationSource", "type": "workflow", "key": "order-shipped", "categories": [],
                    "step_ref": "in_app_1", "workflow_run_id": "run-1", "workflow_recipient_run_id": "rr-1",
                ],
                "workflow": "order-shipped", "tenant": "acme", "data": ["order": "o-1"], "metadata": .null,
            ])
    }

    @Test func anObjectRecipientIsAReference() async throws {
        try await harness.insert("msg_o", seconds: 1, recipient: "projects/p-1")
        let (_, json) = try await harness.send("GET", "/v1/messages/msg_o")
        #expect(MessagesHarness.member(json, "recipient") == ["collection": "projects", "id": "p-1"])
        let (status, list) = try await harness.send("GET", "/v1/objects/projects/p-1/messages")
        #expect(status == 200)
        #expect(MessagesHarness.ids(list) == ["msg_o"])
    }

    @Test func listingPagesNewestFirst() async throws {
        for number in 1...3 { try await harness.insert("msg_\(number)", seconds: Double(number)) }
        let (status, first) = try await harness.send("GET", "/v1/messages", query: [("page_size", "2")])
        #expect(status == 200)
        #expect(MessagesHarness.ids(first) == ["msg_3", "msg_2"])
        let after = try #require(MessagesHarness.member(first, "page_info", "after")?.stringValue)
        #expect(MessagesHarness.member(first, "page_info", "before") == .null)
        #expect(MessagesHarness.member(first, "page_info", "page_size") == 2)
        let (_, second) = try await harness.send("GET", "/v1/messages", query: [("page_size", "2"), ("after", after)])
        #expect(MessagesHarness.ids(second) == ["msg_1"])
        #expect(MessagesHarness.member(second, "page_info", "after") == .null)
        #expect(MessagesHarness.member(second, "page_info", "before")?.stringValue != nil)
    }

    @Test func listingFilters() async throws {
        try await harness.insert("msg_1", seconds: 1, status: .undelivered, tenant: "acme", data: ["page": "A"])
        try await harness.insert(
            "msg_2", seconds: 2, channelID: "email", recipient: "user-2",
            workflow: WorkflowReference(key: "digest", runID: "run-2", recipientRunID: "rr-2"), data: ["page": "B"])
        try await harness.insert("msg_3", seconds: 3, status: .queued)
        try await harness.pipeline.updateEngagement(messageIDs: ["msg_3"], environment: "development", .read)
        let cases: [([(name: String, value: String)], [String])] = [
            ([("status[]", "undelivered"), ("status[]", "queued")], ["msg_3", "msg_1"]),
            ([("status", "queued")], ["msg_3"]),
            ([("engagement_status[]", "read")], ["msg_3"]),
            ([("engagement_status[]", "unread")], ["msg_2", "msg_1"]),
            ([("channel_id", "email")], ["msg_2"]),
            ([("source", "digest")], ["msg_2"]),
            ([("tenant", "acme")], ["msg_1"]),
            ([("trigger_data", #"{"page":"A"}"#)], ["msg_1"]),
            ([("workflow_run_id", "run-2")], ["msg_2"]),
            ([("workflow_recipient_run_id", "rr-1")], ["msg_3", "msg_1"]),
            ([("message_ids[]", "msg_1"), ("message_ids[]", "msg_2")], ["msg_2", "msg_1"]),
        ]
        for (query, expected) in cases {
            let (status, json) = try await harness.send("GET", "/v1/messages", query: query)
            #expect(status == 200)
            #expect(MessagesHarness.ids(json) == expected, "\(query)")
        }
        let (_, user) = try await harness.send("GET", "/v1/users/user-2/messages")
        #expect(MessagesHarness.ids(user) == ["msg_2"])
    }

    @Test func badListingParametersAreRefusedPrecisely() async throws {
        let cases: [([(name: String, value: String)], String)] = [
            (
                [("status[]", "lost")],
                #"status: expected any of queued, sent, delivered, delivery_attempted, undelivered, not_sent, bounced, found "lost""#
            ),
            (
                [("engagement_status", "opened")],
                #"engagement_status: expected any of seen, unseen, read, unread, archived, unarchived, interacted, link_clicked, found "opened""#
            ),
            ([("trigger_data", "{page")], "trigger_data: expected a JSON object, found text that is not JSON"),
            ([("trigger_data", "[1]")], "trigger_data: expected a JSON object, found an array"),
            (
                (0...50).map { ("message_ids[]", "m\($0)") },
                "message_ids: expected at most 50 ids, found 51"
            ),
            ([("workflow_categories[]", "")], "workflow_categories[0]: expected 1 to 256 characters, found 0"),
            (
                [("inserted_at.gt", "yesterday")],
                #"inserted_at.gt: expected an ISO 8601 date-time such as 2025-01-01T00:00:00Z, found "yesterday""#
            ),
            (
                [("inserted_at[lte]", "2025-01-02")],
                #"inserted_at[lte]: expected an ISO 8601 date-time such as 2025-01-01T00:00:00Z, found "2025-01-02""#
            ),
            (
                [("inserted_at.after", "2025-01-02T00:00:00Z")],
                "inserted_at.after: unknown filter; accepted: inserted_at.gt, inserted_at.gte, inserted_at.lt, inserted_at.lte"
            ),
            ([("page_size", "0")], "page_size must be a whole number from 1 to 50, found '0'"),
            ([("after", "nonsense")], "after: not a cursor of this listing (pass back the cursor of a previous page)"),
        ]
        for (query, message) in cases {
            let (status, json) = try await harness.send("GET", "/v1/messages", query: query)
            #expect(status == 422)
            #expect(json == MessagesHarness.error(422, "invalid_params", message))
        }
    }

    @Test func unknownAndInvalidIds() async throws {
        let (status, json) = try await harness.send("GET", "/v1/messages/msg_missing")
        #expect(status == 404)
        #expect(
            json
                == MessagesHarness.error(404, "resource_missing", "no message msg_missing in environment 'development'")
        )
        let (badStatus, bad) = try await harness.send("GET", "/v1/messages/msg%23x/events")
        #expect(badStatus == 422)
        #expect(
            bad
                == MessagesHarness.error(
                    422, "invalid_params",
                    "message_id contains '/' or '#'; expected 1 to 256 characters without '/' or '#'"))
    }

    @Test func environmentsAreIsolated() async throws {
        try await harness.insert("msg_p", seconds: 1, environment: "production")
        for path in ["/v1/messages/msg_p", "/v1/messages/msg_p/events", "/v1/messages/msg_p/content"] {
            #expect(try await harness.send("GET", path).status == 404)
        }
        #expect(MessagesHarness.ids(try await harness.send("GET", "/v1/messages").json) == [])
        let (status, _) = try await harness.send("PUT", "/v1/messages/msg_p/seen")
        #expect(status == 404)
        #expect(await harness.store.message(id: "msg_p")?.engagement == Engagement())
        let (_, production) = try await harness.send("GET", "/v1/messages", key: HostTestSupport.productionKey)
        #expect(MessagesHarness.ids(production) == ["msg_p"])
    }
}
