/// A value expression: a literal, a variable path or a range.
indirect enum Expression: Sendable {
    /// A literal string, number, Boolean or nil.
    case literal(LiquidValue)
    /// `name`, `a.b`, `a[0]`, `a["key"]`, `a[b.c]`.
    case variable(name: String, path: [PathSegment])
    /// `(low..high)`.
    case range(Expression, Expression)
    /// The `empty` literal, which equals empty strings, arrays and objects.
    case empty
    /// The `blank` literal, which also equals nil, false and white space.
    case blank

    /// One step of a variable path.
    enum PathSegment: Sendable {
        case key(String)
        case index(Expression)
    }
}

/// A filter applied to a value: `| name: positional, key: value`.
struct FilterCall: Sendable {
    var filter: LiquidFilter
    var positional: [Expression]
    var keyword: [(name: String, value: Expression)]
    var position: SourcePosition
}

/// An expression with filters, as in `{{ … }}` and `assign`.
struct FilteredExpression: Sendable {
    var base: Expression
    var filters: [FilterCall]
}

/// A condition in `if`, `elsif` and `unless`: comparisons joined by `and` / `or`, evaluated right to left.
indirect enum Condition: Sendable {
    case value(Expression)
    case comparison(Expression, ComparisonOperator, Expression)
    case and(Condition, Condition)
    case or(Condition, Condition)
}

/// The comparison operators.
enum ComparisonOperator: String, Sendable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case greater = ">"
    case lessOrEqual = "<="
    case greaterOrEqual = ">="
    case contains
}
