import Engine
import Providers
import Testing

@Suite struct ConditionParsingTests {
    @Test func parsesNestedGroupsAndRoundTrips() throws {
        let text = """
            {"any":[{"all":[{"variable":"recipient.is_active","operator":"equal_to","argument":"true"},
            {"variable":"actor.is_active","operator":"equal_to","argument":"true"}]},
            {"variable":"data.force","operator":"not_empty"}]}
            """
        let group = try ConditionGroup.parse(JSONValue.parse(text), path: "$.conditions", allowMessageStatus: false)
        let expected = ConditionNode.any([
            .all([
                .condition(Condition(variable: "recipient.is_active", operator: .equalTo, argument: "true")),
                .condition(Condition(variable: "actor.is_active", operator: .equalTo, argument: "true")),
            ]),
            .condition(Condition(variable: "data.force", operator: .notEmpty)),
        ])
        #expect(group.root == expected)
        #expect(group.json == (try JSONValue.parse(text)))
    }

    @Test func bareArrayAndSingleConditionReadAsAll() throws {
        let list = try ConditionGroup.parse(
            JSONValue.parse(#"[{"variable":"data.a","operator":"empty"}]"#), path: "$", allowMessageStatus: false)
        #expect(list.root == .all([.condition(Condition(variable: "data.a", operator: .empty))]))
        let single = try ConditionGroup.parse(
            JSONValue.parse(#"{"variable":"data.a","operator":"exists"}"#), path: "$", allowMessageStatus: false)
        #expect(single.root == .all([.condition(Condition(variable: "data.a", operator: .exists))]))
    }

    @Test func everySchemaOperatorParses() throws {
        #expect(ConditionOperator.allCases.count == 23)
        for op in ConditionOperator.allCases {
            let group = try ConditionFixtures.condition("data.x", op.rawValue, op.takesArgument ? "1" : nil)
            #expect(group.root.conditions.first?.operator == op)
        }
    }

    @Test func unknownOperatorNamesPathAndAcceptedValues() throws {
        let message = try #require(
            try ConditionFixtures.parseError(
                #"{"all":[{"variable":"data.a","operator":"equal_to","argument":1},{"variable":"data.a","operator":"equals","argument":1}]}"#
            ))
        #expect(
            message.hasPrefix(
                "$.conditions.all[1].operator: unknown operator \"equals\"; accepted: equal_to, not_equal_to,"))
    }

    @Test func rejectsUnknownPrefixMissingArgumentAndBadShapes() throws {
        #expect(
            try ConditionFixtures.parseError(#"[{"variable":"user.plan","operator":"equal_to","argument":"pro"}]"#)
                == "$.conditions[0].variable: unknown prefix \"user\" in \"user.plan\"; accepted prefixes: data, recipient, actor, vars, tenant, workflow, run, refs"
        )
        #expect(
            try ConditionFixtures.parseError(#"{"all":[{"variable":"data.a","operator":"equal_to"}]}"#)
                == "$.conditions.all[0].argument: required by operator equal_to")
        #expect(
            try ConditionFixtures.parseError(#"{"all":{"variable":"data.a","operator":"empty"}}"#)
                == "$.conditions.all: expected an array, found object")
        #expect(
            try ConditionFixtures.parseError(#"{"all":[],"any":[]}"#)
                == "$.conditions: a group has exactly one key, all or any; found all, any")
        #expect(
            try ConditionFixtures.parseError(#"{"any":[3]}"#)
                == "$.conditions.any[0]: expected a condition or an all/any group (an object), found number")
        #expect(
            try ConditionFixtures.parseError(#"{"variable":"data.a","operator":"empty","argumnet":1}"#)
                == "$.conditions.argumnet: unknown key; accepted: variable, operator, argument (or all/any for a group)"
        )
    }

    @Test func reportsEveryProblemOnItsOwnLine() throws {
        let message = try #require(
            try ConditionFixtures.parseError(
                #"{"all":[{"variable":"","operator":"empty"},{"variable":"data.a","operator":"nope"}]}"#))
        let lines = message.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0] == "$.conditions.all[0].variable: expected a non-empty string like \"data.plan\", found \"\"")
        #expect(lines[1].hasPrefix("$.conditions.all[1].operator: unknown operator \"nope\""))
    }

    @Test func messageStatusOnlyWhereAllowed() throws {
        let text =
            #"{"all":[{"variable":"refs.email_1.delivery_status","operator":"greater_than_or_equal_to","argument":"$message.sent"}]}"#
        #expect(try ConditionFixtures.parseError(text, allowMessageStatus: true) == nil)
        #expect(
            try ConditionFixtures.parseError(text, allowMessageStatus: false)
                == "$.conditions.all[0].variable: message status conditions (refs.email_1.delivery_status) are only allowed in step conditions, not in channel or preference conditions"
        )
    }

    @Test func messageStatusShapesAreChecked() throws {
        #expect(
            try ConditionFixtures.parseError(
                #"[{"variable":"refs.email_1.status","operator":"equal_to","argument":"x"}]"#)
                == "$.conditions[0].variable: expected refs.<step_ref>.delivery_status or refs.<step_ref>.engagement_status, found \"refs.email_1.status\""
        )
        #expect(
            try ConditionFixtures.parseError(
                #"[{"variable":"refs.in_app.engagement_status","operator":"greater_than","argument":"$message.seen"}]"#)
                == "$.conditions[0].operator: greater_than is not allowed with engagement_status; accepted: contains, not_contains"
        )
        #expect(
            try ConditionFixtures.parseError(
                #"[{"variable":"refs.email_1.delivery_status","operator":"equal_to","argument":"$message.seen_not_read"}]"#
            )
                == "$.conditions[0].argument: expected a status case for delivery_status, found \"$message.seen_not_read\"; accepted: $message.skipped, $message.undelivered, $message.bounced, $message.delivery_attempted, $message.queued, $message.not_sent, $message.sent, $message.delivered, $message.seen, $message.read, $message.interacted, $message.link_clicked, $message.archived"
        )
        #expect(
            try ConditionFixtures.parseError(
                #"[{"variable":"refs.in_app.engagement_status","operator":"contains","argument":"seen"}]"#)
                == "$.conditions[0].argument: expected a status case for engagement_status, found \"seen\"; accepted: $message.seen, $message.read, $message.interacted, $message.link_clicked, $message.archived, $message.seen_not_read, $message.read_not_link_clicked"
        )
    }
}
