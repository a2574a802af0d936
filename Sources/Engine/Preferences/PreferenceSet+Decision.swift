public import Providers

extension PreferenceSet {
    /// Whether a message on a channel for a workflow is allowed, Knock's way.
    ///
    /// Applicable preferences, in the order checked:
    /// 1. `workflows.<key>`: a Boolean; or an object whose `conditions` must hold and whose channel setting
    ///    (by channel id, else by channel type) must allow;
    /// 2. `categories.<category>` for each of the workflow's categories (case-sensitive), the same way;
    /// 3. the channel: `channels.<id>` when set, else `channel_types.<type>` (channel id takes precedence);
    /// 4. `commercial_subscribed`, for commercial workflows only.
    ///
    /// Every applicable preference must allow; unset preferences allow. Conditions are evaluated with the run
    /// scope, without message statuses.
    ///
    /// - Parameters:
    ///   - workflowKey: The workflow's key.
    ///   - categories: The workflow's categories.
    ///   - channelType: The channel step's channel type.
    ///   - channelID: The channel's id.
    ///   - scope: The run's scope, for preference conditions.
    ///   - commercial: Whether the workflow is commercial (then `commercial_subscribed` applies).
    /// - Returns: The decision, with every applicable preference's verdict.
    public func decision(
        workflowKey: String, categories workflowCategories: [String], channelType: ChannelType, channelID: String,
        scope: ConditionScope, commercial: Bool = false
    ) -> PreferenceDecision {
        var scope = scope
        scope.refs = [:]
        let typeKey = Self.key(for: channelType)
        var checks: [PreferenceCheck] = []
        if let preference = workflows[workflowKey] {
            checks += Self.checks(
                preference, path: "workflows.\(workflowKey)", typeKey: typeKey, channelID: channelID, scope: scope)
        }
        var seen: Set<String> = []
        for category in workflowCategories where seen.insert(category).inserted {
            guard let preference = categories[category] else { continue }
            checks += Self.checks(
                preference, path: "categories.\(category)", typeKey: typeKey, channelID: channelID, scope: scope)
        }
        if let check = Self.channelCheck(
            channelTypes, channels, path: "", typeKey: typeKey, channelID: channelID, scope: scope)
        {
            checks.append(check)
        }
        if commercial, let setting = commercialSubscribed {
            checks.append(Self.check(setting, path: "commercial_subscribed", scope: scope))
        }
        return PreferenceDecision(checks: checks)
    }

    private static func checks(
        _ preference: WorkflowPreference, path: String, typeKey: String, channelID: String, scope: ConditionScope
    ) -> [PreferenceCheck] {
        switch preference {
        case .enabled(let enabled):
            return [PreferenceCheck(preference: path, allowed: enabled)]
        case .settings(let settings):
            var checks: [PreferenceCheck] = []
            if let conditions = settings.conditions {
                let evaluation = conditions.evaluate(in: scope)
                checks.append(
                    PreferenceCheck(
                        preference: "\(path).conditions", allowed: evaluation.passed, conditions: evaluation))
            }
            if let check = channelCheck(
                settings.channelTypes, settings.channels, path: "\(path).", typeKey: typeKey, channelID: channelID,
                scope: scope)
            {
                checks.append(check)
            }
            return checks
        }
    }

    /// The channel setting that applies: by channel id first, else by channel type; `nil` when neither is set.
    private static func channelCheck(
        _ channelTypes: [String: PreferenceSetting], _ channels: [String: PreferenceSetting], path: String,
        typeKey: String, channelID: String, scope: ConditionScope
    ) -> PreferenceCheck? {
        if let setting = channels[channelID] {
            return check(setting, path: "\(path)channels.\(channelID)", scope: scope)
        }
        if let setting = channelTypes[typeKey] {
            return check(setting, path: "\(path)channel_types.\(typeKey)", scope: scope)
        }
        return nil
    }

    private static func check(_ setting: PreferenceSetting, path: String, scope: ConditionScope) -> PreferenceCheck {
        switch setting {
        case .enabled(let enabled):
            return PreferenceCheck(preference: path, allowed: enabled)
        case .conditions(let group):
            let evaluation = group.evaluate(in: scope)
            return PreferenceCheck(preference: "\(path).conditions", allowed: evaluation.passed, conditions: evaluation)
        }
    }
}
