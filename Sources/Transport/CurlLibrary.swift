internal import CCurl
import Signing

/// Process-wide libcurl set-up, done once.
///
/// OpenSSL is initialised first with `OPENSSL_INIT_NO_ATEXIT` (see ``Signing/CryptoLibrary``), then
/// `curl_global_init`; both happen at most once per process, on first use of the transport.
public enum CurlLibrary {
    private static let initializationResult: Int32 = {
        CryptoLibrary.initialize()
        return Int32(curl_global_init(Int(CURL_GLOBAL_DEFAULT)).rawValue)
    }()

    /// Initialises libcurl once for the process; later calls do nothing.
    ///
    /// - Returns: `true` if libcurl is ready.
    @discardableResult
    public static func initialize() -> Bool {
        initializationResult == 0
    }

    /// The libcurl version and its features, e.g. `libcurl/7.88.1 OpenSSL/3.0.19 ... nghttp2/1.52.0`.
    public static var versionText: String {
        initialize()
        return String(cString: curl_version())
    }
}
