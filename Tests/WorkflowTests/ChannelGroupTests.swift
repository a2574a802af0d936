import Engine
import Foundation
import Providers
import Testing

/// Channel steps that name a channel group (`channel_group_key`): one message per channel whose rules hold.
@Suite struct ChannelGroupTests {
    static let workflow = """
        {"key": "push-all", "name": "Push everywhere", "steps": [
          {"ref": "push_1", "type": "channel", "channel_type": "push", "channel_group_key": "mobile",
           "template": {"title": "Hi", "text_body": "Hello {{ recipient.name }}"}}]}
        """
    static let channels: [String: ChannelType] = ["apns": .push, "fcm": .push, "email": .email]

    static func group(
        _ operator: ChannelGroupConfiguration.Operator = .any, rules: [ChannelGroupConfiguration.Rule]
    ) throws -> ChannelGroup {
        try ChannelGroup(
            ChannelGroupConfiguration(
                key: "mobile", name: "Mobile", channelType: .push, operator: `operator`, rules: rules))
    }

    static let android: JSONObject = ["variable": "recipient.platform", "operator": "equal_to", "argument": "android"]

    static func harness(_ group: ChannelGroup, channels: [String: ChannelType] = channels) throws -> WorkflowHarness {
        try WorkflowHarness(
            [workflow],
            environments: [
                WorkflowEnvironment(name: "development", channels: channels, channelGroups: ["mobile": group])
            ])
    }

    static func tokens(_ harness: WorkflowHarness, _ user: String, _ channels: String...) async {
        for channel in channels {
            await harness.recipients.setChannelData(
                ["tokens": [.string("\(user)-\(channel)")]], recipientID: user, channelID: channel,
                environment: "development")
        }
    }

    @Test func everyChannelWhoseRuleHoldsGetsAMessage() async throws {
        let harness = try Self.harness(
            try Self.group(rules: [
                .init(channelKey: "apns", kind: .always), .init(channelKey: "fcm", kind: .if, condition: Self.android),
            ]))
        try await harness.identify([
            "droid": ["name": "Dee", "platform": "android"], "phone": ["name": "Phil", "platform": "ios"],
            "tokenless": ["name": "Tia", "platform": "android"],
        ])
        await Self.tokens(harness, "droid", "apns", "fcm")
        await Self.tokens(harness, "phone", "apns", "fcm")
        await Self.tokens(harness, "tokenless", "fcm")
        let result = try await harness.trigger("push-all", #"{"recipients": ["droid", "phone", "tokenless"]}"#)

        #expect(
            await harness.sent.map { "\($0.recipient.id):\($0.channelID)" } == [
                "droid:apns", "droid:fcm", "phone:apns", "tokenless:fcm",
            ])
        #expect(
            await harness.sent.allSatisfy {
                $0.content == .push(PushContent(title: "Hi", body: "Hello \($0.recipient.name ?? "")"))
            })
        let droid = try await harness.run(result.recipientRunIDs[0])
        #expect(droid.messages["push_1"]?.count == 2)
        #expect(Set(droid.messages["push_1"] ?? []).count == 2)
        #expect(
            droid.stepLog.filter { $0.stepRef == "push_1" }.map {
                "\($0.details["channel"]?.stringValue ?? ""):\($0.outcome)"
            }
                == ["apns:executed", "fcm:executed"])
        let tokenless = try await harness.run(result.recipientRunIDs[2])
        #expect(
            tokenless.stepLog.filter { $0.stepRef == "push_1" }.map(\.reason) == [
                "skipped because the recipient has no channel data for channel 'apns'",
                "enqueued message \(tokenless.messages["push_1"]?.first ?? "") on channel 'fcm'",
            ])
        let phone = try await harness.run(result.recipientRunIDs[1])
        let rules = phone.stepLog.first { $0.stepRef == "push_1" }?.details["channel_rules"]?.arrayValue
        #expect(rules?.map { $0["holds"] } == [true, false])
    }

    @Test func theAllOperatorNeedsEveryRuleOfAChannel() async throws {
        let harness = try Self.harness(
            try Self.group(
                .all,
                rules: [
                    .init(channelKey: "fcm", kind: .always),
                    .init(channelKey: "fcm", kind: .unless, condition: Self.android),
                    .init(channelKey: "apns", kind: .if, condition: Self.android),
                ]))
        try await harness.identify(["droid": ["platform": "android"], "phone": ["platform": "ios"]])
        await Self.tokens(harness, "droid", "apns", "fcm")
        await Self.tokens(harness, "phone", "apns", "fcm")
        let result = try await harness.trigger("push-all", #"{"recipients": ["droid", "phone"]}"#)
        #expect(await harness.sent.map { "\($0.recipient.id):\($0.channelID)" } == ["droid:apns", "phone:fcm"])
        _ = result
    }

    @Test func noHoldingRuleOrAnUnknownGroupSkipsTheStep() async throws {
        let harness = try Self.harness(
            try Self.group(rules: [.init(channelKey: "fcm", kind: .if, condition: Self.android)]))
        try await harness.identify(["phone": ["platform": "ios"]])
        let result = try await harness.trigger("push-all", #"{"recipients": ["phone"]}"#)
        let run = try await harness.run(result.recipientRunIDs[0])
        #expect(
            run.stepLog.first { $0.stepRef == "push_1" }?.reason
                == "skipped because no channel of channel group 'mobile' has a rule that holds")
        #expect(run.messages["push_1"] == [])

        let unknown = try WorkflowHarness([Self.workflow])
        try await unknown.identify(["phone": [:]])
        let other = try await unknown.trigger("push-all", #"{"recipients": ["phone"]}"#)
        #expect(
            try await unknown.run(other.recipientRunIDs[0]).stepLog.first { $0.stepRef == "push_1" }?.reason
                == "skipped because channel group 'mobile' is not configured")
    }

    @Test func aGroupChannelNotConfiguredHereIsSkippedAndTheOthersSend() async throws {
        let harness = try Self.harness(
            try Self.group(rules: [.init(channelKey: "apns", kind: .always), .init(channelKey: "fcm", kind: .always)]),
            channels: ["fcm": .push])
        try await harness.identify(["droid": [:]])
        await Self.tokens(harness, "droid", "apns", "fcm")
        let result = try await harness.trigger("push-all", #"{"recipients": ["droid"]}"#)
        #expect(await harness.sent.map(\.channelID) == ["fcm"])
        #expect(
            try await harness.run(result.recipientRunIDs[0]).stepLog.first { $0.stepRef == "push_1" }?.reason
                == "skipped because channel 'apns' is not configured or not enabled in environment 'development'")
    }

    @Test func aStepNamesExactlyOneChannelOrGroup() throws {
        func issues(_ step: String) throws -> String {
            let json = try JSONValue.parse(#"{"key": "w", "steps": [\#(step)]}"#)
            let error = try #require(throws: EngineError.self) { try WorkflowCatalog.parse(json, file: "w.json") }
            return error.message
        }
        let template = #""template": {"text_body": "x"}"#
        #expect(
            try issues(
                #"{"ref": "p", "type": "channel", "channel_type": "push", "channel_key": "apns", "channel_group_key": "mobile", \#(template)}"#
            )
                == "invalid workflow: w.json: $.steps[0]: has both 'channel_key' and 'channel_group_key'; name one channel or one channel group"
        )
        #expect(
            try issues(#"{"ref": "p", "type": "channel", "channel_type": "push", \#(template)}"#)
                == "invalid workflow: w.json: $.steps[0]: missing required key 'channel_key' (the id of a configured channel) or "
                + "'channel_group_key' (the key of a configured channel group)")
    }

    @Test func anInvalidRuleConditionNamesItsPath() throws {
        let error = try #require(throws: EngineError.self) {
            try ChannelGroup(
                ChannelGroupConfiguration(
                    key: "mobile", name: "Mobile", channelType: .push,
                    rules: [
                        .init(
                            channelKey: "fcm", kind: .if, condition: ["variable": "recipient.x", "operator": "shouts"])
                    ],
                    file: "host.json"))
        }
        #expect(error.code == .invalidInput)
        #expect(error.message.hasPrefix("host.json: $.channel_groups.mobile.channel_rules[0]"))
        #expect(error.message.contains("shouts"))
    }
}
