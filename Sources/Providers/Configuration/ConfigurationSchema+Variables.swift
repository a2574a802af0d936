extension ConfigurationSchema {
    /// The schema of a `variables` object (top level: base values; in an environment: overrides).
    static let variablesSchema: JSONValue = [
        "type": "object",
        "description":
            "Variables (vars.<key>) by key: text is parsed as JSON first, else kept as a string; secret values are references.",
        "propertyNames": ["pattern": "^[A-Za-z0-9_]{1,64}$"],
        "additionalProperties": [
            "anyOf": [
                ["type": ["string", "number", "boolean", "array"]],
                ["$ref": "#/$defs/reference"],
                [
                    "type": "object", "required": ["value"], "additionalProperties": false,
                    "properties": [
                        "value": ["description": "The value: any JSON value but null, or a reference."],
                        "secret": [
                            "type": "boolean",
                            "description": "Never shown in API output or logs; the value must be a reference.",
                        ],
                        "description": ["type": "string"],
                    ],
                ],
            ]
        ],
    ]

    /// The schema of an environment's `workflows` statuses.
    static let workflowStatusesSchema: JSONValue = [
        "type": "object",
        "description": "Workflow statuses in this environment by workflow key; workflows are active unless set here.",
        "propertyNames": ["pattern": "^[a-z0-9_-]{1,255}$"],
        "additionalProperties": [
            "type": "object", "required": ["active"], "additionalProperties": false,
            "properties": [
                "active": ["type": "boolean", "description": "false: triggers fail with workflow_inactive."]
            ],
        ],
    ]
}
