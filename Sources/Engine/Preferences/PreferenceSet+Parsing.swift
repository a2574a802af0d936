public import Providers

extension PreferenceSet {
    /// The channel type keys accepted (Knock's, plus `webhook` as another name for `http`).
    public static let channelTypeKeys = ["email", "sms", "push", "chat", "http", "in_app_feed"]

    /// Reads a preference set (Knock's `PreferenceSet` or `PreferenceSetRequest` body).
    ///
    /// Keys: `channel_types`, `channels`, `workflows`, `categories`, `commercial_subscribed`, each may be
    /// `null`; `id` and `__persistence_strategy__` are accepted and ignored (the id is `id`). A setting is a
    /// Boolean or `{"conditions": [...]}`; a workflow or category preference is a Boolean or an object with
    /// `channel_types`, `channels` and `conditions`. Preference conditions may not use message status.
    ///
    /// - Parameters:
    ///   - json: The set.
    ///   - id: The set's id.
    ///   - path: The JSON path of `json`, used in errors.
    /// - Returns: The set.
    /// - Throws: ``EngineError/Code/invalidInput``, one line per problem, naming its JSON path.
    public static func parse(_ json: JSONValue, id: String, path: String) throws(EngineError) -> PreferenceSet {
        guard case .object(let object) = json else {
            throw EngineError(.invalidInput, "\(path): expected a preference set (an object), found \(json.typeName)")
        }
        var reader = PreferenceReader()
        var set = PreferenceSet(id: id)
        let known = [
            "id", "__persistence_strategy__", "channel_types", "channels", "workflows", "categories",
            "commercial_subscribed",
        ]
        for (key, value) in object {
            let here = "\(path).\(key)"
            switch key {
            case "channel_types": set.channelTypes = reader.settings(value, path: here, channelTypes: true)
            case "channels": set.channels = reader.settings(value, path: here, channelTypes: false)
            case "workflows": set.workflows = reader.workflowPreferences(value, path: here)
            case "categories": set.categories = reader.workflowPreferences(value, path: here)
            case "commercial_subscribed":
                if value != .null { set.commercialSubscribed = reader.setting(value, path: here) }
            case "id", "__persistence_strategy__": break
            default: reader.problems.append("\(here): unknown key; accepted: \(known.joined(separator: ", "))")
            }
        }
        guard reader.problems.isEmpty else { throw EngineError(.invalidInput, reader.problems.joined(separator: "\n")) }
        return set
    }
}

/// Reads the parts of a preference set, collecting every problem.
struct PreferenceReader {
    var problems: [String] = []

    /// A map of settings; `null` is an empty map. Channel type keys are checked (`webhook` becomes `http`).
    mutating func settings(_ json: JSONValue, path: String, channelTypes: Bool) -> [String: PreferenceSetting] {
        if json == .null { return [:] }
        guard case .object(let object) = json else {
            problems.append("\(path): expected an object, found \(json.typeName)")
            return [:]
        }
        var result: [String: PreferenceSetting] = [:]
        for (key, value) in object where value != .null {
            var name = key
            if channelTypes {
                if name == "webhook" { name = "http" }
                guard PreferenceSet.channelTypeKeys.contains(name) else {
                    let accepted = PreferenceSet.channelTypeKeys.joined(separator: ", ")
                    problems.append("\(path).\(key): unknown channel type; accepted: \(accepted)")
                    continue
                }
            }
            if let setting = setting(value, path: "\(path).\(key)") { result[name] = setting }
        }
        return result
    }

    /// A Boolean or `{"conditions": [...]}`.
    mutating func setting(_ json: JSONValue, path: String) -> PreferenceSetting? {
        switch json {
        case .bool(let enabled): return .enabled(enabled)
        case .object(let object):
            for key in object.keys where key != "conditions" {
                problems.append("\(path).\(key): unknown key; accepted: conditions")
            }
            guard let conditions = object["conditions"] else {
                problems.append("\(path).conditions: required in a setting object")
                return nil
            }
            return self.conditions(conditions, path: "\(path).conditions").map(PreferenceSetting.conditions)
        default:
            problems.append("\(path): expected true, false or {\"conditions\": [...]}, found \(json.typeName)")
            return nil
        }
    }

    /// A workflow or category map; `null` is an empty map.
    mutating func workflowPreferences(_ json: JSONValue, path: String) -> [String: WorkflowPreference] {
        if json == .null { return [:] }
        guard case .object(let object) = json else {
            problems.append("\(path): expected an object, found \(json.typeName)")
            return [:]
        }
        var result: [String: WorkflowPreference] = [:]
        for (key, value) in object where value != .null {
            let here = "\(path).\(key)"
            switch value {
            case .bool(let enabled): result[key] = .enabled(enabled)
            case .object(let settings):
                var parsed = WorkflowPreferenceSettings()
                for (name, member) in settings {
                    switch name {
                    case "channel_types":
                        parsed.channelTypes = self.settings(member, path: "\(here).\(name)", channelTypes: true)
                    case "channels":
                        parsed.channels = self.settings(member, path: "\(here).\(name)", channelTypes: false)
                    case "conditions":
                        if member != .null { parsed.conditions = conditions(member, path: "\(here).\(name)") }
                    default:
                        problems.append("\(here).\(name): unknown key; accepted: channel_types, channels, conditions")
                    }
                }
                result[key] = .settings(parsed)
            default:
                problems.append(
                    "\(here): expected true, false or an object with channel_types, channels, conditions; found \(value.typeName)"
                )
            }
        }
        return result
    }

    /// A list of preference conditions (no message status).
    mutating func conditions(_ json: JSONValue, path: String) -> ConditionGroup? {
        guard case .array = json else {
            problems.append("\(path): expected a list of conditions, found \(json.typeName)")
            return nil
        }
        do throws(EngineError) {
            return try ConditionGroup.parse(json, path: path, allowMessageStatus: false)
        } catch {
            problems.append(error.message)
            return nil
        }
    }
}
