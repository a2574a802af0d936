import Foundation
import Transport

extension MailAddress {
    /// Reads an address as messages and settings write it: `ada@example.com`, `Ada <ada@example.com>`
    /// or `"Lovelace, Ada" <ada@example.com>`; `nil` if it is not a usable address.
    ///
    /// The display name may be any Unicode text (it is encoded when rendered); the address itself
    /// must pass ``MailAddress/validate()``: plain ASCII `local@domain`, no spaces, brackets or
    /// control characters (so nothing can be injected into a header or an SMTP command).
    static func parse(_ text: String) -> MailAddress? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var address = MailAddress(trimmed)
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            let inner = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
            var name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
            if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
                name = String(name.dropFirst().dropLast()).replacing("\\\"", with: "\"").replacing("\\\\", with: "\\")
            }
            address = MailAddress(String(inner), displayName: name.isEmpty ? nil : name)
        }
        guard (try? address.validate()) != nil else { return nil }
        return address
    }

    /// The domain part of the address (after the last `@`).
    var domain: String {
        address.split(separator: "@").last.map(String.init) ?? address
    }

    /// Parses every address of a message field, failing on the first unusable one.
    ///
    /// - Parameters:
    ///   - texts: The addresses as written.
    ///   - field: The field's name for the error, such as `cc`.
    ///   - code: The error code for an unusable address.
    ///   - provider: The provider the error is attributed to.
    /// - Throws: ``ProviderError`` with `code`, naming the field and index (never the address).
    static func parseAll(
        _ texts: [String], field: String, code: ProviderError.Code, provider: ProviderID
    ) throws -> [MailAddress] {
        try texts.enumerated().map { index, text in
            guard let address = parse(text) else {
                throw ProviderError(
                    code, provider: provider, message: "\(field)[\(index)] is not a usable email address")
            }
            return address
        }
    }
}
