import Foundation

extension ConfigurationLoader {
    /// The keys an environment accepts.
    static let environmentKeys = [
        "production", "timezone", "status_webhooks", "message_retention_days", "api_keys", "variables",
        "workflows", "channel_conditions",
    ]

    /// Whether `name` is a valid channel id or environment name: 1 to 64 of `a-z`, `0-9`, `-`, `_`.
    static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count)
            && name.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
            }
    }

    /// What ``isValidName(_:)`` accepts, for messages.
    static let nameRule = "1 to 64 characters of a-z, 0-9, '-' and '_'"

    /// Validates the `environments` of every file; an environment may be declared in one file only.
    mutating func loadEnvironments(rootFile: String) -> [ChannelConfiguration.Environment] {
        var environments: [ChannelConfiguration.Environment] = []
        var declaredAnywhere = false
        for document in documents {
            guard let value = document.root["environments"] else { continue }
            declaredAnywhere = true
            let path = JSONPath.root.appending("environments")
            guard case .object(let object) = value else {
                report(
                    document.file, path,
                    "expected an object of environments, found \(ConfigurationDescriptions.found(value))")
                continue
            }
            for (name, settings) in object {
                let environmentPath = path.appending(name)
                if !Self.isValidName(name) {
                    report(
                        document.file, environmentPath, "invalid environment name '\(name)': expected \(Self.nameRule)")
                }
                if let earlier = environments.first(where: { $0.name == name }) {
                    report(
                        document.file, environmentPath, "environment '\(name)' is already declared in '\(earlier.file)'"
                    )
                    continue
                }
                if let environment = environment(name, settings, in: document.file, at: environmentPath) {
                    environments.append(environment)
                } else {
                    invalidEnvironments.insert(name)
                }
            }
        }
        if !declaredAnywhere && !isIncomplete {
            report(
                rootFile, .root,
                "missing required key 'environments' (expected an object declaring at least one environment, "
                    + #"such as {"development": {"production": false}})"#)
        }
        return environments
    }

    private mutating func environment(
        _ name: String, _ value: JSONValue, in file: String, at path: JSONPath
    ) -> ChannelConfiguration.Environment? {
        guard case .object(let object) = value else {
            report(file, path, "expected an object, found \(ConfigurationDescriptions.found(value))")
            return nil
        }
        var isValid = true
        for key in object.keys where !Self.environmentKeys.contains(key) {
            report(file, path.appending(key), ConfigurationDescriptions.unknownKey(key, accepted: Self.environmentKeys))
            isValid = false
        }
        var isProduction = false
        switch object["production"] {
        case .bool(let flag):
            isProduction = flag
        case nil:
            report(file, path, "missing required key 'production' (expected true or false)")
            isValid = false
        case let other?:
            report(
                file, path.appending("production"),
                "expected true or false, found \(ConfigurationDescriptions.found(other))")
            isValid = false
        }
        var timezone = "Etc/UTC"
        switch object["timezone"] {
        case .string(let identifier) where TimeZone(identifier: identifier) != nil:
            timezone = identifier
        case nil:
            break
        case let other?:
            let found =
                other.stringValue.map { ConfigurationDescriptions.found($0, from: nil) }
                ?? ConfigurationDescriptions.found(other)
            report(
                file, path.appending("timezone"),
                "expected a time zone database name such as 'Etc/UTC' or 'Europe/Paris', found \(found)")
            isValid = false
        }
        var retentionDays: Int?
        if let value = object["message_retention_days"] {
            if let days = value.intValue, (1...3650).contains(days) {
                retentionDays = days
            } else {
                report(
                    file, path.appending("message_retention_days"),
                    "expected a whole number of days from 1 to 3650, found \(ConfigurationDescriptions.found(value))")
                isValid = false
            }
        }
        let statusWebhooks = statusWebhooks(object["status_webhooks"], in: file, at: path.appending("status_webhooks"))
        let workflows = workflowStatuses(object["workflows"], in: file, at: path.appending("workflows"))
        let conditions = channelConditions(
            object["channel_conditions"], in: file, at: path.appending("channel_conditions"))
        guard isValid, let statusWebhooks, let workflows, let conditions else { return nil }
        return ChannelConfiguration.Environment(
            name: name, isProduction: isProduction, timezone: timezone, file: file, statusWebhooks: statusWebhooks,
            messageRetentionDays: retentionDays, workflowStatuses: workflows, channelConditions: conditions)
    }

    /// Reads `status_webhooks`: `[{"channel": "<webhook channel id>", "events": ["message.delivered", …]}]`.
    /// The channels are checked once all channels are loaded (``checkStatusWebhooks(_:channels:)``).
    private mutating func statusWebhooks(
        _ value: JSONValue?, in file: String, at path: JSONPath
    ) -> [ChannelConfiguration.StatusWebhook]? {
        guard let value else { return [] }
        guard case .array(let elements) = value else {
            report(
                file, path,
                "expected an array of {\"channel\": …, \"events\": […]}, found \(ConfigurationDescriptions.found(value))"
            )
            return nil
        }
        var subscriptions: [ChannelConfiguration.StatusWebhook] = []
        var isValid = true
        for (index, element) in elements.enumerated() {
            let here = path.appending(index: index)
            guard case .object(let object) = element else {
                report(file, here, "expected an object, found \(ConfigurationDescriptions.found(element))")
                isValid = false
                continue
            }
            for key in object.keys where !["channel", "events"].contains(key) {
                report(
                    file, here.appending(key),
                    ConfigurationDescriptions.unknownKey(key, accepted: ["channel", "events"]))
                isValid = false
            }
            guard let channel = object["channel"]?.stringValue else {
                report(file, here, "missing required key 'channel' (the id of a webhook channel)")
                isValid = false
                continue
            }
            var events: Set<String>?
            if let list = object["events"] {
                let names = list.arrayValue?.compactMap(\.stringValue) ?? []
                let unknown = names.filter { !ChannelConfiguration.StatusWebhook.eventTypes.contains($0) }
                if list.arrayValue == nil || names.count != list.arrayValue?.count || !unknown.isEmpty || names.isEmpty
                {
                    report(
                        file, here.appending("events"),
                        "expected a non-empty array of event types (\(ChannelConfiguration.StatusWebhook.eventTypes.joined(separator: ", "))), found \(ConfigurationDescriptions.found(list))"
                    )
                    isValid = false
                    continue
                }
                events = Set(names)
            }
            subscriptions.append(ChannelConfiguration.StatusWebhook(channelID: channel, events: events))
        }
        return isValid ? subscriptions : nil
    }

    /// Checks that every status webhook names a `webhook` channel configured in its environment.
    mutating func checkStatusWebhooks(
        _ environments: [ChannelConfiguration.Environment], channels: [ChannelConfiguration.Channel]
    ) {
        for environment in environments {
            for (index, subscription) in environment.statusWebhooks.enumerated() {
                let path = JSONPath.root.appending("environments").appending(environment.name)
                    .appending("status_webhooks").appending(index: index).appending("channel")
                guard let channel = channels.first(where: { $0.id == subscription.channelID }) else {
                    report(
                        environment.file, path,
                        "unknown channel '\(subscription.channelID)'; status webhooks name a webhook channel")
                    continue
                }
                if channel.channelType != .webhook {
                    report(
                        environment.file, path,
                        "channel '\(channel.id)' is a \(channel.channelType.rawValue) channel; status webhooks need a webhook channel"
                    )
                } else if !channel.environments.contains(environment.name) {
                    report(
                        environment.file, path,
                        "channel '\(channel.id)' is not configured in environment '\(environment.name)'")
                }
            }
        }
    }
}
