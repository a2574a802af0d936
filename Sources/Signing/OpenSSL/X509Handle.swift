internal import COpenSSL
import Foundation

/// Owns one OpenSSL `X509` certificate and frees it in `deinit`.
///
/// `@unchecked Sendable`: the certificate is never mutated after parsing; OpenSSL 3 allows reading
/// one `X509` (public key, names, chain building) from many threads at once.
final class X509Handle: @unchecked Sendable {
    // Owned: freed exactly once, in deinit.
    let pointer: OpaquePointer

    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        X509_free(pointer)
    }

    /// Parses every `BEGIN CERTIFICATE` block in `pem`, in order.
    static func certificates(pem: String) throws -> [X509Handle] {
        let text = PEMText.normalized(pem)
        let expected = text.components(separatedBy: "-----BEGIN CERTIFICATE-----").count - 1
        guard expected > 0 else {
            throw SigningError(.invalidKey, "no certificate PEM found; expected a '-----BEGIN CERTIFICATE-----' block")
        }
        let handles: [X509Handle] = try MemoryBIO.withReadOnly(Array(text.utf8)) { bio in
            var handles: [X509Handle] = []
            while handles.count < expected, let certificate = PEM_read_bio_X509(bio, nil, refusePassword, nil) {
                handles.append(X509Handle(taking: certificate))
            }
            return handles
        }
        guard handles.count == expected else {
            throw OpenSSLError.error(
                .invalidKey, "certificate \(handles.count + 1) of \(expected) in the PEM could not be parsed")
        }
        return handles
    }

    /// The certificate's public key.
    func publicKey() throws -> EVPKey {
        // X509_get_pubkey returns a new reference, which EVPKey then owns.
        guard let key = X509_get_pubkey(pointer) else {
            throw OpenSSLError.error(.invalidKey, "the certificate's public key could not be read")
        }
        return EVPKey(taking: key)
    }

    /// The subject in RFC 2253 form, such as `CN=sns.amazonaws.com`.
    var subject: String {
        guard let name = X509_get_subject_name(pointer), let bio = BIO_new(BIO_s_mem()) else { return "" }
        defer { BIO_free(bio) }
        X509_NAME_print_ex(bio, name, 0, copenssl_xn_flag_rfc2253())
        var data: UnsafeMutablePointer<CChar>? = nil
        let length = copenssl_bio_get_mem_data(bio, &data)
        guard let data, length > 0 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
    }

    /// Whether the certificate is issued for `host` (subjectAltName DNS names, or the CN without them).
    func matches(host: String) -> Bool {
        X509_check_host(pointer, host, host.utf8.count, 0, nil) == 1
    }
}
