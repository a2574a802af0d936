/// Keyed-hash message authentication codes (RFC 2104).
///
/// ```swift
/// let mac = HMAC.authenticationCode(for: Array(body.utf8), key: Array(secret.utf8), using: .sha256)
/// let valid = ConstantTime.equals(mac, received)
/// ```
public enum HMAC {
    /// Computes the HMAC of `message` under `key`.
    ///
    /// - Parameters:
    ///   - message: The authenticated bytes.
    ///   - key: The secret key, of any length.
    ///   - algorithm: The hash function.
    /// - Returns: The MAC, ``DigestAlgorithm/byteCount`` bytes long.
    public static func authenticationCode(
        for message: some Sequence<UInt8>,
        key: some Sequence<UInt8>,
        using algorithm: DigestAlgorithm
    ) -> [UInt8] {
        OpenSSLDigest.hmac(message, key: key, using: algorithm)
    }

    /// Checks a received MAC against the expected one in constant time.
    ///
    /// - Parameters:
    ///   - code: The MAC received.
    ///   - message: The authenticated bytes.
    ///   - key: The secret key.
    ///   - algorithm: The hash function.
    /// - Returns: `true` when `code` is exactly the HMAC of `message` under `key`.
    public static func isValidAuthenticationCode(
        _ code: some Sequence<UInt8>,
        for message: some Sequence<UInt8>,
        key: some Sequence<UInt8>,
        using algorithm: DigestAlgorithm
    ) -> Bool {
        ConstantTime.equals(Array(code), authenticationCode(for: message, key: key, using: algorithm))
    }
}
