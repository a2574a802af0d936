extension PreferenceSet {
    /// This set laid over a tenant's default set (`settings.preference_set`): what this set says wins, and
    /// what it leaves unset comes from the default.
    ///
    /// Channel type and channel settings merge key by key. A workflow or category set in both merges when both
    /// are objects (their channel settings key by key, this set's conditions if it has any); otherwise this
    /// set's value wins. The id stays this set's.
    ///
    /// - Parameter tenantDefault: The tenant's default preference set.
    /// - Returns: The merged set.
    public func merging(tenantDefault: PreferenceSet) -> PreferenceSet {
        PreferenceSet(
            id: id,
            channelTypes: tenantDefault.channelTypes.merging(channelTypes) { _, own in own },
            channels: tenantDefault.channels.merging(channels) { _, own in own },
            workflows: tenantDefault.workflows.merging(workflows, uniquingKeysWith: Self.merge),
            categories: tenantDefault.categories.merging(categories, uniquingKeysWith: Self.merge),
            commercialSubscribed: commercialSubscribed ?? tenantDefault.commercialSubscribed)
    }

    private static func merge(_ base: WorkflowPreference, _ own: WorkflowPreference) -> WorkflowPreference {
        guard case .settings(let baseSettings) = base, case .settings(let ownSettings) = own else { return own }
        return .settings(
            WorkflowPreferenceSettings(
                channelTypes: baseSettings.channelTypes.merging(ownSettings.channelTypes) { _, own in own },
                channels: baseSettings.channels.merging(ownSettings.channels) { _, own in own },
                conditions: ownSettings.conditions ?? baseSettings.conditions))
    }
}
