import Signing

extension SESProvider {
    /// The registry entry: settings and factory of the `ses` provider.
    public static let definition = ProviderDefinition(
        id: providerID,
        channelType: .email,
        summary: "Amazon SES email (SES v2 SendEmail, SigV4), with delivery events through SNS.",
        settings: SettingsSchema([
            SettingsField("region", .string(), required: true, "The AWS region, such as eu-west-1."),
            SettingsField("access_key_id", .string(), required: true, "The AWS access key ID."),
            SettingsField("secret_access_key", .secret, required: true, "The AWS secret access key."),
            SettingsField(
                "session_token", .secret,
                "The session token of temporary (STS) credentials; never refreshed, so an expired one fails sends."),
            SettingsField(
                "from", .string(), "The default sender, such as 'Acme <hello@acme.test>'; a message may override it."),
            SettingsField("configuration_set", .string(), "The SES configuration set to send with (event publishing)."),
            SettingsField(
                "sns_topic_arn", .string(), "Accept status callbacks only from this SNS topic (recommended)."),
            SettingsField(
                "sns_trust_roots_pem", .string(),
                "PEM root certificates for SNS signing certificates, instead of the system trust store (use $file)."),
            SettingsField(
                "sns_intermediates_pem", .string(),
                "PEM intermediate certificates that complete SNS certificate chains (use $file)."),
        ]),
        make: { settings, dependencies in
            try SESProvider(
                configuration: try SESConfiguration(settings: settings),
                transport: dependencies.transport,
                now: dependencies.now,
                outboundGuard: dependencies.outboundGuard
            )
        }
    )
}

extension SESConfiguration {
    /// Reads validated channel settings.
    ///
    /// - Throws: ``ProviderError/Code/misconfigured`` for a region that is not an AWS region name, or
    ///   trust PEMs that hold no readable certificate.
    init(settings: ChannelSettings) throws {
        let region = settings.string("region") ?? ""
        let regionIsValid =
            !region.isEmpty
            && region.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
        guard regionIsValid else {
            throw ProviderError(
                .misconfigured, provider: SESProvider.providerID,
                message: "region must be an AWS region name such as eu-west-1 (lower-case letters, digits and '-')")
        }
        var verifier = SNSMessageVerifier()
        if let roots = settings.string("sns_trust_roots_pem") {
            verifier.trust = .roots(try Self.certificates(roots, setting: "sns_trust_roots_pem"))
        }
        if let intermediates = settings.string("sns_intermediates_pem") {
            verifier.intermediates = try Self.certificates(intermediates, setting: "sns_intermediates_pem")
        }
        self.init(
            region: region,
            credentials: AWSCredentials(
                accessKeyID: settings.string("access_key_id") ?? "",
                secretAccessKey: settings.string("secret_access_key") ?? "",
                sessionToken: settings.string("session_token")),
            from: settings.string("from"),
            configurationSet: settings.string("configuration_set"),
            baseURL: settings.baseURL,
            isSandbox: settings.isSandbox,
            snsTopicARN: settings.string("sns_topic_arn"),
            snsVerifier: verifier
        )
    }

    private static func certificates(_ pem: String, setting: String) throws -> [Certificate] {
        do {
            return try Certificate.all(pem: pem)
        } catch {
            throw ProviderError(
                .misconfigured, provider: SESProvider.providerID,
                message: "\(setting) holds no readable PEM certificate")
        }
    }
}
