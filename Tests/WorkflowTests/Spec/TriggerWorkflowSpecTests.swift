import Engine
import Foundation
import Providers
import Testing

/// Product specification §27 statements on the trigger-workflow step.
@Suite struct TriggerWorkflowSpecTests {
    static func parent(_ settings: String, delayed: Bool = false) -> String {
        let delay =
            delayed
            ? #"{"ref": "delay_1", "type": "delay", "settings": {"delay_for": {"unit": "minutes", "value": 1}}},"# : ""
        return """
            {"key": "parent", "steps": [\(delay)
              {"ref": "trigger_1", "type": "trigger_workflow", "settings": \(settings)}]}
            """
    }

    static func child(_ text: String, delayed: Bool = false) -> String {
        let delay =
            delayed
            ? #"{"ref": "delay_1", "type": "delay", "settings": {"delay_for": {"unit": "minutes", "value": 5}}},"# : ""
        return """
            {"key": "child", "steps": [\(delay)
              {"ref": "feed_1", "type": "channel", "channel_type": "in_app_feed", "channel_key": "feed",
               "template": {"markdown_body": "\(text)"}}]}
            """
    }

    // §27 #116: the nested trigger uses the target's version current when the step runs, not when the parent
    // was triggered.
    @Test func theNestedRunUsesTheTargetsVersionAtTheStep() async throws {
        let parent = Self.parent(#"{"workflow_key": "child"}"#, delayed: true)
        let harness = try WorkflowHarness([parent, Self.child("v1")])
        try await harness.identify(["a": [:]])
        try await harness.trigger("parent", #"{"recipients": ["a"]}"#)
        await harness.engine.replaceCatalog(
            WorkflowCatalog([
                try WorkflowCatalog.parse(JSONValue.parse(parent), file: "parent"),
                try WorkflowCatalog.parse(JSONValue.parse(Self.child("v2")), file: "child"),
            ]))
        try await harness.advance(60)
        try await harness.engine.runUntilIdle()
        #expect(await harness.sent.map(\.content.mainText) == ["v2"])
    }

    // §27 #117: a target that is not in the catalog skips the step; the run goes on and completes.
    @Test func anUnknownTargetSkipsTheStep() async throws {
        let harness = try WorkflowHarness([Self.parent(#"{"workflow_key": "{{ data.target }}"}"#), Self.child("c")])
        try await harness.identify(["a": [:]])
        let result = try await harness.trigger("parent", #"{"recipients": ["a"], "data": {"target": "archived"}}"#)
        try await harness.engine.runUntilIdle()
        let run = try await harness.run(result.recipientRunIDs[0])
        #expect(try await harness.outcomes(run.id) == ["trigger:executed", "trigger_1:skipped", "run:completed"])
        #expect(
            run.stepLog[1].reason
                == "skipped because workflow 'archived' is inactive or does not exist in environment 'development'")
        #expect(await harness.sent.isEmpty)
    }

    // §27 #118: a Liquid syntax error in a trigger-workflow field is reported when the workflow loads, with
    // the file and the setting's path (decision: load time, like every other template).
    @Test func aLiquidSyntaxErrorInAFieldIsALoadError() throws {
        for field in ["workflow_key", "recipients", "actor", "tenant", "data", "cancellation_key"] {
            let settings =
                field == "workflow_key"
                ? #"{"workflow_key": "{% if %}"}"# : #"{"workflow_key": "child", "\#(field)": "{{ data.x "}"#
            do {
                _ = try WorkflowCatalog.parse(JSONValue.parse(Self.parent(settings)), file: "parent.json")
                Issue.record("\(field): the workflow loaded")
            } catch let error as EngineError {
                #expect(error.code == .invalidWorkflow)
                #expect(
                    error.message.contains(
                        "parent.json: $.steps[0].settings.\(field): template syntax error: LiquidError"),
                    "\(field): \(error.message)")
            }
        }
    }

    // §27 #119: cancelling the parent after the step ran does not cancel the nested run: it keeps waiting
    // and sends later.
    @Test func cancellingTheParentAfterTheStepLeavesTheNestedRunAlone() async throws {
        let harness = try WorkflowHarness([
            Self.parent(#"{"workflow_key": "child"}"#), Self.child("late", delayed: true),
        ])
        try await harness.identify(["a": [:]])
        let result = try await harness.trigger("parent", #"{"recipients": ["a"], "cancellation_key": "k"}"#)
        try await harness.engine.runUntilIdle()
        #expect(try await harness.run(result.recipientRunIDs[0]).state == .completed)
        let children = try await harness.engine.recipientRuns(
            RecipientRunQuery(environment: "development", workflowKey: "child"))
        let child = try #require(children.entries.first)
        #expect(children.entries.count == 1)
        #expect(child.cancellationKey == "k")
        #expect(
            try await harness.run(child.id).state == .waiting(until: harness.clock.now().addingTimeInterval(300)))
        #expect(
            try await harness.engine.cancel(workflowKey: "parent", cancellationKey: "k", environment: "development")
                == 0)
        try await harness.advance(300)
        #expect(try await harness.run(child.id).state == .completed)
        #expect(await harness.sent.map(\.content.mainText) == ["late"])
    }
}
