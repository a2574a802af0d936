extension TwilioProvider {
    /// The registry entry: settings and factory of the `twilio` provider.
    public static let definition = ProviderDefinition(
        id: providerID,
        channelType: .sms,
        summary: "SMS through Twilio's Messages API; signed status callbacks (X-Twilio-Signature).",
        settings: SettingsSchema(
            [
                SettingsField(
                    "account_sid", .string(), required: true, "The account SID (AC…), in every request path."),
                SettingsField(
                    "auth_token", .secret,
                    "The account's auth token: Basic credentials with account_sid, and the key that verifies "
                        + "status callbacks."),
                SettingsField("api_key_sid", .string(), "An API key SID (SK…); used instead of auth_token to send."),
                SettingsField("api_key_secret", .secret, "The API key's secret."),
                SettingsField("from", .string(), "The sender number (E.164) or alphanumeric sender id."),
                SettingsField(
                    "messaging_service_sid", .string(), "A Messaging Service SID (MG…), used when from is not set."),
                SettingsField(
                    "status_callback_url", .url(),
                    "The public URL Twilio posts status callbacks to; needs auth_token to verify them."),
                SettingsField("test_account_sid", .string(), "The Test Account SID, used in sandbox mode."),
                SettingsField("test_auth_token", .secret, "The Test Auth Token, used in sandbox mode."),
                SettingsField("test_from", .string(), "The sandbox sender: a magic number (default +15005550006)."),
            ],
            requireOneOf: [["auth_token", "api_key_secret"], ["from", "messaging_service_sid"]]),
        make: { settings, dependencies in
            TwilioProvider(
                configuration: try TwilioConfiguration(settings: settings),
                transport: dependencies.transport,
                now: dependencies.now
            )
        }
    )
}

extension TwilioConfiguration {
    /// Reads validated channel settings.
    ///
    /// - Throws: ``ProviderError/Code/misconfigured`` for half an API key, a status callback URL without
    ///   `auth_token`, or sandbox mode without test credentials.
    init(settings: ChannelSettings) throws {
        func fail(_ message: String) -> ProviderError {
            ProviderError(.misconfigured, provider: TwilioProvider.providerID, message: message)
        }
        let authToken = settings.string("auth_token")
        var authentication: Authentication?
        switch (settings.string("api_key_sid"), settings.string("api_key_secret")) {
        case (let sid?, let secret?): authentication = .apiKey(sid: sid, secret: secret)
        case (nil, nil): authentication = authToken.map { .authToken($0) }
        default: throw fail("set both api_key_sid and api_key_secret, or neither")
        }
        let callbackURL = settings.string("status_callback_url")
        if callbackURL != nil && authToken == nil {
            throw fail(
                "status_callback_url needs auth_token: Twilio signs callbacks with the account's auth token, "
                    + "even when sending with an API key")
        }
        var test: TestCredentials?
        if let sid = settings.string("test_account_sid"), let token = settings.string("test_auth_token") {
            test = TestCredentials(
                accountSID: sid, authToken: token, from: settings.string("test_from") ?? TwilioConfiguration.magicFrom)
        }
        if settings.isSandbox && test == nil {
            throw fail("sandbox mode sends with Twilio's test credentials: set test_account_sid and test_auth_token")
        }
        self.init(
            accountSID: settings.string("account_sid") ?? "",
            authentication: authentication,
            authToken: authToken,
            from: settings.string("from"),
            messagingServiceSID: settings.string("messaging_service_sid"),
            statusCallbackURL: callbackURL,
            testCredentials: test,
            baseURL: settings.baseURL,
            isSandbox: settings.isSandbox
        )
    }
}
