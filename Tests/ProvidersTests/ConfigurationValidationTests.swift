import Providers
import Testing

@Suite struct ConfigurationValidationTests {
    static let at = "delivery-host.json: $.channels.mail.environments.production"

    static let settingsCases: [(settings: String, issues: [String])] = [
        (
            #"{"server_tokn": {"$env": "TOKEN"}, "from": "a@acme.test"}"#,
            [
                #"\#(at): missing required key 'server_token' (expected a secret reference {"$env": "NAME"} or {"$file": "path"})"#,
                "\(at).server_tokn: unknown key 'server_tokn'; did you mean 'server_token'? (accepted: base_url, sandbox, "
                    + "rate_limit, enabled, concurrency, retry, remove_dead_tokens, delivery_log, server_token, from, message_stream, track_opens, timeout_seconds, tags, "
                    + "metadata, template_model, status_callback, tracking)",
            ]
        ),
        (
            #"{"server_token": {"$env": "TOKEN"}, "from": 42}"#,
            ["\(at).from: expected a string, found a number"]
        ),
        (
            "{}",
            [
                "\(at): missing required key 'from' (expected a string)",
                #"\#(at): missing required key 'server_token' (expected a secret reference {"$env": "NAME"} or {"$file": "path"})"#,
            ]
        ),
        (
            #"{"server_token": {"$env": "TOKEN"}, "from": "a@acme.test", "message_stream": "outbund"}"#,
            ["\(at).message_stream: expected one of outbound, broadcast; found 'outbund'"]
        ),
        (
            #"{"server_token": {"$env": "TOKEN"}, "from": "a@acme.test", "timeout_seconds": 500}"#,
            ["\(at).timeout_seconds: expected an integer from 1 to 120, found 500"]
        ),
        (
            #"{"server_token": {"$env": "TOKEN"}, "from": "a@acme.test", "timeout_seconds": 2.5}"#,
            ["\(at).timeout_seconds: expected an integer from 1 to 120, found 2.5"]
        ),
        (
            #"{"server_token": {"$env": "TOKEN"}, "from": "a@acme.test", "timeout_seconds": "30"}"#,
            ["\(at).timeout_seconds: expected an integer from 1 to 120, found a string"]
        ),
        (
            #"{"server_token": {"$env": "TOKEN"}, "from": "a@acme.test", "base_url": "api.postmarkapp.com"}"#,
            ["\(at).base_url: expected an absolute https URL, found 'api.postmarkapp.com'"]
        ),
        (
            #"{"server_token": {"$env": "TOKEN"}, "from": "a@acme.test", "status_callback": "ftp://x.test/"}"#,
            ["\(at).status_callback: expected an absolute http or https URL, found 'ftp://x.test/'"]
        ),
        (
            #"{"server_token": {"$env": "TOKEN"}, "from": "a@acme.test", "sandbox": "yes", "enabled": null}"#,
            [
                "\(at).enabled: expected true or false, found null",
                "\(at).sandbox: expected true or false, found a string",
            ]
        ),
        (
            #"{"server_token": {"$env": "TOKEN"}, "from": "a@acme.test", "rate_limit": {"max": 0, "per": "week"}}"#,
            [
                "\(at).rate_limit.max: expected an integer of at least 1, found 0",
                "\(at).rate_limit.per: expected one of second, minute, hour, day; found 'week'",
            ]
        ),
        (
            #"{"server_token": {"$env": "TOKEN"}, "from": "a@acme.test", "rate_limit": {"per": "second"}}"#,
            ["\(at).rate_limit: missing required key 'max' (expected an integer of at least 1)"]
        ),
        (
            #"{"server_token": {"$env": "TOKEN"}, "from": "a@acme.test", "tracking": {"link": "None"}}"#,
            ["\(at).tracking.link: unknown key 'link'; did you mean 'links'? (accepted: opens, links)"]
        ),
        (
            #"{"server_token": {"$env": "TOKEN"}, "from": "a@acme.test", "tags": ["a", 1, "b", true]}"#,
            [
                "\(at).tags[1]: expected a string, found a number",
                "\(at).tags[3]: expected a string, found a boolean",
            ]
        ),
        (
            #"{"server_token": {"$env": "TOKEN"}, "from": "a@acme.test", "metadata": {"team": true, "x y": 1, "z": "ok"}}"#,
            [
                "\(at).metadata.team: expected a string, found a boolean",
                #"\#(at).metadata["x y"]: expected a string, found a number"#,
            ]
        ),
        (
            #"{"server_token": {"$env": "TOKEN"}, "from": "a@acme.test", "metadata": ["team"]}"#,
            ["\(at).metadata: expected an object whose values are strings, found an array"]
        ),
        (
            #"{"server_token": 5, "from": "a@acme.test"}"#,
            [#"\#(at).server_token: expected a secret reference {"$env": "NAME"} or {"$file": "path"}, found a number"#]
        ),
        (
            #"{"server_token": {"$env": "TOKEN", "x": 1}, "from": "a@acme.test"}"#,
            [
                #"\#(at).server_token: expected a reference with exactly one member, {"$env": "NAME"} or {"$file": "path"}; found an object with keys '$env' and 'x'"#
            ]
        ),
        (
            #"{"server_token": {"$env": ""}, "from": {"$file": 3}}"#,
            [
                "\(at).from: expected a file path in $file, found a number",
                "\(at).server_token: expected an environment variable name in $env, found an empty string",
            ]
        ),
        (
            #""yes""#,
            ["\(at): expected an object, found a string"]
        ),
        (
            #"{"$env": "TOKEN"}"#,
            ["\(at): expected an object, found a reference"]
        ),
    ]

    @Test(arguments: settingsCases)
    func reportsSettingsErrorsWithPathFoundAndAccepted(settings: String, issues: [String]) {
        #expect(ConfigurationTestSupport.settingsIssues(settings) == issues)
    }

    @Test func requiresHTTPSInProductionOnly() throws {
        #expect(
            ConfigurationTestSupport.settingsIssues(
                #"{"server_token": {"$env": "TOKEN"}, "from": "a@acme.test", "base_url": "http://api.acme.test"}"#)
                == [
                    "\(Self.at).base_url: expected an https URL in production environment 'production', "
                        + "found 'http://api.acme.test'"
                ])
        #expect(
            ConfigurationTestSupport.settingsIssues(
                provider: "webhook", #"{"url": "http://hooks.acme.test", "signing": {"secret": {"$env": "TOKEN"}}}"#)
                == [
                    "\(Self.at).url: expected an https URL in production environment 'production', "
                        + "found 'http://hooks.acme.test'"
                ])
        // A URL field declared without httpsInProduction accepts http even in production.
        let root = ConfigurationTestSupport.root(
            settings:
                #"{"server_token": {"$env": "TOKEN"}, "from": "a@acme.test", "status_callback": "http://x.test/"}"#)
        let configuration = try ConfigurationTestSupport.load(["delivery-host.json": root], environment: ["TOKEN": "t"])
        #expect(
            configuration.settings(channel: "mail", environment: "production")?.string("status_callback")
                == "http://x.test/")
    }

    @Test func reportsUnmetRequireOneOfGroups() {
        #expect(
            ConfigurationTestSupport.settingsIssues(provider: "twilio", #"{"account_sid": "AC1", "from": "+15550100"}"#)
                == ["\(Self.at): expected at least one of 'auth_token' and 'api_key_secret'; found none"])
    }

    @Test func reportsUnknownProvidersWithTheKnownOnes() {
        #expect(
            ConfigurationTestSupport.settingsIssues(provider: "postmrk", "{}") == [
                "delivery-host.json: $.channels.mail.provider: unknown provider 'postmrk'; did you mean 'postmark'? "
                    + "(known providers: webhook, postmark, twilio)"
            ])
    }
}
