/// A Signature Version 4 signing key, derived from a secret access key for one day, region and service.
///
/// Deriving a key costs four HMACs. The key is valid for every request with the same UTC date,
/// region and service, so it can be cached and passed to ``SigV4Signer/sign(_:date:signingKey:)``.
/// The key is as sensitive as the secret for its scope: its textual forms redact ``bytes``.
///
/// ```swift
/// let key = signer.signingKey(for: now)  // cache until the UTC date changes
/// let signed = try signer.sign(request, date: now, signingKey: key)
/// ```
public struct SigV4SigningKey: Sendable, Equatable {
    /// The key: `HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")`.
    ///
    /// Secret: never log it.
    public let bytes: [UInt8]
    /// The UTC date the key is for, as `yyyyMMdd`.
    public let date: String
    /// The region the key is for, such as `us-east-1`.
    public let region: String
    /// The service the key is for, such as `ses`.
    public let service: String

    /// The credential scope, `date/region/service/aws4_request`.
    public var scope: String { "\(date)/\(region)/\(service)/aws4_request" }

    /// Derives the key. The caller has validated region and service.
    init(secretAccessKey: String, date: String, region: String, service: String) {
        var key = Array("AWS4\(secretAccessKey)".utf8)
        for part in [date, region, service, "aws4_request"] {
            key = HMAC.authenticationCode(for: Array(part.utf8), key: key, using: .sha256)
        }
        self.bytes = key
        self.date = date
        self.region = region
        self.service = service
    }
}

// MARK: - Redacted textual forms

extension SigV4SigningKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The scope, with the key bytes redacted.
    public var description: String { "SigV4SigningKey(scope: \(scope), bytes: <redacted>)" }

    /// The same as ``description``: the key bytes are redacted here too.
    public var debugDescription: String { description }

    /// A mirror that shows the scope and hides the key bytes (used by `dump` and debuggers).
    public var customMirror: Mirror {
        Mirror(self, children: ["scope": scope, "bytes": "<redacted>"], displayStyle: .struct)
    }
}
