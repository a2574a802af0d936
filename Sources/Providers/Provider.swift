/// A channel adapter: sends one rendered message through one provider (email, SMS, push, chat, webhook).
///
/// Implementations must:
/// - make exactly one delivery attempt per call: never retry, sleep, or wait for send windows
///   (the pipeline owns retries, backoff and scheduling);
/// - throw ``ProviderError`` with the code that tells the pipeline what to do next;
/// - be cancellation-aware (the transport stops the transfer when the task is cancelled);
/// - never log or put in errors any credential, token, or message body;
/// - read nothing global: configuration, transport and clock come in through the initialiser.
public protocol Provider: Sendable {
    /// The provider's name, such as `webhook`.
    var id: ProviderID { get }

    /// Sends `message` once.
    ///
    /// - Parameters:
    ///   - message: The rendered message and its recipient.
    ///   - context: The attempt's deadline, number, idempotency key and environment.
    /// - Returns: What the provider said when it accepted the message.
    /// - Throws: ``ProviderError``.
    func send(_ message: OutboundMessage, context: DeliveryContext) async throws -> DeliveryReceipt

    /// Releases what the provider holds (connections, token refresh tasks).
    func shutdown() async
}

extension Provider {
    public func shutdown() async {}
}
