public import Providers

/// Translations for the `t` filter and the `{% t %}` tag, per locale and optional namespace.
///
/// Each translation is itself a Liquid template (`"{{ actorName }} liked your photo"`), parsed when added.
/// Nested objects give dotted keys (`customers.orders.beenReceived`); an object with `zero`, `one` and
/// `other` is a pluralized entry chosen by the `count` argument. Lookup tries the recipient's locale
/// (`fr-BE`), then its language (`fr`), then ``defaultLocale``.
public struct LiquidTranslations: Sendable {
    /// The locale used when the recipient's has no translation.
    public var defaultLocale: String
    private var entries: [String: [String: LiquidTemplate]] = [:]

    /// Creates empty translations.
    ///
    /// - Parameter defaultLocale: The fallback locale, such as `"en"`.
    public init(defaultLocale: String) {
        self.defaultLocale = defaultLocale
    }

    /// Adds one translation file.
    ///
    /// - Parameters:
    ///   - translations: The file's object of strings and nested objects.
    ///   - locale: Its locale, such as `"en"` or `"en-GB"`.
    ///   - namespace: Its namespace (`admin` for `admin.en.json`), reached as `"admin:key"`; nil for none.
    /// - Throws: ``LiquidError`` with ``LiquidError/Code/invalidTranslation`` naming the key of a value that is
    ///   not a string or object, or the syntax error of a translation that does not parse.
    public mutating func add(_ translations: JSONObject, locale: String, namespace: String? = nil) throws(LiquidError) {
        let prefix = namespace.map { $0 + ":" } ?? ""
        var flattened: [String: LiquidTemplate] = entries[locale] ?? [:]
        try Self.flatten(translations, prefix: prefix, locale: locale, into: &flattened)
        entries[locale] = flattened
    }

    private static func flatten(
        _ object: JSONObject, prefix: String, locale: String, into result: inout [String: LiquidTemplate]
    ) throws(LiquidError) {
        for (key, value) in object {
            let path = prefix.isEmpty || prefix.hasSuffix(":") ? prefix + key : prefix + "." + key
            switch value {
            case .string(let text):
                result[path] = try LiquidTemplate(parsing: text, name: "translations/\(locale)/\(path)")
            case .object(let nested):
                try flatten(nested, prefix: path, locale: locale, into: &result)
            default:
                throw LiquidError(
                    .invalidTranslation, template: "translations/\(locale)", line: 0, column: 0,
                    message: "translation '\(path)' is \(value.typeName); expected a string or an object")
            }
        }
    }

    /// The translation for `key`, choosing a plural form by `count` when one is given.
    func lookup(_ key: String, locale: String?, count: LiquidValue?) -> LiquidTemplate? {
        var candidates = [key]
        if let count, !count.isNil {
            let forms: [String]
            switch count.integerValue {
            case 0: forms = ["zero", "other"]
            case 1: forms = ["one", "other"]
            default: forms = ["other"]
            }
            candidates = forms.map { key + "." + $0 } + [key]
        }
        for localeName in localeChain(locale) {
            guard let table = entries[localeName] else { continue }
            for candidate in candidates {
                if let template = table[candidate] { return template }
            }
        }
        return nil
    }

    private func localeChain(_ locale: String?) -> [String] {
        var chain: [String] = []
        if let locale, !locale.isEmpty {
            chain.append(locale)
            if let dash = locale.firstIndex(where: { $0 == "-" || $0 == "_" }) {
                chain.append(String(locale[..<dash]))
            }
        }
        chain.append(defaultLocale)
        return chain
    }
}
