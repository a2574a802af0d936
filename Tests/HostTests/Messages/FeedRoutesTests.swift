import Engine
import Foundation
import Host
import Providers
import Testing

@Suite struct FeedRoutesTests {
    let harness = MessagesHarness()

    func feed(_ query: [(name: String, value: String)] = []) async throws -> (status: Int, json: JSONValue) {
        try await harness.send("GET", "/v1/users/user-1/feeds/feed", query: query)
    }

    /// Identifies the recipient `user-1` and the actor `actor-1`, and stores the run `rr-1` (the messages'
    /// default recipient run) with that actor.
    func identifyParticipants() async throws {
        let upserts = try [("user-1", "Ann"), ("actor-1", "Bob")].map { id, name in
            try RecipientUpsert.parse(body: ["name": .string(name)], reference: .user(id), path: "$")
        }
        _ = try await harness.recipients.upsert(upserts, environment: "development", now: HostTestSupport.instant)
        try await harness.runs.insert([
            RecipientRun(
                id: "rr-1", workflowRunID: "run-1", workflowKey: "order-shipped", version: "v1",
                environment: "development", recipient: .user("user-1"), actor: .user("actor-1"), tenant: "acme",
                data: [:], cancellationKey: nil, skipsDelays: false, createdAt: HostTestSupport.instant)
        ])
    }

    static func user(_ id: String, _ name: String) -> JSONValue {
        [
            "__typename": "User", "id": .string(id), "name": .string(name), "created_at": .null,
            "updated_at": "2025-01-02T03:04:05Z",
        ]
    }

    @Test func aFeedItemHasKnocksShape() async throws {
        try await identifyParticipants()
        try await harness.insert("msg_1", seconds: 1, tenant: "acme", data: ["order": "o-1"])
        let (status, json) = try await feed()
        #expect(status == 200)
        let inserted: JSONValue = "2025-01-02T03:04:06Z"
        #expect(
            json == [
                "entries": [
                    [
                        "__typename": "FeedItem", "id": "msg_1", "inserted_at": inserted, "updated_at": inserted,
                        "seen_at": .null, "read_at": .null, "interacted_at": .null, "link_clicked_at": .null,
                        "archived_at": .null, "clicked_at": .null,
                        "blocks": [
                            [
                                "type": "markdown", "name": "body", "content": "Your **order** shipped",
                                "rendered": .string(
                                    InAppFeedContent(markdownBody: "Your **order** shipped").renderedBody),
                            ]
                        ],
                        "actors": [Self.user("actor-1", "Bob")],
                        "activities": [
                            [
                                "__typename": "Activity", "id": "msg_1", "inserted_at": inserted,
                                "updated_at": inserted,
                                "actor": Self.user("actor-1", "Bob"), "recipient": Self.user("user-1", "Ann"),
                                "data": ["order": "o-1", "action_url": "https://app.example.test/o/1"],
                            ]
                        ],
                        "total_activities": 1, "total_actors": 1,
                        "source": ["__typename": "NotificationSource", "key": "order-shipped", "categories": []],
                        "tenant": "acme", "data": ["order": "o-1", "action_url": "https://app.example.test/o/1"],
                    ]
                ],
                "meta": ["__typename": "FeedMetadata", "total_count": 1, "unread_count": 1, "unseen_count": 1],
                "page_info": ["__typename": "PageInfo", "after": .null, "before": .null, "page_size": 50],
                "vars": ["base_url": "https://app.example.test"],
            ])
    }

    @Test func deletedUsersBecomeMissingMarkers() async throws {
        try await identifyParticipants()
        try await harness.insert("msg_1", seconds: 1)
        try await harness.insert("msg_2", seconds: 2, workflow: nil)
        await harness.recipients.delete([.user("actor-1"), .user("user-1")], environment: "development")
        let entries = try #require(try await feed().json["entries"]?.arrayValue)
        let missing = { (id: String) -> JSONValue in ["__typename": "User", "id": .string(id), "missing": true] }
        #expect(entries.map { $0["actors"] } == [[], [missing("actor-1")]])
        #expect(entries.map { $0["total_actors"] } == [0, 1])
        #expect(entries.map { $0["activities"]?.arrayValue?.first?["actor"] } == [.null, missing("actor-1")])
        #expect(
            entries.map { $0["activities"]?.arrayValue?.first?["recipient"] } == [missing("user-1"), missing("user-1")])
    }

    @Test func countsFollowEngagement() async throws {
        for number in 1...4 { try await harness.insert("msg_\(number)", seconds: Double(number)) }
        try await harness.insert("msg_other", seconds: 5, recipient: "user-2")
        try await harness.insert("msg_email", seconds: 6, channelID: "email")
        func meta() async throws -> JSONValue? { MessagesHarness.member(try await feed().json, "meta") }
        #expect(
            try await meta() == ["__typename": "FeedMetadata", "total_count": 4, "unread_count": 4, "unseen_count": 4])
        _ = try await harness.send("POST", "/v1/messages/batch/seen", body: #"{"message_ids": ["msg_1", "msg_2"]}"#)
        _ = try await harness.send("PUT", "/v1/messages/msg_1/read")
        #expect(
            try await meta() == ["__typename": "FeedMetadata", "total_count": 4, "unread_count": 3, "unseen_count": 2])
        _ = try await harness.send("PUT", "/v1/messages/msg_4/archived")
        #expect(
            try await meta() == ["__typename": "FeedMetadata", "total_count": 3, "unread_count": 2, "unseen_count": 1])
        #expect(MessagesHarness.ids(try await feed().json, member: "entries") == ["msg_3", "msg_2", "msg_1"])
        let (_, unread) = try await feed([("status", "unread")])
        #expect(MessagesHarness.ids(unread, member: "entries") == ["msg_3", "msg_2"])
        #expect(MessagesHarness.member(unread, "meta", "total_count") == 2)
        #expect(MessagesHarness.member(unread, "meta", "unread_count") == 2)
        let (_, archived) = try await feed([("archived", "only")])
        #expect(MessagesHarness.ids(archived, member: "entries") == ["msg_4"])
        let (_, everything) = try await feed([("archived", "include"), ("page_size", "3")])
        #expect(MessagesHarness.ids(everything, member: "entries") == ["msg_4", "msg_3", "msg_2"])
        let after = try #require(MessagesHarness.member(everything, "page_info", "after")?.stringValue)
        let (_, rest) = try await feed([("archived", "include"), ("page_size", "3"), ("after", after)])
        #expect(MessagesHarness.ids(rest, member: "entries") == ["msg_1"])
    }

    @Test func feedFiltersAndBadValues() async throws {
        try await harness.insert("msg_1", seconds: 1, tenant: "acme", data: ["page": "A"])
        try await harness.insert("msg_2", seconds: 2, workflow: WorkflowReference(key: "digest"), data: ["page": "B"])
        let cases: [([(name: String, value: String)], [String])] = [
            ([("has_tenant", "true")], ["msg_1"]), ([("has_tenant", "false")], ["msg_2"]),
            ([("tenant", "acme")], ["msg_1"]), ([("source", "digest")], ["msg_2"]),
            ([("trigger_data", #"{"page":"B"}"#)], ["msg_2"]),
        ]
        for (query, expected) in cases {
            #expect(MessagesHarness.ids(try await feed(query).json, member: "entries") == expected, "\(query)")
        }
        let refused: [([(name: String, value: String)], String)] = [
            ([("status", "new")], #"status: expected one of unread, read, unseen, seen, all, found "new""#),
            ([("archived", "hide")], #"archived: expected one of exclude, include, only, found "hide""#),
            ([("has_tenant", "yes")], #"has_tenant: expected true or false, found "yes""#),
        ]
        for (query, message) in refused {
            let (status, json) = try await feed(query)
            #expect(status == 422)
            #expect(json == MessagesHarness.error(422, "invalid_params", message))
        }
    }

    @Test func eventsAreTheTimelineInPages() async throws {
        try await harness.insert("msg_1", seconds: 1)
        try await harness.pipeline.updateEngagement(messageIDs: ["msg_1"], environment: "development", .seen)
        try await harness.pipeline.updateEngagement(messageIDs: ["msg_1"], environment: "development", .read)
        let (status, json) = try await harness.send("GET", "/v1/messages/msg_1/events", query: [("page_size", "2")])
        #expect(status == 200)
        #expect(
            MessagesHarness.member(json, "items")
                == [
                    [
                        "__typename": "MessageEvent", "id": "msg_1.1", "type": "message.queued",
                        "inserted_at": "2025-01-02T03:04:06Z", "recipient": "user-1",
                        "data": ["status": "queued", "reason": "queued"],
                    ],
                    [
                        "__typename": "MessageEvent", "id": "msg_1.2", "type": "message.seen",
                        "inserted_at": "2025-01-02T04:04:05Z", "recipient": "user-1",
                        "data": ["status": "delivered", "reason": "marked seen"],
                    ],
                ])
        let after = try #require(MessagesHarness.member(json, "page_info", "after")?.stringValue)
        let (_, next) = try await harness.send("GET", "/v1/messages/msg_1/events", query: [("after", after)])
        #expect(MessagesHarness.ids(next) == ["msg_1.3"])
        #expect(MessagesHarness.member(next, "page_info", "after") == .null)
        #expect(MessagesHarness.member(next, "page_info", "before") == .string(after))
    }

    @Test func deliveryLogsShowRecordedExchanges() async throws {
        let message = try await harness.insert(
            "msg_w", seconds: 1, status: .queued, content: .webhook(WebhookContent(url: "https://hooks.example.test/d"))
        )
        let exchange = HTTPFixture(
            provider: "webhook", caseName: "delivered", recordedAt: "2025-01-02T03:04:07Z",
            request: HTTPFixture.Request(
                method: "POST", url: "https://hooks.example.test/deliveries?attempt=1",
                headers: [("Content-Type", "application/json"), ("X-Signature", "<redacted>")],
                body: .json(["message_id": "msg_w"])),
            response: HTTPFixture.Response(status: 200, headers: [("Content-Type", "text/plain")], body: .text("ok")))
        var delivered = message
        delivered.status = .delivered
        try await harness.store.record(
            MessageChange(
                message: delivered,
                attemptLog: DeliveryAttemptLog(
                    messageID: "msg_w", attempt: 1, startedAt: HostTestSupport.instant.addingTimeInterval(2),
                    durationMilliseconds: 42, exchanges: [exchange], outcome: "accepted", detail: nil)))
        let (status, json) = try await harness.send("GET", "/v1/messages/msg_w/delivery_logs")
        #expect(status == 200)
        #expect(
            MessagesHarness.member(json, "items")
                == [
                    [
                        "__typename": "MessageDeliveryLog", "id": "msg_w.1.1", "environment_id": "development",
                        "service_name": "webhook", "inserted_at": "2025-01-02T03:04:07Z", "attempt": 1,
                        "outcome": "accepted", "detail": .null, "duration_ms": 42,
                        "request": [
                            "method": "POST", "host": "hooks.example.test", "path": "/deliveries", "query": "attempt=1",
                            "headers": ["content-type": "application/json", "x-signature": "<redacted>"],
                            "body": ["message_id": "msg_w"],
                        ],
                        "response": ["status": 200, "headers": ["content-type": "text/plain"], "body": "ok"],
                    ]
                ])
    }

    @Test func contentByChannelType() async throws {
        try await harness.insert("msg_f", seconds: 1)
        let (status, json) = try await harness.send("GET", "/v1/messages/msg_f/content")
        #expect(status == 200)
        #expect(
            json == [
                "__typename": "MessageContents", "message_id": "msg_f", "inserted_at": "2025-01-02T03:04:06Z",
                "data": [
                    "__typename": "MessageInAppFeedContent",
                    "blocks": InAppFeedContent(markdownBody: "Your **order** shipped").blocks,
                    "action_url": "https://app.example.test/o/1",
                ],
            ])
        let headers = ["Authorization": "Bearer " + String(repeating: "t", count: 12)]
        try await harness.insert(
            "msg_w", seconds: 2,
            content: .webhook(
                WebhookContent(method: "PUT", url: "https://hooks.example.test/d?token=abc", headers: headers)))
        let (_, webhook) = try await harness.send("GET", "/v1/messages/msg_w/content")
        #expect(
            MessagesHarness.member(webhook, "data")
                == [
                    "__typename": "MessageHttpContent", "method": "PUT", "url": "https://hooks.example.test/d",
                    "headers": ["authorization": "<redacted>"], "body": .null,
                ])
        try await harness.insert("msg_pruned", seconds: 3, content: nil)
        let (gone, body) = try await harness.send("GET", "/v1/messages/msg_pruned/content")
        #expect(gone == 404)
        #expect(
            body
                == MessagesHarness.error(
                    404, "resource_missing", "the content of message msg_pruned was removed by the retention policy"))
    }
}
