extension ChannelConfiguration {
    /// A configured channel: a provider under a stable id, used in every environment it is configured in.
    public struct Channel: Sendable, Hashable {
        /// The id: 1 to 64 characters of `a-z`, `0-9`, `-` and `_`; the same in every environment.
        public var id: String
        /// The provider that delivers it.
        public var provider: ProviderID
        /// A display name (the id if not given).
        public var name: String
        /// The kind of channel, from the provider's ``ProviderDefinition``.
        public var channelType: ChannelType
        /// The environments it is configured in, in the order the environments are declared.
        public var environments: [String]
        /// The configuration file that declares it.
        public var file: String

        /// Creates a channel.
        public init(
            id: String, provider: ProviderID, name: String, channelType: ChannelType, environments: [String],
            file: String
        ) {
            self.id = id
            self.provider = provider
            self.name = name
            self.channelType = channelType
            self.environments = environments
            self.file = file
        }
    }
}
