/// One token of the markup inside `{{ … }}` or `{% … %}`.
struct ExpressionToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case identifier(String)
        case string(String)
        case integer(Int)
        case float(Double)
        case comparison(String)
        case dot, dotDot, openBracket, closeBracket, openParen, closeParen, pipe, colon, comma, equals
        case end
    }

    var kind: Kind
    var position: SourcePosition

    /// How the token reads in an error message.
    var display: String {
        switch kind {
        case .identifier(let name): "'\(name)'"
        case .string(let value): "string \"\(value)\""
        case .integer(let value): "number \(value)"
        case .float(let value): "number \(value)"
        case .comparison(let op): "'\(op)'"
        case .dot: "'.'"
        case .dotDot: "'..'"
        case .openBracket: "'['"
        case .closeBracket: "']'"
        case .openParen: "'('"
        case .closeParen: "')'"
        case .pipe: "'|'"
        case .colon: "':'"
        case .comma: "','"
        case .equals: "'='"
        case .end: "the end of the markup"
        }
    }
}
