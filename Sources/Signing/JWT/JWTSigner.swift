import Foundation

/// Signs JSON Web Tokens with ES256 or RS256.
///
/// ```swift
/// // An APNs provider token
/// let signer = try JWTSigner(algorithm: .es256, key: PrivateKey(pem: p8))
/// let token = try signer.sign(APNSClaims(iss: teamID, iat: now), keyID: keyID)
/// ```
///
/// ES256 signatures are emitted as the raw 64-byte `r‖s` that JWS requires, never as DER.
public struct JWTSigner: Sendable {
    /// The algorithm every token is signed with.
    public let algorithm: JWTAlgorithm
    private let key: PrivateKey

    /// Creates a signer, checking that the key fits the algorithm.
    ///
    /// - Parameters:
    ///   - algorithm: ``JWTAlgorithm/es256`` (EC P-256 key) or ``JWTAlgorithm/rs256`` (RSA key, 2048 bits or more).
    ///   - key: The private key.
    /// - Throws: ``SigningError/Code/invalidKey`` if the key does not fit the algorithm.
    public init(algorithm: JWTAlgorithm, key: PrivateKey) throws {
        try algorithm.checkKey(key.key.kind)
        self.algorithm = algorithm
        self.key = key
    }

    /// Signs claims, encoded as compact JSON with sorted keys.
    ///
    /// - Parameters:
    ///   - claims: The token's claims.
    ///   - keyID: The header's `kid`, if any.
    ///   - type: The header's `typ`, if any (for example `"JWT"`).
    /// - Returns: The compact serialisation `header.payload.signature`.
    /// - Throws: ``SigningError`` if the claims do not encode or signing fails.
    public func sign(_ claims: some Encodable, keyID: String? = nil, type: String? = nil) throws -> String {
        let payload: Data
        do {
            payload = try JSONEncoder.compact.encode(claims)
        } catch {
            throw SigningError(.invalidEncoding, "the token claims could not be encoded as JSON: \(error)")
        }
        return try sign(payload: Array(payload), header: JWTHeader(algorithm: algorithm, keyID: keyID, type: type))
    }

    /// Signs an exact payload under an exact header, byte for byte.
    ///
    /// - Parameters:
    ///   - payload: The payload bytes (usually JSON claims).
    ///   - header: The protected header; its algorithm must be this signer's.
    /// - Returns: The compact serialisation `header.payload.signature`.
    /// - Throws: ``SigningError/Code/unsupportedAlgorithm`` if the header names another algorithm.
    public func sign(payload: [UInt8], header: JWTHeader) throws -> String {
        guard header.algorithm == algorithm else {
            throw SigningError(
                .unsupportedAlgorithm, "the header says \(header.algorithm) but this signer uses \(algorithm)")
        }
        let signingInput = Base64URL.encode(header.jsonBytes) + "." + Base64URL.encode(payload)
        let signature = try algorithm.sign(Array(signingInput.utf8), with: key.key)
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// Signs an already assembled JWS signing input (`base64url(header).base64url(payload)`).
    ///
    /// - Parameter signingInput: The ASCII signing input.
    /// - Returns: The signature as JWS carries it (64 bytes `r‖s` for ES256).
    public func signature(for signingInput: [UInt8]) throws -> [UInt8] {
        try algorithm.sign(signingInput, with: key.key)
    }
}
