/// Generates the JSON Schema (draft 2020-12) of configuration files from the providers' ``SettingsSchema``s.
///
/// The schema is for editors and external checks; the loader does the authoritative validation and also
/// checks what a schema cannot: environment names a channel uses are declared, `https` URLs in production
/// environments, include cycles and duplicates, and that references resolve.
///
/// `schemas/delivery-host.schema.json` is this generator's output for ``ProviderRegistry/standard``; regenerate
/// it with `UPDATE_SCHEMA=1 swift test --filter ConfigurationSchemaTests`.
public enum ConfigurationSchema {
    /// The JSON Schema dialect used.
    public static let dialect = "https://json-schema.org/draft/2020-12/schema"

    /// The JSON Schema of configuration files whose channels use the providers in `registry`.
    ///
    /// Every file (the root one and included ones) follows the same schema; nothing is required at the top
    /// level, since an included file may hold only channels.
    ///
    /// - Parameter registry: The providers channels may use.
    /// - Returns: The schema document.
    public static func jsonSchema(for registry: ProviderRegistry) -> JSONValue {
        var definitions = JSONObject([
            ("name", ["type": "string", "pattern": "^[a-z0-9_-]{1,64}$", "description": .string(nameRule + ".")]),
            ("reference", referenceSchema),
            ("text", ["anyOf": [["type": "string"], ["$ref": "#/$defs/reference"]]]),
            ("environment", environmentSchema),
            ("channel", channelSchema(for: registry)),
        ])
        for definition in registry.all {
            var settings = JSONObject([
                (
                    "description",
                    .string("Settings of a '\(definition.id)' channel in one environment: \(definition.summary)")
                )
            ])
            let fields = ChannelConfiguration.environmentSettings(for: definition)
            for member in objectSchema(fields) { settings[member.key] = member.value }
            definitions[settingsDefinitionName(definition.id)] = .object(settings)
        }
        return [
            "$schema": .string(dialect),
            "title": "DeliveryHost channel configuration",
            "description":
                "Channels with per-environment settings (docs/configuration.md). Included files follow the same schema.",
            "type": "object",
            "additionalProperties": false,
            "properties": [
                "$schema": ["type": "string", "description": "The path or URL of this schema, for editors."],
                "include": [
                    "type": "array", "items": ["type": "string", "minLength": 1],
                    "description": "Files whose environments and channels are added, relative to this file.",
                ],
                "environments": [
                    "type": "object", "propertyNames": ["$ref": "#/$defs/name"],
                    "additionalProperties": ["$ref": "#/$defs/environment"],
                    "description": "The environments, by name, such as development and production.",
                ],
                "channels": [
                    "type": "object", "propertyNames": ["$ref": "#/$defs/name"],
                    "additionalProperties": ["$ref": "#/$defs/channel"],
                    "description": "The channels, by stable id.",
                ],
                "channel_groups": channelGroupsSchema,
                "host": hostSchema,
                "variables": variablesSchema,
            ],
            "$defs": .object(definitions),
        ]
    }

    /// The schema as the text of `schemas/delivery-host.schema.json`: pretty-printed, ending in a newline.
    ///
    /// - Parameter registry: The providers channels may use.
    public static func text(for registry: ProviderRegistry) -> String {
        jsonSchema(for: registry).encoded(pretty: true) + "\n"
    }

    // MARK: - Definitions

    static let nameRule = "1 to 64 characters of a-z, 0-9, '-' and '_'"

    private static let referenceSchema: JSONValue = [
        "description": "A value kept outside the file: an environment variable or a file's contents.",
        "oneOf": [
            [
                "type": "object", "required": ["$env"], "additionalProperties": false,
                "properties": ["$env": ["type": "string", "minLength": 1, "description": "An environment variable."]],
            ],
            [
                "type": "object", "required": ["$file"], "additionalProperties": false,
                "properties": [
                    "$file": [
                        "type": "string", "minLength": 1,
                        "description": "A file, relative to this configuration file; one trailing newline is dropped.",
                    ]
                ],
            ],
        ],
    ]

    private static let environmentSchema: JSONValue = [
        "type": "object",
        "required": ["production"],
        "additionalProperties": false,
        "properties": [
            "production": [
                "type": "boolean", "description": "Whether this is a production environment (URLs must be https).",
            ],
            "timezone": [
                "type": "string", "description": "A time zone database name, such as Europe/Paris (default Etc/UTC).",
            ],
            "api_keys": apiKeysSchema,
            "message_retention_days": [
                "type": "integer", "minimum": 1, "maximum": 3650,
                "description": "Days delivered messages keep their content and delivery logs (kept when omitted).",
            ],
            "variables": variablesSchema,
            "workflows": workflowStatusesSchema,
            "channel_conditions": [
                "type": "object",
                "description":
                    "Channel conditions by channel id: a condition group every step on the channel must pass here.",
                "additionalProperties": [
                    "type": "object", "minProperties": 1, "maxProperties": 1,
                    "properties": ["all": ["type": "array"], "any": ["type": "array"]],
                    "additionalProperties": false,
                ],
            ],
            "status_webhooks": [
                "type": "array",
                "description": "Webhook channels that receive this environment's message events.",
                "items": [
                    "type": "object", "required": ["channel"], "additionalProperties": false,
                    "properties": [
                        "channel": [
                            "type": "string", "description": "The id of a webhook channel in this environment.",
                        ],
                        "events": [
                            "type": "array", "minItems": 1,
                            "description": "The event types to send (all when omitted).",
                            "items": .object(
                                JSONObject([
                                    (
                                        "enum",
                                        .array(ChannelConfiguration.StatusWebhook.eventTypes.map(JSONValue.string))
                                    )
                                ])),
                        ],
                    ],
                ],
            ],
        ],
    ]

    private static func channelSchema(for registry: ProviderRegistry) -> JSONValue {
        let providers = registry.all.map { JSONValue.string($0.id.rawValue) }
        let conditions = registry.all.map { definition -> JSONValue in
            [
                "if": [
                    "properties": ["provider": ["const": .string(definition.id.rawValue)]], "required": ["provider"],
                ],
                "then": [
                    "properties": [
                        "environments": [
                            "additionalProperties": [
                                "$ref": .string("#/$defs/" + pointerEscaped(settingsDefinitionName(definition.id)))
                            ]
                        ]
                    ]
                ],
            ]
        }
        let schema: JSONValue = [
            "type": "object",
            "required": ["provider", "environments"],
            "additionalProperties": false,
            "properties": [
                "provider": ["enum": .array(providers), "description": "The provider that delivers the channel."],
                "name": ["type": "string", "description": "A display name (default: the channel id)."],
                "environments": [
                    "type": "object", "propertyNames": ["$ref": "#/$defs/name"],
                    "description": "Settings by environment; the channel is not available in environments not listed.",
                ],
            ],
        ]
        guard var object = schema.objectValue, !conditions.isEmpty else { return schema }
        object["allOf"] = .array(conditions)
        return .object(object)
    }

    private static func settingsDefinitionName(_ provider: ProviderID) -> String {
        "settings-" + provider.rawValue
    }

    /// Escapes a name for a JSON Pointer (RFC 6901).
    private static func pointerEscaped(_ name: String) -> String {
        name.replacing("~", with: "~0").replacing("/", with: "~1")
    }
}
