/// The one error type of the `Signing` module.
///
/// Every failure carries a bounded ``Code`` (safe as a metric label) and a human-readable message.
/// Neither ever contains a key, a secret, a token or a signature: only what kind of input was wrong
/// and what is accepted.
///
/// ```swift
/// do {
///     try verifier.verify(body: body, signatureHeader: header, now: .now)
/// } catch let error as SigningError where error.code == .signatureMismatch {
///     // reject the callback with 401
/// }
/// ```
public struct SigningError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case invalidEncoding
            case invalidKey
            case unsupportedAlgorithm
            case malformedHeader
            case malformedToken
            case malformedMessage
            case signatureMismatch
            case timestampOutOfTolerance
            case tokenExpired
            case untrustedCertificate
            case invalidRequest
            case cryptoFailure
        }

        private let base: Base

        /// Text is not valid hex, base64 or base64url, or not valid UTF-8 or JSON where that is required.
        public static let invalidEncoding = Code(base: .invalidEncoding)
        /// A key or certificate could not be loaded, or is of the wrong type or size for the algorithm.
        public static let invalidKey = Code(base: .invalidKey)
        /// The algorithm or signature version is not one this module implements or accepts.
        public static let unsupportedAlgorithm = Code(base: .unsupportedAlgorithm)
        /// A signature header is missing a part, or a part does not parse.
        public static let malformedHeader = Code(base: .malformedHeader)
        /// A JSON Web Token is not three base64url parts with a JSON header and claims.
        public static let malformedToken = Code(base: .malformedToken)
        /// A signed message (such as an Amazon SNS message) lacks a required field.
        public static let malformedMessage = Code(base: .malformedMessage)
        /// The signature is well formed but does not match the content.
        public static let signatureMismatch = Code(base: .signatureMismatch)
        /// The signed timestamp is outside the accepted tolerance window (stale or from the future).
        public static let timestampOutOfTolerance = Code(base: .timestampOutOfTolerance)
        /// A token's `exp` has passed, or its `nbf` has not yet come.
        public static let tokenExpired = Code(base: .tokenExpired)
        /// A certificate is not trusted: chain, validity period or host name check failed.
        public static let untrustedCertificate = Code(base: .untrustedCertificate)
        /// A request to sign is not well formed (for example, a URL that does not parse).
        public static let invalidRequest = Code(base: .invalidRequest)
        /// OpenSSL failed unexpectedly.
        public static let cryptoFailure = Code(base: .cryptoFailure)

        public var description: String { base.rawValue }
    }

    /// What kind of failure this is.
    public var code: Code
    /// What was wrong and what is accepted. Never contains secret material.
    public var message: String
    /// OpenSSL's error queue at the time of the failure, as its own reason strings.
    ///
    /// These strings name OpenSSL functions and reasons only; they never contain key material.
    public var openSSLErrors: [String]

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: What kind of failure this is.
    ///   - message: What was wrong and what is accepted; must not contain secret material.
    ///   - openSSLErrors: OpenSSL's reason strings, if the failure came from OpenSSL.
    public init(_ code: Code, _ message: String, openSSLErrors: [String] = []) {
        self.code = code
        self.message = message
        self.openSSLErrors = openSSLErrors
    }

    public var description: String {
        if openSSLErrors.isEmpty {
            return "SigningError.\(code): \(message)"
        }
        return "SigningError.\(code): \(message) (OpenSSL: \(openSSLErrors.joined(separator: "; ")))"
    }
}
