/// A private key for signing: RSA (for RS256 and SHA256withRSA) or EC P-256 (for ES256).
///
/// Load one from the PEM text providers issue: the `.p8` file Apple issues for APNs (PKCS#8, EC P-256)
/// or the `private_key` field of a Google service-account JSON (PKCS#8, RSA). PKCS#1
/// (`BEGIN RSA PRIVATE KEY`) and SEC 1 (`BEGIN EC PRIVATE KEY`) blocks are accepted too, and literal
/// `\n` sequences (a PEM pasted into an environment variable) are turned back into line breaks.
///
/// ```swift
/// let key = try PrivateKey(pem: String(contentsOfFile: "AuthKey_ABC123.p8"))
/// ```
///
/// The key's material never appears in ``description`` or in any error.
public struct PrivateKey: Sendable, CustomStringConvertible {
    let key: EVPKey

    /// Loads an unencrypted private key from PEM text.
    ///
    /// - Parameter pem: The PEM block (surrounding text and white space are ignored).
    /// - Throws: ``SigningError/Code/invalidKey`` if there is no private key block, it is encrypted, or it does not parse.
    public init(pem: String) throws {
        key = try EVPKey.privateKey(pem: pem)
    }

    /// The key's type and size, such as `RSA 2048-bit` or `EC P-256`.
    public var keyDescription: String { key.kind.description }

    public var description: String { "PrivateKey(\(keyDescription))" }
}

/// A public key for verifying signatures: RSA or EC P-256.
public struct PublicKey: Sendable, CustomStringConvertible {
    let key: EVPKey

    /// Loads a public key from a `BEGIN PUBLIC KEY` (SubjectPublicKeyInfo) PEM block.
    ///
    /// - Parameter pem: The PEM block.
    /// - Throws: ``SigningError/Code/invalidKey`` if there is no public key block or it does not parse.
    public init(pem: String) throws {
        key = try EVPKey.publicKey(pem: pem)
    }

    init(key: EVPKey) {
        self.key = key
    }

    /// The key's type and size, such as `RSA 2048-bit` or `EC P-256`.
    public var keyDescription: String { key.kind.description }

    public var description: String { "PublicKey(\(keyDescription))" }
}
