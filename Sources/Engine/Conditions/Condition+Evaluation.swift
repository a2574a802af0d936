import Foundation
public import Providers

extension Condition {
    /// One condition's result and the values it compared.
    struct Outcome {
        var passed: Bool
        var variable: JSONValue
        var argument: JSONValue?
    }

    /// Evaluates this condition alone.
    ///
    /// The variable resolves through ``ScopePath/lookup(_:in:)``, an unresolvable path giving `""`. The
    /// argument resolves through ``ConditionArgument/resolve(_:in:)``.
    func evaluate(in scope: ConditionScope) -> Outcome {
        if let status = MessageStatusVariable(variable) { return evaluate(status, in: scope) }
        let found = ScopePath.lookup(variable, in: scope.values)
        let value = found ?? .string("")
        let argument = self.argument.map { ConditionArgument.resolve($0, in: scope.values) }
        return Outcome(
            passed: test(value, found: found, argument: argument, scope: scope), variable: value, argument: argument)
    }

    private func test(_ value: JSONValue, found: JSONValue?, argument: JSONValue?, scope: ConditionScope) -> Bool {
        let argument = argument ?? .null
        switch self.operator {
        case .equalTo: return ConditionValues.equal(value, argument)
        case .notEqualTo: return !ConditionValues.equal(value, argument)
        case .greaterThan: return ConditionValues.compare(value, argument) == .orderedDescending
        case .greaterThanOrEqualTo:
            return [.orderedDescending, .orderedSame].contains(ConditionValues.compare(value, argument))
        case .lessThan: return ConditionValues.compare(value, argument) == .orderedAscending
        case .lessThanOrEqualTo:
            return [.orderedAscending, .orderedSame].contains(ConditionValues.compare(value, argument))
        case .contains: return ConditionValues.contains(value, argument)
        case .notContains: return !ConditionValues.contains(value, argument)
        case .containsAll: return ConditionValues.containsAll(value, argument)
        case .notContainsAll: return !ConditionValues.containsAll(value, argument)
        case .isBetween: return ConditionValues.isBetween(value, argument)
        case .empty: return ConditionValues.isEmpty(value)
        case .notEmpty: return !ConditionValues.isEmpty(value)
        case .exists: return found != nil && found != .null
        case .notExists: return found == nil || found == .null
        case .isTimestamp: return ConditionTimestamp.date(value) != nil
        case .isTimestampBefore: return ConditionTimestamp.compare(value, argument) == .orderedAscending
        case .isTimestampOnOrAfter:
            return [.orderedDescending, .orderedSame].contains(ConditionTimestamp.compare(value, argument))
        case .isTimestampBetween: return ConditionTimestamp.isBetween(value, argument)
        case .isTimestampBeforeNow:
            guard let now = scope.now, let date = ConditionTimestamp.date(value) else { return false }
            return date < now
        case .isTimestampOnOrAfterNow:
            guard let now = scope.now, let date = ConditionTimestamp.date(value) else { return false }
            return date >= now
        case .isAudienceMember: return argument.stringValue.map(scope.audiences.contains) ?? false
        case .isNotAudienceMember: return !(argument.stringValue.map(scope.audiences.contains) ?? false)
        }
    }
}

/// How a condition's argument is read.
///
/// - A string starting with a scope prefix and a dot (`data.`, `recipient.`, `actor.`, `vars.`, `tenant.`,
///   `workflow.`, `run.`, `refs.`) is **dynamic**: it is looked up in the scope like a variable, and an
///   unresolvable path gives `""`.
/// - Any other string that is valid JSON is decoded (`"5"` → 5, `"true"` → true, `"[1,2]"` → [1, 2],
///   `"null"` → null), as Knock's API says static arguments are.
/// - Other strings, and non-string JSON values, are used as they are.
public enum ConditionArgument {
    /// The argument's value in `values`.
    ///
    /// - Parameters:
    ///   - argument: The argument as written.
    ///   - values: The scope's top-level values.
    /// - Returns: The resolved value.
    public static func resolve(_ argument: JSONValue, in values: JSONObject) -> JSONValue {
        guard case .string(let text) = argument else { return argument }
        if isDynamic(text) { return ScopePath.lookup(text, in: values) ?? .string("") }
        if let decoded = try? JSONValue.parse(text) { return decoded }
        return argument
    }

    /// Whether a string argument is a dynamic path.
    public static func isDynamic(_ text: String) -> Bool {
        ConditionGroup.scopePrefixes.contains { text.hasPrefix("\($0).") && text.count > $0.count + 1 }
    }
}
