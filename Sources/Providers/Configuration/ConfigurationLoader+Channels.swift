extension ConfigurationLoader {
    /// The keys a channel accepts.
    static let channelKeys = ["provider", "name", "environments"]

    /// Validates the `channels` of every file against the registry; a channel may be declared in one file only.
    ///
    /// - Returns: The channels and their settings by channel id and environment name.
    mutating func loadChannels(
        environments: [ChannelConfiguration.Environment]
    ) -> ([ChannelConfiguration.Channel], [String: [String: ChannelSettings]]) {
        var channels: [ChannelConfiguration.Channel] = []
        var settings: [String: [String: ChannelSettings]] = [:]
        var declaredIn: [String: String] = [:]
        for document in documents {
            guard let value = document.root["channels"] else { continue }
            let path = JSONPath.root.appending("channels")
            guard case .object(let object) = value else {
                report(
                    document.file, path,
                    "expected an object of channels, found \(ConfigurationDescriptions.found(value))")
                continue
            }
            for (id, channelValue) in object {
                let channelPath = path.appending(id)
                if !Self.isValidName(id) {
                    report(document.file, channelPath, "invalid channel id '\(id)': expected \(Self.nameRule)")
                }
                if let earlier = declaredIn[id] {
                    report(document.file, channelPath, "channel '\(id)' is already declared in '\(earlier)'")
                    continue
                }
                declaredIn[id] = document.file
                guard
                    let (channel, channelSettings) = channel(
                        id, channelValue, in: document.file, at: channelPath, environments: environments)
                else { continue }
                channels.append(channel)
                settings[id] = channelSettings
            }
        }
        return (channels, settings)
    }

    private mutating func channel(
        _ id: String, _ value: JSONValue, in file: String, at path: JSONPath,
        environments: [ChannelConfiguration.Environment]
    ) -> (ChannelConfiguration.Channel, [String: ChannelSettings])? {
        guard case .object(let object) = value else {
            report(file, path, "expected an object, found \(ConfigurationDescriptions.found(value))")
            return nil
        }
        for key in object.keys where !Self.channelKeys.contains(key) {
            report(file, path.appending(key), ConfigurationDescriptions.unknownKey(key, accepted: Self.channelKeys))
        }
        var name = id
        if let nameValue = object["name"] {
            if case .string(let text) = nameValue {
                name = text
            } else {
                report(
                    file, path.appending("name"),
                    "expected a string, found \(ConfigurationDescriptions.found(nameValue))")
            }
        }
        let definition = providerDefinition(object["provider"], in: file, at: path)
        guard let environmentsValue = object["environments"] else {
            report(
                file, path, "missing required key 'environments' (expected an object of settings by environment name)")
            return nil
        }
        let environmentsPath = path.appending("environments")
        guard case .object(let configured) = environmentsValue else {
            report(
                file, environmentsPath,
                "expected an object of settings by environment name, found \(ConfigurationDescriptions.found(environmentsValue))"
            )
            return nil
        }
        var settings: [String: ChannelSettings] = [:]
        for (environmentName, settingsValue) in configured {
            let settingsPath = environmentsPath.appending(environmentName)
            guard let environment = environments.first(where: { $0.name == environmentName }) else {
                // Declared with invalid settings, or maybe in a file that did not parse: already reported.
                if invalidEnvironments.contains(environmentName) || isIncomplete { continue }
                reportUnknownEnvironment(
                    environmentName, declared: environments.map(\.name), in: file, at: settingsPath)
                continue
            }
            guard let definition else { continue }
            if let channelSettings = self.settings(
                settingsValue, channel: id, definition: definition, environment: environment, in: file, at: settingsPath
            ) {
                settings[environmentName] = channelSettings
            }
        }
        guard let definition else { return nil }
        let channelType = self.channelType(
            of: definition, settings: settings, environments: environments, in: file, at: environmentsPath)
        let channel = ChannelConfiguration.Channel(
            id: id, provider: definition.id, name: name, channelType: channelType,
            environments: environments.map(\.name).filter { settings[$0] != nil }, file: file)
        return (channel, settings)
    }

    /// The channel's type: the provider's, or for a provider whose settings choose it (the outbox), the
    /// type chosen in the first environment, which every other environment must choose too.
    private mutating func channelType(
        of definition: ProviderDefinition, settings: [String: ChannelSettings],
        environments: [ChannelConfiguration.Environment], in file: String, at path: JSONPath
    ) -> ChannelType {
        guard let setting = definition.channelTypeSetting else { return definition.channelType }
        let chosen = environments.compactMap { environment in
            settings[environment.name].map { (environment.name, definition.channelType(for: $0)) }
        }
        guard let (firstEnvironment, firstType) = chosen.first else { return definition.channelType }
        for (environment, type) in chosen.dropFirst() where type != firstType {
            report(
                file, path.appending(environment).appending(setting),
                "'\(type.rawValue)' differs from '\(firstType.rawValue)' in environment '\(firstEnvironment)': "
                    + "a channel has the same \(setting) in every environment")
        }
        return firstType
    }

    private mutating func providerDefinition(_ value: JSONValue?, in file: String, at path: JSONPath)
        -> ProviderDefinition?
    {
        let known = registry.all.map(\.id.rawValue)
        let knownList =
            known.isEmpty ? "no providers are registered" : "known providers: \(known.joined(separator: ", "))"
        switch value {
        case nil:
            report(file, path, "missing required key 'provider' (\(knownList))")
        case .string(let name):
            if let definition = registry.definition(for: ProviderID(name)) { return definition }
            var message = "unknown provider '\(name)'"
            if let suggestion = KeySuggestion.closest(to: name, in: known) {
                message += "; did you mean '\(suggestion)'?"
            }
            report(file, path.appending("provider"), message + " (\(knownList))")
        case let other?:
            report(
                file, path.appending("provider"),
                "expected a provider name (\(knownList)), found \(ConfigurationDescriptions.found(other))")
        }
        return nil
    }

    private mutating func reportUnknownEnvironment(
        _ name: String, declared: [String], in file: String, at path: JSONPath
    ) {
        var message = "unknown environment '\(name)'"
        if let suggestion = KeySuggestion.closest(to: name, in: declared) {
            message += "; did you mean '\(suggestion)'?"
        }
        report(file, path, message + " (declared environments: \(ConfigurationDescriptions.plainList(declared)))")
    }

    /// Validates one channel environment's settings: the common ones and the provider's.
    private mutating func settings(
        _ value: JSONValue, channel id: String, definition: ProviderDefinition,
        environment: ChannelConfiguration.Environment, in file: String, at path: JSONPath
    ) -> ChannelSettings? {
        let schema = ChannelConfiguration.environmentSettings(for: definition)
        var validator = SettingsValidator(
            file: file, environment: environment.name, isProduction: environment.isProduction, resolver: resolver)
        let validated = validator.validateObject(value, schema: schema, at: path)
        issues += validator.issues
        guard var values = validated, validator.issues.isEmpty else { return nil }
        let baseURL = values["base_url"]?.stringValue
        let isSandbox = values["sandbox"]?.boolValue ?? false
        let isEnabled = values["enabled"]?.boolValue ?? true
        let rateLimit = values["rate_limit"].flatMap { limit -> RateLimit? in
            guard let maximum = limit["max"]?.intValue,
                let period = limit["per"]?.stringValue.flatMap(RateLimit.Period.init)
            else { return nil }
            return RateLimit(maximum: maximum, per: period, burst: limit["burst"]?.intValue)
        }
        let retry = values["retry"].map { retry in
            RetrySettings(
                maximumAttempts: retry["max_attempts"]?.intValue,
                initialDelaySeconds: retry["initial_delay_seconds"]?.intValue,
                maximumDelaySeconds: retry["max_delay_seconds"]?.intValue)
        }
        let concurrency = values["concurrency"]?.intValue
        let removesDeadTokens = values["remove_dead_tokens"]?.boolValue ?? true
        let deliveryLog = values["delivery_log"]?.stringValue.flatMap(DeliveryLogDetail.init) ?? .default
        for name in ChannelConfiguration.commonSettingNames { values[name] = nil }
        return ChannelSettings(
            channelID: id, provider: definition.id, environment: environment.name,
            isProduction: environment.isProduction, baseURL: baseURL, isSandbox: isSandbox, rateLimit: rateLimit,
            concurrency: concurrency, retry: retry, removesDeadTokens: removesDeadTokens,
            isEnabled: isEnabled, deliveryLog: deliveryLog, values: values, secrets: validator.secrets)
    }
}
