import Engine
import Foundation
import HTTPServer
import Host
import Providers
import Testing

/// Subscriptions made over the API fan a trigger out, and a cancellation over the API reaches a
/// subscriber's run (§27 #40, #50).
@Suite struct SubscriptionTriggerRoutesTests {
    static let delayed = #"""
        {"key": "reminder", "steps": [
          {"ref": "delay_1", "type": "delay", "settings": {"delay_for": {"unit": "hours", "value": 1}}},
          {"ref": "feed_1", "type": "channel", "channel_type": "in_app_feed", "channel_key": "in-app",
           "template": {"markdown_body": "{{ recipient.subscription.role }}"}}]}
        """#

    @Test func aTriggerToAnObjectFansOutAndACancellationReachesASubscriber() async throws {
        let harness = try WorkflowsHarness(extraWorkflows: [Self.delayed])
        #expect(await harness.send("PUT", "/v1/objects/projects/p1", body: "{}").status == 200)
        let subscribed = await harness.send(
            "POST", "/v1/objects/projects/p1/subscriptions",
            body: #"{"recipients": [{"id": "a"}, {"id": "b"}], "properties": {"role": "lead"}}"#)
        #expect(subscribed.status == 200)
        let triggered = await harness.send(
            "POST", "/v1/workflows/reminder/trigger",
            body: #"{"recipients": [{"collection": "projects", "id": "p1"}], "actor": "b", "cancellation_key": "k"}"#)
        #expect(triggered.status == 200)
        try await harness.settle()
        let runs = try await harness.storedRuns()
        let workflowRunID = try #require(try HostTestSupport.json(triggered)["workflow_run_id"]?.stringValue)
        #expect(Set(runs.map(\.workflowRunID)) == [workflowRunID])
        // The actor b subscribes too, but is not fanned out to.
        #expect(
            Dictionary(uniqueKeysWithValues: runs.map { ($0.recipient, $0.subscription) })
                == [.object(collection: "projects", id: "p1"): nil, .user("a"): ["role": "lead"]])
        let cancelled = await harness.send(
            "POST", "/v1/workflows/reminder/cancel", body: #"{"cancellation_key": "k", "recipients": ["a"]}"#)
        #expect(cancelled.status == 204)
        let states = Dictionary(
            uniqueKeysWithValues: try await harness.storedRuns().map { ($0.recipient, $0.state.name) })
        #expect(states == [.object(collection: "projects", id: "p1"): "waiting", .user("a"): "cancelled"])
    }
}
