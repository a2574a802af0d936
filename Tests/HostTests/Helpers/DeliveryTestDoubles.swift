import Engine
import Foundation
import Providers
import Synchronization

/// A provider that answers each send with the next scripted reply (delivered once they run out), moving
/// a clock by the reply's duration while it "works".
final class TimedProvider: Provider {
    /// One answer: after `seconds`, accept (`nil`) or fail with a code.
    struct Reply: Sendable {
        var seconds: TimeInterval
        var failure: ProviderError.Code?
    }

    let id: ProviderID = "scripted"
    private let replies: Mutex<[Reply]>
    private let clock: SteppedClock

    init(_ replies: [Reply], clock: SteppedClock) {
        self.replies = Mutex(replies)
        self.clock = clock
    }

    func send(_ message: OutboundMessage, context: DeliveryContext) async throws -> DeliveryReceipt {
        let reply = replies.withLock { $0.isEmpty ? Reply(seconds: 0, failure: nil) : $0.removeFirst() }
        clock.advance(by: reply.seconds)
        if let code = reply.failure { throw ProviderError(code, provider: id, message: "scripted \(code)") }
        return DeliveryReceipt(outcome: .delivered, detail: "HTTP 200")
    }
}
