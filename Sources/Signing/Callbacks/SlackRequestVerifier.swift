public import Foundation

/// Verifies Slack request signatures (`X-Slack-Signature: v0=<hex MAC>`).
///
/// The MAC is HMAC-SHA256, keyed with the app's signing secret as UTF-8, over
/// `"v0:<X-Slack-Request-Timestamp>:<raw body>"`, sent as lowercase hex. Requests whose
/// timestamp is more than 5 minutes from now, in either direction, are rejected; a timestamp
/// exactly 5 minutes away is still accepted, as in Slack's SDKs.
///
/// The signing secret stays inside the value: ``description`` redacts it, and no error carries
/// it, the expected signature or the body.
///
/// ```swift
/// let verifier = SlackRequestVerifier(signingSecret: secret)
/// try verifier.verify(
///     body: request.body, timestamp: request.headers["X-Slack-Request-Timestamp"] ?? "",
///     signature: request.headers["X-Slack-Signature"] ?? "", now: .now)
/// ```
public struct SlackRequestVerifier: Sendable {
    /// The name of the header carrying the signature.
    public static let signatureHeaderName = "X-Slack-Signature"
    /// The name of the header carrying the signing time in whole seconds.
    public static let timestampHeaderName = "X-Slack-Request-Timestamp"

    /// How far the request timestamp may be from now by default: 300 seconds, boundary included.
    public static let defaultTolerance: Duration = .seconds(300)

    private let signingSecret: [UInt8]

    /// Creates a verifier for one Slack app.
    ///
    /// - Parameter signingSecret: The app's signing secret; its UTF-8 bytes are the HMAC key.
    public init(signingSecret: String) {
        self.signingSecret = Array(signingSecret.utf8)
    }

    /// Signs a body as Slack would, for tests and local tools.
    ///
    /// - Parameters:
    ///   - body: The raw body bytes.
    ///   - timestamp: The signing time; its header value is whole seconds, rounded down.
    /// - Returns: The `X-Slack-Signature` value, `v0=<lowercase hex>`.
    public func sign(body: some Sequence<UInt8>, timestamp: Date) -> String {
        "v0=" + Hex.encode(mac(body: body, timestamp: String(SignedTimestamp.seconds(timestamp))))
    }

    /// Signs a body as Slack would and returns both headers, for tests and local tools.
    ///
    /// - Parameters:
    ///   - body: The raw body bytes.
    ///   - timestamp: The signing time; sent as whole seconds, rounded down.
    /// - Returns: `X-Slack-Request-Timestamp` and `X-Slack-Signature`, in that order.
    public func headers(body: some Sequence<UInt8>, timestamp: Date) -> [(name: String, value: String)] {
        [
            (Self.timestampHeaderName, String(SignedTimestamp.seconds(timestamp))),
            (Self.signatureHeaderName, sign(body: body, timestamp: timestamp)),
        ]
    }

    /// Verifies a request from Slack.
    ///
    /// The MAC covers the timestamp header text exactly as received. It is checked first, in
    /// constant time, and then the timestamp.
    ///
    /// - Parameters:
    ///   - body: The raw body bytes, exactly as received.
    ///   - timestamp: The `X-Slack-Request-Timestamp` header value (decimal seconds).
    ///   - signature: The `X-Slack-Signature` header value.
    ///   - now: The current time.
    ///   - tolerance: How far the timestamp may be from `now`, in either direction.
    /// - Throws: ``SigningError`` with code ``SigningError/Code/malformedHeader`` if the timestamp is
    ///   not decimal digits or the signature is not `<version>=<hex>`;
    ///   ``SigningError/Code/unsupportedAlgorithm`` if the version is not `v0`;
    ///   ``SigningError/Code/signatureMismatch`` if the MAC does not match;
    ///   ``SigningError/Code/timestampOutOfTolerance`` if the timestamp is too old or too new.
    public func verify(
        body: some Sequence<UInt8>,
        timestamp: String,
        signature: String,
        now: Date,
        tolerance: Duration = defaultTolerance
    ) throws {
        guard let seconds = SignedTimestamp.parseInteger(timestamp) else {
            throw SigningError(.malformedHeader, "X-Slack-Request-Timestamp is not a decimal number of seconds")
        }
        guard let equals = signature.firstIndex(of: "=") else {
            throw SigningError(.malformedHeader, "X-Slack-Signature is not '<version>=<hex>'")
        }
        guard signature[..<equals] == "v0" else {
            throw SigningError(.unsupportedAlgorithm, "X-Slack-Signature has a version other than v0")
        }
        let hex = String(signature[signature.index(after: equals)...])
        guard !hex.isEmpty, let received = try? Hex.decode(hex) else {
            throw SigningError(.malformedHeader, "X-Slack-Signature is not 'v0=' followed by hex")
        }
        guard ConstantTime.equals(received, mac(body: body, timestamp: timestamp)) else {
            throw SigningError(.signatureMismatch, "X-Slack-Signature does not match the body and timestamp")
        }
        try SignedTimestamp.check(.seconds(seconds), now: now, tolerance: tolerance, boundary: .inclusive)
    }

    /// Returns whether a request from Slack is valid; see ``verify(body:timestamp:signature:now:tolerance:)``.
    ///
    /// - Parameters:
    ///   - body: The raw body bytes, exactly as received.
    ///   - timestamp: The `X-Slack-Request-Timestamp` header value.
    ///   - signature: The `X-Slack-Signature` header value.
    ///   - now: The current time.
    ///   - tolerance: How far the timestamp may be from `now`, in either direction.
    /// - Returns: `true` when `verify` would not throw.
    public func isValid(
        body: some Sequence<UInt8>,
        timestamp: String,
        signature: String,
        now: Date,
        tolerance: Duration = defaultTolerance
    ) -> Bool {
        let verified: Void? = try? verify(
            body: body, timestamp: timestamp, signature: signature, now: now, tolerance: tolerance)
        return verified != nil
    }

    // MARK: - Internals

    private func mac(body: some Sequence<UInt8>, timestamp: String) -> [UInt8] {
        let basestring = Array("v0:\(timestamp):".utf8) + Array(body)
        return HMAC.authenticationCode(for: basestring, key: signingSecret, using: .sha256)
    }
}

// MARK: - Redaction

extension SlackRequestVerifier: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// A description that never shows the signing secret.
    public var description: String { "SlackRequestVerifier(signingSecret: <redacted>)" }

    /// A debug description that never shows the signing secret.
    public var debugDescription: String { description }

    /// A mirror with no children, so that `dump` and debuggers do not show the signing secret.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
