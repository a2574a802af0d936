import Providers
import Testing

@Suite struct ConfigurationIncludeTests {
    static let environments = #""environments": {"development": {"production": false}}"#

    func issues(_ files: [String: String], sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        ConfigurationTestSupport.issues(files, root: "config/main.json", sourceLocation: sourceLocation)
            .map(\.description)
    }

    @Test func resolvesIncludesRelativeToTheIncludingFileAndNests() throws {
        let configuration = try ConfigurationTestSupport.load(
            [
                "config/main.json": #"{"include": ["./a/one.json", "/etc/dh/abs.json"], \#(Self.environments)}"#,
                "config/a/one.json": #"{"include": ["../b/two.json"]}"#,
                "config/b/two.json": #"{"environments": {"staging": {"production": false}}}"#,
                "/etc/dh/abs.json": "{}",
            ], root: "./config/main.json")
        #expect(
            configuration.files == ["config/main.json", "config/a/one.json", "config/b/two.json", "/etc/dh/abs.json"])
        #expect(configuration.environments.map(\.file) == ["config/main.json", "config/b/two.json"])
    }

    @Test func reportsIncludeCycles() {
        #expect(
            issues([
                "config/main.json": #"{"include": ["a.json"], \#(Self.environments)}"#,
                "config/a.json": #"{"include": ["b/b.json"]}"#,
                "config/b/b.json": #"{"include": ["../main.json", "b.json"]}"#,
            ]) == [
                "config/b/b.json: $.include[0]: include cycle: 'config/main.json' → 'config/a.json' → "
                    + "'config/b/b.json' → 'config/main.json'",
                "config/b/b.json: $.include[1]: include cycle: 'config/b/b.json' → 'config/b/b.json'",
            ])
    }

    @Test func reportsAFileIncludedTwice() {
        #expect(
            issues([
                "config/main.json": #"{"include": ["a.json", "shared.json"], \#(Self.environments)}"#,
                "config/a.json": #"{"include": ["shared.json"]}"#,
                "config/shared.json": "{}",
            ]) == [
                "config/main.json: $.include[1]: 'shared.json' (resolved to 'config/shared.json') is already included "
                    + "by 'config/a.json'; a file may be included only once"
            ])
    }

    @Test func reportsDuplicateChannelsAndEnvironmentsNamingBothFiles() {
        let channel = #""hooks": {"provider": "webhook", "environments": {"development": {"url": "http://x.test"}}}"#
        #expect(
            issues([
                "config/main.json": #"{"include": ["more.json"], \#(Self.environments), "channels": {\#(channel)}}"#,
                "config/more.json": #"{\#(Self.environments), "channels": {\#(channel)}}"#,
            ]) == [
                "config/more.json: $.channels.hooks: channel 'hooks' is already declared in 'config/main.json'",
                "config/more.json: $.environments.development: environment 'development' is already declared in "
                    + "'config/main.json'",
            ])
    }

    @Test func reportsUnreadableAndInvalidIncludes() {
        #expect(
            issues([
                "config/main.json": #"{"include": ["missing.json", "", 3, "bad.json"], \#(Self.environments)}"#,
                "config/bad.json": "{\"channels\": }",
            ]) == [
                "config/bad.json:1:14: invalid JSON: unexpected character '}'; expected a value",
                "config/main.json: $.include[0]: cannot read included file 'missing.json' (resolved to "
                    + "'config/missing.json'): no such file",
                "config/main.json: $.include[1]: expected a file path, found an empty string",
                "config/main.json: $.include[2]: expected a file path, found a number",
            ])
        #expect(
            issues(["config/main.json": #"{"include": "a.json", \#(Self.environments)}"#]) == [
                "config/main.json: $.include: expected an array of file paths, found a string"
            ])
    }

    @Test func doesNotGuessAboutEnvironmentsInFilesThatDidNotParse() {
        #expect(
            issues([
                "config/main.json": """
                {"include": ["envs.json"], "channels": {"hooks": {"provider": "webhook", "environments": {
                  "production": {"url": "https://x.test"}}}}}
                """,
                "config/envs.json": #"{"environments": {"production": {"production": true}}"#,
            ]) == ["config/envs.json:1:54: invalid JSON: expected ',' or '}' in an object"])
    }

    @Test func reportsAnUnreadableRootFile() {
        #expect(issues([:]) == ["config/main.json: $: cannot read the configuration file: no such file"])
    }
}
