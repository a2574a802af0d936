import Foundation
import Providers
import Testing
import Transport

/// `LoggingTransport` records exchanges as they happened; `ExchangeLog` redacts them when read, in full
/// or as summaries.
@Suite struct ExchangeLogTests {
    /// A made-up channel secret, built at run time.
    static let secret = ["test", "secret", "4242"].joined(separator: "-")

    static func request() -> HTTPRequest {
        HTTPRequest(
            method: .post, url: "https://user:pw@hooks.example.test/in?token=\(secret)",
            headers: ["Content-Type": "application/json", "Authorization": "Token \(secret)", "X-Trace": "t-1"],
            body: Array(#"{"api_key":"\#(secret)","text":"hello"}"#.utf8))
    }

    static func logged(_ reply: MockTransport.Reply) async -> ExchangeLog {
        let transport = LoggingTransport(
            upstream: MockTransport([reply]), provider: "webhook", redactor: FixtureRedactor(secrets: [secret]),
            now: { Date(timeIntervalSince1970: 1_700_000_000) })
        let log = ExchangeLog()
        await ExchangeLog.$current.withValue(log) {
            _ = try? await transport.execute(request(), deadline: .now + .seconds(5))
        }
        return log
    }

    static let response = HTTPResponse(
        status: 200, headers: ["Content-Type": "application/json", "Set-Cookie": "s=1"],
        body: Array(#"{"ok":true}"#.utf8))

    @Test func aFullLogKeepsTheBodiesRedacted() async throws {
        let log = await Self.logged(.response(Self.response))
        let exchange = try #require(log.exchanges(.full).first)
        #expect(log.exchanges == log.exchanges(.full))
        #expect(exchange.recordedAt == "2023-11-14T22:13:20Z")
        #expect(exchange.request.method == "POST")
        #expect(exchange.request.url == "https://hooks.example.test/in?token=%3Credacted%3E")
        #expect(exchange.request.body == .json(["api_key": "<redacted>", "text": "hello"]))
        #expect(exchange.response.status == 200)
        #expect(exchange.response.body == .json(["ok": true]))
        #expect(exchange.notes == nil)
    }

    @Test func aSummaryKeepsTheRequestLineHeadersStatusAndBodySizes() async throws {
        let log = await Self.logged(.response(Self.response))
        let exchange = try #require(log.exchanges(.summary).first)
        #expect(exchange.request.method == "POST")
        #expect(exchange.request.url == "https://hooks.example.test/in?token=%3Credacted%3E")
        #expect(exchange.request.headers.map(\.name) == ["content-type", "authorization", "x-trace"])
        #expect(exchange.request.headers.map(\.value) == ["application/json", "<redacted>", "t-1"])
        #expect(exchange.request.body == .none)
        #expect(exchange.response.status == 200)
        #expect(exchange.response.headers.map(\.name) == ["content-type", "set-cookie"])
        #expect(exchange.response.body == .none)
        #expect(exchange.notes == "summary: request body 45 bytes, response body 11 bytes")
        #expect(!"\(exchange)".contains(Self.secret))
    }

    @Test func aFailureKeepsItsErrorWithSecretsScrubbed() async throws {
        let error = TransportError(.connectFailed, "could not reach hooks.example.test?token=\(Self.secret)")
        let log = await Self.logged(.failure(error))
        let full = try #require(log.exchanges(.full).first)
        #expect(full.response.status == 0)
        #expect(full.notes == "TransportError.connectFailed: could not reach hooks.example.test?token=<redacted>")
        #expect(full.request.body == .json(["api_key": "<redacted>", "text": "hello"]))
        let summary = try #require(log.exchanges(.summary).first)
        #expect(
            summary.notes
                == "summary: request body 45 bytes; "
                + "TransportError.connectFailed: could not reach hooks.example.test?token=<redacted>")
    }

    @Test func nothingIsRecordedOutsideALoggedTask() async throws {
        let upstream = MockTransport([.response(Self.response)])
        let transport = LoggingTransport(upstream: upstream, provider: "webhook", redactor: FixtureRedactor())
        let response = try await transport.execute(Self.request(), deadline: .now + .seconds(5))
        #expect(response == Self.response)
        #expect(await upstream.requests == [Self.request()])
    }
}
