import Foundation
import Liquid
import Providers
import Testing

/// Serves objects from a fixed table and records what was asked.
actor RecordingObjectLoader: LiquidObjectLoader {
    let objects: [String: JSONValue]
    private(set) var requests: [String] = []

    init(_ objects: [String: JSONValue]) { self.objects = objects }

    func object(collection: String, id: String) async -> JSONValue? {
        requests.append("\(collection)/\(id)")
        return objects["\(collection)/\(id)"]
    }
}

@Suite struct LiquidKnockHelperTests {
    @Test func objectFilterLoadsByCollectionAndID() async throws {
        let loader = RecordingObjectLoader(["projects/proj_1": ["id": "proj_1", "name": "Apollo", "tags": ["a", "b"]]])
        let environment = LiquidEnvironment(objectLoader: loader)
        let source = """
            {% assign project = "proj_1" | object: "projects" %}{{ project.name }} {{ project.tags | join: "," }}\
            |{{ "proj_9" | object: "projects" | default: "none" }}|{{ missing | object: "projects" }}
            """
        #expect(try await render(source, environment: environment) == "Apollo a,b|none|")
        #expect(await loader.requests == ["projects/proj_1", "projects/proj_9"])
    }

    @Test func objectFilterWithoutLoaderIsNil() async throws {
        #expect(try await render(#"[{{ "proj_1" | object: "projects" }}]"#) == "[]")
    }

    static func translations() throws -> LiquidTranslations {
        var translations = LiquidTranslations(defaultLocale: "en")
        try translations.add(
            [
                "OrderReady": "Your order is ready.",
                "like": "{{ actorName }} liked your photo {{ photoTitle }}!",
                "orders": ["shipping": ["zero": "No orders.", "one": "One order.", "other": "{{ count }} orders."]],
                "customers": ["orders": ["beenReceived": "Received."]],
                "Congratulations, {{ recipient.name }}!": "Well done, {{ recipient.name }}!",
            ], locale: "en")
        try translations.add(["OrderReady": "Votre commande est prête."], locale: "fr")
        try translations.add(["OrderReady": "Uw bestelling is klaar."], locale: "fr-BE")
        try translations.add(["canceled": "Payment canceled."], locale: "en", namespace: "payments")
        try translations.add(["canceled": "Canceled."], locale: "en")
        return translations
    }

    static let translationCases: [(String?, Case)] = [
        (nil, Case(#"{{ "OrderReady" | t }}"#, "Your order is ready.")),
        ("fr", Case(#"{{ "OrderReady" | t }}"#, "Votre commande est prête.")),
        ("fr-BE", Case(#"{{ "OrderReady" | t }}"#, "Uw bestelling is klaar.")),
        ("fr-CA", Case(#"{{ "OrderReady" | t }}"#, "Votre commande est prête.")),
        ("de", Case(#"{{ "OrderReady" | t | upcase }}"#, "YOUR ORDER IS READY.")),
        (
            nil,
            Case(#"{{ "like" | t: actorName: actor.name, photoTitle: "Sunset" }}"#, "Charles liked your photo Sunset!")
        ),
        (
            nil,
            Case(
                #"{{ "orders.shipping" | t: count: 0 }}|{{ "orders.shipping" | t: count: 1 }}"#, "No orders.|One order."
            )
        ),
        (nil, Case(#"{{ "orders.shipping" | t: count: data.count }}"#, "3 orders.")),
        (nil, Case(#"{{ "customers.orders.beenReceived" | t }}"#, "Received.")),
        (
            nil,
            Case(
                #"{{ "payments:canceled" | t }}|{{ "canceled" | t }}|{{ "nope:canceled" | t }}"#,
                "Payment canceled.|Canceled.|nope:canceled")
        ),
        (nil, Case("{% t %}Congratulations, {{ recipient.name }}!{% endt %}", "Well done, Ada Lovelace!")),
        (nil, Case("{% t %} Untranslated {{ actor.name }} {% endt %}", " Untranslated Charles ")),
    ]

    @Test(arguments: translationCases) func translates(_ locale: String?, _ test: Case) async throws {
        let environment = LiquidEnvironment(translations: try Self.translations(), locale: locale)
        let output = try await render(test.source, environment: environment)
        #expect(output == test.expected)
    }

    @Test func pluralZeroFallsBackToOther() async throws {
        var translations = LiquidTranslations(defaultLocale: "en")
        try translations.add(["items": ["one": "one item", "other": "{{ count }} items"]], locale: "en")
        let environment = LiquidEnvironment(translations: translations)
        #expect(try await render(#"{{ "items" | t: count: 0 }}"#, environment: environment) == "0 items")
    }

    @Test func invalidTranslationNamesTheKey() throws {
        var translations = LiquidTranslations(defaultLocale: "en")
        do {
            try translations.add(["a": ["b": 3]], locale: "en")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidTranslation)
            #expect(error.message == "translation 'a.b' is number; expected a string or an object")
        }
    }

    @Test func untranslatedTagRendersBody() async throws {
        #expect(try await render("{% t %}Hi {{ actor.name }}{% endt %}") == "Hi Charles")
    }
}

@Suite struct LiquidTranslationLoadingTests {
    static func directory(_ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("liquid-tr-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root.path
    }

    @Test func loadsLocalesAndNamespaces() async throws {
        let path = try Self.directory([
            "en/en.json": #"{"OrderReady": "Ready.", "canceled": "Canceled."}"#,
            "en/admin.en.json": #"{"canceled": "Admin canceled."}"#,
            "en-GB/en-GB.json": #"{"OrderReady": "Ready, innit."}"#,
            "README.md": "ignored",
        ])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let translations = try LiquidTranslations.load(directory: path, defaultLocale: "en")
        let source = #"{{ "OrderReady" | t }}|{{ "admin:canceled" | t }}|{{ "canceled" | t }}"#
        let british = LiquidEnvironment(translations: translations, locale: "en-GB")
        #expect(try await render(source, environment: british) == "Ready, innit.|Admin canceled.|Canceled.")
        let american = LiquidEnvironment(translations: translations, locale: "en-US")
        #expect(try await render(source, environment: american) == "Ready.|Admin canceled.|Canceled.")
    }

    @Test func badFilesAreNamed() throws {
        let misnamed = try Self.directory(["fr/en.json": "{}"])
        defer { try? FileManager.default.removeItem(atPath: misnamed) }
        let nameError = try #require(
            #expect(throws: LiquidError.self) { try LiquidTranslations.load(directory: misnamed, defaultLocale: "en") })
        #expect(nameError.code == .invalidTranslation)
        #expect(nameError.template == "translations/fr/en.json")
        #expect(nameError.message == "the file is not named <locale>.json or <namespace>.<locale>.json for locale 'fr'")
        let notObject = try Self.directory(["fr/fr.json": "[1]"])
        defer { try? FileManager.default.removeItem(atPath: notObject) }
        let jsonError = try #require(
            #expect(throws: LiquidError.self) { try LiquidTranslations.load(directory: notObject, defaultLocale: "en") }
        )
        #expect(jsonError.message == "the file is not a JSON object")
    }
}
