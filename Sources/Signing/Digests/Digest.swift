/// One-shot message digests.
///
/// ```swift
/// let hash = Digest.sha256("hello".utf8)   // 32 bytes
/// print(Hex.encode(hash))
/// ```
public enum Digest {
    /// Hashes bytes with the given algorithm.
    ///
    /// - Parameters:
    ///   - bytes: The message.
    ///   - algorithm: The hash function.
    /// - Returns: The digest, ``DigestAlgorithm/byteCount`` bytes long.
    public static func hash(_ bytes: some Sequence<UInt8>, using algorithm: DigestAlgorithm) -> [UInt8] {
        OpenSSLDigest.hash(bytes, using: algorithm)
    }

    /// SHA-1 of `bytes` (20 bytes).
    public static func sha1(_ bytes: some Sequence<UInt8>) -> [UInt8] { hash(bytes, using: .sha1) }

    /// SHA-256 of `bytes` (32 bytes).
    public static func sha256(_ bytes: some Sequence<UInt8>) -> [UInt8] { hash(bytes, using: .sha256) }

    /// SHA-512 of `bytes` (64 bytes).
    public static func sha512(_ bytes: some Sequence<UInt8>) -> [UInt8] { hash(bytes, using: .sha512) }
}
