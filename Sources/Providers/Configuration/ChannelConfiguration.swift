/// The channels a host can deliver through, validated, with their settings in every environment.
///
/// Load it from a JSON file (see `docs/configuration.md`) with
/// ``load(from:registry:environmentVariables:fileReader:)``, or from bytes with
/// ``load(json:name:registry:environmentVariables:fileReader:)``. A channel has one stable id in every
/// environment and separate settings per environment; a channel not configured in an environment is not
/// available there.
///
/// ```swift
/// let configuration = try ChannelConfiguration.load(from: "delivery-host.json", registry: .standard)
/// let settings = try configuration.requireSettings(channel: "postmark-transactional", environment: "production")
/// ```
public struct ChannelConfiguration: Sendable {
    /// The declared environments, in the order declared (the root file first, then included files).
    public private(set) var environments: [Environment]
    /// The channels, in the order declared (the root file first, then included files).
    public private(set) var channels: [Channel]
    /// Every file read: the root file, then included files in the order they were included.
    public private(set) var files: [String]
    /// The environments whose references were resolved at load time; `nil` when all were.
    public private(set) var resolvedEnvironments: Set<String>?
    /// The `host` section: how `delivery-host serve` listens, stores and logs (defaults when absent).
    public internal(set) var server = ServerSettings()
    /// Each environment's API keys (`api_keys`, resolved), by environment name; environments without keys,
    /// or whose references were not resolved, are left out. These are secrets: never log or print them.
    public internal(set) var apiKeys: [String: [String]] = [:]
    /// The channel groups (`channel_groups`), in the order declared; the same in every environment.
    public internal(set) var channelGroups: [ChannelGroupConfiguration] = []
    private var settingsByChannel: [String: [String: ChannelSettings]]

    init(
        environments: [Environment], channels: [Channel], files: [String],
        settings: [String: [String: ChannelSettings]], resolvedEnvironments: Set<String>? = nil
    ) {
        self.environments = environments
        self.channels = channels
        self.files = files
        self.settingsByChannel = settings
        self.resolvedEnvironments = resolvedEnvironments
    }

    /// The environment called `name`.
    public func environment(named name: String) -> Environment? {
        environments.first { $0.name == name }
    }

    /// The channel with id `id`.
    public func channel(id: String) -> Channel? {
        channels.first { $0.id == id }
    }

    /// A channel's settings in an environment, or `nil` if the channel is not configured there.
    ///
    /// Settings are returned even if the channel is disabled there (see ``ChannelSettings/isEnabled``).
    ///
    /// - Parameters:
    ///   - channel: The channel's id.
    ///   - environment: The environment's name.
    public func settings(channel: String, environment: String) -> ChannelSettings? {
        settingsByChannel[channel]?[environment]
    }

    /// The settings of every channel configured in an environment, in channel order.
    ///
    /// - Parameter environment: The environment's name.
    public func settings(in environment: String) -> [ChannelSettings] {
        channels.compactMap { settingsByChannel[$0.id]?[environment] }
    }

    /// A channel's settings in an environment, where the channel must be configured and enabled.
    ///
    /// - Parameters:
    ///   - channel: The channel's id.
    ///   - environment: The environment's name.
    /// - Returns: The channel's settings.
    /// - Throws: ``ConfigurationError`` with one issue that says where to fix it: the environment is not
    ///   declared, the channel is unknown, the channel is not configured in the environment (listing where it
    ///   is), the channel is disabled there, or the environment's references were not resolved at load time.
    public func requireSettings(channel id: String, environment name: String) throws -> ChannelSettings {
        let rootFile = files.first ?? ""
        guard environment(named: name) != nil else {
            throw issue(
                rootFile, .root.appending("environments"), unknown: "environment", name, environments.map(\.name))
        }
        guard resolvedEnvironments?.contains(name) ?? true else {
            let message =
                "environment '\(name)' was loaded without resolving its $env/$file references "
                + "(resolved: \(ConfigurationDescriptions.plainList((resolvedEnvironments ?? []).sorted())))"
            throw ConfigurationError(issues: [
                ConfigurationIssue(file: rootFile, path: "$.environments", message: message)
            ])
        }
        guard let channel = channel(id: id) else {
            throw issue(rootFile, .root.appending("channels"), unknown: "channel", id, channels.map(\.id))
        }
        let path = JSONPath.root.appending("channels").appending(id).appending("environments")
        guard let settings = settings(channel: id, environment: name) else {
            let message =
                "channel '\(id)' is not configured in environment '\(name)'; configured in: "
                + ConfigurationDescriptions.plainList(channel.environments)
            throw ConfigurationError(issues: [ConfigurationIssue(file: channel.file, path: "\(path)", message: message)]
            )
        }
        guard settings.isEnabled else {
            let message = "channel '\(id)' is disabled in environment '\(name)' (enabled is false)"
            let enabledPath = path.appending(name).appending("enabled")
            throw ConfigurationError(
                issues: [ConfigurationIssue(file: channel.file, path: "\(enabledPath)", message: message)])
        }
        return settings
    }

    private func issue(_ file: String, _ path: JSONPath, unknown noun: String, _ name: String, _ known: [String])
        -> ConfigurationError
    {
        var message = "unknown \(noun) '\(name)'"
        if let suggestion = KeySuggestion.closest(to: name, in: known) { message += "; did you mean '\(suggestion)'?" }
        message += " (configured: \(ConfigurationDescriptions.plainList(known)))"
        return ConfigurationError(issues: [ConfigurationIssue(file: file, path: "\(path)", message: message)])
    }
}
