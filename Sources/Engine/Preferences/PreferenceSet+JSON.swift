public import Providers

extension PreferenceSet {
    /// Knock's `PreferenceSet` response shape: `id`, then `categories`, `channel_types`, `channels`,
    /// `commercial_subscribed` and `workflows`, each `null` when unset; map keys sorted.
    public var json: JSONValue {
        [
            "id": .string(id),
            "categories": Self.json(categories),
            "channel_types": Self.json(channelTypes),
            "channels": Self.json(channels),
            "commercial_subscribed": commercialSubscribed?.json ?? .null,
            "workflows": Self.json(workflows),
        ]
    }

    static func json(_ settings: [String: PreferenceSetting]) -> JSONValue {
        settings.isEmpty
            ? .null : .object(JSONObject(settings.sorted { $0.key < $1.key }.map { ($0.key, $0.value.json) }))
    }

    static func json(_ preferences: [String: WorkflowPreference]) -> JSONValue {
        preferences.isEmpty
            ? .null : .object(JSONObject(preferences.sorted { $0.key < $1.key }.map { ($0.key, $0.value.json) }))
    }
}

extension PreferenceSetting {
    /// `true`, `false` or `{"conditions": [...]}`.
    public var json: JSONValue {
        switch self {
        case .enabled(let enabled): .bool(enabled)
        case .conditions(let group): ["conditions": group.listJSON]
        }
    }
}

extension WorkflowPreference {
    /// `true`, `false` or `{"channel_types": ..., "channels": ..., "conditions": ...}`.
    public var json: JSONValue {
        switch self {
        case .enabled(let enabled):
            return .bool(enabled)
        case .settings(let settings):
            var object: JSONObject = [:]
            if !settings.channelTypes.isEmpty { object["channel_types"] = PreferenceSet.json(settings.channelTypes) }
            if !settings.channels.isEmpty { object["channels"] = PreferenceSet.json(settings.channels) }
            object["conditions"] = settings.conditions?.listJSON ?? .null
            return .object(object)
        }
    }
}

extension ConditionGroup {
    /// The list form preference conditions use: the conditions of a root `all` as an array, else the group.
    var listJSON: JSONValue {
        if case .all(let nodes) = root { return .array(nodes.map(\.json)) }
        return json
    }
}
