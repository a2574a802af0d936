/// The settings a provider accepts in one channel environment.
///
/// One declaration drives everything: configuration validation (errors name the JSON path, what was
/// found and what is accepted), the JSON Schema shipped for configuration files, and the docs.
public struct SettingsSchema: Sendable {
    /// The accepted fields; any other key is an error.
    public var fields: [SettingsField]
    /// Groups of field names of which at least one must be set (for example two ways to authenticate).
    public var requireOneOf: [[String]]

    /// Creates a schema.
    public init(_ fields: [SettingsField], requireOneOf: [[String]] = []) {
        self.fields = fields
        self.requireOneOf = requireOneOf
    }

    /// The field called `name`, if declared.
    public func field(_ name: String) -> SettingsField? {
        fields.first { $0.name == name }
    }
}

/// One setting of a ``SettingsSchema``.
public struct SettingsField: Sendable {
    /// The JSON key.
    public var name: String
    /// What values are accepted.
    public var kind: Kind
    /// Whether it must be present.
    public var isRequired: Bool
    /// One sentence for docs and the JSON Schema.
    public var summary: String

    /// Creates a field.
    public init(_ name: String, _ kind: Kind, required: Bool = false, _ summary: String) {
        self.name = name
        self.kind = kind
        self.isRequired = required
        self.summary = summary
    }

    /// The accepted values of a field.
    public indirect enum Kind: Sendable {
        /// Any string; optionally one of a fixed list.
        case string(oneOf: [String]? = nil)
        /// A secret string; must be given as `{"$env": "NAME"}` or `{"$file": "path"}`, never inline.
        case secret
        /// An absolute `http` or `https` URL (`https` only in production environments if `httpsInProduction`).
        case url(httpsInProduction: Bool = true)
        /// A whole number within the range.
        case integer(ClosedRange<Int>)
        /// `true` or `false`.
        case boolean
        /// An object whose values are all strings (header maps, metadata).
        case stringMap
        /// A list of values of one kind.
        case array(Kind)
        /// A nested object with its own fields.
        case object(SettingsSchema)
        /// Any JSON value (bodies, templates).
        case json
    }
}
