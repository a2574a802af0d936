import Engine
import Foundation
import Providers
import Testing

@Suite struct ChannelAndTriggerStepTests {
    static let everyChannel = """
        {"key": "all-channels", "name": "All channels", "categories": ["Updates"], "steps": [
          {"ref": "email_1", "type": "channel", "channel_type": "email", "channel_key": "email",
           "template": {"subject": "Hi {{ recipient.name }}", "html_body": "<p>{{ vars.base_url }}</p>"}},
          {"ref": "sms_1", "type": "channel", "channel_type": "sms", "channel_key": "sms", "template": {"text_body": "sms"}},
          {"ref": "push_1", "type": "channel", "channel_type": "push", "channel_key": "push",
           "template": {"title": "T", "text_body": "push", "settings": {"delivery_type": "content", "payload_overrides": "{\\"k\\": \\"{{ data.k }}\\"}"}}},
          {"ref": "chat_1", "type": "channel", "channel_type": "chat", "channel_key": "slack", "template": {"markdown_body": "chat"}},
          {"ref": "feed_1", "type": "channel", "channel_type": "in_app_feed", "channel_key": "feed",
           "template": {"markdown_body": "feed", "action_url": "/x/{{ data.k }}"}},
          {"ref": "hook_1", "type": "channel", "channel_type": "http", "channel_key": "hook",
           "template": {"method": "post", "url": "https://hooks.example.test/{{ recipient.id }}", "body": "{\\"k\\": \\"{{ data.k }}\\"}"}}]}
        """

    func harness(_ environments: [WorkflowEnvironment]? = nil) async throws -> WorkflowHarness {
        try WorkflowHarness([Self.everyChannel], environments: environments)
    }

    @Test func aRecipientWithOnlyAnIDGetsTheInAppAndWebhookMessagesOnly() async throws {
        let harness = try await harness()
        try await harness.identify(["bare": [:]])
        let result = try await harness.trigger("all-channels", #"{"recipients": ["bare"], "data": {"k": "v"}}"#)
        #expect(await harness.sent.map(\.channelID) == ["feed", "hook"])
        let run = try await harness.run(result.recipientRunIDs[0])
        #expect(
            run.stepLog.compactMap(\.reason).prefix(4) == [
                "skipped because the recipient has no email", "skipped because the recipient has no phone_number",
                "skipped because the recipient has no channel data for channel 'push'",
                "skipped because the recipient has no channel data for channel 'slack'",
            ])
        guard case .inAppFeed(let feed)? = await harness.sent.first?.content else { return }
        #expect(feed.actionURL == "/x/v")
        #expect(feed.data == ["k": "v"])
    }

    @Test func aFullRecipientGetsEveryChannelRendered() async throws {
        let harness = try await harness([
            WorkflowEnvironment(
                name: "development",
                variables: ["base_url": ConfigurationVariable(key: "base_url", value: "https://app.test")],
                channels: WorkflowHarness.channels)
        ])
        try await harness.identify([
            "full": ["name": "Fay", "email": "fay@example.test", "phone_number": "+15005550006"]
        ])
        await harness.recipients.setChannelData(
            ["tokens": ["t1"]], recipientID: "full", channelID: "push", environment: "development")
        await harness.recipients.setChannelData(
            ["connections": []], recipientID: "full", channelID: "slack", environment: "development")
        try await harness.trigger("all-channels", #"{"recipients": ["full"], "data": {"k": "v"}, "tenant": "acme"}"#)
        let sent = await harness.sent
        #expect(sent.map(\.channelID) == ["email", "sms", "push", "slack", "feed", "hook"])
        #expect(sent.allSatisfy { $0.tenant == "acme" && $0.workflow?.key == "all-channels" })
        #expect(sent[0].content == .email(EmailContent(subject: "Hi Fay", html: "<p>https://app.test</p>")))
        #expect(sent[2].content == .push(PushContent(title: "T", body: "push", data: ["k": "v"])))
        #expect(
            sent[5].content
                == .webhook(WebhookContent(method: "POST", url: "https://hooks.example.test/full", body: ["k": "v"])))
        #expect(
            try await harness.recipients.recipient(
                .object(collection: "$tenants", id: "acme"), environment: "development") != nil)
    }

    @Test func anOptOutPreventsTheMessageAndChannelConditionsSkipSteps() async throws {
        let conditions = try ConditionGroup.parse(
            ["all": [["variable": "recipient.region", "operator": "equal_to", "argument": "eu"]]], path: "$",
            allowMessageStatus: false)
        let harness = try await harness([
            WorkflowEnvironment(
                name: "development", channels: WorkflowHarness.channels, channelConditions: ["hook": conditions])
        ])
        try await harness.identify(["a": ["email": "a@example.test", "region": "us"]])
        await harness.recipients.setPreferenceSet(
            ["channel_types": ["email": false]], id: "default", for: .user("a"), environment: "development")
        let result = try await harness.trigger("all-channels", #"{"recipients": ["a"]}"#)
        #expect(await harness.sent.map(\.channelID) == ["feed"])
        let run = try await harness.run(result.recipientRunIDs[0])
        #expect(run.stepLog[1].outcome == "not_sent")
        #expect(
            run.stepLog.last { $0.stepRef == "hook_1" }?.reason
                == "skipped because the channel conditions of 'hook' are false")
    }

    static let escalation = """
        {"key": "escalate", "steps": [
          {"ref": "in_app_feed_1", "type": "channel", "channel_type": "in_app_feed", "channel_key": "feed", "template": {"markdown_body": "seen?"}},
          {"ref": "delay_1", "type": "delay", "settings": {"delay_for": {"unit": "minutes", "value": 5}}},
          {"ref": "email_1", "type": "channel", "channel_type": "email", "channel_key": "email",
           "conditions": {"all": [{"variable": "refs.in_app_feed_1.engagement_status", "operator": "not_contains", "argument": "$message.seen"}]},
           "template": {"subject": "You missed it", "text_body": "x"}},
          {"ref": "sms_1", "type": "channel", "channel_type": "sms", "channel_key": "sms",
           "conditions": {"all": [{"variable": "refs.email_1.delivery_status", "operator": "equal_to", "argument": "$message.skipped"}]},
           "template": {"text_body": "fallback"}}]}
        """

    @Test func theEscalationEmailGoesOnlyIfTheInAppMessageWasNotSeen() async throws {
        let harness = try WorkflowHarness([Self.escalation])
        try await harness.identify(["seer": ["email": "s@example.test"], "misser": ["email": "m@example.test"]])
        let result = try await harness.trigger("escalate", #"{"recipients": ["seer", "misser"]}"#)
        let seerRun = try await harness.run(result.recipientRunIDs[0])
        let messageID = try #require(seerRun.messages["in_app_feed_1"]?.first)
        var message = try #require(await harness.messages.message(id: messageID))
        message.engagement.seenAt = harness.clock.now()
        try await harness.messages.recordEngagement([MessageChange(message: message)])
        try await harness.advance(300)
        #expect(
            await harness.sent.map { "\($0.recipient.id):\($0.channelID)" } == [
                "seer:feed", "misser:feed", "misser:email",
            ])
        // The seer's email was skipped by its condition; the SMS then saw `$message.skipped` (no phone: skipped too).
        let log = try await harness.run(result.recipientRunIDs[0]).stepLog
        #expect(log.first { $0.stepRef == "email_1" }?.outcome == "skipped")
        #expect(log.first { $0.stepRef == "sms_1" }?.reason == "skipped because the recipient has no phone_number")
    }

    static let parent = """
        {"key": "parent", "steps": [
          {"ref": "trigger_1", "type": "trigger_workflow", "settings": {"workflow_key": "child"}}]}
        """
    static let child = """
        {"key": "child", "steps": [
          {"ref": "feed_1", "type": "channel", "channel_type": "in_app_feed", "channel_key": "feed",
           "template": {"markdown_body": "{{ data.n }} from {{ actor.id }} in {{ tenant.id }} ({{ workflow.cancellation_key }})"}}]}
        """

    @Test func theTriggerWorkflowStepTriggersOncePerRecipientWithTheDefaults() async throws {
        let harness = try WorkflowHarness([Self.parent, Self.child])
        try await harness.identify(["a": [:], "b": [:], "c": [:], "act": [:]])
        try await harness.trigger(
            "parent",
            #"{"recipients": ["a", "b", "c"], "actor": "act", "tenant": "t1", "data": {"n": 7}, "cancellation_key": "ck"}"#
        )
        try await harness.engine.runUntilIdle()
        let sent = await harness.sent
        #expect(sent.map(\.recipient.id) == ["a", "b", "c"])
        #expect(Set(sent.map(\.content.mainText)) == ["7 from act in t1 (ck)"])
        let children = try await harness.engine.recipientRuns(
            RecipientRunQuery(environment: "development", workflowKey: "child"))
        #expect(children.entries.count == 3)
        #expect(children.entries.allSatisfy { $0.cancellationKey == "ck" })
    }

    @Test func anInactiveTargetSkipsTheStep() async throws {
        let harness = try WorkflowHarness(
            [Self.parent, Self.child],
            environments: [
                WorkflowEnvironment(
                    name: "development", workflowStatuses: ["child": false], channels: WorkflowHarness.channels)
            ])
        try await harness.identify(["a": [:]])
        let result = try await harness.trigger("parent", #"{"recipients": ["a"]}"#)
        let run = try await harness.run(result.recipientRunIDs[0])
        #expect(run.stepLog[1].outcome == "skipped")
        #expect(
            run.stepLog[1].reason
                == "skipped because workflow 'child' is inactive or does not exist in environment 'development'")
        #expect(run.state == .completed)
    }

    @Test func invalidResolvedTriggerDataFailsTheRun() async throws {
        let parent = """
            {"key": "parent", "steps": [{"ref": "trigger_1", "type": "trigger_workflow",
              "settings": {"workflow_key": "child", "data": "[1, 2]"}}]}
            """
        let harness = try WorkflowHarness([parent, Self.child])
        try await harness.identify(["a": [:]])
        let result = try await harness.trigger("parent", #"{"recipients": ["a"]}"#)
        let run = try await harness.run(result.recipientRunIDs[0])
        #expect(run.state == .failed(reason: "invalid trigger data"))
        #expect(
            run.stepLog[1].reason
                == "failed and halted the run because the resolved trigger data is invalid: $.data: expected an object, found array"
        )
    }

    @Test func cancellingTheParentBeforeTheStepMeansNoNestedRun() async throws {
        let parent = """
            {"key": "parent", "steps": [
              {"ref": "delay_1", "type": "delay", "settings": {"delay_for": {"unit": "minutes", "value": 1}}},
              {"ref": "trigger_1", "type": "trigger_workflow", "settings": {"workflow_key": "child"}}]}
            """
        let harness = try WorkflowHarness([parent, Self.child])
        try await harness.identify(["a": [:], "b": [:]])
        try await harness.trigger("parent", #"{"recipients": ["a"], "cancellation_key": "p1"}"#)
        try await harness.trigger("parent", #"{"recipients": ["b"], "cancellation_key": "p2"}"#)
        try await harness.engine.cancel(workflowKey: "parent", cancellationKey: "p1", environment: "development")
        try await harness.advance(60)
        try await harness.engine.runUntilIdle()
        #expect(await harness.sent.map(\.recipient.id) == ["b"])
        // Cancelling the parent afterwards leaves the nested run alone.
        #expect(
            try await harness.engine.cancel(workflowKey: "parent", cancellationKey: "p2", environment: "development")
                == 0)
    }
}
