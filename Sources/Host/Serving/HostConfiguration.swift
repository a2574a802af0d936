public import Providers

/// What `delivery-host serve` runs with: the configuration file's `host` section with command-line
/// overrides applied, and the API keys of the environments it serves.
public struct HostConfiguration: Sendable {
    /// Command-line flags that override the `host` section.
    public struct Overrides: Sendable, Hashable {
        /// `--address`.
        public var address: String?
        /// `--port`.
        public var port: Int?
        /// `--data-dir`.
        public var dataDirectory: String?

        /// Creates overrides; `nil` keeps the file's value.
        public init(address: String? = nil, port: Int? = nil, dataDirectory: String? = nil) {
            self.address = address
            self.port = port
            self.dataDirectory = dataDirectory
        }
    }

    /// How the host listens, stores and logs.
    public var server: ServerSettings
    /// The API keys by environment. Secrets: never log or print them.
    public var apiKeys: [String: [String]]

    /// Combines a loaded configuration with overrides.
    ///
    /// - Parameters:
    ///   - channels: The loaded configuration (its `host` section and `api_keys`).
    ///   - overrides: Command-line flags.
    ///   - environment: Serve only this environment's keys; all environments' keys when `nil`.
    public init(channels: ChannelConfiguration, overrides: Overrides = Overrides(), environment: String? = nil) {
        var server = channels.server
        if let address = overrides.address { server.address = address }
        if let port = overrides.port { server.port = port }
        if let directory = overrides.dataDirectory { server.dataDirectory = directory }
        self.server = server
        self.apiKeys = channels.apiKeys.filter { environment == nil || $0.key == environment }
    }

    /// The address and port as a base URL, such as `http://127.0.0.1:8080`; `0.0.0.0` shows as `127.0.0.1`.
    ///
    /// - Parameter port: The port actually bound (differs from the configured one when that is 0).
    public func baseURL(port: Int) -> String {
        let host = server.address == "0.0.0.0" || server.address == "::" ? "127.0.0.1" : server.address
        return "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }
}
