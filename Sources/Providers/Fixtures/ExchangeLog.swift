public import Foundation
import Synchronization
public import Transport

/// Collects the HTTP exchanges of one delivery attempt, redacted, for the message's delivery log.
///
/// The pipeline binds a log to the attempt's task with ``ExchangeLog/current``; every
/// ``LoggingTransport`` used inside that task appends to it. Outside such a task nothing is recorded.
public final class ExchangeLog: Sendable {
    /// The log bound to the current task, if any.
    @TaskLocal public static var current: ExchangeLog?

    private let entries = Mutex<[HTTPFixture]>([])

    /// Creates an empty log.
    public init() {}

    /// The exchanges recorded so far, in order.
    public var exchanges: [HTTPFixture] {
        entries.withLock { $0 }
    }

    func append(_ fixture: HTTPFixture) {
        entries.withLock { $0.append(fixture) }
    }
}

/// An ``HTTPTransport`` that records every exchange, redacted, into the task's ``ExchangeLog``.
///
/// Failures without a response are recorded too, with status 0 and the transport error as text.
public struct LoggingTransport: HTTPTransport {
    private let upstream: any HTTPTransport
    private let provider: String
    private let redactor: FixtureRedactor
    private let now: @Sendable () -> Date

    /// Wraps `upstream` for a provider; `redactor` removes the channel's secrets.
    public init(
        upstream: any HTTPTransport, provider: String, redactor: FixtureRedactor,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.upstream = upstream
        self.provider = provider
        self.redactor = redactor
        self.now = now
    }

    public func execute(_ request: HTTPRequest, deadline: ContinuousClock.Instant) async throws -> HTTPResponse {
        guard let log = ExchangeLog.current else { return try await upstream.execute(request, deadline: deadline) }
        let recordedAt = ISO8601Timestamp.string(from: now())
        do {
            let response = try await upstream.execute(request, deadline: deadline)
            log.append(
                HTTPFixture(
                    provider: provider, caseName: "attempt", recordedAt: recordedAt, request: redactor.request(request),
                    response: redactor.response(response)))
            return response
        } catch {
            log.append(
                HTTPFixture(
                    provider: provider, caseName: "attempt", recordedAt: recordedAt, notes: "\(error)",
                    request: redactor.request(request), response: .init(status: 0)))
            throw error
        }
    }
}
