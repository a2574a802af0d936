import Engine
import Foundation
import Host
import Providers
import Testing

@Suite struct MessageEngagementRoutesTests {
    let harness = MessagesHarness()
    let changedAt: JSONValue = "2025-01-02T04:04:05Z"

    @Test func singleChangesSetAndClearTimes() async throws {
        try await harness.insert("msg_1", seconds: 1)
        let steps: [(String, String, String, JSONValue)] = [
            ("PUT", "seen", "seen_at", changedAt), ("DELETE", "seen", "seen_at", .null),
            ("PUT", "seen", "seen_at", changedAt), ("DELETE", "unseen", "seen_at", .null),
            ("PUT", "read", "read_at", changedAt), ("DELETE", "unread", "read_at", .null),
            ("PUT", "read", "read_at", changedAt), ("DELETE", "read", "read_at", .null),
            ("PUT", "archived", "archived_at", changedAt), ("DELETE", "unarchived", "archived_at", .null),
            ("PUT", "archived", "archived_at", changedAt), ("DELETE", "archived", "archived_at", .null),
            ("PUT", "interacted", "interacted_at", changedAt),
        ]
        for (method, segment, field, value) in steps {
            let (status, json) = try await harness.send(method, "/v1/messages/msg_1/\(segment)")
            #expect(status == 200, "\(method) \(segment)")
            #expect(MessagesHarness.member(json, field) == value, "\(method) \(segment)")
            #expect(MessagesHarness.member(json, "id") == "msg_1")
        }
        let (_, json) = try await harness.send("GET", "/v1/messages/msg_1")
        #expect(MessagesHarness.member(json, "engagement_statuses") == ["interacted"])
        #expect(MessagesHarness.member(json, "updated_at") == changedAt)
    }

    @Test func interactedChecksItsMetadata() async throws {
        try await harness.insert("msg_1", seconds: 1)
        let (status, json) = try await harness.send(
            "PUT", "/v1/messages/msg_1/interacted", body: #"{"metadata": "clicked"}"#)
        #expect(status == 422)
        #expect(
            json == MessagesHarness.error(422, "invalid_params", "metadata: expected a JSON object, found a string"))
        #expect(await harness.store.message(id: "msg_1")?.engagement == Engagement())
        let ok = try await harness.send("PUT", "/v1/messages/msg_1/interacted", body: #"{"metadata": {"button": "a"}}"#)
        #expect(ok.status == 200)
        #expect(MessagesHarness.member(ok.json, "interacted_at") == changedAt)
    }

    @Test func batchChangesAllOrNothing() async throws {
        try await harness.insert("msg_1", seconds: 1)
        try await harness.insert("msg_2", seconds: 2)
        try await harness.insert("msg_p", seconds: 3, environment: "production")
        let (status, json) = try await harness.send(
            "POST", "/v1/messages/batch/read", body: #"{"message_ids": ["msg_1", "msg_2"]}"#)
        #expect(status == 200)
        guard case .array(let items) = json else { Issue.record("expected an array"); return }
        #expect(items.map { MessagesHarness.member($0, "id") } == ["msg_1", "msg_2"])
        #expect(items.map { MessagesHarness.member($0, "read_at") } == [changedAt, changedAt])

        let (missingStatus, missing) = try await harness.send(
            "POST", "/v1/messages/batch/archived", body: #"{"message_ids": ["msg_1", "msg_p", "msg_x"]}"#)
        #expect(missingStatus == 404)
        #expect(
            missing
                == MessagesHarness.error(
                    404, "resource_missing", "no messages msg_p, msg_x in environment 'development'"))
        #expect(await harness.store.message(id: "msg_1")?.engagement.archivedAt == nil)
    }

    @Test func batchBodiesAreChecked() async throws {
        let cases: [(String, Int, String, String)] = [
            ("", 400, "invalid_json", "The request body is empty; expected a JSON object"),
            ("{}", 422, "invalid_params", "message_ids: required; expected an array of message ids"),
            (
                #"{"message_ids": "msg_1"}"#, 422, "invalid_params",
                "message_ids: expected an array of message ids, found a string"
            ),
            (#"{"message_ids": []}"#, 422, "invalid_params", "message_ids: expected 1 to 1000 message ids, found 0"),
            (
                #"{"message_ids": ["msg_1", 7]}"#, 422, "invalid_params",
                "message_ids[1]: expected a message id string, found a number"
            ),
            (
                #"{"message_ids": ["a/b"]}"#, 422, "invalid_params",
                "message_ids[0] contains '/' or '#'; expected 1 to 256 characters without '/' or '#'"
            ),
        ]
        for (body, status, code, message) in cases {
            let response = try await harness.send("POST", "/v1/messages/batch/seen", body: body.isEmpty ? nil : body)
            #expect(response.status == status, "\(body)")
            #expect(response.json == MessagesHarness.error(status, code, message), "\(body)")
        }
    }

    @Test func retryRequeuesAnUndeliveredMessage() async throws {
        try await harness.insert("msg_u", seconds: 1, status: .undelivered)
        try await harness.insert("msg_d", seconds: 2)
        try await harness.insert("msg_p", seconds: 3, environment: "production", status: .undelivered)
        let (status, json) = try await harness.send("POST", "/v1/messages/msg_u/retry")
        #expect(status == 200)
        #expect(MessagesHarness.member(json, "status") == "queued")
        #expect(MessagesHarness.member(json, "scheduled_at") == changedAt)
        let (refused, body) = try await harness.send("POST", "/v1/messages/msg_d/retry")
        #expect(refused == 422)
        #expect(
            body
                == MessagesHarness.error(
                    422, "invalid_params", "message msg_d is delivered; only undelivered messages can be retried"))
        #expect(try await harness.send("POST", "/v1/messages/msg_p/retry").status == 404)
        #expect(await harness.store.message(id: "msg_p")?.status == .undelivered)
    }
}
