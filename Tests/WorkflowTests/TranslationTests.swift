import Engine
import Foundation
import Liquid
import Providers
import Testing

/// Channel templates render translations in the recipient's `locale` (§15): language and region, then the
/// language, then the default locale.
@Suite struct TranslationTests {
    static let workflow = """
        {"key": "order-ready", "name": "Order ready", "steps": [
          {"ref": "sms_1", "type": "channel", "channel_type": "sms", "channel_key": "sms",
           "template": {"text_body": "{{ \\"OrderReady\\" | t }} {{ \\"shipping:count\\" | t: count: data.n }} {% t %}Thanks{% endt %}"}}]}
        """

    static func translations() throws -> LiquidTranslations {
        var translations = LiquidTranslations(defaultLocale: "en")
        try translations.add(["OrderReady": "Your order is ready.", "Thanks": "Thanks!"], locale: "en")
        try translations.add(
            ["count": ["one": "One parcel.", "other": "{{ count }} parcels."]], locale: "en", namespace: "shipping")
        try translations.add(["OrderReady": "Votre commande est prête.", "Thanks": "Merci !"], locale: "fr")
        try translations.add(
            ["count": ["one": "Un colis.", "other": "{{ count }} colis."]], locale: "fr", namespace: "shipping")
        try translations.add(["OrderReady": "Votre commande est prête, une fois."], locale: "fr-BE")
        return translations
    }

    @Test func theRecipientsLocalePicksTheTranslation() async throws {
        let harness = try WorkflowHarness([Self.workflow], translations: try Self.translations())
        try await harness.identify([
            "belgian": ["phone_number": "+3225550100", "locale": "fr-BE"],
            "french": ["phone_number": "+33155501000", "locale": "fr"],
            "german": ["phone_number": "+49305550100", "locale": "de-DE"],
            "unset": ["phone_number": "+15005550006"],
        ])
        try await harness.trigger(
            "order-ready", #"{"recipients": ["belgian", "french", "german", "unset"], "data": {"n": 2}}"#)
        let texts = await harness.sent.map { ($0.recipient.id, $0.content.mainText) }
        #expect(texts.map(\.0) == ["belgian", "french", "german", "unset"])
        #expect(
            texts.map(\.1) == [
                "Votre commande est prête, une fois. 2 colis. Merci !",
                "Votre commande est prête. 2 colis. Merci !",
                "Your order is ready. 2 parcels. Thanks!",
                "Your order is ready. 2 parcels. Thanks!",
            ])
    }

    @Test func withoutTranslationsTheKeyAndTheBodyRender() async throws {
        let harness = try WorkflowHarness([Self.workflow])
        try await harness.identify(["french": ["phone_number": "+33155501000", "locale": "fr"]])
        try await harness.trigger("order-ready", #"{"recipients": ["french"], "data": {"n": 1}}"#)
        #expect(await harness.sent.map(\.content.mainText) == ["OrderReady shipping:count Thanks"])
    }

    @Test func aTranslationsDirectoryLoadsWithTheCatalog() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("translations-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let workflows = root.appendingPathComponent("workflows/order-ready")
        let french = root.appendingPathComponent("translations/fr")
        try FileManager.default.createDirectory(at: workflows, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: french, withIntermediateDirectories: true)
        try Data(Self.workflow.utf8).write(to: workflows.appendingPathComponent("workflow.json"))
        try Data(#"{"OrderReady": "Prête."}"#.utf8).write(to: french.appendingPathComponent("fr.json"))
        try Data(#"{"count": {"other": "{{ count }} colis."}}"#.utf8).write(
            to: french.appendingPathComponent("shipping.fr.json"))

        let catalog = try WorkflowCatalog.load(
            directory: root.appendingPathComponent("workflows").path,
            translationsDirectory: root.appendingPathComponent("translations").path, defaultLocale: "fr")
        #expect(catalog.translations?.defaultLocale == "fr")
        try Data(#"{"OrderReady": 7}"#.utf8).write(to: french.appendingPathComponent("fr.json"))
        let error = try #require(throws: EngineError.self) {
            try WorkflowCatalog.load(
                directory: root.appendingPathComponent("workflows").path,
                translationsDirectory: root.appendingPathComponent("translations").path)
        }
        #expect(error.code == .invalidWorkflow)
        #expect(error.message.contains("translation error"))
        #expect(error.message.contains("OrderReady"))
    }
}
