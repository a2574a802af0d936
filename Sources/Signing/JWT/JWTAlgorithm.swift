/// A JSON Web Signature algorithm (RFC 7518 §3) that this module implements.
public struct JWTAlgorithm: Hashable, Sendable, CustomStringConvertible {
    private enum Base: String, Sendable {
        case es256 = "ES256"
        case rs256 = "RS256"
    }

    private let base: Base

    /// ECDSA with P-256 and SHA-256; signatures are the raw 64-byte `r‖s` (APNs provider tokens).
    public static let es256 = JWTAlgorithm(base: .es256)
    /// RSASSA-PKCS1-v1_5 with SHA-256 (Google service-account assertions).
    public static let rs256 = JWTAlgorithm(base: .rs256)

    /// Every algorithm this module implements.
    public static let all: [JWTAlgorithm] = [.es256, .rs256]

    /// The `alg` header value, such as `ES256`.
    public var name: String { base.rawValue }

    /// Looks up an algorithm by its `alg` header value.
    ///
    /// - Parameter name: The `alg` value, case-sensitive as RFC 7515 requires.
    /// - Returns: The algorithm, or `nil` if this module does not implement it (including `none`).
    public init?(name: String) {
        guard let base = Base(rawValue: name) else { return nil }
        self.base = base
    }

    private init(base: Base) {
        self.base = base
    }

    public var description: String { name }

    // MARK: - Key and signature rules

    /// Throws unless `kind` is a key this algorithm may use.
    func checkKey(_ kind: EVPKey.Kind) throws {
        switch (base, kind) {
        case (.es256, .ecP256):
            return
        case (.rs256, .rsa(let bits)) where bits >= 2048:
            return
        case (.rs256, .rsa(let bits)):
            throw SigningError(.invalidKey, "RS256 needs an RSA key of at least 2048 bits; this one has \(bits)")
        case (.es256, _):
            throw SigningError(.invalidKey, "ES256 needs an EC P-256 key; this one is \(kind)")
        case (.rs256, _):
            throw SigningError(.invalidKey, "RS256 needs an RSA key; this one is \(kind)")
        }
    }

    /// Signs the JWS signing input, returning the signature as JWS carries it.
    func sign(_ signingInput: [UInt8], with key: EVPKey) throws -> [UInt8] {
        let signature = try key.sign(signingInput, digest: .sha256)
        switch base {
        case .es256: return try ECDSASignature.rawFromDER(signature, componentLength: 32)
        case .rs256: return signature
        }
    }

    /// Checks a JWS signature over the signing input.
    func verify(_ signature: [UInt8], over signingInput: [UInt8], with key: EVPKey) throws -> Bool {
        switch base {
        case .es256:
            // JWS carries exactly 64 bytes; anything else (DER, extra bytes) is invalid.
            guard signature.count == 64 else { return false }
            return try key.verify(ECDSASignature.derFromRaw(signature), over: signingInput, digest: .sha256)
        case .rs256:
            return try key.verify(signature, over: signingInput, digest: .sha256)
        }
    }
}
