import Foundation

/// Standard base64 (RFC 4648 §4) with padding.
public enum Base64 {
    /// Encodes bytes as padded standard base64.
    ///
    /// - Parameter bytes: The bytes to encode.
    /// - Returns: Base64 text using `+` and `/`, padded with `=`.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString()
    }

    /// Decodes standard base64 text. Padding is required; white space is not accepted.
    ///
    /// - Parameter text: Base64 text using `+` and `/`.
    /// - Returns: The decoded bytes.
    /// - Throws: ``SigningError/Code/invalidEncoding`` if the text is not valid base64.
    public static func decode(_ text: String) throws -> [UInt8] {
        guard let data = Data(base64Encoded: text) else {
            throw SigningError(
                .invalidEncoding, "text is not valid base64 (RFC 4648 §4, alphabet A-Z a-z 0-9 + /, padded with =)")
        }
        return Array(data)
    }
}

/// URL-safe base64 (RFC 4648 §5) without padding, as JSON Web Tokens use it.
public enum Base64URL {
    /// Encodes bytes as unpadded base64url.
    ///
    /// - Parameter bytes: The bytes to encode.
    /// - Returns: Base64url text using `-` and `_`, without `=` padding.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var text = Base64.encode(bytes)
        text = text.replacingOccurrences(of: "+", with: "-")
        text = text.replacingOccurrences(of: "/", with: "_")
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }

    /// Decodes base64url text, with or without padding.
    ///
    /// - Parameter text: Base64url text using `-` and `_`.
    /// - Returns: The decoded bytes.
    /// - Throws: ``SigningError/Code/invalidEncoding`` if the text is not valid base64url
    ///   (including text that uses `+` or `/`).
    public static func decode(_ text: String) throws -> [UInt8] {
        guard !text.contains("+"), !text.contains("/") else {
            throw SigningError(
                .invalidEncoding, "text is not valid base64url: it contains '+' or '/' (alphabet A-Z a-z 0-9 - _)")
        }
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        let remainder = standard.utf8.count % 4
        if remainder == 1 {
            throw SigningError(
                .invalidEncoding, "text is not valid base64url: its length leaves a single dangling character")
        }
        if remainder > 0 && !standard.hasSuffix("=") {
            standard += String(repeating: "=", count: 4 - remainder)
        }
        guard let data = Data(base64Encoded: standard) else {
            throw SigningError(.invalidEncoding, "text is not valid base64url (RFC 4648 §5, alphabet A-Z a-z 0-9 - _)")
        }
        return Array(data)
    }
}
