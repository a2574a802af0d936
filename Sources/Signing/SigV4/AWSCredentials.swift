/// An AWS access key pair, optionally with the session token of temporary credentials.
///
/// ``SigV4Signer`` uses the secret access key only to derive signing keys; it never sends it.
/// The textual forms of this type (`description`, `debugDescription`, and the mirror that `dump`
/// and debuggers use) show the access key ID but redact the secret access key and the session token,
/// so credentials can be logged by accident without leaking.
///
/// ```swift
/// let credentials = AWSCredentials(
///     accessKeyID: "AKIDEXAMPLE",
///     secretAccessKey: secret,
///     sessionToken: token  // nil for long-term keys
/// )
/// print(credentials)  // AWSCredentials(accessKeyID: AKIDEXAMPLE, secretAccessKey: <redacted>, sessionToken: <redacted>)
/// ```
public struct AWSCredentials: Sendable, Equatable {
    /// The access key ID (`AKIA…` or `ASIA…`). It is not secret: it appears in every `Authorization` header.
    public var accessKeyID: String
    /// The secret access key. Never logged, printed, or sent.
    public var secretAccessKey: String
    /// The session token of temporary credentials (from AWS STS), or `nil` for long-term keys.
    ///
    /// When present, ``SigV4Signer`` sends it as the `X-Amz-Security-Token` header.
    public var sessionToken: String?

    /// Creates credentials.
    ///
    /// The values are checked when a ``SigV4Signer`` is created, not here.
    ///
    /// - Parameters:
    ///   - accessKeyID: The access key ID.
    ///   - secretAccessKey: The secret access key.
    ///   - sessionToken: The session token of temporary credentials, or `nil` for long-term keys.
    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }
}

// MARK: - Redacted textual forms

extension AWSCredentials: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private static let redacted = "<redacted>"

    /// The access key ID, with the secret access key and the session token redacted.
    public var description: String {
        let token = sessionToken == nil ? "nil" : Self.redacted
        return "AWSCredentials(accessKeyID: \(accessKeyID), secretAccessKey: \(Self.redacted), sessionToken: \(token))"
    }

    /// The same as ``description``: the secret and the token are redacted here too.
    public var debugDescription: String { description }

    /// A mirror that shows the access key ID and hides the secret and the token (used by `dump` and debuggers).
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "accessKeyID": accessKeyID,
                "secretAccessKey": Self.redacted,
                "sessionToken": sessionToken == nil ? "nil" : Self.redacted,
            ],
            displayStyle: .struct
        )
    }
}
