import Transport

extension OutboundMessage.Content {
    /// The error for content of the wrong type: the channel is misconfigured (its workflow step renders
    /// another channel type).
    private func mismatch(_ provider: ProviderID) -> ProviderError {
        ProviderError(
            .misconfigured, provider: provider,
            message: "a \(provider) channel cannot send \(channelType.rawValue) content")
    }

    /// The email content, or ``ProviderError/Code/misconfigured``.
    func email(for provider: ProviderID) throws(ProviderError) -> EmailContent {
        guard case .email(let content) = self else { throw mismatch(provider) }
        return content
    }

    /// The SMS content, or ``ProviderError/Code/misconfigured``.
    func sms(for provider: ProviderID) throws(ProviderError) -> SMSContent {
        guard case .sms(let content) = self else { throw mismatch(provider) }
        return content
    }

    /// The push content, or ``ProviderError/Code/misconfigured``.
    func push(for provider: ProviderID) throws(ProviderError) -> PushContent {
        guard case .push(let content) = self else { throw mismatch(provider) }
        return content
    }

    /// The chat content, or ``ProviderError/Code/misconfigured``.
    func chat(for provider: ProviderID) throws(ProviderError) -> ChatContent {
        guard case .chat(let content) = self else { throw mismatch(provider) }
        return content
    }

    /// The webhook content, or ``ProviderError/Code/misconfigured``.
    func webhook(for provider: ProviderID) throws(ProviderError) -> WebhookContent {
        guard case .webhook(let content) = self else { throw mismatch(provider) }
        return content
    }

    /// The in-app feed content, or ``ProviderError/Code/misconfigured``.
    func inAppFeed(for provider: ProviderID) throws(ProviderError) -> InAppFeedContent {
        guard case .inAppFeed(let content) = self else { throw mismatch(provider) }
        return content
    }
}

extension HTTPTransport {
    /// Executes `request` for a provider, turning a transport failure into the provider's error with the
    /// common mapping (``TransportError/providerCode``).
    func execute(_ request: HTTPRequest, deadline: ContinuousClock.Instant, for provider: ProviderID)
        async throws(ProviderError)
        -> HTTPResponse
    {
        do {
            return try await execute(request, deadline: deadline)
        } catch let error as TransportError {
            throw error.providerError(provider)
        } catch {
            throw ProviderError(
                .internalFailure, provider: provider, message: "unexpected transport failure: \(type(of: error))")
        }
    }
}
