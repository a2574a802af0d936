internal import COpenSSL

/// Owns one OpenSSL `EVP_PKEY` (a private or public key) and frees it in `deinit`.
///
/// `@unchecked Sendable`: the key is never mutated after loading, and OpenSSL 3 allows one
/// `EVP_PKEY` to be used for signing and verification from many threads at once, each operation
/// with its own `EVP_MD_CTX` (which this type creates per call).
final class EVPKey: @unchecked Sendable {
    /// The kind of key, as far as this module cares.
    enum Kind: Equatable {
        case rsa(bits: Int)
        case ecP256
        case other(String)
    }

    // Owned: freed exactly once, in deinit.
    let pointer: OpaquePointer

    /// Takes ownership of `pointer`.
    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        EVP_PKEY_free(pointer)
    }

    /// Loads a private key from PEM: PKCS#8 (`BEGIN PRIVATE KEY`), PKCS#1 (`BEGIN RSA PRIVATE KEY`)
    /// or SEC 1 (`BEGIN EC PRIVATE KEY`). Encrypted keys are refused.
    static func privateKey(pem: String) throws -> EVPKey {
        let text = PEMText.normalized(pem)
        if text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") {
            throw SigningError(
                .invalidKey, "the private key PEM is encrypted; supply an unencrypted PKCS#8 or PKCS#1 key")
        }
        guard text.contains("PRIVATE KEY-----") else {
            throw SigningError(
                .invalidKey,
                "no private key PEM found; expected a '-----BEGIN PRIVATE KEY-----' (PKCS#8), "
                    + "'BEGIN RSA PRIVATE KEY' or 'BEGIN EC PRIVATE KEY' block")
        }
        return try MemoryBIO.withReadOnly(Array(text.utf8)) { bio in
            guard let key = PEM_read_bio_PrivateKey(bio, nil, refusePassword, nil) else {
                throw OpenSSLError.error(.invalidKey, "the private key PEM could not be parsed")
            }
            return EVPKey(taking: key)
        }
    }

    /// Loads a public key from a `BEGIN PUBLIC KEY` (SubjectPublicKeyInfo) PEM block.
    static func publicKey(pem: String) throws -> EVPKey {
        let text = PEMText.normalized(pem)
        guard text.contains("-----BEGIN PUBLIC KEY-----") else {
            throw SigningError(.invalidKey, "no public key PEM found; expected a '-----BEGIN PUBLIC KEY-----' block")
        }
        return try MemoryBIO.withReadOnly(Array(text.utf8)) { bio in
            guard let key = PEM_read_bio_PUBKEY(bio, nil, refusePassword, nil) else {
                throw OpenSSLError.error(.invalidKey, "the public key PEM could not be parsed")
            }
            return EVPKey(taking: key)
        }
    }

    /// What kind of key this is.
    var kind: Kind {
        switch EVP_PKEY_get_base_id(pointer) {
        case EVP_PKEY_RSA:
            return .rsa(bits: Int(EVP_PKEY_get_bits(pointer)))
        case EVP_PKEY_EC:
            var name = [CChar](repeating: 0, count: 64)
            var length = 0
            guard EVP_PKEY_get_group_name(pointer, &name, name.count, &length) == 1 else {
                OpenSSLError.clear()
                return .other("EC (unknown curve)")
            }
            let curve = String(decoding: name.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return curve == "prime256v1" ? .ecP256 : .other("EC \(curve)")
        default:
            return .other(String(cString: OBJ_nid2sn(EVP_PKEY_get_base_id(pointer))))
        }
    }
}

extension EVPKey.Kind: CustomStringConvertible {
    var description: String {
        switch self {
        case .rsa(let bits): "RSA \(bits)-bit"
        case .ecP256: "EC P-256"
        case .other(let name): name
        }
    }
}
