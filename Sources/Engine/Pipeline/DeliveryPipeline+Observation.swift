import Foundation
import Providers

extension DeliveryPipeline {
    /// Tells the observer about an attempt that ended, classed by the status it left the message in.
    ///
    /// - Parameters:
    ///   - message: The message as the attempt left it (status and attempt count updated).
    ///   - channel: The channel it went through.
    ///   - result: The provider's answer.
    ///   - duration: Seconds the provider took, by the pipeline's clock.
    func observeAttempt(
        _ message: MessageRecord, channel: DeliveryChannel, result: Result<DeliveryReceipt, ProviderError>,
        duration: TimeInterval
    ) {
        let outcome: AttemptOutcome
        var errorCode: String?
        switch result {
        case .success:
            outcome = .success
        case .failure(let error):
            errorCode = error.code.description
            switch message.status {
            case .deliveryAttempted: outcome = .retryable
            case .bounced: outcome = .bounced
            default: outcome = error.code.isRetryable ? .exhausted : .permanent
            }
        }
        observer.attemptFinished(
            AttemptObservation(
                channel: channel.key, provider: channel.settings.provider.rawValue, outcome: outcome,
                errorCode: errorCode, attempt: message.attemptCount, duration: max(0, duration)))
    }

    /// Tells the observer that a stored message is now in `message.status`, if that changed.
    ///
    /// - Parameters:
    ///   - message: The message as stored.
    ///   - previous: Its status before, or `nil` when it was stored new.
    ///   - date: When it changed, by the pipeline's clock.
    func observeStatus(_ message: MessageRecord, previous: DeliveryStatus?, at date: Date) {
        guard message.status != previous else { return }
        observer.statusReached(
            StatusObservation(
                channel: ChannelKey(environment: message.environment, channelID: message.channelID),
                provider: message.provider.rawValue, status: message.status, previous: previous,
                latency: max(0, date.timeIntervalSince(message.createdAt))))
    }
}
