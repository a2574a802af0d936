import Signing

extension CrossCheckCase {
    /// Signs `claims` with ``JWTSigner`` under `alg` and the PEM private key, with `kid` when given.
    func jwtSign() throws -> [String: JSONValue] {
        guard let claims = fields["claims"] else { throw CaseError("'claims' is missing") }
        let signer = try JWTSigner(algorithm: try algorithm(), key: PrivateKey(pem: try string("private_key_pem")))
        return ["token": .string(try signer.sign(claims, keyID: try optionalString("kid")))]
    }

    /// Verifies `token` with ``JWTVerifier`` under `alg` and the PEM public key at `now` (default leeway).
    func jwtVerify() throws -> [String: JSONValue] {
        let verifier = try JWTVerifier(algorithm: try algorithm(), key: PublicKey(pem: try string("public_key_pem")))
        let (token, now) = (try string("token"), try date(seconds: "now"))
        return verdict { try verifier.verify(token, now: now) }
    }

    private func algorithm() throws -> JWTAlgorithm {
        let name = try string("alg")
        guard let algorithm = JWTAlgorithm(name: name) else { throw CaseError("'alg' \(name) is not implemented") }
        return algorithm
    }
}
