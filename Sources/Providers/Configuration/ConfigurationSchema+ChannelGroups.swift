extension ConfigurationSchema {
    /// The schema of the top-level `channel_groups` section.
    static var channelGroupsSchema: JSONValue {
        let types = ChannelGroupConfiguration.channelTypes.keys.sorted().map(JSONValue.string)
        let operators = ChannelGroupConfiguration.Operator.allCases.map { JSONValue.string($0.rawValue) }
        let kinds = ChannelGroupConfiguration.Rule.Kind.allCases.map { JSONValue.string($0.rawValue) }
        let rule: JSONValue = [
            "type": "object", "additionalProperties": false, "required": ["channel_key", "rule_type"],
            "properties": [
                "channel_key": [
                    "type": "string", "minLength": 1, "description": "A declared channel of the group's type.",
                ],
                "rule_type": ["enum": .array(kinds), "description": "always, or if/unless the condition holds."],
                "variable": ["type": "string", "minLength": 1, "description": "The condition's variable (if/unless)."],
                "operator": ["type": "string", "minLength": 1, "description": "The condition's operator (if/unless)."],
                "argument": ["description": "The condition's argument."],
                "index": ["type": "number", "description": "The rule's position in the group."],
            ],
        ]
        return [
            "type": "object", "propertyNames": ["$ref": "#/$defs/name"],
            "description": "Channel groups by key: one workflow step sends through every channel whose rules hold.",
            "additionalProperties": [
                "type": "object", "additionalProperties": false, "required": ["channel_type", "channel_rules"],
                "properties": [
                    "name": ["type": "string"],
                    "description": ["type": "string"],
                    "channel_type": ["enum": .array(types)],
                    "operator": [
                        "enum": .array(operators),
                        "description": "How each channel's rules combine: any (default) or all.",
                    ],
                    "channel_rules": ["type": "array", "minItems": 1, "items": rule],
                ],
            ],
        ]
    }
}
