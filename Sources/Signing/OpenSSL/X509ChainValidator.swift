internal import COpenSSL
import Foundation

/// Builds and checks a certificate chain with OpenSSL's `X509_verify_cert`.
enum X509ChainValidator {
    /// Throws unless `leaf` chains, through `intermediates`, to a root in the trust store and every
    /// certificate on the path is valid at `date`.
    static func validate(
        _ leaf: X509Handle,
        intermediates: [X509Handle],
        roots: [X509Handle]?,
        at date: Date
    ) throws {
        CryptoLibrary.initialize()
        guard let store = X509_STORE_new() else {
            throw OpenSSLError.error(.cryptoFailure, "could not allocate a certificate store")
        }
        defer { X509_STORE_free(store) }
        if let roots {
            // X509_STORE_add_cert takes its own reference to each certificate.
            for root in roots where X509_STORE_add_cert(store, root.pointer) != 1 {
                throw OpenSSLError.error(.cryptoFailure, "could not add a trusted root to the store")
            }
        } else if X509_STORE_set_default_paths(store) != 1 {
            throw OpenSSLError.error(.untrustedCertificate, "the system trust store could not be loaded")
        }

        // The stack holds borrowed pointers; `intermediates` keeps them alive until we return.
        guard let untrusted = copenssl_sk_X509_new_null() else {
            throw OpenSSLError.error(.cryptoFailure, "could not allocate a certificate stack")
        }
        defer { copenssl_sk_X509_free(untrusted) }
        for certificate in intermediates {
            _ = copenssl_sk_X509_push(untrusted, certificate.pointer)
        }

        guard let context = X509_STORE_CTX_new() else {
            throw OpenSSLError.error(.cryptoFailure, "could not allocate a verification context")
        }
        defer { X509_STORE_CTX_free(context) }
        guard X509_STORE_CTX_init(context, store, leaf.pointer, untrusted) == 1 else {
            throw OpenSSLError.error(.cryptoFailure, "could not initialise certificate verification")
        }
        X509_STORE_CTX_set_time(context, 0, time_t(date.timeIntervalSince1970))

        let verified = withExtendedLifetime(intermediates) { X509_verify_cert(context) }
        OpenSSLError.clear()
        guard verified == 1 else {
            let code = X509_STORE_CTX_get_error(context)
            let reason = String(cString: X509_verify_cert_error_string(Int(code)))
            let store = roots == nil ? "the system trust store" : "the configured trust store"
            throw SigningError(.untrustedCertificate, "the certificate is not trusted by \(store): \(reason)")
        }
    }
}
