import Dispatch
import Foundation
import Glibc
import Synchronization

/// Writes log lines to a file descriptor from a thread of its own, many lines per `write(2)`.
///
/// ``write(_:)`` appends the line to a buffer and returns: the thread that logs (an HTTP event loop, for
/// the request log) never waits for the terminal, file or pipe at the other end, where a full pipe would
/// block it. The writer's thread sleeps until a line arrives in an empty buffer, lets lines gather for
/// ``batchDelay``, and writes everything waiting at once; under load that is one system call for
/// hundreds of lines, and an idle host has no timer running.
///
/// When the reader falls so far behind that ``capacity`` bytes wait, later lines are dropped and
/// counted, and the line `droppedNotice` makes of the count follows the lines kept, so the gap is visible.
///
/// ``flush()`` writes what waits before it returns; `serve` calls it before exiting. Lines logged in the
/// last ``batchDelay`` before the process is killed outright (`SIGKILL`) are lost.
///
/// ```swift
/// let writer = BufferedLogWriter { count in "\(count) log lines dropped\n" }
/// let logger = HostLogger(write: writer.write)
/// defer { writer.stop() }
/// ```
public final class BufferedLogWriter: Sendable {
    private struct State {
        var pending: [UInt8] = []
        /// The buffer written last, emptied: it takes the lines after the next ones with its capacity kept, so
        /// the buffer does not grow again from nothing after every write.
        var spare: [UInt8] = []
        var dropped = 0
        /// Whether the writer's thread was signalled for the lines waiting (so later lines need not).
        var isSignalled = false
        var isStopping = false
    }

    /// Where lines go.
    public let descriptor: Int32
    /// How long lines gather before the writer's thread writes them.
    public let batchDelay: Duration
    /// The most bytes that may wait; lines beyond it are dropped and counted.
    public let capacity: Int
    private let droppedNotice: @Sendable (Int) -> String
    private let state = Mutex(State())
    /// Serializes taking lines from the buffer and writing them, between the thread and ``flush()``.
    private let output = Mutex(())
    private let linesWaiting = DispatchSemaphore(value: 0)
    private let stopping = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// The largest buffer kept for reuse after a write (1 MiB).
    private static let spareCapacityLimit = 1 << 20

    /// Starts the writer's thread.
    ///
    /// - Parameters:
    ///   - descriptor: Where lines go (2, standard error, by default); the writer does not close it.
    ///   - batchDelay: How long lines gather before they are written (default 10 ms).
    ///   - capacity: The most bytes that may wait (default 8 MiB).
    ///   - droppedNotice: The line, with its newline, that reports how many lines were dropped.
    public init(
        descriptor: Int32 = 2, batchDelay: Duration = .milliseconds(10), capacity: Int = 8 << 20,
        droppedNotice: @escaping @Sendable (Int) -> String
    ) {
        self.descriptor = descriptor
        self.batchDelay = batchDelay
        self.capacity = capacity
        self.droppedNotice = droppedNotice
        // The thread holds the writer strongly until `stop()` lets it end.
        Thread { [self] in run() }.start()
    }

    /// Queues `line` (which ends with its newline) to be written, or counts it as dropped when
    /// ``capacity`` bytes already wait. Never blocks on the descriptor.
    @Sendable public func write(_ line: String) {
        let signal = state.withLock { state in
            guard !state.isStopping else { return false }
            guard state.pending.count + line.utf8.count <= capacity else {
                state.dropped += 1
                return false
            }
            state.pending.append(contentsOf: line.utf8)
            defer { state.isSignalled = true }
            return !state.isSignalled
        }
        if signal { linesWaiting.signal() }
    }

    /// Writes every line waiting (and the notice of any dropped) before returning.
    public func flush() {
        output.withLock { _ in
            var lines: [UInt8] = []
            let dropped = state.withLock { state in
                swap(&lines, &state.pending)
                swap(&state.pending, &state.spare)
                defer {
                    state.dropped = 0
                    state.isSignalled = false
                }
                return state.dropped
            }
            lines.withUnsafeBytes { HostLogger.writeAll($0, to: descriptor) }
            if dropped > 0 {
                Array(droppedNotice(dropped).utf8).withUnsafeBytes { HostLogger.writeAll($0, to: descriptor) }
            }
            // Kept unless a burst made it large; it is unique here, so emptying it keeps its storage.
            guard lines.capacity <= Self.spareCapacityLimit else { return }
            lines.removeAll(keepingCapacity: true)
            state.withLock { state in swap(&state.spare, &lines) }
        }
    }

    /// Writes what waits and ends the thread; lines written later are ignored. Safe to call more than once.
    public func stop() {
        let wasStopping = state.withLock { state in
            defer { state.isStopping = true }
            return state.isStopping
        }
        guard !wasStopping else { return }
        stopping.signal()
        linesWaiting.signal()
        finished.wait()
        flush()
    }

    private func run() {
        Thread.current.name = "log-writer"
        while true {
            linesWaiting.wait()
            // Lets lines gather, unless stop() cuts the wait short.
            let stopped = stopping.wait(timeout: .now() + .nanoseconds(Int(batchDelay.nanoseconds))) == .success
            flush()
            if stopped || state.withLock({ $0.isStopping }) { break }
        }
        finished.signal()
    }
}

extension Duration {
    /// The duration in whole nanoseconds (saturating).
    fileprivate var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : scaled.addingReportingOverflow(attoseconds / 1_000_000_000).partialValue
    }
}
