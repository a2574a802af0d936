/// Builds the node tree of a template from its tokens; every syntax error names the template, line and column.
struct TemplateParser {
    let template: String
    private let source: [UInt8]
    private var tokens: [TemplateToken]
    private var index = 0

    /// The tags that close or divide a block, which are errors where no block expects them.
    private static let structuralTags: Set<String> = [
        "else", "elsif", "when", "endif", "endunless", "endcase", "endfor", "endcapture", "endcomment", "endraw",
        "endt",
    ]

    init(source: String, template: String) throws(LiquidError) {
        var lexer = TemplateLexer(source: source, name: template)
        self.tokens = try lexer.tokenize()
        self.source = Array(source.utf8)
        self.template = template
    }

    mutating func parseDocument() throws(LiquidError) -> [Node] {
        let (nodes, _) = try parseBlock(until: [], opener: nil)
        return nodes
    }

    /// Parses nodes up to a tag named in `terminators`, which it consumes and returns with its parser.
    mutating func parseBlock(
        until terminators: Set<String>, opener: TemplateToken?
    ) throws(LiquidError) -> ([Node], (token: TemplateToken, markup: ExpressionParser)?) {
        var nodes: [Node] = []
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            switch token.kind {
            case .text:
                if !token.content.isEmpty { nodes.append(.text(token.content)) }
            case .output:
                var markup = try ExpressionParser(markup: token.content, at: token.contentPosition, template: template)
                let value = try markup.parseFiltered()
                try markup.expectEnd()
                nodes.append(.output(value, token.position))
            case .tag:
                if token.tagName == "#" { continue }
                var markup = try ExpressionParser(markup: token.content, at: token.contentPosition, template: template)
                let namePosition = markup.current.position
                let name = try markup.expectIdentifier("a tag name")
                if terminators.contains(name) { return (nodes, (token, markup)) }
                if Self.structuralTags.contains(name) {
                    let context = opener.map { " inside '\($0.tagName)'" } ?? ""
                    throw markup.error("unexpected '\(name)'\(context)", at: namePosition)
                }
                if let node = try parseTag(name, token: token, markup: &markup, namePosition: namePosition) {
                    nodes.append(node)
                }
            }
        }
        if let opener {
            let closer = terminators.filter { $0.hasPrefix("end") }.sorted().first ?? "end\(opener.tagName)"
            throw LiquidError(
                .syntaxError, template: template, line: opener.position.line, column: opener.position.column,
                message: "'\(opener.tagName)' tag is never closed; expected {% \(closer) %}")
        }
        return (nodes, nil)
    }

    /// The source text between two tokens, as written.
    func sourceText(from start: TemplateToken, to end: TemplateToken) -> String {
        String(decoding: source[start.range.upperBound..<end.range.lowerBound], as: UTF8.self)
    }
}
