public import Providers

/// A parsed Liquid template: parse once, render many times.
///
/// ```swift
/// let template = try LiquidTemplate(parsing: "Hello {{ recipient.name | default: \"there\" }}!", name: "greeting")
/// let text = try await template.render(LiquidContext(variables: ["recipient": ["name": "Ada"]]))
/// // "Hello Ada!"
/// ```
///
/// Parsing checks the whole template: tags, expressions, filter names and filter argument counts. A template
/// that parses renders without syntax errors; rendering fails only for a missing partial, an exceeded
/// ``LiquidLimits`` value or a filter argument it cannot use (such as `divided_by: 0`).
public struct LiquidTemplate: Sendable {
    /// The template's name, used in error messages.
    public let name: String
    /// The parsed nodes.
    let nodes: [Node]

    /// Parses a template.
    ///
    /// - Parameters:
    ///   - source: The template text.
    ///   - name: The name errors report, such as `"email/html_body"` or a partial's key.
    /// - Throws: ``LiquidError`` with code ``LiquidError/Code/syntaxError``, ``LiquidError/Code/unknownTag`` or
    ///   ``LiquidError/Code/unknownFilter``, the template's name and the 1-based line and column.
    public init(parsing source: String, name: String) throws(LiquidError) {
        var parser = try TemplateParser(source: source, template: name)
        self.nodes = try parser.parseDocument()
        self.name = name
    }

    /// Renders the template.
    ///
    /// Undefined variables and filters applied to them render as nothing.
    ///
    /// - Parameter context: The variables and the environment (partials, time zone, clock, loader).
    /// - Returns: The rendered text.
    /// - Throws: ``LiquidError`` for a missing partial, an exceeded limit or an invalid filter argument, with the
    ///   position of the tag or output that failed.
    public func render(_ context: LiquidContext) async throws(LiquidError) -> String {
        let renderer = Renderer(context: context, template: name)
        try await renderer.render(nodes)
        return renderer.output
    }
}

/// What a render can see: the variables and the environment.
public struct LiquidContext: Sendable {
    /// The top-level variables: `recipient`, `actor`, `data`, `tenant`, `vars`, `workflow` and the batch
    /// variables (`total_activities`, `activities`, `actors`, `total_actors`).
    ///
    /// A top-level name that is not defined here is looked up in `data`, so `{{ order_id }}` reads
    /// `data.order_id`.
    public var variables: JSONObject
    /// Partials, time zone, clock, object loader, translations and limits.
    public var environment: LiquidEnvironment

    /// Creates a context.
    ///
    /// - Parameters:
    ///   - variables: The top-level variables.
    ///   - environment: The environment; defaults to no partials, UTC and the current time.
    public init(variables: JSONObject, environment: LiquidEnvironment = LiquidEnvironment()) {
        self.variables = variables
        self.environment = environment
    }
}
