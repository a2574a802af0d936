/// An email address with an optional display name, as in `"Ada Lovelace" <ada@example.com>`.
public struct MailAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address itself (`local@domain`), ASCII only.
    public var address: String
    /// The name shown with it, or `nil`; any Unicode text.
    public var displayName: String?

    /// Creates an address.
    ///
    /// - Parameters:
    ///   - address: The `local@domain` address.
    ///   - displayName: The name shown with it.
    public init(_ address: String, displayName: String? = nil) {
        self.address = address
        self.displayName = displayName
    }

    /// The address as it appears in a header, display name encoded as needed.
    public var description: String {
        (try? headerText()) ?? address
    }

    /// Throws ``TransportError/Code/invalidRequest`` unless ``address`` is a plain ASCII
    /// `local@domain` without spaces, angle brackets, commas or control characters.
    public func validate() throws {
        let bytes = Array(address.utf8)
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")), at > 0, at < bytes.count - 1,
            bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F && !"<>,;\\\"()[]".utf8.contains($0) })
        else {
            throw TransportError(.invalidRequest, "\"\(Self.printable(address))\" is not a usable email address")
        }
        if let displayName, displayName.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw TransportError(.invalidRequest, "a display name contains control characters")
        }
    }

    /// The header form: `address`, `"Name" <address>` or `=?UTF-8?B?...?= <address>`.
    func headerText() throws -> String {
        try validate()
        guard let displayName, !displayName.isEmpty else { return address }
        if displayName.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            let escaped = displayName.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
            return "\"\(escaped)\" <\(address)>"
        }
        return MIMEEncoding.encodedWords(displayName).joined(separator: " ") + " <\(address)>"
    }

    private static func printable(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(100))
    }
}
