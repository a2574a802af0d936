internal import COpenSSL

/// Process-wide OpenSSL set-up.
///
/// OpenSSL must be initialised with `OPENSSL_INIT_NO_ATEXIT` before any other library (libcurl in
/// particular) initialises it: otherwise OpenSSL's atexit cleanup races the teardown of TLS handles
/// at process exit. Every OpenSSL entry point in this module calls ``initialize()`` first, and the
/// transport calls it before `curl_global_init`.
public enum CryptoLibrary {
    // Swift runs a global's initialiser exactly once, thread-safely.
    private static let initialized: Bool = {
        OPENSSL_init_crypto(UInt64(OPENSSL_INIT_NO_ATEXIT), nil) == 1
    }()

    /// Initialises OpenSSL once for the process; later calls do nothing.
    ///
    /// - Returns: `true` if OpenSSL is ready.
    @discardableResult
    public static func initialize() -> Bool {
        initialized
    }

    /// The OpenSSL version in use, e.g. `OpenSSL 3.0.19 27 Jan 2026`.
    public static var versionText: String {
        initialize()
        return String(cString: copenssl_version_text())
    }
}
