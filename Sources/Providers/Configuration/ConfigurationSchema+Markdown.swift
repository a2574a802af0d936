extension ConfigurationSchema {
    /// A Markdown table of a schema's settings: key, what it accepts, whether it is required, and what it does.
    ///
    /// Nested objects are flattened into dotted keys (`signing.secret`), array elements into `[]` (`items[].id`).
    ///
    /// - Parameter schema: The settings.
    /// - Returns: The table, ending in a newline, followed by a line per `requireOneOf` group; a sentence
    ///   saying so when there are no settings.
    public static func markdownTable(for schema: SettingsSchema) -> String {
        guard !schema.fields.isEmpty else { return "No settings besides the common ones.\n" }
        var lines = ["| key | accepts | required | description |", "|---|---|---|---|"]
        var groups: [String] = []
        appendRows(for: schema, prefix: "", to: &lines, groups: &groups)
        return (lines + (groups.isEmpty ? [] : [""] + groups)).joined(separator: "\n") + "\n"
    }

    /// A Markdown section per provider in `registry`: its name, summary, channel type and settings table.
    ///
    /// - Parameter registry: The providers.
    /// - Returns: Markdown with one `###` heading per provider, ending in a newline.
    public static func markdownReference(for registry: ProviderRegistry) -> String {
        guard !registry.all.isEmpty else { return "No providers are registered in this build yet.\n" }
        return registry.all.map { definition in
            let type =
                definition.channelTypeSetting.map { "chosen by `\($0)`" } ?? "`\(definition.channelType.rawValue)`"
            return "### `\(definition.id)`\n\n\(definition.summary) Channel type: \(type).\n\n"
                + markdownTable(for: definition.settings)
        }.joined(separator: "\n")
    }

    private static func appendRows(
        for schema: SettingsSchema, prefix: String, to lines: inout [String], groups: inout [String]
    ) {
        for field in schema.fields {
            let key = prefix + field.name
            let cells = [
                "`\(key)`", accepts(field.kind), field.isRequired ? "yes" : "no", field.summary,
            ].map { $0.replacing("|", with: "\\|") }
            lines.append("| " + cells.joined(separator: " | ") + " |")
            var kind = field.kind
            var elementPrefix = key
            while case .array(let element) = kind {
                kind = element
                elementPrefix += "[]"
            }
            if case .object(let nested) = kind {
                appendRows(for: nested, prefix: elementPrefix + ".", to: &lines, groups: &groups)
            }
        }
        for group in schema.requireOneOf {
            let names = group.map { "`\(prefix)\($0)`" }.joined(separator: ", ")
            groups.append("At least one of \(names) must be set.")
        }
    }

    private static func accepts(_ kind: SettingsField.Kind) -> String {
        switch kind {
        case .string(nil): "string or reference"
        case .string(let values?): "one of " + values.map { "`\($0)`" }.joined(separator: ", ") + ", or reference"
        case .secret: "reference only (`$env` or `$file`)"
        case .url(true): "absolute http(s) URL or reference; https in production"
        case .url(false): "absolute http(s) URL or reference"
        case .integer(let range) where range.upperBound == Int.max: "integer ≥ \(range.lowerBound)"
        case .integer(let range): "integer \(range.lowerBound)–\(range.upperBound)"
        case .boolean: "boolean"
        case .stringMap: "object of strings or references"
        case .array(let element): "array of " + accepts(element)
        case .object: "object"
        case .json: "any JSON value (taken literally)"
        }
    }
}
