public import Providers

/// One condition: a `variable` compared with an `argument` by an `operator` (Knock's model).
///
/// ```json
/// { "variable": "recipient.plan", "operator": "equal_to", "argument": "pro" }
/// ```
///
/// The variable is a scope path (`data.…`, `recipient.…`, `refs.<step>.delivery_status`, ...). The argument
/// is kept as written; evaluation decides whether it is static or dynamic (see ``ConditionArgument``).
public struct Condition: Sendable, Hashable {
    /// The scope path evaluated, e.g. `recipient.plan`.
    public var variable: String
    /// How the variable is compared with the argument.
    public var `operator`: ConditionOperator
    /// The argument as written; `nil` when absent (allowed for operators that take none).
    public var argument: JSONValue?

    /// Creates a condition; ``ConditionGroup/parse(_:path:allowMessageStatus:)`` validates conditions read from JSON.
    public init(variable: String, operator: ConditionOperator, argument: JSONValue? = nil) {
        self.variable = variable
        self.operator = `operator`
        self.argument = argument
    }

    /// The condition's JSON form, as Knock stores it.
    public var json: JSONValue {
        var object: JSONObject = ["variable": .string(variable), "operator": .string(`operator`.rawValue)]
        if let argument { object["argument"] = argument }
        return .object(object)
    }
}

/// The operators a condition may use: Knock's documented table plus the rest of its management API's enum.
public enum ConditionOperator: String, Sendable, Hashable, CaseIterable {
    case equalTo = "equal_to"
    case notEqualTo = "not_equal_to"
    case greaterThan = "greater_than"
    case lessThan = "less_than"
    case greaterThanOrEqualTo = "greater_than_or_equal_to"
    case lessThanOrEqualTo = "less_than_or_equal_to"
    case contains
    case notContains = "not_contains"
    case containsAll = "contains_all"
    case notContainsAll = "not_contains_all"
    case isTimestampBefore = "is_timestamp_before"
    case isTimestampOnOrAfter = "is_timestamp_on_or_after"
    case isTimestampBetween = "is_timestamp_between"
    case isBetween = "is_between"
    case empty
    case notEmpty = "not_empty"
    case exists
    case notExists = "not_exists"
    case isTimestamp = "is_timestamp"
    case isTimestampBeforeNow = "is_timestamp_before_now"
    case isTimestampOnOrAfterNow = "is_timestamp_on_or_after_now"
    case isAudienceMember = "is_audience_member"
    case isNotAudienceMember = "is_not_audience_member"

    /// Whether the operator needs an `argument`; the others look at the variable (or the clock) alone.
    public var takesArgument: Bool {
        switch self {
        case .empty, .notEmpty, .exists, .notExists, .isTimestamp, .isTimestampBeforeNow, .isTimestampOnOrAfterNow:
            false
        default:
            true
        }
    }
}
