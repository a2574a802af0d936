import Providers

/// Rendering `if`/`unless`, `case` and `for`.
extension Renderer {
    func render(_ node: ConditionalNode) async throws(LiquidError) -> Flow {
        for (index, branch) in node.branches.enumerated() {
            var passed = try await evaluate(branch.condition)
            if index == 0, node.negateFirst { passed.toggle() }
            if passed { return try await render(branch.body) }
        }
        return try await render(node.elseBody)
    }

    func render(_ node: CaseNode) async throws(LiquidError) -> Flow {
        let subject = try await evaluate(node.subject)
        var matched = false
        for branch in node.branches {
            for value in branch.values {
                if try await evaluate(value).liquidEquals(subject) {
                    matched = true
                    let flow = try await render(branch.body)
                    if case .normal = flow { break }
                    return flow
                }
            }
        }
        return matched ? .normal : try await render(node.elseBody)
    }

    func render(_ loop: ForNode) async throws(LiquidError) {
        var elements = try await evaluate(loop.collection).elements
        if let offset = loop.offset {
            elements = Array(elements.dropFirst(max(0, try await evaluate(offset).integerValue ?? 0)))
        }
        if let limit = loop.limit {
            elements = Array(elements.prefix(max(0, try await evaluate(limit).integerValue ?? 0)))
        }
        if loop.reversed { elements.reverse() }
        guard !elements.isEmpty else {
            try await render(loop.elseBody)
            return
        }
        frames.append([:])
        defer { frames.removeLast() }
        let length = elements.count
        for (index, element) in elements.enumerated() {
            iterations += 1
            guard iterations <= environment.limits.maximumLoopIterations else {
                throw error(
                    .tooManyIterations,
                    "loops ran more than \(environment.limits.maximumLoopIterations) iterations",
                    at: loop.position)
            }
            frames[frames.count - 1][loop.variable] = element
            frames[frames.count - 1]["forloop"] = .object(
                [
                    "index": .number(Double(index + 1)), "index0": .number(Double(index)),
                    "rindex": .number(Double(length - index)), "rindex0": .number(Double(length - index - 1)),
                    "first": .bool(index == 0), "last": .bool(index == length - 1), "length": .number(Double(length)),
                ])
            if case .breakLoop = try await render(loop.body) { break }
        }
    }
}
