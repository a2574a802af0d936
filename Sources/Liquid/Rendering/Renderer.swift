import Providers

/// The state of one render: output, variable scopes, counters and limits.
///
/// A renderer lives for one call of ``LiquidTemplate/render(_:)`` and is used by one task only.
final class Renderer {
    /// What a list of nodes asks of the loop around it.
    enum Flow {
        case normal
        case breakLoop
        case continueLoop
    }

    let environment: LiquidEnvironment
    let globals: JSONObject
    let filterContext: FilterContext
    /// The template whose nodes are rendering, for error positions.
    var template: String
    /// The text rendered so far (or of the innermost `capture`).
    var output = ""
    /// Local variables, innermost last; `assign` writes to the first.
    var frames: [[String: LiquidValue]] = [[:]]
    var counters: [String: Int] = [:]
    var cycles: [String: Int] = [:]
    var iterations = 0
    var partialDepth = 0

    init(context: LiquidContext, template: String) {
        self.environment = context.environment
        self.globals = context.variables
        self.filterContext = FilterContext(timeZone: context.environment.timeZone, now: context.environment.now)
        self.template = template
    }

    @discardableResult
    func render(_ nodes: [Node]) async throws(LiquidError) -> Flow {
        for node in nodes {
            let flow = try await render(node)
            if case .normal = flow { continue }
            return flow
        }
        return .normal
    }

    private func render(_ node: Node) async throws(LiquidError) -> Flow {
        switch node {
        case .text(let text):
            try write(text, at: nil)
        case .output(let expression, let position):
            try write(try await evaluate(expression).rendered, at: position)
        case .conditional(let conditional):
            return try await render(conditional)
        case .caseTag(let node):
            return try await render(node)
        case .forLoop(let loop):
            try await render(loop)
        case .assign(let name, let value, _):
            frames[0][name] = try await evaluate(value)
        case .capture(let name, let body):
            let saved = output
            output = ""
            defer { output = saved }
            try await render(body)
            frames[0][name] = .string(output)
        case .increment(let name, let delta):
            try await increment(name, delta: delta)
        case .partial(let partial):
            try await render(partial)
        case .translate(let key, let body, let position):
            try await translate(key: key, body: body, at: position)
        case .breakLoop:
            return .breakLoop
        case .continueLoop:
            return .continueLoop
        case .cycle(let group, let values):
            let index = cycles[group, default: 0]
            cycles[group] = index + 1
            try write(try await evaluate(values[index % values.count]).rendered, at: nil)
        }
        return .normal
    }

    /// `increment` writes the counter's value, then adds one; `decrement` subtracts one, then writes.
    private func increment(_ name: String, delta: Int) async throws(LiquidError) {
        let current = counters[name, default: 0]
        counters[name] = current + delta
        try write(String(delta > 0 ? current : current + delta), at: nil)
    }

    func write(_ text: String, at position: SourcePosition?) throws(LiquidError) {
        output += text
        guard output.utf8.count <= environment.limits.maximumOutputBytes else {
            throw error(
                .outputTooLarge,
                "the rendered output exceeds \(environment.limits.maximumOutputBytes) bytes", at: position)
        }
    }

    func error(_ code: LiquidError.Code, _ message: String, at position: SourcePosition?) -> LiquidError {
        LiquidError(
            code, template: template, line: position?.line ?? 0, column: position?.column ?? 0, message: message)
    }
}
