/// Splits markup into ``ExpressionToken``s, tracking each token's line and column.
struct ExpressionLexer {
    private let bytes: [UInt8]
    private let template: String
    private var offset = 0
    private var position: SourcePosition

    init(markup: String, at position: SourcePosition, template: String) {
        self.bytes = Array(markup.utf8)
        self.position = position
        self.template = template
    }

    mutating func tokenize() throws(LiquidError) -> [ExpressionToken] {
        var tokens: [ExpressionToken] = []
        while true {
            skipWhitespace()
            let start = position
            guard offset < bytes.count else {
                tokens.append(ExpressionToken(kind: .end, position: start))
                return tokens
            }
            tokens.append(ExpressionToken(kind: try lexOne(), position: start))
        }
    }

    private mutating func lexOne() throws(LiquidError) -> ExpressionToken.Kind {
        let byte = bytes[offset]
        let next = offset + 1 < bytes.count ? bytes[offset + 1] : 0
        switch byte {
        case UInt8(ascii: "'"), UInt8(ascii: "\""): return try lexString(quote: byte)
        case UInt8(ascii: "."):
            advance()
            if next == UInt8(ascii: ".") {
                advance()
                return .dotDot
            }
            return .dot
        case UInt8(ascii: "["): advance(); return .openBracket
        case UInt8(ascii: "]"): advance(); return .closeBracket
        case UInt8(ascii: "("): advance(); return .openParen
        case UInt8(ascii: ")"): advance(); return .closeParen
        case UInt8(ascii: "|"): advance(); return .pipe
        case UInt8(ascii: ":"): advance(); return .colon
        case UInt8(ascii: ","): advance(); return .comma
        case UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "<"), UInt8(ascii: ">"):
            return try lexComparison(byte, next)
        case UInt8(ascii: "-") where Self.isDigit(next), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return lexNumber()
        default:
            if Self.isIdentifierStart(byte) { return lexIdentifier() }
            throw error("unexpected character '\(String(decoding: [byte], as: UTF8.self))'")
        }
    }

    private mutating func lexComparison(_ byte: UInt8, _ next: UInt8) throws(LiquidError) -> ExpressionToken.Kind {
        advance()
        if next == UInt8(ascii: "=") {
            advance()
            return .comparison(String(decoding: [byte, next], as: UTF8.self))
        }
        if byte == UInt8(ascii: "<"), next == UInt8(ascii: ">") {
            advance()
            return .comparison("!=")
        }
        switch byte {
        case UInt8(ascii: "="): return .equals
        case UInt8(ascii: "<"): return .comparison("<")
        case UInt8(ascii: ">"): return .comparison(">")
        default: throw error("unexpected character '!'; did you mean '!='?")
        }
    }

    private mutating func lexString(quote: UInt8) throws(LiquidError) -> ExpressionToken.Kind {
        let startPosition = position
        advance()
        let start = offset
        while offset < bytes.count, bytes[offset] != quote { advance() }
        guard offset < bytes.count else {
            throw LiquidError(
                .syntaxError, template: template, line: startPosition.line, column: startPosition.column,
                message: "string literal is never closed; expected a closing \(quote == UInt8(ascii: "'") ? "'" : "\"")"
            )
        }
        let value = String(decoding: bytes[start..<offset], as: UTF8.self)
        advance()
        return .string(value)
    }

    private mutating func lexNumber() -> ExpressionToken.Kind {
        let start = offset
        advance()
        while offset < bytes.count, Self.isDigit(bytes[offset]) { advance() }
        var isFloat = false
        if offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "."), Self.isDigit(bytes[offset + 1]) {
            isFloat = true
            advance()
            while offset < bytes.count, Self.isDigit(bytes[offset]) { advance() }
        }
        let text = String(decoding: bytes[start..<offset], as: UTF8.self)
        if !isFloat, let value = Int(text) { return .integer(value) }
        return .float(Double(text) ?? 0)
    }

    private mutating func lexIdentifier() -> ExpressionToken.Kind {
        let start = offset
        while offset < bytes.count,
            Self.isIdentifierStart(bytes[offset]) || Self.isDigit(bytes[offset]) || bytes[offset] == UInt8(ascii: "-")
        {
            advance()
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "?") { advance() }
        return .identifier(String(decoding: bytes[start..<offset], as: UTF8.self))
    }

    private mutating func skipWhitespace() {
        while offset < bytes.count,
            bytes[offset] == UInt8(ascii: " ") || bytes[offset] == UInt8(ascii: "\n")
                || bytes[offset] == UInt8(ascii: "\t")
                || bytes[offset] == UInt8(ascii: "\r")
        {
            advance()
        }
    }

    private mutating func advance() {
        position.advance(over: bytes[offset])
        offset += 1
    }

    private func error(_ message: String) -> LiquidError {
        LiquidError(.syntaxError, template: template, line: position.line, column: position.column, message: message)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_") || byte >= 0x80
    }
}
