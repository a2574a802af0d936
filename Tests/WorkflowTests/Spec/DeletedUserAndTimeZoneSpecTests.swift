import Engine
import Foundation
import Providers
import Testing

/// Product specification §27 statements on deleted users and time zones, one test per statement.
@Suite struct DeletedUserAndTimeZoneSpecTests {
    static let notify = """
        {"key": "notify", "steps": [
          {"ref": "feed_1", "type": "channel", "channel_type": "in_app_feed", "channel_key": "feed",
           "template": {"markdown_body": "from {{ actor.id }}"}}]}
        """

    // §27 #19: a deleted user cannot be the recipient of a new trigger: its run halts, nothing is sent.
    @Test func aDeletedRecipientHaltsItsRun() async throws {
        let harness = try WorkflowHarness([Self.notify])
        try await harness.identify(["u1": ["name": "Uma"], "u2": [:]])
        await harness.recipients.delete([.user("u1")], environment: "development")
        let result = try await harness.trigger("notify", #"{"recipients": ["u1", "u2"]}"#)
        let run = try await harness.run(result.recipientRunIDs[0])
        #expect(run.state == .halted(reason: "recipient not found"))
        #expect(run.stepLog.map(\.outcome) == ["halted"])
        #expect(run.stepLog[0].reason == "halted because recipient 'u1' does not exist in this environment")
        #expect(await harness.sent.map(\.recipient.id) == ["u2"])
    }

    // §27 #19: nor the actor: each run of a trigger whose actor was deleted halts before any step.
    @Test func aDeletedActorHaltsEveryRunOfTheTrigger() async throws {
        let harness = try WorkflowHarness([Self.notify])
        try await harness.identify(["u1": [:], "u2": [:], "u3": [:]])
        await harness.recipients.delete([.user("u1")], environment: "development")
        let result = try await harness.trigger("notify", #"{"recipients": ["u2", "u3"], "actor": "u1"}"#)
        for id in result.recipientRunIDs {
            let run = try await harness.run(id)
            #expect(run.state == .halted(reason: "actor not found"))
            #expect(run.stepLog.map(\.reason) == ["halted because actor 'u1' does not exist in this environment"])
        }
        #expect(await harness.sent.isEmpty)
        // An existing actor still works.
        try await harness.trigger("notify", #"{"recipients": ["u2"], "actor": "u3"}"#)
        #expect(await harness.sent.map(\.content.mainText) == ["from u3"])
    }

    static let weekly = """
        {"key": "weekly", "steps": [
          {"ref": "delay_1", "type": "delay", "settings": {"delay_until_field_path": "data.when"}},
          {"ref": "feed_1", "type": "channel", "channel_type": "in_app_feed", "channel_key": "feed",
           "template": {"markdown_body": "monday"}}]}
        """

    /// The time the delay of a run triggered at 2024-01-01T00:00Z (a Monday) waits until.
    func mondayNine(environmentZone: String?, userZone: String?) async throws -> Date? {
        let environment = WorkflowEnvironment(
            name: "development", timeZone: environmentZone.flatMap(TimeZone.init(identifier:)) ?? .gmt,
            channels: WorkflowHarness.channels)
        let harness = try WorkflowHarness(
            [Self.weekly], environments: environmentZone == nil ? nil : [environment])
        var properties: JSONObject = [:]
        if let userZone { properties["timezone"] = .string(userZone) }
        try await harness.identify(["u": properties])
        let result = try await harness.trigger(
            "weekly", #"{"recipients": ["u"], "data": {"when": {"frequency": "weekly", "days": ["mon"], "hours": 9}}}"#)
        guard case .waiting(let until) = try await harness.run(result.recipientRunIDs[0]).state else { return nil }
        return until
    }

    // §27 #25 / #58: the weekly Monday 09:00 window closes at 09:00 in the recipient's zone, else in the
    // environment's default zone, else in Etc/UTC.
    @Test func aWeeklyWindowUsesTheRecipientThenTheEnvironmentThenUTC() async throws {
        let start = 1_704_067_200.0  // 2024-01-01T00:00:00Z, a Monday
        #expect(
            try await mondayNine(environmentZone: nil, userZone: nil)
                == Date(timeIntervalSince1970: start + 9 * 3600))  // 09:00 UTC
        #expect(
            try await mondayNine(environmentZone: "Europe/Paris", userZone: nil)
                == Date(timeIntervalSince1970: start + 8 * 3600))  // 09:00 CET = 08:00 UTC
        #expect(
            try await mondayNine(environmentZone: "Europe/Paris", userZone: "America/New_York")
                == Date(timeIntervalSince1970: start + 14 * 3600))  // 09:00 EST = 14:00 UTC
        #expect(
            try await mondayNine(environmentZone: nil, userZone: "America/New_York")
                == Date(timeIntervalSince1970: start + 14 * 3600))
    }
}
