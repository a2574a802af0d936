import Engine
import Foundation
import Providers
import Testing

@Suite struct BranchAndThrottleTests {
    static let branching = """
        {"key": "route", "steps": [
          {"ref": "branch_1", "type": "branch", "branches": [
            {"name": "pro", "conditions": {"all": [{"variable": "recipient.plan", "operator": "equal_to", "argument": "pro"}]},
             "steps": [{"ref": "pro_feed", "type": "channel", "channel_type": "in_app_feed", "channel_key": "feed",
                        "template": {"markdown_body": "pro"}}], "terminates": true},
            {"name": "team", "conditions": {"any": [{"variable": "recipient.plan", "operator": "equal_to", "argument": "team"},
                                                     {"variable": "recipient.plan", "operator": "equal_to", "argument": "pro"}]},
             "steps": [{"ref": "team_feed", "type": "channel", "channel_type": "in_app_feed", "channel_key": "feed",
                        "template": {"markdown_body": "team"}}]},
            {"name": "default", "steps": []}]},
          {"ref": "after", "type": "channel", "channel_type": "in_app_feed", "channel_key": "feed",
           "template": {"markdown_body": "after"}}]}
        """

    @Test func theFirstTrueBranchRunsElseTheDefaultAndTerminatingBranchesEndTheRun() async throws {
        let harness = try WorkflowHarness([Self.branching])
        try await harness.identify(["p": ["plan": "pro"], "t": ["plan": "team"], "f": ["plan": "free"]])
        let result = try await harness.trigger("route", #"{"recipients": ["p", "t", "f"]}"#)
        #expect(
            await harness.sent.map { "\($0.recipient.id):\($0.content.mainText)" } == [
                "p:pro", "t:team", "t:after", "f:after",
            ])
        #expect(
            try await harness.outcomes(result.recipientRunIDs[0]) == [
                "trigger:executed", "branch_1:executed", "pro_feed:executed", "run:terminated",
            ])
        let defaultRun = try await harness.run(result.recipientRunIDs[2])
        #expect(defaultRun.stepLog[1].reason == "took the default branch: no other branch's conditions are true")
        #expect(defaultRun.state == .completed)
    }

    static func throttled(_ settings: String) -> String {
        """
        {"key": "throttled", "steps": [
          {"ref": "throttle_1", "type": "throttle", "settings": \(settings)},
          {"ref": "feed_1", "type": "channel", "channel_type": "in_app_feed", "channel_key": "feed",
           "template": {"markdown_body": "{{ data.k }}"}}]}
        """
    }

    @Test func theDefaultThresholdLetsOnePassPerWindow() async throws {
        let harness = try WorkflowHarness([Self.throttled(#"{"throttle_window": {"unit": "minutes", "value": 1}}"#)])
        try await harness.identify(["a": [:], "b": [:]])
        try await harness.trigger("throttled", #"{"recipients": ["a", "b"]}"#)
        let second = try await harness.trigger("throttled", #"{"recipients": ["a"]}"#)
        let halted = try await harness.run(second.recipientRunIDs[0])
        #expect(halted.state == .halted(reason: "throttled"))
        #expect(halted.stepLog[1].outcome == "halted")
        try await harness.advance(60)
        try await harness.trigger("throttled", #"{"recipients": ["a"]}"#)
        #expect(await harness.sent.map(\.recipient.id) == ["a", "b", "a"])
    }

    @Test func aThresholdOfFiveHaltsTheSixthAndKeysAreIndependent() async throws {
        let harness = try WorkflowHarness([
            Self.throttled(
                #"{"throttle_window": {"unit": "minutes", "value": 1}, "throttle_limit": 5, "throttle_key": "k"}"#)
        ])
        try await harness.identify(["a": [:]])
        for _ in 1...6 { try await harness.trigger("throttled", #"{"recipients": ["a"], "data": {"k": "one"}}"#) }
        try await harness.trigger("throttled", #"{"recipients": ["a"], "data": {"k": "two"}}"#)
        #expect(await harness.sent.map(\.content.mainText) == ["one", "one", "one", "one", "one", "two"])
    }

    @Test func longThrottleKeysAndInvalidDynamicWindowsSkipTheThrottle() async throws {
        let harness = try WorkflowHarness([
            Self.throttled(#"{"throttle_window_field_path": "data.window", "throttle_key": "k"}"#)
        ])
        try await harness.identify(["a": [:]])
        let long = String(repeating: "x", count: 58)
        let first = try await harness.trigger(
            "throttled", #"{"recipients": ["a"], "data": {"k": "\#(long)", "window": {"unit": "minutes", "value": 1}}}"#
        )
        let firstRun = try await harness.run(first.recipientRunIDs[0])
        #expect(firstRun.stepLog[1].outcome == "skipped")
        #expect(
            firstRun.stepLog[1].reason
                == "skipped because the throttle key is 64 characters after JSON and URL encoding; it must be shorter than 64"
        )
        let invalid = try await harness.trigger(
            "throttled", #"{"recipients": ["a"], "data": {"k": "short", "window": "soon"}}"#)
        #expect(try await harness.run(invalid.recipientRunIDs[0]).stepLog[1].outcome == "skipped")
        #expect(await harness.sent.count == 2)
    }

    @Test func throttlesDoNotShareStateAcrossWorkflows() async throws {
        let other = Self.throttled(#"{"throttle_window": {"unit": "minutes", "value": 1}}"#)
            .replacingOccurrences(of: "\"throttled\"", with: "\"other\"")
        let harness = try WorkflowHarness([
            Self.throttled(#"{"throttle_window": {"unit": "minutes", "value": 1}}"#), other,
        ])
        try await harness.identify(["a": [:]])
        try await harness.trigger("throttled", #"{"recipients": ["a"]}"#)
        try await harness.trigger("other", #"{"recipients": ["a"]}"#)
        #expect(await harness.sent.count == 2)
    }
}
