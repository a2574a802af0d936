import Engine
import Foundation
import Providers
import Testing

/// Audience membership conditions in workflows (Knock's rules #182 and #183), on the in-memory store.
@Suite struct AudienceConditionTests {
    static let workflow = """
        {"key": "beta-news", "name": "Beta news", "steps": [
          {"ref": "members_only", "type": "channel", "channel_type": "in_app_feed", "channel_key": "feed",
           "conditions": {"all": [{"variable": "recipient", "operator": "is_audience_member", "argument": "beta"}]},
           "template": {"markdown_body": "for members"}},
          {"ref": "others_only", "type": "channel", "channel_type": "in_app_feed", "channel_key": "feed",
           "conditions": {"all": [{"variable": "recipient", "operator": "is_not_audience_member", "argument": "beta"}]},
           "template": {"markdown_body": "for others"}}]}
        """

    /// The body of each message one trigger sends to u1.
    private func sent(addedWith addedTenant: String?, triggeredWith triggerTenant: String?) async throws -> [String] {
        let harness = try WorkflowHarness([Self.workflow])
        try await harness.identify(["u1": ["name": "Una"]])
        try await harness.recipients.addMembers(
            [AudienceMemberChange(userID: "u1", tenant: addedTenant)], to: "beta", identifying: [],
            environment: "development", now: harness.clock.now())
        let tenant = triggerTenant.map { #", "tenant": "\#($0)""# } ?? ""
        try await harness.trigger("beta-news", #"{"recipients": ["u1"]\#(tenant)}"#)
        return await harness.sent.map(\.content.mainText)
    }

    @Test func aMemberAddedWithTheTriggersTenantPasses() async throws {
        #expect(try await sent(addedWith: "acme", triggeredWith: "acme") == ["for members"])
    }

    @Test func aMemberAddedWithATenantFailsWithoutATriggerTenant() async throws {
        #expect(try await sent(addedWith: "acme", triggeredWith: nil) == ["for others"])
    }

    @Test func aMemberAddedWithoutATenantPassesWithoutATriggerTenant() async throws {
        #expect(try await sent(addedWith: nil, triggeredWith: nil) == ["for members"])
    }

    @Test func aMemberAddedWithoutATenantFailsWithATriggerTenant() async throws {
        #expect(try await sent(addedWith: nil, triggeredWith: "acme") == ["for others"])
    }

    @Test func aMemberAddedWithAnotherTenantFails() async throws {
        #expect(try await sent(addedWith: "globex", triggeredWith: "acme") == ["for others"])
    }

    @Test func theSkippedStepLogsTheMembershipCondition() async throws {
        let harness = try WorkflowHarness([Self.workflow])
        try await harness.identify(["u1": [:]])
        let result = try await harness.trigger("beta-news", #"{"recipients": ["u1"]}"#)
        #expect(
            try await harness.outcomes(result.recipientRunIDs[0]) == [
                "trigger:executed", "members_only:skipped", "others_only:executed", "run:completed",
            ])
        let skipped = try await harness.run(result.recipientRunIDs[0]).stepLog[1]
        #expect(skipped.reason == "skipped because the step conditions are false")
    }

    @Test func membershipIsReadWhenTheStepRunsNotWhenTriggered() async throws {
        let delayed = """
            {"key": "later", "name": "Later", "steps": [
              {"ref": "wait", "type": "delay", "settings": {"delay_for": {"unit": "minutes", "value": 5}}},
              {"ref": "feed_1", "type": "channel", "channel_type": "in_app_feed", "channel_key": "feed",
               "conditions": {"all": [{"variable": "recipient", "operator": "is_audience_member", "argument": "beta"}]},
               "template": {"markdown_body": "joined meanwhile"}}]}
            """
        let harness = try WorkflowHarness([delayed])
        try await harness.identify(["u1": [:]])
        try await harness.trigger("later", #"{"recipients": ["u1"]}"#)
        try await harness.recipients.addMembers(
            [AudienceMemberChange(userID: "u1")], to: "beta", identifying: [], environment: "development",
            now: harness.clock.now())
        try await harness.advance(300)
        #expect(await harness.sent.map(\.content.mainText) == ["joined meanwhile"])
    }

    /// #183: identifying a user added earlier as a missing user starts nothing; there are no audience-entry
    /// triggers here.
    @Test func identifyingAMissingMemberLaterStartsNoRun() async throws {
        let harness = try WorkflowHarness([Self.workflow])
        try await harness.recipients.addMembers(
            [AudienceMemberChange(userID: "late")], to: "beta", identifying: [], environment: "development",
            now: harness.clock.now())
        #expect(await harness.recipients.recipient(.user("late"), environment: "development") == nil)
        try await harness.identify(["late": ["name": "Lee"]])
        try await harness.engine.runUntilIdle()
        let runs = try await harness.engine.recipientRuns(RecipientRunQuery(environment: "development"))
        #expect(runs.entries.isEmpty)
        #expect(await harness.sent.isEmpty)
        #expect(
            try await harness.recipients.isMember(
                audienceKey: "beta", userID: "late", tenant: nil, environment: "development"))
    }
}
