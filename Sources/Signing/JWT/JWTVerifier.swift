public import Foundation

/// Verifies JSON Web Tokens signed with one known key and algorithm.
///
/// The token's `alg` must equal the verifier's algorithm: a token cannot choose how it is checked
/// (no `none`, no algorithm confusion).
///
/// ```swift
/// let verifier = try JWTVerifier(algorithm: .rs256, key: PublicKey(pem: publicPEM))
/// let token = try verifier.verify(compact, now: .now)
/// ```
public struct JWTVerifier: Sendable {
    /// The only algorithm accepted.
    public let algorithm: JWTAlgorithm
    private let key: PublicKey

    /// Creates a verifier, checking that the key fits the algorithm.
    ///
    /// - Parameters:
    ///   - algorithm: The algorithm tokens must use.
    ///   - key: The public key.
    /// - Throws: ``SigningError/Code/invalidKey`` if the key does not fit the algorithm.
    public init(algorithm: JWTAlgorithm, key: PublicKey) throws {
        try algorithm.checkKey(key.key.kind)
        self.algorithm = algorithm
        self.key = key
    }

    /// Verifies the signature and, where present, the `exp` and `nbf` claims.
    ///
    /// - Parameters:
    ///   - compact: The compact serialisation.
    ///   - now: The time to check `exp` and `nbf` against.
    ///   - leeway: Clock skew allowed on both claims.
    /// - Returns: The parsed token.
    /// - Throws: ``SigningError`` with ``SigningError/Code/signatureMismatch``, ``SigningError/Code/tokenExpired``,
    ///   ``SigningError/Code/malformedToken`` or ``SigningError/Code/unsupportedAlgorithm``.
    @discardableResult
    public func verify(_ compact: String, now: Date, leeway: TimeInterval = 60) throws -> JSONWebToken {
        let token = try verifySignature(compact)
        guard let claims = try? JSONSerialization.jsonObject(with: Data(token.payload)) as? [String: Any] else {
            throw SigningError(.malformedToken, "the token payload is not a JSON object")
        }
        let time = now.timeIntervalSince1970
        if let exp = claims["exp"] {
            guard let expiry = (exp as? NSNumber)?.doubleValue else {
                throw SigningError(.malformedToken, "the token's exp claim is not a number")
            }
            guard time < expiry + leeway else {
                throw SigningError(.tokenExpired, "the token expired at \(Int(expiry)) (now \(Int(time)))")
            }
        }
        if let nbf = claims["nbf"] {
            guard let notBefore = (nbf as? NSNumber)?.doubleValue else {
                throw SigningError(.malformedToken, "the token's nbf claim is not a number")
            }
            guard time + leeway >= notBefore else {
                throw SigningError(.tokenExpired, "the token is not valid before \(Int(notBefore)) (now \(Int(time)))")
            }
        }
        return token
    }

    /// Verifies the signature only; the claims are not examined.
    ///
    /// - Parameter compact: The compact serialisation.
    /// - Returns: The parsed token.
    /// - Throws: ``SigningError`` with ``SigningError/Code/signatureMismatch``, ``SigningError/Code/malformedToken``
    ///   or ``SigningError/Code/unsupportedAlgorithm``.
    @discardableResult
    public func verifySignature(_ compact: String) throws -> JSONWebToken {
        let token = try JSONWebToken(compact: compact)
        guard token.header.algorithm == algorithm else {
            throw SigningError(
                .unsupportedAlgorithm,
                "the token uses \(token.header.algorithm); this verifier accepts only \(algorithm)")
        }
        guard try algorithm.verify(token.signature, over: token.signingInput, with: key.key) else {
            throw SigningError(.signatureMismatch, "the token's \(algorithm) signature does not verify with this key")
        }
        return token
    }

    /// Checks a raw signature over a signing input (for example an ES256 `r‖s` from another source).
    ///
    /// - Returns: `true` if the signature is valid; a malformed signature is invalid.
    public func isValidSignature(_ signature: [UInt8], for signingInput: [UInt8]) throws -> Bool {
        try algorithm.verify(signature, over: signingInput, with: key.key)
    }
}
