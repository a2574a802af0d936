public import Foundation
public import Providers

/// What the workflow engine needs to know about one environment: its default time zone, variables,
/// workflow statuses, channels and channel conditions.
public struct WorkflowEnvironment: Sendable {
    /// The environment's name.
    public var name: String
    /// The default time zone for recipients without one.
    public var timeZone: TimeZone
    /// The variables (`vars`), by key.
    public var variables: [String: ConfigurationVariable]
    /// Workflow statuses set here; workflows are active unless set to `false`.
    public var workflowStatuses: [String: Bool]
    /// The channels configured and enabled here, with their types.
    public var channels: [String: ChannelType]
    /// Channel conditions by channel id.
    public var channelConditions: [String: ConditionGroup]
    /// Channel groups by key (the same in every environment; their channels may not all be configured here).
    public var channelGroups: [String: ChannelGroup]

    /// Creates an environment.
    public init(
        name: String, timeZone: TimeZone = TimeZone(identifier: "Etc/UTC")!,
        variables: [String: ConfigurationVariable] = [:], workflowStatuses: [String: Bool] = [:],
        channels: [String: ChannelType] = [:], channelConditions: [String: ConditionGroup] = [:],
        channelGroups: [String: ChannelGroup] = [:]
    ) {
        self.name = name
        self.timeZone = timeZone
        self.variables = variables
        self.workflowStatuses = workflowStatuses
        self.channels = channels
        self.channelConditions = channelConditions
        self.channelGroups = channelGroups
    }

    /// Whether the workflow is active here.
    public func isActive(_ workflowKey: String) -> Bool {
        workflowStatuses[workflowKey] ?? true
    }

    /// The `vars` object of a run's scope.
    public var variablesObject: JSONObject {
        JSONObject(variables.keys.sorted().compactMap { key in variables[key].map { (key, $0.value) } })
    }

    /// The public (non-secret) variables as a JSON object, for API output such as a feed's `vars`.
    ///
    /// Secret variables are never included.
    public var publicVariablesObject: JSONObject {
        JSONObject(
            variables.keys.sorted().compactMap { key in
                variables[key].flatMap { $0.isSecret ? nil : (key, $0.value) }
            })
    }

    /// The values of secret variables, to redact from logs.
    public var secretValues: [String] {
        variables.values.filter(\.isSecret).compactMap { variable in
            variable.value.stringValue ?? variable.value.encoded()
        }
    }

    /// Every environment of a configuration, with channel conditions and channel groups parsed.
    ///
    /// - Throws: ``EngineError`` with code ``EngineError/Code/invalidInput`` naming the configuration path of
    ///   an invalid channel condition or channel group rule.
    public static func all(from configuration: ChannelConfiguration) throws -> [String: WorkflowEnvironment] {
        var result: [String: WorkflowEnvironment] = [:]
        var groups: [String: ChannelGroup] = [:]
        for group in configuration.channelGroups { groups[group.key] = try ChannelGroup(group) }
        for environment in configuration.environments {
            var channels: [String: ChannelType] = [:]
            for settings in configuration.settings(in: environment.name) where settings.isEnabled {
                channels[settings.channelID] = configuration.channel(id: settings.channelID)?.channelType
            }
            var conditions: [String: ConditionGroup] = [:]
            for (channel, json) in environment.channelConditions {
                let path = "\(environment.file): $.environments.\(environment.name).channel_conditions.\(channel)"
                conditions[channel] = try ConditionGroup.parse(json, path: path, allowMessageStatus: false)
            }
            result[environment.name] = WorkflowEnvironment(
                name: environment.name, timeZone: TimeZone(identifier: environment.timezone) ?? .gmt,
                variables: environment.variables, workflowStatuses: environment.workflowStatuses, channels: channels,
                channelConditions: conditions, channelGroups: groups)
        }
        return result
    }
}
