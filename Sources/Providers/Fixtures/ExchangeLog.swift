public import Foundation
import Synchronization
public import Transport

/// Collects the HTTP exchanges of one delivery attempt for the message's delivery log.
///
/// The pipeline binds a log to the attempt's task with ``ExchangeLog/current``; every
/// ``LoggingTransport`` used inside that task appends to it. Outside such a task nothing is recorded.
///
/// Exchanges are kept as sent and received and redacted only when read, with the detail the caller
/// asks for: ``exchanges(_:)`` with ``DeliveryLogDetail/summary`` does not parse or redact the bodies
/// at all, which is most of what logging an attempt costs.
public final class ExchangeLog: Sendable {
    /// The log bound to the current task, if any.
    @TaskLocal public static var current: ExchangeLog?

    /// One exchange as it happened, with what redacts it.
    struct Entry: Sendable {
        var provider: String
        var redactor: FixtureRedactor
        var recordedAt: String
        var request: HTTPRequest
        var response: HTTPResponse?
        var failure: String?
    }

    private let entries = Mutex<[Entry]>([])

    /// Creates an empty log.
    public init() {}

    /// The exchanges recorded so far, in order, in full (redacted).
    public var exchanges: [HTTPFixture] {
        exchanges(.full)
    }

    /// The exchanges recorded so far, in order, redacted, with the bodies or only their sizes.
    ///
    /// - Parameter detail: ``DeliveryLogDetail/full`` for the bodies (redacted field by field);
    ///   ``DeliveryLogDetail/summary`` for the method, URL, headers and status only (all redacted),
    ///   with the bodies' sizes in the fixture's notes.
    /// - Returns: One fixture per exchange; a failure without a response has status 0 and the error,
    ///   with the channel's secrets scrubbed, as its notes.
    public func exchanges(_ detail: DeliveryLogDetail) -> [HTTPFixture] {
        entries.withLock { $0 }.map { entry in
            entry.fixture(detail)
        }
    }

    func append(_ entry: Entry) {
        entries.withLock { $0.append(entry) }
    }
}

extension ExchangeLog.Entry {
    /// The exchange as a redacted fixture.
    func fixture(_ detail: DeliveryLogDetail) -> HTTPFixture {
        let request: HTTPFixture.Request
        var responseFixture = HTTPFixture.Response(status: 0)
        let failure = self.failure.map { redactor.scrub($0) }
        var notes = failure
        switch detail {
        case .full:
            request = redactor.request(self.request)
            if let response { responseFixture = redactor.response(response) }
        case .summary:
            request = HTTPFixture.Request(
                method: self.request.method.rawValue, url: redactor.url(self.request.url),
                headers: redactor.headers(self.request.headers))
            if let response {
                responseFixture = HTTPFixture.Response(
                    status: response.status, headers: redactor.headers(response.headers))
            }
            let sizes =
                "summary: request body \(self.request.body.count) bytes"
                + (response.map { ", response body \($0.body.count) bytes" } ?? "")
            notes = [sizes, failure].compactMap { $0 }.joined(separator: "; ")
        }
        return HTTPFixture(
            provider: provider, caseName: "attempt", recordedAt: recordedAt, notes: notes, request: request,
            response: responseFixture)
    }
}

/// An ``HTTPTransport`` that records every exchange into the task's ``ExchangeLog``, to be redacted
/// when the log is read.
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
        var entry = ExchangeLog.Entry(
            provider: provider, redactor: redactor, recordedAt: recordedAt, request: request)
        do {
            let response = try await upstream.execute(request, deadline: deadline)
            entry.response = response
            log.append(entry)
            return response
        } catch {
            entry.failure = "\(error)"
            log.append(entry)
            throw error
        }
    }
}
