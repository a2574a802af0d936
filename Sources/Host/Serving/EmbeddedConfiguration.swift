public import Providers

/// The configuration `delivery-host serve` uses when given no `--config`: one development environment
/// with an in-app feed channel and an outbox channel that records what would be sent.
///
/// Its API key is the development key (``DevelopmentKey``), read through `$env` from
/// ``keyVariable``, which the host sets from the data directory, never from the process environment.
public enum EmbeddedConfiguration {
    /// The variable the embedded configuration's `api_keys` reads.
    public static let keyVariable = "DELIVERY_HOST_DEVELOPMENT_KEY"
    /// The name the embedded configuration has in messages.
    public static let name = "embedded-default.json"

    /// The configuration text; the outbox records email messages in `<dataDirectory>/outbox/outbox.jsonl`.
    public static func text(dataDirectory: String) -> String {
        let data = JSONValue.string(dataDirectory).encoded()
        return """
            {
              "environments": {
                "development": {"production": false, "api_keys": [{"$env": "\(keyVariable)"}]}
              },
              "channels": {
                "in-app": {"provider": "in_app_feed", "name": "In-app feed", "environments": {"development": {}}},
                "outbox": {
                  "provider": "outbox", "name": "Local outbox",
                  "environments": {"development": {"channel_type": "email"}}
                }
              },
              "host": {"address": "127.0.0.1", "port": 8080, "data_directory": \(data), "log_format": "logfmt"}
            }
            """
    }

    /// Loads the embedded configuration with the development key.
    ///
    /// - Parameters:
    ///   - dataDirectory: The data directory (the outbox goes in it).
    ///   - developmentKey: The development environment's API key.
    ///   - registry: The providers (the standard registry by default).
    /// - Throws: ``ConfigurationError`` if this build lacks a provider the default uses.
    public static func load(
        dataDirectory: String, developmentKey: String, registry: ProviderRegistry = .standard
    ) throws -> ChannelConfiguration {
        try ChannelConfiguration.load(
            json: Array(text(dataDirectory: dataDirectory).utf8), name: name, registry: registry,
            environmentVariables: [keyVariable: developmentKey])
    }
}
