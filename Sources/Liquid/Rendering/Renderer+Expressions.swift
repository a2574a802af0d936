import Providers

/// Evaluating expressions, filters and conditions.
extension Renderer {
    func evaluate(_ expression: FilteredExpression) async throws(LiquidError) -> LiquidValue {
        var value = try await evaluate(expression.base)
        for call in expression.filters {
            value = try await apply(call, to: value)
        }
        return value
    }

    func evaluate(_ expression: Expression) async throws(LiquidError) -> LiquidValue {
        switch expression {
        case .literal(let value): return value
        case .empty, .blank: return .string("")
        case .range(let low, let high):
            let lower = try await evaluate(low).integerValue ?? 0
            let upper = try await evaluate(high).integerValue ?? 0
            return upper < lower ? .array([]) : .range(lower...upper)
        case .variable(let name, let path):
            var value = lookup(name)
            for segment in path {
                switch segment {
                case .key(let key): value = value.member(.string(key))
                case .index(let index): value = value.member(try await evaluate(index))
                }
            }
            return value
        }
    }

    /// A top-level name: local variables innermost first, then the context's variables, then `data`.
    func lookup(_ name: String) -> LiquidValue {
        for frame in frames.reversed() {
            if let value = frame[name] { return value }
        }
        if let value = globals[name] { return LiquidValue(value) }
        if let value = globals["data"]?[name] { return LiquidValue(value) }
        return .null
    }

    private func apply(_ call: FilterCall, to input: LiquidValue) async throws(LiquidError) -> LiquidValue {
        var arguments = FilterArguments(positional: [], keyword: [])
        for argument in call.positional {
            arguments.positional.append(try await evaluate(argument))
        }
        for (name, argument) in call.keyword {
            arguments.keyword.append((name, try await evaluate(argument)))
        }
        switch call.filter.implementation {
        case .pure(let function):
            do {
                return try function(input, arguments, filterContext)
            } catch {
                throw LiquidError(
                    error.code, template: template, line: call.position.line, column: call.position.column,
                    message: error.message)
            }
        case .object:
            guard let loader = environment.objectLoader, !input.isNil else { return .null }
            let object = await loader.object(collection: arguments[0].rendered, id: input.rendered)
            return object.map(LiquidValue.init) ?? .null
        case .translate:
            return try await translate(input, arguments: arguments)
        }
    }

    // MARK: - Conditions

    func evaluate(_ condition: Condition) async throws(LiquidError) -> Bool {
        switch condition {
        case .value(let expression):
            return try await evaluate(expression).isTruthy
        case .and(let left, let right):
            guard try await evaluate(left) else { return false }
            return try await evaluate(right)
        case .or(let left, let right):
            if try await evaluate(left) { return true }
            return try await evaluate(right)
        case .comparison(let left, let op, let right):
            return try await compare(left, op, right)
        }
    }

    private func compare(_ left: Expression, _ op: ComparisonOperator, _ right: Expression) async throws(LiquidError)
        -> Bool
    {
        let lhs = try await evaluate(left)
        let rhs = try await evaluate(right)
        switch op {
        case .equal: return matches(lhs, left, rhs, right)
        case .notEqual: return !matches(lhs, left, rhs, right)
        case .contains: return lhs.liquidContains(rhs)
        case .less: return lhs.liquidCompare(rhs) == .less
        case .greater: return lhs.liquidCompare(rhs) == .greater
        case .lessOrEqual: return lhs.liquidCompare(rhs).map { $0 != .greater } ?? false
        case .greaterOrEqual: return lhs.liquidCompare(rhs).map { $0 != .less } ?? false
        }
    }

    /// `==`, with the `empty` and `blank` literals matching by emptiness.
    private func matches(_ lhs: LiquidValue, _ left: Expression, _ rhs: LiquidValue, _ right: Expression) -> Bool {
        switch (left, right) {
        case (.empty, _): return rhs.isEmptyCollection
        case (_, .empty): return lhs.isEmptyCollection
        case (.blank, _): return rhs.isBlank
        case (_, .blank): return lhs.isBlank
        default: return lhs.liquidEquals(rhs)
        }
    }
}
