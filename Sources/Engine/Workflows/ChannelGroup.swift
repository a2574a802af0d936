public import Providers

/// A channel group with its rules' conditions parsed: which of its channels a channel step sends through
/// for one recipient run.
///
/// Rules are grouped by channel, in the order each channel first appears. A channel is selected when its
/// rules hold: any of them with the `any` operator (the default), every one with `all`. An `always` rule
/// holds; an `if` rule holds when its condition is true and an `unless` rule when it is false. The step
/// sends one message through every selected channel.
public struct ChannelGroup: Sendable {
    /// One rule: a channel, and when it applies.
    public struct Rule: Sendable {
        /// The channel.
        public var channelKey: String
        /// `always`, `if` or `unless`.
        public var kind: ChannelGroupConfiguration.Rule.Kind
        /// The condition of an `if` or `unless` rule.
        public var condition: ConditionGroup?
    }

    /// The group's key.
    public var key: String
    /// The type of its channels.
    public var channelType: ChannelType
    /// How each channel's rules combine.
    public var `operator`: ChannelGroupConfiguration.Operator
    /// The rules, in order.
    public var rules: [Rule]

    /// Parses a configured group's conditions.
    ///
    /// - Throws: ``EngineError/Code/invalidInput`` naming the file and JSON path of a condition that does not
    ///   parse (message-status conditions are not accepted here, as for channel conditions).
    public init(_ configuration: ChannelGroupConfiguration) throws(EngineError) {
        key = configuration.key
        channelType = configuration.channelType
        `operator` = configuration.operator
        var rules: [Rule] = []
        for (index, rule) in configuration.rules.enumerated() {
            var condition: ConditionGroup?
            if let written = rule.condition {
                let path = "\(configuration.file): $.channel_groups.\(configuration.key).channel_rules[\(index)]"
                condition = try ConditionGroup.parse(.array([.object(written)]), path: path, allowMessageStatus: false)
            }
            rules.append(Rule(channelKey: rule.channelKey, kind: rule.kind, condition: condition))
        }
        self.rules = rules
    }

    /// The channels selected in `scope`, in rule order, and a trace of every rule for the step log:
    /// `[{"channel", "rule_type", "holds", "conditions"?}]`.
    public func selectedChannels(in scope: ConditionScope) -> (channels: [String], trace: JSONValue) {
        var order: [String] = []
        var holds: [String: [Bool]] = [:]
        var trace: [JSONValue] = []
        for rule in rules {
            var entry: JSONObject = ["channel": .string(rule.channelKey), "rule_type": .string(rule.kind.rawValue)]
            let result: Bool
            switch rule.kind {
            case .always:
                result = true
            case .if, .unless:
                let evaluation = rule.condition?.evaluate(in: scope)
                entry["conditions"] = evaluation?.json ?? .null
                result = (evaluation?.passed ?? false) == (rule.kind == .if)
            }
            entry["holds"] = .bool(result)
            trace.append(.object(entry))
            if holds[rule.channelKey] == nil { order.append(rule.channelKey) }
            holds[rule.channelKey, default: []].append(result)
        }
        let selected = order.filter { channel in
            let results = holds[channel] ?? []
            return `operator` == .all ? results.allSatisfy { $0 } : results.contains(true)
        }
        return (selected, .array(trace))
    }
}
