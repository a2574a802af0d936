import Providers
import Testing

/// The `channel_groups` section: structure, rules and their channels.
@Suite struct ConfigurationChannelGroupTests {
    static let channels = """
        "environments": {"development": {"production": false}},
        "channels": {
          "primary": {"provider": "webhook", "environments": {}},
          "backup": {"provider": "webhook", "environments": {}},
          "mail": {"provider": "postmark", "environments": {}}
        }
        """

    func issues(_ groups: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        ConfigurationTestSupport.issues(
            ["delivery-host.json": "{\(Self.channels), \"channel_groups\": \(groups)}"], sourceLocation: sourceLocation
        ).map(\.description)
    }

    @Test func loadsGroupsWithRulesInIndexOrder() throws {
        let configuration = try ConfigurationTestSupport.load([
            "delivery-host.json": """
            {\(Self.channels), "channel_groups": {"hooks": {"name": "Hooks", "channel_type": "http", "operator": "all",
              "channel_rules": [
                {"channel_key": "backup", "rule_type": "if", "variable": "recipient.platform", "operator": "equal_to", "argument": "android", "index": 1},
                {"channel_key": "primary", "rule_type": "always", "index": 0}]}}}
            """
        ])
        #expect(
            configuration.channelGroups == [
                ChannelGroupConfiguration(
                    key: "hooks", name: "Hooks", channelType: .webhook, operator: .all,
                    rules: [
                        .init(channelKey: "primary", kind: .always),
                        .init(
                            channelKey: "backup", kind: .if,
                            condition: [
                                "variable": "recipient.platform", "operator": "equal_to", "argument": "android",
                            ]),
                    ], file: "delivery-host.json")
            ])
    }

    @Test func reportsEveryProblemWithItsPath() {
        #expect(
            issues(
                """
                {"mobile": {"channel_type": "http", "operator": "some", "colour": "red",
                  "channel_rules": [{"channel_key": "mail", "rule_type": "always"}, {"channel_key": "nope", "rule_type": "when"},
                                    {"channel_key": "backup", "rule_type": "if"}, 3]},
                 "Bad!": {}, "email": {"channel_type": "fax", "channel_rules": []}, "empty": {"channel_type": "push"}}
                """) == [
                    "delivery-host.json: $.channel_groups.email.channel_type: expected one of chat, email, http, in_app_feed, push, sms, webhook, found 'fax'",
                    "delivery-host.json: $.channel_groups.empty.channel_rules: expected a non-empty array of rules such as "
                        + #"{"channel_key": "apns", "rule_type": "always"}, found nothing"#,
                    "delivery-host.json: $.channel_groups.mobile.channel_rules[0].channel_key: channel 'mail' has channel type email; this group's channels must be webhook",
                    "delivery-host.json: $.channel_groups.mobile.channel_rules[1].channel_key: expected the id of a declared channel (backup, mail, primary), found 'nope'",
                    "delivery-host.json: $.channel_groups.mobile.channel_rules[1].rule_type: expected one of 'always', 'if', 'unless', found 'when'",
                    "delivery-host.json: $.channel_groups.mobile.channel_rules[2]: an 'if' rule needs 'variable' and 'operator' (and usually 'argument')",
                    "delivery-host.json: $.channel_groups.mobile.channel_rules[3]: expected a rule object, found a number",
                    "delivery-host.json: $.channel_groups.mobile.colour: unknown key 'colour' (accepted: name, channel_type, operator, channel_rules, description)",
                    "delivery-host.json: $.channel_groups.mobile.operator: expected 'any' or 'all', found 'some'",
                    #"delivery-host.json: $.channel_groups["Bad!"]: invalid channel group key 'Bad!': expected 1 to 64 characters of a-z, 0-9, '-' and '_'"#,
                ])
    }
}
