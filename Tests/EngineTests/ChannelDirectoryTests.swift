import Engine
import Foundation
import Providers
import Testing
import Transport

@Suite struct ChannelDirectoryTests {
    /// A transport for directories that are built but never send.
    struct UnusedTransport: HTTPTransport {
        func execute(_ request: HTTPRequest, deadline: ContinuousClock.Instant) async throws -> HTTPResponse {
            throw TransportError(.internalFailure, "not used")
        }
    }

    static let configuration = """
        {
          "environments": {"development": {"production": false}, "production": {"production": true}},
          "channels": {
            "hooks": {"provider": "webhook", "environments": {
              "development": {"url": "http://127.0.0.1:9/in", "signing": {"scheme": "knock", "secret": {"$env": "DEV_SECRET"}}},
              "production": {"url": "https://hooks.example.test/in", "signing": {"scheme": "knock", "secret": {"$env": "PRODUCTION_SECRET"}}}
            }},
            "off": {"provider": "webhook", "environments": {
              "development": {"enabled": false, "url": "http://127.0.0.1:9/off"}
            }}
          }
        }
        """

    private func load(resolving environments: Set<String>?) throws -> ChannelConfiguration {
        try ChannelConfiguration.load(
            json: Array(Self.configuration.utf8), registry: .standard,
            environmentVariables: ["DEV_SECRET": "dev-secret", "PRODUCTION_SECRET": "production-secret"],
            resolvingEnvironments: environments)
    }

    @Test func buildsEveryEnabledChannelOfEveryEnvironment() throws {
        let directory = try ChannelDirectory.build(
            from: load(resolving: nil), registry: .standard, transport: UnusedTransport())
        #expect(directory.keys.map(\.description) == ["development/hooks", "production/hooks"])
    }

    @Test func buildsOnlyTheEnvironmentsWhoseSecretsWereResolved() throws {
        let directory = try ChannelDirectory.build(
            from: load(resolving: ["development"]), registry: .standard, transport: UnusedTransport())
        #expect(directory.keys.map(\.description) == ["development/hooks"])
        #expect(directory.channel(ChannelKey(environment: "production", channelID: "hooks")) == nil)
    }
}

extension ChannelDirectoryTests {
    @Test func channelsTakeTheirConfiguredRetryPolicyAndConcurrency() throws {
        let json = Self.configuration.replacingOccurrences(
            of: #""development": {"url": "http://127.0.0.1:9/in", "#,
            with:
                #""development": {"concurrency": 3, "retry": {"max_attempts": 4, "initial_delay_seconds": 5}, "url": "http://127.0.0.1:9/in", "#
        )
        let configuration = try ChannelConfiguration.load(
            json: Array(json.utf8), registry: .standard,
            environmentVariables: ["DEV_SECRET": "dev-secret", "PRODUCTION_SECRET": "production-secret"])
        let directory = try ChannelDirectory.build(
            from: configuration, registry: .standard, transport: UnusedTransport())
        let development = try #require(directory.channel(ChannelKey(environment: "development", channelID: "hooks")))
        #expect(development.concurrency == 3)
        #expect(development.retryPolicy.maximumAttempts == 4)
        #expect(development.retryPolicy.initialDelay == .seconds(5))
        let production = try #require(directory.channel(ChannelKey(environment: "production", channelID: "hooks")))
        #expect(production.concurrency == 16)
        #expect(production.retryPolicy == .standard)
    }
}
