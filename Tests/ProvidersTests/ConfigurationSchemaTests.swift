import Foundation
import Providers
import Testing

/// Keeps the generated files in step with the generator.
///
/// `schemas/delivery-host.schema.json`, the test registry's schema (used by `scripts/crosscheck/config_schema.sh`)
/// and the generated blocks of `docs/configuration.md` must equal the generator's output. After changing a
/// provider's ``SettingsSchema`` or ``ProviderRegistry/standard``, regenerate them all with
/// `UPDATE_SCHEMA=1 swift test --filter ConfigurationSchemaTests`.
@Suite struct ConfigurationSchemaTests {
    static let regenerate = "UPDATE_SCHEMA=1 swift test --filter ConfigurationSchemaTests"
    static let isUpdating = ProcessInfo.processInfo.environment["UPDATE_SCHEMA"] == "1"
    static let casesDirectory = "Tests/ProvidersTests/Fixtures/Configuration/schema-cases"

    /// Compares `expected` with the file at `path` (relative to the package), or writes it when updating.
    func check(_ path: String, equals expected: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = URL(fileURLWithPath: ConfigurationTestSupport.packageRoot + "/" + path)
        if Self.isUpdating {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(expected.utf8).write(to: url)
            return
        }
        guard let committed = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("\(path) is missing; generate it with \(Self.regenerate)", sourceLocation: sourceLocation)
            return
        }
        guard committed != expected else { return }
        let (old, new) = (
            committed.split(separator: "\n", omittingEmptySubsequences: false),
            expected.split(separator: "\n", omittingEmptySubsequences: false)
        )
        let line =
            zip(old, new).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(old.count, new.count)
        let shown = { (lines: [Substring]) in line < lines.count ? String(lines[line]) : "(end of file)" }
        Issue.record(
            """
            \(path) is not the generator's output; regenerate it with \(Self.regenerate)
            first difference at line \(line + 1):
              committed: \(shown(old))
              generated: \(shown(new))
            """,
            sourceLocation: sourceLocation)
    }

    @Test func committedSchemaIsTheStandardRegistrysSchema() throws {
        try check("schemas/delivery-host.schema.json", equals: ConfigurationSchema.text(for: .standard))
    }

    @Test func committedTestRegistrySchemaIsCurrent() throws {
        try check(
            "Tests/ProvidersTests/Fixtures/Configuration/test-registry.schema.json",
            equals: ConfigurationSchema.text(for: ConfigurationTestSupport.registry))
    }

    @Test func generatedDocumentationIsCurrent() throws {
        let path = ConfigurationTestSupport.packageRoot + "/docs/configuration.md"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        let blocks = [
            ("common settings", ConfigurationSchema.markdownTable(for: ChannelConfiguration.commonSettings)),
            ("provider settings", ConfigurationSchema.markdownReference(for: .standard)),
        ]
        for (name, content) in blocks {
            let begin = "<!-- BEGIN GENERATED: \(name) -->\n"
            let end = "<!-- END GENERATED: \(name) -->"
            let start = try #require(text.range(of: begin), "docs/configuration.md lacks the marker \(begin)")
            let stop = try #require(text.range(of: end, range: start.upperBound..<text.endIndex))
            text.replaceSubrange(start.upperBound..<stop.lowerBound, with: "\n" + content + "\n")
        }
        try check("docs/configuration.md", equals: text)
    }

    @Test func generatesOneConditionalSettingsSchemaPerProvider() throws {
        let schema = ConfigurationSchema.jsonSchema(for: ConfigurationTestSupport.registry)
        #expect(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema")
        let channel = try #require(schema["$defs"]?["channel"])
        #expect(channel["properties"]?["provider"]?["enum"] == ["webhook", "postmark", "twilio"])
        #expect(
            channel["allOf"]?.arrayValue?.first
                == [
                    "if": ["properties": ["provider": ["const": "webhook"]], "required": ["provider"]],
                    "then": [
                        "properties": ["environments": ["additionalProperties": ["$ref": "#/$defs/settings-webhook"]]]
                    ],
                ])
        let twilio = try #require(schema["$defs"]?["settings-twilio"])
        #expect(twilio["required"] == ["account_sid", "from"])
        #expect(twilio["anyOf"] == [["required": ["auth_token"]], ["required": ["api_key_secret"]]])
        #expect(twilio["additionalProperties"] == false)
        let postmark = try #require(schema["$defs"]?["settings-postmark"]?["properties"])
        #expect(postmark["server_token"] == ["description": "The server API token.", "$ref": "#/$defs/reference"])
        #expect(
            postmark["timeout_seconds"]
                == ["description": "The request timeout.", "type": "integer", "minimum": 1, "maximum": 120])
        #expect(postmark["rate_limit"]?["properties"]?["max"]?["minimum"] == 1)
        #expect(postmark["rate_limit"]?["properties"]?["max"]?["maximum"] == nil)
        #expect(postmark["tags"]?["items"] == ["$ref": "#/$defs/text"])
        #expect(postmark["template_model"] == ["description": "Extra template data."])
    }

    /// The loader accepts the valid schema cases and rejects the invalid ones at the same JSONPath as
    /// Python's jsonschema does in `scripts/crosscheck/config_schema.sh` (`invalid-paths.json`).
    @Test func schemaCasesAgreeWithTheLoader() throws {
        let root = ConfigurationTestSupport.packageRoot + "/" + Self.casesDirectory
        let expectedPaths = try #require(
            try JSONValue.parse(Array(Data(contentsOf: URL(fileURLWithPath: root + "/invalid-paths.json")))).objectValue
        )
        for expectation in ["valid", "invalid"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: root + "/" + expectation).sorted()
            #expect(!names.isEmpty)
            for name in names where name.hasSuffix(".json") {
                let result = Result {
                    try ChannelConfiguration.load(
                        from: root + "/" + expectation + "/" + name, registry: ConfigurationTestSupport.registry,
                        environmentVariables: ["TOKEN": "t0k3n"])
                }
                switch (expectation, result) {
                case ("valid", .failure(let error)):
                    Issue.record("\(name) should load:\n\(error)")
                case ("invalid", .success):
                    Issue.record("\(name) should not load")
                case ("invalid", .failure(let error as ConfigurationError)):
                    let expected = try #require(
                        expectedPaths[name]?.stringValue, "\(name) is not in invalid-paths.json")
                    #expect(
                        error.issues.contains { $0.path.hasPrefix(expected) },
                        "\(name): no issue at or under \(expected):\n\(error)")
                default:
                    break
                }
            }
        }
    }
}
