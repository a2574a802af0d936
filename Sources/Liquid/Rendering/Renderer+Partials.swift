import Providers

/// Rendering `render` and `include`, and translations.
extension Renderer {
    func render(_ node: PartialNode) async throws(LiquidError) {
        let name = try await evaluate(node.name).rendered
        guard let partial = environment.partials[name] else {
            throw error(.missingPartial, "no partial named '\(name)'", at: node.position)
        }
        guard partialDepth < environment.limits.maximumPartialDepth else {
            throw error(
                .partialDepthExceeded,
                "partials nest deeper than \(environment.limits.maximumPartialDepth) levels", at: node.position)
        }
        var arguments: [String: LiquidValue] = [:]
        if let with = node.with {
            arguments[with.alias ?? name] = try await evaluate(with.value)
        }
        for (key, value) in node.arguments {
            arguments[key] = try await evaluate(value)
        }
        let savedFrames = frames
        let savedTemplate = template
        if node.isolated {
            frames = [arguments]
        } else {
            frames.append(arguments)
        }
        template = partial.name
        partialDepth += 1
        defer {
            partialDepth -= 1
            template = savedTemplate
            if node.isolated {
                frames = savedFrames
            } else {
                frames.removeLast()
            }
        }
        try await render(partial.nodes)
    }

    /// The `t` filter: the translation of the key (interpolated with the keyword arguments), or the key.
    func translate(_ key: LiquidValue, arguments: FilterArguments) async throws(LiquidError) -> LiquidValue {
        let text = key.rendered
        let count = arguments.keyword.first { $0.name == "count" }?.value
        guard let translation = environment.translations?.lookup(text, locale: environment.locale, count: count) else {
            return .string(text)
        }
        var variables: [String: LiquidValue] = [:]
        for (name, value) in arguments.keyword { variables[name] = value }
        return .string(try await renderIsolated(translation, variables: variables))
    }

    /// The `t` tag: the translation whose key is the body's source, rendered in the current scope, or the body.
    func translate(key: String, body: [Node], at position: SourcePosition) async throws(LiquidError) {
        guard let translation = environment.translations?.lookup(key, locale: environment.locale, count: nil) else {
            try await render(body)
            return
        }
        let savedTemplate = template
        template = translation.name
        defer { template = savedTemplate }
        try await render(translation.nodes)
    }

    private func renderIsolated(_ template: LiquidTemplate, variables: [String: LiquidValue]) async throws(LiquidError)
        -> String
    {
        let savedFrames = frames
        let savedOutput = output
        let savedTemplate = self.template
        frames = [variables]
        output = ""
        self.template = template.name
        defer {
            frames = savedFrames
            output = savedOutput
            self.template = savedTemplate
        }
        try await render(template.nodes)
        return output
    }
}
