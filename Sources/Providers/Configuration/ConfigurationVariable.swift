/// A variable as seen in one environment: its value (parsed as JSON first, else kept as a string) and
/// whether it is secret.
///
/// Variables are Knock's `vars`: shared constants and secrets that templates, conditions and fetch steps
/// read as `vars.<key>`. A base value is declared under the top-level `variables`; an environment's
/// `variables` override it there only.
///
/// ```json
/// "variables": {"base_url": "https://app.example.test", "api_token": {"secret": true, "value": {"$env": "API_TOKEN"}}},
/// "environments": {"production": {"production": true, "variables": {"base_url": "https://app.example.com"}}}
/// ```
public struct ConfigurationVariable: Sendable, Hashable {
    /// The key: 1 to 64 characters of `A-Z`, `a-z`, `0-9` and `_`.
    public var key: String
    /// The value: text is parsed as JSON first and kept as a string when it is not JSON; other JSON values
    /// are kept as written.
    public var value: JSONValue
    /// Whether the value is secret: never shown in API output or logs, and redacted from fetch step logs.
    public var isSecret: Bool

    /// Creates a variable.
    public init(key: String, value: JSONValue, isSecret: Bool = false) {
        self.key = key
        self.value = value
        self.isSecret = isSecret
    }

    /// Parses variable text as Knock does: as JSON first, else as the string itself.
    ///
    /// - Parameter text: The text, such as `{"unit": "seconds", "value": 30}` or `hello`.
    /// - Returns: The parsed JSON value, or `.string(text)`.
    public static func value(parsing text: String) -> JSONValue {
        (try? JSONValue.parse(text)) ?? .string(text)
    }

    /// Whether `key` is a valid variable key.
    public static func isValidKey(_ key: String) -> Bool {
        (1...64).contains(key.utf8.count)
            && key.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
            }
    }
}

extension ChannelConfiguration.Environment {
    /// The variables as the `vars` object of a run's scope, secrets included (templates may use them).
    public var variablesObject: JSONObject {
        JSONObject(variables.keys.sorted().compactMap { key in variables[key].map { (key, $0.value) } })
    }

    /// Whether the workflow with `key` is active here; workflows are active unless configured otherwise.
    ///
    /// - Parameter key: The workflow key.
    public func isWorkflowActive(_ key: String) -> Bool {
        workflowStatuses[key] ?? true
    }
}
