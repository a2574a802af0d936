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
