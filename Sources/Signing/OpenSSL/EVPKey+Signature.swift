internal import COpenSSL

extension EVPKey {
    /// Signs `message` with this private key, hashing it with `digest`.
    ///
    /// RSA keys produce RSASSA-PKCS1-v1_5 signatures; EC keys produce DER-encoded ECDSA signatures.
    func sign(_ message: [UInt8], digest: DigestAlgorithm) throws -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else {
            throw OpenSSLError.error(.cryptoFailure, "could not allocate a digest context")
        }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestSignInit(context, nil, digest.evpMD, nil, pointer) == 1 else {
            throw OpenSSLError.error(.invalidKey, "the key cannot sign with \(digest) (is it a private key?)")
        }
        var length = 0
        guard EVP_DigestSign(context, nil, &length, message, message.count) == 1 else {
            throw OpenSSLError.error(.cryptoFailure, "could not size the signature")
        }
        var signature = [UInt8](repeating: 0, count: length)
        guard EVP_DigestSign(context, &signature, &length, message, message.count) == 1 else {
            throw OpenSSLError.error(.cryptoFailure, "signing failed")
        }
        return Array(signature.prefix(length))
    }

    /// Checks `signature` over `message` with this key, hashing with `digest`.
    ///
    /// - Returns: `true` only for a valid signature. A malformed signature is simply invalid.
    func verify(_ signature: [UInt8], over message: [UInt8], digest: DigestAlgorithm) throws -> Bool {
        guard let context = EVP_MD_CTX_new() else {
            throw OpenSSLError.error(.cryptoFailure, "could not allocate a digest context")
        }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, digest.evpMD, nil, pointer) == 1 else {
            throw OpenSSLError.error(.invalidKey, "the key cannot verify with \(digest)")
        }
        let result = EVP_DigestVerify(context, signature, signature.count, message, message.count)
        // A failed verification leaves reasons on the queue; they are expected, not errors.
        OpenSSLError.clear()
        return result == 1
    }
}
