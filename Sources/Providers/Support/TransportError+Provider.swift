public import Transport

extension TransportError {
    /// The provider error code for a transport failure, for providers that follow the common rules:
    /// timeouts and connection, TLS and protocol failures may succeed later; a request that cannot be
    /// built, a host that does not resolve or one the address policy refuses is a configuration problem; cancellation stays cancellation.
    public var providerCode: ProviderError.Code {
        switch code {
        case .timeout: .timeout
        case .connectFailed, .tls: .connectionFailed
        case .protocolError, .tooLarge: .unavailable
        case .dns, .invalidRequest, .forbiddenAddress: .misconfigured
        case .cancelled: .cancelled
        case .rejected: .rejected
        default: .internalFailure
        }
    }

    /// A ``ProviderError`` for this failure, attributed to `provider`.
    public func providerError(_ provider: ProviderID, code: ProviderError.Code? = nil) -> ProviderError {
        ProviderError(code ?? providerCode, provider: provider, message: "\(self.code): \(message)")
    }
}
