/// Splits a template's source into text, output and tag tokens, applying white space control.
///
/// The bodies of `{% raw %}` and `{% comment %}` are not tokenized: raw becomes one text token and a
/// comment's body is dropped.
struct TemplateLexer {
    private let bytes: [UInt8]
    private let name: String
    private var offset = 0
    private var position = SourcePosition.start
    private var tokens: [TemplateToken] = []

    init(source: String, name: String) {
        self.bytes = Array(source.utf8)
        self.name = name
    }

    /// The tokens of the whole source, white space control applied.
    mutating func tokenize() throws(LiquidError) -> [TemplateToken] {
        while offset < bytes.count {
            if let opening = markupStart(at: offset) {
                let token = try lexMarkup(kind: opening)
                tokens.append(token)
                if token.kind == .tag, token.tagName == "raw" || token.tagName == "comment" {
                    try lexVerbatim(endTag: "end" + token.tagName, keep: token.tagName == "raw", opener: token)
                }
            } else {
                lexText()
            }
        }
        applyWhitespaceControl()
        return tokens
    }

    private func markupStart(at index: Int) -> TemplateToken.Kind? {
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
        switch bytes[index + 1] {
        case UInt8(ascii: "{"): return .output
        case UInt8(ascii: "%"): return .tag
        default: return nil
        }
    }

    private mutating func lexText() {
        let start = offset
        let startPosition = position
        while offset < bytes.count, markupStart(at: offset) == nil {
            advance()
        }
        let text = String(decoding: bytes[start..<offset], as: UTF8.self)
        tokens.append(
            TemplateToken(
                kind: .text, content: text, position: startPosition, contentPosition: startPosition,
                range: start..<offset))
    }

    private mutating func lexMarkup(kind: TemplateToken.Kind) throws(LiquidError) -> TemplateToken {
        let start = offset
        let startPosition = position
        advance()
        advance()
        var trimsBefore = false
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") {
            trimsBefore = true
            advance()
        }
        let closer = kind == .output ? UInt8(ascii: "}") : UInt8(ascii: "%")
        let contentStart = offset
        let contentPosition = position
        var quote: UInt8?
        while offset < bytes.count {
            let byte = bytes[offset]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                quote = byte
            } else if byte == closer, offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "}") {
                var contentEnd = offset
                var trimsAfter = false
                if contentEnd > contentStart, bytes[contentEnd - 1] == UInt8(ascii: "-") {
                    trimsAfter = true
                    contentEnd -= 1
                }
                advance()
                advance()
                return TemplateToken(
                    kind: kind, content: String(decoding: bytes[contentStart..<contentEnd], as: UTF8.self),
                    position: startPosition, contentPosition: contentPosition, range: start..<offset,
                    trimsBefore: trimsBefore, trimsAfter: trimsAfter)
            }
            advance()
        }
        let what = kind == .output ? "output '{{'" : "tag '{%'"
        let end = kind == .output ? "'}}'" : "'%}'"
        throw LiquidError(
            .syntaxError, template: name, line: startPosition.line, column: startPosition.column,
            message: "\(what) is never closed; expected \(end)")
    }

    /// Skips to `{% endTag %}`, keeping the text in between as one text token when `keep`.
    private mutating func lexVerbatim(endTag: String, keep: Bool, opener: TemplateToken) throws(LiquidError) {
        let start = offset
        let startPosition = position
        while offset < bytes.count {
            if markupStart(at: offset) == .tag, isEndTag(endTag, at: offset) {
                if keep, offset > start {
                    tokens.append(
                        TemplateToken(
                            kind: .text, content: String(decoding: bytes[start..<offset], as: UTF8.self),
                            position: startPosition, contentPosition: startPosition, range: start..<offset))
                }
                tokens.append(try lexMarkup(kind: .tag))
                return
            }
            advance()
        }
        throw LiquidError(
            .syntaxError, template: name, line: opener.position.line, column: opener.position.column,
            message: "'\(opener.tagName)' tag is never closed; expected {% \(endTag) %}")
    }

    private func isEndTag(_ endTag: String, at index: Int) -> Bool {
        var cursor = index + 2
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "-") { cursor += 1 }
        while cursor < bytes.count,
            bytes[cursor] == UInt8(ascii: " ") || bytes[cursor] == UInt8(ascii: "\n")
                || bytes[cursor] == UInt8(ascii: "\t") || bytes[cursor] == UInt8(ascii: "\r")
        {
            cursor += 1
        }
        let word = Array(endTag.utf8)
        guard cursor + word.count <= bytes.count, Array(bytes[cursor..<cursor + word.count]) == word else {
            return false
        }
        let after = cursor + word.count
        return after < bytes.count && !Self.isWordByte(bytes[after])
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
    }

    private mutating func advance() {
        position.advance(over: bytes[offset])
        offset += 1
    }

    private mutating func applyWhitespaceControl() {
        for index in tokens.indices where tokens[index].kind != .text {
            if tokens[index].trimsBefore, index > 0, tokens[index - 1].kind == .text {
                tokens[index - 1].content = String(
                    tokens[index - 1].content.reversed().drop { $0.isWhitespace }.reversed())
            }
            if tokens[index].trimsAfter, index + 1 < tokens.count, tokens[index + 1].kind == .text {
                tokens[index + 1].content = String(tokens[index + 1].content.drop { $0.isWhitespace })
            }
        }
    }
}
