import Providers
import Testing

@Suite struct ConfigurationLookupTests {
    @Test func failedLookupsSayWhereToFixThem() throws {
        let configuration = try ConfigurationTestSupport.load(
            [
                "config/main.json": """
                {"include": ["hooks.json"], "environments": {
                  "development": {"production": false}, "staging": {"production": false},
                  "production": {"production": true}}}
                """,
                "config/hooks.json": """
                {"channels": {"hooks": {"provider": "webhook", "environments": {
                  "development": {"url": "http://x.test"},
                  "production": {"url": "https://x.test", "enabled": false}}}}}
                """,
            ], root: "config/main.json")
        func message(_ channel: String, _ environment: String) -> String {
            do {
                _ = try configuration.requireSettings(channel: channel, environment: environment)
                return "found"
            } catch {
                return "\(error)"
            }
        }
        #expect(message("hooks", "development") == "found")
        #expect(
            message("hooks", "staging")
                == "config/hooks.json: $.channels.hooks.environments: channel 'hooks' is not configured in environment "
                + "'staging'; configured in: development, production")
        #expect(
            message("hooks", "production")
                == "config/hooks.json: $.channels.hooks.environments.production.enabled: channel 'hooks' is disabled in "
                + "environment 'production' (enabled is false)")
        #expect(
            message("hook", "development")
                == "config/main.json: $.channels: unknown channel 'hook'; did you mean 'hooks'? (configured: hooks)")
        #expect(
            message("hooks", "prod")
                == "config/main.json: $.environments: unknown environment 'prod' (configured: development, staging, "
                + "production)")
        #expect(configuration.settings(channel: "hooks", environment: "production")?.isEnabled == false)
    }
}
