internal import COpenSSL

/// Helpers for OpenSSL's in-memory `BIO`s.
enum MemoryBIO {
    /// Runs `body` with a read-only memory BIO over `bytes`, freed afterwards.
    ///
    /// `BIO_new_mem_buf` does not copy: the BIO lives only inside this call, while `bytes` is pinned.
    static func withReadOnly<Result>(
        _ bytes: [UInt8],
        _ body: (OpaquePointer) throws -> Result
    ) throws -> Result {
        CryptoLibrary.initialize()
        return try bytes.withUnsafeBytes { buffer in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else {
                throw OpenSSLError.error(.cryptoFailure, "could not allocate a memory BIO")
            }
            defer { BIO_free(bio) }
            return try body(bio)
        }
    }
}

/// A PEM password callback that never supplies a password, so OpenSSL never prompts on a terminal.
let refusePassword: @convention(c) (UnsafeMutablePointer<CChar>?, Int32, Int32, UnsafeMutableRawPointer?) -> Int32 = {
    _, _, _, _ in 0
}
