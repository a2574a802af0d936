import Engine
import Foundation
import Synchronization

/// Receives the pipeline's timeline events and records when each benchmark message reached a final
/// status; optionally also when it was enqueued, for latencies.
///
/// The pipeline publishes events after it has stored them, so a recorded time is when the final
/// status was durable. Message ids are ``id(_:)``: the recorder finds a message's slot from its id.
final class DeliveryRecorder: StatusEventPublisher {
    private struct State {
        var delivered = 0
        var failed = 0
        var lastFinalAt = 0.0
        var enqueuedAt: [Double]
        var finalAt: [Double]
    }

    private static let prefix = "msg_bench_"
    private let origin = ContinuousClock.now
    private let state: Mutex<State>
    private let tracksTimes: Bool

    /// Creates a recorder for `count` messages; with `tracksTimes`, it keeps one enqueue and one final
    /// time per message (16 bytes each), otherwise only counts.
    init(count: Int, tracksTimes: Bool) {
        self.tracksTimes = tracksTimes
        let slots = tracksTimes ? count : 0
        state = Mutex(
            State(
                enqueuedAt: [Double](repeating: .nan, count: slots), finalAt: [Double](repeating: .nan, count: slots)))
    }

    /// The id of the benchmark message number `index`.
    static func id(_ index: Int) -> String { "\(prefix)\(index)" }

    /// Messages delivered so far.
    var delivered: Int { state.withLock { $0.delivered } }

    /// Messages that reached a final status other than `delivered` so far.
    var failed: Int { state.withLock { $0.failed } }

    /// Messages that reached a final status so far.
    var finished: Int { state.withLock { $0.delivered + $0.failed } }

    /// The time on the recorder's clock (seconds since it was created).
    var now: Double { seconds(since: origin) }

    /// When the last final status was recorded, on the recorder's clock.
    var lastFinalAt: Double { state.withLock { $0.lastFinalAt } }

    /// Notes that message `index` is being enqueued now.
    func markEnqueued(_ index: Int) {
        guard tracksTimes else { return }
        let now = seconds(since: origin)
        state.withLock { $0.enqueuedAt[index] = now }
    }

    func publish(_ events: [MessageEvent], of message: MessageRecord) async {
        guard events.contains(where: { $0.status == message.status }), Self.isFinal(message.status) else { return }
        let now = seconds(since: origin)
        let index = Int(message.id.dropFirst(Self.prefix.count))
        state.withLock { state in
            if message.status == .delivered { state.delivered += 1 } else { state.failed += 1 }
            state.lastFinalAt = max(state.lastFinalAt, now)
            if tracksTimes, let index, state.finalAt.indices.contains(index) { state.finalAt[index] = now }
        }
    }

    /// The times from enqueue to final status, in seconds, of the messages that have both; and the
    /// span from the first enqueue to the last final status.
    func latencies() -> (latencies: [Double], span: Double) {
        state.withLock { state in
            var latencies: [Double] = []
            latencies.reserveCapacity(state.finalAt.count)
            var first = Double.infinity
            var last = -Double.infinity
            for (enqueued, final) in zip(state.enqueuedAt, state.finalAt) where !enqueued.isNaN && !final.isNaN {
                latencies.append(final - enqueued)
                first = min(first, enqueued)
                last = max(last, final)
            }
            return (latencies.sorted(), latencies.isEmpty ? 0 : last - first)
        }
    }

    private static func isFinal(_ status: DeliveryStatus) -> Bool {
        [.delivered, .sent, .undelivered, .bounced, .notSent].contains(status)
    }

    private func seconds(since origin: ContinuousClock.Instant) -> Double {
        (ContinuousClock.now - origin).seconds
    }
}

extension Array where Element == Double {
    /// The value at quantile `q` (0...1) of a sorted array (nearest rank), or `nil` when empty.
    func quantile(_ q: Double) -> Double? {
        guard !isEmpty else { return nil }
        let rank = Int((q * Double(count)).rounded(.up)) - 1
        return self[Swift.min(Swift.max(rank, 0), count - 1)]
    }
}
