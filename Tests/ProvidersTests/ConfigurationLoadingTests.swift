import Providers
import Testing

@Suite struct ConfigurationLoadingTests {
    static let root = """
        {
          "$schema": "../schemas/delivery-host.schema.json",
          "include": ["channels/email.json"],
          "environments": {
            "development": {"production": false},
            "production": {"production": true, "timezone": "Europe/Paris"}
          },
          "channels": {
            "orders-webhook": {
              "provider": "webhook",
              "name": "Order events",
              "environments": {
                "development": {"url": "http://localhost:9000/hooks", "sandbox": true},
                "production": {
                  "url": "https://hooks.acme.test/orders",
                  "method": "PUT",
                  "headers": {"Authorization": {"$env": "HOOK_AUTH"}, "X-Team": "orders"},
                  "body": {"event": "{{ data.event }}", "$env": "kept literally"},
                  "signing": {"scheme": "standard_webhooks", "secret": {"$file": "secrets/hook-secret"}},
                  "rate_limit": {"max": 10, "per": "minute"}
                }
              }
            }
          }
        }
        """

    static let email = """
        {
          "environments": {"staging": {"production": false}},
          "channels": {
            "postmark-transactional": {
              "provider": "postmark",
              "environments": {
                "staging": {"server_token": {"$env": "POSTMARK_STAGING"}, "from": "staging@acme.test", "enabled": false},
                "production": {
                  "server_token": {"$env": "POSTMARK_PRODUCTION"},
                  "from": "hello@acme.test",
                  "base_url": "https://api.postmarkapp.com",
                  "tags": ["transactional", "v2"],
                  "timeout_seconds": 30,
                  "tracking": {"opens": true, "links": "HtmlOnly"}
                }
              }
            }
          }
        }
        """

    static let files = [
        "config/delivery-host.json": root,
        "config/channels/email.json": email,
        "config/secrets/hook-secret": "whsec_abc\n",
    ]

    static let environment = [
        "HOOK_AUTH": "Bearer hook-token", "POSTMARK_STAGING": "pm-staging", "POSTMARK_PRODUCTION": "pm-production",
    ]

    func load() throws -> ChannelConfiguration {
        try ConfigurationTestSupport.load(Self.files, root: "config/delivery-host.json", environment: Self.environment)
    }

    @Test func readsEnvironmentsFromEveryFileInOrder() throws {
        let configuration = try load()
        #expect(
            configuration.environments == [
                .init(name: "development", isProduction: false, timezone: "Etc/UTC", file: "config/delivery-host.json"),
                .init(
                    name: "production", isProduction: true, timezone: "Europe/Paris", file: "config/delivery-host.json"),
                .init(name: "staging", isProduction: false, timezone: "Etc/UTC", file: "config/channels/email.json"),
            ])
        #expect(configuration.files == ["config/delivery-host.json", "config/channels/email.json"])
    }

    @Test func readsChannelsWithTheirProvidersTypes() throws {
        let configuration = try load()
        #expect(
            configuration.channels == [
                .init(
                    id: "orders-webhook", provider: "webhook", name: "Order events", channelType: .webhook,
                    environments: ["development", "production"], file: "config/delivery-host.json"),
                .init(
                    id: "postmark-transactional", provider: "postmark", name: "postmark-transactional",
                    channelType: .email, environments: ["production", "staging"], file: "config/channels/email.json"),
            ])
    }

    @Test func resolvesWebhookSettingsPerEnvironment() throws {
        let configuration = try load()
        #expect(
            configuration.settings(channel: "orders-webhook", environment: "development")
                == ChannelSettings(
                    channelID: "orders-webhook", provider: "webhook", environment: "development", isProduction: false,
                    isSandbox: true, values: JSONObject([("url", "http://localhost:9000/hooks")])))
        #expect(
            configuration.settings(channel: "orders-webhook", environment: "production")
                == ChannelSettings(
                    channelID: "orders-webhook", provider: "webhook", environment: "production", isProduction: true,
                    rateLimit: RateLimit(maximum: 10, per: .minute),
                    values: JSONObject([
                        ("url", "https://hooks.acme.test/orders"),
                        ("method", "PUT"),
                        ("headers", ["Authorization": "Bearer hook-token", "X-Team": "orders"]),
                        ("body", ["event": "{{ data.event }}", "$env": "kept literally"]),
                        ("signing", ["scheme": "standard_webhooks", "secret": "whsec_abc"]),
                    ]),
                    secrets: ["Bearer hook-token", "whsec_abc"]))
        #expect(configuration.settings(channel: "orders-webhook", environment: "staging") == nil)
    }

    @Test func resolvesEmailSettingsFromTheIncludedFile() throws {
        let configuration = try load()
        #expect(
            configuration.settings(channel: "postmark-transactional", environment: "production")
                == ChannelSettings(
                    channelID: "postmark-transactional", provider: "postmark", environment: "production",
                    isProduction: true, baseURL: "https://api.postmarkapp.com",
                    values: JSONObject([
                        ("server_token", "pm-production"),
                        ("from", "hello@acme.test"),
                        ("tags", ["transactional", "v2"]),
                        ("timeout_seconds", 30),
                        ("tracking", ["opens": true, "links": "HtmlOnly"]),
                    ]),
                    secrets: ["pm-production"]))
        #expect(
            configuration.settings(channel: "postmark-transactional", environment: "staging")
                == ChannelSettings(
                    channelID: "postmark-transactional", provider: "postmark", environment: "staging",
                    isEnabled: false,
                    values: JSONObject([("server_token", "pm-staging"), ("from", "staging@acme.test")]),
                    secrets: ["pm-staging"]))
    }

    @Test func listsSettingsOfAnEnvironmentInChannelOrder() throws {
        let configuration = try load()
        #expect(
            configuration.settings(in: "production").map(\.channelID) == ["orders-webhook", "postmark-transactional"])
        #expect(configuration.settings(in: "development").map(\.channelID) == ["orders-webhook"])
    }

    @Test func loadsFromBytesWithIncludesBesideTheName() throws {
        let configuration = try ChannelConfiguration.load(
            json: Array(Self.root.utf8), name: "config/embedded.json", registry: ConfigurationTestSupport.registry,
            environmentVariables: Self.environment, fileReader: .inMemory(Self.files))
        #expect(configuration.files == ["config/embedded.json", "config/channels/email.json"])
        #expect(configuration.channels.count == 2)
    }

    @Test func acceptsAFileWithNoChannels() throws {
        let configuration = try ConfigurationTestSupport.load([
            "delivery-host.json": #"{"environments": {"development": {"production": false}}}"#
        ])
        #expect(configuration.channels.isEmpty)
        #expect(configuration.environments.map(\.name) == ["development"])
    }

    @Test func loadsTheExampleConfiguration() throws {
        let root = ConfigurationTestSupport.packageRoot
        let configuration = try ChannelConfiguration.load(
            from: root + "/examples/config/delivery-host.json", registry: ConfigurationTestSupport.registry,
            environmentVariables: [
                "ORDERS_HOOK_SECRET": "whsec_dev", "ORDERS_HOOK_SECRET_STAGING": "whsec_staging",
                "ORDERS_HOOK_SECRET_PRODUCTION": "whsec_production", "AUDIT_API_TOKEN": "audit-token",
            ])
        #expect(configuration.environments.map(\.name) == ["development", "staging", "production"])
        #expect(configuration.environments.map(\.isProduction) == [false, false, true])
        let settings = try configuration.requireSettings(channel: "orders-webhook", environment: "production")
        #expect(settings.isProduction)
        #expect(settings.values["signing"]?["secret"] == "whsec_production")
    }
}
