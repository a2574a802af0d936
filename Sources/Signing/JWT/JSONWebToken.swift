/// A compact JWS (`header.payload.signature`) split into its decoded parts.
public struct JSONWebToken: Sendable {
    /// The protected header.
    public var header: JWTHeader
    /// The decoded payload (the claims JSON).
    public var payload: [UInt8]
    /// The decoded signature.
    public var signature: [UInt8]
    /// The ASCII `header.payload` text the signature covers.
    public var signingInput: [UInt8]

    /// Parses a compact serialisation without checking its signature.
    ///
    /// - Parameter compact: `<base64url header>.<base64url payload>.<base64url signature>`.
    /// - Throws: ``SigningError/Code/malformedToken`` if it is not three base64url parts with a JSON header,
    ///   or ``SigningError/Code/unsupportedAlgorithm`` if the header's `alg` is not implemented here.
    public init(compact: String) throws {
        let parts = compact.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw SigningError(
                .malformedToken, "a compact JWS has 3 dot-separated parts; this token has \(parts.count)")
        }
        func decode(_ part: Substring, _ name: String) throws -> [UInt8] {
            do {
                return try Base64URL.decode(String(part))
            } catch {
                throw SigningError(.malformedToken, "the token's \(name) is not base64url")
            }
        }
        header = try JWTHeader.parse(try decode(parts[0], "header"))
        payload = try decode(parts[1], "payload")
        signature = try decode(parts[2], "signature")
        signingInput = Array(parts[0].utf8) + [UInt8(ascii: ".")] + Array(parts[1].utf8)
    }
}
