import Providers
import Testing

@Suite struct ConfigurationVariablesTests {
    static let root = """
        {
          "variables": {
            "base_url": "https://app.example.test",
            "delay": "{\\"unit\\": \\"seconds\\", \\"value\\": 30}",
            "greeting": "hello",
            "limit": 5,
            "token": {"secret": true, "value": {"$env": "DEV_TOKEN"}}
          },
          "environments": {
            "development": {"production": false},
            "production": {
              "production": true,
              "variables": {"base_url": "https://app.example.com", "token": {"value": {"$env": "PROD_TOKEN"}},
                            "delay": {"value": "{\\"unit\\": \\"minutes\\", \\"value\\": 2}"}},
              "workflows": {"digest": {"active": false}},
              "channel_conditions": {"mail": {"all": [{"variable": "vars.limit", "operator": "equal_to", "argument": 5}]}}
            }
          }
        }
        """

    func load() throws -> ChannelConfiguration {
        try ConfigurationTestSupport.load(
            ["delivery-host.json": Self.root], environment: ["DEV_TOKEN": "dev-value", "PROD_TOKEN": "prod-value"])
    }

    @Test func overridesBaseValuesPerEnvironmentAndParsesJSONFirst() throws {
        let configuration = try load()
        let development = try #require(configuration.environment(named: "development"))
        let production = try #require(configuration.environment(named: "production"))
        #expect(development.variables["base_url"]?.value == "https://app.example.test")
        #expect(production.variables["base_url"]?.value == "https://app.example.com")
        #expect(development.variables["delay"]?.value == ["unit": "seconds", "value": 30])
        #expect(production.variables["delay"]?.value == ["unit": "minutes", "value": 2])
        #expect(development.variables["greeting"]?.value == "hello")
        #expect(development.variables["limit"]?.value == 5)
        #expect(
            development.variables["token"] == ConfigurationVariable(key: "token", value: "dev-value", isSecret: true))
        // The override inherits secrecy from the base declaration.
        #expect(
            production.variables["token"] == ConfigurationVariable(key: "token", value: "prod-value", isSecret: true))
        #expect(development.variablesObject.keys == ["base_url", "delay", "greeting", "limit", "token"])
    }

    @Test func workflowStatusesAndChannelConditionsArePerEnvironment() throws {
        let configuration = try load()
        let development = try #require(configuration.environment(named: "development"))
        let production = try #require(configuration.environment(named: "production"))
        #expect(development.isWorkflowActive("digest"))
        #expect(!production.isWorkflowActive("digest"))
        #expect(production.isWorkflowActive("other"))
        #expect(development.channelConditions.isEmpty)
        #expect(production.channelConditions["mail"]?["all"]?.arrayValue?.count == 1)
    }

    @Test func reportsInvalidDeclarationsWithTheirPaths() {
        let root = """
            {
              "variables": {"bad key": 1, "inline_secret": {"secret": true, "value": "shh"}, "obj": {"unit": "s"},
                            "nothing": null},
              "environments": {"development": {"production": false,
                "workflows": {"digest": {"active": "no"}, "Bad": {"active": false}},
                "channel_conditions": {"mail": {"every": []}}}}
            }
            """
        let issues = ConfigurationTestSupport.issues(["delivery-host.json": root]).map(\.description)
        let expected = [
            "delivery-host.json: $.environments.development.channel_conditions.mail: expected a condition group "
                + #"{"all": [...]} or {"any": [...]}, found an object"#,
            "delivery-host.json: $.environments.development.workflows.Bad: invalid workflow key 'Bad': expected "
                + "1 to 255 characters of a-z, 0-9, '-' and '_'",
            "delivery-host.json: $.environments.development.workflows.digest.active: expected true or false, "
                + "found a string",
            "delivery-host.json: $.variables.inline_secret.value: expected a secret reference, found an inline "
                + "string (not shown); secret variables are never written in configuration files: write "
                + #"{"$env": "NAME"} or {"$file": "path"}"#,
            "delivery-host.json: $.variables.nothing: expected a string, number, boolean or array, a reference "
                + #"{"$env": "NAME"} or {"$file": "path"}, or {"value": …, "secret": true|false}, found null"#,
            "delivery-host.json: $.variables.obj: missing required key 'value' (expected a string, number, "
                + #"boolean or array, a reference {"$env": "NAME"} or {"$file": "path"}, or {"value": …, "#
                + #""secret": true|false})"#,
            "delivery-host.json: $.variables.obj.unit: unknown key 'unit' (accepted: value, secret, description); "
                + #"a JSON object value is written as text or inside "value""#,
            #"delivery-host.json: $.variables["bad key"]: invalid variable key 'bad key': expected 1 to 64 "#
                + "characters of A-Z, a-z, 0-9 and '_'",
        ]
        #expect(issues.count == expected.count)
        for (found, wanted) in zip(issues, expected) { #expect(found == wanted) }
    }
}
