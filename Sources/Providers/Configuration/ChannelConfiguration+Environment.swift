extension ChannelConfiguration {
    /// A declared environment, such as `development` or `production`.
    ///
    /// ```json
    /// "environments": {"production": {"production": true, "timezone": "Europe/Paris"}}
    /// ```
    public struct Environment: Sendable, Hashable {
        /// The name: 1 to 64 characters of `a-z`, `0-9`, `-` and `_`.
        public var name: String
        /// Whether this is a production environment (`"production": true`); URLs must then be `https`.
        public var isProduction: Bool
        /// The time zone database name (default `Etc/UTC`), for recipients without one.
        public var timezone: String
        /// The configuration file that declares it.
        public var file: String

        /// Creates an environment.
        public init(name: String, isProduction: Bool, timezone: String = "Etc/UTC", file: String) {
            self.name = name
            self.isProduction = isProduction
            self.timezone = timezone
            self.file = file
        }
    }
}
