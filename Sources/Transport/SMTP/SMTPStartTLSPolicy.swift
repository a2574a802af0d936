/// Whether an `smtp://` connection must be upgraded with STARTTLS.
///
/// `smtps://` URLs use TLS from the first byte and ignore this.
public struct SMTPStartTLSPolicy: Hashable, Sendable, CustomStringConvertible {
    private enum Base: String, Sendable {
        case automatic, required, opportunistic
    }

    private let base: Base

    /// ``required`` for every host but the loopback ones (`localhost`, `127.x.x.x`, `::1`), which
    /// get ``opportunistic`` (a local relay or test server often has no certificate).
    public static let automatic = SMTPStartTLSPolicy(base: .automatic)
    /// STARTTLS or fail with ``TransportError/Code/tls`` (`CURLUSESSL_ALL`): credentials and the
    /// message never cross the network in clear text.
    public static let required = SMTPStartTLSPolicy(base: .required)
    /// STARTTLS if the server offers it, clear text otherwise (`CURLUSESSL_TRY`).
    public static let opportunistic = SMTPStartTLSPolicy(base: .opportunistic)

    /// Whether STARTTLS is required for a server at `host`.
    func requiresTLS(host: String) -> Bool {
        switch base {
        case .required: true
        case .opportunistic: false
        case .automatic: !Self.isLoopback(host)
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased()
        return host == "localhost" || host.hasSuffix(".localhost") || host.hasPrefix("127.") || host == "[::1]"
            || host == "::1"
    }

    public var description: String { base.rawValue }
}
