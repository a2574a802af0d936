public import Foundation

/// Signs and verifies webhooks under the Standard Webhooks specification (symmetric `v1`).
///
/// A message carries three headers: `webhook-id`, `webhook-timestamp` (whole seconds since the
/// Unix epoch) and `webhook-signature`, a space-separated list of `v1,<base64 MAC>` entries. Each
/// MAC is HMAC-SHA256, keyed with a ``StandardWebhookSecret``, over `"<id>.<timestamp>.<raw body>"`.
///
/// Key rotation: the value holds one or more secrets. ``sign(id:timestamp:body:)`` emits one entry
/// per secret, and ``verify(id:timestamp:signatureHeader:body:now:tolerance:)`` accepts a message
/// when any `v1` entry matches under any secret. Entries of other versions (such as `v1a`) are
/// ignored.
///
/// ```swift
/// let signature = StandardWebhookSignature(secret: try StandardWebhookSecret(text))
/// for (name, value) in signature.headers(id: "msg_1", timestamp: .now, body: body.utf8) {
///     request.setHeader(name, value)
/// }
/// // receiver:
/// try signature.verify(id: id, timestamp: timestamp, signatureHeader: header, body: body.utf8, now: .now)
/// ```
public struct StandardWebhookSignature: Sendable {
    /// The name of the header carrying the message id.
    public static let idHeaderName = "webhook-id"
    /// The name of the header carrying the signing time in whole seconds.
    public static let timestampHeaderName = "webhook-timestamp"
    /// The name of the header carrying the signatures.
    public static let signatureHeaderName = "webhook-signature"

    /// How far the signed timestamp may be from now by default: 300 seconds, boundary included.
    public static let defaultTolerance: Duration = .seconds(300)

    private let secrets: [StandardWebhookSecret]

    /// Creates a signer and verifier for one secret.
    ///
    /// - Parameter secret: The signing secret.
    public init(secret: StandardWebhookSecret) {
        self.secrets = [secret]
    }

    /// Creates a signer and verifier for several active secrets, for key rotation.
    ///
    /// - Parameter secrets: The active secrets, in the order their signatures are emitted.
    /// - Throws: ``SigningError/Code/invalidKey`` if `secrets` is empty.
    public init(secrets: [StandardWebhookSecret]) throws {
        guard !secrets.isEmpty else {
            throw SigningError(.invalidKey, "Standard Webhooks signing needs at least one secret")
        }
        self.secrets = secrets
    }

    /// Signs a message and returns the `webhook-signature` header value.
    ///
    /// - Parameters:
    ///   - id: The `webhook-id`, unique per message and the same on every delivery attempt.
    ///   - timestamp: The signing time; sent as whole seconds, rounded down.
    ///   - body: The raw body bytes, exactly as they will be sent.
    /// - Returns: One `v1,<base64>` entry per secret, separated by single spaces.
    public func sign(id: String, timestamp: Date, body: some Sequence<UInt8>) -> String {
        let content = Self.signedContent(id: id, seconds: SignedTimestamp.seconds(timestamp), body: body)
        return secrets.map { "v1," + Base64.encode(Self.mac(content, secret: $0)) }.joined(separator: " ")
    }

    /// Signs a message and returns all three headers to send with it.
    ///
    /// - Parameters:
    ///   - id: The `webhook-id`, unique per message and the same on every delivery attempt.
    ///   - timestamp: The signing time; sent as whole seconds, rounded down.
    ///   - body: The raw body bytes, exactly as they will be sent.
    /// - Returns: `webhook-id`, `webhook-timestamp` and `webhook-signature`, in that order.
    public func headers(id: String, timestamp: Date, body: some Sequence<UInt8>) -> [(name: String, value: String)] {
        [
            (Self.idHeaderName, id),
            (Self.timestampHeaderName, String(SignedTimestamp.seconds(timestamp))),
            (Self.signatureHeaderName, sign(id: id, timestamp: timestamp, body: body)),
        ]
    }

    /// Verifies a received message.
    ///
    /// The signatures are checked first, each in constant time, and then the timestamp.
    ///
    /// - Parameters:
    ///   - id: The `webhook-id` header value.
    ///   - timestamp: The `webhook-timestamp` header value (decimal seconds).
    ///   - signatureHeader: The `webhook-signature` header value.
    ///   - body: The raw body bytes, exactly as received.
    ///   - now: The current time.
    ///   - tolerance: How far the signed timestamp may be from `now`, in either direction.
    /// - Throws: ``SigningError`` with code ``SigningError/Code/malformedHeader`` if the id is
    ///   empty, the timestamp is not decimal digits, or the signature header has no
    ///   `<version>,<signature>` entry; ``SigningError/Code/unsupportedAlgorithm`` if it has no
    ///   `v1` entry; ``SigningError/Code/signatureMismatch`` if no `v1` entry matches under any
    ///   secret; ``SigningError/Code/timestampOutOfTolerance`` if the timestamp is too old or too new.
    public func verify(
        id: String,
        timestamp: String,
        signatureHeader: String,
        body: some Sequence<UInt8>,
        now: Date,
        tolerance: Duration = defaultTolerance
    ) throws {
        guard !id.isEmpty else {
            throw SigningError(.malformedHeader, "the webhook-id header is empty")
        }
        guard let seconds = SignedTimestamp.parseInteger(timestamp) else {
            throw SigningError(.malformedHeader, "the webhook-timestamp header is not a decimal number of seconds")
        }
        let received = try Self.parseSignatures(signatureHeader)
        let content = Self.signedContent(id: id, seconds: seconds, body: body)
        let matches = secrets.contains { secret in
            let expected = Self.mac(content, secret: secret)
            return received.contains { ConstantTime.equals($0, expected) }
        }
        guard matches else {
            throw SigningError(.signatureMismatch, "no v1 entry of the webhook-signature header matches the message")
        }
        try SignedTimestamp.check(.seconds(seconds), now: now, tolerance: tolerance, boundary: .inclusive)
    }

    /// Returns whether a received message is valid; see
    /// ``verify(id:timestamp:signatureHeader:body:now:tolerance:)``.
    ///
    /// - Parameters:
    ///   - id: The `webhook-id` header value.
    ///   - timestamp: The `webhook-timestamp` header value.
    ///   - signatureHeader: The `webhook-signature` header value.
    ///   - body: The raw body bytes, exactly as received.
    ///   - now: The current time.
    ///   - tolerance: How far the signed timestamp may be from `now`, in either direction.
    /// - Returns: `true` when `verify` would not throw.
    public func isValid(
        id: String,
        timestamp: String,
        signatureHeader: String,
        body: some Sequence<UInt8>,
        now: Date,
        tolerance: Duration = defaultTolerance
    ) -> Bool {
        let verified: Void? = try? verify(
            id: id, timestamp: timestamp, signatureHeader: signatureHeader, body: body, now: now, tolerance: tolerance)
        return verified != nil
    }

    // MARK: - Internals

    private static func signedContent(id: String, seconds: Int64, body: some Sequence<UInt8>) -> [UInt8] {
        Array("\(id).\(seconds).".utf8) + Array(body)
    }

    private static func mac(_ content: [UInt8], secret: StandardWebhookSecret) -> [UInt8] {
        HMAC.authenticationCode(for: content, key: secret.key, using: .sha256)
    }

    /// The decoded MACs of the header's `v1` entries; entries of other versions are skipped.
    private static func parseSignatures(_ header: String) throws -> [[UInt8]] {
        var sawEntry = false
        var macs: [[UInt8]] = []
        for entry in header.split(separator: " ") {
            guard let comma = entry.firstIndex(of: ",") else { continue }
            sawEntry = true
            guard entry[..<comma] == "v1" else { continue }
            // A v1 entry that is not base64 cannot match (kept as an empty MAC, which never equals
            // a real one); it does not spoil the other entries.
            if let mac = try? Base64.decode(String(entry[entry.index(after: comma)...])) {
                macs.append(mac)
            } else {
                macs.append([])
            }
        }
        guard sawEntry else {
            throw SigningError(.malformedHeader, "the webhook-signature header has no '<version>,<base64>' entry")
        }
        guard !macs.isEmpty else {
            throw SigningError(
                .unsupportedAlgorithm, "the webhook-signature header has no v1 entry; only v1 is accepted")
        }
        return macs
    }
}

// MARK: - Redaction

extension StandardWebhookSignature: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// A description that shows how many secrets are held, never the secrets.
    public var description: String { "StandardWebhookSignature(secrets: \(secrets.count) redacted)" }

    /// A debug description that never shows the secrets.
    public var debugDescription: String { description }

    /// A mirror with no children, so that `dump` and debuggers do not show the secrets.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
