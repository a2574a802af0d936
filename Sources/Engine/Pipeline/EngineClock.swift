public import Foundation

/// The pipeline's source of time, injected so tests never wait on the wall clock.
public protocol EngineClock: Sendable {
    /// The current time.
    func now() -> Date
    /// Suspends until `date` (or until cancelled).
    func sleep(until date: Date) async throws
}

/// The system's wall clock.
public struct SystemEngineClock: EngineClock {
    /// Creates the system clock.
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(until date: Date) async throws {
        let interval = date.timeIntervalSinceNow
        if interval > 0 { try await Task.sleep(for: .milliseconds(Int64(interval * 1000))) }
    }
}
