import Engine
import Foundation
import Providers
import Testing

@Suite struct ConditionOperatorTests {
    typealias Case = (variable: String, op: String, argument: JSONValue?, expected: Bool)

    @Test(
        arguments: [
            ("data.count", "equal_to", "5", true),  // string "5" vs number 5
            ("data.count_text", "equal_to", 5, true),  // number 5 vs string "5"
            ("data.count", "equal_to", 5, true),
            ("data.count", "equal_to", "6", false),
            ("data.flag", "equal_to", "true", true),
            ("data.flag_text", "equal_to", true, true),
            ("data.flag", "equal_to", "false", false),
            ("recipient.plan", "equal_to", "pro", true),
            ("recipient.plan", "equal_to", "Pro", false),
            ("recipient.plan", "not_equal_to", "free", true),
            ("recipient.plan", "not_equal_to", "pro", false),
            ("data.count", "greater_than", "4", true),
            ("data.count", "greater_than", 5, false),
            ("data.count_text", "greater_than_or_equal_to", 5, true),
            ("data.count", "less_than", "10", true),  // numeric, not text order
            ("data.count", "less_than", 5, false),
            ("data.count", "less_than_or_equal_to", "5", true),
            ("data.count", "less_than_or_equal_to", 4.5, false),
            ("recipient.plan", "greater_than", "basic", true),  // text order between strings
            ("data.missing", "greater_than", 1, false),  // "" never orders
            ("data.missing", "less_than", 1, false),
            ("data.when", "greater_than", "2024-01-05T13:59:59Z", true),
            ("data.tags", "greater_than", 1, false),
        ] as [Case])
    func comparisons(_ c: Case) throws {
        #expect(try ConditionFixtures.passes(c.variable, c.op, c.argument) == c.expected)
    }

    @Test(
        arguments: [
            ("data.name", "contains", "Love", true),
            ("data.name", "contains", "love", false),
            ("data.tags", "contains", "b", true),
            ("data.tags", "contains", "d", false),
            ("data.numbers", "contains", "2", true),  // "2" decodes to 2
            ("data.numbers", "contains", 4, false),
            ("data.name", "not_contains", "Love", false),
            ("data.tags", "not_contains", "z", true),
            ("data.count", "contains", 5, false),  // a number is not a container
            ("data.tags", "contains_all", ["a", "c"], true),
            ("data.tags", "contains_all", ["a", "z"], false),
            ("data.tags", "contains_all", "a", true),  // a single argument is a one-element list
            ("data.tags", "contains_all", #"["b","c"]"#, true),  // JSON in a string is decoded
            ("data.name", "contains_all", ["Ada", "Love"], true),
            ("data.tags", "not_contains_all", ["a", "z"], true),
            ("data.tags", "not_contains_all", ["a", "b"], false),
            ("data.count", "is_between", [1, 5], true),  // inclusive
            ("data.count", "is_between", "[6, 9]", false),
            ("data.count_text", "is_between", [5, 5], true),
            ("data.count", "is_between", 5, false),  // needs two bounds
        ] as [Case])
    func inclusion(_ c: Case) throws {
        #expect(try ConditionFixtures.passes(c.variable, c.op, c.argument) == c.expected)
    }

    @Test(
        arguments: [
            ("data.blank", "empty", nil, true),
            ("data.nothing", "empty", nil, true),
            ("data.empty_list", "empty", nil, true),
            ("data.missing", "empty", nil, true),  // unresolvable → ""
            ("data.count", "empty", nil, false),
            ("data.tags", "not_empty", nil, true),
            ("data.missing", "not_empty", nil, false),
            ("data.blank", "exists", nil, true),
            ("data.nothing", "exists", nil, false),
            ("data.missing", "exists", nil, false),
            ("data.missing", "not_exists", nil, true),
            ("data.count", "not_exists", nil, false),
            ("data.missing", "equal_to", "", true),  // I20
            ("data.missing", "equal_to", JSONValue.null, false),  // "" is not null
        ] as [Case])
    func emptinessAndExistence(_ c: Case) throws {
        #expect(try ConditionFixtures.passes(c.variable, c.op, c.argument) == c.expected)
    }

    @Test(
        arguments: [
            ("data.when", "is_timestamp", nil, true),
            ("data.name", "is_timestamp", nil, false),
            ("data.when", "is_timestamp_before", "2024-01-05T14:00:01Z", true),
            ("data.when", "is_timestamp_before", "2024-01-05T14:00:00Z", false),
            ("data.when", "is_timestamp_on_or_after", "2024-01-05T15:00:00+01:00", true),  // same instant
            ("data.when", "is_timestamp_on_or_after", "2024-01-05T14:00:00.001Z", false),
            ("data.when", "is_timestamp_between", ["2024-01-05T14:00:00Z", "2024-01-06T00:00:00Z"], true),
            // The end is exclusive.
            ("data.when", "is_timestamp_between", ["2024-01-04T00:00:00Z", "2024-01-05T14:00:00Z"], false),
            ("data.name", "is_timestamp_before", "2024-01-05T14:00:01Z", false),
        ] as [Case])
    func timestamps(_ c: Case) throws {
        #expect(try ConditionFixtures.passes(c.variable, c.op, c.argument) == c.expected)
    }

    @Test func timestampsAgainstTheInjectedNow() throws {
        var scope = ConditionFixtures.scope
        #expect(try !ConditionFixtures.passes("data.when", "is_timestamp_before_now", in: scope))  // no clock
        #expect(try !ConditionFixtures.passes("data.when", "is_timestamp_on_or_after_now", in: scope))
        scope.now = Date(timeIntervalSince1970: 1_704_463_200)  // 2024-01-05T14:00:00Z
        #expect(try !ConditionFixtures.passes("data.when", "is_timestamp_before_now", in: scope))
        #expect(try ConditionFixtures.passes("data.when", "is_timestamp_on_or_after_now", in: scope))
        scope.now = Date(timeIntervalSince1970: 1_704_463_201)
        #expect(try ConditionFixtures.passes("data.when", "is_timestamp_before_now", in: scope))
    }

    @Test func audienceMembership() throws {
        var scope = ConditionFixtures.scope
        scope.audiences = ["beta-testers"]
        #expect(try ConditionFixtures.passes("recipient", "is_audience_member", "beta-testers", in: scope))
        #expect(try !ConditionFixtures.passes("recipient", "is_audience_member", "vips", in: scope))
        #expect(try ConditionFixtures.passes("recipient", "is_not_audience_member", "vips", in: scope))
    }

    @Test func dynamicArgumentsResolveFromTheScope() throws {
        #expect(try ConditionFixtures.passes("data.count", "greater_than", "vars.threshold"))
        #expect(try ConditionFixtures.passes("data.count", "greater_than", "vars.threshold_text"))
        #expect(try ConditionFixtures.passes("recipient.country_code", "equal_to", "recipient.country_code"))
        #expect(try ConditionFixtures.passes("data.blank", "equal_to", "data.missing"))  // both ""
        #expect(try !ConditionFixtures.passes("recipient.plan", "equal_to", "recipient.missing"))
        #expect(ConditionArgument.resolve("recipient.plan", in: ConditionFixtures.scope.values) == "pro")
        #expect(ConditionArgument.resolve("data.", in: ConditionFixtures.scope.values) == "data.")  // no path: static
        #expect(ConditionArgument.resolve("metadata.x", in: ConditionFixtures.scope.values) == "metadata.x")
        #expect(ConditionArgument.resolve("null", in: ConditionFixtures.scope.values) == .null)
    }

    @Test func workflowAndRunVariables() throws {
        #expect(try ConditionFixtures.passes("workflow.categories", "contains", "digest"))
        #expect(try ConditionFixtures.passes("workflow.id", "equal_to", "new-comment"))
        #expect(try ConditionFixtures.passes("run.total_activities", "greater_than", "5"))
        #expect(try ConditionFixtures.passes("run.total_actors", "equal_to", 2))
        #expect(try ConditionFixtures.passes("tenant.id", "equal_to", "acme"))
        #expect(try ConditionFixtures.passes("data.items.1.name", "equal_to", "second"))
    }
}
