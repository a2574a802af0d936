extension ConfigurationLoader {
    /// Validates the `channel_groups` of every file: each group's structure, and that every rule names a
    /// declared channel of the group's type. A group may be declared in one file only.
    mutating func loadChannelGroups(channels: [ChannelConfiguration.Channel]) -> [ChannelGroupConfiguration] {
        var groups: [ChannelGroupConfiguration] = []
        var declaredIn: [String: String] = [:]
        let types = Dictionary(channels.map { ($0.id, $0.channelType) }, uniquingKeysWith: { first, _ in first })
        for document in documents {
            guard let value = document.root["channel_groups"] else { continue }
            let path = JSONPath.root.appending("channel_groups")
            guard case .object(let object) = value else {
                report(
                    document.file, path,
                    "expected an object of channel groups by key, found \(ConfigurationDescriptions.found(value))")
                continue
            }
            for (key, groupValue) in object {
                let groupPath = path.appending(key)
                if !Self.isValidName(key) {
                    report(document.file, groupPath, "invalid channel group key '\(key)': expected \(Self.nameRule)")
                    continue
                }
                if let earlier = declaredIn[key] {
                    report(document.file, groupPath, "channel group '\(key)' is already declared in '\(earlier)'")
                    continue
                }
                declaredIn[key] = document.file
                if let group = channelGroup(key, groupValue, in: document.file, at: groupPath, types: types) {
                    groups.append(group)
                }
            }
        }
        return groups
    }

    private mutating func channelGroup(
        _ key: String, _ value: JSONValue, in file: String, at path: JSONPath, types: [String: ChannelType]
    ) -> ChannelGroupConfiguration? {
        let before = issues.count
        guard let object = object(value, accepting: ChannelGroupConfiguration.keys, what: "an object", file, path)
        else { return nil }
        let name = object["name"]?.stringValue ?? key
        if let nameValue = object["name"], nameValue.stringValue == nil {
            report(file, path.appending("name"), "expected a string, found \(Self.shown(nameValue))")
        }
        let accepted = ChannelGroupConfiguration.channelTypes.keys.sorted().joined(separator: ", ")
        guard let typeName = object["channel_type"]?.stringValue,
            let channelType = ChannelGroupConfiguration.channelTypes[typeName]
        else {
            report(
                file, path.appending("channel_type"),
                "expected one of \(accepted), found \(object["channel_type"].map(Self.shown) ?? "nothing")"
            )
            return nil
        }
        var groupOperator = ChannelGroupConfiguration.Operator.any
        if let operatorValue = object["operator"] {
            if let parsed = operatorValue.stringValue.flatMap(ChannelGroupConfiguration.Operator.init(rawValue:)) {
                groupOperator = parsed
            } else {
                report(
                    file, path.appending("operator"),
                    "expected 'any' or 'all', found \(Self.shown(operatorValue))")
            }
        }
        guard case .array(let ruleValues)? = object["channel_rules"], !ruleValues.isEmpty else {
            report(
                file, path.appending("channel_rules"),
                "expected a non-empty array of rules such as {\"channel_key\": \"apns\", \"rule_type\": \"always\"}, found "
                    + (object["channel_rules"].map(Self.shown) ?? "nothing"))
            return nil
        }
        var indexed: [(index: Double, position: Int, rule: ChannelGroupConfiguration.Rule)] = []
        for (position, ruleValue) in ruleValues.enumerated() {
            let rulePath = path.appending("channel_rules").appending(index: position)
            guard
                let (index, rule) = channelGroupRule(
                    ruleValue, in: file, at: rulePath, groupType: channelType, types: types)
            else { continue }
            indexed.append((index ?? Double(position), position, rule))
        }
        guard issues.count == before else { return nil }
        let rules = indexed.sorted { ($0.index, $0.position) < ($1.index, $1.position) }.map(\.rule)
        return ChannelGroupConfiguration(
            key: key, name: name, channelType: channelType, operator: groupOperator, rules: rules, file: file)
    }

    /// One rule and its `index`, or `nil` after reporting what is wrong.
    private mutating func channelGroupRule(
        _ value: JSONValue, in file: String, at path: JSONPath, groupType: ChannelType, types: [String: ChannelType]
    ) -> (Double?, ChannelGroupConfiguration.Rule)? {
        let before = issues.count
        guard
            let object = object(value, accepting: ChannelGroupConfiguration.ruleKeys, what: "a rule object", file, path)
        else { return nil }
        let channelKey = object["channel_key"]?.stringValue ?? ""
        if let type = types[channelKey] {
            if type != groupType {
                report(
                    file, path.appending("channel_key"),
                    "channel '\(channelKey)' has channel type \(type.rawValue); this group's channels must be \(groupType.rawValue)"
                )
            }
        } else {
            report(
                file, path.appending("channel_key"),
                "expected the id of a declared channel (\(types.keys.sorted().joined(separator: ", "))), found "
                    + (object["channel_key"].map(Self.shown) ?? "nothing"))
        }
        let kinds = ChannelGroupConfiguration.Rule.Kind.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        guard let kind = object["rule_type"]?.stringValue.flatMap(ChannelGroupConfiguration.Rule.Kind.init(rawValue:))
        else {
            report(
                file, path.appending("rule_type"),
                "expected one of \(kinds), found \(object["rule_type"].map(Self.shown) ?? "nothing")")
            return nil
        }
        var condition: JSONObject?
        if kind != .always {
            guard object["variable"]?.stringValue != nil, object["operator"]?.stringValue != nil else {
                report(
                    file, path, "an '\(kind.rawValue)' rule needs 'variable' and 'operator' (and usually 'argument')")
                return nil
            }
            condition = JSONObject(
                ["variable", "operator", "argument"].compactMap { name in object[name].map { (name, $0) } })
        }
        var index: Double?
        if let indexValue = object["index"] {
            if case .number(let number) = indexValue {
                index = number
            } else {
                report(
                    file, path.appending("index"),
                    "expected a number, found \(ConfigurationDescriptions.found(indexValue))")
            }
        }
        guard issues.count == before else { return nil }
        return (index, ChannelGroupConfiguration.Rule(channelKey: channelKey, kind: kind, condition: condition))
    }

    /// `value` as an object, reporting it when it is not one and each key it has that is not `accepted`.
    private mutating func object(
        _ value: JSONValue, accepting accepted: [String], what: String, _ file: String, _ path: JSONPath
    ) -> JSONObject? {
        guard case .object(let object) = value else {
            report(file, path, "expected \(what), found \(ConfigurationDescriptions.found(value))")
            return nil
        }
        for name in object.keys where !accepted.contains(name) {
            report(file, path.appending(name), ConfigurationDescriptions.unknownKey(name, accepted: accepted))
        }
        return object
    }

    /// A value in a message: a string quoted, anything else by its type.
    private static func shown(_ value: JSONValue) -> String {
        value.stringValue.map { ConfigurationDescriptions.found($0, from: nil) }
            ?? ConfigurationDescriptions.found(value)
    }
}
