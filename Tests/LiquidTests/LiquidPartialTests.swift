import Foundation
import Liquid
import Providers
import Testing

@Suite struct LiquidPartialTests {
    /// Writes partial files into a fresh temporary directory and loads them.
    static func loadPartials(_ files: [String: String]) throws -> LiquidPartials {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("liquid-partials-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (name, text) in files {
            try Data(text.utf8).write(to: URL(fileURLWithPath: directory).appendingPathComponent(name))
        }
        return try LiquidPartials.load(directory: directory)
    }

    static let files = [
        "button.html": "<a href=\"{{ url }}\">{{ label | default: 'Open' }}</a>",
        "greeting.liquid": "Hi {{ recipient.name }}{% if secret %}{{ secret }}{% endif %}",
        "row.md": "- {{ row.name }}\n",
        "leaky.txt": "{% assign leaked = 'yes' %}{{ outer }}",
        "nested.liquid": "[{% render 'button', url: url, label: 'Go' %}]",
        "loop.liquid": "{% render 'loop' %}",
        "broken_ref.liquid": "{% render 'nope' %}",
        "notes.yaml": "ignored",
        "numbered.liquid": "{{ forloop.index }}{{ sep }}{{ p.name }}{% if forloop.last %}(last){% endif %} ",
    ]

    @Test func loadsEveryTemplateFileByKey() throws {
        let partials = try Self.loadPartials(Self.files)
        #expect(partials.names == ["broken_ref", "button", "greeting", "leaky", "loop", "nested", "numbered", "row"])
        #expect(partials["button"]?.name == "button")
    }

    static let cases: [Case] = [
        Case(
            "{% render 'button', url: vars.base_url, label: 'View' %}", "<a href=\"https://app.example.com\">View</a>"),
        Case("{% render 'button' url: 'u' %}", "<a href=\"u\">Open</a>"),
        Case("{% assign secret = 's' %}{% render 'greeting' %}", "Hi Ada Lovelace"),
        Case("{% for p in products limit: 2 %}{% render 'row', row: p %}{% endfor %}", "- Pen\n- apple\n"),
        Case("{% render 'row' with products[2] as row %}", "- Zebra\n"),
        Case("{% render 'row' for products as row %}", "- Pen\n- apple\n- Zebra\n"),
        Case("{% render 'numbered' for products as p, sep: '.' %}", "1.Pen 2.apple 3.Zebra(last) "),
        Case("{% render 'nested', url: 'x' %}", "[<a href=\"x\">Go</a>]"),
        Case("{% assign outer = 'o' %}{% render 'leaky' %}|{{ leaked }}", "|"),
        Case("{% assign outer = 'o' %}{% include 'leaky' %}|{{ leaked }}", "o|yes"),
        Case("{% assign name = 'button' %}{% include name, url: 'y' %}", "<a href=\"y\">Open</a>"),
    ]

    @Test(arguments: cases) func renders(_ test: Case) async throws {
        let environment = LiquidEnvironment(partials: try Self.loadPartials(Self.files))
        let output = try await render(test.source, environment: environment)
        #expect(output == test.expected)
    }

    @Test func missingPartialNamesItAndThePosition() async throws {
        let environment = LiquidEnvironment(partials: try Self.loadPartials(Self.files))
        let error = try #require(await renderError("x\n  {% render 'absent' %}", environment: environment))
        #expect(error.code == .missingPartial)
        #expect(error.template == "test")
        #expect(error.line == 2)
        #expect(error.column == 3)
        #expect(error.message == "no partial named 'absent'")
        let inner = try #require(await renderError("{% render 'broken_ref' %}", environment: environment))
        #expect(inner.template == "broken_ref")
        #expect(inner.column == 1)
    }

    @Test func recursionStopsAtTheDepthLimit() async throws {
        let environment = LiquidEnvironment(
            partials: try Self.loadPartials(Self.files), limits: LiquidLimits(maximumPartialDepth: 3))
        let error = try #require(await renderError("{% render 'loop' %}", environment: environment))
        #expect(error.code == .partialDepthExceeded)
        #expect(error.template == "loop")
        #expect(error.message == "partials nest deeper than 3 levels")
    }

    @Test func partialSyntaxErrorsNameTheFile() throws {
        #expect(throws: LiquidError.self) { try Self.loadPartials(["bad.html": "ok\n{% if %}"]) }
        let syntax = try #require(
            #expect(throws: LiquidError.self) { try Self.loadPartials(["bad.html": "ok\n{{ x | nope }}"]) })
        #expect(syntax.template == "bad")
        #expect(syntax.line == 2)
        #expect(syntax.column == 8)
        let duplicate = try #require(
            #expect(throws: LiquidError.self) { try Self.loadPartials(["a.html": "1", "a.md": "2"]) })
        #expect(duplicate.code == .partialLoadFailed)
        #expect(duplicate.message == "two partial files have the key 'a'; keep one file per key")
    }

    @Test func unreadableDirectory() {
        #expect(throws: LiquidError.self) { try LiquidPartials.load(directory: "/nonexistent/liquid-partials") }
    }
}
