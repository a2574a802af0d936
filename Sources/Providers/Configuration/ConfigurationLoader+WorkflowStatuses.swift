extension ConfigurationLoader {
    /// Whether `key` is a valid workflow key: 1 to 255 characters of `a-z`, `0-9`, `-` and `_`.
    static func isValidWorkflowKey(_ key: String) -> Bool {
        (1...255).contains(key.utf8.count)
            && key.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
            }
    }

    /// Reads an environment's `workflows`: `{"<workflow key>": {"active": false}}`.
    ///
    /// - Returns: The statuses by workflow key, or `nil` if the value is invalid (each problem reported).
    mutating func workflowStatuses(_ value: JSONValue?, in file: String, at path: JSONPath) -> [String: Bool]? {
        guard let value else { return [:] }
        guard case .object(let object) = value else {
            report(
                file, path,
                #"expected an object of workflow statuses such as {"digest": {"active": false}}, found "#
                    + ConfigurationDescriptions.found(value))
            return nil
        }
        var statuses: [String: Bool] = [:]
        var isValid = true
        for (key, member) in object {
            let here = path.appending(key)
            guard Self.isValidWorkflowKey(key) else {
                report(
                    file, here, "invalid workflow key '\(key)': expected 1 to 255 characters of a-z, 0-9, '-' and '_'")
                isValid = false
                continue
            }
            guard case .object(let settings) = member else {
                report(
                    file, here, #"expected {"active": true|false}, found "# + ConfigurationDescriptions.found(member))
                isValid = false
                continue
            }
            for unknown in settings.keys where unknown != "active" {
                report(
                    file, here.appending(unknown), ConfigurationDescriptions.unknownKey(unknown, accepted: ["active"]))
                isValid = false
            }
            switch settings["active"] {
            case .bool(let active):
                statuses[key] = active
            case nil:
                report(file, here, "missing required key 'active' (expected true or false)")
                isValid = false
            case let other?:
                report(
                    file, here.appending("active"),
                    "expected true or false, found \(ConfigurationDescriptions.found(other))")
                isValid = false
            }
        }
        return isValid ? statuses : nil
    }

    /// Reads an environment's `channel_conditions`: `{"<channel id>": {"all": [...]}}` (or `"any"`). The
    /// channel ids are checked once channels are loaded; the conditions themselves by the workflow engine.
    mutating func channelConditions(_ value: JSONValue?, in file: String, at path: JSONPath) -> [String: JSONValue]? {
        guard let value else { return [:] }
        guard case .object(let object) = value else {
            report(
                file, path,
                #"expected an object of condition groups by channel id, such as {"postmark": {"all": [...]}}, found "#
                    + ConfigurationDescriptions.found(value))
            return nil
        }
        var conditions: [String: JSONValue] = [:]
        var isValid = true
        for (channel, group) in object {
            guard case .object(let members) = group, members.keys.count == 1,
                members["all"]?.arrayValue != nil || members["any"]?.arrayValue != nil
            else {
                report(
                    file, path.appending(channel),
                    #"expected a condition group {"all": [...]} or {"any": [...]}, found "#
                        + ConfigurationDescriptions.found(group))
                isValid = false
                continue
            }
            conditions[channel] = group
        }
        return isValid ? conditions : nil
    }
}
