extension ConfigurationSchema {
    /// The JSON Schema of an object with `schema`'s fields.
    static func objectSchema(_ schema: SettingsSchema) -> JSONObject {
        var properties = JSONObject()
        for field in schema.fields {
            var property = JSONObject([("description", .string(field.summary))])
            for member in kindSchema(field.kind) { property[member.key] = member.value }
            properties[field.name] = .object(property)
        }
        var object = JSONObject([
            ("type", "object"), ("additionalProperties", false), ("properties", .object(properties)),
        ])
        let required = schema.fields.filter(\.isRequired).map { JSONValue.string($0.name) }
        if !required.isEmpty { object["required"] = .array(required) }
        let groups = schema.requireOneOf.map { group -> JSONValue in
            ["anyOf": .array(group.map { ["required": [.string($0)]] })]
        }
        if groups.count == 1, let group = groups.first {
            object["anyOf"] = group["anyOf"]
        } else if !groups.isEmpty {
            object["allOf"] = .array(groups)
        }
        return object
    }

    /// The JSON Schema of a value of `kind`, without a description.
    static func kindSchema(_ kind: SettingsField.Kind) -> JSONObject {
        let schema: JSONValue
        switch kind {
        case .string(nil):
            schema = ["$ref": "#/$defs/text"]
        case .string(let values?):
            schema = ["anyOf": [["enum": .array(values.map(JSONValue.string))], ["$ref": "#/$defs/reference"]]]
        case .secret:
            schema = ["$ref": "#/$defs/reference"]
        case .url:
            schema = [
                "anyOf": [
                    ["type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^/?#\\s]+"], ["$ref": "#/$defs/reference"],
                ]
            ]
        case .integer(let range):
            var object = JSONObject([("type", "integer")])
            if range.lowerBound != Int.min { object["minimum"] = .number(Double(range.lowerBound)) }
            if range.upperBound != Int.max { object["maximum"] = .number(Double(range.upperBound)) }
            return object
        case .boolean:
            schema = ["type": "boolean"]
        case .stringMap:
            schema = ["type": "object", "additionalProperties": ["$ref": "#/$defs/text"]]
        case .array(let element):
            schema = ["type": "array", "items": .object(kindSchema(element))]
        case .object(let settings):
            return objectSchema(settings)
        case .json:
            return JSONObject()
        }
        return schema.objectValue ?? JSONObject()
    }
}
