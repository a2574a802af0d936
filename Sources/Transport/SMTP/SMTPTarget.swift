/// The server part of an SMTP configuration: the URL libcurl gets, its host, and whether TLS is implicit.
struct SMTPTarget {
    /// The URL for libcurl, with the `EHLO` name as its path when one is configured.
    var url: String
    /// The host name or address, for the STARTTLS policy.
    var host: String
    /// Whether the scheme is `smtps` (TLS from the first byte).
    var implicitTLS: Bool

    /// Checks and splits the configuration's URL.
    ///
    /// - Throws: ``TransportError/Code/invalidRequest`` unless the URL is `smtp://` or `smtps://`
    ///   with a host and without user info (credentials belong in the configuration).
    init(configuration: CurlSMTPClient.Configuration) throws {
        let text = configuration.url
        let lowered = text.lowercased()
        implicitTLS = lowered.hasPrefix("smtps://")
        guard implicitTLS || lowered.hasPrefix("smtp://") else {
            throw TransportError(.invalidRequest, "the SMTP URL must start with smtp:// or smtps://")
        }
        let afterScheme = text.drop { $0 != "/" }.dropFirst(2)
        let authority = afterScheme.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !authority.contains("@") else {
            throw TransportError(.invalidRequest, "put SMTP credentials in the configuration, not in the URL")
        }
        if authority.hasPrefix("[") {
            host = String(authority.prefix { $0 != "]" }) + "]"
        } else {
            host = String(authority.prefix { $0 != ":" })
        }
        guard !host.isEmpty, host != "]" else {
            throw TransportError(.invalidRequest, "the SMTP URL has no host")
        }
        let path = afterScheme.dropFirst(authority.count)
        if let clientName = configuration.clientName, path.isEmpty || path == "/" {
            guard !clientName.isEmpty,
                clientName.utf8.allSatisfy({
                    MIMEHeaders.isTokenByte($0) || $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]")
                })
            else {
                throw TransportError(.invalidRequest, "the EHLO client name is not a host name")
            }
            url = text.prefix(text.count - path.count) + "/" + clientName
        } else {
            url = text
        }
    }
}
