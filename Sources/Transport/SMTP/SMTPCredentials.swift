/// A user name and password for SMTP AUTH.
///
/// The password never appears in ``description`` or ``debugDescription``, so printing a
/// configuration or an error cannot leak it.
public struct SMTPCredentials: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The user name.
    public var username: String
    /// The password. Never logged.
    public var password: String

    /// Creates credentials.
    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    /// `username:<redacted>`.
    public var description: String { "\(username):<redacted>" }

    /// `username:<redacted>`.
    public var debugDescription: String { description }
}
