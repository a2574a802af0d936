/// A hash function supported by ``Digest`` and ``HMAC``.
public struct DigestAlgorithm: Hashable, Sendable, CustomStringConvertible {
    enum Base: String, Sendable {
        case sha1 = "SHA-1"
        case sha256 = "SHA-256"
        case sha512 = "SHA-512"
    }

    let base: Base

    /// SHA-1 (20 bytes). Only for legacy protocols that require it (Twilio, SNS version 1).
    public static let sha1 = DigestAlgorithm(base: .sha1)
    /// SHA-256 (32 bytes).
    public static let sha256 = DigestAlgorithm(base: .sha256)
    /// SHA-512 (64 bytes).
    public static let sha512 = DigestAlgorithm(base: .sha512)

    /// The length of this function's output in bytes.
    public var byteCount: Int {
        switch base {
        case .sha1: 20
        case .sha256: 32
        case .sha512: 64
        }
    }

    public var description: String { base.rawValue }
}
