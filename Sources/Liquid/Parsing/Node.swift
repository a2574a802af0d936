/// A node of a parsed template.
indirect enum Node: Sendable {
    case text(String)
    case output(FilteredExpression, SourcePosition)
    case conditional(ConditionalNode)
    case caseTag(CaseNode)
    case forLoop(ForNode)
    case assign(name: String, value: FilteredExpression, SourcePosition)
    case capture(name: String, body: [Node])
    case increment(name: String, delta: Int)
    case partial(PartialNode)
    case translate(key: String, body: [Node], SourcePosition)
    case breakLoop
    case continueLoop
    case cycle(group: String, values: [Expression])
}

/// `if` / `unless` with its `elsif` branches and `else`.
struct ConditionalNode: Sendable {
    /// Each branch's condition and body, in order; `unless` negates the first.
    var branches: [(condition: Condition, body: [Node])]
    var negateFirst: Bool
    var elseBody: [Node]
}

/// `case` with its `when` branches and `else`.
struct CaseNode: Sendable {
    var subject: Expression
    var branches: [(values: [Expression], body: [Node])]
    var elseBody: [Node]
}

/// `for variable in collection` with its attributes.
struct ForNode: Sendable {
    var variable: String
    var collection: Expression
    var limit: Expression?
    var offset: Expression?
    var reversed: Bool
    var body: [Node]
    var elseBody: [Node]
    var position: SourcePosition
}

/// `render` or `include` of a partial.
struct PartialNode: Sendable {
    var name: Expression
    /// `include` shares the caller's variables; `render` sees only the globals and its arguments.
    var isolated: Bool
    /// `with value as alias` (or `with value`, bound to the partial's name).
    var with: (value: Expression, alias: String?)?
    var arguments: [(name: String, value: Expression)]
    var position: SourcePosition
}
