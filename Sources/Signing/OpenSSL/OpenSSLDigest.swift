internal import COpenSSL

/// Digests, HMAC and constant-time comparison over OpenSSL's one-shot functions.
enum OpenSSLDigest {
    static func hash(_ bytes: some Sequence<UInt8>, using algorithm: DigestAlgorithm) -> [UInt8] {
        CryptoLibrary.initialize()
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = withContiguousBytes(bytes) { input in
            EVP_Digest(input.baseAddress, input.count, &output, &length, algorithm.evpMD, nil)
        }
        precondition(ok == 1, "EVP_Digest(\(algorithm)) failed: \(OpenSSLError.drain())")
        return Array(output.prefix(Int(length)))
    }

    static func hmac(
        _ message: some Sequence<UInt8>,
        key: some Sequence<UInt8>,
        using algorithm: DigestAlgorithm
    ) -> [UInt8] {
        CryptoLibrary.initialize()
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let result = withContiguousBytes(key) { keyBytes in
            withContiguousBytes(message) { messageBytes in
                // An empty key is valid HMAC input; OpenSSL wants a non-null pointer for it.
                var empty: UInt8 = 0
                return withUnsafePointer(to: &empty) { emptyPointer in
                    COpenSSL.HMAC(
                        algorithm.evpMD,
                        keyBytes.baseAddress ?? UnsafeRawPointer(emptyPointer),
                        Int32(keyBytes.count),
                        messageBytes.baseAddress?.assumingMemoryBound(to: UInt8.self),
                        messageBytes.count,
                        &output,
                        &length
                    )
                }
            }
        }
        precondition(result != nil, "HMAC(\(algorithm)) failed: \(OpenSSLError.drain())")
        return Array(output.prefix(Int(length)))
    }

    static func memoryEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        precondition(lhs.count == rhs.count)
        if lhs.isEmpty { return true }
        return CRYPTO_memcmp(lhs, rhs, lhs.count) == 0
    }
}

extension DigestAlgorithm {
    /// OpenSSL's static method table for this algorithm; never freed.
    var evpMD: OpaquePointer? {
        switch base {
        case .sha1: EVP_sha1()
        case .sha256: EVP_sha256()
        case .sha512: EVP_sha512()
        }
    }
}

/// Runs `body` over the bytes of `sequence`, without copying when they are already contiguous.
func withContiguousBytes<Result>(
    _ sequence: some Sequence<UInt8>,
    _ body: (UnsafeRawBufferPointer) throws -> Result
) rethrows -> Result {
    if let result = try sequence.withContiguousStorageIfAvailable({ try body(UnsafeRawBufferPointer($0)) }) {
        return result
    }
    return try Array(sequence).withUnsafeBytes(body)
}
