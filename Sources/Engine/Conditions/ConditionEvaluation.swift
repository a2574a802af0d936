public import Providers

/// The result of evaluating a ``ConditionGroup``, with a trace of every condition for the step log.
public struct ConditionEvaluation: Sendable, Hashable {
    /// Whether the group passed.
    public var passed: Bool
    /// Every condition in document order: evaluated ones with their resolved values, the rest as not evaluated.
    public var trace: [ConditionTrace]

    /// Creates an evaluation.
    public init(passed: Bool, trace: [ConditionTrace]) {
        self.passed = passed
        self.trace = trace
    }

    /// The step-log form: `{"passed": true, "conditions": [<trace entries>]}` (see ``ConditionTrace/json``).
    public var json: JSONValue {
        ["passed": .bool(passed), "conditions": .array(trace.map(\.json))]
    }
}

/// What happened to one condition during an evaluation.
public struct ConditionTrace: Sendable, Hashable {
    /// A condition's outcome.
    public enum Result: String, Sendable, Hashable {
        /// The condition was true.
        case passed
        /// The condition was false.
        case failed
        /// An earlier condition or group decided the result, so this one was not looked at.
        case notEvaluated = "not_evaluated"
    }

    /// Where the condition sits in the group, e.g. `any[1].all[0]`.
    public var path: String
    /// The condition as written.
    public var condition: Condition
    /// The outcome.
    public var result: Result
    /// The variable's value as resolved (`""` for an unresolvable path); `nil` when not evaluated.
    public var resolvedVariable: JSONValue?
    /// The argument's value as resolved (static arguments JSON-decoded, dynamic ones looked up); `nil` when
    /// not evaluated or when the condition has no argument.
    public var resolvedArgument: JSONValue?

    /// Creates a trace entry.
    public init(
        path: String, condition: Condition, result: Result, resolvedVariable: JSONValue? = nil,
        resolvedArgument: JSONValue? = nil
    ) {
        self.path = path
        self.condition = condition
        self.result = result
        self.resolvedVariable = resolvedVariable
        self.resolvedArgument = resolvedArgument
    }

    /// The step-log form: the condition's `variable`, `operator`, `argument`, its `path`, `result`
    /// (`passed`, `failed` or `not_evaluated`) and, when evaluated, `resolved_variable` and `resolved_argument`.
    public var json: JSONValue {
        var object: JSONObject = [
            "path": .string(path), "variable": .string(condition.variable),
            "operator": .string(condition.operator.rawValue),
        ]
        if let argument = condition.argument { object["argument"] = argument }
        object["result"] = .string(result.rawValue)
        if let resolvedVariable { object["resolved_variable"] = resolvedVariable }
        if let resolvedArgument { object["resolved_argument"] = resolvedArgument }
        return .object(object)
    }
}
