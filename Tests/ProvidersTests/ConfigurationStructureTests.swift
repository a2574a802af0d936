import Providers
import Testing

@Suite struct ConfigurationStructureTests {
    func issues(_ root: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        ConfigurationTestSupport.issues(["delivery-host.json": root], sourceLocation: sourceLocation).map(\.description)
    }

    @Test func reportsUnknownTopLevelKeysAndMissingEnvironments() {
        #expect(
            issues(#"{"channel": {}, "$schema": 1}"#) == [
                "delivery-host.json: $: missing required key 'environments' (expected an object declaring at least one "
                    + #"environment, such as {"development": {"production": false}})"#,
                "delivery-host.json: $.$schema: expected a string, found a number",
                "delivery-host.json: $.channel: unknown key 'channel'; did you mean 'channels'? "
                    + "(accepted: $schema, include, environments, channels, channel_groups, host, variables)",
            ])
    }

    @Test func reportsADocumentThatIsNotAnObject() {
        #expect(issues("[1, 2]") == ["delivery-host.json: $: expected an object, found an array"])
    }

    @Test func reportsInvalidJSONWithLineAndColumn() {
        let issues = ConfigurationTestSupport.issues([
            "delivery-host.json": "{\n  \"environments\": {\n    \"development\": {\"production\": false,}\n  }\n}\n"
        ])
        #expect(
            issues.map(\.description) == [
                "delivery-host.json:3:41: invalid JSON: expected a member name in double quotes"
            ])
        #expect(issues.first?.line == 3)
        #expect(issues.first?.column == 41)
        #expect(issues.first?.path == "$")
    }

    @Test func validatesEnvironments() {
        let root = """
            {"environments": {
              "development": {"production": "no", "timezon": "Etc/UTC"},
              "staging": {"timezone": "Europe/Pariss"},
              "Prod!": {"production": true},
              "qa": []
            }}
            """
        #expect(
            issues(root) == [
                "delivery-host.json: $.environments.development.production: expected true or false, found a string",
                "delivery-host.json: $.environments.development.timezon: unknown key 'timezon'; did you mean 'timezone'? "
                    + "(accepted: production, timezone, status_webhooks, message_retention_days, api_keys, variables, "
                    + "workflows, channel_conditions)",
                "delivery-host.json: $.environments.qa: expected an object, found an array",
                "delivery-host.json: $.environments.staging: missing required key 'production' (expected true or false)",
                "delivery-host.json: $.environments.staging.timezone: expected a time zone database name such as "
                    + "'Etc/UTC' or 'Europe/Paris', found 'Europe/Pariss'",
                #"delivery-host.json: $.environments["Prod!"]: invalid environment name 'Prod!': expected 1 to 64 "#
                    + "characters of a-z, 0-9, '-' and '_'",
            ])
    }

    @Test func validatesChannelsAndTheirEnvironmentNames() {
        let root = """
            {
              "environments": {"development": {"production": false}, "production": {"production": true}},
              "channels": {
                "Mail": {"provider": "webhook", "environments": {}},
                "hooks": {"providr": "webhook", "environments": {"prodution": {}, "development": {"url": "http://x.test"}}},
                "sms": {"provider": "twilio", "name": 7},
                "push": {"provider": 1, "environments": []},
                "chat": "slack"
              }
            }
            """
        #expect(
            issues(root) == [
                "delivery-host.json: $.channels.chat: expected an object, found a string",
                "delivery-host.json: $.channels.hooks: missing required key 'provider' (known providers: webhook, "
                    + "postmark, twilio)",
                "delivery-host.json: $.channels.hooks.environments.prodution: unknown environment 'prodution'; "
                    + "did you mean 'production'? (declared environments: development, production)",
                "delivery-host.json: $.channels.hooks.providr: unknown key 'providr'; did you mean 'provider'? "
                    + "(accepted: provider, name, environments)",
                "delivery-host.json: $.channels.Mail: invalid channel id 'Mail': expected 1 to 64 characters of a-z, "
                    + "0-9, '-' and '_'",
                "delivery-host.json: $.channels.push.environments: expected an object of settings by environment name, "
                    + "found an array",
                "delivery-host.json: $.channels.push.provider: expected a provider name (known providers: webhook, "
                    + "postmark, twilio), found a number",
                "delivery-host.json: $.channels.sms: missing required key 'environments' (expected an object of "
                    + "settings by environment name)",
                "delivery-host.json: $.channels.sms.name: expected a string, found a number",
            ])
    }

    @Test func skipsChannelEnvironmentsWhoseDeclarationIsInvalid() {
        let root = """
            {
              "environments": {"production": {"production": 1}},
              "channels": {"hooks": {"provider": "webhook", "environments": {"production": {"url": "https://x.test"}}}}
            }
            """
        #expect(
            issues(root) == [
                "delivery-host.json: $.environments.production.production: expected true or false, found a number"
            ])
    }

    @Test func reportsEveryErrorAtOnceSortedByFileAndPath() {
        let files = [
            "delivery-host.json": """
            {
              "include": ["channels/more.json"],
              "environments": {"production": {"production": true}},
              "channels": {
                "hooks": {"provider": "webhook", "environments": {"production": {
                  "url": "http://hooks.acme.test", "method": "SEND", "headers": {"X": 1}, "sandbx": true
                }}}
              }
            }
            """,
            "channels/more.json": """
            {"channels": {"mail": {"provider": "postmark", "environments": {"production": {
              "server_token": "inline", "from": "a@acme.test", "tags": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
            }}}}}
            """,
        ]
        let hooks = "delivery-host.json: $.channels.hooks.environments.production"
        let mail = "channels/more.json: $.channels.mail.environments.production"
        let tags = (0...10).map { "\(mail).tags[\($0)]: expected a string, found a number" }
        #expect(
            ConfigurationTestSupport.issues(files).map(\.description) == [
                "\(mail).server_token: expected a secret reference, found an inline string (not shown); secrets are "
                    + #"never written in configuration files: write {"$env": "NAME"} to read it from an environment "#
                    + #"variable or {"$file": "path"} to read it from a file"#
            ] + tags + [
                "\(hooks).headers.X: expected a string, found a number",
                "\(hooks).method: expected one of GET, POST, PUT, PATCH, DELETE; found 'SEND'",
                "\(hooks).sandbx: unknown key 'sandbx'; did you mean 'sandbox'? (accepted: base_url, sandbox, "
                    + "rate_limit, enabled, concurrency, retry, remove_dead_tokens, delivery_log, url, method, headers, body, signing)",
                "\(hooks).url: expected an https URL in production environment 'production', found 'http://hooks.acme.test'",
            ])
    }

    @Test func describesTheErrorOneIssuePerLine() {
        let error = ConfigurationError(issues: [
            ConfigurationIssue(file: "b.json", path: "$.x", message: "two"),
            ConfigurationIssue(file: "a.json", path: "$.y[10]", message: "four"),
            ConfigurationIssue(file: "a.json", path: "$.y[9]", message: "three"),
            ConfigurationIssue(file: "a.json", path: "$", line: 1, column: 2, message: "one"),
        ])
        #expect(error.description == "a.json:1:2: one\na.json: $.y[9]: three\na.json: $.y[10]: four\nb.json: $.x: two")
    }
}
