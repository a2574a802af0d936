/// Parses tokens of markup into expressions, filters and conditions.
struct ExpressionParser {
    private var tokens: [ExpressionToken]
    private var index = 0
    let template: String

    init(markup: String, at position: SourcePosition, template: String) throws(LiquidError) {
        var lexer = ExpressionLexer(markup: markup, at: position, template: template)
        self.tokens = try lexer.tokenize()
        self.template = template
    }

    var current: ExpressionToken { tokens[index] }
    var isAtEnd: Bool { current.kind == .end }

    mutating func advance() { if !isAtEnd { index += 1 } }

    /// Consumes the token if it is `kind`.
    mutating func consume(_ kind: ExpressionToken.Kind) -> Bool {
        guard current.kind == kind else { return false }
        advance()
        return true
    }

    /// Consumes the identifier `word` if it is next.
    mutating func consumeWord(_ word: String) -> Bool {
        consume(.identifier(word))
    }

    mutating func expect(_ kind: ExpressionToken.Kind, _ what: String) throws(LiquidError) {
        guard consume(kind) else { throw unexpected(expected: what) }
    }

    mutating func expectIdentifier(_ what: String) throws(LiquidError) -> String {
        guard case .identifier(let name) = current.kind else { throw unexpected(expected: what) }
        advance()
        return name
    }

    mutating func expectEnd() throws(LiquidError) {
        guard isAtEnd else { throw unexpected(expected: "the end of the markup") }
    }

    func unexpected(expected: String) -> LiquidError {
        error("unexpected \(current.display); expected \(expected)", at: current.position)
    }

    func error(_ message: String, at position: SourcePosition, code: LiquidError.Code = .syntaxError) -> LiquidError {
        LiquidError(code, template: template, line: position.line, column: position.column, message: message)
    }

    // MARK: - Expressions

    mutating func parseExpression() throws(LiquidError) -> Expression {
        let token = current
        switch token.kind {
        case .string(let value): advance(); return .literal(.string(value))
        case .integer(let value): advance(); return .literal(.int(value))
        case .float(let value): advance(); return .literal(.double(value))
        case .openParen:
            advance()
            let low = try parseExpression()
            try expect(.dotDot, "'..' in a range such as (1..5)")
            let high = try parseExpression()
            try expect(.closeParen, "')' closing the range")
            return .range(low, high)
        case .openBracket:
            return .variable(name: "", path: try parsePath())
        case .identifier(let name):
            advance()
            switch name {
            case "true": return .literal(.bool(true))
            case "false": return .literal(.bool(false))
            case "nil", "null": return .literal(.null)
            case "empty": return .empty
            case "blank": return .blank
            default: return .variable(name: name, path: try parsePath())
            }
        default:
            throw unexpected(expected: "a value (a variable, a string, a number, true, false, nil or a range)")
        }
    }

    private mutating func parsePath() throws(LiquidError) -> [Expression.PathSegment] {
        var path: [Expression.PathSegment] = []
        while true {
            if consume(.dot) {
                path.append(.key(try expectIdentifier("a property name after '.'")))
            } else if consume(.openBracket) {
                path.append(.index(try parseExpression()))
                try expect(.closeBracket, "']'")
            } else {
                return path
            }
        }
    }

    // MARK: - Filters

    mutating func parseFiltered() throws(LiquidError) -> FilteredExpression {
        let base = try parseExpression()
        var filters: [FilterCall] = []
        while consume(.pipe) {
            filters.append(try parseFilter())
        }
        return FilteredExpression(base: base, filters: filters)
    }

    private mutating func parseFilter() throws(LiquidError) -> FilterCall {
        let position = current.position
        let name = try expectIdentifier("a filter name after '|'")
        guard let filter = LiquidFilter.named(name) else {
            throw error("unknown filter '\(name)'", at: position, code: .unknownFilter)
        }
        var positional: [Expression] = []
        var keyword: [(name: String, value: Expression)] = []
        if consume(.colon) {
            repeat {
                if case .identifier(let key) = current.kind, tokens[index + 1].kind == .colon {
                    advance()
                    advance()
                    keyword.append((key, try parseExpression()))
                } else {
                    positional.append(try parseExpression())
                }
            } while consume(.comma)
        }
        guard filter.arity.contains(positional.count) else {
            let expected =
                filter.arity.lowerBound == filter.arity.upperBound
                ? "\(filter.arity.lowerBound)" : "\(filter.arity.lowerBound) to \(filter.arity.upperBound)"
            throw error(
                "filter '\(name)' takes \(expected) argument(s), got \(positional.count)", at: position,
                code: .unknownFilter)
        }
        return FilterCall(filter: filter, positional: positional, keyword: keyword, position: position)
    }

    // MARK: - Conditions

    /// `a == b and c or d`: joined right to left, as Liquid does.
    mutating func parseCondition() throws(LiquidError) -> Condition {
        let left = try parseComparison()
        if consumeWord("and") { return .and(left, try parseCondition()) }
        if consumeWord("or") { return .or(left, try parseCondition()) }
        return left
    }

    private mutating func parseComparison() throws(LiquidError) -> Condition {
        let left = try parseExpression()
        if case .comparison(let symbol) = current.kind, let op = ComparisonOperator(rawValue: symbol) {
            advance()
            return .comparison(left, op, try parseExpression())
        }
        if consumeWord("contains") {
            return .comparison(left, .contains, try parseExpression())
        }
        return .value(left)
    }
}
