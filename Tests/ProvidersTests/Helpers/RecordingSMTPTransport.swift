import Synchronization
import Transport

/// An SMTP client that records what it is asked to send and answers with a scripted failure, if any.
final class RecordingSMTPTransport: SMTPTransport {
    struct Sent: Sendable {
        var message: [UInt8]
        var envelope: SMTPEnvelope
    }

    private let state = Mutex<(sent: [Sent], failure: TransportError?)>(([], nil))

    init(failure: TransportError? = nil) {
        state.withLock { $0.failure = failure }
    }

    var sent: [Sent] { state.withLock { $0.sent } }

    func send(_ message: [UInt8], envelope: SMTPEnvelope, deadline: ContinuousClock.Instant) async throws {
        let failure = state.withLock { state in
            state.sent.append(Sent(message: message, envelope: envelope))
            return state.failure
        }
        if let failure { throw failure }
    }
}
