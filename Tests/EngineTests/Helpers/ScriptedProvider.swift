import Engine
import Foundation
import Providers
import Synchronization

/// A provider that answers each send with the next scripted result, records what it was asked to
/// send, and understands a toy callback format: `{"id": "<provider id>", "status": "delivered", "sig": "ok"}`.
final class ScriptedProvider: Provider, StatusCallbackHandling {
    enum Reply {
        case accept(DeliveryReceipt)
        case fail(ProviderError.Code, retryAfter: Duration? = nil)
        case wait(AsyncStream<Void>)
    }

    let id: ProviderID = "scripted"
    private let replies: Mutex<[Reply]>
    private let fallback: Reply
    private let sent = Mutex<[OutboundMessage]>([])
    private let attempts = Mutex<[Int]>([])
    private let deadlines = Mutex<[ContinuousClock.Instant]>([])
    private let whileSending: @Sendable (Int) -> Void

    /// - Parameter whileSending: Called during each send with the attempt number (to move a clock).
    init(
        _ replies: [Reply] = [], otherwise fallback: Reply = .accept(DeliveryReceipt(outcome: .delivered)),
        whileSending: @escaping @Sendable (Int) -> Void = { _ in }
    ) {
        self.replies = Mutex(replies)
        self.fallback = fallback
        self.whileSending = whileSending
    }

    var sentMessages: [OutboundMessage] { sent.withLock { $0 } }
    var attemptNumbers: [Int] { attempts.withLock { $0 } }
    var attemptDeadlines: [ContinuousClock.Instant] { deadlines.withLock { $0 } }

    func send(_ message: OutboundMessage, context: DeliveryContext) async throws -> DeliveryReceipt {
        sent.withLock { $0.append(message) }
        attempts.withLock { $0.append(context.attempt) }
        deadlines.withLock { $0.append(context.deadline) }
        whileSending(context.attempt)
        let reply = replies.withLock { $0.isEmpty ? fallback : $0.removeFirst() }
        switch reply {
        case .accept(let receipt):
            return receipt
        case .fail(let code, let retryAfter):
            throw ProviderError(code, provider: id, message: "scripted \(code)", retryAfter: retryAfter)
        case .wait(let release):
            for await _ in release { break }
            if Task.isCancelled { throw ProviderError(.cancelled, provider: id, message: "cancelled") }
            return DeliveryReceipt(outcome: .delivered)
        }
    }

    func handleCallback(_ callback: ProviderCallback) async throws -> CallbackOutcome {
        guard let json = try? JSONValue.parse(callback.body), json["sig"]?.stringValue == "ok" else {
            throw ProviderError(.forgedCallback, provider: id, message: "bad signature")
        }
        guard let providerID = json["id"]?.stringValue,
            let status = json["status"]?.stringValue.flatMap(StatusUpdate.Status.init)
        else { return .updates([]) }
        return .updates([
            StatusUpdate(providerMessageID: providerID, status: status, reason: json["reason"]?.stringValue)
        ])
    }
}
