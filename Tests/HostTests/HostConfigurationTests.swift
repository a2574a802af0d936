import Foundation
import Host
import Providers
import Testing

@Suite struct HostConfigurationTests {
    static let keyVariable = "TEST_DEVELOPMENT_KEY"

    func load(_ text: String, variables: [String: String] = [keyVariable: HostTestSupport.developmentKey]) throws
        -> ChannelConfiguration
    {
        try ChannelConfiguration.load(
            json: Array(text.utf8), name: "/etc/dh/host.json", registry: .standard, environmentVariables: variables)
    }

    func issues(_ text: String, variables: [String: String] = [keyVariable: HostTestSupport.developmentKey]) -> [String]
    {
        do {
            _ = try load(text, variables: variables)
            return []
        } catch let error as ConfigurationError {
            return error.issues.map { "\($0.path): \($0.message)" }
        } catch {
            return ["\(error)"]
        }
    }

    @Test func readsTheHostSectionAndKeys() throws {
        let configuration = try load(
            #"""
            {"environments": {"development": {"production": false, "api_keys": [{"$env": "TEST_DEVELOPMENT_KEY"}]}},
             "host": {"address": "0.0.0.0", "port": 9090, "data_directory": "data", "threads": 2,
                      "max_body_bytes": 4096, "log_format": "logfmt", "log_level": "debug", "log_content": true,
                      "outbound_allow_list": ["api.example.com"], "public_url": "https://hooks.acme.example/dh/",
                      "translations_directory": "translations", "default_locale": "en-GB"}}
            """#)
        #expect(
            configuration.server
                == ServerSettings(
                    address: "0.0.0.0", port: 9090, dataDirectory: "/etc/dh/data", threads: 2, maxBodyBytes: 4096,
                    logFormat: .logfmt, logLevel: .debug, logContent: true, outboundAllowList: ["api.example.com"],
                    publicURL: "https://hooks.acme.example/dh", translationsDirectory: "/etc/dh/translations",
                    defaultLocale: "en-GB"))
        #expect(configuration.apiKeys == ["development": [HostTestSupport.developmentKey]])
        let host = HostConfiguration(channels: configuration, overrides: .init(port: 0, dataDirectory: "/tmp/x"))
        #expect(host.server.port == 0 && host.server.dataDirectory == "/tmp/x" && host.server.address == "0.0.0.0")
        #expect(host.baseURL(port: 4321) == "http://127.0.0.1:4321")
    }

    @Test func defaultsWithoutAHostSection() throws {
        let configuration = try load(#"{"environments": {"development": {"production": false}}}"#)
        #expect(configuration.server == ServerSettings())
        #expect(configuration.apiKeys.isEmpty)
    }

    @Test func hostSectionErrorsNameThePath() {
        #expect(
            issues(
                #"{"environments": {"development": {"production": false}}, "host": {"port": 70000, "log_format": "xml", "threds": 2}}"#
            ) == [
                "$.host.log_format: expected one of 'json' and 'logfmt', found 'xml'",
                "$.host.port: expected a whole number from 0 to 65535, found 70000",
                "$.host.threds: unknown key 'threds'; did you mean 'threads'? (accepted: address, port, data_directory, threads, max_body_bytes, log_format, log_level, log_content, outbound_allow_list, public_url, workflows_directory, partials_directory, translations_directory, default_locale)",
            ])
    }

    @Test(arguments: ["e", "english", "en_GB", "en-", "en-G", "", "fr-BE-toolongsubtag"])
    func defaultLocaleMustBeALocale(_ value: String) {
        #expect(
            issues(
                #"{"environments": {"development": {"production": false}}, "host": {"default_locale": "\#(value)"}}"#)
                == ["$.host.default_locale: expected a locale such as 'en' or 'en-GB', found '\(value)'"])
    }

    @Test(arguments: [
        "hooks.acme.example", "ftp://hooks.acme.example", "https://hooks.acme.example/?a=1",
        "https://hooks.acme.example/#top", "https://user@hooks.acme.example",
    ])
    func publicURLMustBeAnAbsoluteHTTPURLWithoutQuery(_ value: String) {
        #expect(
            issues(#"{"environments": {"development": {"production": false}}, "host": {"public_url": "\#(value)"}}"#)
                == [
                    "$.host.public_url: expected an absolute http or https URL without query, fragment or credentials, "
                        + "such as 'https://hooks.acme.example', found '\(value)'"
                ])
    }

    @Test func inlineAPIKeysAreRefusedWithoutShowingThem() {
        let inline = HostTestSupport.productionKey
        let found = issues(
            #"{"environments": {"production": {"production": true, "api_keys": ["# + "\"\(inline)\"" + "]}}}")
        #expect(
            found == [
                #"$.environments.production.api_keys[0]: expected a secret reference {"$env": "NAME"} or {"$file": "path"}, found an inline string (not shown); API keys are never written in configuration files"#
            ])
        #expect(!found.joined().contains(inline))
    }

    @Test func aKeySelectsOneEnvironmentAndMustBeLongEnough() {
        let shared = #"[{"$env": "TEST_DEVELOPMENT_KEY"}]"#
        #expect(
            issues(
                #"{"environments": {"development": {"production": false, "api_keys": "# + shared
                    + #"}, "staging": {"production": false, "api_keys": "# + shared + "}}}")
                == [
                    "$.environments.staging.api_keys[0]: this API key (not shown) is already a key of environment 'development'; a key selects one environment"
                ])
        #expect(
            issues(
                #"{"environments": {"development": {"production": false, "api_keys": [{"$env": "SHORT"}]}}}"#,
                variables: ["SHORT": "short"])
                == [
                    "$.environments.development.api_keys[0]: the API key read from environment variable 'SHORT' (not shown) must be at least 16 characters with no whitespace"
                ])
        #expect(
            issues(#"{"environments": {"development": {"production": false, "api_keys": []}}}"#) == [
                #"$.environments.development.api_keys: expected a non-empty array of secret references {"$env": "NAME"} or {"$file": "path"}, found an empty array"#
            ])
    }

    @Test func developmentKeyIsMadeOnceAndKeptPrivate() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dh-key-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try DevelopmentKey.loadOrCreate(directory: directory)
        #expect(first.created)
        #expect(first.key.hasPrefix("dh_dev_") && first.key.count == 47)
        let again = try DevelopmentKey.loadOrCreate(directory: directory)
        #expect(again.key == first.key && !again.created)
        let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/" + DevelopmentKey.fileName)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func embeddedDefaultLoads() throws {
        let key = DevelopmentKey.make()
        let configuration = try EmbeddedConfiguration.load(dataDirectory: "/tmp/dh-data", developmentKey: key)
        #expect(configuration.environments.map(\.name) == ["development"])
        #expect(configuration.channels.map(\.id) == ["in-app", "outbox"])
        #expect(configuration.channels.map(\.provider.rawValue) == ["in_app_feed", "outbox"])
        #expect(configuration.apiKeys == ["development": [key]])
        #expect(configuration.server.dataDirectory == "/tmp/dh-data")
        #expect(configuration.server.logFormat == .logfmt)
    }
}
