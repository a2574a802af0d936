public import Foundation

/// An X.509 certificate, parsed from PEM.
public struct Certificate: Sendable, CustomStringConvertible {
    let handle: X509Handle

    /// Parses the first certificate in `pem`.
    ///
    /// - Parameter pem: Text with at least one `BEGIN CERTIFICATE` block.
    /// - Throws: ``SigningError/Code/invalidKey`` if there is no certificate or it does not parse.
    public init(pem: String) throws {
        handle = try X509Handle.certificates(pem: pem)[0]
    }

    init(handle: X509Handle) {
        self.handle = handle
    }

    /// Parses every certificate in `pem`, in order (a leaf followed by its intermediates, or a CA bundle).
    ///
    /// - Parameter pem: Text with one or more `BEGIN CERTIFICATE` blocks.
    /// - Returns: The certificates, in the order they appear.
    /// - Throws: ``SigningError/Code/invalidKey`` if there is none or one does not parse.
    public static func all(pem: String) throws -> [Certificate] {
        try X509Handle.certificates(pem: pem).map(Certificate.init(handle:))
    }

    /// The subject's distinguished name, such as `CN=sns.amazonaws.com`.
    public var subject: String { handle.subject }

    /// The certificate's public key.
    ///
    /// - Throws: ``SigningError/Code/invalidKey`` if the key cannot be read.
    public func publicKey() throws -> PublicKey {
        PublicKey(key: try handle.publicKey())
    }

    /// Whether the certificate names `host` (its subjectAltName DNS entries, or its CN when it has none).
    public func matches(host: String) -> Bool {
        handle.matches(host: host)
    }

    public var description: String { "Certificate(\(subject))" }
}

/// Which root certificates a chain must lead to.
public struct CertificateTrust: Sendable {
    let roots: [Certificate]?

    /// The operating system's trust store (OpenSSL's default paths, `/etc/ssl/certs` on Debian).
    public static let system = CertificateTrust(roots: nil)

    /// Only the given root certificates (for tests, or a private CA).
    ///
    /// - Parameter roots: The trusted roots.
    public static func roots(_ roots: [Certificate]) -> CertificateTrust {
        CertificateTrust(roots: roots)
    }

    /// Throws unless `leaf` chains through `intermediates` to a trusted root and every certificate on the
    /// path is valid at `date`.
    ///
    /// - Parameters:
    ///   - leaf: The certificate to check.
    ///   - intermediates: Untrusted certificates that may complete the chain.
    ///   - date: The time at which every certificate must be valid.
    /// - Throws: ``SigningError/Code/untrustedCertificate`` with OpenSSL's reason (for example
    ///   "unable to get local issuer certificate" or "certificate has expired").
    public func validate(_ leaf: Certificate, intermediates: [Certificate] = [], at date: Date) throws {
        try X509ChainValidator.validate(
            leaf.handle,
            intermediates: intermediates.map(\.handle),
            roots: roots?.map(\.handle),
            at: date
        )
    }
}
