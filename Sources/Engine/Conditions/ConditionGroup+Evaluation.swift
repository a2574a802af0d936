extension ConditionGroup {
    /// Evaluates the group against `scope`, short-circuiting: an `all` stops at its first false node, an
    /// `any` at its first true one, and the conditions not looked at are traced as not evaluated.
    ///
    /// - Parameter scope: The run's values and earlier steps' message statuses.
    /// - Returns: Whether the group passed, and the trace of every condition.
    public func evaluate(in scope: ConditionScope) -> ConditionEvaluation {
        var trace: [ConditionTrace] = []
        let passed = Self.evaluate(root, path: "", scope: scope, trace: &trace)
        return ConditionEvaluation(passed: passed, trace: trace)
    }

    private static func evaluate(
        _ node: ConditionNode, path: String, scope: ConditionScope, trace: inout [ConditionTrace]
    ) -> Bool {
        switch node {
        case .condition(let condition):
            let outcome = condition.evaluate(in: scope)
            trace.append(
                ConditionTrace(
                    path: path, condition: condition, result: outcome.passed ? .passed : .failed,
                    resolvedVariable: outcome.variable, resolvedArgument: outcome.argument))
            return outcome.passed
        case .all(let nodes):
            return evaluate(nodes, stopOn: false, key: "all", path: path, scope: scope, trace: &trace)
        case .any(let nodes):
            return evaluate(nodes, stopOn: true, key: "any", path: path, scope: scope, trace: &trace)
        }
    }

    /// Evaluates nodes until one gives `stopOn`; returns `stopOn` then, else its negation.
    private static func evaluate(
        _ nodes: [ConditionNode], stopOn: Bool, key: String, path: String, scope: ConditionScope,
        trace: inout [ConditionTrace]
    ) -> Bool {
        let prefix = path.isEmpty ? key : "\(path).\(key)"
        var decided = false
        for (index, node) in nodes.enumerated() {
            let here = "\(prefix)[\(index)]"
            if decided {
                skip(node, path: here, trace: &trace)
            } else if evaluate(node, path: here, scope: scope, trace: &trace) == stopOn {
                decided = true
            }
        }
        return decided ? stopOn : !stopOn
    }

    /// Traces every condition under `node` as not evaluated.
    private static func skip(_ node: ConditionNode, path: String, trace: inout [ConditionTrace]) {
        switch node {
        case .condition(let condition):
            trace.append(ConditionTrace(path: path, condition: condition, result: .notEvaluated))
        case .all(let nodes), .any(let nodes):
            let key = if case .all = node { "all" } else { "any" }
            for (index, child) in nodes.enumerated() { skip(child, path: "\(path).\(key)[\(index)]", trace: &trace) }
        }
    }
}
