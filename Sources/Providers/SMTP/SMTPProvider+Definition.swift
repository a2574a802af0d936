import Transport

extension SMTPProvider {
    /// The registry entry: settings and factory of the `smtp` provider.
    public static let definition = ProviderDefinition(
        id: providerID,
        channelType: .email,
        summary: "Email through an SMTP server (STARTTLS or implicit TLS, AUTH); no status callbacks.",
        settings: SettingsSchema([
            SettingsField("host", .string(), required: true, "The SMTP server's host name or address."),
            SettingsField(
                "port", .integer(1...65535), "The port (default 587 for starttls, 465 for tls, 25 for none)."),
            SettingsField(
                "security", .string(oneOf: SMTPConfiguration.Security.names),
                "starttls (required STARTTLS, the default), tls (implicit TLS, smtps) or none (loopback hosts only)."),
            SettingsField("username", .string(), "The AUTH user name; requires password."),
            SettingsField("password", .secret, "The AUTH password; requires username."),
            SettingsField(
                "from", .string(), "The default sender, such as 'Acme <hello@acme.test>'; a message may override it."),
            SettingsField("helo_name", .string(), "The host name given in EHLO (default: libcurl's)."),
            SettingsField(
                "message_id_domain", .string(), "The domain of generated Message-IDs (default: the sender's domain)."),
            SettingsField(
                "tls_ca_file", .string(),
                "A PEM file (absolute path) of certificate authorities to trust instead of the system's, for a private relay."
            ),
        ]),
        make: { settings, dependencies in
            try SMTPProvider(
                configuration: try SMTPConfiguration(settings: settings),
                now: dependencies.now,
                makeTransport: dependencies.makeSMTPTransport
            )
        }
    )
}

extension SMTPConfiguration {
    /// Reads validated channel settings.
    ///
    /// - Throws: ``ProviderError/Code/misconfigured`` for a host that is not a host name or address,
    ///   `security: none` with a host that is not loopback, or a username without a password (or the
    ///   reverse).
    init(settings: ChannelSettings) throws {
        func misconfigured(_ message: String) -> ProviderError {
            ProviderError(.misconfigured, provider: SMTPProvider.providerID, message: message)
        }
        let host = settings.string("host") ?? ""
        guard !host.isEmpty, !host.utf8.contains(where: { $0 <= 0x20 || $0 >= 0x7F || "/@?#".utf8.contains($0) })
        else {
            throw misconfigured("host must be a host name or an IP address, without scheme, port or path")
        }
        let security = settings.string("security").flatMap(Security.init(name:)) ?? .startTLS
        guard security != .none || Self.isLoopback(host) else {
            throw misconfigured(
                "security 'none' sends credentials and mail in clear text and is accepted only for loopback hosts "
                    + "(localhost, 127.0.0.1, ::1); use 'starttls' or 'tls' for \(host)")
        }
        let username = settings.string("username")
        let password = settings.string("password")
        guard (username == nil) == (password == nil) else {
            throw misconfigured("set both username and password for AUTH, or neither")
        }
        self.init(
            host: host,
            port: settings.int("port"),
            security: security,
            credentials: username.flatMap { user in password.map { SMTPCredentials(username: user, password: $0) } },
            from: settings.string("from"),
            heloName: settings.string("helo_name"),
            messageIDDomain: settings.string("message_id_domain"),
            caBundlePath: settings.string("tls_ca_file"),
            isSandbox: settings.isSandbox
        )
    }
}
