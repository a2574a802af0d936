/// A Standard Webhooks signing secret: `whsec_` followed by the base64 of the HMAC key.
///
/// The key is the base64-decode of the text after the `whsec_` prefix. As the reference
/// libraries do, the prefix is optional and unpadded base64 is accepted. The specification
/// recommends keys of 24 to 64 bytes; any non-empty key is accepted here so that existing
/// secrets keep working.
///
/// The key stays inside the value: ``description`` redacts it, and errors never carry it.
///
/// ```swift
/// let secret = try StandardWebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
/// let signature = StandardWebhookSignature(secret: secret)
/// ```
public struct StandardWebhookSecret: Sendable {
    /// The prefix that marks a Standard Webhooks secret.
    public static let prefix = "whsec_"

    /// The HMAC-SHA256 key.
    let key: [UInt8]

    /// Parses a secret in its text form.
    ///
    /// - Parameter text: `whsec_<base64 key>`, or the base64 key alone; padding is optional.
    /// - Throws: ``SigningError/Code/invalidKey`` if the text after the prefix is not base64 or
    ///   decodes to no bytes. The error message does not contain the text.
    public init(_ text: String) throws {
        var encoded = text.hasPrefix(Self.prefix) ? String(text.dropFirst(Self.prefix.count)) : text
        switch encoded.utf8.count % 4 {
        case 2: encoded += "=="
        case 3: encoded += "="
        default: break
        }
        guard let key = try? Base64.decode(encoded) else {
            throw SigningError(.invalidKey, "a Standard Webhooks secret must be 'whsec_' followed by base64")
        }
        try self.init(key: key)
    }

    /// Creates a secret from raw key bytes.
    ///
    /// - Parameter key: The HMAC-SHA256 key; must not be empty.
    /// - Throws: ``SigningError/Code/invalidKey`` if `key` is empty.
    public init(key: [UInt8]) throws {
        guard !key.isEmpty else {
            throw SigningError(.invalidKey, "a Standard Webhooks secret must not be empty")
        }
        self.key = key
    }

    /// The secret in its text form, `whsec_<padded base64 key>`, for handing to a receiver.
    ///
    /// This is the secret itself: never log it.
    public var text: String { Self.prefix + Base64.encode(key) }
}

// MARK: - Redaction

extension StandardWebhookSecret: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// A description that never shows the key.
    public var description: String { "StandardWebhookSecret(<redacted>)" }

    /// A debug description that never shows the key.
    public var debugDescription: String { description }

    /// A mirror with no children, so that `dump` and debuggers do not show the key.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
