import Foundation
import Providers
import Testing

@Suite struct ConfigurationSecretsTests {
    static func root(_ settings: String) -> String {
        """
        {
          "environments": {"production": {"production": true}},
          "channels": {"mail": {"provider": "postmark", "environments": {"production": \(settings)}}}
        }
        """
    }

    static let at = "config/main.json: $.channels.mail.environments.production"

    @Test func resolvesEnvironmentVariablesAndFilesIntoValuesAndSecrets() throws {
        let settings = """
            {
              "server_token": {"$file": "secrets/token"},
              "from": {"$env": "FROM"},
              "message_stream": {"$file": "/run/stream"},
              "metadata": {"api": {"$env": "API_KEY"}, "team": "mail"},
              "tags": [{"$file": "secrets/tag"}, "plain"]
            }
            """
        let configuration = try ConfigurationTestSupport.load(
            [
                "config/main.json": Self.root(settings),
                "config/secrets/token": "pm-token\n",
                "/run/stream": "broadcast\r\n",
                "config/secrets/tag": "two lines\n\n",
            ], root: "config/main.json", environment: ["FROM": "hello@acme.test", "API_KEY": "k-123"])
        let resolved = try #require(configuration.settings(channel: "mail", environment: "production"))
        #expect(
            resolved.values
                == JSONObject([
                    ("server_token", "pm-token"),
                    ("from", "hello@acme.test"),
                    ("message_stream", "broadcast"),
                    ("metadata", ["api": "k-123", "team": "mail"]),
                    ("tags", ["two lines\n", "plain"]),
                ]))
        #expect(resolved.secrets == ["pm-token", "hello@acme.test", "broadcast", "k-123", "two lines\n"])
    }

    @Test func reportsUnresolvableReferencesByNameAndPath() {
        let settings = """
            {
              "server_token": {"$env": "MISSING"},
              "from": {"$env": "EMPTY"},
              "metadata": {"a": {"$file": "secrets/none"}, "b": {"$file": "secrets/empty"}}
            }
            """
        let issues = ConfigurationTestSupport.issues(
            ["config/main.json": Self.root(settings), "config/secrets/empty": "\n"],
            root: "config/main.json", environment: ["EMPTY": ""])
        #expect(
            issues.map(\.description) == [
                "\(Self.at).from: environment variable 'EMPTY' is set but empty",
                "\(Self.at).metadata.a: cannot read file 'secrets/none' (resolved to 'config/secrets/none'): no such file",
                "\(Self.at).metadata.b: file 'secrets/empty' (resolved to 'config/secrets/empty') is empty",
                "\(Self.at).server_token: environment variable 'MISSING' is not set",
            ])
    }

    @Test func rejectsNonUTF8Files() throws {
        let reader = ConfigurationFileReader { path in
            if path == "config/main.json" {
                return Array(Self.root(#"{"server_token": {"$file": "key"}, "from": "a"}"#).utf8)
            }
            return [0xFF, 0xFE]
        }
        #expect {
            try ChannelConfiguration.load(
                from: "config/main.json", registry: ConfigurationTestSupport.registry, environmentVariables: [:],
                fileReader: reader)
        } throws: { error in
            "\(error)" == "\(Self.at).server_token: file 'key' (resolved to 'config/key') is not UTF-8 text"
        }
    }

    @Test func neverPutsSecretValuesInErrors() {
        let settings = """
            {
              "server_token": "SECRET-inline",
              "from": {"$env": "FROM"},
              "message_stream": {"$env": "STREAM"},
              "status_callback": {"$file": "callback"},
              "base_url": {"$env": "BASE"},
              "timeout_seconds": {"$env": "STREAM"}
            }
            """
        let issues = ConfigurationTestSupport.issues(
            ["config/main.json": Self.root(settings), "config/callback": "SECRET-file-url"],
            root: "config/main.json",
            environment: ["FROM": "SECRET-from", "STREAM": "SECRET-stream", "BASE": "http://SECRET-host.test"])
        let text = ConfigurationError(issues: issues).description
        #expect(!text.contains("SECRET"))
        #expect(
            issues.map(\.description) == [
                "\(Self.at).base_url: expected an https URL in production environment 'production', found the value "
                    + "of environment variable 'BASE' (not shown)",
                "\(Self.at).message_stream: expected one of outbound, broadcast; found the value of environment "
                    + "variable 'STREAM' (not shown)",
                "\(Self.at).server_token: expected a secret reference, found an inline string (not shown); secrets are "
                    + #"never written in configuration files: write {"$env": "NAME"} to read it from an environment "#
                    + #"variable or {"$file": "path"} to read it from a file"#,
                "\(Self.at).status_callback: expected an absolute http or https URL, found the value of file "
                    + "'callback' (not shown)",
                "\(Self.at).timeout_seconds: expected an integer from 1 to 120, found a reference",
            ])
    }
}

extension ConfigurationSecretsTests {
    @Test func onlyTheSelectedEnvironmentsReferencesMustResolve() throws {
        let json = #"""
            {
              "environments": { "development": { "production": false }, "production": { "production": true } },
              "channels": {
                "hooks": {
                  "provider": "webhook",
                  "environments": {
                    "development": { "url": "http://localhost:9000/h", "signing": { "scheme": "knock", "secret": { "$env": "DEV_SECRET" } } },
                    "production": { "url": "https://hooks.example.test/h", "signing": { "scheme": "knock", "secret": { "$env": "PROD_SECRET" } } }
                  }
                }
              }
            }
            """#
        let configuration = try ChannelConfiguration.load(
            json: Array(json.utf8), registry: .standard, environmentVariables: ["DEV_SECRET": "dev-secret-value"],
            fileReader: .inMemory([:]), resolvingEnvironments: ["development"])
        let development = try configuration.requireSettings(channel: "hooks", environment: "development")
        #expect(development.secrets == ["dev-secret-value"])
        let error = try #require(throws: ConfigurationError.self) {
            try configuration.requireSettings(channel: "hooks", environment: "production")
        }
        #expect(
            error.issues.map(\.message) == [
                "environment 'production' was loaded without resolving its $env/$file references (resolved: development)"
            ])
        // Without the restriction, the missing production secret is an error.
        let all = try #require(throws: ConfigurationError.self) {
            try ChannelConfiguration.load(
                json: Array(json.utf8), registry: .standard, environmentVariables: ["DEV_SECRET": "dev-secret-value"],
                fileReader: .inMemory([:]))
        }
        #expect(all.issues.map(\.message) == ["environment variable 'PROD_SECRET' is not set"])
    }
}

extension ConfigurationSecretsTests {
    static let pipelineJSON = #"""
        {
          "environments": {
            "production": {
              "production": true, "message_retention_days": 30,
              "status_webhooks": [{"channel": "ops-events", "events": ["message.delivered", "message.bounced"]}]
            }
          },
          "channels": {
            "ops-events": {
              "provider": "webhook",
              "environments": { "production": {
                "url": "https://ops.example.test/events", "concurrency": 4,
                "retry": {"max_attempts": 5, "initial_delay_seconds": 10},
                "rate_limit": {"max": 10, "per": "second", "burst": 20}, "remove_dead_tokens": false } }
            }
          }
        }
        """#

    @Test func pipelineSettingsAndStatusWebhooksLoad() throws {
        let configuration = try ChannelConfiguration.load(
            json: Array(Self.pipelineJSON.utf8), registry: .standard, environmentVariables: [:],
            fileReader: .inMemory([:]))
        let settings = try configuration.requireSettings(channel: "ops-events", environment: "production")
        #expect(settings.concurrency == 4)
        #expect(settings.retry == RetrySettings(maximumAttempts: 5, initialDelaySeconds: 10))
        #expect(settings.rateLimit == RateLimit(maximum: 10, per: .second, burst: 20))
        #expect(!settings.removesDeadTokens)
        #expect(settings.values["concurrency"] == nil)
        let environment = try #require(configuration.environment(named: "production"))
        #expect(environment.messageRetentionDays == 30)
        #expect(
            environment.statusWebhooks == [
                .init(channelID: "ops-events", events: ["message.delivered", "message.bounced"])
            ])
    }

    @Test func statusWebhooksMustNameWebhookChannelsOfTheirEnvironment() throws {
        let json = Self.pipelineJSON
            .replacingOccurrences(
                of: #""channel": "ops-events", "events": ["message.delivered", "message.bounced"]"#,
                with: #""channel": "nope", "events": ["message.exploded"]}, {"channel": "ops-events""#
            )
            .replacingOccurrences(of: #""message_retention_days": 30"#, with: #""message_retention_days": 0"#)
        let error = try #require(throws: ConfigurationError.self) {
            try ChannelConfiguration.load(
                json: Array(json.utf8), registry: .standard, environmentVariables: [:], fileReader: .inMemory([:]))
        }
        #expect(
            error.issues.map(\.path) == [
                "$.environments.production.message_retention_days",
                "$.environments.production.status_webhooks[0].events",
            ])
        let unknown = Self.pipelineJSON.replacingOccurrences(
            of: #"{"channel": "ops-events""#, with: #"{"channel": "nope""#)
        let reference = try #require(throws: ConfigurationError.self) {
            try ChannelConfiguration.load(
                json: Array(unknown.utf8), registry: .standard, environmentVariables: [:], fileReader: .inMemory([:]))
        }
        #expect(reference.issues.map(\.message) == ["unknown channel 'nope'; status webhooks name a webhook channel"])
    }
}
