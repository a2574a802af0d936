public import Providers

extension ConditionGroup {
    /// The prefixes a condition variable (and a dynamic argument) may start with.
    public static let scopePrefixes = ["data", "recipient", "actor", "vars", "tenant", "workflow", "run", "refs"]

    /// Reads Knock's condition JSON, checking every condition.
    ///
    /// Accepted shapes: `{"all": [...]}` or `{"any": [...]}` whose items are conditions or nested groups; a
    /// bare array of conditions (the form preference conditions use), read as `all`; or a single condition.
    /// A condition is `{"variable": "...", "operator": "...", "argument": ...}`; `argument` may be left out
    /// only for operators that take none (`empty`, `not_empty`, `exists`, `not_exists`, `is_timestamp`,
    /// `is_timestamp_before_now`, `is_timestamp_on_or_after_now`).
    ///
    /// - Parameters:
    ///   - json: The conditions.
    ///   - path: The JSON path of `json`, used in errors (e.g. `$.steps[1].conditions`).
    ///   - allowMessageStatus: Whether `refs.<step>.delivery_status` / `engagement_status` variables are
    ///     allowed: true for step conditions, false for channel and preference conditions.
    /// - Returns: The parsed group.
    /// - Throws: ``EngineError/Code/invalidInput``, one line per problem, each naming its JSON path, what was
    ///   found and what is accepted.
    public static func parse(_ json: JSONValue, path: String, allowMessageStatus: Bool) throws(EngineError)
        -> ConditionGroup
    {
        var parser = ConditionParser(allowMessageStatus: allowMessageStatus)
        let root: ConditionNode?
        if case .array(let items) = json {
            root = .all(parser.nodes(items, path: path))
        } else {
            root = parser.node(json, path: path)
        }
        guard parser.problems.isEmpty, let root else {
            throw EngineError(.invalidInput, parser.problems.joined(separator: "\n"))
        }
        if case .condition = root { return ConditionGroup(root: .all([root])) }
        return ConditionGroup(root: root)
    }
}

/// Reads condition JSON, collecting every problem rather than stopping at the first.
struct ConditionParser {
    let allowMessageStatus: Bool
    var problems: [String] = []

    mutating func nodes(_ items: [JSONValue], path: String) -> [ConditionNode] {
        items.enumerated().compactMap { index, item in node(item, path: "\(path)[\(index)]") }
    }

    mutating func node(_ json: JSONValue, path: String) -> ConditionNode? {
        guard case .object(let object) = json else {
            problems.append("\(path): expected a condition or an all/any group (an object), found \(json.typeName)")
            return nil
        }
        if object["all"] != nil || object["any"] != nil {
            guard object.keys.count == 1, let key = object.keys.first else {
                problems.append(
                    "\(path): a group has exactly one key, all or any; found \(object.keys.joined(separator: ", "))")
                return nil
            }
            guard case .array(let items) = object[key] else {
                problems.append("\(path).\(key): expected an array, found \(object[key]?.typeName ?? "nothing")")
                return nil
            }
            let children = nodes(items, path: "\(path).\(key)")
            return key == "all" ? .all(children) : .any(children)
        }
        return condition(object, path: path).map(ConditionNode.condition)
    }

    mutating func condition(_ object: JSONObject, path: String) -> Condition? {
        let before = problems.count
        for key in object.keys where !["variable", "operator", "argument"].contains(key) {
            problems.append(
                "\(path).\(key): unknown key; accepted: variable, operator, argument (or all/any for a group)")
        }
        let variable = object["variable"]?.stringValue ?? ""
        if variable.isEmpty {
            problems.append(
                "\(path).variable: expected a non-empty string like \"data.plan\", found \(object["variable"]?.encoded() ?? "nothing")"
            )
        } else {
            checkVariable(variable, path: "\(path).variable")
        }
        let operatorText = object["operator"]?.stringValue ?? ""
        let op = ConditionOperator(rawValue: operatorText)
        if op == nil {
            let accepted = ConditionOperator.allCases.map(\.rawValue).joined(separator: ", ")
            problems.append(
                "\(path).operator: unknown operator \(object["operator"]?.encoded() ?? "nothing"); accepted: \(accepted)"
            )
        }
        if let op, op.takesArgument, object["argument"] == nil {
            problems.append("\(path).argument: required by operator \(op.rawValue)")
        }
        if let op, let status = MessageStatusVariable(variable) {
            checkMessageStatus(status, operator: op, argument: object["argument"], path: path)
        }
        guard problems.count == before, let op else { return nil }
        return Condition(variable: variable, operator: op, argument: object["argument"])
    }

    private mutating func checkVariable(_ variable: String, path: String) {
        let prefix = String(variable.prefix { $0 != "." })
        guard ConditionGroup.scopePrefixes.contains(prefix) else {
            let accepted = ConditionGroup.scopePrefixes.joined(separator: ", ")
            problems.append("\(path): unknown prefix \"\(prefix)\" in \"\(variable)\"; accepted prefixes: \(accepted)")
            return
        }
        guard prefix == "refs" else { return }
        guard MessageStatusVariable(variable) != nil else {
            problems.append(
                "\(path): expected refs.<step_ref>.delivery_status or refs.<step_ref>.engagement_status, found \"\(variable)\""
            )
            return
        }
        if !allowMessageStatus {
            problems.append(
                "\(path): message status conditions (\(variable)) are only allowed in step conditions, not in channel or preference conditions"
            )
        }
    }

    private mutating func checkMessageStatus(
        _ status: MessageStatusVariable, operator op: ConditionOperator, argument: JSONValue?, path: String
    ) {
        let operators = status.kind.operators
        if !operators.contains(op) {
            problems.append(
                "\(path).operator: \(op.rawValue) is not allowed with \(status.kind.rawValue); accepted: \(operators.map(\.rawValue).joined(separator: ", "))"
            )
        }
        let cases = status.kind.arguments
        guard let name = argument?.stringValue, name.hasPrefix("$message."),
            cases.contains(String(name.dropFirst("$message.".count)))
        else {
            let accepted = cases.map { "$message.\($0)" }.joined(separator: ", ")
            problems.append(
                "\(path).argument: expected a status case for \(status.kind.rawValue), found \(argument?.encoded() ?? "nothing"); accepted: \(accepted)"
            )
            return
        }
    }
}
