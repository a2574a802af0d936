import Engine
import Providers
import Testing

@Suite struct PreferenceSetTests {
    static let scope = ConditionScope(values: [
        "recipient": ["country_code": "US"], "data": ["project_id": "p1"],
    ])

    static func set(_ text: String) throws -> PreferenceSet {
        try PreferenceSet.parse(JSONValue.parse(text), id: "default", path: "$.preferences.default")
    }

    static func decide(
        _ set: PreferenceSet, workflow: String = "new-comment", categories: [String] = ["social"],
        type: ChannelType = .email, channel: String = "postmark", scope: ConditionScope = scope,
        commercial: Bool = false
    ) -> PreferenceDecision {
        set.decision(
            workflowKey: workflow, categories: categories, channelType: type, channelID: channel, scope: scope,
            commercial: commercial)
    }

    @Test func unsetAllows() throws {
        let decision = Self.decide(try Self.set("{}"))
        #expect(decision.allowed)
        #expect(decision.reason == "no preference opts out")
        #expect(decision.optedOutBy == nil)
        #expect(decision.checks.isEmpty)
    }

    @Test func channelTypeOptOut() throws {
        let set = try Self.set(#"{"channel_types":{"email":false,"sms":true}}"#)
        let email = Self.decide(set)
        #expect(!email.allowed)
        #expect(email.optedOutBy == "channel_types.email")
        #expect(email.reason == "opted out by channel_types.email")
        #expect(Self.decide(set, type: .sms, channel: "twilio").allowed)
        #expect(Self.decide(set, type: .push, channel: "apns").allowed)
    }

    @Test func channelIDTakesPrecedenceOverType() throws {
        let set = try Self.set(#"{"channel_types":{"email":false},"channels":{"postmark":true,"ses":false}}"#)
        #expect(Self.decide(set, channel: "postmark").allowed)
        #expect(
            Self.decide(set, channel: "postmark").checks == [
                PreferenceCheck(preference: "channels.postmark", allowed: true)
            ])
        #expect(Self.decide(set, channel: "ses").optedOutBy == "channels.ses")
        #expect(Self.decide(set, channel: "sendgrid").optedOutBy == "channel_types.email")
    }

    @Test func workflowAndCategoryPreferences() throws {
        let set = try Self.set(
            #"{"workflows":{"new-comment":{"channel_types":{"email":false}},"digest":false},"categories":{"marketing":false,"Social":false}}"#
        )
        #expect(Self.decide(set).optedOutBy == "workflows.new-comment.channel_types.email")
        #expect(Self.decide(set, type: .sms, channel: "twilio").allowed)
        #expect(Self.decide(set, workflow: "digest", categories: []).optedOutBy == "workflows.digest")
        #expect(
            Self.decide(set, workflow: "promo", categories: ["marketing"], type: .push).optedOutBy
                == "categories.marketing")
        #expect(Self.decide(set, workflow: "promo", categories: ["social"], type: .push).allowed)  // case-sensitive
    }

    @Test func everyApplicablePreferenceMustAllow() throws {
        let set = try Self.set(
            #"{"workflows":{"new-comment":true},"categories":{"social":true},"channel_types":{"email":false}}"#)
        let decision = Self.decide(set)
        #expect(!decision.allowed)
        #expect(
            decision.checks.map(\.preference) == ["workflows.new-comment", "categories.social", "channel_types.email"])
        #expect(decision.checks.map(\.allowed) == [true, true, false])
    }

    @Test func preferenceConditions() throws {
        let set = try Self.set(
            #"{"channel_types":{"sms":{"conditions":[{"variable":"recipient.country_code","operator":"equal_to","argument":"US"}]}},"workflows":{"new-comment":{"conditions":[{"variable":"data.project_id","operator":"not_equal_to","argument":"p1"}]}}}"#
        )
        let sms = Self.decide(set, workflow: "other", type: .sms, channel: "twilio")
        #expect(sms.allowed)
        #expect(sms.checks.map(\.preference) == ["channel_types.sms.conditions"])
        let canada = ConditionScope(values: ["recipient": ["country_code": "CA"]])
        #expect(
            Self.decide(set, workflow: "other", type: .sms, channel: "twilio", scope: canada).optedOutBy
                == "channel_types.sms.conditions")
        // The muted project opts out of the workflow.
        let muted = Self.decide(set)
        #expect(muted.optedOutBy == "workflows.new-comment.conditions")
        #expect(muted.checks.first?.conditions?.trace.first?.resolvedVariable == "p1")
    }

    @Test func commercialSubscribedOnlyForCommercialWorkflows() throws {
        let set = try Self.set(#"{"commercial_subscribed":false}"#)
        #expect(Self.decide(set).allowed)
        #expect(Self.decide(set, commercial: true).optedOutBy == "commercial_subscribed")
    }

    @Test func webhookChannelsUseTheHTTPKey() throws {
        let set = try Self.set(#"{"channel_types":{"webhook":false}}"#)
        #expect(set.channelTypes == ["http": .enabled(false)])
        #expect(Self.decide(set, type: .webhook, channel: "hook").optedOutBy == "channel_types.http")
    }

    @Test func decisionJSON() throws {
        let decision = Self.decide(try Self.set(#"{"channel_types":{"email":false}}"#))
        #expect(
            decision.json == [
                "allowed": false, "reason": "opted out by channel_types.email", "opted_out_by": "channel_types.email",
                "preferences": [["preference": "channel_types.email", "allowed": false]],
            ])
    }

    @Test func jsonRoundTrip() throws {
        let text = """
            {"id":"default","categories":{"marketing":false,"transactional":{"channel_types":{"email":false},"conditions":null}},
             "channel_types":{"email":true,"sms":{"conditions":[{"variable":"recipient.country_code","operator":"equal_to","argument":"US"}]}},
             "channels":null,"commercial_subscribed":true,"workflows":null}
            """
        let set = try Self.set(text)
        #expect(set.json == (try JSONValue.parse(text)))
        #expect(try PreferenceSet.parse(set.json, id: "default", path: "$") == set)
    }

    @Test func rejectsBadInputWithPaths() throws {
        let cases: [(String, String)] = [
            (
                #"{"channel_types":{"fax":false}}"#,
                "$.preferences.default.channel_types.fax: unknown channel type; accepted: email, sms, push, chat, http, in_app_feed"
            ),
            (
                #"{"channel_types":{"email":"no"}}"#,
                "$.preferences.default.channel_types.email: expected true, false or {\"conditions\": [...]}, found string"
            ),
            (
                #"{"workflows":{"a":{"channel_type":{}}}}"#,
                "$.preferences.default.workflows.a.channel_type: unknown key; accepted: channel_types, channels, conditions"
            ),
            (
                #"{"categories":{"a":1}}"#,
                "$.preferences.default.categories.a: expected true, false or an object with channel_types, channels, conditions; found number"
            ),
            (
                #"{"topics":{}}"#,
                "$.preferences.default.topics: unknown key; accepted: id, __persistence_strategy__, channel_types, channels, workflows, categories, commercial_subscribed"
            ),
            (
                #"{"channels":{"c1":{"conditions":{"variable":"data.a","operator":"empty"}}}}"#,
                "$.preferences.default.channels.c1.conditions: expected a list of conditions, found object"
            ),
            (
                #"{"channels":{"c1":{"conditions":[{"variable":"refs.email.delivery_status","operator":"equal_to","argument":"$message.sent"}]}}}"#,
                "$.preferences.default.channels.c1.conditions[0].variable: message status conditions (refs.email.delivery_status) are only allowed in step conditions, not in channel or preference conditions"
            ),
        ]
        for (text, message) in cases {
            let error = #expect(throws: EngineError.self) { try Self.set(text) }
            #expect(error?.message == message)
        }
    }

    @Test func mergingOverATenantDefault() throws {
        let tenant = try PreferenceSet.parse(
            JSONValue.parse(
                #"{"channel_types":{"email":false,"sms":false},"workflows":{"w":{"channel_types":{"email":false,"push":false}},"x":false},"categories":{"marketing":false},"commercial_subscribed":false}"#
            ), id: "default", path: "$.tenant")
        let own = try Self.set(#"{"channel_types":{"sms":true},"workflows":{"w":{"channel_types":{"push":true}}}}"#)
        let merged = own.merging(tenantDefault: tenant)
        #expect(merged.id == "default")
        #expect(merged.channelTypes == ["email": .enabled(false), "sms": .enabled(true)])
        #expect(
            merged.workflows == [
                "w": .settings(
                    WorkflowPreferenceSettings(channelTypes: ["email": .enabled(false), "push": .enabled(true)])),
                "x": .enabled(false),
            ])
        #expect(merged.categories == ["marketing": .enabled(false)])
        #expect(merged.commercialSubscribed == .enabled(false))
        // A tenant default opts a recipient out who has no preference of their own.
        #expect(Self.decide(PreferenceSet().merging(tenantDefault: tenant)).optedOutBy == "channel_types.email")
        #expect(Self.decide(merged, workflow: "w", type: .push, channel: "apns").allowed)
    }
}
