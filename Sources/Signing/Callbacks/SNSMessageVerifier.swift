public import Foundation

/// Verifies that an Amazon SNS message was signed by Amazon SNS.
///
/// Verification has three parts, all required by ``verify(_:certificatePEM:now:)``:
/// 1. the `SigningCertURL` is an `https` URL ending in `.pem` on an `sns.<region>.amazonaws.com` host
///    (see ``checkSigningCertURL(_:)``); fetch the certificate only from such a URL;
/// 2. the certificate names ``certificateHost`` and chains to a root in ``trust`` (with the
///    intermediates served with it or configured here), valid at `now`;
/// 3. the RSA signature over ``SNSMessage/stringToSign`` verifies with the certificate's key, using
///    SHA-1 for `SignatureVersion` 1 and SHA-256 for 2 (any other version is refused).
///
/// ```swift
/// let message = try SNSMessage(json: body)
/// try SNSMessageVerifier.checkSigningCertURL(message.signingCertURL)
/// let pem = try await certificateCache.pem(for: message.signingCertURL)
/// try SNSMessageVerifier().verify(message, certificatePEM: pem, now: clock.now)
/// ```
public struct SNSMessageVerifier: Sendable {
    /// The roots the signing certificate must chain to.
    public var trust: CertificateTrust
    /// Intermediate certificates that may complete the chain, besides those in the served PEM.
    public var intermediates: [Certificate]
    /// The host name the signing certificate must be issued for.
    public var certificateHost: String

    /// Creates a verifier.
    ///
    /// - Parameters:
    ///   - trust: The trusted roots; the system trust store by default.
    ///   - intermediates: Extra intermediate CA certificates for chain building.
    ///   - certificateHost: The name the signing certificate must carry; `sns.amazonaws.com` by default.
    public init(
        trust: CertificateTrust = .system,
        intermediates: [Certificate] = [],
        certificateHost: String = "sns.amazonaws.com"
    ) {
        self.trust = trust
        self.intermediates = intermediates
        self.certificateHost = certificateHost
    }

    /// Verifies the certificate URL, the certificate and the signature.
    ///
    /// - Parameters:
    ///   - message: The parsed message.
    ///   - certificatePEM: The PEM served at the message's `SigningCertURL` (the leaf first; any further
    ///     certificates are used as intermediates).
    ///   - now: The time at which the certificates must be valid.
    /// - Throws: ``SigningError`` with ``SigningError/Code/untrustedCertificate``,
    ///   ``SigningError/Code/unsupportedAlgorithm``, ``SigningError/Code/signatureMismatch`` or
    ///   ``SigningError/Code/invalidKey``.
    public func verify(_ message: SNSMessage, certificatePEM: String, now: Date) throws {
        try Self.checkSigningCertURL(message.signingCertURL)
        let chain = try Certificate.all(pem: certificatePEM)
        let leaf = chain[0]
        guard leaf.matches(host: certificateHost) else {
            throw SigningError(
                .untrustedCertificate, "the signing certificate (\(leaf.subject)) is not issued for \(certificateHost)")
        }
        try trust.validate(leaf, intermediates: Array(chain.dropFirst()) + intermediates, at: now)
        try Self.verifySignature(of: message, with: leaf)
    }

    /// Checks only the signature, with the given certificate's key; the certificate itself is not checked.
    ///
    /// Use ``verify(_:certificatePEM:now:)`` for callbacks; this is the arithmetic step alone.
    ///
    /// - Throws: ``SigningError/Code/unsupportedAlgorithm`` for a `SignatureVersion` other than 1 or 2,
    ///   ``SigningError/Code/invalidEncoding`` for a signature that is not base64, and
    ///   ``SigningError/Code/signatureMismatch`` for a signature that does not verify.
    public static func verifySignature(of message: SNSMessage, with certificate: Certificate) throws {
        let digest: DigestAlgorithm
        switch message.signatureVersion {
        case "1": digest = .sha1
        case "2": digest = .sha256
        default:
            throw SigningError(
                .unsupportedAlgorithm,
                "SNS SignatureVersion '\(message.signatureVersion.prefix(8))' is not supported; accepted: 1, 2")
        }
        let signature = try Base64.decode(message.signature)
        let key = try certificate.handle.publicKey()
        guard case .rsa = key.kind else {
            throw SigningError(.invalidKey, "the SNS signing certificate's key is \(key.kind), not RSA")
        }
        guard try key.verify(signature, over: Array(message.stringToSign.utf8), digest: digest) else {
            throw SigningError(
                .signatureMismatch, "the SNS message signature does not verify with the signing certificate")
        }
    }

    /// Throws unless `url` is a place Amazon SNS publishes signing certificates:
    /// `https`, no credentials or port, a host `sns.<region>.amazonaws.com` (or `.amazonaws.com.cn`),
    /// and a path ending in `.pem`.
    ///
    /// - Parameter url: The message's `SigningCertURL`.
    /// - Throws: ``SigningError/Code/untrustedCertificate`` saying which rule failed.
    public static func checkSigningCertURL(_ url: String) throws {
        guard let components = URLComponents(string: url), components.scheme?.lowercased() == "https" else {
            throw SigningError(.untrustedCertificate, "SigningCertURL must be an https URL")
        }
        guard components.user == nil, components.password == nil, components.port == nil else {
            throw SigningError(.untrustedCertificate, "SigningCertURL must not carry credentials or a port")
        }
        let host = (components.host ?? "").lowercased()
        guard isSNSHost(host) else {
            throw SigningError(
                .untrustedCertificate, "SigningCertURL host '\(host.prefix(80))' is not sns.<region>.amazonaws.com")
        }
        guard components.path.hasSuffix(".pem") else {
            throw SigningError(.untrustedCertificate, "SigningCertURL must point to a .pem file")
        }
    }

    private static func isSNSHost(_ host: String) -> Bool {
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        let suffix =
            labels.suffix(2) == ["amazonaws", "com"] ? 2 : (labels.suffix(3) == ["amazonaws", "com", "cn"] ? 3 : 0)
        guard suffix > 0, labels.count == suffix + 2, labels[0] == "sns" else { return false }
        let region = labels[1]
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-".utf8)
        return region.utf8.count >= 3 && region.utf8.allSatisfy(allowed.contains)
    }
}
