/// Parsing of each tag.
extension TemplateParser {
    mutating func parseTag(
        _ name: String, token: TemplateToken, markup: inout ExpressionParser, namePosition: SourcePosition
    ) throws(LiquidError) -> Node? {
        switch name {
        case "if", "unless": return try parseConditional(token: token, markup: &markup, negate: name == "unless")
        case "case": return try parseCase(token: token, markup: &markup)
        case "for": return try parseFor(token: token, markup: &markup)
        case "assign":
            let variable = try markup.expectIdentifier("a variable name after 'assign'")
            try markup.expect(.equals, "'=' after the variable name")
            let value = try markup.parseFiltered()
            try markup.expectEnd()
            return .assign(name: variable, value: value, token.position)
        case "capture":
            let variable = try markup.expectIdentifier("a variable name after 'capture'")
            try markup.expectEnd()
            let (body, _) = try parseBlock(until: ["endcapture"], opener: token)
            return .capture(name: variable, body: body)
        case "echo":
            let value = try markup.parseFiltered()
            try markup.expectEnd()
            return .output(value, token.position)
        case "increment", "decrement":
            let variable = try markup.expectIdentifier("a variable name after '\(name)'")
            try markup.expectEnd()
            return .increment(name: variable, delta: name == "increment" ? 1 : -1)
        case "comment", "raw":
            let (body, _) = try parseBlock(until: ["end\(name)"], opener: token)
            return name == "raw" ? .text(body.map { if case .text(let text) = $0 { text } else { "" } }.joined()) : nil
        case "t":
            try markup.expectEnd()
            let (body, end) = try parseBlock(until: ["endt"], opener: token)
            let key = end.map { sourceText(from: token, to: $0.token) }?.trimmingWhitespace ?? ""
            return .translate(key: key, body: body, token.position)
        case "break", "continue":
            try markup.expectEnd()
            return name == "break" ? .breakLoop : .continueLoop
        case "cycle": return try parseCycle(markup: &markup)
        case "render", "include": return try parsePartial(token: token, markup: &markup, isolated: name == "render")
        default:
            throw markup.error("unknown tag '\(name)'", at: namePosition, code: .unknownTag)
        }
    }

    private mutating func parseConditional(
        token: TemplateToken, markup: inout ExpressionParser, negate: Bool
    ) throws(LiquidError) -> Node {
        var branches: [(condition: Condition, body: [Node])] = []
        var condition = try markup.parseCondition()
        try markup.expectEnd()
        let closer = negate ? "endunless" : "endif"
        while true {
            let (body, end) = try parseBlock(until: ["elsif", "else", closer], opener: token)
            branches.append((condition, body))
            guard var end else { break }
            let word = end.token.tagName
            if word == closer { break }
            if word == "else" {
                try end.markup.expectEnd()
                let (elseBody, _) = try parseBlock(until: [closer], opener: token)
                return .conditional(ConditionalNode(branches: branches, negateFirst: negate, elseBody: elseBody))
            }
            condition = try end.markup.parseCondition()
            try end.markup.expectEnd()
        }
        return .conditional(ConditionalNode(branches: branches, negateFirst: negate, elseBody: []))
    }

    private mutating func parseCase(token: TemplateToken, markup: inout ExpressionParser) throws(LiquidError) -> Node {
        let subject = try markup.parseExpression()
        try markup.expectEnd()
        var node = CaseNode(subject: subject, branches: [], elseBody: [])
        var (_, end) = try parseBlock(until: ["when", "else", "endcase"], opener: token)
        while var current = end {
            switch current.token.tagName {
            case "when":
                var values = [try current.markup.parseExpression()]
                while current.markup.consume(.comma) || current.markup.consumeWord("or") {
                    values.append(try current.markup.parseExpression())
                }
                try current.markup.expectEnd()
                let (body, next) = try parseBlock(until: ["when", "else", "endcase"], opener: token)
                node.branches.append((values, body))
                end = next
            case "else":
                try current.markup.expectEnd()
                (node.elseBody, _) = try parseBlock(until: ["endcase"], opener: token)
                return .caseTag(node)
            default:
                return .caseTag(node)
            }
        }
        return .caseTag(node)
    }

    private mutating func parseFor(token: TemplateToken, markup: inout ExpressionParser) throws(LiquidError) -> Node {
        let variable = try markup.expectIdentifier("a loop variable name after 'for'")
        guard markup.consumeWord("in") else { throw markup.unexpected(expected: "'in' after the loop variable") }
        var node = ForNode(
            variable: variable, collection: try markup.parseExpression(), limit: nil, offset: nil, reversed: false,
            body: [], elseBody: [], position: token.position)
        while !markup.isAtEnd {
            _ = markup.consume(.comma)
            if markup.consumeWord("reversed") {
                node.reversed = true
            } else if markup.consumeWord("limit") {
                try markup.expect(.colon, "':' after 'limit'")
                node.limit = try markup.parseExpression()
            } else if markup.consumeWord("offset") {
                try markup.expect(.colon, "':' after 'offset'")
                node.offset = try markup.parseExpression()
            } else {
                throw markup.unexpected(expected: "'limit:', 'offset:' or 'reversed'")
            }
        }
        let (body, end) = try parseBlock(until: ["else", "endfor"], opener: token)
        node.body = body
        if var end, end.token.tagName == "else" {
            try end.markup.expectEnd()
            (node.elseBody, _) = try parseBlock(until: ["endfor"], opener: token)
        }
        return .forLoop(node)
    }

    private mutating func parseCycle(markup: inout ExpressionParser) throws(LiquidError) -> Node {
        var values = [try markup.parseExpression()]
        var group: String?
        if markup.consume(.colon) {
            if case .literal(let value) = values[0] { group = value.rendered }
            values = [try markup.parseExpression()]
        }
        while markup.consume(.comma) { values.append(try markup.parseExpression()) }
        try markup.expectEnd()
        let key = group ?? values.map { "\($0)" }.joined(separator: ",")
        return .cycle(group: key, values: values)
    }

    private mutating func parsePartial(
        token: TemplateToken, markup: inout ExpressionParser, isolated: Bool
    ) throws(LiquidError) -> Node {
        let namePosition = markup.current.position
        let name = try markup.parseExpression()
        if isolated, case .literal(.string) = name {
        } else if isolated {
            throw markup.error("'render' takes the partial's name as a quoted string", at: namePosition)
        }
        var node = PartialNode(name: name, isolated: isolated, with: nil, arguments: [], position: token.position)
        if markup.consumeWord("with") {
            let value = try markup.parseExpression()
            node.with = (value, markup.consumeWord("as") ? try markup.expectIdentifier("a name after 'as'") : nil)
        }
        while markup.consume(.comma) || (!markup.isAtEnd && node.arguments.isEmpty) {
            let key = try markup.expectIdentifier("an argument name, as in key: value")
            try markup.expect(.colon, "':' after the argument name '\(key)'")
            node.arguments.append((key, try markup.parseExpression()))
        }
        try markup.expectEnd()
        return .partial(node)
    }
}
