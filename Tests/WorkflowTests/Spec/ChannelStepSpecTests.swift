import Engine
import Foundation
import Providers
import Testing

/// Product specification §27 statements on channel steps: status conditions, check order, recipients'
/// channel data and tenant preferences.
@Suite struct ChannelStepSpecTests {
    // §27 #137: without a delay, "has not been seen" on the in-app step just before is true, so the email goes.
    @Test func notSeenWithoutADelayIsTrue() async throws {
        let workflow = """
            {"key": "escalate", "steps": [
              {"ref": "in_app_feed_1", "type": "channel", "channel_type": "in_app_feed", "channel_key": "feed", "template": {"markdown_body": "seen?"}},
              {"ref": "email_1", "type": "channel", "channel_type": "email", "channel_key": "email",
               "conditions": {"all": [{"variable": "refs.in_app_feed_1.engagement_status", "operator": "not_contains", "argument": "$message.seen"}]},
               "template": {"subject": "Unseen", "text_body": "x"}}]}
            """
        let harness = try WorkflowHarness([workflow])
        try await harness.identify(["a": ["email": "a@example.test"]])
        let result = try await harness.trigger("escalate", #"{"recipients": ["a"]}"#)
        #expect(await harness.sent.map(\.channelID) == ["feed", "email"])
        #expect(
            try await harness.outcomes(result.recipientRunIDs[0]) == [
                "trigger:executed", "in_app_feed_1:executed", "email_1:executed", "run:completed",
            ])
    }

    static let gated = """
        {"key": "gated", "steps": [
          {"ref": "email_1", "type": "channel", "channel_type": "email", "channel_key": "email",
           "conditions": {"all": [{"variable": "data.go", "operator": "equal_to", "argument": true}]},
           "send_windows": [{"day": "monday", "type": "send", "from": "09:00:00", "until": "17:00:00"}],
           "template": {"subject": "S", "text_body": "x"}}]}
        """

    // §27 #139: conditions, then channel data, then preferences, then the send window (at enqueue).
    @Test func channelChecksRunInOrder() async throws {
        let harness = try WorkflowHarness([Self.gated])
        try await harness.identify([
            "bare": [:], "bareOut": [:], "out": ["email": "o@example.test"], "in": ["email": "i@example.test"],
        ])
        for user in ["bareOut", "out"] {
            await harness.recipients.setPreferenceSet(
                ["channel_types": ["email": false]], id: "default", for: .user(user), environment: "development")
        }
        func entry(_ user: String, go: Bool) async throws -> StepLogEntry? {
            let result = try await harness.trigger("gated", #"{"recipients": ["\#(user)"], "data": {"go": \#(go)}}"#)
            return try await harness.run(result.recipientRunIDs[0]).stepLog.first { $0.stepRef == "email_1" }
        }
        // No email and opted out: skipped for the missing email.
        let missing = try await entry("bareOut", go: true)
        #expect(missing?.outcome == "skipped")
        #expect(missing?.reason == "skipped because the recipient has no email")
        // Conditions false and no email: skipped for the conditions.
        let conditions = try await entry("bare", go: false)
        #expect(conditions?.outcome == "skipped")
        #expect(conditions?.reason == "skipped because the step conditions are false")
        // Opted out and outside the send window (Monday 00:00 UTC): not sent for the preference, nothing enqueued.
        let optedOut = try await entry("out", go: true)
        #expect(optedOut?.outcome == "not_sent")
        #expect(
            optedOut?.reason == "not sent because the recipient's preferences opt out: opted out by channel_types.email"
        )
        #expect(await harness.sent.isEmpty)
        // Allowed and outside the window: enqueued with the window, for the pipeline to hold.
        let allowed = try await entry("in", go: true)
        #expect(allowed?.outcome == "executed")
        #expect(await harness.sent.map(\.recipient.id) == ["in"])
        #expect(await harness.sent.first?.sendWindows.count == 1)
    }

    // §27 #144: an object with only Slack channel data gets the chat step; email, SMS and push are skipped
    // (in-app feed and webhook need no channel data, as for a user with only an id: #143's documented
    // deviation).
    @Test func anObjectWithOnlySlackDataGetsTheChatStep() async throws {
        let harness = try WorkflowHarness([ChannelAndTriggerStepTests.everyChannel])
        let project = RecipientReference.object(collection: "projects", id: "p1")
        _ = try await harness.recipients.upsert(
            [try RecipientUpsert.parse(body: ["name": "P1"], reference: project, path: "$")],
            environment: "development", now: harness.clock.now())
        await harness.recipients.setChannelData(
            ["connections": [["incoming_webhook": ["url": "https://hooks.slack.example.test/x"]]]],
            recipientID: project.storageID, channelID: "slack", environment: "development")
        let result = try await harness.trigger(
            "all-channels", #"{"recipients": [{"collection": "projects", "id": "p1"}], "data": {"k": "v"}}"#)
        #expect(await harness.sent.map(\.channelID) == ["slack", "feed", "hook"])
        #expect(
            try await harness.outcomes(result.recipientRunIDs[0]) == [
                "trigger:executed", "email_1:skipped", "sms_1:skipped", "push_1:skipped", "chat_1:executed",
                "feed_1:executed", "hook_1:executed", "run:completed",
            ])
    }

    // §27 #156: a tenant's `settings.preference_set` is the default for runs with that tenant.
    @Test func aTenantPreferenceSetIsTheDefault() async throws {
        let workflow = """
            {"key": "mail", "steps": [{"ref": "email_1", "type": "channel", "channel_type": "email", "channel_key": "email",
              "template": {"subject": "S", "text_body": "x"}}]}
            """
        let harness = try WorkflowHarness([workflow])
        try await harness.identify(["a": ["email": "a@example.test"]])
        let tenant = RecipientReference.object(collection: "$tenants", id: "quiet")
        _ = try await harness.recipients.upsert(
            [
                try RecipientUpsert.parse(
                    body: ["settings": ["preference_set": ["channel_types": ["email": false]]]], reference: tenant,
                    path: "$")
            ], environment: "development", now: harness.clock.now())
        let withTenant = try await harness.trigger("mail", #"{"recipients": ["a"], "tenant": "quiet"}"#)
        #expect(await harness.sent.isEmpty)
        let entry = try await harness.run(withTenant.recipientRunIDs[0]).stepLog.first { $0.stepRef == "email_1" }
        #expect(entry?.outcome == "not_sent")
        try await harness.trigger("mail", #"{"recipients": ["a"]}"#)
        #expect(await harness.sent.map(\.recipient.id) == ["a"])
        #expect(await harness.sent.first?.tenant == nil)
    }

    // §27 #156: the tenant's properties are at the top level of its scope, as the preference set is.
    @Test func tenantPropertiesAreAtTheTopLevelOfTheScope() async throws {
        let workflow = """
            {"key": "hello", "steps": [{"ref": "feed_1", "type": "channel", "channel_type": "in_app_feed",
              "channel_key": "feed", "template": {"markdown_body": "{{ tenant.id }}:{{ tenant.name }}:{{ tenant.properties }}"}}]}
            """
        let harness = try WorkflowHarness([workflow])
        try await harness.identify(["a": [:]])
        try await harness.trigger("hello", #"{"recipients": ["a"], "tenant": {"id": "acme", "name": "Acme"}}"#)
        try await harness.trigger("hello", #"{"recipients": ["a"], "tenant": "unknown"}"#)
        #expect(await harness.sent.map(\.content.mainText) == ["acme:Acme:", "unknown::"])
    }
}
