import Engine
import Foundation
import Providers
import Testing

@Suite struct DelayAndCancellationTests {
    static func workflow(_ delaySettings: String) -> String {
        """
        {"key": "delayed", "steps": [
          {"ref": "delay_1", "type": "delay", "settings": \(delaySettings)},
          {"ref": "feed_1", "type": "channel", "channel_type": "in_app_feed", "channel_key": "feed",
           "template": {"markdown_body": "after"}}]}
        """
    }

    func harness(_ settings: String) async throws -> WorkflowHarness {
        let harness = try WorkflowHarness([Self.workflow(settings)])
        try await harness.identify(["a": [:], "b": [:]])
        return harness
    }

    @Test func aFixedDelayWaitsItsIntervalThenProceeds() async throws {
        let harness = try await harness(#"{"delay_for": {"unit": "minutes", "value": 5}}"#)
        let result = try await harness.trigger("delayed", #"{"recipients": ["a"]}"#)
        let id = result.recipientRunIDs[0]
        #expect(try await harness.run(id).state == .waiting(until: harness.clock.now().addingTimeInterval(300)))
        try await harness.advance(299)
        #expect(await harness.sent.isEmpty)
        try await harness.advance(1)
        #expect(await harness.sent.count == 1)
        #expect(
            try await harness.outcomes(id) == [
                "trigger:executed", "delay_1:waiting", "feed_1:executed", "run:completed",
            ])
    }

    @Test func aRelativeDelayFiresBeforeOrAfterTheTimestamp() async throws {
        for (relation, expected) in [("before", 86_400.0), ("after", 3 * 86_400.0)] {
            let harness = try await harness(
                #"{"delay_for": {"unit": "days", "value": 1}, "delay_until_field_path": "data.appointment_at", "delay_relation": "\#(relation)"}"#
            )
            let result = try await harness.trigger(
                "delayed", #"{"recipients": ["a"], "data": {"appointment_at": "2024-01-03T00:00:00Z"}}"#)
            let run = try await harness.run(result.recipientRunIDs[0])
            #expect(run.state == .waiting(until: harness.clock.now().addingTimeInterval(expected)))
        }
    }

    @Test func dynamicDelaysResolveTimestampsAndDurations() async throws {
        let harness = try await harness(#"{"delay_until_field_path": "data.wait"}"#)
        let start = harness.clock.now()
        let timestamp = try await harness.trigger(
            "delayed", #"{"recipients": ["a"], "data": {"wait": "2024-01-05T14:00:00Z"}}"#)
        #expect(
            try await harness.run(timestamp.recipientRunIDs[0]).state
                == .waiting(until: Date(timeIntervalSince1970: 1_704_463_200)))
        let duration = try await harness.trigger(
            "delayed", #"{"recipients": ["b"], "data": {"wait": {"unit": "minutes", "value": 15}}}"#)
        #expect(
            try await harness.run(duration.recipientRunIDs[0]).state == .waiting(until: start.addingTimeInterval(900)))
    }

    @Test func aMissingOrPastDynamicValueLogsAndSkipsTheDelay() async throws {
        let harness = try await harness(#"{"delay_until_field_path": "data.wait"}"#)
        let missing = try await harness.trigger("delayed", #"{"recipients": ["a"]}"#)
        let run = try await harness.run(missing.recipientRunIDs[0])
        #expect(run.state == .completed)
        #expect(run.stepLog[1].outcome == "skipped")
        #expect(run.stepLog[1].reason?.hasPrefix("skipped because 'data.wait' is missing") == true)
        let past = try await harness.trigger(
            "delayed", #"{"recipients": ["b"], "data": {"wait": "2020-01-01T00:00:00Z"}}"#)
        let pastRun = try await harness.run(past.recipientRunIDs[0])
        #expect(pastRun.stepLog[1].outcome == "skipped")
        #expect(pastRun.stepLog[1].reason?.hasPrefix("skipped because 'data.wait' is invalid") == true)
        #expect(await harness.sent.count == 2)
    }

    @Test func aVariableWindowResolvesPerEnvironment() async throws {
        let workflow = Self.workflow(#"{"delay_until_field_path": "vars.delay_window"}"#)
        func environment(_ name: String, _ seconds: Int) -> WorkflowEnvironment {
            WorkflowEnvironment(
                name: name,
                variables: [
                    "delay_window": ConfigurationVariable(
                        key: "delay_window",
                        value: ConfigurationVariable.value(parsing: #"{"unit": "seconds", "value": \#(seconds)}"#))
                ], channels: WorkflowHarness.channels)
        }
        let harness = try WorkflowHarness(
            [workflow], environments: [environment("development", 30), environment("production", 90)])
        try await harness.identify(["a": [:]])
        try await harness.identify(["a": [:]], environment: "production")
        let start = harness.clock.now()
        let development = try await harness.trigger("delayed", #"{"recipients": ["a"]}"#)
        let production = try await harness.trigger("delayed", #"{"recipients": ["a"]}"#, environment: "production")
        #expect(
            try await harness.run(development.recipientRunIDs[0]).state == .waiting(until: start.addingTimeInterval(30))
        )
        #expect(
            try await harness.run(production.recipientRunIDs[0]).state == .waiting(until: start.addingTimeInterval(90)))
    }

    @Test func cancellingStopsDelayedRunsOptionallyForSomeRecipients() async throws {
        let harness = try await harness(#"{"delay_for": {"unit": "minutes", "value": 5}}"#)
        let keyed = try await harness.trigger("delayed", #"{"recipients": ["a", "b"], "cancellation_key": "c1"}"#)
        let unkeyed = try await harness.trigger("delayed", #"{"recipients": ["a"]}"#)
        let cancelled = try await harness.engine.cancel(
            workflowKey: "delayed", cancellationKey: "c1", recipients: [.user("b")], environment: "development")
        #expect(cancelled == 1)
        #expect(try await harness.run(keyed.recipientRunIDs[1]).state == .cancelled)
        #expect(try await harness.run(keyed.recipientRunIDs[0]).state.name == "waiting")
        #expect(
            try await harness.engine.cancel(workflowKey: "delayed", cancellationKey: "c1", environment: "development")
                == 1)
        try await harness.advance(600)
        #expect(await harness.sent.map(\.workflow?.recipientRunID) == [unkeyed.recipientRunIDs[0]])
        #expect(
            try await harness.outcomes(keyed.recipientRunIDs[0]) == [
                "trigger:executed", "delay_1:waiting", "run:cancelled",
            ])
    }

    @Test func deactivatingEndsRunsAtOnceAndArchivedRunsEndOnResume() async throws {
        let harness = try await harness(#"{"delay_for": {"unit": "minutes", "value": 5}}"#)
        let first = try await harness.trigger("delayed", #"{"recipients": ["a"]}"#)
        #expect(try await harness.engine.setActive(false, workflowKey: "delayed", environment: "development") == 1)
        #expect(try await harness.run(first.recipientRunIDs[0]).state == .halted(reason: "workflow inactive"))
        try await harness.engine.setActive(true, workflowKey: "delayed", environment: "development")
        let second = try await harness.trigger("delayed", #"{"recipients": ["a"]}"#)
        await harness.engine.replaceCatalog(WorkflowCatalog())
        try await harness.advance(300)
        #expect(try await harness.run(second.recipientRunIDs[0]).state == .halted(reason: "workflow archived"))
        #expect(await harness.sent.isEmpty)
    }

    @Test func aRunKeepsTheVersionItWasTriggeredWith() async throws {
        let harness = try await harness(#"{"delay_for": {"unit": "minutes", "value": 5}}"#)
        let result = try await harness.trigger("delayed", #"{"recipients": ["a"]}"#)
        let changed = Self.workflow(#"{"delay_for": {"unit": "minutes", "value": 5}}"#).replacingOccurrences(
            of: "\"after\"", with: "\"changed\"")
        await harness.engine.replaceCatalog(
            WorkflowCatalog([try WorkflowCatalog.parse(JSONValue.parse(changed), file: "v2")]))
        try await harness.advance(300)
        #expect(await harness.sent.map(\.content.mainText) == ["after"])
        _ = result
        let next = try await harness.trigger("delayed", #"{"recipients": ["a"], "settings": {"skip_delay": true}}"#)
        #expect(await harness.sent.map(\.content.mainText) == ["after", "changed"])
        #expect(
            try await harness.run(next.recipientRunIDs[0]).stepLog[1].reason
                == "skipped because the trigger set skip_delay")
    }
}
