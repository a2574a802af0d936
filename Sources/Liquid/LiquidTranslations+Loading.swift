import Foundation
import Providers

extension LiquidTranslations {
    /// Loads a translations directory laid out as Knock's CLI writes it: one folder per locale holding
    /// `<locale>.json` (no namespace) and `<namespace>.<locale>.json` files.
    ///
    /// ```
    /// translations/en/en.json          → "OrderReady"
    /// translations/en/admin.en.json    → "admin:OrderReady"
    /// translations/en-GB/en-GB.json
    /// ```
    ///
    /// - Parameters:
    ///   - directory: The translations directory's path.
    ///   - defaultLocale: The fallback locale.
    /// - Returns: The translations.
    /// - Throws: ``LiquidError`` with ``LiquidError/Code/invalidTranslation`` naming the file that cannot be read,
    ///   is not a JSON object, or whose name does not end in `.<locale>.json`.
    public static func load(directory: String, defaultLocale: String) throws(LiquidError) -> LiquidTranslations {
        var translations = LiquidTranslations(defaultLocale: defaultLocale)
        let manager = FileManager.default
        let locales = ((try? manager.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        for locale in locales {
            let folder = (directory as NSString).appendingPathComponent(locale)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            for file in ((try? manager.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            where file.hasSuffix(".json") {
                let path = "\(locale)/\(file)"
                let stem = String(file.dropLast(".json".count))
                let namespace: String?
                if stem == locale {
                    namespace = nil
                } else if stem.hasSuffix("." + locale) {
                    namespace = String(stem.dropLast(locale.count + 1))
                } else {
                    throw invalid(
                        path, "is not named <locale>.json or <namespace>.<locale>.json for locale '\(locale)'")
                }
                guard let data = manager.contents(atPath: (folder as NSString).appendingPathComponent(file)),
                    let json = try? JSONValue.parse(Array(data)), case .object(let object) = json
                else { throw invalid(path, "is not a JSON object") }
                try translations.add(object, locale: locale, namespace: namespace)
            }
        }
        return translations
    }

    private static func invalid(_ path: String, _ problem: String) -> LiquidError {
        LiquidError(
            .invalidTranslation, template: "translations/\(path)", line: 0, column: 0, message: "the file \(problem)")
    }
}
