import Dispatch
import Foundation

/// Why a long-running command should stop: a signal (`SIGTERM`, `SIGINT`) or a condition it polls.
///
/// Creating it ignores the signals' default action (ending the process) and watches them with
/// dispatch sources instead, so that the command can shut down gracefully. Call ``cancel()`` when done.
final class StopRequests {
    /// Stop reasons in the order they came: `"SIGTERM"`, `"SIGINT"`, or a polled condition's name.
    let reasons: AsyncStream<String>
    private let continuation: AsyncStream<String>.Continuation
    private var sources: [any DispatchSourceSignal] = []
    private var pollers: [Task<Void, Never>] = []

    /// Starts watching `SIGTERM` and `SIGINT`.
    init() {
        (reasons, continuation) = AsyncStream.makeStream(of: String.self)
        let queue = DispatchQueue(label: "delivery-host.signals")
        for (number, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            let continuation = continuation
            source.setEventHandler { continuation.yield(name) }
            source.resume()
            sources.append(source)
        }
    }

    /// Also stops, with the reason `name`, once `condition` holds; it is checked every `interval`.
    func stop(
        when condition: @escaping @Sendable () async -> Bool, named name: String, every interval: Duration
    ) {
        let continuation = continuation
        pollers.append(
            Task {
                while !Task.isCancelled {
                    if await condition() {
                        continuation.yield(name)
                        return
                    }
                    try? await Task.sleep(for: interval)
                }
            })
    }

    /// Runs `work` now and then every `interval` until ``cancel()`` (housekeeping such as retention).
    func `repeat`(every interval: Duration, _ work: @escaping @Sendable () async -> Void) {
        pollers.append(
            Task {
                while !Task.isCancelled {
                    await work()
                    try? await Task.sleep(for: interval)
                }
            })
    }

    /// Stops watching; the signals stay ignored until the process exits.
    func cancel() {
        for source in sources { source.cancel() }
        for poller in pollers { poller.cancel() }
        continuation.finish()
    }
}
