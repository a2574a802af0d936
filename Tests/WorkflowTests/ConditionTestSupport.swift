import Engine
import Providers
import Testing

/// Builders shared by the condition, preference and window tests.
enum ConditionFixtures {
    /// A scope with typical run values.
    static let scope = ConditionScope(values: [
        "data": [
            "count": 5, "count_text": "5", "flag": true, "flag_text": "true", "name": "Ada Lovelace",
            "tags": ["a", "b", "c"], "numbers": [1, 2, 3], "empty_list": [], "nothing": nil, "blank": "",
            "items": [["name": "first"], ["name": "second"]], "when": "2024-01-05T14:00:00Z",
        ],
        "recipient": ["plan": "pro", "country_code": "US", "is_active": true],
        "actor": ["is_active": false],
        "vars": ["threshold": 3, "threshold_text": "3"],
        "tenant": ["id": "acme"],
        "workflow": ["id": "new-comment", "name": "New comment", "categories": ["social", "digest"]],
        "run": ["total_activities": 7, "total_actors": 2],
    ])

    /// Parses one condition with `allowMessageStatus` on.
    static func condition(_ variable: String, _ op: String, _ argument: JSONValue? = nil) throws -> ConditionGroup {
        var object: JSONObject = ["variable": .string(variable), "operator": .string(op)]
        if let argument { object["argument"] = argument }
        return try ConditionGroup.parse(.object(object), path: "$.conditions", allowMessageStatus: true)
    }

    /// Evaluates one condition against `scope`.
    static func passes(
        _ variable: String, _ op: String, _ argument: JSONValue? = nil, in scope: ConditionScope = scope
    ) throws -> Bool {
        try condition(variable, op, argument).evaluate(in: scope).passed
    }

    /// The error message parsing `text` gives, or `nil` if it parses.
    static func parseError(_ text: String, allowMessageStatus: Bool = true) throws -> String? {
        do {
            _ = try ConditionGroup.parse(
                JSONValue.parse(text), path: "$.conditions", allowMessageStatus: allowMessageStatus)
            return nil
        } catch let error as EngineError {
            #expect(error.code == .invalidInput)
            return error.message
        }
    }
}
