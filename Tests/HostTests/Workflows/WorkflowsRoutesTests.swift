import Engine
import Foundation
import HTTPServer
import Host
import Providers
import Testing

@Suite struct WorkflowsRoutesTests {
    @Test func triggerRunsTheWorkflowAndDeliversToTheFeedAndTheOutbox() async throws {
        let harness = try WorkflowsHarness()
        let response = await harness.send("POST", "/v1/workflows/welcome/trigger", body: WorkflowsHarness.welcomeBody)
        #expect(response.status == 200)
        #expect(try HostTestSupport.json(response) == ["workflow_run_id": "id-1"])
        #expect(HostTestSupport.header(response, WorkflowsRoutes.replayedHeader) == nil)
        try await harness.settle()
        let runs = try await harness.storedRuns()
        #expect(runs.map(\.id) == ["id-2"])
        #expect(runs.first?.state == .completed)
        #expect(
            runs.first?.stepLog.map { "\($0.stepRef):\($0.outcome)" } == [
                "trigger:executed", "in_app_feed_1:executed", "email_1:executed", "run:completed",
            ])
        let listed = try await harness.messages.listMessages(
            MessageQuery(environment: "development", recipient: "user-1"), page: PageRequest(size: 10))
        let byChannel = Dictionary(uniqueKeysWithValues: listed.entries.map { ($0.channelID, $0) })
        #expect(byChannel["in-app"]?.status == .delivered)
        #expect(
            byChannel["in-app"]?.content
                == .inAppFeed(
                    InAppFeedContent(
                        markdownBody: "Welcome, **Ada**! Your account is ready.", actionURL: "/welcome",
                        data: ["name": "Ada"])))
        #expect(byChannel["outbox"]?.status == .delivered)
        let outbox = try String(contentsOfFile: harness.dataDirectory + "/outbox/outbox.jsonl", encoding: .utf8)
        #expect(outbox.contains(#""subject":"Welcome, Ada""#))
        #expect(outbox.contains(#""text":"Hi Ada,\n\nwelcome aboard.""#))
    }

    @Test func aRepeatedIdempotencyKeyReplaysTheExactResponseAndStartsNothing() async throws {
        let harness = try WorkflowsHarness()
        let header = [(name: "Idempotency-Key", value: "order-placed:user-1:42")]
        let first = await harness.send(
            "POST", "/v1/workflows/welcome/trigger", body: WorkflowsHarness.welcomeBody, headers: header)
        let second = await harness.send(
            "POST", "/v1/workflows/welcome/trigger", body: WorkflowsHarness.welcomeBody, headers: header)
        #expect(first.status == 200 && second.status == 200)
        #expect(second.body == first.body)
        #expect(String(decoding: second.body, as: UTF8.self) == #"{"workflow_run_id":"id-1"}"#)
        #expect(HostTestSupport.header(first, "Idempotent-Replayed") == nil)
        #expect(HostTestSupport.header(second, "Idempotent-Replayed") == "true")
        #expect(try await harness.storedRuns().count == 1)
        harness.clock.advance(by: 24 * 3600 + 1)
        let later = await harness.send(
            "POST", "/v1/workflows/welcome/trigger", body: WorkflowsHarness.welcomeBody, headers: header)
        #expect(HostTestSupport.header(later, "Idempotent-Replayed") == nil)
        #expect(try HostTestSupport.json(later) != (try HostTestSupport.json(first)))
        #expect(try await harness.storedRuns().count == 2)
    }

    @Test func aRejectedTriggerDoesNotClaimItsIdempotencyKey() async throws {
        let harness = try WorkflowsHarness()
        let header = [(name: "Idempotency-Key", value: "k-1")]
        let bad = await harness.send(
            "POST", "/v1/workflows/welcome/trigger",
            body: #"{"recipients": [{"id": "user-1", "email": 42}]}"#, headers: header)
        #expect(bad.status == 422)
        let good = await harness.send(
            "POST", "/v1/workflows/welcome/trigger", body: WorkflowsHarness.welcomeBody, headers: header)
        #expect(HostTestSupport.header(good, "Idempotent-Replayed") == nil)
        #expect(try await harness.storedRuns().count == 1)
    }

    @Test func cancelEndsTheRunsWithTheKeyAndAnswers204() async throws {
        let delayed = #"""
            {"key": "reminder", "steps": [
              {"ref": "delay_1", "type": "delay", "settings": {"delay_for": {"unit": "hours", "value": 1}}},
              {"ref": "feed_1", "type": "channel", "channel_type": "in_app_feed", "channel_key": "in-app",
               "template": {"markdown_body": "Reminder"}}]}
            """#
        let harness = try WorkflowsHarness(extraWorkflows: [delayed])
        _ = await harness.send(
            "POST", "/v1/workflows/reminder/trigger",
            body: #"{"recipients": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}], "cancellation_key": "c-1"}"#)
        try await harness.settle()
        let response = await harness.send(
            "POST", "/v1/workflows/reminder/cancel", body: #"{"cancellation_key": "c-1", "recipients": ["a"]}"#)
        #expect(response.status == 204)
        #expect(response.body.isEmpty)
        let states = Dictionary(
            uniqueKeysWithValues: try await harness.storedRuns().map { ($0.recipient, $0.state.name) })
        #expect(states == [.user("a"): "cancelled", .user("b"): "waiting"])
    }

    @Test func anUnknownWorkflowAnswers404AndAnInactiveOneWorkflowInactive() async throws {
        let harness = try WorkflowsHarness()
        let unknown = await harness.send("POST", "/v1/workflows/nope/trigger", body: #"{"recipients": ["a"]}"#)
        #expect(unknown.status == 404)
        #expect(
            try HostTestSupport.json(unknown)
                == MessagesHarness.error(404, "resource_missing", "workflow 'nope' not found"))
        try await harness.engine.setActive(false, workflowKey: "welcome", environment: "development")
        let inactive = await harness.send("POST", "/v1/workflows/welcome/trigger", body: #"{"recipients": ["a"]}"#)
        #expect(inactive.status == 422)
        #expect(
            try HostTestSupport.json(inactive)
                == MessagesHarness.error(
                    422, "workflow_inactive", "workflow 'welcome' is inactive in environment 'development'"))
        #expect(try await harness.storedRuns().isEmpty)
    }

    @Test(arguments: [
        (
            #"{"recipients": "a"}"#,
            "$.recipients: expected an array of 1 to 1000 recipients (user ids, {\"id\": …} users, or {\"collection\": …, \"id\": …} objects), found string"
        ),
        (#"{"recipients": []}"#, "$.recipients: expected 1 to 1000 recipients, found 0"),
        (#"{"recipients": ["a"], "data": [1]}"#, "$.data: expected an object, found array"),
        (
            #"{"recipients": ["a"], "cancellation_key": 7}"#,
            "$.cancellation_key: expected a string of 1 to 255 bytes, found number"
        ),
    ])
    func badBodiesAnswer422AndStoreNothing(body: String, message: String) async throws {
        let harness = try WorkflowsHarness()
        let response = await harness.send("POST", "/v1/workflows/welcome/trigger", body: body)
        #expect(response.status == 422)
        #expect(try HostTestSupport.json(response) == MessagesHarness.error(422, "invalid_params", message))
        #expect(try await harness.storedRuns().isEmpty)
    }

    @Test func moreThanAThousandRecipientsOrAnInvalidIDStoreNothing() async throws {
        let harness = try WorkflowsHarness()
        let many = (0...1000).map { "\"u\($0)\"" }.joined(separator: ",")
        let tooMany = await harness.send("POST", "/v1/workflows/welcome/trigger", body: #"{"recipients": [\#(many)]}"#)
        #expect(tooMany.status == 422)
        #expect(
            try HostTestSupport.json(tooMany)["message"] == "$.recipients: expected 1 to 1000 recipients, found 1001")
        let slash = await harness.send(
            "POST", "/v1/workflows/welcome/trigger", body: #"{"recipients": [{"id": "a/b", "name": "X"}]}"#)
        #expect(slash.status == 422)
        #expect(try await harness.storedRuns().isEmpty)
        let stored = await harness.recipients.recipient(.user("a/b"), environment: "development")
        #expect(stored == nil)
    }

    @Test func recipientRunsListAndGetWithTheStepLog() async throws {
        let harness = try WorkflowsHarness()
        _ = await harness.send("POST", "/v1/workflows/welcome/trigger", body: WorkflowsHarness.welcomeBody)
        try await harness.settle()
        let list = await harness.send(
            "GET", "/v1/workflow_recipient_runs", query: [("workflow", "welcome"), ("status", "completed")])
        #expect(list.status == 200)
        let listed = try HostTestSupport.json(list)
        #expect(MessagesHarness.ids(listed) == ["id-2"])
        let run = try #require(listed["items"]?.arrayValue?.first)
        #expect(run["status"] == "completed")
        #expect(run["workflow_run_id"] == "id-1")
        #expect(run["recipient"] == "user-1")
        #expect(run["trigger_source"]?["type"] == "api")
        #expect(run["inserted_at"] == "2025-01-02T03:04:05Z")
        let none = await harness.send("GET", "/v1/workflow_recipient_runs", query: [("status", "queued")])
        #expect(MessagesHarness.ids(try HostTestSupport.json(none)).isEmpty)
        let detail = try HostTestSupport.json(await harness.send("GET", "/v1/workflow_recipient_runs/id-2"))
        let events = try #require(detail["events"]?.arrayValue)
        #expect(events.map { $0["step_ref"] ?? .null } == [.null, "in_app_feed_1", "email_1", .null])
        #expect(events.map { $0["event"] ?? .null } == ["executed", "executed", "executed", "completed"])
        #expect(events.map { $0["status"] ?? .null } == ["ok", "ok", "ok", "ok"])
        let missing = await harness.send("GET", "/v1/workflow_recipient_runs/id-2", key: HostTestSupport.productionKey)
        #expect(missing.status == 404)
        let bad = await harness.send("GET", "/v1/workflow_recipient_runs", query: [("status", "done")])
        #expect(
            try HostTestSupport.json(bad)["message"]
                == "status: 'done' is not a run status (accepted: queued, processing, paused, completed, cancelled)")
    }
}
