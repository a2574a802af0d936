import Engine
import Foundation
import Providers
import Testing

@Suite struct WorkflowRunTests {
    static let comment = """
        {"key": "comment-created", "name": "Comment created", "categories": ["Comments"],
         "steps": [
           {"ref": "in_app_feed_1", "type": "channel", "channel_type": "in_app_feed", "channel_key": "feed",
            "template": {"markdown_body": "{{ actor.name }} commented on {{ data.page }}"}},
           {"ref": "email_1", "type": "channel", "channel_type": "email", "channel_key": "email",
            "conditions": {"all": [{"variable": "data.send_email", "operator": "equal_to", "argument": true}]},
            "template": {"subject": "New comment on {{ page }}", "text_body": "Hi {{ recipient.name }}"}}
         ]}
        """

    @Test func createsOneRunPerDistinctRecipientUnderOneWorkflowRunID() async throws {
        let harness = try WorkflowHarness([Self.comment])
        try await harness.identify(["a": ["name": "Ann"], "b": ["name": "Bob"], "c": [:]])
        let result = try await harness.trigger(
            "comment-created", #"{"recipients": ["a", "b", "a", {"id": "c"}], "data": {"page": "Brief"}}"#)
        #expect(result.recipientRunIDs.count == 3)
        var recipients: [String] = []
        for id in result.recipientRunIDs {
            let run = try await harness.run(id)
            #expect(run.workflowRunID == result.workflowRunID)
            #expect(run.state == .completed)
            recipients.append(run.recipient.storageID)
        }
        #expect(recipients == ["a", "b", "c"])
        #expect(await harness.sent.map(\.recipient.id) == ["a", "b", "c"])
    }

    @Test func inlineRecipientsAndActorAreUpsertedBeforeTheRun() async throws {
        let harness = try WorkflowHarness([Self.comment])
        try await harness.trigger(
            "comment-created",
            #"{"recipients": [{"id": "u1", "name": "Uma", "email": "uma@example.test"}], "actor": {"id": "act", "name": "Al"}, "data": {"page": "P", "send_email": true}}"#
        )
        let sent = await harness.sent
        #expect(sent.map(\.content.mainText) == ["Al commented on P", "New comment on P"])
        let content = try #require(sent.last?.content)
        guard case .email(let email) = content else { Issue.record("no email"); return }
        #expect(email.text == "Hi Uma")
        #expect(sent.last?.recipient.email == "uma@example.test")
    }

    @Test func inactiveWorkflowsFailWithWorkflowInactivePerEnvironment() async throws {
        let harness = try WorkflowHarness(
            [Self.comment],
            environments: [
                WorkflowEnvironment(
                    name: "development", workflowStatuses: ["comment-created": false],
                    channels: WorkflowHarness.channels),
                WorkflowEnvironment(name: "production", channels: WorkflowHarness.channels),
            ])
        try await harness.identify(["a": [:]], environment: "production")
        await #expect(throws: EngineError.self) {
            try await harness.trigger("comment-created", #"{"recipients": ["a"]}"#)
        }
        do {
            try await harness.trigger("comment-created", #"{"recipients": ["a"]}"#)
        } catch let error as EngineError {
            #expect(error.code == .workflowInactive)
        }
        let result = try await harness.trigger("comment-created", #"{"recipients": ["a"]}"#, environment: "production")
        #expect(try await harness.run(result.recipientRunIDs[0]).state == .completed)
    }

    @Test func triggerConditionsHaltTheRunBeforeAnyStep() async throws {
        let workflow = """
            {"key": "gated", "conditions": {"all": [{"variable": "recipient.plan", "operator": "equal_to", "argument": "pro"}]},
             "steps": [{"ref": "feed_1", "type": "channel", "channel_type": "in_app_feed", "channel_key": "feed",
                        "template": {"markdown_body": "hi"}}]}
            """
        let harness = try WorkflowHarness([workflow])
        try await harness.identify(["free": ["plan": "free"], "pro": ["plan": "pro"]])
        let result = try await harness.trigger("gated", #"{"recipients": ["free", "pro"]}"#)
        let halted = try await harness.run(result.recipientRunIDs[0])
        #expect(halted.state == .halted(reason: "trigger conditions"))
        #expect(halted.stepLog.map(\.outcome) == ["halted"])
        #expect(halted.stepLog[0].reason == "halted because the trigger conditions are false")
        #expect(
            try await harness.outcomes(result.recipientRunIDs[1]) == [
                "trigger:executed", "feed_1:executed", "run:completed",
            ])
        #expect(await harness.sent.map(\.recipient.id) == ["pro"])
    }

    @Test func aFalseStepConditionSkipsTheStepAndTheRunGoesOn() async throws {
        let harness = try WorkflowHarness([Self.comment])
        try await harness.identify(["a": ["email": "a@example.test"]])
        let result = try await harness.trigger(
            "comment-created", #"{"recipients": ["a"], "data": {"send_email": false}}"#)
        let run = try await harness.run(result.recipientRunIDs[0])
        #expect(
            run.stepLog.map { "\($0.stepRef):\($0.outcome)" } == [
                "trigger:executed", "in_app_feed_1:executed", "email_1:skipped", "run:completed",
            ])
        #expect(run.stepLog[2].reason == "skipped because the step conditions are false")
        #expect(run.messages["email_1"] == [])
    }

    @Test func anIdempotencyKeyReturnsTheFirstWorkflowRunID() async throws {
        let harness = try WorkflowHarness([Self.comment])
        try await harness.identify(["a": [:]])
        let request = try TriggerRequest.parse(JSONValue.parse(#"{"recipients": ["a"]}"#), idempotencyKey: "k1")
        let first = try await harness.engine.trigger(
            request, workflowKey: "comment-created", environment: "development")
        let second = try await harness.engine.trigger(
            request, workflowKey: "comment-created", environment: "development")
        #expect(second.workflowRunID == first.workflowRunID)
        #expect(second.recipientRunIDs.isEmpty)
    }

    @Test func anUnknownRecipientHaltsItsRun() async throws {
        let harness = try WorkflowHarness([Self.comment])
        let result = try await harness.trigger("comment-created", #"{"recipients": ["ghost"]}"#)
        let run = try await harness.run(result.recipientRunIDs[0])
        #expect(run.state == .halted(reason: "recipient not found"))
        #expect(await harness.sent.isEmpty)
    }
}
