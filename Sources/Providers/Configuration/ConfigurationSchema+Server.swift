extension ConfigurationSchema {
    /// The schema of an environment's `api_keys`.
    static let apiKeysSchema: JSONValue = [
        "type": "array", "minItems": 1, "items": ["$ref": "#/$defs/reference"],
        "description":
            "Secret keys that select this environment (Authorization: Bearer <key>), as $env/$file references; at least 16 characters each.",
    ]

    /// The schema of the top-level `host` section.
    static var hostSchema: JSONValue {
        let formats = ServerSettings.LogFormat.allCases.map { JSONValue.string($0.rawValue) }
        let levels = ServerSettings.LogLevel.allCases.map { JSONValue.string($0.rawValue) }
        let properties = JSONObject([
            ("address", ["type": "string", "minLength": 1, "description": "The address to bind (default 127.0.0.1)."]),
            ("port", integer(ServerSettings.portRange, "The TCP port (default 8080); 0 picks a free one.")),
            (
                "data_directory",
                [
                    "type": "string", "minLength": 1,
                    "description": "The data directory, relative to this file (default .delivery-host).",
                ]
            ),
            ("threads", integer(ServerSettings.threadRange, "HTTP server event loop threads (default: one per CPU).")),
            (
                "max_body_bytes",
                integer(ServerSettings.bodyLimitRange, "The largest request body in bytes (default 1048576).")
            ),
            ("log_format", ["enum": .array(formats), "description": "How log lines are written (default json)."]),
            ("log_level", ["enum": .array(levels), "description": "The least severe level written (default info)."]),
            (
                "log_content",
                ["type": "boolean", "description": "Whether debug logs may include message content (default false)."]
            ),
            (
                "workflows_directory",
                [
                    "type": "string", "minLength": 1,
                    "description": "The workflow files' directory (<key>/workflow.json), relative to this file.",
                ]
            ),
            (
                "partials_directory",
                [
                    "type": "string", "minLength": 1,
                    "description": "The template partials' directory, relative to this file.",
                ]
            ),
            (
                "translations_directory",
                [
                    "type": "string", "minLength": 1,
                    "description":
                        "The translations' directory (<locale>/<locale>.json, <locale>/<namespace>.<locale>.json), relative to this file.",
                ]
            ),
            (
                "default_locale",
                [
                    "type": "string", "pattern": .string(ServerSettings.localePattern),
                    "description": "The locale used when a recipient's has no translation (default en).",
                ]
            ),
            (
                "outbound_allow_list",
                [
                    "type": "array", "items": ["type": "string", "minLength": 1],
                    "description":
                        "Addresses, CIDR networks and host names that webhooks, fetch steps and SNS handshakes may reach despite the outbound address policy (development).",
                ]
            ),
            (
                "public_url",
                [
                    "type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^/?#@]+(/[^?#]*)?$",
                    "description":
                        "The URL providers reach this host at (scheme, host, optional path prefix), such as https://hooks.acme.example; provider callbacks are verified against it.",
                ]
            ),
        ])
        return [
            "type": "object", "additionalProperties": false, "properties": .object(properties),
            "description": "How delivery-host serve listens, stores and logs; only in the root file.",
        ]
    }

    private static func integer(_ range: ClosedRange<Int>, _ description: String) -> JSONValue {
        [
            "type": "integer", "minimum": .number(Double(range.lowerBound)),
            "maximum": .number(Double(range.upperBound)), "description": .string(description),
        ]
    }
}
