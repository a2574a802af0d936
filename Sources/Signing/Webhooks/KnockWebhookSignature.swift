public import Foundation

/// Signs and verifies Knock-style webhook signatures: `x-knock-signature: t=<ms>,s=<base64 MAC>`.
///
/// The MAC is HMAC-SHA256 keyed with the secret's UTF-8 bytes over `"<t>.<raw body>"`, where `t` is
/// the signing time in milliseconds since the Unix epoch. The MAC is sent as padded standard base64.
/// The secret is used as text; it is never base64-decoded.
///
/// The secret stays inside the value: ``description`` redacts it, and no error carries it, the
/// expected signature or the body.
///
/// ```swift
/// let signature = KnockWebhookSignature(secret: webhookSecret)
/// let header = signature.sign(body: body.utf8, timestamp: .now)
/// // receiver:
/// try signature.verify(body: body.utf8, header: header, now: .now)
/// ```
public struct KnockWebhookSignature: Sendable {
    /// The name of the header that carries the signature.
    public static let headerName = "x-knock-signature"

    /// How far the signed timestamp may be from now by default: 5 minutes (300 000 ms).
    ///
    /// The boundary is exclusive, as in Knock's documented example: a timestamp exactly
    /// 300 000 ms away is rejected.
    public static let defaultTolerance: Duration = .milliseconds(300_000)

    private let secret: [UInt8]

    /// Creates a signer and verifier for one webhook secret.
    ///
    /// - Parameter secret: The shared webhook secret; its UTF-8 bytes are the HMAC key.
    public init(secret: String) {
        self.secret = Array(secret.utf8)
    }

    /// Signs a body and returns the `x-knock-signature` header value.
    ///
    /// - Parameters:
    ///   - body: The raw body bytes, exactly as they will be sent.
    ///   - timestamp: The signing time; sent in milliseconds, rounded to the nearest millisecond.
    /// - Returns: The header value, `t=<milliseconds>,s=<base64 HMAC-SHA256>`.
    public func sign(body: some Sequence<UInt8>, timestamp: Date) -> String {
        let milliseconds = SignedTimestamp.milliseconds(timestamp)
        return "t=\(milliseconds),s=\(Base64.encode(mac(body: body, milliseconds: milliseconds)))"
    }

    /// Verifies an `x-knock-signature` header against the raw body and the current time.
    ///
    /// The header's parts may come in any order and may have white space around them. Parts other
    /// than `t` and `s` are ignored; a repeated `t` or `s` is rejected. The MAC is checked first, in
    /// constant time, and then the timestamp.
    ///
    /// - Parameters:
    ///   - body: The raw body bytes, exactly as received (never re-serialised).
    ///   - header: The `x-knock-signature` header value.
    ///   - now: The current time, taken to the nearest millisecond (as ``sign(body:timestamp:)`` does).
    ///   - tolerance: How far the signed timestamp may be from `now`, in either direction.
    /// - Throws: ``SigningError`` with code ``SigningError/Code/malformedHeader`` if `t` or `s` is
    ///   missing, repeated or does not parse; ``SigningError/Code/signatureMismatch`` if the MAC
    ///   does not match; ``SigningError/Code/timestampOutOfTolerance`` if the timestamp is too old
    ///   or too new.
    public func verify(
        body: some Sequence<UInt8>,
        header: String,
        now: Date,
        tolerance: Duration = defaultTolerance
    ) throws {
        let (milliseconds, received) = try Self.parse(header: header)
        guard ConstantTime.equals(received, mac(body: body, milliseconds: milliseconds)) else {
            throw SigningError(.signatureMismatch, "the x-knock-signature MAC does not match the body and timestamp")
        }
        // Compare on the header's millisecond grid, with `now` rounded as `sign` rounds: a `Date`
        // holds most millisecond instants only approximately, and that error must not decide the
        // exclusive boundary.
        try SignedTimestamp.check(
            .milliseconds(milliseconds),
            now: .milliseconds(SignedTimestamp.milliseconds(now)),
            tolerance: tolerance,
            boundary: .exclusive
        )
    }

    /// Returns whether an `x-knock-signature` header is valid; see ``verify(body:header:now:tolerance:)``.
    ///
    /// - Parameters:
    ///   - body: The raw body bytes, exactly as received.
    ///   - header: The `x-knock-signature` header value.
    ///   - now: The current time.
    ///   - tolerance: How far the signed timestamp may be from `now`, in either direction.
    /// - Returns: `true` when ``verify(body:header:now:tolerance:)`` would not throw.
    public func isValid(
        body: some Sequence<UInt8>,
        header: String,
        now: Date,
        tolerance: Duration = defaultTolerance
    ) -> Bool {
        (try? verify(body: body, header: header, now: now, tolerance: tolerance)) != nil
    }

    // MARK: - Internals

    private func mac(body: some Sequence<UInt8>, milliseconds: Int64) -> [UInt8] {
        let message = Array("\(milliseconds).".utf8) + Array(body)
        return HMAC.authenticationCode(for: message, key: secret, using: .sha256)
    }

    private static func parse(header: String) throws -> (milliseconds: Int64, signature: [UInt8]) {
        var timestamp: Substring?
        var signature: Substring?
        for part in header.split(separator: ",", omittingEmptySubsequences: false) {
            let part = part.trimmingCharacters(in: .whitespaces)[...]
            guard let equals = part.firstIndex(of: "=") else {
                throw SigningError(.malformedHeader, "an x-knock-signature part has no '='; expected t=<ms>,s=<base64>")
            }
            let value = part[part.index(after: equals)...]
            switch part[..<equals] {
            case "t":
                guard timestamp == nil else { throw malformed("has more than one t") }
                timestamp = value
            case "s":
                guard signature == nil else { throw malformed("has more than one s") }
                signature = value
            default:
                continue
            }
        }
        guard let timestamp, let signature else { throw malformed("lacks t or s") }
        guard let milliseconds = SignedTimestamp.parseInteger(timestamp) else {
            throw malformed("has a t that is not a decimal number of milliseconds")
        }
        guard !signature.isEmpty, let mac = try? Base64.decode(String(signature)) else {
            throw malformed("has an s that is not standard base64")
        }
        return (milliseconds, mac)
    }

    private static func malformed(_ problem: String) -> SigningError {
        SigningError(.malformedHeader, "the x-knock-signature header \(problem); expected t=<ms>,s=<base64>")
    }
}

// MARK: - Redaction

extension KnockWebhookSignature: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// A description that never shows the secret.
    public var description: String { "KnockWebhookSignature(secret: <redacted>)" }

    /// A debug description that never shows the secret.
    public var debugDescription: String { description }

    /// A mirror with no children, so that `dump` and debuggers do not show the secret.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
